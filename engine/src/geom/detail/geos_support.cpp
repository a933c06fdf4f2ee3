#include "geos_support.hpp"

#include <cstdarg>
#include <cstdio>

namespace parkcap::geom::detail {

namespace {
// GEOS reports notices through these; the engine turns real problems into Issues
// itself, so they are not printed.
void quiet_handler(const char*, void*) {}

struct ThreadContext {
    GEOSContextHandle_t handle = GEOS_init_r();
    ThreadContext() {
        GEOSContext_setNoticeMessageHandler_r(handle, quiet_handler, nullptr);
        GEOSContext_setErrorMessageHandler_r(handle, quiet_handler, nullptr);
    }
    ~ThreadContext() { GEOS_finish_r(handle); }
};

GEOSGeometry* make_ring(std::span<const Point> pts) {
    GEOSCoordSequence* seq = GEOSCoordSeq_copyFromBuffer_r(geos(), reinterpret_cast<const double*>(pts.data()),
                                                           static_cast<unsigned>(pts.size()), 0, 0);
    if (!seq) return nullptr;
    return GEOSGeom_createLinearRing_r(geos(), seq);
}

GEOSGeometry* polygon_from(std::span<const std::span<const Point>> rings) {
    if (rings.empty()) return nullptr;
    GEOSGeometry* shell = make_ring(rings[0]);
    if (!shell) return nullptr;
    std::vector<GEOSGeometry*> holes;
    for (std::size_t i = 1; i < rings.size(); ++i) {
        GEOSGeometry* h = make_ring(rings[i]);
        if (!h) {
            GEOSGeom_destroy_r(geos(), shell);
            for (auto* x : holes) GEOSGeom_destroy_r(geos(), x);
            return nullptr;
        }
        holes.push_back(h);
    }
    return GEOSGeom_createPolygon_r(geos(), shell, holes.data(), static_cast<unsigned>(holes.size()));
}

void append_polygon(const GEOSGeometry* poly, MultiPolygonColumn& column) {
    column.begin_polygon();
    std::vector<Point> buf;
    auto add = [&](const GEOSGeometry* ring) {
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(geos(), ring);
        unsigned n = 0;
        GEOSCoordSeq_getSize_r(geos(), seq, &n);
        buf.resize(n);
        GEOSCoordSeq_copyToBuffer_r(geos(), seq, reinterpret_cast<double*>(buf.data()), 0, 0);
        column.add_ring(buf);
    };
    add(GEOSGetExteriorRing_r(geos(), poly));
    const int holes = GEOSGetNumInteriorRings_r(geos(), poly);
    for (int i = 0; i < holes; ++i) add(GEOSGetInteriorRingN_r(geos(), poly, i));
}
}  // namespace

GEOSContextHandle_t geos() {
    thread_local ThreadContext ctx;
    return ctx.handle;
}

GeosPtr make_polygon(const std::vector<std::vector<Point>>& rings) {
    std::vector<std::span<const Point>> spans(rings.begin(), rings.end());
    return GeosPtr(polygon_from(spans));
}

GeosPtr make_multipolygon(const MultiPolygonColumn& column, std::size_t f) {
    std::vector<GEOSGeometry*> polys;
    for (std::size_t k = 0; k < column.polygon_count(f); ++k) {
        std::vector<std::span<const Point>> rings;
        for (std::size_t r = column.ring_begin(f, k); r < column.ring_end(f, k); ++r) rings.push_back(column.ring(r));
        if (GEOSGeometry* p = polygon_from(rings)) polys.push_back(p);
    }
    return GeosPtr(GEOSGeom_createCollection_r(geos(), GEOS_MULTIPOLYGON, polys.data(),
                                               static_cast<unsigned>(polys.size())));
}

GeosPtr make_linestring(std::span<const Point> points) {
    GEOSCoordSequence* seq = GEOSCoordSeq_copyFromBuffer_r(geos(), reinterpret_cast<const double*>(points.data()),
                                                           static_cast<unsigned>(points.size()), 0, 0);
    return GeosPtr(seq ? GEOSGeom_createLineString_r(geos(), seq) : nullptr);
}

GeosPtr make_point(Point p) { return GeosPtr(GEOSGeom_createPointFromXY_r(geos(), p.x, p.y)); }

std::size_t append_polygonal(const GEOSGeometry* g, MultiPolygonColumn& column) {
    if (!g || GEOSisEmpty_r(geos(), g)) return 0;
    switch (GEOSGeomTypeId_r(geos(), g)) {
    case GEOS_POLYGON:
        append_polygon(g, column);
        return 1;
    case GEOS_MULTIPOLYGON:
    case GEOS_GEOMETRYCOLLECTION: {
        std::size_t n = 0;
        const int parts = GEOSGetNumGeometries_r(geos(), g);
        for (int i = 0; i < parts; ++i) n += append_polygonal(GEOSGetGeometryN_r(geos(), g, i), column);
        return n;
    }
    default:
        return 0;
    }
}

std::string invalid_reason(const GEOSGeometry* g) {
    char* r = GEOSisValidReason_r(geos(), g);
    std::string s = r ? r : "invalid";
    GEOSFree_r(geos(), r);
    return s;
}

GeosPtr make_valid_polygonal(const GEOSGeometry* g) {
    GEOSMakeValidParams* params = GEOSMakeValidParams_create_r(geos());
    GEOSMakeValidParams_setMethod_r(geos(), params, GEOS_MAKE_VALID_STRUCTURE);
    GEOSMakeValidParams_setKeepCollapsed_r(geos(), params, 0);
    GeosPtr fixed(GEOSMakeValidWithParams_r(geos(), g, params));
    GEOSMakeValidParams_destroy_r(geos(), params);
    return fixed;
}

}  // namespace parkcap::geom::detail
