#pragma once
// The briefing's table of enclave flows beside the map: origin → park, projects,
// 亩, investment and the origin's share of the benefits under the rules'
// enclave schedule (税收分成), with the total.
#include <string>

#include "app.hpp"

namespace parkcap::viewer {

/// "海陵区" for a flow from one district (the carto name), "其他（A、B）" for a folded one.
std::string flow_origin_text(const Scene& scene, const carto::MapFlow& flow);

/// Draws the table with its top-left corner at `pos` (or only measures it);
/// returns its size. Zero size when the plan has no flows.
ImVec2 draw_flow_table(AppState& app, ImDrawList* dl, ImVec2 pos, float max_height, bool measure_only = false);

}  // namespace parkcap::viewer
