// Every kind of bad input the loader meets in real land data. A bad record is
// reported (file, layer, feature id, field, a message quoting the value) and kept
// or rejected, never lost: read == kept + rejected on every layer. A bad source is
// an InputError, an unusable layer a DataError, each naming what to fix.
#include <catch2/catch.hpp>

#include <filesystem>

#include <fmt/format.h>

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

/// Writes the canonical parks, shoreline and tables and `parcels` into `dir`, and
/// returns the parcels file.
std::string write_city_with(const ScratchDir& dir, const LayerData& parcels, const std::string& driver = "ESRI Shapefile") {
    const std::string d = dir.path().string();
    write_layer_file(d, "ESRI Shapefile", parks_layer());
    write_layer_file(d, "ESRI Shapefile", shoreline_layer());
    write_tables(d);
    return write_layer_file(d, driver, parcels);
}

/// The one issue with `code`; fails unless there is exactly one.
Issue only_issue(const City& city, const std::string& code) {
    const auto found = issues_with_code(city, code);
    INFO("issues:\n" << all_issues(city));
    REQUIRE(found.size() == 1);
    return found[0];
}

/// The record `id` (FID `fid`) is rejected: one issue says so and the city has no trace of it.
void check_rejected(const City& city, const Issue& issue, const std::string& file, const std::string& id, int64_t fid,
                    const std::string& field) {
    CHECK(issue.severity == Severity::Rejected);
    CHECK(issue.file == file);
    CHECK(issue.layer == "parcels");
    CHECK(issue.feature_id == id);
    CHECK(issue.fid == fid);
    CHECK(issue.field == field);
    CHECK_THAT(issue.to_string(), Catch::StartsWith(file + ":parcels:" + id + ": "));
    CHECK_FALSE(find_parcel(city, id));
}

void check_counts(const City& city, uint64_t read, uint64_t kept, uint64_t rejected, uint64_t repaired = 0) {
    require_conserved(city);
    const LayerCounts& c = city.report.counts.at("parcels");
    CHECK(c.read == read);
    CHECK(c.kept == kept);
    CHECK(c.rejected == rejected);
    CHECK(c.repaired == repaired);
    CHECK(city.parcels.size() == kept);
}

}  // namespace

TEST_CASE("bad input: a parcel with no geometry is rejected by id", "[io][bad]") {
    ScratchDir dir("bad-null-geom");
    LayerData parcels = parcels_layer();
    parcels.feature("parcel_id", "DK003").wkt = "";
    const std::string shp = write_city_with(dir, parcels);
    const City city = load(dir.path().string());
    check_counts(city, 12, 11, 1);
    const Issue i = only_issue(city, "geometry.null");
    check_rejected(city, i, shp, "DK003", 2, "");
    CHECK_THAT(i.message, Catch::Contains("no geometry"));
}

TEST_CASE("bad input: a parcel with an empty geometry is rejected by id", "[io][bad]") {
    ScratchDir dir("bad-empty-geom");
    LayerData parcels = parcels_layer();
    parcels.feature("parcel_id", "DK008").wkt = "POLYGON EMPTY";
    const std::string gpkg = write_city_with(dir, parcels, "GPKG");
    const City city = load(dir.path().string());
    check_counts(city, 12, 11, 1);
    const Issue i = only_issue(city, "geometry.empty");
    check_rejected(city, i, gpkg, "DK008", 8, "");  // GeoPackage FIDs start at 1
    CHECK_THAT(i.message, Catch::Contains("empty geometry"));
}

TEST_CASE("bad input: a bow-tie parcel is repaired into its two triangles and kept", "[io][bad][geometry]") {
    ScratchDir dir("bad-bowtie");
    LayerData parcels = parcels_layer();
    // 100 m square traversed as a figure eight: crosses itself at (5050, 50). The
    // two lobes are triangles of base 100 and height 50: 2 x 2500 m².
    parcels.feature("parcel_id", "DK010").wkt = "POLYGON ((" + fmt::format("{} {}, {} {}, {} {}, {} {}, {} {}", kE0 + 5000, kN0,
                                                                         kE0 + 5100, kN0 + 100, kE0 + 5100, kN0, kE0 + 5000,
                                                                         kN0 + 100, kE0 + 5000, kN0) +
                                                "))";
    const std::string shp = write_city_with(dir, parcels);
    const City city = load(dir.path().string());
    check_counts(city, 12, 12, 0, /*repaired=*/1);
    const Issue i = only_issue(city, "geometry.repaired");
    CHECK(i.severity == Severity::Warning);
    CHECK(i.file == shp);
    CHECK(i.feature_id == "DK010");
    CHECK(i.fid == 9);
    CHECK_THAT(i.message, Catch::Contains("Self-intersection") && Catch::Contains("MakeValid"));
    const auto k = find_parcel(city, "DK010");
    REQUIRE(k);
    CHECK(city.parcels.area_m2[*k] == Approx(2 * 0.5 * 100 * 50).epsilon(1e-9));
    CHECK(city.parcels.geometry.polygon_count(*k) == 2);
    // By symmetry the two lobes balance at the crossing point.
    CHECK(city.parcels.centroid[*k].x == Approx(kE0 + 5050).margin(1e-6));
    CHECK(city.parcels.centroid[*k].y == Approx(kN0 + 50).margin(1e-6));
    CHECK(city.report.counts.at("parcels").warned == 1);
}

