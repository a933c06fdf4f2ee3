#pragma once
// What the map calls a district: the name the data gives (districts layer, or
// the quota table), else the rules' [districts.names] table, the code last.
#include <cstdint>
#include <string>

#include "parkcap/carto/flows.hpp"
#include "parkcap/core/lang.hpp"
#include "parkcap/model/city.hpp"
#include "parkcap/rules/rules.hpp"

namespace parkcap::carto {

enum class NameSource : uint8_t { Data, Rules, Code };
const char* name_source_key(NameSource);  ///< "data", "rules", "code"

struct DistrictName {
    std::string text;
    NameSource source = NameSource::Code;
};

/// District `d`'s label and where it came from.
DistrictName district_name(const City& city, const rules::Rules& rules, uint32_t d);

/// What a flow's origin is called on the map and in the flows table: its
/// district's name, or for a folded flow "其他 N 区县" ("N other districts").
std::string flow_origin_name(const City& city, const rules::Rules& rules, const MapFlow& flow, Lang lang);

}  // namespace parkcap::carto
