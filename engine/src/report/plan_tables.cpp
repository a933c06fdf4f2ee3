#include "plan_tables.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include <fmt/format.h>

namespace parkcap::report::detail {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();


std::string share_schedule(const rules::Rules& r) {
    std::string s;
    for (const auto& p : r.enclave.schedule)
        s += fmt::format("{}{}–{}年 税收{:.0f}%/GDP{:.0f}%归飞出地，统计归{}", s.empty() ? "" : "；", p.from_year, p.to_year,
                         p.tax_share_origin * 100, p.gdp_share_origin * 100, p.statistics_owner == rules::EnclaveSide::Origin ? "飞出地" : "飞入地");
    return s;
}

/// "term value×weight/scale=contribution" for every weighted term, joined by " + ".
std::string score_explanation(const allocate::Placement& pl) {
    std::string expl;
    for (const auto& t : pl.terms)
        if (t.weight != 0)
            expl += fmt::format("{}{} {:.4g}×{:.4g}/{:.4g}={:.4f}", expl.empty() ? "" : " + ", t.name(), t.value, t.weight,
                                t.scale, t.contribution());
    return expl;
}

template <class Ids>
std::string joined(const Ids& ids) {
    std::string s;
    for (const auto& id : ids) {
        if (!s.empty()) s += ';';
        s += id;
    }
    return s;
}

const Project& project_of(const PlacementRow& r) { return r.cx->city.projects[r.placement->project]; }
const allocate::Site& site_of(const PlacementRow& r) { return r.cx->plan.sites[r.placement->site]; }
const Park& park_of(const PlacementRow& r) { return r.cx->city.parks[site_of(r).park]; }
const std::string& district_code(const PlanContext& cx, uint32_t d) { return cx.city.districts[d].code; }

/// The enclave columns: empty for a placement in its own district.
template <class T>
std::optional<T> if_enclave(const PlacementRow& r, T value) {
    return r.placement->enclave ? std::optional<T>(std::move(value)) : std::nullopt;
}

}  // namespace

PlanContext::PlanContext(const City& c, const allocate::Plan& p, const rules::Rules& r)
    : city(c),
      plan(p),
      rules(r),
      site_shapes(allocate::site_geometry(c, p.sites)),
      flows(allocate::enclave_flows(c, p)),
      conditions(allocate::supply_conditions(c, p)) {}

const Table<PlacementRow>& allocation_table() {
    using R = PlacementRow;
    static const Table<R> table = [] {
        Table<R> t("allocation", GeometryType::MultiPolygon,
                   "Each placed project on its site, with origin, host, quota source and score terms",
                   [](RowSink& s, const R& r) { s.set_polygon(r.cx->site_shapes, r.placement->site); });
        t.text("project_id", [](const R& r) -> std::string_view { return project_of(r).project_id; })
            .text("name", [](const R& r) -> std::string_view { return project_of(r).name; })
            .text("industry", [](const R& r) -> std::string_view { return project_of(r).industry; })
            .text("site_id", [](const R& r) -> std::string_view { return site_of(r).site_id; })
            .text("park_id", [](const R& r) -> std::string_view { return park_of(r).park_id; })
            .text("park_name", [](const R& r) -> std::string_view { return park_of(r).name; })
            .text("host", [](const R& r) -> std::string_view { return district_code(*r.cx, site_of(r).district); })
            .text("origin", [](const R& r) -> std::string_view { return district_code(*r.cx, project_of(r).origin); })
            .integer("enclave", [](const R& r) { return r.placement->enclave; })
            .text("kind", [](const R& r) { return allocate::to_string(site_of(r).kind); })
            .real("area_mu", 3, [](const R& r) { return r.placement->area_mu; })
            .real("site_mu", 3, [](const R& r) { return site_of(r).area_mu; })
            .text("quota_src",
                  [](const R& r) {
                      return r.placement->uses_quota
                                 ? fmt::format("quota:{}", district_code(*r.cx, r.placement->quota_district))
                                 : std::string(allocate::to_string(allocate::SiteKind::Stock));
                  })
            // The new quota drawn: area_mu on planned land, a mixed site's planned part, 0 on stock.
            .real("quota_mu", 3, [](const R& r) { return r.placement->uses_quota ? r.placement->quota_mu : 0.0; })
            // 增存挂钩: the stock land it disposes of, the quota that earns, and whose.
            .real("disposed", 3, [](const R& r) { return r.placement->disposed_mu; })
            .real("quota_earn", 3, [](const R& r) { return r.placement->earned_mu; })
            .text("earned_by", [](const R& r) {
                return r.placement->earned_mu > 0 ? std::string(district_code(*r.cx, r.placement->earner)) : std::string();
            })
            .integer("pinned", [](const R& r) { return r.placement->pinned; })
            .integer("major", [](const R& r) { return project_of(r).major; })
            .real("invest", 1, [](const R& r) { return project_of(r).investment_wan; })
            .real("tax", 1, [](const R& r) { return project_of(r).tax_expect_wan; })
            .real("score", 4, [](const R& r) { return r.placement->score; })
            .text("score_expl", [](const R& r) { return score_explanation(*r.placement); })
            .real("tax_orig", 3,
                  [](const R& r) { return if_enclave(r, allocate::enclave_shares(r.cx->rules, 1).tax_origin).value_or(kNaN); })
            .real("gdp_orig", 3,
                  [](const R& r) { return if_enclave(r, allocate::enclave_shares(r.cx->rules, 1).gdp_origin).value_or(kNaN); })
            .text("shares", [](const R& r) { return if_enclave(r, share_schedule(r.cx->rules)); });
        return t;
    }();
    return table;
}

