#pragma once
// What every fuzz target shares: the libFuzzer entry point's signature, and how a
// target says an input broke a promise. A parser may refuse any input with a
// parkcap::Error (that is its job); anything else (another exception, a broken
// invariant, a sanitizer report) is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#define PARKCAP_FUZZ_TARGET extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)

namespace parkcap::fuzz {

inline std::string_view as_text(const uint8_t* data, size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

/// Aborts (a finding) when `holds` is false, saying which promise broke.
inline void require(bool holds, const char* promise) {
    if (holds) return;
    std::fprintf(stderr, "fuzz: broken promise: %s\n", promise);
    std::abort();
}

}  // namespace parkcap::fuzz
