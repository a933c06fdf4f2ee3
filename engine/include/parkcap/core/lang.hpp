#pragma once
// The language a front end writes its labels in. Names in the data stay as they are.
#include <cstdint>

namespace parkcap {

enum class Lang : uint8_t { Zh, En };

}  // namespace parkcap
