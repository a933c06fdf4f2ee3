#pragma once
// audit(City, Rules, as_of) → Audit: every idle and inefficient parcel flagged
// with the rule and the figures behind the flag, each park's capacity, each
// district's stock and earned quota, and the use of the port shoreline.
#include <array>
#include <span>
#include <cstdint>
#include <string>
#include <vector>

#include "parkcap/audit/data_quality.hpp"
#include "parkcap/audit/flags.hpp"
#include "parkcap/core/date.hpp"
#include "parkcap/core/progress.hpp"
#include "parkcap/model/city.hpp"
#include "parkcap/rules/rules.hpp"

namespace parkcap::audit {

/// 亩均效益 class of a parcel.
enum class MujunClass : uint8_t { None, A, B, C, D, T };
const char* class_name(MujunClass);  ///< "A", "B", "C", "D", "T", ""

/// Per-parcel results, indexed like City::parcels.
struct ParcelAudit {
    std::vector<uint32_t> first_flag;     ///< flags of parcel i: [first_flag[i], first_flag[i+1]) in Audit::flags
    std::vector<MujunClass> mujun_class;
    std::vector<float> mujun_score;       ///< NaN when not rated
    std::vector<float> port_distance_m;   ///< to the nearest port-suitable shoreline; NaN when none
    std::vector<float> reclaimable_m2;    ///< the largest reclaimable area among its flags
    /// 1 when within rules.policy.chem_shore_distance_m of any shoreline (the
    /// Yangtze bank, every zone; the distance itself within), else 0.
    std::vector<uint8_t> near_shore;
};

/// Capacity figures of a park or a district. Areas in m²; money in 万元.
struct Capacity {
    double boundary_area_m2 = 0;  ///< park polygon (0 for districts without boundary)
    double parcel_area_m2 = 0;
    std::array<double, kStatusCount> area_by_status_m2{};  ///< indexed by Status
    uint64_t parcels = 0;
    /// Parcels kept as incomplete (a required attribute empty or unusable, docs/data.md)
    /// and their area: in every total above, but outside the rules that need the value.
    uint64_t incomplete_parcels = 0;
    double incomplete_m2 = 0;
    double supply_ready_m2 = 0;   ///< approved + reserve + idle land to take back: no new quota needed
    double idle_m2 = 0;           ///< idle (fee or take-back)
    double reclaimable_m2 = 0;
    double planned_m2 = 0;        ///< needs new quota
    double low_efficiency_m2 = 0;
    double built_industrial_m2 = 0;
    double tax_wan = 0, output_wan = 0;  ///< of built industrial parcels with figures
    double tax_area_m2 = 0, output_area_m2 = 0;  ///< area behind those sums
    std::array<uint32_t, kFlagCodeCount> flag_counts{};   ///< parcels carrying each flag
    std::array<double, kFlagCodeCount> flag_area_m2{};    ///< their area
    /// 批而未供 area by age band: approved.age_band_years.size() + 1 bands (undated land in none).
    std::vector<double> approved_band_area_m2;
    uint32_t becoming_idle_within_90_days = 0;            ///< SUPPLIED_UNUSED with days ≤ 90

