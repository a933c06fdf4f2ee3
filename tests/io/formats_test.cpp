// The same hand-designed city written in every OGR format the loader promises
// (a folder of Shapefiles, one GeoPackage, GeoJSON, FlatGeobuf, a lone parcels
// Shapefile), each in its own CRS, must load to the same parcels, parks, areas,
// statuses and dates; and the CSV tables must read the same in UTF-8, UTF-8 with
// a byte-order mark, and GBK (declared or guessed).
#include <catch2/catch.hpp>

#include <filesystem>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "parkcap/core/error.hpp"
#include "parkcap/io/load.hpp"
#include "parkcap/io/mapping.hpp"
#include "support/city_checks.hpp"
#include "support/city_writer.hpp"
#include "support/fixtures.hpp"

namespace fs = std::filesystem;
using namespace parkcap;
using namespace parkcap::test;

namespace {

City load(const std::string& data, std::optional<io::FieldMapping> mapping = std::nullopt) {
    io::LoadOptions o;
    o.data = data;
    o.mapping = std::move(mapping);
    return io::load_city(o);
}

const LayerInfo* layer_info(const City& city, const std::string& logical) {
    for (const auto& l : city.layers)
        if (l.logical == logical) return &l;
    return nullptr;
}

/// The type a field has in the written file, to check the fixture is what it claims.
OGRFieldType field_type(const std::string& path, const std::string& layer, const std::string& field) {
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    OGRLayer* l = ds->GetLayerByName(layer.c_str());
    REQUIRE(l);
    const int i = l->GetLayerDefn()->GetFieldIndex(field.c_str());
    REQUIRE(i >= 0);
    return l->GetLayerDefn()->GetFieldDefn(i)->GetType();
}

/// The whole canonical city, and nothing reported but the absent districts layer.
void check_full_city(const City& city) {
    INFO("issues:\n" << all_issues(city));
    CHECK(city.crs.epsg == 4528);  // the 3-degree zone of 119.9°E, chosen from the data
    CHECK(city.crs.chosen_automatically);
    check_canonical_parcels(city);
    check_canonical_parks(city);
    check_canonical_shoreline(city);
    check_canonical_tables(city);
    require_conserved(city);
    CHECK(city.report.counts.at("parcels").read == 12);
    CHECK(city.report.counts.at("parcels").kept == 12);
    CHECK(city.report.counts.at("parks").kept == 2);
    CHECK(city.report.counts.at("shoreline").kept == 3);
    REQUIRE(city.report.issues.size() == 1);
    CHECK(city.report.issues[0].code == "layer.absent");
    CHECK(city.report.issues[0].layer == "districts");
}

}  // namespace

TEST_CASE("formats: a folder of Shapefiles (EPSG:4528, with .prj and .cpg) loads the canonical city", "[io][formats]") {
    ScratchDir dir("fmt-shp");
    write_city_folder(dir.path().string(), "ESRI Shapefile", {4528, {}});
    for (const char* sidecar : {"parcels.shp", "parcels.shx", "parcels.dbf", "parcels.prj", "parcels.cpg"})
        REQUIRE(fs::exists(dir.path() / sidecar));
    REQUIRE(field_type(dir / "parcels.shp", "parcels", "appr_date") == OFTDate);  // DBF type D
    const City city = load(dir.path().string());
    check_full_city(city);
    const LayerInfo* parcels = layer_info(city, "parcels");
    REQUIRE(parcels);
    CHECK(parcels->driver == "ESRI Shapefile");
    CHECK(parcels->crs_id == "EPSG:4528");
}

TEST_CASE("formats: one GeoPackage with three layers (EPSG:4490) loads the canonical city", "[io][formats]") {
    ScratchDir dir("fmt-gpkg");
    const std::string gpkg = dir / "city.gpkg";
    write_layers(gpkg, "GPKG", {parks_layer(), shoreline_layer(), parcels_layer(DateStyle::Native)}, {4490, {}});
    write_tables(dir.path().string());  // projects.csv and quota.csv beside the GeoPackage
    REQUIRE(field_type(gpkg, "parcels", "supp_date") == OFTDate);
    const City city = load(gpkg);
    check_full_city(city);
    const LayerInfo* parcels = layer_info(city, "parcels");
    REQUIRE(parcels);
    CHECK(parcels->driver == "GPKG");
    CHECK(parcels->source.layer == "parcels");
    CHECK(parcels->crs_id == "EPSG:4490");
}

TEST_CASE("formats: a folder of GeoJSON files (WGS 84, text dates) loads the canonical city", "[io][formats]") {
    ScratchDir dir("fmt-geojson");
    write_city_folder(dir.path().string(), "GeoJSON", {4326, {}});
    // Dates are JSON strings in the file (GDAL's reader may still type them as dates).
    REQUIRE_THAT(read_text_file(dir / "parcels.geojson"), Catch::Contains("\"appr_date\": \"2019-06-18\""));
    const City city = load(dir.path().string());
    check_full_city(city);
    const LayerInfo* parcels = layer_info(city, "parcels");
    REQUIRE(parcels);
    CHECK(parcels->driver == "GeoJSON");
}

