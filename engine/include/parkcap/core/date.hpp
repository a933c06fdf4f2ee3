#pragma once
// Calendar dates as a day count: compact (4 bytes a date, 1,000,000 parcels x 5
// dates = 20 MB) and exact for the age arithmetic the idle-land rule needs.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parkcap {

/// A civil date (proleptic Gregorian), stored as days since 1970-01-01.
/// A default-constructed Date is "no date" (an empty field).
class Date {
public:
    constexpr Date() = default;
    static Date from_ymd(int year, unsigned month, unsigned day);
    static constexpr Date from_days(int32_t days) { Date d; d.days_ = days; return d; }

    constexpr bool is_null() const { return days_ == kNull; }
    constexpr explicit operator bool() const { return !is_null(); }
    constexpr int32_t days() const { return days_; }
    int year() const;
    unsigned month() const;
    unsigned day() const;

    /// The same day `years` calendar years later; 29 February becomes 28 February in
    /// a common year (the period ends on the last day of that month).
    Date plus_years(int years) const;
    /// ISO 8601 `YYYY-MM-DD`, or "" for no date.
    std::string iso() const;

    friend constexpr bool operator==(Date a, Date b) { return a.days_ == b.days_; }
    friend constexpr auto operator<=>(Date a, Date b) { return a.days_ <=> b.days_; }

private:
    static constexpr int32_t kNull = INT32_MIN;
    int32_t days_ = kNull;
};

/// Whole days from `from` to `to` (negative when `to` is earlier). Both must be set.
inline int32_t days_between(Date from, Date to) { return to.days() - from.days(); }

/// The date formats accepted when a mapping file names none: ISO `2021-03-05`,
/// `2021/3/5`, `20210305`, and `2021.3.5`, `2021年3月5日`.
const std::vector<std::string>& default_date_formats();

/// Parses `text` with the first of `formats` that matches the whole text. Formats use
/// `%Y` (4-digit year), `%m` and `%d` (1 or 2 digits; exactly 2 in a packed
/// format such as `%Y%m%d`, where nothing separates the fields) and literal characters (UTF-8 allowed).
/// Returns nullopt when none matches or the day does not exist (2021-02-30).
std::optional<Date> parse_date(std::string_view text, const std::vector<std::string>& formats);

}  // namespace parkcap
