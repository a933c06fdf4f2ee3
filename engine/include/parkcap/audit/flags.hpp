#pragma once
// The audit's flags, catalogued once: every code with its name in files, its
// titles, its count column, its place and colour on the map, its severity, and the
// texts of its reasons and disposals. The writers, the QGIS styles, the command
// line and the viewer all read this table, so they cannot disagree (as GEOS keeps
// each TopologyValidationError's message beside its enum).
//
// Adding a flag: a FlagCode, a row of kFlags (in code order), and one rule
// function in engine/src/audit/audit.cpp (docs/DEVELOPING.md).
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "parkcap/core/date.hpp"
#include "parkcap/model/city.hpp"

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

/// Which sub-condition of its rule a flag fired on (Flag::cause), so that its text
/// says why without deciding again. One enum per rule that has more than one way
/// to fire; the others always record 0.
enum class IdleCause : uint8_t {
    NotStarted,       ///< not started a year after the agreed start
    HaltedDeveloped,  ///< started, halted; developed share under the rule's share
    HaltedInvested,   ///< started, halted; investment under the rule's share of the promise
    HaltedBoth,       ///< started, halted; both shares under the rule's
};
enum class ApprovedCause : uint8_t {
    FirstBand,  ///< younger than the first age band's bound
    LaterBand,  ///< in a later age band
    Undated,    ///< no approval date on record
};
enum class SuppliedCause : uint8_t {
    StartAhead,   ///< the agreed start is still ahead
    StartPassed,  ///< the agreed start has passed (by less than the idle period)
    NoStartDue,   ///< no agreed start on record
};
enum class ChemParkCause : uint8_t {
    OutsideParks,     ///< in no park at all
    InNonChemical,    ///< in a park that is not a certified chemical park
};
template <class Cause>
constexpr uint8_t cause_value(Cause c) { return static_cast<uint8_t>(c); }

/// How capacity counts a flag's land.
enum class FlagGroup : uint8_t {
    Idle,           ///< 闲置土地 found (fee or take-back): counts as idle land
    Watch,          ///< not a finding yet: suspected idle, 供而未用
    Stock,          ///< 批而未供
    LowEfficiency,  ///< 低效用地: counts as low-efficiency land
    Policy,         ///< industrial policy conflicts
};

/// A text in the two languages of the outputs.
struct FlagText {
    const char* zh = nullptr;
    const char* en = nullptr;
};

/// The most causes a rule has (IdleCause).
inline constexpr std::size_t kMaxCauses = 4;

/// One row of the catalogue.
///
/// Reasons and disposals are templates, one per cause (a cause left empty uses the
/// first), rendered by reason_zh/en and disposal_zh/en from the flag's recorded
/// figures: {since} {days} {value} {threshold} {value2} (a spec may follow a colon,
/// {value:.2f}), {value_pct} {threshold_pct} (× 100), {value_share} {value2_share}
/// (20%, 1/3), {age_years}, {band} (the recorded age band), {industry}, {park_name},
/// {park_level} (the recorded investment level), {entry_code} {entry_name} (the
/// recorded rules entry); and the rules' own figures they quote: {fee_years}
/// {takeback_years} {halted_years} {not_started_years} (with {fee_years_s} and
/// {takeback_years_s}, "s" unless 1), {dev_ratio_below} {inv_ratio_below},
/// {fee_percent}.
struct FlagInfo {
    FlagCode code;
    const char* name;          ///< "IDLE_TAKEBACK": written to files, stable
    FlagText title;            ///< the one title of the flag, everywhere
    const char* count_column;  ///< park_capacity / district_summary column counting it (≤ 10 characters: DBF)
    uint8_t map_rank;          ///< a map shows a parcel by its flag of the lowest rank
    uint32_t colour;           ///< 0xRRGGBB: its fill in QGIS and in the viewer
    std::optional<FlagSeverity> severity;  ///< every flag of the code has it; nullopt: set by the rule
    FlagGroup group;
    std::array<FlagText, kMaxCauses> reason;
    std::array<FlagText, kMaxCauses> disposal;
};