const Table<FlowRow>& flows_table() {
    using R = FlowRow;
    static const Table<R> table = [] {
        auto park = [](const R& r) -> const Park& { return r.cx->city.parks[r.flow->park]; };
        Table<R> t("flows", GeometryType::LineString,
                   "Enclave (飞地) flows from the origin district's centre to the host park", [](RowSink& s, const R& r) {
                       const geom::Point line[] = {allocate::district_centre(r.cx->city, r.flow->origin),
                                                   r.cx->city.park_geometry.centroid(r.flow->park)};
                       s.set_line(line);
                   });
        t.text("origin", [](const R& r) -> std::string_view { return district_code(*r.cx, r.flow->origin); })
            .text("origin_nm", [](const R& r) -> std::string_view { return r.cx->city.districts[r.flow->origin].name; })
            .text("host", [park](const R& r) -> std::string_view { return district_code(*r.cx, park(r).district); })
            .text("park_id", [park](const R& r) -> std::string_view { return park(r).park_id; })
            .text("park_name", [park](const R& r) -> std::string_view { return park(r).name; })
            .integer("count", [](const R& r) { return r.flow->count; })
            .real("area_mu", 3, [](const R& r) { return r.flow->area_mu; })
            .real("invest", 1, [](const R& r) { return r.flow->investment_wan; })
            .real("tax", 1, [](const R& r) { return r.flow->tax_wan; })
            .text("projects", [](const R& r) {
                std::vector<std::string_view> ids;
                for (uint32_t j : r.flow->projects) ids.push_back(r.cx->city.projects[j].project_id);
                return joined(ids);
            });
        return t;
    }();
    return table;
}

const Table<LedgerRowOf>& quota_ledger_table() {
    using R = LedgerRowOf;
    static const Table<R> table = [] {
        Table<R> t("quota_ledger", GeometryType::MultiPolygon, "Each district's quota: opening + earned (before this plan, and by its disposal of stock land) − consumed = remaining",
                   [](RowSink& s, const R& r) {
                       if (r.cx->city.districts[r.row->district].has_boundary)
                           s.set_polygon(r.cx->city.district_geometry, r.row->district);
                   });
        t.text("district", [](const R& r) -> std::string_view { return district_code(*r.cx, r.row->district); })
            .text("name", [](const R& r) -> std::string_view { return r.cx->city.districts[r.row->district].name; })
            .real("opening", 3, [](const R& r) { return r.row->opening_mu; })
            .real("prior_earn", 3, [](const R& r) { return r.row->earned_before_mu; })
            .real("disposed", 3, [](const R& r) { return r.row->disposed_mu; })
            .real("plan_earn", 3, [](const R& r) { return r.row->earned_plan_mu; })
            .real("earned", 3, [](const R& r) { return r.row->earned_mu(); })
            .real("available", 3, [](const R& r) { return r.row->available_mu(); })
            .real("consumed", 3, [](const R& r) { return r.row->consumed_mu; })
            .real("enclave", 3, [](const R& r) { return r.row->consumed_enclave_mu; })
            .real("stock_used", 3, [](const R& r) { return r.row->stock_used_mu; })
            .real("remaining", 3, [](const R& r) { return r.row->remaining_mu(); });
        return t;
    }();
    return table;
}

