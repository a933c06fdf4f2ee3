#pragma once
// Text encodings. Chinese land data arrives in UTF-8 or GBK (CP936); everything
// inside the engine is UTF-8.
#include <cstddef>
#include <string>
#include <string_view>

namespace parkcap::text {

bool is_valid_utf8(std::string_view s);
/// The length (1 to 4) of the well-formed UTF-8 character starting at s[i], or 0
/// when the bytes there start none (overlong forms, surrogates, code points above
/// U+10FFFF and cut-off sequences included).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);
/// `s` with every byte that starts no well-formed character replaced by U+FFFD, so
/// that every output and every JSON document is valid UTF-8.
std::string repair_utf8(std::string_view s);

/// Converts `s` from `encoding` (any iconv name GDAL knows: "GBK", "CP936",
/// "GB18030", "UTF-8", "ISO-8859-1") to UTF-8. Returns s unchanged for UTF-8.
std::string to_utf8(std::string_view s, const std::string& encoding);

/// Normalises an encoding name as users write it ("gbk", "cp936", "936") to the
/// name GDAL's recoder expects ("CP936"); "UTF-8" for the UTF-8 spellings.
std::string normalise_encoding(std::string_view name);

/// Whether `name` (as users write it, see normalise_encoding) is an encoding the
/// recoder can decode: "GBK" and "GB18030" are, "KLINGON-8" is not.
bool is_known_encoding(std::string_view name);

/// Trims ASCII spaces, tabs, CR/LF and a leading UTF-8 byte-order mark.
std::string_view trim(std::string_view s);

/// ASCII case-insensitive equality (field names).
bool iequals(std::string_view a, std::string_view b);

}  // namespace parkcap::text