// clang-format off
inline constexpr std::array<FlagInfo, kFlagCodeCount> kFlags = {{
    {FlagCode::IdleTakeback, "IDLE_TAKEBACK", {"闲置满两年", "idle two years or more"}, "n_idle_tb",
     0, 0xc0162c, FlagSeverity::High, FlagGroup::Idle,
     {{{"约定动工日期 {since} 起 {days} 天未动工（满 {takeback_years} 年）",
        "not started {days} days after the agreed start {since} (≥ {takeback_years} year{takeback_years_s})"},
       {"已动工但 {since} 起停工 {days} 天（满 {takeback_years} 年），开发面积占比 {value_share} < {dev_ratio_below}",
        "started but halted {days} days since {since} (≥ {takeback_years} year{takeback_years_s}); developed share "
        "{value_share} below {dev_ratio_below}"},
       {"已动工但 {since} 起停工 {days} 天（满 {takeback_years} 年），已投资额占比 {value2_share} < {inv_ratio_below}",
        "started but halted {days} days since {since} (≥ {takeback_years} year{takeback_years_s}); investment "
        "{value2_share} of the promise, below {inv_ratio_below}"},
       {"已动工但 {since} 起停工 {days} 天（满 {takeback_years} 年），开发面积占比 {value_share} < {dev_ratio_below}，"
        "已投资额占比 {value2_share} < {inv_ratio_below}",
        "started but halted {days} days since {since} (≥ {takeback_years} year{takeback_years_s}); developed share "
        "{value_share} below {dev_ratio_below}; investment {value2_share} of the promise, below {inv_ratio_below}"}}},
     {{{"无偿收回国有建设用地使用权（闲置土地处置办法第十四条）", "take back without compensation (Order 53, Art. 14)"}}}},
    {FlagCode::IdleFee, "IDLE_FEE", {"闲置满一年", "idle one to two years"}, "n_idle_fee",
     3, 0xd73027, FlagSeverity::Medium, FlagGroup::Idle,
     {{{"约定动工日期 {since} 起 {days} 天未动工（满 {fee_years} 年）",
        "not started {days} days after the agreed start {since} (≥ {fee_years} year{fee_years_s})"},
       {"已动工但 {since} 起停工 {days} 天（满 {fee_years} 年），开发面积占比 {value_share} < {dev_ratio_below}",
        "started but halted {days} days since {since} (≥ {fee_years} year{fee_years_s}); developed share "
        "{value_share} below {dev_ratio_below}"},
       {"已动工但 {since} 起停工 {days} 天（满 {fee_years} 年），已投资额占比 {value2_share} < {inv_ratio_below}",
        "started but halted {days} days since {since} (≥ {fee_years} year{fee_years_s}); investment "
        "{value2_share} of the promise, below {inv_ratio_below}"},
       {"已动工但 {since} 起停工 {days} 天（满 {fee_years} 年），开发面积占比 {value_share} < {dev_ratio_below}，"
        "已投资额占比 {value2_share} < {inv_ratio_below}",
        "started but halted {days} days since {since} (≥ {fee_years} year{fee_years_s}); developed share "
        "{value_share} below {dev_ratio_below}; investment {value2_share} of the promise, below {inv_ratio_below}"}}},
     {{{"按土地出让或划拨价款的 {fee_percent:.0f}% 征缴土地闲置费；满 {takeback_years} 年可无偿收回",
        "levy an idle fee of {fee_percent:.0f}% of the land price; may be taken back at {takeback_years} years"}}}},
    {FlagCode::IdleSuspect, "IDLE_SUSPECT", {"疑似闲置", "suspected idle"}, "n_idle_sus",
     6, 0xf4a582, FlagSeverity::Low, FlagGroup::Watch,
     {{{"{since} 起停工 {days} 天（满 {halted_years} 年），开发面积占比和投资占比均无数据，无法认定",
        "halted {days} days since {since} (≥ {halted_years} year), but neither developed share nor investment is "
        "on record to decide"}}},
     {{{"核实开发面积和投资情况，认定是否闲置", "verify developed area and investment to decide whether it is idle"}}}},
    {FlagCode::ApprovedUnsupplied, "APPROVED_UNSUPPLIED", {"批而未供", "approved, not supplied"}, "n_appr",
     5, 0xfed926, std::nullopt, FlagGroup::Stock,
     {{{"{since} 批准，至今 {age_years:.1f} 年未供地（{band}）",
        "approved {since}, not supplied for {age_years:.1f} years ({band})"},
       {},
       {"批而未供，批准日期不详", "approved, not supplied; approval date unknown"}}},
     {{{"限期供地", "supply within the time limit"},
       {"加快供地或按规定核减、调整用地批准（增存挂钩处置）", "speed up supply or revise the approval (增存挂钩 disposal)"},
       {"加快供地或按规定核减、调整用地批准（增存挂钩处置）", "speed up supply or revise the approval (增存挂钩 disposal)"}}}},
    {FlagCode::SuppliedUnused, "SUPPLIED_UNUSED", {"供而未用", "supplied, not used"}, "n_supp",
     7, 0xfff78f, FlagSeverity::Low, FlagGroup::Watch,
     {{{"已供地未动工，约定动工日期 {since} 尚未到，{days} 天后满 {not_started_years} 年成为闲置土地",
        "supplied, not started; agreed start {since} still ahead; idle in {days} days"},
       {"已供地未动工，约定动工日期 {since}，已逾期 {value:.0f} 天，{days} 天后满 {not_started_years} 年成为闲置土地",
        "supplied, not started; agreed start {since} passed {value:.0f} days ago; idle in {days} days"},
       {"已供地未动工，合同约定动工日期不详", "supplied, not started; no agreed start date on record"}}},
     {{{"督促按期动工，到期未动工依法认定闲置", "urge the start of construction; declare idle when the year is up"}}}},
    {FlagCode::LowFar, "LOW_FAR", {"容积率不达标", "floor-area ratio too low"}, "n_low_far",
     8, 0xf16913, FlagSeverity::Low, FlagGroup::LowEfficiency,
     {{{"容积率 {value:.2f} < {threshold}（{industry} 最低值，2008 控制指标 {entry_code} {entry_name}）",
        "FAR {value:.2f} below {threshold} minimum for {industry} (2008 table class {entry_code})"}}},
     {{{"增容改造、二次开发或分割转让盘活", "densify, redevelop or split and transfer"}}}},
    {FlagCode::LowCoverage, "LOW_COVERAGE", {"建筑系数不达标", "building coverage too low"}, "n_low_cov",
     9, 0xfd8d3c, FlagSeverity::Low, FlagGroup::LowEfficiency,
     {{{"建筑系数 {value_pct:.1f}% < {threshold_pct:.0f}%",
        "building coverage {value_pct:.1f}% below {threshold_pct:.0f}% minimum"}}},
     {{{"增容改造、二次开发或分割转让盘活", "densify, redevelop or split and transfer"}}}},
    {FlagCode::LowInvestment, "LOW_INVESTMENT", {"投资强度不达标", "investment intensity too low"}, "n_low_inv",
     10, 0xfdae6b, FlagSeverity::Low, FlagGroup::LowEfficiency,
     {{{"投资强度 {value:.1f} 万元/亩 < {threshold} 万元/亩（{park_level}最低值）",
        "investment {value:.1f} 万元/mu below {threshold} minimum for {park_level}"}}},
     {{{"追加投资、整合改造或依合同约定处置", "require further investment, consolidate, or act on the contract"}}}},
    {FlagCode::LowTax, "LOW_TAX", {"亩均税收不达标", "tax per mu too low"}, "n_low_tax",
     11, 0xfdd0a2, FlagSeverity::Low, FlagGroup::LowEfficiency,
     {{{"亩均税收 {value:.2f} 万元/亩 < {threshold} 万元/亩", "tax {value:.2f} 万元/mu below the {threshold} floor"}}},
     {{{"亩均效益评价后差别化用地、用能政策，推动腾退或转型",
        "differentiated land and energy policy by 亩均 class; push exit or conversion"}}}},
    {FlagCode::PhaseOut, "PHASE_OUT", {"淘汰类产业", "phase-out industry"}, "n_phase",
     4, 0x756bb1, FlagSeverity::Medium, FlagGroup::Policy,
     {{{"行业 {industry} 属淘汰/压减类（{entry_name}）", "industry {industry} is on the phase-out list"}}},
     {{{"依产业政策关停淘汰或转型，腾退土地", "close or convert under industrial policy and free the land"}}}},
    {FlagCode::ChemOutsidePark, "CHEM_OUTSIDE_PARK", {"化工企业在化工园区外", "chemicals outside a chemical park"},
     "n_chem_out", 1, 0xc51b8a, FlagSeverity::High, FlagGroup::Policy,
     {{{"化工企业（{industry}）不在认定化工园区内（园区外）",
        "chemical enterprise ({industry}) outside any certified chemical park"},
       {"化工企业（{industry}）不在认定化工园区内（{park_name}）",
        "chemical enterprise ({industry}) outside any certified chemical park"}}},
     {{{"限期搬迁入认定化工园区或关闭", "relocate into a certified chemical park or close"}}}},
    {FlagCode::ChemNearShore, "CHEM_NEAR_SHORE", {"化工企业临江", "chemicals near the river"}, "n_chem_shr",
     2, 0x7a0177, FlagSeverity::High, FlagGroup::Policy,
     {{{"化工企业（{industry}）距长江岸线 {value:.0f} 米 < {threshold:.0f} 米（长江保护法）",
        "chemical enterprise ({industry}) {value:.0f} m from the Yangtze shoreline, within {threshold:.0f} m "
        "(Yangtze River Protection Law)"}}},
     {{{"沿江一公里内化工企业搬迁改造或关闭退出", "relocate away from the river or close"}}}},
}};
// clang-format on

