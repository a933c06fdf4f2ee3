#pragma once
// The series' terminal summary and its JSON twin: the audits in date order, and
// for the city and each district, idle 亩 and the 处置率 since the audit before at
// every date (the JSON has every figure of every place, parks too).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "parkcap/monitor/series.hpp"

namespace parkcap::cli {

struct SeriesOutputs {
    std::string gpkg, csv_dir, charts_dir;
    std::vector<std::string> charts;  ///< the PNG files written
};

std::string series_summary_text(const monitor::AuditSeries& s, const SeriesOutputs& outputs);
nlohmann::ordered_json series_summary_json(const monitor::AuditSeries& s, const SeriesOutputs& outputs);

}  // namespace parkcap::cli
