// What the viewer and the printed briefing take from carto besides labels and
// arcs, on a hand-built city with every value worked out by hand: where a flow
// is drawn from and to (a folded flow from its origins weighted by their land),
// its colour's sector, its origin's name, the label priorities, the scale bar's
// round length and the north arrow's meridian convergence.
#include <cmath>

#include <catch2/catch.hpp>

#include "parkcap/carto/flows.hpp"
#include "parkcap/carto/labels.hpp"
#include "parkcap/carto/map_furniture.hpp"
#include "parkcap/carto/names.hpp"
#include "parkcap/rules/rules.hpp"
#include "support/audit_run.hpp"

using namespace parkcap;
using namespace parkcap::test;

namespace {

/// Two districts without boundaries, each one 100 m parcel (their centres are the
/// parcels' centres: 321202 at (50, 50), 321203 at (1050, 50) from the origin),
/// and one park, 3000..4000 × 0..1000 (its centroid at (3500, 500)).
AuditRun two_districts_one_park() {
    MiniCity c;
    MiniPark park;
    park.id = "A";
    park.x0 = 3000, park.y0 = 0, park.x1 = 4000, park.y1 = 1000;
    c.parks = {park};
    MiniParcel a;
    a.id = "HAILING";
    a.district = "321202";
    a.x = 0, a.y = 0;
    MiniParcel b = a;
    b.id = "GAOGANG";
    b.district = "321203";
    b.x = 1000;
    c.parcels = {a, b};
    MiniProject food, ships;
    food.id = "F", food.industry = "C1391", food.origin = "321202";
    ships.id = "S", ships.industry = "C3731", ships.origin = "321203";
    c.projects = {food, ships};
    c.quota = {{"321202", 100}, {"321203", 100}};
    return run_audit_on(c, "2026-06-30", "carto-map-shared");
}

uint32_t district_of(const City& city, const std::string& code) {
    for (std::size_t d = 0; d < city.districts.size(); ++d)
        if (city.districts[d].code == code) return static_cast<uint32_t>(d);
    FAIL("no district " << code);
    return 0;
}

uint32_t project_of(const City& city, const std::string& id) {
    const auto j = city.find_project(id);
    REQUIRE(j);
    return static_cast<uint32_t>(*j);
}

}  // namespace

TEST_CASE("flows: drawn from the origin's centre, a folded flow from its origins weighted by land", "[carto][flows]") {
    const AuditRun run = two_districts_one_park();
    const City& city = run.city;
    const uint32_t hailing = district_of(city, "321202"), gaogang = district_of(city, "321203");
    const uint32_t food = project_of(city, "F"), ships = project_of(city, "S");
    // 10 亩 of food from 321202 and 30 亩 of ships from 321203 into park A.
    const std::vector<carto::FlowItem> items = {{hailing, 0, food, 10, 1000, 10}, {gaogang, 0, ships, 30, 3000, 30}};

    SECTION("each flow on its own") {
        const auto flows = carto::aggregate_flows(items, 0);
        REQUIRE(flows.size() == 2);
        for (const auto& f : flows) {
            const carto::FlowEnds e = carto::flow_ends(city, items, f);
            const double x = f.origin == hailing ? 50 : 1050;
            CHECK(e.from.x == Approx(kOriginX + x));
            CHECK(e.from.y == Approx(kOriginY + 50));
            CHECK(e.to.x == Approx(kOriginX + 3500));
            CHECK(e.to.y == Approx(kOriginY + 500));
            CHECK(carto::flow_origin_name(city, run.rules, f, Lang::Zh) == carto::district_name(city, run.rules, f.origin).text);
        }
    }
    SECTION("folded: from (50 × 10 + 1050 × 30) / 40 = 800, coloured by the sector with most land") {
        const auto flows = carto::aggregate_flows(items, 50);
        REQUIRE(flows.size() == 1);
        REQUIRE(flows[0].folded());
        const carto::FlowEnds e = carto::flow_ends(city, items, flows[0]);
        CHECK(e.from.x == Approx(kOriginX + 800));
        CHECK(e.from.y == Approx(kOriginY + 50));
        // Ships (C37: machinery, vehicles, ships) bring 30 of the 40 亩.
        CHECK(carto::flow_sector(city, items, flows[0]) == 4);
        CHECK(carto::flow_origin_name(city, run.rules, flows[0], Lang::Zh) == "其他 2 区县");
        CHECK(carto::flow_origin_name(city, run.rules, flows[0], Lang::En) == "2 other districts");
    }
    SECTION("the food flow alone is food's colour") {
        const auto flows = carto::aggregate_flows(items, 0);
        CHECK(carto::flow_sector(city, items, flows[flows[0].origin == hailing ? 0 : 1]) == 0);
    }
}

TEST_CASE("labels: parks before districts (those where flows start first) before folded flows", "[carto][labels]") {
    using namespace carto;
    // The smallest park over the largest district (a city's whole land: 10,000 km²).
    CHECK(park_label_priority(1e4) > district_label_priority(1e10, true));
    CHECK(district_label_priority(0, true) > district_label_priority(1e10, false));
    CHECK(district_label_priority(0, false) > folded_flow_label_priority(1e6));
    // Within a tier, the larger first.
    CHECK(park_label_priority(2e6) > park_label_priority(1e6));
    CHECK(district_label_priority(2e8, false) > district_label_priority(1e8, false));
    CHECK(folded_flow_label_priority(80) > folded_flow_label_priority(40));
}

TEST_CASE("map furniture: round scale bar lengths, and the meridian convergence of a Gauss-Krüger zone", "[carto]") {
    using namespace carto;
    CHECK(scale_bar_length_m(7300) == 5000);
    CHECK(scale_bar_length_m(4999) == 2000);
    CHECK(scale_bar_length_m(2000) == 2000);
    CHECK(scale_bar_length_m(1999) == 1000);
    CHECK(scale_bar_length_m(95) == 50);
    CHECK(distance_text(5000) == "5 km");
    CHECK(distance_text(2500) == "2.5 km");
    CHECK(distance_text(200) == "200 m");
    // EPSG:4528 (CGCS2000 GK zone 40, central meridian 120°E): none on the meridian;
    // 50 km east of it at about 32.5°N, γ ≈ Δλ · sin φ = 0.532° × 0.537 ≈ 0.286°,
    // true north west of grid north (positive); as far west, the opposite.
    const auto at = [](double x) { return geom::Box{x - 1000, 3600000 - 1000, x + 1000, 3600000 + 1000}; };
    const double deg = 180 / M_PI;
    CHECK(std::fabs(grid_convergence_rad(4528, at(40500000)) * deg) < 1e-3);
    CHECK(grid_convergence_rad(4528, at(40550000)) * deg == Approx(0.286).epsilon(0.03));
    CHECK(grid_convergence_rad(4528, at(40450000)) * deg == Approx(-0.286).epsilon(0.03));
}
