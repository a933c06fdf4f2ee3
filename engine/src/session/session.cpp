// The one run order of parkcap: rules and city, then the audit (recomputed, and
// checked against a signed-off audit file), then the plan (a saved plan's pins and
// the planner's overrides merged).
#include "parkcap/session/session.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>

#include <fmt/format.h>

#include "parkcap/audit/compare.hpp"
#include "parkcap/core/atomic_file.hpp"
#include "parkcap/core/error.hpp"
#include "parkcap/crs/working_crs.hpp"
#include "parkcap/report/audit_reader.hpp"
#include "parkcap/report/conditions_reader.hpp"
#include "parkcap/report/issues_csv.hpp"
#include "parkcap/report/plan_reader.hpp"
#include "parkcap/report/snapshot_reader.hpp"
#include "parkcap/store/connection.hpp"
#include "parkcap/store/snapshot.hpp"

namespace parkcap::session {

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}


/// The saved plan's pins (and which of them the planner set), then the overrides file.
allocate::Overrides plan_overrides(const Options& o, std::vector<std::string>& planner_pinned) {
    allocate::Overrides ov;
    if (!o.plan_file.empty()) {
        if (ends_with(o.plan_file, ".gpkg")) ov = report::read_plan_pins(o.plan_file, &planner_pinned);
        else ov = allocate::load_overrides_file(o.plan_file);
        if (!ends_with(o.plan_file, ".gpkg"))
            for (const auto& pin : ov.pins) planner_pinned.push_back(pin.project);
    }
    if (!o.overrides_file.empty()) {
        const allocate::Overrides extra = allocate::load_overrides_file(o.overrides_file);
        allocate::merge_overrides(ov, extra);
        for (const auto& pin : extra.pins) planner_pinned.push_back(pin.project);
    }
    return ov;
}

/// Writes the rejects report of a load that stopped on its data and throws `e`
/// (an InputError or DataError) again, of the same kind, naming the report.
/// `loaded`: the load finished and a later step stopped the run.
[[noreturn]] void rethrow_naming_rejects(const Error& e, const City& partial, const std::string& path, bool loaded = false) {
    std::string message = e.what();
    try {
        // The run's other outputs are abandoned; the report is written whatever they become.
        OutputSet report_alone;
        report::write_issues_csv(path, rejects_report_rows(partial));
        report_alone.commit();
        message += fmt::format("; the rejects report {} lists what became of every record read{}", path,
                               loaded ? "" : " before the load stopped");
    } catch (const Error& w) {
        message += fmt::format(" (the rejects report could not be written: {})", w.what());
    }
    if (dynamic_cast<const InputError*>(&e)) throw InputError(message, e.hint());
    throw DataError(message, e.hint());
}

}  // namespace

io::LoadOptions load_options(const Options& o) {
    io::LoadOptions load;
    load.data = o.data;
    if (!o.mapping_file.empty()) load.mapping = io::load_mapping_file(o.mapping_file);
    if (!o.crs.empty()) load.working_epsg = crs::parse_epsg(o.crs);
    if (!o.projects_file.empty()) load.projects = o.projects_file;
    if (!o.quota_file.empty()) load.quota = o.quota_file;
    return load;
}

const std::vector<std::string>& as_of_formats() {
    static const std::vector<std::string> formats = {"%Y-%m-%d", "%Y%m%d", "%Y/%m/%d"};
    return formats;
}

Date parse_as_of(std::string_view text) {
    if (auto d = parse_date(text, as_of_formats())) return *d;
    throw UsageError(fmt::format("--as-of: invalid value '{}'; expected a date such as 2026-06-30", text),
                     "write the date as YYYY-MM-DD (20260630 and 2026/06/30 are read too)");
}

Date today() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    return Date::from_ymd(tm.tm_year + 1900, static_cast<unsigned>(tm.tm_mon + 1), static_cast<unsigned>(tm.tm_mday));
}

