// parkcap: the command line. Thin by design: it parses arguments, calls the
// engine, prints, and maps errors to the documented exit codes (docs/cli.md).
#include <cstdio>
#include <exception>
#include <filesystem>
#include <memory>
#include <vector>

#include <CLI/CLI.hpp>
#include <cpl_conv.h>
#include <cpl_error.h>

#include "command.hpp"
#include "parkcap/core/atomic_file.hpp"
#include "parkcap/core/error.hpp"
#include "parkcap/store/connection.hpp"

using namespace parkcap;
using namespace parkcap::cli;

namespace {
int report(const Error& e, int code) {
    std::fprintf(stderr, "parkcap: error: %s\n", e.what());
    if (!e.hint().empty()) std::fprintf(stderr, "hint: %s\n", e.hint().c_str());
    return code;
}
}  // namespace

int main(int argc, char** argv) {
    // parkcap reports every GDAL/PROJ failure itself, naming file, layer and
    // feature; GDAL's own lines on stderr would only repeat them out of context.
    // Set CPL_DEBUG=ON to see them when diagnosing a driver.
    if (!CPLGetConfigOption("CPL_DEBUG", nullptr)) CPLSetErrorHandler(CPLQuietErrorHandler);
    // Ctrl-C or a kill leaves no half-written temporary files behind.
    install_interrupt_cleanup();
    CLI::App app{"parkcap: land and park capacity planner (闲置低效用地清查、园区承载力与项目落地)", "parkcap"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "parkcap 0.1.0");

    std::vector<std::unique_ptr<Command>> commands;
    commands.push_back(make_info_command());
    commands.push_back(make_audit_command());
    commands.push_back(make_allocate_command());
    commands.push_back(make_plan_command());
    commands.push_back(make_compare_command());
    commands.push_back(make_evaluate_command());
    commands.push_back(make_series_command());
    commands.push_back(make_brief_command());
    commands.push_back(make_rules_command());
    commands.push_back(make_db_command());
    Command* chosen = nullptr;
    for (auto& c : commands) {
        CLI::App* sub = app.add_subcommand(c->name(), c->description());
        c->setup(*sub);
        sub->callback([&chosen, cmd = c.get()] { chosen = cmd; });
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? kExitOk : kExitUsage;
    }
    try {
        return chosen ? chosen->run() : kExitUsage;
    } catch (const store::ConflictError& e) {
        return report(e, kExitConflict);
    } catch (const store::PermissionError& e) {
        return report(e, kExitDenied);
    } catch (const UsageError& e) {
        return report(e, kExitUsage);
    } catch (const InputError& e) {
        return report(e, kExitInput);
    } catch (const DataError& e) {
        return report(e, kExitData);
    } catch (const OutputError& e) {
        return report(e, kExitOutput);
    } catch (const std::filesystem::filesystem_error& e) {
        // A file or folder the run needed could not be read, made or replaced.
        std::fprintf(stderr, "parkcap: error: %s%s%s: %s\n", e.path1().c_str(), e.path2().empty() ? "" : " -> ",
                     e.path2().c_str(), e.code().message().c_str());
        std::fprintf(stderr, "hint: check that the path exists and that you may read and write there\n");
        return kExitOutput;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "parkcap: internal error: %s\nThis is a bug in parkcap; please report it with the command line.\n", e.what());
        return kExitInternal;
    }
}
