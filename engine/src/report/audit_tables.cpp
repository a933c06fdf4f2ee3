#include "audit_tables.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "parkcap/core/units.hpp"

namespace parkcap::report::detail {

namespace {

using audit::Flag;
using audit::FlagCode;
using F = FieldDef;

// Short column names (≤ 10 characters) for the per-flag counts.
const char* const kCountColumns[] = {"n_idle_tb", "n_idle_fee", "n_idle_sus", "n_appr", "n_supp", "n_low_far",
                                     "n_low_cov", "n_low_inv", "n_low_tax", "n_phase", "n_chem_out", "n_chem_shr"};
static_assert(std::size(kCountColumns) == audit::kFlagCodeCount);

double mu(double m2) { return units::m2_to_mu(m2); }

/// The flag a map colours the parcel by: the most severe, then the first in code order.
const Flag* primary_flag(std::span<const Flag> flags) {
    const Flag* best = nullptr;
    for (const Flag& f : flags)
        if (!best || f.severity > best->severity || (f.severity == best->severity && f.code < best->code)) best = &f;
    return best;
}

std::vector<FieldDef> capacity_fields() {
    std::vector<FieldDef> f = {
        {"parcels", F::Integer},     {"parcel_mu", F::Real, 0, 2}, {"planned_mu", F::Real, 0, 2},
        {"appr_mu", F::Real, 0, 2},  {"supp_mu", F::Real, 0, 2},   {"build_mu", F::Real, 0, 2},
        {"built_mu", F::Real, 0, 2}, {"reserve_mu", F::Real, 0, 2}, {"ready_mu", F::Real, 0, 2},
        {"idle_mu", F::Real, 0, 2},  {"reclaim_mu", F::Real, 0, 2}, {"lowef_mu", F::Real, 0, 2},
        {"util", F::Real, 0, 4},     {"supply_rat", F::Real, 0, 4}, {"tax_mu", F::Real, 0, 2},
        {"output_mu", F::Real, 0, 2},
    };
    for (const char* c : kCountColumns) f.push_back({c, F::Integer});
    return f;
}

/// Writes the capacity columns starting at field index `first`; returns the next index.
int set_capacity(RowSink& s, int first, const audit::Capacity& c) {
    int i = first;
    const auto& st = c.area_by_status_m2;
    s.set_int(i++, static_cast<int64_t>(c.parcels));
    s.set_real(i++, mu(c.parcel_area_m2));
    s.set_real(i++, mu(c.planned_m2));
    s.set_real(i++, mu(st[static_cast<int>(Status::Approved)]));
    s.set_real(i++, mu(st[static_cast<int>(Status::Supplied)]));
    s.set_real(i++, mu(st[static_cast<int>(Status::Building)]));
    s.set_real(i++, mu(st[static_cast<int>(Status::Built)]));
    s.set_real(i++, mu(st[static_cast<int>(Status::Reserve)]));
    s.set_real(i++, mu(c.supply_ready_m2));
    s.set_real(i++, mu(c.idle_m2));
    s.set_real(i++, mu(c.reclaimable_m2));
    s.set_real(i++, mu(c.low_efficiency_m2));
    s.set_real(i++, c.utilisation());
    s.set_real(i++, c.supply_ratio());
    s.set_real(i++, c.tax_wan_per_mu());
    s.set_real(i++, c.output_wan_per_mu());
    for (uint32_t n : c.flag_counts) s.set_int(i++, n);
    return i;
}

std::string join_themes(const std::vector<std::string>& themes) {
    std::string s;
    for (const auto& t : themes) s += (s.empty() ? "" : ";") + t;
    return s;
}

}  // namespace

std::vector<FieldDef> AuditTables::parcel_flags_fields() {
    return {{"parcel_id", F::Text},  {"district", F::Text},   {"park_id", F::Text},     {"park_name", F::Text},
            {"land_use", F::Text},   {"status", F::Text},     {"status_zh", F::Text},   {"area_mu", F::Real, 0, 3},
            {"industry", F::Text},   {"enterprise", F::Text}, {"primary", F::Text},     {"primary_zh", F::Text},
            {"severity", F::Text},   {"n_flags", F::Integer}, {"flags", F::Text},       {"reason_zh", F::Text},
            {"reason_en", F::Text},  {"dispose_zh", F::Text}, {"dispose_en", F::Text},  {"reclaim_mu", F::Real, 0, 3},
            {"idle_days", F::Integer}, {"days2idle", F::Integer}, {"mujun", F::Text},   {"mujun_scr", F::Real, 0, 2},
            {"port_dist", F::Real, 0, 1}, {"map_class", F::Text}};
}

void AuditTables::parcel_flags(RowSink& s, const ProgressFn& progress) const {
    const ParcelTable& t = city.parcels;
    std::string codes, rz, re, dz, de;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const auto flags = audit.flags_of(i);
        const Flag* primary = primary_flag(flags);
        const int32_t park = t.park[i];
        s.set_polygon(t.geometry, i);
        s.set_text(0, t.parcel_id[i]);
        s.set_text(1, city.districts[t.district[i]].code);
        if (park >= 0) {
            s.set_text(2, city.parks[static_cast<std::size_t>(park)].park_id);
            s.set_text(3, city.parks[static_cast<std::size_t>(park)].name);
        }
        s.set_text(4, to_string(t.land_use[i]));
        s.set_text(5, to_string(t.status[i]));
        s.set_text(6, chinese_name(t.status[i]));
        s.set_real(7, mu(t.area_m2[i]));
        s.set_text(8, t.industry[i]);
        s.set_text(9, t.enterprise[i]);
        s.set_text(10, primary ? audit::code_name(primary->code) : "NONE");
        s.set_text(11, primary ? audit::flag_title_zh(primary->code) : "无");
        s.set_text(12, primary ? audit::severity_name(primary->severity) : "none");
        s.set_int(13, static_cast<int64_t>(flags.size()));
        codes.clear(); rz.clear(); re.clear(); dz.clear(); de.clear();
        int64_t idle_days = -1, days_to_idle = -1;
        for (const Flag& f : flags) {
            const char* sep = codes.empty() ? "" : ";";
            codes += sep + std::string(audit::code_name(f.code));
            rz += (rz.empty() ? "" : "；") + audit::reason_zh(f, city, rules);
            re += (re.empty() ? "" : "; ") + audit::reason_en(f, city, rules);
            dz += (dz.empty() ? "" : "；") + audit::disposal_zh(f, rules);
            de += (de.empty() ? "" : "; ") + audit::disposal_en(f, rules);
            if (f.code == FlagCode::IdleFee || f.code == FlagCode::IdleTakeback) idle_days = std::max<int64_t>(idle_days, f.days);
            if (f.code == FlagCode::SuppliedUnused && f.days >= 0) days_to_idle = f.days;
        }
        s.set_text(14, codes);
        s.set_text(15, rz);
        s.set_text(16, re);
        s.set_text(17, dz);
        s.set_text(18, de);
        s.set_real(19, mu(audit.parcels.reclaimable_m2[i]));
        if (idle_days >= 0) s.set_int(20, idle_days);
        if (days_to_idle >= 0) s.set_int(21, days_to_idle);
        s.set_text(22, audit::class_name(audit.parcels.mujun_class[i]));
        s.set_real(23, audit.parcels.mujun_score[i]);
        s.set_real(24, audit.parcels.port_distance_m[i]);
        // What a map colours the parcel by: its main finding, else its state.
        const Status st = t.status[i];
        s.set_text(25, primary ? audit::code_name(primary->code)
                       : st == Status::Reserve ? "RESERVE"
                       : st == Status::Planned ? "PLANNED"
                       : st == Status::Building ? "BUILDING"
                       : st == Status::Built ? "BUILT"
                                             : "OTHER");
        s.commit_row();
        if (progress && (i & 0x3FFF) == 0) progress("write", i, t.size());
    }
    if (progress) progress("write", t.size(), t.size());
}

