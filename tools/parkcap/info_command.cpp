// `parkcap info DATA`: what was loaded, in which CRS, what was kept and rejected,
// and how the parcels fall into parks and districts.
#include <algorithm>
#include <cstdio>
#include <map>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "command.hpp"
#include "data_quality_summary.hpp"
#include "parkcap/core/units.hpp"
#include "parkcap/crs/working_crs.hpp"
#include "parkcap/model/summary.hpp"
#include "parkcap/report/issues_csv.hpp"

namespace parkcap::cli {

namespace {

using nlohmann::ordered_json;

/// How many sources (files, or layers of one file) the logical layer was read from.
std::size_t parts_of(const City& city, const std::string& logical) {
    return static_cast<std::size_t>(
        std::count_if(city.layers.begin(), city.layers.end(), [&](const LayerInfo& l) { return l.logical == logical; }));
}

class InfoCommand : public Command {
public:
    const char* name() const override { return "info"; }
    const char* description() const override {
        return "Load a city and report its layers, CRS, record counts, extent, and parcels by park and district";
    }

    void setup(CLI::App& app) override {
        input_.add_to(app);
        // The data-quality report runs the audit's rules (without distances), so
        // it reads the same rules file and date an audit would.
        input_.add_rules(app);
        app.add_option("--as-of", input_.session.as_of,
                       "date the data-quality report judges ages from (YYYY-MM-DD); default: today")
            ->check(kNonEmpty);
        app.add_flag("--json", json_, "print the report as JSON on stdout");
        app.add_option("--rejects", rejects_path_, "where to write the rejects report (CSV, UTF-8 with BOM)")->check(kNonEmpty)
            ->capture_default_str();
        app.add_flag("--strict", strict_, "exit with code 4 when any record is rejected");
    }

