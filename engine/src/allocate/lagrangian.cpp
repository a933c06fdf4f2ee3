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

/// A feasible plan from the relaxed choices: candidates in decreasing reduced
/// profit, each kept when its project is free and every row still has room; then
/// the remaining projects fill in by value (`by_value`: the candidates of positive
/// value, best first, sorted once for all the iterations).
Solution repair(const Problem& p, const std::vector<std::pair<double, uint32_t>>& picked, const std::vector<uint32_t>& by_value) {
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
    for (uint32_t k : by_value)
        if (s.chosen[p.candidates[k].project] < 0 && fits(k)) add(k);
    s.objective = objective_of(p, s);
    return s;
}

}  // namespace

double lagrangian_bound(const Problem& p, Solution& incumbent_solution, double seconds, double relative_gap,
                        const rules::SolverRules& limits, const std::vector<double>* start_prices) {
    double incumbent = incumbent_solution.objective;
    std::vector<std::pair<double, uint32_t>> picked;
    // The steps stop at seven eighths of the time, so that the best repaired plan
    // still gets its site search in the rest.
    const auto now = std::chrono::steady_clock::now();
    auto after = [&](double share) {
        return now + std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(share * seconds));
    };
    const auto deadline = after(1.0), steps_deadline = after(0.875);
    const std::size_t np = p.by_project.size(), nr = p.rows.size(), nk = p.candidates.size();
    std::vector<double> lambda(np, 0.0), mu(nr, 0.0);
    // Every block row is an exact knapsack over all the candidates booking it. A
    // candidate of an assembled site books several blocks: it keeps its value in
    // the knapsack of its primary block, and each other block holds a copy of it
    // tied to the original by a multiplier ν (Lagrangian decomposition: x_copy =
    // x_primary priced out), so the bound stays valid at any price.
    struct Item { uint32_t candidate; int weight; int32_t copy; };  // copy: index into nu, −1 for the original
    std::vector<std::vector<Item>> knapsack_items(nr);
    std::vector<int> capacity_units(nr, 0);
    std::vector<std::vector<uint32_t>> copies_of(nk);
    std::vector<double> nu;
    std::vector<char> priced(nr, 0);
    std::vector<double> weights;
    for (std::size_t r = 0; r < nr; ++r) {
        priced[r] = p.rows[r].kind != CapacityRow::Kind::Site;
        if (priced[r]) continue;
        // Weights in the row's own unit: exact where its areas share one (whole 亩),
        // else rounded down, which only relaxes the knapsack.
        const double capacity = p.rows[r].capacity;
        weights.assign(p.rows[r].coefficients.begin(), p.rows[r].coefficients.end());
        const double unit =
            knapsack_unit(weights, capacity, limits.knapsack_bound_capacity_units, limits.knapsack_bound_min_unit_mu);
        capacity_units[r] = static_cast<int>(std::floor(capacity / unit + 1e-9));
        for (std::size_t i = 0; i < p.rows[r].candidates.size(); ++i) {
            const uint32_t k = p.rows[r].candidates[i];
            int32_t copy = -1;
            if (p.candidates[k].primary_row != r) {
                copy = static_cast<int32_t>(nu.size());
                nu.push_back(0);
                copies_of[k].push_back(static_cast<uint32_t>(copy));
            }
            knapsack_items[r].push_back({k, knapsack_weight(p.rows[r].coefficients[i], capacity, unit, false), copy});
        }
    }
    std::vector<double> copy_taken(nu.size()), original_taken(nk);
    // Start prices. From the LP's duals (Clp needs seconds for the LP of tens of
    // thousands of candidates): there the bound is already at most the LP bound,
    // and the integer knapsacks take it lower. Else from the capacity relaxation's
    // row prices: each project priced at its best reduced value there, which puts
    // the first bound at or below that relaxation's, and keeps most candidates out
    // of the knapsacks (only those with positive reduced profit enter).
    if (nk <= static_cast<std::size_t>(limits.knapsack_bound_lp_start_max_candidates) && lp_duals(p, lambda, mu)) {
        for (std::size_t r = 0; r < nr; ++r)
            if (!priced[r]) mu[r] = 0;
    } else if (start_prices && start_prices->size() == nr) {
        for (std::size_t j = 0; j < np; ++j) {
            double best = p.pinned[j] ? -std::numeric_limits<double>::infinity() : 0.0;
            for (uint32_t k : p.by_project[j]) {
                double reduced = p.candidates[k].value;
                for (std::size_t i = 0; i < p.rows_of(k).size(); ++i) reduced -= (*start_prices)[p.rows_of(k)[i]] * p.coef_of(k)[i];
                best = std::max(best, reduced);
            }
            lambda[j] = std::isfinite(best) ? best : 0.0;
        }
        for (std::size_t r = 0; r < nr; ++r) mu[r] = priced[r] ? std::max(0.0, (*start_prices)[r]) : 0.0;
    }
    // The rows' prices are per 亩 and the projects' per project: in the step they
    // are measured in a typical candidate's area (the mean), so that the hundreds
    // of 亩 a quota row is off do not swamp the projects' ±1 (μ = μ' ÷ scale).
    double scale = 1;
    if (nk > 0) {
        double sum = 0;
        for (const Candidate& c : p.candidates) sum += c.take_mu;
        scale = std::max(sum / static_cast<double>(nk), 1e-9);
    }
    // The repair's fill order, sorted once.
    std::vector<uint32_t> by_value;
    for (uint32_t k = 0; k < nk; ++k)
        if (p.candidates[k].value > 0) by_value.push_back(k);
    std::stable_sort(by_value.begin(), by_value.end(), [&](uint32_t a, uint32_t b) { return p.candidates[a].value > p.candidates[b].value; });
    // The work limit: the steps cost about one pass over the candidates each.
    int max_iterations = limits.knapsack_bound_max_iterations;
    if (limits.knapsack_bound_max_candidate_steps > 0 && nk > 0)
        max_iterations = static_cast<int>(std::min<double>(max_iterations, limits.knapsack_bound_max_candidate_steps / static_cast<double>(nk)));

    double best_bound = std::numeric_limits<double>::infinity();
    double theta = 0.5;
    int since_improvement = 0;
    std::vector<double> used(nr), profit;
    std::vector<int> weight;
    std::vector<char> take;
    std::vector<uint32_t> items;
    std::vector<double> chosen_count(np);
    std::vector<double> g_lambda(np), g_mu(nr), g_nu(nu.size());
    KnapsackSolver knapsack;
    Solution best_repaired;
    bool best_repaired_searched = true;
    auto search = [&](Solution s) {
        improve_by_sites(p, s, limits, deadline);
        if (s.objective > incumbent + 1e-9 && feasible(p, s)) {
            incumbent_solution = s;
            incumbent = s.objective;
        }
    };
    for (int iter = 0; iter < max_iterations && std::chrono::steady_clock::now() < steps_deadline; ++iter) {
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
            if (priced[r]) continue;
            // A bound needs every site's knapsack: an iteration cut short by the
            // deadline gives none.
            if (std::chrono::steady_clock::now() >= steps_deadline) {
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
                weight.push_back(item.weight);
            }
            bound += knapsack.solve(profit, weight, capacity_units[r], take);
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
        // The Lagrangian heuristic: the relaxed choice repaired into a plan; every
        // few steps (and the best of those between) improved by the site search.
        if (Solution s = repair(p, picked, by_value); feasible(p, s)) {
            if (s.objective > incumbent + 1e-9) {
                incumbent_solution = s;
                incumbent = s.objective;
            }
            const int every = limits.knapsack_heuristic_search_every;
            if (every > 0 && (iter + 1) % every == 0) {
                const bool better = best_repaired.chosen.empty() || s.objective > best_repaired.objective + 1e-9;
                search(better || best_repaired_searched ? s : best_repaired);
                best_repaired_searched = true;
                if (better) best_repaired = s;
            } else if (best_repaired.chosen.empty() || s.objective > best_repaired.objective + 1e-9) {
                best_repaired = s;
                best_repaired_searched = false;
            }
        }
        if (bound < best_bound - 1e-9) {
            best_bound = bound;
            since_improvement = 0;
            if (bound - incumbent <= relative_gap * std::max(std::abs(bound), 1e-9)) break;
        } else if (++since_improvement >= kStallSteps) {
            theta /= 2;
            since_improvement = 0;
            if (theta < kMinStepFactor) break;
        }
        // Projected subgradient of the bound in the multipliers (a price at zero
        // that the step would push below zero stays out of the norm); step
        // towards a smaller bound.
        double norm = 0;
        for (std::size_t j = 0; j < np; ++j) {
            g_lambda[j] = 0;
            if (p.by_project[j].empty()) continue;
            double g = 1.0 - chosen_count[j];
            if (!p.pinned[j] && lambda[j] <= 0 && g > 0) g = 0;
            g_lambda[j] = g;
            norm += g * g;
        }
        for (std::size_t r = 0; r < nr; ++r) {
            g_mu[r] = 0;
            if (!priced[r]) continue;
            double g = p.rows[r].capacity - used[r];
            if (mu[r] <= 0 && g > 0) g = 0;
            g_mu[r] = g / scale;
            norm += g_mu[r] * g_mu[r];
        }
        // ν prices x_copy − x_original: the copy earns ν, the original pays it.
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
            if (priced[r]) mu[r] = std::max(0.0, mu[r] - step * g_mu[r] / scale);
        for (std::size_t q = 0; q < nu.size(); ++q) nu[q] -= step * g_nu[q];  // an equality: free sign
    }
    if (!best_repaired_searched && !best_repaired.chosen.empty()) search(best_repaired);
    return best_bound;
}

}  // namespace parkcap::allocate::detail
