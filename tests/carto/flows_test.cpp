// Enclave flows before drawing, on hand-built cases with every total worked out
// by hand: sums per origin → park, thin flows folded per park, the width scale
// and its legend, and the arc layout's crossings against all arcs bent alike.
#include <catch2/catch.hpp>

#include "parkcap/carto/flows.hpp"

using namespace parkcap;
using namespace parkcap::carto;

TEST_CASE("flows: summed per origin and park, thin ones folded into others per park", "[carto][flows]") {
    // park 0: origin 1 brings projects 10 and 11 (30 + 25 亩), origin 2 project 12
    // (8 亩), origin 3 projects 13 and 14 (6 + 3 亩); park 1: origin 2 project 16
    // (50 亩), origin 4 project 15 (5 亩).
    const std::vector<FlowItem> items = {
        {1, 0, 10, 30, 9000, 300}, {2, 0, 12, 8, 1600, 40}, {3, 0, 13, 6, 1200, 30}, {4, 1, 15, 5, 700, 20},
        {1, 0, 11, 25, 5000, 100}, {3, 0, 14, 3, 500, 10}, {2, 1, 16, 50, 20000, 800},
    };
    SECTION("no threshold: one flow per origin and park") {
        const auto flows = aggregate_flows(items, 0);
        REQUIRE(flows.size() == 5);
        CHECK(flows[0].park == 0);
        CHECK(flows[0].origin == 1);
        CHECK(flows[0].count == 2);
        CHECK(flows[0].area_mu == Approx(55));
        CHECK(flows[0].investment_wan == Approx(14000));
        CHECK(flows[0].tax_wan == Approx(400));
        CHECK(flows[0].projects == std::vector<uint32_t>{10, 11});
        CHECK(flows[2].origin == 3);
        CHECK(flows[2].area_mu == Approx(9));
        CHECK(flows[2].projects == std::vector<uint32_t>{13, 14});
    }
    SECTION("below 10 亩: park 0's two thin flows become one 'others'; park 1's single thin flow stays") {
        const auto flows = aggregate_flows(items, 10);
        REQUIRE(flows.size() == 4);
        // park 0: origin 1 (55 亩), then others = origins 2 and 3: 8 + 6 + 3 = 17 亩,
        // 1600 + 1200 + 500 = 3300 万元, 40 + 30 + 10 = 80 万元 tax, three projects.
        CHECK(flows[0].origin == 1);
        CHECK(flows[0].area_mu == Approx(55));
        const MapFlow& others = flows[1];
        CHECK(others.folded());
        CHECK(others.park == 0);
        CHECK(others.count == 3);
        CHECK(others.area_mu == Approx(17));
        CHECK(others.investment_wan == Approx(3300));
        CHECK(others.tax_wan == Approx(80));
        CHECK(others.origins == std::vector<uint32_t>{2, 3});
        CHECK(others.projects == std::vector<uint32_t>{12, 13, 14});
        // park 1: origin 2 (50 亩) and origin 4 (5 亩, alone below the threshold).
        CHECK(flows[2].park == 1);
        CHECK(flows[2].origin == 2);
        CHECK(flows[3].origin == 4);
        CHECK_FALSE(flows[3].folded());
        CHECK(flows[3].area_mu == Approx(5));
        // Nothing lost: 55 + 17 = 72 亩 into park 0, 55 into park 1, seven projects.
        double park0 = 0, park1 = 0;
        uint32_t projects = 0;
        for (const auto& f : flows) {
            (f.park == 0 ? park0 : park1) += f.area_mu;
            projects += f.count;
        }
        CHECK(park0 == Approx(72));
        CHECK(park1 == Approx(55));
        CHECK(projects == 7);
    }
    SECTION("a threshold above every flow folds each park's flows into one") {
        const auto flows = aggregate_flows(items, 1000);
        REQUIRE(flows.size() == 2);
        CHECK(flows[0].folded());
        CHECK(flows[0].area_mu == Approx(72));
        CHECK(flows[0].origins == std::vector<uint32_t>{1, 2, 3});
        CHECK(flows[1].folded());
        CHECK(flows[1].area_mu == Approx(55));
        CHECK(flows[1].origins == std::vector<uint32_t>{2, 4});
    }
}

