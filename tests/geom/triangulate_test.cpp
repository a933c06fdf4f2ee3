// Triangulation: every polygon's triangles cover exactly its area (holes left
// open, concave shapes not spilled), the invariant earcut.hpp's tests check, on
// in-memory geometry.
#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "support/polygon_builder.hpp"

#include "parkcap/geom/triangulate.hpp"

using parkcap::geom::MultiPolygonColumn;
using parkcap::geom::Point;
using parkcap::test::add_polygon;

namespace {

double triangles_area(const std::vector<Point>& t) {
    double a = 0;
    for (std::size_t i = 0; i + 2 < t.size(); i += 3)
        a += 0.5 * std::fabs((t[i + 1].x - t[i].x) * (t[i + 2].y - t[i].y) - (t[i + 2].x - t[i].x) * (t[i + 1].y - t[i].y));
    return a;
}

/// Is p inside the triangle list (any triangle)?
bool covered(const std::vector<Point>& t, Point p) {
    for (std::size_t i = 0; i + 2 < t.size(); i += 3) {
        auto side = [&](Point a, Point b) { return (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x); };
        const double d1 = side(t[i], t[i + 1]), d2 = side(t[i + 1], t[i + 2]), d3 = side(t[i + 2], t[i]);
        if ((d1 >= 0 && d2 >= 0 && d3 >= 0) || (d1 <= 0 && d2 <= 0 && d3 <= 0)) return true;
    }
    return false;
}

constexpr double X = parkcap::test::kGkX, Y = parkcap::test::kGkY;

}  // namespace

TEST_CASE("geom: a convex parcel is fanned and its triangles sum to its area", "[geom][triangulate]") {
    MultiPolygonColumn col;
    col.begin_feature();
    add_polygon(col, {{{X, Y}, {X + 100, Y}, {X + 130, Y + 60}, {X + 100, Y + 100}, {X, Y + 100}}});
    col.end_feature();
    const auto t = parkcap::geom::triangulate_feature(col, 0);
    CHECK(t.size() == 9);
    CHECK(triangles_area(t) == Approx(col.area(0)).epsilon(1e-9));
}

TEST_CASE("geom: a concave L-shaped parcel is triangulated inside its outline", "[geom][triangulate]") {
    MultiPolygonColumn col;
    col.begin_feature();
    add_polygon(col, {{{X, Y}, {X + 200, Y}, {X + 200, Y + 50}, {X + 50, Y + 50}, {X + 50, Y + 200}, {X, Y + 200}}});
    col.end_feature();
    const auto t = parkcap::geom::triangulate_feature(col, 0);
    CHECK(triangles_area(t) == Approx(col.area(0)).epsilon(1e-9));
    CHECK_FALSE(covered(t, {X + 150, Y + 150}));  // the notch stays empty
    CHECK(covered(t, {X + 25, Y + 150}));
}

TEST_CASE("geom: a parcel with a hole leaves the hole open", "[geom][triangulate]") {
    MultiPolygonColumn col;
    col.begin_feature();
    add_polygon(col, {{{X, Y}, {X + 100, Y}, {X + 100, Y + 100}, {X, Y + 100}},
                      {{X + 40, Y + 40}, {X + 40, Y + 60}, {X + 60, Y + 60}, {X + 60, Y + 40}}});
    col.end_feature();
    const auto t = parkcap::geom::triangulate_feature(col, 0);
    CHECK(col.area(0) == Approx(10000 - 400));
    CHECK(triangles_area(t) == Approx(col.area(0)).epsilon(1e-9));
    CHECK_FALSE(covered(t, {X + 50, Y + 50}));
    CHECK(covered(t, {X + 10, Y + 50}));
}
