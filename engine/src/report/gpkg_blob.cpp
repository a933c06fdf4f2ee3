#include "gpkg_blob.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

namespace parkcap::report::detail {

namespace {

using geom::Box;
using geom::Point;

// WKB geometry types (ISO, 2D).
constexpr uint32_t kWkbPoint = 1, kWkbLineString = 2, kWkbPolygon = 3, kWkbMultiLineString = 5, kWkbMultiPolygon = 6;

// The header's flags byte: bit 0 little-endian, bits 1-3 the envelope kind (1: XY),
// bit 4 empty geometry.
constexpr unsigned char kLittleEndian = 0x01, kEnvelopeXY = 0x01 << 1, kEmpty = 0x01 << 4;

void put_u32(std::string& out, uint32_t v) {
    char b[4];
    for (int i = 0; i < 4; ++i) b[i] = static_cast<char>(v >> (8 * i));
    out.append(b, 4);
}

void put_f64(std::string& out, double v) {
    const auto bits = std::bit_cast<uint64_t>(v);
    char b[8];
    for (int i = 0; i < 8; ++i) b[i] = static_cast<char>(bits >> (8 * i));
    out.append(b, 8);
}

void put_points(std::string& out, std::span<const Point> points) {
    if constexpr (std::endian::native == std::endian::little && sizeof(Point) == 2 * sizeof(double)) {
        // A Point is two doubles in the order WKB wants: the ring goes over as it lies.
        out.append(reinterpret_cast<const char*>(points.data()), points.size() * sizeof(Point));
    } else {
        for (const Point& p : points) {
            put_f64(out, p.x);
            put_f64(out, p.y);
        }
    }
}

void grow(Box& box, std::span<const Point> points) {
    for (const Point& p : points) {
        box.min_x = std::min(box.min_x, p.x);
        box.max_x = std::max(box.max_x, p.x);
        box.min_y = std::min(box.min_y, p.y);
        box.max_y = std::max(box.max_y, p.y);
    }
}

/// The header, with the envelope unless the geometry is a point or has no points.
void put_header(std::string& out, int32_t srs_id, const Box& box, bool point) {
    const bool empty = box.is_empty();
    out += 'G';
    out += 'P';
    out += '\0';  // version 1 of the format is written 0
    out += static_cast<char>(kLittleEndian | (empty ? kEmpty : (point ? 0 : kEnvelopeXY)));
    put_u32(out, static_cast<uint32_t>(srs_id));
    if (empty || point) return;
    put_f64(out, box.min_x);
    put_f64(out, box.max_x);
    put_f64(out, box.min_y);
    put_f64(out, box.max_y);
}

void put_wkb_type(std::string& out, uint32_t type) {
    out += static_cast<char>(1);  // little-endian
    put_u32(out, type);
}

void put_linestring(std::string& out, std::span<const Point> line) {
    put_wkb_type(out, kWkbLineString);
    put_u32(out, static_cast<uint32_t>(line.size()));
    put_points(out, line);
}

}  // namespace

Box append_gpkg_multipolygon(std::string& out, int32_t srs_id, const geom::MultiPolygonColumn& column, std::size_t f) {
    Box box = Box::empty();
    const std::size_t polygons = column.polygon_count(f);
    for (std::size_t k = 0; k < polygons; ++k)
        for (std::size_t r = column.ring_begin(f, k); r < column.ring_end(f, k); ++r) grow(box, column.ring(r));
    put_header(out, srs_id, box, false);
    put_wkb_type(out, kWkbMultiPolygon);
    put_u32(out, static_cast<uint32_t>(polygons));
    for (std::size_t k = 0; k < polygons; ++k) {
        put_wkb_type(out, kWkbPolygon);
        put_u32(out, static_cast<uint32_t>(column.ring_end(f, k) - column.ring_begin(f, k)));
        for (std::size_t r = column.ring_begin(f, k); r < column.ring_end(f, k); ++r) {
            const auto ring = column.ring(r);
            put_u32(out, static_cast<uint32_t>(ring.size()));
            put_points(out, ring);
        }
    }
    return box;
}

Box append_gpkg_linestring(std::string& out, int32_t srs_id, std::span<const Point> line) {
    Box box = Box::empty();
    grow(box, line);
    put_header(out, srs_id, box, false);
    put_linestring(out, line);
    return box;
}

Box append_gpkg_multilinestring(std::string& out, int32_t srs_id, std::span<const std::vector<Point>> parts) {
    Box box = Box::empty();
    for (const auto& part : parts) grow(box, part);
    put_header(out, srs_id, box, false);
    put_wkb_type(out, kWkbMultiLineString);
    put_u32(out, static_cast<uint32_t>(parts.size()));
    for (const auto& part : parts) put_linestring(out, part);
    return box;
}

Box append_gpkg_point(std::string& out, int32_t srs_id, Point p) {
    const Box box{p.x, p.y, p.x, p.y};
    put_header(out, srs_id, box, true);
    put_wkb_type(out, kWkbPoint);
    put_f64(out, p.x);
    put_f64(out, p.y);
    return box;
}

}  // namespace parkcap::report::detail
