#pragma once
// What changed between two audits of one city: which parcels are the same land
// (matched by id and, where ids changed, by overlap), each parcel's change of
// state, each flag new, resolved, persisting or escalated, and what became of every
// piece of stock land the earlier audit flagged.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "parkcap/monitor/snapshot.hpp"
#include "parkcap/rules/rules.hpp"

namespace parkcap::monitor {

/// How the parcels of a match relate. Codes are stable: they are written to files.
enum class MatchKind : uint8_t {
    Same,       ///< one parcel before, one after (its id may have changed: renumbered)
    Split,      ///< one parcel before, several after
    Merged,     ///< several before, one after
    Regrouped,  ///< several before, several after (boundaries redrawn across parcels)
    New,        ///< after only: land not in the earlier audit
    Gone,       ///< before only: land no longer in the data
};
inline constexpr std::array<std::string_view, 6> kMatchKindNames = {"same", "split", "merged", "regrouped", "new", "gone"};

/// Parcels that are the same land in both audits: connected by a shared id or by
/// overlap (rules [monitoring] match_overlap_share).
struct Match {
    MatchKind kind = MatchKind::Same;
    std::vector<uint32_t> before, after;  ///< parcel indices in each snapshot, ascending
    bool renumbered = false;              ///< a Same match whose id changed
};

/// A share of an earlier parcel's land now lying in a later parcel.
struct Link {
    uint32_t before = 0, after = 0;
    bool by_id = false;  ///< the two share an id (else matched by overlap only)
    double share = 1;    ///< of the earlier parcel's land; an earlier parcel's links sum to 1
};

/// What became of a flag from one audit to the next, for one later parcel (or a
/// parcel gone from the data).
enum class FlagChange : uint8_t {
    New,         ///< the later audit flags it, the earlier did not
    Resolved,    ///< the earlier audit flagged it, the later does not
    Persisting,  ///< both flag it
    Escalated,   ///< a later stage of idle land: 供而未用 or suspected → idle fee → take back
    Gone,        ///< flagged before, and the land is no longer in the data
};
inline constexpr std::array<std::string_view, 5> kFlagChangeNames = {"new", "resolved", "persisting", "escalated", "gone"};

struct FlagTransition {
    int64_t before = -1;  ///< the earlier parcel (for a gone one), else -1
    int64_t after = -1;   ///< the later parcel, else -1 (gone)
    audit::FlagCode code{};
    FlagChange change = FlagChange::New;
    std::optional<audit::FlagCode> to;  ///< the stage it escalated to
};

/// The stock a bureau is assessed on disposing of.
enum class StockKind : uint8_t {
    ApprovedUnsupplied,  ///< 批而未供 (APPROVED_UNSUPPLIED)
    Idle,                ///< 闲置土地 found (IDLE_FEE, IDLE_TAKEBACK)
    LowEfficiency,       ///< 低效用地 (LOW_FAR, LOW_COVERAGE, LOW_INVESTMENT, LOW_TAX)
};
inline constexpr std::size_t kStockKindCount = 3;
inline constexpr std::array<std::string_view, kStockKindCount> kStockKindNames = {"approved_unsupplied", "idle",
                                                                                  "low_efficiency"};
inline constexpr std::array<std::string_view, kStockKindCount> kStockKindTitles = {"批而未供", "闲置土地", "低效用地"};

/// How a piece of flagged stock was dealt with by the later audit. The first six
/// are disposals (处置) and count in the 处置率; the others do not.
enum class Disposal : uint8_t {
    Supplied,    ///< 批而未供 land supplied (contract signed; building or built counts too)
    Started,     ///< idle land whose construction started (or resumed, or finished)
    Reserve,     ///< taken back into the land reserve (收回储备)
    Withdrawn,   ///< approval withdrawn (back to planned; for idle land: contract rescinded)
    Replanned,   ///< land use changed by a plan revision (调整规划用途)
    Improved,    ///< low-efficiency land now meeting the floors (提质增效, 再开发)
    Pending,     ///< still flagged as that stock
    Cleared,     ///< no longer flagged, and no change of state says why (an extension, corrected data)
    Gone,        ///< the land is no longer in the data
};
inline constexpr std::size_t kDisposalCount = 9;
inline constexpr std::array<std::string_view, kDisposalCount> kDisposalNames = {
    "supplied", "started", "reserve", "withdrawn", "replanned", "improved", "pending", "cleared", "gone"};
inline constexpr std::array<std::string_view, kDisposalCount> kDisposalTitles = {
    "已供应", "已动工", "收回储备", "撤回批准", "调整规划", "提质增效", "未处置", "标记解除（无状态变化）", "数据中已无此地"};
constexpr bool is_disposal(Disposal d) { return d <= Disposal::Improved; }

/// One piece of stock flagged in the earlier audit: an earlier parcel's share of
/// land in one later parcel (the whole parcel unless it was split or merged).
struct StockPiece {
    uint32_t before = 0;
    int64_t after = -1;  ///< -1: gone
    StockKind kind{};
    audit::FlagCode code{};  ///< the earlier flag that made it stock (the highest idle stage)
    Disposal how = Disposal::Pending;
    double area_mu = 0;
};

/// What a later parcel's change is, for the map: the first that applies.
enum class ChangeClass : uint8_t {
    Escalated,     ///< a flag moved to a later stage of idle land
    NewlyIdle,     ///< idle (fee or take-back) now, not before
    Disposed,      ///< flagged stock disposed of
    Resolved,      ///< a flag resolved without a disposal (or besides one already counted)
    NewlyFlagged,  ///< another flag new
    Persisting,    ///< flagged before and now, no change
    Unchanged,     ///< flagged neither time
    NewLand,       ///< a parcel the earlier audit did not have
    Gone,          ///< a parcel no longer in the data
};
inline constexpr std::size_t kChangeClassCount = 9;
struct ChangeClassInfo {
    std::string_view name, zh, en;
    uint32_t colour;  ///< 0xRRGGBB, the QGIS style's and the viewer's
};
inline constexpr std::array<ChangeClassInfo, kChangeClassCount> kChangeClasses = {{
    {"escalated", "闲置升级", "idle stage escalated", 0xb2182b},
    {"newly_idle", "新增闲置", "newly idle", 0xef6548},
    {"disposed", "已处置", "disposed", 0x1a9850},
    {"resolved", "问题解除", "flag resolved", 0x91cf60},
    {"newly_flagged", "新增问题", "newly flagged", 0xfdae61},
    {"persisting", "问题持续", "still flagged", 0xfee08b},
    {"unchanged", "无变化", "unchanged", 0xdddddd},
    {"new", "新增地块", "new parcel", 0x74add1},
    {"gone", "地块已无", "parcel gone", 0x999999},
}};

struct Changes {
    Date before_as_of, after_as_of;
    std::vector<Match> matches;
    std::vector<Link> links;               ///< by earlier parcel, then later
    std::vector<int32_t> match_of_before;  ///< index into matches
    std::vector<int32_t> match_of_after;
    std::vector<FlagTransition> flags;     ///< by later parcel, then gone parcels
    std::vector<StockPiece> stock;         ///< by earlier parcel
    /// Per later parcel: stock disposed into it (亩, each earlier parcel's land
    /// counted once whatever its kinds) and its class on the map.
    std::vector<double> disposed_mu;
    std::vector<ChangeClass> change_class;

    std::array<std::size_t, kMatchKindNames.size()> match_counts() const;
};

/// Land that changed state, earlier status → later status: the parcel links and
/// the 亩 (each earlier parcel's share of land) of each pair, largest first.
struct StatusTransition {
    Status from{}, to{};
    std::size_t links = 0;
    double area_mu = 0;
};
std::vector<StatusTransition> status_transitions(const AuditSnapshot& before, const Changes& changes,
                                                 const AuditSnapshot& after);

/// Matches the parcels of two audits of one city and says what changed. Throws
/// DataError when they cannot be compared (other working CRSs, the later one not
/// later than the earlier).
Changes compare_audits(const AuditSnapshot& before, const AuditSnapshot& after, const rules::MonitoringRules& rules);

}  // namespace parkcap::monitor
