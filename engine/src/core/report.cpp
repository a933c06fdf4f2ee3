#include "parkcap/core/report.hpp"

#include <algorithm>

namespace parkcap {

std::string Issue::to_string() const {
    std::string s = file;
    if (!layer.empty()) s += ":" + layer;
    if (!feature_id.empty()) s += ":" + feature_id;
    s += ": ";
    if (!field.empty()) s += field + ": ";
    s += message;
    return s;
}

uint64_t LoadReport::count(Severity s) const {
    return static_cast<uint64_t>(std::count_if(issues.begin(), issues.end(), [s](const Issue& i) { return i.severity == s; }));
}

uint64_t LoadReport::count_code(const std::string& code) const {
    return static_cast<uint64_t>(
        std::count_if(issues.begin(), issues.end(), [&](const Issue& i) { return i.code == code; }));
}

}  // namespace parkcap
