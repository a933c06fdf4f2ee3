// CRS settlement: the loader's reprojection against PROJ's own cs2cs, the choice
// of Gauss-Krüger zone, areas of shapes drawn in longitude/latitude, layers in
// different CRSs landing on the same ground, and refusing CRSs that cannot measure.
#include <catch2/catch.hpp>

#include <geodesic.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <sstream>

#include <fmt/format.h>

#include "parkcap/core/error.hpp"
#include "parkcap/crs/working_crs.hpp"
#include "parkcap/io/load.hpp"
#include "parkcap/io/mapping.hpp"
#include "support/city_checks.hpp"
#include "support/city_writer.hpp"
#include "support/fixtures.hpp"

using namespace parkcap;
using namespace parkcap::test;

namespace {

City load(const std::string& data, std::optional<int> working_epsg = std::nullopt,
          std::optional<io::FieldMapping> mapping = std::nullopt) {
    io::LoadOptions o;
    o.data = data;
    o.working_epsg = working_epsg;
    o.mapping = std::move(mapping);
    return io::load_city(o);
}

/// A one-parcel layer with the given WKT and the canonical fields of DK001.
LayerData one_parcel(const std::string& wkt) {
    LayerData l = parcels_layer();
    l.features.resize(1);
    l.features[0].wkt = wkt;
    return l;
}

double distance_to_nearest_vertex(const City& city, std::size_t f, geom::Point p) {
    const auto& g = city.parcels.geometry;
    double best = INFINITY;
    for (std::size_t k = 0; k < g.polygon_count(f); ++k)
        for (std::size_t r = g.ring_begin(f, k); r < g.ring_end(f, k); ++r)
            for (const geom::Point& v : g.ring(r)) best = std::min(best, std::hypot(v.x - p.x, v.y - p.y));
    return best;
}

}  // namespace

