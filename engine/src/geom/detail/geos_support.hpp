#pragma once
// Internal GEOS (C API, reentrant) helpers: one context per thread, owning
// pointers, and conversion between GEOS geometries and the compact columns.
#include <geos_c.h>

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "parkcap/geom/polygons.hpp"

namespace parkcap::geom::detail {

/// This thread's GEOS context (created on first use, destroyed with the thread).
GEOSContextHandle_t geos();

struct GeosDeleter {
    void operator()(GEOSGeometry* g) const { GEOSGeom_destroy_r(geos(), g); }
};
using GeosPtr = std::unique_ptr<GEOSGeometry, GeosDeleter>;

struct PreparedDeleter {
    void operator()(const GEOSPreparedGeometry* g) const { GEOSPreparedGeom_destroy_r(geos(), g); }
};
using PreparedPtr = std::unique_ptr<const GEOSPreparedGeometry, PreparedDeleter>;

/// A polygon from closed rings (first exterior); nullptr when GEOS refuses them
/// (fewer than 4 points, unclosed).
GeosPtr make_polygon(const std::vector<std::vector<Point>>& rings);
/// Feature f of a column as a GEOS MultiPolygon.
GeosPtr make_multipolygon(const MultiPolygonColumn& column, std::size_t f);
GeosPtr make_linestring(std::span<const Point> points);
GeosPtr make_point(Point p);

/// Appends the polygonal parts of `g` (Polygon, MultiPolygon, or the polygons
/// inside a GeometryCollection) to the feature being built in `column`.
/// Returns the number of polygons appended.
std::size_t append_polygonal(const GEOSGeometry* g, MultiPolygonColumn& column);

/// GEOS's reason for invalidity, e.g. "Self-intersection[12.5 3.0]".
std::string invalid_reason(const GEOSGeometry* g);

/// MakeValid with the "structure" method, keeping only the polygonal result
/// (collapsed lines and points are dropped, as the loader documents).
GeosPtr make_valid_polygonal(const GEOSGeometry* g);

}  // namespace parkcap::geom::detail
