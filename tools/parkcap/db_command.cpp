// `parkcap db ...`: the shared store (PostgreSQL + PostGIS, docs/store.md).
//   db init PG:...                          create or bring up to date the schema
//   db import DATA --db PG:... [--mapping F] load a package through the same loader as
//                                           every command and replace the store's land
//   db place|move PG:... --project ID (--park P | --site S) [--pin] [--reason TEXT]
//   db pin|unplace PG:... --project ID [--unpin] [--reason TEXT]
//                                           change the shared plan in one transaction
//   db ledger PG:...                        each district's quota: opening, earned, spent, left
//   db log PG:... [--project ID | --parcel ID | --since DATE]   the decision log (留痕)
#include <cstdio>
#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "cli_support.hpp"
#include "command.hpp"
#include "parkcap/store/connection.hpp"
#include "parkcap/store/import.hpp"
#include "parkcap/store/decisions.hpp"
#include "parkcap/store/placements.hpp"
#include "parkcap/store/schema.hpp"
#include "parkcap/store/snapshot.hpp"

namespace parkcap::cli {

namespace {

const CLI::Validator kStoreAddress(
    [](std::string& value) {
        return store::is_store_address(value) ? std::string()
                                              : std::string("not a store address; give PG:\"host=... dbname=... user=...\"");
    },
    "PG:...", "STORE");

class DbCommand : public Command {
public:
    const char* name() const override { return "db"; }
    const char* description() const override {
        return "The shared store (PostgreSQL + PostGIS): create it, import a package, record and read decisions";
    }

    void setup(CLI::App& app) override {
        app.require_subcommand(1);
        CLI::App* init = app.add_subcommand("init", "Create the store's schema in a PostgreSQL database, or apply the "
                                                    "migrations an older store lacks");
        init->add_option("STORE", address_, "the database: PG:\"host=... dbname=... user=...\"")->required()->check(kStoreAddress);
        init->callback([this] { action_ = Action::Init; });

        CLI::App* import = app.add_subcommand("import", "Load a package (files, GeoPackage) through the same loader as "
                                                        "every command and make it the store's land, in one transaction");
        input_.add_to(*import);
        input_.add_rules(*import);
        import->add_option("--db", address_, "the store to import into: PG:\"host=... dbname=... user=...\"")
            ->required()
            ->check(kStoreAddress);
        import->add_flag("--strict", strict_, "import nothing (exit 4) when any record is rejected");
        import->callback([this] { action_ = Action::Import; });

        auto change = [&](const char* verb, const char* what, Action action, bool needs_place) {
            CLI::App* sub = app.add_subcommand(verb, what);
            sub->add_option("STORE", address_, "the store: PG:\"host=... dbname=... user=...\"")->required()->check(kStoreAddress);
            sub->add_option("--project", project_, "the project (project_id)")->required()->check(kNonEmpty);
            sub->add_option("--reason", reason_, "why, in your words: kept in the decision log")->check(kNonEmpty);
            if (needs_place) {
                auto* park = sub->add_option("--park", park_, "the park: its best site that fits (stock land first)")->check(kNonEmpty);
                auto* site = sub->add_option("--site", site_, "the site (site_id, as PLAN.gpkg's sites layer names it)")->check(kNonEmpty);
                park->excludes(site);
                sub->add_flag("--pin", pin_, "pin it there: the optimiser keeps it");
                input_placement_.session.data.clear();
                sub->add_option("--rules", input_placement_.session.rules_files, "rules file(s) the placement is judged by")
                    ->check(CLI::ExistingFile);
                sub->add_option("--as-of", input_placement_.session.as_of,
                                "the date the land's state is judged at; default: the latest audit stored")
                    ->check(kNonEmpty);
                sub->add_flag("-q,--quiet", input_placement_.quiet, "no progress bar");
            }
            if (action == Action::Pin) sub->add_flag("--unpin", unpin_, "release the pin instead");
            sub->callback([this, action] { action_ = action; });
        };
        change("place", "Place a project on a site in the store, drawing its district's quota in one transaction",
               Action::Place, true);
        change("move", "Move a placed project to another site in one transaction", Action::Move, true);
        change("pin", "Pin a placed project where it is (or --unpin)", Action::Pin, false);
        change("unplace", "Remove a project's placement, releasing its land and quota", Action::Unplace, false);

        CLI::App* ledger = app.add_subcommand("ledger", "Each district's quota in the store: opening, earned, spent, left");
        ledger->add_option("STORE", address_, "the store: PG:...")->required()->check(kStoreAddress);
        ledger->add_flag("--json", json_, "print as JSON");
        ledger->callback([this] { action_ = Action::Ledger; });

        CLI::App* log = app.add_subcommand("log", "The decision log (留痕): who changed what, when, before and after, why");
        log->add_option("STORE", address_, "the store: PG:...")->required()->check(kStoreAddress);
        auto* by_project = log->add_option("--project", log_filter_.project_id, "only this project's decisions")->check(kNonEmpty);
        auto* by_parcel = log->add_option("--parcel", log_filter_.parcel_id, "only decisions touching this parcel")->check(kNonEmpty);
        log->add_option("--since", since_, "only decisions made on or after this date (YYYY-MM-DD)")->check(kNonEmpty);
        by_project->excludes(by_parcel);
        log->add_flag("--json", json_, "print as JSON");
        log->callback([this] { action_ = Action::Log; });
    }

