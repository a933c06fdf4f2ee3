#pragma once
// Line charts as PNG images, for reports a bureau pastes into its documents: one
// value per date and line, drawn with cairo and laid out with pango (so Chinese
// titles and names render with the system's CJK font, WenQuanYi Micro Hei on
// Debian). No UI library: the engine draws them off-screen.
#include <cstdint>
#include <string>
#include <vector>

#include "parkcap/core/date.hpp"

namespace parkcap::report {

/// One line: a value per date of its chart. NaN is no value: the line breaks
/// there, and a value with no neighbour is drawn as a point.
struct ChartLine {
    std::string label;           ///< legend text (UTF-8); shortened with … when too long
    std::vector<double> values;  ///< one per LineChart::dates
    uint32_t colour = 0;         ///< 0xRRGGBB
    bool emphasised = false;     ///< drawn thicker (a total over the other lines)
    bool dashed = false;         ///< to tell apart lines that must share a colour
};

enum class ValueFormat : uint8_t {
    Number,   ///< plain figures with LineChart::decimals
    Percent,  ///< ratios 0..1 shown as percentages
};

struct LineChart {
    std::string title_zh, title_en;  ///< two title lines, Chinese above English
    std::string x_label, y_label;
    ValueFormat format = ValueFormat::Number;
    int decimals = 0;              ///< of the y axis' tick labels (Number)
    std::vector<Date> dates;       ///< the x axis, ascending; placed by their distance in days
    std::vector<ChartLine> lines;  ///< in legend order
    int width_px = 1200, height_px = 720;
};

/// A colour for the k-th line of a chart, distinct for the first kChartPaletteSize
/// lines and readable on white; a line past them shares a colour (draw it dashed).
uint32_t chart_colour(std::size_t k);
inline constexpr std::size_t kChartPaletteSize = 9;
/// The colour of an emphasised total line.
inline constexpr uint32_t kChartTotalColour = 0x222222;

/// Draws `chart` and writes it as a PNG of width_px × height_px at `path`,
/// atomically (inside an OutputSet, with the run's other outputs). A chart with one
/// date shows points; one with no value at all says so. Throws OutputError.
void write_line_chart_png(const std::string& path, const LineChart& chart);

}  // namespace parkcap::report
