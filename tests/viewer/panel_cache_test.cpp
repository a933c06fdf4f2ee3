// The panels beside the map copied from their cache (viewer/src/panel_cache.hpp)
// while they stay the same: the pixels must be those of drawing them afresh,
// and a change in a panel (the inspector after a selection) must show.
#ifdef PARKCAP_VIEWER_EXE
#include <catch2/catch.hpp>

#include "viewer/viewer_run.hpp"

using namespace parkcap::test;
using namespace parkcap::test::viewer;

TEST_CASE("viewer: the panels copied from their cache show what drawing them afresh shows", "[viewer][screenshot][panels]") {
    if (!viewer_available()) return;
    ScratchDir dir("viewer-panel-cache");
    const std::string city = write_city(dir);
    auto run = [&](const std::string& env, const std::string& tag) {
        const std::string script = dir / (tag + ".txt");
        write_text_file(script, "screenshot " + (dir / (tag + "_plain.png")) + " 1600x1000\nselect parcel IDLE1\nscreenshot " +
                                    (dir / (tag + "_selected.png")) + " 1600x1000\nquit\n");
        const auto r = run_on_virtual_screen(env + " " + PARKCAP_VIEWER_EXE + " '" + city + "' --lang en --mode edit --script '" +
                                             script + "' " + dated(""));
        INFO(r.out << r.err);
        REQUIRE(r.exit_code == 0);
        return r.out;
    };
    const std::string cached = run("", "cached"), fresh = run("PARKCAP_VIEWER_PANEL_CACHE=off", "fresh");
    // The first screenshot's last frame copied the panels (its first drew them at
    // that size); off, none did. (After the selection the inspector's table takes
    // more frames than a screenshot's three to settle its column widths, and a
    // panel that changes is drawn afresh each frame.)
    CHECK_THAT(cached, Catch::Contains("panel_cache copied=1"));
    CHECK_THAT(fresh, Catch::Contains("panel_cache copied=0"));
    CHECK_THAT(fresh, !Catch::Contains("panel_cache copied=1"));
    auto differing = [](const Image& a, const Image& b, int x0, int x1) {
        REQUIRE(a.width == b.width);
        REQUIRE(a.height == b.height);
        std::size_t n = 0;
        for (int y = 0; y < a.height; ++y)
            for (int x = x0; x < x1; ++x) n += a.at(x, y) == b.at(x, y) ? 0 : 1;
        return n;
    };
    for (const char* shot : {"_plain.png", "_selected.png"}) {
        INFO(shot);
        const Image a = read_png(dir / (std::string("cached") + shot)), b = read_png(dir / (std::string("fresh") + shot));
        CHECK(differing(a, b, 0, a.width) == 0);  // every pixel, panels and map
    }
    // The selection changed the inspector (the right panel, 400 px at this size), and it shows.
    const Image plain = read_png(dir / "cached_plain.png"), selected = read_png(dir / "cached_selected.png");
    CHECK(differing(plain, selected, plain.width - 400, plain.width) > 1000);
}
#endif
