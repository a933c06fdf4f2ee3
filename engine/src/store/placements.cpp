#include "parkcap/store/placements.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "parkcap/store/schema.hpp"

namespace parkcap::store {

namespace {

/// A figure as the store's numeric columns take it: the double's shortest exact form.
std::string decimal(double v) {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

std::string one_decimal(const std::string& numeric) { return fmt::format("{:.1f}", std::strtod(numeric.c_str(), nullptr)); }

/// Land the store books per block: block id, the block's area, the share taken.
struct LandShare {
    std::string block_id;
    double block_area_mu = 0;
    double mu = 0;
};

struct Existing {
    bool found = false;
    std::string site_id, quota_district, earner_district, quota_mu, earned_mu, placed_by;
    bool pinned = false;
};

Existing existing_placement(Connection& c, const std::string& project_id) {
    const Result r = c.exec("SELECT site_id, quota_district, earner_district, quota_mu, earned_mu, placed_by, pinned "
                            "FROM placements WHERE project_id = $1 FOR UPDATE",
                            {project_id});
    Existing e;
    if (r.rows() == 0) return e;
    e.found = true;
    e.site_id = r.text(0, 0);
    e.quota_district = r.optional_text(0, 1).value_or("");
    e.earner_district = r.optional_text(0, 2).value_or("");
    e.quota_mu = r.text(0, 3);
    e.earned_mu = r.text(0, 4);
    e.placed_by = r.text(0, 5);
    e.pinned = r.text(0, 6) == "t";
    return e;
}

/// Locks the ledger rows of `districts` in one order (so two writers never deadlock)
/// and returns each one's quota left and name.
std::map<std::string, std::pair<std::string, std::string>> lock_ledger(Connection& c, std::set<std::string> districts) {
    districts.erase("");
    std::string list = "{";
    for (const auto& d : districts) list += (list.size() > 1 ? "," : "") + ("\"" + d + "\"");
    list += "}";
    const Result r = c.exec("SELECT district, opening_mu + earned_before_mu + earned_plan_mu - spent_mu, "
                            "coalesce(nullif(name, ''), district) FROM ledger WHERE district = ANY($1::text[]) "
                            "ORDER BY district FOR UPDATE",
                            {list});
    std::map<std::string, std::pair<std::string, std::string>> out;
    for (int i = 0; i < r.rows(); ++i) out[r.text(i, 0)] = {r.text(i, 1), r.text(i, 2)};
    return out;
}

void log_decision(Connection& c, const std::string& action, const std::string& project_id, const std::string& parcels,
                  const std::string& before, const std::string& after, const ChangeContext& why);

[[noreturn]] void refuse(Connection& c, const std::string& project_id, const std::string& server_said = {}) {
    throw PermissionError(
        fmt::format("{}: your account {} may not change the placement of {}: a district's planners change only "
                    "placements paid from its quota or sited in its parks (row-level security); nothing was changed / "
                    "本账号无权修改该项目的落地：区县账号只能修改使用本区县指标或位于本区县园区的项目{}",
                    c.address(), c.user(), project_id, server_said.empty() ? "" : " (the store said: " + server_said + ")"),
        "ask the district whose quota or park it is, or the city bureau (parkcap_city)");
}

/// Runs a change; the database's refusals on row-level security become PermissionError.
/// The project is locked first (a transaction advisory lock on its id): FOR UPDATE
/// locks no row while the project is unplaced, so without it two planners placing
/// the same project at once both found it free and the second failed on the
/// primary key instead of being told who placed it. Ledger rows are locked after
/// it, always in one order, so two writers never deadlock.
template <class Body>
void guarded(Connection& c, const std::string& project_id, Body body) {
    try {
        in_transaction(c, false, [&] {
            c.exec("SELECT pg_advisory_xact_lock(1885561200, hashtext($1))", {project_id});  // 1885561200: 'pcap'
            body();
        });
    } catch (const SqlError& e) {
        if (e.sqlstate() == "42501") refuse(c, project_id, e.what());
        throw;
    }
}

/// After an UPDATE or DELETE: row-level security filters the rows a role may not
/// change without an error, so a change that touched nothing was refused.
void require_changed(Connection& c, const Result& r, const std::string& project_id) {
    if (r.affected() == 0) refuse(c, project_id);
}

/// Whether a row FOR UPDATE did not return exists all the same (so RLS hid it).
bool placement_visible(Connection& c, const std::string& project_id) {
    return c.exec("SELECT count(*) FROM placements WHERE project_id = $1", {project_id}).integer(0, 0) > 0;
}

std::string placement_json(Connection& c, const std::string& project_id) {
    const Result r = c.exec("SELECT coalesce((SELECT row_to_json(p)::text FROM placements p WHERE project_id = $1), 'null')",
                            {project_id});
    return r.text(0, 0);
}

std::string site_parcels(const City& city, const allocate::Site& site) {
    std::string ids = "{";
    for (std::size_t k = 0; k < site.parcels.size(); ++k) {
        std::string id(city.parcels.parcel_id[site.parcels[k]]);
        std::string quoted;
        for (char ch : id) {
            if (ch == '"' || ch == '\\') quoted += '\\';
            quoted += ch;
        }
        ids += (k ? ",\"" : "\"") + quoted + "\"";
    }
    return ids + "}";
}

}  // namespace

std::vector<StoredPlacement> stored_placements(Connection& c) {
    const Result r = c.exec("SELECT project_id, site_id, park_id, pinned, placed_by, placed_at::text FROM placements "
                            "ORDER BY placed_at, project_id");
    std::vector<StoredPlacement> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3) == "t", r.text(i, 4), r.text(i, 5)});
    return out;
}

