// The one strict TOML reader behind the rules, mapping and overrides files: the
// three report problems the same way (file:line: dotted.key: what), in file order
// whatever order they were read in, capped so that a file with one mistake
// repeated a hundred times still gives a readable message.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "parkcap/allocate/allocate.hpp"
#include "parkcap/core/error.hpp"
#include "parkcap/io/mapping.hpp"
#include "parkcap/rules/rules.hpp"
#include "support/fixtures.hpp"

using namespace parkcap;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

template <class Parse>
std::string error_of(Parse&& parse) {
    try {
        parse();
    } catch (const DataError& e) {
        return e.what();
    }
    FAIL("the file was accepted");
    return {};
}

std::vector<std::string> lines_of(const std::string& message) {
    std::vector<std::string> lines;
    std::istringstream in(message);
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    return lines;
}

/// The line number of a problem line "name:LINE: ...".
int line_number(const std::string& problem, const std::string& name) {
    REQUIRE(problem.rfind(name + ":", 0) == 0);
    return std::stoi(problem.substr(name.size() + 1));
}

}  // namespace

TEST_CASE("strict TOML: the three files report problems in file order, not reading order", "[toml]") {
    // The overrides reader asks for pins before reserves; the reserve comes first in the file.
    const std::string text =
        "[[reserve]]\n"       // 1
        "park = \"P1\"\n"     // 2
        "mu = -5\n"           // 3
        "[[pin]]\n"           // 4
        "project = \"A\"\n";  // 5
    const auto lines = lines_of(error_of([&] { allocate::parse_overrides(text, "o.toml"); }));
    REQUIRE(lines.size() == 2);
    CHECK_THAT(lines[0], StartsWith("o.toml:3: reserve[1].mu: -5 is out of range; expected an area in 亩 >= 0"));
    CHECK_THAT(lines[1], StartsWith("o.toml:4: pin[1]: a pin names either a park or a site"));
}

TEST_CASE("strict TOML: unknown keys are errors in every file, at every depth", "[toml]") {
    CHECK_THAT(error_of([] { allocate::parse_overrides("[[pins]]\nproject = \"A\"\n", "o.toml"); }),
               StartsWith("o.toml:1: pins: unknown key; expected one of pin, forbid, lock_parcels, reserve"));
    CHECK_THAT(error_of([] { allocate::parse_overrides("[[reserve]]\npark = \"P\"\nmu = 5\narea = 5\n", "o.toml"); }),
               StartsWith("o.toml:4: reserve[1].area: unknown key; expected one of park, mu"));
    // [defaults] names no source or layer: each layer has its own.
    CHECK_THAT(error_of([] { io::parse_mapping("[defaults]\nsource = \"DK.shp\"\n", "m.toml"); }),
               StartsWith("m.toml:2: defaults.source: unknown key; expected one of encoding, crs, date_formats"));
    CHECK_THAT(error_of([] { io::parse_mapping("[parcels]\nsource = \"DK.shp\"\nlayr = \"DK\"\n", "m.toml"); }),
               StartsWith("m.toml:3: parcels.layr: unknown key; expected one of source, layer, encoding, crs, "
                          "date_formats, fields, values"));
}

TEST_CASE("strict TOML: a syntax error gives file, line and column the same way in every file", "[toml]") {
    // Each has an unterminated string: on line 2, 2 and 1.
    const std::pair<std::string, std::string> cases[] = {
        {error_of([] { allocate::parse_overrides("[[pin]]\nproject = \"A\nsite = \"S-1\"\n", "f.toml"); }), "f.toml:2:"},
        {error_of([] { io::parse_mapping("[parcels]\ncrs = \"EPSG:4528\n", "f.toml"); }), "f.toml:2:"},
        {error_of([] { rules::parse_rules("version = \"x\n", "f.toml"); }), "f.toml:1:"}};
    for (const auto& [message, where] : cases) {
        INFO(message);
        CHECK_THAT(message, StartsWith(where));
        CHECK_THAT(message, Contains(": TOML syntax error: ") && Contains("expected a UTF-8 TOML file"));
    }
}

