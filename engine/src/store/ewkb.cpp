#include "ewkb.hpp"

#include <cstdint>
#include <cstring>

namespace parkcap::store::detail {

namespace {
constexpr uint32_t kSridFlag = 0x20000000;
enum : uint32_t { kPoint = 1, kLineString = 2, kPolygon = 3, kMultiLineString = 5, kMultiPolygon = 6 };

/// Little-endian WKB, hex-encoded as it is written.
class Hex {
public:
    void byte(uint8_t b) {
        static const char* digits = "0123456789ABCDEF";
        out_ += digits[b >> 4];
        out_ += digits[b & 15];
    }
    void u32(uint32_t v) {
        for (int i = 0; i < 4; ++i) byte(static_cast<uint8_t>(v >> (8 * i)));
    }
    void f64(double d) {
        uint64_t v;
        std::memcpy(&v, &d, sizeof v);
        for (int i = 0; i < 8; ++i) byte(static_cast<uint8_t>(v >> (8 * i)));
    }
    void header(uint32_t type, int srid) {
        byte(1);
        if (srid > 0) {
            u32(type | kSridFlag);
            u32(static_cast<uint32_t>(srid));
        } else {
            u32(type);
        }
    }
    void points(std::span<const geom::Point> pts) {
        u32(static_cast<uint32_t>(pts.size()));
        for (const auto& p : pts) {
            f64(p.x);
            f64(p.y);
        }
    }
    std::string take() { return std::move(out_); }

private:
    std::string out_;
};
}  // namespace

std::string ewkb_multipolygon(const geom::MultiPolygonColumn& column, std::size_t f, int srid) {
    Hex h;
    h.header(kMultiPolygon, srid);
    h.u32(static_cast<uint32_t>(column.polygon_count(f)));
    for (std::size_t k = 0; k < column.polygon_count(f); ++k) {
        h.header(kPolygon, 0);
        h.u32(static_cast<uint32_t>(column.ring_end(f, k) - column.ring_begin(f, k)));
        for (std::size_t r = column.ring_begin(f, k); r < column.ring_end(f, k); ++r) h.points(column.ring(r));
    }
    return h.take();
}

std::string ewkb_multilinestring(std::span<const std::vector<geom::Point>> parts, int srid) {
    Hex h;
    h.header(kMultiLineString, srid);
    h.u32(static_cast<uint32_t>(parts.size()));
    for (const auto& part : parts) {
        h.header(kLineString, 0);
        h.points(part);
    }
    return h.take();
}

std::string ewkb_linestring(std::span<const geom::Point> line, int srid) {
    Hex h;
    h.header(kLineString, srid);
    h.points(line);
    return h.take();
}

std::string ewkb_point(geom::Point p, int srid) {
    Hex h;
    h.header(kPoint, srid);
    h.f64(p.x);
    h.f64(p.y);
    return h.take();
}

}  // namespace parkcap::store::detail
