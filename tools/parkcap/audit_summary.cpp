#include "audit_summary.hpp"

#include <cmath>
#include <map>

#include <fmt/format.h>

#include "cli_support.hpp"
#include "data_quality_summary.hpp"
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
double km(double m) { return units::m_to_km(m); }

/// Port shoreline read both ways (docs/audit.md, "Capacity and shoreline"): by the plan's zones (the headline)
/// and by frontage, with the zones side by side and the protect-zone conflicts.
std::string shoreline_text(const City& city, const audit::Audit& a) {
    const auto& s = a.shore_totals;
    std::string out;
    out += fmt::format("Port-suitable shoreline (宜港岸线): {:.1f} km\n", km(s.port_m));
    out += fmt::format("  undeveloped port shoreline, by zone: {:.1f} km (developed {:.1f} km; the reserve zone is "
                       "undeveloped whatever lies behind it, {:.1f} km in the protect zone is closed to ports)\n",
                       km(s.zone_undeveloped_m), km(s.zone_developed_m),
                       km(s.port_by_zone_m[static_cast<int>(ShoreZone::Protect)]));
    out += fmt::format("  undeveloped port shoreline, by frontage: {:.1f} km (developed {:.1f} km: fronted by "
                       "a park's built land or port use, whatever the zone)\n",
                       km(s.port_undeveloped_m), km(s.port_developed_m));
    TextTable zones({"zone", "port km", "fronted km", "developed by zone km", "undeveloped by zone km"},
                    {false, true, true, true, true});
    for (int z : {3, 2, 1, 0}) {  // develop, control, reserve, protect
        const auto zone = static_cast<ShoreZone>(z);
        const bool counted = zone == ShoreZone::Develop || zone == ShoreZone::Control;
        zones.add({fmt::format("{} {}", chinese_name(zone), to_string(zone)), fmt::format("{:.1f}", km(s.port_by_zone_m[z])),
                   fmt::format("{:.1f}", km(s.port_fronted_by_zone_m[z])),
                   fmt::format("{:.1f}", counted ? km(s.port_fronted_by_zone_m[z]) : 0.0),
                   zone == ShoreZone::Protect ? std::string("-")
                                              : fmt::format("{:.1f}", km(s.port_by_zone_m[z] -
                                                                         (counted ? s.port_fronted_by_zone_m[z] : 0)))});
    }
    out += zones.render("    ");
    out += fmt::format("  Policy conflicts: {:.1f} km of protect-zone (保护区) shoreline fronted by port use\n",
                       km(s.conflict_m));
    for (std::size_t k = 0; k < city.shoreline.size(); ++k) {
        const audit::ShoreUse& u = a.shoreline[k];
        if (u.conflict_m <= 0) continue;
        std::string parcels;
        for (const audit::Frontage& f : u.frontages)
            for (uint32_t i : f.parcels) parcels += (parcels.empty() ? "" : ", ") + std::string(city.parcels.parcel_id[i]);
        out += fmt::format("    {} {:.1f} m, port use of {}\n", city.shoreline[k].shore_id, u.conflict_m, parcels);
    }
    return out;
}
}  // namespace

