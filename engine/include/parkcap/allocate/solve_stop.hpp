#pragma once
// What ended the search for a better plan, and so what its bound proves.
#include <cstddef>
#include <cstdint>

namespace parkcap::allocate {

enum class SolveStop : uint8_t {
    GapClosed,     ///< the best bound equals the plan's objective (to numerical tolerance): proven optimal
    RelativeGap,   ///< the plan is proven within the rules' relative_gap of the best bound
    WorkLimit,     ///< the rules' node or iteration limits ended the search: the same every run
    TimeLimit,     ///< the wall clock ended the search: another run may stop elsewhere
    TooLarge,      ///< the model is too large for CBC in the time limit: heuristic plan, Lagrangian bound
    NotSolved,     ///< greedy only (--greedy): no bound sought
};

struct SolveStopInfo {
    SolveStop stop;
    const char* name;     ///< PLAN.gpkg run_info stopped_by, --json solver.stopped_by
    const char* text_zh;  ///< the summary's words after the gap
    const char* text_en;
};

inline constexpr SolveStopInfo kSolveStopCatalogue[] = {
    {SolveStop::GapClosed, "optimal", "已证明最优", "proven optimal"},
    {SolveStop::RelativeGap, "relative_gap", "已证明与最优之差不超过容许差距", "proven within the rules' relative_gap of the best possible"},
    {SolveStop::WorkLimit, "work_limit", "未证明最优：达到规则的节点或迭代上限（可重复）",
     "not proven optimal: stopped at the rules' node or iteration limit (reproducible)"},
    {SolveStop::TimeLimit, "time_limit", "未证明最优：达到时间上限（再次运行结果可能不同）",
     "not proven optimal: stopped at the wall-clock time limit (another run may differ)"},
    {SolveStop::TooLarge, "too_large", "未证明最优：模型过大，未运行 CBC",
     "not proven optimal: too large for CBC in the time limit"},
    {SolveStop::NotSolved, "greedy_only", "仅贪心，无上界", "greedy only: no bound sought"},
};

constexpr const SolveStopInfo& info(SolveStop s) { return kSolveStopCatalogue[static_cast<std::size_t>(s)]; }

/// Relative gaps at or below this count as closed: a bound and an objective summed
/// in different orders differ by rounding.
inline constexpr double kClosedGap = 1e-9;

}  // namespace parkcap::allocate
