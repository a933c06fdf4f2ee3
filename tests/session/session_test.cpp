// The session: one reading of the options and one run order for the command line
// and the viewer; a saved audit checked against the data; a saved plan reopened
// through its pins; the plan saved as an overrides file that reads back.
#include <catch2/catch.hpp>

#include <thread>
#include <vector>

#include "parkcap/allocate/allocate.hpp"
#include "parkcap/core/error.hpp"
#include "parkcap/index/parcel_index.hpp"
#include "parkcap/report/audit_report.hpp"
#include "parkcap/report/plan_overrides.hpp"
#include "parkcap/session/session.hpp"
#include "support/fixtures.hpp"
#include "viewer/viewer_city.hpp"

using namespace parkcap;
using namespace parkcap::test;

namespace {

session::Options options_for(const std::string& data) {
    session::Options o;
    o.data = data;
    o.as_of = viewer_city::kAsOf;
    return o;
}

}  // namespace

TEST_CASE("session: --as-of reads the three documented formats and names the option otherwise", "[session]") {
    CHECK(session::parse_as_of("2026-06-30") == Date::from_ymd(2026, 6, 30));
    CHECK(session::parse_as_of("20260630") == Date::from_ymd(2026, 6, 30));
    CHECK(session::parse_as_of("2026/06/30") == Date::from_ymd(2026, 6, 30));
    CHECK_THROWS_AS(session::parse_as_of("2026-13-01"), UsageError);
    CHECK_THROWS_WITH(session::parse_as_of("30.6.2026"), Catch::Contains("--as-of") && Catch::Contains("30.6.2026"));
    CHECK(session::today().year() >= 2024);
}

TEST_CASE("session: options are checked before any file is touched", "[session]") {
    session::Options o;
    o.data = "/nonexistent/city.gpkg";
    o.as_of = "yesterday";
    CHECK_THROWS_WITH(session::load(o), Catch::Contains("--as-of"));
    o.as_of.clear();
    o.time_limit_s = -1;
    CHECK_THROWS_WITH(session::validate(o), Catch::Contains("--time-limit"));
    o.time_limit_s = 10;
    o.plan_file = "plan.csv";
    CHECK_THROWS_WITH(session::validate(o), Catch::Contains("--plan"));
    o.plan_file.clear();
    o.crs = "EPSG:nope";
    CHECK_THROWS_AS(session::validate(o), UsageError);
}

TEST_CASE("session: load, audit and plan in the order every front end runs them", "[session]") {
    ScratchDir dir("session-run");
    const std::string city = dir / "city.gpkg";
    viewer_city::make().write_gpkg(city);
    const session::Session s = session::run(options_for(city), session::Until::Plan);
    CHECK(s.as_of == Date::from_ymd(2026, 6, 30));
    CHECK(s.audit.as_of == s.as_of);
    CHECK(s.has_plan);
    CHECK_FALSE(s.plan.state.placements.empty());
    CHECK(s.notes.empty());
    CHECK(&s.allocation_audit() == &s.audit);

    const session::Session only_load = session::run(options_for(city), session::Until::Load);
    CHECK(only_load.city.parcels.size() == s.city.parcels.size());
    CHECK_FALSE(only_load.has_plan);
}

TEST_CASE("session: a saved audit gives the date, is compared with the data, and its findings are planned on",
          "[session]") {
    ScratchDir dir("session-audit");
    const std::string city = dir / "city.gpkg";
    viewer_city::make().write_gpkg(city);
    session::Options o = options_for(city);
    o.as_of = "2023-06-30";
    const session::Session first = session::run(o, session::Until::Audit);
    const std::string saved = dir / "AUDIT.gpkg";
    report::write_audit_gpkg(saved, first.city, first.audit, first.rules);

    session::Options reopen = options_for(city);
    reopen.as_of.clear();
    reopen.audit_file = saved;
    const session::Session s = session::run(reopen, session::Until::Plan);
    CHECK(s.as_of == Date::from_ymd(2023, 6, 30));
    REQUIRE(s.saved_audit);
    CHECK(&s.allocation_audit() == &*s.saved_audit);
    REQUIRE(s.notes.size() == 1);
    CHECK_THAT(s.notes[0], Catch::Contains("matches the audit recomputed from the data as of 2023-06-30"));

    // Another date: the recomputed audit is the one planned on, and the difference said.
    reopen.as_of = viewer_city::kAsOf;
    const session::Session later = session::run(reopen, session::Until::Plan);
    CHECK(&later.allocation_audit() == &later.audit);
    REQUIRE_FALSE(later.notes.empty());
    CHECK_THAT(later.notes[0], Catch::Contains("1 parcels are flagged differently") &&
                                   Catch::Contains("(the file is as of 2023-06-30)"));
}

