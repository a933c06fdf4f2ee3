// The rules file: the committed default, a user's own file, and every kind of
// mistake a user can make in one, each reported with file, line and key.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>

#include "parkcap/core/error.hpp"
#include "parkcap/rules/rules.hpp"
#include "support/fixtures.hpp"
#include "test_config.hpp"

using namespace parkcap::rules;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

// The default text with the one occurrence of `from` replaced by `to`.
std::string edited(std::string_view from, std::string_view to, std::string text = default_rules_text()) {
    const size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    REQUIRE(text.find(from, at + 1) == std::string::npos);  // the edit must be unambiguous
    text.replace(at, from.size(), to);
    return text;
}

// The 1-based line where `needle` first occurs in `text`.
int line_of(const std::string& text, std::string_view needle) {
    const size_t at = text.find(needle);
    REQUIRE(at != std::string::npos);
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

// The message of the DataError parsing `text` throws.
std::string error_of(const std::string& text) {
    try {
        (void)parse_rules(text, "my.toml");
    } catch (const parkcap::DataError& e) {
        return e.what();
    }
    FAIL("parse_rules accepted the text");
    return {};
}

// `my.toml:LINE: ` for the line holding `needle`.
std::string at(const std::string& text, std::string_view needle) {
    return "my.toml:" + std::to_string(line_of(text, needle)) + ": ";
}

}  // namespace

