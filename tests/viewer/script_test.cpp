// A scripted session drives the code paths a click takes (select a project,
// place it on a site, undo, save) in the real viewer; the saved plan is then read
// back with the engine, as reopening it would.
#include <catch2/catch.hpp>

#include "parkcap/allocate/allocate.hpp"
#include "parkcap/report/plan_reader.hpp"
#include "parkcap/audit/audit.hpp"
#include "parkcap/io/load.hpp"
#include "test_config.hpp"
#include "viewer/viewer_run.hpp"

using namespace parkcap;
using namespace parkcap::test;
using namespace parkcap::test::viewer;

namespace {

const char* kPlannedSite = "S-P1-P-PL1";

struct Allocated {
    City city;
    rules::Rules rules = rules::default_rules();
    audit::Audit audit;
    allocate::Plan plan;
    const allocate::Placement* placement(const std::string& project) const {
        for (const auto& pl : plan.state.placements)
            if (city.projects[pl.project].project_id == project) return &pl;
        return nullptr;
    }
    const allocate::LedgerRow& ledger(const std::string& district) const {
        return plan.state.ledger[*city.find_district(district)];
    }
};

Allocated allocate_with(const std::string& city_path, const allocate::Overrides& ov) {
    Allocated a;
    io::LoadOptions lo;
    lo.data = city_path;
    a.city = io::load_city(lo);
    a.audit = audit::run_audit(a.city, a.rules, {*parse_date(viewer_city::kAsOf, {"%Y-%m-%d"}), 1});
    a.plan = allocate::run_allocation(a.city, a.audit, a.rules, ov);
    return a;
}

CommandResult run_script(const ScratchDir& dir, const std::string& city, const std::string& name, const std::string& script,
                         const std::string& extra = "") {
    write_text_file(dir / name, script);
    return run_viewer("'" + city + "' --lang en --script '" + (dir / name) + "' " + dated(extra));
}

}  // namespace

TEST_CASE("viewer: a scripted session places a project on a site, saves, and the saved plan has it there",
          "[viewer][script][editing]") {
    if (!viewer_available()) return;
    ScratchDir dir("viewer-script");
    const std::string city = write_city(dir);

    // Without edits the optimiser puts PJ-002 on stock land: no new quota used.
    const Allocated before = allocate_with(city, {});
    REQUIRE(before.placement(viewer_city::kMovedProject));
    CHECK(before.plan.sites[before.placement(viewer_city::kMovedProject)->site].kind == allocate::SiteKind::Stock);
    CHECK(before.ledger("321202").consumed_mu == Approx(0));

    const std::string plan = dir / "plan.toml";
    const auto r = run_script(dir, city, "session.txt",
                              "select project PJ-002\n"
                              "place site S-P1-P-PL1\n"
                              "print ledger\n"
                              "save " + plan + "\n"
                              "quit\n");
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("ok: Selected PJ-002"));
    CHECK_THAT(r.out, Catch::Contains("ok: Placed PJ-002 → S-P1-P-PL1 (50.0 mu); quota of 321202: 245.0 → 170.0 mu"));
    CHECK_THAT(r.out, Catch::Contains("ledger 321202 opening=200.000 earned=20.000 consumed=50.000"));
    CHECK_THAT(r.out, Catch::Contains("ok: Saved " + plan));

    // The saved plan pins PJ-002 to the planned site and carries the ledger.
    const std::string text = read_text_file(plan);
    CHECK_THAT(text, Catch::Contains("project = \"PJ-002\"\nsite = \"S-P1-P-PL1\"\n# planner: 50.00 亩"));
    CHECK_THAT(text, Catch::Contains("# ledger 321202           200.00      20.00      50.00"));
    // Reopened with the engine, the plan has it there and the ledger shows the quota it used.
    const Allocated after = allocate_with(city, allocate::load_overrides_file(plan));
    const auto* pl = after.placement(viewer_city::kMovedProject);
    REQUIRE(pl);
    CHECK(after.plan.sites[pl->site].site_id == kPlannedSite);
    CHECK(pl->uses_quota);
    CHECK(pl->area_mu == Approx(50));
    CHECK(after.ledger("321202").consumed_mu == Approx(50));
    // It uses 50 亩 of quota, and no longer disposes of the 50 亩 of 批而未供 land
    // whose disposal earned 0.5 × 50 (增存挂钩 inside the plan).
    CHECK(after.ledger("321202").remaining_mu() == Approx(before.ledger("321202").remaining_mu() - 50 - 25));
    CHECK(after.ledger("321202").earned_plan_mu == Approx(before.ledger("321202").earned_plan_mu - 25));
    // The enclave project kept its place.
    REQUIRE(after.placement("PJ-001"));
    CHECK(after.plan.sites[after.placement("PJ-001")->site].site_id ==
          before.plan.sites[before.placement("PJ-001")->site].site_id);

    // And the viewer reopens it the same way.
    const auto reopened = run_script(dir, city, "reopen.txt", "print placements\nprint ledger\n", "--plan '" + plan + "'");
    CHECK(reopened.exit_code == 0);
    CHECK_THAT(reopened.out, Catch::Contains("placement PJ-002 site=S-P1-P-PL1 area_mu=50.000 quota=321202 pinned=1"));
    CHECK_THAT(reopened.out, Catch::Contains("ledger 321202 opening=200.000 earned=20.000 consumed=50.000"));
}

