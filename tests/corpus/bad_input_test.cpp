// The bad-input corpus (see corpus.hpp): one row per kind of broken input, each
// written as real files and run through the parkcap binary. A row is
//   {name, build, exit code, what the messages say, rejects rows, record counts}
// and a kind that still fails carries the reason in a last member, printed by
// the test until the bug is fixed. Kinds are grouped by what is broken; each
// group is one test case, so ctest runs them side by side.
#include <catch2/catch.hpp>

#include <set>

#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include "corpus/corpus.hpp"
#include "support/fixtures.hpp"
#include "support/shapefile_bytes.hpp"

using namespace parkcap::test;
using namespace parkcap::test::corpus;

namespace {

// ---- small builders the rows share --------------------------------------------------

FeatureData& dk(LayerData& l, const std::string& id) { return l.feature("parcel_id", id); }

/// An edit setting one field of one parcel.
Bench::Edit set_parcel(const std::string& id, const std::string& field, const std::string& value) {
    return [=](LayerData& l) { dk(l, id).values[field] = value; };
}

/// An edit giving one parcel a new outline (WKT in EPSG:4528).
Bench::Edit outline(const std::string& id, const std::string& wkt) {
    return [=](LayerData& l) { dk(l, id).wkt = wkt; };
}

/// Text dates, so a cell can hold what a DBF date field could not.
Bench::Edit text_dates(const Bench::Edit& then = {}) {
    return [=](LayerData& l) {
        for (const char* f : {"appr_date", "supp_date", "start_due", "start_date", "halt_date"}) l.set_field_type(f, OFTString, 12);
        if (then) then(l);
    };
}

/// A ring through points given as offsets in metres from (kE0, kN0), written as given (not closed).
std::string ring(const std::vector<std::pair<double, double>>& pts) {
    std::string s = "(";
    for (std::size_t i = 0; i < pts.size(); ++i) s += fmt::format("{}{} {}", i ? ", " : "", kE0 + pts[i].first, kN0 + pts[i].second);
    return s + ")";
}

/// The canonical city as Shapefiles, then the parcels .dbf damaged by `damage`.
Run with_dbf(Bench& b, const std::function<void(Dbf&)>& damage, const std::string& layer = "parcels") {
    b.city();
    Dbf dbf(b.data(layer + ".dbf"));
    damage(dbf);
    dbf.save();
    return b.info();
}

/// A parcel's optional number written into its .dbf cell as text GDAL would half-read.
Run dbf_number(Bench& b, std::size_t record, const std::string& field, const std::string& text) {
    return with_dbf(b, [&](Dbf& d) { d.set(record, field, text); });
}

/// Replaces the geometry of parcel `id` in a GeoPackage with one WKT cannot spell (NaN coordinates).
void set_gpkg_geometry(const std::string& gpkg, const std::string& id, const OGRGeometry& g) {
    GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
    REQUIRE(ds);
    OGRLayer* layer = ds->GetLayerByName("parcels");
    REQUIRE(layer);
    for (auto& f : *layer)
        if (id == f->GetFieldAsString("parcel_id")) {
            f->SetGeometry(&g);
            REQUIRE(layer->SetFeature(f.get()) == OGRERR_NONE);
            return;
        }
    FAIL("no parcel " << id << " in " << gpkg);
}

/// The .prj GDAL writes for EPSG:`epsg` (ESRI WKT, as ArcGIS and QGIS write it).
std::string prj_of(int epsg) {
    OGRSpatialReference srs;
    REQUIRE(srs.importFromEPSG(epsg) == OGRERR_NONE);
    srs.morphToESRI();
    char* wkt = nullptr;
    srs.exportToWkt(&wkt);
    std::string s(wkt);
    CPLFree(wkt);
    return s;
}

/// A districts layer whose boundaries hold the canonical parcels: 321291 west of
/// x = 2100, 321283 between the parks and east of them, 321282 around P02.
LayerData districts_layer() {
    LayerData l;
    l.name = "districts";
    l.geometry_type = wkbMultiPolygon;
    l.fields = {{"district", OFTString, 12}, {"name", OFTString, 40}};
    l.features = {
        {rect_wkt(-100, -1000, 2100, 1600), {{"district", "321291"}, {"name", "泰州医药高新区"}}},
        {rect_wkt(2900, -1000, 4600, 1600), {{"district", "321282"}, {"name", "靖江市"}}},
        {"MULTIPOLYGON (((" + fmt::format("{0} {1}, {2} {1}, {2} {3}, {0} {3}, {0} {1}", kE0 + 2100, kN0 - 1000, kE0 + 2900,
                                          kN0 + 1600) +
             ")), ((" + fmt::format("{0} {1}, {2} {1}, {2} {3}, {0} {3}, {0} {1}", kE0 + 4600, kN0 - 1000, kE0 + 6100, kN0 + 1600) +
             ")))",
         {{"district", "321283"}, {"name", "泰兴市"}}},
    };
    return l;
}

/// The canonical city with a districts layer, that layer edited first.
Run with_districts(Bench& b, const Bench::Edit& edit, const Bench::Edit& parcels = {}) {
    b.city(parcels);
    LayerData d = districts_layer();
    if (edit) edit(d);
    write_layer_file(b.data(), "ESRI Shapefile", d);
    return b.info();
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size()) s.replace(at, from.size(), to);
    return s;
}

/// Line `n` of a CRLF table (0: the header).
std::string table_line(const std::string& table, std::size_t n) {
    std::size_t start = 0;
    for (std::size_t k = 0; k < n; ++k) start = table.find("\r\n", start) + 2;
    return table.substr(start, table.find("\r\n", start) - start);
}

/// The canonical projects.csv with its line `line` (1..3: PJ01..PJ03) replaced.
Run project_line(Bench& b, std::size_t line, const std::string& text) {
    b.city();
    b.edit_csv("projects.csv", line, text);
    return b.info();
}
Run quota_line(Bench& b, std::size_t line, const std::string& text) {
    b.city();
    b.edit_csv("quota.csv", line, text);
    return b.info();
}

/// The canonical city and a mapping file DIR/data/m.toml holding `toml`.
Run with_mapping(Bench& b, const std::string& toml) {
    b.city();
    b.file("m.toml", toml);
    return b.info("--mapping " + b.data("m.toml"));
}
Run with_rules(Bench& b, const std::string& toml) {
    b.city();
    b.file("r.toml", toml);
    return b.info("--rules " + b.data("r.toml"));
}
Run with_overrides(Bench& b, const std::string& toml) {
    b.city();
    b.file("o.toml", toml);
    return b.plan("--overrides " + b.data("o.toml"));
}

// The canonical counts: 12 parcels, 2 parks, 3 shoreline segments, 3 projects, 3 quota rows.
Tally parcels(uint64_t read, uint64_t kept, uint64_t merged, uint64_t rejected) { return {"parcels", read, kept, merged, rejected}; }
const Tally kAllParcels = parcels(12, 12, 0, 0);
Tally one_parcel_rejected() { return parcels(12, 11, 0, 1); }
Tally layer(const std::string& name, uint64_t read, uint64_t kept, uint64_t rejected, uint64_t merged = 0) {
    return {name, read, kept, merged, rejected};
}

// ---- the groups -----------------------------------------------------------------------

