#pragma once
// Polygons cut into triangles, for drawing fills (the viewer's GPU mesh and its
// overlays, the briefing's maps). Holes are respected; the triangles cover the
// polygon exactly (their areas add up to its area), which the tests check.
#include <cstddef>
#include <vector>

#include "parkcap/geom/polygons.hpp"

namespace parkcap::geom {

/// How a polygon was triangulated.
enum class Triangulation {
    Fan,                   ///< a strictly convex ring without holes: a fan from its first vertex
    ConstrainedDelaunay,   ///< GEOS's constrained Delaunay triangulation (concave rings, holes)
    Failed,                ///< GEOS could not build or triangulate it (nothing appended)
};

/// Appends the triangles of polygon `k` of feature `f` to `out`, three points each,
/// in the column's coordinates. Safe to call from several threads at once.
Triangulation triangulate_polygon(const MultiPolygonColumn& column, std::size_t f, std::size_t k, std::vector<Point>& out);

/// The triangles of every polygon of feature `f`, three points each.
std::vector<Point> triangulate_feature(const MultiPolygonColumn& column, std::size_t f);

/// Whether a closed ring is strictly convex (collinear and repeated points allowed):
/// every turn has the same sign and the turns add up to one full turn.
bool ring_is_convex(std::span<const Point> closed_ring);

}  // namespace parkcap::geom
