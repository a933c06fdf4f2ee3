// The exact model, solved by COIN-OR CBC (branch and cut on Clp):
//   max Σ value_k x_k
//   Σ_{k of project j} x_k ≤ 1 (= 1 when pinned)
//   Σ_{k in row} take_k x_k ≤ capacity_row   (sites, district quotas, park reserves)
//   x_k ∈ {0, 1}
#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <string>

#include <coin/CbcEventHandler.hpp>
#include <coin/CbcModel.hpp>
#include <coin/CbcNode.hpp>
#include <coin/CbcSolver.hpp>
#include <coin/CbcTree.hpp>
#include <coin/CoinPackedMatrix.hpp>
#include <coin/OsiClpSolverInterface.hpp>

#include "model.hpp"

namespace parkcap::allocate::detail {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_until(Clock::time_point t) { return std::chrono::duration<double>(t - Clock::now()).count(); }

double relative_gap_of(double bound, double objective) { return (bound - objective) / std::max(std::abs(bound), 1e-9); }

/// The bound CBC's search proves, seen from outside CBC. CBC 2.10 cannot be asked:
/// stopping on its own ratio gap it reports its incumbent as the bound and calls
/// the result proven optimal. So CBC runs with no gap of its own, and after every
/// node this handler takes the least objective (CBC minimises) of the open nodes,
/// the node just processed and the incumbent: a lower bound on every solution
/// still possible. It stops the search once that bound is within the rules' gap.
/// The check runs per node, not on a timer, so where it stops is reproducible.
class GapWatch : public CbcEventHandler {
public:
    struct Seen {
        double lower_bound = -std::numeric_limits<double>::infinity();  ///< in CBC's (minimising) sense
        bool stopped = false;  ///< this handler ended the search
    };

    explicit GapWatch(double relative_gap) : relative_gap_(relative_gap), seen_(std::make_shared<Seen>()) {}
    // CBC clones its handler (into the model it really solves): clones share what they see.
    CbcEventHandler* clone() const override { return new GapWatch(*this); }
    const Seen& seen() const { return *seen_; }

    CbcAction event(CbcEvent which) override {
        // Sub-searches inside CBC's heuristics have their own trees: not the bound.
        if (which != node || !model_ || model_->parentModel()) return noAction;
        const double incumbent = model_->getObjValue();  // 1e50 until CBC has a solution
        double open = model_->tree() ? model_->tree()->getBestPossibleObjective() : 1e100;
        if (const CbcNode* n = model_->currentNode(); n && n->active()) open = std::min(open, n->objectiveValue());
        const double bound = std::min(open, incumbent);
        if (bound >= 1e49) return noAction;  // nothing known yet
        seen_->lower_bound = std::max(seen_->lower_bound, bound);
        if (incumbent < 1e49 && relative_gap_of(-seen_->lower_bound, -incumbent) <= relative_gap_) {
            seen_->stopped = true;
            return stop;
        }
        return noAction;
    }

private:
    double relative_gap_;
    std::shared_ptr<Seen> seen_;
};


/// Loads the model into Clp: project rows first (those with candidates, in
/// project order), then the capacity rows; objective negated (CBC minimises).
/// `whole_takers[e]`: the candidates whose sum column ncols + e bounds (below).
void load_model(const Problem& p, OsiClpSolverInterface& solver, std::vector<int>& project_row,
                std::vector<std::vector<int>>& whole_takers) {
    const int ncols = static_cast<int>(p.candidates.size());
    CoinPackedMatrix matrix(false, 0, 0);  // row-ordered
    matrix.setDimensions(0, ncols);
    std::vector<double> row_lo, row_hi;
    project_row.assign(p.by_project.size(), -1);
    for (std::size_t j = 0; j < p.by_project.size(); ++j) {
        if (p.by_project[j].empty()) continue;
        project_row[j] = static_cast<int>(row_lo.size());
        std::vector<int> idx(p.by_project[j].begin(), p.by_project[j].end());
        std::vector<double> one(idx.size(), 1.0);
        matrix.appendRow(static_cast<int>(idx.size()), idx.data(), one.data());
        row_lo.push_back(p.pinned[j] ? 1.0 : -COIN_DBL_MAX);
        row_hi.push_back(1.0);
    }
    for (const auto& row : p.rows) {
        std::vector<int> idx;
        std::vector<double> take;
        for (std::size_t i = 0; i < row.candidates.size(); ++i) {
            idx.push_back(static_cast<int>(row.candidates[i]));
            take.push_back(row.coefficients[i]);
        }
        matrix.appendRow(static_cast<int>(idx.size()), idx.data(), take.data());
        row_lo.push_back(-COIN_DBL_MAX);
        row_hi.push_back(row.capacity);
    }
    // A block that an assembled site's candidate takes wholly cannot also hold
    // anything else: per block and project, its candidates there plus every
    // candidate taking the block wholly ≤ 1. Implied for integer plans, these
    // cuts close the LP's room to share a block fractionally. Written out per
    // project they repeat the block's whole-takers in every one of them (on
    // bench_allocate blocks 1000x600, tens of millions of entries: Clp never got
    // through loading them), so each such block gets one continuous column
    // w ≥ Σ whole-takers, and the project's cut reads Σ its candidates + w ≤ 1:
    // the same LP, projected on the candidates, in entries linear in the row.
    whole_takers.clear();
    auto add_row = [&](const std::vector<int>& idx, const std::vector<double>& coef, double hi) {
        matrix.appendRow(static_cast<int>(idx.size()), idx.data(), coef.data());
        row_lo.push_back(-COIN_DBL_MAX);
        row_hi.push_back(hi);
    };
    for (std::size_t r = 0; r < p.rows.size(); ++r) {
        const auto& row = p.rows[r];
        if (row.kind != CapacityRow::Kind::Site) continue;
        std::vector<int> whole;
        std::map<uint32_t, std::vector<int>> partial;  // by project
        for (uint32_t c : row.candidates) {
            if (p.candidates[c].primary_row != r) whole.push_back(static_cast<int>(c));
            else partial[p.candidates[c].project].push_back(static_cast<int>(c));
        }
        if (whole.empty()) continue;
        if (partial.size() <= 1) {  // one cut: written out directly
            std::vector<int> cut = whole;
            if (!partial.empty()) cut.insert(cut.end(), partial.begin()->second.begin(), partial.begin()->second.end());
            add_row(cut, std::vector<double>(cut.size(), 1.0), 1.0);
            continue;
        }
        const int w = ncols + static_cast<int>(whole_takers.size());
        whole_takers.push_back(whole);
        matrix.setDimensions(matrix.getNumRows(), w + 1);
        std::vector<int> idx = whole;
        std::vector<double> coef(whole.size(), 1.0);
        idx.push_back(w);
        coef.push_back(-1.0);
        add_row(idx, coef, 0.0);  // Σ whole-takers − w ≤ 0
        for (auto& [project, own] : partial) {
            std::vector<int> cut = own;
            cut.push_back(w);
            add_row(cut, std::vector<double>(cut.size(), 1.0), 1.0);
        }
    }
    const int ntotal = ncols + static_cast<int>(whole_takers.size());
    std::vector<double> col_lo(ntotal, 0.0), col_hi(ntotal, 1.0), obj(ntotal, 0.0);
    for (int k = 0; k < ncols; ++k) obj[k] = -p.candidates[k].value;  // CBC minimises

    solver.messageHandler()->setLogLevel(0);
    solver.loadProblem(matrix, col_lo.data(), col_hi.data(), obj.data(), row_lo.data(), row_hi.data());
}

}  // namespace

