// Issue 16: compare and evaluate read the store's audits and, with --store, write
// their results back as snapshots. Two audits of the sample stored six months
// apart compare as their AUDIT.gpkg files do, table by table; an evaluation of the
// store since a stored audit equals the files' evaluation since the file.
#include <filesystem>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "parkcap/store/connection.hpp"
#include "store/gpkg_rows.hpp"
#include "store/store_server.hpp"
#include "support/fixtures.hpp"
#include "support/parkcap_run.hpp"

using namespace parkcap;
using test::describe;
using test::layer_rows;
using test::run_parkcap;

namespace {

std::string sample() { return test::kSampleCityDir; }
std::string rules() { return sample() + "/rules.toml"; }

/// The JSON summary without the lines that name where the inputs and outputs are.
std::string without_paths(const std::string& json) {
    std::string out;
    std::size_t from = 0;
    while (from < json.size()) {
        const std::size_t to = std::min(json.find('\n', from), json.size());
        const std::string line = json.substr(from, to - from);
        if (line.find("\"path\"") == std::string::npos && line.find("\"gpkg\"") == std::string::npos &&
            line.find("\"since\"") == std::string::npos)
            out += line + "\n";
        from = to + 1;
    }
    return out;
}

}  // namespace

TEST_CASE("store snapshots: compare and evaluate read stored audits and write their results back", "[store]") {
    const std::string db = test::fresh_database("store_compare");
    test::ScratchDir dir("store-compare");
    REQUIRE(run_parkcap(fmt::format("db init '{}'", db)).exit_code == 0);
    REQUIRE(run_parkcap(fmt::format("db import {} --rules {} --db '{}' -q", sample(), rules(), db)).exit_code == 0);
    for (const char* date : {"2025-12-31", "2026-06-30"}) {
        const auto r = run_parkcap(fmt::format("audit '{}' --rules {} --as-of {} --store --out {} -q", db, rules(), date,
                                               dir / fmt::format("audit-{}.gpkg", date)));
        INFO(describe(r));
        REQUIRE(r.exit_code == 0);
    }

    // The stored audits, named by id and by date, compare as the files do.
    const std::string files_changes = dir / "files-changes.gpkg", store_changes = dir / "store-changes.gpkg";
    auto files = run_parkcap(fmt::format("compare {} {} --rules {} --out {} --json -q", dir / "audit-2025-12-31.gpkg",
                                         dir / "audit-2026-06-30.gpkg", rules(), files_changes));
    INFO(describe(files));
    REQUIRE(files.exit_code == 0);
    auto stored = run_parkcap(fmt::format("compare '{} audit=1' '{} audit=2026-06-30' --rules {} --out {} --store --json -q", db,
                                          db, rules(), store_changes));
    INFO(describe(stored));
    REQUIRE(stored.exit_code == 0);
    CHECK(stored.err.find("stored as comparison 1 (2025-12-31 → 2026-06-30)") != std::string::npos);
    CHECK(without_paths(stored.out) == without_paths(files.out));
    CHECK(stored.out.find("\"escalated\": ") != std::string::npos);
    store::Connection c(db);
    for (const char* layer : {"parcel_changes", "flag_changes", "disposal", "disposal_cohorts", "quota_consequence"}) {
        INFO(layer);
        const auto rows = layer_rows(files_changes, layer);
        CHECK(layer_rows(store_changes, layer) == rows);
        // The snapshot holds every row of every table.
        CHECK(c.exec("SELECT count(*) FROM comparison_rows WHERE comparison_id = 1 AND layer = $1", {std::string(layer)})
                  .integer(0, 0) == static_cast<int64_t>(rows.size()));
    }
    CHECK(c.exec("SELECT before_as_of::text || ' ' || after_as_of::text FROM comparisons").text(0, 0) ==
          "2025-12-31 2026-06-30");
    CHECK(c.exec("SELECT count(*) FROM decisions WHERE action = 'compare'").integer(0, 0) == 1);

    // An evaluation of the store since a stored audit is the files' since the file.
    files = run_parkcap(fmt::format("evaluate {} --rules {} --as-of 2026-06-30 --since {} --out {} --json -q", sample(), rules(),
                                    dir / "audit-2025-12-31.gpkg", dir / "files-eval.gpkg"));
    INFO(describe(files));
    REQUIRE(files.exit_code == 0);
    stored = run_parkcap(fmt::format("evaluate '{0}' --rules {1} --as-of 2026-06-30 --since '{0} audit=2025-12-31' --store "
                                     "--out {2} --json -q",
                                     db, rules(), dir / "store-eval.gpkg"));
    INFO(describe(stored));
    REQUIRE(stored.exit_code == 0);
    CHECK(stored.err.find("stored as evaluation 1 (as of 2026-06-30)") != std::string::npos);
    CHECK(without_paths(stored.out) == without_paths(files.out));
    for (const char* layer : {"park_evaluation", "district_evaluation", "indicators"}) {
        INFO(layer);
        const auto rows = layer_rows(dir / "files-eval.gpkg", layer);
        CHECK(layer_rows(dir / "store-eval.gpkg", layer) == rows);
        CHECK(c.exec("SELECT count(*) FROM evaluation_rows WHERE evaluation_id = 1 AND layer = $1", {std::string(layer)})
                  .integer(0, 0) == static_cast<int64_t>(rows.size()));
    }
    CHECK(c.exec("SELECT since_source FROM evaluations").text(0, 0).find("audit=2025-12-31") != std::string::npos);

    // --out is optional with --store.
    stored = run_parkcap(fmt::format("evaluate '{}' --rules {} --as-of 2026-06-30 --store -q", db, rules()));
    INFO(describe(stored));
    CHECK(stored.exit_code == 0);
    CHECK(stored.out.find("Written: the store (no GeoPackage)") != std::string::npos);
    CHECK(c.exec("SELECT count(*) FROM evaluations").integer(0, 0) == 2);
}

