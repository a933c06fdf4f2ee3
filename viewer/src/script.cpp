#include "script.hpp"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "canvas.hpp"
#include "editing.hpp"
#include "frame.hpp"
#include "options.hpp"
#include "parkcap/core/error.hpp"
#include "scene.hpp"
#include "store_link.hpp"
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

/// What a command's handler gets: the app, the window (for screenshots) and the
/// words of its line (words[0] is the command's name).
struct Call {
    AppState& app;
    GLFWwindow* window;
    const std::vector<std::string>& w;
    Scene& scene() const { return *app.scene; }
    bool fail(const std::string& message) const {
        set_status(app, message, true);
        return false;
    }
    bool ok(const std::string& message) const {
        set_status(app, message);
        return true;
    }
};

/// One script command. A line with fewer than `words` words (the name included)
/// fails with `usage`, before the handler runs.
struct ScriptCommand {
    const char* name;
    std::size_t words;
    const char* usage;
    bool (*run)(const Call&);
};

bool cmd_select(const Call& c) {
    Scene& s = c.scene();
    const std::string& id = c.w[2];
    if (c.w[1] == "project") {
        const int32_t j = find_project(s, id);
        if (j < 0) return c.fail("no project " + id);
        select_project(c.app, j);
    } else if (c.w[1] == "park") {
        const int32_t p = find_park(s, id);
        if (p < 0) return c.fail("no park " + id);
        select_park(c.app, p);
    } else if (c.w[1] == "parcel") {
        const auto i = s.city.find_parcel(id);
        if (!i) return c.fail("no parcel " + id);
        select_parcel(c.app, static_cast<int32_t>(*i));
    } else {
        return c.fail("select what? project, park or parcel");
    }
    return true;
}

bool cmd_place(const Call& c) {
    Scene& s = c.scene();
    if (c.app.selection.project < 0) return c.fail("select a project first");
    if (c.w[1] == "site") {
        const int32_t k = find_site(s, c.w[2]);
        if (k < 0) return c.fail("no site " + c.w[2]);
        return place_on_site(c.app, c.app.selection.project, k);
    }
    if (c.w[1] == "park") {
        const int32_t p = find_park(s, c.w[2]);
        if (p < 0) return c.fail("no park " + c.w[2]);
        return place_in_park(c.app, c.app.selection.project, p);
    }
    return c.fail("place on what? site or park");
}

bool cmd_arm(const Call& c) {
    if (c.app.selection.project < 0) return c.fail("select a project first");
    c.app.selection.siting_armed = true;
    return c.ok("siting armed");
}

bool click(const Call& c, bool screen) {
    const double x = std::stod(c.w[1]), y = std::stod(c.w[2]);
    const geom::Point p = screen ? c.app.view.to_world(ImVec2(static_cast<float>(x), static_cast<float>(y))) : geom::Point{x, y};
    const std::string before = c.app.ui.status;
    click_map(c.app, p);
    if (c.app.ui.status == before && !c.app.ui.status_is_error)
        set_status(c.app, fmt::format("clicked {:.1f},{:.1f}: parcel {} park {}", p.x, p.y, c.app.selection.parcel,
                                      c.app.selection.park));
    return !c.app.ui.status_is_error;
}
bool cmd_click(const Call& c) { return click(c, true); }
bool cmd_click_world(const Call& c) { return click(c, false); }

bool cmd_unplace(const Call& c) { return unplace_project(c.app, c.app.selection.project); }
bool cmd_pin(const Call& c) { return set_pinned(c.app, c.app.selection.project, true); }
bool cmd_unpin(const Call& c) { return set_pinned(c.app, c.app.selection.project, false); }
bool cmd_undo(const Call& c) { return undo(c.app); }
bool cmd_redo(const Call& c) { return redo(c.app); }

bool cmd_rerun(const Call& c) {
    start_reoptimise(c.app);
    if (!c.app.optimise.running) return false;
    return poll_reoptimise(c.app, true);
}

bool cmd_save(const Call& c) { return save_plan(c.app, c.w[1]); }

