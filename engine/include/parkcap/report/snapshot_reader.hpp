#pragma once
// Reading a saved AUDIT.gpkg on its own (monitor::AuditSnapshot), for comparing
// audits over time: the layers write_audit_gpkg writes, through the same table
// declarations, so a renamed field fails in a test rather than in a bureau.
#include <string>

#include "parkcap/monitor/snapshot.hpp"

namespace parkcap::report {

namespace detail {
class TableSource;
}

/// Throws InputError when `path` cannot be opened, DataError (naming the file,
/// layer, feature and field) when it is not an audit parkcap wrote or a value in
/// it cannot be read back.
monitor::AuditSnapshot read_audit_snapshot(const std::string& path);
/// The same from any source of parkcap's tables (the store's audit snapshots:
/// store::read_stored_audit).
monitor::AuditSnapshot read_audit_snapshot(detail::TableSource& source);

}  // namespace parkcap::report