void validate(const Options& o) {
    if (o.data.empty() && o.other_inputs.empty()) throw UsageError("DATA is missing", "name a folder of layers, a GeoPackage or a PG: connection");
    if (!o.as_of.empty()) parse_as_of(o.as_of);
    if (!o.crs.empty()) {
        try {
            (void)crs::working_crs_from_epsg(crs::parse_epsg(o.crs), false);
        } catch (const UsageError& e) {
            throw UsageError(fmt::format("--crs: {}", e.what()), e.hint());
        }
    }
    if (o.time_limit_s && !(std::isfinite(*o.time_limit_s) && *o.time_limit_s > 0))
        throw UsageError(fmt::format("--time-limit: invalid value '{}'; expected a number of seconds > 0", *o.time_limit_s),
                         "leave it out to use the rules' [solver] time_limit_s");
    if (!o.conditions_file.empty() && !ends_with(o.conditions_file, ".gpkg"))
        throw UsageError(fmt::format("--conditions: '{}' is not a PLAN.gpkg", o.conditions_file),
                         "name the PLAN.gpkg written by `parkcap plan` or `parkcap allocate`; its supply_conditions "
                         "layer holds the land-supply conditions");
    if (!o.plan_file.empty() && !ends_with(o.plan_file, ".gpkg") && !ends_with(o.plan_file, ".toml"))
        throw UsageError(fmt::format("--plan: '{}' is neither a PLAN.gpkg nor a saved .toml plan", o.plan_file),
                         "reopen a plan written by `parkcap plan`/`allocate` (.gpkg) or saved by the viewer (.toml)");
}

Session load(const Options& options, const ProgressFn& progress) {
    validate(options);
    Session s;
    s.options = options;
    if (progress) progress("rules", 0, 0);
    s.rules = rules::load_rules(options.rules_files);
    // An overrides file that cannot be read fails now, not after a long load; the
    // ids it names are checked against the city when the plan is made.
    if (!options.overrides_file.empty()) (void)allocate::load_overrides_file(options.overrides_file);
    io::LoadOptions load = load_options(options);
    load.survey_area_tolerance = s.rules.data.survey_area_tolerance;
    load.overlap_tolerance = s.rules.data.overlap_tolerance;
    load.earliest_year = s.rules.data.earliest_year;
    // Events after the audit date are named at load; without --as-of the audit is as of today.
    load.events_until = options.as_of.empty() ? today() : parse_as_of(options.as_of);
    const auto t0 = std::chrono::steady_clock::now();
    City partial;
    try {
        s.city = io::load_city(load, progress, &partial);
    } catch (const Error& e) {
        // Only data that stopped the load has records to account for; a bad option does not.
        const bool data_problem = dynamic_cast<const InputError*>(&e) || dynamic_cast<const DataError*>(&e);
        if (options.rejects_file.empty() || !data_problem) throw;
        rethrow_naming_rejects(e, partial, options.rejects_file);
    }
    s.timings.load_s = seconds_since(t0);
    return s;
}

void audit(Session& s, const ProgressFn& progress) {
    const Options& o = s.options;
    std::optional<Date> as_of;
    if (!o.as_of.empty()) as_of = parse_as_of(o.as_of);
    const auto t0 = std::chrono::steady_clock::now();
    if (!o.audit_file.empty()) {
        if (progress) progress("reading audit", 0, 0);
        s.saved_audit = report::read_audit_gpkg(o.audit_file, s.city, s.rules);
        if (!as_of && s.saved_audit->as_of) as_of = s.saved_audit->as_of;
    }
    s.as_of = as_of ? *as_of : today();
    s.audit = audit::run_audit(s.city, s.rules, {s.as_of, o.threads}, progress);
    if (!o.conditions_file.empty()) {
        if (progress) progress("reviewing conditions", 0, 0);
        const std::vector<SupplyCondition> conditions = report::read_supply_conditions(o.conditions_file);
        s.review = audit::review_conditions(s.city, conditions);
    }
    if (s.saved_audit) {
        const audit::FlagComparison c = audit::compare_flags(*s.saved_audit, s.audit);
        s.notes.push_back(audit::describe(c, o.audit_file));
        if (!c.same() && &s.allocation_audit() == &*s.saved_audit)
            s.notes.push_back(fmt::format("{}: allocation uses the file's findings (the signed-off audit)", o.audit_file));
    }
    s.timings.audit_s = seconds_since(t0);
}