bool cmd_screenshot(const Call& c) {
    int width = c.app.options.width, height = c.app.options.height;
    if (c.w.size() >= 3 && std::sscanf(c.w[2].c_str(), "%dx%d", &width, &height) != 2) return c.fail("size must be WxH");
    std::string error;
    if (!capture_png(c.app, c.window, width, height, c.w[1], error)) return c.fail(error);
    return c.ok("wrote " + c.w[1]);
}

bool cmd_view(const Call& c) {
    const auto box = box_for_view(c.app, parse_view(c.w[1]));
    if (!box) return false;
    c.app.fit_pending = box;
    return c.ok("view " + c.w[1]);
}

bool cmd_mode(const Call& c) {
    const auto m = parse_screen_mode(c.w[1]);
    if (!m) return c.fail("mode: edit, map or briefing");
    c.app.ui.mode = *m;
    return c.ok("mode " + c.w[1]);
}

bool cmd_lang(const Call& c) {
    const auto l = parse_lang(c.w[1]);
    if (!l) return c.fail("lang: zh or en");
    c.app.ui.lang = *l;
    text::set_language(*l);
    return c.ok("lang " + c.w[1]);
}

bool cmd_colour(const Call& c) {
    const auto by = parse_colour_by(c.w[1]);
    if (!by) return c.fail("colour: status, flag, class or changes");
    if (*by == ColourBy::Changes && !c.app.scene->since) return c.fail("colour changes: needs --since EARLIER_AUDIT.gpkg");
    c.app.style.colour_by = *by;
    c.app.style.colours_dirty = true;
    return c.ok(c.w[0] + " " + c.w[1]);
}

bool cmd_indicator(const Call& c) {
    if (c.w[1] == "none") {
        c.app.ui.shown_indicator = -1;
        return c.ok("indicator none");
    }
    for (std::size_t k = 0; k < evaluate::kIndicatorCount; ++k)
        if (evaluate::kIndicators[k].name == c.w[1]) {
            c.app.ui.shown_indicator = static_cast<int>(k);
            return c.ok("indicator " + c.w[1]);
        }
    return c.fail("indicator: one of dev_rate, supp_rate, ... (docs/evaluate.md), or none");
}

bool cmd_tab(const Call& c) {
    const char* tabs[] = {"layers", "parks", "quota", "projects"};
    for (int i = 0; i < 4; ++i)
        if (c.w[1] == tabs[i]) {
            c.app.ui.left_tab_request = i;
            return c.ok("tab " + c.w[1]);
        }
    return c.fail("tab: layers, parks, quota or projects");
}

bool cmd_search(const Call& c) {
    std::string text;
    for (std::size_t i = 1; i < c.w.size(); ++i) text += (i > 1 ? " " : "") + c.w[i];
    std::snprintf(c.app.ui.project_search, sizeof c.app.ui.project_search, "%s", text.c_str());
    return c.ok("search '" + text + "'");
}

bool show_layer(const Call& c, bool on) {
    if (std::find(layer_names().begin(), layer_names().end(), c.w[1]) == layer_names().end())
        return c.fail("no layer " + c.w[1]);
    set_layer(c.app.style.show, c.w[1], on);
    c.app.style.states_dirty = true;
    return c.ok(c.w[0] + " " + c.w[1]);
}
bool cmd_show(const Call& c) { return show_layer(c, true); }
bool cmd_hide(const Call& c) { return show_layer(c, false); }

