#pragma once
// Reading an AUDIT.gpkg back, so `parkcap allocate --audit` uses the audit the
// bureau signed off rather than a fresh one. It reads the layers write_audit_gpkg
// writes, through the same table declarations.
#include <string>

#include "parkcap/audit/audit.hpp"

namespace parkcap::report {

/// Rebuilds the parts of an Audit that allocation needs — every flag with its
/// figures (flag_details), each district's quota earned (district_summary), the
/// audit date (run_info) — and checks that the audit was made on this city's
/// parcels. Capacity figures are not restored. Throws InputError when the file
/// cannot be read, DataError when it does not match the city.
audit::Audit read_audit_gpkg(const std::string& path, const City& city, const rules::Rules& rules);

}  // namespace parkcap::report
