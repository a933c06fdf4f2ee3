#include "parkcap/audit/compare.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace parkcap::audit {

namespace {

/// The flag codes of one parcel as a bit set: the order flags are stored in is
/// the rules' order, not part of what was found.
uint32_t code_set(std::span<const Flag> flags) {
    uint32_t bits = 0;
    for (const Flag& f : flags) bits |= 1u << static_cast<unsigned>(f.code);
    return bits;
}

}  // namespace

FlagComparison compare_flags(const Audit& saved, const Audit& recomputed) {
    static_assert(kFlagCodeCount <= 32, "code_set keeps one bit per flag code");
    FlagComparison c;
    c.saved_as_of = saved.as_of;
    c.recomputed_as_of = recomputed.as_of;
    c.saved_flags = saved.flags.size();
    c.recomputed_flags = recomputed.flags.size();
    const std::size_t a = saved.parcels.first_flag.empty() ? 0 : saved.parcels.first_flag.size() - 1;
    const std::size_t b = recomputed.parcels.first_flag.empty() ? 0 : recomputed.parcels.first_flag.size() - 1;
    c.parcels_compared = std::min(a, b);
    for (std::size_t i = 0; i < c.parcels_compared; ++i)
        if (code_set(saved.flags_of(i)) != code_set(recomputed.flags_of(i))) c.differing.push_back(static_cast<uint32_t>(i));
    return c;
}

std::string describe(const FlagComparison& c, const std::string& path) {
    if (c.same())
        return fmt::format("{}: matches the audit recomputed from the data as of {} ({} flags)", path,
                           c.recomputed_as_of.iso(), c.recomputed_flags);
    const std::string why = c.saved_as_of == c.recomputed_as_of ? "the data or the rules changed since"
                                                                 : fmt::format("the file is as of {}", c.saved_as_of.iso());
    return fmt::format("{}: {} parcels are flagged differently than in the audit recomputed as of {} ({}); the map "
                       "shows the recomputed audit",
                       path, c.differing.size(), c.recomputed_as_of.iso(), why);
}

}  // namespace parkcap::audit