    int run() override {
        // The rejects report is rewritten by every run, but never over an input.
        cli::check_outputs(input_.session, {{rejects_path_, "--rejects", session::OutputKind::CsvFile, true}});
        ProgressBar bar(input_.quiet);
        input_.session.rejects_file = rejects_path_;
        const session::Session s = session::load(input_.session, bar.callback());
        const City& city = s.city;
        bar.finish();
        report::write_issues_csv(rejects_path_, rejects_report_rows(city));
        const CitySummary summary = summarize(city);
        as_of_ = input_.session.as_of.empty() ? session::today() : session::parse_as_of(input_.session.as_of);
        quality_ = audit::assess_data_quality(city, s.rules, as_of_);
        if (json_) print_json(city, summary);
        else print_text(city, summary);
        const bool any_rejected = city.report.count(Severity::Rejected) > 0;
        return strict_ && any_rejected ? kExitData : kExitOk;
    }

private:
    void print_text(const City& city, const CitySummary& s) const {
        std::string out;
        out += fmt::format("Working CRS: EPSG:{} {}{}\n", city.crs.epsg, city.crs.name,
                           city.crs.chosen_automatically ? " (the CGCS2000 3-degree zone nearest the data)" : " (--crs)");
        out += "\nLayers (one row per source file; a layer read from several files adds a total)\n";
        TextTable layers({"layer", "source", "CRS", "encoding", "read", "kept", "incomplete", "repaired", "merged", "rejected"},
                         {false, false, false, false, true, true, true, true, true, true});
        auto counts_row = [](const LayerCounts& c) {
            return std::vector<std::string>{std::to_string(c.read),       std::to_string(c.kept),
                                            std::to_string(c.incomplete), std::to_string(c.repaired),
                                            std::to_string(c.merged),     std::to_string(c.rejected)};
        };
        for (std::size_t k = 0; k < city.layers.size(); ++k) {
            const LayerInfo& l = city.layers[k];
            std::string crs = l.crs_id.empty() ? l.crs_name : l.crs_id;
            if (l.crs_declared) crs += " (declared)";
            std::vector<std::string> row = {l.logical, l.source.file + (l.source.layer.empty() ? "" : ":" + l.source.layer),
                                            crs.empty() ? "-" : crs, l.encoding};
            for (auto& c : counts_row(l.counts)) row.push_back(std::move(c));
            layers.add(std::move(row));
            const bool last_of_layer = k + 1 == city.layers.size() || city.layers[k + 1].logical != l.logical;
            const std::size_t files = parts_of(city, l.logical);
            if (last_of_layer && files > 1) {
                const auto it = city.report.counts.find(l.logical);
                std::vector<std::string> total = {l.logical, fmt::format("total of {} sources", files), "", ""};
                for (auto& c : counts_row(it != city.report.counts.end() ? it->second : LayerCounts{})) total.push_back(std::move(c));
                layers.add(std::move(total));
            }
        }
        out += layers.render();

        const crs::LonLatTransform to_lonlat(city.crs.epsg);
        const geom::Point lo = to_lonlat({city.extent.min_x, city.extent.min_y});
        const geom::Point hi = to_lonlat({city.extent.max_x, city.extent.max_y});
        out += fmt::format("\nExtent: x {:.1f} .. {:.1f}, y {:.1f} .. {:.1f} m (EPSG:{}); {:.4f}°E .. {:.4f}°E, "
                           "{:.4f}°N .. {:.4f}°N\n",
                           city.extent.min_x, city.extent.max_x, city.extent.min_y, city.extent.max_y, city.crs.epsg,
                           lo.x, hi.x, lo.y, hi.y);
        out += fmt::format("Parcels: {} totalling {} 亩 ({} ha), planar area in EPSG:{}\n", s.total.parcels,
                           format_number(units::m2_to_mu(s.total.area_m2), 1),
                           format_number(units::m2_to_ha(s.total.area_m2), 1), city.crs.epsg);

        out += "\nParks (parcel assigned by the park containing its centroid)\n";
        TextTable parks({"park", "name", "level", "district", "park area 亩", "parcels", "parcel area 亩", "parcel area ha"},
                        {false, false, false, false, true, true, true, true});
        for (std::size_t p = 0; p < city.parks.size(); ++p) {
            const Park& park = city.parks[p];
            parks.add({park.park_id, park.name, chinese_name(park.level), city.districts[park.district].code,
                       format_number(units::m2_to_mu(park.area_m2), 1), std::to_string(s.by_park[p].parcels),
                       format_number(units::m2_to_mu(s.by_park[p].area_m2), 1),
                       format_number(units::m2_to_ha(s.by_park[p].area_m2), 1)});
        }
        parks.add({"-", "园区外 outside parks", "", "", "", std::to_string(s.outside_parks.parcels),
                   format_number(units::m2_to_mu(s.outside_parks.area_m2), 1),
                   format_number(units::m2_to_ha(s.outside_parks.area_m2), 1)});
        out += parks.render();

        out += "\nDistricts\n";
        TextTable districts({"district", "name", "parcels", "area 亩", "area ha"}, {false, false, true, true, true});
        for (std::size_t d = 0; d < city.districts.size(); ++d) {
            districts.add({city.districts[d].code, city.districts[d].name, std::to_string(s.by_district[d].parcels),
                           format_number(units::m2_to_mu(s.by_district[d].area_m2), 1),
                           format_number(units::m2_to_ha(s.by_district[d].area_m2), 1)});
        }
        out += districts.render();
        if (!city.projects.empty() || !city.quota.empty())
            out += fmt::format("\nProjects: {}   Quota rows: {}\n", city.projects.size(), city.quota.size());

        out += data_quality_text(quality_, fmt::format("as of {}; `parkcap audit` writes it as layer data_quality", as_of_.iso()));

        const uint64_t rejected = city.report.count(Severity::Rejected);
        const uint64_t warnings = city.report.count(Severity::Warning);
        out += fmt::format("\nRejects report: {} ({} rejected, {} warnings)\n", rejects_path_, rejected, warnings);
        // Counts by kind, then the first rejections inline, so a planner sees what
        // is wrong without opening the file.
        std::map<std::string, uint64_t> by_code;
        for (const auto& i : city.report.issues) ++by_code[i.code];
        for (const auto& [code, n] : by_code) out += fmt::format("  {:>6} × {}\n", n, code);
        std::size_t shown = 0;
        for (const auto& i : city.report.issues) {
            if (i.severity != Severity::Rejected) continue;
            if (shown++ == 10) {
                out += fmt::format("  ... {} more rejected in the report\n", rejected - 10);
                break;
            }
            out += fmt::format("  rejected: {}\n", i.to_string());
        }
        std::fwrite(out.data(), 1, out.size(), stdout);
    }

