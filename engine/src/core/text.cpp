#include "parkcap/core/text.hpp"

#include <cpl_string.h>

#include <algorithm>
#include <cctype>

namespace parkcap::text {

bool is_valid_utf8(std::string_view s) {
    std::size_t i = 0;
    const auto* b = reinterpret_cast<const unsigned char*>(s.data());
    while (i < s.size()) {
        const unsigned char c = b[i];
        std::size_t extra = 0;
        if (c < 0x80) { ++i; continue; }
        if ((c & 0xE0) == 0xC0 && c >= 0xC2) extra = 1;
        else if ((c & 0xF0) == 0xE0) extra = 2;
        else if ((c & 0xF8) == 0xF0 && c <= 0xF4) extra = 3;
        else return false;
        if (i + extra >= s.size()) return false;
        for (std::size_t k = 1; k <= extra; ++k)
            if ((b[i + k] & 0xC0) != 0x80) return false;
        i += extra + 1;
    }
    return true;
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
