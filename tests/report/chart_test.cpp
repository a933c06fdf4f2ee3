// Line charts (report/chart.hpp) decoded again with GDAL's PNG driver: the size
// asked for, each line's colour where a line is drawn, none where a value is
// missing, points for a single date, long legend names kept inside the image.
#include <catch2/catch.hpp>

#include <filesystem>
#include <limits>
#include <unistd.h>

#include "parkcap/core/error.hpp"
#include "parkcap/report/chart.hpp"
#include "support/fixtures.hpp"
#include "support/png_image.hpp"

namespace parkcap::test {
namespace {

using report::ChartLine;
using report::LineChart;

constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
constexpr uint32_t kWhite = 0xffffff;

Date day(const char* iso) { return *parse_date(iso, {"%Y-%m-%d"}); }

LineChart three_dates() {
    LineChart c;
    c.title_zh = "闲置土地面积（亩）";
    c.title_en = "Idle land, mu";
    c.x_label = "审计日期 audit date";
    c.y_label = "亩 mu";
    c.dates = {day("2026-06-30"), day("2026-09-30"), day("2027-06-30")};
    return c;
}

ChartLine line(const std::string& label, std::vector<double> values, std::size_t k) {
    ChartLine l;
    l.label = label;
    l.values = std::move(values);
    l.colour = report::chart_colour(k);
    return l;
}

/// The plot and the legend: the legend takes the right fifth of the image.
int plot_right(const PngImage& img) { return img.width * 3 / 4; }

}  // namespace

TEST_CASE("chart: the stated size, every line's colour, the total emphasised", "[report][chart]") {
    ScratchDir dir("chart-lines");
    LineChart c = three_dates();
    c.width_px = 900;
    c.height_px = 540;
    c.lines.push_back(line("全市 city", {30, 30, 15}, 0));
    c.lines.back().colour = report::kChartTotalColour;
    c.lines.back().emphasised = true;
    c.lines.push_back(line("海陵区", {15, 10, 0}, 0));
    c.lines.push_back(line("高港区", {5, 15, 15}, 1));
    c.lines.push_back(line("姜堰区", {kNone, 0, 3}, 2));
    const std::string path = dir / "idle_mu.png";
    report::write_line_chart_png(path, c);

    const PngImage img = read_png_image(path);
    CHECK(img.width == 900);
    CHECK(img.height == 540);
    CHECK(img.count(kWhite) > img.rgb.size() / 2);  // a white page ...
    CHECK(img.distinct_colours() > 20);             // ... with text, grid and lines
    for (const ChartLine& l : c.lines) {
        INFO(l.label);
        // Each line crosses most of the plot, far more than its legend swatch.
        CHECK(img.columns_with(l.colour, 0, plot_right(img)) > 200);
    }
    // The total is drawn thicker than a district's line of the same length.
    CHECK(img.count(report::kChartTotalColour, 0, plot_right(img)) >
          img.count(report::chart_colour(0), 0, plot_right(img)));
    CHECK_FALSE(std::filesystem::exists(dir / (".parkcap-tmp-" + std::to_string(::getpid()) + "-idle_mu.png")));
}

TEST_CASE("chart: a missing value breaks the line; one date shows points; no value says so", "[report][chart]") {
    ScratchDir dir("chart-gaps");
    const uint32_t red = report::chart_colour(3);

    LineChart whole = three_dates();
    whole.lines.push_back(line("兴化市", {10, 10, 10}, 3));
    report::write_line_chart_png(dir / "whole.png", whole);
    LineChart gap = three_dates();
    gap.lines.push_back(line("兴化市", {10, kNone, 10}, 3));
    report::write_line_chart_png(dir / "gap.png", gap);
    const PngImage a = read_png_image(dir / "whole.png"), b = read_png_image(dir / "gap.png");
    const std::size_t across = a.columns_with(red, 0, plot_right(a)), with_gap = b.columns_with(red, 0, plot_right(b));
    CHECK(across > 500);  // one line across the plot
    CHECK(with_gap > 0);  // the two points ...
    CHECK(with_gap < 40);  // ... and nothing between them

    LineChart one = three_dates();
    one.dates = {day("2026-06-30")};
    one.lines.push_back(line("兴化市", {10}, 3));
    one.lines.push_back(line("靖江市", {20}, 4));
    report::write_line_chart_png(dir / "one.png", one);
    const PngImage single = read_png_image(dir / "one.png");
    for (std::size_t k : {3, 4}) {
        const std::size_t columns = single.columns_with(report::chart_colour(k), 0, plot_right(single));
        CHECK(columns > 0);   // a point
        CHECK(columns < 20);  // not a line
    }

    LineChart none = three_dates();
    none.format = report::ValueFormat::Percent;
    none.lines.push_back(line("兴化市", {kNone, kNone, kNone}, 3));
    report::write_line_chart_png(dir / "none.png", none);
    const PngImage empty = read_png_image(dir / "none.png");
    CHECK(empty.columns_with(red, 0, plot_right(empty)) == 0);
    CHECK(empty.columns_with(red) > 0);  // its legend entry is still there
}

TEST_CASE("chart: long names are shortened inside the legend; more lines than colours", "[report][chart]") {
    ScratchDir dir("chart-legend");
    LineChart c = three_dates();
    c.title_zh = std::string(60, 'X') + "很长的标题";
    std::string long_name;
    for (int k = 0; k < 20; ++k) long_name += "泰州医药高新技术产业开发区";
    for (std::size_t k = 0; k < 40; ++k) {
        c.lines.push_back(line(k == 0 ? long_name : "区" + std::to_string(k), {1.0 + k, 2.0 + k, 3.0 + k}, k));
        c.lines.back().dashed = k >= report::kChartPaletteSize;
    }
    report::write_line_chart_png(dir / "many.png", c);
    const PngImage img = read_png_image(dir / "many.png");
    CHECK(img.width == 1200);
    CHECK(img.height == 720);
    // Nothing is drawn in the right margin: the long name ends in "…" before it.
    for (int x = img.width - 10; x < img.width; ++x)
        for (int y = 0; y < img.height; ++y) REQUIRE(img.at(x, y) == kWhite);
}

TEST_CASE("chart: sizes it cannot draw and folders that do not exist are refused", "[report][chart]") {
    ScratchDir dir("chart-refused");
    LineChart c = three_dates();
    c.width_px = 10;
    CHECK_THROWS_AS(report::write_line_chart_png(dir / "small.png", c), OutputError);
    c.width_px = 1200;
    CHECK_THROWS_AS(report::write_line_chart_png(dir / "no/such/folder/x.png", c), OutputError);
    CHECK_FALSE(std::filesystem::exists(dir / "small.png"));
}

}  // namespace parkcap::test
