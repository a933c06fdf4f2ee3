#include "csv_quotes.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>

namespace parkcap::io::detail {

namespace {

/// The delimiter the header line uses most, outside quotes (',' when none).
char header_delimiter(std::string_view csv) {
    std::array<std::size_t, 4> counts{};
    constexpr std::array<char, 4> kCandidates{',', ';', '\t', '|'};
    bool quoted = false;
    for (char c : csv) {
        if (c == '"') quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r')) break;
        else if (!quoted)
            for (std::size_t k = 0; k < kCandidates.size(); ++k)
                if (c == kCandidates[k]) ++counts[k];
    }
    const auto best = std::max_element(counts.begin(), counts.end());
    return *best == 0 ? ',' : kCandidates[static_cast<std::size_t>(best - counts.begin())];
}

}  // namespace

std::optional<SwallowedLines> find_swallowed_lines(std::string_view csv) {
    if (csv.substr(0, 3) == "\xEF\xBB\xBF") csv.remove_prefix(3);
    const char delimiter = header_delimiter(csv);
    // Delimiters of the header: a line inside a quoted value with as many looks like
    // a record that was swallowed.
    std::size_t header_delimiters = 0;
    bool quoted = false;
    uint64_t line = 1, record_start = 1;
    std::size_t delimiters_on_line = 0;  // of the current physical line, counted as if unquoted
    bool swallowed_record_like = false;
    bool in_header = true;
    for (std::size_t i = 0; i < csv.size(); ++i) {
        const char c = csv[i];
        if (c == '"') {
            quoted = !quoted;
            continue;
        }
        if (c == delimiter) {
            ++delimiters_on_line;
            if (in_header && !quoted) ++header_delimiters;
            continue;
        }
        if (c != '\n') continue;
        // A physical line ends.
        if (line > record_start && header_delimiters > 0 && delimiters_on_line >= header_delimiters)
            swallowed_record_like = true;
        delimiters_on_line = 0;
        if (!quoted) {
            if (swallowed_record_like) return SwallowedLines{record_start, line, false};
            in_header = false;
            record_start = line + 1;
        }
        ++line;
    }
    const bool ends_with_newline = !csv.empty() && csv.back() == '\n';
    const uint64_t last = ends_with_newline ? line - 1 : line;
    if (!ends_with_newline && line > record_start && header_delimiters > 0 && delimiters_on_line >= header_delimiters)
        swallowed_record_like = true;
    if (quoted) return SwallowedLines{record_start, std::max(record_start, last), true};
    if (swallowed_record_like) return SwallowedLines{record_start, last, false};
    return std::nullopt;
}

namespace {
std::optional<std::string> read_whole(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}
}  // namespace

std::optional<SwallowedLines> find_swallowed_lines_in_file(const std::string& path) {
    const auto text = read_whole(path);
    if (!text) return std::nullopt;
    return find_swallowed_lines(*text);
}

std::vector<OverlongRecord> find_overlong_records(std::string_view csv) {
    if (csv.substr(0, 3) == "\xEF\xBB\xBF") csv.remove_prefix(3);
    const char delimiter = header_delimiter(csv);
    std::vector<OverlongRecord> out;
    bool quoted = false, empty = true;
    // Whether a field past the header's last holds anything: a trailing delimiter
    // alone (1,2, under a,b) loses nothing.
    bool extra_content = false;
    std::size_t fields = 1, header_fields = 0;
    uint64_t line = 1, record_line = 1, record = 0;  // record 0 is the header
    auto content = [&] {
        empty = false;
        if (record > 0 && fields > header_fields) extra_content = true;
    };
    auto end_record = [&] {
        if (!empty) {
            if (record == 0) header_fields = fields;
            else if (extra_content) out.push_back({record, record_line, fields, header_fields});
            ++record;
        }
        fields = 1;
        empty = true;
        extra_content = false;
    };
    for (const char c : csv) {
        if (c == '"') {
            quoted = !quoted;
            content();
        } else if (c == '\n') {
            ++line;
            if (!quoted) {
                end_record();
                record_line = line;
            }
        } else if (!quoted && c == delimiter) {
            ++fields;
            empty = false;
        } else if (c != '\r' && c != ' ') {
            content();
        }
    }
    end_record();
    return out;
}

std::vector<OverlongRecord> find_overlong_records_in_file(const std::string& path) {
    const auto text = read_whole(path);
    return text ? find_overlong_records(*text) : std::vector<OverlongRecord>{};
}

}  // namespace parkcap::io::detail
