// `parkcap evaluate DATA --as-of DATE --out EVAL.gpkg`: the TD/T 1029 land
// intensive-use evaluation of every park, district and the city.
#include <cstdio>

#include "cli_support.hpp"
#include "command.hpp"
#include "evaluate_summary.hpp"
#include "parkcap/core/atomic_file.hpp"
#include "parkcap/monitor/changes.hpp"
#include "parkcap/report/snapshot_reader.hpp"
#include "parkcap/store/connection.hpp"
#include "parkcap/store/snapshot.hpp"

namespace parkcap::cli {

namespace {

class EvaluateCommand : public Command {
public:
    const char* name() const override { return "evaluate"; }
    const char* description() const override {
        return "Evaluate each park as TD/T 1029 does: indicators, degree score, type, ranking, potential, years of land left";
    }

    void setup(CLI::App& app) override {
        input_.add_to(app);
        input_.add_rules(app);
        app.add_option("--as-of", input_.session.as_of, "the evaluation date (YYYY-MM-DD)")->check(kNonEmpty)->required();
        app.add_option("--out", out_, "the evaluation GeoPackage to write (EVAL.gpkg); optional with --store")->check(kNonEmpty);
        app.add_flag("--store", store_, "write the evaluation back into the store DATA names (PG:...) as a new dated snapshot");
        app.add_option("--csv", csv_dir_, "also write the tables as CSV (UTF-8 with BOM) into this folder")->check(kNonEmpty);
        app.add_option("--since", since_,
                       "an earlier audit of this city (AUDIT.gpkg, or a stored one: 'PG:... audit=ID|DATE'): the idle-land "
                       "disposal rate since then")
            ->check(kNonEmpty);
        app.add_flag("--overwrite", overwrite_, "replace --out if it exists");
        app.add_flag("--json", json_, "print the summary as JSON on stdout");
        app.add_option("--threads", input_.session.threads, "worker threads (default: all cores)");
    }

    int run() override {
        session::validate(input_.session);
        check_store_option(store_, input_.session.data, out_);
        if (!since_.empty()) input_.session.other_inputs.push_back(since_);
        std::vector<session::OutputTarget> targets;
        if (!out_.empty()) {
            targets.push_back({out_, "--out", session::OutputKind::GeoPackage, overwrite_});
            input_.session.rejects_file = rejects_beside(out_);
            targets.push_back({input_.session.rejects_file, "--out (its rejects report)", session::OutputKind::CsvFile, true});
        }
        if (!csv_dir_.empty()) targets.push_back({csv_dir_, "--csv", session::OutputKind::CsvFolder, true});
        check_outputs(input_.session, targets);

        ProgressBar bar(input_.quiet);
        const session::Session s = session::run(input_.session, session::Until::Audit, bar.callback());
        std::optional<monitor::DisposalProgress> since;
        if (!since_.empty()) {
            const monitor::AuditSnapshot before = session::read_audit_snapshot(since_);
            const monitor::AuditSnapshot now = monitor::snapshot_of(s.city, s.audit, "this audit");
            const monitor::Changes changes = monitor::compare_audits(before, now, s.rules.monitoring);
            since = monitor::disposal_progress(before, now, changes, s.rules);
        }
        const evaluate::Evaluation ev = evaluate::evaluate(s.city, s.audit, s.rules, since ? &*since : nullptr);
        const report::EvaluationResult result{s.city, s.audit, s.rules, ev, since_};

        OutputSet written;
        if (!out_.empty()) report::write_evaluation_gpkg(out_, result);
        if (!csv_dir_.empty()) report::write_evaluation_csv(csv_dir_, result);
        int64_t stored = 0;
        if (store_) {
            store::Connection c(input_.session.data);
            stored = store::store_evaluation(c, result);
        }
        written.commit();
        bar.finish();
        print_notes(s);
        if (stored)
            std::fprintf(stderr, "parkcap: stored as evaluation %lld (as of %s) in %s\n", static_cast<long long>(stored),
                         ev.as_of.iso().c_str(), store::Connection::shown(input_.session.data).c_str());
        if (json_) print_json_document(evaluate_summary_json(result, out_, csv_dir_));
        else std::fputs(evaluate_summary_text(result, out_, csv_dir_).c_str(), stdout);
        return kExitOk;
    }

private:
    InputOptions input_;
    std::string out_, csv_dir_, since_;
    bool overwrite_ = false, json_ = false, store_ = false;
};

}  // namespace

std::unique_ptr<Command> make_evaluate_command() { return std::make_unique<EvaluateCommand>(); }

}  // namespace parkcap::cli
