// run_allocation: screen → sites → candidates → greedy → MIP → plan, ledger and
// the reason every unplaced project stayed unplaced.
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

double quota_of(const City& city, uint32_t d) {
    double q = 0;
    for (const auto& e : city.quota)
        if (e.district == d) q += e.quota_mu;
    return q;
}

/// The objective's terms for project j placed on a site of this kind and fit.
std::vector<ScoreTerm> score_terms(const City& city, const rules::Rules& r, std::size_t j, bool themed, double take_mu,
                                   bool uses_quota) {
    const Project& p = city.projects[j];
    std::vector<ScoreTerm> terms;
    for (const auto& t : r.objective.terms) {
        double v = 0;
        if (t.name == "investment_per_mu") v = p.investment_wan / p.area_mu;
        else if (t.name == "tax_per_mu") v = p.tax_expect_wan / p.area_mu;
        else if (t.name == "tech") v = p.tech;
        else if (t.name == "major") v = p.major ? 1 : 0;
        else if (t.name == "theme_fit") v = themed ? 1 : 0;
        else if (t.name == "new_quota") v = uses_quota ? take_mu : 0;
        else if (t.name == "total_tax") v = p.tax_expect_wan;
        else if (t.name == "total_investment") v = p.investment_wan;
        else if (t.name == "area") v = take_mu;
        terms.push_back(ScoreTerm{t.name, v, t.weight, t.scale});
    }
    return terms;
}

double total(const std::vector<ScoreTerm>& terms) {
    double s = 0;
    for (const auto& t : terms) s += t.contribution();
    return s;
}

/// Why project j may not use site s, or "" when it may (capacity and quota aside).
std::string site_rule_violation(const City& city, const rules::Rules& r, const std::vector<Site>& sites, std::size_t j,
                                std::size_t s, const Overrides* overrides, std::optional<bool>* fit_out = nullptr) {
    const Project& p = city.projects[j];
    const Site& site = sites[s];
    const Park& park = city.parks[site.park];
    const auto fit = park_fit(city, r, j, site.park);
    if (fit_out) *fit_out = fit;
    if (!fit)
        return fmt::format("园区 {} 的主导产业不含 {} / park {} does not take industry {}", park.name, p.industry,
                           park.park_id, p.industry);
    if (overrides && std::find(overrides->forbidden_parks.begin(), overrides->forbidden_parks.end(), park.park_id) !=
                         overrides->forbidden_parks.end())
        return fmt::format("园区 {} 已被禁用 / park {} is forbidden by an override", park.name, park.park_id);
    if (p.needs_shore && !site.shore_ok)
        return fmt::format("地块距宜港岸线 {:.0f} 米 > {} 米 / site is {:.0f} m from usable port shoreline, over {} m",
                           site.port_distance_m, r.fit.shore_site_distance_m, site.port_distance_m,
                           r.fit.shore_site_distance_m);
    if (rules::is_chemical(r, p.industry) && site.river_distance_m <= r.policy.chem_shore_distance_m)
        return fmt::format("化工项目不得在长江岸线 {} 米内（地块距 {:.0f} 米）/ no chemical project within {} m of the "
                           "Yangtze (site at {:.0f} m)",
                           r.policy.chem_shore_distance_m, site.river_distance_m, r.policy.chem_shore_distance_m,
                           site.river_distance_m);
    if (p.area_mu > site.area_mu + 1e-9)
        return fmt::format("地块 {:.1f} 亩 < 需求 {:.1f} 亩 / site has {:.1f} mu, project needs {:.1f} mu", site.area_mu,
                           p.area_mu, site.area_mu, p.area_mu);
    return {};
}

double take_for(const rules::Rules& r, const Project& p, const Site& site) {
    // The tolerance keeps a remnant of exactly min_remnant_mu (up to rounding of areas) a usable remnant.
    return site.area_mu - p.area_mu < r.fit.min_remnant_mu - 1e-6 ? site.area_mu : p.area_mu;
}

int32_t payer_for(const City& city, const rules::Rules& r, const Project& p, const Site& site) {
    if (site.kind != SiteKind::Planned) return -1;
    (void)city;
    return static_cast<int32_t>(r.enclave.quota_paid_by == "origin" ? p.origin : site.district);
}

