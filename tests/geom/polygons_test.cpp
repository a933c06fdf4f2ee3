// MultiPolygonColumn: areas and centroids against values worked out by hand,
// precision with zone-prefixed eastings, and abandoning a half-built feature.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "parkcap/geom/polygons.hpp"

using parkcap::geom::Box;
using parkcap::geom::MultiPolygonColumn;
using parkcap::geom::Point;
using parkcap::geom::signed_ring_area;

namespace {

using Ring = std::vector<Point>;

/// Closed ring of an axis-aligned rectangle, counter-clockwise unless `cw`.
Ring rect(double x0, double y0, double x1, double y1, bool cw = false) {
    Ring r{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}};
    if (cw) std::reverse(r.begin(), r.end());
    return r;
}

Ring shifted(Ring r, double dx, double dy) {
    for (auto& p : r) {
        p.x += dx;
        p.y += dy;
    }
    return r;
}

Ring reversed(Ring r) {
    std::reverse(r.begin(), r.end());
    return r;
}

/// Appends one feature of polygons, each a list of rings (exterior first).
void add(MultiPolygonColumn& col, const std::vector<std::vector<Ring>>& polygons) {
    col.begin_feature();
    for (const auto& rings : polygons) {
        col.begin_polygon();
        for (const auto& r : rings) col.add_ring(r);
    }
    col.end_feature();
}

// An L of a 4x1 foot and a 1x2 stem: area 6, centroid ((4*2 + 2*0.5)/6, (4*0.5 + 2*2)/6) = (1.5, 1).
const Ring kL{{0, 0}, {4, 0}, {4, 1}, {1, 1}, {1, 3}, {0, 3}, {0, 0}};

}  // namespace

TEST_CASE("geom: signed ring area is positive counter-clockwise and negative clockwise", "[geom]") {
    CHECK(signed_ring_area(rect(0, 0, 3, 2)) == Approx(6));
    CHECK(signed_ring_area(rect(0, 0, 3, 2, true)) == Approx(-6));
    CHECK(signed_ring_area(kL) == Approx(6));
    CHECK(signed_ring_area(Ring{{0, 0}, {1, 0}, {0, 0}}) == 0);  // fewer than 4 points: no area
}

TEST_CASE("geom: a square with a hole", "[geom]") {
    // 10x10 minus 2x2 at (2..4, 2..4): area 96; centroid (100*5 - 4*3) / 96 on both axes.
    const double c = (100.0 * 5 - 4.0 * 3) / 96;
    for (const bool hole_cw : {true, false}) {  // holes count negatively whatever their orientation
        for (const bool shell_cw : {true, false}) {
            INFO("shell " << (shell_cw ? "cw" : "ccw") << ", hole " << (hole_cw ? "cw" : "ccw"));
            MultiPolygonColumn col;
            add(col, {{rect(0, 0, 10, 10, shell_cw), rect(2, 2, 4, 4, hole_cw)}});
            REQUIRE(col.size() == 1);
            CHECK(col.polygon_count(0) == 1);
            CHECK(col.ring_end(0, 0) - col.ring_begin(0, 0) == 2);
            CHECK(col.area(0) == Approx(96));
            CHECK(col.centroid(0).x == Approx(c));
            CHECK(col.centroid(0).y == Approx(c));
            const Box b = col.bounds(0);
            CHECK(b.min_x == 0);
            CHECK(b.max_y == 10);
        }
    }
}

TEST_CASE("geom: an L-shape, whose centroid lies outside it", "[geom]") {
    for (const bool cw : {false, true}) {
        MultiPolygonColumn col;
        add(col, {{cw ? reversed(kL) : kL}});
        CHECK(col.area(0) == Approx(6));
        CHECK(col.centroid(0).x == Approx(1.5));
        CHECK(col.centroid(0).y == Approx(1.0));
    }
}

TEST_CASE("geom: a multipolygon's area is the sum of its parts, its centroid area-weighted", "[geom]") {
    // [0,1]^2 (area 1, centroid 0.5,0.5) and [3,5]x[0,2] (area 4, centroid 4,1).
    MultiPolygonColumn col;
    add(col, {{rect(0, 0, 1, 1)}, {rect(3, 0, 5, 2, true)}});
    CHECK(col.polygon_count(0) == 2);
    CHECK(col.area(0) == Approx(5));
    CHECK(col.centroid(0).x == Approx((0.5 * 1 + 4 * 4) / 5.0));
    CHECK(col.centroid(0).y == Approx((0.5 * 1 + 1 * 4) / 5.0));
    const Box b = col.bounds(0);
    CHECK(b.min_x == 0);
    CHECK(b.min_y == 0);
    CHECK(b.max_x == 5);
    CHECK(b.max_y == 2);
}