TEST_CASE("bad input: a point in a mixed polygon GeoJSON is rejected for its geometry type", "[io][bad][geometry]") {
    ScratchDir dir("bad-mixed");
    LayerData parcels = parcels_layer(DateStyle::Text);
    parcels.geometry_type = wkbUnknown;
    parcels.feature("parcel_id", "DK011").wkt = fmt::format("POINT ({} {})", kE0 + 5500, kN0 + 50);
    const std::string geojson = write_city_with(dir, parcels, "GeoJSON");
    const City city = load(dir.path().string());
    check_counts(city, 12, 11, 1);
    const Issue i = only_issue(city, "geometry.type");
    check_rejected(city, i, geojson, "DK011", 10, "");
    CHECK_THAT(i.message, Catch::Contains("Point") && Catch::Contains("polygons"));
}

TEST_CASE("bad input: a parcel_id shared by two different shapes keeps both, the second as ID#2", "[io][bad][duplicate]") {
    ScratchDir dir("bad-duplicate");
    LayerData parcels = parcels_layer();
    parcels.feature("parcel_id", "DK012").values["parcel_id"] = "DK001";
    const std::string shp = write_city_with(dir, parcels);
    const City city = load(dir.path().string());
    check_counts(city, 12, 12, 0);  // both are land
    const Issue i = only_issue(city, "id.conflict");
    CHECK(i.severity == Severity::Warning);
    CHECK(i.feature_id == "DK001");
    CHECK(i.fid == 11);
    CHECK(i.field == "parcel_id");
    CHECK_THAT(i.message, Catch::Contains("'DK001'") && Catch::Contains("0 of parcels.shp") && Catch::Contains("'DK001#2'"));
    // The first one stays, with its own geometry (60,000 m², not the duplicate's 300,000 m²).
    const auto k = find_parcel(city, "DK001");
    REQUIRE(k);
    CHECK(city.parcels.source_fid[*k] == 0);
    CHECK(city.parcels.area_m2[*k] == Approx(60000));
    const auto k2 = find_parcel(city, "DK001#2");
    REQUIRE(k2);
    CHECK(city.parcels.source_fid[*k2] == 11);
    CHECK(city.parcels.area_m2[*k2] == Approx(300000));
    CHECK(city.parcels.park[*k2] == -1);  // DK012's own place, outside both parks
}

TEST_CASE("bad input: a required field column missing is a DataError naming it and listing the fields present", "[io][bad]") {
    ScratchDir dir("bad-missing-column");
    LayerData parcels = parcels_layer();
    parcels.remove_field("status");
    const std::string shp = write_city_with(dir, parcels);
    try {
        load(dir.path().string());
        FAIL("loaded parcels without a status column");
    } catch (const DataError& e) {
        const std::string m = e.what();
        CHECK_THAT(m, Catch::StartsWith(shp + ":parcels:"));
        CHECK_THAT(m, Catch::Contains("'status'"));
        CHECK_THAT(m, Catch::Contains("parcel_id, district, land_use, appr_date"));
        CHECK_THAT(e.hint(), Catch::Contains("[parcels.fields] status = "));
    }
}