std::vector<FieldDef> AuditTables::flag_details_fields() {
    return {{"parcel_id", F::Text},  {"code", F::Text},      {"title_zh", F::Text},    {"severity", F::Text},
            {"value", F::Real, 0, 4}, {"threshold", F::Real, 0, 4}, {"value2", F::Real, 0, 4}, {"days", F::Integer},
            {"since", F::Date},      {"reason_zh", F::Text}, {"reason_en", F::Text},   {"dispose_zh", F::Text},
            {"dispose_en", F::Text}, {"reclaim_mu", F::Real, 0, 3}};
}

void AuditTables::flag_details(RowSink& s) const {
    for (const Flag& f : audit.flags) {
        s.set_text(0, city.parcels.parcel_id[f.parcel]);
        s.set_text(1, audit::code_name(f.code));
        s.set_text(2, audit::flag_title_zh(f.code));
        s.set_text(3, audit::severity_name(f.severity));
        s.set_real(4, f.value);
        s.set_real(5, f.threshold);
        s.set_real(6, f.value2);
        s.set_int(7, f.days);
        s.set_date(8, f.since);
        s.set_text(9, audit::reason_zh(f, city, rules));
        s.set_text(10, audit::reason_en(f, city, rules));
        s.set_text(11, audit::disposal_zh(f, rules));
        s.set_text(12, audit::disposal_en(f, rules));
        s.set_real(13, mu(f.reclaimable_m2));
        s.commit_row();
    }
}

