// The site search and the Lagrangian heuristic at scale: the per-site knapsack
// is exact, the searched plans are feasible (no row overdrawn, no project twice,
// 增存挂钩 credits kept) and never worse than where they started nor above the
// proven optimum, the bounds from either start stay above that optimum, and the
// search finds the plan a greedy misses.
#include <algorithm>
#include <random>

#include <catch2/catch.hpp>

#include "../../engine/src/allocate/model.hpp"
#include "parkcap/rules/rules.hpp"

using namespace parkcap::allocate::detail;

namespace {

/// Random sites (a third of them planned land, paying one quota row), projects
/// with areas in whole 亩 or to 0.01 亩, and, with `credits`, stock placements
/// that earn the quota back (a negative coefficient).
Problem random_problem(unsigned seed, int projects, int sites, bool whole_mu, bool credits) {
    std::mt19937 rng(seed);
    auto uni = [&](double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); };
    Problem p;
    p.by_project.resize(projects);
    p.pinned.assign(projects, false);
    for (int s = 0; s < sites; ++s) p.rows.push_back({CapacityRow::Kind::Site, "site", uni(30, 150), {}, {}});
    p.rows.push_back({CapacityRow::Kind::Quota, "quota", uni(20, 100), {}, {}});
    const std::size_t quota_row = p.rows.size() - 1;
    for (int j = 0; j < projects; ++j) {
        const double area = whole_mu ? std::round(uni(10, 70)) : std::round(uni(10, 70) * 100) / 100;
        const double base = uni(1, 10);
        for (int s = 0; s < sites; ++s) {
            if (rng() % 3 != 0 || area > p.rows[s].capacity) continue;
            const bool planned = s % 3 == 0;
            Candidate c{static_cast<uint32_t>(j), static_cast<uint32_t>(s), area, base + uni(0, 1), planned ? 0 : -1,
                        static_cast<uint32_t>(s)};
            const auto k = static_cast<uint32_t>(p.candidates.size());
            p.candidates.push_back(c);
            p.by_project[j].push_back(k);
            p.rows[s].candidates.push_back(k);
            p.rows[s].coefficients.push_back(area);
            if (planned) {
                p.rows[quota_row].candidates.push_back(k);
                p.rows[quota_row].coefficients.push_back(area);
            } else if (credits && s % 3 == 1) {
                p.candidates[k].earner = 0;
                p.candidates[k].earned_mu = 0.5 * area;
                p.rows[quota_row].candidates.push_back(k);
                p.rows[quota_row].coefficients.push_back(-0.5 * area);
            }
        }
    }
    p.pinned[0] = !p.by_project[0].empty();
    p.index_rows();
    return p;
}

/// Every subset of the items: the best profit within capacity.
double brute_knapsack(const std::vector<double>& profit, const std::vector<int>& weight, int capacity) {
    double best = 0;
    const std::size_t n = profit.size();
    for (uint32_t mask = 0; mask < (1u << n); ++mask) {
        double v = 0;
        int w = 0;
        for (std::size_t i = 0; i < n; ++i)
            if (mask & (1u << i)) {
                v += profit[i];
                w += weight[i];
            }
        if (w <= capacity) best = std::max(best, v);
    }
    return best;
}

}  // namespace

TEST_CASE("the per-site knapsack is exact", "[allocate][site_search]") {
    std::mt19937 rng(11);
    KnapsackSolver knapsack;
    std::vector<char> take;
    for (int trial = 0; trial < 200; ++trial) {
        const int n = static_cast<int>(rng() % 12);
        std::vector<double> profit(n);
        std::vector<int> weight(n);
        for (int i = 0; i < n; ++i) {
            profit[i] = 0.1 + (rng() % 1000) / 100.0;
            weight[i] = static_cast<int>(rng() % 40);
        }
        const int capacity = static_cast<int>(rng() % 100);
        const double best = knapsack.solve(profit, weight, capacity, take);
        CHECK(best == Approx(brute_knapsack(profit, weight, capacity)).margin(1e-9));
        double v = 0;
        int w = 0;
        for (int i = 0; i < n; ++i)
            if (take[i]) {
                v += profit[i];
                w += weight[i];
            }
        CHECK(w <= capacity);
        CHECK(v == Approx(best).margin(1e-9));
    }
}

TEST_CASE("knapsack units are exact where the areas share one, and round the right way where not",
          "[allocate][site_search]") {
    CHECK(knapsack_unit({30, 45, 120}, 150.3, 4000, 0.1) == 1.0);
    CHECK(knapsack_unit({30.5, 45, 150.3}, 150.3, 4000, 0.1) == 0.5);  // the whole-row take needs no unit
    CHECK(knapsack_unit({30.25, 45.13}, 150, 20000, 0.1) == 0.01);
    CHECK(knapsack_unit({30.25, 45.13}, 150, 4000, 0.1) == 0.1);  // 0.01 亩 would need 15,000 units
    // Too fine for the unit budget: the row in max_units parts, weights rounded.
    const double unit = knapsack_unit({30.25, 45.13}, 150, 100, 0.1);
    CHECK(unit == Approx(1.5));
    CHECK(knapsack_weight(45.13, 150, unit, false) == 30);  // 30.09 down
    CHECK(knapsack_weight(45.13, 150, unit, true) == 31);
    CHECK(knapsack_weight(150, 150, unit, true) == 100);  // the whole row: its units, either way
}

