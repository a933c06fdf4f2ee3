// The exact model, solved by COIN-OR CBC (branch and cut on Clp):
//   max Σ value_k x_k
//   Σ_{k of project j} x_k ≤ 1 (= 1 when pinned)
//   Σ_{k in row} take_k x_k ≤ capacity_row   (sites, district quotas, park reserves)
//   x_k ∈ {0, 1}
#include <map>
#include <chrono>
#include <cmath>
#include <string>

#include <coin/CbcModel.hpp>
#include <coin/CbcSolver.hpp>
#include <coin/CoinPackedMatrix.hpp>
#include <coin/OsiClpSolverInterface.hpp>

#include "model.hpp"

namespace parkcap::allocate::detail {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_until(Clock::time_point t) { return std::chrono::duration<double>(t - Clock::now()).count(); }


/// Loads the model into Clp: project rows first (those with candidates, in
/// project order), then the capacity rows; objective negated (CBC minimises).
void load_model(const Problem& p, OsiClpSolverInterface& solver, std::vector<int>& project_row) {
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
    // cuts close the LP's room to share a block fractionally.
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
        auto add_cut = [&](std::vector<int> idx) {
            idx.insert(idx.end(), whole.begin(), whole.end());
            std::vector<double> one(idx.size(), 1.0);
            matrix.appendRow(static_cast<int>(idx.size()), idx.data(), one.data());
            row_lo.push_back(-COIN_DBL_MAX);
            row_hi.push_back(1.0);
        };
        if (partial.empty()) add_cut({});
        for (auto& [project, idx] : partial) add_cut(idx);
    }
    std::vector<double> col_lo(ncols, 0.0), col_hi(ncols, 1.0), obj(ncols);
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
    load_model(p, solver, project_row);
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
                    const rules::SolverRules& limits) {
    const Clock::time_point deadline =
        Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(std::max(time_limit_s, 0.0)));
    MipResult result;
    const int ncols = static_cast<int>(p.candidates.size());
    if (ncols == 0) {
        result.solution.chosen.assign(p.by_project.size(), -1);
        result.feasible = result.proven_optimal = true;
        result.method = "cbc";
        return result;
    }

    // A bound at any size, in a fraction of the time: Lagrangian relaxation.
    const bool start_ok = feasible(p, start);
    const LagrangianBound lagrange =
        capacity_lagrangian_bound(p, start_ok ? start.objective : 0, deadline, limits.capacity_bound_max_iterations);
    const double gap_of_start = (lagrange.bound - start.objective) / std::max(std::abs(lagrange.bound), 1e-9);
    if (start_ok) {
        result.solution = start;
        result.feasible = true;
        result.best_bound = std::max(lagrange.bound, start.objective);
        if (gap_of_start <= std::max(relative_gap, 1e-9)) {
            result.proven_optimal = gap_of_start <= 1e-9;
            result.method = "greedy, proven by Lagrangian relaxation";
            return result;
        }
        // Clp needs seconds for the root LP of tens of thousands of candidates and
        // minutes for a million, and CBC overruns its limit while in the root.
        if (ncols > limits.cbc_candidates_per_second * seconds_until(deadline)) {
            result.method = "greedy + Lagrangian bound (too large for CBC in the time limit)";
            return result;
        }
    }

    OsiClpSolverInterface solver;
    std::vector<int> project_row;
    load_model(p, solver, project_row);
    for (int k = 0; k < ncols; ++k) solver.setInteger(k);

    CbcModel model(solver);
    model.setLogLevel(0);
    model.messageHandler()->setLogLevel(0);
    // The greedy plan as incumbent: CBC only searches for better ones.
    if (feasible(p, start)) {
        std::vector<double> x(ncols, 0.0);
        for (int32_t c : start.chosen)
            if (c >= 0) x[c] = 1.0;
        model.setBestSolution(x.data(), ncols, -start.objective, true);
    }
    CbcSolverUsefulData data;
    CbcMain0(model, data);
    model.setLogLevel(0);
    const std::string sec = std::to_string(std::max(seconds_until(deadline), 0.01));
    const std::string gap = std::to_string(std::max(relative_gap, 0.0));
    model.solver()->messageHandler()->setLogLevel(0);
    const char* argv[] = {"parkcap", "-log", "0", "-slog", "0", "-timeMode", "elapsed", "-sec", sec.c_str(), "-ratioGap", gap.c_str(),
                          "-threads", "0", "-solve", "-quit"};
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
    result.proven_optimal = model.isProvenOptimal();
    result.hit_limit = model.isSecondsLimitReached() || model.maximumSecondsReached();
    result.method = result.hit_limit ? "cbc (time limit)" : "cbc";
    // Both bounds are valid: keep the tighter.
    result.best_bound = std::min(-model.getBestPossibleObjValue(), lagrange.bound);
    // CBC's bound can sit a rounding error below a proven optimum.
    if (result.feasible && result.best_bound < result.solution.objective) result.best_bound = result.solution.objective;
    return result;
}

}  // namespace parkcap::allocate::detail
