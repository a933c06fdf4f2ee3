// The overrides file: any text is either overrides without contradictions or a
// DataError naming the file.
#include <set>
#include <string>

#include "fuzz_target.hpp"
#include "parkcap/allocate/allocate.hpp"
#include "parkcap/core/error.hpp"

using namespace parkcap;

PARKCAP_FUZZ_TARGET {
    try {
        const allocate::Overrides ov = allocate::parse_overrides(fuzz::as_text(data, size), "fuzz.toml");
        std::set<std::string> pinned;
        for (const auto& pin : ov.pins) fuzz::require(pinned.insert(pin.project).second, "one pin per project");
        for (const auto& id : ov.forbidden_projects) fuzz::require(!pinned.count(id), "no project pinned and forbidden");
    } catch (const Error& e) {
        fuzz::require(std::string(e.what()).find("fuzz.toml") != std::string::npos, "an overrides error names the file");
    }
    return 0;
}
