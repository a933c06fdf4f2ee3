// Label placement on hand-built boxes, each outcome worked out by hand: the
// preferred position when it is free, the next one round the anchor when it is
// not, a leader line beyond the first ring, the lower priority dropped only
// when nothing is free, and no two placed boxes ever overlapping.
#include <random>

#include <catch2/catch.hpp>

#include "parkcap/carto/labels.hpp"

using namespace parkcap;
using namespace parkcap::carto;

namespace {

LabelRequest label(double x, double y, double w, double h, double priority, double radius = 0) {
    LabelRequest r;
    r.anchor = {x, y};
    r.width = w;
    r.height = h;
    r.priority = priority;
    r.anchor_radius = radius;
    return r;
}

/// Independent check of the promise: no placed box overlaps another placed box
/// or an obstacle, and each lies in the frame.
void check_no_overlaps(const std::vector<LabelPlacement>& out, const std::vector<geom::Box>& obstacles,
                       const geom::Box& frame) {
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (!out[i].placed) continue;
        const geom::Box& a = out[i].box;
        CHECK(a.min_x >= frame.min_x);
        CHECK(a.max_x <= frame.max_x);
        CHECK(a.min_y >= frame.min_y);
        CHECK(a.max_y <= frame.max_y);
        for (std::size_t j = i + 1; j < out.size(); ++j) {
            if (!out[j].placed) continue;
            const geom::Box& b = out[j].box;
            const bool disjoint = a.max_x <= b.min_x || b.max_x <= a.min_x || a.max_y <= b.min_y || b.max_y <= a.min_y;
            INFO("labels " << i << " and " << j);
            CHECK(disjoint);
        }
        for (const auto& b : obstacles) {
            const bool disjoint = a.max_x <= b.min_x || b.max_x <= a.min_x || a.max_y <= b.min_y || b.max_y <= a.min_y;
            CHECK(disjoint);
        }
    }
}

const geom::Box kFrame{0, 0, 1000, 1000};

}  // namespace

TEST_CASE("labels: a free label goes right of its symbol, at gap beyond its radius", "[carto][labels]") {
    LabelOptions o;
    o.gap = 3;
    o.padding = 0;
    const auto out = place_labels({label(100, 100, 40, 10, 1, 8)}, {}, kFrame, o);
    REQUIRE(out[0].placed);
    CHECK(out[0].candidate == 0);
    CHECK_FALSE(out[0].leader);
    // Right: x from 100 + 8 + 3 = 111 to 151, centred vertically on 100.
    CHECK(out[0].box.min_x == Approx(111));
    CHECK(out[0].box.max_x == Approx(151));
    CHECK(out[0].box.min_y == Approx(95));
    CHECK(out[0].box.max_y == Approx(105));
}

TEST_CASE("labels: centred first when asked, else around the anchor", "[carto][labels]") {
    LabelOptions o;
    o.padding = 0;
    LabelRequest r = label(500, 500, 60, 12, 1);
    r.centred_first = true;
    const auto out = place_labels({r}, {}, kFrame, o);
    CHECK(out[0].candidate == 0);
    CHECK(out[0].box.min_x == Approx(470));
    CHECK(out[0].box.min_y == Approx(494));
}

TEST_CASE("labels: a symbol in the way moves the label to the next free position", "[carto][labels]") {
    LabelOptions o;
    o.gap = 2;
    o.padding = 0;
    // An obstacle covering everything right of the anchor: right, upper right and
    // lower right are blocked; "above" (candidate 2) is the first free one.
    const std::vector<geom::Box> obstacles = {{105, 0, 1000, 1000}};
    const auto out = place_labels({label(100, 500, 40, 10, 1, 4)}, obstacles, kFrame, o);
    REQUIRE(out[0].placed);
    // Above: centred on x = 100 (80..120) — but 120 > 105 overlaps the obstacle; so
    // upper left (candidate 3): right edge at 100 − 6·√½ ≈ 95.76, bottom at the same offset.
    CHECK(out[0].candidate == 3);
    CHECK(out[0].box.max_x == Approx(100 - 6 * std::sqrt(0.5)));
    CHECK(out[0].box.max_y == Approx(500 - 6 * std::sqrt(0.5)));
    check_no_overlaps(out, obstacles, kFrame);
}

TEST_CASE("labels: the higher priority wins the only free place; the other is dropped", "[carto][labels]") {
    LabelOptions o;
    o.gap = 0;
    o.padding = 0;
    o.rings = 1;
    // A frame just big enough for one 40×10 label right of anchors at (0, 5): the
    // frame is 0..40 × 0..10 and both anchors sit at its left edge.
    const geom::Box frame{0, 0, 40, 10};
    const std::vector<LabelRequest> req = {label(0, 5, 40, 10, 1), label(0, 5, 40, 10, 5)};
    const auto out = place_labels(req, {}, frame, o);
    CHECK_FALSE(out[0].placed);
    REQUIRE(out[1].placed);
    CHECK(out[1].box.min_x == Approx(0));
    // Swapping the priorities swaps the outcome: it is priority, not order.
    const auto swapped = place_labels({label(0, 5, 40, 10, 5), label(0, 5, 40, 10, 1)}, {}, frame, o);
    CHECK(swapped[0].placed);
    CHECK_FALSE(swapped[1].placed);
}