bool cmd_print(const Call& c) {
    const Scene& s = c.scene();
    const allocate::PlanState& st = s.plan.state;
    if (c.w[1] == "ledger") {
        for (const auto& row : st.ledger)
            std::printf("ledger %s opening=%.3f earned=%.3f consumed=%.3f enclave=%.3f stock_used=%.3f remaining=%.3f\n",
                        s.city.districts[row.district].code.c_str(), row.opening_mu, row.earned_mu(), row.consumed_mu,
                        row.consumed_enclave_mu, row.stock_used_mu, row.remaining_mu());
    } else if (c.w[1] == "placements") {
        for (const auto& pl : st.placements)
            std::printf("placement %s site=%s area_mu=%.3f quota=%s pinned=%d enclave=%d\n",
                        s.city.projects[pl.project].project_id.c_str(), s.plan.sites[pl.site].site_id.c_str(), pl.area_mu,
                        pl.uses_quota ? s.city.districts[pl.quota_district].code.c_str() : "-", pl.pinned, pl.enclave);
    } else if (c.w[1] == "sites") {
        for (std::size_t k = 0; k < s.plan.sites.size(); ++k)
            std::printf("site %s park=%s kind=%s area_mu=%.3f taken_mu=%.3f\n", s.plan.sites[k].site_id.c_str(),
                        s.city.parks[s.plan.sites[k].park].park_id.c_str(), allocate::to_string(s.plan.sites[k].kind),
                        s.plan.sites[k].area_mu, st.site_taken_mu[k]);
    } else if (c.w[1] == "project") {
        if (c.w.size() < 3) throw UsageError("expected: print project ID");
        const int32_t j = find_project(s, c.w[2]);
        if (j < 0) return c.fail("no project " + c.w[2]);
        const auto idx = st.placement_of[static_cast<std::size_t>(j)];
        std::printf("project %s placed=%d site=%s\n", c.w[2].c_str(), idx.has_value(),
                    idx ? s.plan.sites[st.placements[*idx].site].site_id.c_str() : "-");
    } else {
        return c.fail("print what? ledger, placements, sites or project ID");
    }
    std::fflush(stdout);
    return c.ok("printed " + c.w[1]);
}

bool cmd_wait(const Call& c) {
    c.app.script.wait_frames = c.w.size() >= 2 ? std::stoi(c.w[1]) : 1;
    return c.ok("waiting");
}

bool cmd_quit(const Call& c) {
    c.app.ui.quit_requested = true;
    return c.ok("quit");
}

bool require_store(const Call& c) {
    if (store_mode(c.app)) return true;
    return c.fail("not on a shared store (open the viewer on PG:...)");
}

bool cmd_refresh(const Call& c) {
    if (!require_store(c)) return false;
    const bool changed = refresh_from_store(c.app);
    if (c.app.ui.status_is_error) return false;
    return c.ok(fmt::format("store read at decision #{}: {} placements{}", c.app.store->seen_decision,
                            c.scene().plan.state.placements.size(), changed ? ", changed" : ""));
}

bool cmd_reason(const Call& c) {
    if (!require_store(c)) return false;
    std::string reason;
    for (std::size_t k = 1; k < c.w.size(); ++k) reason += (k > 1 ? " " : "") + c.w[k];
    c.app.store->reason = reason;
    return c.ok("reason for the next change: " + reason);
}

bool cmd_history(const Call& c) {
    if (!require_store(c)) return false;
    if (c.app.selection.project < 0 && c.app.selection.parcel < 0) return c.fail("select a project or a parcel first");
    const auto& rows = selection_history(c.app);
    if (!c.app.store->history_error.empty()) return c.fail(c.app.store->history_error);
    for (const auto& r : rows)
        std::printf("history #%lld %s %s %s: %s%s%s\n", static_cast<long long>(r.decision_id), r.when.c_str(), r.who.c_str(),
                    r.action.c_str(), r.what.c_str(), r.reason.empty() ? "" : " / reason: ", r.reason.c_str());
    std::fflush(stdout);
    return c.ok(fmt::format("{} decisions for {}", rows.size(), c.app.store->history_for));
}

double steady_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

bool cmd_await_store(const Call& c) {
    if (!require_store(c)) return false;
    const double seconds = c.w.size() >= 2 ? std::stod(c.w[1]) : 30;
    c.app.script.await_after = c.app.store->seen_decision;
    c.app.script.await_until = steady_seconds() + seconds;
    return c.ok(fmt::format("waiting up to {:g} s for a change in the store after decision #{}", seconds,
                            c.app.script.await_after));
}

/// The await-store in progress: true while it still waits; prints its outcome once.
bool awaiting_store(AppState& app) {
    ScriptState& sc = app.script;
    if (sc.await_after < 0) return false;
    const int64_t seen = app.store ? app.store->seen_decision : sc.await_after;
    const bool changed = seen > sc.await_after, late = steady_seconds() > sc.await_until;
    if (!changed && !late) return true;
    if (changed)
        std::printf("%s:%zu: ok: the store changed: decision #%lld, %zu placements\n", sc.path.c_str(), sc.next,
                    static_cast<long long>(seen), app.scene->plan.state.placements.size());
    else
        std::printf("%s:%zu: error: no change in the store after decision #%lld in time\n", sc.path.c_str(), sc.next,
                    static_cast<long long>(sc.await_after));
    std::fflush(stdout);
    if (!changed) sc.failed = true;
    sc.await_after = -1;
    return false;
}

