// GpkgWriter inserts rows into the GeoPackage's tables itself (prepared SQLite
// INSERTs, geometry blobs encoded by parkcap, a second thread inserting): what it
// writes must be what GDAL writes. Each file here is read back with GDAL, never with
// parkcap's own readers, and checked against values computed in the test, or against
// the same rows written through OGR's CreateFeature, blob for blob.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <fmt/format.h>

#include "parkcap/core/gdal.hpp"
#include "parkcap/report/audit_report.hpp"
#include "parkcap/report/table_writer.hpp"
#include "support/audit_run.hpp"
#include "support/fixtures.hpp"

using namespace parkcap;
using namespace parkcap::report;
using geom::Point;

namespace {

constexpr int kEpsg = 4528;
// More rows than one batch of the inserter holds (2,048), so the second thread runs.
constexpr std::size_t kRows = 5000;

const std::vector<FieldDef> kFields = {
    {"name", FieldDef::Text}, {"n32", FieldDef::Integer}, {"n64", FieldDef::Integer64},
    {"share", FieldDef::Real, 0, 3}, {"since", FieldDef::Date},
};

/// Row f's text: Chinese, ASCII, empty or absent (NULL).
std::optional<std::string> name_of(std::size_t f) {
    switch (f % 4) {
        case 0: return fmt::format("闲置地块 {} 号", f);
        case 1: return fmt::format("parcel {}", f);
        case 2: return std::string();
        default: return std::nullopt;
    }
}
int64_t n64_of(std::size_t f) { return static_cast<int64_t>(f) * 1'000'003 - 2'000'000'000LL; }
/// What a 32-bit field holds of n64_of(f): OGR clamps.
int64_t n32_of(std::size_t f) {
    return std::clamp<int64_t>(n64_of(f), std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max());
}
double share_of(std::size_t f) { return f % 5 == 0 ? std::nan("") : static_cast<double>(f) / 7.0; }
Date since_of(std::size_t f) {
    return f % 6 == 0 ? Date() : Date::from_ymd(1999 + static_cast<int>(f % 30), 1 + f % 12, 1 + f % 28);
}

/// Row f's outline: a square (every 3rd with a hole), every 4th with a second part,
/// every 50th without any polygon (an empty geometry).
std::vector<std::vector<std::vector<Point>>> shape_of(std::size_t f) {
    if (f % 50 == 7) return {};
    const double x = 40'500'000.0 + 30.0 * static_cast<double>(f % 70) + 0.001 * static_cast<double>(f % 13);
    const double y = 3'600'000.0 + 30.0 * static_cast<double>(f / 70);
    std::vector<std::vector<std::vector<Point>>> polygons;
    polygons.push_back({{{x, y}, {x + 20, y}, {x + 20, y + 20}, {x, y + 20}, {x, y}}});
    if (f % 3 == 0) polygons.back().push_back({{x + 5, y + 5}, {x + 5, y + 9}, {x + 9, y + 9}, {x + 9, y + 5}, {x + 5, y + 5}});
    if (f % 4 == 0) polygons.push_back({{{x + 22, y}, {x + 27, y}, {x + 27, y + 4}, {x + 22, y}}});
    return polygons;
}

geom::MultiPolygonColumn column_of_shapes() {
    geom::MultiPolygonColumn column;
    for (std::size_t f = 0; f < kRows; ++f) {
        column.begin_feature();
        for (const auto& polygon : shape_of(f)) {
            column.begin_polygon();
            for (const auto& ring : polygon) column.add_ring(ring);
        }
        column.end_feature();
    }
    return column;
}

std::vector<Point> line_of(std::size_t k) {
    return {{1000.0 * static_cast<double>(k), 5.5}, {1000.0 * static_cast<double>(k) + 10, -3.25}, {0.5, 7}};
}

void fill_row(RowSink& s, std::size_t f) {
    if (const auto name = name_of(f)) s.set_text(0, *name);
    s.set_int(1, n64_of(f));
    s.set_int(2, n64_of(f));
    s.set_real(3, share_of(f));
    s.set_date(4, since_of(f));
}

/// The same tables through GpkgWriter.
void write_with_parkcap(const std::string& path, const geom::MultiPolygonColumn& column) {
    GpkgWriter gpkg(path, kEpsg, kRows);
    auto& parcels = gpkg.add_layer("parcels", GeometryType::MultiPolygon, kFields, "地块");
    for (std::size_t f = 0; f < kRows; ++f) {
        fill_row(parcels, f);
        parcels.set_polygon(column, f);
        parcels.commit_row();
    }
    auto& table = gpkg.add_layer("details", GeometryType::None, kFields);
    for (std::size_t f = 0; f < kRows; ++f) {
        fill_row(table, f);
        table.commit_row();
    }
    auto& lines = gpkg.add_layer("lines", GeometryType::LineString, {{"k", FieldDef::Integer}});
    auto& multi = gpkg.add_layer("multilines", GeometryType::MultiLineString, {{"k", FieldDef::Integer}});
    auto& points = gpkg.add_layer("points", GeometryType::Point, {{"k", FieldDef::Integer}});
    for (std::size_t k = 0; k < 3; ++k) {
        // Layers filled in turn, row by row: each row goes to its own table.
        lines.set_int(0, static_cast<int64_t>(k));
        lines.set_line(line_of(k));
        lines.commit_row();
        multi.set_int(0, static_cast<int64_t>(k));
        const std::vector<std::vector<Point>> parts{line_of(k), line_of(k + 10)};
        multi.set_lines(parts);
        multi.commit_row();
        points.set_int(0, static_cast<int64_t>(k));
        points.set_point({0.25 + static_cast<double>(k), -1.5});
        points.commit_row();
    }
    gpkg.commit();
}

/// The same tables the way GDAL writes them: one OGRFeature per row, CreateFeature.
void write_with_ogr(const std::string& path) {
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    REQUIRE(driver);
    GDALDatasetUniquePtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    REQUIRE(ds);
    OGRSpatialReference srs;
    REQUIRE(srs.importFromEPSG(kEpsg) == OGRERR_NONE);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    auto layer_of = [&](const char* name, OGRwkbGeometryType type, const std::vector<FieldDef>& fields) {
        const char* options[] = {"FID=fid", "GEOMETRY_NAME=geom", nullptr};
        OGRLayer* layer = ds->CreateLayer(name, type == wkbNone ? nullptr : &srs, type, const_cast<char**>(options));
        REQUIRE(layer);
        const OGRFieldType types[] = {OFTString, OFTInteger, OFTInteger64, OFTReal, OFTDate};
        for (const auto& f : fields) {
            OGRFieldDefn defn(f.name.c_str(), types[f.type]);
            REQUIRE(layer->CreateField(&defn) == OGRERR_NONE);
        }
        return layer;
    };
    auto put_fields = [](OGRFeature& feature, std::size_t f) {
        if (const auto name = name_of(f)) feature.SetField(0, name->c_str());
        CPLPushErrorHandler(CPLQuietErrorHandler);  // the 32-bit field's overflow warning
        feature.SetField(1, static_cast<GIntBig>(n64_of(f)));
        CPLPopErrorHandler();
        feature.SetField(2, static_cast<GIntBig>(n64_of(f)));
        if (std::isnan(share_of(f))) feature.SetFieldNull(3);
        else feature.SetField(3, share_of(f));
        if (const Date d = since_of(f)) feature.SetField(4, d.year(), static_cast<int>(d.month()), static_cast<int>(d.day()));
    };
    auto line = [](const std::vector<Point>& points) {
        auto l = std::make_unique<OGRLineString>();
        for (const Point& p : points) l->addPoint(p.x, p.y);
        return l;
    };

    REQUIRE(ds->StartTransaction() == OGRERR_NONE);
    OGRLayer* parcels = layer_of("parcels", wkbMultiPolygon, kFields);
    for (std::size_t f = 0; f < kRows; ++f) {
        OGRFeature feature(parcels->GetLayerDefn());
        put_fields(feature, f);
        auto multi = std::make_unique<OGRMultiPolygon>();
        for (const auto& polygon : shape_of(f)) {
            auto p = std::make_unique<OGRPolygon>();
            for (const auto& ring : polygon) {
                auto r = std::make_unique<OGRLinearRing>();
                for (const Point& q : ring) r->addPoint(q.x, q.y);
                p->addRingDirectly(r.release());
            }
            multi->addGeometryDirectly(p.release());
        }
        feature.SetGeometryDirectly(multi.release());
        REQUIRE(parcels->CreateFeature(&feature) == OGRERR_NONE);
    }
    OGRLayer* details = layer_of("details", wkbNone, kFields);
    for (std::size_t f = 0; f < kRows; ++f) {
        OGRFeature feature(details->GetLayerDefn());
        put_fields(feature, f);
        REQUIRE(details->CreateFeature(&feature) == OGRERR_NONE);
    }
    OGRLayer* lines = layer_of("lines", wkbLineString, {{"k", FieldDef::Integer}});
    OGRLayer* multi = layer_of("multilines", wkbMultiLineString, {{"k", FieldDef::Integer}});
    OGRLayer* points = layer_of("points", wkbPoint, {{"k", FieldDef::Integer}});
    for (std::size_t k = 0; k < 3; ++k) {
        OGRFeature a(lines->GetLayerDefn());
        a.SetField(0, static_cast<int>(k));
        a.SetGeometryDirectly(line(line_of(k)).release());
        REQUIRE(lines->CreateFeature(&a) == OGRERR_NONE);
        OGRFeature b(multi->GetLayerDefn());
        b.SetField(0, static_cast<int>(k));
        auto parts = std::make_unique<OGRMultiLineString>();
        parts->addGeometryDirectly(line(line_of(k)).release());
        parts->addGeometryDirectly(line(line_of(k + 10)).release());
        b.SetGeometryDirectly(parts.release());
        REQUIRE(multi->CreateFeature(&b) == OGRERR_NONE);
        OGRFeature c(points->GetLayerDefn());
        c.SetField(0, static_cast<int>(k));
        c.SetGeometryDirectly(new OGRPoint(0.25 + static_cast<double>(k), -1.5));
        REQUIRE(points->CreateFeature(&c) == OGRERR_NONE);
    }
    REQUIRE(ds->CommitTransaction() == OGRERR_NONE);
}

/// Every row of `sql`'s result, its columns as text, NULL as "<null>".
std::vector<std::vector<std::string>> query(GDALDataset& ds, const std::string& sql) {
    OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    REQUIRE(result);
    std::vector<std::vector<std::string>> rows;
    for (auto& feature : *result) {
        std::vector<std::string> row;
        for (int i = 0; i < feature->GetFieldCount(); ++i)
            row.emplace_back(feature->IsFieldSetAndNotNull(i) ? feature->GetFieldAsString(i) : "<null>");
        rows.push_back(std::move(row));
    }
    ds.ReleaseResultSet(result);
    return rows;
}

GDALDatasetUniquePtr open(const std::string& path, bool update = false) {
    return GDALDatasetUniquePtr(
        GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | (update ? GDAL_OF_UPDATE : GDAL_OF_READONLY)));
}

}  // namespace

