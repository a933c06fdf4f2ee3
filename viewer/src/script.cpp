#include "script.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "canvas.hpp"
#include "editing.hpp"
#include "frame.hpp"
#include "options.hpp"
#include "parkcap/core/error.hpp"
#include "scene.hpp"
#include "text.hpp"

namespace parkcap::viewer {

namespace {

std::vector<std::string> split(const std::string& line) {
    std::istringstream in(line);
    std::vector<std::string> words;
    for (std::string w; in >> w;) words.push_back(w);
    return words;
}

void set_layer(LayerVisibility& v, const std::string& name, bool on) {
    bool* flags[] = {&v.parcels, &v.outlines, &v.parks, &v.labels, &v.shoreline, &v.sites, &v.flows, &v.districts, &v.legend,
                     &v.scalebar};
    const auto& names = layer_names();
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) *flags[i] = on;
}

/// Runs one command; the result goes to the status line (ok or error).
bool run_command(AppState& app, GLFWwindow* window, const std::vector<std::string>& w) {
    Scene& s = *app.scene;
    auto fail = [&](const std::string& msg) {
        set_status(app, msg, true);
        return false;
    };
    auto need = [&](std::size_t n, const char* usage) {
        if (w.size() < n) throw UsageError(fmt::format("expected: {}", usage));
    };
    const std::string& cmd = w[0];
    if (cmd == "select") {
        need(3, "select project|park|parcel ID");
        if (w[1] == "project") {
            const int32_t j = find_project(s, w[2]);
            if (j < 0) return fail("no project " + w[2]);
            select_project(app, j);
        } else if (w[1] == "park") {
            const int32_t p = find_park(s, w[2]);
            if (p < 0) return fail("no park " + w[2]);
            select_park(app, p);

        } else if (w[1] == "parcel") {
            for (std::size_t i = 0; i < s.city.parcels.size(); ++i)
                if (s.city.parcels.parcel_id[i] == w[2]) {
                    select_parcel(app, static_cast<int32_t>(i));
                    return true;
                }
            return fail("no parcel " + w[2]);
        } else {
            return fail("select what? project, park or parcel");
        }
        return true;
    }
    if (cmd == "place") {
        need(3, "place site SITE_ID | place park PARK_ID");
        if (app.selection.project < 0) return fail("select a project first");
        if (w[1] == "site") {
            const int32_t k = find_site(s, w[2]);
            if (k < 0) return fail("no site " + w[2]);
            return place_on_site(app, app.selection.project, k);
        }
        if (w[1] == "park") {
            const int32_t p = find_park(s, w[2]);
            if (p < 0) return fail("no park " + w[2]);
            return place_in_park(app, app.selection.project, p);
        }
        return fail("place on what? site or park");
    }
    if (cmd == "arm") {
        if (app.selection.project < 0) return fail("select a project first");
        app.selection.siting_armed = true;
        set_status(app, "siting armed");
        return true;
    }
    if (cmd == "click" || cmd == "click-world") {
        need(3, "click X Y (screen pixels) | click-world X Y (working CRS)");
        const double x = std::stod(w[1]), y = std::stod(w[2]);
        const geom::Point p = cmd == "click" ? app.view.to_world(ImVec2(static_cast<float>(x), static_cast<float>(y)))
                                             : geom::Point{x, y};
        const std::string before = app.ui.status;
        click_map(app, p);
        if (app.ui.status == before && !app.ui.status_is_error)
            set_status(app, fmt::format("clicked {:.1f},{:.1f}: parcel {} park {}", p.x, p.y, app.selection.parcel,
                                        app.selection.park));
        return !app.ui.status_is_error;
    }
    if (cmd == "unplace") return unplace_project(app, app.selection.project);
    if (cmd == "pin") return set_pinned(app, app.selection.project, true);
    if (cmd == "unpin") return set_pinned(app, app.selection.project, false);
    if (cmd == "undo") return undo(app);
    if (cmd == "redo") return redo(app);
    if (cmd == "rerun") {
        start_reoptimise(app);
        if (!app.optimise.running) return false;
        return poll_reoptimise(app, true);
    }
    if (cmd == "save") {
        need(2, "save FILE.toml|FILE.gpkg");
        return save_plan(app, w[1]);
    }
    if (cmd == "screenshot") {
        need(2, "screenshot FILE.png [WxH]");
        int width = app.options.width, height = app.options.height;
        if (w.size() >= 3 && std::sscanf(w[2].c_str(), "%dx%d", &width, &height) != 2) return fail("size must be WxH");
        std::string error;
        if (!capture_png(app, window, width, height, w[1], error)) return fail(error);
        set_status(app, "wrote " + w[1]);
        return true;
    }
    if (cmd == "view") {
        need(2, "view city|park:ID|project:ID|bbox:minx,miny,maxx,maxy");
        const auto box = box_for_view(app, parse_view(w[1]));
        if (!box) return false;
        app.fit_pending = box;
        set_status(app, "view " + w[1]);
        return true;
    }
    if (cmd == "mode" || cmd == "lang" || cmd == "colour" || cmd == "color") {
        need(2, "mode edit|map|briefing, lang zh|en, colour status|flag|class");
        if (cmd == "mode") {
            const auto m = parse_screen_mode(w[1]);
            if (!m) return fail("mode: edit, map or briefing");
            app.ui.mode = *m;
        } else if (cmd == "lang") {
            const auto l = parse_lang(w[1]);
            if (!l) return fail("lang: zh or en");
            app.ui.lang = *l;
            text::set_language(*l);
        } else {
            const auto c = parse_colour_by(w[1]);
            if (!c) return fail("colour: status, flag or class");
            app.style.colour_by = *c;
            app.style.colours_dirty = true;
        }
        set_status(app, cmd + " " + w[1]);
        return true;
    }
    if (cmd == "tab") {
        need(2, "tab layers|parks|quota|projects");
        const char* tabs[] = {"layers", "parks", "quota", "projects"};
        for (int i = 0; i < 4; ++i)
            if (w[1] == tabs[i]) {
                app.ui.left_tab_request = i;
                set_status(app, "tab " + w[1]);
                return true;
            }
        return fail("tab: layers, parks, quota or projects");
    }
    if (cmd == "search") {
        std::string text;
        for (std::size_t i = 1; i < w.size(); ++i) text += (i > 1 ? " " : "") + w[i];
        std::snprintf(app.ui.project_search, sizeof app.ui.project_search, "%s", text.c_str());
        set_status(app, "search '" + text + "'");
        return true;
    }
    if (cmd == "show" || cmd == "hide") {
        need(2, "show|hide LAYER");
        if (std::find(layer_names().begin(), layer_names().end(), w[1]) == layer_names().end()) return fail("no layer " + w[1]);
        set_layer(app.style.show, w[1], cmd == "show");
        app.style.states_dirty = true;
        set_status(app, cmd + " " + w[1]);
        return true;
    }
    if (cmd == "print") {
        need(2, "print ledger | print project ID | print placements");
        if (w[1] == "ledger") {
            for (const auto& row : s.plan.state.ledger)
                std::printf("ledger %s opening=%.3f earned=%.3f consumed=%.3f enclave=%.3f stock_used=%.3f remaining=%.3f\n",
                            s.city.districts[row.district].code.c_str(), row.opening_mu, row.earned_mu, row.consumed_mu,
                            row.consumed_enclave_mu, row.stock_used_mu, row.remaining_mu());
        } else if (w[1] == "placements") {
            for (const auto& pl : s.plan.state.placements)
                std::printf("placement %s site=%s area_mu=%.3f quota=%s pinned=%d enclave=%d\n",
                            s.city.projects[pl.project].project_id.c_str(), s.plan.sites[pl.site].site_id.c_str(), pl.area_mu,
                            pl.uses_quota ? s.city.districts[pl.quota_district].code.c_str() : "-", pl.pinned, pl.enclave);
        } else if (w[1] == "sites") {
            for (std::size_t k = 0; k < s.plan.sites.size(); ++k)
                std::printf("site %s park=%s kind=%s area_mu=%.3f taken_mu=%.3f\n", s.plan.sites[k].site_id.c_str(),
                            s.city.parks[s.plan.sites[k].park].park_id.c_str(), allocate::to_string(s.plan.sites[k].kind),
                            s.plan.sites[k].area_mu, s.plan.state.site_taken_mu[k]);
        } else if (w[1] == "project") {
            need(3, "print project ID");
            const int32_t j = find_project(s, w[2]);
            if (j < 0) return fail("no project " + w[2]);
            const auto idx = s.plan.state.placement_of[static_cast<std::size_t>(j)];
            std::printf("project %s placed=%d site=%s\n", w[2].c_str(), idx.has_value(),
                        idx ? s.plan.sites[s.plan.state.placements[*idx].site].site_id.c_str() : "-");
        } else {
            return fail("print what? ledger, placements, sites or project ID");
        }
        std::fflush(stdout);
        set_status(app, "printed " + w[1]);
        return true;
    }
    if (cmd == "wait") {
        app.script.wait_frames = w.size() >= 2 ? std::stoi(w[1]) : 1;
        set_status(app, "waiting");
        return true;
    }
    if (cmd == "quit") {
        app.ui.quit_requested = true;
        set_status(app, "quit");
        return true;
    }
    return fail(fmt::format("unknown command '{}'", cmd));
}

}  // namespace

