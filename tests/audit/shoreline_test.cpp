// Port shoreline as the bureau reads it (issue 18): developed where built land
// fronts it, measured from the park boundary; by function zone; per park.
// Every figure below is worked by hand from the coordinates in the test.
#include <string>

#include <catch2/catch.hpp>

#include "parkcap/core/units.hpp"
#include "support/audit_run.hpp"

using namespace parkcap;
using namespace parkcap::test;

namespace {

MiniParcel parcel(const std::string& id, const std::string& status, double x, double y, double side,
                  const std::string& industry = "C3411") {
    MiniParcel p;
    p.id = id;
    p.status = status;
    p.x = x;
    p.y = y;
    p.side_m = side;
    p.appr_date = "2018-03-01";
    p.supp_date = "2019-03-01";
    p.start_due = "2020-03-01";
    p.start_date = "2020-02-01";
    if (status == "built" || status == "building") p.industry = industry;
    if (status == "built") p.far = 1.5, p.coverage = 0.5, p.tax = 30 * p.side_m * p.side_m / 666.667, p.inv_done = 500;
    return p;
}

MiniPark park(const std::string& id, double x0, double y0, double x1, double y1) {
    MiniPark p;
    p.id = id;
    p.x0 = x0; p.y0 = y0; p.x1 = x1; p.y1 = y1;
    return p;
}

/// A straight river along y = 0, x 0..6000 (develop zone, port-suitable), with
/// riverside parks set back behind the embankment:
///  - A: x 500..1500, 240 m back; built parcels 310–600 m from the water at
///    x 600–700, 800–900 and 1200–1400;
///  - B: x 2000..3000, 250 m back; a building parcel at x 2100–2200 (310 m
///    back), a built one at 2800–2900 (480 m back), a planned one between;
///  - C: x 4000..5000, 600 m back: beyond the 500 m reach, never a frontage;
///  - a port-use parcel (G5532) outside every park at x 5500–5600, 100 m back.
/// Under the old rule (a built parcel within 300 m) none of it was developed.
MiniCity set_back_river() {
    MiniCity c;
    c.parks = {park("A", 500, 240, 1500, 1240), park("B", 2000, 250, 3000, 1250), park("C", 4000, 600, 5000, 1600)};
    MiniShore river;
    river.id = "R1";
    river.zone = "develop";
    river.points = {{0, 0}, {3000, 0}, {6000, 0}};
    c.shoreline = {river};
    c.parcels = {parcel("a1", "built", 600, 310, 100),    parcel("a2", "built", 800, 350, 100),
                 parcel("a3", "built", 1200, 400, 200),   parcel("a4", "planned", 1000, 800, 100),
                 parcel("b1", "building", 2100, 310, 100), parcel("b2", "planned", 2400, 300, 200),
                 parcel("b3", "built", 2800, 480, 100),   parcel("c1", "built", 4200, 700, 100),
                 parcel("port", "built", 5500, 100, 100, "G5532")};
    return c;
}

const audit::Frontage* frontage_of(const AuditRun& r, std::size_t segment, const std::string& park_id) {
    for (const auto& f : r.audit.shoreline[segment].frontages) {
        const std::string id = f.park == audit::kNoPark ? "" : r.city.parks[f.park].park_id;
        if (id == park_id) return &f;
    }
    return nullptr;
}

std::vector<std::string> ids(const AuditRun& r, const audit::Frontage& f) {
    std::vector<std::string> out;
    for (uint32_t i : f.parcels) out.emplace_back(r.city.parcels.parcel_id[i]);
    return out;
}

}  // namespace

TEST_CASE("shoreline: parks set back behind the embankment front developed shoreline", "[audit][shoreline]") {
    const MiniCity mini = set_back_river();
    AuditRun r = run_audit_on(mini, "2026-06-30", "shore-setback");
    REQUIRE(r.city.shoreline.size() == 1);
    const audit::ShoreUse& use = r.audit.shoreline[0];
    CHECK(use.length_m == Approx(6000));

    SECTION("park method (default): each park's built land as one stretch") {
        // A: 600..1400 (800 m); B: building 2100 .. built 2900 (800 m, the planned
        // parcel between does not break it); the port-use parcel 5500..5600 (100 m).
        CHECK(use.developed_m == Approx(1700).margin(1e-6));
        CHECK(r.audit.shore_totals.port_developed_m == Approx(1700).margin(1e-6));
        CHECK(r.audit.shore_totals.port_undeveloped_m == Approx(4300).margin(1e-6));
        const audit::Frontage* a = frontage_of(r, 0, "A");
        REQUIRE(a);
        CHECK(a->length_m == Approx(800).margin(1e-6));
        CHECK(ids(r, *a) == std::vector<std::string>{"a1", "a2", "a3"});
        const audit::Frontage* b = frontage_of(r, 0, "B");
        REQUIRE(b);
        CHECK(b->length_m == Approx(800).margin(1e-6));
        CHECK(ids(r, *b) == std::vector<std::string>{"b1", "b3"});
        CHECK_FALSE(frontage_of(r, 0, "C"));  // 600 m back: beyond the reach
        const audit::Frontage* port = frontage_of(r, 0, "");
        REQUIRE(port);
        CHECK(port->length_m == Approx(100).margin(1e-6));
        CHECK(ids(r, *port) == std::vector<std::string>{"port"});
    }
    SECTION("parcel method: each parcel's own projection") {
        std::string text = rules::default_rules_text();
        const std::string from = "frontage_method = \"park\"";
        REQUIRE(text.find(from) != std::string::npos);
        text.replace(text.find(from), from.size(), "frontage_method = \"parcel\"");
        const rules::Rules rules = rules::parse_rules(text, "parcel-method.toml");
        const audit::Audit a = audit::run_audit(r.city, rules, {r.audit.as_of, 1});
        // A: 100 + 100 + 200; B: 100 + 100; the port-use parcel 100.
        CHECK(a.shoreline[0].developed_m == Approx(700).margin(1e-6));
    }
    SECTION("the reach is measured from the park boundary, not the parcel") {
        std::string text = rules::default_rules_text();
        const std::string from = "frontage_reach_m = 500";
        REQUIRE(text.find(from) != std::string::npos);
        // 245 m: A (240 m back) still fronts the river, B (250 m back) no longer does.
        text.replace(text.find(from), from.size(), "frontage_reach_m = 245");
        const audit::Audit a = audit::run_audit(r.city, rules::parse_rules(text, "reach.toml"), {r.audit.as_of, 1});
        // A 800 m; the port-use parcel, 100 m from the water, 100 m.
        CHECK(a.shoreline[0].developed_m == Approx(900).margin(1e-6));
    }
}
