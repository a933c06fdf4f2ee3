#pragma once
// Pools (parks and the clusters outside them) laid out as a grid of blocks between
// roads, each block split into parcels that share their edges exactly.
#include <array>
#include <cstdint>
#include <vector>

#include "city_definition.hpp"
#include "planar.hpp"
#include "random.hpp"

namespace sample_city {

struct Block {
    int32_t col = 0, row = 0;
    uint16_t parcels = 0;
    uint8_t land_use = kIndustrial;
    bool first_row = false;  ///< riverside park, row touching the river: kept built
};

struct Pool {
    const PoolDef* def = nullptr;
    int index = 0;  ///< in CityDefinition::pools
    int group = 0;  ///< case group: park index, or CityDefinition::outside_group()
    bool is_park = false;
    Frame frame;
    Poly local;     ///< metres, local frame
    Poly world;     ///< metres, EPSG:4528
    double area_m2 = 0;
    double frontage_chainage = 0;  ///< riverside: chainage of local x = 0
    // Block grid (local metres).
    double x0 = 0, y0 = 0, cell_w = 0, cell_h = 0, road_w = 0;
    int cols = 0, rows = 0;
    std::vector<Block> blocks;
    int64_t parcels = 0;
    int64_t group_start = 0;  ///< index of its first parcel within its group
};

inline constexpr double kRiverSetback = 60;  ///< riverside parks start this far from the bank (m)
inline constexpr double kChemShoreM = 1000;  ///< Yangtze Protection Law distance, for the chemical park's grid
inline constexpr double kMeanParcelsPerBlock = 6.0;  // blocks of ~90 亩 between roads
inline constexpr int kMaxParcelsPerRow = 6;

/// Pass 1: the block grid, how many parcels each block holds and its land use.
void lay_out(Pool& p, int64_t target, uint64_t seed);

struct ParcelShape {
    Ring ring;                 ///< local metres, counter-clockwise
    std::array<Pt, 4> corners; ///< bottom-left, bottom-right, top-right, top-left
};

/// Splits one block into its parcels: one or two rows, each cut into strips by
/// slanted lines, so parcels are irregular quadrilaterals that share edges exactly.
/// Where the two rows' cuts meet the middle line at different points, each side
/// carries the other's points too (no T-junctions), so neighbours share every
/// vertex along the common edge and never overlap by rounding.
std::vector<ParcelShape> split_block(const Pool& p, const Block& b, Rng& r);

/// ParcelStyle::Irregular: rows of quadrilateral strips (a two-row block has a
/// service lane between its rows, so no parcel has another's vertex on its edge),
/// then, drawn from `shape_rng`, about 5 % L-shaped (a corner notch cut out and
/// left unparcelled: one reflex corner, six vertices) and about 20 % with one to
/// four extra vertices bulging into the road or lane in front of them (convex, five
/// to eight vertices). Edges shared with a neighbour never move, and a bulge stays
/// within a third of the gap in front of it, so parcels never overlap.
std::vector<ParcelShape> split_block_irregular(const Pool& p, const Block& b, Rng& r, Rng shape_rng);

}  // namespace sample_city
