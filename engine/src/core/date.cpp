#include "parkcap/core/date.hpp"

#include <chrono>
#include <cstdio>

namespace parkcap {

namespace {
using namespace std::chrono;

year_month_day to_ymd(int32_t days) { return year_month_day{sys_days{std::chrono::days{days}}}; }

// Reads 1..max_digits ASCII digits at text[pos]; exact==true demands max_digits.
bool read_number(std::string_view text, std::size_t& pos, int max_digits, bool exact, int& value) {
    int n = 0;
    value = 0;
    while (pos < text.size() && n < max_digits && text[pos] >= '0' && text[pos] <= '9') {
        value = value * 10 + (text[pos] - '0');
        ++pos;
        ++n;
    }
    return exact ? n == max_digits : n > 0;
}

std::optional<Date> parse_with(std::string_view text, std::string_view format) {
    int y = -1, m = -1, d = -1;
    std::size_t pos = 0;
    // In a packed format (%Y%m%d) nothing separates the fields, so every field
    // must take its full width: "2021115" is refused, not guessed.
    const bool packed = format.find("%Y%m") != std::string_view::npos || format.find("%m%d") != std::string_view::npos ||
                        format.find("%d%m") != std::string_view::npos || format.find("%m%Y") != std::string_view::npos ||
                        format.find("%d%Y") != std::string_view::npos;
    for (std::size_t i = 0; i < format.size(); ++i) {
        if (format[i] == '%' && i + 1 < format.size()) {
            const char directive = format[++i];
            int* target = directive == 'Y' ? &y : directive == 'm' ? &m : directive == 'd' ? &d : nullptr;
            if (!target) return std::nullopt;
            const int width = directive == 'Y' ? 4 : 2;
            if (!read_number(text, pos, width, directive == 'Y' || packed, *target)) return std::nullopt;
        } else {
            if (pos >= text.size() || text[pos] != format[i]) return std::nullopt;
            ++pos;
        }
    }
    if (pos != text.size() || y < 0 || m < 0 || d < 0) return std::nullopt;
    const year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    return Date::from_days(static_cast<int32_t>(sys_days{ymd}.time_since_epoch().count()));
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}
}  // namespace

Date Date::from_ymd(int y, unsigned m, unsigned d) {
    const year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
    return from_days(static_cast<int32_t>(sys_days{ymd}.time_since_epoch().count()));
}

int Date::year() const { return static_cast<int>(to_ymd(days_).year()); }
unsigned Date::month() const { return static_cast<unsigned>(to_ymd(days_).month()); }
unsigned Date::day() const { return static_cast<unsigned>(to_ymd(days_).day()); }

Date Date::plus_years(int years) const {
    const year_month_day ymd = to_ymd(days_);
    year_month_day shifted = ymd + std::chrono::years{years};
    if (!shifted.ok()) shifted = shifted.year() / shifted.month() / last;  // 29 Feb in a common year
    return from_days(static_cast<int32_t>(sys_days{shifted}.time_since_epoch().count()));
}

std::string Date::iso() const {
    if (is_null()) return {};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year(), month(), day());
    return buf;
}

const std::vector<std::string>& default_date_formats() {
    static const std::vector<std::string> formats = {"%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y.%m.%d",
                                                     "%Y年%m月%d日"};
    return formats;
}

std::optional<Date> parse_date(std::string_view text, const std::vector<std::string>& formats) {
    text = trim(text);
    // DateTime strings from some drivers: keep the date part.
    if (const auto t = text.find_first_of("T "); t != std::string_view::npos && t >= 8) text = text.substr(0, t);
    for (const auto& f : formats)
        if (auto d = parse_with(text, f)) return d;
    return std::nullopt;
}

}  // namespace parkcap