TEST_CASE("rules: the default parses and has the documented values") {
    const Rules r = default_rules();
    CHECK(r.source == "<default rules>");
    CHECK(r.version == "parkcap-default-2026.1");

    CHECK(r.idle.not_started_years == 1);
    CHECK(r.idle.dev_ratio_below == 1.0 / 3);  // exact: written as "1/3"
    CHECK(r.idle.inv_ratio_below == 0.25);
    CHECK(r.idle.halted_years == 1);
    CHECK(r.idle.fee_years == 1);
    CHECK(r.idle.fee_share_of_land_price == 0.20);
    CHECK(r.idle.takeback_years == 2);
    CHECK(r.approved.age_band_years == std::vector<int>{2, 5});

    const LowEfficiencyRules& le = r.low_efficiency;
    CHECK(le.land_uses == parkcap::EnumSet<parkcap::LandUse>{parkcap::LandUse::Industrial});
    CHECK(le.statuses == parkcap::EnumSet<parkcap::Status>{parkcap::Status::Built});
    CHECK(le.coverage_min == 0.30);
    CHECK(le.tax_floor_wan_per_mu == 15);
    CHECK(le.investment_min_wan_per_mu == std::map<std::string, double>{
                                             {"national", 300}, {"provincial", 250}, {"municipal", 200},
                                             {"other", 150}, {"outside", 150}});
    CHECK(le.far_minimums.size() == 18);
    CHECK(le.crosswalk.size() == 20);
    REQUIRE(far_minimum_for(le, "C2511"));
    CHECK(far_minimum_for(le, "C2511")->far_min == 0.5);
    CHECK(far_minimum_for(le, "C1711")->far_min == 0.8);
    CHECK(far_minimum_for(le, "C2611")->far_min == 0.6);
    CHECK(far_minimum_for(le, "C3011")->far_min == 0.7);
    CHECK(far_minimum_for(le, "C3211")->far_min == 0.6);
    CHECK(far_minimum_for(le, "C4011")->far_min == 1.0);
    CHECK(far_minimum_for(le, "C2710")->name == "医药制造业");

    const MujunRules& mj = r.mujun;
    REQUIRE(mj.indicators.size() == 3);
    CHECK(mj.indicators[0].measure == MujunMeasure::TaxPerMu);
    CHECK(mj.indicators[0].weight == 45);
    CHECK(mj.indicators[0].benchmark_relative == 2.0);
    CHECK_FALSE(mj.indicators[0].benchmark);
    CHECK(mj.indicators[1].measure == MujunMeasure::OutputPerMu);
    CHECK(mj.indicators[1].weight == 35);
    CHECK(mj.indicators[2].measure == MujunMeasure::InvestmentPerMu);
    CHECK(mj.indicators[2].weight == 20);
    CHECK(mj.share_a == 0.20);
    CHECK(mj.share_b == 0.60);
    CHECK(mj.share_c == 0.95);
    CHECK(mj.unrated_years_since_supply == 2);

    const PolicyRules& pol = r.policy;
    REQUIRE(pol.phase_out.size() == 4);
    CHECK(pol.phase_out[0].prefix == "C3731");
    CHECK(pol.phase_out[0].name == "金属船舶制造");
    CHECK(pol.phase_out[3].prefix == "C2611");
    REQUIRE(pol.negative_list.size() == 4);
    CHECK(pol.negative_list[3].prefix == "C2511");
    CHECK(pol.chemical_prefixes == std::vector<std::string>{"C26"});
    CHECK(pol.chem_shore_distance_m == 1000);

    CHECK(r.shoreline.park_port_distance_m == 2000);
    CHECK(r.shoreline.frontage_reach_m == 500);
    CHECK(r.shoreline.frontage_method == FrontageMethod::Park);
    CHECK(r.shoreline.port_use_prefixes == std::vector<std::string>{"G553"});
    CHECK(r.quota.earned_mu_per_mu_disposed == 0.5);
    CHECK(r.quota.window_years == 5);
    CHECK(r.quota.disposal_kinds == parkcap::EnumSet<DisposalKind>{DisposalKind::ApprovedUnsupplied, DisposalKind::IdleFee,
                                                                     DisposalKind::IdleTakeback});
    CHECK(r.screening.sprawl_max_ratio == 1.5);
    // 标准地: one "*" row per park level, as screening judged before the table.
    const StandardLandRules& sl = r.standard_land;
    CHECK(sl.miss == parkcap::MissAction::Refuse);
    CHECK(sl.miss_by_indicator[static_cast<std::size_t>(parkcap::StandardIndicator::Output)] == parkcap::MissAction::Warn);
    REQUIRE(sl.rows.size() == 4);
    const double investment[] = {300, 250, 200, 150}, output[] = {500, 400, 300, 250};
    for (std::size_t l = 0; l < 4; ++l) {
        const StandardLandRow& row = sl.rows[l];
        CHECK(row.level == static_cast<parkcap::ParkLevel>(l));
        CHECK(row.industry == "*");
        CHECK(row.threshold[0] == investment[l]);
        CHECK(row.threshold[1] == 15);
        CHECK(row.far_from_low_efficiency);
        CHECK_FALSE(row.threshold[2]);
        CHECK(row.threshold[3] == output[l]);
        CHECK_FALSE(row.threshold[4]);
        CHECK_FALSE(row.threshold[5]);
    }
    CHECK(r.fit.general_parks.empty());  // a city names its own (data/shapefiles/rules.toml)
    CHECK(r.fit.shore_site_distance_m == 1000);
    CHECK(r.fit.shore_zones == parkcap::EnumSet<parkcap::ShoreZone>{parkcap::ShoreZone::Develop, parkcap::ShoreZone::Control});
    CHECK(r.fit.site_land_uses == parkcap::EnumSet<parkcap::LandUse>{parkcap::LandUse::Industrial, parkcap::LandUse::Logistics});

    REQUIRE(r.objective.terms.size() == kObjectiveTermNames.size());
    for (const ObjectiveTerm& t : r.objective.terms) CHECK(t.scale > 0);

    CHECK(r.enclave.quota_paid_by == EnclaveSide::Host);
    REQUIRE(r.enclave.schedule.size() == 2);
    CHECK(r.enclave.schedule[0].from_year == 1);
    CHECK(r.enclave.schedule[0].to_year == 5);
    CHECK(r.enclave.schedule[0].tax_share_origin == 0.5);
    CHECK(r.enclave.schedule[0].gdp_share_origin == 0.5);
    CHECK(r.enclave.schedule[1].from_year == 6);
    CHECK(r.enclave.schedule[1].to_year == 10);
    CHECK(r.enclave.schedule[1].tax_share_origin == 0.3);
    CHECK(r.enclave.schedule[1].gdp_share_origin == 0.3);

    CHECK(r.solver.time_limit_s == 60);
    CHECK(r.solver.relative_gap == Approx(0.001));
}

