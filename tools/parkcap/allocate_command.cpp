// `parkcap allocate` and `parkcap plan`: screen projects, site them on the audit's
// supply, draw down the quota ledger, and write PLAN.gpkg.
#include <cstdio>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "audit_summary.hpp"
#include "cli_support.hpp"
#include "command.hpp"
#include "plan_summary.hpp"
#include "parkcap/core/atomic_file.hpp"
#include "parkcap/core/error.hpp"
#include "parkcap/report/audit_report.hpp"
#include "parkcap/report/plan_report.hpp"
#include "parkcap/store/connection.hpp"
#include "parkcap/store/snapshot.hpp"

namespace parkcap::cli {

namespace {

/// What `allocate` and `plan` share: inputs, rules, solver settings, outputs.
class AllocationCommandBase : public Command {
protected:
    void setup_common(CLI::App& app) {
        session::Options& o = input_.session;
        input_.add_to(app);
        input_.add_rules(app);
        app.add_option("--projects", o.projects_file, "projects table (CSV or any OGR table); default: DATA/projects.csv")->check(kNonEmpty);
        app.add_option("--quota", o.quota_file, "district quota table; default: DATA/quota.csv")->check(kNonEmpty);
        app.add_option("--overrides", o.overrides_file, "pins, exclusions, locked parcels and reserves (TOML)")->check(kNonEmpty)
            ->check(CLI::ExistingFile);
        app.add_option("--as-of", o.as_of, "audit date (YYYY-MM-DD) when the audit is run here; default: today")->check(kNonEmpty);
        app.add_option("--out", out_, "the plan GeoPackage to write (PLAN.gpkg); optional with --store")->check(kNonEmpty);
        app.add_flag("--store", store_, "write the plan (and, for plan, its audit) back into the store DATA names (PG:...) "
                                        "as a new dated snapshot");
        app.add_option("--csv", csv_dir_, "also write the plan's tables as CSV (UTF-8 with BOM) into this folder")->check(kNonEmpty);
        app.add_option("--time-limit", o.time_limit_s, "solver time limit in seconds (default: rules [solver] time_limit_s)");
        app.add_flag("--overwrite", overwrite_, "replace existing outputs");
        app.add_flag("--json", json_, "print the summary as JSON on stdout");
    }

    /// `--out`, `--csv`, and the command's own GeoPackages (option, path).
    void check_outputs(const std::vector<std::pair<const char*, std::string>>& more = {}) const {
        check_store_option(store_, input_.session.data, out_);
        std::vector<session::OutputTarget> outputs;
        if (!out_.empty()) outputs.push_back({out_, "--out", session::OutputKind::GeoPackage, overwrite_});
        for (const auto& [option, path] : more)
            if (!path.empty()) outputs.push_back({path, option, session::OutputKind::GeoPackage, overwrite_});
        if (!csv_dir_.empty()) outputs.push_back({csv_dir_, "--csv", session::OutputKind::CsvFolder, true});
        // Written only when the load stops, but never over an input either.
        if (!out_.empty())
            outputs.push_back({rejects_beside(out_), "--out (its rejects report)", session::OutputKind::CsvFile, true});
        cli::check_outputs(input_.session, outputs);
    }

    /// Loads the city and fails before the audit when there is nothing to allocate.
    session::Session load(ProgressBar& bar) {
        if (!out_.empty()) input_.session.rejects_file = rejects_beside(out_);
        session::Session s = session::load(input_.session, bar.callback());
        std::string why;
        if (!session::can_plan(s.city, &why))
            throw UsageError(fmt::format("{}: cannot allocate: {}", input_.session.data, why),
                             "the parks, projects and quota layers are described in docs/data.md");
        return s;
    }

    /// `written` collects every file of the run (plan's --audit-out too): they
    /// replace the previous run's as one set, once the plan is written.
    int allocate_and_report(session::Session& s, const std::string& audit_out, OutputSet& written, ProgressBar& bar) {
        session::plan(s, bar.callback());
        if (!out_.empty()) report::write_plan_gpkg(out_, s.city, s.plan, s.rules);
        if (!csv_dir_.empty()) report::write_plan_csv(csv_dir_, s.city, s.plan, s.rules);
        std::string stored;
        if (store_) {
            store::Connection c(input_.session.data);
            std::optional<int64_t> audit_id;
            if (store_audit_) {
                audit_id = store::store_audit(c, s.city, s.audit, s.rules);
                stored = fmt::format("audit {} and ", *audit_id);
            }
            stored += fmt::format("plan {}", store::store_plan(c, s.city, s.plan, s.rules, s.as_of, audit_id));
        }
        written.commit();
        bar.finish();
        print_notes(s);
        if (!stored.empty())
            std::fprintf(stderr, "parkcap: stored as %s (as of %s) in %s\n", stored.c_str(), s.as_of.iso().c_str(),
                         store::Connection::shown(input_.session.data).c_str());
        const PlanOutputs outputs{out_, csv_dir_, audit_out};
        if (json_) print_json_document(plan_summary_json(s.city, s.plan, s.rules, outputs));
        else std::fputs(plan_summary_text(s.city, s.plan, s.rules, outputs).c_str(), stdout);
        return kExitOk;
    }

    InputOptions input_;
    std::string out_, csv_dir_;
    bool overwrite_ = false, json_ = false, store_ = false;
    bool store_audit_ = false;  ///< plan: the audit it ran is stored beside the plan
};

class AllocateCommand : public AllocationCommandBase {
public:
    const char* name() const override { return "allocate"; }
    const char* description() const override {
        return "Screen investment projects and site them in themed parks on stock land first, within each district's quota";
    }
    void setup(CLI::App& app) override {
        setup_common(app);
        app.add_option("--audit", input_.session.audit_file,
                       "an AUDIT.gpkg written by `parkcap audit` on the same DATA: its findings are used, and checked "
                       "against the data (default: run the audit)")->check(kNonEmpty)
            ->check(CLI::ExistingFile);
    }
    int run() override {
        session::validate(input_.session);
        check_outputs();
        ProgressBar bar(input_.quiet);
        session::Session s = load(bar);
        session::audit(s, bar.callback());
        OutputSet written;
        return allocate_and_report(s, input_.session.audit_file, written, bar);
    }
};

class PlanCommand : public AllocationCommandBase {
public:
    const char* name() const override { return "plan"; }
    const char* description() const override {
        return "Audit the land and allocate it to projects in one go (audit + allocate)";
    }
    void setup(CLI::App& app) override {
        setup_common(app);
        app.add_option("--audit-out", audit_out_, "also write the audit GeoPackage here")->check(kNonEmpty);
    }
    int run() override {
        session::validate(input_.session);
        check_outputs({{"--audit-out", audit_out_}});
        store_audit_ = store_;
        ProgressBar bar(input_.quiet);
        session::Session s = load(bar);
        session::audit(s, bar.callback());
        OutputSet written;
        if (!audit_out_.empty()) report::write_audit_gpkg(audit_out_, s.city, s.audit, s.rules, bar.callback());
        if (!json_) {
            bar.finish();
            std::fputs(audit_summary_text(s.city, s.audit, s.rules, {audit_out_, ""}).c_str(), stdout);
            std::fputs("\n", stdout);
        }
        return allocate_and_report(s, audit_out_, written, bar);
    }

private:
    std::string audit_out_;
};

}  // namespace

std::unique_ptr<Command> make_allocate_command() { return std::make_unique<AllocateCommand>(); }
std::unique_ptr<Command> make_plan_command() { return std::make_unique<PlanCommand>(); }

}  // namespace parkcap::cli