Problem build_problem(const City& city, const rules::Rules& r, const Overrides& ov, const Plan& plan,
                      std::vector<std::string>& pin_problems) {
    Problem pr;
    const std::size_t np = city.projects.size();
    pr.by_project.resize(np);
    pr.pinned.assign(np, false);
    std::unordered_map<std::string, const Overrides::Pin*> pins;
    for (const auto& pin : ov.pins) pins[pin.project] = &pin;

    for (std::size_t j = 0; j < np; ++j) {
        const Project& p = city.projects[j];
        if (!plan.refusals[j].empty()) continue;
        if (std::find(ov.forbidden_projects.begin(), ov.forbidden_projects.end(), p.project_id) != ov.forbidden_projects.end())
            continue;
        const auto pin_it = pins.find(p.project_id);
        const Overrides::Pin* pin = pin_it == pins.end() ? nullptr : pin_it->second;
        for (std::size_t s = 0; s < plan.sites.size(); ++s) {
            const Site& site = plan.sites[s];
            if (pin && !pin->site.empty() && site.site_id != pin->site) continue;
            if (pin && !pin->park.empty() && city.parks[site.park].park_id != pin->park) continue;
            std::optional<bool> fit;
            if (!site_rule_violation(city, r, plan.sites, j, s, &ov, &fit).empty()) continue;
            Candidate c;
            c.project = static_cast<uint32_t>(j);
            c.site = static_cast<uint32_t>(s);
            c.take_mu = take_for(r, p, site);
            c.payer = payer_for(city, r, p, site);
            c.value = total(score_terms(city, r, j, *fit, c.take_mu, c.payer >= 0));
            pr.by_project[j].push_back(static_cast<uint32_t>(pr.candidates.size()));
            pr.candidates.push_back(c);
        }
        if (pin) {
            if (pr.by_project[j].empty())
                pin_problems.push_back(fmt::format("pin of {} to {} cannot be honoured: no site there fits it", p.project_id,
                                                   pin->site.empty() ? pin->park : pin->site));
            else
                pr.pinned[j] = true;
        }
    }

    // Rows: every site's area, every paying district's quota, every park reserve.
    std::vector<int32_t> site_row(plan.sites.size(), -1);
    std::map<int32_t, int32_t> quota_row;
    for (std::size_t k = 0; k < pr.candidates.size(); ++k) {
        const Candidate& c = pr.candidates[k];
        if (site_row[c.site] < 0) {
            site_row[c.site] = static_cast<int32_t>(pr.rows.size());
            pr.rows.push_back({detail::CapacityRow::Kind::Site, "site " + plan.sites[c.site].site_id,
                               plan.sites[c.site].area_mu, {}});
        }
        pr.rows[static_cast<std::size_t>(site_row[c.site])].candidates.push_back(static_cast<uint32_t>(k));
        if (c.payer >= 0) {
            auto [it, fresh] = quota_row.try_emplace(c.payer, static_cast<int32_t>(pr.rows.size()));
            if (fresh) {
                const auto& row = plan.state.ledger[static_cast<std::size_t>(c.payer)];
                pr.rows.push_back({detail::CapacityRow::Kind::Quota,
                                   "quota " + city.districts[static_cast<std::size_t>(c.payer)].code,
                                   row.opening_mu + row.earned_mu, {}});
            }
            pr.rows[static_cast<std::size_t>(it->second)].candidates.push_back(static_cast<uint32_t>(k));
        }
    }
    for (const auto& reserve : ov.reserves) {
        const auto park = city.find_park(reserve.park);
        if (!park) continue;
        double capacity = 0;
        for (const auto& s : plan.sites)
            if (s.park == *park) capacity += s.area_mu;
        detail::CapacityRow row{detail::CapacityRow::Kind::Reserve, "reserve " + reserve.park,
                                std::max(0.0, capacity - reserve.mu), {}};
        for (std::size_t k = 0; k < pr.candidates.size(); ++k)
            if (plan.sites[pr.candidates[k].site].park == *park && !city.projects[pr.candidates[k].project].major)
                row.candidates.push_back(static_cast<uint32_t>(k));
        pr.rows.push_back(std::move(row));
    }
    pr.rows_of.assign(pr.candidates.size(), {});
    for (std::size_t r2 = 0; r2 < pr.rows.size(); ++r2)
        for (uint32_t k : pr.rows[r2].candidates) pr.rows_of[k].push_back(static_cast<uint32_t>(r2));
    return pr;
}