namespace {
const Project& project_of(const ProjectRow& r) { return r.cx->city.projects[r.project]; }
const allocate::Unplaced& unplaced_of(const ProjectRow& r) { return r.cx->plan.state.unplaced[r.project]; }

/// The columns refused and unplaced open with.
template <class T>
void project_columns(T& t) {
    using R = ProjectRow;
    t.text("project_id", [](const R& r) -> std::string_view { return project_of(r).project_id; })
        .text("name", [](const R& r) -> std::string_view { return project_of(r).name; })
        .text("industry", [](const R& r) -> std::string_view { return project_of(r).industry; })
        .text("origin", [](const R& r) -> std::string_view { return district_code(*r.cx, project_of(r).origin); })
        .real("area_mu", 3, [](const R& r) { return project_of(r).area_mu; });
}

/// Refusal codes and reasons, each list joined the way its language lists.
struct RefusalTexts {
    std::string codes, zh, en;
};
RefusalTexts refusal_texts(const ProjectRow& row) {
    RefusalTexts t;
    std::vector<allocate::RefusalCode> listed;  // a 标准地 code refuses once per park level: listed once
    for (const auto& r : row.cx->plan.refusals[row.project]) {
        const bool first = t.zh.empty();
        if (std::find(listed.begin(), listed.end(), r.code) == listed.end()) {
            t.codes.append(listed.empty() ? "" : ";").append(allocate::code_name(r.code));
            listed.push_back(r.code);
        }
        t.zh.append(first ? "" : "；").append(allocate::reason_zh(r, row.cx->city, row.project));
        t.en.append(first ? "" : "; ").append(allocate::reason_en(r, row.cx->city, row.project));
    }
    return t;
}
}  // namespace

const Table<ProjectRow>& refused_table() {
    using R = ProjectRow;
    static const Table<R> table = [] {
        Table<R> t("refused", GeometryType::None, "Refused projects and why");
        project_columns(t);
        t.text("codes", [](const R& r) { return refusal_texts(r).codes; })
            .text("reason_zh", [](const R& r) { return refusal_texts(r).zh; })
            .text("reason_en", [](const R& r) { return refusal_texts(r).en; });
        return t;
    }();
    return table;
}

const Table<ProjectRow>& unplaced_table() {
    using R = ProjectRow;
    static const Table<R> table = [] {
        Table<R> t("unplaced", GeometryType::None, "Projects not refused that got no land, with the binding reason");
        project_columns(t);
        t.integer("needs_shore", [](const R& r) { return project_of(r).needs_shore; })
            .text("code", [](const R& r) { return allocate::code_name(unplaced_of(r).code()); })
            .text("reason_zh", [](const R& r) { return allocate::title_zh(unplaced_of(r).code()); })
            .text("detail", [](const R& r) { return allocate::detail_en(unplaced_of(r), r.cx->city, r.cx->rules, r.project); })
            .text("detail_zh", [](const R& r) { return allocate::detail_zh(unplaced_of(r), r.cx->city, r.cx->rules, r.project); });
        return t;
    }();
    return table;
}

