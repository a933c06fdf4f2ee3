// Issue 16: two planners in two viewers on one store. The viewer opened on PG:...
// shows the placements the store holds; each place, move, pin and unplace is a
// store transaction (the ledger rows locked), so two viewers siting projects into
// one district at once end with the ledger a serial replay gives, never below
// zero; what another planner commits reaches an open viewer by itself; and the
// inspector shows each object's history from the decision log.
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "store/store_plans.hpp"
#include "viewer/viewer_run.hpp"

using namespace parkcap;
using namespace test::store_plans;

namespace {

std::string viewer_args(const std::string& db, const std::string& script) {
#ifdef PARKCAP_VIEWER_EXE
    return fmt::format("{} '{}' --rules {} --as-of 2026-06-30 --lang en --quiet --script {}", PARKCAP_VIEWER_EXE, db, test::store_plans::rules(),
                       script);
#else
    (void)db;
    (void)script;
    return {};
#endif
}

/// A script siting `candidates` one after another, each with `reason`; the
/// script's line number of each place command.
std::map<std::size_t, Candidate> write_siting_script(const std::string& path, const std::vector<Candidate>& candidates,
                                                     const std::string& reason) {
    std::ostringstream s;
    std::map<std::size_t, Candidate> place_lines;
    std::size_t line = 0;
    for (const auto& c : candidates) {
        s << "select project " << c.project << "\n";
        s << "reason " << reason << "\n";
        s << "place site " << c.site << "\n";
        line += 3;
        place_lines[line] = c;
    }
    s << "quit\n";
    test::write_text_file(path, s.str());
    return place_lines;
}

/// The status a script line ended with: "ok: ..." or "error: ...".
std::string line_result(const std::string& out, const std::string& script, std::size_t line) {
    const std::string key = fmt::format("{}:{}: ", script, line);
    const auto at = out.find(key);
    if (at == std::string::npos) return {};
    const auto end = out.find('\n', at);
    return out.substr(at + key.size(), end == std::string::npos ? std::string::npos : end - at - key.size());
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

}  // namespace

TEST_CASE("store viewer: two planners in two viewers site projects into one district at once and the ledger stays right",
          "[store][viewer]") {
    if (!test::viewer::viewer_available()) return;
    const Frame f = sample_frame();
    const std::vector<Candidate> candidates = quota_candidates(f, 8);
    REQUIRE(candidates.size() >= 3);
    const uint32_t d = *f.s.city.find_district(kDistrict);
    double demand = 0;
    for (const auto& c : candidates) demand += c.take_mu;
    REQUIRE(demand > f.plan.state.ledger[d].available_mu());  // not all can be placed

    const std::string db = stored_store("store_viewers");
    test::ScratchDir dir("store-viewers");
    // Planner A sites the candidates in order, planner B from the other end, at once.
    std::vector<Candidate> reversed(candidates.rbegin(), candidates.rend());
    const std::string script_a = dir / "a.script", script_b = dir / "b.script";
    const auto lines_a = write_siting_script(script_a, candidates, "规划员甲 招商例会");
    const auto lines_b = write_siting_script(script_b, reversed, "规划员乙 区县会商");
    const std::string run = dir / "run.sh";
    test::write_text_file(run, fmt::format("{} >{} 2>&1 & a=$!\n{} >{} 2>&1 & b=$!\nwait $a; echo $? >{}\nwait $b; echo $? >{}\n",
                                           viewer_args(db, script_a), dir / "a.txt", viewer_args(db, script_b),
                                           dir / "b.txt", dir / "a.rc", dir / "b.rc"));
    const auto r = test::viewer::run_on_virtual_screen("sh " + run);
    INFO(test::describe(r));
    REQUIRE(r.exit_code == 0);

    // Every place command either placed the project in the store or was refused in
    // plain words (the script prefixes a failed command's name): the store changed while the viewer worked (the quota, or the
    // other planner placed the same project), or, the viewer having read the
    // other's placements since, the engine's own reason or "already placed".
    std::multiset<std::string> placed_by_viewer;
    std::map<std::string, std::string> reason_of;  // project → the reason of the viewer that placed it
    for (const auto& [script, out_file, rc_file, lines, reason] :
         {std::tuple{script_a, dir / "a.txt", dir / "a.rc", &lines_a, std::string("规划员甲 招商例会")},
          std::tuple{script_b, dir / "b.txt", dir / "b.rc", &lines_b, std::string("规划员乙 区县会商")}}) {
        const std::string out = test::read_text_file(out_file);
        INFO(script << "\n" << out);
        const std::string rc = test::read_text_file(rc_file);
        CHECK((rc == "0\n" || rc == "1\n"));  // 1: a command was refused; never a crash
        for (const auto& [line, cand] : *lines) {
            const std::string result = line_result(out, script, line);
            INFO(cand.project << " on " << cand.site << ": " << result);
            const bool placed = starts_with(result, fmt::format("ok: Placed {} → {}, saved to the store (#", cand.project, cand.site));
            const bool quota_conflict =
                starts_with(result, "error: place: Not saved, the store changed meanwhile: ") &&
                result.find("quota of 靖江市 changed while you worked: ") != std::string::npos &&
                result.find(fmt::format("亩 left, this placement needs {:.1f}", cand.take_mu)) != std::string::npos;
            const bool same_project = starts_with(result, "error: place: Not saved, the store changed meanwhile: ") &&
                                      result.find(cand.project + " was placed on " + cand.site) != std::string::npos;
            const bool engine_refused = starts_with(result, fmt::format("error: place: Cannot place {} → {}: ", cand.project, cand.site));
            const bool already = starts_with(result, fmt::format("error: place: {} is already placed on {}", cand.project, cand.site));
            CHECK((placed || quota_conflict || same_project || engine_refused || already));
            if (placed) {
                placed_by_viewer.insert(cand.project);
                reason_of[cand.project] = reason;
            }
        }
    }
    const std::set<std::string> placed(placed_by_viewer.begin(), placed_by_viewer.end());
    CHECK(placed.size() == placed_by_viewer.size());  // no project placed twice
    CHECK(placed.size() >= 1);
    CHECK(placed.size() < candidates.size());

    // The store holds what the viewers said they placed; its ledger is their sum and
    // never negative; what was refused does not fit what is left.
    store::Connection c(db);
    const auto rows = c.exec("SELECT project_id FROM placements ORDER BY project_id");
    std::set<std::string> in_store;
    for (int i = 0; i < rows.rows(); ++i) in_store.insert(rows.text(i, 0));
    CHECK(in_store == placed);
    CHECK(c.exec("SELECT spent_mu = (SELECT coalesce(sum(quota_mu), 0) FROM placements WHERE quota_district = $1) "
                 "FROM ledger WHERE district = $1",
                 {std::string(kDistrict)})
              .text(0, 0) == "t");
    const double left = left_of(c, kDistrict);
    CHECK(left >= 0);
    for (const auto& cand : candidates)
        if (!placed.count(cand.project)) CHECK(cand.take_mu > left);

    // Serial replay of the log, in commit order, by the engine: each fits, and its
    // ledger ends where the store's is. Each decision carries its planner's reason.
    allocate::Plan replay = f.plan;
    const auto log = c.exec("SELECT project_id, after->>'site_id', reason FROM decisions WHERE action = 'place' ORDER BY decision_id");
    REQUIRE(log.rows() == static_cast<int>(placed.size()));
    std::map<std::string, std::size_t> site_of;
    for (std::size_t s = 0; s < replay.sites.size(); ++s) site_of[replay.sites[s].site_id] = s;
    for (int i = 0; i < log.rows(); ++i) {
        const auto j = f.s.city.find_project(log.text(i, 0));
        REQUIRE(j);
        CHECK(log.text(i, 2) == reason_of[log.text(i, 0)]);
        REQUIRE_NOTHROW(allocate::place(f.s.city, f.s.rules, replay, *j, site_of.at(log.text(i, 1)), false));
        CHECK(replay.state.ledger[d].remaining_mu() >= -1e-9);
    }
    CHECK(replay.state.ledger[d].remaining_mu() == Approx(left).margin(1e-6));

    // A third viewer opened afterwards shows the store's plan and ledger.
    const std::string script_c = dir / "c.script";
    test::write_text_file(script_c, "print ledger\nprint placements\nquit\n");
    const auto shown = test::viewer::run_on_virtual_screen(viewer_args(db, script_c));
    INFO(test::describe(shown));
    REQUIRE(shown.exit_code == 0);
    CHECK(shown.out.find(fmt::format("ledger {} ", kDistrict)) != std::string::npos);
    CHECK(shown.out.find(fmt::format("remaining={:.3f}\n", left)) != std::string::npos);
    std::size_t shown_placements = 0;
    for (std::size_t at = shown.out.find("placement "); at != std::string::npos; at = shown.out.find("\nplacement ", at + 1))
        ++shown_placements;
    CHECK(shown_placements == placed.size());
}

TEST_CASE("store viewer: another planner's change reaches an open viewer and the inspector shows each project's history",
          "[store][viewer]") {
    if (!test::viewer::viewer_available()) return;
    const Frame f = sample_frame();
    const uint32_t d = *f.s.city.find_district(kDistrict);
    const std::vector<Candidate> candidates = quota_candidates(f, 2, f.plan.state.ledger[d].available_mu());
    REQUIRE(candidates.size() == 2);
    const Candidate& mine = candidates[0];
    const Candidate& theirs = candidates[1];
    const std::string db = stored_store("store_viewer_live");
    test::ScratchDir dir("store-viewer-live");
    const std::string script = dir / "live.script";
    test::write_text_file(script, fmt::format("select project {0}\nreason 园区例会决定\nplace site {1}\nawait-store 120\n"
                                              "print placements\nselect project {2}\nhistory\nselect project {0}\nunpin\nhistory\n"
                                              "undo\nquit\n",
                                              mine.project, mine.site, theirs.project));

    // The viewer sites its project and waits; once that is in the store, another
    // planner places theirs from the command line.
    test::CommandResult viewer;
    std::thread open_viewer([&] { viewer = test::viewer::run_on_virtual_screen(viewer_args(db, script)); });
    store::Connection c(db);
    bool mine_stored = false;
    for (int i = 0; i < 1200 && !mine_stored; ++i) {
        mine_stored = c.exec("SELECT count(*) FROM placements WHERE project_id = $1", {mine.project}).integer(0, 0) == 1;
        if (!mine_stored) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    const auto cli = test::run_command(place_command(db, theirs));
    open_viewer.join();
    INFO(test::describe(viewer));
    REQUIRE(mine_stored);
    INFO(test::describe(cli));
    REQUIRE(cli.exit_code == 0);

    // Everything but the undo (which a shared store refuses, in words) succeeded.
    CHECK(viewer.exit_code == 1);
    CHECK(line_result(viewer.out, script, 3).rfind(fmt::format("ok: Placed {} → {}, saved to the store", mine.project, mine.site), 0) == 0);
    CHECK(line_result(viewer.out, script, 4).rfind("ok: waiting up to 120 s", 0) == 0);
    CHECK(viewer.out.find(": ok: the store changed: decision #") != std::string::npos);
    CHECK(viewer.out.find(fmt::format("placement {} site={} ", theirs.project, theirs.site)) != std::string::npos);
    CHECK(viewer.out.find(fmt::format("placement {} site={} ", mine.project, mine.site)) != std::string::npos);
    CHECK(line_result(viewer.out, script, 11).rfind("error: undo: On a shared store every change is a logged decision", 0) == 0);

    // The inspector's history: their placement with the command line's reason, and
    // mine with its place and pin, who made them and why.
    const std::string user = test::store_server().superuser;
    CHECK(viewer.out.find(fmt::format(" {} place: {} → {} (", user, theirs.project, theirs.site)) != std::string::npos);
    CHECK(viewer.out.find("/ reason: 测试 " + theirs.project + "\n") != std::string::npos);
    CHECK(viewer.out.find(fmt::format(" {} place: {} → {} (", user, mine.project, mine.site)) != std::string::npos);
    CHECK(viewer.out.find("/ reason: 园区例会决定\n") != std::string::npos);
    CHECK(viewer.out.find(fmt::format(" {} unpin: {} on {}", user, mine.project, mine.site)) != std::string::npos);
    CHECK(line_result(viewer.out, script, 10) == fmt::format("ok: 2 decisions for project {}", mine.project));

    // The log the command line reads holds the viewer's decisions too.
    const auto log = test::run_parkcap(fmt::format("db log '{}' --project {} --json", db, mine.project));
    INFO(test::describe(log));
    REQUIRE(log.exit_code == 0);
    CHECK(log.out.find("\"action\": \"place\"") != std::string::npos);
    CHECK(log.out.find("\"action\": \"unpin\"") != std::string::npos);
    CHECK(log.out.find("\"reason\": \"园区例会决定\"") != std::string::npos);
    CHECK(c.exec("SELECT pinned FROM placements WHERE project_id = $1", {mine.project}).text(0, 0) == "f");
}

TEST_CASE("store viewer: a placement judged on a view another planner overtook is refused in plain words and nothing is written",
          "[store][viewer]") {
    if (!test::viewer::viewer_available()) return;
    const Frame f = sample_frame();
    const uint32_t d = *f.s.city.find_district(kDistrict);
    const double available = f.plan.state.ledger[d].available_mu();
    // My project, and theirs: each fits the quota, all of them together do not.
    const std::vector<Candidate> candidates = quota_candidates(f, 8);
    REQUIRE(!candidates.empty());
    const Candidate mine = candidates[0];
    std::vector<Candidate> theirs;
    double theirs_mu = 0;
    for (std::size_t k = 1; k < candidates.size() && theirs_mu + mine.take_mu <= available; ++k)
        if (theirs_mu + candidates[k].take_mu <= available) {  // land for all: quota_candidates sees to it
            theirs.push_back(candidates[k]);
            theirs_mu += candidates[k].take_mu;
        }
    REQUIRE(theirs_mu + mine.take_mu > available);
    const std::string db = stored_store("store_viewer_stale");
    test::ScratchDir dir("store-viewer-stale");
    // The viewer does not poll (--store-poll 0), so its view stays as it loaded while
    // the other planner places; then it tries its own.
    const std::string script = dir / "stale.script";
    test::write_text_file(script, fmt::format("select project {}\npause {}\nplace site {}\nprint ledger\nquit\n", mine.project,
                                              8 + 3 * theirs.size(), mine.site));
    test::CommandResult viewer;
    std::thread open_viewer(
        [&] { viewer = test::viewer::run_on_virtual_screen(viewer_args(db, script) + " --store-poll 0"); });
    store::Connection c(db);
    bool viewer_connected = false;
    for (int i = 0; i < 600 && !viewer_connected; ++i) {
        viewer_connected = c.exec("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND "
                                  "pid <> pg_backend_pid() AND backend_type = 'client backend'")
                               .integer(0, 0) > 0;
        if (!viewer_connected) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::vector<test::CommandResult> cli;
    for (const auto& t : theirs) cli.push_back(test::run_command(place_command(db, t)));
    open_viewer.join();
    INFO(test::describe(viewer));
    REQUIRE(viewer_connected);
    for (const auto& r : cli) {
        INFO(test::describe(r));
        REQUIRE(r.exit_code == 0);
    }

    const std::string result = line_result(viewer.out, script, 3);
    CHECK(result.rfind("error: place: Not saved, the store changed meanwhile: ", 0) == 0);
    CHECK(result.find("quota of 靖江市 changed while you worked: ") != std::string::npos);
    CHECK(result.find(fmt::format("亩 left, this placement needs {:.1f}", mine.take_mu)) != std::string::npos);
    CHECK(c.exec("SELECT count(*) FROM placements WHERE project_id = $1", {mine.project}).integer(0, 0) == 0);
    CHECK(c.exec("SELECT count(*) FROM decisions WHERE action = 'place'").integer(0, 0) == static_cast<int64_t>(theirs.size()));
    // After the refusal the viewer shows what the store holds: the other planner's placements.
    const double left = left_of(c, kDistrict);
    CHECK(left == Approx(available - theirs_mu).margin(1e-6));
    CHECK(viewer.out.find(fmt::format("ledger {} ", kDistrict)) != std::string::npos);
    CHECK(viewer.out.find(fmt::format("remaining={:.3f}\n", left)) != std::string::npos);
}
