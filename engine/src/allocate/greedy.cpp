// The greedy baseline with local improvement: the plan a careful clerk would make,
// and the MIP's starting point.
#include <algorithm>
#include <numeric>

#include "model.hpp"

namespace parkcap::allocate::detail {

namespace {

class Usage {
public:
    explicit Usage(const Problem& p) : p_(p), used_(p.rows.size(), 0) {}
    bool fits(uint32_t c) const {
        for (std::size_t i = 0; i < p_.rows_of(c).size(); ++i) {
            const uint32_t r = p_.rows_of(c)[i];
            if (used_[r] + p_.coef_of(c)[i] > p_.rows[r].capacity + 1e-9) return false;
        }
        return true;
    }
    void add(uint32_t c, double sign) {
        for (std::size_t i = 0; i < p_.rows_of(c).size(); ++i) used_[p_.rows_of(c)[i]] += sign * p_.coef_of(c)[i];
    }
    /// Whether every row of candidate c is within its capacity: after taking out a
    /// candidate with a negative coefficient (a disposal that earned quota), the
    /// rows it credited may have run over.
    bool within(uint32_t c) const {
        for (uint32_t r : p_.rows_of(c))
            if (used_[r] > p_.rows[r].capacity + 1e-9) return false;
        return true;
    }
    double slack(uint32_t c) const {
        double s = 1e300;
        for (uint32_t r : p_.rows_of(c)) s = std::min(s, p_.rows[r].capacity - used_[r]);
        return s;
    }

private:
    const Problem& p_;
    std::vector<double> used_;
};

}  // namespace

void Problem::index_rows() {
    first_row_.assign(candidates.size() + 1, 0);
    for (const auto& row : rows)
        for (uint32_t c : row.candidates) ++first_row_[c + 1];
    for (std::size_t k = 0; k < candidates.size(); ++k) first_row_[k + 1] += first_row_[k];
    row_of_.resize(first_row_.back());
    coef_of_.resize(first_row_.back());
    std::vector<std::size_t> next(first_row_.begin(), first_row_.end() - 1);
    for (std::size_t r = 0; r < rows.size(); ++r)  // in row order, as the per-candidate lists were
        for (std::size_t i = 0; i < rows[r].candidates.size(); ++i) {
            const std::size_t at = next[rows[r].candidates[i]]++;
            row_of_[at] = static_cast<uint32_t>(r);
            coef_of_[at] = rows[r].coefficients[i];
        }
}

bool spans_blocks(const Problem& p, uint32_t c) {
    int blocks = 0;
    for (uint32_t r : p.rows_of(c)) blocks += p.rows[r].kind == CapacityRow::Kind::Site;
    return blocks > 1;
}

bool has_assembled_candidates(const Problem& p) {
    for (uint32_t c = 0; c < p.candidates.size(); ++c)
        if (spans_blocks(p, c)) return true;
    return false;
}

double objective_of(const Problem& p, const Solution& s) {
    double v = 0;
    for (int32_t c : s.chosen)
        if (c >= 0) v += p.candidates[static_cast<std::size_t>(c)].value;
    return v;
}

bool feasible(const Problem& p, const Solution& s, std::string* why) {
    std::vector<double> used(p.rows.size(), 0);
    for (std::size_t j = 0; j < s.chosen.size(); ++j) {
        if (s.chosen[j] < 0) {
            if (p.pinned[j]) {
                if (why) *why = "pinned project " + std::to_string(j) + " not placed";
                return false;
            }
            continue;
        }
        const auto c = static_cast<uint32_t>(s.chosen[j]);
        if (p.candidates[c].project != j) {
            if (why) *why = "candidate of another project";
            return false;
        }
        for (std::size_t i = 0; i < p.rows_of(c).size(); ++i) used[p.rows_of(c)[i]] += p.coef_of(c)[i];
    }
    for (std::size_t r = 0; r < p.rows.size(); ++r)
        if (used[r] > p.rows[r].capacity + 1e-6) {
            if (why) *why = p.rows[r].name + " over capacity";
            return false;
        }
    return true;
}

Solution solve_greedy(const Problem& p, const rules::SolverRules& limits, std::chrono::steady_clock::time_point deadline) {
    const std::size_t n = p.by_project.size();
    Solution s;
    s.chosen.assign(n, -1);
    Usage usage(p);

    // Best value per 亩 first; pins before everything.
    std::vector<double> best(n, -1e300), density(n, -1e300);
    for (std::size_t j = 0; j < n; ++j)
        for (uint32_t c : p.by_project[j]) {
            best[j] = std::max(best[j], p.candidates[c].value);
            density[j] = std::max(density[j], p.candidates[c].value / std::max(p.candidates[c].take_mu, 1e-9));
        }
    std::vector<uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        if (p.pinned[a] != p.pinned[b]) return static_cast<bool>(p.pinned[a]);
        return density[a] > density[b];
    });

    auto best_fit = [&](uint32_t j) -> int32_t {
        int32_t pick = -1;
        for (uint32_t c : p.by_project[j]) {
            if (!usage.fits(c)) continue;
            if (p.candidates[c].value <= 0 && !p.pinned[j]) continue;
            if (pick < 0) { pick = static_cast<int32_t>(c); continue; }
            const auto& a = p.candidates[c];
            const auto& b = p.candidates[static_cast<uint32_t>(pick)];
            // Highest value, then the tightest fit (keep big sites for big projects).
            if (a.value > b.value + 1e-12 || (a.value > b.value - 1e-12 && usage.slack(c) < usage.slack(static_cast<uint32_t>(pick))))
                pick = static_cast<int32_t>(c);
        }
        return pick;
    };
    for (uint32_t j : order) {
        const int32_t c = best_fit(j);
        if (c >= 0) {
            s.chosen[j] = c;
            usage.add(static_cast<uint32_t>(c), +1);
        }
    }

    // Local improvement: replace a placed project by an unplaced one of higher
    // value when the freed room lets it in, then try to re-home the displaced one.
    std::size_t sites = 0;
    for (const auto& c : p.candidates) sites = std::max<std::size_t>(sites, c.site + 1);
    std::vector<std::vector<uint32_t>> on_site(sites);
    for (std::size_t j = 0; j < n; ++j)
        if (s.chosen[j] >= 0) on_site[p.candidates[static_cast<uint32_t>(s.chosen[j])].site].push_back(static_cast<uint32_t>(j));
    auto move_in = [&](uint32_t j, int32_t c) {
        s.chosen[j] = c;
        usage.add(static_cast<uint32_t>(c), +1);
        on_site[p.candidates[static_cast<uint32_t>(c)].site].push_back(j);
    };
    auto move_out = [&](uint32_t j) {
        const auto c = static_cast<uint32_t>(s.chosen[j]);
        usage.add(c, -1);
        auto& list = on_site[p.candidates[c].site];
        list.erase(std::find(list.begin(), list.end(), j));
        s.chosen[j] = -1;
    };
    for (int round = 0; round < limits.greedy_improvement_rounds; ++round) {
        bool improved = false;
        for (uint32_t u : order) {
            if (s.chosen[u] >= 0) continue;
            if (std::chrono::steady_clock::now() > deadline) break;
            for (uint32_t cu : p.by_project[u]) {
                const double vu = p.candidates[cu].value;
                if (vu <= 0) continue;
                const std::vector<uint32_t> occupants = on_site[p.candidates[cu].site];
                for (uint32_t v : occupants) {
                    const auto cv = static_cast<uint32_t>(s.chosen[v]);
                    if (p.pinned[v] || p.candidates[cv].value >= vu - 1e-12) continue;
                    move_out(v);
                    if (usage.fits(cu)) {
                        move_in(u, static_cast<int32_t>(cu));
                        if (const int32_t again = best_fit(v); again >= 0) move_in(v, again);
                        if (usage.within(cv)) {
                            improved = true;
                            break;
                        }
                        // v's disposal paid for quota others use: put everything back.
                        if (s.chosen[v] >= 0) move_out(v);
                        move_out(u);
                    }
                    move_in(v, static_cast<int32_t>(cv));
                }
                if (s.chosen[u] >= 0) break;
            }
        }
        if (!improved) break;
    }
    s.objective = objective_of(p, s);
    return s;
}

}  // namespace parkcap::allocate::detail