std::vector<std::string> apply_stored_placements(Connection& c, const City& city, const rules::Rules& rules,
                                                 allocate::Plan& frame) {
    std::map<std::string, std::size_t> site_of;
    for (std::size_t s = 0; s < frame.sites.size(); ++s) site_of[frame.sites[s].site_id] = s;
    std::vector<std::string> notes;
    for (const StoredPlacement& p : stored_placements(c)) {
        const auto j = city.find_project(p.project_id);
        const auto s = site_of.find(p.site_id);
        if (!j || s == site_of.end()) {
            notes.push_back(fmt::format("the store places {} on {}, which the land as imported no longer has; it is left "
                                        "out here (move or unplace it)",
                                        p.project_id, p.site_id));
            continue;
        }
        try {
            allocate::place(city, rules, frame, *j, s->second, p.pinned);
        } catch (const DataError& e) {
            notes.push_back(fmt::format("the store's placement of {} on {} does not fit the land as imported: {}",
                                        p.project_id, p.site_id, e.what()));
        }
    }
    return notes;
}

void place_project(Connection& c, const City& city, const rules::Rules& rules, const allocate::Plan& frame, std::size_t j,
                   std::size_t s, bool pinned, bool move, const ChangeContext& why) {
    require_current_schema(c);
    const Project& project = city.projects[j];
    const allocate::Site& site = frame.sites[s];
    if (!move && frame.state.placement_of[j])
        throw UsageError(fmt::format("{} is already placed on {}; nothing was changed", project.project_id,
                                     frame.sites[frame.state.placements[*frame.state.placement_of[j]].site].site_id),
                         "to put it elsewhere, use parkcap db move");
    if (move && !frame.state.placement_of[j])
        throw UsageError(fmt::format("{} is not placed; nothing was moved", project.project_id),
                         "place it with parkcap db place");
    if (move && frame.state.placements[*frame.state.placement_of[j]].site == s)
        throw UsageError(fmt::format("{} is already placed on {}; nothing was moved", project.project_id, site.site_id),
                         "name another site (--site) or park (--park)");
    // The engine's verdict on the caller's view of the plan, the caller's own
    // placement of j set aside (a move frees what it held).
    {
        allocate::Plan view = frame;
        if (view.state.placement_of[j]) allocate::unplace(city, rules, view, j);
        const allocate::PlacementCheck check = allocate::placement_check(view, j, s);
        if (!check.ok()) throw DataError(allocate::check_placement(city, rules, view, j, s));
    }
    const allocate::SiteVerdict v = frame.verdicts.at(j, s);
    const double take_mu = v.take_mu;
    const double quota_mu = v.quota_mu;  // the planned land of the take: what the payer's quota gives
    const std::string payer = v.payer >= 0 ? city.districts[static_cast<std::size_t>(v.payer)].code : "";
    const std::string earner = v.earner >= 0 && v.earned_mu > 0 ? city.districts[static_cast<std::size_t>(v.earner)].code : "";
    const double earned_mu = earner.empty() ? 0 : v.earned_mu;
    std::vector<LandShare> land;
    for (const auto& [b, mu] : allocate::block_shares(frame.sites, s, take_mu))
        land.push_back({frame.sites[b].site_id, frame.sites[b].area_mu, mu});
    std::sort(land.begin(), land.end(), [](const LandShare& a, const LandShare& b) { return a.block_id < b.block_id; });

    guarded(c, project.project_id, [&] {
        const Existing old = existing_placement(c, project.project_id);
        if (!old.found && placement_visible(c, project.project_id)) refuse(c, project.project_id);
        if (move && !old.found)
            throw ConflictError(fmt::format("{} is not placed in the store (another planner unplaced it meanwhile?); "
                                            "nothing was moved",
                                            project.project_id),
                                "place it with parkcap db place");
        if (!move && old.found)
            throw ConflictError(fmt::format("{} was placed on {} by {} while you worked; nothing was changed",
                                            project.project_id, old.site_id, old.placed_by),
                                "to put it elsewhere, use parkcap db move");
        const std::string before = move ? placement_json(c, project.project_id) : "null";
        auto ledger = lock_ledger(c, {payer, earner, old.quota_district, old.earner_district});
        for (const auto& d : {payer, earner, old.quota_district, old.earner_district})
            if (!d.empty() && !ledger.count(d) &&
                c.exec("SELECT count(*) FROM ledger WHERE district = $1", {d}).integer(0, 0) > 0)
                refuse(c, project.project_id);
        for (const auto& d : {payer, earner})
            if (!d.empty() && !ledger.count(d))
                throw DataError(fmt::format("district {} has no row in the store's quota ledger", d),
                                "import a quota table that names it (parkcap db import)");

        // The land: the blocks locked, what other placements hold of each summed.
        for (const LandShare& l : land) {
            c.exec("INSERT INTO land_blocks (block_id, area_mu) VALUES ($1, $2) ON CONFLICT (block_id) DO NOTHING",
                   {l.block_id, decimal(l.block_area_mu)});
        }
        for (const LandShare& l : land) {
            const Result r = c.exec("SELECT b.area_mu - coalesce((SELECT sum(x.area_mu) FROM placement_land x WHERE "
                                    "x.block_id = b.block_id AND x.project_id <> $2), 0) FROM land_blocks b "
                                    "WHERE b.block_id = $1 FOR UPDATE",
                                    {l.block_id, project.project_id});
            const double left = r.real(0, 0);
            if (left + 1e-6 < l.mu)
                throw ConflictError(fmt::format("land of {} changed while you worked: {:.1f} 亩 left, this placement needs "
                                                "{:.1f} / {} 的用地在您操作期间已被占用：剩余 {:.1f} 亩，本次落地需要 {:.1f} 亩",
                                                site.site_id, std::max(0.0, left), l.mu, site.site_id,
                                                std::max(0.0, left), l.mu),
                                    "look again at what is free there (parkcap db log --since today) and choose again");
        }

        // Release what a move held, then draw the new placement's quota.
        if (old.found) {
            if (!old.quota_district.empty())
                require_changed(c, c.exec("UPDATE ledger SET spent_mu = spent_mu - $2::numeric WHERE district = $1", {old.quota_district, old.quota_mu}), project.project_id);
            if (!old.earner_district.empty())
                require_changed(c, c.exec("UPDATE ledger SET earned_plan_mu = earned_plan_mu - $2::numeric WHERE district = $1",
                       {old.earner_district, old.earned_mu}), project.project_id);
            require_changed(c, c.exec("DELETE FROM placements WHERE project_id = $1", {project.project_id}), project.project_id);
        }
        if (!payer.empty()) {
            const Result r = c.exec("SELECT opening_mu + earned_before_mu + earned_plan_mu - spent_mu FROM ledger WHERE district = $1",
                                    {payer});
            const double left = r.real(0, 0);
            if (left + 1e-9 < quota_mu) {
                const std::string& name = ledger[payer].second;
                throw ConflictError(fmt::format("quota of {} changed while you worked: {} 亩 left, this placement needs {} / "
                                                "{}的用地指标在您操作期间已变化：剩余 {} 亩，本次落地需要 {} 亩",
                                                name, one_decimal(r.text(0, 0)), one_decimal(decimal(quota_mu)), name,
                                                one_decimal(r.text(0, 0)), one_decimal(decimal(quota_mu))),
                                    "place it on stock land, or in another district's park, or ask the bureau for quota");
            }
            require_changed(c, c.exec("UPDATE ledger SET spent_mu = spent_mu + $2::numeric WHERE district = $1", {payer, decimal(quota_mu)}), project.project_id);
        }
        if (!earner.empty())
            require_changed(c, c.exec("UPDATE ledger SET earned_plan_mu = earned_plan_mu + $2::numeric WHERE district = $1",
                   {earner, decimal(earned_mu)}), project.project_id);
        c.exec("INSERT INTO placements (project_id, site_id, park_id, site_district, parcel_ids, area_mu, quota_district, "
               "quota_mu, earner_district, earned_mu, pinned) VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8, $9, $10, $11)",
               {project.project_id, site.site_id, city.parks[site.park].park_id, city.districts[site.district].code,
                site_parcels(city, site), decimal(take_mu), payer.empty() ? Param() : Param(payer),
                payer.empty() ? "0" : decimal(quota_mu), earner.empty() ? Param() : Param(earner), decimal(earned_mu),
                (pinned || (move && old.pinned)) ? "true" : "false"});
        for (const LandShare& l : land)
            c.exec("INSERT INTO placement_land (project_id, block_id, area_mu) VALUES ($1, $2, $3)",
                   {project.project_id, l.block_id, decimal(l.mu)});
        // A release above may have spent what the old placement's stock land earned.
        const Result negative = c.exec("SELECT district FROM ledger WHERE opening_mu + earned_before_mu + earned_plan_mu - "
                                       "spent_mu < 0");
        if (negative.rows() > 0)
            throw ConflictError(fmt::format("moving {} would take back quota its stock land earned for {}, which is "
                                            "already spent; nothing was changed",
                                            project.project_id, negative.text(0, 0)));
        log_decision(c, move ? "move" : "place", project.project_id, site_parcels(city, site), before,
                     placement_json(c, project.project_id), why);
    });
}

