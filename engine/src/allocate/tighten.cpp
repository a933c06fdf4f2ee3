// Capacities rounded down to what the candidates' areas can fill (issue 11 item 4).
//
// A row "Σ coefficient × chosen ≤ capacity" with non-negative coefficients can
// never be filled beyond the largest sum of its coefficients that is ≤ capacity.
// Lowering the capacity to that sum removes no integer solution, but it cuts off
// fractional ones the LP relaxation would otherwise use (a 100 亩 block offered to
// projects of 30 and 45 亩 holds at most 75), so CBC's bound starts closer.
//
// The sums are found exactly with a bitset subset-sum in a unit every coefficient
// is a whole multiple of (project areas are given to 0.01 亩 or coarser). The
// one-project-one-site rule is ignored here, which only admits more sums: the
// rounded capacity stays ≥ every sum an integer plan can reach. The cost is one
// pass over a bitset of capacity ÷ unit bits per candidate of the row.
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

/// The largest sum of a subset of `weights` that is ≤ `limit` (all in units).
uint64_t largest_subset_sum(const std::vector<uint64_t>& weights, uint64_t limit) {
    const std::size_t words = static_cast<std::size_t>(limit / 64 + 1);
    std::vector<uint64_t> reach(words, 0);
    reach[0] = 1;  // the empty sum
    for (const uint64_t w : weights) {
        if (w == 0 || w > limit) continue;
        // reach |= reach << w, from the top word down so each weight is used once.
        const std::size_t shift_words = static_cast<std::size_t>(w / 64);
        const unsigned shift_bits = static_cast<unsigned>(w % 64);
        for (std::size_t i = words; i-- > shift_words;) {
            const std::size_t from = i - shift_words;
            uint64_t moved = reach[from] << shift_bits;
            if (shift_bits && from > 0) moved |= reach[from - 1] >> (64 - shift_bits);
            reach[i] |= moved;
        }
        // Bits above the limit are never read: clear them so the scan below is simple.
        const unsigned top = static_cast<unsigned>(limit % 64);
        if (top != 63) reach[words - 1] &= (uint64_t{1} << (top + 1)) - 1;
        if (reach[words - 1] >> top & 1) return limit;  // the row can be filled exactly
    }
    for (std::size_t i = words; i-- > 0;)
        if (reach[i]) return i * 64 + (63 - static_cast<unsigned>(__builtin_clzll(reach[i])));
    return 0;
}

}  // namespace

int round_down_capacities(Problem& problem, int max_units) {
    int rounded = 0;
    if (max_units <= 0) return 0;
    for (CapacityRow& row : problem.rows) {
        if (row.candidates.empty() || row.capacity <= 0) continue;
        // A quota row that disposals of stock land refill (negative coefficients)
        // can reach sums no subset of its positive coefficients shows.
        if (std::any_of(row.coefficients.begin(), row.coefficients.end(), [](double c) { return c < 0; })) continue;
        const double unit = common_unit(row);
        if (unit == 0 || row.capacity / unit > max_units) continue;
        double total = 0;
        for (const double c : row.coefficients) total += c;
        if (total <= row.capacity) continue;  // every candidate fits at once: the row never binds
        // Rounding the capacity down to whole units loses nothing: every sum is a whole number of them.
        const auto limit = static_cast<uint64_t>(std::floor(row.capacity / unit + 1e-9));
        std::vector<uint64_t> weights;
        weights.reserve(row.coefficients.size());
        for (const double c : row.coefficients) weights.push_back(static_cast<uint64_t>(std::llround(c / unit)));
        const double reachable = static_cast<double>(largest_subset_sum(weights, limit)) * unit + kMarginMu;
        if (reachable < row.capacity) {
            row.capacity = reachable;
            ++rounded;
        }
    }
    return rounded;
}

}  // namespace parkcap::allocate::detail
