#pragma once
// Internal: PLAN.gpkg's tables, each declared once (report/table.hpp). The writer
// (plan_report.cpp) writes them to the GeoPackage and to CSV; the reader
// (plan_reader.cpp) finds the allocation layer's fields through the same schema.
#include <string>
#include <vector>

#include "parkcap/allocate/allocate.hpp"
#include "table.hpp"

namespace parkcap::report::detail {

/// What every row of the plan's tables is written from.
struct PlanContext {
    PlanContext(const City& c, const allocate::Plan& p, const rules::Rules& r);
    const City& city;
    const allocate::Plan& plan;
    const rules::Rules& rules;
    geom::MultiPolygonColumn site_shapes;  ///< feature i = plan.sites[i]
    std::vector<allocate::Flow> flows;     ///< the enclave flows
    std::vector<SupplyCondition> conditions;  ///< the placements' land-supply conditions (标准地)
};

struct PlacementRow {
    const PlanContext* cx;
    const allocate::Placement* placement;
};
struct FlowRow {
    const PlanContext* cx;
    const allocate::Flow* flow;
};
struct LedgerRowOf {
    const PlanContext* cx;
    const allocate::LedgerRow* row;
};
struct ProjectRow {
    const PlanContext* cx;
    std::size_t project;
};
struct SiteRow {
    const PlanContext* cx;
    std::size_t site;
};
struct ConditionRow {
    const SupplyCondition* condition;
};

/// The allocation layer's columns that do not depend on the rules (what a reader of
/// a saved plan uses); the written layer adds one column per objective term.
const Table<PlacementRow>& allocation_table();
const Table<FlowRow>& flows_table();
const Table<LedgerRowOf>& quota_ledger_table();
const Table<ProjectRow>& refused_table();
const Table<ProjectRow>& unplaced_table();
const Table<SiteRow>& sites_table();
/// The land-supply conditions (出让条件): one row per placed project and 标准地
/// indicator checked. The audit's review (report/conditions_reader) reads it back.
const Table<ConditionRow>& supply_conditions_table();

/// Every table of PLAN.gpkg with its rows, in layer order.
std::vector<FilledTable> plan_tables(const PlanContext& cx);

}  // namespace parkcap::report::detail
