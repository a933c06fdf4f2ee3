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
#include "parkcap/store/connection.hpp"
#include "parkcap/store/schema.hpp"
#include "parkcap/store/snapshot.hpp"

namespace parkcap::cli {

namespace {

class CompareCommand : public Command {
public:
    const char* name() const override { return "compare"; }
    const char* description() const override {
        return "What changed between two audits of one city: matches, state and flag changes, 处置率, 增存挂钩 quota";
    }

    void setup(CLI::App& app) override {
        app.add_option("OLD", before_,
                       "the earlier audit: an AUDIT.gpkg (written by `parkcap audit`), or a stored one: 'PG:... audit=ID' "
                       "or 'PG:... audit=YYYY-MM-DD'")
            ->check(kNonEmpty)
            ->required();
        app.add_option("NEW", after_, "the later audit of the same city (AUDIT.gpkg or a stored one)")->check(kNonEmpty)->required();
        app.add_option("--out", out_, "the comparison GeoPackage to write (CHANGES.gpkg); optional with --store")
            ->check(kNonEmpty);
        app.add_flag("--store", store_,
                     "write the comparison into the store NEW (else OLD) is in, as a new snapshot; one of them must be stored");
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
        // The store the comparison goes to: NEW's, else OLD's.
        std::string store_address;
        if (store_) {
            for (const std::string* a : {&after_, &before_})
                if (store_address.empty() && store::is_store_address(*a)) store_address = *a;
            if (store_address.empty())
                throw UsageError("--store writes the comparison into the store its audits are in, and neither OLD nor NEW is "
                                 "a stored audit",
                                 "name a stored audit as 'PG:... audit=ID' (parkcap audit PG:... --store stores one)");
            store::Connection c(store::without_audit_key(store_address));  // before any work: a run that cannot be written back should not run
            store::require_current_schema(c);
        } else if (out_.empty()) {
            throw UsageError("--out is required (or --store, when an audit compared is stored)");
        }
        session::Options inputs;
        inputs.other_inputs = {before_, after_};
        inputs.rules_files = rules_files_;
        inputs.quota_file = quota_;
        inputs.mapping_file = mapping_;
        std::vector<session::OutputTarget> targets;
        if (!out_.empty()) targets.push_back({out_, "--out", session::OutputKind::GeoPackage, overwrite_});
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
        const monitor::AuditSnapshot before = session::read_audit_snapshot(before_);
        step("read NEW");
        const monitor::AuditSnapshot after = session::read_audit_snapshot(after_);
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
        if (!out_.empty()) report::write_changes_gpkg(out_, result);
        if (!csv_dir_.empty()) report::write_changes_csv(csv_dir_, result);
        if (!next_quota_.empty()) report::write_next_quota_csv(next_quota_, result);
        int64_t stored = 0;
        if (store_) {
            // The audit= key names an audit, not a connection option.
            store::Connection c(store::without_audit_key(store_address));
            stored = store::store_comparison(c, result);
        }
        written.commit();
        bar.finish();
        if (stored)
            std::fprintf(stderr, "parkcap: stored as comparison %lld (%s → %s) in %s\n", static_cast<long long>(stored),
                         before.as_of.iso().c_str(), after.as_of.iso().c_str(),
                         store::Connection::shown(store::without_audit_key(store_address)).c_str());

        const CompareOutputs outputs{out_, csv_dir_, next_quota_};
        if (json_) print_json_document(compare_summary_json(result, outputs));
        else std::fputs(compare_summary_text(result, outputs).c_str(), stdout);
        return kExitOk;
    }

private:
    std::string before_, after_, out_, csv_dir_, quota_, mapping_, next_quota_;
    std::vector<std::string> rules_files_;
    bool overwrite_ = false, json_ = false, quiet_ = false, store_ = false;
};

}  // namespace

std::unique_ptr<Command> make_compare_command() { return std::make_unique<CompareCommand>(); }

}  // namespace parkcap::cli
