#include "store_link.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app.hpp"
#include "editing.hpp"
#include "parkcap/core/error.hpp"
#include "parkcap/store/placements.hpp"
#include "parkcap/store/schema.hpp"
#include "parkcap/store/snapshot.hpp"
#include "scene.hpp"
#include "text.hpp"

namespace parkcap::viewer {

using text::tr;

namespace {

int64_t newest_decision(store::Connection& c) {
    return c.exec("SELECT coalesce(max(decision_id), 0) FROM decisions").integer(0, 0);
}

/// What the plan shown places, to tell whether a refresh changed it.
using PlacementKey = std::tuple<uint32_t, uint32_t, bool>;
std::vector<PlacementKey> placement_keys(const allocate::PlanState& st) {
    std::vector<PlacementKey> keys;
    for (const auto& pl : st.placements) keys.emplace_back(pl.project, static_cast<uint32_t>(pl.site), pl.pinned);
    std::sort(keys.begin(), keys.end());
    return keys;
}

/// "li place P012, wang unplace P040" for the decisions after `after`, by logins other than ours.
std::string others_since(store::Connection& c, int64_t after) {
    const auto r = c.exec("SELECT made_by, action, coalesce(project_id, '') FROM decisions "
                          "WHERE decision_id > $1 AND made_by <> session_user ORDER BY decision_id",
                          {std::to_string(after)});
    std::string text;
    const int shown = std::min(r.rows(), 3);
    for (int i = 0; i < shown; ++i)
        text += fmt::format("{}{} {} {}", i ? ", " : "", r.text(i, 0), r.text(i, 1), r.text(i, 2));
    if (r.rows() > shown) text += fmt::format(fmt::runtime(tr(" and {} more", " 等另 {} 项")), r.rows() - shown);
    return text;
}

/// Runs one store transaction. A conflict (another planner changed the quota or
/// the project meanwhile) or a refusal by the store's row-level security is the
/// store's own plain words; anything else goes through guarded().
bool store_call(AppState& app, const char* what, const std::function<void()>& f) {
    try {
        f();
        return true;
    } catch (const store::ConflictError& e) {
        set_status(app, fmt::format("{}: {}", tr("Not saved, the store changed meanwhile", "未保存：共享库已被他人修改"), e.what()),
                   true);
    } catch (const store::PermissionError& e) {
        set_status(app, fmt::format("{}: {}", tr("Not allowed", "无权修改"), e.what()), true);
    } catch (...) {
        // guarded() words every other error; `throw;` hands it the one being handled.
        return guarded(app, what, [] { throw; });
    }
    return false;
}

std::string minutes(const std::string& timestamp) { return timestamp.substr(0, std::min<std::size_t>(16, timestamp.size())); }

/// "P012 → S-P03-0041 (42.0 亩, quota 321282 12.0 亩)" from a decision's before/after.
std::string decision_summary(const store::Decision& d) {
    nlohmann::json before, after;
    try {
        before = nlohmann::json::parse(d.before);
        after = nlohmann::json::parse(d.after);
    } catch (const nlohmann::json::exception&) {
        return d.after;
    }
    auto site = [](const nlohmann::json& p) { return p.is_object() && p.contains("site_id") ? p["site_id"].get<std::string>() : std::string(); };
    auto number = [](const nlohmann::json& p, const char* key) {
        if (!p.is_object() || !p.contains(key) || p[key].is_null()) return 0.0;
        return p[key].is_number() ? p[key].get<double>() : std::strtod(p[key].get<std::string>().c_str(), nullptr);
    };
    auto land = [&](const nlohmann::json& p) {
        std::string s = fmt::format("{:.1f} {}", number(p, "area_mu"), tr("mu", "亩"));
        const double quota = number(p, "quota_mu");
        if (quota > 0 && p.contains("quota_district") && p["quota_district"].is_string())
            s += fmt::format(fmt::runtime(tr(", quota of {} {:.1f} mu", "，{} 指标 {:.1f} 亩")), p["quota_district"].get<std::string>(), quota);
        const double earned = number(p, "earned_mu");
        if (earned > 0) s += fmt::format(fmt::runtime(tr(", earns {:.1f} mu", "，挂钩 {:.1f} 亩")), earned);
        return s;
    };
    if (d.action == "place") return fmt::format("{} → {} ({})", d.project_id, site(after), land(after));
    if (d.action == "move") return fmt::format("{}: {} → {} ({})", d.project_id, site(before), site(after), land(after));
    if (d.action == "unplace") return fmt::format("{} {} {} ({})", d.project_id, tr("off", "撤出"), site(before), land(before));
    if (d.action == "pin" || d.action == "unpin") return fmt::format("{} {} {}", d.project_id, tr("on", "于"), site(after));
    return d.project_id.empty() ? d.after : d.project_id;
}

}  // namespace

bool store_mode(const AppState& app) { return app.store != nullptr && app.scene && app.scene->has_plan; }

std::unique_ptr<SharedStore> connect_shared_store(session::Options& options) {
    // The store holds the plan the planners share: a plan or overrides file would
    // be a second, private one.
    for (const auto& [option, value] : {std::pair<const char*, const std::string*>{"--plan", &options.plan_file},
                                        {"--overrides", &options.overrides_file}})
        if (!value->empty())
            throw UsageError(fmt::format("{} {}: a shared store holds the plan itself; {} does not apply to {}", option, *value,
                                         option, store::Connection::shown(options.data)),
                             "open the store without it, and place, pin or unplace the projects in the viewer "
                             "(or with parkcap db place / pin / unplace)");
    auto st = std::make_unique<SharedStore>();
    st->connection = std::make_unique<store::Connection>(options.data);
    store::require_current_schema(*st->connection);
    // The land is judged as of the store's latest audit, as `parkcap db place` does,
    // so the viewer and the command line agree on every verdict.
    if (options.as_of.empty() && options.audit_file.empty()) options.as_of = store::latest_audit_date(*st->connection);
    return st;
}

void load_store_plan(SharedStore& st, Scene& scene, std::vector<std::string>& notes) {
    scene.plan = allocate::plan_frame(scene.city, scene.allocation_audit(), scene.rules);
    scene.has_plan = true;
    st.empty_state = scene.plan.state;
    st.seen_decision = newest_decision(*st.connection);
    for (auto& note : store::apply_stored_placements(*st.connection, scene.city, scene.rules, scene.plan))
        notes.push_back(std::move(note));
    notes.push_back(fmt::format(fmt::runtime(tr("shared store {}: {} placements; every change is saved to the store as you make it",
                                   "共享库 {}：已有 {} 个落地项目；每次修改即时保存到共享库并留痕")),
                                st.connection->address(), scene.plan.state.placements.size()));
}

bool refresh_from_store(AppState& app) {
    if (!store_mode(app)) return false;
    SharedStore& st = *app.store;
    Scene& s = *app.scene;
    const auto before = placement_keys(s.plan.state);
    std::vector<std::string> notes;
    const bool ok = guarded(app, "store", [&] {
        const int64_t newest = newest_decision(*st.connection);
        allocate::PlanState fresh = st.empty_state;
        std::swap(s.plan.state, fresh);
        try {
            notes = store::apply_stored_placements(*st.connection, s.city, s.rules, s.plan);
        } catch (...) {
            std::swap(s.plan.state, fresh);  // the plan shown stays as it was
            throw;
        }
        st.seen_decision = newest;
    });
    if (!ok) return false;
    for (const auto& note : notes) set_status(app, note, true);
    const bool changed = placement_keys(s.plan.state) != before;
    if (changed) {
        select_project(app, app.selection.project);
        plan_changed(app);
    }
    return changed;
}

void poll_store(AppState& app, double now_s) {
    if (!store_mode(app) || app.optimise.running) return;
    SharedStore& st = *app.store;
    const double every_s = app.options.store_poll_s;
    if (every_s <= 0 || now_s - st.last_poll_s < every_s) return;
    st.last_poll_s = now_s;
    int64_t newest = 0;
    std::string who;
    if (!guarded(app, "store", [&] {
            newest = newest_decision(*st.connection);
            if (newest > st.seen_decision) who = others_since(*st.connection, st.seen_decision);
        }))
        return;
    if (newest <= st.seen_decision) return;
    const std::string status = app.ui.status;
    const bool status_error = app.ui.status_is_error;
    if (refresh_from_store(app) && !who.empty())
        set_status(app, fmt::format("{}: {}", tr("Updated from the store", "共享库已更新"), who));
    else if (app.ui.status != status)
        set_status(app, status, status_error);
}

bool store_place(AppState& app, int32_t j, int32_t site, bool move) {
    SharedStore& st = *app.store;
    Scene& s = *app.scene;
    const std::string project = s.city.projects[j].project_id;
    const std::string site_id = s.plan.sites[site].site_id;
    if (const auto idx = s.plan.state.placement_of[j]; idx && s.plan.state.placements[*idx].site == static_cast<std::size_t>(site)) {
        set_status(app, fmt::format("{} {} {}; {}", project, tr("is already placed on", "已落在"), site_id,
                                    tr("nothing was changed", "未作修改")),
                   true);
        return false;
    }
    const bool ok = store_call(app, "store", [&] {
        store::place_project(*st.connection, s.city, s.rules, s.plan, static_cast<std::size_t>(j),
                             static_cast<std::size_t>(site), true, move, {st.reason, s.rules.version});
    });
    const std::string failure = app.ui.status;
    refresh_from_store(app);
    if (!ok) {
        set_status(app, failure, true);
        return false;
    }
    st.reason.clear();
    app.selection.project = j;
    select_project(app, j);
    std::string quota;
    if (const auto idx = s.plan.state.placement_of[j]) {
        const auto& pl = s.plan.state.placements[*idx];
        if (pl.uses_quota)
            quota = fmt::format(fmt::runtime(tr("; quota of {} left: {:.1f} mu", "；{} 新增指标余 {:.1f} 亩")),
                                s.city.districts[pl.quota_district].code, s.plan.state.ledger[pl.quota_district].remaining_mu());
    }
    set_status(app, fmt::format("{} {} → {}, {} (#{}){}", move ? tr("Moved", "已改址") : tr("Placed", "已落地"), project, site_id,
                                tr("saved to the store", "已存入共享库"), st.seen_decision, quota));
    return true;
}

bool store_unplace(AppState& app, int32_t j) {
    SharedStore& st = *app.store;
    Scene& s = *app.scene;
    const std::string project = s.city.projects[j].project_id;
    const bool ok = store_call(app, "store", [&] { store::unplace_project(*st.connection, project, {st.reason, s.rules.version}); });
    const std::string failure = app.ui.status;
    refresh_from_store(app);
    if (!ok) {
        set_status(app, failure, true);
        return false;
    }
    st.reason.clear();
    app.selection.site = -1;
    set_status(app, fmt::format("{} {}, {} (#{})", tr("Removed", "已撤销落地"), project, tr("saved to the store", "已存入共享库"),
                                st.seen_decision));
    return true;
}

bool store_pin(AppState& app, int32_t j, bool pinned) {
    SharedStore& st = *app.store;
    Scene& s = *app.scene;
    const std::string project = s.city.projects[j].project_id;
    const bool ok =
        store_call(app, "store", [&] { store::pin_project(*st.connection, project, pinned, {st.reason, s.rules.version}); });
    const std::string failure = app.ui.status;
    refresh_from_store(app);
    if (!ok) {
        set_status(app, failure, true);
        return false;
    }
    st.reason.clear();
    set_status(app, fmt::format("{} {}, {} (#{})", pinned ? tr("Pinned", "已锁定") : tr("Unpinned", "已解除锁定"), project,
                                tr("saved to the store", "已存入共享库"), st.seen_decision));
    return true;
}

const std::vector<HistoryRow>& selection_history(AppState& app) {
    static const std::vector<HistoryRow> none;
    if (!store_mode(app)) return none;
    SharedStore& st = *app.store;
    const Scene& s = *app.scene;
    // What the inspector shows: the selected project and the selected parcel, each
    // with its own decisions (a parcel's are the placements that booked it).
    std::vector<store::DecisionFilter> filters;
    std::string key;
    if (app.selection.project >= 0) {
        filters.emplace_back().project_id = s.city.projects[static_cast<std::size_t>(app.selection.project)].project_id;
        key = "project " + filters.back().project_id;
    }
    if (app.selection.parcel >= 0) {
        filters.emplace_back().parcel_id = std::string(s.city.parcels.parcel_id[static_cast<std::size_t>(app.selection.parcel)]);
        key += (key.empty() ? "parcel " : ", parcel ") + filters.back().parcel_id;
    }
    if (key.empty()) {
        st.history.clear();
        st.history_for.clear();
        return st.history;
    }
    if (key == st.history_for && st.history_seen == st.seen_decision) return st.history;
    st.history_for = key;
    st.history_seen = st.seen_decision;
    st.history.clear();
    st.history_error.clear();
    std::vector<store::Decision> decisions;
    try {
        for (const auto& filter : filters)
            for (auto& d : store::read_decisions(*st.connection, filter)) decisions.push_back(std::move(d));
    } catch (const Error& e) {
        st.history_error = e.what();
    }
    std::sort(decisions.begin(), decisions.end(), [](const auto& a, const auto& b) { return a.decision_id < b.decision_id; });
    decisions.erase(std::unique(decisions.begin(), decisions.end(),
                                [](const auto& a, const auto& b) { return a.decision_id == b.decision_id; }),
                    decisions.end());
    for (const auto& d : decisions) {
        HistoryRow row;
        row.decision_id = d.decision_id;
        row.when = minutes(d.made_at);
        row.who = d.acting_as.empty() || d.acting_as == d.made_by ? d.made_by
                                                                  : fmt::format("{} ({} {})", d.made_by, tr("as", "以"), d.acting_as);
        row.action = d.action;
        row.what = decision_summary(d);
        row.reason = d.reason;
        st.history.push_back(std::move(row));
    }
    return st.history;
}

}  // namespace parkcap::viewer
