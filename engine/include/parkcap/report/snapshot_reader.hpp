#pragma once
// Reading a saved AUDIT.gpkg on its own (monitor::AuditSnapshot), for comparing
// audits over time: the layers write_audit_gpkg writes, through the same table
// declarations, so a renamed field fails in a test rather than in a bureau.
#include <string>

#include "parkcap/monitor/snapshot.hpp"

namespace parkcap::report {

/// Throws InputError when `path` cannot be opened, DataError (naming the file,
/// layer, feature and field) when it is not an audit parkcap wrote or a value in
/// it cannot be read back.
monitor::AuditSnapshot read_audit_snapshot(const std::string& path);

}  // namespace parkcap::report