constexpr const FlagInfo& flag_info(FlagCode code) { return kFlags[static_cast<std::size_t>(code)]; }

namespace detail {
constexpr bool catalogue_is_consistent() {
    std::array<bool, kFlagCodeCount> rank_seen{};
    for (std::size_t i = 0; i < kFlags.size(); ++i) {
        if (static_cast<std::size_t>(kFlags[i].code) != i) return false;  // rows in code order
        if (kFlags[i].map_rank >= kFlagCodeCount || rank_seen[kFlags[i].map_rank]) return false;
        rank_seen[kFlags[i].map_rank] = true;
        if (!kFlags[i].reason[0].zh || !kFlags[i].reason[0].en || !kFlags[i].disposal[0].zh || !kFlags[i].disposal[0].en)
            return false;
    }
    return true;
}
}  // namespace detail
static_assert(detail::catalogue_is_consistent(), "kFlags: rows in FlagCode order, map ranks 0..n-1 once each, texts set");

const char* code_name(FlagCode);        ///< "IDLE_TAKEBACK"
const char* flag_title_zh(FlagCode);    ///< "闲置满两年"
const char* flag_title_en(FlagCode);
const char* severity_name(FlagSeverity);
/// The code named `name` ("IDLE_TAKEBACK"), or nullopt.
std::optional<FlagCode> parse_flag_code(std::string_view name);
std::optional<FlagSeverity> parse_severity(std::string_view name);

