#pragma once
#include "parkcap/report/table_writer.hpp"

namespace parkcap::report::detail {
/// QGIS styles of the audit layers: parcels by finding (idle red, low efficiency
/// orange, approved-unsupplied yellow, supply-ready green...), parks labelled,
/// shoreline by port use, districts labelled.
void store_audit_styles(GpkgWriter& out);
}  // namespace parkcap::report::detail
