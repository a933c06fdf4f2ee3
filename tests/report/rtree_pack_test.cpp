// The GeoPackage spatial index parkcap packs itself (engine/src/report/gpkg_rtree.cpp):
// on a table GDAL wrote without one, for fids that run 1..n (the writer's tables) and
// for fids with gaps (a table edited since), deep enough for three levels of nodes.
// Read back through GDAL's SQLite: SQLite's own checker, the rowid and parent
// tables, and window queries on the index against the test's own boxes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <fmt/format.h>

#include "../../engine/src/report/gpkg_rtree.hpp"
#include "parkcap/core/gdal.hpp"
#include "support/fixtures.hpp"
#include "support/gdal_sql.hpp"

using namespace parkcap;
using report::detail::RTreeEntry;

namespace {

struct Square {
    int64_t fid;
    double x, y, side;
};

/// Deterministic squares scattered over 20 km in zone-prefixed coordinates (where
/// a float's step is a few metres: the rounding outwards matters).
std::vector<Square> squares(std::size_t n, bool sparse_fids) {
    std::vector<Square> out;
    uint64_t state = 88172645463325252ull;
    auto next = [&] {
        state ^= state << 13, state ^= state >> 7, state ^= state << 17;
        return static_cast<double>(state % 1'000'000) / 1'000'000.0;
    };
    for (std::size_t i = 0; i < n; ++i) {
        const int64_t fid = sparse_fids ? 1000 + 37 * static_cast<int64_t>(i) : static_cast<int64_t>(i) + 1;
        out.push_back({fid, 40'500'000 + 20'000 * next(), 3'500'000 + 20'000 * next(), 5 + 200 * next()});
    }
    return out;
}

void write_table(const std::string& path, const std::vector<Square>& rows) {
    GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
    REQUIRE(gpkg);
    GDALDatasetUniquePtr ds(gpkg->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    REQUIRE(ds);
    OGRSpatialReference srs;
    srs.importFromEPSG(4528);
    const char* options[] = {"SPATIAL_INDEX=NO", "GEOMETRY_NAME=geom", nullptr};
    OGRLayer* layer = ds->CreateLayer("boxes", &srs, wkbPolygon, const_cast<char**>(options));
    REQUIRE(layer);
    REQUIRE(layer->StartTransaction() == OGRERR_NONE);
    for (const Square& s : rows) {
        OGRFeature f(layer->GetLayerDefn());
        f.SetFID(s.fid);
        OGRLinearRing ring;
        ring.addPoint(s.x, s.y);
        ring.addPoint(s.x + s.side, s.y);
        ring.addPoint(s.x + s.side, s.y + s.side);
        ring.addPoint(s.x, s.y + s.side);
        ring.closeRings();
        OGRPolygon polygon;
        polygon.addRing(&ring);
        f.SetGeometry(&polygon);
        REQUIRE(layer->CreateFeature(&f) == OGRERR_NONE);
    }
    REQUIRE(layer->CommitTransaction() == OGRERR_NONE);
}

using parkcap::test::sql_integer;
using parkcap::test::sql_text;

std::vector<int64_t> sql_ids(GDALDataset& ds, const std::string& sql) {
    OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    REQUIRE(result);
    std::vector<int64_t> ids;
    for (OGRFeatureUniquePtr f(result->GetNextFeature()); f; f.reset(result->GetNextFeature())) ids.push_back(f->GetFieldAsInteger64(0));
    ds.ReleaseResultSet(result);
    std::sort(ids.begin(), ids.end());
    return ids;
}

void check_index(bool sparse_fids) {
    // 51 cells a node at 4 KiB pages: 3,000 boxes make 59 leaves, 2 nodes above, a root.
    const std::size_t n = 3000;
    const auto rows = squares(n, sparse_fids);
    const test::ScratchDir scratch(sparse_fids ? "rtree_pack_sparse" : "rtree_pack_dense");
    const std::string path = scratch / "boxes.gpkg";
    write_table(path, rows);

    report::detail::SpatialIndexJob job{"boxes", "geom", "fid", {}};
    report::detail::TableTotals totals{"boxes", static_cast<int64_t>(n), true, 1e300, 1e300, -1e300, -1e300};
    std::vector<RTreeEntry> boxes;
    for (const Square& s : rows) {
        const RTreeEntry e{s.fid, report::detail::rtree_value_down(s.x), report::detail::rtree_value_up(s.x + s.side),
                           report::detail::rtree_value_down(s.y), report::detail::rtree_value_up(s.y + s.side)};
        job.entries.push_back(e);
        boxes.push_back(e);
        totals.min_x = std::min(totals.min_x, s.x), totals.min_y = std::min(totals.min_y, s.y);
        totals.max_x = std::max(totals.max_x, s.x + s.side), totals.max_y = std::max(totals.max_y, s.y + s.side);
    }
    std::vector<report::detail::SpatialIndexJob> jobs{std::move(job)};
    report::detail::finish_tables(path, {totals}, jobs);

    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    CHECK(sql_text(*ds, "SELECT rtreecheck('rtree_boxes_geom')") == "ok");
    CHECK(sql_integer(*ds, "SELECT COUNT(*) FROM rtree_boxes_geom") == static_cast<int64_t>(n));
    CHECK(sql_integer(*ds, "SELECT COUNT(*) FROM rtree_boxes_geom_rowid") == static_cast<int64_t>(n));
    // Every fid of the table has exactly one leaf, and no leaf holds an id the table lacks.
    CHECK(sql_integer(*ds, "SELECT COUNT(*) FROM boxes b JOIN rtree_boxes_geom_rowid r ON r.rowid = b.fid") ==
          static_cast<int64_t>(n));
    // Every node but the root has a parent; the root says the tree is three levels deep.
    const int64_t nodes = sql_integer(*ds, "SELECT COUNT(*) FROM rtree_boxes_geom_node");
    CHECK(sql_integer(*ds, "SELECT COUNT(*) FROM rtree_boxes_geom_parent") == nodes - 1);
    CHECK(nodes >= static_cast<int64_t>(n / 51 + 2));
    CHECK(sql_text(*ds, "SELECT hex(substr(data, 1, 2)) FROM rtree_boxes_geom_node WHERE nodeno = 1") == "0002");

    // Windows through the index: the boxes the test rounded itself, no more, no fewer.
    for (int w = 0; w < 25; ++w) {
        const double x0 = 40'500'000 + 800.0 * w, y0 = 3'500'000 + 700.0 * w, size = 300.0 + 150.0 * (w % 5);
        std::vector<int64_t> expected;
        for (const RTreeEntry& b : boxes)
            if (b.min_x <= x0 + size && b.max_x >= x0 && b.min_y <= y0 + size && b.max_y >= y0) expected.push_back(b.id);
        std::sort(expected.begin(), expected.end());
        INFO("window " << w);
        CHECK(sql_ids(*ds, fmt::format("SELECT id FROM rtree_boxes_geom WHERE minx <= {0:.3f} AND maxx >= {1:.3f} AND "
                                       "miny <= {2:.3f} AND maxy >= {3:.3f}",
                                       x0 + size, x0, y0 + size, y0)) == expected);
    }
    // GDAL itself counts a window through it (by the index's boxes, rounded outwards).
    OGRLayer* layer = ds->GetLayerByName("boxes");
    REQUIRE(layer);
    layer->SetSpatialFilterRect(40'510'000, 3'510'000, 40'512'000, 3'512'000);
    int64_t expected = 0;
    for (const RTreeEntry& b : boxes)
        if (b.min_x <= 40'512'000 && b.max_x >= 40'510'000 && b.min_y <= 3'512'000 && b.max_y >= 3'510'000) ++expected;
    CHECK(layer->GetFeatureCount(TRUE) == expected);
    CHECK(expected > 0);
}

}  // namespace

TEST_CASE("spatial index packed by parkcap: fids 1..n, three levels, read back through SQLite and GDAL", "[report][rtree]") {
    register_gdal_drivers();
    check_index(false);
}

TEST_CASE("spatial index packed by parkcap: fids with gaps get their leaves too", "[report][rtree]") {
    register_gdal_drivers();
    check_index(true);
}
