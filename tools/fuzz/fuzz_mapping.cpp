// The mapping file: any text is either a mapping or a DataError naming the file.
#include <string>

#include "fuzz_target.hpp"
#include "parkcap/core/error.hpp"
#include "parkcap/io/mapping.hpp"

using namespace parkcap;

PARKCAP_FUZZ_TARGET {
    try {
        (void)io::parse_mapping(fuzz::as_text(data, size), "fuzz.toml");
    } catch (const Error& e) {
        fuzz::require(std::string(e.what()).find("fuzz.toml") != std::string::npos, "a mapping error names the file");
    }
    return 0;
}
