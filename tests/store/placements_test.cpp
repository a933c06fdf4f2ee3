// Issue 16: many planners at once. Placements in the store draw a district's
// quota in transactions that lock its ledger row: eight processes placing projects
// against one district's quota at once end with the ledger a serial replay gives,
// never below zero; a writer killed mid-transaction loses nothing committed and
// leaves nothing half written; and every change is in the decision log, which no
// role can change.
#include <csignal>
#include <map>
#include <set>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "parkcap/session/session.hpp"
#include "parkcap/store/connection.hpp"
#include "store/store_plans.hpp"
#include "store/store_server.hpp"
#include "support/fixtures.hpp"
#include "support/parkcap_run.hpp"

using namespace parkcap;
using test::describe;
using test::run_parkcap;

using namespace test::store_plans;

TEST_CASE("store placements: eight planners at once on one district's quota end as a serial replay and never negative",
          "[store]") {
    const Frame f = sample_frame();
    const std::vector<Candidate> candidates = quota_candidates(f, 8);
    INFO(candidates.size() << " candidates");
    REQUIRE(candidates.size() >= 3);
    double demand = 0;
    for (const auto& c : candidates) demand += c.take_mu;
    const uint32_t d = *f.s.city.find_district(kDistrict);
    const double available = f.plan.state.ledger[d].available_mu();
    INFO("demand " << demand << " 亩 against " << available << " 亩");
    REQUIRE(demand > available);  // not all can be placed

    const std::string db = stored_store("store_concurrent");
    test::ScratchDir dir("store-concurrent");
    // Eight planners: every candidate once, the first two twice (two planners
    // placing the same project at once).
    constexpr std::size_t kPlanners = 8;
    std::vector<pid_t> pids;
    for (std::size_t k = 0; k < kPlanners; ++k)
        pids.push_back(spawn(place_command(db, candidates[k % candidates.size()]), dir / fmt::format("out{}.txt", k)));
    std::vector<int> codes;
    for (pid_t p : pids) codes.push_back(wait_exit(p));

    store::Connection c(db);
    std::multiset<std::string> placed_by_exit;
    for (std::size_t k = 0; k < kPlanners; ++k) {
        const Candidate& cand = candidates[k % candidates.size()];
        const std::string out = test::read_text_file(dir / fmt::format("out{}.txt", k));
        INFO(cand.project << " on " << cand.site << ": exit " << codes[k] << "\n" << out);
        // Placed; refused in the transaction (the quota went, or another planner
        // placed the same project, while it worked); or, having read the store
        // after others committed, refused by the engine (quota) or told the project
        // is placed already.
        CHECK((codes[k] == 0 || codes[k] == 6 || codes[k] == 4 || codes[k] == 2));
        if (codes[k] == 2) CHECK(out.find(cand.project + " is already placed on " + cand.site) != std::string::npos);
        if (codes[k] == 0) placed_by_exit.insert(cand.project);
        if (codes[k] == 6) {
            const bool quota = out.find("quota of 靖江市 changed while you worked: ") != std::string::npos &&
                               out.find(fmt::format("亩 left, this placement needs {:.1f}", cand.take_mu)) != std::string::npos;
            const bool same_project = out.find(cand.project + " was placed on " + cand.site) != std::string::npos;
            CHECK((quota || same_project));
        }
        if (codes[k] == 4) CHECK(out.find("321282") != std::string::npos);
    }
    const std::set<std::string> placed(placed_by_exit.begin(), placed_by_exit.end());
    CHECK(placed.size() == placed_by_exit.size());  // no project placed twice
    CHECK(placed.size() >= 1);
    CHECK(placed.size() < candidates.size());

    // The store holds exactly the placements that said so, and its ledger is their sum.
    const auto rows = c.exec("SELECT project_id, quota_mu::float8 FROM placements ORDER BY project_id");
    std::set<std::string> in_store;
    for (int i = 0; i < rows.rows(); ++i) in_store.insert(rows.text(i, 0));
    CHECK(in_store == placed);
    CHECK(c.exec("SELECT spent_mu = (SELECT coalesce(sum(quota_mu), 0) FROM placements WHERE quota_district = $1) "
                 "FROM ledger WHERE district = $1",
                 {std::string(kDistrict)})
              .text(0, 0) == "t");
    const double left = left_of(c, kDistrict);
    CHECK(left >= 0);
    // What was refused did not fit what is left.
    for (const auto& cand : candidates)
        if (!placed.count(cand.project)) CHECK(cand.take_mu > left);

    // Serial replay: the log's placements, in the order they were committed, applied
    // one by one by the engine to the plan with nothing placed: each fits, and the
    // engine's ledger ends where the store's is.
    allocate::Plan replay = f.plan;
    const auto log = c.exec("SELECT project_id, after->>'site_id' FROM decisions WHERE action = 'place' ORDER BY decision_id");
    REQUIRE(log.rows() == static_cast<int>(placed.size()));
    std::map<std::string, std::size_t> site_of;
    for (std::size_t s = 0; s < replay.sites.size(); ++s) site_of[replay.sites[s].site_id] = s;
    for (int i = 0; i < log.rows(); ++i) {
        const auto j = f.s.city.find_project(log.text(i, 0));
        REQUIRE(j);
        REQUIRE_NOTHROW(allocate::place(f.s.city, f.s.rules, replay, *j, site_of.at(log.text(i, 1)), false));
        CHECK(replay.state.ledger[d].remaining_mu() >= -1e-9);
    }
    CHECK(replay.state.ledger[d].remaining_mu() == Approx(left).margin(1e-6));

    // The ledger command prints the same figures.
    const auto ledger = run_parkcap(fmt::format("db ledger '{}' --json", db));
    REQUIRE(ledger.exit_code == 0);
    CHECK(ledger.out.find("\"district\": \"321282\"") != std::string::npos);
}

