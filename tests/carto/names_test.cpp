// What the map calls a district: the data's name, else the rules' table, else
// the code; and the [map] and [districts] sections read strictly.
#include <catch2/catch.hpp>

#include "parkcap/carto/names.hpp"
#include "parkcap/core/error.hpp"
#include "support/fixtures.hpp"

using namespace parkcap;
using namespace parkcap::test;
using Catch::Matchers::Contains;

namespace {
rules::Rules with(const std::string& text) {
    ScratchDir dir("carto-names");
    const std::string path = dir / "rules.toml";
    test::write_text_file(path, text);
    return rules::load_rules_file(path);
}
std::string error_of(const std::string& text) {
    try {
        (void)with(text);
    } catch (const DataError& e) {
        return e.what();
    }
    FAIL("the rules were accepted");
    return {};
}
}  // namespace

TEST_CASE("district names: the data's first, then the rules' table, the code last", "[carto][names]") {
    City city;
    city.districts.push_back({"321202", "数据区", true});
    city.districts.push_back({"321203", "", false});
    city.districts.push_back({"321204", "", false});
    // The data's name wins over the table's; the table names what the data does not.
    const rules::Rules r = with("[districts.names]\n321202 = \"表中区\"\n321203 = \"表中县\"\n");
    CHECK(r.districts.names.size() == 2);
    const auto a = carto::district_name(city, r, 0), b = carto::district_name(city, r, 1), c = carto::district_name(city, r, 2);
    CHECK(a.text == "数据区");
    CHECK(a.source == carto::NameSource::Data);
    CHECK(b.text == "表中县");
    CHECK(b.source == carto::NameSource::Rules);
    CHECK(c.text == "321204");
    CHECK(c.source == carto::NameSource::Code);
    // The built-in rules name no district.
    CHECK(rules::default_rules().districts.names.empty());
}

TEST_CASE("district names and map settings: mistakes named with file, line and key", "[carto][names][rules]") {
    CHECK_THAT(error_of("[districts.names]\n321202 = 5\n"), Contains("rules.toml:2: districts.names.321202") &&
                                                                 Contains("expected the district's name as text"));
    CHECK_THAT(error_of("[districts]\nnames = \"x\"\n"), Contains("districts.names"));
    CHECK_THAT(error_of("[map]\nflow_fold_below_mu = -1\n"), Contains("rules.toml:2: map.flow_fold_below_mu"));
    CHECK_THAT(error_of("[map]\npark_symbol_min_mm = 20\n"), Contains("map.park_symbol_max_mm") && Contains("below park_symbol_min_mm"));
    CHECK_THAT(error_of("[map]\nflow_fold_below = 3\n"), Contains("unknown key"));
    const rules::Rules r = with("[map]\nflow_fold_below_mu = 12.5\n");
    CHECK(r.map.flow_fold_below_mu == 12.5);
    CHECK(r.map.park_symbol_below_mm == rules::default_rules().map.park_symbol_below_mm);
}
