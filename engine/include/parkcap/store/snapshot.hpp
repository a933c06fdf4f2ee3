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

/// One layer of a stored snapshot, rows in order, each row's fields as JSON text
/// (what `psql` or a reader of the snapshot sees).
std::vector<std::string> snapshot_rows(Connection& c, const std::string& kind, int64_t id, const std::string& layer);

}  // namespace parkcap::store