    int run() override {
        switch (action_) {
        case Action::Init: return run_init();
        case Action::Import: return run_import();
        case Action::Place: return run_place(false);
        case Action::Move: return run_place(true);
        case Action::Pin: return run_pin();
        case Action::Unplace: return run_unplace();
        case Action::Ledger: return run_ledger();
        case Action::Log: return run_log();
        }
        return kExitUsage;
    }

private:
    enum class Action { Init, Import, Place, Move, Pin, Unplace, Ledger, Log };

    int run_init() {
        store::Connection c(address_);
        const store::InitResult r = store::init_store(c);
        if (r.applied.empty()) {
            std::printf("%s: the store's schema is up to date (version %d)\n", c.address().c_str(), r.found_version);
        } else {
            std::printf("%s: schema version %d -> %d\n", c.address().c_str(), r.found_version, r.applied.back());
            for (const auto& m : store::migrations())
                for (int v : r.applied)
                    if (v == m.version) std::printf("  %d  %s\n", m.version, m.description.c_str());
        }
        return kExitOk;
    }

    int run_import() {
        if (store::is_store_address(input_.session.data))
            throw UsageError(fmt::format("{}: DATA is a store; db import reads a package of files", input_.session.data),
                             "to copy one store into another, use pg_dump and pg_restore (docs/store.md)");
        session::validate(input_.session);
        store::Connection c(address_);
        store::require_current_schema(c);
        ProgressBar bar(input_.quiet);
        const session::Session s = session::load(input_.session, bar.callback());
        bar.finish();
        print_notes(s);
        const City& city = s.city;
        const uint64_t rejected = city.report.count(Severity::Rejected);
        TextTable layers({"layer", "read", "kept", "incomplete", "repaired", "merged", "rejected"},
                         {false, true, true, true, true, true, true});
        for (const auto& [layer, n] : city.report.counts)
            layers.add({layer, std::to_string(n.read), std::to_string(n.kept), std::to_string(n.incomplete),
                        std::to_string(n.repaired), std::to_string(n.merged), std::to_string(n.rejected)});
        std::fputs(layers.render().c_str(), stdout);
        if (strict_ && rejected > 0) {
            std::fprintf(stderr, "parkcap: error: %s: %llu records rejected; nothing imported (--strict)\n",
                         input_.session.data.c_str(), static_cast<unsigned long long>(rejected));
            std::fprintf(stderr, "hint: parkcap info %s --rejects FILE lists them with file, layer, feature and field\n",
                         input_.session.data.c_str());
            return kExitData;
        }
        const store::ImportResult r = store::import_city(c, city, input_.session.data);
        std::printf("%s: import %lld: %llu parcels in %llu district partitions, %llu parks, %llu shoreline segments, "
                    "%llu districts with a boundary, %llu projects, %llu quota rows (working CRS EPSG:%d)\n",
                    c.address().c_str(), static_cast<long long>(r.import_id), static_cast<unsigned long long>(r.parcels),
                    static_cast<unsigned long long>(r.partitions), static_cast<unsigned long long>(r.parks),
                    static_cast<unsigned long long>(r.shoreline), static_cast<unsigned long long>(r.districts),
                    static_cast<unsigned long long>(r.projects), static_cast<unsigned long long>(r.quota), city.crs.epsg);
        if (rejected > 0)
            std::printf("%llu records rejected, listed with the import's report in the store's import_issues table "
                        "(import_id %lld)\n",
                        static_cast<unsigned long long>(rejected), static_cast<long long>(r.import_id));
        return kExitOk;
    }