Group shapefile_container() {
    return {"Shapefile container", {
        {"dbf header counts fewer records than the .shp has shapes",
         [](Bench& b) { return with_dbf(b, [](Dbf& d) { d.set_record_count(4); }); },
         0, {"FID 4..11 (8 features)"}, {{"record.unread", "parcels.shp", "parcels", "4", ""}}, parcels(12, 4, 0, 8)},
        {"dbf file ends after 4 records, its header still counting 12",
         [](Bench& b) { return with_dbf(b, [](Dbf& d) { d.keep_records(4); }); },
         3, {"{data}/parcels.shp:parcels: reading failed after 4 records"}, {}, parcels(4, 4, 0, 0)},
        {"dbf cut to 4 records and its header with it",
         [](Bench& b) { return with_dbf(b, [](Dbf& d) { d.keep_records(4); d.set_record_count(4); }); },
         0, {"only 4 attribute records"}, {{"record.unread", "parcels.shp", "parcels", "4", ""}}, parcels(12, 4, 0, 8)},
        {"dbf header counting one record fewer than the shapes",
         [](Bench& b) { return with_dbf(b, [](Dbf& d) { d.set_record_count(11); }); },
         0, {"FID 11..11 (1 features)"}, {{"record.unread", "parcels.shp", "parcels", "11", ""}}, parcels(12, 11, 0, 1)},
        {"last dbf record marked deleted",
         [](Bench& b) { return with_dbf(b, [](Dbf& d) { d.mark_deleted(11); }); },
         0, {"FID 11: marked deleted"}, {{"record.deleted", "parcels.shp", "parcels", "11", ""}}, parcels(12, 11, 0, 1)},
        {"dbf header counts more records than the file holds",
         [](Bench& b) { return with_dbf(b, [](Dbf& d) { d.set_record_count(20); }); },
         0, {}, {}, kAllParcels},
        {"dbf holds two attribute records more than the .shp has shapes",
         [](Bench& b) { return with_dbf(b, [](Dbf& d) { d.append_copy_of(10); d.append_copy_of(11); d.set_record_count(14); }); },
         0, {"FID 12..13 (2 records)", "14 attribute records", "12 shapes"},
         {{"record.unread", "parcels.shp", "parcels", "12", ""}}, parcels(14, 12, 0, 2)},
        {"dbf records marked deleted",
         [](Bench& b) { return with_dbf(b, [](Dbf& d) { d.mark_deleted(2); d.mark_deleted(7); }); },
         0, {"marked deleted"},
         {{"record.deleted", "parcels.shp", "parcels", "2", ""}, {"record.deleted", "parcels.shp", "parcels", "7", ""}},
         parcels(12, 10, 0, 2)},
        {"every dbf record marked deleted",
         [](Bench& b) { return with_dbf(b, [](Dbf& d) { for (std::size_t r = 0; r < 12; ++r) d.mark_deleted(r); }); },
         4, {"{data}/parcels.shp:parcels: no usable parcels (12 read, 12 rejected)"},
         {{"record.deleted", "parcels.shp", "parcels", "0", ""}}, parcels(12, 0, 0, 12)},
        {".shx missing",
         [](Bench& b) { b.city(); fs::remove(b.data("parcels.shx")); return b.info(); },
         3, {"{data}/parcels.shp", ".shx"}, {}, kNothingRead},
        {".shx cut in the middle of an entry",
         [](Bench& b) {
             b.city();
             ShapeHeader shx(b.data("parcels.shx"));
             shx.bytes.resize(100 + 8 * 6 + 3);
             shx.save();
             return b.info();
         },
         3, {"{data}/parcels.shp", ".shx"}, {}, kNothingRead},
        {".shx indexing only the first 6 of 12 shapes",
         [](Bench& b) {
             b.city();
             ShapeHeader shx(b.data("parcels.shx"));
             shx.keep_shx_entries(6);
             shx.save();
             return b.info();
         },
         0, {"FID 6..11 (6 records)", "12 attribute records", "6 shapes"},
         {{"record.unread", "parcels.shp", "parcels", "6", ""}}, parcels(12, 6, 0, 6)},
        {".shp cut in half",
         [](Bench& b) {
             b.city();
             fs::resize_file(b.data("parcels.shp"), fs::file_size(b.data("parcels.shp")) / 2);
             return b.info();
         },
         3, {"{data}/parcels.shp:parcels: reading failed after"}, {}, layer("parks", 2, 2, 0)},
        {".shp header claiming half its length (the .shx still finds every shape)",
         [](Bench& b) {
             b.city();
             ShapeHeader shp(b.data("parcels.shp"));
             shp.set_length_words(shp.length_words() / 2);
             shp.save();
             return b.info();
         },
         0, {}, {}, kAllParcels},
        {".shp missing beside its .dbf",
         [](Bench& b) { b.city(); fs::remove(b.data("parcels.shp")); fs::remove(b.data("parcels.shx")); return b.info(); },
         3, {"{data}/parcels.dbf", "parcels.shp"}, {}, kNothingRead},
        {"parcels.shp and parcels.gpkg side by side in the data folder",
         [](Bench& b) {
             b.city();
             LayerData other = parcels_layer();
             for (auto& f : other.features) f.values["parcel_id"] += "-B";
             write_layer_file(b.data(), "GPKG", other);
             return b.info();
         },
         0, {"parcels.shp is read as the parcels instead"}, {{"source.skipped", "parcels.gpkg", "", "", ""}}, kAllParcels},
        {"GeoPackage as DATA with several layers, none named parcels",
         [](Bench& b) {
             LayerData a = parcels_layer(), c = parcels_layer();
             a.name = "DK_2025";
             c.name = "DK_2026";
             write_layers(b.data("city.gpkg"), "GPKG", {a, c});
             b.data_is(b.data("city.gpkg"));
             return b.info();
         },
         3, {"{data}/city.gpkg: has no layer named 'parcels' and several layers (DK_2025, DK_2026)"}, {}, kNothingRead},
        {"data folder without any parcels layer",
         [](Bench& b) { b.city(); for (const char* ext : {".shp", ".shx", ".dbf", ".prj", ".cpg"}) fs::remove(b.data(std::string("parcels") + ext)); return b.info(); },
         3, {"{data}: no parcels layer found"}, {}, kNothingRead},
        {".dbf missing beside its .shp",
         [](Bench& b) { b.city(); fs::remove(b.data("parcels.dbf")); return b.info(); },
         3, {"{data}/parcels.shp: its attribute table parcels.dbf is missing"}, {}, kNothingRead},
    }};
}

Group crs() {
    return {"CRS", {
        {".prj missing",
         [](Bench& b) { b.city(); fs::remove(b.data("parcels.prj")); return b.info(); },
         4, {"{data}/parcels.shp:parcels: ", "no CRS", "crs = "}, {}, kNothingRead},
        {".prj says longitude/latitude over Gauss-Krüger metres",
         [](Bench& b) { b.city(); b.file("parcels.prj", prj_of(4490)); return b.info(); },
         4, {"{data}/parcels.shp:parcels", "EPSG:4528"}, {}, kNothingRead},
        {".prj names the neighbouring 3-degree zone",
         [](Bench& b) { b.city(); b.file("parcels.prj", prj_of(4527)); return b.info(); },
         4, {"{data}/parcels.shp:parcels", "EPSG:4528"}, {}, kNothingRead},
        {".prj that is no CRS at all",
         [](Bench& b) { b.city(); b.file("parcels.prj", "this is not a projection"); return b.info(); },
         4, {"{data}/parcels.shp:parcels", "no CRS"}, {}, kNothingRead},
        {"parks .prj contradicting its coordinates",
         [](Bench& b) { b.city(); b.file("parks.prj", prj_of(4490)); return b.info(); },
         4, {"{data}/parks.shp:parks", "EPSG:4528"}, {}, kNothingRead},
        {"one parcel's easting without its zone number",
         [](Bench& b) { b.city(outline("DK010", rect_wkt(5000 - 40'000'000, 0, 5300 - 40'000'000, 250))); return b.info(); },
         0, {}, {{"geometry.outside_crs", "parcels.shp", "parcels", "DK010", ""}}, one_parcel_rejected()},
        {"one parcel in degrees inside a metric layer",
         [](Bench& b) {
             b.city(outline("DK010", "POLYGON ((119.9 32.4, 119.901 32.4, 119.901 32.401, 119.9 32.401, 119.9 32.4))"));
             return b.info();
         },
         0, {}, {{"geometry.outside_crs", "parcels.shp", "parcels", "DK010", ""}}, one_parcel_rejected()},
        {"one parcel with coordinates of 1e300",
         [](Bench& b) { b.city(outline("DK010", "POLYGON ((1e300 1e300, 2e300 1e300, 2e300 2e300, 1e300 1e300))")); return b.info(); },
         0, {}, {{"geometry.outside_crs", "parcels.shp", "parcels", "DK010", ""}}, one_parcel_rejected()},
    }};
}

