#pragma once
// The allocation's code families, each an enum with its catalogue beside it: the
// one place where a code's name, titles, map colours and reason texts are written.
// PLAN.gpkg and its CSV tables, the QGIS styles stored with them, the command
// line's summary and the viewer all read these tables, so they cannot disagree.
//
// Reasons are templates filled from the figures recorded when the rule was applied
// (allocate.hpp: Refusal, SiteVerdict, Unplaced, PinProblem; rendered by
// reasons.cpp), never by applying the rule again. Named fields in braces are the
// recorded figures, formatted as fmt does ({value:.1f}); each template says which
// it uses.
#include <cstddef>
#include <cstdint>
#include <iterator>

#include "parkcap/core/colour.hpp"
#include "parkcap/model/standard_land.hpp"

namespace parkcap::allocate {

// ---- refusals: projects screened out before siting ------------------------------

enum class RefusalCode : uint8_t {
    EiaFailed,     ///< 环评安评未通过
    NegativeList,  ///< industry on the negative or phase-out list
    NoChemPark,    ///< chemical project that no certified chemical park can take
    LowIntensity,  ///< 标准地: investment per 亩 below the minimum of a park level, and no level it fits takes it
    LowTax,        ///< 标准地: expected tax per 亩 below the minimum (贡献度不大), likewise
    LandGrab,      ///< asks far more land than its investment justifies (跑马圈地)
    BadIndustry,   ///< its industry is no GB/T 4754-2017 code: no theme or list can be judged
    LowFar,        ///< 标准地: committed floor-area ratio below the minimum, likewise
    LowOutput,     ///< 标准地: expected output per 亩 below the minimum, likewise
    HighEnergy,    ///< 标准地: energy per value added above the maximum, likewise
    HighEmission,  ///< 标准地: emissions per value added above the maximum, likewise
};

struct RefusalInfo {
    RefusalCode code;
    const char* name;      ///< PLAN.gpkg refused.codes, the summary's counts
    const char* title_zh;  ///< a few words, for lists and legends
    const char* title_en;
    /// Reasons, from {industry} (the project's), {area} (亩 asked), {value} (the
    /// project's figure), {threshold} (the rule's), {park} (the park whose standard
    /// applied), {list_prefix}, {list_name} (the list entry matched), {standard}
    /// (万元/亩 that justifies land), {justified} (亩 it justifies) and, for the
    /// 标准地 codes, {level} (the park level whose row it misses), {row} (that row's
    /// industries) and {parks} (the ids of the parks of that level it fits).
    const char* reason_zh;
    const char* reason_en;
};

inline constexpr RefusalInfo kRefusalCatalogue[] = {
    {RefusalCode::EiaFailed, "EIA_FAILED", "环评安评未通过", "failed EIA and safety review", "环评安评未通过",
     "failed the environmental and safety assessment"},
    {RefusalCode::NegativeList, "NEGATIVE_LIST", "负面清单/淘汰类产业", "negative or phase-out list",
     "行业 {industry} 属负面清单/淘汰类（{list_name}）", "industry {industry} is on the negative or phase-out list ({list_prefix})"},
    {RefusalCode::NoChemPark, "NO_CHEM_PARK", "无可接纳的化工园区", "no chemical park takes it",
     "化工项目（{industry}）没有可接纳的认定化工园区", "chemical project ({industry}) and no certified chemical park takes it"},
    {RefusalCode::LowIntensity, "LOW_INTENSITY", "投资强度不足", "investment per mu too low",
     "投资强度 {value:.1f} 万元/亩 < {threshold} 万元/亩（{level}园区标准地，{row}：{parks}）",
     "investment {value:.1f} 万元/mu below {threshold} 万元/mu, the 标准地 minimum of {level} parks for {row} ({parks})"},
    {RefusalCode::LowTax, "LOW_TAX", "亩均税收不足（贡献度不大）", "tax per mu too low",
     "预计亩均税收 {value:.2f} 万元/亩 < {threshold} 万元/亩（贡献度不大；{level}园区标准地，{row}：{parks}）",
     "expected tax {value:.2f} 万元/mu below {threshold} 万元/mu, the 标准地 minimum of {level} parks for {row} ({parks})"},
    {RefusalCode::LandGrab, "LAND_GRAB", "跑马圈地", "land grab",
     "申请 {area:.0f} 亩，按 {standard} 万元/亩 投资仅需 {justified:.0f} 亩，超出 {value:.1f} 倍 > {threshold} 倍（跑马圈地）",
     "asks {area:.0f} mu; its investment justifies {justified:.0f} mu at {standard} 万元/mu: {value:.1f} times, over "
     "{threshold} (land grab)"},
    {RefusalCode::BadIndustry, "BAD_INDUSTRY", "行业代码无效", "invalid industry code",
     "行业代码 {industry} 不是 GB/T 4754-2017 代码（门类字母加 2-4 位数字，大类属该门类），无法判断对口园区与清单",
     "industry {industry} is no GB/T 4754-2017 code (a section letter and 2-4 digits whose division lies in that "
     "section): no park theme or list can be judged"},
    {RefusalCode::LowFar, "LOW_FAR", "容积率不足", "floor-area ratio too low",
     "承诺容积率 {value:.2f} < {threshold}（{level}园区标准地，{row}：{parks}）",
     "committed floor-area ratio {value:.2f} below {threshold}, the 标准地 minimum of {level} parks for {row} ({parks})"},
    {RefusalCode::LowOutput, "LOW_OUTPUT", "亩均产值不足", "output per mu too low",
     "预计亩均产值 {value:.1f} 万元/亩 < {threshold} 万元/亩（{level}园区标准地，{row}：{parks}）",
     "expected output {value:.1f} 万元/mu below {threshold} 万元/mu, the 标准地 minimum of {level} parks for {row} ({parks})"},
    {RefusalCode::HighEnergy, "HIGH_ENERGY", "单位增加值能耗过高", "energy per value added too high",
     "单位增加值能耗 {value:.3f} 吨标准煤/万元 > {threshold}（{level}园区标准地，{row}：{parks}）",
     "energy {value:.3f} tce per 万元 of value added above {threshold}, the 标准地 maximum of {level} parks for {row} "
     "({parks})"},
    {RefusalCode::HighEmission, "HIGH_EMISSION", "单位增加值排放过高", "emissions per value added too high",
     "单位增加值排放 {value:.2f} 千克/万元 > {threshold}（{level}园区标准地，{row}：{parks}）",
     "emissions {value:.2f} kg per 万元 of value added above {threshold}, the 标准地 maximum of {level} parks for {row} "
     "({parks})"},
};

/// The refusal a 标准地 indicator missed at every park level a project fits gives,
/// by StandardIndicator.
inline constexpr RefusalCode kStandardLandRefusal[] = {RefusalCode::LowIntensity, RefusalCode::LowTax,
                                                       RefusalCode::LowFar,       RefusalCode::LowOutput,
                                                       RefusalCode::HighEnergy,   RefusalCode::HighEmission};
static_assert(std::size(kStandardLandRefusal) == kStandardIndicatorCount);
constexpr RefusalCode refusal_code(StandardIndicator i) { return kStandardLandRefusal[static_cast<std::size_t>(i)]; }

// ---- sites: the kinds of land offered --------------------------------------------

enum class SiteKind : uint8_t {
    Stock,    ///< approved-unsupplied, reserve, or idle land to take back: no new quota
    Planned,  ///< planned land: consumes new construction-land quota
    /// An assembled site of stock and planned blocks: its planned part consumes
    /// quota, its stock part is disposal (增存挂钩).
    Mixed,
};

struct SiteKindInfo {
    SiteKind kind;
    const char* name;      ///< the kind columns of PLAN.gpkg: "stock", "planned"
    char id_letter;        ///< in site ids: S-<park>-<letter>-<first parcel>
    const char* title_zh;  ///< what it means for a project placed on it
    const char* title_en;
    Rgba placed_colour;    ///< a placement on it (allocation layer)
    const char* placed_zh; ///< its legend there
    const char* placed_en;
    Rgba site_colour;      ///< the site itself (sites layer)
    const char* site_zh;
    const char* site_en;
};

inline constexpr SiteKindInfo kSiteKindCatalogue[] = {
    {SiteKind::Stock, "stock", 'K', "存量用地（不占新增指标）", "stock land (no new quota)", {35, 139, 69, 220}, "存量用地",
     "stock land", {116, 196, 118, 120}, "存量地块", "stock site"},
    {SiteKind::Planned, "planned", 'P', "规划新增用地（占新增指标）", "planned land (new quota)", {33, 113, 181, 220},
     "新增用地（用指标）", "new land (uses quota)", {158, 202, 225, 120}, "规划地块", "planned site"},
    {SiteKind::Mixed, "mixed", 'M', "存量与规划用地（规划部分占新增指标）", "stock and planned land (quota for the planned part)",
     {128, 96, 170, 220}, "存量加新增用地", "stock and new land", {188, 170, 214, 120}, "存量与规划地块", "stock and planned site"},
};

// ---- site rules: what keeps a project off one site --------------------------------

/// The rules checked for a (project, site) pair, in this order; the first that
/// fails is the verdict. Capacity and quota are not among them: they depend on
/// what else is placed (PlanState), the rules only on the project and the site.
enum class SiteRule : uint8_t {
    Allowed,        ///< no rule keeps it off
    ParkNoFit,      ///< the park does not take its industry
    StandardLand,   ///< it misses a "refuse" 标准地 indicator of the park's level
    NoShore,        ///< riverfront project, site too far from usable port shoreline
    ChemNearRiver,  ///< chemical project, site within reach of the Yangtze
    TooSmall,       ///< the site is smaller than the project
    PartSuffices,   ///< an assembled site the project does not need: a block of the park holds it, or it needs fewer blocks
};

struct SiteRuleInfo {
    SiteRule rule;
    const char* name;
    /// What check_placement says, from {park} (its name), {park_id}, {industry},
    /// {value} (the site's figure: distance in m, area in 亩; for StandardLand the
    /// project's committed figure) and {threshold} (the rule's, or the project's
    /// area); StandardLand also from {indicator} (its title), {unit} (" 万元/亩", or
    /// empty), {decimals}, {level}, {op} ("<", ">"; in English "below", "above") and
    /// {bound} (最低/最高, minimum/maximum).
    const char* reason_zh;
    const char* reason_en;
};

inline constexpr SiteRuleInfo kSiteRuleCatalogue[] = {
    {SiteRule::Allowed, "ALLOWED", "", ""},
    {SiteRule::ParkNoFit, "PARK_NO_FIT", "园区 {park} 的主导产业不含 {industry}", "park {park_id} does not take industry {industry}"},
    {SiteRule::StandardLand, "STANDARD_LAND", "{indicator} {value:.{decimals}f}{unit} {op} {level}园区标准地{bound} {threshold}{unit}（{park}）",
     "{indicator} {value:.{decimals}f}{unit} {op} {threshold}{unit}, the 标准地 {bound} of {level} parks ({park_id})"},
    {SiteRule::NoShore, "NO_SHORE", "地块距宜港岸线 {value:.0f} 米 > {threshold} 米",
     "site is {value:.0f} m from usable port shoreline, over {threshold} m"},
    {SiteRule::ChemNearRiver, "CHEM_NEAR_RIVER", "化工项目不得在长江岸线 {threshold} 米内（地块距 {value:.0f} 米）",
     "no chemical project within {threshold} m of the Yangtze (site at {value:.0f} m)"},
    {SiteRule::TooSmall, "TOO_SMALL", "地块 {value:.1f} 亩 < 需求 {threshold:.1f} 亩", "site has {value:.1f} mu, project needs {threshold:.1f} mu"},
    {SiteRule::PartSuffices, "PART_SUFFICES", "项目 {threshold:.1f} 亩 无需跨路组团地块（{value:.1f} 亩）：园区内单个地块或更少地块即可容纳",
     "project needs {threshold:.1f} mu: a single block of the park, or fewer blocks than this {value:.1f}-mu assembled site, can hold it"},
};

// ---- unplaced: why a project that was not refused got no land ----------------------

enum class UnplacedCode : uint8_t {
    NoFittingPark,  ///< no park takes its industry
    NoShore,        ///< riverfront need (or chemicals kept off the river) and no site for it
    NoCapacity,     ///< no fitting site large enough, or none left
    NoQuota,        ///< only planned land fits, and the paying district's quota is spent
    Forbidden,      ///< excluded by an override
    Outscored,      ///< a fitting site was there and went to other projects (named)
    Removed,        ///< taken off its site by the planner after the plan was made
    NotChosen,      ///< land was left for it, but placing it would not raise the plan's score
};

struct UnplacedInfo {
    UnplacedCode code;
    const char* name;      ///< PLAN.gpkg unplaced.code
    const char* title_zh;  ///< PLAN.gpkg unplaced.reason_zh
    const char* title_en;
};

inline constexpr UnplacedInfo kUnplacedCatalogue[] = {
    {UnplacedCode::NoFittingPark, "NO_FIT", "无对口园区", "no park takes its industry"},
    {UnplacedCode::NoShore, "NO_SHORE", "无临江地块", "no riverfront site"},
    {UnplacedCode::NoCapacity, "NO_CAPACITY", "地块不足", "no site large enough"},
    {UnplacedCode::NoQuota, "NO_QUOTA", "用地指标不足", "quota spent"},
    {UnplacedCode::Forbidden, "FORBIDDEN", "被排除", "excluded by an override"},
    {UnplacedCode::Outscored, "OUTSCORED", "合适地块已给其他项目", "fitting sites went to other projects"},
    {UnplacedCode::Removed, "REMOVED", "人工撤销", "removed by the planner"},
    {UnplacedCode::NotChosen, "NOT_CHOSEN", "未入选（不提高方案得分）", "would not raise the plan's score"},
};

/// Which condition behind an unplaced code held: a code can have several.
enum class UnplacedCause : uint8_t {
    ProjectForbidden,     ///< FORBIDDEN: the project is excluded
    ParksForbidden,       ///< FORBIDDEN: every fitting site large enough is in a forbidden park
    PinNotHonoured,       ///< FORBIDDEN: pinned where it cannot go (PlanState::pin_problems says why)
    NoParkTakesIndustry,  ///< NO_FIT
    NoLand,               ///< NO_CAPACITY: the parks that take it offer no land at all
    StandardLandOnly,     ///< NO_CAPACITY: only parks of a level whose 标准地 it misses ("refuse") offer land
    NoShoreSite,          ///< NO_SHORE: riverfront project, no fitting site near port shoreline
    ChemNearRiver,        ///< NO_SHORE: chemical project, every fitting site near the Yangtze
    SitesTooSmall,        ///< NO_CAPACITY: every site of every eligible park is smaller than the project
    SitesTaken,           ///< OUTSCORED: large enough sites exist, and other projects took their land
    QuotaSpent,           ///< NO_QUOTA
    NotWorthPlacing,      ///< NOT_CHOSEN
    RemovedByPlanner,     ///< REMOVED
};

struct UnplacedCauseInfo {
    UnplacedCause cause;
    UnplacedCode code;
    /// PLAN.gpkg unplaced.detail_zh and detail, from {industry}, {value} and
    /// {threshold} (the figures recorded with the cause: areas in 亩, distances in
    /// m), {zones} (the rules' shoreline zones), {parks} (SitesTooSmall: each
    /// eligible park's shortfall, kParkShortfall, joined) and {projects}
    /// (SitesTaken: the ids of the projects placed on its fitting sites' land).
    const char* detail_zh;
    const char* detail_en;
};

inline constexpr UnplacedCauseInfo kUnplacedCauseCatalogue[] = {
    {UnplacedCause::ProjectForbidden, UnplacedCode::Forbidden, "已被人工排除", "forbidden by an override"},
    {UnplacedCause::ParksForbidden, UnplacedCode::Forbidden, "足够大的合适地块均在被人工排除的园区内",
     "every fitting site large enough for it is in a park forbidden by an override"},
    {UnplacedCause::PinNotHonoured, UnplacedCode::Forbidden, "锁定位置无法落地，锁定未执行（见 run_info 的 pins_not_honoured）",
     "pinned where it cannot be placed; the pin is not honoured (run_info pins_not_honoured says why)"},
    {UnplacedCause::NoParkTakesIndustry, UnplacedCode::NoFittingPark, "没有园区接纳行业 {industry}", "no park takes industry {industry}"},
    {UnplacedCause::NoLand, UnplacedCode::NoCapacity, "接纳其行业的园区没有可用土地", "no available land in the parks that take its industry"},
    {UnplacedCause::StandardLandOnly, UnplacedCode::NoCapacity,
     "有可用土地的对口园区，其级别的标准地控制指标项目均未达到（否决项）",
     "the only parks with land for its industry are of a level whose 标准地 indicators it misses (refuse)"},
    {UnplacedCause::NoShoreSite, UnplacedCode::NoShore, "需临江；合适园区内距宜港岸线（{zones}）{threshold} 米以内没有可用土地",
     "needs riverfront; no available land in a fitting park within {threshold} m of port shoreline in a {zones} zone"},
    {UnplacedCause::ChemNearRiver, UnplacedCode::NoShore, "化工项目：合适地块均在长江岸线 {threshold} 米内，不得建设化工项目",
     "chemical project: every fitting site is within {threshold} m of the Yangtze, where no chemical project may be built"},
    {UnplacedCause::SitesTooSmall, UnplacedCode::NoCapacity, "{parks}", "{parks}"},
    {UnplacedCause::SitesTaken, UnplacedCode::Outscored, "合适地块已安排给其他项目（方案得分更高）：{projects}",
     "its fitting sites went to projects that score the plan higher: {projects}"},
    {UnplacedCause::QuotaSpent, UnplacedCode::NoQuota, "仅剩规划新增用地可用，且付指标的区用地指标已用完",
     "only planned land is left for it and the paying district's quota is spent"},
    {UnplacedCause::NotWorthPlacing, UnplacedCode::NotChosen, "安排该项目不会提高方案得分（得分非正，或求解在时限处停止）",
     "placing it would not raise the plan's score (its score is not positive, or the solver stopped at its time limit)"},
    {UnplacedCause::RemovedByPlanner, UnplacedCode::Removed, "已被规划人员从地块撤销", "removed from its site by the planner"},
};

/// NO_CAPACITY (SitesTooSmall): what one eligible park lacks, from {park_id},
/// {largest} (亩 of the largest site, block or assembled, the site rules leave the
/// project there) and {asked} (亩 the project asks); one per park, joined by `sep`.
struct ParkShortfallInfo {
    const char* text_zh;
    const char* sep_zh;
    const char* text_en;
    const char* sep_en;
};
inline constexpr ParkShortfallInfo kParkShortfall{"{park_id}：可组团的最大地块 {largest:.1f} 亩 < 需求 {asked:.1f} 亩", "；",
                                                  "{park_id}: largest block that can be assembled {largest:.1f} mu < {asked:.1f} mu asked",
                                                  "; "};

// ---- pins the plan could not honour ------------------------------------------------

enum class PinProblemCode : uint8_t {
    ProjectRefused,    ///< the pinned project is refused at screening
    ProjectForbidden,  ///< the pinned project is also forbidden
    NoSiteFits,        ///< no site of the pinned park (or the pinned site) passes the site rules
    NotPlaced,         ///< allowed there, but capacity, quota or other pins left no room
};

struct PinProblemInfo {
    PinProblemCode code;
    const char* name;
    /// From {project} (its id), {target} (the pinned park or site id) and {refusal}
    /// (the project's first refusal code).
    const char* text_zh;
    const char* text_en;
};

inline constexpr PinProblemInfo kPinProblemCatalogue[] = {
    {PinProblemCode::ProjectRefused, "PROJECT_REFUSED", "{project} 锁定于 {target} 无法执行：项目已被否决（{refusal}）",
     "pin of {project} to {target} cannot be honoured: the project is refused ({refusal})"},
    {PinProblemCode::ProjectForbidden, "PROJECT_FORBIDDEN", "{project} 锁定于 {target} 无法执行：项目已被排除",
     "pin of {project} to {target} cannot be honoured: the project is also forbidden"},
    {PinProblemCode::NoSiteFits, "NO_SITE_FITS", "{project} 锁定于 {target} 无法执行：该处没有适合的地块",
     "pin of {project} to {target} cannot be honoured: no site there fits it"},
    {PinProblemCode::NotPlaced, "NOT_PLACED", "{project} 锁定于 {target} 无法执行：地块、指标或其他锁定已无余量",
     "pin of {project} to {target} cannot be honoured: capacity, quota or other pins left no room"},
};

// ---- interactive placement: why this project cannot go on this site now ----------

enum class PlacementBlock : uint8_t {
    None,            ///< it can
    ProjectRefused,  ///< refused at screening
    SiteRule,        ///< a site rule keeps it off (SiteRule says which)
    SiteFull,        ///< too little of the site is left
    QuotaSpent,      ///< the paying district's quota is spent
    /// Moving it off stock land whose disposal earned quota would take back quota
    /// its district has already spent.
    CreditSpent,
};

struct PlacementBlockInfo {
    PlacementBlock block;
    /// From {value} (亩 left, of the site or of the quota), {threshold} (亩 it
    /// needs), {district} (the paying district's code) and {refusal} (the project's
    /// first refusal reason, in the text's language).
    const char* reason_zh;
    const char* reason_en;
};

inline constexpr PlacementBlockInfo kPlacementBlockCatalogue[] = {
    {PlacementBlock::None, "", ""},
    {PlacementBlock::ProjectRefused, "项目已被否决：{refusal}", "the project is refused: {refusal}"},
    {PlacementBlock::SiteRule, "", ""},  // the site rule's own reason
    {PlacementBlock::SiteFull, "地块剩余 {value:.1f} 亩 < 需求 {threshold:.1f} 亩",
     "site has {value:.1f} mu left, project needs {threshold:.1f} mu"},
    {PlacementBlock::QuotaSpent, "{district} 用地指标剩余 {value:.1f} 亩 < {threshold:.1f} 亩",
     "district {district} has {value:.1f} mu of quota left, needs {threshold:.1f}"},
    {PlacementBlock::CreditSpent,
     "该项目盘活存量为 {district} 挣得的 {threshold:.1f} 亩指标已被使用：移走后剩余 {value:.1f} 亩",
     "district {district} has spent the {threshold:.1f} mu of quota this project's disposal of stock land earns: "
     "without it {value:.1f} mu would remain"},
};

// ---- land-supply conditions (出让条件) ------------------------------------------------

/// A supply condition as the contract states it (PLAN.gpkg supply_conditions
/// clause_zh, clause_en), from {indicator} (its title), {bound} (不低于/不高于, at
/// least/at most), {threshold}, {committed}, {decimals} and {unit} (" 万元/亩", or
/// empty); a commitment the rules let through with a warning adds `missed_*`.
struct SupplyClauseInfo {
    const char* text_zh;
    const char* text_en;
    const char* missed_zh;
    const char* missed_en;
};
inline constexpr SupplyClauseInfo kSupplyClause{
    "{indicator}{bound} {threshold}{unit}（承诺 {committed:.{decimals}f}{unit}）",
    "{indicator} {bound} {threshold}{unit} (committed {committed:.{decimals}f}{unit})",
    "；承诺未达标准（警示）", "; the commitment misses it (warning)"};

// ---- lookups ------------------------------------------------------------------------

/// The catalogue row of a code. Each table lists its enum in order (checked below).
constexpr const RefusalInfo& info(RefusalCode c) { return kRefusalCatalogue[static_cast<std::size_t>(c)]; }
constexpr const SiteKindInfo& info(SiteKind k) { return kSiteKindCatalogue[static_cast<std::size_t>(k)]; }
constexpr const SiteRuleInfo& info(SiteRule r) { return kSiteRuleCatalogue[static_cast<std::size_t>(r)]; }
constexpr const UnplacedInfo& info(UnplacedCode c) { return kUnplacedCatalogue[static_cast<std::size_t>(c)]; }
constexpr const UnplacedCauseInfo& info(UnplacedCause c) { return kUnplacedCauseCatalogue[static_cast<std::size_t>(c)]; }
constexpr const PinProblemInfo& info(PinProblemCode c) { return kPinProblemCatalogue[static_cast<std::size_t>(c)]; }
constexpr const PlacementBlockInfo& info(PlacementBlock b) { return kPlacementBlockCatalogue[static_cast<std::size_t>(b)]; }

constexpr const char* code_name(RefusalCode c) { return info(c).name; }    ///< "LAND_GRAB"
constexpr const char* code_name(UnplacedCode c) { return info(c).name; }   ///< "NO_CAPACITY"
constexpr const char* title_zh(UnplacedCode c) { return info(c).title_zh; }
constexpr const char* to_string(SiteKind k) { return info(k).name; }       ///< "stock", "planned"

namespace detail {
/// Whether row i of a catalogue describes enumerator i.
template <class Row, std::size_t N, class Code>
constexpr bool in_enum_order(const Row (&table)[N], Code Row::*code) {
    for (std::size_t i = 0; i < N; ++i)
        if (static_cast<std::size_t>(table[i].*code) != i) return false;
    return true;
}
}  // namespace detail
static_assert(detail::in_enum_order(kRefusalCatalogue, &RefusalInfo::code));
static_assert(detail::in_enum_order(kSiteKindCatalogue, &SiteKindInfo::kind));
static_assert(detail::in_enum_order(kSiteRuleCatalogue, &SiteRuleInfo::rule));
static_assert(detail::in_enum_order(kUnplacedCatalogue, &UnplacedInfo::code));
static_assert(detail::in_enum_order(kUnplacedCauseCatalogue, &UnplacedCauseInfo::cause));
static_assert(detail::in_enum_order(kPinProblemCatalogue, &PinProblemInfo::code));
static_assert(detail::in_enum_order(kPlacementBlockCatalogue, &PlacementBlockInfo::block));
// ...and every enumerator has its row.
static_assert(std::size(kRefusalCatalogue) == static_cast<std::size_t>(RefusalCode::HighEmission) + 1);
static_assert(std::size(kSiteKindCatalogue) == static_cast<std::size_t>(SiteKind::Mixed) + 1);
static_assert(std::size(kSiteRuleCatalogue) == static_cast<std::size_t>(SiteRule::PartSuffices) + 1);
static_assert(std::size(kUnplacedCatalogue) == static_cast<std::size_t>(UnplacedCode::NotChosen) + 1);
static_assert(std::size(kUnplacedCauseCatalogue) == static_cast<std::size_t>(UnplacedCause::RemovedByPlanner) + 1);
static_assert(std::size(kPinProblemCatalogue) == static_cast<std::size_t>(PinProblemCode::NotPlaced) + 1);
static_assert(std::size(kPlacementBlockCatalogue) == static_cast<std::size_t>(PlacementBlock::CreditSpent) + 1);

}  // namespace parkcap::allocate
