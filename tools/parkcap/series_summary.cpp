#include "series_summary.hpp"

#include <cmath>

#include <fmt/format.h>

#include "cli_support.hpp"

namespace parkcap::cli {

using namespace monitor;

namespace {

std::string pct(double ratio) { return std::isnan(ratio) ? "-" : fmt::format("{:.1f}%", ratio * 100); }
nlohmann::ordered_json number_or_null(double v) { return std::isnan(v) ? nlohmann::ordered_json() : nlohmann::ordered_json(v); }

std::string place_label(const SeriesPlace& p) { return p.level == PlaceLevel::City ? std::string("city") : p.code; }

}  // namespace

std::string series_summary_text(const AuditSeries& s, const SeriesOutputs& outputs) {
    std::string out = fmt::format("Series of {} audits of one city ({}), in date order:\n", s.audits.size(),
                                  s.audits.front().working_crs);
    TextTable audits({"as of", "audit", "parcels"}, {false, false, true});
    for (const AuditSnapshot& a : s.audits) audits.add({a.as_of.iso(), a.path, format_number(a.parcels.size(), 0)});
    out += audits.render();

    std::vector<std::string> header{"place", "name"};
    std::vector<bool> right{false, false};
    for (const AuditSnapshot& a : s.audits) header.push_back(a.as_of.iso()), right.push_back(true);

    out += "\n闲置土地 idle land found, 亩:\n";
    TextTable idle(header, right);
    for (const SeriesPlace& p : s.places) {
        if (p.level == PlaceLevel::Park) continue;
        std::vector<std::string> row{place_label(p), p.name};
        for (const SeriesPoint& point : p.points) row.push_back(point.figures ? format_number(point.figures->idle_mu, 1) : "-");
        idle.add(std::move(row));
    }
    out += idle.render();

    out += "\n处置率 since the audit before, 批而未供 / 闲置 / 低效 (- : no such stock to dispose of):\n";
    std::vector<std::string> later{"place", "name"};
    std::vector<bool> later_right{false, false};
    for (std::size_t t = 1; t < s.audits.size(); ++t) later.push_back(s.audits[t].as_of.iso()), later_right.push_back(true);
    TextTable rates(later, later_right);
    for (const SeriesPlace& p : s.places) {
        if (p.level == PlaceLevel::Park) continue;
        std::vector<std::string> row{place_label(p), p.name};
        for (std::size_t t = 1; t < p.points.size(); ++t) {
            const auto& d = *p.points[t].disposal;
            row.push_back(fmt::format("{} / {} / {}", pct(d[0].rate()), pct(d[1].rate()), pct(d[2].rate())));
        }
        rates.add(std::move(row));
    }
    out += rates.render();

    out += fmt::format("\nWritten: {}", outputs.gpkg);
    if (!outputs.csv_dir.empty()) out += fmt::format(", CSV tables in {}", outputs.csv_dir);
    if (!outputs.charts_dir.empty()) out += fmt::format(", {} charts in {}", outputs.charts.size(), outputs.charts_dir);
    out += "\n";
    return out;
}

nlohmann::ordered_json series_summary_json(const AuditSeries& s, const SeriesOutputs& outputs) {
    using json = nlohmann::ordered_json;
    json j;
    json audits = json::array();
    for (const AuditSnapshot& a : s.audits)
        audits.push_back({{"path", a.path}, {"as_of", a.as_of.iso()}, {"parcels", a.parcels.size()}});
    j["audits"] = audits;
    j["working_crs"] = s.audits.front().working_crs;
    json places = json::array();
    for (const SeriesPlace& p : s.places) {
        json periods = json::array();
        for (std::size_t t = 0; t < p.points.size(); ++t) {
            const SeriesPoint& point = p.points[t];
            json period = {{"as_of", s.audits[t].as_of.iso()}, {"in_audit", point.figures.has_value()}};
            if (const auto& f = point.figures) {
                period["parcels"] = f->parcels;
                period["parcel_mu"] = f->parcel_mu;
                period["appr_mu"] = f->approved_mu;
                period["idle_mu"] = f->idle_mu;
                period["lowef_mu"] = f->low_efficiency_mu;
                period["util"] = number_or_null(f->utilisation);
                period["supply_rat"] = number_or_null(f->supply_ratio);
                period["tax_mu"] = number_or_null(f->tax_wan_per_mu);
            }
            json disposal;  // null at the first date: there is no audit before
            if (point.disposal) {
                disposal = json::object();
                for (std::size_t k = 0; k < kStockKindCount; ++k) {
                    const DisposalFigures& d = (*point.disposal)[k];
                    disposal[std::string(kStockKindNames[k])] = {
                        {"flagged_mu", d.flagged_mu}, {"disposed_mu", d.disposed_mu()}, {"rate", number_or_null(d.rate())}};
                }
            }
            period["disposal"] = disposal;
            periods.push_back(period);
        }
        places.push_back({{"level", kPlaceLevelNames[static_cast<std::size_t>(p.level)]},
                          {"code", p.code},
                          {"name", p.name},
                          {"district", p.district},
                          {"periods", periods}});
    }
    j["places"] = places;
    j["notes"] = s.notes;
    j["outputs"] = {{"gpkg", outputs.gpkg}, {"csv_dir", outputs.csv_dir}, {"charts_dir", outputs.charts_dir},
                    {"charts", outputs.charts}};
    return j;
}

}  // namespace parkcap::cli
