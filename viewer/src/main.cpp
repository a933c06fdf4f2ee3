// parkcap-viewer: the land, the parks and the enclave flows on one map, for the
// planner's desk and for a leadership briefing (viewer/README.md). A thin program over the
// engine: it loads, audits and allocates with the engine on a background thread,
// draws the results, and turns clicks into engine calls (editing.cpp).
//
// main() reads as init → loop → shutdown, after imgui's example_glfw_opengl3.
// Exit codes: 0 ok; 1 a script command failed; 2 bad arguments; 3 the city could
// not be loaded; 5 an output could not be written; 6 no OpenGL 3.3 context.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "gl.hpp"
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "app.hpp"
#include "canvas.hpp"
#include "editing.hpp"
#include "frame.hpp"
#include "styling.hpp"
#include "parkcap/core/error.hpp"
#include "scene.hpp"
#include "script.hpp"
#include "text.hpp"

using namespace parkcap;
using namespace parkcap::viewer;

namespace {

constexpr int kExitScriptFailed = 1, kExitUsage = 2, kExitLoad = 3, kExitOutput = 5, kExitNoGl = 6;

void glfw_error(int code, const char* message) { std::fprintf(stderr, "parkcap-viewer: GLFW error %d: %s\n", code, message); }

/// The window and its OpenGL 3.3 core context. Hidden for headless runs, which
/// render into offscreen framebuffers of the requested size.
GLFWwindow* open_window(const Options& o) {
    glfwSetErrorCallback(glfw_error);
    if (!glfwInit()) return nullptr;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_VISIBLE, o.visible_window() ? GLFW_TRUE : GLFW_FALSE);
    const std::string title = "parkcap-viewer — " + o.session.data;
    const int w = o.visible_window() ? o.width : 640, h = o.visible_window() ? o.height : 480;
    GLFWwindow* window = glfwCreateWindow(w, h, title.c_str(), nullptr, nullptr);
    if (!window) return nullptr;
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    return window;
}

/// Display choices from the command line.
void apply_options(AppState& app) {
    const Options& o = app.options;
    app.ui.lang = o.lang;
    text::set_language(o.lang);
    app.ui.mode = o.mode;
    app.style.colour_by = o.colour_by;
    app.style.flow_width_by = o.flow_width_by;
    for (const auto& name : o.hidden_layers) {
        LayerVisibility& v = app.style.show;
        bool* flags[] = {&v.parcels, &v.outlines, &v.parks, &v.labels, &v.shoreline, &v.sites, &v.flows, &v.districts,
                         &v.legend, &v.scalebar};
        for (std::size_t i = 0; i < layer_names().size(); ++i)
            if (layer_names()[i] == name) *flags[i] = false;
    }
}

/// Takes the geometry the loader handed over, before the audit: uploads the mesh
/// and the parks' tint (the parcels in one neutral colour) and sets the first view.
bool take_first_map(AppState& app) {
    if (app.first_map || app.scene) return false;
    std::unique_ptr<FirstMap> first = take_first_map(app.load);
    if (!first) return false;
    app.mesh_stats = first->mesh->stats;
    const auto t0 = std::chrono::steady_clock::now();
    upload_mesh(app.renderer, std::move(*first->mesh));
    upload_park_tints(app.renderer, first->park_triangles, first->park_bounds, kParkFill, kMapBackground);
    glFinish();
    first->mesh.reset();
    app.timings.upload_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    app.timings.load_s = first->load_s;
    app.timings.triangulate_s = first->triangulate_s;
    // A park's or a project's view needs the scene; a box or the city does not.
    const ViewRequest& view = app.options.view;
    app.fit_pending = view.kind == ViewRequest::Kind::Box ? view.box : city_box(first->extent);
    app.first_map = std::move(first);
    return true;
}

