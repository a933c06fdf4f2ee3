// No land lost: every record with a usable geometry counts in the land totals.
// An empty district is derived (from the districts layer, or from the id), each
// kind of repeated id is handled as docs/data.md says (an exact double counts
// once, one parcel reported by two districts is kept under the district whose
// territory holds it, two shapes sharing an id are both kept), an unclosed ring
// is a reported repair, and a recorded area typed in m² or hectares is named.
#include <catch2/catch.hpp>

#include <filesystem>

#include <fmt/format.h>

#include "parkcap/audit/audit.hpp"
#include "parkcap/io/load.hpp"
#include "parkcap/io/mapping.hpp"
#include "support/city_checks.hpp"
#include "support/city_writer.hpp"
#include "support/fixtures.hpp"

namespace fs = std::filesystem;
using namespace parkcap;
using namespace parkcap::test;

namespace {

City load(const std::string& data, const std::string& mapping_text = "") {
    io::LoadOptions o;
    o.data = data;
    if (!mapping_text.empty()) o.mapping = io::parse_mapping(mapping_text, "m.toml");
    o.survey_area_tolerance = rules::default_rules().data.survey_area_tolerance;
    return io::load_city(o);
}

/// Districts whose territories hold the canonical parcels of their code:
/// 321291 west of x = 2100 (and DK012's 2200..2800 belongs to 321283), 321282
/// from 3000 to 4900, 321283 the rest.
LayerData districts_layer() {
    LayerData l;
    l.name = "districts";
    l.fields = {{"district", OFTString, 12}, {"name", OFTString, 32}};
    l.features = {{rect_wkt(-1000, -1000, 2100, 3000), {{"district", "321291"}, {"name", "医药高新区"}}},
                  {rect_wkt(3000, -1000, 4900, 3000), {{"district", "321282"}, {"name", "靖江市"}}},
                  {"MULTIPOLYGON (((" + fmt::format("{0} {1}, {2} {1}, {2} {3}, {0} {3}, {0} {1}", kE0 + 2100, kN0 - 1000,
                                                     kE0 + 3000, kN0 + 3000) +
                       ")), ((" +
                       fmt::format("{0} {1}, {2} {1}, {2} {3}, {0} {3}, {0} {1}", kE0 + 4900, kN0 - 1000, kE0 + 8000,
                                   kN0 + 3000) +
                       ")))",
                   {{"district", "321283"}, {"name", "泰兴市"}}}};
    return l;
}

/// DATA with the canonical parks, shoreline, tables and `parcels` (and districts when asked).
void write_city(const ScratchDir& dir, const LayerData& parcels, bool with_districts) {
    const std::string d = dir.path().string();
    write_layer_file(d, "ESRI Shapefile", parks_layer());
    write_layer_file(d, "ESRI Shapefile", shoreline_layer());
    if (with_districts) write_layer_file(d, "ESRI Shapefile", districts_layer());
    write_tables(d);
    write_layer_file(d, "ESRI Shapefile", parcels);
}

Issue only(const City& city, const std::string& code) {
    const auto found = issues_with_code(city, code);
    INFO("issues:\n" << all_issues(city));
    REQUIRE(found.size() == 1);
    return found[0];
}

double total_area_m2(const City& city) {
    double a = 0;
    for (std::size_t i = 0; i < city.parcels.size(); ++i) a += city.parcels.area_m2[i];
    return a;
}

}  // namespace

TEST_CASE("no land lost: an empty district is filled from the districts layer by location", "[io][incomplete]") {
    ScratchDir dir("nll-district-location");
    LayerData parcels = parcels_layer();
    parcels.feature("parcel_id", "DK004").values["district"] = "";
    parcels.feature("parcel_id", "DK012").values["district"] = "";
    write_city(dir, parcels, true);
    const City city = load(dir.path().string());
    require_conserved(city);
    check_canonical_parcels(city);  // the districts as designed, the land all there
    const auto derived = issues_with_code(city, "district.derived");
    REQUIRE(derived.size() == 2);
    CHECK(derived[0].feature_id == "DK004");
    CHECK_THAT(derived[0].message, Catch::Contains("321291") && Catch::Contains("boundary"));
    CHECK(derived[1].feature_id == "DK012");
    CHECK_THAT(derived[1].message, Catch::Contains("321283"));
    CHECK(city.parcels.incomplete[*find_parcel(city, "DK004")] == kDistrictDerived);
    CHECK(city.report.counts.at("parcels").incomplete == 0);  // derived: complete again
}

