// The Lagrangian upper bound of the siting problem (see model.hpp): price out the
// rows that couple sites, and each site becomes an independent 0-1 knapsack.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "model.hpp"

namespace parkcap::allocate::detail {

namespace {

/// Subgradient steps without a better bound before the step factor halves, and the
/// factor below which the steps stop (the method's own settings, not limits).
constexpr int kStallSteps = 15;
constexpr double kMinStepFactor = 1e-4;

/// Exact 0-1 knapsack on integer weights by dynamic programming over capacity.
/// Fills `take` with the chosen items; returns the best profit.
double knapsack(const std::vector<double>& profit, const std::vector<int>& weight, int capacity,
                std::vector<char>& take, std::vector<double>& best, std::vector<std::vector<char>>& choice) {
    const std::size_t n = profit.size();
    take.assign(n, 0);
    if (n == 0 || capacity < 0) return 0;
    best.assign(static_cast<std::size_t>(capacity) + 1, 0.0);
    choice.assign(n, std::vector<char>(static_cast<std::size_t>(capacity) + 1, 0));
    for (std::size_t i = 0; i < n; ++i) {
        const int w = weight[i];
        for (int c = capacity; c >= w; --c) {
            const double with = best[static_cast<std::size_t>(c - w)] + profit[i];
            if (with > best[static_cast<std::size_t>(c)]) {
                best[static_cast<std::size_t>(c)] = with;
                choice[i][static_cast<std::size_t>(c)] = 1;
            }
        }
    }
    int c = capacity;
    for (std::size_t i = n; i-- > 0;)
        if (choice[i][static_cast<std::size_t>(c)]) {
            take[i] = 1;
            c -= weight[i];
        }
    return best[static_cast<std::size_t>(capacity)];
}

}  // namespace

namespace {

/// A feasible plan from the relaxed choices: candidates in decreasing reduced
/// profit, each kept when its project is free and every row still has room; then
/// the remaining projects fill in by value.
Solution repair(const Problem& p, const std::vector<std::pair<double, uint32_t>>& picked) {
    Solution s;
    s.chosen.assign(p.by_project.size(), -1);
    std::vector<double> used(p.rows.size(), 0.0);
    auto fits = [&](uint32_t k) {
        for (std::size_t i = 0; i < p.rows_of(k).size(); ++i) {
            const uint32_t r = p.rows_of(k)[i];
            if (used[r] + p.coef_of(k)[i] > p.rows[r].capacity + 1e-9) return false;
        }
        return true;
    };
    auto add = [&](uint32_t k) {
        s.chosen[p.candidates[k].project] = static_cast<int32_t>(k);
        for (std::size_t i = 0; i < p.rows_of(k).size(); ++i) used[p.rows_of(k)[i]] += p.coef_of(k)[i];
    };
    // Pinned projects first, wherever they fit best.
    for (std::size_t j = 0; j < p.by_project.size(); ++j)
        if (p.pinned[j])
            for (uint32_t k : p.by_project[j])
                if (fits(k)) { add(k); break; }
    // With 增存挂钩 credits (negative quota coefficients), a planned placement may
    // need the quota a stock placement earns: those that use no quota go first.
    const bool credits = std::any_of(p.candidates.begin(), p.candidates.end(),
                                     [](const Candidate& c) { return c.earner >= 0 && c.earned_mu > 0; });
    auto uses_quota = [&](uint32_t k) { return p.candidates[k].payer >= 0; };
    for (const bool quota_pass : {false, true}) {
        if (quota_pass && !credits) break;
        for (const auto& [score, k] : picked)
            if ((!credits || uses_quota(k) == quota_pass) && s.chosen[p.candidates[k].project] < 0 && fits(k)) add(k);
    }
    std::vector<uint32_t> rest;
    for (uint32_t k = 0; k < p.candidates.size(); ++k)
        if (s.chosen[p.candidates[k].project] < 0 && p.candidates[k].value > 0) rest.push_back(k);
    std::stable_sort(rest.begin(), rest.end(), [&](uint32_t a, uint32_t b) { return p.candidates[a].value > p.candidates[b].value; });
    for (uint32_t k : rest)
        if (s.chosen[p.candidates[k].project] < 0 && fits(k)) add(k);
    s.objective = objective_of(p, s);
    return s;
}

}  // namespace

double lagrangian_bound(const Problem& p, Solution& incumbent_solution, double seconds, double relative_gap,
                        const rules::SolverRules& limits) {
    double incumbent = incumbent_solution.objective;
    std::vector<std::pair<double, uint32_t>> picked;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    const std::size_t np = p.by_project.size(), nr = p.rows.size();
    // Start from the LP duals: there the Lagrangian bound is already at most the
    // LP bound, and the integer knapsacks take it lower.
    std::vector<double> lambda(np, 0.0), mu(nr, 0.0);
    // (Clp needs seconds for the LP of tens of thousands of candidates: larger
    // models start from zero prices instead.)
    // Every block row is an exact knapsack over all the candidates booking it. A
    // candidate of an assembled site books several blocks: it keeps its value in
    // the knapsack of its primary block, and each other block holds a copy of it
    // tied to the original by a multiplier ν (Lagrangian decomposition: x_copy =
    // x_primary priced out), so the bound stays valid at any price.
    struct Item { uint32_t candidate; double weight; int32_t copy; };  // copy: index into nu, −1 for the original
    std::vector<std::vector<Item>> knapsack_items(nr);
    std::vector<std::vector<uint32_t>> copies_of(p.candidates.size());
    std::vector<double> nu;
    std::vector<char> priced(nr, 0);
    for (std::size_t r = 0; r < nr; ++r) {
        priced[r] = p.rows[r].kind != CapacityRow::Kind::Site;
        if (priced[r]) continue;
        for (std::size_t i = 0; i < p.rows[r].candidates.size(); ++i) {
            const uint32_t k = p.rows[r].candidates[i];
            int32_t copy = -1;
            if (p.candidates[k].primary_row != r) {
                copy = static_cast<int32_t>(nu.size());
                nu.push_back(0);
                copies_of[k].push_back(static_cast<uint32_t>(copy));
            }
            knapsack_items[r].push_back({k, p.rows[r].coefficients[i], copy});
        }
    }
    std::vector<double> copy_taken(nu.size()), original_taken(p.candidates.size());
    if (p.candidates.size() <= static_cast<std::size_t>(limits.knapsack_bound_lp_start_max_candidates) &&
        lp_duals(p, lambda, mu))
        for (std::size_t r = 0; r < nr; ++r)
            if (!priced[r]) mu[r] = 0;
    // Weights in units small enough to be exact to knapsack_bound_min_unit_mu on
    // small sites, and at most knapsack_bound_capacity_units on any site; rounding
    // weights down relaxes the knapsack.
    double max_cap = 0;
    for (const auto& row : p.rows)
        if (row.kind == CapacityRow::Kind::Site) max_cap = std::max(max_cap, row.capacity);
    const double unit = std::max(limits.knapsack_bound_min_unit_mu, max_cap / limits.knapsack_bound_capacity_units);

    double best_bound = std::numeric_limits<double>::infinity();
    double theta = 0.5;
    int since_improvement = 0;
    std::vector<double> used(nr), profit, dp;
    std::vector<int> weight;
    std::vector<char> take;
    std::vector<std::vector<char>> choice;
    std::vector<uint32_t> items;
    std::vector<double> chosen_count(np);
    for (int iter = 0; iter < limits.knapsack_bound_max_iterations && std::chrono::steady_clock::now() < deadline; ++iter) {
        double bound = 0;
        for (std::size_t j = 0; j < np; ++j) bound += lambda[j];
        for (std::size_t r = 0; r < nr; ++r)
            if (priced[r]) bound += mu[r] * p.rows[r].capacity;
        std::fill(used.begin(), used.end(), 0.0);
        std::fill(chosen_count.begin(), chosen_count.end(), 0.0);
        std::fill(copy_taken.begin(), copy_taken.end(), 0.0);
        std::fill(original_taken.begin(), original_taken.end(), 0.0);
        picked.clear();
        bool complete = true;
        for (std::size_t r = 0; r < nr; ++r) {
            if (p.rows[r].kind != CapacityRow::Kind::Site) continue;
            // A bound needs every site's knapsack: an iteration cut short by the
            // deadline gives none.
            if (std::chrono::steady_clock::now() >= deadline) {
                complete = false;
                break;
            }
            items.clear();
            profit.clear();
            weight.clear();
            for (std::size_t n = 0; n < knapsack_items[r].size(); ++n) {
                const Item& item = knapsack_items[r][n];
                const uint32_t k = item.candidate;
                double reduced = 0;
                if (item.copy >= 0) {
                    reduced = nu[static_cast<std::size_t>(item.copy)];
                } else {
                    const Candidate& c = p.candidates[k];
                    reduced = c.value - lambda[c.project];
                    for (std::size_t i = 0; i < p.rows_of(k).size(); ++i)
                        if (priced[p.rows_of(k)[i]]) reduced -= mu[p.rows_of(k)[i]] * p.coef_of(k)[i];
                    for (uint32_t q : copies_of[k]) reduced -= nu[q];
                }
                if (reduced <= 0) continue;
                items.push_back(static_cast<uint32_t>(n));
                profit.push_back(reduced);
                weight.push_back(static_cast<int>(std::floor(item.weight / unit + 1e-9)));
            }
            bound += knapsack(profit, weight, static_cast<int>(std::floor(p.rows[r].capacity / unit + 1e-9)), take, dp, choice);
            for (std::size_t i = 0; i < items.size(); ++i) {
                if (!take[i]) continue;
                const Item& item = knapsack_items[r][items[i]];
                if (item.copy >= 0) {
                    copy_taken[static_cast<std::size_t>(item.copy)] = 1;
                    continue;
                }
                const uint32_t k = item.candidate;
                original_taken[k] = 1;
                chosen_count[p.candidates[k].project] += 1;
                picked.emplace_back(profit[i], k);
                for (std::size_t n = 0; n < p.rows_of(k).size(); ++n) used[p.rows_of(k)[n]] += p.coef_of(k)[n];
            }
        }
        if (!complete) break;
        std::stable_sort(picked.begin(), picked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        if (Solution s = repair(p, picked); s.objective > incumbent + 1e-9 && feasible(p, s)) {
            incumbent_solution = s;
            incumbent = s.objective;
        }
        if (bound < best_bound - 1e-9) {
            if (bound - incumbent <= relative_gap * std::max(std::abs(bound), 1e-9)) return bound;
            best_bound = bound;
            since_improvement = 0;
        } else if (++since_improvement >= kStallSteps) {
            theta /= 2;
            since_improvement = 0;
            if (theta < kMinStepFactor) break;
        }
        // Subgradient of the bound in the multipliers; step towards a smaller bound.
        double norm = 0;
        std::vector<double> g_lambda(np), g_mu(nr, 0.0);
        for (std::size_t j = 0; j < np; ++j) {
            if (p.by_project[j].empty()) continue;
            g_lambda[j] = 1.0 - chosen_count[j];
            norm += g_lambda[j] * g_lambda[j];
        }
        for (std::size_t r = 0; r < nr; ++r) {
            if (!priced[r]) continue;
            g_mu[r] = p.rows[r].capacity - used[r];
            norm += g_mu[r] * g_mu[r];
        }
        // ν prices x_copy − x_original: the copy earns ν, the original pays it.
        std::vector<double> g_nu(nu.size(), 0.0);
        for (std::size_t k = 0; k < copies_of.size(); ++k)
            for (uint32_t q : copies_of[k]) {
                g_nu[q] = copy_taken[q] - original_taken[k];
                norm += g_nu[q] * g_nu[q];
            }
        if (norm < 1e-12) break;  // the relaxed solution is feasible and complementary: bound is exact
        const double step = theta * std::max(bound - incumbent, 1e-6) / norm;
        for (std::size_t j = 0; j < np; ++j) {
            lambda[j] -= step * g_lambda[j];
            if (!p.pinned[j]) lambda[j] = std::max(0.0, lambda[j]);  // pinned: an equality, free sign
        }
        for (std::size_t r = 0; r < nr; ++r)
            if (priced[r]) mu[r] = std::max(0.0, mu[r] - step * g_mu[r]);
        for (std::size_t q = 0; q < nu.size(); ++q) nu[q] -= step * g_nu[q];  // an equality: free sign
    }
    return best_bound;
}

}  // namespace parkcap::allocate::detail