/// Flag::band of an undated approval.
inline constexpr uint8_t kNoBand = 255;
/// Flag::entry and Flag::crosswalk when no rules entry applies.
inline constexpr uint16_t kNoEntry = 0xFFFF;

/// One finding on one parcel, with the figures its reason quotes and what decided
/// it. Text is rendered from these on demand (reason_zh/en) so a million flags stay
/// small; it never decides anything again.
struct Flag {
    uint32_t parcel = 0;
    FlagCode code{};
    FlagSeverity severity{};
    uint8_t cause = 0;         ///< which sub-condition fired (IdleCause, ApprovedCause, ...); 0 when the rule has one
    uint8_t band = 0;          ///< APPROVED_UNSUPPLIED: index of its age band; kNoBand when undated
    uint16_t entry = kNoEntry;      ///< the rules entry applied: LOW_FAR far_minimum, PHASE_OUT phase_out,
                                    ///< CHEM_* chemical prefix, LOW_INVESTMENT the park level's slot
    uint16_t crosswalk = kNoEntry;  ///< LOW_FAR: the crosswalk entry that led to the far_minimum
    int32_t days = 0;        ///< idle days / age in days / days until idle
    Date since;              ///< when the condition began (idle since, approved on)
    double value = 0;        ///< the parcel's figure (FAR, ratio, 万元/亩, days...)
    double threshold = 0;    ///< the rule's figure it was compared with
    double value2 = 0;       ///< a second figure when the rule has one (investment share for halted idle)
    double reclaimable_m2 = 0;
};