Group geometry() {
    return {"geometry", {
        {"null geometry",
         [](Bench& b) { b.city(outline("DK003", "")); return b.info(); },
         0, {"no geometry"}, {{"geometry.null", "parcels.shp", "parcels", "DK003", ""}}, one_parcel_rejected()},
        {"empty geometry in a GeoPackage",
         [](Bench& b) { b.city(outline("DK008", "POLYGON EMPTY"), "GPKG"); return b.info(); },
         0, {"empty geometry"}, {{"geometry.empty", "parcels.gpkg", "parcels", "DK008", ""}}, one_parcel_rejected()},
        {"self-intersecting polygon (a bow tie)",
         [](Bench& b) { b.city(outline("DK010", "POLYGON (" + ring({{5000, 0}, {5100, 100}, {5100, 0}, {5000, 100}, {5000, 0}}) + ")")); return b.info(); },
         0, {"Self-intersection"}, {{"geometry.repaired", "parcels.shp", "parcels", "DK010", ""}}, kAllParcels},
        {"unclosed ring in a Shapefile",
         [](Bench& b) { b.city(outline("DK010", "POLYGON (" + ring({{5000, 0}, {5300, 0}, {5300, 250}, {5000, 250}}) + ")")); return b.info(); },
         0, {}, {{"geometry.repaired", "parcels.shp", "parcels", "DK010", ""}}, kAllParcels},
        {"unclosed ring in a GeoPackage",
         [](Bench& b) { b.city(outline("DK010", "POLYGON (" + ring({{5000, 0}, {5300, 0}, {5300, 250}, {5000, 250}}) + ")"), "GPKG"); return b.info(); },
         0, {}, {{"geometry.repaired", "parcels.gpkg", "parcels", "DK010", ""}}, kAllParcels},
        {"ring of three points (two distinct, closed)",
         [](Bench& b) { b.city(outline("DK010", "POLYGON (" + ring({{5000, 0}, {5300, 0}, {5000, 0}}) + ")"), "GPKG"); return b.info(); },
         0, {"Too few points"}, {{"geometry.unrepairable", "parcels.gpkg", "parcels", "DK010", ""}}, one_parcel_rejected()},
        {"ring of two points",
         [](Bench& b) { b.city(outline("DK010", "POLYGON (" + ring({{5000, 0}, {5300, 0}}) + ")"), "GPKG"); return b.info(); },
         0, {}, {{"geometry.unrepairable", "parcels.gpkg", "parcels", "DK010", ""}}, one_parcel_rejected()},
        {"hole of three points in a good outline",
         [](Bench& b) {
             b.city(outline("DK010", "POLYGON (" + ring({{5000, 0}, {5300, 0}, {5300, 250}, {5000, 250}, {5000, 0}}) + ", " +
                                         ring({{5100, 100}, {5200, 100}, {5100, 100}}) + ")"),
                    "GPKG");
             return b.info();
         },
         0, {}, {{"geometry.repaired", "parcels.gpkg", "parcels", "DK010", ""}}, kAllParcels},
        {"multipolygon whose parts overlap",
         [](Bench& b) {
             b.city(outline("DK011", "MULTIPOLYGON ((" + ring({{5500, 0}, {5600, 0}, {5600, 100}, {5500, 100}, {5500, 0}}) + "), (" +
                                         ring({{5550, 0}, {5650, 0}, {5650, 100}, {5550, 100}, {5550, 0}}) + "))"));
             return b.info();
         },
         0, {"MakeValid"}, {{"geometry.repaired", "parcels.shp", "parcels", "DK011", ""}}, kAllParcels},
        {"multipolygon holding the same part twice",
         [](Bench& b) {
             const std::string part = "(" + ring({{5500, 0}, {5600, 0}, {5600, 100}, {5500, 100}, {5500, 0}}) + ")";
             b.city(outline("DK011", "MULTIPOLYGON (" + part + ", " + part + ")"), "GPKG");
             return b.info();
         },
         0, {}, {{"geometry.repaired", "parcels.gpkg", "parcels", "DK011", ""}}, kAllParcels},
        {"hole lying outside its shell",
         [](Bench& b) {
             b.city(outline("DK010", "POLYGON (" + ring({{5000, 0}, {5300, 0}, {5300, 250}, {5000, 250}, {5000, 0}}) + ", " +
                                         ring({{5400, 0}, {5450, 0}, {5450, 50}, {5400, 50}, {5400, 0}}) + ")"),
                    "GPKG");
             return b.info();
         },
         0, {}, {{"geometry.repaired", "parcels.gpkg", "parcels", "DK010", ""}}, kAllParcels},
        {"polygon of collinear points (no area)",
         [](Bench& b) { b.city(outline("DK010", "POLYGON (" + ring({{5000, 0}, {5100, 0}, {5300, 0}, {5000, 0}}) + ")"), "GPKG"); return b.info(); },
         0, {}, {{"geometry.unrepairable", "parcels.gpkg", "parcels", "DK010", ""}}, one_parcel_rejected()},
        {"point among the polygons of a GeoJSON",
         [](Bench& b) {
             b.city([](LayerData& l) { l.geometry_type = wkbUnknown; dk(l, "DK011").wkt = fmt::format("POINT ({} {})", kE0 + 5500, kN0 + 50); },
                    "GeoJSON");
             return b.info();
         },
         0, {"Point"}, {{"geometry.type", "parcels.geojson", "parcels", "DK011", ""}}, one_parcel_rejected()},
        {"line among the polygons of a GeoPackage",
         [](Bench& b) {
             b.city([](LayerData& l) { l.geometry_type = wkbUnknown; dk(l, "DK011").wkt = "LINESTRING " + ring({{5500, 0}, {5600, 100}}); },
                    "GPKG");
             return b.info();
         },
         0, {"Line String"}, {{"geometry.type", "parcels.gpkg", "parcels", "DK011", ""}}, one_parcel_rejected()},
        {"coordinates that are NaN",
         [](Bench& b) {
             b.city({}, "GPKG");
             CPLPushErrorHandler(CPLQuietErrorHandler);  // GDAL cannot update the layer extent with NaN: that is the point
             OGRPolygon nan_square;
             OGRLinearRing r;
             for (int k = 0; k < 5; ++k) r.addPoint(std::nan(""), std::nan(""));
             nan_square.addRing(&r);
             set_gpkg_geometry(b.data("parcels.gpkg"), "DK010", nan_square);
             CPLPopErrorHandler();
             return b.info();
         },
         0, {"x nan"}, {{"geometry.outside_crs", "parcels.gpkg", "parcels", "DK010", ""}}, one_parcel_rejected()},
        {"parcels stored as points",
         [](Bench& b) {
             b.city([](LayerData& l) {
                 l.geometry_type = wkbPoint;
                 for (auto& f : l.features) f.wkt = fmt::format("POINT ({} {})", kE0 + 100, kN0 + 100);
             });
             return b.info();
         },
         4, {"{data}/parcels.shp:parcels:", "expected polygons"}, {}, kNothingRead},
        {"park without geometry",
         [](Bench& b) { b.city({}, "ESRI Shapefile", [](LayerData& l) { l.feature("park_id", "P02").wkt = ""; }); return b.info(); },
         0, {}, {{"geometry.null", "parks.shp", "parks", "P02", ""}}, layer("parks", 2, 1, 1)},
        {"shoreline segment of one repeated point",
         [](Bench& b) {
             b.city({}, "ESRI Shapefile", {}, [](LayerData& l) {
                 l.feature("shore_id", "S03").wkt = "LINESTRING " + ring({{3300, -700}, {3300, -700}});
             });
             return b.info();
         },
         0, {"fewer than 2 distinct points"}, {{"geometry.invalid", "shoreline.shp", "shoreline", "S03", ""}},
         layer("shoreline", 3, 2, 1)},
    }};
}

Group identifiers() {
    return {"identifiers", {
        {"exact double entry of a parcel",
         [](Bench& b) { b.city([](LayerData& l) { l.features.push_back(dk(l, "DK005")); }); return b.info(); },
         0, {}, {{"id.duplicate", "parcels.shp", "parcels", "DK005", "parcel_id"}}, parcels(13, 12, 1, 0)},
        {"same parcel_id on a different parcel",
         [](Bench& b) { b.city(set_parcel("DK012", "parcel_id", "DK001")); return b.info(); },
         0, {"'DK001#2'"}, {{"id.conflict", "parcels.shp", "parcels", "DK001", "parcel_id"}}, kAllParcels},
        {"same parcel_id and outline, different values",
         [](Bench& b) {
             b.city([](LayerData& l) {
                 FeatureData copy = dk(l, "DK004");
                 copy.values["tax"] = "999";
                 l.features.push_back(copy);
             });
             return b.info();
         },
         0, {}, {{"id.merged", "parcels.shp", "parcels", "DK004", "parcel_id"}}, parcels(13, 12, 1, 0)},
        {"empty parcel_id",
         [](Bench& b) { b.city(set_parcel("DK005", "parcel_id", "")); return b.info(); },
         0, {}, {{"id.made", "parcels.shp", "parcels", "4", "parcel_id"}}, kAllParcels},
        {"a parcel stacked on another under its own id",
         [](Bench& b) {
             b.city([](LayerData& l) {
                 FeatureData copy = dk(l, "DK010");
                 copy.values["parcel_id"] = "DK013";
                 l.features.push_back(copy);
             });
             return b.info();
         },
         0, {"DK010"}, {{"parcel.overlap", "parcels.shp", "parcels", "DK013", ""}}, parcels(13, 13, 0, 0)},
        {"another park under a park_id already used",
         [](Bench& b) { b.city({}, "ESRI Shapefile", [](LayerData& l) { l.feature("park_id", "P02").values["park_id"] = "P01"; }); return b.info(); },
         0, {}, {{"id.conflict", "parks.shp", "parks", "P01", "park_id"}}, layer("parks", 2, 2, 0)},
        {"a park drawn in two records",
         [](Bench& b) {
             b.city({}, "ESRI Shapefile", [](LayerData& l) {
                 FeatureData& second = l.feature("park_id", "P02");
                 second.values = l.feature("park_id", "P01").values;
             });
             return b.info();
         },
         0, {}, {{"id.parts", "parks.shp", "parks", "P01", "park_id"}}, layer("parks", 2, 1, 0, 1)},
        {"an exact double of a park",
         [](Bench& b) {
             b.city({}, "ESRI Shapefile", [](LayerData& l) {
                 const FeatureData copy = l.feature("park_id", "P01");
                 l.features.push_back(copy);
             });
             return b.info();
         },
         0, {}, {{"id.duplicate", "parks.shp", "parks", "P01", "park_id"}}, layer("parks", 3, 2, 0, 1)},
        {"another segment under a shore_id already used",
         [](Bench& b) { b.city({}, "ESRI Shapefile", {}, [](LayerData& l) { l.feature("shore_id", "S03").values["shore_id"] = "S01"; }); return b.info(); },
         0, {}, {{"id.conflict", "shoreline.shp", "shoreline", "S01", "shore_id"}}, layer("shoreline", 3, 3, 0)},
        {"an exact double of a shoreline segment",
         [](Bench& b) {
             b.city({}, "ESRI Shapefile", {}, [](LayerData& l) {
                 const FeatureData copy = l.feature("shore_id", "S02");
                 l.features.push_back(copy);
             });
             return b.info();
         },
         0, {}, {{"id.duplicate", "shoreline.shp", "shoreline", "S02", "shore_id"}}, layer("shoreline", 4, 3, 0, 1)},
        {"another project under a project_id already used",
         [](Bench& b) { return project_line(b, 3, "PJ01,智能仓储物流中心,G5960,321283,80,40000,1500,40,0,0,0"); },
         0, {}, {{"id.conflict", "projects.csv", "projects", "PJ01", "project_id"}}, layer("projects", 3, 3, 0)},
        {"an exact double of a project",
         [](Bench& b) {
             b.city();
             const std::string first = table_line(projects_csv_utf8(), 1);
             b.edit_csv("projects.csv", 4, first);
             return b.info();
         },
         0, {}, {{"id.duplicate", "projects.csv", "projects", "PJ01", "project_id"}}, layer("projects", 4, 3, 0, 1)},
        {"two quota rows of one district that disagree",
         [](Bench& b) { return quota_line(b, 3, "321282,泰兴市,650.5,0"); },
         0, {}, {{"id.duplicate", "quota.csv", "quota", "321282", "district"}}, layer("quota", 3, 2, 1)},
        {"an exact double of a quota row",
         [](Bench& b) {
             b.city();
             const std::string first = table_line(quota_csv_utf8(), 1);
             b.edit_csv("quota.csv", 4, first);
             return b.info();
         },
         0, {}, {{"id.duplicate", "quota.csv", "quota", "321291", "district"}}, layer("quota", 4, 3, 0, 1)},
        {"a district code again under another name",
         [](Bench& b) { return with_districts(b, [](LayerData& l) { l.feature("district", "321282").values["district"] = "321291"; }); },
         0, {}, {{"id.duplicate", "districts.shp", "districts", "321291", "district"}}, layer("districts", 3, 2, 1)},
        {"a district drawn in two records",
         [](Bench& b) {
             return with_districts(b, [](LayerData& l) {
                 FeatureData& second = l.feature("district", "321282");
                 second.values = l.feature("district", "321291").values;
             });
         },
         0, {}, {{"id.parts", "districts.shp", "districts", "321291", "district"}}, layer("districts", 3, 2, 0, 1)},
    }};
}