TEST_CASE("viewer: a placement the engine refuses is not made and its reason is shown", "[viewer][script][editing]") {
    if (!viewer_available()) return;
    ScratchDir dir("viewer-refuse");
    const std::string city = write_city(dir);
    const auto r = run_script(dir, city, "refuse.txt",
                              "select project PJ-002\n"
                              "place site S-P1-P-PL1\n"
                              "select project PJ-001\n"
                              "place site S-P1-P-PL1\n"
                              "print placements\n");
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);  // a command failed
    CHECK_THAT(r.out, Catch::Contains("error: place: Cannot place PJ-001 → S-P1-P-PL1: site has 10.0 mu left, project needs 40.0 mu"));
    CHECK_THAT(r.out, Catch::Contains("placement PJ-001 site=S-P1-K-AP1"));
}

TEST_CASE("viewer: undo and redo restore the plan and the ledger", "[viewer][script][editing]") {
    if (!viewer_available()) return;
    ScratchDir dir("viewer-undo");
    const std::string city = write_city(dir);
    const auto r = run_script(dir, city, "undo.txt",
                              "select project PJ-002\n"
                              "place site S-P1-P-PL1\n"
                              "undo\n"
                              "print project PJ-002\n"
                              "print ledger\n"
                              "redo\n"
                              "print project PJ-002\n"
                              "unplace\n"
                              "print project PJ-002\n"
                              "undo\n"
                              "pin\n"
                              "rerun\n"
                              "print placements\n"
                              "quit\n");
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("ok: Undone: place PJ-002 on S-P1-P-PL1\nproject PJ-002 placed=1 site=S-P1-K-AP2"));
    CHECK_THAT(r.out, Catch::Contains("ledger 321202 opening=200.000 earned=45.000 consumed=0.000"));
    CHECK_THAT(r.out, Catch::Contains("ok: Redone: place PJ-002 on S-P1-P-PL1\nproject PJ-002 placed=1 site=S-P1-P-PL1"));
    CHECK_THAT(r.out, Catch::Contains("project PJ-002 placed=0 site=-"));
    // Re-running the optimiser keeps the pinned placement on planned land.
    CHECK_THAT(r.out, Catch::Contains("placement PJ-002 site=S-P1-P-PL1 area_mu=50.000 quota=321202 pinned=1"));
}

