// run_allocation: screen → sites → verdicts → candidates → greedy → solvers →
// plan, ledger, the reason every unplaced project stayed unplaced, and the pins
// it could not honour.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include "model.hpp"
#include "parkcap/core/error.hpp"

namespace parkcap::allocate {

namespace {

using detail::Candidate;
using detail::Problem;

/// A district's figure in the quota table (quota_mu, earned_before_mu), summed over its rows.
double quota_table_sum(const City& city, uint32_t d, double QuotaEntry::*figure) {
    double q = 0;
    for (const auto& e : city.quota)
        if (e.district == d) q += e.*figure;
    return q;
}

bool contains(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

/// Per park: excluded by a [[forbid]] park = ... override.
std::vector<char> forbidden_parks(const City& city, const Overrides& ov) {
    std::vector<char> out(city.parks.size(), 0);
    for (std::size_t k = 0; k < city.parks.size(); ++k) out[k] = contains(ov.forbidden_parks, city.parks[k].park_id);
    return out;
}

int32_t site_index(const std::vector<Site>& sites, const std::string& id) {
    for (std::size_t s = 0; s < sites.size(); ++s)
        if (sites[s].site_id == id) return static_cast<int32_t>(s);
    return -1;
}

/// The problem recorded for a pin: the project and the park or site it names.
PinProblem pin_problem(PinProblemCode code, const City& city, const std::vector<Site>& sites, std::size_t j,
                       const Overrides::Pin& pin) {
    PinProblem pp{code, static_cast<uint32_t>(j)};
    if (!pin.site.empty()) pp.site = site_index(sites, pin.site);
    else if (const auto park = city.find_park(pin.park)) pp.park = static_cast<int32_t>(*park);
    return pp;
}

/// The pin of each project (the last one the overrides give it), by project.
std::vector<const Overrides::Pin*> pins_by_project(const City& city, const Overrides& ov) {
    std::unordered_map<std::string, const Overrides::Pin*> by_id;
    for (const auto& pin : ov.pins) by_id[pin.project] = &pin;
    std::vector<const Overrides::Pin*> out(city.projects.size(), nullptr);
    for (std::size_t j = 0; j < city.projects.size(); ++j)
        if (const auto it = by_id.find(city.projects[j].project_id); it != by_id.end()) out[j] = it->second;
    return out;
}

/// The model: one candidate per allowed (project, site) verdict the overrides
/// leave open, and the capacity rows. A pin that leaves its project no candidate
/// is recorded as a problem; the project stays where its pin keeps it: unplaced.
Problem build_problem(const City& city, const Overrides& ov, const Plan& plan,
                      const std::vector<const Overrides::Pin*>& pins, std::vector<PinProblem>& pin_problems) {
    Problem pr;
    const std::size_t np = city.projects.size();
    pr.by_project.resize(np);
    pr.pinned.assign(np, false);
    const std::vector<char> park_forbidden = forbidden_parks(city, ov);

    for (std::size_t j = 0; j < np; ++j) {
        const Project& p = city.projects[j];
        const Overrides::Pin* pin = pins[j];
        if (!plan.refusals[j].empty()) {
            if (pin) pin_problems.push_back(pin_problem(PinProblemCode::ProjectRefused, city, plan.sites, j, *pin));
            continue;
        }
        if (contains(ov.forbidden_projects, p.project_id)) {
            if (pin) pin_problems.push_back(pin_problem(PinProblemCode::ProjectForbidden, city, plan.sites, j, *pin));
            continue;
        }
        for (const SiteVerdict& v : plan.verdicts.of(j)) {
            const Site& site = plan.sites[v.site];
            if (pin && !pin->site.empty() && site.site_id != pin->site) continue;
            if (pin && !pin->park.empty() && city.parks[site.park].park_id != pin->park) continue;
            if (!v.allowed() || park_forbidden[site.park]) continue;
            pr.by_project[j].push_back(static_cast<uint32_t>(pr.candidates.size()));
            Candidate c{static_cast<uint32_t>(j), v.site, v.take_mu, v.score, v.payer};
            c.quota_mu = v.quota_mu;
            c.earner = v.earner;
            c.earned_mu = v.earned_mu;
            pr.candidates.push_back(c);
        }
        if (pin) {
            if (pr.by_project[j].empty()) pin_problems.push_back(pin_problem(PinProblemCode::NoSiteFits, city, plan.sites, j, *pin));
            else pr.pinned[j] = true;
        }
    }
    // Rows: every block's area (an assembled site's candidate books land on each
    // of its blocks), every paying district's quota, every park reserve.
    std::vector<int32_t> block_row(plan.sites.size(), -1);
    std::map<int32_t, int32_t> quota_row;
    auto add = [&](std::size_t row, std::size_t k, double coefficient) {
        pr.rows[row].candidates.push_back(static_cast<uint32_t>(k));
        pr.rows[row].coefficients.push_back(coefficient);
    };
    for (std::size_t k = 0; k < pr.candidates.size(); ++k) {
        Candidate& c = pr.candidates[k];
        for (const auto& [block, mu] : block_shares(plan.sites, c.site, c.take_mu)) {
            if (block_row[block] < 0) {
                block_row[block] = static_cast<int32_t>(pr.rows.size());
                pr.rows.push_back({detail::CapacityRow::Kind::Site, "site " + plan.sites[block].site_id,
                                   plan.sites[block].area_mu, {}, {}});
            }
            // The last share is the largest block's: the part that varies with the project.
            c.primary_row = static_cast<uint32_t>(block_row[block]);
            add(static_cast<std::size_t>(block_row[block]), k, mu);
        }
        if (c.payer >= 0) {
            auto [it, fresh] = quota_row.try_emplace(c.payer, static_cast<int32_t>(pr.rows.size()));
            if (fresh) {
                const auto& row = plan.state.ledger[static_cast<std::size_t>(c.payer)];
                pr.rows.push_back({detail::CapacityRow::Kind::Quota,
                                   "quota " + city.districts[static_cast<std::size_t>(c.payer)].code,
                                   row.opening_mu + row.earned_before_mu, {}, {}});
            }
            add(static_cast<std::size_t>(it->second), k, c.quota_mu);
        }
    }
    // 增存挂钩 inside the plan: planned land a district uses ≤ its opening quota +
    // what it earned before + the ratio × the stock land its placements dispose of.
    // A district that pays for nothing needs no row: its credit can only go unused.
    for (std::size_t k = 0; k < pr.candidates.size(); ++k) {
        const Candidate& c = pr.candidates[k];
        if (c.earner < 0 || c.earned_mu <= 0) continue;
        if (const auto it = quota_row.find(c.earner); it != quota_row.end())
            add(static_cast<std::size_t>(it->second), k, -c.earned_mu);
    }
    for (const auto& reserve : ov.reserves) {
        const auto park = city.find_park(reserve.park);
        if (!park) continue;
        double capacity = 0;
        for (const auto& s : plan.sites)
            if (s.park == *park && !s.assembled()) capacity += s.area_mu;
        const std::size_t r = pr.rows.size();
        pr.rows.push_back({detail::CapacityRow::Kind::Reserve, "reserve " + reserve.park, std::max(0.0, capacity - reserve.mu), {}, {}});
        for (std::size_t k = 0; k < pr.candidates.size(); ++k)
            if (plan.sites[pr.candidates[k].site].park == *park && !city.projects[pr.candidates[k].project].major)
                add(r, k, pr.candidates[k].take_mu);
    }
    pr.index_rows();
    return pr;
}

/// Why each project that is neither refused nor placed got no land, from its
/// verdicts and what the plan left. NO_CAPACITY records, per eligible park, the
/// largest site the site rules leave the project; OUTSCORED the projects placed
/// on the land of its fitting sites (it is given only when there are some).
void explain_unplaced(const City& city, const rules::Rules& r, const Overrides& ov, Plan& plan) {
    const std::size_t np = city.projects.size();
    const std::vector<char> park_forbidden = forbidden_parks(city, ov);
    PlanState& st = plan.state;
    // Per block: the projects whose placements book land on it, in project order.
    std::vector<std::vector<uint32_t>> block_users(plan.sites.size());
    for (const Placement& pl : st.placements)
        for (const auto& [b, mu] : block_shares(plan.sites, pl.site, pl.area_mu)) block_users[b].push_back(pl.project);
    std::vector<double> park_largest(city.parks.size());
    for (std::size_t j = 0; j < np; ++j) {
        if (st.placement_of[j] || !plan.refusals[j].empty()) continue;
        const Project& p = city.projects[j];
        auto set = [&](UnplacedCause cause, double value = 0, double threshold = 0) {
            st.unplaced[j] = Unplaced{cause, value, threshold};
        };
        if (contains(ov.forbidden_projects, p.project_id)) {
            set(UnplacedCause::ProjectForbidden);
            continue;
        }
        if (std::any_of(st.pin_problems.begin(), st.pin_problems.end(), [&](const PinProblem& pp) { return pp.project == j; })) {
            set(UnplacedCause::PinNotHonoured);
            continue;
        }
        bool any_park = false;
        for (std::size_t k = 0; k < city.parks.size(); ++k) any_park |= plan.verdicts.park_fit(j, k).has_value();
        if (!any_park) {
            set(UnplacedCause::NoParkTakesIndustry);
            continue;
        }
        bool fitting_site = false, shore_site = false, big_enough = false, capacity_left = false, quota_left = false,
             near_river = false, forbidden_only = false, forbidden_land = false, standard_land_only = false;
        double largest = 0;
        std::fill(park_largest.begin(), park_largest.end(), -1.0);  // -1: no land the site rules leave it
        std::vector<uint32_t> takers;
        for (const SiteVerdict& v : plan.verdicts.of(j)) {
            const Site& site = plan.sites[v.site];
            // Land in a park whose level refuses it (标准地) is not land for it at all.
            if (v.rule == SiteRule::StandardLand) {
                standard_land_only = true;
                continue;
            }
            fitting_site = true;
            if (v.rule == SiteRule::NoShore) continue;
            shore_site = true;
            if (v.rule == SiteRule::ChemNearRiver) {
                near_river = true;
                continue;
            }
            if (v.rule == SiteRule::PartSuffices) continue;  // a smaller site of the same blocks is judged on its own
            if (park_forbidden[site.park]) {
                (v.rule == SiteRule::TooSmall ? forbidden_land : forbidden_only) = true;
                continue;
            }
            if (v.rule == SiteRule::TooSmall) {
                park_largest[site.park] = std::max(park_largest[site.park], site.area_mu);
                largest = std::max(largest, site.area_mu);
                continue;
            }
            big_enough = true;
            if (placement_check(plan, j, v.site).block == PlacementBlock::SiteFull) {
                for (uint32_t b : site.blocks) takers.insert(takers.end(), block_users[b].begin(), block_users[b].end());
                continue;
            }
            capacity_left = true;
            if (v.payer < 0 || st.ledger[static_cast<std::size_t>(v.payer)].remaining_mu() + 1e-9 >= v.quota_mu) quota_left = true;
        }
        std::sort(takers.begin(), takers.end());
        takers.erase(std::unique(takers.begin(), takers.end()), takers.end());
        if (!fitting_site) set(standard_land_only ? UnplacedCause::StandardLandOnly : UnplacedCause::NoLand);
        else if (p.needs_shore && !shore_site) set(UnplacedCause::NoShoreSite, 0, r.fit.shore_site_distance_m);
        else if (!big_enough && forbidden_only) set(UnplacedCause::ParksForbidden);
        else if (!big_enough && largest > 0) {
            set(UnplacedCause::SitesTooSmall, p.area_mu, largest);
            for (std::size_t k = 0; k < park_largest.size(); ++k)
                if (park_largest[k] >= 0)
                    st.unplaced[j].parks.push_back({static_cast<uint32_t>(k), park_largest[k], p.area_mu});
        } else if (!big_enough && near_river) set(UnplacedCause::ChemNearRiver, 0, r.policy.chem_shore_distance_m);
        else if (!big_enough && forbidden_land) set(UnplacedCause::ParksForbidden);
        else if (!big_enough) set(UnplacedCause::NoLand);
        else if (!capacity_left) {
            set(UnplacedCause::SitesTaken);
            st.unplaced[j].taken_by = std::move(takers);
        } else if (!quota_left) set(UnplacedCause::QuotaSpent);
        else set(UnplacedCause::NotWorthPlacing);
    }
}

/// Every id an override names must exist: a typo in a pin must not silently unpin.
void validate_overrides(const City& city, const std::vector<Site>& sites, const Overrides& ov) {
    std::vector<std::string> problems;
    auto has_project = [&](const std::string& id) {
        return std::any_of(city.projects.begin(), city.projects.end(), [&](const Project& p) { return p.project_id == id; });
    };
    auto has_site = [&](const std::string& id) {
        return std::any_of(sites.begin(), sites.end(), [&](const Site& s) { return s.site_id == id; });
    };
    for (const auto& pin : ov.pins) {
        const std::string at = ov.where("pin:" + pin.project);
        if (!has_project(pin.project)) problems.push_back(fmt::format("{}pin: no project '{}'", at, pin.project));
        if (!pin.park.empty() && !city.find_park(pin.park))
            problems.push_back(fmt::format("{}pin of {}: no park '{}'", at, pin.project, pin.park));
        if (!pin.site.empty() && !has_site(pin.site))
            problems.push_back(fmt::format("{}pin of {}: no site '{}' (site ids are listed in PLAN.gpkg's sites layer)", at,
                                           pin.project, pin.site));
    }
    for (const auto& id : ov.forbidden_projects)
        if (!has_project(id)) problems.push_back(fmt::format("{}forbid: no project '{}'", ov.where("forbid.project:" + id), id));
    for (const auto& id : ov.forbidden_parks)
        if (!city.find_park(id)) problems.push_back(fmt::format("{}forbid: no park '{}'", ov.where("forbid.park:" + id), id));
    for (const auto& r : ov.reserves)
        if (!city.find_park(r.park)) problems.push_back(fmt::format("{}reserve: no park '{}'", ov.where("reserve:" + r.park), r.park));
    if (!ov.locked_parcels.empty()) {
        std::unordered_map<std::string_view, bool> ids;
        for (std::size_t i = 0; i < city.parcels.size(); ++i) ids[city.parcels.parcel_id[i]] = true;
        for (const auto& id : ov.locked_parcels)
            if (!ids.count(id)) problems.push_back(fmt::format("{}lock_parcels: no parcel '{}'", ov.where("lock_parcels"), id));
    }
    if (!problems.empty()) {
        std::string all;
        for (const auto& p : problems) all += (all.empty() ? "" : "\n") + ("overrides: " + p);
        throw DataError(all, "correct the ids in the overrides file");
    }
}

}  // namespace

EnclaveShares enclave_shares(const rules::Rules& rules, int year) {
    for (const auto& period : rules.enclave.schedule)
        if (year >= period.from_year && year <= period.to_year)
            return {period.tax_share_origin, period.gdp_share_origin, period.statistics_owner};
    return {0, 0, rules::EnclaveSide::Host};
}

Plan plan_frame(const City& city, const audit::Audit& audit, const rules::Rules& rules, const Overrides& ov,
                const ProgressFn& progress) {
    Plan plan;
    PlanState& st = plan.state;
    const std::size_t np = city.projects.size();
    plan.refusals.resize(np);
    for (std::size_t j = 0; j < np; ++j) plan.refusals[j] = screen_project(city, rules, j);
    if (progress) progress("sites", 0, 0);
    double largest_project_mu = 0;
    for (const Project& p : city.projects) largest_project_mu = std::max(largest_project_mu, p.area_mu);
    plan.sites = build_sites(city, audit, rules, ov.locked_parcels, largest_project_mu, &plan.assembly);
    validate_overrides(city, plan.sites, ov);
    plan.verdicts = build_verdicts(city, rules, plan.sites);
    st.site_taken_mu.assign(plan.sites.size(), 0);
    st.placement_of.assign(np, std::nullopt);
    st.unplaced.assign(np, Unplaced{});
    st.ledger.resize(city.districts.size());
    for (std::size_t d = 0; d < city.districts.size(); ++d) {
        st.ledger[d].district = static_cast<uint32_t>(d);
        st.ledger[d].opening_mu = quota_table_sum(city, static_cast<uint32_t>(d), &QuotaEntry::quota_mu);
        st.ledger[d].earned_before_mu = quota_table_sum(city, static_cast<uint32_t>(d), &QuotaEntry::earned_before_mu);
    }
    return plan;
}

Plan run_allocation(const City& city, const audit::Audit& audit, const rules::Rules& rules, const Overrides& ov,
                    const AllocateOptions& options, const ProgressFn& progress) {
    const auto t0 = std::chrono::steady_clock::now();
    Plan plan = plan_frame(city, audit, rules, ov, progress);
    PlanState& st = plan.state;
    const std::size_t np = city.projects.size();

    const auto pins = pins_by_project(city, ov);
    Problem problem = build_problem(city, ov, plan, pins, st.pin_problems);
    const std::vector<bool> pinned = problem.pinned;
    st.stats.capacities_rounded = detail::round_down_capacities(problem, rules.solver.capacity_rounding_max_units);
    st.stats.variables = problem.candidates.size();
    st.stats.constraints = problem.rows.size();
    for (const auto& b : problem.by_project) st.stats.constraints += b.empty() ? 0 : 1;
    if (progress) progress("solve", 0, 0);
    const rules::SolverRules& limits = rules.solver;
    // Its improvement rounds get at most half the time limit: on models of millions
    // of candidates they would otherwise take it all before any bound is sought.
    const double limit_s = options.time_limit_s.value_or(limits.time_limit_s);
    const detail::Solution greedy = detail::solve_greedy(
        problem, limits, t0 + std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(limit_s / 2)));
    // Pins that do not all fit at once would leave the model without a solution:
    // the greedy places pins first, and those it could not place are released
    // (reported below unless a solver still finds them room on their pinned land),
    // so every figure reported is about the model whose plan is returned.
    for (std::size_t j = 0; j < np; ++j)
        if (problem.pinned[j] && greedy.chosen[j] < 0) problem.pinned[j] = false;
    st.stats.greedy_objective = greedy.objective;