bool lp_duals(const Problem& p, std::vector<double>& lambda, std::vector<double>& mu) {
    lambda.assign(p.by_project.size(), 0.0);
    mu.assign(p.rows.size(), 0.0);
    if (p.candidates.empty()) return false;
    OsiClpSolverInterface solver;
    std::vector<int> project_row;
    std::vector<std::vector<int>> whole_takers;
    load_model(p, solver, project_row, whole_takers);
    solver.initialSolve();
    if (!solver.isProvenOptimal()) return false;
    const double* y = solver.getRowPrice();
    for (std::size_t j = 0; j < project_row.size(); ++j)
        if (project_row[j] >= 0) lambda[j] = -y[project_row[j]];
    int first_capacity_row = 0;
    for (int r : project_row) first_capacity_row += r >= 0;
    for (std::size_t r = 0; r < p.rows.size(); ++r) mu[r] = std::max(0.0, -y[first_capacity_row + static_cast<int>(r)]);
    return true;
}

MipResult solve_mip(const Problem& p, const Solution& start, double time_limit_s, double relative_gap,
                    const rules::SolverRules& limits, const LagrangianBound* known) {
    const Clock::time_point deadline =
        Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(std::max(time_limit_s, 0.0)));
    MipResult result;
    const int ncols = static_cast<int>(p.candidates.size());
    if (ncols == 0) {
        result.solution.chosen.assign(p.by_project.size(), -1);
        result.feasible = result.proven_optimal = true;
        result.stopped_by = SolveStop::GapClosed;
        result.method = "cbc";
        return result;
    }

    // A bound at any size, in a fraction of the time: Lagrangian relaxation.
    const bool start_ok = feasible(p, start);
    const LagrangianBound lagrange =
        known ? *known
              : capacity_lagrangian_bound(p, start_ok ? start.objective : 0, deadline, limits.capacity_bound_max_iterations);
    auto finish = [&](SolveStop limit) {
        result.best_bound = std::max(result.best_bound, result.solution.objective);  // a plan seen is a floor
        const double gap = relative_gap_of(result.best_bound, result.solution.objective);
        result.proven_optimal = gap <= kClosedGap;
        result.stopped_by = result.proven_optimal ? SolveStop::GapClosed : gap <= relative_gap ? SolveStop::RelativeGap : limit;
        return result;
    };
    if (start_ok) {
        result.solution = start;
        result.feasible = true;
        result.best_bound = lagrange.bound;
        if (relative_gap_of(lagrange.bound, start.objective) <= std::max(relative_gap, kClosedGap)) {
            result.method = "start plan, bounded by Lagrangian relaxation";
            return finish(SolveStop::RelativeGap);
        }
        // Clp needs seconds for the root LP of tens of thousands of candidates and
        // minutes for a million, and CBC overruns its limit while in the root.
        if (ncols > limits.cbc_candidates_per_second * seconds_until(deadline)) {
            result.method = "Lagrangian bound (too large for CBC in the time limit)";
            return finish(SolveStop::TooLarge);
        }
    }

    OsiClpSolverInterface solver;
    std::vector<int> project_row;
    std::vector<std::vector<int>> whole_takers;
    load_model(p, solver, project_row, whole_takers);
    for (int k = 0; k < ncols; ++k) solver.setInteger(k);

    CbcModel model(solver);
    model.setLogLevel(0);
    model.messageHandler()->setLogLevel(0);
    // The greedy plan as incumbent: CBC only searches for better ones.
    if (start_ok) {
        std::vector<double> x(solver.getNumCols(), 0.0);
        for (int32_t c : start.chosen)
            if (c >= 0) x[c] = 1.0;
        // Each block's whole-taker column at the sum it bounds.
        for (std::size_t e = 0; e < whole_takers.size(); ++e)
            for (int c : whole_takers[e]) x[ncols + e] += x[c];
        model.setBestSolution(x.data(), static_cast<int>(x.size()), -start.objective, true);
    }
    const GapWatch watch(std::max(relative_gap, 0.0));
    model.passInEventHandler(&watch);
    CbcSolverUsefulData data;
    CbcMain0(model, data);
    model.setLogLevel(0);
    const std::string sec = std::to_string(std::max(seconds_until(deadline), 0.01));
    const std::string nodes = std::to_string(std::max(limits.node_limit, 1));
    model.solver()->messageHandler()->setLogLevel(0);
    // Branch on placements on assembled sites first: there are few of them (major
    // projects across roads), and once they are fixed what is left is the
    // single-block assignment, whose LP is tight. Branching on them last, CBC spent
    // its nodes on small projects' swaps under majors split between two tracts.
    {
        std::vector<int> priority(static_cast<std::size_t>(solver.getNumCols()), 1000);  // CBC's default
        for (int k = 0; k < ncols; ++k)
            if (spans_blocks(p, static_cast<uint32_t>(k))) priority[static_cast<std::size_t>(k)] = 1;
        model.findIntegers(false);
        model.passInPriorities(priority.data(), false);
    }
    // No gap of CBC's own (see GapWatch); no preprocessing, whose reduced model's node
    // objectives are not this model's (with it, the watched bound fell below a proven
    // optimum: tests/allocate/bounds_test.cpp); one thread, so the search is the same every run.
    // No feasibility pump: it only looks for a first feasible plan, and CBC is given
    // one; on the sample city (quota rows bound by 增存挂钩) it took 8 of 10 seconds.
    const char* argv[] = {"parkcap", "-log", "0", "-slog", "0", "-timeMode", "elapsed", "-sec", sec.c_str(),
                          "-maxNodes", nodes.c_str(), "-ratioGap", "0", "-preprocess", "off", "-threads", "0",
                          "-feasibilityPump", "off", "-solve", "-quit"};
    CbcMain1(static_cast<int>(std::size(argv)), argv, model, [](CbcModel*, int) { return 0; }, data);

    result.solution.chosen.assign(p.by_project.size(), -1);
    result.feasible = false;
    const double* x = model.bestSolution();
    if (x) {
        result.feasible = true;
        for (int k = 0; k < ncols; ++k)
            if (x[k] > 0.5) result.solution.chosen[p.candidates[k].project] = k;
        result.solution.objective = objective_of(p, result.solution);
    }
    const GapWatch::Seen& seen = watch.seen();
    // The tree exhausted: nothing better than the incumbent remains.
    // (CBC's own absolute gap, a rounding error, still applies: it is added back.)
    const bool exhausted = model.isProvenOptimal() && !seen.stopped;
    const bool timed_out = model.isSecondsLimitReached() || model.maximumSecondsReached();
    double bound = lagrange.bound;
    if (exhausted && result.feasible)
        bound = std::min(bound, result.solution.objective + (model.secondaryStatus() == 2 ? model.getAllowableGap() : 0.0));
    else if (std::isfinite(seen.lower_bound)) bound = std::min(bound, -seen.lower_bound);
    result.best_bound = bound;
    // CBC's own count: it checks the node limit between dives, so the count can pass it.
    result.nodes = static_cast<uint64_t>(std::max(model.getNodeCount(), 0));
    // How the plan was found; what ended the search is stopped_by.
    result.method = timed_out ? "cbc (time limit)" : seen.stopped || exhausted ? "cbc" : "cbc (node limit)";
    return finish(timed_out ? SolveStop::TimeLimit : SolveStop::WorkLimit);
}

}  // namespace parkcap::allocate::detail
