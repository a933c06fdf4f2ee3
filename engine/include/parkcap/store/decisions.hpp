#pragma once
// The decision log (留痕): every placement, move, pin, unplace, override, rules
// change and solver run the store records, with who, when, what, before and after,
// the rules version and the planner's reason. The database keeps it append-only
// (migration 4: a trigger refuses UPDATE, DELETE and TRUNCATE, for every role).
#include <cstdint>
#include <string>
#include <vector>

#include "parkcap/core/date.hpp"
#include "parkcap/store/connection.hpp"

namespace parkcap::store {

struct Decision {
    int64_t decision_id = 0;
    std::string made_at;    ///< timestamp with time zone, as the server writes it
    std::string made_by;    ///< the login (session_user)
    std::string acting_as;  ///< the role it acted as (current_user)
    std::string action;     ///< place, move, unplace, pin, unpin, override, rules, solve, audit, import
    std::string project_id;
    std::vector<std::string> parcel_ids;
    std::string before, after;  ///< JSON; "null" when there was nothing before / is nothing after
    std::string rules_version, reason;
};

/// Which decisions `parkcap db log` shows; empty fields do not filter.
struct DecisionFilter {
    std::string project_id;
    std::string parcel_id;
    Date since;  ///< made on or after this day (the server's time zone)
};

/// The decisions matching `filter`, oldest first.
std::vector<Decision> read_decisions(Connection& c, const DecisionFilter& filter);

/// Records a decision that is not a placement change (a solver run, an audit or
/// import, a rules change): in the caller's transaction when there is one.
void record_decision(Connection& c, const std::string& action, const std::string& after_json,
                     const std::string& rules_version, const std::string& reason = {});

}  // namespace parkcap::store
