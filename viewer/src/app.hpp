#pragma once
// All of the viewer's state in one plain struct, owned by main().
#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fonts.hpp"
#include "frame_probe.hpp"
#include "map_renderer.hpp"
#include "options.hpp"
#include "panel_cache.hpp"
#include "state.hpp"
#include "store_link.hpp"

namespace parkcap::viewer {

/// Re-running the optimiser off the UI thread.
struct OptimiseJob {
    std::future<allocate::Plan> result;
    bool running = false;
};

/// A command file being played, one command per frame (see script.hpp).
struct ScriptState {
    std::string path;
    std::vector<std::string> lines;
    std::size_t next = 0;
    int wait_frames = 0;   ///< frames to render before the next command
    bool active = false;
    bool failed = false;   ///< a command failed: exit code 1 at the end
    /// await-store: frames go on until the shared store holds a decision newer than
    /// `await_after` (another planner's change, seen by the viewer's own polling) or
    /// the clock passes `await_until` (steady clock, seconds).
    int64_t await_after = -1;
    double await_until = 0;
    double pause_until = 0;  ///< pause: no command before this time (steady clock, seconds)
};

/// A label as drawn: what it names and its box (x0, y0, x1, y1).
struct DrawnLabel {
    std::string kind;   ///< park, district, others (a folded flow's origin)
    std::string id;     ///< park_id, district code, or the park_id the folded flow goes to
    std::string text;
    ImVec4 box{0, 0, 0, 0};
    bool leader = false;
};
/// A park drawn as a symbol.
struct DrawnSymbol {
    std::size_t park = 0;
    ImVec2 centre{0, 0};
    float diameter = 0;
};
/// A flow's arc as drawn: the quadratic Bézier from → control → to (the arrow
/// stops short of `to`), and its width.
struct DrawnFlow {
    std::size_t flow = 0;  ///< index into Scene::flows
    ImVec2 from{0, 0}, control{0, 0}, to{0, 0};
    float width = 0;
    double bend = 0;
};

/// Where the last frame drew things, in screen pixels: printed in headless mode
/// so tests can find them.
struct FrameLayout {
    ImVec4 headline_rect{0, 0, 0, 0};  ///< briefing figures band (x0, y0, x1, y1); empty outside briefing
    ImVec4 legend_rect{0, 0, 0, 0};
    ImVec4 ranking_rect{0, 0, 0, 0};
    ImVec4 flow_legend_rect{0, 0, 0, 0};  ///< the legend of flow widths on the map
    ImVec4 flow_table_rect{0, 0, 0, 0};   ///< the briefing's table of flows
    std::vector<DrawnLabel> labels;
    std::vector<DrawnSymbol> symbols;
    std::vector<DrawnFlow> flows;
    int flow_crossings = 0, flow_crossings_alike = 0;  ///< of the drawn arcs, and had they all bent alike
};

/// The arcs' bends for one zoom: they depend on the scale (labels keep their
/// size in pixels while the map scales), not on panning.
struct FlowLayoutCache {
    double px_per_m = 0;
    float width = 0, height = 0, ui_scale = 0;
    uint64_t generation = 0;
    std::size_t labels = 0;
    std::vector<double> bends;  ///< per Scene::flows entry
    int crossings = 0, crossings_alike = 0;
};

/// When the map appeared (seconds since the viewer started; <0: not yet): the
/// first frame with the parcels, the first with every map tile of its view
/// drawn, and the scene (audit, plan) taken, after which the parcels are coloured by finding.
struct StartupTimes {
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
    double first_map_s = -1, first_map_complete_s = -1, scene_s = -1;
    double since_start() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); }
};

struct AppState {
    Options options;
    LoadJob load;
    StartupTimes startup;
    /// The geometry drawn before the scene is there (taken from the loader); null
    /// before it and once the scene is taken.
    std::unique_ptr<FirstMap> first_map;
    bool view_moved = false;  ///< the user zoomed or panned: the scene's arrival keeps the view
    std::unique_ptr<Scene> scene;
    LoadTimings timings;
    MeshStats mesh_stats;
    std::string load_error;
    MapRenderer renderer;
    PanelCache panel_cache;              ///< the panels' pixels while they stay the same
    Fonts fonts;
    MapView view;
    Style style;
    Selection selection;
    History history;
    UiState ui;
    FrameStats frame;
    FrameLayout layout;
    FlowLayoutCache flow_layout;
    OptimiseJob optimise;
    ScriptState script;
    std::unique_ptr<SharedStore> store;  ///< null unless DATA is a shared store (PG:...)
    std::vector<uint8_t> parcel_states;  ///< what was last uploaded (kStateAllocated ...)
    ParcelDrawParams parcel_pass;        ///< set while building a frame, read by the GL callback
    std::optional<geom::Box> fit_pending; ///< fit this box once the canvas size is known
    bool offscreen = false;              ///< the frame being built goes to a file: no hover, no animation
    bool benchmarking = false;           ///< offscreen frames timed as on screen (map tiles drawn progressively)
    FrameProbe probe;                    ///< the benchmark's second pass: each part of the frame timed
};

}  // namespace parkcap::viewer