TEST_CASE("rules: the compiled-in default is the committed file, byte for byte") {
    const std::string path = std::string(parkcap::test::kSourceDir) + "/engine/rules/default_rules.toml";
    CHECK(parkcap::test::read_text_file(path) == default_rules_text());
}

TEST_CASE("rules: a user's file round-trips through load_rules_file") {
    parkcap::test::ScratchDir dir("rules-roundtrip");
    std::string text = edited("version = \"parkcap-default-2026.1\"", "version = \"huaian-2026.2\"");
    text = edited("chem_shore_distance_m = 1000", "chem_shore_distance_m = 5000", text);
    text = edited("tax_floor_wan_per_mu = 15\n\n# Minimum fixed", "tax_floor_wan_per_mu = 20\n\n# Minimum fixed", text);
    const std::string path = dir / "huaian.toml";
    parkcap::test::write_text_file(path, text);

    const Rules r = load_rules_file(path);
    CHECK(r.source == "<default rules> + " + path);
    CHECK(r.version == "huaian-2026.2");
    CHECK(r.policy.chem_shore_distance_m == 5000);
    CHECK(r.low_efficiency.tax_floor_wan_per_mu == 20);
    CHECK(r.standard_land.rows[0].threshold[1] == 15);  // the new projects' floor is untouched
    CHECK(r.idle.dev_ratio_below == default_rules().idle.dev_ratio_below);
}

TEST_CASE("rules: a file that cannot be read is an InputError") {
    parkcap::test::ScratchDir dir("rules-unreadable");
    CHECK_THROWS_AS(load_rules_file(dir / "missing.toml"), parkcap::InputError);
    CHECK_THROWS_WITH(load_rules_file(dir / "missing.toml"), Contains("missing.toml") && Contains("no such file"));
    CHECK_THROWS_AS(load_rules_file(dir.path().string()), parkcap::InputError);
}

TEST_CASE("rules: ratios accept exact fraction strings") {
    CHECK(parse_rules(edited("inv_ratio_below = 0.25", "inv_ratio_below = \"1/4\""), "x").idle.inv_ratio_below == 0.25);
    CHECK(parse_rules(edited("dev_ratio_below = \"1/3\"", "dev_ratio_below = \" 2 / 5 \""), "x").idle.dev_ratio_below == 0.4);
    CHECK(parse_rules(edited("dev_ratio_below = \"1/3\"", "dev_ratio_below = 0"), "x").idle.dev_ratio_below == 0);
    CHECK(parse_rules(edited("share_a = 0.20", "share_a = \"1/5\""), "x").mujun.share_a == 0.2);

    std::string text = edited("dev_ratio_below = \"1/3\"", "dev_ratio_below = \"1/0\"");
    CHECK_THAT(error_of(text), StartsWith(at(text, "dev_ratio_below") + "idle.dev_ratio_below: \"1/0\" is not a fraction"));
    text = edited("dev_ratio_below = \"1/3\"", "dev_ratio_below = \"one third\"");
    CHECK_THAT(error_of(text), Contains("idle.dev_ratio_below: \"one third\" is not a fraction n/d with d > 0; expected"));
    text = edited("dev_ratio_below = \"1/3\"", "dev_ratio_below = \"4/3\"");
    CHECK_THAT(error_of(text), Contains("idle.dev_ratio_below: \"4/3\" is out of range; expected a share of the area due from 0 to 1"));
}

TEST_CASE("rules: TOML syntax errors give line and column") {
    const std::string text = edited("halted_years = 1", "halted_years = ");
    const std::string message = error_of(text);
    CHECK_THAT(message, StartsWith("my.toml:" + std::to_string(line_of(text, "halted_years")) + ":16: TOML syntax error: "));
    CHECK_THAT(message, Contains("expected a UTF-8 TOML file"));
}

