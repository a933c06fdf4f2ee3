// Coordinates against the CRS their layer declares: a .prj that contradicts the
// coordinates stops the load naming the CRS they look like; a single feature
// outside where its CRS is valid (an easting without its zone number, degrees in
// a metric layer) is rejected and named, and the rest of the layer loads.
#include <catch2/catch.hpp>

#include <filesystem>

#include "parkcap/core/error.hpp"
#include "parkcap/io/load.hpp"
#include "support/city_checks.hpp"
#include "support/city_writer.hpp"
#include "support/fixtures.hpp"

namespace fs = std::filesystem;
using namespace parkcap;
using namespace parkcap::test;

namespace {

City load(const std::string& data) {
    io::LoadOptions o;
    o.data = data;
    return io::load_city(o);
}

/// The canonical city with its parcels written in `coordinates_epsg` under a .prj of `declared_epsg`.
std::string write_mislabelled(const ScratchDir& dir, int coordinates_epsg, int declared_epsg) {
    const std::string d = dir.path().string();
    write_layer_file(d, "ESRI Shapefile", parks_layer());
    write_layer_file(d, "ESRI Shapefile", shoreline_layer());
    write_tables(d);
    WriteOptions coordinates;
    coordinates.epsg = coordinates_epsg;
    const std::string shp = write_layer_file(d, "ESRI Shapefile", parcels_layer(), coordinates);
    // The .prj of another CRS, as a mis-set export writes it.
    const fs::path other = dir.path() / "declared";
    fs::create_directories(other);
    WriteOptions declared;
    declared.epsg = declared_epsg;
    write_layer_file(other.string(), "ESRI Shapefile", parcels_layer(), declared);
    fs::copy_file(other / "parcels.prj", dir.path() / "parcels.prj", fs::copy_options::overwrite_existing);
    return shp;
}

std::string load_error(const std::string& data) {
    try {
        load(data);
    } catch (const DataError& e) {
        return std::string(e.what()) + "\nhint: " + e.hint();
    }
    FAIL("the mislabelled layer loaded");
    return {};
}

}  // namespace

TEST_CASE("crs: a .prj of a zone-numbered GK zone over eastings without the zone number names EPSG:4549",
          "[io][crs][bad]") {
    ScratchDir dir("crs-no-zone-number");
    const std::string shp = write_mislabelled(dir, 4549, 4528);
    const std::string e = load_error(dir.path().string());
    CHECK_THAT(e, Catch::StartsWith(shp + ":parcels: the parcels layer's coordinates (x "));
    CHECK_THAT(e, Catch::Contains("lie outside where its CRS EPSG:4528 CGCS2000 / 3-degree Gauss-Kruger zone 40 is valid"));
    CHECK_THAT(e, Catch::Contains("its .prj (SRS) contradicts the coordinates; they look like EPSG:4549 (CGCS2000 / "
                                  "3-degree Gauss-Kruger CM 120E)"));
    CHECK_THAT(e, Catch::Contains("hint: replace the .prj with one for EPSG:4549, or remove it and declare it in a "
                                  "mapping: [parcels] crs = \"EPSG:4549\""));
}

TEST_CASE("crs: zone-numbered eastings under a .prj without the zone number name EPSG:4528", "[io][crs][bad]") {
    ScratchDir dir("crs-zone-number");
    write_mislabelled(dir, 4528, 4549);
    CHECK_THAT(load_error(dir.path().string()),
               Catch::Contains("they look like EPSG:4528 (CGCS2000 / 3-degree Gauss-Kruger zone 40)"));
}

TEST_CASE("crs: longitude and latitude under a metric .prj name EPSG:4490", "[io][crs][bad]") {
    ScratchDir dir("crs-degrees");
    write_mislabelled(dir, 4490, 4528);
    CHECK_THAT(load_error(dir.path().string()), Catch::Contains("they look like EPSG:4490"));
}

TEST_CASE("crs: one parcel whose easting lost its zone number is rejected and named; the others load",
          "[io][crs][bad]") {
    ScratchDir dir("crs-stray-feature");
    LayerData parcels = parcels_layer();
    // DK005 typed without the zone number 40 in front of its eastings (40,495,000 became 495,000).
    parcels.feature("parcel_id", "DK005").wkt = "POLYGON((495000 3592000,495100 3592000,495100 3592100,"
                                                 "495000 3592100,495000 3592000))";
    const std::string d = dir.path().string();
    write_layer_file(d, "ESRI Shapefile", parks_layer());
    write_layer_file(d, "ESRI Shapefile", shoreline_layer());
    write_tables(d);
    const std::string shp = write_layer_file(d, "ESRI Shapefile", parcels);
    const City city = load(d);
    require_conserved(city);
    const LayerCounts& c = city.report.counts.at("parcels");
    CHECK(c.read == 12);
    CHECK(c.kept == 11);
    CHECK(c.rejected == 1);
    const auto found = issues_with_code(city, "geometry.outside_crs");
    REQUIRE(found.size() == 1);
    const Issue& i = found.front();
    CHECK(i.severity == Severity::Rejected);
    CHECK(i.file == shp);
    CHECK(i.feature_id == "DK005");
    CHECK_THAT(i.message, Catch::StartsWith("lies at x 495050.0, y 3592050.0"));
    CHECK_THAT(i.message, Catch::Contains("outside where its CRS is valid (118.50–121.50°E"));
    CHECK_FALSE(find_parcel(city, "DK005"));
}
