// Models with assembled sites: a candidate that takes a block wholly excludes
// every other use of that block. CBC's model writes this with one column per
// block (mip.cpp, load_model); checked here against enumeration of every plan.
#include <functional>
#include <random>

#include <catch2/catch.hpp>

#include "../../engine/src/allocate/model.hpp"
#include "parkcap/rules/rules.hpp"

using namespace parkcap::allocate::detail;

namespace {

/// Blocks of 20–60 亩; each project has single-block candidates and, sometimes, an
/// assembled one over two neighbouring blocks (the first wholly, the rest of the second).
Problem assembled_problem(unsigned seed, int projects, int blocks) {
    std::mt19937 rng(seed);
    auto uni = [&](double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); };
    Problem p;
    p.by_project.resize(projects);
    p.pinned.assign(projects, false);
    for (int b = 0; b < blocks; ++b) p.rows.push_back({CapacityRow::Kind::Site, "block", std::round(uni(20, 60)), {}, {}});
    auto add = [&](int j, std::vector<std::pair<uint32_t, double>> shares, double value) {
        Candidate c{static_cast<uint32_t>(j), shares.back().first, 0, value, -1, shares.back().first};
        for (const auto& [row, mu] : shares) c.take_mu += mu;
        const auto k = static_cast<uint32_t>(p.candidates.size());
        p.candidates.push_back(c);
        p.by_project[j].push_back(k);
        for (const auto& [row, mu] : shares) {
            p.rows[row].candidates.push_back(k);
            p.rows[row].coefficients.push_back(mu);
        }
    };
    for (int j = 0; j < projects; ++j) {
        const double area = std::round(uni(8, 45));
        const double per_mu = uni(1, 3);
        for (int b = 0; b < blocks; ++b)
            if (rng() % 2 == 0 && area <= p.rows[b].capacity) add(j, {{b, area}}, per_mu * area);
        const int b = static_cast<int>(rng() % (blocks - 1));
        const double big = p.rows[b].capacity + std::round(uni(5, p.rows[b + 1].capacity));
        if (rng() % 2 == 0) add(j, {{b, p.rows[b].capacity}, {b + 1, big - p.rows[b].capacity}}, per_mu * big * 1.2);
    }
    p.index_rows();
    return p;
}

/// The best feasible plan by trying every one (the whole-block rule included: a
/// block taken wholly by one candidate holds nothing else).
double enumerated_optimum(const Problem& p) {
    Solution s;
    s.chosen.assign(p.by_project.size(), -1);
    double best = 0;
    auto whole_ok = [&] {
        for (std::size_t r = 0; r < p.rows.size(); ++r) {
            int users = 0;
            bool whole = false;
            for (std::size_t i = 0; i < p.rows[r].candidates.size(); ++i) {
                const uint32_t c = p.rows[r].candidates[i];
                if (s.chosen[p.candidates[c].project] != static_cast<int32_t>(c)) continue;
                ++users;
                whole |= p.candidates[c].primary_row != r;
            }
            if (whole && users > 1) return false;
        }
        return true;
    };
    std::function<void(std::size_t)> visit = [&](std::size_t j) {
        if (j == p.by_project.size()) {
            if (feasible(p, s) && whole_ok()) best = std::max(best, objective_of(p, s));
            return;
        }
        s.chosen[j] = -1;
        visit(j + 1);
        for (uint32_t k : p.by_project[j]) {
            s.chosen[j] = static_cast<int32_t>(k);
            visit(j + 1);
        }
        s.chosen[j] = -1;
    };
    visit(0);
    return best;
}

}  // namespace

TEST_CASE("a block taken wholly by an assembled candidate holds nothing else: CBC's optimum is the enumerated one",
          "[allocate][assembly][mip]") {
    const parkcap::rules::SolverRules limits = parkcap::rules::default_rules().solver;
    int shared_blocks = 0;
    for (unsigned seed = 1; seed <= 10; ++seed) {
        INFO("seed " << seed);
        const Problem p = assembled_problem(seed, 6, 4);
        for (std::size_t r = 0; r < p.rows.size(); ++r) {
            int whole = 0, own = 0;
            for (uint32_t c : p.rows[r].candidates) (p.candidates[c].primary_row != r ? whole : own)++;
            shared_blocks += whole > 0 && own > 1;
        }
        const MipResult exact = solve_mip(p, solve_greedy(p, limits), 60, 0.0, limits);
        REQUIRE(exact.feasible);
        REQUIRE(exact.proven_optimal);
        CHECK(exact.solution.objective == Approx(enumerated_optimum(p)).epsilon(1e-9));
        CHECK(exact.best_bound >= exact.solution.objective - 1e-9);
    }
    CHECK(shared_blocks > 0);  // the instances exercise the one-column-per-block form
}
