#pragma once
// Disposal progress (处置率) between two audits: of the stock the earlier audit
// flagged, how much the later one finds disposed of and how, per park, district
// and city; 批而未供 by approval-year cohort; and the 增存挂钩 consequence for each
// district's next-period quota.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "parkcap/model/city.hpp"
#include "parkcap/monitor/changes.hpp"

namespace parkcap::monitor {

/// Stock of one kind at one place: flagged in the earlier audit, and where it went.
struct DisposalFigures {
    std::size_t flagged_parcels = 0;
    double flagged_mu = 0;
    std::array<double, kDisposalCount> by{};  ///< 亩, by Disposal

    double disposed_mu() const;
    /// 处置率: disposed ÷ flagged; NaN when nothing was flagged.
    double rate() const;
    void add(const StockPiece& piece);
};

enum class PlaceLevel : uint8_t { City, District, Park };
inline constexpr std::array<std::string_view, 3> kPlaceLevelNames = {"city", "district", "park"};

/// One place's disposal progress, each kind of stock apart.
struct PlaceDisposal {
    PlaceLevel level = PlaceLevel::City;
    std::string code;  ///< district code or park_id; empty for the city
    std::string name;
    std::array<DisposalFigures, kStockKindCount> by_kind;
};

/// 批而未供 approved in one year (0: no approval date), in one district or the city.
struct CohortRow {
    PlaceLevel level = PlaceLevel::City;
    std::string district, name;
    int year = 0;
    DisposalFigures figures;
};

/// What a district's disposal means for its next-period quota (增存挂钩).
struct QuotaConsequence {
    std::string district, name;
    double approved_rate = 0, idle_rate = 0;  ///< NaN: no such stock to dispose of
    bool approved_met = false, idle_met = false;
    /// +reward_share when both tasks are met, −penalty_share when either is missed.
    double adjustment_share = 0;
    /// Stock of the quota's disposal_kinds disposed in the period, within the
    /// quota window, and the quota it earns (quota.earned_mu_per_mu_disposed).
    double disposed_for_quota_mu = 0, earned_mu = 0;
    /// With the period's quota table: its quota, and next period's (adjusted).
    std::optional<double> quota_mu, next_quota_mu;
};

struct DisposalProgress {
    std::vector<PlaceDisposal> places;  ///< the city, then districts, then parks, by code
    std::vector<CohortRow> cohorts;     ///< the city's cohorts by year, then each district's
    std::vector<QuotaConsequence> quota;
};

/// `quota`: the period's quota table (load_quota_table), or null. A district
/// without stock of a kind has nothing to dispose of and meets that task.
DisposalProgress disposal_progress(const AuditSnapshot& before, const AuditSnapshot& after, const Changes& changes,
                                   const rules::Rules& rules, const City* quota = nullptr);

}  // namespace parkcap::monitor
