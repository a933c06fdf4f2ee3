#pragma once
// Building the Scene: the engine's load → audit → allocate run on a background
// thread, then the lookups the map needs (which site a parcel is in, where a
// district's flows start) and the triangulated mesh.
#include <string>

#include "options.hpp"
#include "state.hpp"

namespace parkcap::viewer {

/// Starts loading on a background thread. Poll with load_progress(); collect
/// with finish_load() once job.finished is set.
void start_load(LoadJob& job, const Options& options);

struct LoadProgress {
    std::string stage;
    double fraction = 0;  ///< 0..1 within the stage; <0 when unknown
};
LoadProgress load_progress(LoadJob& job);

/// Joins the thread. The scene is left in the job (or job.error set).
void finish_load(LoadJob& job);
/// The geometry for the first map, once the loader has handed it over (then
/// once only; null before and after).
std::unique_ptr<FirstMap> take_first_map(LoadJob& job);
/// Lets a loader held by hold_for_first_map go on with the audit.
void release_first_map_hold(LoadJob& job);

/// Loads synchronously (the benchmark and the tests use this directly).
void load_scene(const Options& options, LoadJob& job);
/// This scene's audit compared with the earlier AUDIT.gpkg `earlier_audit`
/// (the engine's compare, without writing this audit first).
std::shared_ptr<const SinceAudit> compare_since(const Scene& scene, const std::string& earlier_audit);

/// Lookups derived from city, audit and plan: site_of_parcel, district centres,
/// park anchors, flag ranks, flows. Cheap except for the first call.
void build_lookups(Scene& scene);
/// Rebuilds the flows after the plan changed.
void rebuild_flows(Scene& scene);

/// Index of a project / park / site by id, or -1.
int32_t find_project(const Scene& scene, std::string_view project_id);
int32_t find_park(const Scene& scene, std::string_view park_id);
int32_t find_site(const Scene& scene, std::string_view site_id);

/// Headline figures of the briefing, all from the audit and the plan.
struct Headline {
    double idle_m2 = 0;            ///< idle land found (闲置)
    double reclaimable_m2 = 0;     ///< land to take back / reclaim
    double approved_unsupplied_m2 = 0;
    double quota_used_mu = 0, quota_left_mu = 0, quota_total_mu = 0;
    uint32_t projects = 0, placed = 0, refused = 0, enclave = 0, flows = 0;
    double placed_mu = 0, stock_used_mu = 0;
    /// With --since: the earlier audit's date, the stock disposed of since (亩)
    /// and the city's 处置率 of 批而未供 and 闲置 (NaN: none flagged then).
    std::string since;
    double disposed_mu = 0, approved_rate = NAN, idle_rate = NAN;
};
Headline headline(const Scene& scene);

}  // namespace parkcap::viewer