void explain_unplaced(const City& city, const rules::Rules& r, const Overrides& ov, Plan& plan) {
    const std::size_t np = city.projects.size();
    plan.state.unplaced.assign(np, UnplacedCode::Outscored);
    plan.state.unplaced_detail.assign(np, "");
    for (std::size_t j = 0; j < np; ++j) {
        if (plan.state.placement_of[j] || !plan.refusals[j].empty()) continue;
        const Project& p = city.projects[j];
        auto set = [&](UnplacedCode c, std::string d) {
            plan.state.unplaced[j] = c;
            plan.state.unplaced_detail[j] = std::move(d);
        };
        if (std::find(ov.forbidden_projects.begin(), ov.forbidden_projects.end(), p.project_id) != ov.forbidden_projects.end()) {
            set(UnplacedCode::Forbidden, "forbidden by an override");
            continue;
        }
        bool any_park = false;
        for (std::size_t k = 0; k < city.parks.size(); ++k) any_park |= park_fit(city, r, j, k).has_value();
        if (!any_park) {
            set(UnplacedCode::NoFittingPark, fmt::format("no park takes industry {}", p.industry));
            continue;
        }
        bool fitting_site = false, shore_site = false, big_enough = false, capacity_left = false, quota_left = false,
             near_river = false;
        double largest = 0;
        for (std::size_t s = 0; s < plan.sites.size(); ++s) {
            const Site& site = plan.sites[s];
            if (!park_fit(city, r, j, site.park)) continue;
            fitting_site = true;
            if (p.needs_shore && !site.shore_ok) continue;
            shore_site = true;
            if (rules::is_chemical(r, p.industry) && site.river_distance_m <= r.policy.chem_shore_distance_m) {
                near_river = true;
                continue;
            }
            if (!site_rule_violation(city, r, plan.sites, j, s, &ov).empty()) {
                largest = std::max(largest, site.area_mu);
                continue;
            }
            big_enough = true;
            const double take = take_for(r, p, site);
            if (site.area_mu - plan.state.site_taken_mu[s] + 1e-9 < take) continue;
            capacity_left = true;
            const int32_t payer = payer_for(city, r, p, site);
            if (payer < 0 || plan.state.ledger[static_cast<std::size_t>(payer)].remaining_mu() + 1e-9 >= take) quota_left = true;
        }
        if (!fitting_site) set(UnplacedCode::NoCapacity, "no available land in the parks that take its industry");
        else if (p.needs_shore && !shore_site)
            set(UnplacedCode::NoShore, fmt::format("needs riverfront; no available land in a fitting park within {} m of "
                                                   "port shoreline in a {} zone",
                                                   r.fit.shore_site_distance_m, fmt::join(r.fit.shore_zones, "/")));
        else if (!big_enough && near_river && largest == 0)
            set(UnplacedCode::NoShore, fmt::format("chemical project: every fitting site is within {} m of the Yangtze, "
                                                   "where no chemical project may be built",
                                                   r.policy.chem_shore_distance_m));
        else if (!big_enough)
            set(UnplacedCode::NoCapacity, fmt::format("needs {:.1f} mu; the largest fitting site has {:.1f} mu", p.area_mu, largest));
        else if (!capacity_left) set(UnplacedCode::NoCapacity, "fitting sites are taken by higher-scoring projects");
        else if (!quota_left) set(UnplacedCode::NoQuota, "only planned land is left for it and the paying district's quota is spent");
        else set(UnplacedCode::Outscored, "placing it would not raise the plan's score (its score is not positive, or the "
                                          "solver stopped at its time limit)");
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
        if (!has_project(pin.project)) problems.push_back(fmt::format("pin: no project '{}'", pin.project));
        if (!pin.park.empty() && !city.find_park(pin.park)) problems.push_back(fmt::format("pin of {}: no park '{}'", pin.project, pin.park));
        if (!pin.site.empty() && !has_site(pin.site))
            problems.push_back(fmt::format("pin of {}: no site '{}' (site ids are listed in PLAN.gpkg's sites layer)",
                                           pin.project, pin.site));
    }
    for (const auto& id : ov.forbidden_projects)
        if (!has_project(id)) problems.push_back(fmt::format("forbid: no project '{}'", id));
    for (const auto& id : ov.forbidden_parks)
        if (!city.find_park(id)) problems.push_back(fmt::format("forbid: no park '{}'", id));
    for (const auto& r : ov.reserves)
        if (!city.find_park(r.park)) problems.push_back(fmt::format("reserve: no park '{}'", r.park));
    if (!ov.locked_parcels.empty()) {
        std::unordered_map<std::string_view, bool> ids;
        for (std::size_t i = 0; i < city.parcels.size(); ++i) ids[city.parcels.parcel_id[i]] = true;
        for (const auto& id : ov.locked_parcels)
            if (!ids.count(id)) problems.push_back(fmt::format("lock_parcels: no parcel '{}'", id));
    }
    if (!problems.empty()) {
        std::string all;
        for (const auto& p : problems) all += (all.empty() ? "" : "\n") + ("overrides: " + p);
        throw DataError(all, "correct the ids in the overrides file");
    }
}