    double utilisation() const;      ///< (building + built) ÷ parcel area
    double supply_ratio() const;     ///< (supplied + building + built) ÷ (approved + supplied + building + built)
    double tax_wan_per_mu() const;   ///< NaN when no figures
    double output_wan_per_mu() const;
};

struct DistrictAudit {
    Capacity capacity;
    double disposable_m2 = 0;     ///< stock land counted as disposal under 增存挂钩 (rules.quota.disposal_kinds)
    double quota_earned_mu = 0;   ///< disposable 亩 × rules.quota.earned_mu_per_mu_disposed
};

inline constexpr uint32_t kNoPark = UINT32_MAX;

/// Who fronts a stretch of shoreline: a park's built/building land (or, with
/// park == kNoPark, port-use parcels outside parks), the parcels whose projection
/// onto the line reaches it, and the length they front.
struct Frontage {
    uint32_t park = kNoPark;
    std::vector<uint32_t> parcels;  ///< parcel rows, ascending
    double length_m = 0;            ///< of this segment fronted by them
    bool port_use = false;          ///< only port-use parcels (rules.shoreline.port_use_prefixes) counted
};

/// A shoreline segment's use.
struct ShoreUse {
    double length_m = 0;
    /// Port segments: the length fronted by built/building land (the union of
    /// the frontages), rules.shoreline.frontage_*. 0 on other segments.
    double developed_m = 0;
    /// Port segments read by the plan's zones: the fronted length in the
    /// development and controlled-use zones; 0 in the reserve zone (undeveloped
    /// by the plan's definition whatever lies behind) and the protect zone (no
    /// port use allowed).
    double zone_developed_m = 0;
    /// Protect-zone segments: the length fronted by port-use land (a conflict).
    double conflict_m = 0;
    std::vector<Frontage> frontages;   ///< by park, in park order (kNoPark last)
    std::vector<uint32_t> near_parks;  ///< parks within rules.shoreline.park_port_distance_m
};

struct ShorelineTotals {
    std::array<double, 4> length_by_zone_m{};  ///< indexed by ShoreZone
    /// Port shoreline, and its developed part by frontage (ShoreUse::developed_m),
    /// whatever the zone.
    double port_m = 0, port_developed_m = 0, port_undeveloped_m = 0;
    /// By zone, indexed by ShoreZone: port shoreline and its fronted part.
    std::array<double, 4> port_by_zone_m{}, port_fronted_by_zone_m{};
    /// The plan's reading (ShoreUse::zone_developed_m): developed = fronted in the
    /// development and controlled-use zones; undeveloped = the rest of those
    /// zones and all of the reserve zone; the protect zone's port shoreline is
    /// neither (closed to port use), so developed + undeveloped + protect = port.
    double zone_developed_m = 0, zone_undeveloped_m = 0;
    double conflict_m = 0;  ///< protect-zone shoreline fronted by port use
};

/// A park's port shoreline (docs/audit.md, "Capacity and shoreline"), what a riverfront project (临江项目) needs.
struct ParkShore {
    /// Of its port shoreline in reach (Audit::park_port_shore_m), the part
    /// developed by frontage (by any park or port use), and by the plan's zones
    /// (fronted, in the development and controlled-use zones).
    double port_developed_m = 0, port_zone_developed_m = 0;
    /// The park's supply-ready stock (approved, reserve, idle to take back) and
    /// planned land behind its undeveloped port shoreline: parcels whose
    /// projection onto the line falls on an undeveloped stretch within
    /// rules.shoreline.frontage_reach_m of the park.
    double stock_behind_m2 = 0, planned_behind_m2 = 0;
    uint32_t stock_behind = 0, planned_behind = 0;
    /// The park's parcels (any status) within rules.policy.chem_shore_distance_m
    /// of the shoreline, any zone (ParcelAudit::near_shore: the Yangtze Protection
    /// Law's 1 km), and their area.
    uint32_t near_shore = 0;
    double near_shore_m2 = 0;
};

/// Early warnings (预警): a parcel's deadline that falls after the audit date and
/// within rules.warnings.horizon_days of it, for the bureau to act before it.
enum class WarningKind : uint8_t {
    StartDue,         ///< START_DUE: supplied, not started, the agreed start falls due
    BecomesIdle,      ///< BECOMES_IDLE: the date it becomes idle land (闲置, the fee stage)
    BecomesTakeback,  ///< BECOMES_TAKEBACK: the date it reaches the take-back stage
    ApprovalLapses,   ///< APPROVAL_LAPSES: approved, not supplied, the approval lapses
};
const char* warning_key(WarningKind);  ///< "START_DUE", ... as written to files

struct EarlyWarning {
    uint32_t parcel = 0;
    WarningKind kind = WarningKind::StartDue;
    Date due;           ///< the deadline
    int32_t days = 0;   ///< from the audit date to the deadline (≥ 1)
};

struct Audit {
    Date as_of;
    std::string rules_source, rules_version;
    std::vector<Flag> flags;  ///< grouped by parcel, in parcel order
    ParcelAudit parcels;
    std::vector<Capacity> parks;          ///< indexed like City::parks
    std::vector<double> park_port_shore_m;  ///< port shoreline within reach of each park
    std::vector<ParkShore> park_shore;      ///< indexed like City::parks
    std::vector<DistrictAudit> districts; ///< indexed like City::districts
    std::vector<ShoreUse> shoreline;      ///< indexed like City::shoreline
    ShorelineTotals shore_totals;
    Capacity city;
    /// The parcels a rule could not be applied to, grouped by parcel in parcel
    /// order, and their totals (the data_quality layer).
    std::vector<Gap> gaps;
    DataQuality quality;
    /// Deadlines within rules.warnings.horizon_days, by date, then parcel, then kind.
    std::vector<EarlyWarning> warnings;