TEST_CASE("labels: displaced beyond the first ring, a label gets a leader line", "[carto][labels]") {
    LabelOptions o;
    o.gap = 2;
    o.padding = 0;
    o.rings = 2;
    o.ring_step = 40;
    // Four obstacles fill the first ring round (500, 500) (offset 10 + 2, boxes
    // 40×10) but leave the second ring's first position (right, offset 52) free.
    std::vector<geom::Box> obstacles = {{490, 490, 510, 510}};  // the symbol itself, radius 10
    obstacles.push_back({510, 470, 545, 530});                  // right side, near
    obstacles.push_back({455, 470, 490, 530});                  // left side, near
    obstacles.push_back({470, 455, 530, 490});                  // above, near
    obstacles.push_back({470, 510, 530, 545});                  // below, near
    LabelRequest r = label(500, 500, 40, 10, 1, 10);
    const auto out = place_labels({r}, obstacles, kFrame, o);
    REQUIRE(out[0].placed);
    CHECK(out[0].candidate == 8);
    CHECK(out[0].box.min_x == Approx(552));
    CHECK(out[0].leader);
    // The leader starts on the symbol's edge (radius 10 from the anchor) and ends on the box.
    CHECK(std::hypot(out[0].leader_from.x - 500, out[0].leader_from.y - 500) == Approx(10));
    const auto& b = out[0].box;
    CHECK(out[0].leader_to.x >= b.min_x - 1e-9);
    CHECK(out[0].leader_to.x <= b.max_x + 1e-9);
    CHECK(out[0].leader_to.y >= b.min_y - 1e-9);
    CHECK(out[0].leader_to.y <= b.max_y + 1e-9);
    check_no_overlaps(out, obstacles, kFrame);
}

TEST_CASE("labels: two hundred crowded labels never overlap, and priority decides who is dropped", "[carto][labels]") {
    std::mt19937 rng(15);
    std::uniform_real_distribution<double> pos(50, 350), size(20, 70);
    std::vector<LabelRequest> req;
    std::vector<geom::Box> symbols;
    for (int i = 0; i < 200; ++i) {
        LabelRequest r = label(pos(rng), pos(rng), size(rng), 12, static_cast<double>(i % 17), 5);
        req.push_back(r);
        symbols.push_back({r.anchor.x - 5, r.anchor.y - 5, r.anchor.x + 5, r.anchor.y + 5});
    }
    const geom::Box frame{0, 0, 400, 400};
    LabelOptions o;
    o.padding = 0;
    const auto out = place_labels(req, symbols, frame, o);
    check_no_overlaps(out, symbols, frame);
    int placed = 0;
    for (const auto& p : out) placed += p.placed;
    CHECK(placed > 10);
    CHECK(placed < 200);  // crowded: some must go
    // Whoever was dropped found no room among the boxes placed before it: every
    // candidate of a dropped label overlaps a label placed before it (higher
    // priority, or equal and earlier),
    // a symbol, or leaves the frame. Checked by placing it alone among those.
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i].placed) continue;
        std::vector<geom::Box> before = symbols;
        for (std::size_t j = 0; j < out.size(); ++j)
            if (out[j].placed && (req[j].priority > req[i].priority || (req[j].priority == req[i].priority && j < i)))
                before.push_back(out[j].box);
        const auto alone = place_labels({req[i]}, before, frame, o);
        INFO("label " << i);
        CHECK_FALSE(alone[0].placed);
    }
}

TEST_CASE("labels: round symbols block only what they cover", "[carto][labels]") {
    LabelOptions o;
    o.gap = 2;
    o.padding = 0;
    // The anchor's own symbol (radius 10) and a neighbour's (radius 10) right of it at
    // (530, 500): right of the anchor is taken, upper right (corner 12 from the centre
    // on the diagonal, clear of the own disc) overlaps the neighbour's disc? Its box
    // runs from x 508.5 to 548.5, y 481.5 to 491.5: the neighbour's nearest point is
    // (530, 491.5), 8.5 from its centre: yes. Above (x 480..520, y 478..488) is clear
    // of both: the neighbour's disc reaches x ≥ 520 only at y = 500.
    const std::vector<Disc> discs = {{{500, 500}, 10}, {{530, 500}, 10}};
    const auto out = place_labels({label(500, 500, 40, 10, 1, 10)}, {}, discs, kFrame, o);
    REQUIRE(out[0].placed);
    CHECK(out[0].candidate == 2);
    CHECK(out[0].box.min_x == Approx(480));
    CHECK(out[0].box.max_y == Approx(488));
    CHECK_FALSE(box_overlaps_disc(out[0].box, discs[0]));
    CHECK_FALSE(box_overlaps_disc(out[0].box, discs[1]));
    CHECK(box_overlaps_disc({508.5, 481.5, 548.5, 491.5}, discs[1]));
}
