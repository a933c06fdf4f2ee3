#pragma once
// The panels, as free functions over AppState: the menu bar, layers and legend,
// park capacity, the quota ledger, the project list, the inspector, headline
// figures, the status bar, the briefing band and the loading screen. draw_ui()
// lays them out for the current screen mode.
#include "app.hpp"

namespace parkcap::viewer {

/// Builds the whole interface for one frame (between ImGui::NewFrame and Render).
void draw_ui(AppState& app);

void draw_loading_screen(AppState& app);
float draw_menu_bar(AppState& app);
void draw_left_panel(AppState& app, ImVec2 pos, ImVec2 size);
void draw_right_panel(AppState& app, ImVec2 pos, ImVec2 size);
void draw_status_bar(AppState& app, ImVec2 pos, ImVec2 size);
/// The briefing's headline band: title and large figures across the top.
void draw_briefing_band(AppState& app, ImVec2 pos, ImVec2 size);

}  // namespace parkcap::viewer
