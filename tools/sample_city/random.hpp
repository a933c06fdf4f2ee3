#pragma once
// Random numbers for the sample city: splitmix64 written here (std:: distributions
// differ between standard libraries, and the sample must be byte-identical
// everywhere), drawn from streams keyed by (seed, purpose, indices) rather than
// from one sequence, so adding a draw in one place never shifts the numbers drawn
// anywhere else.
#include <cmath>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace sample_city {

inline uint64_t splitmix_next(uint64_t& state) {
    state += 0x9E3779B97F4A7C15ull;
    uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

inline uint64_t mix64(uint64_t x) { return splitmix_next(x); }

/// Purposes of random streams (new purposes go at the end, so the others keep their keys).
enum Stream : uint64_t {
    kLayout = 1,
    kBlockGeometry,
    kCaseShuffle,
    kSpecialPick,
    kAttributes,
    kProjects,
    kChangePick,   ///< periods: which parcels of a district a kind of change takes
    kChangeDraw,   ///< periods: the new values of one changed parcel
    kParcelShape,  ///< ParcelStyle::Irregular: which parcels of a block get extra vertices or a notch
    kTract,        ///< where a park's tracts of supply land lie (CityDefinition::tracts)
};

/// FNV-1a of a text: keys a parcel's stream by its id, which survives the
/// insertions and removals of splits and merges that shift its position.
inline uint64_t text_key(std::string_view s) {
    uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ull;
    return h;
}

inline uint64_t stream_key(uint64_t seed, uint64_t purpose, uint64_t a = 0, uint64_t b = 0) {
    uint64_t h = mix64(seed ^ 0x243F6A8885A308D3ull);
    h = mix64(h ^ purpose);
    h = mix64(h ^ a);
    return mix64(h ^ b);
}

class Rng {
public:
    explicit Rng(uint64_t key) : state_(key) {}
    uint64_t next() { return splitmix_next(state_); }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
    double between(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    double log_between(double lo, double hi) { return std::exp(between(std::log(lo), std::log(hi))); }
    int64_t int_between(int64_t lo, int64_t hi) {  // inclusive
        return lo + static_cast<int64_t>(next() % static_cast<uint64_t>(hi - lo + 1));
    }
    bool chance(double p) { return uniform() < p; }
    template <class T>
    const T& pick(const std::vector<T>& v) { return v[static_cast<std::size_t>(next() % v.size())]; }
    template <class T>
    void shuffle(std::vector<T>& v) {
        for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[static_cast<std::size_t>(next() % i)]);
    }

private:
    uint64_t state_;
};

}  // namespace sample_city
