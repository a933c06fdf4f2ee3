#pragma once
// allocate(City, Audit, Rules, Overrides) → Plan: which projects get land, where,
// and whose quota pays. Screening refuses what must be refused; sites are built
// from the audit's supply (stock first, planned land on quota); a MIP solved by
// COIN-OR CBC chooses the placements; the ledger keeps every district's quota ≥ 0.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parkcap/audit/audit.hpp"
#include "parkcap/core/progress.hpp"
#include "parkcap/model/city.hpp"
#include "parkcap/rules/rules.hpp"

namespace parkcap::allocate {

// ---- screening ----------------------------------------------------------------

enum class RefusalCode : uint8_t {
    EiaFailed,       ///< EIA_FAILED: 环评安评未通过
    NegativeList,    ///< NEGATIVE_LIST: 负面清单/淘汰类产业
    NoChemPark,      ///< NO_CHEM_PARK: chemical project no certified chemical park can take
    LowIntensity,    ///< LOW_INTENSITY: investment per 亩 below the standard of every park it fits
    LowTax,          ///< LOW_TAX: expected tax per 亩 below the floor (贡献度不大)
    LandGrab,        ///< LAND_GRAB: asks far more land than its investment justifies (跑马圈地)
};
const char* code_name(RefusalCode);

struct Refusal {
    RefusalCode code{};
    double value = 0;      ///< the project's figure
    double threshold = 0;  ///< the rule's figure
    std::string reason_zh, reason_en;
};

// ---- supply -------------------------------------------------------------------

enum class SiteKind : uint8_t {
    Stock,    ///< approved-unsupplied, reserve, or idle land to take back: no new quota
    Planned,  ///< planned land: consumes new construction-land quota
};
const char* to_string(SiteKind);

/// Adjacent available parcels of one park and one kind, merged.
struct Site {
    std::string site_id;             ///< stable: S-<park>-<kind>-<first parcel id>
    uint32_t park = 0;
    uint32_t district = 0;           ///< the park's host district
    SiteKind kind{};
    std::vector<uint32_t> parcels;   ///< indices into City::parcels, sorted
    double area_mu = 0;              ///< exact sum of its parcels' areas
    bool shore_ok = false;           ///< within reach of port shoreline in an allowed zone
    double port_distance_m = 0;
    double river_distance_m = 0;     ///< to any shoreline (chemical projects keep out of reach)
    geom::Point centre;
};

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
};

/// Reads an overrides TOML file ([[pin]] project/park/site, [[forbid]] project/park,
/// lock_parcels = [...], [[reserve]] park/mu). DataError names the line and key.
Overrides load_overrides_file(const std::string& path);
Overrides parse_overrides(std::string_view toml_text, const std::string& source_name);
/// Adds `more` to `into`: its pins, exclusions, locks and reserves come after
/// those already there (a saved plan's pins, then the planner's overrides).
void merge_overrides(Overrides& into, const Overrides& more);

// ---- the plan -----------------------------------------------------------------

/// Why a project that was not refused got no land.
enum class UnplacedCode : uint8_t {
    NoFittingPark,  ///< NO_FIT: no park takes its industry
    NoShore,        ///< NO_SHORE: riverfront need, no fitting site near port shoreline
    NoCapacity,     ///< NO_CAPACITY: no fitting site large enough (left)
    NoQuota,        ///< NO_QUOTA: only planned land fits, and the paying district's quota is spent
    Forbidden,      ///< FORBIDDEN: excluded by an override
    Outscored,      ///< OUTSCORED: land was there but better projects used it
};
const char* code_name(UnplacedCode);
const char* title_zh(UnplacedCode);

/// One term of a placement's score: weight × value ÷ scale.
struct ScoreTerm {
    std::string name;
    double value = 0, weight = 0, scale = 1;
    double contribution() const { return weight * value / scale; }
};

struct Placement {
    uint32_t project = 0;
    uint32_t site = 0;
    double area_mu = 0;         ///< taken from the site (the whole site when the remnant would be too small)
    bool uses_quota = false;    ///< planned land
    uint32_t quota_district = 0;  ///< whose quota paid (when uses_quota)
    bool enclave = false;       ///< origin ≠ host
    bool pinned = false;
    double score = 0;
    std::vector<ScoreTerm> terms;
};