TEST_CASE("bad input: an empty required value keeps the parcel as incomplete, its land counted", "[io][bad][incomplete]") {
    ScratchDir dir("bad-empty-required");
    LayerData parcels = parcels_layer();
    parcels.feature("parcel_id", "DK004").values["district"] = "";
    parcels.feature("parcel_id", "DK005").values["land_use"] = "   ";  // blank is empty
    const std::string shp = write_city_with(dir, parcels);
    const City city = load(dir.path().string());
    check_counts(city, 12, 12, 0);
    CHECK(city.report.counts.at("parcels").incomplete == 2);
    const auto missing = issues_with_code(city, "field.missing");
    REQUIRE(missing.size() == 2);
    CHECK(missing[0].feature_id == "DK004");
    CHECK(missing[0].field == "district");
    CHECK(missing[1].feature_id == "DK005");
    CHECK(missing[1].field == "land_use");
    for (const auto& m : missing) {
        CHECK(m.severity == Severity::Warning);
        CHECK(m.file == shp);
        CHECK_THAT(m.message, Catch::Contains("empty") && Catch::Contains("incomplete"));
    }
    const auto dk4 = find_parcel(city, "DK004"), dk5 = find_parcel(city, "DK005");
    REQUIRE(dk4);
    REQUIRE(dk5);
    // No districts layer and no id pattern: the district is unknown, the land counts in its park.
    CHECK(city.districts[city.parcels.district[*dk4]].code.empty());
    CHECK(city.parcels.incomplete[*dk4] == kNoDistrict);
    CHECK(park_of(city, *dk4) == canonical_city().parcel("DK004").park_id);
    CHECK(city.parcels.area_m2[*dk4] == Approx(canonical_city().parcel("DK004").area_m2).epsilon(1e-6));
    CHECK(city.parcels.land_use[*dk5] == LandUse::Unknown);
    CHECK(city.parcels.incomplete[*dk5] == kNoLandUse);
    CHECK(city.parcels.status[*dk5] == Status::Planned);  // the rest of the record is intact
}

TEST_CASE("bad input: an unparsable or impossible date is a warning and leaves the date empty", "[io][bad]") {
    ScratchDir dir("bad-date");
    LayerData parcels = parcels_layer(DateStyle::Text);
    parcels.feature("parcel_id", "DK002").values["supp_date"] = "2019-04-31";  // April has 30 days
    parcels.feature("parcel_id", "DK007").values["appr_date"] = "去年年底";     // "end of last year"
    const std::string shp = write_city_with(dir, parcels);
    const City city = load(dir.path().string());
    check_counts(city, 12, 12, 0);
    const auto bad = issues_with_code(city, "field.invalid");
    INFO("issues:\n" << all_issues(city));
    REQUIRE(bad.size() == 2);
    CHECK(bad[0].severity == Severity::Warning);
    CHECK(bad[0].file == shp);
    CHECK(bad[0].feature_id == "DK002");
    CHECK(bad[0].field == "supp_date");
    CHECK_THAT(bad[0].message, Catch::Contains("'2019-04-31'") && Catch::Contains("left empty"));
    CHECK(bad[1].feature_id == "DK007");
    CHECK(bad[1].field == "appr_date");
    CHECK_THAT(bad[1].message, Catch::Contains("'去年年底'") && Catch::Contains("date_formats"));
    CHECK(city.report.counts.at("parcels").warned == 2);

    const auto dk2 = find_parcel(city, "DK002"), dk7 = find_parcel(city, "DK007");
    REQUIRE(dk2);
    REQUIRE(dk7);
    CHECK(city.parcels.supp_date[*dk2].is_null());
    CHECK(city.parcels.appr_date[*dk2].iso() == "2018-03-05");  // the rest of the record is intact
    CHECK(city.parcels.appr_date[*dk7].is_null());
    CHECK(city.parcels.supp_date[*dk7].iso() == "2021-03-05");
}

TEST_CASE("bad input: a ratio above 1 and a percentage coverage are out_of_range warnings", "[io][bad]") {
    ScratchDir dir("bad-range");
    LayerData parcels = parcels_layer();
    parcels.feature("parcel_id", "DK003").values["dev_ratio"] = "1.3";
    parcels.feature("parcel_id", "DK004").values["coverage"] = "42";
    parcels.feature("parcel_id", "DK008").values["inv_done"] = "-5";
    const std::string shp = write_city_with(dir, parcels);
    const City city = load(dir.path().string());
    check_counts(city, 12, 12, 0);
    const auto bad = issues_with_code(city, "field.out_of_range");
    INFO("issues:\n" << all_issues(city));
    REQUIRE(bad.size() == 3);
    CHECK(bad[0].feature_id == "DK003");
    CHECK(bad[0].field == "dev_ratio");
    CHECK_THAT(bad[0].message, Catch::Contains("1.3") && Catch::Contains("0..1"));
    CHECK(bad[1].feature_id == "DK004");
    CHECK(bad[1].field == "coverage");
    CHECK_THAT(bad[1].message, Catch::Contains("42") && Catch::Contains("percentage"));
    CHECK(bad[2].feature_id == "DK008");
    CHECK(bad[2].field == "inv_done");
    for (const auto& b : bad) {
        CHECK(b.severity == Severity::Warning);
        CHECK(b.file == shp);
    }
    CHECK(std::isnan(city.parcels.dev_ratio[*find_parcel(city, "DK003")]));
    CHECK(std::isnan(city.parcels.coverage[*find_parcel(city, "DK004")]));
    CHECK(city.parcels.coverage[*find_parcel(city, "DK003")] == Approx(0.25));  // others untouched
}

