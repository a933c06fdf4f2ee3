#include "frame.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "gl.hpp"
#include <GLFW/glfw3.h>
#include <fmt/format.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <png.h>

#include "canvas.hpp"
#include "label_report.hpp"
#include "panel_cache.hpp"
#include "panels.hpp"
#include "scene.hpp"
#include "styling.hpp"
#include "text.hpp"

namespace parkcap::viewer {

namespace {

/// Adds glyphs noted since the last frame and rebuilds the atlas if needed.
void prepare_fonts(AppState& app) {
    const std::string fresh = text::take_new_text();
    if (!fresh.empty()) need_glyphs(app.fonts, FontRole::Ui, fresh);
    rebuild_fonts_if_needed(app.fonts, app.ui.ui_scale);
    // Paddings and rounding follow the interface scale (an export may use another).
    static ImGuiStyle base;
    static float styled = 0;
    if (styled == 0) base = ImGui::GetStyle();
    if (styled != app.ui.ui_scale) {
        ImGui::GetStyle() = base;
        ImGui::GetStyle().ScaleAllSizes(app.ui.ui_scale);
        styled = app.ui.ui_scale;
    }
}

void build_frame(AppState& app, int width, int height, bool offscreen) {
    prepare_fonts(app);
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    app.offscreen = offscreen;
    if (offscreen) {
        io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
        io.DisplayFramebufferScale = ImVec2(1, 1);
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        for (bool& down : io.MouseDown) down = false;
        io.MouseWheel = 0;
    }
    ImGui::NewFrame();
    draw_ui(app);
    ImGui::Render();
}

void clear(int width, int height) {
    glViewport(0, 0, width, height);
    const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(kMapBackground);
    glClearColor(bg.x, bg.y, bg.z, 1);
    glClear(GL_COLOR_BUFFER_BIT);
}

}  // namespace

float ui_scale_for(const Options& o, int width, int height) {
    if (o.ui_scale > 0) return o.ui_scale;
    const float s = std::min(static_cast<float>(width) / 1600.f, static_cast<float>(height) / 1000.f);
    return std::clamp(std::round(s * 4) / 4, 1.0f, 4.0f);
}

void render_frame(AppState& app, GLFWwindow* window) {
    const auto t0 = std::chrono::steady_clock::now();
    int w = 0, h = 0;
    glfwGetFramebufferSize(window, &w, &h);
    build_frame(app, w, h, false);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    clear(w, h);
    render_draw_data(app.panel_cache, ImGui::GetDrawData(), kMapBackground);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    app.frame.last_ms = ms;
    app.frame.mean_ms = app.frame.frames ? app.frame.mean_ms * 0.95 + ms * 0.05 : ms;
    ++app.frame.frames;
}

namespace {

/// An RGBA colour renderbuffer bound as the framebuffer, for frames drawn off screen.
struct OffscreenTarget {
    GLuint fbo = 0, colour = 0;
    OffscreenTarget(int width, int height) {
        glGenFramebuffers(1, &fbo);
        glGenRenderbuffers(1, &colour);
        glBindRenderbuffer(GL_RENDERBUFFER, colour);
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, colour);
    }
    ~OffscreenTarget() { release(); }
    OffscreenTarget(const OffscreenTarget&) = delete;
    OffscreenTarget& operator=(const OffscreenTarget&) = delete;
    bool complete() const { return glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE; }
    /// Back to the window's framebuffer; the target's objects are deleted.
    void release() {
        if (!fbo) return;
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        glDeleteRenderbuffers(1, &colour);
        glDeleteFramebuffers(1, &fbo);
        fbo = colour = 0;
    }
};

}  // namespace

