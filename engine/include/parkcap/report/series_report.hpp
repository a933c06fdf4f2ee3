#pragma once
// write(series): SERIES.gpkg, what `parkcap series` found over N audits: the
// `series` table (one row per place and audit date: the city, each district and
// each park, with its stock, utilisation, supply ratio, 亩均 tax and the 处置率
// since the audit before) and run_info; the same tables as CSV for Excel; and one
// PNG line chart per measure, a line per district and a thicker one for the city.
#include <string>
#include <vector>

#include "parkcap/monitor/series.hpp"
#include "parkcap/report/chart.hpp"

namespace parkcap::report {

/// Writes SERIES.gpkg atomically (a temporary file renamed into place).
void write_series_gpkg(const std::string& path, const monitor::AuditSeries& series, const rules::Rules& rules);
/// Writes the same tables as CSV (series.csv, run_info.csv; UTF-8 with BOM) into `dir`.
void write_series_csv(const std::string& dir, const monitor::AuditSeries& series, const rules::Rules& rules);

/// One chart of a series: its file in the charts folder (named after the column
/// of `series` it draws, e.g. idle_mu.png) and what it shows.
struct SeriesChart {
    std::string file;
    std::string field;
    LineChart chart;
};

/// The charts of a series: idle 亩, 批而未供 亩, the 处置率 of each kind of stock,
/// utilisation and 亩均 tax, over the audit dates; a line per district and the city
/// (emphasised), with the values of the `series` table.
std::vector<SeriesChart> series_charts(const monitor::AuditSeries& series);

/// Writes series_charts(series) into `dir` as PNG files (atomically, with the run's
/// other outputs when inside an OutputSet). Returns the paths, in chart order.
std::vector<std::string> write_series_charts(const std::string& dir, const monitor::AuditSeries& series);

}  // namespace parkcap::report