void unplace_project(Connection& c, const std::string& project_id, const ChangeContext& why) {
    require_current_schema(c);
    guarded(c, project_id, [&] {
        const Existing old = existing_placement(c, project_id);
        if (!old.found && placement_visible(c, project_id)) refuse(c, project_id);
        if (!old.found)
            throw ConflictError(fmt::format("{} is not placed in the store; nothing was changed", project_id));
        const std::string before = placement_json(c, project_id);
        const std::string parcels =
            c.exec("SELECT parcel_ids::text FROM placements WHERE project_id = $1", {project_id}).text(0, 0);
        auto ledger = lock_ledger(c, {old.quota_district, old.earner_district});
        if (!old.earner_district.empty()) {
            const Result r = c.exec("SELECT opening_mu + earned_before_mu + earned_plan_mu - spent_mu - $2::numeric "
                                    "FROM ledger WHERE district = $1",
                                    {old.earner_district, old.earned_mu});
            if (r.real(0, 0) < -1e-9)
                throw ConflictError(fmt::format("{}'s stock land earned {} 亩 of quota for {}, and it is spent: {} 亩 would be "
                                                "left; nothing was changed",
                                                project_id, one_decimal(old.earned_mu), ledger[old.earner_district].second,
                                                one_decimal(r.text(0, 0))),
                                    "unplace what spent it first");
            require_changed(c, c.exec("UPDATE ledger SET earned_plan_mu = earned_plan_mu - $2::numeric WHERE district = $1",
                   {old.earner_district, old.earned_mu}), project_id);
        }
        if (!old.quota_district.empty())
            require_changed(c, c.exec("UPDATE ledger SET spent_mu = spent_mu - $2::numeric WHERE district = $1", {old.quota_district, old.quota_mu}), project_id);
        require_changed(c, c.exec("DELETE FROM placements WHERE project_id = $1", {project_id}), project_id);
        log_decision(c, "unplace", project_id, parcels, before, "null", why);
    });
}

