#pragma once
// Internal: geometries encoded as GeoPackageBinary (GeoPackage 1.2, 2.1.3), byte for
// byte as GDAL 3.6 writes them (GPkgGeometryFromOGR): the "GP" header, version 0,
// flags for little-endian with an XY envelope (none for a point; the empty bit and no
// envelope for a geometry without points), the srs_id, the envelope (min x, max x,
// min y, max y), then ISO WKB, little-endian. Writing the blob ourselves spares a
// million parcels an OGR geometry each, and lets it be made on a thread other than
// the one inserting into SQLite.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "parkcap/geom/polygons.hpp"

namespace parkcap::report::detail {

/// Each appends the blob to `out` and returns the geometry's box
/// (Box::empty() when it has no points: no spatial index entry, no extent).
geom::Box append_gpkg_multipolygon(std::string& out, int32_t srs_id, const geom::MultiPolygonColumn& column,
                                   std::size_t feature);
geom::Box append_gpkg_linestring(std::string& out, int32_t srs_id, std::span<const geom::Point> line);
geom::Box append_gpkg_multilinestring(std::string& out, int32_t srs_id, std::span<const std::vector<geom::Point>> parts);
geom::Box append_gpkg_point(std::string& out, int32_t srs_id, geom::Point p);

}  // namespace parkcap::report::detail