TEST_CASE("formats: a folder of FlatGeobuf files (EPSG:4549) loads the canonical city", "[io][formats]") {
    ScratchDir dir("fmt-fgb");
    write_city_folder(dir.path().string(), "FlatGeobuf", {4549, {}});
    const City city = load(dir.path().string());
    check_full_city(city);
    const LayerInfo* parcels = layer_info(city, "parcels");
    REQUIRE(parcels);
    CHECK(parcels->driver == "FlatGeobuf");
    CHECK(parcels->crs_id == "EPSG:4549");
}

TEST_CASE("formats: a single parcels Shapefile loads the same parcels, without parks", "[io][formats]") {
    ScratchDir dir("fmt-single");
    const std::string shp = write_layer_file(dir.path().string(), "ESRI Shapefile", parcels_layer(), {4528, {}});
    write_tables(dir.path().string());
    const City city = load(shp);
    INFO("issues:\n" << all_issues(city));
    check_canonical_parcels(city, /*with_parks=*/false);
    check_canonical_tables(city);
    require_conserved(city);
    CHECK(city.parks.empty());
    CHECK(city.shoreline.empty());
    // Absent layers are said so, never silently skipped.
    std::vector<std::string> absent;
    for (const auto& i : issues_with_code(city, "layer.absent")) absent.push_back(i.layer);
    std::sort(absent.begin(), absent.end());
    CHECK(absent == std::vector<std::string>{"districts", "parks", "shoreline"});
}

TEST_CASE("formats: a single parcels Shapefile with parks named in a mapping gets the same parks", "[io][formats]") {
    ScratchDir dir("fmt-single-mapped");
    write_city_folder(dir.path().string(), "ESRI Shapefile", {4528, {}});
    const io::FieldMapping m = io::parse_mapping("[parks]\nsource = \"parks.shp\"\n[shoreline]\nsource = \"shoreline.shp\"\n",
                                                 "inline.toml");
    const City city = load(dir / "parcels.shp", m);
    check_full_city(city);
}

TEST_CASE("formats: projects and quota CSV in UTF-8 with a byte-order mark", "[io][formats][encoding]") {
    ScratchDir dir("fmt-bom");
    write_city_folder(dir.path().string(), "ESRI Shapefile", {4528, {}}, CsvEncoding::Utf8Bom);
    REQUIRE(read_text_file(dir / "projects.csv").rfind("\xEF\xBB\xBFproject_id,", 0) == 0);
    const City city = load(dir.path().string());
    check_full_city(city);  // the BOM does not end up in the first field name or value
}

TEST_CASE("formats: GBK projects and quota CSV declared in the mapping", "[io][formats][encoding]") {
    ScratchDir dir("fmt-gbk");
    write_city_folder(dir.path().string(), "ESRI Shapefile", {4528, {}}, CsvEncoding::Gbk);
    // The fixture really is GBK: 新 is 0xD0 0xC2 in CP936.
    REQUIRE(read_text_file(dir / "projects.csv").find("\xD0\xC2") != std::string::npos);
    const io::FieldMapping m = io::parse_mapping("[projects]\nencoding = \"GBK\"\n[quota]\nencoding = \"GBK\"\n", "gbk.toml");
    const City city = load(dir.path().string(), m);
    check_full_city(city);
    const LayerInfo* projects = layer_info(city, "projects");
    REQUIRE(projects);
    CHECK(projects->encoding == "CP936");
}

TEST_CASE("formats: GBK CSV without a declared encoding is guessed, with a warning", "[io][formats][encoding]") {
    ScratchDir dir("fmt-gbk-auto");
    write_city_folder(dir.path().string(), "ESRI Shapefile", {4528, {}}, CsvEncoding::Gbk);
    const City city = load(dir.path().string());
    INFO("issues:\n" << all_issues(city));
    check_canonical_parcels(city);
    check_canonical_tables(city);
    require_conserved(city);
    const auto guessed = issues_with_code(city, "encoding.guessed");
    REQUIRE(guessed.size() == 2);  // once per table, not once per value
    std::vector<std::string> layers{guessed[0].file, guessed[1].file};
    std::sort(layers.begin(), layers.end());
    CHECK(layers == std::vector<std::string>{dir / "projects.csv", dir / "quota.csv"});
    for (const auto& g : guessed) {
        CHECK(g.severity == Severity::Warning);
        CHECK_THAT(g.message, Catch::Contains("GBK") && Catch::Contains("encoding"));
    }
    // A guess is a warning about the layer, not a rejection of any record.
    CHECK(city.report.counts.at("projects").kept == 3);
    CHECK(city.report.counts.at("quota").kept == 3);
}
