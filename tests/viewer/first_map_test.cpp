// The map before the audit (issue 17): the viewer draws the parcels as soon as
// their geometry is loaded, in one neutral colour, while the audit and the plan
// are computed on the loader's thread; the colours by finding follow. --first-map
// writes that first map (the loader holds the audit until it is written, so the
// picture is always the one from before the audit) and the run goes on to the
// final --screenshot.
#include <cmath>
#include <sstream>

#include <catch2/catch.hpp>

#include "viewer/viewer_run.hpp"

using namespace parkcap::test;
using namespace parkcap::test::viewer;

namespace {

/// The lines of `out` that start with "first_map " (prefix removed), or all others.
std::string lines_of(const std::string& out, bool first_map) {
    std::istringstream in(out);
    std::string kept;
    const std::string prefix = "first_map ";
    for (std::string line; std::getline(in, line);) {
        const bool is_first = line.rfind(prefix, 0) == 0;
        if (is_first == first_map) kept += (first_map ? line.substr(prefix.size()) : line) + "\n";
    }
    return kept;
}

/// Share of the idle parcel's middle half that has exactly `colour`.
double idle_interior_share(const FrameInfo& info, const Image& img, Rgb colour) {
    using namespace viewer_city;
    const auto [ax, ay] = info.screen(kIdleX0 + kIdleSide * 0.25, kIdleY0 + kIdleSide * 0.75);
    const auto [bx, by] = info.screen(kIdleX0 + kIdleSide * 0.75, kIdleY0 + kIdleSide * 0.25);
    REQUIRE(bx - ax > 10);
    int hit = 0, all = 0;
    for (int y = static_cast<int>(std::ceil(ay)); y < static_cast<int>(std::floor(by)); ++y)
        for (int x = static_cast<int>(std::ceil(ax)); x < static_cast<int>(std::floor(bx)); ++x, ++all)
            hit += img.inside(x, y) && img.at(x, y) == colour;
    return all ? static_cast<double>(hit) / all : 0;
}

}  // namespace

TEST_CASE("viewer: the parcels are on the map before the audit is done, coloured by finding after it",
          "[viewer][screenshot][first_map]") {
    if (!viewer_available()) return;
    ScratchDir dir("viewer-first-map");
    const std::string city = write_city(dir);
    const std::string first = dir / "first.png", final_png = dir / "final.png";
    const CommandResult run = run_viewer("'" + city + "' --first-map '" + first + "' --screenshot '" + final_png +
                                         "' --size 1200x800 --lang en --mode map --colour-by flag --view " + view_bbox() + " " +
                                         dated(""));
    INFO(run.out << run.err);
    REQUIRE(run.exit_code == 0);

    const std::string first_lines = lines_of(run.out, true);
    const FrameInfo before = parse_frame_info(first_lines);
    // Drawn while the loader was still held before its audit, in the colour of a parcel without findings.
    const auto status = fields(first_lines.substr(first_lines.find("audit_done=")));
    CHECK(status.at("audit_done") == "0");
    const Rgb pending = parse_hex(status.at("fill"));
    const FrameInfo after = parse_frame_info(lines_of(run.out, false));
    const Rgb idle = after.legend.at("IDLE_TAKEBACK");
    REQUIRE_FALSE(pending == idle);

    const Image first_image = read_png(first), final_image = read_png(final_png);
    CHECK(idle_interior_share(before, first_image, pending) > 0.8);
    CHECK(idle_interior_share(before, first_image, idle) == 0);
    // The same parcel once the audit is done: its finding's colour (the dots of free site land aside).
    CHECK(idle_interior_share(after, final_image, idle) > 0.8);
    CHECK(idle_interior_share(after, final_image, pending) == 0);
}
