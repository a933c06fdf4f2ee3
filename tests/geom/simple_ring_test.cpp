// ring_is_certainly_simple: the loader's shortcut past GEOS's validity check.
// It may say "not sure" about a valid ring, but must never call an invalid ring
// simple: checked on hand-made cases and against GEOS on random near-degenerate
// rings (collinear runs, grid-snapped touches, zone-prefixed eastings).
#include <catch2/catch.hpp>

#include <geos_c.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "parkcap/geom/polygons.hpp"

using parkcap::geom::Point;
using parkcap::geom::ring_is_certainly_simple;

namespace {

using Ring = std::vector<Point>;

bool geos_valid(GEOSContextHandle_t h, const Ring& r) {
    GEOSCoordSequence* seq =
        GEOSCoordSeq_copyFromBuffer_r(h, reinterpret_cast<const double*>(r.data()), static_cast<unsigned>(r.size()), 0, 0);
    GEOSGeometry* ring = seq ? GEOSGeom_createLinearRing_r(h, seq) : nullptr;
    if (!ring) return false;
    GEOSGeometry* poly = GEOSGeom_createPolygon_r(h, ring, nullptr, 0);
    const bool valid = GEOSisValid_r(h, poly) == 1;
    GEOSGeom_destroy_r(h, poly);
    return valid;
}

struct SplitMix {  // the same numbers on every platform
    uint64_t s;
    double uniform() {  // in [-1, 1)
        uint64_t z = (s += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        z ^= z >> 31;
        return 2.0 * static_cast<double>(z >> 11) / 9007199254740992.0 - 1.0;
    }
};

}  // namespace

TEST_CASE("simple rings are recognised; invalid ones never are", "[geom][scale]") {
    const double x0 = 40500000.0, y0 = 3600000.0;  // zone-prefixed, as parcels are
    CHECK(ring_is_certainly_simple(Ring{{x0, y0}, {x0 + 30, y0}, {x0 + 31, y0 + 20}, {x0 - 1, y0 + 21}, {x0, y0}}));
    // Concave but simple (an L), clockwise.
    CHECK(ring_is_certainly_simple(Ring{{0, 0}, {0, 2}, {1, 2}, {1, 1}, {2, 1}, {2, 0}, {0, 0}}));
    // A vertex in the middle of a straight edge is fine.
    CHECK(ring_is_certainly_simple(Ring{{0, 0}, {1, 0}, {2, 0}, {2, 2}, {0, 2}, {0, 0}}));

    CHECK_FALSE(ring_is_certainly_simple(Ring{{0, 0}, {2, 2}, {2, 0}, {0, 2}, {0, 0}}));          // bow-tie
    CHECK_FALSE(ring_is_certainly_simple(Ring{{0, 0}, {1, 0}, {1, 0}, {1, 1}, {0, 0}}));          // repeated point
    CHECK_FALSE(ring_is_certainly_simple(Ring{{0, 0}, {2, 0}, {1, 0}, {1, 1}, {0, 0}}));          // edge doubles back
    CHECK_FALSE(ring_is_certainly_simple(Ring{{0, 0}, {1, 0}, {2, 0}, {0, 0}}));                  // all collinear
    CHECK_FALSE(ring_is_certainly_simple(Ring{{0, 0}, {4, 0}, {4, 4}, {2, 0}, {0, 4}, {0, 0}}));  // touches itself
    CHECK_FALSE(ring_is_certainly_simple(Ring{{0, 0}, {1, 0}, {1, 1}, {0, 0}, {-1, 1}, {-1, 0}, {0, 0}}));  // figure eight
    CHECK_FALSE(ring_is_certainly_simple(Ring{{0, 0}, {1, 0}, {1, 1}}));                          // not closed
    CHECK_FALSE(ring_is_certainly_simple(Ring{{0, 0}, {1, 0}, {0, 0}}));                          // too few points
    const double nan = std::numeric_limits<double>::quiet_NaN();
    CHECK_FALSE(ring_is_certainly_simple(Ring{{0, 0}, {1, nan}, {1, 1}, {0, 1}, {0, 0}}));
}

TEST_CASE("ring_is_certainly_simple never disagrees with GEOS on random near-degenerate rings", "[geom][scale]") {
    GEOSContextHandle_t h = GEOS_init_r();
    SplitMix rng{2026};
    int simple = 0, valid = 0, wrong = 0;
    for (int t = 0; t < 60000; ++t) {
        const int k = 3 + static_cast<int>((rng.uniform() + 1) * 3);  // 3..8 vertices
        const double bx = t % 3 == 0 ? 40500000.0 : 0.0, by = 3500000.0;
        Ring r;
        for (int i = 0; i < k; ++i) {
            Point p{bx + rng.uniform() * 10, by + rng.uniform() * 10};
            if (t % 4 == 1) p = {bx + std::round(rng.uniform() * 2), by + std::round(rng.uniform() * 2)};  // touches
            if (t % 5 == 2 && i >= 2) {  // on the line through the previous two vertices
                const double s = rng.uniform() * 1.5;
                p = {r[i - 2].x + (r[i - 1].x - r[i - 2].x) * s, r[i - 2].y + (r[i - 1].y - r[i - 2].y) * s};
            }
            r.push_back(p);
        }
        r.push_back(r.front());
        const bool s = ring_is_certainly_simple(r), v = geos_valid(h, r);
        simple += s;
        valid += v;
        if (s && !v) ++wrong;
    }
    GEOS_finish_r(h);
    CHECK(wrong == 0);
    // The shortcut is worth having: it recognises most of the valid rings.
    CHECK(simple > valid * 9 / 10);
}