TEST_CASE("session: a city without projects cannot be planned, and says how to fix it", "[session]") {
    ScratchDir dir("session-noprojects");
    MiniCity c = viewer_city::make();
    c.projects.clear();
    c.quota.clear();
    const std::string city = dir / "city.gpkg";
    c.write_gpkg(city);
    session::Session s = session::run(options_for(city), session::Until::Audit);
    std::string why;
    CHECK_FALSE(session::can_plan(s.city, &why));
    CHECK_THAT(why, Catch::Contains("--projects"));
    CHECK_THROWS_AS(session::plan(s), UsageError);
}

TEST_CASE("session: the plan saved as overrides reads back and reproduces the plan", "[session][overrides]") {
    ScratchDir dir("session-overrides");
    const std::string city = dir / "city.gpkg";
    viewer_city::make().write_gpkg(city);
    session::Session s = session::run(options_for(city), session::Until::Plan);
    // Planner decisions that must survive the file: a reserve and a lock (the lock
    // must stay a top-level key, not fall into the last [[reserve]] table).
    s.overrides.reserves.push_back({"P1", 12.5});
    s.overrides.locked_parcels = {"B1", "B2"};

    const std::string path = dir / "plan.toml";
    report::write_plan_overrides(path, s.city, s.audit, s.rules, s.plan, s.overrides);
    const allocate::Overrides back = allocate::load_overrides_file(path);
    REQUIRE(back.pins.size() == s.plan.state.placements.size());
    for (std::size_t k = 0; k < back.pins.size(); ++k) {
        const auto& pl = s.plan.state.placements[k];
        CHECK(back.pins[k].project == s.city.projects[pl.project].project_id);
        CHECK(back.pins[k].site == s.plan.sites[pl.site].site_id);
    }
    REQUIRE(back.reserves.size() == 1);
    CHECK(back.reserves[0].mu == Approx(12.5));
    CHECK(back.locked_parcels == s.overrides.locked_parcels);

    // Plain overrides round-trip too, pins to parks included.
    allocate::Overrides plain;
    plain.pins = {{"PJ-001", "P1", ""}, {"PJ-002", "", "S-P1-P-PL1"}};
    plain.forbidden_projects = {"PJ-003"};
    plain.forbidden_parks = {"P9\"odd\\name\t"};
    plain.locked_parcels = {"PL1"};
    plain.reserves = {{"P1", 3}};
    const allocate::Overrides again = allocate::parse_overrides(report::overrides_toml(plain), "plain.toml");
    REQUIRE(again.pins.size() == 2);
    CHECK(again.pins[0].park == "P1");
    CHECK(again.pins[1].site == "S-P1-P-PL1");
    CHECK(again.forbidden_projects == plain.forbidden_projects);
    CHECK(again.forbidden_parks == plain.forbidden_parks);
    CHECK(again.locked_parcels == plain.locked_parcels);
    CHECK(again.reserves.size() == 1);

    // Reopened as a saved plan, every placement is where it was.
    session::Options reopen = options_for(city);
    reopen.plan_file = path;
    const session::Session r = session::run(reopen, session::Until::Plan);
    CHECK(r.plan.state.placements.size() == s.plan.state.placements.size());
    for (const auto& pl : s.plan.state.placements) {
        const auto idx = r.plan.state.placement_of[pl.project];
        REQUIRE(idx);
        CHECK(r.plan.sites[r.plan.state.placements[*idx].site].site_id == s.plan.sites[pl.site].site_id);
    }
}

