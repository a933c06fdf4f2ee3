// tools/bench_allocate as a user runs it: --help prints usage and runs nothing,
// a mistyped option is an error (exit 2), and the blocks family assembles sites.
#include <filesystem>
#include <fstream>
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

// Fields of a result row: size blocks asm vars rows rnd | greedy s asm | model bound gap stopped_by nodes s asm | method
constexpr std::size_t kRounded = 5, kGreedy = 7, kModel = 11, kBound = 12, kStoppedBy = 14, kNodes = 15, kColumns = 20;

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
    REQUIRE(row.size() >= kColumns);
    CHECK(row[1] == "24");              // blocks
    CHECK(std::stoi(row[2]) > 0);       // assembled sites
    CHECK(row[kRounded] == "0");        // rounding is off by default
    const std::string stop = row[kStoppedBy];
    CHECK((stop == "optimal" || stop == "relative_gap" || stop == "work_limit" || stop == "time_limit" || stop == "too_large"));
    CHECK(std::stod(row[kBound]) >= std::stod(row[kModel]) - 1e-3);   // bound ≥ the model's plan
    CHECK(std::stod(row[kModel]) >= std::stod(row[kGreedy]) - 1e-3);  // the model's plan ≥ greedy's
    // Roads wider than the rule: no site is assembled.
    const CommandResult wide = run_bench("--family blocks --sizes 30x24 --time-limit 20 --road 60 --gap 40");
    INFO(describe(wide));
    REQUIRE(wide.exit_code == 0);
    const auto wrow = row_of(wide.out, "30x24");
    REQUIRE(wrow.size() >= kColumns);
    CHECK(wrow[2] == "0");
}

TEST_CASE("bench_allocate rounds capacities when asked, with the same optimum, and counts CBC's nodes", "[cli][bench]") {
    // Projects asking whole 10 亩 on sites of any area: most sites can be filled
    // only to a multiple of 10 亩, so rounding lowers their rows.
    const CommandResult off = run_bench("--sizes 30x12 --seed 3 --area-step 10 --rounding 0 --time-limit 20");
    const CommandResult on = run_bench("--sizes 30x12 --seed 3 --area-step 10 --rounding 100000 --time-limit 20");
    INFO(describe(off) << describe(on));
    REQUIRE(off.exit_code == 0);
    REQUIRE(on.exit_code == 0);
    CHECK(on.out.find("projects ask multiples of 10 mu, capacity rounding up to 100000 units") != std::string::npos);
    const auto a = row_of(off.out, "30x12"), b = row_of(on.out, "30x12");
    REQUIRE(a.size() >= kColumns);
    REQUIRE(b.size() >= kColumns);
    CHECK(a[kRounded] == "0");
    CHECK(std::stoi(b[kRounded]) > 0);
    REQUIRE(a[kStoppedBy] == "optimal");
    REQUIRE(b[kStoppedBy] == "optimal");
    CHECK(std::stod(b[kModel]) == Approx(std::stod(a[kModel])).epsilon(1e-6));  // no integer plan lost

    // CBC's node count: a search stopped by the node limit has reached it.
    const CommandResult limited = run_bench("--sizes 50x20 --seed 4 --area-step 10 --node-limit 20 --time-limit 20");
    INFO(describe(limited));
    REQUIRE(limited.exit_code == 0);
    const auto c = row_of(limited.out, "50x20");
    REQUIRE(c.size() >= kColumns);
    CHECK(c[kStoppedBy] == "work_limit");
    CHECK(std::stoi(c[kNodes]) >= 20);
    CHECK(run_bench("--area-step 0").exit_code == 2);
    CHECK(run_bench("--rounding -1").exit_code == 2);
}

TEST_CASE("bench_allocate --rules lays a rules file over the built-in rules; a bad one is refused with its line", "[cli][bench]") {
    const std::filesystem::path dir = std::filesystem::path(kBinaryDir) / "test-scratch" / "bench-allocate-rules";
    std::filesystem::create_directories(dir);
    const std::string good = (dir / "solver.toml").string(), bad = (dir / "bad.toml").string();
    std::ofstream(good) << "[solver]\nnode_limit = 7\ncapacity_rounding_max_units = 50000\n";
    std::ofstream(bad) << "[solver]\nnode_limit = \"many\"\n";

    const CommandResult r = run_bench("--sizes 30x12 --seed 3 --time-limit 20 --rules " + good);
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("node limit 7,") != std::string::npos);
    CHECK(r.out.find("capacity rounding up to 50000 units") != std::string::npos);
    const auto row = row_of(r.out, "30x12");
    REQUIRE(row.size() >= kColumns);
    CHECK(std::stod(row[kBound]) >= std::stod(row[kModel]) - 1e-3);
    // The command line's own settings win over the file's.
    const CommandResult both = run_bench("--sizes 30x12 --seed 3 --time-limit 20 --rules " + good + " --node-limit 9 --rounding 0");
    INFO(describe(both));
    REQUIRE(both.exit_code == 0);
    CHECK(both.out.find("node limit 9,") != std::string::npos);
    CHECK(both.out.find("capacity rounding up to 0 units") != std::string::npos);

    const CommandResult refused = run_bench("--sizes 30x12 --rules " + bad);
    INFO(describe(refused));
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find("bad.toml:2") != std::string::npos);
    CHECK(refused.err.find("node_limit") != std::string::npos);
    CHECK(refused.out.find("stopped_by") == std::string::npos);
    CHECK(run_bench("--rules " + (dir / "missing.toml").string()).exit_code == 2);
}
