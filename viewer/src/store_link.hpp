#pragma once
// The viewer on a shared store (DATA given as PG:...). The plan it shows is the
// placements the store holds, not a fresh optimisation; every place, move, pin and
// unplace is a store transaction (store::place_project and its siblings, the same
// calls `parkcap db place` makes), so the ledger rows are locked and the decision
// log records who did what; and what other planners commit shows up within a few
// seconds, because the newest decision id is polled. Undo is not a local step
// here: the log keeps every change, and a change is taken back by another one.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "parkcap/allocate/allocate.hpp"
#include "parkcap/store/connection.hpp"
#include "parkcap/session/session.hpp"
#include "parkcap/store/decisions.hpp"

namespace parkcap::viewer {

struct AppState;
struct Scene;

/// One row of an object's history, as the inspector shows it.
struct HistoryRow {
    int64_t decision_id = 0;
    std::string when;     ///< "2026-12-07 09:41" (the server's time zone)
    std::string who;      ///< the login, "(as ROLE)" when it acted as another role
    std::string action;   ///< place, move, unplace, pin, unpin, ...
    std::string what;     ///< "P012 → S-P03-0041 (42.0 亩, quota 321282)" or the like
    std::string reason;
};

/// The store the viewer works on, and what it last read from it.
struct SharedStore {
    std::unique_ptr<store::Connection> connection;
    allocate::PlanState empty_state;  ///< plan_frame's state: nothing placed
    int64_t seen_decision = 0;        ///< the newest decision the plan shown includes
    double last_poll_s = -1e9;
    std::string reason;               ///< the planner's words for the next change (optional)

    /// The selected object's history, re-read when the selection or the store changes.
    std::string history_for;          ///< "project ID, parcel ID": what `history` holds
    int64_t history_seen = -1;
    std::vector<HistoryRow> history;
    std::string history_error;
};

/// Whether the viewer works on a shared store.
bool store_mode(const AppState& app);

/// In the loader's thread, for DATA = PG:..., before the city is loaded: connects,
/// checks the schema, and dates the audit as of the store's latest one when no
/// --as-of is given (as `parkcap db place` does, so both judge the land alike).
std::unique_ptr<SharedStore> connect_shared_store(session::Options& options);
/// After the audit: the plan frame of the store's land with the placements the
/// store holds applied. Notes (placements the land no longer offers) go to `notes`.
void load_store_plan(SharedStore& store, Scene& scene, std::vector<std::string>& notes);

/// Reads the store's placements again into the plan shown (after an edit, or when
/// another planner changed something). True when the plan shown changed.
bool refresh_from_store(AppState& app);

/// Called each frame: every --store-poll seconds (2 by default), asks the store
/// whether anything was decided since, and refreshes when so.
void poll_store(AppState& app, double now_s);

/// Store transactions behind the editing functions (editing.cpp decides when).
/// Each refreshes the plan afterwards, whether it succeeded or lost a race, so the
/// map shows what the store holds; a conflict is an error status in plain words.
bool store_place(AppState& app, int32_t project, int32_t site, bool move);
bool store_unplace(AppState& app, int32_t project);
bool store_pin(AppState& app, int32_t project, bool pinned);

/// The selected project's or parcel's decisions (empty outside store mode).
const std::vector<HistoryRow>& selection_history(AppState& app);

}  // namespace parkcap::viewer
