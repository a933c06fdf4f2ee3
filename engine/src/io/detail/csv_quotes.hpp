#pragma once
// A CSV whose quoting swallows lines: one unclosed quote makes every line after it
// part of one value, and GIS readers (GDAL's included) then deliver one record
// where there were hundreds, without an error. The file is scanned the way RFC 4180
// reads it to find where that happened.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parkcap::io::detail {

/// Lines that quoting joins into one record although they look like records of
/// their own (they hold as many delimiters as the header), or a quote still open
/// at the end of the file.
struct SwallowedLines {
    uint64_t first_line = 0;  ///< 1-based line where the record (and its open quote) starts
    uint64_t last_line = 0;   ///< its last line
    bool open_at_end = false; ///< the quote is never closed
};

/// Scans CSV text (any ASCII-compatible encoding: UTF-8, GBK). The delimiter is the
/// one of , ; tab | the header line uses most.
std::optional<SwallowedLines> find_swallowed_lines(std::string_view csv);

/// Reads `path` and scans it; nullopt when it cannot be read (the reader reports that).
std::optional<SwallowedLines> find_swallowed_lines_in_file(const std::string& path);

/// A record holding more fields than the header: GDAL reads the header's count of
/// fields and drops the rest without a word (a delimiter inside an unquoted value
/// shifts the fields after it as well).
struct OverlongRecord {
    uint64_t record = 0;  ///< 1-based among the records after the header, blank lines not counted (GDAL's FID)
    uint64_t line = 0;    ///< 1-based line where it starts
    std::size_t fields = 0, header_fields = 0;
};

/// Every record of CSV text with a value past its header's last field (scanned as
/// find_swallowed_lines does), in file order; a trailing empty field is none.
std::vector<OverlongRecord> find_overlong_records(std::string_view csv);
std::vector<OverlongRecord> find_overlong_records_in_file(const std::string& path);

}  // namespace parkcap::io::detail
