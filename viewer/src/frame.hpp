#pragma once
// One frame, on screen or into an offscreen framebuffer of any size, and the
// PNG capture built on it (headless screenshots, briefing export, scripts).
#include <array>
#include <string>
#include <vector>

#include "app.hpp"

struct GLFWwindow;

namespace parkcap::viewer {

/// Builds and renders one frame to the window's framebuffer.
void render_frame(AppState& app, GLFWwindow* window);

/// Renders `frames` frames of `width`×`height` offscreen (no hover, no animation;
/// a few frames let ImGui settle its layout) and writes the last as a PNG. The
/// world box visible before is kept in view. The interface scale follows the size
/// unless --ui-scale fixed it. False with a message in `error` on failure.
bool capture_png(AppState& app, GLFWwindow* window, int width, int height, const std::string& path, std::string& error,
                 int frames = 3);

/// The first map timed as it would appear on screen: offscreen frames of
/// width×height (map tiles drawn progressively) until every tile of the view is
/// drawn, with app.startup's first_map_s and first_map_complete_s set; returns
/// the seconds taken. The benchmark's measure of the map before the audit.
double first_map_frames(AppState& app, int width, int height);

/// Frame times of the benchmark: `frames` offscreen frames of width×height,
/// drawn as on screen (map tiles progressively). First the city view until its
/// map is complete (warm-up, reported apart); then half the frames zoom from the
/// whole city into the largest park by 2^7 and back out, and the other half pan
/// across that park at one zoom of each band in turn. Bands by the zoom z =
/// log2(scale / whole-city scale): city z < 1.5, regional < 3.5, park < 5.5, close.
inline constexpr const char* kBenchBands[] = {"city", "regional", "park", "close"};
inline constexpr const char* kBenchPhases[] = {"zoom", "pan"};
struct BenchResult {
    std::vector<double> frame_ms;
    std::vector<int> band, phase;     ///< of each frame
    std::vector<bool> standin;        ///< some map tile in view was not yet current
    int warm_frames = 0;
    double warm_ms = 0, warm_max_ms = 0;
    uint64_t tiles_rendered = 0;
    double mean_ms = 0, max_ms = 0, p95_ms = 0;
    double mean_fill_vertices = 0;
    double mean_ui_ms = 0;   ///< building the interface and overlays (CPU)
    double mean_gl_ms = 0;   ///< drawing it (OpenGL, to glFinish)
    /// The second pass over the same path (tiles dropped, the city warmed up
    /// again), each frame cut into parts at glFinish (frame_probe.hpp): the
    /// parts' milliseconds and the whole probed frame's (a little more than the
    /// first pass's, for the extra finishes).
    std::vector<std::array<double, static_cast<std::size_t>(FramePart::Count)>> part_ms;
    std::vector<double> probed_ms;
    std::string renderer;  ///< GL_RENDERER: llvmpipe says so, with its LLVM and vector width
};
BenchResult bench_frames(AppState& app, int width, int height, int frames);
/// The q-quantile of `values` by nearest rank (q = 0.95: p95).
double percentile(std::vector<double> values, double q);

/// Writes RGBA pixels (top row first) as an RGB PNG with libpng.
bool write_png(const std::string& path, int width, int height, const unsigned char* rgba, std::string& error);

/// The interface scale for an output of this size (1 at 1600×1000).
float ui_scale_for(const Options& options, int width, int height);

/// Prints the view transform and where things were drawn, for tests and scripts.
void print_frame_info(const AppState& app, int width, int height);

}  // namespace parkcap::viewer
