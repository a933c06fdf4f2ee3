// The viewer's parcel mesh: every parcel's triangles in one tile, the tiles
// covering the vertex array, and the areas kept (the triangulation itself is the
// engine's, tested in tests/geom/triangulate_test.cpp).
#ifdef PARKCAP_VIEWER_EXE
#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "support/polygon_builder.hpp"

#include "mesh.hpp"

using parkcap::geom::MultiPolygonColumn;
using parkcap::geom::Point;
using parkcap::test::add_polygon;

namespace {

constexpr double X = parkcap::test::kGkX, Y = parkcap::test::kGkY;

}  // namespace

TEST_CASE("viewer: the mesh of many parcels keeps every area and tiles every parcel once", "[viewer][mesh]") {
    MultiPolygonColumn col;
    int n = 0;
    for (int i = 0; i < 60; ++i)
        for (int j = 0; j < 60; ++j, ++n) {
            const double x = X + i * 120, y = Y + j * 120;
            col.begin_feature();
            if (n % 7 == 0)  // some L shapes
                add_polygon(col, {{{x, y}, {x + 100, y}, {x + 100, y + 40}, {x + 40, y + 40}, {x + 40, y + 100}, {x, y + 100}}});
            else if (n % 11 == 0)  // some with holes
                add_polygon(col, {{{x, y}, {x + 100, y}, {x + 100, y + 100}, {x, y + 100}},
                                  {{x + 30, y + 30}, {x + 30, y + 70}, {x + 70, y + 70}, {x + 70, y + 30}}});
            else if (n % 13 == 0) {  // some two-part parcels
                add_polygon(col, {{{x, y}, {x + 40, y}, {x + 40, y + 100}, {x, y + 100}}});
                add_polygon(col, {{{x + 60, y}, {x + 100, y}, {x + 100, y + 100}, {x + 60, y + 100}}});
            } else
                add_polygon(col, {{{x, y}, {x + 100, y}, {x + 100, y + 100}, {x, y + 100}}});
            col.end_feature();
        }
    const parkcap::viewer::ParcelMesh mesh = parkcap::viewer::build_parcel_mesh(col, 2);
    CHECK(mesh.stats.parcels == 3600);
    CHECK(mesh.stats.failed_polygons == 0);
    CHECK(mesh.stats.geos_polygons > 0);
    CHECK(mesh.stats.fan_polygons > 0);
    CHECK(mesh.stats.triangle_area_m2 == Approx(mesh.stats.area_m2).epsilon(1e-7));
    // Every parcel's triangles sit in exactly one tile and the tiles cover the vertex array.
    std::vector<int> seen(3600, 0);
    uint32_t next = 0;
    for (const auto& tile : mesh.tiles) {
        CHECK(tile.fill_first == next);
        next += tile.fill_count;
        for (uint32_t v = tile.fill_first; v < tile.fill_first + tile.fill_count; v += 3) {
            const uint32_t f = mesh.fill[v].feature;
            CHECK(mesh.fill[v + 1].feature == f);
            ++seen[f];
        }
        // Level-of-detail prefixes shrink as the minimum size grows.
        for (std::size_t k = 1; k < tile.fill_count_at.size(); ++k) CHECK(tile.fill_count_at[k] <= tile.fill_count_at[k - 1]);
        CHECK(tile.fill_count_at[0] == tile.fill_count);           // every parcel is at least 1 m across
        CHECK(tile.fill_count_at[7] == 0);                         // none is 128 m across
    }
    CHECK(next == mesh.fill.size());
    for (int f = 0; f < 3600; ++f) CHECK(seen[f] >= 2);
}
#endif