const Table<SiteRow>& sites_table() {
    using R = SiteRow;
    static const Table<R> table = [] {
        auto site = [](const R& r) -> const allocate::Site& { return r.cx->plan.sites[r.site]; };
        auto finite = [](double v) { return std::isfinite(v) ? v : kNaN; };
        Table<R> t("sites", GeometryType::MultiPolygon, "Sites: available parcels of one park and kind, merged into blocks, and blocks assembled across internal roads",
                   [](RowSink& s, const R& r) { s.set_polygon(r.cx->site_shapes, r.site); });
        t.text("site_id", [site](const R& r) -> std::string_view { return site(r).site_id; })
            .text("park_id", [site](const R& r) -> std::string_view { return r.cx->city.parks[site(r).park].park_id; })
            .text("park_name", [site](const R& r) -> std::string_view { return r.cx->city.parks[site(r).park].name; })
            .text("district", [site](const R& r) -> std::string_view { return district_code(*r.cx, site(r).district); })
            .text("kind", [site](const R& r) { return allocate::to_string(site(r).kind); })
            .real("area_mu", 3, [site](const R& r) { return site(r).area_mu; })
            .real("taken_mu", 3, [](const R& r) { return r.cx->plan.state.site_taken_mu[r.site]; })
            .real("left_mu", 3, [](const R& r) { return allocate::site_left_mu(r.cx->plan, r.site); })
            .integer("shore_ok", [site](const R& r) { return site(r).shore_ok; })
            .real("port_dist", 1, [site, finite](const R& r) { return finite(site(r).port_distance_m); })
            .real("river_dist", 1, [site, finite](const R& r) { return finite(site(r).river_distance_m); })
            .integer("n_parcels", [site](const R& r) { return static_cast<int64_t>(site(r).parcels.size()); })
            .integer("n_blocks", [site](const R& r) { return static_cast<int64_t>(site(r).blocks.size()); })
            .real("compact", 3, [site](const R& r) { return site(r).compactness; })
            .text("parcels", [site](const R& r) {
                std::vector<std::string_view> ids;
                for (uint32_t i : site(r).parcels) ids.push_back(r.cx->city.parcels.parcel_id[i]);
                return joined(ids);
            });
        return t;
    }();
    return table;
}

const Table<ConditionRow>& supply_conditions_table() {
    using R = ConditionRow;
    static const Table<R> table = [] {
        auto ind = [](const R& r) -> const StandardIndicatorInfo& { return info(r.condition->indicator); };
        Table<R> t("supply_conditions", GeometryType::None,
                   "Land-supply conditions (出让条件, 标准地): each placed project's commitment per indicator, the "
                   "threshold of its park's level it was checked against, and whether it met it");
        t.text("project_id", [](const R& r) -> std::string_view { return r.condition->project_id; })
            .text("site_id", [](const R& r) -> std::string_view { return r.condition->site_id; })
            .text("parcels", [](const R& r) { return joined(r.condition->parcels); })
            .text("park_id", [](const R& r) -> std::string_view { return r.condition->park_id; })
            .text("level", [](const R& r) { return to_string(r.condition->level); })
            .text("industry", [](const R& r) -> std::string_view { return r.condition->industry; })
            .text("std_ind", [](const R& r) -> std::string_view { return r.condition->standard_industry; })
            .real("area_mu", 3, [](const R& r) { return r.condition->area_mu; })
            .real("taken_mu", 3, [](const R& r) { return r.condition->taken_mu; })
            .text("indicator", [ind](const R& r) { return ind(r).name; })
            .text("bound", [ind](const R& r) { return to_string(ind(r).bound); })
            .text("unit", [ind](const R& r) { return ind(r).unit_zh; })
            .real("committed", 6, [](const R& r) { return r.condition->committed; })
            .real("threshold", 6, [](const R& r) { return r.condition->threshold; })
            .integer("met", [](const R& r) { return r.condition->met; })
            .text("on_miss", [](const R& r) { return to_string(r.condition->on_miss); })
            .text("clause_zh", [](const R& r) { return allocate::clause_zh(*r.condition); })
            .text("clause_en", [](const R& r) { return allocate::clause_en(*r.condition); });
        return t;
    }();
    return table;
}

