// `parkcap db ...`: the shared store (PostgreSQL + PostGIS, docs/store.md).
//   db init PG:...                          create or bring up to date the schema
//   db import DATA --db PG:... [--mapping F] load a package through the same loader as
//                                           every command and replace the store's land
#include <cstdio>
#include <map>

#include <fmt/format.h>

#include "cli_support.hpp"
#include "command.hpp"
#include "parkcap/store/connection.hpp"
#include "parkcap/store/import.hpp"
#include "parkcap/store/schema.hpp"

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
    }

    int run() override {
        switch (action_) {
        case Action::Init: return run_init();
        case Action::Import: return run_import();
        }
        return kExitUsage;
    }

private:
    enum class Action { Init, Import };

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

    Action action_ = Action::Init;
    std::string address_;
    InputOptions input_;
    bool strict_ = false;
};

}  // namespace

std::unique_ptr<Command> make_db_command() { return std::make_unique<DbCommand>(); }

}  // namespace parkcap::cli
