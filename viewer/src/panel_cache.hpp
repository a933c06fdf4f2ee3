#pragma once
// The panels beside the map (menu bar, left and right panels) drawn once and
// copied while they stay the same. Under Mesa's software OpenGL their text and
// window backgrounds, about half the screen, took ~9 ms of every frame while the
// map zoomed or panned and the panels did not change. ImGui builds the panels'
// draw lists every frame anyway; when their vertices, indices and commands are
// the ones last drawn, their pixels are copied from a texture instead (a blit,
// no blending), which gives the same pixels: the texture was cleared to the
// framebuffer's own background before they were drawn into it.
#include <cstdint>
#include <vector>

struct ImDrawData;

namespace parkcap::viewer {

struct PanelCache {
    unsigned fbo = 0, texture = 0;
    int width = 0, height = 0;
    uint64_t hash = 0;
    bool valid = false;
    std::vector<int> rects;  ///< x0, y0, x1, y1 per panel window, GL's pixels (y up)
    uint64_t redraws = 0;    ///< how often the panels were drawn into the texture (tests)
    bool last_copied = false;  ///< the last frame copied them
};

/// Renders `draw_data` into the bound framebuffer, which was just cleared to
/// `clear_rgba` (ImU32): the panels' windows from the cache when unchanged,
/// everything else (the map, the status bar, popups, tooltips) drawn as usual.
/// PARKCAP_VIEWER_PANEL_CACHE=off draws everything every frame (comparisons).
void render_draw_data(PanelCache& cache, ImDrawData* draw_data, uint32_t clear_rgba);

void shutdown_panel_cache(PanelCache& cache);

}  // namespace parkcap::viewer
