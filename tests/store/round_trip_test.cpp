// Issue 16: the round trip DATA → store → audit/plan gives the figures the files
// give, and a package goes in through the loader with everything it guarantees.
#include <map>
#include <set>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "parkcap/store/connection.hpp"
#include "parkcap/store/schema.hpp"
#include "store/gpkg_rows.hpp"
#include "store/store_server.hpp"
#include "support/fixtures.hpp"
#include "support/parkcap_run.hpp"

using namespace parkcap;
using test::describe;
using test::run_parkcap;
using test::layer_rows;

namespace {

std::string sample() { return test::kSampleCityDir; }
std::string rules() { return sample() + "/rules.toml"; }

}  // namespace

TEST_CASE("store round trip: db init makes the versioned schema and again is a no-op", "[store]") {
    const std::string db = test::fresh_database("store_init");
    auto r = run_parkcap(fmt::format("db init '{}'", db));
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("schema version 0 -> " + std::to_string(store::current_schema_version())) != std::string::npos);
    store::Connection c(db);
    const auto versions = c.exec("SELECT version FROM schema_version ORDER BY version");
    REQUIRE(versions.rows() == store::current_schema_version());
    for (int i = 0; i < versions.rows(); ++i) CHECK(versions.integer(i, 0) == i + 1);
    for (const char* t : {"parks", "shoreline", "parcels", "parcel_partitions", "projects", "quota", "audits", "plans"})
        CHECK(c.exec("SELECT to_regclass($1) IS NOT NULL", {std::string(t)}).text(0, 0) == "t");
    CHECK(c.exec("SELECT relkind FROM pg_class WHERE relname = 'parcel_partitions'").text(0, 0) == "p");

    r = run_parkcap(fmt::format("db init '{}'", db));
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("up to date") != std::string::npos);
    CHECK(c.exec("SELECT count(*) FROM schema_version").integer(0, 0) == store::current_schema_version());

    // A store a newer parkcap made is refused, not misread.
    c.exec("INSERT INTO schema_version (version, description) VALUES (999, 'from the future')");
    r = run_parkcap(fmt::format("audit '{}' --as-of 2026-06-30 --store", db));
    CHECK(r.exit_code == 4);
    CHECK(r.err.find("version 999, newer") != std::string::npos);
}

