// The objective's major_area term (default rules): 亩 placed of a major project
// (重大项目), so a major project wins the land it fits over small firms that score
// more per project; without it, the per-project terms give the land to the small.
#include <cmath>

#include <catch2/catch.hpp>

#include "parkcap/allocate/allocate.hpp"
#include "support/allocated.hpp"

using namespace parkcap;
using namespace parkcap::test;

namespace {

// One block of approved land (批而未供, 150 亩); a 140 亩 major project and two
// 70 亩 firms whose tax per 亩 is higher: the block holds the major or both firms.
MiniCity one_block() {
    MiniCity c;
    MiniPark p;
    p.id = "P";
    p.district = "321202";
    p.themes = "C34";
    p.x0 = -10; p.y0 = -10; p.x1 = 1000; p.y1 = 1000;
    c.parks = {p};
    MiniParcel land;
    land.id = "L";
    land.status = "approved";
    land.appr_date = "2025-01-01";
    const double side = std::sqrt(150 * 2000.0 / 3.0);  // 150 亩 (1 亩 = 2000/3 m²)
    land.outline = {{0, 0}, {side, 0}, {side, side}, {0, side}};
    c.parcels = {land};
    MiniProject major = mini_project("MAJOR", 140, 140 * 30);
    major.major = 1;
    c.projects = {major, mini_project("SMALL1", 70, 70 * 40), mini_project("SMALL2", 70, 70 * 40)};
    return c;
}

}  // namespace

TEST_CASE("major_area: a major project outbids small firms for the land it fits, and only through it",
          "[allocate][objective]") {
    Allocated a{run_audit_on(one_block(), "2026-06-30", "major-area"), {}};
    const rules::Rules defaults = a.run.rules;
    a.plan = allocate::run_allocation(a.run.city, a.run.audit, defaults, {}, {10.0, false});
    REQUIRE(a.plan.state.placement_of[a.project("MAJOR")]);
    CHECK(!a.plan.state.placement_of[a.project("SMALL1")]);
    CHECK(!a.plan.state.placement_of[a.project("SMALL2")]);
    // Its term is the 亩 it takes ÷ the default scale 5, weight 1; the firms' is 0.
    const auto& placed = a.plan.state.placements[*a.plan.state.placement_of[a.project("MAJOR")]];
    bool found = false;
    for (const auto& t : placed.terms)
        if (t.kind == rules::ObjectiveTermKind::MajorArea) {
            found = true;
            CHECK(t.contribution() == Approx(placed.area_mu / 5.0));
        }
    CHECK(found);
    CHECK(std::string(rules::info(rules::ObjectiveTermKind::MajorArea).column) == "t_major_mu");

    // The same rules without the term: the two firms score more than one project.
    rules::Rules without = defaults;
    std::erase_if(without.objective.terms, [](const auto& t) { return t.kind == rules::ObjectiveTermKind::MajorArea; });
    REQUIRE(without.objective.terms.size() + 1 == defaults.objective.terms.size());
    const allocate::Plan small = allocate::run_allocation(a.run.city, a.run.audit, without, {}, {10.0, false});
    CHECK(!small.state.placement_of[a.project("MAJOR")]);
    CHECK(small.state.placement_of[a.project("SMALL1")]);
    CHECK(small.state.placement_of[a.project("SMALL2")]);
}
