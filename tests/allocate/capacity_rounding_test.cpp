// Capacities rounded down to what the projects' areas can fill: checked against
// brute force (every subset of a row's coefficients) and against the optimum.
#include <random>

#include <catch2/catch.hpp>

#include "../../engine/src/allocate/model.hpp"
#include "parkcap/rules/rules.hpp"

using namespace parkcap::allocate::detail;

namespace {

constexpr int kUnits = 1 << 22;

CapacityRow row(double capacity, std::vector<double> coefficients, CapacityRow::Kind kind = CapacityRow::Kind::Site) {
    CapacityRow r{kind, "row", capacity, {}, std::move(coefficients)};
    for (std::size_t i = 0; i < r.coefficients.size(); ++i) r.candidates.push_back(static_cast<uint32_t>(i));
    return r;
}

Problem of_rows(std::vector<CapacityRow> rows) {
    Problem p;
    p.rows = std::move(rows);
    return p;
}

/// The largest sum of a subset of the row's coefficients within `capacity`, by enumeration.
double brute_force_fill(const std::vector<double>& c, double capacity) {
    double best = 0;
    for (uint32_t mask = 0; mask < (1u << c.size()); ++mask) {
        double sum = 0;
        for (std::size_t i = 0; i < c.size(); ++i)
            if (mask >> i & 1) sum += c[i];
        if (sum <= capacity + 1e-9) best = std::max(best, sum);
    }
    return best;
}

/// A random assignment problem whose areas are given to 0.1 亩, as projects' are.
Problem random_problem(unsigned seed, int projects, int sites) {
    std::mt19937 rng(seed);
    auto uni = [&](double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); };
    Problem p;
    p.by_project.resize(projects);
    p.pinned.assign(projects, false);
    for (int s = 0; s < sites; ++s) p.rows.push_back({CapacityRow::Kind::Site, "site", uni(30, 120), {}, {}});
    p.rows.push_back({CapacityRow::Kind::Quota, "quota", uni(40, 150), {}, {}});
    const std::size_t quota_row = p.rows.size() - 1;
    for (int j = 0; j < projects; ++j) {
        const double area = std::round(uni(8, 60) * 10) / 10;
        const double base = uni(1, 10);
        for (int s = 0; s < sites; ++s) {
            if (rng() % 3 != 0 || area > p.rows[s].capacity) continue;
            Candidate c{static_cast<uint32_t>(j), static_cast<uint32_t>(s), area, base + uni(0, 1), (s % 2 == 0) ? 0 : -1,
                        static_cast<uint32_t>(s)};
            const auto k = static_cast<uint32_t>(p.candidates.size());
            p.candidates.push_back(c);
            p.by_project[j].push_back(k);
            p.rows[s].candidates.push_back(k);
            p.rows[s].coefficients.push_back(area);
            if (c.payer >= 0) {
                p.rows[quota_row].candidates.push_back(k);
                p.rows[quota_row].coefficients.push_back(area);
            } else if (rng() % 2 == 0) {
                // Stock land whose disposal earns the district half its area (增存挂钩).
                p.rows[quota_row].candidates.push_back(k);
                p.rows[quota_row].coefficients.push_back(-std::round(area * 5) / 10);
            }
        }
    }
    p.index_rows();
    return p;
}

}  // namespace

TEST_CASE("a block is lowered to the most its projects' areas can fill", "[allocate][rounding]") {
    Problem p = of_rows({row(100, {30, 45, 40}), row(100.37, {30.25, 45.5, 12.75, 20}), row(60, {25, 35, 50})});
    CHECK(round_down_capacities(p, kUnits) == 2);
    CHECK(p.rows[0].capacity == Approx(85.001));  // 45 + 40
    CHECK(p.rows[1].capacity == Approx(95.751));  // 30.25 + 45.5 + 20
    CHECK(p.rows[2].capacity == 60);              // 25 + 35 fills it exactly
}

TEST_CASE("rows rounding could wrong are left as they are", "[allocate][rounding]") {
    Problem p = of_rows({
        // No common unit down to 0.01 亩 (a whole block's area from its geometry).
        row(100, {30, 66.66667}),
        // Every candidate fits at once: the row never binds.
        row(100, {30, 45, 20}),
        // A candidate taking the whole block: already full.
        row(87.3456, {87.3456, 40}),
    });
    CHECK(round_down_capacities(p, kUnits) == 0);
    CHECK(p.rows[0].capacity == 100);
    CHECK(p.rows[1].capacity == 100);
    CHECK(p.rows[2].capacity == 87.3456);
}

