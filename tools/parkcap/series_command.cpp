// `parkcap series AUDIT1.gpkg ... AUDITn.gpkg --out SERIES.gpkg`: N audits of one
// city as a time series: per place and date the stock and capacity figures, and
// the 处置率 since the audit before; as a table, CSV and charts.
#include <cstdio>

#include <fmt/format.h>

#include "cli_support.hpp"
#include "command.hpp"
#include "parkcap/core/atomic_file.hpp"
#include "parkcap/core/error.hpp"
#include "parkcap/monitor/series.hpp"
#include "parkcap/report/series_report.hpp"
#include "parkcap/report/snapshot_reader.hpp"
#include "parkcap/rules/rules.hpp"
#include "series_summary.hpp"

namespace parkcap::cli {

namespace {

class SeriesCommand : public Command {
public:
    const char* name() const override { return "series"; }
    const char* description() const override {
        return "N audits of one city over time: stock, utilisation, 亩均 tax and 处置率 per city, district and park; charts";
    }

    void setup(CLI::App& app) override {
        app.add_option("AUDITS", audits_, "the AUDIT.gpkg files of one city (two or more, any order: sorted by date)")
            ->check(kNonEmpty)
            ->required();
        app.add_option("--out", out_, "the series GeoPackage to write (SERIES.gpkg)")->check(kNonEmpty)->required();
        app.add_option("--csv", csv_dir_, "also write the tables as CSV (UTF-8 with BOM) into this folder")->check(kNonEmpty);
        app.add_option("--charts", charts_dir_, "draw one PNG line chart per measure into this folder")->check(kNonEmpty);
        app.add_option("--rules", rules_files_, "rules files laid over the built-in rules ([monitoring])")->check(kNonEmpty);
        app.add_flag("--overwrite", overwrite_, "replace --out if it exists");
        app.add_flag("--json", json_, "print the summary as JSON on stdout");
    }

    int run() override {
        if (audits_.size() < 2)
            throw UsageError(fmt::format("series: one audit given ({}); a series needs two or more", audits_.front()),
                             "give every AUDIT.gpkg of the city: parkcap series A1.gpkg A2.gpkg ... --out SERIES.gpkg");
        session::Options inputs;
        inputs.other_inputs = audits_;
        inputs.rules_files = rules_files_;
        std::vector<session::OutputTarget> targets{{out_, "--out", session::OutputKind::GeoPackage, overwrite_}};
        if (!csv_dir_.empty()) targets.push_back({csv_dir_, "--csv", session::OutputKind::CsvFolder, true});
        if (!charts_dir_.empty()) targets.push_back({charts_dir_, "--charts", session::OutputKind::PngFolder, true});
        check_outputs(inputs, targets);

        const rules::Rules rules = rules::load_rules(rules_files_);
        std::vector<monitor::AuditSnapshot> snapshots;
        for (const std::string& path : audits_) snapshots.push_back(session::read_audit_snapshot(path));
        const monitor::AuditSeries series = monitor::build_series(std::move(snapshots), rules);
        for (const std::string& note : series.notes) std::fprintf(stderr, "parkcap: note: %s\n", note.c_str());

        SeriesOutputs outputs{out_, csv_dir_, charts_dir_, {}};
        OutputSet written;
        report::write_series_gpkg(out_, series, rules);
        if (!csv_dir_.empty()) report::write_series_csv(csv_dir_, series, rules);
        if (!charts_dir_.empty()) outputs.charts = report::write_series_charts(charts_dir_, series);
        written.commit();

        if (json_) print_json_document(series_summary_json(series, outputs));
        else std::fputs(series_summary_text(series, outputs).c_str(), stdout);
        return kExitOk;
    }

private:
    std::vector<std::string> audits_, rules_files_;
    std::string out_, csv_dir_, charts_dir_;
    bool overwrite_ = false, json_ = false;
};

}  // namespace

std::unique_ptr<Command> make_series_command() { return std::make_unique<SeriesCommand>(); }

}  // namespace parkcap::cli
