#pragma once
// The evaluation's terminal summary and its JSON twin: the parks ranked within
// their type with score, years of land left and the potentials; districts; city.
#include <string>

#include <nlohmann/json.hpp>

#include "parkcap/report/evaluation_report.hpp"

namespace parkcap::cli {

std::string evaluate_summary_text(const report::EvaluationResult& r, const std::string& out, const std::string& csv_dir);
nlohmann::ordered_json evaluate_summary_json(const report::EvaluationResult& r, const std::string& out,
                                             const std::string& csv_dir);

}  // namespace parkcap::cli
