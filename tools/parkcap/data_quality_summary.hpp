#pragma once
// The data-quality report on the terminal and in JSON, shared by `parkcap info`
// (before any audit) and the audit's summary: which rules could not be applied to
// how many parcels and 亩, and why; which fields were empty where a rule needed them.
#include <string>

#include <nlohmann/json.hpp>

#include "parkcap/audit/data_quality.hpp"

namespace parkcap::cli {

/// `where` names where the full table is ("layer data_quality", "the audit's data_quality layer").
std::string data_quality_text(const audit::DataQuality& quality, const std::string& where);
nlohmann::ordered_json data_quality_json(const audit::DataQuality& quality);

}  // namespace parkcap::cli
