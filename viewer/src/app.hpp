#pragma once
// All of the viewer's state in one plain struct, owned by main().
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fonts.hpp"
#include "map_renderer.hpp"
#include "options.hpp"
#include "state.hpp"

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
};

/// Where the last frame drew things, in screen pixels: printed in headless mode
/// so tests can find them.
struct FrameLayout {
    ImVec4 headline_rect{0, 0, 0, 0};  ///< briefing figures band (x0, y0, x1, y1); empty outside briefing
    ImVec4 legend_rect{0, 0, 0, 0};
    ImVec4 ranking_rect{0, 0, 0, 0};
};

struct AppState {
    Options options;
    LoadJob load;
    std::unique_ptr<Scene> scene;
    LoadTimings timings;
    MeshStats mesh_stats;
    std::string load_error;
    MapRenderer renderer;
    Fonts fonts;
    MapView view;
    Style style;
    Selection selection;
    History history;
    UiState ui;
    FrameStats frame;
    FrameLayout layout;
    OptimiseJob optimise;
    ScriptState script;
    std::vector<uint8_t> parcel_states;  ///< what was last uploaded (kStateAllocated ...)
    ParcelDrawParams parcel_pass;        ///< set while building a frame, read by the GL callback
    std::optional<geom::Box> fit_pending; ///< fit this box once the canvas size is known
    bool offscreen = false;              ///< the frame being built goes to a file: no hover, no animation
};

}  // namespace parkcap::viewer