/// Above this many candidates the knapsack Lagrangian costs more than it gives in
/// the time limit (its dynamic programme is sites × candidates × capacity units).
constexpr std::size_t kKnapsackLagrangianMaxCandidates = 200000;

}  // namespace

const char* code_name(UnplacedCode c) {
    static const char* const names[] = {"NO_FIT", "NO_SHORE", "NO_CAPACITY", "NO_QUOTA", "FORBIDDEN", "OUTSCORED"};
    return names[static_cast<int>(c)];
}

EnclaveShares enclave_shares(const rules::Rules& rules, int year) {
    for (const auto& period : rules.enclave.schedule)
        if (year >= period.from_year && year <= period.to_year)
            return {period.tax_share_origin, period.gdp_share_origin, period.statistics_owner};
    return {0, 0, "host"};
}

std::string check_placement(const City& city, const rules::Rules& r, const Plan& plan, std::size_t j, std::size_t s) {
    if (!plan.refusals[j].empty()) return "项目已被否决 / the project is refused: " + plan.refusals[j].front().reason_en;
    if (auto why = site_rule_violation(city, r, plan.sites, j, s, nullptr); !why.empty()) return why;
    const Project& p = city.projects[j];
    const Site& site = plan.sites[s];
    double taken = plan.state.site_taken_mu[s];
    int32_t old_payer = -1;
    double old_take = 0;
    if (plan.state.placement_of[j]) {  // moving: its own land does not count against it
        const Placement& old = plan.state.placements[*plan.state.placement_of[j]];
        if (old.site == s) taken -= old.area_mu;
        if (old.uses_quota) { old_payer = static_cast<int32_t>(old.quota_district); old_take = old.area_mu; }
    }
    const double take = take_for(r, p, site);
    if (site.area_mu - taken + 1e-9 < take)
        return fmt::format("地块剩余 {:.1f} 亩 < 需求 {:.1f} 亩 / site has {:.1f} mu left, project needs {:.1f} mu",
                           site.area_mu - taken, take, site.area_mu - taken, take);
    const int32_t payer = payer_for(city, r, p, site);
    if (payer >= 0) {
        double left = plan.state.ledger[static_cast<std::size_t>(payer)].remaining_mu();
        if (payer == old_payer) left += old_take;
        if (left + 1e-9 < take)
            return fmt::format("{} 用地指标剩余 {:.1f} 亩 < {:.1f} 亩 / district {} has {:.1f} mu of quota left, needs {:.1f}",
                               city.districts[static_cast<std::size_t>(payer)].code, left, take,
                               city.districts[static_cast<std::size_t>(payer)].code, left, take);
    }
    return {};
}

