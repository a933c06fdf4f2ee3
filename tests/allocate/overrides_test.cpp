// An overrides file that contradicts itself is refused, naming both lines.
#include <catch2/catch.hpp>

#include "parkcap/allocate/allocate.hpp"
#include "parkcap/core/error.hpp"

using namespace parkcap;

namespace {
std::string error_of(const std::string& toml) {
    try {
        allocate::parse_overrides(toml, "o.toml");
    } catch (const DataError& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST_CASE("overrides: contradictions are errors naming both lines", "[allocate][overrides]") {
    SECTION("two pins of one project") {
        const std::string e = error_of("[[pin]]\nproject = \"X\"\npark = \"P1\"\n[[pin]]\nproject = \"X\"\npark = \"P2\"\n");
        CHECK_THAT(e, Catch::Contains("o.toml:4: pin.project: \"X\" appears twice (also at line 1)"));
    }
    SECTION("a project pinned and forbidden") {
        const std::string e = error_of("[[pin]]\nproject = \"X\"\nsite = \"S-1\"\n[[forbid]]\nproject = \"X\"\n");
        CHECK_THAT(e, Catch::Contains("o.toml:1: pin.project: \"X\" is pinned here and forbidden at line 4"));
    }
    SECTION("a pin to a forbidden park") {
        const std::string e = error_of("[[forbid]]\npark = \"P1\"\n[[pin]]\nproject = \"X\"\npark = \"P1\"\n");
        CHECK_THAT(e, Catch::Contains("o.toml:3: pin.park: X is pinned to park \"P1\", which is forbidden at line 1"));
    }
    SECTION("a park forbidden twice, a project forbidden twice, two reserves of one park") {
        const std::string e = error_of("[[forbid]]\npark = \"P1\"\n[[forbid]]\npark = \"P1\"\n[[forbid]]\nproject = \"Y\"\n"
                                       "[[forbid]]\nproject = \"Y\"\n[[reserve]]\npark = \"P2\"\nmu = 10\n[[reserve]]\n"
                                       "park = \"P2\"\nmu = 20\n");
        CHECK_THAT(e, Catch::Contains("o.toml:3: forbid.park: \"P1\" appears twice (also at line 1)"));
        CHECK_THAT(e, Catch::Contains("o.toml:7: forbid.project: \"Y\" appears twice (also at line 5)"));
        CHECK_THAT(e, Catch::Contains("o.toml:12: reserve.park: \"P2\" appears twice (also at line 9)"));
    }
    SECTION("what does not contradict is accepted") {
        CHECK(error_of("[[pin]]\nproject = \"X\"\npark = \"P1\"\n[[pin]]\nproject = \"Y\"\npark = \"P1\"\n[[forbid]]\n"
                       "project = \"Z\"\n[[forbid]]\npark = \"P2\"\n")
                  .empty());
    }
}