TEST_CASE("store placements: a writer killed mid-transaction loses nothing committed and leaves nothing half written",
          "[store]") {
    const Frame f = sample_frame();
    const uint32_t d = *f.s.city.find_district(kDistrict);
    const std::vector<Candidate> candidates = quota_candidates(f, 2, f.plan.state.ledger[d].available_mu());
    REQUIRE(candidates.size() == 2);
    const std::string db = stored_store("store_kill");
    test::ScratchDir dir("store-kill");

    auto r = test::run_command(place_command(db, candidates[0]));
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    store::Connection c(db);
    const double left_after_first = left_of(c, kDistrict);
    const auto land_rows = c.exec("SELECT count(*) FROM placement_land").integer(0, 0);

    // Hold the decision log so the second writer stops at its last statement, with
    // its placement, land and ledger rows written but not committed; then kill it.
    store::Connection holder(db);
    holder.exec("BEGIN");
    holder.exec("LOCK TABLE decisions IN EXCLUSIVE MODE");
    const pid_t writer = spawn(place_command(db, candidates[1]), dir / "writer.txt");
    bool waiting = false;
    for (int i = 0; i < 600 && !waiting; ++i) {
        waiting = c.exec("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND "
                         "wait_event_type = 'Lock' AND query LIKE 'INSERT INTO decisions%'")
                      .integer(0, 0) > 0;
        if (!waiting) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    INFO(test::read_text_file(dir / "writer.txt"));
    REQUIRE(waiting);
    kill(writer, SIGKILL);
    CHECK(wait_exit(writer) == 128 + SIGKILL);
    holder.exec("ROLLBACK");
    // The server ends the killed client's transaction once it notices the socket closed.
    for (int i = 0; i < 100; ++i) {
        if (c.exec("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
                   "AND state IS NOT NULL AND backend_type = 'client backend'")
                .integer(0, 0) <= 1)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }

    CHECK(c.exec("SELECT count(*) FROM placements WHERE project_id = $1", {candidates[0].project}).integer(0, 0) == 1);
    CHECK(c.exec("SELECT count(*) FROM placements WHERE project_id = $1", {candidates[1].project}).integer(0, 0) == 0);
    CHECK(c.exec("SELECT count(*) FROM placement_land").integer(0, 0) == land_rows);
    CHECK(left_of(c, kDistrict) == left_after_first);
    CHECK(c.exec("SELECT count(*) FROM decisions WHERE action <> 'import'").integer(0, 0) == 1);

    // Nothing of the killed run stands in the way of doing it again.
    r = test::run_command(place_command(db, candidates[1]));
    INFO(describe(r));
    CHECK(r.exit_code == 0);
    CHECK(left_of(c, kDistrict) == Approx(left_after_first - candidates[1].take_mu).margin(1e-9));
}

TEST_CASE("store decision log: every change recorded with who and what and before and after and db log filters it", "[store]") {
    const Frame f = sample_frame();
    const std::vector<Candidate> candidates = quota_candidates(f, 1);
    REQUIRE(candidates.size() == 1);
    const Candidate& cand = candidates[0];
    const std::string db = stored_store("store_log");
    REQUIRE(test::run_command(place_command(db, cand)).exit_code == 0);
    REQUIRE(run_parkcap(fmt::format("db pin '{}' --project {} --reason 'major project'", db, cand.project)).exit_code == 0);
    auto r = run_parkcap(fmt::format("db unplace '{}' --project {}", db, cand.project));
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    // Unplacing again: nothing to unplace, said in words, nothing logged.
    r = run_parkcap(fmt::format("db unplace '{}' --project {}", db, cand.project));
    CHECK(r.exit_code == 6);
    CHECK(r.err.find("is not placed in the store") != std::string::npos);

    store::Connection c(db);
    const auto rows = c.exec("SELECT action, made_by, project_id, before IS NULL, after IS NULL, "
                             "after->>'site_id', rules_version, reason FROM decisions WHERE project_id IS NOT NULL "
                             "ORDER BY decision_id");
    CHECK(c.exec("SELECT count(*) FROM decisions WHERE action = 'import' AND after->>'import_id' = '1'").integer(0, 0) == 1);
    REQUIRE(rows.rows() == 3);
    CHECK(rows.text(0, 0) == "place");
    CHECK(rows.text(0, 1) == test::store_server().superuser);
    CHECK(rows.text(0, 2) == cand.project);
    CHECK(rows.text(0, 3) == "t");  // nothing before
    CHECK(rows.text(0, 5) == cand.site);
    CHECK(rows.text(0, 6) == f.s.rules.version);
    CHECK(rows.text(0, 7) == "测试 " + cand.project);
    CHECK(rows.text(1, 0) == "pin");
    CHECK(rows.text(1, 7) == "major project");
    CHECK(rows.text(2, 0) == "unplace");
    CHECK(rows.text(2, 4) == "t");  // nothing after

    const std::string first_parcel =
        c.exec("SELECT parcel_ids[1] FROM decisions WHERE action = 'place'").text(0, 0);
    r = run_parkcap(fmt::format("db log '{}' --project {}", db, cand.project));
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("3 decisions") != std::string::npos);
    CHECK(r.out.find("reason: major project") != std::string::npos);
    r = run_parkcap(fmt::format("db log '{}' --parcel {} --json", db, first_parcel));
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("\"action\": \"place\"") != std::string::npos);
    CHECK(run_parkcap(fmt::format("db log '{}' --parcel NO-SUCH-PARCEL", db)).out.find("0 decisions") != std::string::npos);
    CHECK(run_parkcap(fmt::format("db log '{}' --since 2999-01-01", db)).out.find("0 decisions") != std::string::npos);
    CHECK(run_parkcap(fmt::format("db log '{}' --since 2000-01-01", db)).out.find("4 decisions") != std::string::npos);
}