TEST_CASE("store snapshots: a stored audit that is not named or not there is an error that lists the stored audits",
          "[store]") {
    const std::string db = test::fresh_database("store_compare_errors");
    test::ScratchDir dir("store-compare-errors");
    REQUIRE(run_parkcap(fmt::format("db init '{}'", db)).exit_code == 0);
    REQUIRE(run_parkcap(fmt::format("db import {} --rules {} --db '{}' -q", sample(), rules(), db)).exit_code == 0);
    REQUIRE(run_parkcap(fmt::format("audit '{}' --rules {} --as-of 2026-06-30 --store -q", db, rules())).exit_code == 0);

    // No audit= key: which one?
    auto r = run_parkcap(fmt::format("compare '{0}' '{0} audit=1' --rules {1} --out {2} -q", db, rules(), dir / "c.gpkg"));
    INFO(describe(r));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("which stored audit? add audit=ID or audit=YYYY-MM-DD") != std::string::npos);
    CHECK(r.err.find("audit=1  as of 2026-06-30") != std::string::npos);
    // A date with no audit, and text that is neither.
    r = run_parkcap(fmt::format("compare '{0} audit=2030-01-01' '{0} audit=1' --rules {1} --out {2} -q", db, rules(), dir / "c.gpkg"));
    CHECK(r.exit_code == 4);
    CHECK(r.err.find("audit=2030-01-01: the store holds no such audit") != std::string::npos);
    r = run_parkcap(fmt::format("compare '{0} audit=latest' '{0} audit=1' --rules {1} --out {2} -q", db, rules(), dir / "c.gpkg"));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("expected an audit id or a date") != std::string::npos);
    // --store needs a stored audit among the two; without --store, --out.
    const std::string file_audit = dir / "a.gpkg";
    REQUIRE(run_parkcap(fmt::format("audit {} --rules {} --as-of 2026-06-30 --out {} -q", sample(), rules(), file_audit)).exit_code == 0);
    r = run_parkcap(fmt::format("compare {0} {0} --rules {1} --store -q", file_audit, rules()));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("neither OLD nor NEW is a stored audit") != std::string::npos);
    r = run_parkcap(fmt::format("compare {0} {0} --rules {1} -q", file_audit, rules()));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--out is required") != std::string::npos);
    CHECK(!std::filesystem::exists(dir / "c.gpkg"));
}
