// `parkcap compare OLD.gpkg NEW.gpkg --out CHANGES.gpkg`: what changed between two
// audits of one city, and how much of the earlier audit's stock was disposed of.
#include <cstdio>

#include <fmt/format.h>

#include "cli_support.hpp"
#include "command.hpp"
#include "compare_summary.hpp"
#include "parkcap/core/atomic_file.hpp"
#include "parkcap/core/error.hpp"
#include "parkcap/io/load.hpp"
#include "parkcap/io/mapping.hpp"
#include "parkcap/monitor/changes.hpp"
#include "parkcap/report/changes_report.hpp"
#include "parkcap/report/snapshot_reader.hpp"
#include "parkcap/rules/rules.hpp"

namespace parkcap::cli {

namespace {

class CompareCommand : public Command {
public:
    const char* name() const override { return "compare"; }
    const char* description() const override {
        return "What changed between two audits of one city: matches, state and flag changes, 处置率, 增存挂钩 quota";
    }

    void setup(CLI::App& app) override {
        app.add_option("OLD", before_, "the earlier AUDIT.gpkg (written by `parkcap audit`)")->check(kNonEmpty)->required();
        app.add_option("NEW", after_, "the later AUDIT.gpkg of the same city")->check(kNonEmpty)->required();
        app.add_option("--out", out_, "the comparison GeoPackage to write (CHANGES.gpkg)")->check(kNonEmpty)->required();
        app.add_option("--csv", csv_dir_, "also write the tables as CSV (UTF-8 with BOM) into this folder")->check(kNonEmpty);
        app.add_option("--rules", rules_files_, "rules files laid over the built-in rules ([monitoring], [quota])")
            ->check(kNonEmpty);
        app.add_option("--quota", quota_, "the period's quota table (district, quota_mu): next period's quota is computed")
            ->check(kNonEmpty);
        app.add_option("--mapping", mapping_, "a field-mapping file for the quota table")->check(kNonEmpty);
        app.add_option("--next-quota", next_quota_, "write next period's quota table (CSV, as --quota reads it); needs --quota")
            ->check(kNonEmpty);
        app.add_flag("--overwrite", overwrite_, "replace --out (and --next-quota) if they exist");
        app.add_flag("--json", json_, "print the summary as JSON on stdout");
        app.add_flag("-q,--quiet", quiet_, "no progress bar");
    }

    int run() override {
        if (!next_quota_.empty() && quota_.empty())
            throw UsageError("--next-quota: needs --quota, the period's quota table it adjusts",
                             "add --quota QUOTA.csv (the quota table this period's plan used)");
        session::Options inputs;
        inputs.other_inputs = {before_, after_};
        inputs.rules_files = rules_files_;
        inputs.quota_file = quota_;
        inputs.mapping_file = mapping_;
        std::vector<session::OutputTarget> targets{{out_, "--out", session::OutputKind::GeoPackage, overwrite_}};
        if (!csv_dir_.empty()) targets.push_back({csv_dir_, "--csv", session::OutputKind::CsvFolder, true});
        if (!next_quota_.empty()) targets.push_back({next_quota_, "--next-quota", session::OutputKind::CsvFile, overwrite_});
        check_outputs(inputs, targets);

        const rules::Rules rules = rules::load_rules(rules_files_);
        // Reading a province's two audits takes a while: say which step it is at.
        ProgressBar bar(quiet_);
        const ProgressFn show = bar.callback();
        auto step = [&](std::string_view stage) {
            if (show) show(stage, 0, 0);
        };
        step("read OLD");
        const monitor::AuditSnapshot before = report::read_audit_snapshot(before_);
        step("read NEW");
        const monitor::AuditSnapshot after = report::read_audit_snapshot(after_);
        std::optional<City> quota;
        if (!quota_.empty()) {
            std::optional<io::FieldMapping> mapping;
            if (!mapping_.empty()) mapping = io::load_mapping_file(mapping_);
            quota = io::load_quota_table(quota_, mapping);
            // Next period's quota is only right with every row of this period's.
            std::string rejected;
            for (const Issue& issue : quota->report.issues) {
                if (issue.severity == Severity::Rejected) rejected += "\n  " + issue.to_string();
                else if (issue.severity == Severity::Warning)
                    std::fprintf(stderr, "parkcap: note: %s\n", issue.to_string().c_str());
            }
            if (!rejected.empty())
                throw DataError(fmt::format("{}: rows of the quota table were rejected:{}", quota_, rejected),
                                "correct them: next period's quota is computed from every row");
        }
        step("compare");
        const monitor::Changes changes = monitor::compare_audits(before, after, rules.monitoring);
        const monitor::DisposalProgress progress =
            monitor::disposal_progress(before, after, changes, rules, quota ? &*quota : nullptr);
        const report::ComparisonResult result{before, after, changes, progress, rules};

        step("write");
        OutputSet written;
        report::write_changes_gpkg(out_, result);
        if (!csv_dir_.empty()) report::write_changes_csv(csv_dir_, result);
        if (!next_quota_.empty()) report::write_next_quota_csv(next_quota_, result);
        written.commit();
        bar.finish();

        const CompareOutputs outputs{out_, csv_dir_, next_quota_};
        if (json_) print_json_document(compare_summary_json(result, outputs));
        else std::fputs(compare_summary_text(result, outputs).c_str(), stdout);
        return kExitOk;
    }

private:
    std::string before_, after_, out_, csv_dir_, quota_, mapping_, next_quota_;
    std::vector<std::string> rules_files_;
    bool overwrite_ = false, json_ = false, quiet_ = false;
};

}  // namespace

std::unique_ptr<Command> make_compare_command() { return std::make_unique<CompareCommand>(); }

}  // namespace parkcap::cli
