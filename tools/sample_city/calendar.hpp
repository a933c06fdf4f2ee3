#pragma once
// Dates as day numbers (days since 1970-01-01, proleptic Gregorian), computed here
// rather than with the C library so the sample is the same on every platform.
#include <cstdint>
#include <limits>
#include <string>

#include <fmt/format.h>

#include "random.hpp"

namespace sample_city {

using Day = int32_t;
inline constexpr Day kNoDay = std::numeric_limits<Day>::min();

constexpr Day days_from_civil(int y, unsigned m, unsigned d) {
    y -= m <= 2 ? 1 : 0;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int>(doe) - 719468;
}

struct Ymd {
    int y;
    unsigned m, d;
};

inline Ymd civil_from_days(Day z) {
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int y = static_cast<int>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {y + (m <= 2 ? 1 : 0), m, d};
}

constexpr Day D(int y, unsigned m, unsigned d) { return days_from_civil(y, m, d); }

inline Day random_day(Rng& r, Day lo, Day hi) { return static_cast<Day>(r.int_between(lo, hi)); }

inline bool is_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/// The same day `years` later, civil-law counting as the audit's rules count
/// (docs/audit.md): 29 February falls back to 28 February in a common year.
inline Day plus_years(Day d, int years) {
    const Ymd c = civil_from_days(d);
    const int y = c.y + years;
    return days_from_civil(y, c.m, c.m == 2 && c.d == 29 && !is_leap_year(y) ? 28 : c.d);
}

/// YYYY-MM-DD, as the periods' folders and changes.csv write dates.
inline std::string iso_date(Day d) {
    if (d == kNoDay) return {};
    const Ymd c = civil_from_days(d);
    return fmt::format("{:04d}-{:02d}-{:02d}", c.y, c.m, c.d);
}

}  // namespace sample_city
