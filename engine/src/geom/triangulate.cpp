#include "parkcap/geom/triangulate.hpp"

#include <cmath>

#include "detail/geos_support.hpp"

namespace parkcap::geom {

using namespace detail;

bool ring_is_convex(std::span<const Point> ring) {
    const std::size_t n = ring.size() >= 1 ? ring.size() - 1 : 0;  // closed: last == first
    if (n < 3) return false;
    int sign = 0;
    double turning = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const Point& a = ring[(i + n - 1) % n];
        const Point& b = ring[i];
        const Point& c = ring[(i + 1) % n];
        const double ux = b.x - a.x, uy = b.y - a.y, vx = c.x - b.x, vy = c.y - b.y;
        const double cross = ux * vy - uy * vx, dot = ux * vx + uy * vy;
        if (ux == 0 && uy == 0) continue;
        if (vx == 0 && vy == 0) continue;
        const double scale = std::hypot(ux, uy) * std::hypot(vx, vy);
        if (std::fabs(cross) <= 1e-12 * scale) {
            if (dot < 0) return false;  // a spike doubling back
            continue;
        }
        const int s = cross > 0 ? 1 : -1;
        if (sign == 0) sign = s;
        else if (s != sign) return false;
        turning += std::atan2(cross, dot);
    }
    return sign != 0 && std::fabs(std::fabs(turning) - 2 * M_PI) < 1e-6;
}

Triangulation triangulate_polygon(const MultiPolygonColumn& col, std::size_t f, std::size_t k, std::vector<Point>& out) {
    const std::size_t r0 = col.ring_begin(f, k), r1 = col.ring_end(f, k);
    if (r1 == r0) return Triangulation::Fan;
    const auto outer = col.ring(r0);
    if (r1 - r0 == 1 && ring_is_convex(outer)) {
        const std::size_t n = outer.size() - 1;
        for (std::size_t i = 1; i + 1 < n; ++i) out.insert(out.end(), {outer[0], outer[i], outer[i + 1]});
        return Triangulation::Fan;
    }
    // Rings too short for GEOS are dropped (a hole of 3 points has no area), as
    // the mesh always did; a shell that short fails the polygon.
    auto ring_of = [&](std::size_t r) -> GEOSGeometry* {
        const auto pts = col.ring(r);
        if (pts.size() < 4) return nullptr;
        GEOSCoordSequence* seq = GEOSCoordSeq_copyFromBuffer_r(geos(), &pts[0].x, static_cast<unsigned>(pts.size()), 0, 0);
        return seq ? GEOSGeom_createLinearRing_r(geos(), seq) : nullptr;
    };
    GEOSGeometry* shell = ring_of(r0);
    if (!shell) return Triangulation::Failed;
    std::vector<GEOSGeometry*> holes;
    for (std::size_t r = r0 + 1; r < r1; ++r)
        if (GEOSGeometry* h = ring_of(r)) holes.push_back(h);
    GeosPtr poly(GEOSGeom_createPolygon_r(geos(), shell, holes.data(), static_cast<unsigned>(holes.size())));
    if (!poly) return Triangulation::Failed;
    GeosPtr triangles(GEOSConstrainedDelaunayTriangulation_r(geos(), poly.get()));
    if (!triangles) return Triangulation::Failed;
    const int count = GEOSGetNumGeometries_r(geos(), triangles.get());
    for (int i = 0; i < count; ++i) {
        const GEOSGeometry* tri = GEOSGetGeometryN_r(geos(), triangles.get(), i);
        const GEOSGeometry* ring = GEOSGetExteriorRing_r(geos(), tri);
        const GEOSCoordSequence* seq = ring ? GEOSGeom_getCoordSeq_r(geos(), ring) : nullptr;
        if (!seq) continue;
        for (unsigned v = 0; v < 3; ++v) {
            Point p;
            GEOSCoordSeq_getXY_r(geos(), seq, v, &p.x, &p.y);
            out.push_back(p);
        }
    }
    return Triangulation::ConstrainedDelaunay;
}

std::vector<Point> triangulate_feature(const MultiPolygonColumn& col, std::size_t f) {
    std::vector<Point> out;
    for (std::size_t k = 0; k < col.polygon_count(f); ++k) triangulate_polygon(col, f, k, out);
    return out;
}

}  // namespace parkcap::geom
