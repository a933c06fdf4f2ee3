// parkcap-viewer's command line: help, refused arguments, load errors, and the
// benchmark hook's report.
#ifdef PARKCAP_VIEWER_EXE
#include <set>

#include <catch2/catch.hpp>

#include "viewer/viewer_run.hpp"

using namespace parkcap::test;
using namespace parkcap::test::viewer;

TEST_CASE("viewer: --help lists the options and exits 0", "[viewer][cli]") {
    if (!viewer_available()) return;
    const auto r = run_command(std::string(PARKCAP_VIEWER_EXE) + " --help");
    CHECK(r.exit_code == 0);
    for (const char* option : {"--screenshot", "--size", "--view", "--mode", "--lang", "--script", "--bench", "--plan", "--audit"})
        CHECK_THAT(r.out, Catch::Contains(option));
}

TEST_CASE("viewer: bad arguments exit 2 with a message naming the option", "[viewer][cli]") {
    if (!viewer_available()) return;
    const std::string exe = PARKCAP_VIEWER_EXE;
    auto r = run_command(exe + " city.gpkg --size 10x10");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("--size: invalid value '10x10'"));
    r = run_command(exe + " city.gpkg --view park:");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("--view: invalid value 'park:'"));
    r = run_command(exe + " city.gpkg --hide rivers");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("--hide: invalid value 'rivers'"));
}

TEST_CASE("viewer: a city that cannot be loaded exits 3 with the engine's message", "[viewer][cli]") {
    if (!viewer_available()) return;
    ScratchDir dir("viewer-missing");
    const auto r = run_viewer("'" + (dir / "nothing-here.gpkg") + "' --screenshot '" + (dir / "x.png") + "'");
    CHECK(r.exit_code == 3);
    CHECK_THAT(r.err, Catch::Contains("nothing-here.gpkg"));
}

TEST_CASE("viewer: a pin the plan cannot honour is warned about from the plan's record of it", "[viewer][cli][pins]") {
    if (!viewer_available()) return;
    ScratchDir dir("viewer-pin-problem");
    // A food park beside the test city: it does not take PJ-002's industry (C3411),
    // so a pin of PJ-002 there leaves it no site.
    MiniCity c = viewer_city::make();
    MiniPark food;
    food.id = "P9";
    food.name = "食品产业园";
    food.themes = "C13";
    food.x0 = 3000;
    food.y0 = 3000;
    food.x1 = 3500;
    food.y1 = 3500;
    c.parks.push_back(food);
    const std::string city = dir / "city.gpkg";
    c.write_gpkg(city);
    const std::string pins = dir / "pins.toml";
    write_text_file(pins, "[[pin]]\nproject = \"PJ-002\"\npark = \"P9\"\n");
    const auto r = run_viewer("'" + city + "' --overrides '" + pins + "' --screenshot '" + (dir / "x.png") + "'" + dated(""));
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.err, Catch::Contains("parkcap-viewer: warning: pin of PJ-002 to P9 cannot be honoured: no site there fits it\n"));
}

TEST_CASE("viewer: --bench reports load, triangulation and frame times", "[viewer][cli][bench]") {
    if (!viewer_available()) return;
    ScratchDir dir("viewer-bench");
    const std::string city = write_city(dir);
    const auto r = run_viewer("'" + city + "' --bench 12 --size 800x600" + dated(""));
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    std::map<std::string, std::string> all;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);)
        if (line.rfind("bench ", 0) == 0)
            for (const auto& [k, v] : fields(line)) all[k] = v;
    for (const char* key : {"load_s", "audit_s", "plan_s", "triangulate_s", "upload_s", "frames", "mean_ms", "max_ms", "p95_ms",
                            "parcels", "triangles", "area_m2", "triangle_area_m2"})
        CHECK(all.count(key) == 1);
    CHECK(all["parcels"] == "22");
    CHECK(all["frames"] == "12");
    CHECK(all["failed"] == "0");
    CHECK(std::stod(all["triangle_area_m2"]) == Approx(std::stod(all["area_m2"])).epsilon(1e-9));
    CHECK(std::stod(all["max_ms"]) >= std::stod(all["mean_ms"]));
    CHECK(all["cache"] == "pyramid");
    CHECK(std::stoi(all["warm_frames"]) >= 1);
    // Per zoom band and phase: the 6 zoom frames and the 6 pan frames (a pan in each band), every frame counted once.
    int frames = 0;
    std::set<std::string> pan_bands;
    std::istringstream bands(r.out);
    for (std::string line; std::getline(bands, line);)
        if (line.rfind("bench-band ", 0) == 0) {
            auto f = fields(line);
            frames += std::stoi(f["frames"]);
            if (f["phase"] == "pan") pan_bands.insert(f["band"]);
            CHECK(std::stod(f["p95_ms"]) <= std::stod(f["max_ms"]));
        }
    CHECK(frames == 12);
    CHECK(pan_bands == std::set<std::string>{"city", "regional", "park", "close"});
    // Where the time goes (the probed second pass): every frame once, each part
    // named, none negative, and the parts add up to the probed frame's time.
    int probed = 0;
    std::istringstream parts(r.out);
    for (std::string line; std::getline(parts, line);)
        if (line.rfind("bench-part ", 0) == 0) {
            auto f = fields(line);
            probed += std::stoi(f["frames"]);
            double sum = 0;
            for (const char* part : {"ui_ms", "clear_ms", "panels_ms", "park_tints_ms", "tiles_new_ms", "parcels_ms",
                                     "park_outlines_ms", "labels_ms", "overlays_ms"}) {
                REQUIRE(f.count(part) == 1);
                CHECK(std::stod(f[part]) >= -0.01);
                sum += std::stod(f[part]);
            }
            CHECK(sum == Approx(std::stod(f["total_ms"])).margin(0.05));
        }
    CHECK(probed == 12);
}
#endif
