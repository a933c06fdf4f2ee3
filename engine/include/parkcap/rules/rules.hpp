#pragma once
// Every threshold and weight the engine applies, read from one TOML rules file.
// The committed default (engine/rules/default_rules.toml, compiled into the
// library) documents each value's meaning, unit and source. No threshold lives in
// code: the defaults below the structs are only the shape; the values come from
// the file.
#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "parkcap/core/enum_set.hpp"
#include "parkcap/model/land.hpp"
#include "parkcap/model/standard_land.hpp"

namespace parkcap::rules {

/// Keys of LowEfficiencyRules::investment_min_wan_per_mu: the park levels of
/// docs/data.md and "outside" for parcels in no park. The file must give all five.
inline constexpr std::array<std::string_view, 5> kInvestmentMinKeys = {
    "national", "provincial", "municipal", "other", "outside"};
/// What a 亩均效益 indicator measures of a parcel; kMujunIndicatorNames by index.
enum class MujunMeasure : uint8_t { TaxPerMu, OutputPerMu, InvestmentPerMu, Far };
/// Names a MujunIndicator may have in the rules file, indexed by MujunMeasure.
inline constexpr std::array<std::string_view, 4> kMujunIndicatorNames = {
    "tax_per_mu", "output_per_mu", "investment_per_mu", "far"};

/// What an objective term measures per placed project (ObjectiveRules;
/// docs/rules.md, "Objective terms").
enum class ObjectiveTermKind : uint8_t {
    InvestmentPerMu,  ///< investment ÷ area asked, 万元/亩
    TaxPerMu,         ///< expected tax ÷ area asked, 万元/亩/year
    Tech,             ///< technology score, 0..100
    Major,            ///< 1 for a major project (重大项目)
    ThemeFit,         ///< 1 when sited in a park themed for its industry
    NewQuota,         ///< 亩 of new construction-land quota used
    TotalTax,         ///< expected tax, 万元/year
    TotalInvestment,  ///< investment, 万元
    Area,             ///< 亩 placed
    MajorArea,        ///< 亩 placed of a major project (重大项目), 0 for the others
};

struct ObjectiveTermInfo {
    ObjectiveTermKind kind;
    std::string_view name;  ///< in the rules file ([[objective.term]] name) and the score explanation
    const char* column;     ///< PLAN.gpkg allocation: its contribution (10 characters at most, for Shapefile/DBF readers)
};

/// The objective terms, in enum order: the one list of their names.
inline constexpr ObjectiveTermInfo kObjectiveTermCatalogue[] = {
    {ObjectiveTermKind::InvestmentPerMu, "investment_per_mu", "t_inv_mu"},
    {ObjectiveTermKind::TaxPerMu, "tax_per_mu", "t_tax_mu"},
    {ObjectiveTermKind::Tech, "tech", "t_tech"},
    {ObjectiveTermKind::Major, "major", "t_major"},
    {ObjectiveTermKind::ThemeFit, "theme_fit", "t_theme"},
    {ObjectiveTermKind::NewQuota, "new_quota", "t_quota"},
    {ObjectiveTermKind::TotalTax, "total_tax", "t_tot_tax"},
    {ObjectiveTermKind::TotalInvestment, "total_investment", "t_tot_inv"},
    {ObjectiveTermKind::Area, "area", "t_area"},
    {ObjectiveTermKind::MajorArea, "major_area", "t_major_mu"},
};
constexpr const ObjectiveTermInfo& info(ObjectiveTermKind k) { return kObjectiveTermCatalogue[static_cast<std::size_t>(k)]; }
/// "total_tax"
constexpr const char* to_string(ObjectiveTermKind k) { return info(k).name.data(); }

namespace detail {
constexpr bool terms_in_enum_order() {
    for (std::size_t i = 0; i < std::size(kObjectiveTermCatalogue); ++i)
        if (static_cast<std::size_t>(kObjectiveTermCatalogue[i].kind) != i) return false;
    return std::size(kObjectiveTermCatalogue) == static_cast<std::size_t>(ObjectiveTermKind::MajorArea) + 1;
}
static_assert(terms_in_enum_order(), "one catalogue row per ObjectiveTermKind, in enum order");
}  // namespace detail

/// Names an ObjectiveTerm may have, from the catalogue.
inline constexpr auto kObjectiveTermNames = [] {
    std::array<std::string_view, std::size(kObjectiveTermCatalogue)> names{};
    for (std::size_t i = 0; i < names.size(); ++i) names[i] = kObjectiveTermCatalogue[i].name;
    return names;
}();

/// The two districts of an enclave (飞地) agreement: the one whose park hosts the
/// project, and the one that attracted it.
enum class EnclaveSide : uint8_t { Host, Origin };
inline constexpr std::string_view kEnclaveSideNames[] = {"host", "origin"};
/// "host", "origin"
constexpr const char* to_string(EnclaveSide side) { return kEnclaveSideNames[static_cast<std::size_t>(side)].data(); }

/// Audit findings QuotaRules::disposal_kinds may name: 批而未供, 闲置 at the fee
/// stage, 闲置 at the take-back stage, 低效.
enum class DisposalKind : uint8_t { ApprovedUnsupplied, IdleFee, IdleTakeback, LowEfficiency };
inline constexpr std::array<std::string_view, 4> kDisposalKinds = {
    "approved_unsupplied", "idle_fee", "idle_takeback", "low_efficiency"};

/// 闲置土地, MLR Order No. 53 (2012), Art. 2 and Art. 14.
struct IdleRules {
    int not_started_years = 1;        ///< idle when not started this many years after start_due ("满一年")
    double dev_ratio_below = 1.0 / 3; ///< started but developed share under this ("不足三分之一")
    double inv_ratio_below = 0.25;    ///< or investment under this share of the promise ("不足百分之二十五")
    int halted_years = 1;             ///< and halted at least this many years ("中止开发建设满一年")
    int fee_years = 1;                ///< idle this long: idle fee
    double fee_share_of_land_price = 0.20;
    int takeback_years = 2;           ///< idle this long: taken back without compensation
};

/// Early warnings (预警): deadlines that fall within the next period.
struct WarningRules {
    int horizon_days = 92;          ///< the period looked ahead, days after the audit date
    int approval_lapse_years = 2;   ///< an approval unused this long lapses
};

/// The park evaluation of TD/T 1029 (开发区土地集约利用评价): its indicators, by
/// the names the rules file and the outputs use (engine/include/parkcap/evaluate/
/// evaluation.hpp says how each is computed).
inline constexpr std::array<std::string_view, 12> kEvaluationIndicatorNames = {
    "dev_rate", "supp_rate", "built_rate", "ind_share", "far", "density",
    "ind_far", "ind_cover", "ind_inv_mu", "ind_tax_mu", "tax_mu", "idle_disp"};

/// One indicator's ideal value and its weights in the two park types.
struct EvaluationIndicatorRule {
    std::size_t indicator = 0;  ///< index into kEvaluationIndicatorNames
    double ideal = 1;           ///< the value that scores full marks (indicator ÷ ideal, capped at 1)
    double weight_industrial = 0, weight_integrated = 0;
};

struct EvaluationRules {
    /// 工业主导型 when industrial land is at least this share of built land, else 产城融合型.
    double industrial_type_share = 0.3;
    /// 尚可供地年数: remaining land ÷ the average yearly supply over this many past years.
    int supply_window_years = 3;
    /// Structure potential: land in uses a park of each type does not need.
    EnumSet<LandUse> needed_uses_industrial = {LandUse::Industrial, LandUse::Logistics, LandUse::Public};
    EnumSet<LandUse> needed_uses_integrated = {LandUse::Industrial, LandUse::Logistics, LandUse::Public,
                                               LandUse::Commercial, LandUse::Residential};
    std::vector<EvaluationIndicatorRule> indicators;
};

/// Monitoring over time: comparing two audits of one city (parkcap compare).
struct MonitoringRules {
    /// Parcels whose ids differ are the same land when their intersection is at
    /// least this share of the smaller one's area.
    double match_overlap_share = 0.5;
    /// The 增存挂钩 disposal tasks: the 处置率 a district must reach in the period,
    /// of 批而未供 and of 闲置 land.
    double approved_task_rate = 0.15;
    double idle_task_rate = 0.15;
    /// Next period's new quota: this share more when both tasks are met, this
    /// share less when either is missed.
    double reward_share = 0.10;
    double penalty_share = 0.20;
};

/// 批而未供 age bands, in years since approval: [0,b0), [b0,b1), [b1,∞).
struct ApprovedRules {
    std::vector<int> age_band_years = {2, 5};
};

/// Minimum floor-area ratio for an industry of the 2008 control-indicator table
/// (国土资发〔2008〕24号), keyed by GB/T 4754-2002 two-digit code.
struct FarMinimum {
    std::string code_2002;
    std::string name;
    double far_min = 0;
};

/// GB/T 4754-2017 code prefix → the 2002 table code it falls under.
struct IndustryCrosswalk {
    std::string prefix_2017;
    std::string code_2002;
};

/// 低效用地 tests for built industrial land.
struct LowEfficiencyRules {
    EnumSet<LandUse> land_uses = {LandUse::Industrial};
    EnumSet<Status> statuses = {Status::Built};
    double coverage_min = 0.30;                               ///< 建筑系数 ≥ 30 %
    std::map<std::string, double> investment_min_wan_per_mu;  ///< by park level; "outside" for no park
    double tax_floor_wan_per_mu = 0;                          ///< 万元/亩/year
    std::vector<FarMinimum> far_minimums;
    std::vector<IndustryCrosswalk> crosswalk;
};

/// One 亩均效益 indicator: value ÷ benchmark × weight.
struct MujunIndicator {
    MujunMeasure measure = MujunMeasure::TaxPerMu;  ///< its name: kMujunIndicatorNames
    double weight = 0;
    /// Benchmark: an absolute value, or (when benchmark_relative is set) this
    /// multiple of the district's mean over rated parcels.
    std::optional<double> benchmark;
    std::optional<double> benchmark_relative;
};

/// 亩均效益 classes by rank: A top share_a, B next up to share_b, C up to share_c, D rest.
struct MujunRules {
    std::vector<MujunIndicator> indicators;
    double share_a = 0.20, share_b = 0.60, share_c = 0.95;
    int unrated_years_since_supply = 2;  ///< T: land users supplied less than this long ago
    EnumSet<LandUse> land_uses = {LandUse::Industrial};
};

/// Industrial policy conflicts.
struct PolicyRules {
    struct Listed { std::string prefix; std::string name; };
    std::vector<Listed> phase_out;        ///< 淘汰/压减 industries (small shipbuilding, chemicals, steel)
    std::vector<Listed> negative_list;    ///< industries refused outright for new projects
    std::vector<std::string> chemical_prefixes = {"C26"};
    double chem_shore_distance_m = 1000;  ///< Yangtze River Protection Law, 1 km
};

/// Checks of the input data at load (docs/data.md).
struct DataRules {
    /// A parcel's recorded area (survey_mu) that differs from its measured area by
    /// more than this share of the measured area is reported.
    double survey_area_tolerance = 0.05;
    double overlap_tolerance = 0.01;  ///< share of the smaller parcel two parcels may overlap by unreported
    int earliest_year = 1949;         ///< a date before this year is no land record's
};

/// How built land is projected onto the shoreline to find the stretch it fronts:
/// each parcel on its own (gaps between parcels stay undeveloped), or a park's
/// built land as one (the stretch between its outermost projections).
enum class FrontageMethod : uint8_t { Parcel, Park };
inline constexpr std::string_view kFrontageMethodNames[] = {"parcel", "park"};

struct ShorelineRules {
    double park_port_distance_m = 2000;   ///< port shoreline within this of a park counts for it
    /// Built/building land of a park fronts the shoreline within this distance of
    /// the park's boundary (not of the parcel); a port-use parcel outside parks,
    /// within this distance of the parcel. Replaces developed_distance_m.
    double frontage_reach_m = 500;
    FrontageMethod frontage_method = FrontageMethod::Park;
    /// Industry code prefixes (GB/T 4754-2017) of port and terminal use: such a
    /// parcel fronts shoreline even outside a park, and in the protect zone it is
    /// a conflict.
    std::vector<std::string> port_use_prefixes = {"G553"};
};

/// 增存挂钩: new quota earned per 亩 of stock land disposed.
struct QuotaRules {
    double earned_mu_per_mu_disposed = 0.5;
    int window_years = 5;
    EnumSet<DisposalKind> disposal_kinds;  ///< which audit findings count as disposal (kDisposalKinds)
    /// Whose ledger the quota a plan earns by disposing stock land goes to: the
    /// district of the land disposed (the park's host) or the project's origin.
    EnclaveSide earned_by = EnclaveSide::Host;
};

/// Hard refusals for projects (allocation). The tax floor of new projects is a
/// 标准地 indicator (StandardLandRules): its old key here is refused, naming that.
struct ScreeningRules {
    double sprawl_max_ratio = 1.5;  ///< area asked ÷ area its investment justifies at the park's 标准地 investment minimum
};

/// One row of the 标准地 control indicators: the thresholds for projects of one
/// industry in parks of one level. Of a level's rows, the one whose industry is the
/// longest prefix of the project's code applies ("*" matches any, as the shortest).
struct StandardLandRow {
    ParkLevel level = ParkLevel::Other;
    std::string industry;  ///< a GB/T 4754-2017 code prefix, or "*" for any industry
    /// Per indicator (StandardIndicator order): the threshold, in the indicator's
    /// unit; none where the row sets none (energy and emissions are optional) or
    /// far_min defers to the industry's national minimum.
    std::array<std::optional<double>, kStandardIndicatorCount> threshold;
    /// far_min = "low_efficiency": the minimum [[low_efficiency.far_minimum]] gives
    /// the project's industry (国土资发〔2008〕24号, through the crosswalk); none for an
    /// industry without one.
    bool far_from_low_efficiency = false;
    /// The row's own `<indicator>_miss`; none: the section's.
    std::array<std::optional<MissAction>, kStandardIndicatorCount> miss;
};

/// 标准地: the control indicators new projects commit to, by park level and industry.
struct StandardLandRules {
    MissAction miss = MissAction::Refuse;  ///< what a miss does, unless set per indicator
    /// The section's `<indicator>_miss`, over `miss`; a row's own is over both.
    std::array<std::optional<MissAction>, kStandardIndicatorCount> miss_by_indicator;
    std::vector<StandardLandRow> rows;  ///< unique by (level, industry)
};

/// Which parks a project may go to.
struct FitRules {
    std::vector<std::string> general_parks;  ///< park ids accepting any non-restricted industry
    double shore_site_distance_m = 1000;     ///< riverfront project: site within this of port shoreline
    EnumSet<ShoreZone> shore_zones = {ShoreZone::Develop, ShoreZone::Control};  ///< riverfront: port shoreline in these zones
    EnumSet<LandUse> site_land_uses = {LandUse::Industrial, LandUse::Logistics};  ///< parcels that may become sites
    double min_remnant_mu = 10;  ///< a project takes the whole site when less than this would be left
    double site_gap_max_m = 0;         ///< blocks this close (internal roads) may form one assembled site; 0: none
    double site_min_compactness = 0.7; ///< assembled site: parcels' area ÷ convex hull area, at least
    int site_max_blocks = 8;           ///< assembled site: at most this many blocks
};

/// One term of the allocation objective: weight × value ÷ scale.
struct ObjectiveTerm {
    ObjectiveTermKind kind{};
    double weight = 0;
    double scale = 1;
};

struct ObjectiveRules {
    /// Summed over placed projects (ObjectiveTermKind says what each measures).
    /// Kinds are unique; a kind left out has weight 0; at least one weight ≠ 0.
    std::vector<ObjectiveTerm> terms;
};

/// One period of an enclave (飞地) agreement: shares going to the origin district.
struct EnclavePeriod {
    int from_year = 1, to_year = 5;  ///< years after placement, inclusive
    double tax_share_origin = 0.5;
    double gdp_share_origin = 0.5;
    EnclaveSide statistics_owner = EnclaveSide::Host;  ///< whose statistics count the project
};

struct EnclaveRules {
    EnclaveSide quota_paid_by = EnclaveSide::Host;  ///< whose quota pays for planned land
    /// Increasing, non-overlapping periods. A year in no period shares nothing:
    /// everything stays with the host.
    std::vector<EnclavePeriod> schedule;
};

/// How the siting optimiser spends its time ([solver]; docs/allocate.md, "The
/// solver"). The first two are what a planner sets; the rest size each method to
/// the machine and the model, and matter for cities much larger than the sample.
struct SolverRules {
    double time_limit_s = 60;    ///< the whole allocation, model building included
    double relative_gap = 0.0;   ///< stop once proven within this share of the best possible
    /// CBC's branch-and-bound nodes at most: the limit that stops the search at
    /// the same point every run (the wall clock is only a safety net).
    int node_limit = 0;
    /// The knapsack Lagrangian (an exact 0-1 knapsack per site): run only up to
    /// this many candidates, for at most `_max_s` seconds and `_time_share` of the
    /// time left, and `_max_iterations` subgradient steps.
    int knapsack_bound_max_candidates = 0;
    double knapsack_bound_max_s = 0;
    double knapsack_bound_time_share = 0;
    int knapsack_bound_max_iterations = 0;
    /// Its work limit: iterations × candidates at most (the reproducible stop at scale).
    double knapsack_bound_max_candidate_steps = 0;
    /// Every this many iterations the repaired relaxed plan goes through the site search.
    int knapsack_heuristic_search_every = 0;
    /// Start its prices from the LP's duals up to this many candidates (Clp needs
    /// seconds for larger LPs); above, from zero.
    int knapsack_bound_lp_start_max_candidates = 0;
    /// Knapsack weights in units of max(`_min_unit_mu`, largest site ÷ `_capacity_units`):
    /// finer is tighter and slower.
    int knapsack_bound_capacity_units = 0;
    double knapsack_bound_min_unit_mu = 0;
    /// CBC only when the time left allows this many candidates a second for its root LP.
    double cbc_candidates_per_second = 0;
    /// The capacity Lagrangian (the bound at any size): at most this many steps.
    int capacity_bound_max_iterations = 0;
    /// And at most this many candidate-steps (steps × candidates): its work limit at scale.
    double capacity_bound_max_candidate_steps = 0;
    /// Rounds of swaps after the greedy construction.
    int greedy_improvement_rounds = 0;
    /// Rounds of the site search (each site's best set of projects by a knapsack,
    /// given the rest of the plan) on the greedy plan and on the Lagrangian's.
    int site_search_rounds = 0;
    /// The search with CBC on small models: this many sites a model, at most this
    /// many unplaced projects free in it, CBC's nodes per model, models at most,
    /// seconds per model (a safety net) and the share of the time left for all.
    int submodel_sites = 0;
    int submodel_unplaced_projects = 0;
    int submodel_node_limit = 0;
    int submodel_max_models = 0;
    double submodel_max_s = 0;
    double submodel_time_share = 0;
    /// Capacity rows lowered to the largest sum of their projects' areas when that
    /// takes at most this many area units (0.01 亩 or coarser); 0: none is.
    int capacity_rounding_max_units = 0;
};

/// How the map and the printed briefing draw the city at small scales ([map];
/// docs/rules.md): display settings, no rule of land use reads them.
struct MapRules {
    double park_symbol_below_mm = 10;  ///< a park narrower than this on screen is drawn as a symbol
    double park_symbol_min_mm = 4;     ///< the smallest park symbol's diameter
    double park_symbol_max_mm = 12;    ///< the largest park's symbol diameter
    double flow_fold_below_mu = 50;    ///< flows into a park smaller than this are folded into "others"; 0: none
    double flow_width_min_mm = 0.5;    ///< arc width of the thinnest flow
    double flow_width_max_mm = 3.0;    ///< arc width of the largest flow
};

/// District names for data that gives only codes ([districts.names]: code =
/// name). A name from the districts layer or the quota table comes first.
struct DistrictRules {
    std::map<std::string, std::string> names;
};

struct Rules {
    std::string source;  ///< file path, or "<default rules>"
    std::string version;
    IdleRules idle;
    ApprovedRules approved;
    LowEfficiencyRules low_efficiency;
    MujunRules mujun;
    PolicyRules policy;
    ShorelineRules shoreline;
    DataRules data;
    QuotaRules quota;
    WarningRules warnings;
    MonitoringRules monitoring;
    EvaluationRules evaluation;
    ScreeningRules screening;
    StandardLandRules standard_land;
    FitRules fit;
    ObjectiveRules objective;
    EnclaveRules enclave;
    SolverRules solver;
    MapRules map;
    DistrictRules districts;
};

/// The committed default rules (engine/rules/default_rules.toml), as text.
const std::string& default_rules_text();

/// Parses rules from TOML text. Every key is required, except that a mujun
/// indicator has exactly one of benchmark / benchmark_relative and objective
/// terms left out weigh 0. Unknown keys, wrong types, missing keys and
/// out-of-range values throw one DataError listing every problem in file order,
/// one per line, each naming `source_name`, the line, the key's dotted path and
/// the bad value, e.g. `rules.toml:12: idle.fee_share_of_land_price: 1.2 is out
/// of range; expected a share of the land price from 0 to 1, ...`. Entries of
/// arrays of tables are numbered from 1: `low_efficiency.far_minimum[3].far_min`.
/// A TOML syntax error throws DataError at `source_name:line:column`. Ratios
/// accept a number or an exact fraction string ("1/3").
Rules parse_rules(std::string_view toml_text, const std::string& source_name);

/// The built-in rules with each file's keys laid over them, in order
/// (docs/rules.md, "Your own rules file"): a file names only the keys it changes.
/// A table merges key by key; any other value, arrays and arrays of tables
/// ([[low_efficiency.far_minimum]]...) included, replaces the one below it whole.
/// The result is checked as strictly as a complete file: unknown keys, wrong types
/// and out-of-range values throw one DataError, each problem at the file and line
/// that set the value. An unreadable file is an InputError. No files: the
/// built-in rules. The source reads "<default rules> + a.toml + b.toml".
Rules load_rules(std::span<const std::string> paths);
/// load_rules() of one file.
Rules load_rules_file(const std::string& path);

/// The effective rules of load_rules(paths) as a complete TOML rules file, in the
/// built-in file's order, each value followed by its origin: "# built-in:LINE" (a
/// line of engine/rules/default_rules.toml) or "# FILE:LINE". Checked as
/// load_rules() checks (same errors). Saved, it reads back as the same rules.
std::string effective_rules_text(std::span<const std::string> paths);

/// The default rules (parsed once; source "<default rules>").
Rules default_rules();
/// The name of the built-in rules in sources and messages.
inline constexpr std::string_view kBuiltInRulesName = "<default rules>";

/// Whether an industry code starts with a (non-empty) code prefix: C3731 under C37.
bool industry_has_prefix(std::string_view industry, std::string_view prefix);
/// The first entry of a phase-out or negative list covering `industry`, or null.
const PolicyRules::Listed* find_listed(const std::vector<PolicyRules::Listed>& list, std::string_view industry);
/// Whether `industry` is a chemical industry (policy.chemical_prefixes).
bool is_chemical(const Rules& rules, std::string_view industry);
/// The first of policy.chemical_prefixes covering `industry`, or null.
const std::string* chemical_prefix_of(const Rules& rules, std::string_view industry);

/// The 标准地 row for a project of `industry` in a park of `level`: of that level's
/// rows, the one with the longest industry prefix of the code, "*" the shortest;
/// null when none matches (nothing is checked there). Points into `rules`.
const StandardLandRow* standard_land_row(const StandardLandRules& rules, ParkLevel level, std::string_view industry);
/// The threshold `row` sets for `indicator` and a project of `industry`: far_min =
/// "low_efficiency" resolved through [low_efficiency]'s FAR table. nullopt: the
/// indicator is not checked for it.
std::optional<double> standard_land_threshold(const Rules& rules, const StandardLandRow& row, StandardIndicator indicator,
                                              std::string_view industry);
/// What missing `indicator` under `row` does: the row's `<indicator>_miss`, else the
/// section's, else the section's `miss`.
MissAction standard_land_miss(const StandardLandRules& rules, const StandardLandRow& row, StandardIndicator indicator);

/// The 2002 table code for a 2017 industry code (longest crosswalk prefix), or ""
/// when no prefix matches. Codes compare exactly: the loader normalises them.
std::string code_2002_for(const LowEfficiencyRules&, std::string_view industry_2017);
/// The FAR minimum applying to a 2017 industry code, or nullptr when the code has
/// no crosswalk entry or its 2002 code no FAR entry. Points into `rules`.
const FarMinimum* far_minimum_for(const LowEfficiencyRules& rules, std::string_view industry_2017);
/// The entries that settle a 2017 industry code's FAR minimum: the crosswalk entry
/// with the longest matching prefix, and the FAR entry of its 2002 code (either
/// null when absent). Both point into `rules`.
struct FarMatch {
    const IndustryCrosswalk* crosswalk = nullptr;
    const FarMinimum* minimum = nullptr;
};
FarMatch far_match(const LowEfficiencyRules& rules, std::string_view industry_2017);

}  // namespace parkcap::rules