bool load_script(ScriptState& script, const std::string& path, std::string& error) {
    std::ifstream in(path);
    if (!in) {
        error = fmt::format("--script: cannot read '{}'", path);
        return false;
    }
    script.path = path;
    for (std::string line; std::getline(in, line);) script.lines.push_back(line);
    script.active = true;
    return true;
}

bool step_script(AppState& app, GLFWwindow* window) {
    ScriptState& sc = app.script;
    if (!sc.active) return false;
    if (sc.wait_frames > 0) {
        --sc.wait_frames;
        return true;
    }
    if (app.optimise.running) {
        poll_reoptimise(app);
        return true;
    }
    while (sc.next < sc.lines.size()) {
        const std::string line = sc.lines[sc.next++];
        const auto words = split(line.substr(0, line.find('#')));
        if (words.empty()) continue;
        bool ok = false;
        const std::string before = app.ui.status;
        app.ui.status.clear();
        app.ui.status_is_error = false;
        ok = guarded(app, words[0].c_str(), [&] {
            if (!run_command(app, window, words)) throw std::runtime_error(app.ui.status.empty() ? "failed" : app.ui.status);
        });
        std::printf("%s:%zu: %s: %s\n", sc.path.c_str(), sc.next, ok ? "ok" : "error", app.ui.status.c_str());
        std::fflush(stdout);
        if (!ok) sc.failed = true;
        return !app.ui.quit_requested;
    }
    sc.active = false;
    return false;
}

}  // namespace parkcap::viewer
