#pragma once
// One run of parkcap, for every front end: options → rules → city → audit → plan.
// The command line and the viewer both go through here, so they read the same
// options the same way (one date parser, one default as-of date, one way of
// reopening a saved audit or plan and of merging overrides) and run the steps in
// the same order. The steps are separate functions so a front end can write or
// show what one step produced before it starts the next (`parkcap plan` writes
// the audit before it allocates).
#include <optional>
#include <string>
#include <vector>

#include "parkcap/allocate/allocate.hpp"
#include "parkcap/audit/audit.hpp"
#include "parkcap/audit/review.hpp"
#include "parkcap/core/date.hpp"
#include "parkcap/core/progress.hpp"
#include "parkcap/io/load.hpp"
#include "parkcap/model/city.hpp"
#include "parkcap/monitor/snapshot.hpp"
#include "parkcap/rules/rules.hpp"

namespace parkcap::session {

/// What to load and run, as the user gave it. Empty strings mean "not given".
struct Options {
    std::string data;            ///< DATA: a folder, a GeoPackage, a PG: connection or one parcels file
    std::string mapping_file;    ///< --mapping
    std::string crs;             ///< --crs, e.g. "EPSG:4528"; empty: the GK zone nearest the data
    /// --rules, repeatable: files laid over the built-in rules in order
    /// (rules::load_rules); none: the built-in rules.
    std::vector<std::string> rules_files;
    std::string as_of;           ///< --as-of; empty: the saved audit's date, else today
    std::string projects_file;   ///< --projects; empty: DATA/projects.*
    std::string quota_file;      ///< --quota; empty: DATA/quota.*
    /// --audit: an AUDIT.gpkg the bureau signed off. Its date is the as-of date unless
    /// --as-of says otherwise; allocation as of that date uses its findings. The audit
    /// is also recomputed from the data (the file keeps flags, not every capacity
    /// figure) and the two compared: a note says whether they agree.
    std::string audit_file;
    /// --plan: a saved plan reopened by allocating with its placements pinned: a
    /// PLAN.gpkg (planner-pinned rows stay pinned, the optimiser's choices are
    /// pinned only to reproduce them) or an overrides file written by the viewer.
    std::string plan_file;
    std::string overrides_file;  ///< --overrides: added to the saved plan's pins
    /// --conditions: a PLAN.gpkg whose land-supply conditions (supply_conditions) the
    /// audit reviews against the land as it now is (达产复核, audit/review.hpp).
    std::string conditions_file;
    /// Where the rejects report (CSV) goes when the load stops, so the records
    /// read so far are still accounted for; empty: not written. The error then
    /// names the file.
    std::string rejects_file;
    std::optional<double> time_limit_s;  ///< --time-limit; empty: rules [solver] time_limit_s
    bool greedy = false;         ///< the greedy baseline only
    unsigned threads = 0;        ///< 0: all cores
    /// Files a command reads besides the session's (`parkcap compare`'s two
    /// audits): outputs are checked against them too. Such a command has no DATA.
    std::vector<std::string> other_inputs;
};

/// The formats --as-of accepts, in every front end: 2026-06-30, 20260630, 2026/06/30.
const std::vector<std::string>& as_of_formats();
/// Parses an --as-of value; UsageError naming the option when it is not a date.
Date parse_as_of(std::string_view text);
/// Today's date on this machine's clock (the default as-of date).
Date today();

/// Checks everything that can be checked without touching a file (dates, the CRS
/// code, the time limit) and throws UsageError naming the option. Every step calls
/// it; a front end calls it first so that bad options fail before any work.
void validate(const Options& options);

/// The loader's options for these (reads the mapping file; parses the CRS code).
io::LoadOptions load_options(const Options& options);

/// Seconds each step took (0 when it did not run).
struct Timings {
    double load_s = 0, audit_s = 0, plan_s = 0;
};

/// What the steps produced, in the order they run.
struct Session {
    Options options;
    rules::Rules rules;
    City city;
    Date as_of;                          ///< the date the audit is as of
    audit::Audit audit;                  ///< recomputed from the data (every figure)
    std::optional<audit::Audit> saved_audit;  ///< the --audit file's findings, when given
    /// The --conditions file's supply conditions reviewed against this city, when given.
    std::optional<std::vector<audit::ReviewRow>> review;
    bool has_plan = false;
    allocate::Plan plan;
    /// The overrides the plan was computed with: the saved plan's pins and the
    /// --overrides file merged (what a later save or re-optimisation keeps).
    allocate::Overrides overrides;
    /// Projects whose pin is the planner's decision (not a saved optimiser choice).
    std::vector<std::string> planner_pinned;
    /// What the user should know about the inputs, one sentence each (a saved audit
    /// that differs from the data, saved placements that could not be restored).
    std::vector<std::string> notes;
    Timings timings;

    /// The findings allocation uses: the signed-off audit when one was given for the
    /// date being planned; the recomputed audit otherwise.
    const audit::Audit& allocation_audit() const {
        return saved_audit && saved_audit->as_of == as_of ? *saved_audit : audit;
    }
};

/// Step 1: reads the rules and the mapping, loads the city.
Session load(const Options& options, const ProgressFn& progress = {});

/// Step 2: settles the as-of date, reads the saved audit if any, runs the audit and
/// compares the two; reviews the --conditions file's supply conditions when given.
void audit(Session& session, const ProgressFn& progress = {});

/// Whether the city has what allocation needs (parks, a projects table and a quota table);
/// when not, `why` says what is missing and how to give it.
bool can_plan(const City& city, std::string* why = nullptr);

/// Step 3: reopens the saved plan and the overrides, allocates, and restores which
/// placements the planner pinned. Throws UsageError when the city cannot be
/// planned (can_plan).
void plan(Session& session, const ProgressFn& progress = {});

/// The allocation settings the options ask for (time limit, greedy baseline).
allocate::AllocateOptions allocate_options(const Options& options);

/// The overrides for allocating again after edits: the session's overrides with
/// their pins replaced by the placements now pinned in the plan (the planner's
/// decisions), everything else (forbids, locks, reserves) kept.
allocate::Overrides overrides_keeping_pins(const Session& session);

/// Which steps run() runs.
enum class Until { Load, Audit, Plan };

/// load, then audit and plan as far as `until`.
Session run(const Options& options, Until until, const ProgressFn& progress = {});

/// An earlier audit as monitoring reads it: an AUDIT.gpkg, or a stored audit
/// ("PG:... audit=ID" or "PG:... audit=YYYY-MM-DD", store::read_stored_audit).
monitor::AuditSnapshot read_audit_snapshot(const std::string& path_or_address);

}  // namespace parkcap::session
