#pragma once
// The parkcap binary as a user runs it, for the command-line tests.
#include <string>

#include "support/fixtures.hpp"
#include "test_config.hpp"

namespace parkcap::test {

inline CommandResult run_parkcap(const std::string& args) { return run_command(std::string(kParkcapExe) + " " + args); }

/// Exit code, stdout and stderr, for a failing check's message.
inline std::string describe(const CommandResult& r) {
    return "exit " + std::to_string(r.exit_code) + "\n--- stdout\n" + r.out + "\n--- stderr\n" + r.err;
}

}  // namespace parkcap::test
