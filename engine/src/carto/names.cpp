#include "parkcap/carto/names.hpp"

#include <fmt/format.h>

namespace parkcap::carto {

const char* name_source_key(NameSource s) {
    switch (s) {
    case NameSource::Data: return "data";
    case NameSource::Rules: return "rules";
    case NameSource::Code: break;
    }
    return "code";
}

DistrictName district_name(const City& city, const rules::Rules& rules, uint32_t d) {
    const District& district = city.districts[d];
    if (!district.name.empty()) return {district.name, NameSource::Data};
    if (const auto it = rules.districts.names.find(district.code); it != rules.districts.names.end())
        return {it->second, NameSource::Rules};
    return {district.code, NameSource::Code};
}

std::string flow_origin_name(const City& city, const rules::Rules& rules, const MapFlow& flow, Lang lang) {
    if (!flow.folded()) return district_name(city, rules, flow.origin).text;
    return lang == Lang::Zh ? fmt::format("其他 {} 区县", flow.origins.size()) : fmt::format("{} other districts", flow.origins.size());
}

}  // namespace parkcap::carto