bool cmd_pause(const Call& c) {
    const double seconds = std::stod(c.w[1]);
    if (!(seconds >= 0 && seconds <= 600)) return c.fail("pause: expected 0 to 600 seconds");
    c.app.script.await_after = -1;
    c.app.script.pause_until = steady_seconds() + seconds;
    return c.ok(fmt::format("pausing {:g} s", seconds));
}

bool cmd_help(const Call& c);

/// Every command a script may use (viewer/README.md lists them with examples).
constexpr ScriptCommand kCommands[] = {
    {"select", 3, "select project|park|parcel ID", cmd_select},
    {"place", 3, "place site SITE_ID | place park PARK_ID", cmd_place},
    {"arm", 1, "arm (the next click sites the selected project)", cmd_arm},
    {"click", 3, "click X Y (screen pixels)", cmd_click},
    {"click-world", 3, "click-world X Y (working CRS)", cmd_click_world},
    {"unplace", 1, "unplace (the selected project)", cmd_unplace},
    {"pin", 1, "pin (the selected project's placement)", cmd_pin},
    {"unpin", 1, "unpin", cmd_unpin},
    {"undo", 1, "undo", cmd_undo},
    {"redo", 1, "redo", cmd_redo},
    {"rerun", 1, "rerun (the optimiser, keeping pinned placements)", cmd_rerun},
    {"save", 2, "save FILE.toml|FILE.gpkg", cmd_save},
    {"screenshot", 2, "screenshot FILE.png [WxH]", cmd_screenshot},
    {"view", 2, "view city|park:ID|project:ID|bbox:minx,miny,maxx,maxy", cmd_view},
    {"mode", 2, "mode edit|map|briefing", cmd_mode},
    {"lang", 2, "lang zh|en", cmd_lang},
    {"colour", 2, "colour status|flag|class|changes", cmd_colour},
    {"color", 2, "color status|flag|class|changes", cmd_colour},
    {"indicator", 2, "indicator NAME|none (the park inspector lists the parcels behind it)", cmd_indicator},
    {"tab", 2, "tab layers|parks|quota|projects", cmd_tab},
    {"search", 1, "search TEXT", cmd_search},
    {"show", 2, "show LAYER", cmd_show},
    {"hide", 2, "hide LAYER", cmd_hide},
    {"print", 2, "print ledger | print placements | print sites | print project ID", cmd_print},
    {"wait", 1, "wait [FRAMES]", cmd_wait},
    {"refresh", 1, "refresh (read the shared store's placements again)", cmd_refresh},
    {"reason", 2, "reason TEXT (logged with the next change in the shared store)", cmd_reason},
    {"pause", 2, "pause SECONDS (real time: the store polling and other planners go on)", cmd_pause},
    {"await-store", 1, "await-store [SECONDS] (until another planner's change reaches this viewer; default 30)",
     cmd_await_store},
    {"history", 1, "history (the selected project's or parcel's decisions in the shared store)", cmd_history},
    {"quit", 1, "quit", cmd_quit},
    {"help", 1, "help (lists the commands)", cmd_help},
};

bool cmd_help(const Call& c) {
    for (const auto& command : kCommands) std::printf("command %s\n", command.usage);
    std::fflush(stdout);
    return c.ok("printed the commands");
}

/// Runs one command; the result goes to the status line (ok or error).
bool run_command(AppState& app, GLFWwindow* window, const std::vector<std::string>& w) {
    for (const auto& command : kCommands) {
        if (w[0] != command.name) continue;
        if (w.size() < command.words) throw UsageError(fmt::format("expected: {}", command.usage));
        return command.run(Call{app, window, w});
    }
    set_status(app, fmt::format("unknown command '{}' (the command help lists them)", w[0]), true);
    return false;
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
    if (steady_seconds() < sc.pause_until || awaiting_store(app)) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));  // the poll, not the renderer, is what it waits on
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
