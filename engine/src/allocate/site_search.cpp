// The per-site knapsack both the Lagrangian bound and the plan's local search
// solve, and that local search: each site in turn gets the best set of projects
// it can hold given the rest of the plan (a 0-1 knapsack whose items are the
// unplaced projects at their value and the projects placed elsewhere at what the
// move gains). A neighbourhood far larger than the greedy's one-for-one swaps, and
// solved exactly, so a round over the sites finds the swaps of two small projects
// for one large one (and back) that the greedy cannot.
#include <algorithm>
#include <chrono>
#include <cmath>

#include "model.hpp"

namespace parkcap::allocate::detail {

namespace {

/// Coarsest first: project areas are given in whole 亩 or to 0.1 亩 or finer.
constexpr double kUnits[] = {1.0, 0.5, 0.1, 0.05, 0.01};

bool whole_multiple(double value, double unit) {
    const double q = value / unit;
    return std::abs(q - std::round(q)) <= 1e-6 * std::max(1.0, std::abs(q));
}

}  // namespace

double KnapsackSolver::solve(const std::vector<double>& profit, const std::vector<int>& weight, int capacity,
                             std::vector<char>& take) {
    const std::size_t n = profit.size();
    take.assign(n, 0);
    if (n == 0 || capacity < 0) return 0;
    const std::size_t width = static_cast<std::size_t>(capacity) + 1;
    best_.assign(width, 0.0);
    choice_.assign(n * width, 0);
    reach_.assign(n, 0);
    // Only sums up to what the items so far can reach change: cheap for few items.
    // best_[c] is the best profit within c, so beyond the reach it is the reach's.
    int reach = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const int w = weight[i];
        if (w <= capacity) {
            const int next = std::min(capacity, reach + w);
            for (int c = reach + 1; c <= next; ++c) best_[static_cast<std::size_t>(c)] = best_[static_cast<std::size_t>(reach)];
            reach = next;
            uint8_t* row = choice_.data() + i * width;
            for (int c = reach; c >= w; --c) {
                const double with = best_[static_cast<std::size_t>(c - w)] + profit[i];
                if (with > best_[static_cast<std::size_t>(c)]) {
                    best_[static_cast<std::size_t>(c)] = with;
                    row[c] = 1;
                }
            }
        }
        reach_[i] = reach;
    }
    // Back from the last item; above an item's reach its choices were not
    // recorded, and the best of the items up to it is the one at its reach.
    int c = reach;
    for (std::size_t i = n; i-- > 0;) {
        c = std::min(c, reach_[i]);
        if (choice_[i * width + static_cast<std::size_t>(c)]) {
            take[i] = 1;
            c -= weight[i];
        }
    }
    return best_[static_cast<std::size_t>(reach)];
}

double knapsack_unit(const std::vector<double>& weights, double capacity, int max_units, double min_unit) {
    // A weight of the whole row (a site taken whole) fits alone in any unit.
    const double floor_unit = capacity / std::max(max_units, 1);
    for (const double unit : kUnits) {
        if (unit < floor_unit) break;
        if (std::all_of(weights.begin(), weights.end(),
                        [&](double w) { return w >= capacity - 1e-9 || whole_multiple(w, unit); }))
            return unit;
    }
    return std::max(min_unit, floor_unit);
}

int knapsack_weight(double weight, double capacity, double unit, bool round_up) {
    if (weight >= capacity - 1e-9) return static_cast<int>(std::floor(capacity / unit + 1e-9));
    const double q = weight / unit;
    return static_cast<int>(round_up ? std::ceil(q - 1e-6) : std::floor(q + 1e-6));
}

SingleBlockCandidates single_block_candidates(const Problem& p) {
    SingleBlockCandidates out;
    out.by_row.resize(p.rows.size());
    out.row_of.assign(p.candidates.size(), -1);
    for (uint32_t k = 0; k < p.candidates.size(); ++k) {
        int32_t only = -1;
        int blocks = 0;
        for (uint32_t r : p.rows_of(k))
            if (p.rows[r].kind == CapacityRow::Kind::Site) {
                only = static_cast<int32_t>(r);
                ++blocks;
            }
        if (blocks != 1) continue;
        out.row_of[k] = only;
        out.by_row[static_cast<std::size_t>(only)].push_back(k);
    }
    return out;
}