TEST_CASE("direct rows: every table is GDAL's own, blob for blob and value for value", "[report][writer][gpkg_direct]") {
    register_gdal_drivers();
    test::ScratchDir dir("gpkg-direct-same");
    const std::string ours = dir / "parkcap.gpkg", theirs = dir / "ogr.gpkg";
    write_with_parkcap(ours, column_of_shapes());
    write_with_ogr(theirs);
    auto a = open(ours), b = open(theirs);
    REQUIRE(a);
    REQUIRE(b);

    // The stored values, typed as SQLite holds them (typeof) so that 1 and '1' differ.
    const std::string fields = "fid, typeof(name), name, typeof(n32), n32, n64, typeof(share), quote(share), typeof(since), since";
    for (const std::string table : {"parcels", "details"}) {
        INFO(table);
        const auto ra = query(*a, fmt::format("SELECT {} FROM {} ORDER BY fid", fields, table));
        const auto rb = query(*b, fmt::format("SELECT {} FROM {} ORDER BY fid", fields, table));
        CHECK(ra.size() == kRows);
        CHECK(ra == rb);
    }
    for (const std::string table : {"parcels", "lines", "multilines", "points"}) {
        INFO(table);
        const auto ga = query(*a, fmt::format("SELECT fid, hex(geom) FROM {} ORDER BY fid", table));
        const auto gb = query(*b, fmt::format("SELECT fid, hex(geom) FROM {} ORDER BY fid", table));
        REQUIRE(ga.size() == gb.size());
        for (std::size_t i = 0; i < ga.size(); ++i) {
            INFO("row " << i + 1);
            CHECK(ga[i] == gb[i]);
        }
    }
    // The bookkeeping GDAL keeps: feature counts, extents, the layers' metadata.
    const std::string contents =
        "SELECT table_name, data_type, quote(min_x), quote(min_y), quote(max_x), quote(max_y), srs_id FROM gpkg_contents "
        "ORDER BY table_name";
    CHECK(query(*a, contents) == query(*b, contents));
    CHECK(query(*a, "SELECT table_name, feature_count FROM gpkg_ogr_contents ORDER BY 1") ==
          query(*b, "SELECT table_name, feature_count FROM gpkg_ogr_contents ORDER BY 1"));
    // GDAL's feature-count triggers are on the tables again, as GDAL leaves them.
    const std::string triggers =
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'trigger_%' ORDER BY name";
    CHECK(query(*a, triggers).size() == 10);
    CHECK(query(*a, triggers) == query(*b, triggers));
}

