// `parkcap audit DATA --as-of DATE --out AUDIT.gpkg`: flag idle and inefficient
// land, account park capacity and the shoreline, write the results.
#include <cstdio>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "audit_summary.hpp"
#include "cli_support.hpp"
#include "command.hpp"
#include "parkcap/audit/audit.hpp"
#include "parkcap/core/error.hpp"
#include "parkcap/report/audit_report.hpp"
#include "parkcap/rules/rules.hpp"

namespace parkcap::cli {

namespace {

class AuditCommand : public Command {
public:
    const char* name() const override { return "audit"; }
    const char* description() const override {
        return "Flag idle and inefficient parcels with their reasons, account each park's capacity and the shoreline";
    }

    void setup(CLI::App& app) override {
        input_.add_to(app);
        rules_.add_to(app);
        app.add_option("--as-of", as_of_, "the audit date (YYYY-MM-DD) every age is computed from")->required();
        app.add_option("--out", out_, "the audit GeoPackage to write (AUDIT.gpkg)")->required();
        app.add_option("--csv", csv_dir_, "also write the tables as CSV (UTF-8 with BOM) into this folder");
        app.add_flag("--overwrite", overwrite_, "replace --out if it exists");
        app.add_flag("--json", json_, "print the summary as JSON on stdout");
        app.add_option("--threads", threads_, "worker threads (default: all cores)");
    }

    int run() override {
        const Date as_of = parse_as_of(as_of_);
        check_output_path(out_, overwrite_);
        if (!csv_dir_.empty() && !std::filesystem::is_directory(csv_dir_)) std::filesystem::create_directories(csv_dir_);
        const rules::Rules rules = rules_.load();

        ProgressBar bar(input_.quiet);
        City city = io::load_city(input_.load_options(), bar.callback());
        const audit::Audit result = audit::run_audit(city, rules, {as_of, threads_}, bar.callback());
        report::write_audit_gpkg(out_, city, result, rules, bar.callback());
        if (!csv_dir_.empty()) report::write_audit_csv(csv_dir_, city, result, rules);
        bar.finish();

        const AuditOutputs outputs{out_, csv_dir_};
        if (json_) std::cout << audit_summary_json(city, result, rules, outputs).dump(2) << "\n";
        else std::fputs(audit_summary_text(city, result, rules, outputs).c_str(), stdout);
        return kExitOk;
    }

private:
    InputOptions input_;
    RulesOption rules_;
    std::string as_of_, out_, csv_dir_;
    bool overwrite_ = false, json_ = false;
    unsigned threads_ = 0;
};

}  // namespace

std::unique_ptr<Command> make_audit_command() { return std::make_unique<AuditCommand>(); }

}  // namespace parkcap::cli
