// `parkcap brief DATA --as-of DATE --out BRIEF.pdf`: the printed briefing pack, drawn
// from the same session (audit, plan, evaluation, disposal since an earlier audit)
// the other commands write, by the engine's brief module.
#include <cstdio>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "command.hpp"
#include "parkcap/brief/brief.hpp"
#include "parkcap/carto/flows.hpp"
#include "parkcap/core/atomic_file.hpp"
#include "parkcap/core/error.hpp"
#include "parkcap/monitor/changes.hpp"
#include "parkcap/report/snapshot_reader.hpp"

namespace parkcap::cli {

namespace {

class BriefCommand : public Command {
public:
    const char* name() const override { return "brief"; }
    const char* description() const override {
        return "Write the briefing pack as a PDF: headline figures, the city map, a page per park, the quota ledger, "
               "enclave flows, the park ranking and disposal progress";
    }

    void setup(CLI::App& app) override {
        session::Options& o = input_.session;
        input_.add_to(app);
        input_.add_rules(app);
        app.add_option("--as-of", o.as_of, "the audit date (YYYY-MM-DD); default: the --audit file's date")->check(kNonEmpty);
        app.add_option("--out", out_, "the PDF to write (BRIEF.pdf)")->check(kNonEmpty)->required();
        app.add_option("--audit", o.audit_file,
                       "an AUDIT.gpkg written by `parkcap audit` on the same DATA: its findings are used for the plan, "
                       "and checked against the data (default: run the audit)")
            ->check(kNonEmpty)->check(CLI::ExistingFile);
        app.add_option("--plan", o.plan_file, "a PLAN.gpkg (or viewer overrides) to reopen instead of planning afresh")
            ->check(kNonEmpty)->check(CLI::ExistingFile);
        app.add_option("--projects", o.projects_file, "projects table; default: DATA/projects.csv")->check(kNonEmpty);
        app.add_option("--quota", o.quota_file, "district quota table; default: DATA/quota.csv")->check(kNonEmpty);
        app.add_option("--overrides", o.overrides_file, "pins, exclusions, locked parcels and reserves (TOML)")
            ->check(kNonEmpty)->check(CLI::ExistingFile);
        app.add_option("--since", since_, "an earlier AUDIT.gpkg of this city: adds the disposal progress page")
            ->check(kNonEmpty);
        app.add_option("--time-limit", o.time_limit_s, "solver time limit in seconds (default: rules [solver] time_limit_s)");
        app.add_option("--paper", paper_, "a4 or a3 (landscape)")->check(CLI::IsMember({"a4", "a3"}));
        app.add_option("--lang", lang_, "zh or en: the language of the pack's own text (names stay as in the data)")
            ->check(CLI::IsMember({"zh", "en"}));
        app.add_flag("--no-plan", no_plan_, "leave out the plan (no ledger or flows pages, no projects per park)");
        app.add_flag("--overwrite", overwrite_, "replace --out if it exists");
        app.add_flag("--json", json_, "print the pages (and each map's page transform) as JSON on stdout");
        app.add_option("--threads", o.threads, "worker threads (default: all cores)");
    }

