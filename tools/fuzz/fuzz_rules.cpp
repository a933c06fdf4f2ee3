// The rules file: any text is either rules that pass their own checks, or a
// DataError listing what is wrong; never a crash, a hang or another exception.
#include <string>

#include "fuzz_target.hpp"
#include "parkcap/core/error.hpp"
#include "parkcap/rules/rules.hpp"

using namespace parkcap;

PARKCAP_FUZZ_TARGET {
    try {
        (void)rules::parse_rules(fuzz::as_text(data, size), "fuzz.toml");
    } catch (const Error& e) {
        fuzz::require(std::string(e.what()).find("fuzz.toml") != std::string::npos, "a rules error names the file");
    }
    return 0;
}