struct LedgerRow {
    uint32_t district = 0;
    double opening_mu = 0;      ///< quota table
    double earned_mu = 0;       ///< 增存挂钩, from the audit
    double consumed_mu = 0;     ///< by placements on planned land it pays for
    double consumed_enclave_mu = 0;  ///< part of consumed_mu for other districts' projects
    double stock_used_mu = 0;   ///< stock land in its parks placed (no quota)
    double remaining_mu() const { return opening_mu + earned_mu - consumed_mu; }
};

struct SolveStats {
    std::string method;         ///< "cbc", "cbc (time limit)", "greedy"
    double objective = 0;
    double best_bound = 0;
    double gap = 0;             ///< (bound − objective) ÷ max(|bound|, 1e-9)
    double greedy_objective = 0;
    double seconds = 0;
    uint64_t variables = 0, constraints = 0;
    bool proven_optimal = false;
};

/// What a plan decided: the part that edits change. Everything it refers to
/// (sites, refusals) stays fixed in its Plan, so a copy of this is exactly one
/// step of undo, and restoring it restores the plan.
struct PlanState {
    std::vector<Placement> placements;            ///< sorted by project
    std::vector<std::optional<uint32_t>> placement_of;  ///< per project: index into placements
    std::vector<UnplacedCode> unplaced;           ///< per project (meaningful when not placed nor refused)
    std::vector<std::string> unplaced_detail;     ///< per project, English detail
    std::vector<LedgerRow> ledger;                ///< per district
    std::vector<double> site_taken_mu;            ///< per site
    SolveStats stats;
};

/// A plan: what is fixed once the city, rules and overrides are known (the sites
/// and the screening), and the state the solver, or a planner, chose on them.
struct Plan {
    std::vector<Site> sites;
    std::vector<std::vector<Refusal>> refusals;   ///< per project; empty = not refused
    PlanState state;
};

struct AllocateOptions {
    std::optional<double> time_limit_s;  ///< overrides rules.solver.time_limit_s
    bool greedy_only = false;            ///< the baseline, for benchmarks
};

/// Screens, builds sites, solves and accounts. Pure: no I/O.
Plan run_allocation(const City& city, const audit::Audit& audit, const rules::Rules& rules, const Overrides& overrides,
                    const AllocateOptions& options = {}, const ProgressFn& progress = {});

// ---- pieces, exposed for tests and the viewer --------------------------------------

/// Every refusal that applies to project `j`.
std::vector<Refusal> screen_project(const City& city, const rules::Rules& rules, std::size_t j);

/// Sites from the audit's supply, honouring locked parcels.
std::vector<Site> build_sites(const City& city, const audit::Audit& audit, const rules::Rules& rules,
                              const std::vector<std::string>& locked_parcels = {});

/// Whether project j's industry fits park p, and whether as a themed (true) or
/// general (false) fit.
std::optional<bool> park_fit(const City& city, const rules::Rules& rules, std::size_t j, std::size_t p);

/// Checks placing project j on site s against the current plan: fit, shoreline,
/// capacity left and quota left. Empty when allowed, else the reason (Chinese and
/// English, joined by " / "), as the viewer shows it.
std::string check_placement(const City& city, const rules::Rules& rules, const Plan& plan, std::size_t j, std::size_t s);

/// Where the planner's "place it in this park" puts project j: among the park's
/// sites that check_placement allows, stock land before planned land (no new
/// quota), then the tightest fit (least land left over). nullopt when none does.
std::optional<std::size_t> best_site_in_park(const City& city, const rules::Rules& rules, const Plan& plan, std::size_t j,
                                             std::size_t park);

/// Places (after check_placement) or removes a placement, updating site use and the ledger.
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
struct EnclaveShares { double tax_origin = 0, gdp_origin = 0; std::string statistics_owner = "host"; };
EnclaveShares enclave_shares(const rules::Rules& rules, int year);

}  // namespace parkcap::allocate
