#pragma once
// A set of the values of a small enum, as one word of bits: what a rule's list of
// names ("shore_zones = [\"develop\", \"control\"]") becomes once it is parsed, so
// the loops over parcels and sites test a bit instead of comparing strings.
#include <cstdint>
#include <initializer_list>
#include <type_traits>

namespace parkcap {

template <class E>
class EnumSet {
    static_assert(std::is_enum_v<E>);

public:
    using value_type = E;

    constexpr EnumSet() = default;
    constexpr EnumSet(std::initializer_list<E> values) {
        for (E v : values) insert(v);
    }

    constexpr void insert(E v) { bits_ |= bit(v); }
    constexpr bool contains(E v) const { return (bits_ & bit(v)) != 0; }
    constexpr bool empty() const { return bits_ == 0; }
    friend constexpr bool operator==(EnumSet a, EnumSet b) { return a.bits_ == b.bits_; }

private:
    static constexpr uint64_t bit(E v) {
        // Enums of up to 64 values: the ones parkcap has are a handful each.
        return uint64_t{1} << static_cast<unsigned>(v);
    }
    uint64_t bits_ = 0;
};

}  // namespace parkcap
