#pragma once
// The comparison's terminal summary and its JSON twin: matches, changes, status
// transitions, 处置率 per district and the city, the 增存挂钩 consequence.
#include <string>

#include <nlohmann/json.hpp>

#include "parkcap/report/changes_report.hpp"

namespace parkcap::cli {

struct CompareOutputs {
    std::string gpkg, csv_dir, next_quota;
};

std::string compare_summary_text(const report::ComparisonResult& r, const CompareOutputs& outputs);
nlohmann::ordered_json compare_summary_json(const report::ComparisonResult& r, const CompareOutputs& outputs);

}  // namespace parkcap::cli
