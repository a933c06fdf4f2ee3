#pragma once
// What every part of the sample-city generator shares: its failure path and units.
#include <limits>
#include <stdexcept>
#include <string>

namespace sample_city {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
inline constexpr double kM2PerMu = 10000.0 / 15.0;  // 1 亩 = 1/15 ha

/// The generator stops at the first inconsistency: a sample that does not match
/// its own design must not be written.
[[noreturn]] inline void fail(const std::string& message) { throw std::runtime_error(message); }

}  // namespace sample_city