TEST_CASE("rules: unknown keys are errors at any depth") {
    SECTION("top level") {
        const std::string text = edited("[solver]", "[solvr]\n[solver]");
        const std::string message = error_of(text);
        CHECK_THAT(message, Contains(at(text, "[solvr]") + "solvr: unknown key; expected one of version, idle, approved"));
    }
    SECTION("in a section") {
        const std::string text = edited("fee_years = 1", "fee_yeras = 1");
        const std::string message = error_of(text);
        CHECK_THAT(message, Contains(at(text, "fee_yeras") + "idle.fee_yeras: unknown key; expected one of not_started_years, "));
        // ... and the key meant is then missing, reported at its table's header
        CHECK_THAT(message, Contains(at(text, "[idle]") + "idle.fee_years: missing; expected a whole number of years >= 0"));
    }
    SECTION("in an entry of an array of tables") {
        const std::string text = edited("prefix_2017 = \"C27\"  # 医药制造业\ncode_2002 = \"27\"",
                                        "prefix_2017 = \"C27\"\ncode_2002 = \"27\"\nfar_min = 0.7");
        CHECK_THAT(error_of(text), Contains(at(text, "far_min = 0.7\n[[low_efficiency.crosswalk]]\nprefix_2017 = \"C28\"") +
                                            "low_efficiency.crosswalk[7].far_min: unknown key; expected one of prefix_2017, code_2002"));
    }
    SECTION("an investment minimum for a park level that does not exist") {
        const std::string text = edited("outside = 150     # parcels in no park", "outside = 150\ncounty = 120");
        CHECK_THAT(error_of(text), Contains(at(text, "county = 120") + "low_efficiency.investment_min_wan_per_mu.county: unknown key; "
                                            "expected one of national, provincial, municipal, other, outside"));
    }
}

TEST_CASE("rules: wrong types quote the value and say what was expected") {
    std::string text = edited("fee_years = 1", "fee_years = \"one\"");
    CHECK_THAT(error_of(text), Contains(at(text, "fee_years") + "idle.fee_years: \"one\" is a string; expected a whole number of years >= 0"));
    text = edited("halted_years = 1", "halted_years = 1.5");
    CHECK_THAT(error_of(text), Contains(at(text, "halted_years") + "idle.halted_years: 1.5 is a decimal number; expected a whole number"));
    text = edited("shore_zones = [\"develop\", \"control\"]", "shore_zones = [\"develop\", 3]");
    CHECK_THAT(error_of(text), Contains(at(text, "shore_zones") + "fit.shore_zones[2]: 3 is an integer; expected one of protect, reserve, control, develop"));
    text = edited("[shoreline]\n", "[shoreline_]\n");  // its keys now sit in an unknown table
    text = edited("version = \"parkcap-default-2026.1\"", "version = \"v\"\nshoreline = 5", text);
    CHECK_THAT(error_of(text), Contains(at(text, "shoreline = 5") + "shoreline: 5 is an integer; expected a table [shoreline]"));
    text = edited("general_parks = []", "general_parks = \"P08\"");
    CHECK_THAT(error_of(text), Contains(at(text, "general_parks") + "fit.general_parks: \"P08\" is a string; expected an array of strings"));
}

TEST_CASE("rules: missing keys and sections") {
    std::string text = edited("takeback_years = 2\n", "");
    CHECK_THAT(error_of(text), Contains(at(text, "[idle]") + "idle.takeback_years: missing; expected a whole number of years >= 0"));
    text = edited("[solver]\n", "[solver_gone]\n");
    CHECK_THAT(error_of(text), Contains("my.toml:1: solver: missing; expected a table [solver]"));
    text = edited("far_min = 0.6\n[[low_efficiency.far_minimum]]\ncode_2002 = \"27\"", "[[low_efficiency.far_minimum]]\ncode_2002 = \"27\"");
    CHECK_THAT(error_of(text), Contains(at(text, "[[low_efficiency.far_minimum]]\ncode_2002 = \"26\"") +
                                        "low_efficiency.far_minimum[6].far_min: missing; expected a floor-area ratio > 0"));
}