    int run_place(bool move) {
        if (park_.empty() && site_.empty()) throw UsageError("say where: --park P or --site S");
        store::Connection c(address_);
        store::require_current_schema(c);
        session::Options o = input_placement_.session;
        o.data = address_;
        if (o.as_of.empty()) o.as_of = store::latest_audit_date(c);
        if (o.as_of.empty())
            throw UsageError(fmt::format("{}: no audit is stored, so no date to judge the land at", c.address()),
                             "give --as-of DATE, or store an audit first (parkcap audit PG:... --as-of DATE --store)");
        session::validate(o);
        ProgressBar bar(input_placement_.quiet);
        session::Session s = session::load(o, bar.callback());
        session::audit(s, bar.callback());
        allocate::Plan frame = allocate::plan_frame(s.city, s.allocation_audit(), s.rules);
        for (const auto& note : store::apply_stored_placements(c, s.city, s.rules, frame))
            std::fprintf(stderr, "parkcap: note: %s\n", note.c_str());
        bar.finish();
        const auto j = s.city.find_project(project_);
        if (!j) throw UsageError(fmt::format("--project {}: the store has no such project", project_));
        std::size_t site = 0;
        if (!site_.empty()) {
            const auto it = std::find_if(frame.sites.begin(), frame.sites.end(),
                                         [&](const allocate::Site& x) { return x.site_id == site_; });
            if (it == frame.sites.end())
                throw UsageError(fmt::format("--site {}: the land as imported has no such site", site_),
                                 "site ids are listed in PLAN.gpkg's sites layer (parkcap plan PG:... --out PLAN.gpkg)");
            site = static_cast<std::size_t>(it - frame.sites.begin());
        } else {
            const auto p = s.city.find_park(park_);
            if (!p) throw UsageError(fmt::format("--park {}: the store has no such park", park_));
            allocate::Plan view = frame;
            if (view.state.placement_of[*j]) allocate::unplace(s.city, s.rules, view, *j);
            const auto best = allocate::best_site_in_park(s.city, s.rules, view, *j, *p);
            if (!best)
                throw DataError(fmt::format("{}: no site in park {} takes project {} now", c.address(), park_, project_),
                                "parkcap plan PG:... --out PLAN.gpkg shows why in its unplaced layer");
            site = *best;
        }
        store::place_project(c, s.city, s.rules, frame, *j, site, pin_, move, {reason_, s.rules.version});
        std::printf("%s: %s %s on %s (park %s)%s\n", c.address().c_str(), move ? "moved" : "placed", project_.c_str(),
                    frame.sites[site].site_id.c_str(), s.city.parks[frame.sites[site].park].park_id.c_str(),
                    pin_ ? ", pinned" : "");
        return kExitOk;
    }

