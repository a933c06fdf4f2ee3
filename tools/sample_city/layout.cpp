#include "layout.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

#include <fmt/format.h>

#include "common.hpp"

namespace sample_city {

namespace {

bool block_fits(const Pool& p, int col, int row) {
    // The block's largest possible extent: the cell less the smallest road margin.
    const double m = p.road_w * 0.5 * 0.6 - 1.0;
    const double x0 = p.x0 + col * p.cell_w + m, x1 = p.x0 + (col + 1) * p.cell_w - m;
    const double y0 = p.y0 + row * p.cell_h + m, y1 = p.y0 + (row + 1) * p.cell_h - m;
    return ring_inside(Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}, p.local);
}

void set_grid(Pool& p, double cell_area) {
    double xmin = 1e300, ymin = 1e300, xmax = -1e300, ymax = -1e300;
    for (const auto& r : p.local.parts)
        for (Pt q : r) xmin = std::min(xmin, q.x), xmax = std::max(xmax, q.x), ymin = std::min(ymin, q.y), ymax = std::max(ymax, q.y);
    p.cell_w = std::sqrt(cell_area * 1.3);
    p.cell_h = p.cell_w / 1.3;
    if (p.def->chem_park && p.def->river_segment >= 0) {
        // Rows of the chemical park line up so that a road, not a parcel, lies at
        // 1 km from the bank: no parcel is within a few metres of the legal distance.
        const double line = kChemShoreM - kRiverSetback;
        const double k = std::max(1.0, std::round(line / p.cell_h));
        p.cell_h = line / k;
        p.cell_w = cell_area / p.cell_h;
    }
    p.road_w = std::clamp(0.09 * std::sqrt(cell_area), 6.0, 30.0);
    p.cols = static_cast<int>((xmax - xmin) / p.cell_w);
    p.rows = static_cast<int>((ymax - ymin) / p.cell_h);
    p.x0 = xmin + ((xmax - xmin) - p.cols * p.cell_w) / 2;
    // Riverside parks: rows start at the setback line, so row 0 fronts the river.
    p.y0 = p.def->river_segment >= 0 ? ymin : ymin + ((ymax - ymin) - p.rows * p.cell_h) / 2;
}

int count_fitting_blocks(const Pool& p) {
    int n = 0;
    for (int r = 0; r < p.rows; ++r)
        for (int c = 0; c < p.cols; ++c) n += block_fits(p, c, r);
    return n;
}

}  // namespace

void lay_out(Pool& p, int64_t target, uint64_t seed) {
    const double wanted_blocks = std::max(1.0, static_cast<double>(target) / kMeanParcelsPerBlock);
    double cell_area = p.area_m2 * 0.8 / wanted_blocks;
    for (int iter = 0; iter < 12; ++iter) {
        set_grid(p, cell_area);
        const int n = count_fitting_blocks(p);
        if (n == 0) {
            cell_area *= 0.5;
            continue;
        }
        const double ratio = n / wanted_blocks;
        if (std::abs(ratio - 1) < 0.02) break;
        cell_area *= ratio;
    }
    p.blocks.clear();
    for (int r = 0; r < p.rows; ++r)
        for (int c = 0; c < p.cols; ++c)
            if (block_fits(p, c, r)) p.blocks.push_back(Block{c, r, 0, kIndustrial, p.def->river_segment >= 0 && r == 0});
    const auto nb = static_cast<int64_t>(p.blocks.size());
    const int64_t cap = 2 * kMaxParcelsPerRow;
    if (nb == 0 || nb > target || nb * cap < target)
        fail(fmt::format("{}: cannot lay out {} parcels in {} blocks", p.def->id, target, nb));

    // Parcels per block: one each, the rest shared by random weights (some blocks a
    // single large plant, others split among small firms), largest remainder.
    std::vector<double> weight(p.blocks.size());
    double total_weight = 0;
    for (std::size_t b = 0; b < p.blocks.size(); ++b) {
        Rng r(stream_key(seed, kLayout, static_cast<uint64_t>(p.index), b));
        const double u = r.uniform();
        weight[b] = u < 0.2 ? 0.1 : u < 0.7 ? 1.0 : 2.0;
        total_weight += weight[b];
        // Land use of the block.
        double x = r.uniform() * std::accumulate(p.def->mix.begin(), p.def->mix.end(), 0.0), acc = 0;
        uint8_t lu = kIndustrial;
        for (int k = 0; k < kLandUseCount; ++k) {
            acc += p.def->mix[static_cast<std::size_t>(k)];
            if (x < acc) { lu = static_cast<uint8_t>(k); break; }
        }
        p.blocks[b].land_use = lu;
    }
    const double extra = static_cast<double>(target - nb);
    std::vector<std::pair<double, std::size_t>> remainders;
    int64_t assigned = 0;
    for (std::size_t b = 0; b < p.blocks.size(); ++b) {
        const double share = extra * weight[b] / total_weight;
        const auto whole = static_cast<int64_t>(std::floor(share));
        p.blocks[b].parcels = static_cast<uint16_t>(std::min<int64_t>(cap, 1 + whole));
        assigned += p.blocks[b].parcels;
        remainders.push_back({share - std::floor(share), b});
    }
    std::stable_sort(remainders.begin(), remainders.end(), [](auto& a, auto& b) { return a.first > b.first; });
    for (std::size_t k = 0; assigned < target; k = (k + 1) % remainders.size()) {
        Block& blk = p.blocks[remainders[k].second];
        if (blk.parcels < cap) ++blk.parcels, ++assigned;
    }
    p.parcels = target;
}

}  // namespace sample_city