/// Takes the finished load: the audit's colours replace the neutral ones, and
/// the first view is set unless the user moved the first map.
bool take_loaded_scene(AppState& app) {
    finish_load(app.load);
    if (!app.load.error.empty()) {
        app.load_error = app.load.error;
        return false;
    }
    take_first_map(app);  // handed over before the scene, perhaps not yet taken
    app.scene = std::move(app.load.scene);
    app.store = std::move(app.load.store);
    const double upload_s = app.timings.upload_s;
    app.timings = app.load.timings;
    app.timings.upload_s = upload_s;
    app.first_map.reset();
    app.startup.scene_s = app.startup.since_start();
    app.style.colours_dirty = app.style.states_dirty = true;
    if (!app.view_moved)
        if (auto box = box_for_view(app, app.options.view)) app.fit_pending = box;
    const Options& o = app.options;
    if (!o.quiet)
        std::fprintf(stderr, "parkcap-viewer: audit%s done at %.2f s: the parcels coloured by finding\n",
                     app.scene->has_plan ? " and plan" : "", app.startup.scene_s);
    for (const auto& note : app.load.notes) {
        if (!o.quiet) std::fprintf(stderr, "parkcap-viewer: note: %s\n", note.c_str());
        set_status(app, note);
    }
    if (!o.quiet && app.scene->has_plan)
        for (const auto& pp : app.scene->plan.state.pin_problems)
            std::fprintf(stderr, "parkcap-viewer: warning: %s\n", allocate::text_en(pp, app.scene->city, app.scene->plan).c_str());
    return true;
}

void report_first_map(const AppState& app) {
    if (app.options.quiet) return;
    const StartupTimes& t = app.startup;
    std::fprintf(stderr,
                 "parkcap-viewer: first map at %.2f s (load %.2f s, triangulation %.2f s, upload %.3f s), its view complete at "
                 "%.2f s; audit and plan go on\n",
                 t.first_map_s, app.timings.load_s, app.timings.triangulate_s, app.timings.upload_s, t.first_map_complete_s);
}

void print_bench(const AppState& app, const BenchResult& b) {
    const LoadTimings& t = app.timings;
    const MeshStats& m = app.mesh_stats;
    std::printf("bench parcels=%llu polygons=%llu triangles=%llu fan=%llu geos=%llu failed=%llu\n",
                static_cast<unsigned long long>(m.parcels), static_cast<unsigned long long>(m.polygons),
                static_cast<unsigned long long>(m.triangles), static_cast<unsigned long long>(m.fan_polygons),
                static_cast<unsigned long long>(m.geos_polygons), static_cast<unsigned long long>(m.failed_polygons));
    std::printf("bench area_m2=%.3f triangle_area_m2=%.3f\n", m.area_m2, m.triangle_area_m2);
    std::printf("bench load_s=%.3f audit_s=%.3f plan_s=%.3f triangulate_s=%.3f upload_s=%.3f\n", t.load_s, t.audit_s, t.plan_s,
                t.triangulate_s, t.upload_s);
    // From the viewer's start: the first frame with the parcels (before the audit),
    // that view's last tile drawn, and the scene taken (the colours by finding).
    const StartupTimes& st = app.startup;
    std::printf("bench first_map_s=%.3f first_map_complete_s=%.3f scene_s=%.3f\n", st.first_map_s, st.first_map_complete_s,
                st.scene_s);
    std::printf("bench frames=%zu size=%dx%d mean_ms=%.2f p95_ms=%.2f max_ms=%.2f ui_ms=%.2f gl_ms=%.2f "
                "mean_fill_vertices=%.0f\n",
                b.frame_ms.size(), app.options.width, app.options.height, b.mean_ms, b.p95_ms, b.max_ms, b.mean_ui_ms,
                b.mean_gl_ms, b.mean_fill_vertices);
    const MapRenderer& r = app.renderer;
    // llvmpipe rasterises on LP_NUM_THREADS threads (default: one per core).
    const char* lp_threads = std::getenv("LP_NUM_THREADS");
    std::printf("bench renderer=\"%s\" lp_num_threads=%s\n", b.renderer.c_str(), lp_threads ? lp_threads : "default");
    std::printf("bench cache=%s base_level=%d tiles_rendered=%llu warm_frames=%d warm_ms=%.1f warm_max_ms=%.1f\n",
                r.cache_mode == LayerCache::Pyramid ? "pyramid" : r.cache_mode == LayerCache::Whole ? "whole" : "off", r.base_level,
                static_cast<unsigned long long>(b.tiles_rendered), b.warm_frames, b.warm_ms, b.warm_max_ms);
    for (int phase = 0; phase < 2; ++phase)
        for (int band = 0; band < 4; ++band) {
            std::vector<double> ms;
            int standin = 0;
            for (std::size_t i = 0; i < b.frame_ms.size(); ++i)
                if (b.band[i] == band && b.phase[i] == phase) {
                    ms.push_back(b.frame_ms[i]);
                    standin += b.standin[i] ? 1 : 0;
                }
            if (ms.empty()) continue;
            double mean = 0;
            for (double frame_ms : ms) mean += frame_ms / static_cast<double>(ms.size());
            std::printf("bench-band band=%s phase=%s frames=%zu mean_ms=%.2f p95_ms=%.2f max_ms=%.2f standin_frames=%d\n",
                        kBenchBands[band], kBenchPhases[phase], ms.size(), mean, percentile(ms, 0.95), percentile(ms, 1.0), standin);
        }
    // Where the time goes: each part's mean per band, from the probed pass.
    for (int phase = 0; phase < 2; ++phase)
        for (int band = 0; band < 4; ++band) {
            std::array<double, static_cast<std::size_t>(FramePart::Count)> part{};
            double total = 0;
            std::size_t n = 0;
            for (std::size_t i = 0; i < b.part_ms.size() && i < b.band.size(); ++i)
                if (b.band[i] == band && b.phase[i] == phase) {
                    for (std::size_t k = 0; k < part.size(); ++k) part[k] += b.part_ms[i][k];
                    total += b.probed_ms[i];
                    ++n;
                }
            if (!n) continue;
            std::printf("bench-part band=%s phase=%s frames=%zu total_ms=%.2f", kBenchBands[band], kBenchPhases[phase], n, total / n);
            for (std::size_t k = 0; k < part.size(); ++k) std::printf(" %s_ms=%.2f", kFramePartNames[k], part[k] / n);
            std::printf("\n");
        }
    std::fflush(stdout);
}

