// Every subcommand with every option at its edges: each bad value is refused with a
// located message and its documented exit code (docs/cli.md), never an internal
// error, never a run that goes ahead, never an output written.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include "support/city_writer.hpp"
#include "support/fixtures.hpp"
#include "support/parkcap_run.hpp"

namespace fs = std::filesystem;
using namespace parkcap::test;

namespace {

struct Edge {
    std::string option;  ///< replaces or adds to the base command line
    std::set<int> exits; ///< the exit codes that are right for it
    std::string names;   ///< what the message must name ("" for CLI11's own parse errors)
};

void check_edges(const std::string& base, const std::string& out, const std::vector<Edge>& edges) {
    for (const Edge& e : edges) {
        const auto r = run_parkcap(base + " " + e.option);
        INFO(base << " " << e.option << "\n" << describe(r));
        CHECK(e.exits.count(r.exit_code) == 1);
        CHECK_THAT(r.err, !Catch::Contains("internal error"));
        if (!e.names.empty()) CHECK_THAT(r.err, Catch::Contains(e.names));
        CHECK_FALSE(fs::exists(out));
        fs::remove(out);  // so that one wrong run does not fail the next checks too
    }
}

}  // namespace

TEST_CASE("option edges: every subcommand refuses every bad option value cleanly", "[cli][edges]") {
    ScratchDir dir("option-edges");
    const std::string data = dir / "data";
    write_city_folder(data, "ESRI Shapefile");
    write_text_file(dir / "garbage.toml", "this is [not TOML\n\x01\x02");
    write_text_file(dir / "garbage.csv", "\x01\x02\x03");
    write_text_file(dir / "existing.csv", "keep");
    fs::create_directory(dir / "folder");
    const std::string missing = dir / "missing.toml";
    const std::string out = dir / "OUT.gpkg";

    // What every subcommand that loads shares.
    const std::vector<Edge> loading = {
        {"--mapping " + missing, {2}, "--mapping"},
        {"--mapping " + dir / "folder", {2}, "--mapping"},
        {"--mapping " + dir / "garbage.toml", {4}, "garbage.toml"},
        {"--crs ''", {2}, "--crs"},
        {"--crs EPSG:", {2}, "--crs"},
        {"--crs EPSG:0", {2}, "EPSG:0"},
        {"--crs EPSG:-1", {2}, "--crs"},
        {"--crs EPSG:4326", {2, 4}, "4326"},
        {"--crs EPSG:99999999999999999999", {2}, "--crs"},
        {"--crs UTM50", {2}, "--crs"},
    };
    const std::vector<Edge> rules = {
        {"--rules " + missing, {2}, "--rules"},
        {"--rules " + dir / "folder", {2}, "--rules"},
        {"--rules " + dir / "garbage.toml", {4}, "garbage.toml"},
    };
    const std::vector<Edge> dates = {
        {"--as-of ''", {2}, "--as-of"},
        {"--as-of 2026-02-30", {2}, "--as-of"},
        {"--as-of 2026-13-01", {2}, "--as-of"},
        {"--as-of 99999-01-01", {2}, "--as-of"},
        {"--as-of yesterday", {2}, "--as-of"},
        {"--as-of 2026-06-30x", {2}, "--as-of"},
    };
    const std::vector<Edge> outputs = {
        {"--csv " + dir / "existing.csv", {2}, "--csv"},
    };
    const std::vector<Edge> allocation = {
        {"--time-limit 0", {2}, "--time-limit"},
        {"--time-limit -1", {2}, "--time-limit"},
        {"--time-limit nan", {2}, "--time-limit"},
        {"--time-limit inf", {2}, "--time-limit"},
        {"--time-limit 1e400", {2}, "--time-limit"},
        {"--time-limit abc", {2}, ""},
        {"--projects " + missing, {3}, "missing.toml"},
        {"--projects " + dir / "folder", {3, 4}, "folder"},
        {"--projects " + dir / "garbage.csv", {3, 4}, "garbage.csv"},
        {"--quota " + missing, {3}, "missing.toml"},
        {"--quota " + dir / "garbage.csv", {3, 4}, "garbage.csv"},
        {"--overrides " + missing, {2}, "--overrides"},
        {"--overrides " + dir / "garbage.toml", {4}, "garbage.toml"},
    };
    auto all = [](std::initializer_list<const std::vector<Edge>*> lists) {
        std::vector<Edge> edges;
        for (const auto* l : lists) edges.insert(edges.end(), l->begin(), l->end());
        return edges;
    };

    SECTION("info") {
        const std::vector<Edge> own = {
            {"--rejects ''", {2}, "--rejects"},
            {"--rejects " + dir / "folder", {2}, "--rejects"},
            {"--rejects " + dir / "nowhere/r.csv", {5}, "nowhere"},
            {"--rejects " + dir / "r.txt", {2}, "--rejects"},
        };
        check_edges("info " + data + " -q --rejects " + dir / "r.csv", out, all({&loading}));
        check_edges("info " + data + " -q", out, own);
    }
    SECTION("audit") {
        const std::vector<Edge> own = {
            {"--threads -1", {2}, ""},
            {"--threads abc", {2}, ""},
        };
        check_edges("audit " + data + " -q --as-of 2026-06-30 --out " + out, out, all({&loading, &rules, &outputs, &own}));
        const std::string base = "audit " + data + " -q --as-of 2026-06-30 ";
        check_edges(base + "--out ''", out, {{"", {2}, "--out"}});
        check_edges(base + "--out " + dir / "nowhere/A.gpkg", out, {{"", {5}, "nowhere"}});
        check_edges(base + "--out " + dir / "A.txt", out, {{"", {2}, "--out"}});
        check_edges(base + "--out " + dir / "folder", out, {{"", {2}, "--out"}});
        check_edges("audit " + data + " -q --out " + out, out, dates);
    }
    SECTION("allocate") {
        const std::string base = "allocate " + data + " -q --as-of 2026-06-30 --out " + out;
        check_edges(base, out, all({&loading, &rules, &outputs, &allocation}));
        check_edges(base, out,
                    {{"--audit " + missing, {2}, "--audit"},
                     {"--audit " + dir / "garbage.csv", {3, 4}, "garbage.csv"}});
        check_edges("allocate " + data + " -q --out " + out, out, dates);
    }
    SECTION("plan") {
        const std::string base = "plan " + data + " -q --as-of 2026-06-30 --out " + out;
        check_edges(base, out, all({&loading, &rules, &outputs, &allocation}));
        check_edges(base, out,
                    {{"--audit-out ''", {2}, "--audit-out"},
                     {"--audit-out " + out, {2}, "--audit-out"},
                     {"--audit-out " + dir / "A.csv", {2}, "--audit-out"},
                     {"--audit-out " + dir / "nowhere/A.gpkg", {5}, "nowhere"}});
        check_edges("plan " + data + " -q --out " + out, out, dates);
    }
}

TEST_CASE("plan and allocate without parks stop with a located reason; the audit still runs", "[cli][edges]") {
    ScratchDir dir("no-parks");
    const std::string data = dir / "data";
    write_city_folder(data, "ESRI Shapefile");
    for (const char* ext : {".shp", ".shx", ".dbf", ".prj", ".cpg"}) fs::remove(data + "/parks" + ext);
    const std::string out = dir / "OUT.gpkg";
    for (const char* command : {"plan", "allocate"}) {
        const auto r = run_parkcap(std::string(command) + " " + data + " --as-of 2026-06-30 --out " + out);
        INFO(describe(r));
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.err, Catch::Contains("cannot allocate: no parks layer"));
        CHECK_FALSE(fs::exists(out));
    }
    const auto audit = run_parkcap("audit " + data + " --as-of 2026-06-30 -q --out " + out);
    INFO(describe(audit));
    CHECK(audit.exit_code == 0);
    CHECK(fs::exists(out));
}