TEST_CASE("direct rows: GDAL reads back the geometry and fields the test computed", "[report][writer][gpkg_direct]") {
    register_gdal_drivers();
    test::ScratchDir dir("gpkg-direct-read");
    const std::string path = dir / "parkcap.gpkg";
    write_with_parkcap(path, column_of_shapes());

    {
        auto ds = open(path);
        REQUIRE(ds);
        OGRLayer* layer = ds->GetLayerByName("parcels");
        REQUIRE(layer);
        CHECK(layer->GetFeatureCount(FALSE) == static_cast<GIntBig>(kRows));
        double min_x = INFINITY, min_y = INFINITY, max_x = -INFINITY, max_y = -INFINITY;
        std::size_t f = 0;
        for (auto& feature : *layer) {
            INFO("row " << f);
            CHECK(feature->GetFID() == static_cast<GIntBig>(f + 1));
            const auto name = name_of(f);
            CHECK(feature->IsFieldNull(0) == !name.has_value());
            if (name) CHECK(std::string(feature->GetFieldAsString(0)) == *name);
            CHECK(feature->GetFieldAsInteger64(1) == n32_of(f));
            CHECK(feature->GetFieldAsInteger64(2) == n64_of(f));
            CHECK(feature->IsFieldNull(3) == std::isnan(share_of(f)));
            if (!std::isnan(share_of(f))) CHECK(feature->GetFieldAsDouble(3) == share_of(f));
            const Date since = since_of(f);
            CHECK(feature->IsFieldSetAndNotNull(4) == !since.is_null());
            if (since) CHECK(std::string(feature->GetFieldAsString(4)) == fmt::format("{:04}/{:02}/{:02}", since.year(),
                                                                                    since.month(), since.day()));
            const OGRGeometry* g = feature->GetGeometryRef();
            REQUIRE(g);
            REQUIRE(wkbFlatten(g->getGeometryType()) == wkbMultiPolygon);
            const OGRMultiPolygon& multi = *g->toMultiPolygon();
            const auto shape = shape_of(f);
            REQUIRE(multi.getNumGeometries() == static_cast<int>(shape.size()));
            for (std::size_t k = 0; k < shape.size(); ++k) {
                const OGRPolygon& polygon = *multi.getGeometryRef(static_cast<int>(k));
                REQUIRE(polygon.getNumInteriorRings() + 1 == static_cast<int>(shape[k].size()));
                for (std::size_t r = 0; r < shape[k].size(); ++r) {
                    const OGRLinearRing& ring = *(r == 0 ? polygon.getExteriorRing() : polygon.getInteriorRing(static_cast<int>(r) - 1));
                    REQUIRE(ring.getNumPoints() == static_cast<int>(shape[k][r].size()));
                    for (std::size_t i = 0; i < shape[k][r].size(); ++i) {
                        CHECK(ring.getX(static_cast<int>(i)) == shape[k][r][i].x);
                        CHECK(ring.getY(static_cast<int>(i)) == shape[k][r][i].y);
                        min_x = std::min(min_x, shape[k][r][i].x), max_x = std::max(max_x, shape[k][r][i].x);
                        min_y = std::min(min_y, shape[k][r][i].y), max_y = std::max(max_y, shape[k][r][i].y);
                    }
                }
            }
            ++f;
        }
        CHECK(f == kRows);
        // gpkg_contents' extent, as GDAL reports it without reading the rows.
        OGREnvelope extent;
        REQUIRE(layer->GetExtent(&extent, FALSE) == OGRERR_NONE);
        CHECK(extent.MinX == min_x);
        CHECK(extent.MaxX == max_x);
        CHECK(extent.MinY == min_y);
        CHECK(extent.MaxY == max_y);
        // The spatial index answers a window: the rows whose squares touch it, every
        // 50th row's empty geometry left out.
        layer->SetSpatialFilterRect(40'500'000.0 + 31, 3'600'000.0 + 31, 40'500'000.0 + 61, 3'600'000.0 + 59);
        std::vector<GIntBig> hit;
        for (auto& feature : *layer) hit.push_back(feature->GetFID());
        std::sort(hit.begin(), hit.end());
        CHECK(hit == std::vector<GIntBig>{72, 73});  // rows 71 and 72: columns 1 and 2 of the grid's second line
    }

    // The file stays a GeoPackage GDAL edits: a row added later is counted and indexed.
    {
        auto ds = open(path, true);
        REQUIRE(ds);
        OGRLayer* layer = ds->GetLayerByName("details");
        REQUIRE(layer);
        OGRFeature feature(layer->GetLayerDefn());
        feature.SetField(0, "后加的行");
        REQUIRE(layer->CreateFeature(&feature) == OGRERR_NONE);
        CHECK(feature.GetFID() == static_cast<GIntBig>(kRows + 1));
    }
    auto ds = open(path);
    REQUIRE(ds);
    CHECK(query(*ds, "SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = 'details'") ==
          std::vector<std::vector<std::string>>{{std::to_string(kRows + 1)}});
    CHECK(ds->GetLayerByName("details")->GetFeatureCount() == static_cast<GIntBig>(kRows + 1));
}