    void print_json(const City& city, const CitySummary& s) const {
        ordered_json j;
        j["working_crs"] = {{"epsg", city.crs.epsg}, {"name", city.crs.name}, {"automatic", city.crs.chosen_automatically}};
        for (const auto& l : city.layers) {
            const LayerCounts& c = l.counts;
            j["layers"].push_back({{"layer", l.logical},
                                   {"file", l.source.file},
                                   {"source_layer", l.source.layer},
                                   {"label", l.label},
                                   {"driver", l.driver},
                                   {"crs", l.crs_id},
                                   {"crs_name", l.crs_name},
                                   {"crs_declared", l.crs_declared},
                                   {"encoding", l.encoding},
                                   {"read", c.read},
                                   {"kept", c.kept},
                                   {"incomplete", c.incomplete},
                                   {"repaired", c.repaired},
                                   {"merged", c.merged},
                                   {"rejected", c.rejected},
                                   {"warned", c.warned}});
        }
        for (const auto& [logical, c] : city.report.counts)
            j["layer_totals"][logical] = {{"sources", parts_of(city, logical)}, {"read", c.read},         {"kept", c.kept},
                                          {"incomplete", c.incomplete},     {"repaired", c.repaired}, {"merged", c.merged},
                                          {"rejected", c.rejected},         {"warned", c.warned}};
        j["extent"] = {city.extent.min_x, city.extent.min_y, city.extent.max_x, city.extent.max_y};
        j["parcels"] = {{"count", s.total.parcels}, {"area_m2", s.total.area_m2}, {"area_mu", units::m2_to_mu(s.total.area_m2)}};
        for (std::size_t p = 0; p < city.parks.size(); ++p) {
            const Park& park = city.parks[p];
            j["parks"].push_back({{"park_id", park.park_id},
                                  {"name", park.name},
                                  {"level", to_string(park.level)},
                                  {"district", city.districts[park.district].code},
                                  {"park_area_mu", units::m2_to_mu(park.area_m2)},
                                  {"parcels", s.by_park[p].parcels},
                                  {"parcel_area_mu", units::m2_to_mu(s.by_park[p].area_m2)},
                                  {"parcel_area_ha", units::m2_to_ha(s.by_park[p].area_m2)}});
        }
        j["outside_parks"] = {{"parcels", s.outside_parks.parcels}, {"area_mu", units::m2_to_mu(s.outside_parks.area_m2)}};
        for (std::size_t d = 0; d < city.districts.size(); ++d)
            j["districts"].push_back({{"district", city.districts[d].code},
                                      {"name", city.districts[d].name},
                                      {"parcels", s.by_district[d].parcels},
                                      {"area_mu", units::m2_to_mu(s.by_district[d].area_m2)},
                                      {"area_ha", units::m2_to_ha(s.by_district[d].area_m2)}});
        j["projects"] = city.projects.size();
        j["quota_rows"] = city.quota.size();
        j["data_quality"] = data_quality_json(quality_);
        j["data_quality"]["as_of"] = as_of_.iso();
        j["rejects_report"] = rejects_path_;
        j["rejected"] = city.report.count(Severity::Rejected);
        j["warnings"] = city.report.count(Severity::Warning);
        print_json_document(j);
    }

    InputOptions input_;
    Date as_of_;
    audit::DataQuality quality_;
    bool json_ = false;
    bool strict_ = false;
    std::string rejects_path_ = "parkcap-rejects.csv";
};

}  // namespace

std::unique_ptr<Command> make_info_command() { return std::make_unique<InfoCommand>(); }

}  // namespace parkcap::cli