TEST_CASE("session: placing in a park picks stock land first, then the tightest fit", "[session][siting]") {
    ScratchDir dir("session-siting");
    const std::string city = dir / "city.gpkg";
    viewer_city::make().write_gpkg(city);
    session::Options o = options_for(city);
    session::Session s = session::run(o, session::Until::Plan);
    const auto j = s.city.find_project(viewer_city::kMovedProject);
    const auto park = s.city.find_park("P1");
    REQUIRE(j);
    REQUIRE(park);
    allocate::unplace(s.city, s.rules, s.plan, *j);
    const auto best = allocate::best_site_in_park(s.city, s.rules, s.plan, *j, *park);
    REQUIRE(best);
    CHECK(s.plan.sites[*best].kind == allocate::SiteKind::Stock);
    // No allowed site of that kind is tighter.
    for (std::size_t k = 0; k < s.plan.sites.size(); ++k) {
        if (s.plan.sites[k].park != *park || s.plan.sites[k].kind != allocate::SiteKind::Stock) continue;
        if (!allocate::check_placement(s.city, s.rules, s.plan, *j, k).empty()) continue;
        CHECK(s.plan.sites[k].area_mu - s.plan.state.site_taken_mu[k] >=
              s.plan.sites[*best].area_mu - s.plan.state.site_taken_mu[*best] - 1e-9);
    }
}

TEST_CASE("session: the parcel under a point is the smallest that contains it", "[session][city]") {
    ScratchDir dir("session-parcel-at");
    MiniCity c = viewer_city::make();
    MiniParcel inner = viewer_city::parcel("INNER", "built", viewer_city::kIdleX0 + 50, viewer_city::kIdleY0 + 50, 40);
    c.parcels.push_back(inner);
    const std::string city = dir / "city.gpkg";
    c.write_gpkg(city);
    const session::Session s = session::run(options_for(city), session::Until::Load);
    const double x = kOriginX + viewer_city::kIdleX0, y = kOriginY + viewer_city::kIdleY0;
    const auto idle = s.city.parcel_at({x + 10, y + 10});
    REQUIRE(idle);
    CHECK(s.city.parcels.parcel_id[*idle] == "IDLE1");
    const auto small = s.city.parcel_at({x + 70, y + 70});
    REQUIRE(small);
    CHECK(s.city.parcels.parcel_id[*small] == "INNER");
    CHECK_FALSE(s.city.parcel_at({x - 5000, y - 5000}));
}

TEST_CASE("session: an audit run frees the parcels' spatial index, and a later query builds it again", "[session][city]") {
    ScratchDir dir("session-index-released");
    MiniCity c = viewer_city::make();
    c.parcels.push_back(viewer_city::parcel("INNER", "built", viewer_city::kIdleX0 + 50, viewer_city::kIdleY0 + 50, 40));
    const std::string city = dir / "city.gpkg";
    c.write_gpkg(city);
    session::Session s = session::run(options_for(city), session::Until::Audit);
    CHECK_FALSE(s.city.has_parcel_index());
    const double x = kOriginX + viewer_city::kIdleX0, y = kOriginY + viewer_city::kIdleY0;
    // Built again on demand: the same answers as the loader's index gives.
    const session::Session loaded = session::run(options_for(city), session::Until::Load);
    CHECK(loaded.city.has_parcel_index());
    for (const geom::Point p : {geom::Point{x + 10, y + 10}, geom::Point{x + 70, y + 70}, geom::Point{x - 5000, y - 5000}}) {
        CHECK(s.city.parcel_at(p) == loaded.city.parcel_at(p));
        const geom::Box window{p.x - 300, p.y - 300, p.x + 300, p.y + 300};
        CHECK(s.city.parcel_index().query(window) == loaded.city.parcel_index().query(window));
    }
    CHECK(s.city.has_parcel_index());
    CHECK(s.city.parcel_index().size() == s.city.parcels.size());
    const auto small = s.city.parcel_at({x + 70, y + 70});
    REQUIRE(small);
    CHECK(s.city.parcels.parcel_id[*small] == "INNER");
    // Released and rebuilt again while threads query it at once.
    s.city.release_parcel_index();
    CHECK_FALSE(s.city.has_parcel_index());
    std::vector<std::thread> threads;
    std::vector<std::size_t> sizes(4, 0);
    for (std::size_t t = 0; t < sizes.size(); ++t) threads.emplace_back([&, t] { sizes[t] = s.city.parcel_index().size(); });
    for (auto& th : threads) th.join();
    for (std::size_t size : sizes) CHECK(size == s.city.parcels.size());
}