namespace {

/// The next period's deadlines: counts by kind, then the first ones by date.
std::string warnings_text(const City& city, const audit::Audit& a, const rules::Rules& rules) {
    std::string out = fmt::format("\nEarly warnings (预警), deadlines within {} days (to {}): {}\n", rules.warnings.horizon_days,
                                  Date::from_days(a.as_of.days() + rules.warnings.horizon_days).iso(), a.warnings.size());
    if (a.warnings.empty()) return out;
    std::map<std::string, std::pair<std::size_t, double>> by_kind;
    for (const auto& w : a.warnings) {
        auto& [n, m2] = by_kind[audit::warning_key(w.kind)];
        ++n;
        m2 += city.parcels.area_m2[w.parcel];
    }
    for (const auto& [kind, v] : by_kind) out += fmt::format("  {:<17} {:>6} parcels {:>10} 亩\n", kind, v.first, mu_text(v.second));
    const std::size_t shown = std::min<std::size_t>(a.warnings.size(), 10);
    for (std::size_t k = 0; k < shown; ++k) {
        const auto& w = a.warnings[k];
        out += fmt::format("  {} {}: {}\n", city.parcels.parcel_id[w.parcel], audit::warning_key(w.kind),
                           audit::warning_text_en(w, city, rules));
    }
    if (a.warnings.size() > shown) out += fmt::format("  ... and {} more in layer early_warnings\n", a.warnings.size() - shown);
    return out;
}

nlohmann::ordered_json warnings_json(const City& city, const audit::Audit& a, const rules::Rules& rules) {
    nlohmann::ordered_json j;
    j["horizon_days"] = rules.warnings.horizon_days;
    j["count"] = a.warnings.size();
    auto list = nlohmann::ordered_json::array();
    for (const auto& w : a.warnings)
        list.push_back({{"parcel_id", city.parcels.parcel_id[w.parcel]},
                        {"kind", audit::warning_key(w.kind)},
                        {"due", w.due.iso()},
                        {"days", w.days},
                        {"text_zh", audit::warning_text_zh(w, city, rules)},
                        {"text_en", audit::warning_text_en(w, city, rules)}});
    j["warnings"] = list;
    return j;
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
    if (!bands.empty()) {
        // One entry per band of the rules, however many they give.
        auto band_mu = [&](std::size_t b) { return mu_text(b < c.approved_band_area_m2.size() ? c.approved_band_area_m2[b] : 0.0); };
        out += fmt::format("  批而未供 by age: < {} y {} 亩", bands[0], band_mu(0));
        for (std::size_t b = 1; b < bands.size(); ++b)
            out += fmt::format(", {}–{} y {} 亩", bands[b - 1], bands[b], band_mu(b));
        out += fmt::format(", ≥ {} y {} 亩\n", bands.back(), band_mu(bands.size()));
    }
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

    out += "\nDistricts: stock land and the quota its disposal would earn (增存挂钩; a plan earns it by placing projects on it)\n";
    TextTable districts({"district", "name", "parcels 亩", "idle 亩", "disposable 亩", "quota if disposed 亩"},
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
    out += shoreline_text(city, a);
    out += fmt::format("  Parcels within {} m of the shoreline, any zone (policy.chem_shore_distance_m, the distance "
                       "itself within), per park\n",
                       format_number(rules.policy.chem_shore_distance_m, 0));
    TextTable near({"park", "name", "parcels", "亩"}, {false, false, true, true});
    for (std::size_t p = 0; p < city.parks.size(); ++p)
        near.add({city.parks[p].park_id, city.parks[p].name, std::to_string(a.park_shore[p].near_shore),
                  mu_text(a.park_shore[p].near_shore_m2)});
    out += near.render("    ");
    out += warnings_text(city, a, rules);
    out += data_quality_text(a.quality, outputs.gpkg.empty() ? "the audit's data_quality layer" : "layer data_quality");
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
    auto by_band = nlohmann::ordered_json::array();
    for (std::size_t b = 0; b <= rules.approved.age_band_years.size(); ++b)
        by_band.push_back(mu(b < c.approved_band_area_m2.size() ? c.approved_band_area_m2[b] : 0.0));
    j["approved_unsupplied_mu_by_band"] = by_band;
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
                              {"port_shore_km", units::m_to_km(a.park_port_shore_m[p])},
                              {"port_shore_developed_km", units::m_to_km(a.park_shore[p].port_developed_m)},
                              {"port_shore_zone_developed_km", units::m_to_km(a.park_shore[p].port_zone_developed_m)},
                              {"stock_behind_shore_mu", mu(a.park_shore[p].stock_behind_m2)},
                              {"planned_behind_shore_mu", mu(a.park_shore[p].planned_behind_m2)},
                              {"near_shore_parcels", a.park_shore[p].near_shore},
                              {"near_shore_mu", mu(a.park_shore[p].near_shore_m2)}});
    }
    for (std::size_t d = 0; d < city.districts.size(); ++d)
        j["districts"].push_back({{"district", city.districts[d].code},
                                  {"name", city.districts[d].name},
                                  {"disposable_mu", mu(a.districts[d].disposable_m2)},
                                  {"quota_earned_mu", a.districts[d].quota_earned_mu}});
    const auto& s = a.shore_totals;
    // The headline port_developed / port_undeveloped is the plan's reading
    // (port_reading names it); both readings follow in full.
    ordered_json port_by_zone;
    for (int z = 0; z < 4; ++z)
        port_by_zone[to_string(static_cast<ShoreZone>(z))] = {{"port", km(s.port_by_zone_m[z])},
                                                              {"fronted", km(s.port_fronted_by_zone_m[z])}};
    ordered_json conflicts = ordered_json::array();
    for (std::size_t k = 0; k < city.shoreline.size(); ++k) {
        const audit::ShoreUse& u = a.shoreline[k];
        if (u.conflict_m <= 0) continue;
        ordered_json parcels = ordered_json::array();
        for (const audit::Frontage& f : u.frontages)
            for (uint32_t i : f.parcels) parcels.push_back(std::string(city.parcels.parcel_id[i]));
        conflicts.push_back({{"shore_id", city.shoreline[k].shore_id}, {"length_m", u.conflict_m}, {"parcels", parcels}});
    }
    j["near_shore_distance_m"] = rules.policy.chem_shore_distance_m;
    j["shoreline_km"] = {{"protect", km(s.length_by_zone_m[0])},
                         {"reserve", km(s.length_by_zone_m[1])},
                         {"control", km(s.length_by_zone_m[2])},
                         {"develop", km(s.length_by_zone_m[3])},
                         {"port", km(s.port_m)},
                         {"port_reading", "by_zone"},
                         {"port_developed", km(s.zone_developed_m)},
                         {"port_undeveloped", km(s.zone_undeveloped_m)},
                         {"by_zone", {{"developed", km(s.zone_developed_m)},
                                      {"undeveloped", km(s.zone_undeveloped_m)},
                                      {"protect_closed", km(s.port_by_zone_m[0])}}},
                         {"by_frontage", {{"developed", km(s.port_developed_m)}, {"undeveloped", km(s.port_undeveloped_m)}}},
                         {"port_by_zone", port_by_zone},
                         {"conflict_protect", km(s.conflict_m)}};
    j["shoreline_conflicts"] = conflicts;
    j["early_warnings"] = warnings_json(city, a, rules);
    j["data_quality"] = data_quality_json(a.quality);
    j["outputs"] = {{"gpkg", outputs.gpkg}, {"csv_dir", outputs.csv_dir}};
    return j;
}

}  // namespace parkcap::cli
