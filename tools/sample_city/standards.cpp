#include "standards.hpp"

#include <utility>
#include <vector>

namespace sample_city {

double far_min_for(std::string_view code) {
    static const std::vector<std::pair<const char*, double>> table = {
        {"C13", 1.0}, {"C14", 1.0}, {"C15", 1.0}, {"C17", 0.8}, {"C25", 0.5}, {"C26", 0.6}, {"C27", 0.7},
        {"C30", 0.7}, {"C31", 0.6}, {"C32", 0.6}, {"C33", 0.7}, {"C34", 0.7}, {"C35", 0.7}, {"C36", 0.7},
        {"C37", 0.7}, {"C38", 0.7}, {"C39", 1.0}, {"C40", 1.0}};
    for (const auto& [prefix, v] : table)
        if (code.substr(0, 3) == prefix) return v;
    return 0;
}

double level_investment_min(std::string_view level) {
    if (level == "national") return 300;
    if (level == "provincial") return 250;
    if (level == "municipal") return 200;
    return 150;  // other parks and outside
}

}  // namespace sample_city