bool capture_png(AppState& app, GLFWwindow* window, int width, int height, const std::string& path, std::string& error,
                 int frames) {
    (void)window;
    GLint max_size = 0;
    glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &max_size);
    if (width > max_size || height > max_size) {
        error = fmt::format("{}×{} is larger than this OpenGL driver renders offscreen ({} px a side)", width, height, max_size);
        return false;
    }
    // Keep the world box in view across the size change.
    const bool had_view = (app.scene || app.first_map) && app.view.initialised;
    if (had_view && !app.fit_pending) app.fit_pending = app.view.visible_box();
    const float old_scale = app.ui.ui_scale;
    app.ui.ui_scale = ui_scale_for(app.options, width, height);

    OffscreenTarget target(width, height);
    const GLuint fbo = target.fbo;
    bool ok = target.complete();
    if (!ok) error = "the offscreen framebuffer is incomplete";
    std::vector<unsigned char> pixels;
    if (ok) {
        for (int f = 0; f < frames; ++f) {
            build_frame(app, width, height, true);
            glBindFramebuffer(GL_FRAMEBUFFER, fbo);
            clear(width, height);
            render_draw_data(app.panel_cache, ImGui::GetDrawData(), kMapBackground);
        }
        glFinish();
        pixels.resize(static_cast<std::size_t>(width) * height * 4);
        glPixelStorei(GL_PACK_ALIGNMENT, 1);
        glReadBuffer(GL_COLOR_ATTACHMENT0);
        glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
        // GL rows run bottom-up; PNG rows top-down.
        const std::size_t stride = static_cast<std::size_t>(width) * 4;
        std::vector<unsigned char> row(stride);
        for (int y = 0; y < height / 2; ++y) {
            unsigned char* a = pixels.data() + static_cast<std::size_t>(y) * stride;
            unsigned char* b = pixels.data() + static_cast<std::size_t>(height - 1 - y) * stride;
            std::copy(a, a + stride, row.data());
            std::copy(b, b + stride, a);
            std::copy(row.data(), row.data() + stride, b);
        }
    }
    target.release();
    app.offscreen = false;
    if (ok) ok = write_png(path, width, height, pixels.data(), error);
    if (ok) ok = write_label_report(app, path, error);
    if (ok && !app.options.quiet) print_frame_info(app, width, height);
    // Back to the window's size and scale on the next frame, showing what the capture showed.
    app.ui.ui_scale = old_scale;
    if (had_view || app.view.initialised) app.fit_pending = app.view.visible_box();
    return ok;
}

