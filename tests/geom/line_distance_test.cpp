// LineDistance::within with the query's box (issue 17): the audit's shortcut past
// GEOS's "within N metres of the shoreline" for parcels whose box is far from every
// stretch of it. It must give GEOS's answer for every geometry: checked against
// GEOSPreparedDistanceWithin on random irregular polygons around a winding river
// in zone-prefixed coordinates, many of them a hair inside or outside the limit,
// polygons around a whole line (distance 0 with no facet near) and empty ones.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "../../engine/src/geom/detail/line_distance.hpp"

using namespace parkcap::geom;
using namespace parkcap::geom::detail;

namespace {

struct SplitMix {  // the same numbers on every platform
    uint64_t s;
    double uniform() {  // in [0, 1)
        uint64_t z = (s += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        z ^= z >> 31;
        return static_cast<double>(z >> 11) / 9007199254740992.0;
    }
};

constexpr double kX0 = 40500000.0, kY0 = 3600000.0;  // zone-prefixed eastings, as the working CRS has

/// A river meandering east over 20 km, a vertex every ~100 m, cut into pieces of
/// varied length (as shoreline segments are).
std::vector<std::vector<Point>> river() {
    std::vector<Point> all;
    for (int k = 0; k <= 200; ++k) {
        const double x = k * 100.0;
        all.push_back({kX0 + x, kY0 + 1500 * std::sin(x / 1700) + 400 * std::sin(x / 430)});
    }
    std::vector<std::vector<Point>> parts;
    for (std::size_t at = 0, len = 3; at + 1 < all.size(); at += len - 1, len = 3 + (at * 7) % 40)
        parts.emplace_back(all.begin() + static_cast<long>(at), all.begin() + static_cast<long>(std::min(all.size(), at + len)));
    return parts;
}

/// An irregular star-shaped polygon (5-8 vertices, sometimes concave) around c.
std::vector<Point> polygon_around(Point c, double radius, SplitMix& rng) {
    const int n = 5 + static_cast<int>(rng.uniform() * 4);
    std::vector<Point> ring;
    for (int k = 0; k < n; ++k) {
        const double a = 2 * M_PI * (k + 0.3 * rng.uniform()) / n;
        const double r = radius * (0.4 + 0.6 * rng.uniform());
        ring.push_back({c.x + r * std::cos(a), c.y + r * std::sin(a)});
    }
    ring.push_back(ring.front());
    return ring;
}

Box box_of(const std::vector<Point>& ring) {
    Box b = Box::empty();
    for (const Point& p : ring) b.expand({p.x, p.y, p.x, p.y});
    return b;
}

GeosPtr polygon(const std::vector<Point>& ring) { return make_polygon({ring}); }

}  // namespace

TEST_CASE("line distance: the box shortcut answers as GEOS does, near and far", "[geom][audit][shoreline]") {
    const auto parts = river();
    std::vector<std::span<const Point>> spans(parts.begin(), parts.end());
    const LineDistance lines(spans);
    const double limit = 1000.0;
    SplitMix rng{17};
    int within = 0, near_limit = 0, far = 0;
    for (int k = 0; k < 4000; ++k) {
        // Centres over the river's whole band and well beyond it.
        const Point c{kX0 - 3000 + rng.uniform() * 26000, kY0 - 6000 + rng.uniform() * 12000};
        auto ring = polygon_around(c, 20 + rng.uniform() * 300, rng);
        GeosPtr g = polygon(ring);
        REQUIRE(g);
        // Every other polygon is moved so that its distance is the limit within a
        // hair: the cases a wrong margin or a wrong sign gets wrong.
        if (k % 2 == 1) {
            double d = lines.distance(g.get());
            const double target = limit + (rng.uniform() - 0.5) * 2e-6 * (k % 4 == 1 ? 1 : 1e6);
            if (d > 0 && d < 5000) {
                // Move the polygon straight away from (or towards) the line, in y,
                // then by the remaining difference until it lands near the target.
                for (int step = 0; step < 40 && std::abs(d - target) > 1e-7; ++step) {
                    const double dy = (target - d) * (c.y > kY0 + 1500 * std::sin((c.x - kX0) / 1700) ? 1 : -1);
                    for (Point& p : ring) p.y += dy;
                    g = polygon(ring);
                    d = lines.distance(g.get());
                }
                if (std::abs(d - limit) < 1e-3) ++near_limit;
            }
        }
        const bool geos = lines.within(g.get(), limit);
        INFO("polygon " << k << " at " << c.x << ", " << c.y);
        CHECK(lines.within(g.get(), box_of(ring), limit) == geos);
        within += geos;
        const Box b = box_of(ring);
        if (b.max_y < kY0 - 5000 || b.min_y > kY0 + 5000) ++far;
    }
    // The sample covers both answers and the hard cases.
    CHECK(within > 400);
    CHECK(far > 400);
    CHECK(near_limit > 200);
}

TEST_CASE("line distance: a polygon round a whole line is within any distance; empty geometry never", "[geom][shoreline]") {
    const std::vector<Point> line{{kX0 + 100, kY0 + 100}, {kX0 + 200, kY0 + 120}, {kX0 + 300, kY0 + 100}};
    const std::vector<std::span<const Point>> spans{line};
    const LineDistance lines(spans);
    // 5 km across, the line in its middle: every facet of the polygon is ~2 km away.
    const std::vector<Point> big{{kX0 - 2300, kY0 - 2400}, {kX0 + 2700, kY0 - 2400}, {kX0 + 2700, kY0 + 2600},
                                 {kX0 - 2300, kY0 + 2600}, {kX0 - 2300, kY0 - 2400}};
    GeosPtr g = polygon(big);
    REQUIRE(lines.within(g.get(), 10.0));
    CHECK(lines.within(g.get(), box_of(big), 10.0));
    GeosPtr empty(GEOSGeom_createEmptyPolygon_r(geos()));
    CHECK_FALSE(lines.within(empty.get(), Box::empty(), 1e9));
    const LineDistance none(std::span<const std::span<const Point>>{});
    CHECK_FALSE(none.within(g.get(), box_of(big), 1e9));
}

TEST_CASE("line distance: a polygon holding a whole line is at distance 0, as PostGIS says", "[geom][shoreline]") {
    // GEOS's facet distance alone gives the distance to the polygon's edges (~2.4 km).
    const std::vector<Point> line{{kX0 + 100, kY0 + 100}, {kX0 + 200, kY0 + 120}, {kX0 + 300, kY0 + 100}};
    const std::vector<Point> far{{kX0 + 9000, kY0}, {kX0 + 9100, kY0}};
    const std::vector<std::span<const Point>> spans{line, far};
    const LineDistance lines(spans);
    const std::vector<Point> big{{kX0 - 2300, kY0 - 2400}, {kX0 + 2700, kY0 - 2400}, {kX0 + 2700, kY0 + 2600},
                                 {kX0 - 2300, kY0 + 2600}, {kX0 - 2300, kY0 - 2400}};
    GeosPtr g = polygon(big);
    CHECK(lines.distance(g.get()) == 0);
    // With a hole round the line the line is outside: the distance to the hole's edges.
    GeosPtr holed = make_polygon({big, {{kX0 + 50, kY0 + 50}, {kX0 + 350, kY0 + 50}, {kX0 + 350, kY0 + 150},
                                        {kX0 + 50, kY0 + 150}, {kX0 + 50, kY0 + 50}}});
    CHECK(lines.distance(holed.get()) == Approx(30.0).margin(1e-6));  // (200, 120) to the hole's top edge
    // Beside the line, not round it: the plain distance.
    GeosPtr beside = polygon({{kX0 + 100, kY0 + 200}, {kX0 + 300, kY0 + 200}, {kX0 + 300, kY0 + 300},
                              {kX0 + 100, kY0 + 300}, {kX0 + 100, kY0 + 200}});
    CHECK(lines.distance(beside.get()) == Approx(80.0).margin(1e-6));
}
