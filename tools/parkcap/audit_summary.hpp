#pragma once
// The audit's terminal summary and its JSON twin: idle 亩 by class, reclaimable
// 亩, per-park capacity, undeveloped port shoreline.
#include <string>

#include <nlohmann/json.hpp>

#include "parkcap/audit/audit.hpp"

namespace parkcap::cli {

struct AuditOutputs {
    std::string gpkg;
    std::string csv_dir;
};

std::string audit_summary_text(const City& city, const audit::Audit& audit, const rules::Rules& rules,
                               const AuditOutputs& outputs);
nlohmann::ordered_json audit_summary_json(const City& city, const audit::Audit& audit, const rules::Rules& rules,
                                          const AuditOutputs& outputs);

}  // namespace parkcap::cli
