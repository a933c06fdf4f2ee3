// `parkcap allocate` and `parkcap plan`: screen projects, site them on the audit's
// supply, draw down the quota ledger, and write PLAN.gpkg.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "audit_summary.hpp"
#include "cli_support.hpp"
#include "command.hpp"
#include "plan_summary.hpp"
#include "parkcap/allocate/allocate.hpp"
#include "parkcap/audit/audit.hpp"
#include "parkcap/report/audit_reader.hpp"
#include "parkcap/core/error.hpp"
#include "parkcap/report/audit_report.hpp"
#include "parkcap/report/plan_report.hpp"

namespace parkcap::cli {

namespace {

Date today() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    return Date::from_ymd(tm.tm_year + 1900, static_cast<unsigned>(tm.tm_mon + 1), static_cast<unsigned>(tm.tm_mday));
}

/// What `allocate` and `plan` share: inputs, rules, solver settings, outputs.
class AllocationCommandBase : public Command {
protected:
    void setup_common(CLI::App& app) {
        input_.add_to(app);
        rules_.add_to(app);
        app.add_option("--projects", projects_, "projects table (CSV or any OGR table); default: DATA/projects.csv");
        app.add_option("--quota", quota_, "district quota table; default: DATA/quota.csv");
        app.add_option("--overrides", overrides_, "pins, exclusions, locked parcels and reserves (TOML)")
            ->check(CLI::ExistingFile);
        app.add_option("--as-of", as_of_, "audit date (YYYY-MM-DD) when the audit is run here; default: today");
        app.add_option("--out", out_, "the plan GeoPackage to write (PLAN.gpkg)")->required();
        app.add_option("--csv", csv_dir_, "also write the plan's tables as CSV (UTF-8 with BOM) into this folder");
        app.add_option("--time-limit", time_limit_, "solver time limit in seconds (default: rules [solver] time_limit_s)");
        app.add_flag("--overwrite", overwrite_, "replace existing outputs");
        app.add_flag("--json", json_, "print the summary as JSON on stdout");
    }

    io::LoadOptions load_options() const {
        io::LoadOptions o = input_.load_options();
        if (!projects_.empty()) o.projects = projects_;
        if (!quota_.empty()) o.quota = quota_;
        return o;
    }

    void check_outputs(const std::vector<std::string>& gpkgs) const {
        for (const auto& p : gpkgs)
            if (!p.empty()) check_output_path(p, overwrite_);
        if (!csv_dir_.empty() && !std::filesystem::is_directory(csv_dir_)) std::filesystem::create_directories(csv_dir_);
    }

    void require_tables(const City& city) const {
        if (city.projects.empty())
            throw UsageError(fmt::format("no projects found for {}", input_.data),
                             "put projects.csv in DATA or pass --projects FILE");
        bool quota_layer = false;
        for (const auto& l : city.layers) quota_layer |= l.logical == "quota";
        if (!quota_layer)
            throw UsageError(fmt::format("no quota table found for {}", input_.data),
                             "put quota.csv in DATA or pass --quota FILE");
    }

    int allocate_and_report(const City& city, const audit::Audit& audit, const rules::Rules& rules,
                            const std::string& audit_out, ProgressBar& bar) {
        allocate::Overrides ov;
        if (!overrides_.empty()) ov = allocate::load_overrides_file(overrides_);
        allocate::AllocateOptions options;
        if (time_limit_ > 0) options.time_limit_s = time_limit_;
        const allocate::Plan plan = allocate::run_allocation(city, audit, rules, ov, options, bar.callback());
        report::write_plan_gpkg(out_, city, plan, rules);
        if (!csv_dir_.empty()) report::write_plan_csv(csv_dir_, city, plan, rules);
        bar.finish();
        const PlanOutputs outputs{out_, csv_dir_, audit_out};
        if (json_) std::cout << plan_summary_json(city, plan, rules, outputs).dump(2) << "\n";
        else std::fputs(plan_summary_text(city, plan, rules, outputs).c_str(), stdout);
        return kExitOk;
    }

    Date as_of() const { return as_of_.empty() ? today() : parse_as_of(as_of_); }

    InputOptions input_;
    RulesOption rules_;
    std::string projects_, quota_, overrides_, as_of_, out_, csv_dir_;
    double time_limit_ = 0;
    bool overwrite_ = false, json_ = false;
};

class AllocateCommand : public AllocationCommandBase {
public:
    const char* name() const override { return "allocate"; }
    const char* description() const override {
        return "Screen investment projects and site them in themed parks on stock land first, within each district's quota";
    }
    void setup(CLI::App& app) override {
        setup_common(app);
        app.add_option("--audit", audit_path_, "an AUDIT.gpkg written by `parkcap audit` on the same DATA (default: run the audit)")
            ->check(CLI::ExistingFile);
    }
    int run() override {
        check_outputs({out_});
        const rules::Rules rules = rules_.load();
        ProgressBar bar(input_.quiet);
        City city = io::load_city(load_options(), bar.callback());
        require_tables(city);
        const audit::Audit audit = audit_path_.empty() ? audit::run_audit(city, rules, {as_of(), 0}, bar.callback())
                                                       : report::read_audit_gpkg(audit_path_, city, rules);
        return allocate_and_report(city, audit, rules, audit_path_, bar);
    }

private:
    std::string audit_path_;
};

class PlanCommand : public AllocationCommandBase {
public:
    const char* name() const override { return "plan"; }
    const char* description() const override {
        return "Audit the land and allocate it to projects in one go (audit + allocate)";
    }
    void setup(CLI::App& app) override {
        setup_common(app);
        app.add_option("--audit-out", audit_out_, "also write the audit GeoPackage here");
    }
    int run() override {
        check_outputs({out_, audit_out_});
        const rules::Rules rules = rules_.load();
        ProgressBar bar(input_.quiet);
        City city = io::load_city(load_options(), bar.callback());
        require_tables(city);
        const audit::Audit audit = audit::run_audit(city, rules, {as_of(), 0}, bar.callback());
        if (!audit_out_.empty()) report::write_audit_gpkg(audit_out_, city, audit, rules, bar.callback());
        if (!json_) {
            bar.finish();
            std::fputs(audit_summary_text(city, audit, rules, {audit_out_, ""}).c_str(), stdout);
            std::fputs("\n", stdout);
        }
        return allocate_and_report(city, audit, rules, audit_out_, bar);
    }

private:
    std::string audit_out_;
};

}  // namespace

std::unique_ptr<Command> make_allocate_command() { return std::make_unique<AllocateCommand>(); }
std::unique_ptr<Command> make_plan_command() { return std::make_unique<PlanCommand>(); }

}  // namespace parkcap::cli