TEST_CASE("rules: out-of-range values") {
    std::string text = edited("fee_share_of_land_price = 0.20", "fee_share_of_land_price = 1.2");
    CHECK_THAT(error_of(text), Contains(at(text, "fee_share_of_land_price") +
                                        "idle.fee_share_of_land_price: 1.2 is out of range; expected a share of the land price from 0 to 1"));
    text = edited("frontage_reach_m = 500", "frontage_reach_m = -5");
    CHECK_THAT(error_of(text), Contains(at(text, "frontage_reach_m") + "shoreline.frontage_reach_m: -5 is out of range; expected a distance in metres >= 0"));
    text = edited("not_started_years = 1", "not_started_years = -1");
    CHECK_THAT(error_of(text), Contains("idle.not_started_years: -1 is out of range; expected a whole number of years >= 0"));
    text = edited("time_limit_s = 60", "time_limit_s = 0");
    CHECK_THAT(error_of(text), Contains("solver.time_limit_s: 0 is out of range; expected seconds > 0"));
    text = edited("takeback_years = 2", "takeback_years = 0");
    CHECK_THAT(error_of(text), Contains(at(text, "takeback_years") + "idle.takeback_years: 0 is less than fee_years (1)"));
    text = edited("share_b = 0.60", "share_b = 0.10");
    CHECK_THAT(error_of(text), Contains(at(text, "share_b =") + "mujun.share_b: 0.1 is not above share_a (0.2); expected share_a < share_b < share_c"));
    text = edited("age_band_years = [2, 5]", "age_band_years = [5, 2]");
    CHECK_THAT(error_of(text), Contains(at(text, "age_band_years") + "approved.age_band_years[2]: 2 is out of order or range; expected"));
    text = edited("sprawl_max_ratio = 1.5", "sprawl_max_ratio = 0.5");
    CHECK_THAT(error_of(text), Contains("screening.sprawl_max_ratio: 0.5 is out of range; expected a ratio of area asked to area justified >= 1"));
}

TEST_CASE("rules: names must come from the known sets") {
    std::string text = edited("quota_paid_by = \"host\"", "quota_paid_by = \"city\"");
    CHECK_THAT(error_of(text), Contains(at(text, "quota_paid_by") + "enclave.quota_paid_by: \"city\" is not valid; expected one of host, origin"));
    text = edited("name = \"total_tax\"", "name = \"totl_tax\"");
    CHECK_THAT(error_of(text), Contains(at(text, "totl_tax") + "objective.term[7].name: \"totl_tax\" is not valid; expected one of investment_per_mu, "));
    text = edited("name = \"output_per_mu\"", "name = \"sales_per_mu\"");
    CHECK_THAT(error_of(text), Contains(at(text, "sales_per_mu") + "mujun.indicator[2].name: \"sales_per_mu\" is not valid; "
                                        "expected one of tax_per_mu, output_per_mu, investment_per_mu, far"));
    text = edited("statuses = [\"built\"]", "statuses = [\"built\", \"idle\"]");
    CHECK_THAT(error_of(text), Contains(at(text, "statuses =") + "low_efficiency.statuses[2]: \"idle\" is not valid; expected one of planned,"));
    text = edited("disposal_kinds = [\"approved_unsupplied\", ", "disposal_kinds = [\"approved_over_5y\", ");
    CHECK_THAT(error_of(text), Contains("quota.disposal_kinds[1]: \"approved_over_5y\" is not valid; expected one of approved_unsupplied, idle_fee, idle_takeback, low_efficiency"));
    text = edited("prefix = \"C2511\"", "prefix = \"2511\"");
    CHECK_THAT(error_of(text), Contains(at(text, "prefix = \"2511\"") + "policy.negative_list[4].prefix: \"2511\" is not valid; expected a GB/T 4754-2017 code prefix"));
    text = edited("code_2002 = \"33\"\nname", "code_2002 = \"3\"\nname");
    CHECK_THAT(error_of(text), Contains("low_efficiency.far_minimum[10].code_2002: \"3\" is not valid; expected a two-digit GB/T 4754-2002 code"));
}

TEST_CASE("rules: mujun benchmarks: exactly one of benchmark and benchmark_relative") {
    std::string text = edited("weight = 35                 # Huai'an: sales per 亩 35; output value stands in for sales\nbenchmark_relative = 2.0",
                              "weight = 35\nbenchmark_relative = 2.0\nbenchmark = 500");
    CHECK_THAT(error_of(text), Contains(at(text, "[[mujun.indicator]]\nname = \"output_per_mu\"") +
                                        "mujun.indicator[2]: both benchmark and benchmark_relative are set; expected exactly one"));
    text = edited("weight = 20\nbenchmark_relative = 2.0", "weight = 20");
    CHECK_THAT(error_of(text), Contains(at(text, "[[mujun.indicator]]\nname = \"investment_per_mu\"") + "mujun.indicator[3]: no benchmark; expected exactly one of"));
    text = edited("weight = 20\nbenchmark_relative = 2.0", "weight = 20\nbenchmark = 300");
    const Rules r = parse_rules(text, "x");
    CHECK(r.mujun.indicators[2].benchmark == 300);
    CHECK_FALSE(r.mujun.indicators[2].benchmark_relative);
}