Group attributes() {
    return {"attributes and codes", {
        {"empty district",
         [](Bench& b) { b.city(set_parcel("DK004", "district", "")); return b.info(); },
         0, {"incomplete"}, {{"field.missing", "parcels.shp", "parcels", "DK004", "district"}}, kAllParcels},
        {"empty land_use",
         [](Bench& b) { b.city(set_parcel("DK005", "land_use", "")); return b.info(); },
         0, {"incomplete"}, {{"field.missing", "parcels.shp", "parcels", "DK005", "land_use"}}, kAllParcels},
        {"empty status",
         [](Bench& b) { b.city(set_parcel("DK009", "status", "")); return b.info(); },
         0, {"incomplete"}, {{"field.missing", "parcels.shp", "parcels", "DK009", "status"}}, kAllParcels},
        {"status of blanks only",
         [](Bench& b) { b.city(set_parcel("DK009", "status", "    ")); return b.info(); },
         0, {}, {{"field.missing", "parcels.shp", "parcels", "DK009", "status"}}, kAllParcels},
        {"unknown status code",
         [](Bench& b) { b.city(set_parcel("DK009", "status", "idle")); return b.info(); },
         0, {"'idle'", "[parcels.values.status]"}, {{"field.invalid", "parcels.shp", "parcels", "DK009", "status"}}, kAllParcels},
        {"status in Chinese without a value mapping",
         [](Bench& b) { b.city(set_parcel("DK009", "status", "已建成")); return b.info(); },
         0, {"'已建成'"}, {{"field.invalid", "parcels.shp", "parcels", "DK009", "status"}}, kAllParcels},
        {"unknown land-use code",
         [](Bench& b) { b.city(set_parcel("DK001", "land_use", "farmland")); return b.info(); },
         0, {"'farmland'"}, {{"field.invalid", "parcels.shp", "parcels", "DK001", "land_use"}}, kAllParcels},
        {"industry that is no GB/T 4754 code",
         [](Bench& b) { b.city(set_parcel("DK001", "industry", "Z9999")); return b.info(); },
         0, {"'Z9999'"}, {{"industry.invalid", "parcels.shp", "parcels", "DK001", "industry"}}, kAllParcels},
        {"halt date before the start date",
         [](Bench& b) { b.city(set_parcel("DK003", "halt_date", "2018-01-01")); return b.info(); },
         0, {}, {{"field.inconsistent", "parcels.shp", "parcels", "DK003", "halt_date"}}, kAllParcels},
        {"parcel district unknown to the districts layer",
         [](Bench& b) { return with_districts(b, {}, set_parcel("DK010", "district", "329999")); },
         0, {"329999"}, {{"district.unknown", "parcels.shp", "parcels", "DK010", "district"}}, kAllParcels},
        {"unknown park level",
         [](Bench& b) { b.city({}, "ESRI Shapefile", [](LayerData& l) { l.feature("park_id", "P02").values["level"] = "county"; }); return b.info(); },
         0, {"'county'"}, {{"field.invalid", "parks.shp", "parks", "P02", "level"}}, layer("parks", 2, 1, 1)},
        {"park without a name",
         [](Bench& b) { b.city({}, "ESRI Shapefile", [](LayerData& l) { l.feature("park_id", "P02").values["name"] = ""; }); return b.info(); },
         0, {}, {{"field.missing", "parks.shp", "parks", "P02", "name"}}, layer("parks", 2, 1, 1)},
        {"park without a host district",
         [](Bench& b) { b.city({}, "ESRI Shapefile", [](LayerData& l) { l.feature("park_id", "P01").values["district"] = ""; }); return b.info(); },
         0, {}, {{"field.missing", "parks.shp", "parks", "P01", "district"}}, layer("parks", 2, 1, 1)},
        {"chemical-park flag of 7",
         [](Bench& b) { b.city({}, "ESRI Shapefile", [](LayerData& l) { l.feature("park_id", "P02").values["chem_park"] = std::string("7"); }); return b.info(); },
         0, {"left empty"}, {{"field.invalid", "parks.shp", "parks", "P02", "chem_park"}}, layer("parks", 2, 2, 0)},
        {"park theme that is no industry code",
         [](Bench& b) { b.city({}, "ESRI Shapefile", [](LayerData& l) { l.feature("park_id", "P01").values["themes"] = "C27;医药"; }); return b.info(); },
         0, {"'医药'"}, {{"industry.invalid", "parks.shp", "parks", "P01", "themes"}}, layer("parks", 2, 2, 0)},
        {"unknown shoreline zone",
         [](Bench& b) { b.city({}, "ESRI Shapefile", {}, [](LayerData& l) { l.feature("shore_id", "S02").values["zone"] = "harbour"; }); return b.info(); },
         0, {"'harbour'"}, {{"field.invalid", "shoreline.shp", "shoreline", "S02", "zone"}}, layer("shoreline", 3, 2, 1)},
        {"port flag that is no flag",
         [](Bench& b) {
             b.city({}, "ESRI Shapefile", {}, [](LayerData& l) {
                 l.set_field_type("port", OFTString, 8);
                 l.feature("shore_id", "S02").values["port"] = "maybe";
             });
             return b.info();
         },
         0, {"'maybe'"}, {{"field.invalid", "shoreline.shp", "shoreline", "S02", "port"}}, layer("shoreline", 3, 2, 1)},
        {"district code missing in the districts layer",
         [](Bench& b) { return with_districts(b, [](LayerData& l) { l.feature("district", "321282").values["district"] = ""; }); },
         0, {}, {{"field.missing", "districts.shp", "districts", "", "district"}}, layer("districts", 3, 2, 1)},
    }};
}

