#pragma once
// Internal: the assignment problem in solver-neutral form. A candidate is one
// (project, site) pair the rules allow; the solvers choose at most one per
// project within site capacity, district quota and park reserves.
#include <chrono>
#include <cstdint>
#include <string>
#include <span>
#include <vector>

#include "parkcap/allocate/allocate.hpp"

namespace parkcap::allocate::detail {

struct Candidate {
    uint32_t project = 0;
    uint32_t site = 0;
    double take_mu = 0;
    double value = 0;
    int32_t payer = -1;  ///< district whose quota pays; -1 for stock land
    /// The block row that books the variable part of its take (the largest block of
    /// an assembled site): the Lagrangian knapsack it joins.
    uint32_t primary_row = 0;
    /// 增存挂钩: the district whose quota the placement earns by disposing of stock
    /// land, and how much (its quota row gets −earned_mu); -1 when none.
    int32_t earner = -1;
    double earned_mu = 0;
    double quota_mu = 0;  ///< the quota it draws from the payer (SiteVerdict::quota_mu)
};

/// A linear "≤ capacity" constraint: Σ coefficient × chosen over its candidates.
/// Site rows are per block (an assembled site's candidate books land on every
/// block it spans, block_shares), so sites sharing a block never double-book it.
/// A quota row's coefficients are negative for placements whose disposal of stock
/// land earns the district quota: removing a candidate can then use up room.
struct CapacityRow {
    enum class Kind { Site, Quota, Reserve } kind = Kind::Site;
    std::string name;
    double capacity = 0;
    std::vector<uint32_t> candidates;
    std::vector<double> coefficients;  ///< parallel to candidates: 亩 it uses of the row
};

struct Problem {
    std::vector<Candidate> candidates;            ///< grouped by project, in project order
    std::vector<std::vector<uint32_t>> by_project; ///< candidate indices of each project
    std::vector<bool> pinned;                     ///< per project: must be placed
    std::vector<CapacityRow> rows;                ///< sites, quotas, park reserves
    /// Per candidate, the rows it appears in and its coefficient there, indexed
    /// from `rows`: flat arrays (one allocation for millions of candidates, not two each).
    std::span<const uint32_t> rows_of(std::size_t candidate) const {
        return {row_of_.data() + first_row_[candidate], first_row_[candidate + 1] - first_row_[candidate]};
    }
    std::span<const double> coef_of(std::size_t candidate) const {
        return {coef_of_.data() + first_row_[candidate], first_row_[candidate + 1] - first_row_[candidate]};
    }
    /// Builds rows_of/coef_of from `rows`; call once the rows are complete.
    void index_rows();

private:
    std::vector<std::size_t> first_row_;  ///< candidate k's entries: [first_row_[k], first_row_[k + 1])
    std::vector<uint32_t> row_of_;
    std::vector<double> coef_of_;
};

struct Solution {
    std::vector<int32_t> chosen;  ///< per project: candidate index or -1
    double objective = 0;
};

/// Greedy construction (best value per 亩 first, best-fit site) then up to
/// `limits.greedy_improvement_rounds` rounds of swaps that raise the objective.
/// Feasible whenever every pin fits; pins placed first.
/// The rounds also stop at `deadline` (a safety net on the wall clock, like
/// time_limit_s: the rounds count is the reproducible limit).
Solution solve_greedy(const Problem& problem, const rules::SolverRules& limits,
                      std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max());

struct MipResult {
    Solution solution;
    /// A true upper bound on every feasible plan: CBC's open nodes as this code saw
    /// them, never CBC's own report (which is its incumbent once it stops on a gap).
    double best_bound = 0;
    bool proven_optimal = false;  ///< best_bound − objective within kClosedGap
    SolveStop stopped_by = SolveStop::GapClosed;
    bool feasible = false;
    std::string method;  ///< how the plan and its bound were found, for Plan::stats.method
    uint64_t nodes = 0;  ///< branch-and-bound nodes CBC explored
};

struct LagrangianBound {
    double bound = 0;         ///< an upper bound on every feasible plan's objective
    int iterations = 0;
    bool hit_deadline = false;
};

/// An upper bound by Lagrangian relaxation of the capacity rows (lagrange.cpp):
/// cheap at any size (linear in the candidates per iteration), and never below
/// the LP bound. `lower_bound` is a known plan's objective (the greedy's); at most
/// `max_iterations` steps ([solver] capacity_bound_max_iterations).
/// `prices`, when given, receives the row prices of the best bound found.
LagrangianBound capacity_lagrangian_bound(const Problem& problem, double lower_bound,
                                          std::chrono::steady_clock::time_point deadline, int max_iterations,
                                          std::vector<double>* prices = nullptr);

/// The best plan within `time_limit_s` (all of it: model building included),
/// starting from `start`. The bound always comes from Lagrangian relaxation, and
/// from CBC too when the model is small enough for CBC to get through its root
/// LP in the time left (`limits.cbc_candidates_per_second`); larger models keep
/// `start` with the Lagrangian bound.
/// `known`: a capacity Lagrangian bound already computed for this problem (not
/// computed again).
MipResult solve_mip(const Problem& problem, const Solution& start, double time_limit_s, double relative_gap,
                    const rules::SolverRules& limits, const LagrangianBound* known = nullptr);

/// Duals of the LP relaxation: per project (λ) and per capacity row (μ, ≥ 0), in
/// the maximisation's sign convention. False when the LP could not be solved.
bool lp_duals(const Problem& problem, std::vector<double>& lambda, std::vector<double>& mu);

/// An upper bound on the optimum by Lagrangian relaxation: the one-per-project,
/// quota and reserve rows are priced out, leaving one exact 0-1 knapsack per site
/// (solved by dynamic programming on weights rounded down, which only loosens it).
/// Any multipliers give a valid bound; subgradient steps tighten it until the time
/// budget runs out. `incumbent` is the best known plan's value (for the step size).
/// The knapsack choices of each iteration, repaired into a feasible plan (the
/// Lagrangian heuristic), improve `incumbent` when they can; it must be feasible.
/// Stops early once the incumbent is within `relative_gap` of the bound, and after
/// `limits.knapsack_bound_max_iterations` steps; `limits` also sizes the knapsacks'
/// weight units and says up to what size the prices start from the LP's duals.
/// `start_prices`: capacity-row prices (capacity_lagrangian_bound's) to start
/// from where the LP's duals are not sought: each project's price is then its best
/// reduced value at them, so the first bound is already at most that relaxation's.
/// Every `limits.knapsack_heuristic_search_every` steps the repaired plan goes
/// through improve_by_sites; the steps also stop after
/// `limits.knapsack_bound_max_candidate_steps` ÷ candidates (the work limit at scale).
double lagrangian_bound(const Problem& problem, Solution& incumbent, double seconds, double relative_gap,
                        const rules::SolverRules& limits, const std::vector<double>* start_prices = nullptr);

/// Exact 0-1 knapsack on integer weights by dynamic programming over capacity
/// (site_search.cpp); its buffers are kept between calls.
class KnapsackSolver {
public:
    /// The best profit within `capacity`; take[i] says whether item i is in it.
    double solve(const std::vector<double>& profit, const std::vector<int>& weight, int capacity, std::vector<char>& take);

private:
    std::vector<double> best_;
    std::vector<uint8_t> choice_;  ///< items × (capacity + 1): whether item i improved sum c
    std::vector<int> reach_;       ///< per item: the largest sum the items up to it reach (≤ capacity)
};

/// The weight unit of a row holding `weights` within `capacity`: the coarsest of
/// 1, 0.5, 0.1, 0.05, 0.01 亩 every weight is a whole multiple of (weights of the
/// whole row excepted) that needs at most `max_units` units, else
/// max(min_unit, capacity ÷ max_units), in which weights are rounded.
double knapsack_unit(const std::vector<double>& weights, double capacity, int max_units, double min_unit);
/// A weight in units: rounded down (a relaxation, for bounds) or up (a
/// restriction, for plans); a weight of the whole row is the row's units either way.
int knapsack_weight(double weight, double capacity, double unit, bool round_up);

/// The candidates that book exactly one block (one Site row), listed by that row,
/// and each candidate's block row (−1 for one that books none or several): what
/// the site search and the site-group models may move one site at a time.
struct SingleBlockCandidates {
    std::vector<std::vector<uint32_t>> by_row;
    std::vector<int32_t> row_of;
};
SingleBlockCandidates single_block_candidates(const Problem& problem);

/// Local search (site_search.cpp): each site in turn takes the best set of
/// projects it can hold given the rest of the plan (unplaced ones at their value,
/// ones placed elsewhere at what moving them gains), solved as a knapsack; a move
/// that would overdraw any row is undone. At most `limits.site_search_rounds`
/// rounds, fewer when a round moves nothing; `deadline` a safety net. `s` must be
/// feasible and stays so. Returns how many sites took a better set.
int improve_by_sites(const Problem& problem, Solution& s, const rules::SolverRules& limits,
                     std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max());

/// Lowers each capacity row to the largest sum of its coefficients it can hold
/// (tighten.cpp; a quota row's 增存挂钩 credits are negative coefficients, taken
/// first): no integer plan is lost, the LP bound tightens. Rows whose coefficients
/// share no unit down to 0.01 亩, or that would need more than `max_units` of it
/// (0: none is rounded), are left as they are. Returns how many rows it lowered.
int round_down_capacities(Problem& problem, int max_units);

/// Whether some candidate books land on more than one block (an assembled site).
bool spans_blocks(const Problem& problem, uint32_t candidate);
bool has_assembled_candidates(const Problem& problem);

/// Large-neighbourhood search with CBC (submodels.cpp): groups of
/// `limits.submodel_sites` sites offered to the same projects, each solved by
/// solve_mip as a model of its own (the free projects: those on its sites and the
/// best unplaced; the rest of the plan fixed, its use taken off every row), its
/// plan kept when better. `s` must be feasible and stays so. Returns how many
/// models improved it.
int improve_by_submodels(const Problem& problem, Solution& s, const rules::SolverRules& limits,
                         std::chrono::steady_clock::time_point deadline);

/// Objective value of a solution; and whether it respects every row (for tests).
double objective_of(const Problem& problem, const Solution& s);
bool feasible(const Problem& problem, const Solution& s, std::string* why = nullptr);

}  // namespace parkcap::allocate::detail
