#pragma once
// `--store`: an audit's or a plan's output tables written back into the store as
// one new dated snapshot (audits/audit_rows, plans/plan_rows), the same tables the
// GeoPackage holds, row for row. A snapshot is never changed once written.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parkcap/allocate/allocate.hpp"
#include "parkcap/audit/audit.hpp"
#include "parkcap/audit/review.hpp"
#include "parkcap/monitor/snapshot.hpp"
#include "parkcap/report/changes_report.hpp"
#include "parkcap/report/evaluation_report.hpp"
#include "parkcap/store/connection.hpp"

namespace parkcap::store {

/// The import the store's land comes from now (what a run on it read); 0 when none.
int64_t latest_import(Connection& c);

/// The date of the audit stored last ("" when none): the date a planner's edits
/// judge the land at unless told otherwise.
std::string latest_audit_date(Connection& c);

/// Writes the audit as a new snapshot dated audit.as_of, and its run in the
/// decision log; returns its audit_id.
int64_t store_audit(Connection& c, const City& city, const audit::Audit& audit, const rules::Rules& rules,
                    const std::vector<audit::ReviewRow>* review = nullptr);

/// Writes the plan as a new snapshot dated `as_of` (the solver run in the decision
/// log), linked to `audit_id` when the
/// audit was stored with it; returns its plan_id.
int64_t store_plan(Connection& c, const City& city, const allocate::Plan& plan, const rules::Rules& rules, Date as_of,
                   std::optional<int64_t> audit_id = std::nullopt);

/// Writes a comparison of two audits (parkcap compare) as a new snapshot; the
/// audits are named by their source (a stored audit's address, or a file's path).
int64_t store_comparison(Connection& c, const report::ComparisonResult& result);

/// Writes an evaluation (parkcap evaluate) as a new snapshot dated its as-of date.
int64_t store_evaluation(Connection& c, const report::EvaluationResult& result);

/// One layer of a stored snapshot, rows in order, each row's fields as JSON text
/// (what `psql` or a reader of the snapshot sees). `kind`: audit, plan, comparison
/// or evaluation.
std::vector<std::string> snapshot_rows(Connection& c, const std::string& kind, int64_t id, const std::string& layer);

/// A stored audit named by its address: "PG:... audit=ID" (its audit_id) or
/// "PG:... audit=YYYY-MM-DD" (the latest stored audit of that date), read back as an
/// AUDIT.gpkg is (report::read_audit_snapshot), so `compare`, `series`, `evaluate
/// --since` and the viewer's --since take either. Without `audit=` the error lists
/// the stored audits.
monitor::AuditSnapshot read_stored_audit(const std::string& address);
/// The address without its audit= key: the store's connection.
std::string without_audit_key(const std::string& address);

}  // namespace parkcap::store
