// GpkgWriter and CsvWriter: files written here are reopened with GDAL (or read byte
// for byte) and checked for what QGIS and Excel rely on.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <fmt/format.h>

#include "parkcap/core/error.hpp"
#include "parkcap/report/table_writer.hpp"
#include "support/fixtures.hpp"
#include "support/gdal_sql.hpp"

using namespace parkcap;
using namespace parkcap::report;
using geom::Point;
namespace fs = std::filesystem;

namespace {

constexpr int kEpsg = 4547;  // CGCS2000 / 3-degree Gauss-Kruger CM 114E, a typical bureau CRS
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// `n` squares of 10 m on a grid; every 10th has a hole, every 7th a second part.
geom::MultiPolygonColumn make_parcels(std::size_t n) {
    geom::MultiPolygonColumn column;
    auto square = [](double x, double y, double size) {
        return std::vector<Point>{{x, y}, {x + size, y}, {x + size, y + size}, {x, y + size}, {x, y}};
    };
    for (std::size_t f = 0; f < n; ++f) {
        const double x = 500000.0 + 20.0 * static_cast<double>(f % 50);
        const double y = 3400000.0 + 20.0 * static_cast<double>(f / 50);
        column.begin_feature();
        column.begin_polygon();
        column.add_ring(square(x, y, 10));
        if (f % 10 == 0) {
            const std::vector<Point> hole{{x + 2, y + 2}, {x + 2, y + 4}, {x + 4, y + 4}, {x + 4, y + 2}, {x + 2, y + 2}};
            column.add_ring(hole);
        }
        if (f % 7 == 0) {
            column.begin_polygon();
            column.add_ring(square(x + 12, y, 5));
        }
        column.end_feature();
    }
    return column;
}

GDALDatasetUniquePtr open_read(const std::string& path) {
    return GDALDatasetUniquePtr(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
}

using parkcap::test::sql_integer;

std::vector<std::string> files_in(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

const std::vector<FieldDef> kParcelFields = {
    {"parcel_id", FieldDef::Text, 32},  {"flag", FieldDef::Text, 24}, {"n_checks", FieldDef::Integer},
    {"tax_yuan", FieldDef::Integer64}, {"area_m2", FieldDef::Real, 0, 2}, {"idle_since", FieldDef::Date},
};

Date date_for(std::size_t f) {
    return f % 4 == 0 ? Date() : Date::from_ymd(2015 + static_cast<int>(f % 8), 1 + f % 12, 1 + f % 28);
}

/// A small valid GeoPackage with one table, for the atomicity tests.
void write_small(const std::string& path, const std::string& text) {
    GpkgWriter gpkg(path, kEpsg);
    auto& table = gpkg.add_layer("district_summary", GeometryType::None, {{"name", FieldDef::Text}});
    table.set_text(0, text);
    table.commit_row();
    gpkg.commit();
}

/// Silences GDAL's own printing while a test provokes failures on purpose.
struct QuietGdal {
    QuietGdal() { CPLPushErrorHandler(CPLQuietErrorHandler); }
    ~QuietGdal() { CPLPopErrorHandler(); }
};

}  // namespace

TEST_CASE("writer: a GeoPackage holds the layers, field types and values written", "[report][writer]") {
    test::ScratchDir dir("writer-gpkg");
    const std::string path = dir / "audit.gpkg";
    const auto parcels = make_parcels(2000);

    {
        GpkgWriter gpkg(path, kEpsg);
        auto& flags = gpkg.add_layer("parcel_flags", GeometryType::Polygon, kParcelFields, "地块标记 parcel flags");
        for (std::size_t f = 0; f < parcels.size(); ++f) {
            flags.set_text(0, fmt::format("P{:05}", f));
            flags.set_text(1, f % 3 == 0 ? "闲置收回" : "正常");
            flags.set_int(2, static_cast<int64_t>(f));
            flags.set_int(3, 5'000'000'000 + static_cast<int64_t>(f));
            flags.set_real(4, f % 5 == 0 ? kNaN : parcels.area(f));
            flags.set_date(5, date_for(f));
            flags.set_polygon(parcels, f);
            flags.commit_row();
        }

        auto& flows = gpkg.add_layer("flows", GeometryType::LineString, {{"people", FieldDef::Integer}});
        const std::vector<Point> flow{{500000, 3400000}, {500100, 3400050}};
        flows.set_int(0, 120);
        flows.set_line(flow);
        flows.commit_row();

        auto& shore = gpkg.add_layer("shoreline_use", GeometryType::MultiLineString, {{"use", FieldDef::Text}});
        const std::vector<std::vector<Point>> parts{{{0, 0}, {10, 0}}, {{20, 0}, {30, 5}, {40, 0}}};
        shore.set_text(0, "岸线 shore");
        shore.set_lines(parts);
        shore.commit_row();
        shore.set_text(0, "one part");
        shore.set_line(parts.front());  // still written as a MultiLineString
        shore.commit_row();

        auto& sites = gpkg.add_layer("sites", GeometryType::Point, {{"site_id", FieldDef::Text}});
        sites.set_text(0, "S1");
        sites.set_point({500050, 3400025});
        sites.commit_row();

        auto& districts = gpkg.add_layer("district_summary", GeometryType::None,
                                         {{"name", FieldDef::Text}, {"parks", FieldDef::Integer}, {"ratio", FieldDef::Real}});
        districts.set_text(0, "东湖区, \"新\"城");
        districts.set_int(1, 12);
        districts.set_real(2, 0.75);
        districts.commit_row();
        districts.set_text(0, "西湖区");  // parks and ratio left unset: null
        districts.commit_row();

        gpkg.commit();
    }

    auto ds = open_read(path);
    REQUIRE(ds);

    SECTION("the polygon layer: types, CRS, values, geometry") {
        OGRLayer* layer = ds->GetLayerByName("parcel_flags");
        REQUIRE(layer);
        CHECK(layer->GetFeatureCount() == 2000);
        CHECK(layer->GetGeomType() == wkbMultiPolygon);
        CHECK(std::string(layer->GetGeometryColumn()) == "geom");
        CHECK(std::string(layer->GetMetadataItem("DESCRIPTION")) == "地块标记 parcel flags");
        const OGRSpatialReference* srs = layer->GetSpatialRef();
        REQUIRE(srs);
        CHECK(std::string(srs->GetAuthorityCode(nullptr)) == std::to_string(kEpsg));

        OGRFeatureDefn* defn = layer->GetLayerDefn();
        REQUIRE(defn->GetFieldCount() == static_cast<int>(kParcelFields.size()));
        const OGRFieldType types[] = {OFTString, OFTString, OFTInteger, OFTInteger64, OFTReal, OFTDate};
        for (int i = 0; i < defn->GetFieldCount(); ++i) {
            CHECK(std::string(defn->GetFieldDefn(i)->GetNameRef()) == kParcelFields[i].name);
            CHECK(defn->GetFieldDefn(i)->GetType() == types[i]);
        }

        std::size_t f = 0;
        for (auto& feature : *layer) {
            INFO("feature " << f);
            CHECK(feature->GetFieldAsString(0) == fmt::format("P{:05}", f));
            CHECK(std::string(feature->GetFieldAsString(1)) == (f % 3 == 0 ? "闲置收回" : "正常"));
            CHECK(feature->GetFieldAsInteger(2) == static_cast<int>(f));
            CHECK(feature->GetFieldAsInteger64(3) == 5'000'000'000 + static_cast<int64_t>(f));
            if (f % 5 == 0) CHECK(feature->IsFieldNull(4));
            else CHECK(feature->GetFieldAsDouble(4) == Approx(parcels.area(f)));
            const Date expected = date_for(f);
            if (expected.is_null()) {
                CHECK_FALSE(feature->IsFieldSetAndNotNull(5));
            } else {
                int y = 0, m = 0, d = 0, h = 0, mi = 0, tz = 0;
                float s = 0;
                REQUIRE(feature->GetFieldAsDateTime(5, &y, &m, &d, &h, &mi, &s, &tz));
                CHECK(Date::from_ymd(y, m, d) == expected);
            }
            const OGRGeometry* g = feature->GetGeometryRef();
            REQUIRE(g);
            CHECK(wkbFlatten(g->getGeometryType()) == wkbMultiPolygon);
            CHECK(g->toMultiPolygon()->getNumGeometries() == static_cast<int>(parcels.polygon_count(f)));
            CHECK(g->toMultiPolygon()->get_Area() == Approx(parcels.area(f)));
            ++f;
        }
        CHECK(f == 2000);
    }

    SECTION("the spatial index exists and holds every feature") {
        CHECK(sql_integer(*ds, "SELECT HasSpatialIndex('parcel_flags', 'geom')") == 1);
        CHECK(sql_integer(*ds, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'rtree_parcel_flags_geom'") == 1);
        CHECK(sql_integer(*ds, "SELECT COUNT(*) FROM rtree_parcel_flags_geom") == 2000);
    }

    SECTION("line and point layers keep their declared types") {
        OGRLayer* flows = ds->GetLayerByName("flows");
        REQUIRE(flows);
        CHECK(flows->GetGeomType() == wkbLineString);
        OGRFeatureUniquePtr flow(flows->GetNextFeature());
        REQUIRE(flow);
        CHECK(flow->GetFieldAsInteger(0) == 120);
        CHECK(flow->GetGeometryRef()->toLineString()->getNumPoints() == 2);

        OGRLayer* shore = ds->GetLayerByName("shoreline_use");
        REQUIRE(shore);
        CHECK(shore->GetGeomType() == wkbMultiLineString);
        CHECK(shore->GetFeatureCount() == 2);
        for (auto& feature : *shore) CHECK(wkbFlatten(feature->GetGeometryRef()->getGeometryType()) == wkbMultiLineString);
        shore->ResetReading();
        OGRFeatureUniquePtr first(shore->GetNextFeature());
        CHECK(std::string(first->GetFieldAsString(0)) == "岸线 shore");
        CHECK(first->GetGeometryRef()->toMultiLineString()->getNumGeometries() == 2);

        OGRLayer* sites = ds->GetLayerByName("sites");
        REQUIRE(sites);
        CHECK(sites->GetGeomType() == wkbPoint);
        OGRFeatureUniquePtr site(sites->GetNextFeature());
        CHECK(site->GetGeometryRef()->toPoint()->getX() == 500050);
    }

    SECTION("a table without geometry, Chinese text and nulls") {
        OGRLayer* districts = ds->GetLayerByName("district_summary");
        REQUIRE(districts);
        CHECK(districts->GetGeomType() == wkbNone);
        CHECK(districts->GetFeatureCount() == 2);
        OGRFeatureUniquePtr east(districts->GetNextFeature());
        CHECK(std::string(east->GetFieldAsString(0)) == "东湖区, \"新\"城");
        CHECK(east->GetFieldAsInteger(1) == 12);
        CHECK(east->GetFieldAsDouble(2) == 0.75);
        OGRFeatureUniquePtr west(districts->GetNextFeature());
        CHECK(std::string(west->GetFieldAsString(0)) == "西湖区");
        CHECK_FALSE(west->IsFieldSetAndNotNull(1));
        CHECK_FALSE(west->IsFieldSetAndNotNull(2));
    }
}

TEST_CASE("writer: rows beyond one transaction are all written", "[report][writer]") {
    // 250,001 rows cross two batch commits and end inside a third.
    test::ScratchDir dir("writer-batches");
    const std::string path = dir / "big.gpkg";
    {
        GpkgWriter gpkg(path, kEpsg);
        auto& rows = gpkg.add_layer("quota_ledger", GeometryType::None, {{"n", FieldDef::Integer64}});
        for (int64_t i = 0; i < 250'001; ++i) {
            rows.set_int(0, i);
            rows.commit_row();
        }
        gpkg.commit();
    }
    auto ds = open_read(path);
    REQUIRE(ds);
    CHECK(sql_integer(*ds, "SELECT COUNT(*) FROM quota_ledger") == 250'001);
    CHECK(sql_integer(*ds, "SELECT SUM(n) FROM quota_ledger") == 250'000LL * 250'001LL / 2);
}

TEST_CASE("writer: a GeoPackage for a large table gets 64 KiB pages and reads back whole (issue 17)",
          "[report][writer]") {
    test::ScratchDir dir("writer-pages");
    const auto parcels = make_parcels(3000);
    auto write = [&](const std::string& path, std::size_t expected_rows) {
        GpkgWriter gpkg(path, kEpsg, expected_rows);
        auto& rows = gpkg.add_layer("parcel_flags", GeometryType::MultiPolygon, kParcelFields);
        for (std::size_t f = 0; f < parcels.size(); ++f) {
            rows.set_text(0, fmt::format("P{}", f));
            rows.set_int(2, static_cast<int64_t>(f));
            rows.set_date(5, date_for(f));
            rows.set_polygon(parcels, f);
            rows.commit_row();
        }
        gpkg.commit();
    };
    const std::string large = dir / "large.gpkg", small = dir / "small.gpkg", user = dir / "user.gpkg";
    write(large, GpkgWriter::kLargePageRows);
    write(small, 0);
    {
        // A user's own PRAGMAs still apply, beside the page size.
        CPLSetThreadLocalConfigOption("OGR_SQLITE_PRAGMA", "auto_vacuum=1");
        write(user, GpkgWriter::kLargePageRows);
        CHECK(std::string(CPLGetThreadLocalConfigOption("OGR_SQLITE_PRAGMA", "")) == "auto_vacuum=1");
        CPLSetThreadLocalConfigOption("OGR_SQLITE_PRAGMA", nullptr);
    }
    for (const auto& [path, page] : {std::pair{large, 65536}, {small, 4096}, {user, 65536}}) {
        INFO(path);
        auto ds = open_read(path);
        REQUIRE(ds);
        CHECK(sql_integer(*ds, "PRAGMA page_size") == page);
        CHECK(sql_integer(*ds, "SELECT COUNT(*) FROM parcel_flags") == 3000);
        CHECK(sql_integer(*ds, "SELECT SUM(n_checks) FROM parcel_flags") == 2999LL * 3000 / 2);
        CHECK(sql_integer(*ds, "SELECT COUNT(*) FROM parcel_flags WHERE idle_since IS NULL") == 750);
        CHECK(sql_integer(*ds, "SELECT COUNT(*) FROM rtree_parcel_flags_geom") == 3000);
        // The index finds what the geometry holds: GDAL's spatial filter through it.
        OGRLayer* layer = ds->GetLayerByName("parcel_flags");
        REQUIRE(layer);
        layer->SetSpatialFilterRect(500000.0, 3400000.0, 500095.0, 3400015.0);  // the first 5 x 1 squares
        CHECK(layer->GetFeatureCount() == 5);
    }
    CHECK(sql_integer(*open_read(user), "PRAGMA auto_vacuum") == 1);
    CHECK(sql_integer(*open_read(large), "PRAGMA auto_vacuum") == 0);
    // Same rows, file by file: the page size changes the layout, not the content.
    auto a = open_read(large), b = open_read(small);
    CHECK(sql_integer(*a, "SELECT SUM(length(geom)) FROM parcel_flags") == sql_integer(*b, "SELECT SUM(length(geom)) FROM parcel_flags"));
}

namespace {
int g_gdal_messages = 0;
void CPL_STDCALL count_gdal_messages(CPLErr, CPLErrorNum, const char*) { ++g_gdal_messages; }
}  // namespace

TEST_CASE("writer: a text longer than its declared width is stored whole and silently", "[report][writer]") {
    // GDAL warns on every such row; a million parcels must not flood the terminal.
    test::ScratchDir dir("writer-width");
    const std::string path = dir / "audit.gpkg";
    g_gdal_messages = 0;
    CPLPushErrorHandler(count_gdal_messages);
    {
        GpkgWriter gpkg(path, kEpsg);
        auto& table = gpkg.add_layer("parks", GeometryType::None, {{"name", FieldDef::Text, 3}});
        for (const char* name : {"人民园", "人民公园", "toolong", "ok"}) {
            table.set_text(0, name);
            table.commit_row();
        }
        gpkg.commit();
    }
    CPLPopErrorHandler();
    CHECK(g_gdal_messages == 0);
    auto ds = open_read(path);
    REQUIRE(ds);
    OGRLayer* parks = ds->GetLayerByName("parks");
    CHECK(parks->GetLayerDefn()->GetFieldDefn(0)->GetWidth() == 3);
    std::vector<std::string> names;
    for (auto& row : *parks) names.emplace_back(row->GetFieldAsString(0));
    CHECK(names == std::vector<std::string>{"人民园", "人民公园", "toolong", "ok"});
}

TEST_CASE("writer: an unfinished GeoPackage leaves the file at the target untouched", "[report][writer]") {
    test::ScratchDir dir("writer-atomic");
    const std::string path = dir / "audit.gpkg";

    SECTION("an existing good file survives byte for byte") {
        write_small(path, "good");
        const std::string before = test::read_text_file(path);
        {
            GpkgWriter gpkg(path, kEpsg);
            auto& layer = gpkg.add_layer("parcel_flags", GeometryType::Polygon, kParcelFields);
            const auto parcels = make_parcels(100);
            for (std::size_t f = 0; f < parcels.size(); ++f) {
                layer.set_text(0, "half-written");
                layer.set_polygon(parcels, f);
                layer.commit_row();
            }
            // destroyed without commit(), as when an exception unwinds the run
        }
        CHECK(test::read_text_file(path) == before);
        CHECK(files_in(dir.path()) == std::vector<std::string>{"audit.gpkg"});
    }

    SECTION("no file appears when there was none") {
        try {
            GpkgWriter gpkg(path, kEpsg);
            auto& table = gpkg.add_layer("district_summary", GeometryType::None, {{"name", FieldDef::Text}});
            table.set_text(0, "x");
            table.commit_row();
            throw std::runtime_error("the audit failed half-way");
        } catch (const std::runtime_error&) {
        }
        CHECK(files_in(dir.path()).empty());
    }

    SECTION("commit replaces the existing file whole") {
        write_small(path, "old");
        write_small(path, "新");
        auto ds = open_read(path);
        REQUIRE(ds);
        OGRFeatureUniquePtr row(ds->GetLayerByName("district_summary")->GetNextFeature());
        CHECK(std::string(row->GetFieldAsString(0)) == "新");
        CHECK(files_in(dir.path()) == std::vector<std::string>{"audit.gpkg"});
    }
}

TEST_CASE("writer: failures are OutputErrors that name the file", "[report][writer]") {
    QuietGdal quiet;
    test::ScratchDir dir("writer-errors");
    using Catch::Matchers::Contains;

    const std::string missing = (dir.path() / "no-such-folder" / "out.gpkg").string();
    CHECK_THROWS_WITH(GpkgWriter(missing, kEpsg), Contains(missing));
    CHECK_THROWS_AS(GpkgWriter(missing, kEpsg), OutputError);
    CHECK_THROWS_AS(CsvWriter((dir.path() / "no-such-folder").string(), "flags", kParcelFields), OutputError);
    CHECK_THROWS_AS(GpkgWriter(dir / "bad-crs.gpkg", 999999), OutputError);

    const std::string path = dir / "audit.gpkg";
    GpkgWriter gpkg(path, kEpsg);
    gpkg.add_layer("parks", GeometryType::Polygon, {{"name", FieldDef::Text}});
    CHECK_THROWS_WITH(gpkg.add_layer("parks", GeometryType::Polygon, {{"name", FieldDef::Text}}),
                      Contains(path) && Contains("parks"));
    CHECK_THROWS_AS(gpkg.execute_sql("SELEKT nonsense"), OutputError);
}

TEST_CASE("writer: CSV for Excel is UTF-8 with BOM, CRLF and RFC 4180 quoting", "[report][writer]") {
    test::ScratchDir dir("writer-csv");
    const std::vector<FieldDef> fields = {{"name", FieldDef::Text},
                                          {"parks", FieldDef::Integer64},
                                          {"area_m2", FieldDef::Real},
                                          {"ratio", FieldDef::Real, 0, 2},
                                          {"checked", FieldDef::Date}};
    {
        CsvWriter csv(dir.path().string(), "district_summary", fields);
        csv.set_text(0, "东湖区");
        csv.set_int(1, 12'345'678'901);
        csv.set_real(2, 1234567.5);
        csv.set_real(3, 0.5);
        csv.set_date(4, Date::from_ymd(2024, 3, 5));
        csv.commit_row();
        csv.set_text(0, "a, \"quoted\"\nname");
        csv.set_real(2, kNaN);
        csv.set_date(4, Date());
        csv.commit_row();
        csv.set_null(0);  // nothing else set: all empty
        csv.commit_row();
        CHECK_FALSE(fs::exists(dir / "district_summary.csv"));  // only on commit
        csv.commit();
    }
    const std::string text = test::read_text_file(dir / "district_summary.csv");
    CHECK(text ==
          "\xEF\xBB\xBF"
          "name,parks,area_m2,ratio,checked\r\n"
          "东湖区,12345678901,1234567.5,0.50,2024-03-05\r\n"
          "\"a, \"\"quoted\"\"\nname\",,,,\r\n"
          ",,,,\r\n");
    CHECK(files_in(dir.path()) == std::vector<std::string>{"district_summary.csv"});

    SECTION("a CSV writer destroyed without commit leaves nothing") {
        { CsvWriter csv(dir.path().string(), "unfinished", fields); }
        CHECK(files_in(dir.path()) == std::vector<std::string>{"district_summary.csv"});
    }
}

namespace {

/// The one place a table's rows are set: the point of RowSink.
void write_parks(RowSink& out, const geom::MultiPolygonColumn& parks) {
    for (std::size_t f = 0; f < parks.size(); ++f) {
        out.set_text(0, fmt::format("公园{}", f));
        out.set_real(1, parks.area(f));
        out.set_polygon(parks, f);
        out.commit_row();
    }
}

}  // namespace

TEST_CASE("writer: one row-setting function fills the GeoPackage layer and the CSV", "[report][writer]") {
    test::ScratchDir dir("writer-tee");
    const auto parks = make_parcels(30);
    const std::vector<FieldDef> fields = {{"name", FieldDef::Text}, {"area_m2", FieldDef::Real}};
    {
        GpkgWriter gpkg(dir / "plan.gpkg", kEpsg);
        CsvWriter csv(dir.path().string(), "park_capacity", fields);
        TeeSink both(gpkg.add_layer("park_capacity", GeometryType::Polygon, fields), csv);
        write_parks(both, parks);
        gpkg.commit();
        csv.commit();
    }
    auto ds = open_read(dir / "plan.gpkg");
    REQUIRE(ds);
    CHECK(ds->GetLayerByName("park_capacity")->GetFeatureCount() == 30);
    const std::string text = test::read_text_file(dir / "park_capacity.csv");
    std::size_t lines = 0;
    for (std::size_t at = text.find("\r\n"); at != std::string::npos; at = text.find("\r\n", at + 2)) ++lines;
    CHECK(lines == 31);  // header + 30 rows
    CHECK(text.find(fmt::format("公园29,{}\r\n", parks.area(29))) != std::string::npos);
}