TEST_CASE("a quota refilled by stock disposal is lowered to the most its draws less its credits reach",
          "[allocate][rounding]") {
    Problem p = of_rows({
        // 30 + 40 − 20 = 50: the quota can be used to the last 亩, so it stays.
        row(50, {30, 40, -20}, CapacityRow::Kind::Quota),
        // Draws of 30 and 40, credits of 15: 40 − 15 = 25 is the most under 28.
        row(28, {30, 40, -15}, CapacityRow::Kind::Quota),
        // No opening quota: only disposal (−12.5) pays for land; a 10 亩 draw is the most.
        row(0, {10, 20, -12.5}, CapacityRow::Kind::Quota),
    });
    CHECK(round_down_capacities(p, kUnits) == 1);
    CHECK(p.rows[0].capacity == 50);
    CHECK(p.rows[1].capacity == Approx(25.001));
    // The empty plan reaches 0 itself: it stays.
    CHECK(p.rows[2].capacity == 0);
}

TEST_CASE("a rounded quota admits exactly the subsets of draws and credits it admitted before", "[allocate][rounding]") {
    std::mt19937 rng(11);
    int lowered = 0;
    for (int trial = 0; trial < 200; ++trial) {
        INFO("trial " << trial);
        const int n = 1 + static_cast<int>(rng() % 12);
        std::vector<double> c;
        for (int i = 0; i < n; ++i) {
            const double mu = static_cast<double>(1 + rng() % 600) / 10;  // 0.1 .. 60 亩
            c.push_back(rng() % 3 == 0 ? -mu / 2 : mu);
        }
        const double capacity = static_cast<double>(rng() % 8000) / 97.0 - 10;
        Problem p = of_rows({row(capacity, c, CapacityRow::Kind::Quota)});
        lowered += round_down_capacities(p, kUnits);
        const double after = p.rows[0].capacity;
        CHECK(after <= capacity);
        for (uint32_t mask = 0; mask < (1u << n); ++mask) {
            double sum = 0;
            for (int i = 0; i < n; ++i)
                if (mask >> i & 1) sum += c[i];
            CHECK((sum <= capacity + 1e-9) == (sum <= after + 1e-9));
        }
    }
    CHECK(lowered > 20);  // the trials do exercise the lowering
}

TEST_CASE("a rounded row admits exactly the subsets it admitted before", "[allocate][rounding]") {
    std::mt19937 rng(7);
    for (int trial = 0; trial < 200; ++trial) {
        INFO("trial " << trial);
        const int n = 1 + static_cast<int>(rng() % 12);
        std::vector<double> c;
        for (int i = 0; i < n; ++i) c.push_back(static_cast<double>(1 + rng() % 6000) / 100);  // 0.01 .. 60 亩
        const double capacity = static_cast<double>(rng() % 20000) / 97.0;
        Problem p = of_rows({row(capacity, c)});
        round_down_capacities(p, kUnits);
        const double after = p.rows[0].capacity;
        CHECK(after <= capacity);
        CHECK(after >= brute_force_fill(c, capacity));
        for (uint32_t mask = 0; mask < (1u << n); ++mask) {
            double sum = 0;
            for (int i = 0; i < n; ++i)
                if (mask >> i & 1) sum += c[i];
            CHECK((sum <= capacity) == (sum <= after));
        }
    }
}

TEST_CASE("rounding the capacities leaves the optimum unchanged and never loosens the bound", "[allocate][rounding]") {
    const parkcap::rules::SolverRules limits = parkcap::rules::default_rules().solver;
    int rounded_rows = 0;
    for (unsigned seed = 1; seed <= 6; ++seed) {
        INFO("seed " << seed);
        const Problem before = random_problem(seed, 30, 10);
        Problem after = before;
        rounded_rows += round_down_capacities(after, kUnits);
        const Solution start_before = solve_greedy(before, limits), start_after = solve_greedy(after, limits);
        const MipResult exact_before = solve_mip(before, start_before, 60, 0.0, limits);
        const MipResult exact_after = solve_mip(after, start_after, 60, 0.0, limits);
        REQUIRE(exact_before.proven_optimal);
        REQUIRE(exact_after.proven_optimal);
        CHECK(exact_after.solution.objective == Approx(exact_before.solution.objective).epsilon(1e-9));
        CHECK(feasible(before, exact_after.solution));
        // A bound of the tightened model is a bound of the original one.
        Solution heuristic = start_after;
        CHECK(lagrangian_bound(after, heuristic, 0.5, 0.0, limits) >= exact_before.solution.objective - 1e-6);
    }
    CHECK(rounded_rows > 0);  // the instances do exercise the rounding
}

TEST_CASE("capacity rounding is off at 0 units and skips rows that need more units than allowed",
          "[allocate][rounding]") {
    const auto rows = [] { return of_rows({row(100, {30, 45, 40}), row(100.37, {30.25, 45.5, 12.75, 20})}); };
    Problem off = rows();
    CHECK(round_down_capacities(off, 0) == 0);
    CHECK(off.rows[0].capacity == 100);
    // Whole 亩 for the first row (100 units); 0.05 亩 for the second (2,007 units).
    Problem limited = rows();
    CHECK(round_down_capacities(limited, 500) == 1);
    CHECK(limited.rows[0].capacity == Approx(85.001));
    CHECK(limited.rows[1].capacity == 100.37);
    CHECK(parkcap::rules::default_rules().solver.capacity_rounding_max_units == 0);
}