Group numbers() {
    return {"numbers", {
        {"'abc' in a numeric .dbf field", [](Bench& b) { return dbf_number(b, 0, "far", "abc"); },
         0, {"'abc'", "left empty"}, {{"field.invalid", "parcels.shp", "parcels", "DK001", "far"}}, kAllParcels},
        {"'1e400' in a numeric .dbf field", [](Bench& b) { return dbf_number(b, 0, "far", "1e400"); },
         0, {"'1e400'"}, {{"field.invalid", "parcels.shp", "parcels", "DK001", "far"}}, kAllParcels},
        {"'--3' in a numeric .dbf field", [](Bench& b) { return dbf_number(b, 0, "far", "--3"); },
         0, {"'--3'"}, {{"field.invalid", "parcels.shp", "parcels", "DK001", "far"}}, kAllParcels},
        {"'1,5' in a numeric .dbf field", [](Bench& b) { return dbf_number(b, 0, "far", "1,5"); },
         0, {"'1,5'"}, {{"field.invalid", "parcels.shp", "parcels", "DK001", "far"}}, kAllParcels},
        {"'NaN' in a numeric .dbf field", [](Bench& b) { return dbf_number(b, 0, "far", "NaN"); },
         0, {"'NaN'"}, {{"field.invalid", "parcels.shp", "parcels", "DK001", "far"}}, kAllParcels},
        {"'inf' in a numeric .dbf field", [](Bench& b) { return dbf_number(b, 3, "tax", "inf"); },
         0, {"'inf'"}, {{"field.invalid", "parcels.shp", "parcels", "DK004", "tax"}}, kAllParcels},
        {"'0x1A' in a numeric .dbf field", [](Bench& b) { return dbf_number(b, 3, "output", "0x1A"); },
         0, {"'0x1A'"}, {{"field.invalid", "parcels.shp", "parcels", "DK004", "output"}}, kAllParcels,
         "read as 26 without a word: GDAL parses a .dbf number with atof, which takes hexadecimal, before parkcap sees "
         "it; catching it means reading every numeric .dbf cell a second time, which a million-parcel load should not "
         "pay for a hand edit this rare"},
        {"'inf' in a text column read as a number",
         [](Bench& b) {
             b.city([](LayerData& l) { l.set_field_type("far", OFTString, 12); dk(l, "DK004").values["far"] = "inf"; }, "GPKG");
             return b.info();
         },
         0, {"'inf' is not a number"}, {{"field.invalid", "parcels.gpkg", "parcels", "DK004", "far"}}, kAllParcels},
        {"'0x1A' in a text column read as a number",
         [](Bench& b) {
             b.city([](LayerData& l) { l.set_field_type("output", OFTString, 12); dk(l, "DK004").values["output"] = "0x1A"; }, "GPKG");
             return b.info();
         },
         0, {"'0x1A'"}, {{"field.invalid", "parcels.gpkg", "parcels", "DK004", "output"}}, kAllParcels},
        {"negative investment", [](Bench& b) { b.city(set_parcel("DK008", "inv_done", "-5")); return b.info(); },
         0, {"-5"}, {{"field.out_of_range", "parcels.shp", "parcels", "DK008", "inv_done"}}, kAllParcels},
        {"development ratio above 1", [](Bench& b) { b.city(set_parcel("DK003", "dev_ratio", "1.3")); return b.info(); },
         0, {"1.3", "0..1"}, {{"field.out_of_range", "parcels.shp", "parcels", "DK003", "dev_ratio"}}, kAllParcels},
        {"coverage written as a percentage", [](Bench& b) { b.city(set_parcel("DK004", "coverage", "42")); return b.info(); },
         0, {"percentage"}, {{"field.out_of_range", "parcels.shp", "parcels", "DK004", "coverage"}}, kAllParcels},
        {"'abc' in a text column of a GeoPackage read as a number",
         [](Bench& b) {
             b.city([](LayerData& l) { l.set_field_type("tax", OFTString, 12); dk(l, "DK004").values["tax"] = "abc"; }, "GPKG");
             return b.info();
         },
         0, {"'abc'"}, {{"field.invalid", "parcels.gpkg", "parcels", "DK004", "tax"}}, kAllParcels},
        {"negative surveyed area",
         [](Bench& b) {
             b.city([](LayerData& l) {
                 l.fields.push_back({"survey_mu", OFTReal, 12, 2});
                 dk(l, "DK001").values["survey_mu"] = "-90";
             });
             return b.info();
         },
         0, {"-90"}, {{"field.out_of_range", "parcels.shp", "parcels", "DK001", "survey_mu"}}, kAllParcels},
        {"surveyed area typed in m² where 亩 belong",
         [](Bench& b) {
             b.city([](LayerData& l) {
                 l.fields.push_back({"survey_mu", OFTReal, 12, 2});
                 dk(l, "DK001").values["survey_mu"] = "60000";
             });
             return b.info();
         },
         0, {"666.67"}, {{"area.survey", "parcels.shp", "parcels", "DK001", "survey_mu"}}, kAllParcels},
    }};
}

Group dates() {
    return {"dates", {
        {"impossible date 2026-02-30", [](Bench& b) { b.city(text_dates(set_parcel("DK002", "supp_date", "2026-02-30"))); return b.info(); },
         0, {"'2026-02-30'", "left empty"}, {{"field.invalid", "parcels.shp", "parcels", "DK002", "supp_date"}}, kAllParcels},
        {"malformed date 2019/13/45", [](Bench& b) { b.city(text_dates(set_parcel("DK002", "appr_date", "2019/13/45"))); return b.info(); },
         0, {"'2019/13/45'"}, {{"field.invalid", "parcels.shp", "parcels", "DK002", "appr_date"}}, kAllParcels},
        {"date in words", [](Bench& b) { b.city(text_dates(set_parcel("DK007", "appr_date", "去年年底"))); return b.info(); },
         0, {"'去年年底'", "date_formats"}, {{"field.invalid", "parcels.shp", "parcels", "DK007", "appr_date"}}, kAllParcels},
        {"date as a spreadsheet serial number", [](Bench& b) { b.city(text_dates(set_parcel("DK007", "supp_date", "44260"))); return b.info(); },
         0, {"'44260'"}, {{"field.invalid", "parcels.shp", "parcels", "DK007", "supp_date"}}, kAllParcels},
        {"impossible date in a .dbf date field",
         [](Bench& b) { return with_dbf(b, [](Dbf& d) { d.set_text(1, "supp_date", "20190230"); }); },
         0, {"'20190230' is not a valid date"}, {{"field.invalid", "parcels.shp", "parcels", "DK002", "supp_date"}}, kAllParcels},
        {"letters in a .dbf date field",
         [](Bench& b) { return with_dbf(b, [](Dbf& d) { d.set_text(1, "appr_date", "2019ABCD"); }); },
         0, {"'2019ABCD'"}, {{"field.invalid", "parcels.shp", "parcels", "DK002", "appr_date"}}, kAllParcels},
        {"approval dated 1899", [](Bench& b) { b.city(text_dates(set_parcel("DK001", "appr_date", "1899-12-30"))); return b.info(); },
         0, {"1899-12-30", "earliest_year"}, {{"field.out_of_range", "parcels.shp", "parcels", "DK001", "appr_date"}},
         kAllParcels},
        {"supply dated after the as-of date",
         [](Bench& b) { b.city(text_dates(set_parcel("DK002", "supp_date", "2031-04-10"))); return b.info("--as-of 2026-06-30"); },
         0, {"2031-04-10", "after the audit date 2026-06-30"},
         {{"date.after_as_of", "parcels.shp", "parcels", "DK002", "supp_date"}}, kAllParcels},
    }};
}

Group encodings() {
    return {"encodings", {
        {"GBK Shapefile without .cpg",
         [](Bench& b) {
             b.city({}, "ESRI Shapefile", {}, {}, {4528, {"ENCODING=CP936"}, 4528});
             fs::remove(b.data("parcels.cpg"));
             return b.info();
         },
         0, {"GBK"}, {{"encoding.guessed", "parcels.shp", "parcels", "", ""}}, kAllParcels},
        {".cpg saying UTF-8 over GBK text",
         [](Bench& b) {
             b.city({}, "ESRI Shapefile", {}, {}, {4528, {"ENCODING=CP936"}, 4528});
             b.file("parcels.cpg", "UTF-8");
             return b.info();
         },
         0, {}, {{"text.invalid_utf8", "parcels.shp", "parcels", "DK001", "enterprise"}}, kAllParcels},
        {".cpg naming an encoding nobody knows",
         [](Bench& b) { b.city(); b.file("parcels.cpg", "KLINGON-8"); return b.info(); },
         0, {"the .cpg declares the encoding 'KLINGON-8'"}, {{"encoding.ignored", "parcels.shp", "parcels", "", ""}}, kAllParcels},
        {".cpg naming an encoding nobody knows over GBK text",
         [](Bench& b) {
             b.city({}, "ESRI Shapefile", {}, {}, {4528, {"ENCODING=CP936"}, 4528});
             b.file("parcels.cpg", "KLINGON-8");
             return b.info();
         },
         0, {"KLINGON-8"}, {{"encoding.ignored", "parcels.shp", "parcels", "", ""}, {"encoding.guessed", "parcels.shp", "parcels", "", ""}},
         kAllParcels},
        {"invalid UTF-8 bytes in an enterprise name",
         [](Bench& b) { return with_dbf(b, [](Dbf& d) { d.set_text(0, "enterprise", "\xC3\x28\xFF江苏"); }); },
         0, {}, {{"text.invalid_utf8", "parcels.shp", "parcels", "DK001", "enterprise"}}, kAllParcels},
        {"invalid UTF-8 bytes in a park name",
         [](Bench& b) { return with_dbf(b, [](Dbf& d) { d.set_text(0, "name", "\xE4\xB8"); }, "parks"); },
         0, {}, {{"text.invalid_utf8", "parks.shp", "parks", "P01", "name"}}, layer("parks", 2, 2, 0)},
        {"GBK bytes in a GeoPackage, UTF-8 by definition",
         [](Bench& b) {
             CPLPushErrorHandler(CPLQuietErrorHandler);  // GDAL warns that it writes what is no UTF-8: that is the point
             b.city(set_parcel("DK004", "enterprise", encode_text("济川药业", CsvEncoding::Gbk)), "GPKG");
             CPLPopErrorHandler();
             return b.info();
         },
         0, {}, {{"text.invalid_utf8", "parcels.gpkg", "parcels", "DK004", "enterprise"}}, kAllParcels},
        {"GBK projects.csv, encoding undeclared",
         [](Bench& b) { b.city(); b.file("projects.csv", encode_text(projects_csv_utf8(), CsvEncoding::Gbk)); return b.info(); },
         0, {}, {{"encoding.guessed", "projects.csv", "projects", "", ""}}, layer("projects", 3, 3, 0)},
        {"GBK Chinese headers in projects.csv, no mapping",
         [](Bench& b) {
             b.city();
             std::string csv = projects_csv_utf8();
             csv = "项目编号,项目名称,行业代码,招商区县,用地面积,投资总额,预期税收,科技含量,环评通过,临江,重大项目" + csv.substr(csv.find("\r\n"));
             b.file("projects.csv", encode_text(csv, CsvEncoding::Gbk));
             return b.info();
         },
         4, {"{data}/projects.csv:projects", "'project_id'", "项目编号, 项目名称"}, {}, kAllParcels},
        {"UTF-8 BOM before the projects.csv header",
         [](Bench& b) { b.city(); b.file("projects.csv", encode_text(projects_csv_utf8(), CsvEncoding::Utf8Bom)); return b.info(); },
         0, {}, {}, layer("projects", 3, 3, 0)},
    }};
}

