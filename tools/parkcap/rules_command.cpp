// `parkcap rules [--rules FILE]...`: the rules a run would apply, as one complete
// rules file with each value's origin, so a planner can see what their own file
// changed and where every other value comes from.
#include <cstdio>

#include "command.hpp"
#include "parkcap/rules/rules.hpp"

namespace parkcap::cli {

namespace {

class RulesCommand : public Command {
public:
    const char* name() const override { return "rules"; }
    const char* description() const override {
        return "Print the effective rules (the built-in rules with your --rules files laid over them), each "
               "value with the file and line it comes from";
    }

    void setup(CLI::App& app) override {
        app.add_option("--rules", files_,
                       "rules file laid over the built-in rules; repeat to layer several, later files win")
            ->allow_extra_args(false)
            ->check(CLI::ExistingFile);
    }

    int run() override {
        // Checked exactly as a run checks them: rules a run would refuse are never printed.
        const std::string text = rules::effective_rules_text(files_);
        std::fwrite(text.data(), 1, text.size(), stdout);
        return kExitOk;
    }

private:
    std::vector<std::string> files_;
};

}  // namespace

std::unique_ptr<Command> make_rules_command() { return std::make_unique<RulesCommand>(); }

}  // namespace parkcap::cli