TEST_CASE("geom: areas and centroids keep millimetre precision at zone-prefixed eastings", "[geom]") {
    // 40,500,000 m east, 3,600,000 m north: x*y products near 1.5e14 lose about
    // 0.03 m² to rounding in a naive shoelace. Small parcels must not.
    const double e = 40'500'000.123, n = 3'600'000.456;
    MultiPolygonColumn col;
    add(col, {{shifted(rect(0, 0, 12.34, 5.67), e, n)}});
    add(col, {{shifted(rect(0, 0, 10, 10), e, n), shifted(rect(2, 2, 4, 4, true), e, n)}});
    add(col, {{shifted(kL, e, n)}});
    add(col, {{shifted(rect(0, 0, 1, 1), e, n)}, {shifted(rect(3, 0, 5, 2), e, n)}});
    CHECK(col.area(0) == Approx(12.34 * 5.67).epsilon(1e-9));
    CHECK(col.centroid(0).x == Approx(e + 6.17).margin(1e-6));
    CHECK(col.centroid(0).y == Approx(n + 2.835).margin(1e-6));
    CHECK(col.area(1) == Approx(96).epsilon(1e-9));
    CHECK(col.centroid(1).x == Approx(e + 488.0 / 96).margin(1e-6));
    CHECK(col.area(2) == Approx(6).epsilon(1e-9));
    CHECK(col.centroid(2).x == Approx(e + 1.5).margin(1e-6));
    CHECK(col.centroid(2).y == Approx(n + 1.0).margin(1e-6));
    CHECK(col.area(3) == Approx(5).epsilon(1e-9));
    CHECK(col.centroid(3).x == Approx(e + 3.3).margin(1e-6));
    CHECK(col.centroid(3).y == Approx(n + 0.9).margin(1e-6));
    CHECK(signed_ring_area(shifted(rect(0, 0, 0.1, 0.1), e, n)) == Approx(0.01).epsilon(1e-6));
}

TEST_CASE("geom: abandon_feature drops the half-built feature and nothing else", "[geom]") {
    MultiPolygonColumn col;
    add(col, {{rect(0, 0, 2, 2)}});  // feature 0: area 4, 5 points
    const std::size_t points_after_first = col.point_count();

    // A record rejected half-way: two polygons, one with a hole, then abandoned.
    col.begin_feature();
    col.begin_polygon();
    col.add_ring(rect(10, 10, 20, 20));
    col.add_ring(rect(12, 12, 14, 14, true));
    col.begin_polygon();
    col.add_ring(rect(30, 30, 31, 31));
    col.abandon_feature();
    CHECK(col.size() == 1);
    CHECK(col.point_count() == points_after_first);

    // Abandoning a feature that has no polygon yet is harmless too.
    col.begin_feature();
    col.abandon_feature();
    CHECK(col.size() == 1);

    add(col, {{rect(5, 5, 8, 6)}, {rect(0, 10, 1, 11)}});  // feature 1: area 3 + 1
    REQUIRE(col.size() == 2);
    CHECK(col.polygon_count(1) == 2);
    CHECK(col.ring_end(1, 0) - col.ring_begin(1, 0) == 1);
    CHECK(col.area(0) == Approx(4));
    CHECK(col.area(1) == Approx(4));
    CHECK(col.centroid(1).x == Approx((3 * 6.5 + 1 * 0.5) / 4));
    CHECK(col.centroid(1).y == Approx((3 * 5.5 + 1 * 10.5) / 4));
    CHECK(col.point_count() == points_after_first + 10);
    const auto first_ring = col.ring(col.ring_begin(1, 0));
    REQUIRE(first_ring.size() == 5);
    CHECK(first_ring[0].x == 5);
    CHECK(first_ring[0].y == 5);
}

TEST_CASE("geom: abandon_feature on an empty column leaves it usable", "[geom]") {
    MultiPolygonColumn col;
    col.begin_feature();
    col.begin_polygon();
    col.add_ring(rect(0, 0, 1, 1));
    col.abandon_feature();
    CHECK(col.size() == 0);
    CHECK(col.point_count() == 0);
    add(col, {{rect(0, 0, 3, 3)}});
    CHECK(col.size() == 1);
    CHECK(col.area(0) == Approx(9));
}

TEST_CASE("geom: an empty feature has no area and an empty box", "[geom]") {
    MultiPolygonColumn col;
    col.begin_feature();
    col.end_feature();
    CHECK(col.size() == 1);
    CHECK(col.polygon_count(0) == 0);
    CHECK(col.area(0) == 0);
    CHECK(col.bounds(0).is_empty());
    // No polygon, no centroid (and no read past the ring offsets).
    CHECK(std::isnan(col.centroid(0).x));
    CHECK(std::isnan(col.centroid(0).y));
    add(col, {{rect(0, 0, 2, 2)}});
    CHECK(col.centroid(1).x == Approx(1));
    Box b = Box::empty();
    b.expand({1, 2, 3, 4});
    CHECK_FALSE(b.is_empty());
    CHECK(b.contains({2, 3}));
    CHECK_FALSE(b.contains({0, 3}));
}