TEST_CASE("bad input: an unknown status keeps the parcel as incomplete, quoting it and the allowed values", "[io][bad][incomplete]") {
    ScratchDir dir("bad-status");
    LayerData parcels = parcels_layer();
    parcels.feature("parcel_id", "DK009").values["status"] = "idle";
    const std::string shp = write_city_with(dir, parcels);
    const City city = load(dir.path().string());
    check_counts(city, 12, 12, 0);
    const Issue i = only_issue(city, "field.invalid");
    CHECK(i.severity == Severity::Warning);
    CHECK(i.feature_id == "DK009");
    CHECK(i.fid == 8);
    CHECK(i.field == "status");
    const auto k = find_parcel(city, "DK009");
    REQUIRE(k);
    CHECK(city.parcels.status[*k] == Status::Unknown);
    CHECK(park_of(city, *k) == "P02");  // its land is in its park
    CHECK_THAT(i.message, Catch::Contains("'idle'") && Catch::Contains("planned, approved, supplied") &&
                              Catch::Contains("[parcels.values.status]"));
}

TEST_CASE("bad input: bad records in parks and shoreline are reported and counted too", "[io][bad]") {
    ScratchDir dir("bad-other-layers");
    const std::string d = dir.path().string();
    LayerData parks = parks_layer();
    parks.feature("park_id", "P02").values["level"] = "county";
    LayerData shore = shoreline_layer();
    shore.set_field_type("port", OFTString, 8);
    shore.feature("shore_id", "S02").values["port"] = "maybe";
    write_layer_file(d, "ESRI Shapefile", parks);
    write_layer_file(d, "ESRI Shapefile", shore);
    write_layer_file(d, "ESRI Shapefile", parcels_layer());
    const City city = load(d);
    require_conserved(city);
    CHECK(city.report.counts.at("parks").rejected == 1);
    CHECK(city.report.counts.at("shoreline").rejected == 1);
    CHECK(city.parks.size() == 1);
    CHECK(city.shoreline.size() == 2);
    // With P02 gone, its parcels fall outside every park.
    CHECK(park_of(city, *find_parcel(city, "DK007")).empty());
    CHECK(park_of(city, *find_parcel(city, "DK001")) == "P01");
    const auto invalid = issues_with_code(city, "field.invalid");
    REQUIRE(invalid.size() == 2);
    CHECK(invalid[0].layer == "parks");
    CHECK(invalid[0].feature_id == "P02");
    CHECK_THAT(invalid[0].message, Catch::Contains("'county'"));
    CHECK(invalid[1].layer == "shoreline");
    CHECK(invalid[1].feature_id == "S02");
    CHECK_THAT(invalid[1].message, Catch::Contains("'maybe'") && Catch::Contains("是/否"));
}

TEST_CASE("bad input: a DATA path that does not exist is an InputError naming it", "[io][bad]") {
    ScratchDir dir("bad-no-data");
    const std::string missing = dir / "no-such-city";
    CHECK_THROWS_MATCHES(load(missing), InputError,
                         Catch::Matchers::Predicate<InputError>(
                             [&](const InputError& e) { return std::string(e.what()).find(missing) != std::string::npos; },
                             "names the path"));
    CHECK_THROWS_AS(load(dir / "no-such-city.gpkg"), InputError);
}

TEST_CASE("bad input: a truncated .shp is an InputError, never a silently shorter city", "[io][bad]") {
    // The .shp is cut in half; its .shx and .dbf still hold twelve records. GDAL
    // 3.6 still returns all twelve (attributes from the intact .dbf), those whose
    // shapes were cut off without geometry, and raises "Error in fread() reading
    // object ... from .shp file". The loader turns that into an InputError naming
    // the file, instead of a city that lacks those parcels or merely lists them
    // as "no geometry".
    ScratchDir dir("bad-truncated");
    const std::string shp = write_city_with(dir, parcels_layer());
    const auto full = fs::file_size(shp);
    fs::resize_file(shp, full / 2);
    try {
        const City city = load(dir.path().string());
        FAIL("a truncated .shp loaded with " << city.parcels.size() << " parcels");
    } catch (const InputError& e) {
        const std::string m = e.what();
        CHECK_THAT(m, Catch::StartsWith(shp + ":parcels: reading failed after "));
        CHECK_THAT(e.hint(), Catch::Contains("truncated"));
    }
}

