#pragma once
// allocate(City, Audit, Rules, Overrides) → Plan: which projects get land, where,
// and whose quota pays. Screening refuses what must be refused; sites are built
// from the audit's supply (stock first, planned land on quota); a MIP solved by
// COIN-OR CBC chooses the placements; the ledger keeps every district's quota ≥ 0.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "parkcap/allocate/codes.hpp"
#include "parkcap/allocate/solve_stop.hpp"
#include "parkcap/allocate/standard_land.hpp"
#include "parkcap/audit/audit.hpp"
#include "parkcap/core/progress.hpp"
#include "parkcap/model/city.hpp"
#include "parkcap/rules/rules.hpp"

namespace parkcap::allocate {

// ---- screening ----------------------------------------------------------------

/// One reason a project is refused, with the figures the rule compared. Its text
/// is rendered from these (reason_zh/en, the catalogue in codes.hpp).
struct Refusal {
    RefusalCode code{};
    double value = 0;      ///< the project's figure (标准地 codes: the committed figure in its unit; LAND_GRAB: area ratio)
    double threshold = 0;  ///< the rule's figure it was compared with
    /// LAND_GRAB: the fitting park with the most lenient investment standard;
    /// 标准地 codes: the first of `parks`.
    int32_t park = -1;
    double standard_wan_per_mu = 0;  ///< LAND_GRAB: that park's investment standard
    double justified_mu = 0;         ///< LAND_GRAB: the area its investment justifies at that standard
    std::string list_prefix, list_name;  ///< NEGATIVE_LIST: the list entry its industry matched
    /// 标准地 codes: the park level whose row it misses, that row's industry prefix
    /// ("*": any), and the parks of that level it fits (every one refuses it).
    ParkLevel level = ParkLevel::Other;
    std::string standard_industry;
    std::vector<uint32_t> parks;
};

/// The refusal's reason, from its recorded figures and the project's id data.
std::string reason_zh(const Refusal& refusal, const City& city, std::size_t project);
std::string reason_en(const Refusal& refusal, const City& city, std::size_t project);

// ---- supply -------------------------------------------------------------------

/// Available land of one park and one kind offered to projects. A *block* is a
/// group of touching parcels; an *assembled* site joins up to `site_max_blocks`
/// blocks separated only by internal roads (docs/allocate.md, "Site assembly").
struct Site {
    std::string site_id;             ///< stable: S-<park>-<kind>-<first parcel id>, assembled: ...-A<n>
    uint32_t park = 0;
    uint32_t district = 0;           ///< the park's host district
    SiteKind kind{};
    std::vector<uint32_t> parcels;   ///< indices into City::parcels, sorted
    double area_mu = 0;              ///< exact sum of its parcels' areas
    bool shore_ok = false;           ///< within reach of port shoreline in an allowed zone
    double port_distance_m = 0;
    double river_distance_m = 0;     ///< to any shoreline (chemical projects keep out of reach)
    geom::Point centre;
    /// The blocks it is made of (indices into the plan's sites, blocks first): a
    /// block lists itself. Land is booked on blocks, so sites sharing a block can
    /// never both use the same land.
    std::vector<uint32_t> blocks;
    double compactness = 1;          ///< parcels' area ÷ convex hull area
    /// Of area_mu, the land whose disposal earns quota under 增存挂钩
    /// (audit::counts_as_disposal): 批而未供 and idle land taken back, recently approved.
    double disposable_mu = 0;
    bool assembled() const { return blocks.size() > 1; }
};

/// How build_sites found the sites, for the plan's run information.
struct SiteAssemblyStats {
    std::size_t blocks = 0;           ///< groups of touching parcels
    std::size_t groups_considered = 0;  ///< block groups region growing evaluated
    std::size_t assembled = 0;        ///< distinct compact groups kept as sites
};

/// Where a placement of `take_mu` on site `site` books its land, block by block:
/// every block but the largest wholly, the largest the rest (for a block: all of
/// it there). Empty when the take does not need every block of the site.
std::vector<std::pair<uint32_t, double>> block_shares(const std::vector<Site>& sites, std::size_t site, double take_mu);

// ---- overrides ----------------------------------------------------------------

/// A planner's decisions the optimiser must respect (a file, or the viewer).
struct Overrides {
    struct Pin { std::string project, park, site; };   ///< site, or any site of park
    struct Reserve { std::string park; double mu = 0; };  ///< kept for major projects
    std::vector<Pin> pins;
    std::vector<std::string> forbidden_projects;
    std::vector<std::string> forbidden_parks;
    std::vector<std::string> locked_parcels;
    std::vector<Reserve> reserves;
    /// Where each entry was read ("o.toml:3"), by "pin:ID", "forbid.project:ID",
    /// "forbid.park:ID", "reserve:ID", "lock_parcels": for messages that send the
    /// planner to the line to correct. Entries made in the viewer have none.
    std::map<std::string, std::string> read_at;
    std::string where(const std::string& key) const {
        const auto it = read_at.find(key);
        return it == read_at.end() ? std::string() : it->second + ": ";
    }
};

/// Reads an overrides TOML file ([[pin]] project/park/site, [[forbid]] project/park,
/// lock_parcels = [...], [[reserve]] park/mu). DataError names the line and key.
Overrides load_overrides_file(const std::string& path);
Overrides parse_overrides(std::string_view toml_text, const std::string& source_name);
/// Adds `more` to `into`: its pins, exclusions, locks and reserves come after
/// those already there (a saved plan's pins, then the planner's overrides).
void merge_overrides(Overrides& into, const Overrides& more);

// ---- verdicts: what the rules say about each (project, site) ----------------------

/// The rules' verdict on placing one project on one site, decided once when the
/// plan is made: the model's candidates, place(), check_placement() and the
/// unplaced reasons all read it. Capacity and quota are left to the PlanState.
struct SiteVerdict {
    uint32_t site = 0;
    SiteRule rule = SiteRule::Allowed;  ///< the first site rule that fails, or Allowed
    bool themed = false;     ///< the park takes the industry as a theme (false: a general park)
    StandardIndicator indicator{};  ///< StandardLand: the indicator missed (value, threshold: its figures)
    int32_t payer = -1;      ///< district whose quota pays; -1 for stock land
    double take_mu = 0;      ///< area it takes (the whole site when the remnant would be too small)
    /// Of take_mu, the planned land: the new quota it consumes (all of it on a
    /// planned site, none on stock, the planned blocks' shares on a mixed site).
    double quota_mu = 0;
    /// 增存挂钩 earned inside the plan: placing it disposes of the take's share of
    /// the site's disposable land, which earns `earned_mu` of quota for district
    /// `earner` (rules.quota.earned_by); -1 and 0 when it earns none.
    int32_t earner = -1;
    double earned_mu = 0;
    double disposed_mu = 0;  ///< the stock land of the take whose disposal earns that quota
    double score = 0;        ///< Σ of its objective terms there
    double value = 0;        ///< a refusing rule's figure for the site (distance in m, area in 亩)
    double threshold = 0;    ///< what the rule compared it with (the rule's distance, the project's area)
    bool allowed() const { return rule == SiteRule::Allowed; }
};

/// One term of a placement's score: weight × value ÷ scale.
struct ScoreTerm {
    rules::ObjectiveTermKind kind{};
    double value = 0, weight = 0, scale = 1;
    const char* name() const { return rules::to_string(kind); }
    double contribution() const { return weight * value / scale; }
};

/// Every project's verdicts. Sites in parks that do not take a project's industry
/// are not listed (their verdict is ParkNoFit); the others are, in site order.
struct Verdicts {
    std::size_t park_count = 0;
    std::vector<int8_t> fit;             ///< project × park: -1 does not fit, 0 general park, 1 themed
    std::vector<uint32_t> site_park;     ///< per site: its park
    std::vector<uint32_t> first;         ///< verdicts of project j: list[first[j] .. first[j+1])
    std::vector<SiteVerdict> list;
    /// The objective's terms that do not depend on the site, per project × term
    /// (rules.objective.terms order); the site's own part comes from its verdict.
    std::vector<double> term_values;
    /// Per term: which figure of the verdict it takes (0: none, the project's value
    /// above; 1: theme fit; 2: new quota used; 3: area taken).
    std::vector<uint8_t> term_site_part;
    /// 标准地: per project × park level (kParkLevelCount), the project's check against
    /// that level's row. The StandardLand site rule, the plan's supply conditions
    /// and its warnings read it.
    std::vector<StandardLandCheck> standard_land;

