// `parkcap info DATA`: what was loaded, in which CRS, what was kept and rejected,
// and how the parcels fall into parks and districts.
#include <cstdio>
#include <map>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "command.hpp"
#include "parkcap/core/units.hpp"
#include "parkcap/crs/working_crs.hpp"
#include "parkcap/model/summary.hpp"
#include "parkcap/report/issues_csv.hpp"

namespace parkcap::cli {

namespace {

using nlohmann::ordered_json;

class InfoCommand : public Command {
public:
    const char* name() const override { return "info"; }
    const char* description() const override {
        return "Load a city and report its layers, CRS, record counts, extent, and parcels by park and district";
    }

    void setup(CLI::App& app) override {
        input_.add_to(app);
        app.add_flag("--json", json_, "print the report as JSON on stdout");
        app.add_option("--rejects", rejects_path_, "where to write the rejects report (CSV, UTF-8 with BOM)")
            ->capture_default_str();
        app.add_flag("--strict", strict_, "exit with code 4 when any record is rejected");
    }

    int run() override {
        // The rejects report is rewritten by every run, but never over an input.
        cli::check_outputs(input_.session, {{rejects_path_, "--rejects", session::OutputKind::CsvFile, true}});
        ProgressBar bar(input_.quiet);
        const session::Session s = session::load(input_.session, bar.callback());
        const City& city = s.city;
        bar.finish();
        report::write_issues_csv(rejects_path_, city.report.issues);
        const CitySummary summary = summarize(city);
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
        out += "\nLayers\n";
        TextTable layers({"layer", "source", "CRS", "encoding", "read", "kept", "repaired", "rejected"},
                         {false, false, false, false, true, true, true, true});
        for (const auto& l : city.layers) {
            const auto it = city.report.counts.find(l.logical);
            const LayerCounts c = it != city.report.counts.end() ? it->second : LayerCounts{};
            std::string crs = l.crs_id.empty() ? l.crs_name : l.crs_id;
            if (l.crs_declared) crs += " (declared)";
            layers.add({l.logical, l.source.file + (l.source.layer.empty() ? "" : ":" + l.source.layer),
                        crs.empty() ? "-" : crs, l.encoding, std::to_string(c.read), std::to_string(c.kept),
                        std::to_string(c.repaired), std::to_string(c.rejected)});
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
            const auto it = city.report.counts.find(l.logical);
            const LayerCounts c = it != city.report.counts.end() ? it->second : LayerCounts{};
            j["layers"].push_back({{"layer", l.logical},
                                   {"file", l.source.file},
                                   {"source_layer", l.source.layer},
                                   {"driver", l.driver},
                                   {"crs", l.crs_id},
                                   {"crs_name", l.crs_name},
                                   {"crs_declared", l.crs_declared},
                                   {"encoding", l.encoding},
                                   {"read", c.read},
                                   {"kept", c.kept},
                                   {"repaired", c.repaired},
                                   {"rejected", c.rejected},
                                   {"warned", c.warned}});
        }
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
        j["rejects_report"] = rejects_path_;
        j["rejected"] = city.report.count(Severity::Rejected);
        j["warnings"] = city.report.count(Severity::Warning);
        print_json_document(j);
    }

    InputOptions input_;
    bool json_ = false;
    bool strict_ = false;
    std::string rejects_path_ = "parkcap-rejects.csv";
};

}  // namespace

std::unique_ptr<Command> make_info_command() { return std::make_unique<InfoCommand>(); }

}  // namespace parkcap::cli