Group csv_structure() {
    return {"CSV structure", {
        {"quote opened and never closed",
         [](Bench& b) { return project_line(b, 2, "PJ02,\"高端化学新材料项目,C2651,321282,200,300000,12000,70,1,1,1"); },
         3, {"{data}/projects.csv: line 3: a quote opened in this record is never closed"}, {}, kAllParcels},
        {"row with an extra column",
         [](Bench& b) { return project_line(b, 2, "PJ02,高端化学新材料项目,C2651,321282,200,300000,12000,70,1,1,1,extra"); },
         0, {"line 3 holds 12 fields", "the header 11"}, {{"csv.extra_fields", "projects.csv", "projects", "2", ""}},
         layer("projects", 3, 3, 0)},
        {"unquoted comma inside a name shifting the row",
         [](Bench& b) { return project_line(b, 2, "PJ02,高端化学,新材料项目,C2651,321282,200,300000,12000,70,1,1,1"); },
         0, {"line 3 holds 12 fields"}, {{"csv.extra_fields", "projects.csv", "projects", "2", ""}},
         layer("projects", 3, 2, 1)},
        {"trailing delimiter after every row (nothing past the header)",
         [](Bench& b) {
             b.city();
             const std::string csv = projects_csv_utf8();
             const std::size_t body = csv.find("\r\n") + 2;
             b.file("projects.csv", csv.substr(0, body) + replace_all(csv.substr(body), "\r\n", ",\r\n"));
             return b.info();
         },
         0, {}, {}, layer("projects", 3, 3, 0)},
        {"row missing its last columns",
         [](Bench& b) { return project_line(b, 2, "PJ02,高端化学新材料项目,C2651,321282,200"); },
         0, {}, {{"field.missing", "projects.csv", "projects", "PJ02", "investment"}}, layer("projects", 3, 2, 1)},
        {"header without a required column",
         [](Bench& b) {
             b.city();
             std::string csv;
             for (const auto& p : canonical_city().projects)
                 csv += fmt::format("{},{},{},{},{},{},{},{},{},{}\r\n", p.project_id, p.name, p.industry, p.area_mu, p.investment,
                                    p.tax_expect, p.tech, p.eia_ok, p.needs_shore, p.major);
             b.file("projects.csv", "project_id,name,industry,area_mu,investment,tax_expect,tech,eia_ok,needs_shore,major\r\n" + csv);
             return b.info();
         },
         4, {"{data}/projects.csv:projects", "'origin'"}, {}, kAllParcels},
        {"empty projects.csv",
         [](Bench& b) { b.city(); b.file("projects.csv", ""); return b.info(); },
         3, {"{data}/projects.csv: the file is empty"}, {}, kAllParcels},
        {"empty parcels.shp",
         [](Bench& b) { b.city(); write_text_file(b.data("parcels.shp"), ""); return b.info(); },
         3, {"{data}/parcels.shp: the file is empty"}, {}, kNothingRead},
        {"semicolon-separated projects.csv",
         [](Bench& b) {
             b.city();
             std::string csv = projects_csv_utf8();
             for (auto& c : csv) if (c == ',') c = ';';
             b.file("projects.csv", csv);
             return b.info();
         },
         0, {}, {}, layer("projects", 3, 3, 0)},
        {"two columns of one name",
         [](Bench& b) {
             b.city();
             std::string csv = "project_id,name,industry,origin,area_mu,investment,tax_expect,tech,eia_ok,needs_shore,major,area_mu\r\n";
             for (const auto& p : canonical_city().projects)
                 csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{},1\r\n", p.project_id, p.name, p.industry, p.origin, p.area_mu,
                                    p.investment, p.tax_expect, p.tech, p.eia_ok, p.needs_shore, p.major);
             b.file("projects.csv", csv);
             return b.info();
         },
         4, {"{data}/projects.csv:projects: ", "'area_mu' appears 2 times"}, {}, kAllParcels},
    }};
}

Group tables() {
    return {"projects and quota", {
        {"quota row for a district nothing else is in (no districts layer)",
         [](Bench& b) { return quota_line(b, 3, "329999,不存在县,650.5,0"); },
         0, {"329999"}, {{"district.unknown", "quota.csv", "quota", "329999", "district"}}, layer("quota", 3, 3, 0)},
        {"quota row for a district the districts layer lacks",
         [](Bench& b) {
             Run r = with_districts(b, {});
             b.edit_csv("quota.csv", 3, "329999,不存在县,650.5,0");
             return r;
         },
         0, {"329999"}, {{"district.unknown", "quota.csv", "quota", "329999", "district"}}, layer("quota", 3, 3, 0)},
        {"negative quota", [](Bench& b) { return quota_line(b, 2, "321282,靖江市,-800,0"); },
         0, {"-800"}, {{"field.out_of_range", "quota.csv", "quota", "321282", "quota_mu"}}, layer("quota", 3, 2, 1)},
        {"quota that is no number", [](Bench& b) { return quota_line(b, 2, "321282,靖江市,lots,0"); },
         0, {"'lots'"}, {{"field.invalid", "quota.csv", "quota", "321282", "quota_mu"}}, layer("quota", 3, 2, 1)},
        {"quota of 1e400", [](Bench& b) { return quota_line(b, 2, "321282,靖江市,1e400,0"); },
         0, {"'1e400'"}, {{"field.invalid", "quota.csv", "quota", "321282", "quota_mu"}}, layer("quota", 3, 2, 1)},
        {"quota left empty", [](Bench& b) { return quota_line(b, 2, "321282,靖江市,,0"); },
         0, {}, {{"field.missing", "quota.csv", "quota", "321282", "quota_mu"}}, layer("quota", 3, 2, 1)},
        {"negative quota earned before", [](Bench& b) { return quota_line(b, 2, "321282,靖江市,800,-3"); },
         0, {"-3"}, {{"field.out_of_range", "quota.csv", "quota", "321282", "earned_mu"}}, layer("quota", 3, 3, 0)},
        {"project from an unknown origin district",
         [](Bench& b) { return project_line(b, 3, "PJ03,智能仓储物流中心,G5960,329999,80,40000,1500,40,0,0,0"); },
         0, {"329999"}, {{"district.unknown", "projects.csv", "projects", "PJ03", "origin"}}, layer("projects", 3, 3, 0)},
        {"project asking for no land", [](Bench& b) { return project_line(b, 3, "PJ03,智能仓储物流中心,G5960,321283,0,40000,1500,40,0,0,0"); },
         0, {"area_mu 0"}, {{"field.out_of_range", "projects.csv", "projects", "PJ03", "area_mu"}}, layer("projects", 3, 2, 1)},
        {"project asking for negative land", [](Bench& b) { return project_line(b, 3, "PJ03,智能仓储物流中心,G5960,321283,-80,40000,1500,40,0,0,0"); },
         0, {"-80"}, {{"field.out_of_range", "projects.csv", "projects", "PJ03", "area_mu"}}, layer("projects", 3, 2, 1)},
        {"area with its unit in the cell", [](Bench& b) { return project_line(b, 3, "PJ03,智能仓储物流中心,G5960,321283,80亩,40000,1500,40,0,0,0"); },
         0, {"'80亩'"}, {{"field.invalid", "projects.csv", "projects", "PJ03", "area_mu"}}, layer("projects", 3, 2, 1)},
        {"investment that is no number", [](Bench& b) { return project_line(b, 3, "PJ03,智能仓储物流中心,G5960,321283,80,很多,1500,40,0,0,0"); },
         0, {"'很多'"}, {{"field.invalid", "projects.csv", "projects", "PJ03", "investment"}}, layer("projects", 3, 2, 1)},
        {"investment of NaN", [](Bench& b) { return project_line(b, 3, "PJ03,智能仓储物流中心,G5960,321283,80,NaN,1500,40,0,0,0"); },
         0, {"'NaN'"}, {{"field.invalid", "projects.csv", "projects", "PJ03", "investment"}}, layer("projects", 3, 2, 1)},
        {"investment left empty", [](Bench& b) { return project_line(b, 3, "PJ03,智能仓储物流中心,G5960,321283,80,,1500,40,0,0,0"); },
         0, {}, {{"field.missing", "projects.csv", "projects", "PJ03", "investment"}}, layer("projects", 3, 2, 1)},
        {"environmental assessment flag 'maybe'", [](Bench& b) { return project_line(b, 3, "PJ03,智能仓储物流中心,G5960,321283,80,40000,1500,40,maybe,0,0"); },
         0, {"'maybe'"}, {{"field.invalid", "projects.csv", "projects", "PJ03", "eia_ok"}}, layer("projects", 3, 2, 1)},
        {"technology score of 150", [](Bench& b) { return project_line(b, 3, "PJ03,智能仓储物流中心,G5960,321283,80,40000,1500,150,0,0,0"); },
         0, {"150"}, {{"field.out_of_range", "projects.csv", "projects", "PJ03", "tech"}}, layer("projects", 3, 3, 0)},
        {"project industry that is no code", [](Bench& b) { return project_line(b, 3, "PJ03,智能仓储物流中心,Z9999,321283,80,40000,1500,40,0,0,0"); },
         0, {"'Z9999'"}, {{"industry.invalid", "projects.csv", "projects", "PJ03", "industry"}}, layer("projects", 3, 3, 0)},
        {"project without an id", [](Bench& b) { return project_line(b, 3, ",智能仓储物流中心,G5960,321283,80,40000,1500,40,0,0,0"); },
         0, {}, {{"field.missing", "projects.csv", "projects", "", "project_id"}}, layer("projects", 3, 2, 1)},
    }};
}