void unplace(const City& city, const rules::Rules& r, Plan& plan, std::size_t j) {
    (void)city; (void)r;
    if (!plan.state.placement_of[j]) return;
    const std::size_t idx = *plan.state.placement_of[j];
    const Placement old = plan.state.placements[idx];
    plan.state.site_taken_mu[old.site] -= old.area_mu;
    LedgerRow& host = plan.state.ledger[plan.sites[old.site].district];
    if (old.uses_quota) {
        LedgerRow& payer = plan.state.ledger[old.quota_district];
        payer.consumed_mu -= old.area_mu;
        if (city.projects[j].origin != old.quota_district) payer.consumed_enclave_mu -= old.area_mu;
    } else {
        host.stock_used_mu -= old.area_mu;
    }
    plan.state.placements.erase(plan.state.placements.begin() + static_cast<std::ptrdiff_t>(idx));
    plan.state.placement_of[j].reset();
    for (auto& p : plan.state.placement_of)
        if (p && *p > idx) --*p;
}

void place(const City& city, const rules::Rules& r, Plan& plan, std::size_t j, std::size_t s, bool pinned) {
    if (auto why = check_placement(city, r, plan, j, s); !why.empty()) throw DataError(why);
    unplace(city, r, plan, j);
    const Project& p = city.projects[j];
    const Site& site = plan.sites[s];
    Placement pl;
    pl.project = static_cast<uint32_t>(j);
    pl.site = static_cast<uint32_t>(s);
    pl.area_mu = take_for(r, p, site);
    const int32_t payer = payer_for(city, r, p, site);
    pl.uses_quota = payer >= 0;
    pl.quota_district = payer >= 0 ? static_cast<uint32_t>(payer) : site.district;
    pl.enclave = p.origin != site.district;
    pl.pinned = pinned;
    const auto fit = park_fit(city, r, j, site.park);
    pl.terms = score_terms(city, r, j, fit.value_or(false), pl.area_mu, pl.uses_quota);
    pl.score = total(pl.terms);
    plan.state.site_taken_mu[s] += pl.area_mu;
    if (pl.uses_quota) {
        plan.state.ledger[pl.quota_district].consumed_mu += pl.area_mu;
        if (p.origin != pl.quota_district) plan.state.ledger[pl.quota_district].consumed_enclave_mu += pl.area_mu;
    } else {
        plan.state.ledger[site.district].stock_used_mu += pl.area_mu;
    }
    // Keep placements sorted by project.
    auto it = std::lower_bound(plan.state.placements.begin(), plan.state.placements.end(), pl.project,
                               [](const Placement& a, uint32_t pj) { return a.project < pj; });
    const auto idx = static_cast<std::size_t>(it - plan.state.placements.begin());
    plan.state.placements.insert(it, std::move(pl));
    for (auto& q : plan.state.placement_of)
        if (q && *q >= idx) ++*q;
    plan.state.placement_of[j] = idx;
}

