#pragma once
// audit(City, Rules, as_of) → Audit: every idle and inefficient parcel flagged
// with the rule and the figures behind the flag, each park's capacity, each
// district's stock and earned quota, and the use of the port shoreline.
#include <array>
#include <span>
#include <cstdint>
#include <string>
#include <vector>

#include "parkcap/core/date.hpp"
#include "parkcap/core/progress.hpp"
#include "parkcap/model/city.hpp"
#include "parkcap/rules/rules.hpp"

namespace parkcap::audit {

/// The rules a parcel can break. Codes are stable: they are written to files.
enum class FlagCode : uint8_t {
    IdleTakeback,        ///< IDLE_TAKEBACK: idle two years or more (Order 53 Art. 14 (2))
    IdleFee,             ///< IDLE_FEE: idle one to two years (Art. 14 (1))
    IdleSuspect,         ///< IDLE_SUSPECT: halted a year or more, developed share/investment unknown
    ApprovedUnsupplied,  ///< APPROVED_UNSUPPLIED: 批而未供, with its age band
    SuppliedUnused,      ///< SUPPLIED_UNUSED: 供而未用 watch list, days until idle
    LowFar,              ///< LOW_FAR: floor-area ratio below the industry minimum
    LowCoverage,         ///< LOW_COVERAGE: building coverage below the minimum
    LowInvestment,       ///< LOW_INVESTMENT: investment intensity below the park level's minimum
    LowTax,              ///< LOW_TAX: tax per 亩 below the floor
    PhaseOut,            ///< PHASE_OUT: industry on the phase-out list
    ChemOutsidePark,     ///< CHEM_OUTSIDE_PARK: chemical enterprise outside a certified chemical park
    ChemNearShore,       ///< CHEM_NEAR_SHORE: chemical enterprise within the distance of the Yangtze shoreline
};
inline constexpr int kFlagCodeCount = 12;

enum class FlagSeverity : uint8_t { Info, Low, Medium, High };

const char* code_name(FlagCode);        ///< "IDLE_TAKEBACK"
const char* flag_title_zh(FlagCode);    ///< "闲置满两年"
const char* flag_title_en(FlagCode);
const char* severity_name(FlagSeverity);

/// One finding on one parcel, with the figures its reason quotes. Text is
/// rendered from these on demand (reason_zh/en) so a million flags stay small.
struct Flag {
    uint32_t parcel = 0;
    FlagCode code{};
    FlagSeverity severity{};
    uint8_t band = 0;        ///< APPROVED_UNSUPPLIED age band (0,1,2); idle kind (0 not started, 1 halted)
    double value = 0;        ///< the parcel's figure (FAR, ratio, 万元/亩, days...)
    double threshold = 0;    ///< the rule's figure it was compared with
    double value2 = 0;       ///< a second figure when the rule has one (investment share for halted idle)
    int32_t days = 0;        ///< idle days / age in days / days until idle
    Date since;              ///< when the condition began (idle since, approved on)
    double reclaimable_m2 = 0;
};

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
    std::array<double, 3> approved_band_area_m2{};        ///< 批而未供 area by age band
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

/// A shoreline segment's use.
struct ShoreUse {
    double length_m = 0;
    double developed_m = 0;       ///< port shoreline within the distance of a built/building parcel
    std::vector<uint32_t> near_parks;  ///< parks within rules.shoreline.park_port_distance_m
};

struct ShorelineTotals {
    std::array<double, 4> length_by_zone_m{};  ///< indexed by ShoreZone
    double port_m = 0, port_developed_m = 0, port_undeveloped_m = 0;
};

struct Audit {
    Date as_of;
    std::string rules_source, rules_version;
    std::vector<Flag> flags;  ///< grouped by parcel, in parcel order
    ParcelAudit parcels;
    std::vector<Capacity> parks;          ///< indexed like City::parks
    std::vector<double> park_port_shore_m;  ///< port shoreline within reach of each park
    std::vector<DistrictAudit> districts; ///< indexed like City::districts
    std::vector<ShoreUse> shoreline;      ///< indexed like City::shoreline
    ShorelineTotals shore_totals;
    Capacity city;

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

/// The reason for a flag, in Chinese and English, quoting the figures and the
/// threshold, e.g. "容积率 0.42 < 1.0（C34 最低值）" / "FAR 0.42 below 1.0 minimum for C34".
std::string reason_zh(const Flag& flag, const City& city, const rules::Rules& rules);
std::string reason_en(const Flag& flag, const City& city, const rules::Rules& rules);
/// What the rule calls for.
std::string disposal_zh(const Flag& flag, const rules::Rules& rules);
std::string disposal_en(const Flag& flag, const rules::Rules& rules);

}  // namespace parkcap::audit