TEST_CASE("the site search finds the two projects a greedy passes over for one denser one", "[allocate][site_search]") {
    // One site of 100 亩; A: 60 亩 worth 6.6 (the best per 亩), B and C: 50 亩 worth 5
    // each. The greedy places A, and neither B nor C is worth more than A alone to
    // swap in: 6.6 where B + C give 10.
    Problem p;
    p.by_project.resize(3);
    p.pinned.assign(3, false);
    p.rows.push_back({CapacityRow::Kind::Site, "site", 100, {}, {}});
    const double area[] = {60, 50, 50}, value[] = {6.6, 5, 5};
    for (uint32_t j = 0; j < 3; ++j) {
        p.candidates.push_back(Candidate{j, 0, area[j], value[j], -1, 0});
        p.by_project[j].push_back(j);
        p.rows[0].candidates.push_back(j);
        p.rows[0].coefficients.push_back(area[j]);
    }
    p.index_rows();
    const parkcap::rules::SolverRules limits = parkcap::rules::default_rules().solver;
    const Solution greedy = solve_greedy(p, limits);
    REQUIRE(greedy.objective == Approx(6.6));
    Solution searched = greedy;
    CHECK(improve_by_sites(p, searched, limits) == 1);
    CHECK(searched.objective == Approx(10));
    CHECK(feasible(p, searched));
    CHECK(searched.chosen == std::vector<int32_t>{-1, 1, 2});
    // The Lagrangian heuristic from the greedy plan finds it too, and its bound is exact here.
    Solution heuristic = greedy;
    parkcap::rules::SolverRules lagrangian_only = limits;
    lagrangian_only.knapsack_bound_lp_start_max_candidates = 0;
    const double bound = lagrangian_bound(p, heuristic, 5.0, 0.0, lagrangian_only);
    CHECK(heuristic.objective == Approx(10));
    CHECK(bound >= 10 - 1e-9);
    CHECK(bound <= 10 + 1e-6);
}

TEST_CASE("site-searched and Lagrangian plans are feasible and below the optimum; bounds above it",
          "[allocate][site_search][bounds]") {
    const parkcap::rules::SolverRules limits = parkcap::rules::default_rules().solver;
    // Both starts of the knapsack bound: the LP's duals, and the capacity
    // relaxation's prices (what models too large for the LP get).
    parkcap::rules::SolverRules from_prices = limits;
    from_prices.knapsack_bound_lp_start_max_candidates = 0;
    from_prices.knapsack_heuristic_search_every = 7;
    int improved = 0;
    for (unsigned seed = 1; seed <= 10; ++seed)
        for (const bool whole_mu : {true, false})
            for (const bool credits : {false, true}) {
                INFO("seed " << seed << (whole_mu ? ", whole 亩" : ", areas to 0.01 亩") << (credits ? ", credits" : ""));
                const Problem p = random_problem(seed, 40, 12, whole_mu, credits);
                const Solution greedy = solve_greedy(p, limits);
                REQUIRE(feasible(p, greedy));
                parkcap::rules::SolverRules unlimited = limits;
                unlimited.node_limit = 1000000;
                const MipResult exact = solve_mip(p, greedy, 60, 0.0, unlimited);
                REQUIRE(exact.proven_optimal);
                const double optimum = exact.solution.objective;

                Solution searched = greedy;
                improve_by_sites(p, searched, limits);
                std::string why;
                CHECK(feasible(p, searched, &why));
                INFO(why);
                CHECK(searched.objective == Approx(objective_of(p, searched)));
                CHECK(searched.objective >= greedy.objective - 1e-9);
                CHECK(searched.objective <= optimum + 1e-9);
                improved += searched.objective > greedy.objective + 1e-9;

                std::vector<double> prices;
                const LagrangianBound capacity = capacity_lagrangian_bound(
                    p, greedy.objective, std::chrono::steady_clock::time_point::max(), limits.capacity_bound_max_iterations, &prices);
                CHECK(capacity.bound >= optimum - 1e-6);
                REQUIRE(prices.size() == p.rows.size());
                for (const auto& rules : {limits, from_prices}) {
                    Solution heuristic = searched;
                    const double bound = lagrangian_bound(p, heuristic, 5.0, 0.0, rules, &prices);
                    CHECK(bound >= optimum - 1e-6);
                    CHECK(feasible(p, heuristic));
                    CHECK(heuristic.objective >= searched.objective - 1e-9);
                    CHECK(heuristic.objective <= optimum + 1e-9);
                }
            }
    // The instances exercise the search: on some the greedy is not the best.
    CHECK(improved >= 5);
}
