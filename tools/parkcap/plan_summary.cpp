#include "plan_summary.hpp"

#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "cli_support.hpp"

namespace parkcap::cli {

namespace {
struct Counts {
    std::size_t placed = 0, stock = 0, quota = 0, mixed = 0, enclave = 0, refused = 0, unplaced = 0;
    double placed_mu = 0, stock_mu = 0, quota_mu = 0;
    std::map<std::string, std::size_t> refusal_codes, unplaced_codes;
};

Counts count(const allocate::Plan& plan) {
    Counts c;
    for (const auto& pl : plan.state.placements) {
        ++c.placed;
        c.placed_mu += pl.area_mu;
        // A mixed site's take is part quota (its planned blocks), part stock land.
        if (pl.uses_quota) { ++c.quota; c.quota_mu += pl.quota_mu; }
        else ++c.stock;
        c.stock_mu += pl.uses_quota ? pl.area_mu - pl.quota_mu : pl.area_mu;
        c.mixed += plan.sites[pl.site].kind == allocate::SiteKind::Mixed;
        c.enclave += pl.enclave;
    }
    for (std::size_t j = 0; j < plan.refusals.size(); ++j) {
        if (!plan.refusals[j].empty()) {
            ++c.refused;
            // Projects per code: a 标准地 code refuses once per park level it fits.
            std::set<std::string> codes;
            for (const auto& r : plan.refusals[j]) codes.insert(allocate::code_name(r.code));
            for (const auto& code : codes) ++c.refusal_codes[code];
        } else if (!plan.state.placement_of[j]) {
            ++c.unplaced;
            ++c.unplaced_codes[allocate::code_name(plan.state.unplaced[j].code())];
        }
    }
    return c;
}

/// The projects no site could hold (NO_CAPACITY) and those whose sites went to
/// others (OUTSCORED), each with its reason; the first kListedUnplaced only, the
/// unplaced table has them all.
constexpr std::size_t kListedUnplaced = 20;
std::string unplaced_lines(const City& city, const allocate::Plan& plan, const rules::Rules& rules) {
    std::string out;
    std::size_t listed = 0, more = 0;
    for (std::size_t j = 0; j < plan.refusals.size(); ++j) {
        if (!plan.refusals[j].empty() || plan.state.placement_of[j]) continue;
        const allocate::Unplaced& u = plan.state.unplaced[j];
        if (u.code() != allocate::UnplacedCode::NoCapacity && u.code() != allocate::UnplacedCode::Outscored) continue;
        if (listed == kListedUnplaced) {
            ++more;
            continue;
        }
        ++listed;
        out += fmt::format("\n  {} {} ({} 亩): {}", city.projects[j].project_id, allocate::code_name(u.code()),
                           format_number(city.projects[j].area_mu, 1), allocate::detail_en(u, city, rules, j));
    }
    if (more) out += fmt::format("\n  … and {} more NO_CAPACITY or OUTSCORED (PLAN.gpkg unplaced)", more);
    return out;
}

std::string gap_text(double gap) { return std::isnan(gap) ? "unknown" : fmt::format("{:.4f}%", gap * 100); }
}  // namespace

std::string plan_summary_text(const City& city, const allocate::Plan& plan, const rules::Rules& rules,
                              const PlanOutputs& outputs) {
    const Counts c = count(plan);
    const auto& st = plan.state.stats;
    std::string out;
    const auto sites_of = [&](allocate::SiteKind kind) {
        return std::count_if(plan.sites.begin(), plan.sites.end(), [&](const auto& s) { return s.kind == kind; });
    };
    out += fmt::format("parkcap allocate — {} projects, {} sites ({} stock, {} planned, {} of stock and planned land)\n",
                       city.projects.size(), plan.sites.size(), sites_of(allocate::SiteKind::Stock),
                       sites_of(allocate::SiteKind::Planned), sites_of(allocate::SiteKind::Mixed));
    out += fmt::format("Sites: {} blocks of touching parcels, {} assembled across internal roads up to {:g} m "
                       "(region growing evaluated {} block groups)\n",
                       plan.assembly.blocks, plan.assembly.assembled, rules.fit.site_gap_max_m, plan.assembly.groups_considered);
    out += fmt::format("Placed: {} projects on {} 亩 — {} on stock land ({} 亩, no quota), {} on new quota ({} 亩{}); "
                       "{} enclave (飞地) placements\n",
                       c.placed, format_number(c.placed_mu, 1), c.stock, format_number(c.stock_mu, 1), c.quota,
                       format_number(c.quota_mu, 1),
                       c.mixed ? fmt::format("; {} of them on stock and planned land, whose stock part is in the stock 亩", c.mixed) : "",
                       c.enclave);
    out += fmt::format("Refused: {} projects", c.refused);
    for (const auto& [code, n] : c.refusal_codes) out += fmt::format(", {} {}", n, code);
    out += fmt::format("\nUnplaced: {} projects", c.unplaced);
    for (const auto& [code, n] : c.unplaced_codes) out += fmt::format(", {} {}", n, code);
    out += unplaced_lines(city, plan, rules);
    out += fmt::format("\nSolver: {}; objective {:.4f}, best bound {:.4f}, gap {}{}; greedy baseline {:.4f}; {} "
                       "variables, {} constraints{}, {} branch-and-bound nodes, {:.2f} s\n",
                       st.method, st.objective, st.best_bound, gap_text(st.gap),
                       st.stopped_by == allocate::SolveStop::RelativeGap
                           ? fmt::format(" (proven within the rules' relative_gap {:g}% of the best bound)",
                                         rules.solver.relative_gap * 100)
                           : fmt::format(" ({})", allocate::info(st.stopped_by).text_en),
                       st.greedy_objective, st.variables, st.constraints,
                       st.capacities_rounded
                           ? fmt::format(" ({} capacities rounded down to what the projects' areas can fill)",
                                         st.capacities_rounded)
                           : std::string(),
                       st.nodes, st.seconds);
    for (const auto& pp : plan.state.pin_problems) out += fmt::format("Pin not honoured: {}\n", allocate::text_en(pp, city, plan));
    // 标准地 misses the rules let through ("warn"): where each is, so it can be raised before the contract.
    for (const SupplyCondition& sc : allocate::supply_conditions(city, plan))
        if (!sc.met)
            out += fmt::format("标准地 warning: {} on {} in {}: {}\n", sc.project_id, sc.site_id, sc.park_id,
                               allocate::clause_en(sc));

    out += "\nQuota ledger (亩)\n";
    TextTable ledger({"district", "name", "opening", "earned before", "stock disposed", "earned by plan", "consumed",
                      "of which enclave", "stock used", "remaining"},
                     {false, false, true, true, true, true, true, true, true, true});
    for (const auto& row : plan.state.ledger)
        ledger.add({city.districts[row.district].code, city.districts[row.district].name, format_number(row.opening_mu, 1),
                    format_number(row.earned_before_mu, 1), format_number(row.disposed_mu, 1),
                    format_number(row.earned_plan_mu, 1), format_number(row.consumed_mu, 1),
                    format_number(row.consumed_enclave_mu, 1), format_number(row.stock_used_mu, 1),
                    format_number(row.remaining_mu(), 1)});
    out += ledger.render();

    const auto flows = allocate::enclave_flows(city, plan);
    if (!flows.empty()) {
        out += "\nEnclave flows (飞地经济: origin district → host park)\n";
        TextTable t({"origin", "host park", "projects", "亩", "investment 万元"}, {false, false, true, true, true});
        for (const auto& f : flows)
            t.add({city.districts[f.origin].code + " " + city.districts[f.origin].name, city.parks[f.park].name,
                   std::to_string(f.count), format_number(f.area_mu, 1), format_number(f.investment_wan, 0)});
        out += t.render();
    }
    out += fmt::format("\nEnclave agreement: quota paid by the {}; rules {}\n", rules::to_string(rules.enclave.quota_paid_by), rules.version);
    out += fmt::format("Wrote {}", outputs.gpkg);
    if (!outputs.csv_dir.empty()) out += fmt::format(" and CSV tables in {}", outputs.csv_dir);
    out += "\n";
    return out;
}

nlohmann::ordered_json plan_summary_json(const City& city, const allocate::Plan& plan, const rules::Rules& rules,
                                         const PlanOutputs& outputs) {
    using nlohmann::ordered_json;
    const Counts c = count(plan);
    const auto& st = plan.state.stats;
    auto num = [](double v) { return std::isfinite(v) ? ordered_json(v) : ordered_json(); };
    ordered_json j;
    j["projects"] = city.projects.size();
    j["sites"] = plan.sites.size();
    j["site_assembly"] = {{"blocks", plan.assembly.blocks}, {"assembled", plan.assembly.assembled},
                          {"groups_considered", plan.assembly.groups_considered}, {"gap_max_m", rules.fit.site_gap_max_m}};
    j["placed"] = {{"count", c.placed}, {"area_mu", c.placed_mu}, {"stock", c.stock}, {"stock_mu", c.stock_mu},
                   {"quota", c.quota}, {"quota_mu", c.quota_mu}, {"mixed", c.mixed}, {"enclave", c.enclave}};
    j["refused"] = {{"count", c.refused}, {"by_code", c.refusal_codes}};
    j["unplaced"] = {{"count", c.unplaced}, {"by_code", c.unplaced_codes}, {"projects", ordered_json::array()}};
    for (std::size_t k = 0; k < plan.refusals.size(); ++k) {
        if (!plan.refusals[k].empty() || plan.state.placement_of[k]) continue;
        const allocate::Unplaced& u = plan.state.unplaced[k];
        j["unplaced"]["projects"].push_back({{"project", city.projects[k].project_id},
                                             {"code", allocate::code_name(u.code())},
                                             {"detail", allocate::detail_en(u, city, rules, k)},
                                             {"detail_zh", allocate::detail_zh(u, city, rules, k)}});
    }
    j["solver"] = {{"method", st.method},         {"objective", num(st.objective)}, {"best_bound", num(st.best_bound)},
                   {"gap", num(st.gap)},          {"proven_optimal", st.proven_optimal},
                   {"stopped_by", allocate::info(st.stopped_by).name},
                   {"greedy_objective", num(st.greedy_objective)}, {"variables", st.variables},
                   {"constraints", st.constraints}, {"capacities_rounded", st.capacities_rounded}, {"nodes", st.nodes},
                   {"seconds", st.seconds}};
    j["pins_not_honoured"] = ordered_json::array();
    for (const auto& pp : plan.state.pin_problems)
        j["pins_not_honoured"].push_back({{"project", city.projects[pp.project].project_id},
                                          {"code", allocate::info(pp.code).name},
                                          {"text", allocate::text_en(pp, city, plan)}});
    j["standard_land_warnings"] = ordered_json::array();
    for (const SupplyCondition& sc : allocate::supply_conditions(city, plan))
        if (!sc.met)
            j["standard_land_warnings"].push_back({{"project", sc.project_id},
                                                   {"site_id", sc.site_id},
                                                   {"park_id", sc.park_id},
                                                   {"indicator", info(sc.indicator).name},
                                                   {"committed", sc.committed},
                                                   {"threshold", sc.threshold},
                                                   {"text", allocate::clause_en(sc)}});
    for (const auto& row : plan.state.ledger)
        j["quota_ledger"].push_back({{"district", city.districts[row.district].code},
                                     {"name", city.districts[row.district].name},
                                     {"opening_mu", row.opening_mu},
                                     {"earned_before_mu", row.earned_before_mu},
                                     {"disposed_mu", row.disposed_mu},
                                     {"earned_plan_mu", row.earned_plan_mu},
                                     {"earned_mu", row.earned_mu()},
                                     {"consumed_mu", row.consumed_mu},
                                     {"consumed_enclave_mu", row.consumed_enclave_mu},
                                     {"stock_used_mu", row.stock_used_mu},
                                     {"remaining_mu", row.remaining_mu()}});
    for (const auto& f : allocate::enclave_flows(city, plan))
        j["flows"].push_back({{"origin", city.districts[f.origin].code},
                              {"park_id", city.parks[f.park].park_id},
                              {"count", f.count},
                              {"area_mu", f.area_mu},
                              {"investment_wan", f.investment_wan}});
    j["rules"] = {{"source", rules.source}, {"version", rules.version}};
    j["outputs"] = {{"plan", outputs.gpkg}, {"csv_dir", outputs.csv_dir}, {"audit", outputs.audit}};
    return j;
}

}  // namespace parkcap::cli