TEST_CASE("rules: duplicates in tables keyed by name or code") {
    std::string text = edited("code_2002 = \"42\"", "code_2002 = \"41\"");
    CHECK_THAT(error_of(text), Contains(at(text, "code_2002 = \"41\"\nname = \"工艺品") +
                                        "low_efficiency.far_minimum.code_2002: \"41\" appears twice (also at line " +
                                        std::to_string(line_of(text, "code_2002 = \"41\""))));
    text = edited("prefix_2017 = \"C40\"", "prefix_2017 = \"C39\"");
    CHECK_THAT(error_of(text), Contains("low_efficiency.crosswalk.prefix_2017: \"C39\" appears twice"));
    text = edited("name = \"area\"", "name = \"tech\"");
    CHECK_THAT(error_of(text), Contains("objective.term.name: \"tech\" appears twice"));
}

TEST_CASE("rules: the objective needs one non-zero weight, terms left out weigh 0") {
    const std::string text = default_rules_text();
    const size_t from = text.find("[[objective.term]]");
    const size_t to = text.find("# ----", from);
    std::string tax_only = text;
    tax_only.replace(from, to - from, "[[objective.term]]\nname = \"total_tax\"\nweight = 1\nscale = 1\n\n");
    const Rules r = parse_rules(tax_only, "x");
    REQUIRE(r.objective.terms.size() == 1);
    CHECK(r.objective.terms[0].kind == ObjectiveTermKind::TotalTax);

    const std::string zero = edited("weight = 1\nscale = 1", "weight = 0\nscale = 1", tax_only);
    CHECK_THAT(error_of(zero), Contains(at(zero, "[[objective.term]]") + "objective.term: every weight is 0; expected at least one non-zero weight"));
}

TEST_CASE("rules: the allocation's names are parsed once into enums and sets") {
    std::string text = edited("shore_zones = [\"develop\", \"control\"]", "shore_zones = [\"protect\"]");
    text = edited("site_land_uses = [\"industrial\", \"logistics\"]", "site_land_uses = [\"logistics\", \"other\"]", text);
    text = edited("quota_paid_by = \"host\"", "quota_paid_by = \"origin\"", text);
    text = edited("statistics_owner = \"host\"\n[[enclave.period]]", "statistics_owner = \"origin\"\n[[enclave.period]]", text);
    const Rules r = parse_rules(text, "x");
    using parkcap::LandUse;
    using parkcap::ShoreZone;
    CHECK(r.fit.shore_zones.contains(ShoreZone::Protect));
    for (ShoreZone z : {ShoreZone::Reserve, ShoreZone::Control, ShoreZone::Develop}) CHECK_FALSE(r.fit.shore_zones.contains(z));
    CHECK(r.fit.site_land_uses == parkcap::EnumSet<LandUse>{LandUse::Other, LandUse::Logistics});
    CHECK_FALSE(r.fit.site_land_uses.contains(LandUse::Industrial));
    CHECK(r.enclave.quota_paid_by == EnclaveSide::Origin);
    CHECK(r.enclave.schedule[0].statistics_owner == EnclaveSide::Origin);
    CHECK(r.enclave.schedule[1].statistics_owner == EnclaveSide::Host);
    // Each term's kind is the one its name says, in the catalogue's spelling.
    const Rules d = default_rules();
    for (const ObjectiveTerm& t : d.objective.terms) {
        const std::string name(info(t.kind).name);
        CHECK(line_of(default_rules_text(), "name = \"" + name + "\"") > 0);
    }
    CHECK(std::string(to_string(ObjectiveTermKind::TotalInvestment)) == "total_investment");
    CHECK(std::string(info(ObjectiveTermKind::InvestmentPerMu).column) == "t_inv_mu");
}