int improve_by_sites(const Problem& p, Solution& s, const rules::SolverRules& limits,
                     std::chrono::steady_clock::time_point deadline) {
    const std::size_t nr = p.rows.size(), nk = p.candidates.size();
    if (nk == 0 || limits.site_search_rounds <= 0) return 0;
    // The candidates that book one block only: those a site's knapsack may move.
    const std::vector<std::vector<uint32_t>> simple = single_block_candidates(p).by_row;
    std::vector<double> used(nr, 0.0);
    auto book = [&](uint32_t k, double sign) {
        for (std::size_t i = 0; i < p.rows_of(k).size(); ++i) used[p.rows_of(k)[i]] += sign * p.coef_of(k)[i];
    };
    for (int32_t k : s.chosen)
        if (k >= 0) book(static_cast<uint32_t>(k), +1);
    auto value_of = [&](uint32_t j) { return s.chosen[j] < 0 ? 0.0 : p.candidates[static_cast<uint32_t>(s.chosen[j])].value; };

    // Per site row, its unit: exact where the areas share one, else rounded up
    // (a restriction: every set the knapsack takes fits).
    std::vector<double> unit(nr, 0.0);
    for (std::size_t r = 0; r < nr; ++r) {
        if (simple[r].empty()) continue;
        std::vector<double> w;
        for (uint32_t k : simple[r]) w.push_back(p.candidates[k].take_mu);
        unit[r] = knapsack_unit(w, p.rows[r].capacity, limits.knapsack_bound_capacity_units, limits.knapsack_bound_min_unit_mu);
    }

    KnapsackSolver knapsack;
    std::vector<double> profit;
    std::vector<int> weight;
    std::vector<char> take;
    std::vector<uint32_t> items, leaving, touched;
    std::vector<std::pair<uint32_t, int32_t>> undo;  // project, its candidate before the move
    int moves = 0;
    for (int round = 0; round < limits.site_search_rounds; ++round) {
        int moved_this_round = 0;
        for (std::size_t r = 0; r < nr; ++r) {
            if (simple[r].empty() || std::chrono::steady_clock::now() > deadline) continue;
            const CapacityRow& row = p.rows[r];
            // The projects on it now that may leave (not pinned), and the room they free.
            leaving.clear();
            double room = row.capacity - used[r];
            for (uint32_t k : simple[r]) {
                const uint32_t j = p.candidates[k].project;
                if (s.chosen[j] == static_cast<int32_t>(k) && !p.pinned[j]) {
                    leaving.push_back(k);
                    room += p.candidates[k].take_mu;
                }
            }
            // A quota or reserve row every candidate here books at its area (planned
            // land whose host pays): its room bounds the site's too, less what it
            // frees when projects placed on other land of it move here (ignored:
            // the bound stays safe).
            for (std::size_t i = 0; i < p.rows_of(simple[r][0]).size(); ++i) {
                const uint32_t q = p.rows_of(simple[r][0])[i];
                if (q == r) continue;
                bool shared = true;
                for (uint32_t k : simple[r]) {
                    bool found = false;
                    for (std::size_t n = 0; n < p.rows_of(k).size(); ++n)
                        if (p.rows_of(k)[n] == q && std::abs(p.coef_of(k)[n] - p.candidates[k].take_mu) <= 1e-9) found = true;
                    if (!found) { shared = false; break; }
                }
                if (!shared) continue;
                double q_room = p.rows[q].capacity - used[q];
                for (uint32_t k : leaving) q_room += p.candidates[k].take_mu;
                room = std::min(room, q_room);
            }
            if (room <= 1e-9) continue;
            const int capacity = static_cast<int>(std::floor(room / unit[r] + 1e-6));
            items.clear();
            profit.clear();
            weight.clear();
            for (uint32_t k : simple[r]) {
                const Candidate& c = p.candidates[k];
                const uint32_t j = c.project;
                const bool here = s.chosen[j] == static_cast<int32_t>(k);
                if (here && p.pinned[j]) continue;  // stays, its room already held
                if (!here && p.pinned[j] && s.chosen[j] < 0) continue;
                const double gain = c.value - (here ? 0.0 : value_of(j));
                if (gain <= 1e-12) continue;
                items.push_back(k);
                profit.push_back(gain);
                weight.push_back(c.take_mu >= row.capacity - 1e-9 ? static_cast<int>(std::floor(row.capacity / unit[r] + 1e-9))
                                                                   : knapsack_weight(c.take_mu, row.capacity, unit[r], true));
            }
            double before = 0;
            for (uint32_t k : leaving) before += p.candidates[k].value;
            const double best = knapsack.solve(profit, weight, capacity, take);
            if (best <= before + 1e-9) continue;  // the site's own set is as good
            // Apply: the leavers go, the chosen come (from wherever they were).
            undo.clear();
            touched.clear();
            double delta = 0;
            for (uint32_t k : leaving) {
                const uint32_t j = p.candidates[k].project;
                undo.emplace_back(j, s.chosen[j]);
                book(k, -1);
                touched.insert(touched.end(), p.rows_of(k).begin(), p.rows_of(k).end());
                s.chosen[j] = -1;
                delta -= p.candidates[k].value;
            }
            for (std::size_t i = 0; i < items.size(); ++i) {
                if (!take[i]) continue;
                const uint32_t k = items[i];
                const uint32_t j = p.candidates[k].project;
                if (s.chosen[j] >= 0) {
                    const auto old = static_cast<uint32_t>(s.chosen[j]);
                    undo.emplace_back(j, s.chosen[j]);
                    book(old, -1);
                    touched.insert(touched.end(), p.rows_of(old).begin(), p.rows_of(old).end());
                    delta -= p.candidates[old].value;
                } else if (std::none_of(undo.begin(), undo.end(), [&](const auto& u) { return u.first == j; })) {
                    undo.emplace_back(j, -1);
                }
                s.chosen[j] = static_cast<int32_t>(k);
                book(k, +1);
                touched.insert(touched.end(), p.rows_of(k).begin(), p.rows_of(k).end());
                delta += p.candidates[k].value;
            }
            // Every row the move touched within its capacity (quota rows shared
            // unevenly, 增存挂钩 credits lost with a stock placement moved), and a
            // real gain; else undone.
            bool ok = delta > 1e-9;
            for (uint32_t q : touched)
                if (used[q] > p.rows[q].capacity + 1e-9) ok = false;
            if (!ok) {
                for (std::size_t i = undo.size(); i-- > 0;) {
                    const auto [j, was] = undo[i];
                    if (s.chosen[j] >= 0) book(static_cast<uint32_t>(s.chosen[j]), -1);
                    s.chosen[j] = was;
                    if (was >= 0) book(static_cast<uint32_t>(was), +1);
                }
                continue;
            }
            ++moved_this_round;
        }
        moves += moved_this_round;
        if (moved_this_round == 0) break;
    }
    s.objective = objective_of(p, s);
    return moves;
}

}  // namespace parkcap::allocate::detail