TEST_CASE("store round trip: the sample city through the store audits and plans as from its files", "[store]") {
    const std::string db = test::fresh_database("store_round_trip");
    test::ScratchDir dir("store-round-trip");
    REQUIRE(run_parkcap(fmt::format("db init '{}'", db)).exit_code == 0);
    auto r = run_parkcap(fmt::format("db import {} --rules {} --db '{}' -q", sample(), rules(), db));
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);

    store::Connection c(db);
    // PostGIS's own count and area of what went in, against the loader's parcels.
    const auto files_audit = dir / "files-audit.gpkg";
    r = run_parkcap(fmt::format("audit {} --rules {} --as-of 2026-06-30 --out {} -q", sample(), rules(), files_audit));
    REQUIRE(r.exit_code == 0);
    const auto flags = layer_rows(files_audit, "parcel_flags");
    CHECK(c.exec("SELECT count(*) FROM parcels").integer(0, 0) == static_cast<int64_t>(flags.size()));
    CHECK(c.exec("SELECT count(DISTINCT tableoid) FROM parcel_partitions").integer(0, 0) > 1);
    CHECK(c.exec("SELECT count(*) FROM parcel_partitions_other").integer(0, 0) == 0);
    CHECK(c.exec("SELECT count(*) FROM parcels_321282 WHERE district <> '321282'").integer(0, 0) == 0);
    CHECK(c.exec("SELECT DISTINCT ST_SRID(geom) FROM parcels").rows() == 1);

    const auto store_audit = dir / "store-audit.gpkg";
    r = run_parkcap(fmt::format("audit '{}' --rules {} --as-of 2026-06-30 --out {} --store -q", db, rules(), store_audit));
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find("stored as audit 1 (as of 2026-06-30)") != std::string::npos);
    // Every field of every row, geometry included, but where each parcel was read
    // from (parcels.shp against the store's parcels).
    CHECK(layer_rows(store_audit, "parcel_flags", {"source"}) == layer_rows(files_audit, "parcel_flags", {"source"}));
    for (const char* layer : {"park_capacity", "shoreline_use", "district_summary", "flag_details", "early_warnings",
                              "data_quality"}) {
        INFO(layer);
        CHECK(layer_rows(store_audit, layer) == layer_rows(files_audit, layer));
    }
    // The snapshot holds every table of the GeoPackage, row for row.
    for (const char* layer : {"parcel_flags", "park_capacity", "district_summary", "flag_details"}) {
        INFO(layer);
        CHECK(c.exec("SELECT count(*) FROM audit_rows WHERE audit_id = 1 AND layer = $1", {std::string(layer)}).integer(0, 0) ==
              static_cast<int64_t>(layer_rows(files_audit, layer).size()));
    }
    CHECK(c.exec("SELECT as_of::text, import_id FROM audits WHERE audit_id = 1").text(0, 0) == "2026-06-30");

    const auto files_plan = dir / "files-plan.gpkg", store_plan = dir / "store-plan.gpkg";
    r = run_parkcap(fmt::format("plan {} --rules {} --as-of 2026-06-30 --out {} -q --json", sample(), rules(), files_plan));
    REQUIRE(r.exit_code == 0);
    r = run_parkcap(fmt::format("plan '{}' --rules {} --as-of 2026-06-30 --out {} --store -q --json", db, rules(), store_plan));
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find("stored as audit 2 and plan 1") != std::string::npos);
    for (const char* layer : {"allocation", "quota_ledger", "refused", "unplaced", "sites", "supply_conditions"}) {
        INFO(layer);
        CHECK(layer_rows(store_plan, layer) == layer_rows(files_plan, layer));
    }
    CHECK(c.exec("SELECT count(*) FROM plan_rows WHERE plan_id = 1 AND layer = 'allocation'").integer(0, 0) ==
          static_cast<int64_t>(layer_rows(files_plan, "allocation").size()));
    CHECK(c.exec("SELECT audit_id FROM plans WHERE plan_id = 1").integer(0, 0) == 2);

    // --store needs a store; --out is then optional, and without --store required.
    CHECK(run_parkcap(fmt::format("audit {} --as-of 2026-06-30 --store", sample())).exit_code == 2);
    CHECK(run_parkcap(fmt::format("audit '{}' --as-of 2026-06-30", db)).exit_code == 2);
}

TEST_CASE("store import: rejected records are kept in the store's report and --strict imports nothing", "[store]") {
    const std::string db = test::fresh_database("store_import_rejects");
    test::ScratchDir dir("store-import-rejects");
    std::filesystem::copy(sample(), dir.path() / "city");
    const std::string city = dir / "city";
    // A negative quota: the loader rejects the row, naming file, layer, feature and field.
    std::string quota = test::read_text_file(city + "/quota.csv");
    quota += "321299,-800,0,测试区\n";
    test::write_text_file(city + "/quota.csv", quota);
    REQUIRE(run_parkcap(fmt::format("db init '{}'", db)).exit_code == 0);

    auto r = run_parkcap(fmt::format("db import {} --db '{}' --strict -q", city, db));
    CHECK(r.exit_code == 4);
    store::Connection c(db);
    CHECK(c.exec("SELECT count(*) FROM imports").integer(0, 0) == 0);
    CHECK(c.exec("SELECT count(*) FROM quota").integer(0, 0) == 0);

    r = run_parkcap(fmt::format("db import {} --db '{}' -q", city, db));
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    const auto bad = c.exec("SELECT file, layer, feature_id, field, message FROM import_issues "
                            "WHERE severity = 'rejected' AND code = 'field.out_of_range'");
    REQUIRE(bad.rows() == 1);
    CHECK(bad.text(0, 0).find("quota.csv") != std::string::npos);
    CHECK(bad.text(0, 2) == "321299");
    CHECK(bad.text(0, 3) == "quota_mu");
    CHECK(bad.text(0, 4).find("-800") != std::string::npos);
    // read = kept + rejected, and what was kept is what the store holds.
    const auto counts = c.exec("SELECT (counts->'quota'->>'read')::int, (counts->'quota'->>'kept')::int, "
                               "(counts->'quota'->>'rejected')::int FROM imports");
    CHECK(counts.integer(0, 0) == counts.integer(0, 1) + counts.integer(0, 2));
    CHECK(counts.integer(0, 2) == 1);
    CHECK(c.exec("SELECT count(*) FROM quota").integer(0, 0) == counts.integer(0, 1));
    CHECK(c.exec("SELECT count(*) FROM quota WHERE district = '321299'").integer(0, 0) == 0);
}
