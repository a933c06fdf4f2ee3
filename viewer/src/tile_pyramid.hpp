#pragma once
// Where the cached rasters of the parcel layer lie: a quadtree of square tiles
// over the parcels' extent. Level 0 is one tile of the whole extent; level L cuts
// it into 2^L × 2^L tiles of kTilePx pixels, so each level is twice as sharp as
// the one above. A view is drawn from the level closest to its own scale, and a
// tile not drawn yet is stood in for by the part of its nearest drawn ancestor.
// No OpenGL here: the renderer owns the textures, this only does the geometry.
#include <cstdint>
#include <vector>

#include "parkcap/geom/polygons.hpp"

namespace parkcap::viewer {

inline constexpr int kTilePx = 256;    ///< pixels a side of one tile's texture
inline constexpr int kMaxTileLevel = 18;

struct TileKey {
    int level = 0, ix = 0, iy = 0;
    uint64_t packed() const {
        return (static_cast<uint64_t>(level) << 48) | (static_cast<uint64_t>(static_cast<uint32_t>(ix)) << 24) |
               static_cast<uint64_t>(static_cast<uint32_t>(iy));
    }
    /// The ancestor `up` levels above (up ≤ level).
    TileKey ancestor(int up) const { return {level - up, ix >> up, iy >> up}; }
    bool operator==(const TileKey& o) const { return level == o.level && ix == o.ix && iy == o.iy; }
};

struct TilePyramid {
    geom::Point corner;   ///< lower left of the square extent, working CRS
    double side_m = 1;    ///< of the square extent

    static TilePyramid over(const geom::Box& bounds);
    int tiles_across(int level) const { return 1 << level; }
    double tile_m(int level) const { return side_m / tiles_across(level); }
    double px_per_m(int level) const { return kTilePx / tile_m(level); }
    geom::Box box(const TileKey& k) const;
    /// The level whose scale is nearest to `px_per_m` in ratio (so a tile is
    /// drawn between 0.71 and 1.41 of its own size), within 0..kMaxTileLevel.
    int level_for(double px_per_m) const;
    /// The tiles of `level` that meet `visible`, nearest to its centre first.
    std::vector<TileKey> covering(int level, const geom::Box& visible) const;
    /// Where `k`'s box lies inside its ancestor `up` levels above, in that
    /// ancestor's texture coordinates (u0, v0, u1, v1; v up, as GL's).
    static void sub_rect(const TileKey& k, int up, float uv[4]);
};

}  // namespace parkcap::viewer
