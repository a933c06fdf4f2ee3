// Codes that point nowhere are reported: a parcel's or a project's district that no
// layer defines, a district with land and no quota row, an industry code that is not
// GB/T 4754-2017.
#include <catch2/catch.hpp>

#include <filesystem>

#include "parkcap/io/load.hpp"
#include "parkcap/model/industry.hpp"
#include "support/city_checks.hpp"
#include "support/city_writer.hpp"
#include "support/fixtures.hpp"

using namespace parkcap;
using namespace parkcap::test;
namespace fs = std::filesystem;

namespace {

City load(const ScratchDir& dir) {
    io::LoadOptions o;
    o.data = dir.path().string();
    return io::load_city(o);
}

/// The canonical city with `parcels`, and `projects_csv` as its projects table.
void write_city(const ScratchDir& dir, const LayerData& parcels, const std::string& projects_csv) {
    const std::string d = dir.path().string();
    write_layer_file(d, "ESRI Shapefile", parks_layer());
    write_layer_file(d, "ESRI Shapefile", shoreline_layer());
    write_layer_file(d, "ESRI Shapefile", parcels);
    write_tables(d);
    write_text_file(dir / "projects.csv", projects_csv);
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
    const auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("references: GB/T 4754-2017 industry codes", "[io][references]") {
    for (const char* ok : {"C3061", "C306", "C30", "G5960", "A0111", "T98", "K70", "C13", "C43"}) CHECK(is_industry_code(ok));
    for (const char* bad : {"", "C", "C3", "3061", "C99", "C12", "C44", "X30", "c3061", "C30611", "C30A1", "K71", "CC306"})
        CHECK_FALSE(is_industry_code(bad));
}

TEST_CASE("references: the sample-like canonical city has none to report", "[io][references]") {
    ScratchDir dir("references-clean");
    write_city_folder(dir.path().string(), "ESRI Shapefile");
    const City city = load(dir);
    INFO(all_issues(city));
    CHECK(issues_with_code(city, "district.unknown").empty());
    CHECK(issues_with_code(city, "quota.missing").empty());
    CHECK(issues_with_code(city, "industry.invalid").empty());
}

TEST_CASE("references: unknown origins, missing quota rows and bad industry codes are reported", "[io][references]") {
    ScratchDir dir("references-bad");
    LayerData parcels = parcels_layer();
    parcels.feature("parcel_id", "DK010").values["district"] = "321204";  // has land, no quota row
    parcels.feature("parcel_id", "DK007").values["industry"] = "C99";     // no division 99 in C
    std::string projects = projects_csv_utf8();
    projects = replace(projects, "G5960,321283", "G5960,999999");  // PJ03 from a district no layer has
    projects = replace(projects, "C2651", "2651");                 // PJ02 without its section letter
    write_city(dir, parcels, projects);
    const City city = load(dir);
    INFO(all_issues(city));

    const auto unknown = issues_with_code(city, "district.unknown");
    REQUIRE(unknown.size() == 1);
    CHECK(unknown[0].file == dir / "projects.csv");
    CHECK(unknown[0].feature_id == "PJ03");
    CHECK(unknown[0].field == "origin");
    CHECK_THAT(unknown[0].message, Catch::Contains("district 999999 is used by 1 project (PJ03)"));

    const auto missing = issues_with_code(city, "quota.missing");
    REQUIRE(missing.size() == 1);
    CHECK(missing[0].feature_id == "321204");
    CHECK_THAT(missing[0].message, Catch::Contains("1 parcels") && Catch::Contains("quota is taken as 0"));

    const auto invalid = issues_with_code(city, "industry.invalid");
    REQUIRE(invalid.size() == 2);
    CHECK(invalid[0].feature_id == "DK007");
    CHECK(invalid[0].file == dir / "parcels.shp");
    CHECK_THAT(invalid[0].message, Catch::Contains("'C99'"));
    CHECK(invalid[1].feature_id == "PJ02");
    CHECK_THAT(invalid[1].message, Catch::Contains("'2651'"));
    // Warnings: every record is still there.
    CHECK(city.parcels.size() == canonical_city().parcels.size());
    CHECK(city.projects.size() == canonical_city().projects.size());
}

TEST_CASE("references: with a districts layer, a parcel's district it lacks is reported", "[io][references]") {
    ScratchDir dir("references-layer");
    write_city_folder(dir.path().string(), "ESRI Shapefile");
    // A districts layer that knows two of the three districts.
    LayerData districts{"districts", wkbPolygon, {{"district", OFTString, 6}, {"name", OFTString, 20}}, {}};
    districts.features.push_back({rect_wkt(-1000, -1000, 2900, 3000), {{"district", "321291"}, {"name", "医药高新区"}}});
    districts.features.push_back({rect_wkt(2900, -1000, 6000, 3000), {{"district", "321282"}, {"name", "靖江市"}}});
    write_layer_file(dir.path().string(), "ESRI Shapefile", districts);
    const City city = load(dir);
    INFO(all_issues(city));
    const auto unknown = issues_with_code(city, "district.unknown");
    // 321283: three parcels (DK010..DK012), a project's origin and a quota row.
    REQUIRE(unknown.size() == 3);
    for (const auto& i : unknown) CHECK_THAT(i.message, Catch::Contains("district 321283") && Catch::Contains("districts layer"));
    CHECK_THAT(unknown[0].message, Catch::Contains("3 parcels (DK010, DK011, DK012)"));
}