TEST_CASE("rules: a name listed twice in a set is an error at its line") {
    std::string text = edited("shore_zones = [\"develop\", \"control\"]", "shore_zones = [\"develop\", \"control\", \"develop\"]");
    CHECK_THAT(error_of(text), Contains(at(text, "shore_zones") +
                                        "fit.shore_zones[3]: \"develop\" appears twice (also as item 1); expected each once"));
    text = edited("site_land_uses = [\"industrial\", \"logistics\"]", "site_land_uses = [\"industrial\", \"industrial\"]");
    CHECK_THAT(error_of(text), Contains(at(text, "site_land_uses") +
                                        "fit.site_land_uses[2]: \"industrial\" appears twice (also as item 1); expected each once"));
    text = edited("site_land_uses = [\"industrial\", \"logistics\"]", "site_land_uses = [\"industrial\", \"farm\"]");
    CHECK_THAT(error_of(text), Contains(at(text, "site_land_uses") + "fit.site_land_uses[2]: \"farm\" is not valid; expected one of "
                                        "industrial, logistics, commercial, residential, public, other"));
}

TEST_CASE("rules: enclave periods increase without overlap") {
    std::string text = edited("from_year = 6", "from_year = 5");
    CHECK_THAT(error_of(text), Contains(at(text, "from_year = 5") + "enclave.period[2].from_year: 5 overlaps or precedes the previous period (to year 5)"));
    text = edited("to_year = 10", "to_year = 4");
    CHECK_THAT(error_of(text), Contains(at(text, "to_year = 4") + "enclave.period[2].to_year: 4 is before from_year (6)"));
    text = edited("statistics_owner = \"host\"\n[[enclave.period]]", "statistics_owner = \"both\"\n[[enclave.period]]");
    CHECK_THAT(error_of(text), Contains("enclave.period[1].statistics_owner: \"both\" is not valid; expected one of host, origin"));
}

TEST_CASE("rules: every problem is reported at once, in file order, one per line") {
    std::string text = edited("time_limit_s = 60", "time_limit_s = -1");
    text = edited("fee_years = 1", "fee_years = \"x\"", text);
    text = edited("park_port_distance_m = 2000", "park_port_distance_m = 2000\nport_km = 2", text);
    const std::string message = error_of(text);
    CHECK(std::count(message.begin(), message.end(), '\n') == 2);
    const size_t fee = message.find("idle.fee_years");
    const size_t port = message.find("shoreline.port_km");
    const size_t time = message.find("solver.time_limit_s");
    CHECK(fee < port);
    CHECK(port < time);
    CHECK(time != std::string::npos);
}

TEST_CASE("rules: the 2017 → 2002 crosswalk, longest prefix wins") {
    const LowEfficiencyRules& le = default_rules().low_efficiency;
    struct Case { const char* industry; const char* code; double far; };
    for (const Case& c : {Case{"C3731", "37", 0.7}, Case{"C2710", "27", 0.7}, Case{"C3120", "32", 0.6},
                          Case{"C3971", "40", 1.0}, Case{"C1391", "13", 1.0}}) {
        INFO(c.industry);
        CHECK(code_2002_for(le, c.industry) == c.code);
        const FarMinimum* m = far_minimum_for(le, c.industry);
        REQUIRE(m);
        CHECK(m->code_2002 == c.code);
        CHECK(m->far_min == c.far);
    }
    // In the crosswalk but not in the FAR table: a code, no minimum.
    CHECK(code_2002_for(le, "C2811") == "28");
    CHECK(far_minimum_for(le, "C2811") == nullptr);
    // Unknown industries and non-manufacturing: none.
    for (const char* industry : {"F5110", "", "C99", "X"}) {
        INFO(industry);
        CHECK(code_2002_for(le, industry).empty());
        CHECK(far_minimum_for(le, industry) == nullptr);
    }

    LowEfficiencyRules finer = le;
    finer.crosswalk.push_back({"C373", "99"});  // a finer entry overrides its division
    CHECK(code_2002_for(finer, "C3731") == "99");
    CHECK(code_2002_for(finer, "C3711") == "37");
}
