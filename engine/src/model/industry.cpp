#include "parkcap/model/industry.hpp"

#include <array>
#include <cctype>

namespace parkcap {

namespace {

/// The divisions (大类) of each section (门类) A..T of GB/T 4754-2017.
struct SectionDivisions {
    char section;
    int first, last;
};
constexpr std::array<SectionDivisions, 20> kSections = {{
    {'A', 1, 5},   {'B', 6, 12},  {'C', 13, 43}, {'D', 44, 46}, {'E', 47, 50}, {'F', 51, 52}, {'G', 53, 60},
    {'H', 61, 62}, {'I', 63, 65}, {'J', 66, 69}, {'K', 70, 70}, {'L', 71, 72}, {'M', 73, 75}, {'N', 76, 79},
    {'O', 80, 82}, {'P', 83, 83}, {'Q', 84, 85}, {'R', 86, 90}, {'S', 91, 97}, {'T', 98, 98},
}};

}  // namespace

bool is_industry_code(std::string_view code) {
    if (code.size() < 3 || code.size() > 5) return false;
    for (std::size_t i = 1; i < code.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(code[i]))) return false;
    const int division = (code[1] - '0') * 10 + (code[2] - '0');
    for (const auto& s : kSections)
        if (s.section == code[0]) return division >= s.first && division <= s.last;
    return false;
}

}  // namespace parkcap