/// The main loop: poll, take the loaded scene, run headless work, draw.
int run(AppState& app, GLFWwindow* window) {
    const Options& o = app.options;
    int busy_frames = 3;  // frames still to draw after the last input event
    while (!glfwWindowShouldClose(window) && !app.ui.quit_requested) {
        // Draw only when something happens: while loading a few times a second (the
        // loader needs the cores), afterwards on input, while the view glides, while
        // the optimiser runs, and a few frames after each event for ImGui to settle.
        if (!o.visible_window()) {
            glfwPollEvents();
        } else if (!app.scene && !app.first_map) {
            glfwWaitEventsTimeout(0.1);
        } else {
            const MapView& v = app.view;
            const bool gliding = v.centre.x != v.target_centre.x || v.centre.y != v.target_centre.y ||
                                 v.px_per_m != v.target_px_per_m ||
                                 app.renderer.last_tiles_standin > 0 ||  // map tiles still to draw
                                 app.renderer.last_nearest;  // the view came to rest: filter the tiles again
            const bool first_tiles = app.first_map && app.startup.first_map_complete_s < 0;
            if (gliding || first_tiles || app.optimise.running || busy_frames > 0) {
                glfwPollEvents();
                --busy_frames;
            } else {
                const double t0 = glfwGetTime();
                glfwWaitEventsTimeout(0.5);
                if (glfwGetTime() - t0 < 0.49) busy_frames = 3;  // woken by an event
            }
        }
        if (take_first_map(app) && !o.visible_window()) {
            // Headless: the first map timed (--bench) or written (--first-map) now,
            // while the loader audits; then the loader may go on.
            if (!o.first_map_shot.empty()) {
                std::string error;
                const bool ok = capture_png(app, window, o.width, o.height, o.first_map_shot, error);
                release_first_map_hold(app.load);
                if (!ok) {
                    std::fprintf(stderr, "parkcap-viewer: error: %s\n", error.c_str());
                    return kExitOutput;
                }
            } else if (o.bench_frames > 0) {
                first_map_frames(app, o.width, o.height);
                report_first_map(app);
            }
        }
        if (!app.scene && app.load_error.empty() && app.load.finished) {
            if (!take_loaded_scene(app) && !o.visible_window()) {
                std::fprintf(stderr, "parkcap-viewer: error: %s\n", app.load_error.c_str());
                return kExitLoad;
            }
        }
        if (app.scene) {
            poll_reoptimise(app);
            poll_store(app, glfwGetTime());
            if (o.bench_frames > 0) {
                print_bench(app, bench_frames(app, o.width, o.height, o.bench_frames));
                return 0;
            }
            if (!o.screenshot.empty()) {
                std::string error;
                if (!capture_png(app, window, o.width, o.height, o.screenshot, error)) {
                    std::fprintf(stderr, "parkcap-viewer: error: %s\n", error.c_str());
                    return kExitOutput;
                }
                return 0;
            }
            if (o.screenshot.empty() && !app.script.active && !o.first_map_shot.empty()) return 0;  // --first-map alone
            if (app.script.active && !step_script(app, window))
                return app.script.failed ? kExitScriptFailed : 0;
            if (app.ui.export_requested) {
                app.ui.export_requested = false;
                std::string error;
                if (capture_png(app, window, app.ui.export_width, app.ui.export_height, app.ui.export_path, error))
                    set_status(app, std::string(text::tr("Exported ", "已导出 ")) + app.ui.export_path);
                else
                    set_status(app, error, true);
            }
        }
        if (o.visible_window()) {
            render_frame(app, window);
            if (app.first_map && app.startup.first_map_complete_s < 0) {
                // On screen: when the first map (and its last tile) was drawn, to the GPU's finish.
                glFinish();
                if (app.startup.first_map_s < 0) app.startup.first_map_s = app.startup.since_start();
                if (app.renderer.last_tiles_standin == 0) {
                    app.startup.first_map_complete_s = app.startup.since_start();
                    report_first_map(app);
                }
            }
            glfwSwapBuffers(window);
        } else if (!app.scene) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
    return app.script.failed ? kExitScriptFailed : 0;
}

}  // namespace

