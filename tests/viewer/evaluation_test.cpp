// The viewer's briefing carries the park ranking of the TD/T 1029 evaluation: the
// figures it prints are those `parkcap evaluate` writes for the same city, and the
// ranking box is drawn under the legend (or beside it), both on the screen.
#include <catch2/catch.hpp>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "support/parkcap_run.hpp"
#include "viewer/viewer_run.hpp"

using namespace parkcap::test;
using namespace parkcap::test::viewer;

TEST_CASE("viewer: the briefing ranks the parks by their evaluation as parkcap evaluate does", "[viewer][screenshot][evaluate]") {
    if (!viewer_available()) return;
    ScratchDir dir("viewer-evaluation");
    const std::string data = std::string(parkcap::test::kSourceDir) + "/data/shapefiles";
    const std::string common = " --rules '" + data + "/rules.toml' --as-of 2026-06-30";
    const auto evaluated = run_parkcap("evaluate '" + data + "'" + common + " --quiet --out " + (dir / "EVAL.gpkg"));
    INFO(describe(evaluated));
    REQUIRE(evaluated.exit_code == 0);
    std::map<std::string, std::pair<double, int>> expected;
    {
        GDALAllRegister();
        GDALDatasetUniquePtr ds(GDALDataset::Open((dir / "EVAL.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
        REQUIRE(ds);
        for (auto& f : *ds->GetLayerByName("park_evaluation"))
            expected[f->GetFieldAsString("park_id")] = {f->GetFieldAsDouble("score"), f->GetFieldAsInteger("rank")};
    }
    REQUIRE(expected.size() == 8);

    const std::string png = dir / "briefing.png";
    const auto run = run_viewer("'" + data + "'" + common + " --no-plan --mode briefing --screenshot '" + png + "' --size 1600x1000");
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    std::size_t seen = 0;
    std::istringstream lines(run.out);
    double box[4] = {0, 0, 0, 0}, legend[4] = {0, 0, 0, 0};
    for (std::string line; std::getline(lines, line);) {
        auto f = fields(line);
        if (line.rfind("evaluation ", 0) == 0) {
            INFO(line);
            REQUIRE(expected.count(f["park"]));
            CHECK(std::stod(f["score"]) == Approx(expected.at(f["park"]).first).epsilon(1e-6));
            CHECK(std::stoi(f["rank"]) == expected.at(f["park"]).second);
            ++seen;
        } else if (line.rfind("ranking_box ", 0) == 0) {
            const auto r = numbers(f["rect"]);
            for (int i = 0; i < 4; ++i) box[i] = r.at(i);
        } else if (line.rfind("legend_box ", 0) == 0) {
            const auto r = numbers(f["rect"]);
            for (int i = 0; i < 4; ++i) legend[i] = r.at(i);
        }
    }
    CHECK(seen == expected.size());
    REQUIRE(box[2] > box[0]);
    CHECK((box[1] >= legend[3] || box[0] >= legend[2]));  // under the legend or beside it
    CHECK(box[3] <= 1000);  // on the screen
    CHECK(box[3] - box[1] > 8 * 12);  // a heading, two type headings and eight parks at least 12 px each
    // Text is drawn in it: dark pixels on the box's light ground.
    const Image img = read_png(png);
    int dark = 0;
    for (int y = static_cast<int>(box[1]); y < static_cast<int>(box[3]); ++y)
        for (int x = static_cast<int>(box[0]); x < static_cast<int>(box[2]); ++x) {
            const Rgb c = img.at(x, y);
            dark += c.r + c.g + c.b < 200;
        }
    CHECK(dark > 500);
}

TEST_CASE("viewer: with a plan, the briefing's legend and ranking stay on a 1600×1000 screen", "[viewer][screenshot]") {
    if (!viewer_available()) return;
    ScratchDir dir("viewer-briefing-column");
    const std::string data = std::string(parkcap::test::kSourceDir) + "/data/shapefiles";
    const std::string png = dir / "briefing.png";
    // The plan adds the allocation and flow sections: taller than the map in one column.
    const auto run = run_viewer("'" + data + "' --rules '" + data + "/rules.toml' --as-of 2026-06-30 --mode briefing --screenshot '" +
                                png + "' --size 1600x1000");
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    std::map<std::string, std::vector<double>> boxes;
    std::istringstream lines(run.out);
    for (std::string line; std::getline(lines, line);)
        for (const char* name : {"legend_box", "ranking_box"})
            if (line.rfind(std::string(name) + " ", 0) == 0) boxes[name] = numbers(fields(line)["rect"]);
    REQUIRE(boxes.size() == 2);
    const auto& l = boxes["legend_box"];
    const auto& r = boxes["ranking_box"];
    INFO("legend " << l[0] << "," << l[1] << "," << l[2] << "," << l[3] << "  ranking " << r[0] << "," << r[1] << "," << r[2]
                   << "," << r[3]);
    for (const auto* b : {&l, &r}) {
        CHECK((*b)[0] >= 0);
        CHECK((*b)[2] <= 1600);
        CHECK((*b)[3] <= 1000);
    }
    const bool apart = r[1] >= l[3] || r[3] <= l[1] || r[0] >= l[2] || r[2] <= l[0];
    CHECK(apart);
    // The last rows of the legend (the flows' sectors) are drawn: dark text near its bottom.
    const Image img = read_png(png);
    int dark = 0;
    for (int y = static_cast<int>(l[3]) - 40; y < static_cast<int>(l[3]); ++y)
        for (int x = static_cast<int>(l[0]); x < static_cast<int>(l[2]); ++x) {
            const Rgb c = img.at(x, y);
            dark += c.r + c.g + c.b < 200;
        }
    CHECK(dark > 50);
}
