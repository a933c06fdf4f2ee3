#pragma once
// Internal: geometry as PostGIS reads it in COPY's text format, hex EWKB (WKB with
// the SRID), written from parkcap's own columns without a GEOS or OGR round trip,
// so the coordinates the store holds are the working CRS's doubles bit for bit.
#include <span>
#include <string>
#include <vector>

#include "parkcap/geom/polygons.hpp"

namespace parkcap::store::detail {

std::string ewkb_multipolygon(const geom::MultiPolygonColumn& column, std::size_t feature, int srid);
std::string ewkb_multilinestring(std::span<const std::vector<geom::Point>> parts, int srid);
std::string ewkb_linestring(std::span<const geom::Point> line, int srid);
std::string ewkb_point(geom::Point p, int srid);

}  // namespace parkcap::store::detail