Group mapping() {
    return {"mapping file", {
        {"unknown key in a layer section", [](Bench& b) { return with_mapping(b, "[parcels]\nsauce = \"soy\"\n"); },
         4, {"{data}/m.toml:2: parcels.sauce"}, {}, kNothingRead},
        {"unknown section in the mapping", [](Bench& b) { return with_mapping(b, "[parcel]\nsource = \"parcels.shp\"\n"); },
         4, {"{data}/m.toml:1: parcel"}, {}, kNothingRead},
        {"unknown canonical field", [](Bench& b) { return with_mapping(b, "[parcels.fields]\ncolour = \"YS\"\n"); },
         4, {"{data}/m.toml:2: parcels.fields.colour"}, {}, kNothingRead},
        {"mapped to a field the layer lacks", [](Bench& b) { return with_mapping(b, "[parcels.fields]\nstatus = \"ZT\"\n"); },
         4, {"{data}/parcels.shp:parcels", "'ZT'", "parcel_id, district, land_use"}, {}, layer("parks", 2, 2, 0)},
        {"two canonical fields mapped to one field",
         [](Bench& b) { return with_mapping(b, "[parcels.fields]\nstatus = \"land_use\"\nland_use = \"land_use\"\n"); },
         4, {"{data}/parcels.shp:parcels: ", "field 'land_use' for both land_use and status"}, {}, layer("parks", 2, 2, 0)},
        {"a canonical field mapped onto another's own column",
         [](Bench& b) { return with_mapping(b, "[parcels.fields]\nenterprise = \"industry\"\n"); },
         4, {"{data}/parcels.shp:parcels: ", "field 'industry' for both industry and enterprise"}, {}, layer("parks", 2, 2, 0)},
        {"value mapped to a value the field does not have",
         [](Bench& b) { return with_mapping(b, "[parcels.values.status]\n\"在建\" = \"under_construction\"\n"); },
         4, {"{data}/m.toml:2: parcels.values.status.在建"}, {}, kNothingRead},
        {"mapping that is no TOML", [](Bench& b) { return with_mapping(b, "[parcels\nsource = 1\n"); },
         4, {"{data}/m.toml:1"}, {}, kNothingRead},
        {"same key twice", [](Bench& b) { return with_mapping(b, "[parcels]\nencoding = \"GBK\"\nencoding = \"UTF-8\"\n"); },
         4, {"{data}/m.toml:3"}, {}, kNothingRead},
        {"encoding of the wrong type", [](Bench& b) { return with_mapping(b, "[parcels]\nencoding = 936\n"); },
         4, {"{data}/m.toml:2: parcels.encoding"}, {}, kNothingRead},
        {"encoding nobody knows", [](Bench& b) { return with_mapping(b, "[parcels]\nencoding = \"KLINGON-8\"\n"); },
         4, {"{data}/m.toml:2: parcels.encoding", "KLINGON-8"}, {}, kNothingRead},
        {"CRS that is no EPSG code", [](Bench& b) { return with_mapping(b, "[parcels]\ncrs = \"EPSG:abc\"\n"); },
         4, {"{data}/m.toml:2: parcels.crs"}, {}, kNothingRead},
        {"date format without the day", [](Bench& b) { return with_mapping(b, "[defaults]\ndate_formats = [\"%Y-%m-%d\", \"%Y/%m\"]\n"); },
         4, {"{data}/m.toml:2: defaults.date_formats[2]", "%Y, %m and %d once each"}, {}, kNothingRead},
        {"date format with an unknown directive", [](Bench& b) { return with_mapping(b, "[parcels]\ndate_formats = [\"%Q-%m\"]\n"); },
         4, {"{data}/m.toml:2: parcels.date_formats"}, {}, kNothingRead},
        {"district_from_id that is no regular expression", [](Bench& b) { return with_mapping(b, "[parcels]\ndistrict_from_id = \"^(TZ-\"\n"); },
         4, {"{data}/m.toml:2: parcels.district_from_id"}, {}, kNothingRead},
        {"source naming a file that does not exist", [](Bench& b) { return with_mapping(b, "[parcels]\nsource = \"DK_321202.shp\"\n"); },
         3, {"{data}/m.toml: [parcels] source 'DK_321202.shp' was not found"}, {}, kNothingRead},
        {"mapping saved in GBK",
         [](Bench& b) { return with_mapping(b, encode_text("[parcels.values.status]\n\"已批未供\" = \"approved\"\n", CsvEncoding::Gbk)); },
         4, {"{data}/m.toml", "UTF-8"}, {}, kNothingRead},
    }};
}

Group rules() {
    return {"rules file", {
        {"wrong type", [](Bench& b) { return with_rules(b, "[idle]\nfee_years = \"one\"\n"); },
         4, {"{data}/r.toml:2: idle.fee_years", "is a string"}, {}, kNothingRead},
        {"out-of-range value", [](Bench& b) { return with_rules(b, "[solver]\nrelative_gap = 2\n"); },
         4, {"{data}/r.toml:2: solver.relative_gap", "out of range"}, {}, kNothingRead},
        {"negative years", [](Bench& b) { return with_rules(b, "[idle]\nfee_years = -1\n"); },
         4, {"{data}/r.toml:2: idle.fee_years"}, {}, kNothingRead},
        {"NaN for a share", [](Bench& b) { return with_rules(b, "[solver]\nrelative_gap = nan\n"); },
         4, {"{data}/r.toml:2: solver.relative_gap"}, {}, kNothingRead},
        {"unknown key", [](Bench& b) { return with_rules(b, "[idle]\nfee_yeras = 2\n"); },
         4, {"{data}/r.toml:2: idle.fee_yeras", "unknown key"}, {}, kNothingRead},
        {"unknown section in the rules", [](Bench& b) { return with_rules(b, "[idel]\nfee_years = 2\n"); },
         4, {"{data}/r.toml:1: idel"}, {}, kNothingRead},
        {"cut-offs out of order", [](Bench& b) { return with_rules(b, "[mujun]\nshare_a = 0.6\nshare_b = 0.3\n"); },
         4, {"{data}/r.toml:", "mujun.share_"}, {}, kNothingRead},
        {"fraction dividing by zero", [](Bench& b) { return with_rules(b, "[idle]\ndev_ratio_below = \"1/0\"\n"); },
         4, {"{data}/r.toml:2: idle."}, {}, kNothingRead},
        {"land use the contract does not have", [](Bench& b) { return with_rules(b, "[fit]\nsite_land_uses = [\"farmland\"]\n"); },
         4, {"{data}/r.toml:2: fit.site_land_uses", "farmland"}, {}, kNothingRead},
        {"a set naming one zone twice", [](Bench& b) { return with_rules(b, "[fit]\nshore_zones = [\"develop\", \"develop\"]\n"); },
         4, {"{data}/r.toml:2: fit.shore_zones"}, {}, kNothingRead},
        {"rules saved in GBK", [](Bench& b) { return with_rules(b, encode_text("# 淮安规则\nversion = \"淮安\"\n", CsvEncoding::Gbk)); },
         4, {"{data}/r.toml", "UTF-8"}, {}, kNothingRead},
        {"rules that are no TOML", [](Bench& b) { return with_rules(b, "[idle\n"); },
         4, {"{data}/r.toml:1"}, {}, kNothingRead},
    }};
}

Group overrides() {
    return {"overrides file", {
        {"two pins of one project",
         [](Bench& b) { return with_overrides(b, "[[pin]]\nproject = \"PJ01\"\npark = \"P01\"\n[[pin]]\nproject = \"PJ01\"\npark = \"P02\"\n"); },
         4, {"{data}/o.toml:4: pin.project: \"PJ01\" appears twice (also at line 1)"}, {}, kNothingRead},
        {"a project pinned and forbidden",
         [](Bench& b) { return with_overrides(b, "[[pin]]\nproject = \"PJ01\"\npark = \"P01\"\n[[forbid]]\nproject = \"PJ01\"\n"); },
         4, {"{data}/o.toml:1: pin.project", "forbidden at line 4"}, {}, kNothingRead},
        {"a pin to a forbidden park",
         [](Bench& b) { return with_overrides(b, "[[forbid]]\npark = \"P01\"\n[[pin]]\nproject = \"PJ01\"\npark = \"P01\"\n"); },
         4, {"{data}/o.toml:3: pin.park"}, {}, kNothingRead},
        {"a pin naming a park and a site",
         [](Bench& b) { return with_overrides(b, "[[pin]]\nproject = \"PJ01\"\npark = \"P01\"\nsite = \"S-1\"\n"); },
         4, {"{data}/o.toml:1: pin"}, {}, kNothingRead},
        {"an unknown key", [](Bench& b) { return with_overrides(b, "[[pin]]\nproject = \"PJ01\"\nparc = \"P01\"\n"); },
         4, {"{data}/o.toml:3: pin[1].parc"}, {}, kNothingRead},
        {"a negative reserve", [](Bench& b) { return with_overrides(b, "[[reserve]]\npark = \"P01\"\nmu = -200\n"); },
         4, {"{data}/o.toml:3: reserve[1].mu"}, {}, kNothingRead},
        {"a pin of a project the city does not have",
         [](Bench& b) { return with_overrides(b, "[[pin]]\nproject = \"PJ99\"\npark = \"P01\"\n"); },
         4, {"{data}/o.toml:1: pin: no project 'PJ99'"}, {}, kAllParcels},
    }};
}

