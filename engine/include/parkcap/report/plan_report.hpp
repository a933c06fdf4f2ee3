#pragma once
// write(plan): PLAN.gpkg with layers allocation, flows, quota_ledger, refused,
// unplaced, sites, supply_conditions (and run_info), the spatial ones styled for
// QGIS; and the same tables as CSV.
#include <string>

#include "parkcap/allocate/allocate.hpp"
#include "parkcap/report/table_writer.hpp"

namespace parkcap::report {

/// Writes PLAN.gpkg atomically.
void write_plan_gpkg(const std::string& path, const City& city, const allocate::Plan& plan, const rules::Rules& rules);

/// Writes allocation.csv, flows.csv, quota_ledger.csv, refused.csv, unplaced.csv,
/// sites.csv, supply_conditions.csv and run_info.csv into `dir`, UTF-8 with BOM.
void write_plan_csv(const std::string& dir, const City& city, const allocate::Plan& plan, const rules::Rules& rules);

/// The same tables into any destination (the store's plan snapshot).
void write_plan_tables(TableDestination& out, const City& city, const allocate::Plan& plan, const rules::Rules& rules);

}  // namespace parkcap::report