TEST_CASE("bad input: a .dbf without its .shp is an InputError naming the missing parcels.shp", "[io][bad]") {
    ScratchDir dir("bad-dbf-only");
    write_city_with(dir, parcels_layer());
    fs::remove(dir.path() / "parcels.shp");
    fs::remove(dir.path() / "parcels.shx");
    try {
        load(dir.path().string());
        FAIL("parcels without geometry loaded");
    } catch (const InputError& e) {
        CHECK_THAT(e.what(), Catch::StartsWith(dir / "parcels.dbf") && Catch::Contains("parcels.shp"));
    }
}

TEST_CASE("bad input: parcels stored as points are a DataError", "[io][bad][geometry]") {
    ScratchDir dir("bad-points");
    LayerData parcels = parcels_layer();
    parcels.geometry_type = wkbPoint;
    for (auto& f : parcels.features) f.wkt = fmt::format("POINT ({} {})", kE0 + 100, kN0 + 100);
    const std::string shp = write_city_with(dir, parcels);
    try {
        load(dir.path().string());
        FAIL("point parcels loaded");
    } catch (const DataError& e) {
        CHECK_THAT(e.what(), Catch::StartsWith(shp + ":parcels:") && Catch::Contains("Point") &&
                                 Catch::Contains("expected polygons"));
    }
}

TEST_CASE("bad input: an empty parcels layer is a DataError saying there are no parcels", "[io][bad]") {
    ScratchDir dir("bad-empty-layer");
    LayerData parcels = parcels_layer();
    parcels.features.clear();
    const std::string shp = write_city_with(dir, parcels);
    try {
        load(dir.path().string());
        FAIL("a city without parcels loaded");
    } catch (const DataError& e) {
        CHECK_THAT(e.what(), Catch::StartsWith(shp + ":parcels: no usable parcels (0 read, 0 rejected)"));
    }
}

TEST_CASE("bad input: an empty optional layer in longitude/latitude does not move the city off the globe", "[io][bad]") {
    // An empty Shapefile reports the extent 0,0,0,0; read as longitude/latitude
    // that is the Gulf of Guinea, and must not drag the choice of zone there.
    ScratchDir dir("bad-empty-optional");
    const std::string d = dir.path().string();
    LayerData shore = shoreline_layer();
    shore.features.clear();
    write_layer_file(d, "ESRI Shapefile", shore, {4490, {}});
    write_layer_file(d, "ESRI Shapefile", parks_layer());
    write_layer_file(d, "ESRI Shapefile", parcels_layer());
    const City city = load(d);
    CHECK(city.crs.epsg == 4528);
    check_canonical_parcels(city);
    CHECK(city.shoreline.empty());
    CHECK(city.report.counts.at("shoreline").read == 0);
    require_conserved(city);
}

TEST_CASE("bad input: a lone empty parcels file is a DataError saying there are no parcels", "[io][bad]") {
    // Nothing else to place the city on the globe with: the message must still be
    // about the empty layer, not about longitudes.
    ScratchDir dir("bad-lone-empty");
    LayerData parcels = parcels_layer();
    parcels.features.clear();
    const std::string shp = write_layer_file(dir.path().string(), "ESRI Shapefile", parcels);
    try {
        load(shp);
        FAIL("a city without parcels loaded");
    } catch (const DataError& e) {
        CHECK_THAT(e.what(), Catch::Contains("no usable parcels"));
    }
}

TEST_CASE("bad input: every parcel rejected is a DataError pointing at the rejects", "[io][bad]") {
    ScratchDir dir("bad-all-rejected");
    LayerData parcels = parcels_layer();
    for (auto& f : parcels.features) f.wkt = "";
    const std::string shp = write_city_with(dir, parcels);
    try {
        load(dir.path().string());
        FAIL("a city of rejected parcels loaded");
    } catch (const DataError& e) {
        CHECK_THAT(e.what(), Catch::StartsWith(shp + ":parcels: no usable parcels (12 read, 12 rejected)"));
    }
}