Group outputs() {
    auto gpkg_city = [](Bench& b) {
        write_layers(b.data("city.gpkg"), "GPKG", {parks_layer(), shoreline_layer(), parcels_layer()});
        b.data_is(b.data("city.gpkg"));
    };
    return {"outputs", {
        {"--out is the input GeoPackage",
         [=](Bench& b) {
             gpkg_city(b);
             return b.audit("--out " + b.data("city.gpkg") + " --overwrite");
         },
         2, {"--out", "{data}/city.gpkg", "hint:"}, {}, kNothingRead},
        {"--out is data/parcels.shp",
         [](Bench& b) { b.city(); return b.audit("--out " + b.data("parcels.shp") + " --overwrite"); },
         2, {"--out", "{data}/parcels.shp"}, {}, kNothingRead},
        {"--out reaches the input through a symlink",
         [=](Bench& b) {
             gpkg_city(b);
             fs::create_symlink(b.data("city.gpkg"), b.out("link.gpkg"));
             return b.audit("--out " + b.out("link.gpkg") + " --overwrite");
         },
         2, {"--out", "{dir}/link.gpkg"}, {}, kNothingRead},
        {"--audit-out is the input GeoPackage",
         [=](Bench& b) {
             gpkg_city(b);
             return b.plan("--audit-out " + b.data("city.gpkg") + " --overwrite");
         },
         2, {"--audit-out", "{data}/city.gpkg"}, {}, kNothingRead},
        {"--out equal to --audit-out",
         [](Bench& b) { b.city(); Run r = b.plan("--out " + b.out("X.gpkg") + " --audit-out " + b.out("X.gpkg")); r.outputs = {b.out("X.gpkg")}; return r; },
         2, {"--audit-out", "{dir}/X.gpkg"}, {}, kNothingRead},
        {"--out into the data folder", [](Bench& b) { b.city(); return b.audit("--out " + b.data("AUDIT.gpkg")); },
         2, {"--out", "{data}/AUDIT.gpkg"}, {}, kNothingRead},
        {"--out naming a folder",
         [](Bench& b) { b.city(); fs::create_directory(b.out("AUDIT.gpkg")); return b.audit("--out " + b.out("AUDIT.gpkg") + " --overwrite"); },
         2, {"--out", "{dir}/AUDIT.gpkg", "a folder"}, {}, kNothingRead},
        {"--out into a folder that does not exist",
         [](Bench& b) { b.city(); Run r = b.audit("--out " + b.out("nowhere/AUDIT.gpkg")); r.outputs = {b.out("nowhere/AUDIT.gpkg")}; return r; },
         5, {"{dir}/nowhere"}, {}, kNothingRead},
        {"--out into a read-only folder",
         [](Bench& b) {
             b.city();
             fs::create_directory(b.out("ro"));
             fs::permissions(b.out("ro"), fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                              fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
             Run r = b.audit("--out " + b.out("ro/AUDIT.gpkg"));
             r.outputs = {b.out("ro/AUDIT.gpkg")};
             r.unprivileged = true;
             return r;
         },
         5, {"{dir}/ro"}, {}, kNothingRead},
        {"--out existing, without --overwrite",
         [](Bench& b) { b.city(); write_text_file(b.out("AUDIT.gpkg"), "previous"); Run r = b.audit(); r.outputs.clear(); return r; },
         2, {"--out", "{dir}/AUDIT.gpkg", "--overwrite"}, {}, kNothingRead},
        {"--csv naming an existing file",
         [](Bench& b) { b.city(); write_text_file(b.out("tables.csv"), "keep me"); return b.audit("--csv " + b.out("tables.csv")); },
         2, {"--csv", "{dir}/tables.csv"}, {}, kNothingRead},
        {"--csv naming the data folder", [](Bench& b) { b.city(); return b.audit("--csv " + b.data()); },
         2, {"--csv", "{data}"}, {}, kNothingRead},
        {"--rejects over the projects table",
         [](Bench& b) { b.city(); return b.info("--rejects " + b.data("projects.csv")); },
         2, {"--rejects", "{data}/projects.csv"}, {}, kNothingRead},
        {"--rejects into a read-only folder",
         [](Bench& b) {
             b.city();
             fs::create_directory(b.out("ro"));
             fs::permissions(b.out("ro"), fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                              fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
             Run r = b.info("--rejects " + b.out("ro/r.csv"));
             r.rejects = b.out("ro/r.csv");
             r.unprivileged = true;
             return r;
         },
         5, {"{dir}/ro/r.csv"}, {}, kNothingRead},
        {"--out is the rules file",
         [](Bench& b) {
             b.city();
             b.file("rules.gpkg", "not really rules");
             return b.audit("--rules " + b.data("rules.gpkg") + " --out " + b.data("rules.gpkg") + " --overwrite");
         },
         2, {"--out", "{data}/rules.gpkg"}, {}, kNothingRead},
    }};
}

Group options() {
    auto refused = [](const std::string& verb, const std::string& option) {
        return [=](Bench& b) {
            b.city();
            if (verb == "info") return b.info(option);
            return verb == "audit" ? b.audit(option) : b.plan(option);
        };
    };
    return {"options at their edges", {
        {"--as-of an impossible day", refused("audit", "--as-of 2026-02-30"), 2, {"--as-of", "2026-02-30"}, {}, kNothingRead},
        {"--as-of a month 13", refused("plan", "--as-of 2026-13-01"), 2, {"--as-of"}, {}, kNothingRead},
        {"--as-of empty", refused("audit", "--as-of ''"), 2, {"--as-of"}, {}, kNothingRead},
        {"--as-of in words", refused("info", "--as-of yesterday"), 2, {"--as-of", "yesterday"}, {}, kNothingRead},
        {"--time-limit negative", refused("plan", "--time-limit -1"), 2, {"--time-limit"}, {}, kNothingRead},
        {"--time-limit zero", refused("plan", "--time-limit 0"), 2, {"--time-limit"}, {}, kNothingRead},
        {"--time-limit NaN", refused("plan", "--time-limit nan"), 2, {"--time-limit"}, {}, kNothingRead},
        {"--threads negative", refused("audit", "--threads -1"), 2, {"--threads"}, {}, kNothingRead},
        {"--crs empty", refused("info", "--crs ''"), 2, {"--crs"}, {}, kNothingRead},
        {"--crs geographic", refused("info", "--crs EPSG:4326"), 2, {"EPSG:4326", "projected"}, {}, kNothingRead},
        {"--crs EPSG:0", refused("info", "--crs EPSG:0"), 2, {"EPSG:0"}, {}, kNothingRead},
        {"--rules empty", refused("audit", "--rules ''"), 2, {"--rules"}, {}, kNothingRead},
        {"--mapping empty", refused("info", "--mapping ''"), 2, {"--mapping"}, {}, kNothingRead},
        {"--rejects empty", refused("info", "--rejects ''"), 2, {"--rejects"}, {}, kNothingRead},
        {"--projects empty", refused("plan", "--projects ''"), 2, {"--projects"}, {}, kNothingRead},
    }};
}

const std::vector<Group>& all_groups() {
    static const std::vector<Group> groups = {shapefile_container(), crs(),      geometry(), identifiers(), attributes(),
                                              numbers(),             dates(),    encodings(), csv_structure(), tables(),
                                              mapping(),             rules(),    overrides(), outputs(),       options()};
    return groups;
}

const Group& group(const std::string& name) {
    for (const auto& g : all_groups())
        if (g.name == name) return g;
    throw std::runtime_error("no corpus group " + name);
}

}  // namespace

TEST_CASE("corpus: at least 100 kinds of bad input and no name twice", "[corpus]") {
    std::set<std::string> names;
    std::size_t kinds = 0, known = 0;
    for (const auto& g : all_groups())
        for (const auto& k : g.kinds) {
            ++kinds;
            known += !k.known_failure.empty();
            INFO(k.name);
            CHECK(names.insert(k.name).second);
        }
    WARN(kinds << " kinds of bad input in " << all_groups().size() << " groups; " << known << " known failures");
    CHECK(kinds >= 100);
}

TEST_CASE("corpus: Shapefile container", "[corpus]") { run_group(group("Shapefile container")); }
TEST_CASE("corpus: CRS", "[corpus]") { run_group(group("CRS")); }
TEST_CASE("corpus: geometry", "[corpus]") { run_group(group("geometry")); }
TEST_CASE("corpus: identifiers", "[corpus]") { run_group(group("identifiers")); }
TEST_CASE("corpus: attributes and codes", "[corpus]") { run_group(group("attributes and codes")); }
TEST_CASE("corpus: numbers", "[corpus]") { run_group(group("numbers")); }
TEST_CASE("corpus: dates", "[corpus]") { run_group(group("dates")); }
TEST_CASE("corpus: encodings", "[corpus]") { run_group(group("encodings")); }
TEST_CASE("corpus: CSV structure", "[corpus]") { run_group(group("CSV structure")); }
TEST_CASE("corpus: projects and quota", "[corpus]") { run_group(group("projects and quota")); }
TEST_CASE("corpus: mapping file", "[corpus]") { run_group(group("mapping file")); }
TEST_CASE("corpus: rules file", "[corpus]") { run_group(group("rules file")); }
TEST_CASE("corpus: overrides file", "[corpus]") { run_group(group("overrides file")); }
TEST_CASE("corpus: outputs", "[corpus]") { run_group(group("outputs")); }
TEST_CASE("corpus: options at their edges", "[corpus]") { run_group(group("options at their edges")); }