    detail::Solution chosen = greedy;
    st.stats.method = "greedy";
    st.stats.objective = greedy.objective;
    st.stats.best_bound = std::numeric_limits<double>::quiet_NaN();
    SolveStop search_stop = SolveStop::RelativeGap;  // what ended the search when not within the gap
    if (!options.greedy_only) {
        // The time limit covers the whole allocation: the solver gets what is left,
        // less a twentieth kept for applying the plan and explaining the unplaced
        // (3 s of a 120 s limit on 9.7 million candidates, bench_allocate blocks 5000x10000).
        const double limit = 0.95 * limit_s;
        auto seconds_left = [&] {
            return limit - std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        };
        const double gap = limits.relative_gap;
        double bound = std::numeric_limits<double>::infinity();
        auto deadline_in = [&](double seconds) {
            return std::chrono::steady_clock::now() +
                   std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(std::max(seconds, 0.0)));
        };
        // 1. The site search on the greedy plan: each site's best set of projects
        //    given the rest (a knapsack), the swaps of several projects for one
        //    that the greedy's one-for-one swaps miss.
        {
            detail::Solution searched = greedy;
            if (detail::improve_by_sites(problem, searched, limits, deadline_in(seconds_left() / 2)) > 0 &&
                searched.objective > chosen.objective + 1e-9 && detail::feasible(problem, searched)) {
                chosen = searched;
                st.stats.method = "greedy + site search";
            }
        }
        // 2. The capacity relaxation (every capacity row priced out): a bound at
        //    any size, cheap, and the prices the knapsack relaxation starts from
        //    where the LP's duals would cost too much. Computed once; CBC's step reuses it.
        std::vector<double> capacity_prices;
        int capacity_steps = limits.capacity_bound_max_iterations;
        if (limits.capacity_bound_max_candidate_steps > 0 && !problem.candidates.empty())
            capacity_steps = static_cast<int>(std::clamp(
                limits.capacity_bound_max_candidate_steps / static_cast<double>(problem.candidates.size()), 1.0, double(capacity_steps)));
        const detail::LagrangianBound capacity_bound = detail::capacity_lagrangian_bound(
            problem, chosen.objective, deadline_in(seconds_left()), capacity_steps, &capacity_prices);
        // 3. The Lagrangian relaxation of the one-per-project rows (an exact knapsack
        //    per site): a bound usually much tighter than the LP bound of this
        //    assignment problem, and the Lagrangian heuristic: relaxed solutions
        //    repaired into plans and improved by the site search. Above
        //    knapsack_bound_max_candidates it is skipped.
        //    An assembled site's candidate joins every block's knapsack it spans as a
        //    copy, which loosens the bound far past the LP's (the sample city: 3,010
        //    against CBC's 1,688) and spends a second CBC uses better, so models with
        //    assembled candidates go to CBC directly.
        const bool assembled = detail::has_assembled_candidates(problem);
        const bool knapsack_bound = problem.candidates.size() <= static_cast<std::size_t>(limits.knapsack_bound_max_candidates) && !assembled;
        if (knapsack_bound) {
            detail::Solution improved = chosen;
            const double budget_s =
                std::min(limits.knapsack_bound_max_s, limits.knapsack_bound_time_share * std::max(seconds_left(), 0.0));
            bound = detail::lagrangian_bound(problem, improved, budget_s, gap, limits, &capacity_prices);
            if (improved.objective > chosen.objective + 1e-9) {
                chosen = improved;
                st.stats.method = "lagrangian heuristic";
            }
        }
        bound = std::min(bound, capacity_bound.bound);
        auto within_gap = [&] {
            return std::isfinite(bound) && (bound - chosen.objective) / std::max(std::abs(bound), 1e-9) <= gap;
        };
        // 4. CBC on small models of a few sites each, the rest of the plan fixed.
        //    Not with assembled candidates (held fixed there): on the sample city
        //    CBC's 1,000 nodes from the plan it gave ended at 1,658.88 with a gap of
        //    1.70 %, from the greedy's at 1,666.07 and 1.06 %.
        if (!within_gap() && !assembled && detail::improve_by_submodels(problem, chosen, limits,
                                                          deadline_in(limits.submodel_time_share * std::max(seconds_left(), 0.0))) > 0)
            st.stats.method += " + cbc on site groups";
        bound = std::max(bound, chosen.objective);
        // 5. CBC, started from the best plan so far, unless that is already within the gap;
        //    the time limit covers the whole allocation, so it gets what is left.
        if (!within_gap()) {
            const detail::MipResult mip = detail::solve_mip(problem, chosen, seconds_left(), gap, limits, &capacity_bound);
            if (mip.feasible && detail::feasible(problem, mip.solution) && mip.solution.objective >= chosen.objective - 1e-9) {
                if (mip.solution.objective > chosen.objective + 1e-9 || st.stats.method == "greedy") {
                    chosen = mip.solution;
                    st.stats.method = mip.method;
                } else {
                    st.stats.method += ", " + mip.method;
                }
            } else {
                st.stats.method += ", " + mip.method;
            }
            // Both bounds are true bounds: the tighter holds.
            bound = std::min(bound, mip.best_bound);
            st.stats.nodes = mip.nodes;
            search_stop = mip.stopped_by;
        } else {
            st.stats.method += knapsack_bound ? " (bounded by the lagrangian relaxation)" : " (bounded by the capacity relaxation)";
        }
        st.stats.objective = detail::objective_of(problem, chosen);
        // A plan this run has seen is never above the bound.
        st.stats.best_bound = std::max(bound, st.stats.objective);
    }
    const double bound = st.stats.best_bound;
    st.stats.gap = std::isnan(bound) ? std::numeric_limits<double>::quiet_NaN()
                                     : (bound - st.stats.objective) / std::max(std::abs(bound), 1e-9);
    // Proven optimal only when the two figures meet; within the rules' gap is said as such.
    st.stats.proven_optimal = !std::isnan(st.stats.gap) && st.stats.gap <= kClosedGap;
    st.stats.stopped_by = std::isnan(st.stats.gap)                    ? SolveStop::NotSolved
                          : st.stats.proven_optimal                   ? SolveStop::GapClosed
                          : st.stats.gap <= rules.solver.relative_gap ? SolveStop::RelativeGap
                                                                      : search_stop;

    // Apply the chosen candidates in project order, stock land first: its disposal
    // earns the quota (增存挂钩) that planned land may then spend, so each step
    // keeps the ledger above zero.
    for (const bool stock_pass : {true, false})
        for (std::size_t j = 0; j < np; ++j) {
            if (chosen.chosen[j] < 0) continue;
            const Candidate& c = problem.candidates[static_cast<std::size_t>(chosen.chosen[j])];
            if ((c.payer < 0) != stock_pass) continue;
            place(city, rules, plan, j, c.site, pinned[j]);  // a pinned project's candidates are all on its pinned land
        }
    // A pin the model took but the plan does not keep (no room for every pin).
    for (std::size_t j = 0; j < np; ++j)
        if (pinned[j] && !st.placement_of[j])
            st.pin_problems.push_back(pin_problem(PinProblemCode::NotPlaced, city, plan.sites, j, *pins[j]));
    std::stable_sort(st.pin_problems.begin(), st.pin_problems.end(),
                     [](const PinProblem& a, const PinProblem& b) { return a.project < b.project; });
    explain_unplaced(city, rules, ov, plan);
    st.stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return plan;
}

}  // namespace parkcap::allocate