    int run_pin() {
        store::Connection c(address_);
        store::pin_project(c, project_, !unpin_, {reason_, ""});
        std::printf("%s: %s %s\n", c.address().c_str(), unpin_ ? "unpinned" : "pinned", project_.c_str());
        return kExitOk;
    }

    int run_unplace() {
        store::Connection c(address_);
        store::unplace_project(c, project_, {reason_, ""});
        std::printf("%s: unplaced %s\n", c.address().c_str(), project_.c_str());
        return kExitOk;
    }

    int run_ledger() {
        store::Connection c(address_);
        store::require_current_schema(c);
        const auto rows = store::stored_ledger(c);
        if (json_) {
            nlohmann::ordered_json doc = nlohmann::ordered_json::array();
            for (const auto& r : rows)
                doc.push_back({{"district", r.district}, {"name", r.name}, {"opening_mu", r.opening_mu},
                               {"earned_before_mu", r.earned_before_mu}, {"earned_plan_mu", r.earned_plan_mu},
                               {"spent_mu", r.spent_mu}, {"left_mu", r.left_mu}});
            print_json_document(doc);
            return kExitOk;
        }
        TextTable t({"district", "name", "opening 亩", "earned before 亩", "earned here 亩", "spent 亩", "left 亩"},
                    {false, false, true, true, true, true, true});
        for (const auto& r : rows) t.add({r.district, r.name, r.opening_mu, r.earned_before_mu, r.earned_plan_mu, r.spent_mu, r.left_mu});
        std::fputs(t.render().c_str(), stdout);
        return kExitOk;
    }

    int run_log() {
        store::Connection c(address_);
        store::require_current_schema(c);
        if (!since_.empty()) log_filter_.since = session::parse_as_of(since_);
        const auto entries = store::read_decisions(c, log_filter_);
        if (json_) {
            nlohmann::ordered_json doc = nlohmann::ordered_json::array();
            for (const auto& e : entries)
                doc.push_back({{"decision_id", e.decision_id}, {"made_at", e.made_at}, {"made_by", e.made_by},
                               {"acting_as", e.acting_as}, {"action", e.action}, {"project_id", e.project_id},
                               {"parcel_ids", e.parcel_ids}, {"before", nlohmann::ordered_json::parse(e.before)},
                               {"after", nlohmann::ordered_json::parse(e.after)}, {"rules_version", e.rules_version},
                               {"reason", e.reason}});
            print_json_document(doc);
            return kExitOk;
        }
        for (const auto& e : entries) {
            std::printf("#%lld %s %s%s %s %s\n", static_cast<long long>(e.decision_id), e.made_at.c_str(), e.made_by.c_str(),
                        e.acting_as != e.made_by ? (" (as " + e.acting_as + ")").c_str() : "", e.action.c_str(),
                        e.project_id.c_str());
            if (!e.parcel_ids.empty()) {
                std::string ids;
                for (const auto& p : e.parcel_ids) ids += (ids.empty() ? "" : ", ") + p;
                std::printf("  parcels: %s\n", ids.c_str());
            }
            std::printf("  before: %s\n  after:  %s\n", e.before.c_str(), e.after.c_str());
            if (!e.rules_version.empty()) std::printf("  rules: %s\n", e.rules_version.c_str());
            if (!e.reason.empty()) std::printf("  reason: %s\n", e.reason.c_str());
        }
        std::printf("%zu decisions\n", entries.size());
        return kExitOk;
    }

    Action action_ = Action::Init;
    InputOptions input_placement_;
    std::string project_, park_, site_, reason_, since_;
    bool pin_ = false, unpin_ = false, json_ = false;
    store::DecisionFilter log_filter_;
    std::string address_;
    InputOptions input_;
    bool strict_ = false;
};

}  // namespace

std::unique_ptr<Command> make_db_command() { return std::make_unique<DbCommand>(); }

}  // namespace parkcap::cli
