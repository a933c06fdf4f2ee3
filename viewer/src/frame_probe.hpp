#pragma once
// Where a frame's time goes, for the benchmark's second pass (--bench): the frame
// is cut into parts by points at which the GPU is made to finish (glFinish) and
// the clock read, so each part's time is its own drawing. Under Mesa's llvmpipe
// the work is done at glFinish, which is why a part cannot be timed otherwise;
// the extra finishes cost a little, so the timed pass runs without them.
#include <array>
#include <chrono>

struct ImDrawList;

namespace parkcap::viewer {

enum class FramePart {
    Ui,              ///< building the interface and the overlays' draw lists (CPU)
    Clear,           ///< clearing the framebuffer
    Panels,          ///< every ImGui window but the map: menu, panels, status bar
    ParkTints,       ///< the parks' tint under the parcels
    TilesNew,        ///< map tiles drawn from the geometry or composed this frame
    Parcels,         ///< the parcel layer put on the screen: tiles composited, or geometry drawn directly
    ParkOutlines,    ///< district and park outlines, shoreline, selection outlines
    Labels,          ///< park symbols, flows, labels, the width legend
    Overlays,        ///< scale bar, north arrow, the rest of the map window
    Count
};
inline constexpr const char* kFramePartNames[] = {"ui",       "clear",         "panels", "park_tints", "tiles_new",
                                                  "parcels",  "park_outlines", "labels", "overlays"};

struct FrameProbe;
/// The user data of one mark's draw-list callback.
struct ProbeMark {
    FrameProbe* probe = nullptr;
    FramePart ends = FramePart::Panels;
};

struct FrameProbe {
    bool on = false;
    std::chrono::steady_clock::time_point last;
    std::array<double, static_cast<std::size_t>(FramePart::Count)> ms{};
    std::array<ProbeMark, static_cast<std::size_t>(FramePart::Count)> marks{};

    /// Finishes the GPU's work and books the time since the last mark to `part`.
    void mark(FramePart part);
    /// Books `ms` moved from one part to another (a part timed inside another).
    void move(FramePart from, FramePart to, double moved_ms);
    void reset();
};

/// Adds a mark to `dl` that books what was drawn since the previous mark to
/// `part` when the draw list is rendered; nothing when the probe is off.
void add_probe_mark(ImDrawList* dl, FrameProbe& probe, FramePart part);

}  // namespace parkcap::viewer
