// Shares written as exact fractions in the rules file ("1/3"): a fraction that
// parses is finite and positive-denominator arithmetic of its parts.
#include <cmath>

#include "../../engine/src/core/detail/strict_toml.hpp"
#include "fuzz_target.hpp"

using namespace parkcap;

PARKCAP_FUZZ_TARGET {
    if (const auto v = strict_toml::parse_fraction(fuzz::as_text(data, size)))
        fuzz::require(std::isfinite(*v) && *v >= 0, "a parsed fraction is a finite share");
    return 0;
}
