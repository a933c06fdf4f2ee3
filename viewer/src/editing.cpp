#include "editing.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include <fmt/format.h>

#include "parkcap/core/error.hpp"
#include "parkcap/core/units.hpp"
#include "parkcap/report/plan_overrides.hpp"
#include "parkcap/report/plan_report.hpp"
#include "parkcap/session/outputs.hpp"
#include "canvas.hpp"
#include "scene.hpp"
#include "store_link.hpp"
#include "text.hpp"

namespace parkcap::viewer {

using text::tr;

namespace {

PlanSnapshot snapshot(const allocate::Plan& plan, std::string label) { return {std::move(label), plan.state}; }

void restore(allocate::Plan& plan, PlanSnapshot&& s) { plan.state = std::move(s.state); }

/// Records the plan before an edit.
void push_undo(AppState& app, std::string label) {
    app.history.undo.push_back(snapshot(app.scene->plan, std::move(label)));
    app.history.redo.clear();
    constexpr std::size_t kMaxUndo = 200;
    if (app.history.undo.size() > kMaxUndo) app.history.undo.erase(app.history.undo.begin());
}

bool editable(AppState& app) {
    if (!app.scene || !app.scene->has_plan) {
        set_status(app, tr("No plan to edit (started with --no-plan?)", "没有可编辑的方案（是否使用了 --no-plan？）"), true);
        return false;
    }
    if (app.optimise.running) {
        set_status(app, tr("The optimiser is running; wait for it to finish", "优化计算进行中，请稍候"), true);
        return false;
    }
    return true;
}

bool valid_project(const AppState& app, int32_t j) {
    return app.scene && j >= 0 && static_cast<std::size_t>(j) < app.scene->city.projects.size();
}

/// "321202 用地指标 100.0 → 88.0 亩" for the status line after a placement.
std::string ledger_note(const Scene& s, const allocate::Placement& pl, double before_mu) {
    const auto& row = s.plan.state.ledger[pl.quota_district];
    const std::string& code = s.city.districts[pl.quota_district].code;
    if (!pl.uses_quota)
        return text::language() == Lang::Zh ? allocate::info(allocate::SiteKind::Stock).title_zh
                                            : allocate::info(allocate::SiteKind::Stock).title_en;
    return text::language() == Lang::Zh
               ? fmt::format("{} 新增指标 {:.1f} → {:.1f} 亩", code, before_mu, row.remaining_mu())
               : fmt::format("quota of {}: {:.1f} → {:.1f} mu", code, before_mu, row.remaining_mu());
}

}  // namespace

void set_status(AppState& app, std::string message, bool error) {
    text::note_text(message);
    if (app.options.echo_status && !message.empty()) {
        std::printf("status%s: %s\n", error ? " (error)" : "", message.c_str());
        std::fflush(stdout);
    }
    app.ui.status = std::move(message);
    app.ui.status_is_error = error;
}

bool guarded(AppState& app, const char* what, const std::function<void()>& f) {
    try {
        f();
        return true;
    } catch (const Error& e) {
        set_status(app, fmt::format("{}: {}{}{}", what, e.what(), e.hint().empty() ? "" : " — ", e.hint()), true);
    } catch (const std::exception& e) {
        set_status(app, fmt::format("{}: {}", what, e.what()), true);
    }
    return false;
}

void plan_changed(AppState& app) {
    rebuild_flows(*app.scene);
    app.style.states_dirty = true;
}

void clear_selection(AppState& app) {
    Selection& s = app.selection;
    s.parcel = s.park = s.project = s.site = -1;
    s.siting_armed = false;
    app.style.states_dirty = true;
}

void select_parcel(AppState& app, int32_t parcel) {
    Selection& s = app.selection;
    s.parcel = parcel;
    s.park = parcel >= 0 ? app.scene->city.parcels.park[static_cast<std::size_t>(parcel)] : -1;
    s.site = parcel >= 0 ? app.scene->site_of_parcel[static_cast<std::size_t>(parcel)] : -1;
    app.style.states_dirty = true;
    if (parcel >= 0)
        set_status(app, fmt::format("{} {}", tr("Selected parcel", "已选择地块"),
                                    app.scene->city.parcels.parcel_id[static_cast<std::size_t>(parcel)]));
}

void select_park(AppState& app, int32_t park) {
    app.selection.park = park;
    app.selection.parcel = -1;
    app.selection.site = -1;
    app.style.states_dirty = true;
    if (park >= 0)
        set_status(app, fmt::format("{} {}", tr("Selected park", "已选择园区"),
                                    app.scene->city.parks[static_cast<std::size_t>(park)].park_id));
}

void select_project(AppState& app, int32_t j) {
    Selection& s = app.selection;
    s.project = valid_project(app, j) ? j : -1;
    s.siting_armed = false;
    s.site = -1;
    if (s.project >= 0 && app.scene->has_plan) {
        if (const auto idx = app.scene->plan.state.placement_of[static_cast<std::size_t>(j)])
            s.site = static_cast<int32_t>(app.scene->plan.state.placements[*idx].site);
    }
    app.style.states_dirty = true;
    app.ui.scroll_to_project = true;
    if (s.project >= 0) set_status(app, fmt::format("{} {}", tr("Selected", "已选择"), app.scene->city.projects[j].project_id));
}

bool place_on_site(AppState& app, int32_t j, int32_t site) {
    if (!editable(app)) return false;
    Scene& s = *app.scene;
    if (!valid_project(app, j)) {
        set_status(app, tr("Select a project first", "请先选择项目"), true);
        return false;
    }
    if (site < 0 || static_cast<std::size_t>(site) >= s.plan.sites.size()) {
        set_status(app, tr("That is not available land (no site here)", "此处不是可供地块（无可用场地）"), true);
        return false;
    }
    allocate::PlacementCheck check;
    if (!guarded(app, "placement_check", [&] { check = allocate::placement_check(s.plan, j, site); })) return false;
    const Project& p = s.city.projects[j];
    const auto& st = s.plan.sites[site];
    if (!check.ok()) {
        const std::string why = text::language() == Lang::Zh ? allocate::reason_zh(check, s.city, s.plan, j)
                                                             : allocate::reason_en(check, s.city, s.plan, j);
        set_status(app, fmt::format("{} {} → {}: {}", tr("Cannot place", "无法落地"), p.project_id, st.site_id, why), true);
        return false;
    }
    if (store_mode(app)) return store_place(app, j, site, s.plan.state.placement_of[j].has_value());
    push_undo(app, fmt::format("place {} on {}", p.project_id, st.site_id));
    const std::vector<allocate::LedgerRow> ledger_before = s.plan.state.ledger;
    if (!guarded(app, "place", [&] { allocate::place(s.city, s.rules, s.plan, j, site, true); })) {
        restore(s.plan, std::move(app.history.undo.back()));
        app.history.undo.pop_back();
        return false;
    }
    const auto& pl = s.plan.state.placements[*s.plan.state.placement_of[j]];
    const double before = ledger_before[pl.quota_district].remaining_mu();
    app.selection.project = j;
    app.selection.site = site;
    app.selection.siting_armed = false;
    plan_changed(app);
    set_status(app, fmt::format("{} {} → {} ({:.1f} {}); {}", tr("Placed", "已落地"), p.project_id, st.site_id,
                                pl.area_mu, tr("mu", "亩"), ledger_note(s, pl, before)));
    return true;
}

bool place_in_park(AppState& app, int32_t j, int32_t park) {
    if (!editable(app)) return false;
    Scene& s = *app.scene;
    if (!valid_project(app, j)) {
        set_status(app, tr("Select a project first", "请先选择项目"), true);
        return false;
    }
    std::optional<std::size_t> best;
    if (!guarded(app, "best_site_in_park", [&] { best = allocate::best_site_in_park(s.city, s.rules, s.plan, j, park); }))
        return false;
    if (best) return place_on_site(app, j, static_cast<int32_t>(*best));
    for (std::size_t k = 0; k < s.plan.sites.size(); ++k)  // the engine's reason, for the park's first site
        if (static_cast<int32_t>(s.plan.sites[k].park) == park) return place_on_site(app, j, static_cast<int32_t>(k));
    set_status(app, fmt::format("{} {}: {}", tr("Cannot place", "无法落地"), s.city.projects[j].project_id,
                                tr("the park has no available land", "该园区没有可供用地")),
               true);
    return false;
}

bool unplace_project(AppState& app, int32_t j) {
    if (!editable(app) || !valid_project(app, j)) return false;
    Scene& s = *app.scene;
    if (!s.plan.state.placement_of[j]) {
        set_status(app, tr("The project is not placed", "该项目尚未落地"), true);
        return false;
    }
    if (store_mode(app)) return store_unplace(app, j);
    push_undo(app, "unplace " + s.city.projects[j].project_id);
    if (!guarded(app, "unplace", [&] { allocate::unplace(s.city, s.rules, s.plan, j); })) return false;
    app.selection.site = -1;
    plan_changed(app);
    set_status(app, fmt::format("{} {}", tr("Removed", "已撤销落地"), s.city.projects[j].project_id));
    return true;
}

bool set_pinned(AppState& app, int32_t j, bool pinned) {
    if (!editable(app) || !valid_project(app, j)) return false;
    Scene& s = *app.scene;
    const auto idx = s.plan.state.placement_of[j];
    if (!idx) {
        set_status(app, tr("Only a placed project can be pinned", "只有已落地的项目可以锁定"), true);
        return false;
    }
    if (store_mode(app)) return store_pin(app, j, pinned);
    push_undo(app, (pinned ? "pin " : "unpin ") + s.city.projects[j].project_id);
    s.plan.state.placements[*idx].pinned = pinned;
    set_status(app, fmt::format("{} {}", pinned ? tr("Pinned", "已锁定") : tr("Unpinned", "已解除锁定"),
                                s.city.projects[j].project_id));
    return true;
}

namespace {

/// Moves one snapshot from `from` to the plan, saving the current plan on `to`:
/// undo and redo are this step in opposite directions.
bool step_history(AppState& app, std::vector<PlanSnapshot>& from, std::vector<PlanSnapshot>& to,
                  const std::string& nothing, const std::string& done) {
    if (!editable(app)) return false;
    if (store_mode(app)) {
        set_status(app,
                   tr("On a shared store every change is a logged decision: take one back by moving, unplacing or "
                      "unpinning the project (the log keeps both)",
                      "共享库中每次修改都已留痕：如需撤回，请改址、撤销落地或解除锁定（两次操作都会记录）"),
                   true);
        return false;
    }
    if (from.empty()) {
        set_status(app, nothing, true);
        return false;
    }
    PlanSnapshot s = std::move(from.back());
    from.pop_back();
    const std::string label = s.label;
    to.push_back(snapshot(app.scene->plan, label));
    restore(app.scene->plan, std::move(s));
    select_project(app, app.selection.project);
    plan_changed(app);
    set_status(app, fmt::format("{}: {}", done, label));
    return true;
}

}  // namespace

bool undo(AppState& app) {
    return step_history(app, app.history.undo, app.history.redo, tr("Nothing to undo", "没有可撤销的操作"),
                        tr("Undone", "已撤销"));
}

bool redo(AppState& app) {
    return step_history(app, app.history.redo, app.history.undo, tr("Nothing to redo", "没有可重做的操作"),
                        tr("Redone", "已重做"));
}

int32_t parcel_at(const AppState& app, geom::Point p) {
    if (!app.scene) return -1;
    const auto hit = app.scene->city.parcel_at(p);
    return hit ? static_cast<int32_t>(*hit) : -1;
}

int32_t park_at(const AppState& app, geom::Point p) {
    if (!app.scene || !app.scene->park_locator) return -1;
    return app.scene->park_locator->locate(p);
}

void click_map(AppState& app, geom::Point world) {
    if (!app.scene) return;
    const int32_t parcel = parcel_at(app, world);
    const int32_t park = park_at(app, world);
    Selection& sel = app.selection;
    if (sel.siting_armed && sel.project >= 0) {
        const int32_t site = parcel >= 0 ? app.scene->site_of_parcel[static_cast<std::size_t>(parcel)] : -1;
        if (site >= 0) place_on_site(app, sel.project, site);
        else if (park >= 0) place_in_park(app, sel.project, park);
        else set_status(app, tr("Click a site or a park to place the project", "请点击可供地块或园区以落地项目"), true);
        return;
    }
    if (parcel >= 0) {
        select_parcel(app, parcel);
        if (park >= 0) app.selection.park = park;
    } else if (park >= 0) {
        select_park(app, park);
    } else {
        app.selection.parcel = app.selection.park = -1;
        app.selection.site = -1;
        app.style.states_dirty = true;
    }
}

void start_reoptimise(AppState& app) {
    if (!editable(app)) return;
    if (store_mode(app)) {
        // A re-optimisation would move other planners' projects under them.
        set_status(app,
                   tr("The optimiser does not rewrite a shared store's plan: place projects one by one, or run "
                      "parkcap plan PG:... --store for a proposal",
                      "共享库的方案不由优化器整体改写：请逐个落地项目，或运行 parkcap plan PG:... --store 生成建议方案"),
                   true);
        return;
    }
    Scene& s = *app.scene;
    const allocate::Overrides ov = session::overrides_keeping_pins(s);
    const allocate::AllocateOptions ao = session::allocate_options(s.options);
    push_undo(app, "re-run optimiser");
    app.optimise.result = std::async(std::launch::async, [&s, ov, ao] {
        return allocate::run_allocation(s.city, s.allocation_audit(), s.rules, ov, ao);
    });
    app.optimise.running = true;
    set_status(app, tr("Optimising, keeping the pinned placements…", "正在优化（保留已锁定的落地）…"));
}

bool poll_reoptimise(AppState& app, bool wait) {
    if (!app.optimise.running) return false;
    if (!wait && app.optimise.result.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return false;
    app.optimise.running = false;
    allocate::Plan plan;
    if (!guarded(app, "optimise", [&] { plan = app.optimise.result.get(); })) {
        app.history.undo.pop_back();
        return false;
    }
    Scene& s = *app.scene;
    const std::size_t before = s.plan.state.placements.size();
    s.plan = std::move(plan);
    select_project(app, app.selection.project);
    plan_changed(app);
    set_status(app, fmt::format("{}: {} {} → {}; {} {} ({}){}", tr("Optimised", "优化完成"), tr("placed", "落地项目"), before,
                                s.plan.state.placements.size(), tr("objective", "目标值"), text::number(s.plan.state.stats.objective, 1),
                                s.plan.state.stats.method,
                                std::isnan(s.plan.state.stats.gap) ? "" : fmt::format(", gap {:.2f}%", s.plan.state.stats.gap * 100)));
    return true;
}

bool save_plan(AppState& app, const std::string& path) {
    if (!app.scene || !app.scene->has_plan) {
        set_status(app, tr("No plan to save", "没有可保存的方案"), true);
        return false;
    }
    auto ends_with = [&](std::string_view suffix) {
        return path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    // Never over the city's data, rules or mapping; saving over the plan it opened is
    // what "save" means.
    session::Options inputs = app.scene->options;
    inputs.plan_file.clear();
    const auto check_target = [&](session::OutputKind kind) {
        session::prepare_outputs(inputs, {{path, "the plan file", kind, true}});
    };
    if (ends_with(".gpkg")) {
        const Scene& s = *app.scene;
        if (!guarded(app, "save", [&] {
                check_target(session::OutputKind::GeoPackage);
                report::write_plan_gpkg(path, s.city, s.plan, s.rules);
            }))
            return false;
        set_status(app, fmt::format("{} {} ({} {}; {})", tr("Saved", "已保存"), path, s.plan.state.placements.size(),
                                    tr("placements", "个落地项目"), tr("reopen with --plan", "可用 --plan 重新打开")));
        return true;
    }
    if (!ends_with(".toml")) {
        set_status(app, fmt::format("{}: {}", path, tr("expected a .toml or .gpkg file name", "文件名应以 .toml 或 .gpkg 结尾")),
                   true);
        return false;
    }
    const Scene& s = *app.scene;
    const bool ok = guarded(app, "save", [&] {
        check_target(session::OutputKind::Toml);
        report::write_plan_overrides(path, s.city, s.audit, s.rules, s.plan, s.overrides);
    });
    if (ok)
        set_status(app, fmt::format("{} {} ({} {})", tr("Saved", "已保存"), path, app.scene->plan.state.placements.size(),
                                    tr("placements", "个落地项目")));
    return ok;
}

void zoom_to_box(AppState& app, const geom::Box& box, bool animate) {
    MapView& v = app.view;
    const double bw = std::max(box.max_x - box.min_x, 1.0), bh = std::max(box.max_y - box.min_y, 1.0);
    const double s = std::min(v.width() / bw, v.height() / bh);
    v.target_px_per_m = std::clamp(s, 1e-5, 200.0);
    v.target_centre = {(box.min_x + box.max_x) / 2, (box.min_y + box.max_y) / 2};
    if (!animate) {
        v.px_per_m = v.target_px_per_m;
        v.centre = v.target_centre;
    }
}

void zoom_to_park(AppState& app, int32_t park, bool animate) {
    if (!app.scene || park < 0) return;
    geom::Box b = app.scene->city.parks[static_cast<std::size_t>(park)].bounds;
    const double pad = 0.12 * std::max(b.max_x - b.min_x, b.max_y - b.min_y);
    zoom_to_box(app, {b.min_x - pad, b.min_y - pad, b.max_x + pad, b.max_y + pad}, animate);
}

void zoom_to_project(AppState& app, int32_t j, bool animate) {
    if (!valid_project(app, j) || !app.scene->has_plan) return;
    ViewRequest request;
    request.kind = ViewRequest::Kind::Project;
    request.id = app.scene->city.projects[static_cast<std::size_t>(j)].project_id;
    if (const auto box = box_for_view(app, request)) zoom_to_box(app, *box, animate);
}

}  // namespace parkcap::viewer