TEST_CASE("no land lost: an empty district is filled from the id prefix the mapping names", "[io][incomplete]") {
    ScratchDir dir("nll-district-id");
    LayerData parcels = parcels_layer();
    parcels.feature("parcel_id", "DK007").values["district"] = "";
    parcels.feature("parcel_id", "DK007").values["parcel_id"] = "321282-0007";
    write_city(dir, parcels, false);
    const City city = load(dir.path().string(), "[parcels]\ndistrict_from_id = \"^(\\\\d{6})-\"\n");
    require_conserved(city);
    const auto k = find_parcel(city, "321282-0007");
    REQUIRE(k);
    CHECK(city.districts[city.parcels.district[*k]].code == "321282");
    CHECK(park_of(city, *k) == "P02");
    const Issue i = only(city, "district.derived");
    CHECK(i.feature_id == "321282-0007");
    CHECK_THAT(i.message, Catch::Contains("321282") && Catch::Contains("district_from_id"));

    SECTION("a pattern without a group is a mapping error") {
        CHECK_THROWS_WITH(io::parse_mapping("[parcels]\ndistrict_from_id = \"^\\\\d{6}-\"\n", "m.toml"),
                          Catch::Contains("m.toml:2: parcels.district_from_id") && Catch::Contains("group"));
    }
}

TEST_CASE("no land lost: an exact double entry counts once, reported as merged", "[io][duplicate]") {
    ScratchDir dir("nll-double");
    LayerData parcels = parcels_layer();
    parcels.features.push_back(parcels.feature("parcel_id", "DK003"));
    write_city(dir, parcels, false);
    const City city = load(dir.path().string());
    require_conserved(city);
    check_canonical_parcels(city);
    const LayerCounts& c = city.report.counts.at("parcels");
    CHECK(c.read == 13);
    CHECK(c.kept == 12);
    CHECK(c.merged == 1);
    CHECK(c.rejected == 0);
    const Issue i = only(city, "id.duplicate");
    CHECK(i.severity == Severity::Warning);
    CHECK(i.fid == 12);
    CHECK_THAT(i.message, Catch::Contains("exact double") && Catch::Contains("FID 2 of parcels.shp"));
    CHECK(total_area_m2(city) == Approx(canonical_city().total_parcel_area_m2()).epsilon(1e-9));
}

TEST_CASE("no land lost: one parcel reported by two districts is kept under the district whose territory holds it",
          "[io][duplicate]") {
    ScratchDir dir("nll-two-districts");
    const std::string d = dir.path().string();
    write_layer_file(d, "ESRI Shapefile", parks_layer());
    write_layer_file(d, "ESRI Shapefile", shoreline_layer());
    write_layer_file(d, "ESRI Shapefile", districts_layer());
    write_tables(d);
    // The first file claims DK007 for 321291; the second, 321282's own, has it right.
    LayerData first = parcels_layer();
    first.name = "DK_a";
    first.feature("parcel_id", "DK007").values["district"] = "321291";
    first.feature("parcel_id", "DK007").values["enterprise"] = "某某公司";
    LayerData second = parcels_layer();
    second.name = "DK_b";
    second.features = {second.feature("parcel_id", "DK007")};
    write_layer_file(d, "ESRI Shapefile", first);
    write_layer_file(d, "ESRI Shapefile", second);
    const City city = load(d, "[parcels]\nsource = [\"DK_a.shp\", \"DK_b.shp\"]\n");
    require_conserved(city);
    check_canonical_parcels(city);  // DK007 once, as 321282 says, with its enterprise
    const auto k = find_parcel(city, "DK007");
    REQUIRE(k);
    CHECK(city.layers[city.parcels.source_layer[*k]].label == "DK_b.shp");
    const Issue i = only(city, "id.merged");
    CHECK(i.file == dir / "DK_b.shp");
    CHECK_THAT(i.message, Catch::Contains("district: '321291' / '321282'") && Catch::Contains("kept this record") &&
                              Catch::Contains("territory"));
    // The counts move with the record: the first file's DK007 is merged, not kept.
    for (const auto& l : city.layers) {
        if (l.logical != "parcels") continue;
        INFO(l.label);
        CHECK(l.counts.conserved());
        if (l.label == "DK_a.shp") {
            CHECK(l.counts.read == 12);
            CHECK(l.counts.kept == 11);
            CHECK(l.counts.merged == 1);
        } else {
            CHECK(l.counts.read == 1);
            CHECK(l.counts.kept == 1);
        }
    }
    const audit::Audit a = audit::run_audit(city, rules::default_rules(), {Date::from_ymd(2026, 6, 30), 1});
    CHECK(a.city.parcel_area_m2 == Approx(canonical_city().total_parcel_area_m2()).epsilon(1e-9));
}

