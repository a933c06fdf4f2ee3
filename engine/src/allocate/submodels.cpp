// Large-neighbourhood search with CBC on small models: a few sites at a time,
// every project on them and the best unplaced projects that fit them free, the
// rest of the plan fixed (its use of quota and reserve rows taken off their
// capacity). Each such model is the exact problem of its sites given the rest, so
// CBC's plan of it is feasible in the whole; solved to a node limit, it reassigns
// projects across sites and rows jointly, which the site search (one site at a
// time) cannot: two planned sites of one district trading quota, a project moved
// to free room for a larger one.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

#include "model.hpp"

namespace parkcap::allocate::detail {

int improve_by_submodels(const Problem& p, Solution& s, const rules::SolverRules& limits,
                         std::chrono::steady_clock::time_point deadline) {
    const std::size_t nr = p.rows.size(), nk = p.candidates.size(), np = p.by_project.size();
    const int group = limits.submodel_sites;
    if (nk == 0 || group <= 0 || limits.submodel_max_models <= 0) return 0;
    // Candidates that book one block only, by that block's row.
    const SingleBlockCandidates single = single_block_candidates(p);
    const std::vector<std::vector<uint32_t>>& simple = single.by_row;
    const std::vector<int32_t>& site_row = single.row_of;
    // Sites offered to the same projects side by side (the sites of one park
    // share their first eligible project), so a model's sites compete for them.
    std::vector<uint32_t> order;
    std::vector<uint32_t> first_project(nr, 0);
    for (uint32_t r = 0; r < nr; ++r) {
        if (simple[r].empty()) continue;
        order.push_back(r);
        first_project[r] = p.candidates[simple[r].front()].project;
    }
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return first_project[a] < first_project[b]; });

    std::vector<double> used(nr, 0.0);
    for (int32_t k : s.chosen)
        if (k >= 0)
            for (std::size_t i = 0; i < p.rows_of(static_cast<uint32_t>(k)).size(); ++i)
                used[p.rows_of(static_cast<uint32_t>(k))[i]] += p.coef_of(static_cast<uint32_t>(k))[i];

    rules::SolverRules sub_limits = limits;
    sub_limits.node_limit = std::max(limits.submodel_node_limit, 1);
    std::vector<char> in_group(nr, 0), free_project(np, 0);
    std::vector<int32_t> sub_row(nr, -1);
    int improved = 0, models = 0;
    // Passes over the sites, each after the first shifted by half a group so
    // that neighbouring groups meet, until a pass improves nothing.
    const auto half = static_cast<std::size_t>(group / 2);
    for (int pass = 0; models < limits.submodel_max_models; ++pass) {
      const int improved_before = improved;
      for (std::size_t g0 = pass % 2 ? half : 0; g0 < order.size() && models < limits.submodel_max_models;
           g0 += static_cast<std::size_t>(group)) {
        if (std::chrono::steady_clock::now() > deadline) break;
        ++models;
        const std::size_t g1 = std::min(order.size(), g0 + static_cast<std::size_t>(group));
        std::vector<uint32_t> sites(order.begin() + static_cast<std::ptrdiff_t>(g0), order.begin() + static_cast<std::ptrdiff_t>(g1));
        for (uint32_t r : sites) in_group[r] = 1;
        // Free: the projects on these sites (not pinned), and the unplaced ones of
        // best value per 亩 here, at most submodel_unplaced_projects.
        std::vector<uint32_t> free;
        std::vector<std::pair<double, uint32_t>> unplaced;
        std::vector<double> density(np, -1.0);
        for (uint32_t r : sites)
            for (uint32_t k : simple[r]) {
                const uint32_t j = p.candidates[k].project;
                if (s.chosen[j] == static_cast<int32_t>(k) && !p.pinned[j] && !free_project[j]) {
                    free_project[j] = 1;
                    free.push_back(j);
                } else if (s.chosen[j] < 0 && p.candidates[k].value > 0) {
                    density[j] = std::max(density[j], p.candidates[k].value / std::max(p.candidates[k].take_mu, 1e-9));
                }
            }
        for (uint32_t r : sites)
            for (uint32_t k : simple[r]) {
                const uint32_t j = p.candidates[k].project;
                if (density[j] >= 0) {
                    unplaced.emplace_back(density[j], j);
                    density[j] = -1.0;
                }
            }
        std::stable_sort(unplaced.begin(), unplaced.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        for (std::size_t i = 0; i < unplaced.size() && i < static_cast<std::size_t>(limits.submodel_unplaced_projects); ++i) {
            free_project[unplaced[i].second] = 1;
            free.push_back(unplaced[i].second);
        }
        std::sort(free.begin(), free.end());
        // The model: the free projects' candidates on these sites, every row they
        // book with the room the fixed rest of the plan leaves.
        Problem sub;
        sub.by_project.resize(free.size());
        sub.pinned.assign(free.size(), false);
        std::vector<uint32_t> original;  // sub candidate → candidate
        std::vector<uint32_t> sub_rows;  // sub row → row
        Solution start;
        start.chosen.assign(free.size(), -1);
        for (std::size_t f = 0; f < free.size(); ++f) {
            const uint32_t j = free[f];
            for (uint32_t k : p.by_project[j]) {
                if (site_row[k] < 0 || !in_group[static_cast<std::size_t>(site_row[k])]) continue;
                if (p.candidates[k].value <= 0 && s.chosen[j] != static_cast<int32_t>(k)) continue;
                const auto sk = static_cast<uint32_t>(sub.candidates.size());
                Candidate c = p.candidates[k];
                c.project = static_cast<uint32_t>(f);
                for (std::size_t i = 0; i < p.rows_of(k).size(); ++i) {
                    const uint32_t r = p.rows_of(k)[i];
                    if (sub_row[r] < 0) {
                        sub_row[r] = static_cast<int32_t>(sub.rows.size());
                        sub_rows.push_back(r);
                        sub.rows.push_back({p.rows[r].kind, p.rows[r].name, p.rows[r].capacity - used[r], {}, {}});
                    }
                    sub.rows[static_cast<std::size_t>(sub_row[r])].candidates.push_back(sk);
                    sub.rows[static_cast<std::size_t>(sub_row[r])].coefficients.push_back(p.coef_of(k)[i]);
                }
                c.primary_row = static_cast<uint32_t>(sub_row[static_cast<std::size_t>(site_row[k])]);
                sub.candidates.push_back(c);
                sub.by_project[f].push_back(sk);
                original.push_back(k);
                if (s.chosen[j] == static_cast<int32_t>(k)) start.chosen[f] = static_cast<int32_t>(sk);
            }
        }
        // What the free projects use now is theirs to redistribute.
        for (std::size_t f = 0; f < free.size(); ++f) {
            if (s.chosen[free[f]] < 0) continue;
            const auto k = static_cast<uint32_t>(s.chosen[free[f]]);
            for (std::size_t i = 0; i < p.rows_of(k).size(); ++i)
                sub.rows[static_cast<std::size_t>(sub_row[p.rows_of(k)[i]])].capacity += p.coef_of(k)[i];
        }
        sub.index_rows();
        start.objective = objective_of(sub, start);
        bool applied = false;
        if (!sub.candidates.empty() && feasible(sub, start)) {
            const double seconds = std::chrono::duration<double>(deadline - std::chrono::steady_clock::now()).count();
            const MipResult mip = solve_mip(sub, start, std::min(seconds, limits.submodel_max_s), 0.0, sub_limits);
            if (mip.feasible && mip.solution.objective > start.objective + 1e-9 && feasible(sub, mip.solution)) {
                Solution next = s;
                for (std::size_t f = 0; f < free.size(); ++f) {
                    const int32_t sk = mip.solution.chosen[f];
                    next.chosen[free[f]] = sk < 0 ? -1 : static_cast<int32_t>(original[static_cast<std::size_t>(sk)]);
                }
                next.objective = objective_of(p, next);
                if (next.objective > s.objective + 1e-9 && feasible(p, next)) {
                    s = std::move(next);
                    applied = true;
                    ++improved;
                }
            }
        }
        if (applied) {
            std::fill(used.begin(), used.end(), 0.0);
            for (int32_t k : s.chosen)
                if (k >= 0)
                    for (std::size_t i = 0; i < p.rows_of(static_cast<uint32_t>(k)).size(); ++i)
                        used[p.rows_of(static_cast<uint32_t>(k))[i]] += p.coef_of(static_cast<uint32_t>(k))[i];
        }
        for (uint32_t r : sites) in_group[r] = 0;
        for (uint32_t j : free) free_project[j] = 0;
        for (uint32_t r : sub_rows) sub_row[r] = -1;
      }
      if (improved == improved_before || std::chrono::steady_clock::now() > deadline) break;
    }
    s.objective = objective_of(p, s);
    return improved;
}

}  // namespace parkcap::allocate::detail
