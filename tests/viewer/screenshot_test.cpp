// The real viewer, run headless under Xvfb with Mesa's software OpenGL, draws the
// test city; the pixels of its screenshots are checked against positions computed
// from the world coordinates and the view transform it prints.
#include <algorithm>
#include <cmath>

#include <catch2/catch.hpp>

#include "viewer/viewer_run.hpp"

using namespace parkcap::test;
using namespace parkcap::test::viewer;

namespace {

struct Shot {
    CommandResult run;
    FrameInfo info;
    Image image;
};

Shot screenshot(const ScratchDir& dir, const std::string& city, const std::string& name, const std::string& extra,
                const std::string& lang = "en") {
    Shot s;
    const std::string png = dir / name;
    s.run = run_viewer("'" + city + "' --screenshot '" + png + "' --size 1200x800 --lang " + lang + " --view " + view_bbox() +
                       " " + dated(extra));
    INFO(s.run.err);
    REQUIRE(s.run.exit_code == 0);
    s.info = parse_frame_info(s.run.out);
    s.image = read_png(png);
    REQUIRE(s.image.width == 1200);
    REQUIRE(s.image.height == 800);
    return s;
}

/// Share of the pixels in [x0,x1)×[y0,y1) that have exactly `colour`.
double share_of(const Image& img, Rgb colour, int x0, int y0, int x1, int y1) {
    int hit = 0, all = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x, ++all) hit += img.inside(x, y) && img.at(x, y) == colour;
    return all ? static_cast<double>(hit) / all : 0;
}

}  // namespace

TEST_CASE("viewer: an idle parcel's interior has the idle colour", "[viewer][screenshot]") {
    if (!viewer_available()) return;
    ScratchDir dir("viewer-idle");
    const std::string city = write_city(dir);
    const Shot flags = screenshot(dir, city, "flags.png", "--mode map --colour-by flag");
    const Rgb idle = flags.info.legend.at("IDLE_TAKEBACK");
    CHECK(idle == parse_hex("c0162c"));
    // The middle half of the 200 m square, in screen pixels of each shot (the
    // legend column, and so the map, differs between the modes).
    using namespace viewer_city;
    auto interior_share = [](const Shot& shot, Rgb colour) {
        const auto [ax, ay] = shot.info.screen(kIdleX0 + kIdleSide * 0.25, kIdleY0 + kIdleSide * 0.75);
        const auto [bx, by] = shot.info.screen(kIdleX0 + kIdleSide * 0.75, kIdleY0 + kIdleSide * 0.25);
        REQUIRE(bx - ax > 10);
        return share_of(shot.image, colour, static_cast<int>(std::ceil(ax)), static_cast<int>(std::ceil(ay)),
                        static_cast<int>(std::floor(bx)), static_cast<int>(std::floor(by)));
    };
    // The parcel is also free site land, dotted: most of it, not all, is the fill colour.
    CHECK(interior_share(flags, idle) > 0.8);
    // Just outside the parcel there is no idle colour.
    const auto [ox, oy] = flags.info.screen(kIdleX0 - 30, kIdleY0 + kIdleSide / 2);
    CHECK(share_of(flags.image, idle, static_cast<int>(ox) - 3, static_cast<int>(oy) - 3, static_cast<int>(ox) + 3,
                   static_cast<int>(oy) + 3) == 0);

    // Coloured by status instead, the same parcel shows the supplied colour: restyling works.
    const Shot status = screenshot(dir, city, "status.png", "--mode map --colour-by status");
    CHECK(interior_share(status, status.info.legend.at("supplied")) > 0.8);
    CHECK(interior_share(status, idle) == 0);
}