int main(int argc, char** argv) {
    AppState app;
    // ---- init
    try {
        auto options = parse_options(argc, argv);
        if (!options) return 0;
        app.options = std::move(*options);
    } catch (const Error& e) {
        std::fprintf(stderr, "parkcap-viewer: error: %s\nhint: %s\n", e.what(), e.hint().c_str());
        return kExitUsage;
    }
    apply_options(app);
    if (!app.options.script_file.empty()) {
        std::string error;
        if (!load_script(app.script, app.options.script_file, error)) {
            std::fprintf(stderr, "parkcap-viewer: error: %s\n", error.c_str());
            return kExitUsage;
        }
    }
    GLFWwindow* window = open_window(app.options);
    if (!window) {
        std::fprintf(stderr, "parkcap-viewer: error: no OpenGL 3.3 core context (is a display or Xvfb running? "
                             "try xvfb-run -a -s \"-screen 0 1600x1200x24\" with LIBGL_ALWAYS_SOFTWARE=1)\n");
        glfwTerminate();
        return kExitNoGl;
    }
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    ImGui::StyleColorsLight();
    float content_scale = 1;
    glfwGetWindowContentScale(window, &content_scale, nullptr);
    app.ui.ui_scale = app.options.ui_scale > 0 ? app.options.ui_scale : std::max(1.0f, content_scale);
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    build_fonts(app.fonts, app.ui.ui_scale);
    app.fonts.gl_texture = true;
    if (app.fonts.path.empty() && !app.options.quiet)
        std::fprintf(stderr, "parkcap-viewer: warning: no CJK font found (install fonts-wqy-microhei); Chinese shows as '?'\n");
    std::string gl_error;
    if (!init_map_renderer(app.renderer, gl_error)) {
        std::fprintf(stderr, "parkcap-viewer: error: %s\n", gl_error.c_str());
        return kExitNoGl;
    }
    app.load.hold_for_first_map = !app.options.first_map_shot.empty();
    start_load(app.load, app.options);

    // ---- loop
    const int code = run(app, window);

    // ---- shutdown, in reverse
    finish_load(app.load);
    if (app.optimise.running) app.optimise.result.wait();
    shutdown_map_renderer(app.renderer);
    shutdown_panel_cache(app.panel_cache);
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return code;
}