TEST_CASE("strict TOML: a long list of problems is capped, the rest counted", "[toml]") {
    // 100 misspelt keys, one a line (lines 2..101), all in [parcels].
    std::string text = "[parcels]\n";
    for (int i = 0; i < 100; ++i) text += fmt::format("sourse{} = \"x\"\n", i);
    const auto lines = lines_of(error_of([&] { io::parse_mapping(text, "m.toml"); }));
    REQUIRE(lines.size() == 41);
    for (std::size_t i = 0; i < 40; ++i) {
        INFO(lines[i]);
        CHECK(line_number(lines[i], "m.toml") == static_cast<int>(i) + 2);
        CHECK_THAT(lines[i], Contains(fmt::format("parcels.sourse{}: unknown key", i)));
    }
    CHECK(lines[40] == "m.toml: … and 60 more");

    // Exactly at the cap: every problem, no count.
    std::string forty = "[parcels]\n";
    for (int i = 0; i < 40; ++i) forty += fmt::format("sourse{} = \"x\"\n", i);
    const auto all = lines_of(error_of([&] { io::parse_mapping(forty, "m.toml"); }));
    CHECK(all.size() == 40);
    CHECK_THAT(all.back(), Contains("parcels.sourse39: unknown key"));
}

TEST_CASE("strict TOML: a file that cannot be read is an InputError naming it, for every file", "[toml]") {
    test::ScratchDir dir("strict-toml-unreadable");
    const std::string missing = dir / "missing.toml";
    CHECK_THROWS_MATCHES(allocate::load_overrides_file(missing), InputError,
                         Catch::Matchers::Predicate<InputError>([&](const InputError& e) {
                             return std::string(e.what()) == missing + ": cannot read the overrides file: no such file";
                         }));
    CHECK_THROWS_MATCHES(io::load_mapping_file(missing), InputError,
                         Catch::Matchers::Predicate<InputError>([&](const InputError& e) {
                             return std::string(e.what()) == missing + ": cannot read the mapping file: no such file";
                         }));
    CHECK_THROWS_MATCHES(io::load_mapping_file(dir.path().string()), InputError,
                         Catch::Matchers::Predicate<InputError>([&](const InputError& e) {
                             return std::string(e.what()).find("not a regular file") != std::string::npos;
                         }));
}

TEST_CASE("strict TOML: overrides read every kind of entry in file order", "[toml][overrides]") {
    const allocate::Overrides ov = allocate::parse_overrides(
        "[[pin]]\nproject = \"A\"\nsite = \"S-1\"\n"
        "[[pin]]\nproject = \"B\"\npark = \"P2\"\n"
        "[[forbid]]\nproject = \"C\"\n"
        "[[forbid]]\npark = \"P3\"\n"
        "[[reserve]]\npark = \"P4\"\nmu = 12.5\n"
        "[[reserve]]\npark = \"P5\"\nmu = 0\n",
        "o.toml");
    REQUIRE(ov.pins.size() == 2);
    CHECK(ov.pins[0].project == "A");
    CHECK(ov.pins[0].site == "S-1");
    CHECK(ov.pins[0].park.empty());
    CHECK(ov.pins[1].project == "B");
    CHECK(ov.pins[1].park == "P2");
    CHECK(ov.forbidden_projects == std::vector<std::string>{"C"});
    CHECK(ov.forbidden_parks == std::vector<std::string>{"P3"});
    REQUIRE(ov.reserves.size() == 2);
    CHECK(ov.reserves[0].park == "P4");
    CHECK(ov.reserves[0].mu == 12.5);
    CHECK(ov.reserves[1].mu == 0);
    // lock_parcels before any [[table]], as TOML requires of top-level keys.
    CHECK(allocate::parse_overrides("lock_parcels = [\"X\", \"Y\"]\n", "o.toml").locked_parcels ==
          std::vector<std::string>{"X", "Y"});
    CHECK_THAT(error_of([] { allocate::parse_overrides("lock_parcels = [\"X\", 7]\n", "o.toml"); }),
               StartsWith("o.toml:1: lock_parcels[2]: 7 is an integer; expected a parcel_id"));
    CHECK_THAT(error_of([] { allocate::parse_overrides("[[forbid]]\nproject = \"A\"\npark = \"P\"\n", "o.toml"); }),
               StartsWith("o.toml:1: forbid[1]: a forbid names either a project or a park"));
    CHECK_THAT(error_of([] { allocate::parse_overrides("[[pin]]\nsite = \"S-1\"\n", "o.toml"); }),
               StartsWith("o.toml:1: pin[1].project: a pin needs the project it pins"));
}
