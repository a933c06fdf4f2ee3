#pragma once
// write(audit): the audit's GeoPackage (layers parcel_flags, park_capacity,
// shoreline_use, district_summary, flag_details, early_warnings, data_quality,
// review when given, rejects, run_info; the spatial ones with a QGIS style stored
// in layer_styles) and the same tables as CSV.
#include <string>
#include <vector>

#include "parkcap/audit/audit.hpp"
#include "parkcap/audit/review.hpp"
#include "parkcap/report/table_writer.hpp"

namespace parkcap::report {

/// Writes AUDIT.gpkg atomically (a temporary file renamed into place). `review`,
/// when given, is written as its review table (达产复核, audit/review.hpp).
void write_audit_gpkg(const std::string& path, const City& city, const audit::Audit& audit, const rules::Rules& rules,
                      const ProgressFn& progress = {}, const std::vector<audit::ReviewRow>* review = nullptr);

/// Writes parcel_flags.csv (without geometry), park_capacity.csv, shoreline_use.csv, data_quality.csv,
/// district_summary.csv, flag_details.csv, early_warnings.csv, review.csv (when `review` is given),
/// rejects.csv and run_info.csv into `dir`, UTF-8 with BOM.
void write_audit_csv(const std::string& dir, const City& city, const audit::Audit& audit, const rules::Rules& rules,
                     const std::vector<audit::ReviewRow>* review = nullptr);

/// The same tables into any destination (the store's audit snapshot).
void write_audit_tables(TableDestination& out, const City& city, const audit::Audit& audit, const rules::Rules& rules,
                        const std::vector<audit::ReviewRow>* review = nullptr);

}  // namespace parkcap::report
