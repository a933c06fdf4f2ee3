// tools/bench_allocate as a user runs it: --help prints usage and runs nothing,
// a mistyped option is an error (exit 2), and the blocks family assembles sites.
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "support/parkcap_run.hpp"

using namespace parkcap::test;

namespace {

CommandResult run_bench(const std::string& args) {
    return run_command(std::string(kBinaryDir) + "/tools/bench_allocate " + args);
}

/// The whitespace-separated fields of the output line that starts with `first`.
std::vector<std::string> row_of(const std::string& out, const std::string& first) {
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream in(line);
        std::vector<std::string> fields;
        for (std::string f; in >> f;) fields.push_back(f);
        if (!fields.empty() && fields.front() == first) return fields;
    }
    return {};
}

}  // namespace

TEST_CASE("bench_allocate --help prints its usage and runs nothing", "[cli][bench]") {
    for (const char* flag : {"--help", "-h", "--family blocks --help"}) {
        INFO(flag);
        const CommandResult r = run_bench(flag);
        INFO(describe(r));
        CHECK(r.exit_code == 0);
        CHECK(r.out.rfind("usage: bench_allocate", 0) == 0);
        CHECK(r.out.find("--family") != std::string::npos);
        CHECK(r.out.find("stopped_by") == std::string::npos);  // no table: nothing was solved
        CHECK(r.err.empty());
    }
}

TEST_CASE("bench_allocate refuses unknown options and missing values with exit 2", "[cli][bench]") {
    const struct {
        const char* args;
        const char* message;
    } cases[] = {{"--bogus", "unknown option '--bogus'"},
                 {"--sizes", "--sizes needs a value"},
                 {"--family hexagons", "--family must be squares or blocks"},
                 {"--time-limit soon", "a number is expected"},
                 {"--sizes 10by4", "'10by4' is not PROJECTSxSITES"}};
    for (const auto& c : cases) {
        INFO(c.args);
        const CommandResult r = run_bench(c.args);
        INFO(describe(r));
        CHECK(r.exit_code == 2);
        CHECK(r.err.find(c.message) != std::string::npos);
        CHECK(r.out.find("stopped_by") == std::string::npos);
    }
}

TEST_CASE("bench_allocate's blocks family assembles sites across roads and reports the gap", "[cli][bench]") {
    const CommandResult r = run_bench("--family blocks --sizes 30x24 --time-limit 20 --road 20 --gap 40");
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    const auto row = row_of(r.out, "30x24");
    REQUIRE(row.size() >= 17);
    CHECK(row[1] == "24");              // blocks
    CHECK(std::stoi(row[2]) > 0);       // assembled sites
    const std::string stop = row[13];   // stopped_by
    CHECK((stop == "optimal" || stop == "relative_gap" || stop == "work_limit" || stop == "time_limit" || stop == "too_large"));
    CHECK(std::stod(row[11]) >= std::stod(row[10]) - 1e-3);  // bound ≥ the model's plan
    CHECK(std::stod(row[10]) >= std::stod(row[6]) - 1e-3);   // the model's plan ≥ greedy's
    // Roads wider than the rule: no site is assembled.
    const CommandResult wide = run_bench("--family blocks --sizes 30x24 --time-limit 20 --road 60 --gap 40");
    INFO(describe(wide));
    REQUIRE(wide.exit_code == 0);
    const auto wrow = row_of(wide.out, "30x24");
    REQUIRE(wrow.size() >= 17);
    CHECK(wrow[2] == "0");
}
