// Rules that layer: a user's file names only the keys it changes, on top of the
// built-in rules; the effective rules print with each value's origin.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "parkcap/core/error.hpp"
#include "parkcap/rules/rules.hpp"
#include "support/fixtures.hpp"
#include "support/parkcap_run.hpp"
#include "test_config.hpp"

using namespace parkcap::rules;
using Catch::Matchers::Contains;

namespace {

// The effective rules' lines without comments: the values alone, in order.
std::vector<std::string> value_lines(const std::string& effective) {
    std::vector<std::string> lines;
    std::istringstream in(effective);
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        lines.push_back(line.substr(0, line.find("  # ")));
    }
    return lines;
}

}  // namespace

TEST_CASE("rules layering: a three-line file changes only those keys", "[rules][layering]") {
    parkcap::test::ScratchDir dir("rules-layer-three");
    const std::string path = dir / "city.toml";
    parkcap::test::write_text_file(path, "[idle]\nfee_years = 2\n[fit]\ngeneral_parks = [\"P03\"]\n");

    const Rules r = load_rules_file(path);
    const Rules d = default_rules();
    CHECK(r.idle.fee_years == 2);
    CHECK(r.fit.general_parks == std::vector<std::string>{"P03"});
    CHECK(r.idle.takeback_years == d.idle.takeback_years);
    CHECK(r.version == d.version);
    CHECK(r.source == "<default rules> + " + path);

    // Every other value is the built-in one: the two effective files differ in exactly two lines.
    const auto built_in = value_lines(effective_rules_text({}));
    const std::vector<std::string> files{path};
    const auto layered = value_lines(effective_rules_text(files));
    REQUIRE(built_in.size() == layered.size());
    std::vector<std::string> changed;
    for (std::size_t i = 0; i < built_in.size(); ++i)
        if (built_in[i] != layered[i]) changed.push_back(layered[i]);
    CHECK(changed == std::vector<std::string>{"fee_years = 2", "general_parks = [ \"P03\" ]"});
}

TEST_CASE("rules layering: tables merge key by key, arrays of tables replace whole, later files win",
          "[rules][layering]") {
    parkcap::test::ScratchDir dir("rules-layer-merge");
    const std::string a = dir / "a.toml", b = dir / "b.toml";
    parkcap::test::write_text_file(a, "[low_efficiency.investment_min_wan_per_mu]\nnational = 400\n"
                                      "[[low_efficiency.far_minimum]]\ncode_2002 = \"26\"\nname = \"化学原料\"\nfar_min = 0.9\n"
                                      "[solver]\nnode_limit = 500\n");
    parkcap::test::write_text_file(b, "[solver]\nnode_limit = 700\n");
    const std::vector<std::string> files{a, b};
    const Rules r = load_rules(files);
    const Rules d = default_rules();
    CHECK(r.low_efficiency.investment_min_wan_per_mu.at("national") == 400);
    CHECK(r.low_efficiency.investment_min_wan_per_mu.at("provincial") == d.low_efficiency.investment_min_wan_per_mu.at("provincial"));
    REQUIRE(r.low_efficiency.far_minimums.size() == 1);  // the whole table, not mixed with built-in rows
    CHECK(r.low_efficiency.far_minimums[0].far_min == 0.9);
    CHECK(d.low_efficiency.far_minimums.size() > 1);
    CHECK(r.solver.node_limit == 700);
    CHECK(r.source == "<default rules> + " + a + " + " + b);
}

TEST_CASE("rules layering: problems name the file and line that set the value", "[rules][layering]") {
    parkcap::test::ScratchDir dir("rules-layer-errors");
    const std::string a = dir / "a.toml", b = dir / "b.toml";
    parkcap::test::write_text_file(a, "[idle]\n\nfee_yeers = 2\n");
    parkcap::test::write_text_file(b, "[solver]\nrelative_gap = 2\n");
    const std::vector<std::string> files{a, b};
    try {
        (void)load_rules(files);
        FAIL("accepted");
    } catch (const parkcap::DataError& e) {
        const std::string m = e.what();
        CHECK_THAT(m, Contains(a + ":3: idle.fee_yeers: unknown key"));
        CHECK_THAT(m, Contains(b + ":2: solver.relative_gap: 2 is out of range"));
        CHECK(m.find(a + ":3") < m.find(b + ":2"));  // in the order the files were given
    }
    // A check across layers: the user's take-back before the built-in fee.
    parkcap::test::write_text_file(a, "[idle]\ntakeback_years = 0\n");
    CHECK_THROWS_WITH(load_rules_file(a), Contains(a + ":2: idle.takeback_years: 0 is less than fee_years"));
}

TEST_CASE("rules layering: the effective rules read back as the same rules; old complete files still load",
          "[rules][layering]") {
    parkcap::test::ScratchDir dir("rules-layer-roundtrip");
    const std::string city = dir / "city.toml", saved = dir / "effective.toml";
    parkcap::test::write_text_file(city, "version = \"taizhou-2026.2\"\n[quota]\nwindow_years = 3\n");
    const std::vector<std::string> files{city};
    const std::string effective = effective_rules_text(files);
    CHECK_THAT(effective, Contains("window_years = 3  # " + city + ":3"));
    CHECK_THAT(effective, Contains("takeback_years = 2  # built-in:"));
    parkcap::test::write_text_file(saved, effective);
    const std::vector<std::string> again{saved};
    CHECK(value_lines(effective_rules_text(again)) == value_lines(effective));

    // A complete file written before [data] and [solver] node_limit existed.
    std::string old = default_rules_text();
    old.erase(old.find("[data]"), old.find("[quota]") - old.find("[data]"));
    const std::size_t nl = old.find("node_limit =");
    old.erase(nl, old.find('\n', nl) + 1 - nl);
    const std::string old_path = dir / "old.toml";
    parkcap::test::write_text_file(old_path, old);
    CHECK(load_rules_file(old_path).solver.node_limit == default_rules().solver.node_limit);
}

TEST_CASE("parkcap rules prints the effective rules with origins; a bad file exits 4", "[rules][layering][cli]") {
    parkcap::test::ScratchDir dir("rules-layer-cli");
    const std::string sample_rules = std::string(parkcap::test::kSampleCityDir) + "/rules.toml";
    auto r = parkcap::test::run_parkcap("rules --rules " + sample_rules);
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("general_parks = [ \"P08\" ]  # " + sample_rules + ":"));
    const std::string bad = dir / "bad.toml";
    parkcap::test::write_text_file(bad, "[fit]\ngeneral_parks = \"P08\"\n");
    r = parkcap::test::run_parkcap("rules --rules " + bad);
    CHECK(r.exit_code == 4);
    CHECK_THAT(r.err, Contains(bad + ":2: fit.general_parks"));
    // --rules before DATA takes one value: DATA is not read as a second rules file.
    r = parkcap::test::run_parkcap("audit --rules " + sample_rules + " " + parkcap::test::kSampleCityDir +
                                   " --as-of 2026-06-30 -q --out " + (dir / "a.gpkg"));
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.err, !Contains("--rules"));
}
