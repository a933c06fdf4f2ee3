// The [standard_land] section of the rules file: read as strictly as the rest,
// every mistake at its file and line, and the screening tax floor it replaced
// refused with a message naming its replacement.
#include <catch2/catch.hpp>

#include <string>

#include "parkcap/core/error.hpp"
#include "parkcap/rules/rules.hpp"
#include "support/fixtures.hpp"

using namespace parkcap;
using namespace parkcap::rules;
using Catch::Matchers::Contains;

namespace {

/// A user's file laid over the built-in rules; the DataError's message, or "" when accepted.
std::string error_of_file(const std::string& name, const std::string& text) {
    test::ScratchDir dir(name);
    const std::string path = dir / "city.toml";
    test::write_text_file(path, text);
    try {
        (void)load_rules_file(path);
    } catch (const DataError& e) {
        return e.what();
    }
    return {};
}

const char* kRow =
    "[[standard_land.indicator]]\n"          // line 1
    "level = \"provincial\"\n"               // 2
    "industry = \"C34\"\n"                   // 3
    "investment_min_wan_per_mu = 300\n"      // 4
    "tax_min_wan_per_mu = 20\n"              // 5
    "far_min = 1.0\n"                        // 6
    "output_min_wan_per_mu = 450\n";         // 7

}  // namespace

TEST_CASE("standard_land rules: a user's rows, miss settings and optional ceilings", "[rules][standard_land]") {
    test::ScratchDir dir("sl-rules-ok");
    const std::string path = dir / "city.toml";
    test::write_text_file(path, std::string("[standard_land]\nmiss = \"warn\"\ntax_miss = \"refuse\"\n") + kRow +
                                    "energy_max_tce_per_wan = 0.45\nfar_miss = \"refuse\"\n");
    const Rules r = load_rules_file(path);
    const StandardLandRules& sl = r.standard_land;
    CHECK(sl.miss == MissAction::Warn);
    CHECK(sl.miss_by_indicator[1] == MissAction::Refuse);
    // output_miss of the built-in section stays: tables merge key by key.
    CHECK(sl.miss_by_indicator[3] == MissAction::Warn);
    REQUIRE(sl.rows.size() == 1);  // the list replaces the built-in one whole
    const StandardLandRow& row = sl.rows[0];
    CHECK(row.level == ParkLevel::Provincial);
    CHECK(row.industry == "C34");
    CHECK(row.threshold[0] == 300);
    CHECK(row.threshold[1] == 20);
    CHECK(row.threshold[2] == 1.0);
    CHECK_FALSE(row.far_from_low_efficiency);
    CHECK(row.threshold[3] == 450);
    CHECK(row.threshold[4] == 0.45);
    CHECK_FALSE(row.threshold[5]);
    CHECK(row.miss[2] == MissAction::Refuse);
    // Resolution order: the row's own, the section's per indicator, the section's.
    CHECK(standard_land_miss(sl, row, StandardIndicator::Far) == MissAction::Refuse);
    CHECK(standard_land_miss(sl, row, StandardIndicator::Tax) == MissAction::Refuse);
    CHECK(standard_land_miss(sl, row, StandardIndicator::Investment) == MissAction::Warn);
    CHECK(standard_land_row(sl, ParkLevel::Provincial, "C3411") == &row);
    CHECK_FALSE(standard_land_row(sl, ParkLevel::Provincial, "C3511"));
    CHECK_FALSE(standard_land_row(sl, ParkLevel::Municipal, "C3411"));

    // An empty list checks nothing anywhere.
    test::write_text_file(path, "[standard_land]\nindicator = []\n");
    CHECK(load_rules_file(path).standard_land.rows.empty());
}

TEST_CASE("standard_land rules: every mistake at its line", "[rules][standard_land]") {
    SECTION("a level that is none of the parks' levels") {
        std::string text = kRow;
        text.replace(text.find("provincial"), 10, "county");
        CHECK_THAT(error_of_file("sl-rules-level", text),
                   Contains("city.toml:2: standard_land.indicator[1].level: \"county\" is not valid; expected one of national, provincial, "
                            "municipal, other"));
    }
    SECTION("an industry that is neither \"*\" nor a code prefix") {
        std::string text = kRow;
        text.replace(text.find("\"C34\""), 5, "\"steel\"");
        CHECK_THAT(error_of_file("sl-rules-industry", text),
                   Contains("city.toml:3: standard_land.indicator[1].industry: \"steel\"") &&
                       Contains("\"*\" (any industry) or a GB/T 4754-2017 code prefix"));
    }
    SECTION("a required minimum missing, a negative one, an unknown key") {
        std::string text = kRow;
        text.replace(text.find("output_min_wan_per_mu = 450\n"), 28, "output_min = 450\n");
        text.replace(text.find("tax_min_wan_per_mu = 20"), 23, "tax_min_wan_per_mu = -1");
        const std::string message = error_of_file("sl-rules-keys", text);
        CHECK_THAT(message, Contains("city.toml:5: standard_land.indicator[1].tax_min_wan_per_mu: -1 is out of range"));
        CHECK_THAT(message, Contains("city.toml:1: standard_land.indicator[1].output_min_wan_per_mu: missing"));
        CHECK_THAT(message, Contains("city.toml:7: standard_land.indicator[1].output_min: unknown key"));
    }
    SECTION("far_min names neither a ratio nor the 2008 table") {
        std::string text = kRow;
        text.replace(text.find("far_min = 1.0"), 13, "far_min = \"national\"");
        CHECK_THAT(error_of_file("sl-rules-far", text),
                   Contains("city.toml:6: standard_land.indicator[1].far_min: \"national\" is not valid; expected a "
                            "floor-area ratio > 0, or \"low_efficiency\""));
    }
    SECTION("a miss setting that is neither refuse nor warn") {
        const std::string text = std::string(kRow) + "far_miss = \"fine\"\n";
        CHECK_THAT(error_of_file("sl-rules-miss", text),
                   Contains("city.toml:8: standard_land.indicator[1].far_miss: \"fine\" is not valid; expected one of refuse, warn"));
    }
    SECTION("two rows for one level and industry") {
        const std::string text = std::string(kRow) + kRow;
        CHECK_THAT(error_of_file("sl-rules-twice", text),
                   Contains("city.toml:9: standard_land.indicator[2]: level \"provincial\" and industry \"C34\" "
                            "appear twice (also at line 2); expected one row per level and industry"));
    }
}

TEST_CASE("standard_land rules: the old screening tax floor is refused, naming its replacement", "[rules][standard_land]") {
    const std::string message =
        error_of_file("sl-rules-old-floor", "[screening]\ntax_floor_wan_per_mu = 20\nsprawl_max_ratio = 2\n");
    CHECK_THAT(message, Contains("city.toml:2: screening.tax_floor_wan_per_mu: is no longer read: the tax floor of new "
                                 "projects is tax_min_wan_per_mu of the [[standard_land.indicator]] rows"));
    // Refused once, for what it is: not also as an unknown key.
    CHECK_THAT(message, !Contains("unknown key"));
    // The audit's own floor of built land is still read.
    test::ScratchDir dir("sl-rules-audit-floor");
    test::write_text_file(dir / "city.toml", "[low_efficiency]\ntax_floor_wan_per_mu = 12\n");
    CHECK(load_rules_file(dir / "city.toml").low_efficiency.tax_floor_wan_per_mu == 12);
}