namespace {

/// Per-district files DK_<code>.shp without a districts layer: the first names
/// 321291 and reports DK007 under `first_district`; the second, 321282's own, has it
/// as the canonical city does. Returns the loaded city.
City two_district_files(const ScratchDir& dir, const std::string& first_district) {
    const std::string d = dir.path().string();
    write_layer_file(d, "ESRI Shapefile", parks_layer());
    write_layer_file(d, "ESRI Shapefile", shoreline_layer());
    write_tables(d);
    LayerData first = parcels_layer();
    first.name = "DK_321291";
    first.feature("parcel_id", "DK007").values["district"] = first_district;
    first.feature("parcel_id", "DK007").values["enterprise"] = "某某公司";
    LayerData second = parcels_layer();
    second.name = "DK_321282";
    second.features = {second.feature("parcel_id", "DK007")};
    write_layer_file(d, "ESRI Shapefile", first);
    write_layer_file(d, "ESRI Shapefile", second);
    return load(d, "[parcels]\nsource = [\"DK_321291.shp\", \"DK_321282.shp\"]\n");
}

}  // namespace

TEST_CASE("no land lost: without a districts layer, the park's host district decides a parcel reported twice",
          "[io][duplicate]") {
    ScratchDir dir("nll-park-decides");
    const City city = two_district_files(dir, "321291");
    require_conserved(city);
    const auto k = find_parcel(city, "DK007");
    REQUIRE(k);
    // DK007 lies in P02, hosted by 321282: that district's record is kept.
    CHECK(city.districts[city.parcels.district[*k]].code == "321282");
    CHECK(city.layers[city.parcels.source_layer[*k]].label == "DK_321282.shp");
    const Issue i = only(city, "id.merged");
    CHECK_THAT(i.message, Catch::Contains("kept this record (it lies in a park of its district)"));
}

TEST_CASE("no land lost: a parcel reported in another district's file gives way to its own district's file",
          "[io][duplicate]") {
    ScratchDir dir("nll-file-decides");
    // 321291's file lists DK007 under 321282 (with another enterprise): both records
    // say 321282, so no territory decides; the record from 321282's own file is kept.
    const City city = two_district_files(dir, "321282");
    require_conserved(city);
    const auto k = find_parcel(city, "DK007");
    REQUIRE(k);
    CHECK(city.layers[city.parcels.source_layer[*k]].label == "DK_321282.shp");
    CHECK(city.parcels.enterprise[*k] == "靖江化工新材料有限公司");
    const Issue i = only(city, "id.merged");
    CHECK_THAT(i.message, Catch::Contains("enterprise: '某某公司' / '靖江化工新材料有限公司'") &&
                              Catch::Contains("kept this record (it was read from its own district's file)"));
}

TEST_CASE("no land lost: an unclosed ring is closed and reported as a repair", "[io][geometry]") {
    ScratchDir dir("nll-unclosed");
    const std::string d = dir.path().string();
    write_layer_file(d, "GeoJSON", parks_layer(), {4528, {}});
    LayerData parcels = parcels_layer(DateStyle::Text);
    parcels.features = {parcels.feature("parcel_id", "DK001")};
    const std::string path = write_layer_file(d, "GeoJSON", parcels, {4528, {}});
    // Cut the closing vertex out of the ring as a careless exporter writes it.
    std::string text = read_text_file(path);
    const std::string closing = fmt::format(", [ {:.1f}, {:.1f} ] ] ]", kE0 + 100, kN0 + 100);
    const auto at = text.find(closing);
    REQUIRE(at != std::string::npos);
    text.replace(at, closing.size(), " ] ]");
    write_text_file(path, text);
    const City city = load(d);
    require_conserved(city);
    REQUIRE(city.parcels.size() == 1);
    CHECK(city.parcels.area_m2[0] == Approx(60000));
    CHECK(city.report.counts.at("parcels").repaired == 1);
    const Issue i = only(city, "geometry.repaired");
    CHECK(i.feature_id == "DK001");
    CHECK_THAT(i.message, Catch::Contains("not closed") && Catch::Contains("60000.0 m² → 60000.0 m²"));
}

