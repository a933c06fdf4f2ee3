// Capacities rounded down to what the candidates' areas can fill (issue 11 item 4).
//
// A row "Σ coefficient × chosen ≤ capacity" can never be filled beyond the
// largest sum of a subset of its coefficients that is ≤ capacity. Lowering the
// capacity to that sum removes no integer solution, but it cuts off fractional
// ones the LP relaxation would otherwise use (a 100 亩 block offered to projects
// of 30 and 45 亩 holds at most 75), so CBC's bound starts closer.
//
// A quota row may hold negative coefficients: placements whose disposal of stock
// land earns the district quota (增存挂钩). The subset sums then range from the
// sum of the credits to the sum of the draws, and the same reasoning holds.
//
// The sums are found exactly with a bitset subset-sum in a unit every coefficient
// is a whole multiple of (project areas are given to 0.01 亩 or coarser). The
// one-project-one-site rule is ignored here, and so is that a candidate's draw
// and credit in one row come together, which only admits more sums: the rounded
// capacity stays ≥ every sum an integer plan can reach. The cost is one pass over
// a bitset of (capacity + credits) ÷ unit bits per coefficient of the row.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "model.hpp"

namespace parkcap::allocate::detail {

namespace {

/// Coarsest first: the fewer units, the cheaper the bitset.
constexpr double kUnits[] = {1.0, 0.5, 0.1, 0.05, 0.01};
/// Kept above the rounded sum so that floating-point sums of the same areas in
/// another order still fit.
constexpr double kMarginMu = 0.001;

bool whole_multiple(double value, double unit) {
    const double q = value / unit;
    return std::abs(q - std::round(q)) <= 1e-6 * std::max(1.0, std::abs(q));
}

/// The coarsest unit all of the row's coefficients are whole multiples of, or 0.
double common_unit(const CapacityRow& row) {
    for (const double unit : kUnits)
        if (std::all_of(row.coefficients.begin(), row.coefficients.end(),
                        [&](double c) { return whole_multiple(c, unit); }))
            return unit;
    return 0;
}

/// A set of reachable sums as bits: bit i is the sum i + offset.
class Reach {
public:
    Reach(int64_t offset, uint64_t bits) : offset_(offset), words_(static_cast<std::size_t>(bits / 64 + 1), 0) {}

    void add(int64_t sum) {
        const auto bit = static_cast<uint64_t>(sum - offset_);
        words_[bit / 64] |= uint64_t{1} << (bit % 64);
    }
    bool has(int64_t sum) const {
        const auto bit = static_cast<uint64_t>(sum - offset_);
        return bit / 64 < words_.size() && (words_[bit / 64] >> (bit % 64) & 1);
    }
    /// Every sum s becomes reachable as s + w too (each weight used once).
    void shift_in(int64_t w) {
        const std::size_t n = words_.size();
        const uint64_t m = static_cast<uint64_t>(w < 0 ? -w : w);
        const std::size_t sw = static_cast<std::size_t>(m / 64);
        const unsigned sb = static_cast<unsigned>(m % 64);
        if (sw >= n) return;
        if (w > 0) {
            // From the top word down, so each source word is read before it is written.
            for (std::size_t i = n; i-- > sw;) {
                const std::size_t from = i - sw;
                uint64_t moved = words_[from] << sb;
                if (sb && from > 0) moved |= words_[from - 1] >> (64 - sb);
                words_[i] |= moved;
            }
        } else {
            for (std::size_t i = 0; i + sw < n; ++i) {
                const std::size_t from = i + sw;
                uint64_t moved = words_[from] >> sb;
                if (sb && from + 1 < n) moved |= words_[from + 1] << (64 - sb);
                words_[i] |= moved;
            }
        }
    }
    /// Forgets the sums above `limit`.
    void clear_above(int64_t limit) {
        if (limit < offset_) {
            std::fill(words_.begin(), words_.end(), 0);
            return;
        }
        const auto bit = static_cast<uint64_t>(limit - offset_);
        const std::size_t word = static_cast<std::size_t>(bit / 64);
        if (word >= words_.size()) return;
        const unsigned b = static_cast<unsigned>(bit % 64);
        if (b != 63) words_[word] &= (uint64_t{1} << (b + 1)) - 1;
        std::fill(words_.begin() + static_cast<std::ptrdiff_t>(word) + 1, words_.end(), 0);
    }
    /// The largest reachable sum, if any.
    bool largest(int64_t& sum) const {
        for (std::size_t i = words_.size(); i-- > 0;)
            if (words_[i]) {
                sum = static_cast<int64_t>(i * 64 + (63 - static_cast<unsigned>(__builtin_clzll(words_[i])))) + offset_;
                return true;
            }
        return false;
    }

private:
    int64_t offset_;
    std::vector<uint64_t> words_;
};

/// The largest sum of a subset of `weights` that is ≤ `limit` (all in units);
/// false when there is none (possible only when `limit` < 0). The negative
/// weights go in first: once only positive ones are left, a sum above the limit
/// can never come back under it, so those bits are dropped as they appear.
bool largest_subset_sum(const std::vector<int64_t>& weights, int64_t limit, int64_t& best) {
    int64_t credits = 0;
    for (const int64_t w : weights) credits += std::min<int64_t>(w, 0);
    if (limit < credits) return false;
    Reach reach(credits, static_cast<uint64_t>(std::max<int64_t>(limit, 0) - credits));
    reach.add(0);  // the empty sum
    for (const int64_t w : weights)
        if (w < 0) reach.shift_in(w);
    reach.clear_above(limit);
    for (const int64_t w : weights) {
        if (w <= 0 || w > limit - credits) continue;
        reach.shift_in(w);
        reach.clear_above(limit);
        if (reach.has(limit)) {  // the row can be filled exactly
            best = limit;
            return true;
        }
    }
    return reach.largest(best);
}

}  // namespace

int round_down_capacities(Problem& problem, int max_units) {
    int rounded = 0;
    if (max_units <= 0) return 0;
    for (CapacityRow& row : problem.rows) {
        if (row.candidates.empty()) continue;
        const double unit = common_unit(row);
        if (unit == 0) continue;
        double draws = 0, credits = 0;
        for (const double c : row.coefficients) (c > 0 ? draws : credits) += c;
        if (draws <= row.capacity) continue;  // every draw fits at once: the row never binds
        // The bitset spans the sums from all credits taken to the capacity.
        if ((std::max(row.capacity, 0.0) - credits) / unit > max_units) continue;
        // Rounding the capacity down to whole units loses nothing: every sum is a whole number of them.
        const auto limit = static_cast<int64_t>(std::floor(row.capacity / unit + 1e-9));
        std::vector<int64_t> weights;
        weights.reserve(row.coefficients.size());
        for (const double c : row.coefficients) weights.push_back(std::llround(c / unit));
        int64_t best = 0;
        if (!largest_subset_sum(weights, limit, best)) continue;  // no subset fits: the model is infeasible as it is
        const double reachable = static_cast<double>(best) * unit + kMarginMu;
        if (reachable < row.capacity) {
            row.capacity = reachable;
            ++rounded;
        }
    }
    return rounded;
}

}  // namespace parkcap::allocate::detail
