// `parkcap audit DATA --as-of DATE --out AUDIT.gpkg`: flag idle and inefficient
// land, account park capacity and the shoreline, write the results; with
// `--conditions PLAN.gpkg`, also review a plan's land-supply conditions (达产复核).
#include <cstdio>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "audit_summary.hpp"
#include "cli_support.hpp"
#include "command.hpp"
#include "review_summary.hpp"
#include "parkcap/core/atomic_file.hpp"
#include "parkcap/core/error.hpp"
#include "parkcap/report/audit_report.hpp"
#include "parkcap/store/snapshot.hpp"

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
        input_.add_rules(app);
        app.add_option("--as-of", input_.session.as_of, "the audit date (YYYY-MM-DD) every age is computed from")->check(kNonEmpty)->required();
        app.add_option("--out", out_, "the audit GeoPackage to write (AUDIT.gpkg); optional with --store")->check(kNonEmpty);
        app.add_flag("--store", store_, "write the audit back into the store DATA names (PG:...) as a new dated snapshot");
        app.add_option("--csv", csv_dir_, "also write the tables as CSV (UTF-8 with BOM) into this folder")->check(kNonEmpty);
        app.add_flag("--overwrite", overwrite_, "replace --out if it exists");
        app.add_flag("--json", json_, "print the summary as JSON on stdout");
        app.add_option("--threads", input_.session.threads, "worker threads (default: all cores)");
        app.add_option("--conditions", input_.session.conditions_file,
                       "review the land-supply conditions of this PLAN.gpkg against the land as built (达产复核): "
                       "writes the review table")
            ->check(kNonEmpty);
    }

    int run() override {
        session::validate(input_.session);
        check_store_option(store_, input_.session.data, out_);
        std::vector<session::OutputTarget> targets;
        if (!out_.empty()) {
            targets.push_back({out_, "--out", session::OutputKind::GeoPackage, overwrite_});
            // Written only when the load stops, but never over an input either.
            input_.session.rejects_file = rejects_beside(out_);
            targets.push_back({input_.session.rejects_file, "--out (its rejects report)", session::OutputKind::CsvFile, true});
        }
        if (!csv_dir_.empty()) targets.push_back({csv_dir_, "--csv", session::OutputKind::CsvFolder, true});
        cli::check_outputs(input_.session, targets);

        ProgressBar bar(input_.quiet);
        const session::Session s = session::run(input_.session, session::Until::Audit, bar.callback());
        // The GeoPackage and its CSV tables replace the previous run's as one set.
        OutputSet written;
        const auto* review = s.review ? &*s.review : nullptr;
        if (!out_.empty()) report::write_audit_gpkg(out_, s.city, s.audit, s.rules, bar.callback(), review);
        if (!csv_dir_.empty()) report::write_audit_csv(csv_dir_, s.city, s.audit, s.rules, review);
        int64_t stored = 0;
        if (store_) {
            store::Connection c(input_.session.data);
            stored = store::store_audit(c, s.city, s.audit, s.rules, review);
        }
        written.commit();
        bar.finish();
        print_notes(s);
        if (stored) std::fprintf(stderr, "parkcap: stored as audit %lld (as of %s) in %s\n", static_cast<long long>(stored),
                                 s.audit.as_of.iso().c_str(), store::Connection::shown(input_.session.data).c_str());

        const AuditOutputs outputs{out_, csv_dir_};
        if (json_) {
            auto document = audit_summary_json(s.city, s.audit, s.rules, outputs);
            if (review) document["review"] = review_summary_json(*review, input_.session.conditions_file);
            print_json_document(document);
        } else {
            std::fputs(audit_summary_text(s.city, s.audit, s.rules, outputs).c_str(), stdout);
            if (review) std::fputs(review_summary_text(*review, input_.session.conditions_file).c_str(), stdout);
        }
        return kExitOk;
    }

private:
    InputOptions input_;
    std::string out_, csv_dir_;
    bool overwrite_ = false, json_ = false, store_ = false;
};

}  // namespace

std::unique_ptr<Command> make_audit_command() { return std::make_unique<AuditCommand>(); }

}  // namespace parkcap::cli
