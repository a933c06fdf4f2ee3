#pragma once
// write(audit): the audit's GeoPackage (layers parcel_flags, park_capacity,
// shoreline_use, district_summary, flag_details, data_quality, rejects, run_info;
// the spatial ones with a QGIS style stored in layer_styles) and the same tables as CSV.
#include <string>

#include "parkcap/audit/audit.hpp"

namespace parkcap::report {

/// Writes AUDIT.gpkg atomically (a temporary file renamed into place).
void write_audit_gpkg(const std::string& path, const City& city, const audit::Audit& audit, const rules::Rules& rules,
                      const ProgressFn& progress = {});

/// Writes parcel_flags.csv (without geometry), park_capacity.csv, shoreline_use.csv, data_quality.csv,
/// district_summary.csv, flag_details.csv and rejects.csv into `dir`, UTF-8 with BOM.
void write_audit_csv(const std::string& dir, const City& city, const audit::Audit& audit, const rules::Rules& rules);

}  // namespace parkcap::report
