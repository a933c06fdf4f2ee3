// A park's land split for its city-scale symbol, on a hand-built park whose every
// parcel's part is known, checked against the audit's own capacity accounts;
// and symbol sizes worked out by hand.
#include <catch2/catch.hpp>

#include "parkcap/carto/park_symbols.hpp"
#include "support/audit_run.hpp"

using namespace parkcap;
using namespace parkcap::test;

TEST_CASE("park symbols: each parcel's land in exactly one part, as the audit accounts it", "[carto][symbols]") {
    MiniCity c;
    MiniPark park;
    park.id = "A";
    park.x0 = 0, park.y0 = 0, park.x1 = 2000, park.y1 = 1000;
    c.parks = {park};
    auto parcel = [&](const std::string& id, const std::string& status, double x, double side) {
        MiniParcel p;
        p.id = id;
        p.status = status;
        p.x = x;
        p.y = 100;
        p.side_m = side;
        p.appr_date = "2019-03-01";
        if (status != "planned" && status != "approved" && status != "reserve") p.supp_date = "2020-03-01";
        if (status == "built") {
            p.industry = "C3411";
            p.far = 1.5;
            p.coverage = 0.5;
            p.tax = 30 * side * side / 666.67;
            p.inv_plan = p.inv_done = 400 * side * side / 666.67;
        }
        c.parcels.push_back(p);
    };
    parcel("IDLE", "supplied", 10, 100);        // not started since 2023-05-01: idle ≥ 2 years
    c.parcels.back().start_due = "2023-05-01";
    parcel("FRESH", "supplied", 200, 110);      // start due 2026-03-01: not idle yet → other
    c.parcels.back().start_due = "2026-03-01";
    parcel("APPR", "approved", 400, 120);       // stock
    parcel("RES", "reserve", 600, 130);         // stock
    parcel("PLAN", "planned", 800, 140);        // planned
    parcel("BUILT", "built", 1000, 150);        // used
    parcel("BUILDING", "building", 1200, 160);  // used
    c.parcels.back().start_date = "2021-01-01";
    parcel("OUT", "built", 3000, 100);          // outside the park
    const AuditRun run = run_audit_on(c, "2026-06-30", "carto-parts");
    REQUIRE(run.has("IDLE", audit::FlagCode::IdleTakeback));

    const auto parts = carto::park_land_parts(run.city, run.audit);
    REQUIRE(parts.size() == 1);
    using carto::LandPart;
    CHECK(parts[0][LandPart::Idle] == Approx(100.0 * 100));
    CHECK(parts[0][LandPart::Other] == Approx(110.0 * 110));
    CHECK(parts[0][LandPart::Stock] == Approx(120.0 * 120 + 130.0 * 130));
    CHECK(parts[0][LandPart::Planned] == Approx(140.0 * 140));
    CHECK(parts[0][LandPart::Used] == Approx(150.0 * 150 + 160.0 * 160));
    // The audit's park account: the parts sum to its parcel area, idle and planned are its own figures.
    const audit::Capacity& cap = run.audit.parks[0];
    CHECK(parts[0].total_m2() == Approx(cap.parcel_area_m2));
    CHECK(parts[0][LandPart::Idle] == Approx(cap.idle_m2));
    CHECK(parts[0][LandPart::Planned] == Approx(cap.planned_m2));
    // Stock ready to supply counts the idle land to take back too: stock + idle here.
    CHECK(parts[0][LandPart::Stock] + parts[0][LandPart::Idle] == Approx(cap.supply_ready_m2));
}

TEST_CASE("park symbols: sized by area on one scale, never below the minimum", "[carto][symbols]") {
    carto::SymbolScale s;
    s.show_below_px = 30;
    s.min_px = 10;
    s.max_px = 40;
    // At 0.01 px/m: a 4 km² park's footprint is 2·√(4e6/π)·0.01 ≈ 22.6 px (< 30: a symbol
    // of the largest size, 40 px); 1 km²: 40·√¼ = 20 px; 0.01 km²: 40·√(1/400) = 2 → 10 px.
    const std::vector<double> areas = {4e6, 1e6, 1e4};
    const auto d = carto::symbol_diameters(areas, 0.01, s);
    CHECK(carto::footprint_px(4e6, 0.01) == Approx(2 * std::sqrt(4e6 / M_PI) * 0.01));
    CHECK(d[0] == Approx(40));
    CHECK(d[1] == Approx(20));
    CHECK(d[2] == Approx(10));
    // Zoomed in tenfold the 4 km² park's footprint is 226 px: drawn as itself (0);
    // the 1 km² park's 113 px too; the small one's 11.3 px is still a symbol, at
    // 40·√(1/400) = 2 → the minimum 10, but its own footprint 11.3 is larger.
    const auto near = carto::symbol_diameters(areas, 0.1, s);
    CHECK(near[0] == 0);
    CHECK(near[1] == 0);
    CHECK(near[2] == Approx(carto::footprint_px(1e4, 0.1)));
}
