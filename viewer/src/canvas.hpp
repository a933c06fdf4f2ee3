#pragma once
// The map canvas, after imgui_demo.cpp's canvas example: an invisible button
// over the map rectangle takes the mouse (wheel zoom at the cursor, drag to pan,
// click to select or to site), the parcels are drawn by the GL pass through a
// draw-list callback, and everything else (parks, shoreline, sites, flows,
// labels, scale bar, north arrow, legend) is drawn over them with ImGui's draw list.
#include "app.hpp"

namespace parkcap::viewer {

/// Draws the map into the current window at `pos` with `size` (screen pixels)
/// and, when `interactive`, handles mouse and keyboard.
void draw_map(AppState& app, ImVec2 pos, ImVec2 size, bool interactive);

/// The legend as an overlay box with its top-left corner at `pos`, its rows in
/// `columns` columns side by side (a heading never ends a column); returns its size.
ImVec2 draw_legend_box(AppState& app, ImDrawList* dl, ImVec2 pos, bool measure_only = false, int columns = 1);
/// The parks ranked by their TD/T 1029 score within their type, for the briefing.
ImVec2 draw_ranking_box(AppState& app, ImDrawList* dl, ImVec2 pos, bool measure_only = false);

/// Uploads per-parcel colours and state bits when the style or selection changed.
void refresh_parcel_buffers(AppState& app);

/// The world box a --view request names, or nullopt with an error status.
std::optional<geom::Box> box_for_view(AppState& app, const ViewRequest& view);

/// The whole city's extent with a margin.
geom::Box city_box(const Scene& scene);
geom::Box city_box(const geom::Box& extent);
/// The whole city: from the scene, or before it from the first map's extent.
geom::Box home_box(const AppState& app);

/// The map before the scene is there (the parcels of app.first_map in a neutral
/// colour, the parks' tint, the scale bar), with zoom and pan.
void draw_first_map(AppState& app, ImVec2 pos, ImVec2 size);

/// Control point of a flow's curve on screen (quadratic Bézier from → ctrl → to)
/// at the default bend, for a flow not drawn (the drawn ones are in FrameLayout::flows,
/// each bent by the engine's arc layout).
ImVec2 flow_control_point(ImVec2 from, ImVec2 to);

}  // namespace parkcap::viewer
