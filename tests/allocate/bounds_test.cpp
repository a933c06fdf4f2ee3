// The solver's pieces on random assignment problems: every bound is above the
// proven optimum, every heuristic plan is feasible and below it.
#include <random>

#include <catch2/catch.hpp>

#include "../../engine/src/allocate/model.hpp"
#include "parkcap/rules/rules.hpp"

using namespace parkcap::allocate::detail;

namespace {

Problem random_problem(unsigned seed) {
    std::mt19937 rng(seed);
    auto uni = [&](double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); };
    Problem p;
    const int projects = 40, sites = 12;
    p.by_project.resize(projects);
    p.pinned.assign(projects, false);
    for (int s = 0; s < sites; ++s) p.rows.push_back({CapacityRow::Kind::Site, "site", uni(30, 150), {}, {}});
    p.rows.push_back({CapacityRow::Kind::Quota, "quota", uni(20, 120), {}, {}});
    const std::size_t quota_row = p.rows.size() - 1;
    for (int j = 0; j < projects; ++j) {
        const double area = std::round(uni(10, 70));
        const double base = uni(1, 10);
        for (int s = 0; s < sites; ++s) {
            if (rng() % 3 != 0 || area > p.rows[s].capacity) continue;
            Candidate c{static_cast<uint32_t>(j), static_cast<uint32_t>(s), area, base + uni(0, 1), (s % 3 == 0) ? 0 : -1,
                        static_cast<uint32_t>(s)};
            const auto k = static_cast<uint32_t>(p.candidates.size());
            p.candidates.push_back(c);
            p.by_project[j].push_back(k);
            p.rows[s].candidates.push_back(k);
            p.rows[s].coefficients.push_back(area);
            if (c.payer >= 0) {
                p.rows[quota_row].candidates.push_back(k);
                p.rows[quota_row].coefficients.push_back(area);
            }
        }
    }
    p.pinned[0] = !p.by_project[0].empty();
    p.rows_of.assign(p.candidates.size(), {});
    p.coef_of.assign(p.candidates.size(), {});
    for (std::size_t r = 0; r < p.rows.size(); ++r)
        for (std::size_t i = 0; i < p.rows[r].candidates.size(); ++i) {
            p.rows_of[p.rows[r].candidates[i]].push_back(static_cast<uint32_t>(r));
            p.coef_of[p.rows[r].candidates[i]].push_back(p.rows[r].coefficients[i]);
        }
    return p;
}

}  // namespace

TEST_CASE("Lagrangian and LP bounds are above the optimum; heuristic plans are feasible", "[allocate][bounds]") {
    for (unsigned seed = 1; seed <= 8; ++seed) {
        INFO("seed " << seed);
        const Problem p = random_problem(seed);
        const parkcap::rules::SolverRules limits = parkcap::rules::default_rules().solver;
        const Solution greedy = solve_greedy(p, limits);
        REQUIRE(feasible(p, greedy));
        const MipResult exact = solve_mip(p, greedy, 60, 0.0, limits);
        REQUIRE(exact.feasible);
        REQUIRE(exact.proven_optimal);
        const double optimum = exact.solution.objective;
        CHECK(greedy.objective <= optimum + 1e-9);
        Solution improved = greedy;
        const double bound = lagrangian_bound(p, improved, 1.0, 0.0, limits);
        CHECK(bound >= optimum - 1e-6);
        CHECK(feasible(p, improved));
        CHECK(improved.objective <= optimum + 1e-9);
        CHECK(improved.objective >= greedy.objective - 1e-9);
        std::vector<double> lambda, mu;
        REQUIRE(lp_duals(p, lambda, mu));
        for (double m : mu) CHECK(m >= 0);
    }
}