/// The flag a map shows a parcel by: the one of the lowest map rank (kFlags), or
/// null when the parcel has none. The audit's writers, its QGIS style and the viewer
/// all colour by it.
inline const Flag* primary_flag(std::span<const Flag> flags) {
    const Flag* best = nullptr;
    for (const Flag& f : flags)
        if (!best || flag_info(f.code).map_rank < flag_info(best->code).map_rank) best = &f;
    return best;
}

/// A class of the audit map: a flag (a parcel's primary flag) or, for a parcel
/// without flags, its land state.
struct MapClassInfo {
    const char* name;  ///< the flag's code name, or RESERVE, PLANNED, BUILDING, BUILT, OTHER
    FlagText title;
    uint32_t colour;   ///< 0xRRGGBB
};

/// Unflagged parcels by state: reserve land is supply-ready, planned land needs quota.
inline constexpr std::array<MapClassInfo, 5> kStateClasses = {{
    {"RESERVE", {"储备地（可供）", "reserve land (supply-ready)"}, 0x41ab5d},
    {"PLANNED", {"规划用地（需指标）", "planned land (needs quota)"}, 0x9ecae1},
    {"BUILDING", {"在建", "under construction"}, 0xbdbdbd},
    {"BUILT", {"建成", "built"}, 0xe0e0e0},
    {"OTHER", {"其他", "other"}, 0xf0f0f0},
}};
static_assert(std::string_view(kStateClasses.back().name) == "OTHER", "OTHER comes last: every other state");
inline constexpr std::size_t kMapClassCount = kFlagCodeCount + kStateClasses.size();

/// Every class of the audit map in legend order: the flags by map rank, then the
/// states. A MapClass indexes it.
inline constexpr std::array<MapClassInfo, kMapClassCount> kMapClasses = [] {
    std::array<MapClassInfo, kMapClassCount> out{};
    for (const FlagInfo& f : kFlags) out[f.map_rank] = {f.name, f.title, f.colour};
    for (std::size_t k = 0; k < kStateClasses.size(); ++k) out[kFlagCodeCount + k] = kStateClasses[k];
    return out;
}();
using MapClass = uint8_t;

/// The map class of a parcel in `status` whose primary flag is `primary` (null
/// when it has none): the flag's, else the state's.
inline MapClass map_class(const Flag* primary, Status status) {
    if (primary) return flag_info(primary->code).map_rank;
    const std::size_t state = status == Status::Reserve    ? 0
                              : status == Status::Planned  ? 1
                              : status == Status::Building ? 2
                              : status == Status::Built    ? 3
                                                           : 4;
    return static_cast<MapClass>(kFlagCodeCount + state);
}
/// The map class of a parcel with `flags` in `status`.
inline MapClass map_class(std::span<const Flag> flags, Status status) { return map_class(primary_flag(flags), status); }

}  // namespace parkcap::audit
