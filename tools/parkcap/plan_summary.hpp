#pragma once
// The allocation's terminal summary and its JSON twin: placed, refused and
// unplaced projects, the optimality gap, the quota ledger, the enclave flows.
#include <string>

#include <nlohmann/json.hpp>

#include "parkcap/allocate/allocate.hpp"

namespace parkcap::cli {

struct PlanOutputs {
    std::string gpkg;
    std::string csv_dir;
    std::string audit;
};

std::string plan_summary_text(const City& city, const allocate::Plan& plan, const rules::Rules& rules,
                              const PlanOutputs& outputs);
nlohmann::ordered_json plan_summary_json(const City& city, const allocate::Plan& plan, const rules::Rules& rules,
                                         const PlanOutputs& outputs);

}  // namespace parkcap::cli
