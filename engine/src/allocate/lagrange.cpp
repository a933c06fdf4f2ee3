// An upper bound on the best plan by Lagrangian relaxation, for models too large
// for CBC to solve even its root LP within the time limit (5,000 projects on 1,000
// sites: a million candidates, whose LP Clp alone needs minutes for).
//
// Relaxing every capacity row (sites, quotas, reserves) with a price λ_r ≥ 0 leaves
// one independent choice per project: its candidate of best reduced value
// v_k − take_k Σ_{r∋k} λ_r, or none when that is negative (a pinned project must
// take one). For any λ ≥ 0,
//   L(λ) = Σ_projects max(0, best reduced value) + Σ_rows λ_r capacity_r
// bounds the optimum from above; min over λ of L equals the LP bound, since the
// per-project choice has integral vertices. The prices follow projected
// subgradient steps (Polyak's rule against the greedy objective; the step factor
// halves when the bound has not improved for 50 steps).
//
// Deterministic: it stops by iteration count and convergence; the deadline is a
// safety net. About 2.5 ms an iteration for a million candidates.
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "model.hpp"

namespace parkcap::allocate::detail {

namespace {

constexpr int kStallSteps = 50;

/// The candidates as flat arrays, in project order (how Problem stores them).
struct Flat {
    std::vector<double> value;
    std::vector<uint32_t> row_begin, rows;     ///< rows of candidate k: rows[row_begin[k] .. row_begin[k+1])
    std::vector<double> coef;                  ///< parallel to rows: its coefficient there
    std::vector<uint32_t> project_begin;       ///< candidates of project j: [project_begin[j], project_begin[j+1])
    std::vector<uint8_t> pinned;

    explicit Flat(const Problem& p) {
        const std::size_t n = p.candidates.size();
        value.resize(n);
        row_begin.assign(1, 0);
        for (std::size_t k = 0; k < n; ++k) {
            value[k] = p.candidates[k].value;
            rows.insert(rows.end(), p.rows_of(k).begin(), p.rows_of(k).end());
            coef.insert(coef.end(), p.coef_of(k).begin(), p.coef_of(k).end());
            row_begin.push_back(static_cast<uint32_t>(rows.size()));
        }
        project_begin.assign(1, 0);
        for (std::size_t j = 0; j < p.by_project.size(); ++j) {
            const auto& cands = p.by_project[j];  // grouped by project, in order: checked, not assumed
            for (std::size_t i = 0; i < cands.size(); ++i)
                if (cands[i] != project_begin.back() + i) throw std::logic_error("allocation candidates not grouped by project");
            project_begin.push_back(project_begin.back() + static_cast<uint32_t>(p.by_project[j].size()));
            pinned.push_back(p.pinned[j] ? 1 : 0);
        }
    }
};

/// The relaxed problem at these prices: each project's best candidate. Returns
/// its value; `usage` receives what the choice takes from each row.
double relax(const Flat& f, const std::vector<double>& price, std::vector<double>& usage) {
    std::fill(usage.begin(), usage.end(), 0.0);
    double value = 0;
    for (std::size_t j = 0; j + 1 < f.project_begin.size(); ++j) {
        const uint32_t k0 = f.project_begin[j], k1 = f.project_begin[j + 1];
        if (k0 == k1) continue;
        double best = -std::numeric_limits<double>::infinity();
        uint32_t best_k = k0;
        for (uint32_t k = k0; k < k1; ++k) {
            double priced = 0;
            for (uint32_t i = f.row_begin[k]; i < f.row_begin[k + 1]; ++i) priced += price[f.rows[i]] * f.coef[i];
            const double reduced = f.value[k] - priced;
            if (reduced > best) {
                best = reduced;
                best_k = k;
            }
        }
        if (best > 0 || f.pinned[j]) {
            value += best;
            for (uint32_t i = f.row_begin[best_k]; i < f.row_begin[best_k + 1]; ++i) usage[f.rows[i]] += f.coef[i];
        }
    }
    return value;
}

}  // namespace

LagrangianBound capacity_lagrangian_bound(const Problem& p, double lower_bound, std::chrono::steady_clock::time_point deadline,
                                 int max_iterations, std::vector<double>* prices) {
    LagrangianBound out;
    out.bound = std::numeric_limits<double>::infinity();
    if (p.candidates.empty()) {
        out.bound = 0;
        if (prices) prices->assign(p.rows.size(), 0.0);
        return out;
    }
    const Flat f(p);
    const std::size_t nrows = p.rows.size();
    std::vector<double> price(nrows, 0.0), usage(nrows, 0.0), direction(nrows, 0.0);

    double factor = 2.0;
    int stalled = 0;
    for (int it = 0; it < max_iterations; ++it) {
        const double value = relax(f, price, usage);
        double priced_capacity = 0;
        for (std::size_t r = 0; r < nrows; ++r) priced_capacity += price[r] * p.rows[r].capacity;
        const double l = value + priced_capacity;
        ++out.iterations;

        if (it == 0 || l < out.bound - 1e-9 * std::max(1.0, std::abs(out.bound))) {
            out.bound = std::min(out.bound, l);
            stalled = 0;
            if (prices) *prices = price;
        } else if (++stalled >= kStallSteps) {
            factor /= 2;
            stalled = 0;
        }
        if (out.bound - lower_bound <= 1e-9 * std::max(1.0, std::abs(out.bound)) || factor < 1e-4) break;
        if (std::chrono::steady_clock::now() > deadline) {
            out.hit_deadline = true;
            break;
        }
        // Projected subgradient: capacity − usage, never pushing a zero price below zero.
        double norm2 = 0;
        for (std::size_t r = 0; r < nrows; ++r) {
            double g = p.rows[r].capacity - usage[r];
            if (price[r] <= 0 && g > 0) g = 0;
            direction[r] = g;
            norm2 += g * g;
        }
        if (norm2 == 0) break;  // the relaxed choice fits and the prices are complementary: L is exact
        const double step = factor * (l - lower_bound) / norm2;
        for (std::size_t r = 0; r < nrows; ++r) price[r] = std::max(0.0, price[r] - step * direction[r]);
    }
    return out;
}

}  // namespace parkcap::allocate::detail
