#pragma once
// Internal: AUDIT.gpkg's tables, each declared once (report/table.hpp). The writer
// (audit_report.cpp) writes them to the GeoPackage and to CSV; the reader
// (audit_reader.cpp) finds its fields through the same schemas.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "parkcap/audit/audit.hpp"
#include "parkcap/audit/review.hpp"
#include "table.hpp"

namespace parkcap::report::detail {

/// What every row of the audit's tables is written from.
struct AuditContext {
    const City& city;
    const audit::Audit& audit;
    const rules::Rules& rules;
    /// The review of a plan's land-supply conditions (达产复核), when the audit was
    /// given them: the review table is written only then.
    const std::vector<audit::ReviewRow>* review = nullptr;
    /// The disposals, rendered once for all rows.
    audit::DisposalTexts disposals = audit::DisposalTexts(rules);
};

/// One parcel with what its row shows, computed once per parcel. One object is
/// reused for every parcel, so a million rows do not allocate a million times.
struct ParcelRow {
    const AuditContext* cx = nullptr;
    std::size_t parcel = 0;
    std::span<const audit::Flag> flags;
    const audit::Flag* primary = nullptr;  ///< the flag a map colours the parcel by
    std::string codes, reason_zh, reason_en, dispose_zh, dispose_en;
    int64_t idle_days = -1, days_to_idle = -1;  ///< -1: none

    /// Moves to parcel `i`.
    void set(std::size_t i);
};

struct FlagRow {
    const AuditContext* cx;
    const audit::Flag* flag;
};
struct ParkRow {
    const AuditContext* cx;
    std::size_t park;
};
struct DistrictRow {
    const AuditContext* cx;
    std::size_t district;
};
struct ShoreRow {
    const AuditContext* cx;
    std::size_t segment;
};
struct WarningRow {
    const AuditContext* cx;
    const audit::EarlyWarning* warning;
};
struct ReviewRowOf {
    const audit::ReviewRow* row;
};
/// A row of data_quality: a parcel field (`rule_total` empty), or the parcels one
/// rule could not be applied to for one reason.
struct QualityRow {
    const AuditContext* cx;
    std::optional<audit::QualityField> field;
    const audit::RuleGapTotal* rule_total = nullptr;
};

const Table<ParcelRow>& parcel_flags_table();
const Table<FlagRow>& flag_details_table();
const Table<ParkRow>& park_capacity_table();
const Table<DistrictRow>& district_summary_table();
const Table<ShoreRow>& shoreline_use_table();
const Table<QualityRow>& data_quality_table();
const Table<WarningRow>& early_warnings_table();
const Table<ReviewRowOf>& review_table();
/// The audit's run_info table (report/table.hpp's, with the audit's description).
Table<KeyValue> audit_run_info_table();

/// Every table of AUDIT.gpkg with its rows, in layer order. `progress` follows the
/// parcels as they are written.
std::vector<FilledTable> audit_tables(const AuditContext& cx, const ProgressFn& progress);

}  // namespace parkcap::report::detail
