#pragma once
// write(changes): CHANGES.gpkg, what `parkcap compare` found between two audits:
// parcel_changes (every parcel of the later audit and every parcel gone, with its
// match, state change, flag changes and stock disposed; styled by change),
// flag_changes, disposal (处置率 per city, district and park), disposal_cohorts
// (批而未供 by approval year), quota_consequence (增存挂钩) and run_info; the same
// tables as CSV for Excel; and the next period's quota table.
#include <string>

#include "parkcap/monitor/disposal.hpp"
#include "parkcap/report/table_writer.hpp"

namespace parkcap::report {

struct ComparisonResult {
    const monitor::AuditSnapshot& before;
    const monitor::AuditSnapshot& after;
    const monitor::Changes& changes;
    const monitor::DisposalProgress& progress;
    const rules::Rules& rules;
};

/// Writes CHANGES.gpkg atomically (a temporary file renamed into place).
void write_changes_gpkg(const std::string& path, const ComparisonResult& result);
/// Writes the same tables (parcel_changes without geometry) as CSV into `dir`.
void write_changes_csv(const std::string& dir, const ComparisonResult& result);
/// The same tables to any destination (the store's snapshot of a comparison).
void write_changes_tables(TableDestination& out, const ComparisonResult& result);
/// Writes the next period's quota table (district, quota_mu, earned_mu, name) in
/// the form `--quota` reads: each district's quota adjusted by the 增存挂钩
/// consequence, and the quota its disposals earned as earned_mu. Needs the
/// period's quota table (DisposalProgress::quota with quota_mu).
void write_next_quota_csv(const std::string& path, const ComparisonResult& result);

}  // namespace parkcap::report