TEST_CASE("viewer: a click on the map sites the selected project where it lands", "[viewer][script][editing]") {
    if (!viewer_available()) return;
    ScratchDir dir("viewer-click");
    const std::string city = write_city(dir);
    // World coordinates of the planned parcel PL1's middle: the click goes through the
    // same picking and siting as a mouse click.
    const std::string x = std::to_string(kOriginX + 1000), y = std::to_string(kOriginY + 200);
    const auto r = run_script(dir, city, "click.txt",
                              "select project PJ-002\n"
                              "arm\n"
                              "click-world " + x + " " + y + "\n"
                              "print project PJ-002\n"
                              "quit\n");
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("ok: Placed PJ-002 → S-P1-P-PL1"));
    CHECK_THAT(r.out, Catch::Contains("project PJ-002 placed=1 site=S-P1-P-PL1"));
}

TEST_CASE("viewer: a plan saved as a GeoPackage reopens with the same placements and pins", "[viewer][script][plan]") {
    if (!viewer_available()) return;
    ScratchDir dir("viewer-gpkg");
    const std::string city = write_city(dir);
    const std::string plan = dir / "PLAN.gpkg";
    auto r = run_script(dir, city, "save.txt",
                        "select project PJ-002\n"
                        "place site S-P1-P-PL1\n"
                        "save " + plan + "\n");
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("ok: Saved " + plan));
    // The engine reads the placements back as pins, knowing which the planner made.
    std::vector<std::string> planner;
    const auto ov = report::read_plan_pins(plan, &planner);
    REQUIRE(ov.pins.size() == 2);
    CHECK(planner == std::vector<std::string>{"PJ-002"});
    // Reopened, the viewer shows the same plan; only the planner's placement is pinned.
    r = run_script(dir, city, "reopen.txt", "print placements\nprint ledger\n", "--plan '" + plan + "'");
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("placement PJ-001 site=S-P1-K-AP1 area_mu=40.000 quota=- pinned=0 enclave=1"));
    CHECK_THAT(r.out, Catch::Contains("placement PJ-002 site=S-P1-P-PL1 area_mu=50.000 quota=321202 pinned=1 enclave=0"));
    CHECK_THAT(r.out, Catch::Contains("ledger 321202 opening=200.000 earned=20.000 consumed=50.000"));
}

TEST_CASE("viewer: --audit takes the saved audit's date and says whether it matches", "[viewer][script][audit]") {
    if (!viewer_available()) return;
    if (!std::filesystem::exists(kParkcapExe)) {
        WARN("parkcap not built (PARKCAP_BUILD_TOOLS=OFF); cannot write an AUDIT.gpkg");
        return;
    }
    ScratchDir dir("viewer-audit");
    const std::string city = write_city(dir);
    const std::string audit = dir / "AUDIT.gpkg";
    REQUIRE(run_command(std::string(kParkcapExe) + " audit -q '" + city + "' --as-of 2023-06-30 --out '" + audit + "'").exit_code == 0);
    auto r = run_script(dir, city, "a.txt", "print ledger\n", "--audit '" + audit + "'");
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.err, Catch::Contains("matches the audit recomputed from the data as of 2023-06-30"));
    // The quota a plan earns is what its placements on 批而未供 land dispose of
    // (0.5 × the 50 + 40 亩 placed on AP1 and AP2), whatever the idle parcel's stage.
    CHECK_THAT(r.out, Catch::Contains("ledger 321202 opening=200.000 earned=45.000"));
    // An explicit --as-of wins, and the difference is reported.
    r = run_script(dir, city, "b.txt", "print ledger\n", "--audit '" + audit + "' --as-of 2026-06-30");
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.err, Catch::Contains("1 parcels are flagged differently than in the audit recomputed as of 2026-06-30 "
                                      "(the file is as of 2023-06-30)"));
    CHECK_THAT(r.out, Catch::Contains("ledger 321202 opening=200.000 earned=45.000"));
}

TEST_CASE("viewer: saving over the city's data is refused, and the data stays as it was", "[viewer][script][plan]") {
    if (!viewer_available()) return;
    ScratchDir dir("viewer-save-input");
    const std::string city = write_city(dir);
    const std::string before = read_text_file(city);
    const auto r = run_script(dir, city, "save.txt", "save " + city + "\n");
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out, Catch::Contains("error:") && Catch::Contains("the plan file " + city + ": is an input of this run"));
    CHECK(read_text_file(city) == before);
}
