// A PLAN.gpkg read back as pins re-solves to the same placements.
#include <catch2/catch.hpp>

#include "parkcap/allocate/allocate.hpp"
#include "parkcap/report/plan_reader.hpp"
#include "parkcap/core/error.hpp"
#include "parkcap/io/load.hpp"
#include "parkcap/report/plan_report.hpp"
#include "support/fixtures.hpp"
#include "test_config.hpp"

using namespace parkcap;

TEST_CASE("a saved plan reopens as site pins that reproduce it", "[report][plan_reader]") {
    io::LoadOptions o;
    o.data = test::kSampleCityDir;
    const City city = io::load_city(o);
    const rules::Rules rules = rules::default_rules();
    const audit::Audit audit = audit::run_audit(city, rules, {Date::from_ymd(2026, 6, 30), 0});
    const allocate::Plan plan = allocate::run_allocation(city, audit, rules, {}, {30.0, false});
    REQUIRE(plan.state.placements.size() > 10);
    test::ScratchDir dir("plan-reader");
    const std::string path = dir / "plan.gpkg";
    report::write_plan_gpkg(path, city, plan, rules);

    std::vector<std::string> planner_pinned;
    const allocate::Overrides pins = report::read_plan_pins(path, &planner_pinned);
    CHECK(pins.pins.size() == plan.state.placements.size());
    CHECK(planner_pinned.empty());  // the optimiser chose them all
    const allocate::Plan again = allocate::run_allocation(city, audit, rules, pins, {30.0, false});
    for (const auto& pl : plan.state.placements) {
        INFO(city.projects[pl.project].project_id);
        REQUIRE(again.state.placement_of[pl.project]);
        CHECK(again.sites[again.state.placements[*again.state.placement_of[pl.project]].site].site_id == plan.sites[pl.site].site_id);
    }
    CHECK_THROWS_AS(report::read_plan_pins(dir / "missing.gpkg"), InputError);
}