TEST_CASE("direct rows: an audit GeoPackage reads back through GDAL as the test computes it", "[report][writer][gpkg_direct]") {
    test::MiniCity c;
    c.parks.push_back({"P1", "滨江新材料产业园", "provincial", "321202", "", 0, 0, 0, 1000, 1000});
    test::MiniParcel idle;  // supplied, construction due 2023-01-01 and never started: idle over two years
    idle.id = "甲-001";
    idle.status = "supplied";
    idle.supp_date = "2022-06-01";
    idle.start_due = "2023-01-01";
    idle.x = 100, idle.y = 100;
    test::MiniParcel outside;  // built, outside every park, no enterprise on record
    outside.id = "乙-002";
    outside.enterprise = "";
    outside.x = 3000, outside.y = 3000, outside.side_m = 50;
    test::MiniParcel bent;  // an L-shape
    bent.id = "丙-003";
    bent.outline = {{200, 400}, {400, 400}, {400, 450}, {250, 450}, {250, 600}, {200, 600}};
    c.parcels = {idle, outside, bent};
    const test::AuditRun r = test::run_audit_on(c, "2026-06-30", "gpkg-direct-audit");

    test::ScratchDir dir("gpkg-direct-audit-out");
    const std::string path = dir / "audit.gpkg";
    report::write_audit_gpkg(path, r.city, r.audit, r.rules);
    auto ds = open(path);
    REQUIRE(ds);
    OGRLayer* layer = ds->GetLayerByName("parcel_flags");
    REQUIRE(layer);
    REQUIRE(layer->GetFeatureCount() == 3);

    // The outlines the test drew, in EPSG:4528 metres from the mini city's origin.
    auto ring_of = [](const test::MiniParcel& p) {
        std::vector<Point> ring;
        if (p.outline.empty()) {
            for (auto [dx, dy] : {std::pair{0.0, 0.0}, {p.side_m, 0.0}, {p.side_m, p.side_m}, {0.0, p.side_m}})
                ring.push_back({test::kOriginX + p.x + dx, test::kOriginY + p.y + dy});
        } else {
            for (auto [dx, dy] : p.outline) ring.push_back({test::kOriginX + dx, test::kOriginY + dy});
        }
        return ring;
    };
    auto area_mu = [](const std::vector<Point>& ring) {
        double twice = 0;
        for (std::size_t i = 0; i < ring.size(); ++i) {
            const Point& p = ring[i];
            const Point& q = ring[(i + 1) % ring.size()];
            twice += p.x * q.y - q.x * p.y;
        }
        return std::abs(twice) / 2 / (10000.0 / 15.0);
    };

    for (auto& feature : *layer) {
        const std::string id = feature->GetFieldAsString("parcel_id");
        INFO(id);
        const test::MiniParcel& p = id == idle.id ? idle : id == outside.id ? outside : bent;
        REQUIRE(id == p.id);
        const std::vector<Point> ring = ring_of(p);
        CHECK(feature->GetFieldAsDouble("area_mu") == Approx(area_mu(ring)).epsilon(1e-9));
        // The geometry: one polygon of the drawn corners (the ring closed, in any start and direction).
        const OGRGeometry* g = feature->GetGeometryRef();
        REQUIRE(g);
        REQUIRE(wkbFlatten(g->getGeometryType()) == wkbMultiPolygon);
        REQUIRE(g->toMultiPolygon()->getNumGeometries() == 1);
        const OGRLinearRing& exterior = *g->toMultiPolygon()->getGeometryRef(0)->getExteriorRing();
        REQUIRE(exterior.getNumPoints() == static_cast<int>(ring.size()) + 1);
        for (const Point& corner : ring) {
            bool found = false;
            for (int i = 0; i < exterior.getNumPoints(); ++i)
                found = found || (std::abs(exterior.getX(i) - corner.x) < 1e-6 && std::abs(exterior.getY(i) - corner.y) < 1e-6);
            CHECK(found);
        }
        if (id == idle.id) {
            CHECK(std::string(feature->GetFieldAsString("park_name")) == "滨江新材料产业园");
            CHECK(std::string(feature->GetFieldAsString("primary")) == "IDLE_TAKEBACK");
            CHECK(std::string(feature->GetFieldAsString("primary_zh")) == "闲置满两年");
            // 2023-01-01 to 2026-06-30: 1,276 days.
            CHECK(std::string(feature->GetFieldAsString("reason_zh")).find("约定动工日期 2023-01-01 起 1276 天未动工") == 0);
            CHECK(std::string(feature->GetFieldAsString("dispose_zh")).find("无偿收回国有建设用地使用权") == 0);
            CHECK(feature->GetFieldAsInteger("idle_days") == 1276);
        }
        if (id == outside.id) {
            CHECK(feature->IsFieldNull(feature->GetFieldIndex("park_id")));    // outside every park: NULL
            CHECK(feature->IsFieldNull(feature->GetFieldIndex("park_name")));
            CHECK(feature->IsFieldSetAndNotNull(feature->GetFieldIndex("enterprise")));  // empty, not NULL
            CHECK(std::string(feature->GetFieldAsString("enterprise")).empty());
            CHECK(feature->IsFieldNull(feature->GetFieldIndex("idle_days")));
        }
    }
    // gpkg_contents' extent is the parcels' box.
    OGREnvelope extent;
    REQUIRE(layer->GetExtent(&extent, FALSE) == OGRERR_NONE);
    CHECK(extent.MinX == test::kOriginX + 100);
    CHECK(extent.MinY == test::kOriginY + 100);
    CHECK(extent.MaxX == test::kOriginX + 3050);
    CHECK(extent.MaxY == test::kOriginY + 3050);
    // flag_details: one row per flag, the idle parcel's first.
    OGRLayer* details = ds->GetLayerByName("flag_details");
    REQUIRE(details);
    CHECK(details->GetFeatureCount() == static_cast<GIntBig>(r.audit.flags.size()));
    const auto rows = query(*ds, "SELECT parcel_id, code, days, since || '' FROM flag_details WHERE code = 'IDLE_TAKEBACK'");
    CHECK(rows == std::vector<std::vector<std::string>>{{"甲-001", "IDLE_TAKEBACK", "1276", "2023-01-01"}});
}