    std::span<const SiteVerdict> of(std::size_t project) const;
    /// The verdict on any pair, ParkNoFit for sites of parks the project does not fit.
    SiteVerdict at(std::size_t project, std::size_t site) const;
    /// Whether the project fits the park: themed (true), general (false), or not.
    std::optional<bool> park_fit(std::size_t project, std::size_t park) const;
    /// The score terms of a placement with this verdict (rules: the objective).
    std::vector<ScoreTerm> terms(const rules::Rules& rules, std::size_t project, const SiteVerdict& verdict) const;
    /// The project's 标准地 check at parks of `level`.
    const StandardLandCheck& standard_land_of(std::size_t project, ParkLevel level) const;
};

/// Why the rules keep project `project` off the site of `verdict`, from its figures:
/// empty when they do not.
std::string reason_zh(const SiteVerdict& verdict, const City& city, const std::vector<Site>& sites, std::size_t project);
std::string reason_en(const SiteVerdict& verdict, const City& city, const std::vector<Site>& sites, std::size_t project);

// ---- the plan -----------------------------------------------------------------

/// Why a project that was not refused has no land: the condition that held and
/// its figures (see the catalogue for what `value` and `threshold` are).
struct Unplaced {
    /// SitesTooSmall: what one eligible park (it takes the industry, no override
    /// forbids it) lacks: the largest site, block or assembled, that the site rules
    /// leave the project there, against the area it asks.
    struct ParkShortfall {
        uint32_t park = 0;
        double largest_mu = 0;
        double asked_mu = 0;
    };
    Unplaced() = default;
    Unplaced(UnplacedCause c, double v = 0, double t = 0) : cause(c), value(v), threshold(t) {}
    UnplacedCause cause = UnplacedCause::NotWorthPlacing;
    double value = 0, threshold = 0;
    std::vector<ParkShortfall> parks;  ///< SitesTooSmall: every eligible park with usable land, in park order
    std::vector<uint32_t> taken_by;    ///< SitesTaken: projects placed on its fitting sites' land, in project order
    UnplacedCode code() const { return info(cause).code; }
};

/// PLAN.gpkg unplaced.detail_zh and detail: the cause with its figures.
std::string detail_zh(const Unplaced& unplaced, const City& city, const rules::Rules& rules, std::size_t project);
std::string detail_en(const Unplaced& unplaced, const City& city, const rules::Rules& rules, std::size_t project);

/// A pin (overrides) the plan does not honour.
struct PinProblem {
    PinProblemCode code{};
    uint32_t project = 0;
    int32_t park = -1;  ///< the pinned park, when the pin names a park
    int32_t site = -1;  ///< the pinned site, when the pin names a site
};
struct Placement {
    uint32_t project = 0;
    uint32_t site = 0;
    double area_mu = 0;         ///< taken from the site (the whole site when the remnant would be too small)
    bool uses_quota = false;    ///< planned land, or a mixed site's planned part
    double quota_mu = 0;        ///< new quota consumed: area_mu on planned land, its planned part on a mixed site
    uint32_t quota_district = 0;  ///< whose quota paid (when uses_quota)
    /// Stock land whose disposal earns quota: the 亩 disposed, the quota earned,
    /// and whose ledger earned it (SiteVerdict::earner; meaningful when earned_mu > 0).
    double disposed_mu = 0;
    double earned_mu = 0;
    uint32_t earner = 0;
    bool enclave = false;       ///< origin ≠ host
    bool pinned = false;
    double score = 0;
    std::vector<ScoreTerm> terms;
};

/// A district's quota in the plan: opening + earned before + earned by this plan
/// − consumed = remaining, never below zero.
struct LedgerRow {
    uint32_t district = 0;
    double opening_mu = 0;      ///< the quota table's quota_mu
    double earned_before_mu = 0;  ///< the quota table's earned_mu: 增存挂钩 earned by disposal before this plan
    double disposed_mu = 0;     ///< stock land this plan disposes of that earns this district quota
    double earned_plan_mu = 0;  ///< quota it earns: rules.quota.earned_mu_per_mu_disposed × disposed_mu
    double consumed_mu = 0;     ///< by placements on planned land it pays for
    double consumed_enclave_mu = 0;  ///< part of consumed_mu for other districts' projects
    double stock_used_mu = 0;   ///< stock land in its parks placed (no quota)
    double earned_mu() const { return earned_before_mu + earned_plan_mu; }
    double available_mu() const { return opening_mu + earned_mu(); }
    double remaining_mu() const { return available_mu() - consumed_mu; }
};

struct SolveStats {
    std::string method;         ///< how the plan and its bound were found: "cbc", "cbc (time limit)", "greedy"...
    double objective = 0;
    double best_bound = 0;
    double gap = 0;             ///< (bound − objective) ÷ max(|bound|, 1e-9)
    double greedy_objective = 0;
    double seconds = 0;
    uint64_t variables = 0, constraints = 0;
    /// Capacity rows (blocks, quotas, reserves) lowered to the largest sum of the
    /// projects' areas they can hold, which tightens the model without losing a plan.
    uint64_t capacities_rounded = 0;
    /// Branch-and-bound nodes as CBC counts them (0 when CBC did not run): the
    /// solver's effort, the same on every run, where seconds vary with the
    /// machine's load. CBC checks [solver] node_limit between dives, so the count
    /// can pass the limit (2,056 under 1,000 on bench_allocate squares 50x20 seed 3).
    uint64_t nodes = 0;
    /// The gap is closed: best_bound = objective (to kClosedGap). Never set by a
    /// solver's say-so, only by the two figures.
    bool proven_optimal = false;
    SolveStop stopped_by = SolveStop::NotSolved;
};

/// What a plan decided: the part that edits change. Everything it refers to
/// (sites, refusals, verdicts) stays fixed in its Plan, so a copy of this is
/// exactly one step of undo, and restoring it restores the plan.
struct PlanState {
    std::vector<Placement> placements;            ///< sorted by project
    std::vector<std::optional<uint32_t>> placement_of;  ///< per project: index into placements
    std::vector<Unplaced> unplaced;               ///< per project (meaningful when not placed nor refused)
    std::vector<LedgerRow> ledger;                ///< per district
    std::vector<double> site_taken_mu;            ///< per site: land booked on it (an assembled site: on its blocks)
    std::vector<PinProblem> pin_problems;         ///< pins of the overrides it could not honour
    SolveStats stats;
};

/// A plan: what is fixed once the city, rules and overrides are known (the sites,
/// the screening and the verdicts), and the state the solver, or a planner, chose.
struct Plan {
    std::vector<Site> sites;
    SiteAssemblyStats assembly;
    std::vector<std::vector<Refusal>> refusals;   ///< per project; empty = not refused
    Verdicts verdicts;
    PlanState state;
};

/// The land-supply conditions (出让条件) of the plan's placements: per placed project,
/// in project order, one per 标准地 indicator checked at its park's level, with the
/// committed figure, the threshold and whether it was met (a miss here is one the
/// rules let through with a warning). PLAN.gpkg supply_conditions.
std::vector<SupplyCondition> supply_conditions(const City& city, const Plan& plan);
/// The condition as its contract states it: "固定资产投资强度不低于 300 万元/亩（承诺 400.0
/// 万元/亩）", with the warning when the commitment misses it (kSupplyClause).
std::string clause_zh(const SupplyCondition& condition);
std::string clause_en(const SupplyCondition& condition);

/// "pin of PJ-017 to P03 cannot be honoured: …", from the problem's record.
std::string text_zh(const PinProblem& problem, const City& city, const Plan& plan);
std::string text_en(const PinProblem& problem, const City& city, const Plan& plan);

struct AllocateOptions {
    std::optional<double> time_limit_s;  ///< overrides rules.solver.time_limit_s
    bool greedy_only = false;            ///< the baseline, for benchmarks
};

/// The part of a plan fixed once the city, rules and overrides are known (the
/// screening, the sites, the verdicts) with nothing placed and each district's
/// ledger opened from the quota table: what run_allocation solves, and what a
/// planner's edits in the store start from (each placement applied with place()).
Plan plan_frame(const City& city, const audit::Audit& audit, const rules::Rules& rules, const Overrides& overrides = {},
                const ProgressFn& progress = {});

/// Screens, builds sites, solves and accounts. Pure: no I/O.
Plan run_allocation(const City& city, const audit::Audit& audit, const rules::Rules& rules, const Overrides& overrides,
                    const AllocateOptions& options = {}, const ProgressFn& progress = {});

// ---- pieces, exposed for tests and the viewer --------------------------------------

/// Every refusal that applies to project `j`.
std::vector<Refusal> screen_project(const City& city, const rules::Rules& rules, std::size_t j);

/// Sites from the audit's supply, honouring locked parcels: the blocks, then the
/// assembled sites (docs/allocate.md). `largest_project_mu` stops region growing
/// once a group holds the largest project (0: no limit).
std::vector<Site> build_sites(const City& city, const audit::Audit& audit, const rules::Rules& rules,
                              const std::vector<std::string>& locked_parcels = {}, double largest_project_mu = 0,
                              SiteAssemblyStats* stats = nullptr);

/// Land still free on a site: for a block, its area less what is booked on it;
/// for an assembled site, the sum over its blocks.
double site_left_mu(const Plan& plan, std::size_t site);

/// Whether project j's industry fits park p, and whether as a themed (true) or
/// general (false) fit. (Applies the rule; a plan's Verdicts keep the answer.)
std::optional<bool> park_fit(const City& city, const rules::Rules& rules, std::size_t j, std::size_t p);

/// The verdicts of every project on every site (run_allocation makes them once).
Verdicts build_verdicts(const City& city, const rules::Rules& rules, const std::vector<Site>& sites);

/// Whether project j can go on site s now: its refusals, the pair's verdict, the
/// site's area left and the paying district's quota left, with the figures.
struct PlacementCheck {
    PlacementBlock block = PlacementBlock::None;
    SiteVerdict verdict;       ///< the pair's verdict
    double left_mu = 0;        ///< SiteFull: of the site; QuotaSpent: of the quota
    double needed_mu = 0;      ///< what it would take
    int32_t district = -1;     ///< QuotaSpent: the paying district
    bool ok() const { return block == PlacementBlock::None; }
};
PlacementCheck placement_check(const Plan& plan, std::size_t j, std::size_t s);
/// Whether project j's placement may be removed: not when the quota its disposal
/// of stock land earned is already spent (CreditSpent); nullopt when it may.
std::optional<PlacementCheck> removal_check(const Plan& plan, std::size_t j);

/// Why a placement check refuses, from its figures (empty when it allows).
std::string reason_zh(const PlacementCheck& check, const City& city, const Plan& plan, std::size_t project);
std::string reason_en(const PlacementCheck& check, const City& city, const Plan& plan, std::size_t project);

/// placement_check's answer as the viewer shows it: empty when allowed, else the
/// reason in Chinese and English, joined by " / ".
std::string check_placement(const City& city, const rules::Rules& rules, const Plan& plan, std::size_t j, std::size_t s);

/// Where the planner's "place it in this park" puts project j: among the park's
/// sites that check_placement allows, stock land before planned land (no new
/// quota), then the tightest fit (least land left over). nullopt when none does.
std::optional<std::size_t> best_site_in_park(const City& city, const rules::Rules& rules, const Plan& plan, std::size_t j,
                                             std::size_t park);

/// Places (after check_placement; DataError when it fails) or removes a
/// placement (after removal_check; DataError when it fails), updating site use
/// and the ledger. A project removed by unplace() is recorded as REMOVED.
void place(const City& city, const rules::Rules& rules, Plan& plan, std::size_t j, std::size_t s, bool pinned);
void unplace(const City& city, const rules::Rules& rules, Plan& plan, std::size_t j);

/// The sites' outlines (GEOS union of their parcels), feature i = sites[i].
geom::MultiPolygonColumn site_geometry(const City& city, const std::vector<Site>& sites);

/// Where a district's flows start: its boundary's centroid, or the area-weighted
/// centroid of its parcels when the city has no district boundaries.
geom::Point district_centre(const City& city, uint32_t district);

/// Enclave flows aggregated by (origin district, host park).
struct Flow {
    uint32_t origin = 0;
    uint32_t park = 0;
    uint32_t count = 0;
    double area_mu = 0, investment_wan = 0, tax_wan = 0;
    std::vector<uint32_t> projects;
};
std::vector<Flow> enclave_flows(const City& city, const Plan& plan);

/// Shares of an enclave placement in year `year` after placement.
struct EnclaveShares { double tax_origin = 0, gdp_origin = 0; rules::EnclaveSide statistics_owner = rules::EnclaveSide::Host; };
EnclaveShares enclave_shares(const rules::Rules& rules, int year);

}  // namespace parkcap::allocate
