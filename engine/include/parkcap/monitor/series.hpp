#pragma once
// A time series of audits of one city (monitoring over time): for the city, each
// district and each park, at every audit date, the stock and capacity figures the
// audit found, and, from the second date on, the 处置率 since the audit before.
// The figures are the audits' own (read back with report::read_audit_snapshot);
// the 处置率 of each consecutive pair is compare_audits + disposal_progress, exactly
// what `parkcap compare` reports for that pair.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "parkcap/monitor/disposal.hpp"
#include "parkcap/monitor/snapshot.hpp"

namespace parkcap::monitor {

/// One place at one audit date.
struct SeriesPoint {
    /// The place's figures in that audit; nullopt when the audit does not have the
    /// place (a district or park that appears or disappears between audits).
    std::optional<PlaceFigures> figures;
    /// Since the audit before (nullopt at the first date): of each kind of stock
    /// that audit flagged in this place, how much this one finds disposed of. No
    /// stock flagged is zero figures with a NaN rate.
    std::optional<std::array<DisposalFigures, kStockKindCount>> disposal;
};

struct SeriesPlace {
    PlaceLevel level = PlaceLevel::City;
    std::string code;      ///< district code or park_id; empty for the city
    std::string name;      ///< as the latest audit having the place names it ("全市" for the city)
    std::string district;  ///< a park's district (as the latest audit has it); a district's own code
    std::vector<SeriesPoint> points;  ///< one per audit, in date order
};

struct AuditSeries {
    std::vector<AuditSnapshot> audits;  ///< in date order
    std::vector<SeriesPlace> places;    ///< the city, then districts by code, then parks by park_id
    /// Why a figure of the city is left empty, one line each (an audit written
    /// before district_summary carried the sums a city ratio needs).
    std::vector<std::string> notes;

    std::vector<Date> dates() const;
};

/// The city's figures in one audit, derived from its district rows (every parcel
/// is in exactly one district): 亩 summed, and each ratio computed from its summed
/// numerator and denominator, never by averaging the districts' ratios. The 亩均
/// tax needs the districts' tax_wan and taxed_mu: NaN for an audit without them.
PlaceFigures city_figures(const AuditSnapshot& audit);

/// Puts audits of one city in date order. Throws DataError naming both files when
/// two have the same date or different working CRSs, UsageError when fewer than two.
void order_audits(std::vector<AuditSnapshot>& audits);

/// The series of `audits` (any order; order_audits checks them), with the 处置率
/// of each consecutive pair under `rules` ([monitoring] match_overlap_share).
AuditSeries build_series(std::vector<AuditSnapshot> audits, const rules::Rules& rules);

}  // namespace parkcap::monitor
