#pragma once
// Many planners at once: placing, moving, pinning and unplacing projects in the
// store. The engine decides what a placement is (allocate::plan_frame's sites and
// verdicts: which land, how much, whose quota pays, what 增存挂钩 earns); the store
// decides whether it still fits, inside one transaction that locks the ledger rows
// of every district involved and the land blocks it books (SELECT ... FOR UPDATE),
// so two planners drawing on one district's quota can never overdraw it, and a
// writer killed half-way leaves nothing behind.
#include <optional>
#include <string>
#include <vector>

#include "parkcap/allocate/allocate.hpp"
#include "parkcap/store/connection.hpp"

namespace parkcap::store {

/// One placement as the store keeps it (table placements).
struct StoredPlacement {
    std::string project_id, site_id, park_id;
    bool pinned = false;
    std::string placed_by, placed_at;
};

/// The placements the store holds now, in the order they were made.
std::vector<StoredPlacement> stored_placements(Connection& c);

/// Applies the store's placements to `frame` (from allocate::plan_frame on the
/// store's land): the plan the planners share, as the engine sees it. A placement
/// the land no longer offers (a site gone since a new import) is left out and named
/// in the returned notes.
std::vector<std::string> apply_stored_placements(Connection& c, const City& city, const rules::Rules& rules,
                                                 allocate::Plan& frame);

/// Who made a change and why, for the decision log.
struct ChangeContext {
    std::string reason;         ///< optional, the planner's words
    std::string rules_version;  ///< the rules the change was judged by
};

/// Places project j on site s (moves it there when `move`), in one transaction:
/// the districts' ledger rows and the site's land blocks locked, the quota and the
/// land checked against what the store holds at that moment. `frame` is the plan
/// the caller judged the change on (apply_stored_placements); the verdict comes
/// from it. Throws ConflictError in plain words when the store changed meanwhile
/// ("quota of 靖江市 changed while you worked: 42 亩 left, this placement needs 60"),
/// DataError when the engine refuses the placement on the caller's own view,
/// UsageError when that view has j placed already (place) or not placed (move).
void place_project(Connection& c, const City& city, const rules::Rules& rules, const allocate::Plan& frame,
                   std::size_t j, std::size_t s, bool pinned, bool move, const ChangeContext& why);

/// Removes project j's placement, releasing its land and quota; ConflictError when
/// the quota its stock land earned is spent meanwhile, or it is not placed.
void unplace_project(Connection& c, const std::string& project_id, const ChangeContext& why);

/// Pins (or unpins) a placed project: the optimiser keeps it where it is.
void pin_project(Connection& c, const std::string& project_id, bool pinned, const ChangeContext& why);

/// A district's row of the store's ledger.
struct StoredLedgerRow {
    std::string district, name;
    std::string opening_mu, earned_before_mu, earned_plan_mu, spent_mu, left_mu;  ///< exact decimals as stored
};
std::vector<StoredLedgerRow> stored_ledger(Connection& c);

}  // namespace parkcap::store
