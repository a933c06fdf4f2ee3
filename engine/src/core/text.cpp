#include "parkcap/core/text.hpp"

#include <cpl_string.h>
#include <iconv.h>

#include <algorithm>
#include <cctype>

namespace parkcap::text {

std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    const auto* b = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    if (i >= n) return 0;
    const unsigned char c = b[i];
    if (c < 0x80) return 1;
    // The second byte's range depends on the first (RFC 3629 §4): this is what rules
    // out overlong forms (E0 80..9F, F0 80..8F), surrogates (ED A0..BF) and code
    // points above U+10FFFF (F4 90..BF).
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c == 0xE0) { len = 3; lo = 0xA0; }
    else if (c == 0xED) { len = 3; hi = 0x9F; }
    else if (c >= 0xE1 && c <= 0xEF) len = 3;
    else if (c == 0xF0) { len = 4; lo = 0x90; }
    else if (c == 0xF4) { len = 4; hi = 0x8F; }
    else if (c >= 0xF1 && c <= 0xF3) len = 4;
    else return 0;
    if (i + len > n) return 0;
    if (b[i + 1] < lo || b[i + 1] > hi) return 0;
    for (std::size_t k = 2; k < len; ++k)
        if ((b[i + k] & 0xC0) != 0x80) return 0;
    return len;
}

bool is_valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t len = utf8_sequence_length(s, i);
        if (len == 0) return false;
        i += len;
    }
    return true;
}

std::string repair_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 8);
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t len = utf8_sequence_length(s, i);
        if (len == 0) {
            out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER, one per byte that starts no character
            ++i;
        } else {
            out.append(s.substr(i, len));
            i += len;
        }
    }
    return out;
}

std::string normalise_encoding(std::string_view name) {
    std::string up(name);
    std::transform(up.begin(), up.end(), up.begin(), [](unsigned char c) { return std::toupper(c); });
    up.erase(std::remove(up.begin(), up.end(), '-'), up.end());
    up.erase(std::remove(up.begin(), up.end(), '_'), up.end());
    if (up == "UTF8" || up.empty()) return "UTF-8";
    if (up == "GBK" || up == "CP936" || up == "936" || up == "GB2312" || up == "EUCCN") return "CP936";
    if (up == "GB18030") return "GB18030";
    if (up == "LATIN1" || up == "ISO88591") return "ISO-8859-1";
    return std::string(name);
}

bool is_known_encoding(std::string_view name) {
    const std::string enc = normalise_encoding(name);
    if (enc == "UTF-8") return true;
    // GDAL's recoder is iconv: a name iconv cannot open is one GDAL would pass
    // over, handing the bytes on undecoded.
    const iconv_t cd = iconv_open("UTF-8", enc.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) return false;
    iconv_close(cd);
    return true;
}

std::string to_utf8(std::string_view s, const std::string& encoding) {
    const std::string enc = normalise_encoding(encoding);
    if (enc == "UTF-8") return std::string(s);
    const std::string in(s);
    char* out = CPLRecode(in.c_str(), enc.c_str(), CPL_ENC_UTF8);
    std::string result(out ? out : "");
    CPLFree(out);
    return result;
}

std::string_view trim(std::string_view s) {
    if (s.size() >= 3 && static_cast<unsigned char>(s[0]) == 0xEF && static_cast<unsigned char>(s[1]) == 0xBB &&
        static_cast<unsigned char>(s[2]) == 0xBF)
        s.remove_prefix(3);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

}  // namespace parkcap::text
