#include "tracts.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include <fmt/format.h>

#include "common.hpp"

namespace sample_city {

namespace {

/// Distance from the bank to the block's river-side edge: a riverside park's
/// local y = 0 is its setback line, kRiverSetback from the bank.
double bank_distance(const Pool& p, const Block& b) { return kRiverSetback + p.y0 + b.row * p.cell_h; }

bool usable(const Pool& p, const TractDef& t, const Block& b) {
    if (b.land_use != kIndustrial || b.first_row) return false;
    if (p.def->river_segment < 0) return true;
    const double d = bank_distance(p, b);
    return d >= t.from_bank_m && d <= t.to_bank_m;
}

}  // namespace

std::vector<std::size_t> grow_tract(const Pool& p, const TractDef& t, const std::vector<bool>& taken, Rng& r) {
    std::map<std::pair<int, int>, std::size_t> at;  // (col, row) → block
    std::vector<std::size_t> seeds;
    for (std::size_t b = 0; b < p.blocks.size(); ++b)
        if (!taken[b] && usable(p, t, p.blocks[b])) {
            at[{p.blocks[b].col, p.blocks[b].row}] = b;
            seeds.push_back(b);
        }
    r.shuffle(seeds);
    for (std::size_t seed : seeds) {
        std::vector<std::size_t> tract{seed};
        std::vector<bool> in(p.blocks.size(), false);
        in[seed] = true;
        int c0 = p.blocks[seed].col, c1 = c0, r0 = p.blocks[seed].row, r1 = r0;
        while (static_cast<int>(tract.size()) < t.blocks) {
            std::size_t best = p.blocks.size();
            long best_cells = 0;
            for (std::size_t k : tract) {
                static constexpr int kSteps[4][2] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
                for (const auto& s : kSteps) {
                    const auto it = at.find({p.blocks[k].col + s[0], p.blocks[k].row + s[1]});
                    if (it == at.end() || in[it->second]) continue;
                    const Block& n = p.blocks[it->second];
                    const long cells = static_cast<long>(std::max(c1, n.col) - std::min(c0, n.col) + 1) *
                                       (std::max(r1, n.row) - std::min(r0, n.row) + 1);
                    // Smallest extent first, then the earlier block: one answer for one seed.
                    if (best == p.blocks.size() || cells < best_cells || (cells == best_cells && it->second < best))
                        best = it->second, best_cells = cells;
                }
            }
            if (best == p.blocks.size()) break;  // walled in: try the next seed
            in[best] = true;
            tract.push_back(best);
            c0 = std::min(c0, p.blocks[best].col), c1 = std::max(c1, p.blocks[best].col);
            r0 = std::min(r0, p.blocks[best].row), r1 = std::max(r1, p.blocks[best].row);
        }
        if (static_cast<int>(tract.size()) == t.blocks) {
            std::sort(tract.begin(), tract.end());
            return tract;
        }
    }
    fail(fmt::format("{}: no {} neighbouring industrial blocks for the tract '{}'", p.def->id, t.blocks, t.what));
}

}  // namespace sample_city
