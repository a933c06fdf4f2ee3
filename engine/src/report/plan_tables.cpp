#include "plan_tables.hpp"

#include <cmath>

#include <fmt/format.h>

namespace parkcap::report::detail {

namespace {
using F = FieldDef;

/// Column name (≤ 10 characters) of an objective term's contribution.
std::string term_column(const std::string& name) {
    static const std::pair<const char*, const char*> names[] = {
        {"investment_per_mu", "t_inv_mu"}, {"tax_per_mu", "t_tax_mu"},   {"tech", "t_tech"},
        {"major", "t_major"},              {"theme_fit", "t_theme"},     {"new_quota", "t_quota"},
        {"total_tax", "t_tot_tax"},        {"total_investment", "t_tot_inv"}, {"area", "t_area"}};
    for (const auto& [n, c] : names)
        if (name == n) return c;
    return "t_" + name.substr(0, 8);
}

std::string share_schedule(const rules::Rules& r) {
    std::string s;
    for (const auto& p : r.enclave.schedule)
        s += fmt::format("{}{}–{}年 税收{:.0f}%/GDP{:.0f}%归飞出地，统计归{}", s.empty() ? "" : "；", p.from_year, p.to_year,
                         p.tax_share_origin * 100, p.gdp_share_origin * 100, p.statistics_owner == "origin" ? "飞出地" : "飞入地");
    return s;
}
}  // namespace

PlanTables::PlanTables(const City& c, const allocate::Plan& p, const rules::Rules& r)
    : city(c), plan(p), rules(r), site_shapes(allocate::site_geometry(c, p.sites)) {}

std::vector<FieldDef> PlanTables::allocation_fields() const {
    std::vector<FieldDef> f = {
        {"project_id", F::Text}, {"name", F::Text},        {"industry", F::Text},     {"site_id", F::Text},
        {"park_id", F::Text},    {"park_name", F::Text},   {"host", F::Text},         {"origin", F::Text},
        {"enclave", F::Integer}, {"kind", F::Text},        {"area_mu", F::Real, 0, 3}, {"site_mu", F::Real, 0, 3},
        {"quota_src", F::Text},  {"pinned", F::Integer},   {"major", F::Integer},     {"invest", F::Real, 0, 1},
        {"tax", F::Real, 0, 1},  {"score", F::Real, 0, 4}, {"score_expl", F::Text},   {"tax_orig", F::Real, 0, 3},
        {"gdp_orig", F::Real, 0, 3}, {"shares", F::Text}};
    for (const auto& t : rules.objective.terms) f.push_back({term_column(t.name), F::Real, 0, 4});
    return f;
}

void PlanTables::allocation(RowSink& s) const {
    const auto first_year = allocate::enclave_shares(rules, 1);
    for (const auto& pl : plan.placements) {
        const Project& p = city.projects[pl.project];
        const allocate::Site& site = plan.sites[pl.site];
        const Park& park = city.parks[site.park];
        s.set_polygon(site_shapes, pl.site);
        int i = 0;
        s.set_text(i++, p.project_id);
        s.set_text(i++, p.name);
        s.set_text(i++, p.industry);
        s.set_text(i++, site.site_id);
        s.set_text(i++, park.park_id);
        s.set_text(i++, park.name);
        s.set_text(i++, city.districts[site.district].code);
        s.set_text(i++, city.districts[p.origin].code);
        s.set_int(i++, pl.enclave ? 1 : 0);
        s.set_text(i++, allocate::to_string(site.kind));
        s.set_real(i++, pl.area_mu);
        s.set_real(i++, site.area_mu);
        s.set_text(i++, pl.uses_quota ? fmt::format("quota:{}", city.districts[pl.quota_district].code) : "stock");
        s.set_int(i++, pl.pinned ? 1 : 0);
        s.set_int(i++, p.major ? 1 : 0);
        s.set_real(i++, p.investment_wan);
        s.set_real(i++, p.tax_expect_wan);
        s.set_real(i++, pl.score);
        std::string expl;
        for (const auto& t : pl.terms)
            if (t.weight != 0)
                expl += fmt::format("{}{} {:.4g}×{:.4g}/{:.4g}={:.4f}", expl.empty() ? "" : " + ", t.name, t.value, t.weight,
                                    t.scale, t.contribution());
        s.set_text(i++, expl);
        if (pl.enclave) {
            s.set_real(i++, first_year.tax_origin);
            s.set_real(i++, first_year.gdp_origin);
            s.set_text(i++, share_schedule(rules));
        } else {
            i += 3;
        }
        for (const auto& t : pl.terms) s.set_real(i++, t.contribution());
        s.commit_row();
    }
}

std::vector<FieldDef> PlanTables::flows_fields() {
    return {{"origin", F::Text},  {"origin_nm", F::Text}, {"host", F::Text},     {"park_id", F::Text},
            {"park_name", F::Text}, {"count", F::Integer}, {"area_mu", F::Real, 0, 3}, {"invest", F::Real, 0, 1},
            {"tax", F::Real, 0, 1}, {"projects", F::Text}};
}

void PlanTables::flows(RowSink& s) const {
    for (const auto& f : allocate::enclave_flows(city, plan)) {
        const Park& park = city.parks[f.park];
        const geom::Point from = allocate::district_centre(city, f.origin);
        const geom::Point to = city.park_geometry.centroid(f.park);
        const geom::Point line[] = {from, to};
        s.set_line(line);
        s.set_text(0, city.districts[f.origin].code);
        s.set_text(1, city.districts[f.origin].name);
        s.set_text(2, city.districts[park.district].code);
        s.set_text(3, park.park_id);
        s.set_text(4, park.name);
        s.set_int(5, f.count);
        s.set_real(6, f.area_mu);
        s.set_real(7, f.investment_wan);
        s.set_real(8, f.tax_wan);
        std::string ids;
        for (uint32_t j : f.projects) ids += (ids.empty() ? "" : ";") + city.projects[j].project_id;
        s.set_text(9, ids);
        s.commit_row();
    }
}

std::vector<FieldDef> PlanTables::quota_ledger_fields() {
    return {{"district", F::Text},   {"name", F::Text},          {"opening", F::Real, 0, 3}, {"earned", F::Real, 0, 3},
            {"available", F::Real, 0, 3}, {"consumed", F::Real, 0, 3}, {"enclave", F::Real, 0, 3},
            {"stock_used", F::Real, 0, 3}, {"remaining", F::Real, 0, 3}};
}

void PlanTables::quota_ledger(RowSink& s) const {
    for (const auto& row : plan.ledger) {
        if (city.districts[row.district].has_boundary) s.set_polygon(city.district_geometry, row.district);
        s.set_text(0, city.districts[row.district].code);
        s.set_text(1, city.districts[row.district].name);
        s.set_real(2, row.opening_mu);
        s.set_real(3, row.earned_mu);
        s.set_real(4, row.opening_mu + row.earned_mu);
        s.set_real(5, row.consumed_mu);
        s.set_real(6, row.consumed_enclave_mu);
        s.set_real(7, row.stock_used_mu);
        s.set_real(8, row.remaining_mu());
        s.commit_row();
    }
}

std::vector<FieldDef> PlanTables::refused_fields() {
    return {{"project_id", F::Text}, {"name", F::Text},      {"industry", F::Text}, {"origin", F::Text},
            {"area_mu", F::Real, 0, 3}, {"codes", F::Text}, {"reason_zh", F::Text}, {"reason_en", F::Text}};
}

void PlanTables::refused(RowSink& s) const {
    for (std::size_t j = 0; j < city.projects.size(); ++j) {
        if (plan.refusals[j].empty()) continue;
        const Project& p = city.projects[j];
        std::string codes, zh, en;
        for (const auto& r : plan.refusals[j]) {
            codes += (codes.empty() ? "" : ";") + std::string(allocate::code_name(r.code));
            zh += (zh.empty() ? "" : "；") + r.reason_zh;
            en += (en.empty() ? "" : "; ") + r.reason_en;
        }
        s.set_text(0, p.project_id);
        s.set_text(1, p.name);
        s.set_text(2, p.industry);
        s.set_text(3, city.districts[p.origin].code);
        s.set_real(4, p.area_mu);
        s.set_text(5, codes);
        s.set_text(6, zh);
        s.set_text(7, en);
        s.commit_row();
    }
}

std::vector<FieldDef> PlanTables::unplaced_fields() {
    return {{"project_id", F::Text}, {"name", F::Text},    {"industry", F::Text},  {"origin", F::Text},
            {"area_mu", F::Real, 0, 3}, {"needs_shore", F::Integer}, {"code", F::Text}, {"reason_zh", F::Text},
            {"detail", F::Text}};
}

void PlanTables::unplaced(RowSink& s) const {
    for (std::size_t j = 0; j < city.projects.size(); ++j) {
        if (!plan.refusals[j].empty() || plan.placement_of[j]) continue;
        const Project& p = city.projects[j];
        s.set_text(0, p.project_id);
        s.set_text(1, p.name);
        s.set_text(2, p.industry);
        s.set_text(3, city.districts[p.origin].code);
        s.set_real(4, p.area_mu);
        s.set_int(5, p.needs_shore ? 1 : 0);
        s.set_text(6, allocate::code_name(plan.unplaced[j]));
        s.set_text(7, allocate::title_zh(plan.unplaced[j]));
        s.set_text(8, plan.unplaced_detail[j]);
        s.commit_row();
    }
}

std::vector<FieldDef> PlanTables::sites_fields() {
    return {{"site_id", F::Text},  {"park_id", F::Text},     {"park_name", F::Text},    {"district", F::Text},
            {"kind", F::Text},     {"area_mu", F::Real, 0, 3}, {"taken_mu", F::Real, 0, 3}, {"left_mu", F::Real, 0, 3},
            {"shore_ok", F::Integer}, {"port_dist", F::Real, 0, 1}, {"river_dist", F::Real, 0, 1},
            {"n_parcels", F::Integer}, {"parcels", F::Text}};
}

void PlanTables::sites(RowSink& s) const {
    for (std::size_t k = 0; k < plan.sites.size(); ++k) {
        const allocate::Site& site = plan.sites[k];
        s.set_polygon(site_shapes, k);
        s.set_text(0, site.site_id);
        s.set_text(1, city.parks[site.park].park_id);
        s.set_text(2, city.parks[site.park].name);
        s.set_text(3, city.districts[site.district].code);
        s.set_text(4, allocate::to_string(site.kind));
        s.set_real(5, site.area_mu);
        s.set_real(6, plan.site_taken_mu[k]);
        s.set_real(7, site.area_mu - plan.site_taken_mu[k]);
        s.set_int(8, site.shore_ok ? 1 : 0);
        s.set_real(9, std::isfinite(site.port_distance_m) ? site.port_distance_m : NAN);
        s.set_real(10, std::isfinite(site.river_distance_m) ? site.river_distance_m : NAN);
        s.set_int(11, static_cast<int64_t>(site.parcels.size()));
        std::string ids;
        for (uint32_t i : site.parcels) ids += (ids.empty() ? "" : ";") + std::string(city.parcels.parcel_id[i]);
        s.set_text(12, ids);
        s.commit_row();
    }
}

std::vector<FieldDef> PlanTables::run_info_fields() { return {{"key", F::Text}, {"value", F::Text}}; }

void PlanTables::run_info(RowSink& s) const {
    auto row = [&](const std::string& k, const std::string& v) {
        s.set_text(0, k);
        s.set_text(1, v);
        s.commit_row();
    };
    const auto& st = plan.stats;
    row("method", st.method);
    row("objective", fmt::format("{:.6f}", st.objective));
    row("best_bound", fmt::format("{:.6f}", st.best_bound));
    row("gap", fmt::format("{:.6f}", st.gap));
    row("proven_optimal", st.proven_optimal ? "yes" : "no");
    row("greedy_objective", fmt::format("{:.6f}", st.greedy_objective));
    row("variables", std::to_string(st.variables));
    row("constraints", std::to_string(st.constraints));
    row("rules_source", rules.source);
    row("rules_version", rules.version);
    row("quota_paid_by", rules.enclave.quota_paid_by);
    row("enclave_shares", share_schedule(rules));
    row("working_crs", fmt::format("EPSG:{}", city.crs.epsg));
}

}  // namespace parkcap::report::detail