TEST_CASE("crs: a CGCS2000 longitude/latitude reprojects to EPSG:4549 exactly as cs2cs does", "[crs]") {
    // cs2cs follows the EPSG axis order: latitude, longitude in; northing, easting out.
    const CommandResult r = run_command("echo '32.45 119.9' | cs2cs EPSG:4490 EPSG:4549 -f %.4f");
    REQUIRE(r.exit_code == 0);
    std::istringstream in(r.out);
    double northing = 0, easting = 0;
    REQUIRE(in >> northing >> easting);
    // Sanity of the reference itself: 0.1° west of the CM at 120°E, ~9.4 km west of 500 km.
    REQUIRE(easting == Approx(490'600).margin(100));
    REQUIRE(northing == Approx(3'591'760).margin(100));

    SECTION("through the loader: a parcel vertex written at 119.9°E 32.45°N") {
        ScratchDir dir("crs-cs2cs");
        const std::string gpkg = dir / "parcels.gpkg";
        WriteOptions w;
        w.epsg = 4490;
        w.wkt_epsg = 4490;
        write_layers(gpkg, "GPKG", {one_parcel("POLYGON ((119.9 32.45, 119.901 32.45, 119.901 32.451, 119.9 32.451, 119.9 32.45))")}, w);
        const City city = load(gpkg, 4549);
        REQUIRE(city.crs.epsg == 4549);
        REQUIRE(city.parcels.size() == 1);
        CHECK(distance_to_nearest_vertex(city, 0, {easting, northing}) < 0.001);
    }
    SECTION("back to longitude/latitude for display") {
        const crs::LonLatTransform to_lonlat(4549);
        const geom::Point ll = to_lonlat({easting, northing});
        CHECK(ll.x == Approx(119.9).margin(1e-8));  // 1e-8° ≈ 1 mm
        CHECK(ll.y == Approx(32.45).margin(1e-8));
    }
}

TEST_CASE("crs: gauss_kruger_3deg_epsg picks the 3-degree zone whose central meridian is nearest", "[crs]") {
    CHECK(crs::gauss_kruger_3deg_epsg(119.9) == 4528);  // zone 40, CM 120°E
    CHECK(crs::gauss_kruger_3deg_epsg(118.4) == 4527);  // zone 39, CM 117°E
    CHECK(crs::gauss_kruger_3deg_epsg(120.0) == 4528);
    // Zone boundaries lie half-way between meridians; the boundary itself goes east,
    // as in the usual zone formula floor((L - 1.5) / 3) + 1.
    CHECK(crs::gauss_kruger_3deg_epsg(118.49) == 4527);
    CHECK(crs::gauss_kruger_3deg_epsg(118.5) == 4528);
    CHECK(crs::gauss_kruger_3deg_epsg(121.49) == 4528);
    CHECK(crs::gauss_kruger_3deg_epsg(121.5) == 4529);
    // The ends of the family: zone 25 (CM 75°E, EPSG:4513) to zone 45 (CM 135°E, EPSG:4533).
    CHECK(crs::gauss_kruger_3deg_epsg(73.5) == 4513);
    CHECK(crs::gauss_kruger_3deg_epsg(75.0) == 4513);
    CHECK(crs::gauss_kruger_3deg_epsg(135.0) == 4533);
    CHECK(crs::gauss_kruger_3deg_epsg(136.4) == 4533);
    CHECK_THROWS_AS(crs::gauss_kruger_3deg_epsg(73.4), DataError);
    CHECK_THROWS_AS(crs::gauss_kruger_3deg_epsg(136.6), DataError);
    CHECK_THROWS_AS(crs::gauss_kruger_3deg_epsg(-119.9), DataError);
    try {
        crs::gauss_kruger_3deg_epsg(10.0);
        FAIL("10°E has no CGCS2000 zone");
    } catch (const DataError& e) {
        CHECK_THAT(e.what(), Catch::Contains("10.000"));
        CHECK_THAT(e.hint(), Catch::Contains("--crs"));
    }

    // Against PROJ's database: every longitude of China maps to a CRS whose central
    // meridian is within 1.5° and whose false easting carries the zone number.
    for (double lon = 73.5; lon < 136.5; lon += 0.25) {
        INFO("longitude " << lon);
        const int epsg = crs::gauss_kruger_3deg_epsg(lon);
        OGRSpatialReference srs;
        REQUIRE(srs.importFromEPSG(epsg) == OGRERR_NONE);
        const double cm = srs.GetProjParm(SRS_PP_CENTRAL_MERIDIAN);
        CHECK(std::abs(lon - cm) <= 1.5);
        CHECK(srs.GetProjParm(SRS_PP_FALSE_EASTING) == Approx(std::round(cm / 3) * 1e6 + 500000));
        CHECK_THAT(std::string(srs.GetName()), Catch::Contains("CGCS2000") && Catch::Contains("3-degree"));
    }
}

TEST_CASE("crs: a 1 km x 1 km square drawn in longitude/latitude loads as 1,000,000 m²", "[crs]") {
    // Corners by geodesic offsets on the CGCS2000 ellipsoid (GeographicLib in PROJ),
    // independent of any projection.
    geod_geodesic g;
    geod_init(&g, 6378137.0, 1 / 298.257222101);  // CGCS2000
    const double lat_a = 32.45, lon_a = 119.9;
    double lat_b, lon_b, lat_d, lon_d, lat_c, lon_c;
    geod_direct(&g, lat_a, lon_a, 90, 1000, &lat_b, &lon_b, nullptr);
    geod_direct(&g, lat_a, lon_a, 0, 1000, &lat_d, &lon_d, nullptr);
    geod_direct(&g, lat_d, lon_d, 90, 1000, &lat_c, &lon_c, nullptr);
    double lats[4] = {lat_a, lat_b, lat_c, lat_d}, lons[4] = {lon_a, lon_b, lon_c, lon_d};
    double geodesic_area = 0;
    geod_polygonarea(&g, lats, lons, 4, &geodesic_area, nullptr);
    REQUIRE(std::abs(geodesic_area) == Approx(1e6).epsilon(1e-4));  // the fixture is a square km

    ScratchDir dir("crs-square");
    WriteOptions w;
    w.epsg = 4490;
    w.wkt_epsg = 4490;
    const std::string wkt = fmt::format("POLYGON (({:.12f} {:.12f}, {:.12f} {:.12f}, {:.12f} {:.12f}, {:.12f} {:.12f}, {:.12f} {:.12f}))",
                                        lon_a, lat_a, lon_b, lat_b, lon_c, lat_c, lon_d, lat_d, lon_a, lat_a);
    const std::string shp = write_layer_file(dir.path().string(), "ESRI Shapefile", one_parcel(wkt), w);
    const City city = load(shp);
    CHECK(city.crs.epsg == 4528);
    REQUIRE(city.parcels.size() == 1);
    CHECK(city.parcels.area_m2[0] == Approx(1e6).epsilon(1e-3));
    CHECK(city.parcels.area_m2[0] == Approx(std::abs(geodesic_area)).epsilon(1e-3));
}

TEST_CASE("crs: the same parcels written in four CRSs have the same centroids within 1 mm", "[crs]") {
    ScratchDir dir("crs-same-place");
    const CanonicalCity& c = canonical_city();
    for (const int epsg : {4528, 4490, 4549, 32650}) {
        INFO("parcels written in EPSG:" << epsg);
        const std::string sub = dir / std::to_string(epsg);
        std::filesystem::create_directories(sub);
        const std::string shp = write_layer_file(sub, "ESRI Shapefile", parcels_layer(), {epsg, {}});
        const City city = load(shp, 4528);
        REQUIRE(city.parcels.size() == c.parcels.size());
        for (const auto& e : c.parcels) {
            INFO("parcel " << e.parcel_id);
            const auto i = find_parcel(city, e.parcel_id);
            REQUIRE(i);
            CHECK(std::abs(city.parcels.centroid[*i].x - e.centroid_e) < 0.001);
            CHECK(std::abs(city.parcels.centroid[*i].y - e.centroid_n) < 0.001);
            CHECK(city.parcels.area_m2[*i] == Approx(e.area_m2).epsilon(1e-6));
        }
    }
}

TEST_CASE("crs: layers in three different CRSs land in the same place", "[crs]") {
    ScratchDir dir("crs-mixed");
    const std::string d = dir.path().string();
    write_layer_file(d, "ESRI Shapefile", parks_layer(), {4490, {}});        // geographic CGCS2000
    write_layer_file(d, "ESRI Shapefile", shoreline_layer(), {32650, {}});  // WGS 84 / UTM zone 50N
    write_layer_file(d, "ESRI Shapefile", parcels_layer(), {4549, {}});     // GK CM 120°E without zone prefix
    const City city = load(d);
    INFO("issues:\n" << all_issues(city));
    CHECK(city.crs.epsg == 4528);
    check_canonical_parcels(city);  // areas and the park each centroid falls in
    check_canonical_parks(city);
    check_canonical_shoreline(city);
    for (const auto& e : canonical_city().parcels) {
        const auto i = find_parcel(city, e.parcel_id);
        REQUIRE(i);
        CHECK(std::abs(city.parcels.centroid[*i].x - e.centroid_e) < 0.001);
        CHECK(std::abs(city.parcels.centroid[*i].y - e.centroid_n) < 0.001);
    }
    std::map<std::string, std::string> crs_of;
    for (const auto& l : city.layers) crs_of[l.logical] = l.crs_id;
    CHECK(crs_of["parks"] == "EPSG:4490");
    CHECK(crs_of["shoreline"] == "EPSG:32650");
    CHECK(crs_of["parcels"] == "EPSG:4549");
}

TEST_CASE("crs: a geographic or non-metric working CRS is refused with a UsageError", "[crs]") {
    CHECK_THROWS_AS(crs::working_crs_from_epsg(4326, false), UsageError);
    CHECK_THROWS_AS(crs::working_crs_from_epsg(4490, false), UsageError);
    CHECK_THROWS_WITH(crs::working_crs_from_epsg(4326, false), Catch::Contains("EPSG:4326") && Catch::Contains("projected"));
    CHECK_THROWS_AS(crs::working_crs_from_epsg(2249, false), UsageError);  // NAD83 / Massachusetts, US survey feet
    CHECK_THROWS_AS(crs::working_crs_from_epsg(999999, false), UsageError);
    const WorkingCrs w = crs::working_crs_from_epsg(4528, true);
    CHECK(w.epsg == 4528);
    CHECK_THAT(w.name, Catch::Contains("zone 40"));
    CHECK(w.chosen_automatically);

    ScratchDir dir("crs-refused");
    write_city_folder(dir.path().string(), "ESRI Shapefile");
    CHECK_THROWS_AS(load(dir.path().string(), 4326), UsageError);
    // --crs with a projected CRS is honoured and not marked automatic.
    const City city = load(dir.path().string(), 4549);
    CHECK(city.crs.epsg == 4549);
    CHECK_FALSE(city.crs.chosen_automatically);
    check_canonical_parcels(city);
}

TEST_CASE("crs: parse_epsg accepts EPSG:N, epsg:N and N, and refuses anything else as a usage error", "[crs]") {
    CHECK(crs::parse_epsg("EPSG:4528") == 4528);
    CHECK(crs::parse_epsg("epsg:4528") == 4528);
    CHECK(crs::parse_epsg("4528") == 4528);
    CHECK_THROWS_AS(crs::parse_epsg(""), UsageError);
    CHECK_THROWS_AS(crs::parse_epsg("EPSG:"), UsageError);
    CHECK_THROWS_AS(crs::parse_epsg("EPSG:45x8"), UsageError);
    CHECK_THROWS_AS(crs::parse_epsg("+proj=tmerc"), UsageError);
    // Regression: std::stoi overflowed and the CLI reported an internal error (exit 1).
    CHECK_THROWS_AS(crs::parse_epsg("EPSG:99999999999999999999"), UsageError);
}

TEST_CASE("crs: a layer without .prj is a DataError naming it, and loads once the mapping declares its CRS", "[crs]") {
    ScratchDir dir("crs-noprj");
    const std::string d = dir.path().string();
    write_city_folder(d, "ESRI Shapefile");
    std::filesystem::remove(dir.path() / "parcels.prj");

    try {
        load(d);
        FAIL("a layer without CRS loaded");
    } catch (const DataError& e) {
        CHECK_THAT(e.what(), Catch::Contains(dir / "parcels.shp") && Catch::Contains(":parcels:") &&
                                 Catch::Contains("no CRS"));
        CHECK_THAT(e.hint(), Catch::Contains("[parcels] crs = "));
    }

    const City city = load(d, std::nullopt, io::parse_mapping("[parcels]\ncrs = \"EPSG:4528\"\n", "crs.toml"));
    check_canonical_parcels(city);
    require_conserved(city);
    for (const auto& l : city.layers) {
        INFO(l.logical);
        CHECK(l.crs_declared == (l.logical == "parcels"));
    }

    // [defaults] crs applies to every layer that has none.
    const City city2 = load(d, std::nullopt, io::parse_mapping("[defaults]\ncrs = \"EPSG:4528\"\n", "crs.toml"));
    check_canonical_parcels(city2);
}

TEST_CASE("crs: a declared CRS never overrides the layer's own .prj", "[crs]") {
    ScratchDir dir("crs-declared-vs-prj");
    write_city_folder(dir.path().string(), "ESRI Shapefile", {4490, {}});
    const City city = load(dir.path().string(), std::nullopt, io::parse_mapping("[defaults]\ncrs = \"EPSG:4528\"\n", "crs.toml"));
    check_canonical_parcels(city);
    for (const auto& l : city.layers) CHECK_FALSE(l.crs_declared);
}

// Regression: the message said "mapping: [parcels] crs = ..." without the file.
TEST_CASE("crs: an unknown CRS declared in the mapping is a DataError naming the mapping file", "[crs]") {
    ScratchDir dir("crs-bad-declared");
    write_city_folder(dir.path().string(), "ESRI Shapefile");
    std::filesystem::remove(dir.path() / "parcels.prj");
    const std::string mapping_file = dir / "my-mapping.toml";
    write_text_file(mapping_file, "[parcels]\ncrs = \"EPSG:99999\"\n");
    CHECK_THROWS_MATCHES(load(dir.path().string(), std::nullopt, io::load_mapping_file(mapping_file)), DataError,
                         Catch::Matchers::Predicate<DataError>(
                             [&](const DataError& e) {
                                 const std::string m = e.what();
                                 return m.find(mapping_file) != std::string::npos && m.find("EPSG:99999") != std::string::npos &&
                                        m.find("[parcels] crs") != std::string::npos;
                             },
                             "message names the mapping file, the section and the bad CRS"));
}