bool can_plan(const City& city, std::string* why) {
    auto fail = [&](std::string text) {
        if (why) *why = std::move(text);
        return false;
    };
    if (city.projects.empty()) return fail("no projects table (put projects.csv in DATA or pass --projects FILE)");
    const bool quota = std::any_of(city.layers.begin(), city.layers.end(), [](const LayerInfo& l) { return l.logical == "quota"; });
    if (!quota) return fail("no quota table (put quota.csv in DATA or pass --quota FILE)");
    // Sites are land in parks: without parks every project would end NO_FIT, a
    // plan that places nothing and looks like a result.
    if (city.parks.empty()) {
        const bool layer = std::any_of(city.layers.begin(), city.layers.end(), [](const LayerInfo& l) { return l.logical == "parks"; });
        return fail(layer ? "no parks: every record of the parks layer was rejected (see the rejects report), and "
                            "projects are sited only on land in parks"
                          : "no parks layer (put parks.shp in DATA or map [parks] source); projects are sited only "
                            "on land in parks");
    }
    return true;
}

void plan(Session& s, const ProgressFn& progress) {
    const Options& o = s.options;
    std::string why;
    if (!can_plan(s.city, &why))
        throw UsageError(fmt::format("{}: cannot allocate: {}", o.data, why), "the parks, projects and quota layers are described in docs/data.md");
    const auto t0 = std::chrono::steady_clock::now();
    s.planner_pinned.clear();
    try {
        s.overrides = plan_overrides(o, s.planner_pinned);
        s.plan = allocate::run_allocation(s.city, s.allocation_audit(), s.rules, s.overrides, allocate_options(o), progress);
    } catch (const DataError& e) {
        // Overrides that name what the city lacks stop the run after a whole load:
        // its records are still accounted for.
        if (o.rejects_file.empty()) throw;
        rethrow_naming_rejects(e, s.city, o.rejects_file, true);
    }
    s.has_plan = true;

    // A PLAN.gpkg pins every placement only to reproduce it: afterwards only the
    // planner's own decisions stay pinned.
    if (!o.plan_file.empty()) {
        for (auto& pl : s.plan.state.placements)
            pl.pinned = std::find(s.planner_pinned.begin(), s.planner_pinned.end(),
                                  s.city.projects[pl.project].project_id) != s.planner_pinned.end();
        std::size_t kept = 0;
        for (const auto& pin : s.overrides.pins) {
            const auto it = std::find_if(s.city.projects.begin(), s.city.projects.end(),
                                         [&](const Project& p) { return p.project_id == pin.project; });
            if (it == s.city.projects.end()) continue;
            const auto idx = s.plan.state.placement_of[static_cast<std::size_t>(it - s.city.projects.begin())];
            if (!idx) continue;
            const allocate::Site& site = s.plan.sites[s.plan.state.placements[*idx].site];
            kept += pin.site.empty() ? s.city.parks[site.park].park_id == pin.park : site.site_id == pin.site;
        }
        if (kept != s.overrides.pins.size())
            s.notes.push_back(fmt::format("{}: {} of {} saved placements could be restored ({})", o.plan_file, kept,
                                          s.overrides.pins.size(), s.plan.state.stats.method));
    }
    s.timings.plan_s = seconds_since(t0);
}

allocate::AllocateOptions allocate_options(const Options& o) {
    allocate::AllocateOptions ao;
    ao.time_limit_s = o.time_limit_s;
    ao.greedy_only = o.greedy;
    return ao;
}

allocate::Overrides overrides_keeping_pins(const Session& s) {
    allocate::Overrides ov = s.overrides;
    ov.pins.clear();
    for (const auto& pl : s.plan.state.placements)
        if (pl.pinned) ov.pins.push_back({s.city.projects[pl.project].project_id, "", s.plan.sites[pl.site].site_id});
    return ov;
}

Session run(const Options& options, Until until, const ProgressFn& progress) {
    Session s = load(options, progress);
    if (until == Until::Load) return s;
    // Nothing from here to the audit's outputs queries the parcels' spatial index
    // (the loader's overlap check was its last user): free it for the audit and the
    // writer, which at ten million parcels need the memory. Siting rebuilds it.
    if (until == Until::Audit) s.city.release_parcel_index();
    audit(s, progress);
    if (until == Until::Audit) return s;
    plan(s, progress);
    return s;
}

monitor::AuditSnapshot read_audit_snapshot(const std::string& path_or_address) {
    if (store::is_store_address(path_or_address)) return store::read_stored_audit(path_or_address);
    return report::read_audit_snapshot(path_or_address);
}

}  // namespace parkcap::session
