#pragma once
// One small class per subcommand: setup() declares and checks options without
// touching files; run() does the work through the engine and returns an exit code.
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace parkcap::cli {

/// Documented exit codes (docs/cli.md).
enum ExitCode : int {
    kExitOk = 0,
    kExitInternal = 1,    ///< a bug: please report
    kExitUsage = 2,       ///< bad arguments or options
    kExitInput = 3,       ///< an input that cannot be opened or read
    kExitData = 4,        ///< input read but unusable (or rejects under --strict)
    kExitOutput = 5,      ///< an output that cannot be written
    kExitConflict = 6,    ///< the store changed under the change (quota spent meanwhile): nothing written
    kExitDenied = 7,      ///< the store refused the change to this account (row-level security): nothing written
};

class Command {
public:
    virtual ~Command() = default;
    virtual const char* name() const = 0;
    virtual const char* description() const = 0;
    /// Declares options on `app` (the subcommand).
    virtual void setup(CLI::App& app) = 0;
    virtual int run() = 0;
};

std::unique_ptr<Command> make_info_command();
std::unique_ptr<Command> make_audit_command();
std::unique_ptr<Command> make_allocate_command();
std::unique_ptr<Command> make_plan_command();
std::unique_ptr<Command> make_rules_command();
std::unique_ptr<Command> make_compare_command();
std::unique_ptr<Command> make_evaluate_command();
std::unique_ptr<Command> make_series_command();
std::unique_ptr<Command> make_brief_command();
std::unique_ptr<Command> make_db_command();

}  // namespace parkcap::cli