TEST_CASE("store decision log: append-only in the database for its owner and the application's role alike", "[store]") {
    const std::string db = stored_store("store_log_locked");
    store::Connection owner(db);
    const int64_t before = owner.exec("SELECT count(*) FROM decisions").integer(0, 0);
    owner.exec("INSERT INTO decisions (action, project_id, reason) VALUES ('override', 'PJ-X', 'by hand')");
    for (const char* sql : {"UPDATE decisions SET reason = 'rewritten'", "DELETE FROM decisions", "TRUNCATE decisions"}) {
        INFO(sql);
        try {
            owner.exec(sql);
            FAIL("the log was changed");
        } catch (const store::SqlError& e) {
            CHECK(e.sqlstate() == "42501");
            CHECK(std::string(e.what()).find("append-only") != std::string::npos);
        }
    }
    // The application's role (every planner's account belongs to it).
    owner.exec("DROP ROLE IF EXISTS log_tester");
    owner.exec("CREATE ROLE log_tester LOGIN IN ROLE parkcap_app");
    store::Connection app(test::store_server().address("store_log_locked", "log_tester"));
    app.exec("INSERT INTO decisions (action, project_id) VALUES ('override', 'PJ-Y')");
    for (const char* sql : {"UPDATE decisions SET reason = 'rewritten'", "DELETE FROM decisions", "TRUNCATE decisions",
                            "ALTER TABLE decisions DISABLE TRIGGER decisions_no_change"}) {
        INFO(sql);
        CHECK_THROWS_AS(app.exec(sql), store::SqlError);
    }
    CHECK(owner.exec("SELECT count(*) FROM decisions").integer(0, 0) == before + 2);
    CHECK(owner.exec("SELECT count(*) FROM decisions WHERE reason = 'rewritten'").integer(0, 0) == 0);
}