    int run() override {
        session::validate(input_.session);
        if (!since_.empty()) input_.session.other_inputs.push_back(since_);
        input_.session.rejects_file = rejects_beside(out_);
        check_outputs(input_.session, {{out_, "--out", session::OutputKind::Pdf, overwrite_},
                                       {input_.session.rejects_file, "--out (its rejects report)", session::OutputKind::CsvFile, true}});

        ProgressBar bar(input_.quiet);
        session::Session s = session::load(input_.session, bar.callback());
        session::audit(s, bar.callback());
        std::string why;
        const bool plan = !no_plan_ && session::can_plan(s.city, &why);
        if (!no_plan_ && !plan) s.notes.push_back("no plan pages: " + why);
        if (plan) session::plan(s, bar.callback());

        std::optional<monitor::DisposalProgress> progress;
        Date since_date;
        if (!since_.empty()) {
            const monitor::AuditSnapshot before = session::read_audit_snapshot(since_);
            const monitor::AuditSnapshot now = monitor::snapshot_of(s.city, s.audit, "this audit");
            const monitor::Changes changes = monitor::compare_audits(before, now, s.rules.monitoring);
            progress = monitor::disposal_progress(before, now, changes, s.rules);
            since_date = before.as_of;
        }
        const evaluate::Evaluation evaluation =
            evaluate::evaluate(s.city, s.audit, s.rules, progress ? &*progress : nullptr);

        brief::BriefInputs in;
        in.city = &s.city;
        in.rules = &s.rules;
        in.audit = &s.audit;
        in.plan = plan ? &s.plan : nullptr;
        in.evaluation = &evaluation;
        in.progress = progress ? &*progress : nullptr;
        in.since = since_date;
        brief::BriefOptions options;
        options.paper = paper_ == "a3" ? brief::Paper::A3 : brief::Paper::A4;
        options.lang = lang_ == "en" ? Lang::En : Lang::Zh;
        options.data_label = input_.session.data;
        options.run_date = session::today();

        OutputSet written;
        const brief::BriefLayout layout = brief::write_brief_pdf(out_, in, options);
        written.commit();
        bar.finish();
        print_notes(s);

        if (json_) {
            nlohmann::ordered_json j;
            j["out"] = out_;
            j["as_of"] = s.audit.as_of.iso();
            j["rules"] = {{"source", s.rules.source}, {"version", s.rules.version}};
            j["paper"] = paper_;
            j["page_width_pt"] = layout.page_width_pt;
            j["page_height_pt"] = layout.page_height_pt;
            j["pages"] = nlohmann::ordered_json::array();
            for (const brief::PageRecord& p : layout.pages) {
                nlohmann::ordered_json page{{"page", p.number}, {"kind", brief::to_string(p.kind)}, {"title", p.title}};
                if (p.park >= 0) page["park_id"] = s.city.parks[static_cast<std::size_t>(p.park)].park_id;
                if (p.map)
                    page["map"] = {{"origin_x_pt", p.map->origin_x_pt}, {"origin_y_pt", p.map->origin_y_pt},
                                   {"pt_per_m", p.map->pt_per_m},       {"frame_x_pt", p.map->frame_x_pt},
                                   {"frame_y_pt", p.map->frame_y_pt},   {"frame_width_pt", p.map->frame_width_pt},
                                   {"frame_height_pt", p.map->frame_height_pt}};
                for (const brief::Marker& k : p.markers)
                    page["markers"].push_back({{"parcel_id", s.city.parcels.parcel_id[k.parcel]}, {"number", k.number},
                                               {"x_pt", k.x_pt}, {"y_pt", k.y_pt}, {"radius_pt", k.radius_pt}});
                for (const brief::PlacedLabel& l : p.labels)
                    page["labels"].push_back({{"kind", l.kind}, {"text", l.text}, {"x0_pt", l.x0_pt}, {"y0_pt", l.y0_pt},
                                              {"x1_pt", l.x1_pt}, {"y1_pt", l.y1_pt}, {"leader", l.leader}});
                if (p.map && p.kind != brief::PageKind::Park) page["dropped_labels"] = p.dropped_labels;
                for (const brief::DrawnArc& a : p.arcs) {
                    nlohmann::ordered_json origins = nlohmann::ordered_json::array();
                    for (uint32_t d : a.origins) origins.push_back(s.city.districts[d].code);
                    page["arcs"].push_back({{"origin", a.origin == carto::kFoldedOrigin ? nlohmann::ordered_json() : nlohmann::ordered_json(s.city.districts[a.origin].code)},
                                            {"origins", origins},
                                            {"park_id", s.city.parks[a.park].park_id}, {"count", a.count}, {"sector", a.sector}, {"area_mu", a.area_mu},
                                            {"from_x_pt", a.from_x_pt}, {"from_y_pt", a.from_y_pt},
                                            {"control_x_pt", a.control_x_pt}, {"control_y_pt", a.control_y_pt},
                                            {"to_x_pt", a.to_x_pt}, {"to_y_pt", a.to_y_pt}, {"bend", a.bend}, {"width_pt", a.width_pt}});
                }
                j["pages"].push_back(page);
            }
            j["working_crs"] = s.city.crs.epsg;
            print_json_document(j);
        } else {
            std::printf("Wrote %s: %zu pages (%s landscape, %s) as of %s — rules %s\n", out_.c_str(), layout.pages.size(),
                        paper_ == "a3" ? "A3" : "A4", lang_.c_str(), s.audit.as_of.iso().c_str(), s.rules.version.c_str());
            for (const brief::PageRecord& p : layout.pages)
                std::printf("  %3d  %-9s %s\n", p.number, brief::to_string(p.kind), p.title.c_str());
        }
        return kExitOk;
    }

private:
    InputOptions input_;
    std::string out_, since_, paper_ = "a4", lang_ = "zh";
    bool overwrite_ = false, json_ = false, no_plan_ = false;
};

}  // namespace

std::unique_ptr<Command> make_brief_command() { return std::make_unique<BriefCommand>(); }

}  // namespace parkcap::cli
