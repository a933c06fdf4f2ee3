// The audit's distances to the shoreline on the other kind of city (issue 17:
// riverbend, a winding river of 103 segments, many parcels near it): every
// parcel's near_shore and port distance as GEOS gives them, queried directly on
// each parcel with no shortcut, and the whole audit the same on 1, 2 and 3
// threads (parcels are handed out in blocks, whichever thread is free).
#include <cmath>
#include <cstring>
#include <string>

#include <catch2/catch.hpp>

#include "../../engine/src/geom/detail/line_distance.hpp"
#include "parkcap/audit/audit.hpp"
#include "parkcap/io/load.hpp"
#include "parkcap/rules/rules.hpp"
#include "support/fixtures.hpp"
#include "test_config.hpp"

using namespace parkcap;
using namespace parkcap::test;
using parkcap::geom::detail::LineDistance;

namespace {

const Date kAsOf = *parse_date("2026-06-30", {"%Y-%m-%d"});

bool same_float(float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0; }  // NaN too

void require_same(const audit::Audit& a, const audit::Audit& b) {
    REQUIRE(a.flags.size() == b.flags.size());
    for (std::size_t k = 0; k < a.flags.size(); ++k) {
        INFO("flag " << k);
        REQUIRE(a.flags[k].parcel == b.flags[k].parcel);
        REQUIRE(a.flags[k].code == b.flags[k].code);
        REQUIRE(a.flags[k].cause == b.flags[k].cause);
        REQUIRE(a.flags[k].reclaimable_m2 == b.flags[k].reclaimable_m2);
    }
    REQUIRE(a.parcels.first_flag == b.parcels.first_flag);
    REQUIRE(a.parcels.near_shore == b.parcels.near_shore);
    REQUIRE(a.gaps.size() == b.gaps.size());
    const std::size_t n = a.parcels.port_distance_m.size();
    REQUIRE(b.parcels.port_distance_m.size() == n);
    std::size_t differ = 0;
    for (std::size_t i = 0; i < n; ++i) differ += !same_float(a.parcels.port_distance_m[i], b.parcels.port_distance_m[i]);
    REQUIRE(differ == 0);
}

}  // namespace

TEST_CASE("audit: near-shore and port distances on a winding river are GEOS's, on any thread count",
          "[audit][shoreline][riverbend][threads]") {
    ScratchDir dir("shore-distance-riverbend");
    const auto made = run_command(std::string(kSampleCityGeneratorExe) + " " + dir.path().string() +
                                  " --city riverbend --parcels 20000");
    REQUIRE(made.exit_code == 0);
    io::LoadOptions options;
    options.data = dir.path().string();
    const City city = io::load_city(options);
    REQUIRE(city.parcels.size() == 20000);
    REQUIRE(city.shoreline.size() == 103);
    const rules::Rules rules = rules::load_rules_file((dir.path() / "rules.toml").string());

    const audit::Audit one = audit::run_audit(city, rules, {kAsOf, 1});
    const audit::Audit two = audit::run_audit(city, rules, {kAsOf, 2});
    const audit::Audit three = audit::run_audit(city, rules, {kAsOf, 3});
    require_same(one, two);
    require_same(one, three);

    // Independently: GEOS on every parcel, no box test, no shortcut through the
    // port distance.
    const LineDistance any(shoreline_parts(city, [](const ShoreSegment&) { return true; }));
    const LineDistance port(shoreline_parts(city, [](const ShoreSegment& s) { return s.port; }));
    const double limit = rules.policy.chem_shore_distance_m + 1e-9;
    std::size_t near = 0, wrong_near = 0, wrong_port = 0;
    for (std::size_t i = 0; i < city.parcels.size(); ++i) {
        const auto g = geom::detail::make_multipolygon(city.parcels.geometry, i);
        const bool expected = any.within(g.get(), limit);
        near += expected;
        wrong_near += (one.parcels.near_shore[i] != 0) != expected;
        wrong_port += !same_float(one.parcels.port_distance_m[i], static_cast<float>(port.distance(g.get())));
    }
    CHECK(wrong_near == 0);
    CHECK(wrong_port == 0);
    // Both answers occur in numbers (the generator puts ~9 % within 1 km of port shoreline).
    CHECK(near > 1000);
    CHECK(near < 19000);
}
