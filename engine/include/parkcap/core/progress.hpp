#pragma once
#include <cstdint>
#include <functional>
#include <string_view>

namespace parkcap {

/// Reports progress of a long step: `stage` names it ("parcels", "index"), `done`
/// of `total` units are finished (`total` 0 when unknown). Engine steps call it
/// often; the receiver (the CLI's progress bar) rate-limits. May be empty.
using ProgressFn = std::function<void(std::string_view stage, uint64_t done, uint64_t total)>;

}  // namespace parkcap
