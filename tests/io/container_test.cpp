// What the container holds is what is accounted for: a .dbf with fewer records
// than the .shp has shapes, records marked deleted, numbers GDAL parses only in
// part, and text that is no UTF-8. The .dbf is damaged byte by byte here, the way
// a crashed export or a hand edit damages it.
#include <catch2/catch.hpp>

#include <filesystem>

#include "parkcap/io/load.hpp"
#include "support/city_checks.hpp"
#include "support/city_writer.hpp"
#include "support/fixtures.hpp"
#include "support/shapefile_bytes.hpp"

using namespace parkcap;
using namespace parkcap::test;

namespace {

/// The canonical city as Shapefiles in `dir`; returns the parcels .dbf.
std::string write_city(const ScratchDir& dir) {
    write_city_folder(dir.path().string(), "ESRI Shapefile");
    return dir / "parcels.dbf";
}

City load(const ScratchDir& dir) {
    io::LoadOptions o;
    o.data = dir.path().string();
    return io::load_city(o);
}

const LayerCounts& parcels_counts(const City& city) { return city.report.counts.at("parcels"); }

}  // namespace

TEST_CASE("container: a .dbf with fewer records than the .shp has shapes loses none silently", "[io][container]") {
    ScratchDir dir("container-short-dbf");
    Dbf dbf(write_city(dir));
    const std::size_t shapes = canonical_city().parcels.size();
    REQUIRE(dbf.records() == shapes);

    SECTION("the header's record count is lower than the records the file holds") { dbf.set_record_count(4); }
    SECTION("the file ends after four records") {
        dbf.keep_records(4);
        dbf.set_record_count(4);
    }
    dbf.save();
    const City city = load(dir);
    INFO(all_issues(city));
    const LayerCounts& c = parcels_counts(city);
    CHECK(c.read == shapes);
    CHECK(c.kept == 4);
    CHECK(c.rejected == shapes - 4);
    CHECK(city.parcels.size() == 4);
    const auto lost = issues_with_code(city, "record.unread");
    REQUIRE(lost.size() == 1);
    CHECK(lost[0].severity == Severity::Rejected);
    CHECK(lost[0].file == dir / "parcels.shp");
    CHECK(lost[0].fid == 4);
    CHECK_THAT(lost[0].message, Catch::Contains("FID 4..11 (8 features)") && Catch::Contains("12 shapes") &&
                                    Catch::Contains("only 4 attribute records"));
}

TEST_CASE("container: records marked deleted in the .dbf are reported by FID", "[io][container]") {
    ScratchDir dir("container-deleted");
    Dbf dbf(write_city(dir));
    dbf.mark_deleted(2);
    dbf.mark_deleted(7);
    dbf.save();
    const City city = load(dir);
    INFO(all_issues(city));
    const LayerCounts& c = parcels_counts(city);
    CHECK(c.read == 12);
    CHECK(c.kept == 10);
    CHECK(c.rejected == 2);
    const auto deleted = issues_with_code(city, "record.deleted");
    REQUIRE(deleted.size() == 2);
    CHECK(deleted[0].fid == 2);
    CHECK(deleted[1].fid == 7);
    CHECK_THAT(deleted[0].message, Catch::Contains("marked deleted"));
    CHECK_FALSE(find_parcel(city, canonical_city().parcels[2].parcel_id));
    CHECK_FALSE(find_parcel(city, canonical_city().parcels[7].parcel_id));
}

TEST_CASE("container: a number GDAL parses only in part, or to infinity, is empty and reported", "[io][container]") {
    ScratchDir dir("container-numbers");
    Dbf dbf(write_city(dir));
    const auto& parcels = canonical_city().parcels;
    // far is optional: each bad value leaves it empty (never 0, 1 or inf) with a warning.
    const std::vector<std::pair<std::size_t, std::string>> bad = {{0, "abc"}, {1, "1,5"}, {3, "--3"}, {4, "1e400"}};
    for (const auto& [r, text] : bad) dbf.set(r, "far", text);
    dbf.save();
    const City city = load(dir);
    INFO(all_issues(city));
    const LayerCounts& c = parcels_counts(city);
    CHECK(c.read == 12);
    CHECK(c.kept == 12);
    const auto invalid = issues_with_code(city, "field.invalid");
    REQUIRE(invalid.size() == bad.size());
    for (std::size_t k = 0; k < bad.size(); ++k) {
        const auto& [r, text] = bad[k];
        const auto i = find_parcel(city, parcels[r].parcel_id);
        REQUIRE(i);
        INFO(parcels[r].parcel_id << " far written as " << text);
        CHECK(std::isnan(city.parcels.far[*i]));
        CHECK(invalid[k].feature_id == parcels[r].parcel_id);
        CHECK(invalid[k].field == "far");
        CHECK(invalid[k].severity == Severity::Warning);
        CHECK_THAT(invalid[k].message, Catch::Contains("not a") && Catch::Contains("left empty"));
    }
    CHECK_THAT(invalid[0].message, Catch::Contains("'abc'"));
    CHECK_THAT(invalid[1].message, Catch::Contains("'1,5'"));
    // The untouched records keep their values.
    const auto dk3 = find_parcel(city, parcels[2].parcel_id);
    REQUIRE(dk3);
    if (!std::isnan(parcels[2].far)) CHECK(city.parcels.far[*dk3] == Approx(parcels[2].far));
}
