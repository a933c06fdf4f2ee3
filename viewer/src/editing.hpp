#pragma once
// User actions turned into engine calls: selection, interactive siting through
// allocate::placement_check / place / unplace, pins, undo/redo, re-running the
// optimiser with the pins kept, and saving. The canvas, the panels and the
// script all call these same functions, so a scripted test exercises the path a
// click takes. Every engine call goes through guarded(), which turns an error
// into the status line instead of a crash.
#include <functional>
#include <string>

#include "app.hpp"

namespace parkcap::viewer {

void set_status(AppState& app, std::string message, bool error = false);

/// Runs `f`; a parkcap::Error or other exception becomes an error status naming `what`.
bool guarded(AppState& app, const char* what, const std::function<void()>& f);

void select_parcel(AppState& app, int32_t parcel);
void select_park(AppState& app, int32_t park);
void select_project(AppState& app, int32_t project);
void clear_selection(AppState& app);

/// Places the project on the site if the engine allows it (pinned: a planner's
/// decision), else sets the engine's reason as an error status. True when placed.
bool place_on_site(AppState& app, int32_t project, int32_t site);
/// Places the project on the best site of the park the engine allows: stock land
/// before planned land, then the tightest fit. When none fits, the status gives
/// the reason for the park's first site.
bool place_in_park(AppState& app, int32_t project, int32_t park);
bool unplace_project(AppState& app, int32_t project);
bool set_pinned(AppState& app, int32_t project, bool pinned);
bool undo(AppState& app);
bool redo(AppState& app);

/// A click on the map at a world point: sites the selected project when siting
/// is armed, else selects what is there (parcel and its park, or a park).
void click_map(AppState& app, geom::Point world);
/// The parcel / park under a world point, or -1.
int32_t parcel_at(const AppState& app, geom::Point world);
int32_t park_at(const AppState& app, geom::Point world);

/// Starts the optimiser on a background thread, keeping every pinned placement.
void start_reoptimise(AppState& app);
/// Collects a finished optimisation (call each frame). True when the plan changed.
bool poll_reoptimise(AppState& app, bool wait = false);

/// Saves the edited plan. `.toml`: an overrides file pinning every placement
/// (reopen with --plan), the ledger and the planner's other overrides kept.
/// `.gpkg`: needs the engine's plan writer; until it exists this says so.
bool save_plan(AppState& app, const std::string& path);

/// Re-derives what depends on the plan (flows, per-parcel state bits).
void plan_changed(AppState& app);

/// Zooms the view to a park, a project's site, or a box.
void zoom_to_box(AppState& app, const geom::Box& box, bool animate = true);
void zoom_to_park(AppState& app, int32_t park, bool animate = true);
void zoom_to_project(AppState& app, int32_t project, bool animate = true);

}  // namespace parkcap::viewer
