#pragma once
// Parcels triangulated once into GPU-ready arrays. Vertices are stored relative
// to an origin near the city's centre (floats keep millimetres there, not at
// Gauss-Krüger eastings of 40,500,000 m). Each vertex carries its parcel index,
// so restyling rewrites one colour per parcel and never re-triangulates.
//
// Parcels are grouped into tiles of ~256 neighbours (STR packing), and inside a tile
// sorted from the largest to the smallest: the renderer culls whole tiles outside
// the view and, zoomed out, draws the prefix of a tile whose parcels are a few
// pixels or more as triangles, the next ones (down to half a pixel) as one
// square point each, and skips the rest (level of detail).
#include <array>
#include <cstdint>
#include <vector>

#include "parkcap/core/progress.hpp"
#include "parkcap/geom/polygons.hpp"

namespace parkcap::viewer {

struct MeshVertex {
    float x = 0, y = 0;     ///< metres from ParcelMesh::origin
    uint32_t feature = 0;   ///< parcel index
};

/// A parcel drawn as a point when it is a few pixels across.
struct MeshPoint {
    float x = 0, y = 0;     ///< bounding-box centre, metres from ParcelMesh::origin
    uint32_t feature = 0;
    float extent_m = 0;     ///< larger side of the bounding box
};

/// Extent thresholds (metres) at which a tile's draw ranges are cut: parcels
/// whose larger bounding-box side is below kLodExtents[k] come after cut k.
inline constexpr std::array<float, 12> kLodExtents = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048};

struct MeshTile {
    geom::Box bounds;            ///< of its parcels, working CRS
    uint32_t fill_first = 0;     ///< first vertex of its triangles
    uint32_t fill_count = 0;     ///< vertices (3 per triangle)
    uint32_t line_first = 0;     ///< first vertex of its outline segments
    uint32_t line_count = 0;     ///< vertices (2 per segment)
    uint32_t point_first = 0;    ///< first of its parcels in ParcelMesh::points (one per parcel)
    uint32_t point_count = 0;
    /// Vertex counts of the prefix of parcels at least kLodExtents[k] across.
    std::array<uint32_t, kLodExtents.size()> fill_count_at{};
    std::array<uint32_t, kLodExtents.size()> line_count_at{};
    std::array<uint32_t, kLodExtents.size()> point_count_at{};  ///< parcels in that prefix
};

struct MeshStats {
    uint64_t parcels = 0, polygons = 0, triangles = 0, fan_polygons = 0, geos_polygons = 0, failed_polygons = 0;
    double area_m2 = 0;             ///< of the input polygons
    double triangle_area_m2 = 0;    ///< of the triangles: equal within rounding when triangulation is right
    double seconds = 0;
};

struct ParcelMesh {
    geom::Point origin;
    geom::Box bounds;                   ///< of every parcel, working CRS
    std::vector<MeshVertex> fill;       ///< GL_TRIANGLES
    std::vector<MeshVertex> lines;      ///< GL_LINES, ring edges
    std::vector<MeshPoint> points;      ///< GL_POINTS, one per parcel, in the same tile order
    std::vector<MeshTile> tiles;
    /// Per parcel index: its triangles' first vertex and vertex count in `fill`
    /// (drawn on their own over the cached rasters when selected or hovered).
    std::vector<uint32_t> parcel_fill_first, parcel_fill_count;
    MeshStats stats;
};

/// Triangulates every feature of `polygons` with the engine's
/// geom::triangulate_polygon (holes respected) and cuts the result into tiles and
/// level-of-detail prefixes. Runs on `threads` threads (0 = all cores).
ParcelMesh build_parcel_mesh(const geom::MultiPolygonColumn& polygons, unsigned threads = 0,
                             const ProgressFn& progress = {});

}  // namespace parkcap::viewer