std::vector<FilledTable> plan_tables(const PlanContext& cx) {
    const City& city = cx.city;
    const allocate::Plan& plan = cx.plan;

    // The allocation layer ends with one column per objective term.
    Table<PlacementRow> allocation = allocation_table();
    for (std::size_t k = 0; k < cx.rules.objective.terms.size(); ++k)
        allocation.real(rules::info(cx.rules.objective.terms[k].kind).column, 4, [k](const PlacementRow& r) {
            return k < r.placement->terms.size() ? r.placement->terms[k].contribution() : kNaN;
        });
    std::vector<PlacementRow> placements;
    for (const auto& pl : plan.state.placements) placements.push_back({&cx, &pl});
    std::vector<FlowRow> flows;
    for (const auto& f : cx.flows) flows.push_back({&cx, &f});
    std::vector<LedgerRowOf> ledger;
    for (const auto& row : plan.state.ledger) ledger.push_back({&cx, &row});
    std::vector<ProjectRow> refused, unplaced;
    for (std::size_t j = 0; j < city.projects.size(); ++j) {
        if (!plan.refusals[j].empty()) refused.push_back({&cx, j});
        else if (!plan.state.placement_of[j]) unplaced.push_back({&cx, j});
    }
    std::vector<SiteRow> sites;
    for (std::size_t k = 0; k < plan.sites.size(); ++k) sites.push_back({&cx, k});
    std::vector<ConditionRow> conditions;
    for (const auto& c : cx.conditions) conditions.push_back({&c});

    const auto& st = plan.state.stats;
    std::vector<KeyValue> info = {
        {"method", st.method},
        {"objective", fmt::format("{:.6f}", st.objective)},
        {"best_bound", fmt::format("{:.6f}", st.best_bound)},
        {"gap", fmt::format("{:.6f}", st.gap)},
        {"proven_optimal", st.proven_optimal ? "yes" : "no"},
        {"stopped_by", allocate::info(st.stopped_by).name},
        {"greedy_objective", fmt::format("{:.6f}", st.greedy_objective)},
        {"variables", std::to_string(st.variables)},
        {"constraints", std::to_string(st.constraints)},
        {"capacities_rounded", std::to_string(st.capacities_rounded)},
        {"solver_nodes", std::to_string(st.nodes)},
        {"site_blocks", std::to_string(plan.assembly.blocks)},
        {"site_groups_considered", std::to_string(plan.assembly.groups_considered)},
        {"sites_assembled", std::to_string(plan.assembly.assembled)},
        {"rules_source", cx.rules.source},
        {"rules_version", cx.rules.version},
        {"quota_paid_by", rules::to_string(cx.rules.enclave.quota_paid_by)},
        {"quota_earned_by", rules::to_string(cx.rules.quota.earned_by)},
        {"quota_earned_mu_per_mu_disposed", fmt::format("{}", cx.rules.quota.earned_mu_per_mu_disposed)},
        {"enclave_shares", share_schedule(cx.rules)},
        {"working_crs", fmt::format("EPSG:{}", city.crs.epsg)},
    };
    // 标准地 misses the rules let through with a warning: their rows in supply_conditions say which.
    const auto warned = std::count_if(cx.conditions.begin(), cx.conditions.end(), [](const SupplyCondition& c) { return !c.met; });
    if (warned > 0) info.push_back({"standard_land_warnings", std::to_string(warned)});
    // Only when there are any, so a plan without pins reads as it always has.
    if (!plan.state.pin_problems.empty()) {
        std::string pins;
        for (const auto& pp : plan.state.pin_problems) {
            if (!pins.empty()) pins += "; ";
            pins += allocate::text_en(pp, city, plan);
        }
        info.push_back({"pins_not_honoured", pins});
    }
    return {
        filled(std::move(allocation), std::move(placements)),
        filled(flows_table(), std::move(flows)),
        filled(quota_ledger_table(), std::move(ledger)),
        filled(refused_table(), std::move(refused)),
        filled(unplaced_table(), std::move(unplaced)),
        filled(sites_table(), std::move(sites)),
        filled(supply_conditions_table(), std::move(conditions)),
        filled(run_info_table("How this plan was made"), std::move(info)),
    };
}

}  // namespace parkcap::report::detail