TEST_CASE("store placements: a move releases the old site's land and quota and draws the new in one step", "[store]") {
    const Frame f = sample_frame();
    const uint32_t d = *f.s.city.find_district(kDistrict);
    // One project with two single-block sites the engine allows, both on 靖江市's quota.
    std::string project;
    std::vector<std::pair<std::string, double>> sites;
    for (std::size_t j = 0; j < f.s.city.projects.size() && sites.size() < 2; ++j) {
        sites.clear();
        for (std::size_t s = 0; s < f.plan.sites.size() && sites.size() < 2; ++s) {
            const auto check = allocate::placement_check(f.plan, j, s);
            if (f.plan.sites[s].assembled() || !check.ok() || check.verdict.payer != static_cast<int32_t>(d)) continue;
            sites.emplace_back(f.plan.sites[s].site_id, check.verdict.take_mu);
        }
        project = f.s.city.projects[j].project_id;
    }
    REQUIRE(sites.size() == 2);
    const std::string db = stored_store("store_move");
    store::Connection c(db);
    const double opening = left_of(c, kDistrict);
    auto r = test::run_command(place_command(db, {project, sites[0].first, sites[0].second}));
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    CHECK(left_of(c, kDistrict) == Approx(opening - sites[0].second).margin(1e-9));

    r = run_parkcap(fmt::format("db move '{}' --project {} --site {} --rules {} --as-of 2026-06-30 -q --reason 换址", db, project,
                                sites[1].first, sample() + "/rules.toml"));
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    CHECK(left_of(c, kDistrict) == Approx(opening - sites[1].second).margin(1e-9));
    CHECK(c.exec("SELECT site_id FROM placements WHERE project_id = $1", {project}).text(0, 0) == sites[1].first);
    // The old site's land is free again: nothing of it is booked.
    CHECK(c.exec("SELECT count(*) FROM placement_land WHERE block_id = $1", {sites[0].first}).integer(0, 0) == 0);
    CHECK(c.exec("SELECT count(*) FROM placement_land WHERE block_id = $1", {sites[1].first}).integer(0, 0) == 1);
    const auto log = c.exec("SELECT before->>'site_id', after->>'site_id', reason FROM decisions WHERE action = 'move'");
    REQUIRE(log.rows() == 1);
    CHECK(log.text(0, 0) == sites[0].first);
    CHECK(log.text(0, 1) == sites[1].first);
    CHECK(log.text(0, 2) == "换址");

    // Moving what is not placed, or placing what is, is refused in words.
    r = run_parkcap(fmt::format("db place '{}' --project {} --site {} --rules {} --as-of 2026-06-30 -q", db, project,
                                sites[0].first, sample() + "/rules.toml"));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("is already placed on " + sites[1].first) != std::string::npos);
    CHECK(r.err.find("use parkcap db move") != std::string::npos);
}
