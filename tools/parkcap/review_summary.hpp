#pragma once
// The summary of a review of land-supply conditions (达产复核, `parkcap audit
// --conditions`): the conditions by status, and every missed commitment.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "parkcap/audit/review.hpp"

namespace parkcap::cli {

std::string review_summary_text(const std::vector<audit::ReviewRow>& review, const std::string& conditions_file);
nlohmann::ordered_json review_summary_json(const std::vector<audit::ReviewRow>& review, const std::string& conditions_file);

}  // namespace parkcap::cli