TEST_CASE("no land lost: a survey area typed in m² or hectares is reported and named", "[io][survey]") {
    ScratchDir dir("nll-survey");
    LayerData parcels = parcels_layer();
    parcels.fields.push_back({"survey_mu", OFTReal, 14, 3});
    parcels.feature("parcel_id", "DK001").values["survey_mu"] = "60000";  // 60,000 m² = 90 亩, typed as 亩
    parcels.feature("parcel_id", "DK002").values["survey_mu"] = "7";      // 70,000 m² = 7 ha = 105 亩
    parcels.feature("parcel_id", "DK003").values["survey_mu"] = "296";    // 300 亩 measured: within 5 %
    parcels.feature("parcel_id", "DK004").values["survey_mu"] = "300";    // 360 亩 measured: 17 % off
    write_city(dir, parcels, false);
    const City city = load(dir.path().string());
    require_conserved(city);
    const auto found = issues_with_code(city, "area.survey");
    INFO("issues:\n" << all_issues(city));
    REQUIRE(found.size() == 3);
    CHECK(found[0].feature_id == "DK001");
    CHECK_THAT(found[0].message, Catch::Contains("60000 亩") && Catch::Contains("90.00 亩") &&
                                     Catch::Contains("square metres typed as 亩 (×666.67)"));
    CHECK(found[1].feature_id == "DK002");
    CHECK_THAT(found[1].message, Catch::Contains("105.00 亩") && Catch::Contains("hectares typed as 亩 (÷15)"));
    CHECK(found[2].feature_id == "DK004");
    CHECK_THAT(found[2].message, Catch::Contains("360.00 亩") && !Catch::Contains("typed as"));
    CHECK(city.parcels.survey_mu[*find_parcel(city, "DK001")] == Approx(60000));
    // Areas stay measured, never taken from the record.
    CHECK(city.parcels.area_m2[*find_parcel(city, "DK001")] == Approx(60000));
}

TEST_CASE("no land lost: a park drawn in two overlapping records is one park whose land counts once", "[io][duplicate]") {
    ScratchDir dir("nll-park-parts");
    const std::string d = dir.path().string();
    LayerData parks = parks_layer();
    FeatureData& p02 = parks.feature("park_id", "P02");
    FeatureData east = p02;
    p02.wkt = rect_wkt(3000, 0, 3800, 1000);   // the two halves overlap by 100 m
    east.wkt = rect_wkt(3700, 0, 4500, 1000);
    parks.features.push_back(east);
    write_layer_file(d, "ESRI Shapefile", parks);
    write_layer_file(d, "ESRI Shapefile", shoreline_layer());
    write_tables(d);
    write_layer_file(d, "ESRI Shapefile", parcels_layer());
    const City city = load(d);
    require_conserved(city);
    check_canonical_parcels(city);  // every parcel of P02, in both halves, is in P02
    REQUIRE(city.parks.size() == 2);
    CHECK(city.parks[1].park_id == "P02");
    CHECK(city.parks[1].area_m2 == Approx(1500.0 * 1000).epsilon(1e-9));  // the union, not 1.6 km²
    const LayerCounts& c = city.report.counts.at("parks");
    CHECK((c.read == 3 && c.kept == 2 && c.merged == 1 && c.rejected == 0));
    const Issue i = only(city, "id.parts");
    CHECK(i.feature_id == "P02");
    CHECK_THAT(i.message, Catch::Contains("FID 1 of parks.shp") && Catch::Contains("2 parts"));
}

TEST_CASE("no land lost: another segment or project under a used id is kept under ID#2", "[io][duplicate]") {
    ScratchDir dir("nll-shore-project-conflict");
    const std::string d = dir.path().string();
    LayerData shore = shoreline_layer();
    shore.feature("shore_id", "S03").values["shore_id"] = "S01";
    write_layer_file(d, "ESRI Shapefile", parks_layer());
    write_layer_file(d, "ESRI Shapefile", shore);
    write_tables(d);
    // PJ03 renamed PJ01: a project of its own under a used number.
    std::string projects = projects_csv_utf8();
    projects.replace(projects.find("PJ03"), 4, "PJ01");
    write_text_file(d + "/projects.csv", projects);
    write_layer_file(d, "ESRI Shapefile", parcels_layer());
    const City city = load(d);
    require_conserved(city);
    double length = 0;
    for (const auto& s : city.shoreline) length += s.length_m;
    CHECK(length == Approx(1500.0 + 2000 + 1200));  // S03's 1,200 m still there
    REQUIRE(city.shoreline.size() == 3);
    CHECK(city.shoreline[2].shore_id == "S01#2");
    REQUIRE(city.projects.size() == 3);
    CHECK(city.projects[2].project_id == "PJ01#2");
    CHECK(city.projects[2].area_mu == 80);
    const auto conflicts = issues_with_code(city, "id.conflict");
    REQUIRE(conflicts.size() == 2);
    CHECK_THAT(conflicts[0].message, Catch::Contains("'S01#2'"));
    CHECK_THAT(conflicts[1].message, Catch::Contains("'PJ01#2'") && Catch::Contains("area_mu: 120 / 80"));
}