Plan run_allocation(const City& city, const audit::Audit& audit, const rules::Rules& rules, const Overrides& ov,
                    const AllocateOptions& options, const ProgressFn& progress) {
    const auto t0 = std::chrono::steady_clock::now();
    Plan plan;
    const std::size_t np = city.projects.size();
    plan.refusals.resize(np);
    for (std::size_t j = 0; j < np; ++j) plan.refusals[j] = screen_project(city, rules, j);
    if (progress) progress("sites", 0, 0);
    plan.sites = build_sites(city, audit, rules, ov.locked_parcels);
    validate_overrides(city, plan.sites, ov);
    plan.state.site_taken_mu.assign(plan.sites.size(), 0);
    plan.state.placement_of.assign(np, std::nullopt);
    plan.state.ledger.resize(city.districts.size());
    for (std::size_t d = 0; d < city.districts.size(); ++d) {
        plan.state.ledger[d].district = static_cast<uint32_t>(d);
        plan.state.ledger[d].opening_mu = quota_of(city, static_cast<uint32_t>(d));
        plan.state.ledger[d].earned_mu = d < audit.districts.size() ? audit.districts[d].quota_earned_mu : 0;
    }

    std::vector<std::string> pin_problems;
    const Problem problem = build_problem(city, rules, ov, plan, pin_problems);
    plan.state.stats.variables = problem.candidates.size();
    plan.state.stats.constraints = problem.rows.size();
    for (const auto& b : problem.by_project) plan.state.stats.constraints += b.empty() ? 0 : 1;
    if (progress) progress("solve", 0, 0);
    const detail::Solution greedy = detail::solve_greedy(problem);
    plan.state.stats.greedy_objective = greedy.objective;

    detail::Solution chosen = greedy;
    plan.state.stats.method = "greedy";
    plan.state.stats.objective = greedy.objective;
    plan.state.stats.best_bound = std::numeric_limits<double>::quiet_NaN();
    if (!options.greedy_only) {
        // The time limit covers the whole allocation: the solver gets what is left.
        const double limit = options.time_limit_s.value_or(rules.solver.time_limit_s);
        auto seconds_left = [&] {
            return limit - std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        };
        const double gap = rules.solver.relative_gap;
        double bound = std::numeric_limits<double>::infinity();
        // 1. The Lagrangian relaxation of the one-per-project rows (an exact knapsack
        //    per site): a bound usually much tighter than the LP bound of this
        //    assignment problem, and repaired relaxed solutions that often beat
        //    greedy. Its dynamic programmes grow with sites × candidates, so very
        //    large models skip it and rely on the cheap capacity relaxation in solve_mip.
        if (problem.candidates.size() <= kKnapsackLagrangianMaxCandidates) {
            detail::Solution improved = greedy;
            bound = detail::lagrangian_bound(problem, improved, std::min(5.0, 0.1 * std::max(seconds_left(), 0.0)), gap);
            if (improved.objective > chosen.objective + 1e-9) {
                chosen = improved;
                plan.state.stats.method = "lagrangian heuristic";
            }
            bound = std::max(bound, chosen.objective);
        }
        plan.state.stats.proven_optimal =
            std::isfinite(bound) && bound - chosen.objective <= gap * std::max(std::abs(bound), 1e-9);
        // 2. CBC, started from the best plan so far, unless that is already proven;
        //    the time limit covers the whole allocation, so it gets what is left.
        if (!plan.state.stats.proven_optimal) {
            const detail::MipResult mip = detail::solve_mip(problem, chosen, seconds_left(), gap);
            if (mip.feasible && detail::feasible(problem, mip.solution) && mip.solution.objective >= chosen.objective - 1e-9) {
                if (mip.solution.objective > chosen.objective + 1e-9 || plan.state.stats.method == "greedy") {
                    chosen = mip.solution;
                    plan.state.stats.method = mip.method;
                } else {
                    plan.state.stats.method += ", " + mip.method;
                }
            } else {
                plan.state.stats.method += ", " + mip.method;
            }
            if (mip.feasible) bound = std::min(bound, std::max(mip.best_bound, mip.solution.objective));
            plan.state.stats.proven_optimal = mip.proven_optimal && !mip.hit_limit;
        } else {
            plan.state.stats.method += " (proven by the lagrangian bound)";
        }
        plan.state.stats.objective = detail::objective_of(problem, chosen);
        plan.state.stats.best_bound = std::max(bound, plan.state.stats.objective);
    }
    const double bound = plan.state.stats.best_bound;
    plan.state.stats.gap = std::isnan(bound) ? std::numeric_limits<double>::quiet_NaN()
                                       : (bound - plan.state.stats.objective) / std::max(std::abs(bound), 1e-9);

    // Apply the chosen candidates in project order, so the ledger adds up in one pass.
    std::unordered_map<std::string, bool> pinned_ids;
    for (const auto& pin : ov.pins) pinned_ids[pin.project] = true;
    for (std::size_t j = 0; j < np; ++j) {
        if (chosen.chosen[j] < 0) continue;
        const Candidate& c = problem.candidates[static_cast<std::size_t>(chosen.chosen[j])];
        place(city, rules, plan, j, c.site, pinned_ids.count(city.projects[j].project_id) > 0);
    }
    explain_unplaced(city, rules, ov, plan);
    for (const auto& why : pin_problems) plan.state.stats.method += "; " + why;
    plan.state.stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return plan;
}

}  // namespace parkcap::allocate