std::vector<FieldDef> AuditTables::park_capacity_fields() {
    std::vector<FieldDef> f = {{"park_id", F::Text}, {"name", F::Text},       {"level", F::Text},
                               {"level_zh", F::Text}, {"district", F::Text}, {"themes", F::Text},
                               {"chem_park", F::Integer}, {"area_mu", F::Real, 0, 2}, {"port_km", F::Real, 0, 3}};
    for (auto& c : capacity_fields()) f.push_back(c);
    return f;
}

void AuditTables::park_capacity(RowSink& s) const {
    for (std::size_t p = 0; p < city.parks.size(); ++p) {
        const Park& park = city.parks[p];
        s.set_polygon(city.park_geometry, p);
        s.set_text(0, park.park_id);
        s.set_text(1, park.name);
        s.set_text(2, to_string(park.level));
        s.set_text(3, chinese_name(park.level));
        s.set_text(4, city.districts[park.district].code);
        s.set_text(5, join_themes(park.themes));
        s.set_int(6, park.chem_park ? 1 : 0);
        s.set_real(7, mu(park.area_m2));
        s.set_real(8, units::m_to_km(audit.park_port_shore_m[p]));
        set_capacity(s, 9, audit.parks[p]);
        s.commit_row();
    }
}

std::vector<FieldDef> AuditTables::district_summary_fields() {
    std::vector<FieldDef> f = {{"district", F::Text}, {"name", F::Text}};
    for (auto& c : capacity_fields()) f.push_back(c);
    f.push_back({"dispose_mu", F::Real, 0, 2});
    f.push_back({"quota_earn", F::Real, 0, 2});
    return f;
}

void AuditTables::district_summary(RowSink& s) const {
    for (std::size_t d = 0; d < city.districts.size(); ++d) {
        if (city.districts[d].has_boundary) s.set_polygon(city.district_geometry, d);
        s.set_text(0, city.districts[d].code);
        s.set_text(1, city.districts[d].name);
        int i = set_capacity(s, 2, audit.districts[d].capacity);
        s.set_real(i++, mu(audit.districts[d].disposable_m2));
        s.set_real(i++, audit.districts[d].quota_earned_mu);
        s.commit_row();
    }
}

std::vector<FieldDef> AuditTables::shoreline_use_fields() {
    return {{"shore_id", F::Text},  {"zone", F::Text},        {"zone_zh", F::Text},   {"port", F::Integer},
            {"use", F::Text},       {"length_m", F::Real, 0, 1}, {"dev_m", F::Real, 0, 1}, {"undev_m", F::Real, 0, 1},
            {"near_parks", F::Text}};
}

void AuditTables::shoreline_use(RowSink& s) const {
    for (std::size_t k = 0; k < city.shoreline.size(); ++k) {
        const ShoreSegment& seg = city.shoreline[k];
        const audit::ShoreUse& u = audit.shoreline[k];
        s.set_lines(seg.parts);
        s.set_text(0, seg.shore_id);
        s.set_text(1, to_string(seg.zone));
        s.set_text(2, chinese_name(seg.zone));
        s.set_int(3, seg.port ? 1 : 0);
        // A stretch counts as developed when most of it is within reach of built land.
        const char* use = !seg.port ? "not_port"
                          : u.developed_m <= 0 ? "port_undeveloped"
                          : u.developed_m >= u.length_m - 1e-6 ? "port_developed"
                                                               : "port_partly";
        s.set_text(4, use);
        s.set_real(5, u.length_m);
        if (seg.port) {
            s.set_real(6, u.developed_m);
            s.set_real(7, u.length_m - u.developed_m);
        }
        std::string parks;
        for (uint32_t p : u.near_parks) parks += (parks.empty() ? "" : ";") + city.parks[p].park_id;
        s.set_text(8, parks);
        s.commit_row();
    }
}

std::vector<KeyValue> AuditTables::run_info() const {
    std::vector<KeyValue> rows = {
        {"as_of", audit.as_of.iso()},
        {"rules_source", audit.rules_source},
        {"rules_version", audit.rules_version},
        {"working_crs", fmt::format("EPSG:{}", city.crs.epsg)},
        {"area_note", fmt::format("areas are planar in EPSG:{} ({}); 1 亩 = 666.67 m²", city.crs.epsg, city.crs.name)},
    };
    for (const auto& [layer, c] : city.report.counts)
        rows.push_back({"records." + layer,
                        fmt::format("read {} kept {} rejected {} repaired {}", c.read, c.kept, c.rejected, c.repaired)});
    return rows;
}

}  // namespace parkcap::report::detail
