#include "audit_summary.hpp"

#include <cmath>

#include <fmt/format.h>

#include "cli_support.hpp"
#include "parkcap/core/units.hpp"

namespace parkcap::cli {

namespace {
using audit::FlagCode;
double mu(double m2) { return units::m2_to_mu(m2); }
std::string mu_text(double m2) { return format_number(mu(m2), 1); }
std::string pct(double ratio) { return std::isnan(ratio) ? "-" : fmt::format("{:.0f}%", ratio * 100); }
int idx(FlagCode c) { return static_cast<int>(c); }

LayerCounts counts_of(const City& city, const char* layer) {
    auto it = city.report.counts.find(layer);
    return it == city.report.counts.end() ? LayerCounts{} : it->second;
}
}  // namespace

std::string audit_summary_text(const City& city, const audit::Audit& a, const rules::Rules& rules,
                               const AuditOutputs& outputs) {
    const audit::Capacity& c = a.city;
    std::string out;
    out += fmt::format("parkcap audit as of {} — rules {} ({})\n", a.as_of.iso(), rules.version, rules.source);
    const LayerCounts pc = counts_of(city, "parcels");
    out += fmt::format("Parcels: {} read, {} kept ({} incomplete, {} repaired), {} merged, {} rejected; {} 亩 in EPSG:{}\n\n",
                       pc.read, pc.kept, pc.incomplete, pc.repaired, pc.merged, pc.rejected, mu_text(c.parcel_area_m2),
                       city.crs.epsg);

    TextTable t({"finding", "parcels", "亩"}, {false, true, true});
    for (const audit::FlagInfo& f : audit::kFlags) {
        const auto k = static_cast<std::size_t>(f.code);
        t.add({fmt::format("{} {}", f.title.zh, f.title.en), std::to_string(c.flag_counts[k]), mu_text(c.flag_area_m2[k])});
    }
    out += t.render();
    const auto& bands = rules.approved.age_band_years;
    if (bands.size() == 2)
        out += fmt::format("  批而未供 by age: < {} y {} 亩, {}–{} y {} 亩, ≥ {} y {} 亩\n", bands[0],
                           mu_text(c.approved_band_area_m2[0]), bands[0], bands[1], mu_text(c.approved_band_area_m2[1]),
                           bands[1], mu_text(c.approved_band_area_m2[2]));
    out += fmt::format("  供而未用 becoming idle within 90 days: {} parcels\n", c.becoming_idle_within_90_days);
    out += fmt::format("\nIdle land: {} 亩; reclaimable land: {} 亩; low-efficiency land: {} 亩\n",
                       mu_text(c.idle_m2), mu_text(c.reclaimable_m2), mu_text(c.low_efficiency_m2));

    out += "\nPark capacity (亩)\n";
    TextTable parks({"park", "name", "parcels", "built", "supply-ready", "idle", "reclaimable", "planned", "used",
                     "tax 万元/亩"},
                    {false, false, true, true, true, true, true, true, true, true});
    for (std::size_t p = 0; p < city.parks.size(); ++p) {
        const auto& k = a.parks[p];
        parks.add({city.parks[p].park_id, city.parks[p].name, mu_text(k.parcel_area_m2),
                   mu_text(k.area_by_status_m2[static_cast<int>(Status::Built)]), mu_text(k.supply_ready_m2),
                   mu_text(k.idle_m2), mu_text(k.reclaimable_m2), mu_text(k.planned_m2), pct(k.utilisation()),
                   format_number(k.tax_wan_per_mu(), 1)});
    }
    out += parks.render();

    out += "\nDistricts: stock land and quota earned (增存挂钩)\n";
    TextTable districts({"district", "name", "parcels 亩", "idle 亩", "disposable 亩", "quota earned 亩"},
                        {false, false, true, true, true, true});
    for (std::size_t d = 0; d < city.districts.size(); ++d) {
        const auto& k = a.districts[d];
        districts.add({city.districts[d].code, city.districts[d].name, mu_text(k.capacity.parcel_area_m2),
                       mu_text(k.capacity.idle_m2), mu_text(k.disposable_m2), format_number(k.quota_earned_mu, 1)});
    }
    out += districts.render();

    const auto& s = a.shore_totals;
    out += fmt::format("\nShoreline: protect {:.1f} km, reserve {:.1f} km, control {:.1f} km, develop {:.1f} km\n",
                       units::m_to_km(s.length_by_zone_m[0]), units::m_to_km(s.length_by_zone_m[1]),
                       units::m_to_km(s.length_by_zone_m[2]), units::m_to_km(s.length_by_zone_m[3]));
    out += fmt::format("Port-suitable shoreline: {:.1f} km, developed {:.1f} km, undeveloped {:.1f} km\n",
                       units::m_to_km(s.port_m), units::m_to_km(s.port_developed_m), units::m_to_km(s.port_undeveloped_m));
    out += "\n";
    if (!outputs.gpkg.empty()) {
        out += fmt::format("Wrote {}", outputs.gpkg);
        if (!outputs.csv_dir.empty()) out += fmt::format(" and CSV tables in {}", outputs.csv_dir);
        out += "; ";
    }
    out += fmt::format("{} input records rejected{}\n", city.report.count(Severity::Rejected),
                       outputs.gpkg.empty() ? "" : " (layer 'rejects')");
    return out;
}

nlohmann::ordered_json audit_summary_json(const City& city, const audit::Audit& a, const rules::Rules& rules,
                                          const AuditOutputs& outputs) {
    using nlohmann::ordered_json;
    const audit::Capacity& c = a.city;
    ordered_json j;
    j["as_of"] = a.as_of.iso();
    j["rules"] = {{"source", rules.source}, {"version", rules.version}};
    j["working_crs"] = city.crs.epsg;
    ordered_json layers;
    for (const auto& [name, k] : city.report.counts)
        layers[name] = {{"read", k.read},         {"kept", k.kept},         {"rejected", k.rejected},
                        {"repaired", k.repaired}, {"merged", k.merged},     {"incomplete", k.incomplete}};
    j["records"] = layers;
    ordered_json flags;
    for (const audit::FlagInfo& f : audit::kFlags) {
        const auto k = static_cast<std::size_t>(f.code);
        flags[f.name] = {{"parcels", c.flag_counts[k]}, {"area_mu", mu(c.flag_area_m2[k])}};
    }
    j["flags"] = flags;
    j["idle_mu"] = {{"takeback", mu(c.flag_area_m2[idx(FlagCode::IdleTakeback)])},
                    {"fee", mu(c.flag_area_m2[idx(FlagCode::IdleFee)])},
                    {"total", mu(c.idle_m2)}};
    j["approved_unsupplied_mu_by_band"] = {mu(c.approved_band_area_m2[0]), mu(c.approved_band_area_m2[1]),
                                           mu(c.approved_band_area_m2[2])};
    j["reclaimable_mu"] = mu(c.reclaimable_m2);
    j["low_efficiency_mu"] = mu(c.low_efficiency_m2);
    for (std::size_t p = 0; p < city.parks.size(); ++p) {
        const auto& k = a.parks[p];
        j["parks"].push_back({{"park_id", city.parks[p].park_id},
                              {"name", city.parks[p].name},
                              {"parcel_area_mu", mu(k.parcel_area_m2)},
                              {"built_mu", mu(k.area_by_status_m2[static_cast<int>(Status::Built)])},
                              {"supply_ready_mu", mu(k.supply_ready_m2)},
                              {"idle_mu", mu(k.idle_m2)},
                              {"reclaimable_mu", mu(k.reclaimable_m2)},
                              {"planned_mu", mu(k.planned_m2)},
                              {"utilisation", std::isnan(k.utilisation()) ? ordered_json() : ordered_json(k.utilisation())},
                              {"port_shore_km", units::m_to_km(a.park_port_shore_m[p])}});
    }
    for (std::size_t d = 0; d < city.districts.size(); ++d)
        j["districts"].push_back({{"district", city.districts[d].code},
                                  {"name", city.districts[d].name},
                                  {"disposable_mu", mu(a.districts[d].disposable_m2)},
                                  {"quota_earned_mu", a.districts[d].quota_earned_mu}});
    const auto& s = a.shore_totals;
    j["shoreline_km"] = {{"protect", units::m_to_km(s.length_by_zone_m[0])},
                         {"reserve", units::m_to_km(s.length_by_zone_m[1])},
                         {"control", units::m_to_km(s.length_by_zone_m[2])},
                         {"develop", units::m_to_km(s.length_by_zone_m[3])},
                         {"port", units::m_to_km(s.port_m)},
                         {"port_developed", units::m_to_km(s.port_developed_m)},
                         {"port_undeveloped", units::m_to_km(s.port_undeveloped_m)}};
    j["outputs"] = {{"gpkg", outputs.gpkg}, {"csv_dir", outputs.csv_dir}};
    return j;
}

}  // namespace parkcap::cli