    std::span<const Flag> flags_of(std::size_t parcel) const {
        return {flags.data() + parcels.first_flag[parcel], flags.data() + parcels.first_flag[parcel + 1]};
    }
};

struct AuditOptions {
    Date as_of;
    unsigned threads = 0;  ///< 0: all cores
};

/// Runs every rule on every parcel. Pure: reads the city and the rules, no I/O.
Audit run_audit(const City& city, const rules::Rules& rules, const AuditOptions& options, const ProgressFn& progress = {});

/// Whether disposing of parcel `i` earns quota under 增存挂钩: a finding of
/// rules.quota.disposal_kinds on land approved within the last window_years
/// before the audit's date. The audit's DistrictAudit::disposable_m2 sums it; a
/// plan earns quota for the part of it that it places projects on.
bool counts_as_disposal(const Audit& audit, const City& city, std::size_t i, const rules::Rules& rules);

/// What an early warning says, in Chinese and English, with its date, the days
/// left and what to do, e.g. "2026-08-01 起满足闲置认定（32 天后）：…".
std::string warning_text_zh(const EarlyWarning& warning, const City& city, const rules::Rules& rules);
std::string warning_text_en(const EarlyWarning& warning, const City& city, const rules::Rules& rules);

/// The reason for a flag, in Chinese and English, quoting the figures and the
/// threshold, e.g. "容积率 0.42 < 1.0（C34 最低值）" / "FAR 0.42 below 1.0 minimum for C34":
/// its catalogue template for the flag's cause (kFlags), filled from the flag's
/// figures, the entry of the rules it recorded and the figures of the rules it
/// quotes. Nothing is decided again: the cause and the entry are the flag's.
std::string reason_zh(const Flag& flag, const City& city, const rules::Rules& rules);
std::string reason_en(const Flag& flag, const City& city, const rules::Rules& rules);
/// What the rule calls for (the catalogue's disposal for the flag's cause).
std::string disposal_zh(const Flag& flag, const rules::Rules& rules);
std::string disposal_en(const Flag& flag, const rules::Rules& rules);

/// Every disposal of the catalogue rendered once for `rules`: a disposal quotes the
/// rules only, never the flag's figures, so the writers of a million flags share a
/// few dozen texts instead of rendering each (disposal_zh/en give the same text).
/// The constructor throws std::logic_error if a disposal template quotes a flag's
/// own figures: that one could not be shared.
class DisposalTexts {
public:
    explicit DisposalTexts(const rules::Rules& rules);
    const std::string& zh(const Flag& flag) const { return text(flag, 0); }
    const std::string& en(const Flag& flag) const { return text(flag, 1); }

private:
    const std::string& text(const Flag& flag, int language) const;
    std::vector<std::string> texts_;  ///< [code][cause][language]
};

}  // namespace parkcap::audit