TEST_CASE("viewer: an enclave flow arrow's pixels lie between its two ends", "[viewer][screenshot][flows]") {
    if (!viewer_available()) return;
    ScratchDir dir("viewer-flow");
    const std::string city = write_city(dir);
    const Shot shot = screenshot(dir, city, "flow.png", "--mode map --hide legend");
    REQUIRE(shot.info.flows.size() == 1);
    const auto& f = shot.info.flows[0];
    CHECK(f.count == 1);
    // The ends are the origin district's centre and the host park's anchor.
    const auto park = shot.info.park_anchor.at("P1");
    CHECK(f.to[0] == Approx(park.first).margin(0.5));
    CHECK(f.to[1] == Approx(park.second).margin(0.5));
    // 321203's parcels are six 120 m squares around (3000..3420, 300..570).
    const auto [ex, ey] = shot.info.screen(3210, 435);
    CHECK(f.from[0] == Approx(ex).margin(3));
    CHECK(f.from[1] == Approx(ey).margin(3));

    // Every pixel of the flow's colour lies in the hull of from, control and to
    // (the curve's Bézier hull), widened by the arrow's half width and the count badge.
    const double margin = 30;
    const double hx0 = std::min({f.from[0], f.to[0], f.control[0]}) - margin;
    const double hx1 = std::max({f.from[0], f.to[0], f.control[0]}) + margin;
    const double hy0 = std::min({f.from[1], f.to[1], f.control[1]}) - margin;
    const double hy1 = std::max({f.from[1], f.to[1], f.control[1]}) + margin;
    int inside = 0, outside = 0;
    for (int y = 0; y < shot.image.height; ++y)
        for (int x = 0; x < shot.image.width; ++x)
            if (shot.image.at(x, y) == f.colour) (x >= hx0 && x <= hx1 && y >= hy0 && y <= hy1 ? inside : outside)++;
    CHECK(inside > 500);
    CHECK(outside == 0);
    // And the curve passes through its middle: B(1/2) = (from + 2 control + to) / 4.
    const double mx = (f.from[0] + 2 * f.control[0] + f.to[0]) / 4, my = (f.from[1] + 2 * f.control[1] + f.to[1]) / 4;
    CHECK(share_of(shot.image, f.colour, static_cast<int>(mx) - 40, static_cast<int>(my) - 40, static_cast<int>(mx) + 40,
                   static_cast<int>(my) + 40) > 0.02);
    // Hidden, it is gone.
    const Shot hidden = screenshot(dir, city, "noflow.png", "--mode map --hide legend,flows");
    CHECK(share_of(hidden.image, f.colour, 0, 0, 1200, 800) == 0);
}

TEST_CASE("viewer: a park's Chinese name is drawn at its anchor", "[viewer][screenshot][labels]") {
    if (!viewer_available()) return;
    ScratchDir dir("viewer-label");
    const std::string city = write_city(dir);
    const Shot with = screenshot(dir, city, "label.png", "--mode map --hide legend,flows --ui-scale 1");
    const Shot without = screenshot(dir, city, "nolabel.png", "--mode map --hide legend,flows,labels --ui-scale 1");
    const auto [ax, ay] = with.info.park_anchor.at("P1");
    // Differences between the two images near the anchor are the label.
    int differ = 0, left = 100000, right = -1, dark = 0;
    for (int y = static_cast<int>(ay) - 14; y <= static_cast<int>(ay) + 14; ++y)
        for (int x = static_cast<int>(ax) - 200; x <= static_cast<int>(ax) + 200; ++x) {
            if (!with.image.inside(x, y)) continue;
            const Rgb a = with.image.at(x, y), b = without.image.at(x, y);
            if (a == b) continue;
            ++differ;
            left = std::min(left, x);
            right = std::max(right, x);
            dark += a.r + a.g + a.b < 200;
        }
    CHECK(differ > 200);
    CHECK(dark > 60);
    // Centred on the anchor, and about as wide as nine CJK characters at 19 px (a
    // row of '?' fallbacks, half as wide, would fail this).
    CHECK((left + right) / 2.0 == Approx(ax).margin(4));
    CHECK(right - left > 9 * 19 * 0.7);
}

TEST_CASE("viewer: briefing mode shows the headline figures", "[viewer][screenshot][briefing]") {
    if (!viewer_available()) return;
    ScratchDir dir("viewer-briefing");
    const std::string city = write_city(dir);
    const Shot brief = screenshot(dir, city, "brief.png", "--mode briefing");
    const Shot plain = screenshot(dir, city, "plain.png", "--mode map --hide legend");
    const double* h = brief.info.headline;
    REQUIRE(h[2] - h[0] == Approx(1200));
    REQUIRE(h[3] - h[1] > 80);
    int differ = 0, band = 0, text = 0, all = 0;
    const Rgb band_colour = parse_hex("0f2744");
    for (int y = static_cast<int>(h[1]); y < static_cast<int>(h[3]) - 6; ++y)
        for (int x = static_cast<int>(h[0]); x < static_cast<int>(h[2]); ++x, ++all) {
            const Rgb a = brief.image.at(x, y);
            differ += !(a == plain.image.at(x, y));
            band += a == band_colour;
            text += a.r + a.g + a.b > 450;  // light figures and captions on the dark band
        }
    CHECK(differ > all * 0.9);
    CHECK(band > all * 0.7);
    CHECK(text > 500);
    // The map moved below the band.
    CHECK(brief.info.canvas[1] >= h[3]);
    // A different language draws different text in the same band.
    const Shot zh = screenshot(dir, city, "brief-zh.png", "--mode briefing", "zh");
    int changed = 0;
    for (int y = static_cast<int>(h[1]); y < static_cast<int>(h[3]); ++y)
        for (int x = 0; x < 600; ++x) changed += !(zh.image.at(x, y) == brief.image.at(x, y));
    CHECK(changed > 200);
}