double first_map_frames(AppState& app, int width, int height) {
    app.ui.ui_scale = ui_scale_for(app.options, width, height);
    app.benchmarking = true;  // tiles drawn progressively, as on screen
    OffscreenTarget target(width, height);
    const auto t0 = std::chrono::steady_clock::now();
    int frames = 0;
    do {
        build_frame(app, width, height, true);
        glBindFramebuffer(GL_FRAMEBUFFER, target.fbo);
        clear(width, height);
        render_draw_data(app.panel_cache, ImGui::GetDrawData(), kMapBackground);
        glFinish();
        if (++frames == 1) app.startup.first_map_s = app.startup.since_start();
    } while (app.renderer.last_tiles_standin > 0 && frames < 10000);
    app.startup.first_map_complete_s = app.startup.since_start();
    target.release();
    app.offscreen = false;
    app.benchmarking = false;
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

namespace {

int bench_band(double zoom_log2) { return zoom_log2 < 1.5 ? 0 : zoom_log2 < 3.5 ? 1 : zoom_log2 < 5.5 ? 2 : 3; }

}  // namespace

BenchResult bench_frames(AppState& app, int width, int height, int frames) {
    BenchResult r;
    app.ui.ui_scale = ui_scale_for(app.options, width, height);
    app.benchmarking = true;
    if (const auto* name = glGetString(GL_RENDERER)) r.renderer = reinterpret_cast<const char*>(name);
    OffscreenTarget target(width, height);
    const GLuint fbo = target.fbo;
    // One settling frame fixes the canvas size; then the camera path starts from the whole city.
    build_frame(app, width, height, true);
    const geom::Box city = city_box(*app.scene);
    app.fit_pending = city;
    build_frame(app, width, height, true);
    const double s0 = app.view.px_per_m;
    const geom::Point c0 = app.view.centre;
    // Zoom towards the largest park, where the parcels are.
    geom::Point c1 = c0;
    double largest = -1;
    for (std::size_t p = 0; p < app.scene->city.parks.size(); ++p)
        if (app.scene->city.parks[p].area_m2 > largest) {
            largest = app.scene->city.parks[p].area_m2;
            c1 = app.scene->park_anchor[p];
        }
    auto frame = [&]() {
        FrameProbe& probe = app.probe;
        if (probe.on) probe.reset();
        const auto t0 = std::chrono::steady_clock::now();
        build_frame(app, width, height, true);
        const auto t1 = std::chrono::steady_clock::now();
        if (probe.on) probe.ms[static_cast<std::size_t>(FramePart::Ui)] = std::chrono::duration<double, std::milli>(t1 - t0).count();
        probe.last = t1;
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        clear(width, height);
        if (probe.on) probe.mark(FramePart::Clear);
        render_draw_data(app.panel_cache, ImGui::GetDrawData(), kMapBackground);
        glFinish();
        if (probe.on) probe.mark(FramePart::Panels);  // the windows drawn after the map's
        const auto t2 = std::chrono::steady_clock::now();
        return std::pair{std::chrono::duration<double, std::milli>(t2 - t0).count(),
                         std::chrono::duration<double, std::milli>(t1 - t0).count()};
    };
    const bool trace = std::getenv("PARKCAP_BENCH_TRACE") != nullptr;
    // Warm-up: the first view until every tile of it is drawn.
    auto warm_up = [&]() {
        app.view.target_px_per_m = s0;
        app.view.target_centre = c0;
        do {
            const double ms = frame().first;
            ++r.warm_frames;
            r.warm_ms += ms;
            r.warm_max_ms = std::max(r.warm_max_ms, ms);
            if (trace && !app.probe.on)
                std::printf("bench-warm %d ms=%.1f tiles_rendered=%u\n", r.warm_frames, ms, app.renderer.last_tiles_rendered);
        } while (app.renderer.last_tiles_standin > 0 && r.warm_frames < 10000);
    };
    warm_up();
    const uint64_t tiles_before = app.renderer.tiles_rendered;

    const int zoom_frames = (frames + 1) / 2, pan_frames = frames - zoom_frames;
    // The camera of frame f; returns its zoom z (log2 of the scale over the whole city's).
    auto camera = [&](int f) {
        double z = 0;
        if (f < zoom_frames) {
            // Zoom in by up to 2^7 and back out.
            const double t = zoom_frames > 1 ? static_cast<double>(f) / (zoom_frames - 1) : 0;
            const double tri = 1 - std::fabs(2 * t - 1);
            z = 7 * tri;
            const double k = std::min(1.0, 1.5 * tri);
            app.view.target_centre = {c0.x + (c1.x - c0.x) * k, c0.y + (c1.y - c0.y) * k};
        } else {
            // Pan: a quarter of the pan frames at the middle zoom of each band,
            // 48 px right and 16 px up a frame (a brisk drag), centred on the park.
            const int g = f - zoom_frames;
            const int band = std::min(3, g * 4 / std::max(1, pan_frames));
            const int first = (band * pan_frames + 3) / 4, count = std::max(1, ((band + 1) * pan_frames + 3) / 4 - first);
            z = 0.5 + 2.0 * band;
            const double step = 1.0 / (s0 * std::pow(2.0, z));
            const double along = (g - first) - (count - 1) / 2.0;
            app.view.target_centre = {c1.x + 48 * step * along, c1.y + 16 * step * along};
        }
        app.view.target_px_per_m = s0 * std::pow(2.0, z);
        return z;
    };
    double fill_vertices = 0;
    for (int f = 0; f < frames; ++f) {
        const double z = camera(f);
        const auto [ms, ui_ms] = frame();
        r.frame_ms.push_back(ms);
        r.band.push_back(bench_band(z));
        r.phase.push_back(f < zoom_frames ? 0 : 1);
        r.standin.push_back(app.renderer.last_tiles_standin > 0);
        r.mean_ui_ms += ui_ms / frames;
        r.mean_gl_ms += (ms - ui_ms) / frames;
        fill_vertices += static_cast<double>(app.renderer.last_fill_vertices);
        if (trace)
            std::printf("bench-frame %d ms=%.1f band=%s phase=%s px_per_m=%.5f fill_vertices=%llu points=%llu line_vertices=%llu "
                        "level=%d tiles=%u rendered=%u composed=%u standin=%u tile_primitives=%llu\n",
                        f, ms, kBenchBands[r.band.back()], kBenchPhases[r.phase.back()], app.view.px_per_m,
                        static_cast<unsigned long long>(app.renderer.last_fill_vertices),
                        static_cast<unsigned long long>(app.renderer.last_points),
                        static_cast<unsigned long long>(app.renderer.last_line_vertices), app.renderer.last_level,
                        app.renderer.last_tiles, app.renderer.last_tiles_rendered, app.renderer.last_tiles_composed,
                        app.renderer.last_tiles_standin, static_cast<unsigned long long>(app.renderer.last_tile_primitives));
    }
    r.tiles_rendered = app.renderer.tiles_rendered - tiles_before;
    // The second pass: the same path from the same start (no tile cached, the city
    // view warmed up again), each part of each frame timed to a glFinish.
    drop_tiles(app.renderer);
    app.probe.on = true;
    const int warm_frames = r.warm_frames;
    const double warm_ms = r.warm_ms, warm_max_ms = r.warm_max_ms;
    warm_up();
    r.warm_frames = warm_frames, r.warm_ms = warm_ms, r.warm_max_ms = warm_max_ms;
    for (int f = 0; f < frames; ++f) {
        camera(f);
        const double ms = frame().first;
        r.part_ms.push_back(app.probe.ms);
        r.probed_ms.push_back(ms);
        if (trace) {
            std::printf("bench-probe %d ms=%.1f", f, ms);
            for (std::size_t k = 0; k < app.probe.ms.size(); ++k) std::printf(" %s=%.1f", kFramePartNames[k], app.probe.ms[k]);
            std::printf("\n");
        }
    }
    app.probe.on = false;
    app.renderer.probe = false;
    target.release();
    app.offscreen = false;
    app.benchmarking = false;
    if (!r.frame_ms.empty()) {
        std::vector<double> sorted = r.frame_ms;
        std::sort(sorted.begin(), sorted.end());
        for (double ms : sorted) r.mean_ms += ms;
        r.mean_ms /= static_cast<double>(sorted.size());
        r.max_ms = sorted.back();
        r.p95_ms = percentile(sorted, 0.95);
        r.mean_fill_vertices = fill_vertices / static_cast<double>(sorted.size());
    }
    return r;
}

double percentile(std::vector<double> sorted, double q) {
    if (sorted.empty()) return 0;
    std::sort(sorted.begin(), sorted.end());
    // Nearest rank: the smallest value with at least q of the values at or below it.
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
    return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

bool write_png(const std::string& path, int width, int height, const unsigned char* rgba, std::string& error) {
    FILE* file = std::fopen(path.c_str(), "wb");
    if (!file) {
        error = fmt::format("{}: cannot open for writing", path);
        return false;
    }
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png ? png_create_info_struct(png) : nullptr;
    if (!png || !info || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        std::fclose(file);
        error = fmt::format("{}: PNG encoding failed", path);
        return false;
    }
    png_init_io(png, file);
    png_set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, 6);
    png_text software{};
    software.compression = PNG_TEXT_COMPRESSION_NONE;
    software.key = const_cast<char*>("Software");
    software.text = const_cast<char*>("parkcap-viewer");
    png_set_text(png, info, &software, 1);
    png_write_info(png, info);
    std::vector<unsigned char> row(static_cast<std::size_t>(width) * 3);
    for (int y = 0; y < height; ++y) {
        const unsigned char* src = rgba + static_cast<std::size_t>(y) * width * 4;
        for (int x = 0; x < width; ++x) {
            row[x * 3 + 0] = src[x * 4 + 0];
            row[x * 3 + 1] = src[x * 4 + 1];
            row[x * 3 + 2] = src[x * 4 + 2];
        }
        png_write_row(png, row.data());
    }
    png_write_end(png, nullptr);
    png_destroy_write_struct(&png, &info);
    if (std::fclose(file) != 0) {
        error = fmt::format("{}: write failed", path);
        return false;
    }
    return true;
}

void print_frame_info(const AppState& app, int width, int height) {
    const MapView& v = app.view;
    // The first map (before the scene) is told apart, so a run's final screenshot lines stay as they were.
    const char* prefix = app.scene ? "" : "first_map ";
    std::printf("%sscreenshot size=%dx%d mode=%s colour_by=%s lang=%s\n", prefix, width, height, to_string(app.ui.mode),
                to_string(app.style.colour_by), to_string(app.ui.lang));
    std::printf("%sview centre=%.3f,%.3f px_per_m=%.9f canvas=%.0f,%.0f,%.0f,%.0f epsg=%d\n", prefix, v.centre.x, v.centre.y,
                v.px_per_m, v.x0, v.y0, v.x1, v.y1,
                app.scene ? app.scene->city.crs.epsg : app.first_map ? app.first_map->epsg : 0);
    if (!app.scene) {
        std::printf("first_map audit_done=%d parcels=%llu fill=%s\n", app.load.finished ? 1 : 0,
                    static_cast<unsigned long long>(app.mesh_stats.parcels), hex_of(kPendingParcelRgba).c_str());
        std::fflush(stdout);
        return;
    }
    const MapRenderer& r = app.renderer;
    std::printf("parcel_layer cache=%s level=%d tiles=%u standin=%u\n",
                r.cache_mode == LayerCache::Pyramid ? "pyramid" : r.cache_mode == LayerCache::Whole ? "whole" : "off", r.last_level,
                r.last_tiles, r.last_tiles_standin);
    std::printf("panel_cache copied=%d redraws=%llu\n", app.panel_cache.last_copied ? 1 : 0,
                static_cast<unsigned long long>(app.panel_cache.redraws));
    const Scene& s = *app.scene;
    for (const auto& e : legend(s, app.style.colour_by, Lang::En))
        std::printf("legend %s colour=%s parcels=%llu\n", e.key.c_str(), hex_of(e.colour).c_str(),
                    static_cast<unsigned long long>(e.parcels));
    if (app.options.print_parcels) {
        const std::vector<uint32_t> fills = parcel_colours(s, app.style.colour_by);
        for (std::size_t i = 0; i < s.city.parcels.size(); ++i)
            std::printf("parcel %s class=%s fill=%s\n", std::string(s.city.parcels.parcel_id[i]).c_str(),
                        legend_key(s, app.style.colour_by, i), hex_of(fills[i]).c_str());
    }
    for (std::size_t p = 0; p < s.city.parks.size(); ++p) {
        const ImVec2 a = v.to_screen(s.park_anchor[p]);
        std::printf("park %s anchor=%.1f,%.1f\n", s.city.parks[p].park_id.c_str(), a.x, a.y);
    }
    for (std::size_t i = 0; i < s.flows.size(); ++i) {
        const Flow& f = s.flows[i];
        const ImVec2 a = v.to_screen(f.from), b = v.to_screen(f.to);
        ImVec2 c = flow_control_point(a, b);
        float drawn_width = 0;
        for (const DrawnFlow& d : app.layout.flows)
            if (d.flow == i) c = d.control, drawn_width = d.width;
        std::string origins;
        for (uint32_t o : f.engine.origins) origins += (origins.empty() ? "" : "+") + s.city.districts[o].code;
        std::printf("flow origin=%s park=%s sector=%d count=%u area_mu=%.3f investment_wan=%.3f from=%.1f,%.1f to=%.1f,%.1f "
                    "control=%.1f,%.1f width=%.2f drawn=%d colour=%s\n",
                    f.engine.folded() ? "others" : s.city.districts[f.engine.origin].code.c_str(), s.city.parks[f.engine.park].park_id.c_str(),
                    f.sector, f.engine.count, f.engine.area_mu, f.engine.investment_wan, a.x, a.y, b.x, b.y, c.x, c.y, drawn_width,
                    drawn_width > 0 ? 1 : 0, hex_of(f.colour).c_str());
        if (f.engine.folded()) std::printf("folded park=%s origins=%s\n", s.city.parks[f.engine.park].park_id.c_str(), origins.c_str());
    }
    for (const DrawnSymbol& sym : app.layout.symbols)
        std::printf("symbol %s centre=%.1f,%.1f diameter=%.1f\n", s.city.parks[sym.park].park_id.c_str(), sym.centre.x, sym.centre.y,
                    sym.diameter);
    for (const DrawnLabel& l : app.layout.labels)
        std::printf("label kind=%s id=%s box=%.1f,%.1f,%.1f,%.1f leader=%d\n", l.kind.c_str(), l.id.c_str(), l.box.x, l.box.y,
                    l.box.z, l.box.w, l.leader ? 1 : 0);
    if (!app.layout.flows.empty())
        std::printf("flow_layout arcs=%zu crossings=%d crossings_alike=%d\n", app.layout.flows.size(), app.layout.flow_crossings,
                    app.layout.flow_crossings_alike);
    const ImVec4& fl = app.layout.flow_legend_rect;
    if (fl.z > fl.x) std::printf("flow_legend rect=%.0f,%.0f,%.0f,%.0f\n", fl.x, fl.y, fl.z, fl.w);
    const ImVec4& ft = app.layout.flow_table_rect;
    if (ft.z > ft.x) std::printf("flow_table rect=%.0f,%.0f,%.0f,%.0f\n", ft.x, ft.y, ft.z, ft.w);
    if (s.since) {
        const Headline hl = headline(s);
        std::printf("since date=%s disposed_mu=%.3f approved_rate=%.6f idle_rate=%.6f\n", hl.since.c_str(), hl.disposed_mu,
                    hl.approved_rate, hl.idle_rate);
    }
    const ImVec4& h = app.layout.headline_rect;
    if (h.z > h.x) std::printf("headline rect=%.0f,%.0f,%.0f,%.0f\n", h.x, h.y, h.z, h.w);
    for (const auto& e : s.evaluation.parks)
        std::printf("evaluation park=%s type=%s score=%.4f rank=%d of=%d years_left=%.4f\n", e.code.c_str(),
                    std::string(evaluate::kParkTypeNames[static_cast<std::size_t>(e.type)]).c_str(), e.score, e.rank,
                    e.ranked_of, e.potential.years_left);
    const ImVec4& rk = app.layout.ranking_rect;
    if (rk.z > rk.x) std::printf("ranking_box rect=%.0f,%.0f,%.0f,%.0f\n", rk.x, rk.y, rk.z, rk.w);
    const ImVec4& l = app.layout.legend_rect;
    if (l.z > l.x) std::printf("legend_box rect=%.0f,%.0f,%.0f,%.0f\n", l.x, l.y, l.z, l.w);
    std::fflush(stdout);
}

}  // namespace parkcap::viewer