void pin_project(Connection& c, const std::string& project_id, bool pinned, const ChangeContext& why) {
    require_current_schema(c);
    guarded(c, project_id, [&] {
        const Existing old = existing_placement(c, project_id);
        if (!old.found && placement_visible(c, project_id)) refuse(c, project_id);
        if (!old.found) throw ConflictError(fmt::format("{} is not placed in the store; nothing was pinned", project_id));
        const std::string before = placement_json(c, project_id);
        require_changed(c, c.exec("UPDATE placements SET pinned = $2 WHERE project_id = $1", {project_id, pinned ? "true" : "false"}), project_id);
        const std::string parcels =
            c.exec("SELECT parcel_ids::text FROM placements WHERE project_id = $1", {project_id}).text(0, 0);
        log_decision(c, pinned ? "pin" : "unpin", project_id, parcels, before, placement_json(c, project_id), why);
    });
}

std::vector<StoredLedgerRow> stored_ledger(Connection& c) {
    const Result r = c.exec("SELECT district, coalesce(name, ''), opening_mu::text, earned_before_mu::text, "
                            "earned_plan_mu::text, spent_mu::text, "
                            "(opening_mu + earned_before_mu + earned_plan_mu - spent_mu)::text FROM ledger ORDER BY district");
    std::vector<StoredLedgerRow> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4), r.text(i, 5), r.text(i, 6)});
    return out;
}

namespace {
void log_decision(Connection& c, const std::string& action, const std::string& project_id, const std::string& parcels,
                  const std::string& before, const std::string& after, const ChangeContext& why) {
    c.exec("INSERT INTO decisions (action, project_id, parcel_ids, before, after, rules_version, reason) "
           "VALUES ($1, $2, $3::text[], $4::jsonb, $5::jsonb, $6, $7)",
           {action, project_id, parcels, before == "null" ? Param() : Param(before),
            after == "null" ? Param() : Param(after), why.rules_version.empty() ? Param() : Param(why.rules_version),
            why.reason.empty() ? Param() : Param(why.reason)});
}
}  // namespace

}  // namespace parkcap::store
