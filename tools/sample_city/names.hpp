#pragma once
// Chinese names for the sample's enterprises and projects, drawn from the
// industry code, as a bureau's register writes them.
#include <string>
#include <string_view>

#include "city_definition.hpp"
#include "random.hpp"

namespace sample_city {

/// "<prefix><brand><trade><suffix>", e.g. 泰州恒瑞药业有限公司.
std::string enterprise_name(const NamePrefixes& prefixes, std::string_view industry, LandUse lu,
                            std::string_view district, Rng& r);

/// A project's name as its application gives it, e.g. 年产10万吨改性塑料项目.
std::string project_name(std::string_view code, Rng& r);

}  // namespace sample_city