TEST_CASE("flows: widths on a square-root scale, with round legend values", "[carto][flows]") {
    CHECK(flow_width_px(0, 100, 1, 9) == Approx(1));
    CHECK(flow_width_px(25, 100, 1, 9) == Approx(5));   // √¼ = ½ of the way
    CHECK(flow_width_px(100, 100, 1, 9) == Approx(9));
    CHECK(flow_width_px(400, 100, 1, 9) == Approx(9));  // never past the maximum
    CHECK(width_legend_values(55) == std::vector<double>{50, 20, 10});
    CHECK(width_legend_values(100) == std::vector<double>{100, 50, 20});
    CHECK(width_legend_values(7) == std::vector<double>{5, 2, 1});
    CHECK(width_legend_values(0).empty());
}

TEST_CASE("flows: crossings counted on the arcs; shared ends do not cross", "[carto][flows]") {
    // A: (0,0) → (100,0) and B: (100,5) → (0,5), bent alike (0.22 to the left of
    // travel) bulge to opposite sides: A peaks at y = 11, B dips to y = −6, and they
    // meet where 44·s(1−s) = 5 − 44·s(1−s), s(1−s) = 5/88: twice.
    const std::vector<Arc> opposite = {{{0, 0}, {100, 0}}, {{100, 5}, {0, 5}}};
    CHECK(count_crossings(opposite, {0.22, 0.22}) == 2);
    // B bent the other way runs 5 above A all along: no crossing.
    CHECK(count_crossings(opposite, {0.22, -0.22}) == 0);
    // Two arcs into one park from either side touch only at the park.
    const std::vector<Arc> star = {{{0, 0}, {50, 50}}, {{100, 0}, {50, 50}}};
    CHECK(count_crossings(star, {0.22, 0.22}) == 0);
}

TEST_CASE("flows: the arc layout never crosses more than all arcs bent alike", "[carto][flows]") {
    SECTION("two opposite flows: the layout bends one the other way") {
        const std::vector<Arc> arcs = {{{0, 0}, {100, 0}}, {{100, 5}, {0, 5}}};
        const auto bends = layout_arcs(arcs, {}, {});
        CHECK(count_crossings(arcs, bends) == 0);
    }
    SECTION("a hand-built tangle: five origins into two parks") {
        // Parks at (400, 300) and (600, 300); origins around them, two sending to both.
        const std::vector<Arc> arcs = {
            {{100, 100}, {400, 300}}, {{100, 100}, {600, 300}}, {{900, 100}, {400, 300}}, {{900, 100}, {600, 300}},
            {{500, 600}, {400, 300}}, {{500, 600}, {600, 300}}, {{100, 500}, {600, 300}}, {{900, 500}, {400, 300}},
        };
        const std::vector<double> alike(arcs.size(), 0.22);
        const int baseline = count_crossings(arcs, alike);
        const auto bends = layout_arcs(arcs, {}, {});
        const int laid_out = count_crossings(arcs, bends);
        INFO("alike " << baseline << ", laid out " << laid_out);
        CHECK(baseline > 0);
        CHECK(laid_out <= baseline);
    }
    SECTION("an arc through a label is bent away from it, crossing nothing more") {
        // Bent 0.22, (0,0) → (100,0) peaks at (50, 11): through the box 45..55 × 8..14.
        const std::vector<Arc> arcs = {{{0, 0}, {100, 0}}};
        const std::vector<geom::Box> labels = {{45, 8, 55, 14}};
        CHECK(count_box_hits(arcs, {0.22}, labels, {}) == 1);
        const auto bends = layout_arcs(arcs, labels, {});
        CHECK(count_box_hits(arcs, bends, labels, {}) == 0);
        // Its own park's label may be touched: exempt, it stays as it was.
        const auto exempt = layout_arcs(arcs, labels, {{0}});
        CHECK(exempt[0] == Approx(0.22));
    }
}
