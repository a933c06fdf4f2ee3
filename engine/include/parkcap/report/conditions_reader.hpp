#pragma once
// Reading a plan's land-supply conditions (出让条件) back, so a later audit can
// review them against the land as built (达产复核, `parkcap audit --conditions`).
// It reads the supply_conditions layer write_plan_gpkg writes, through the same
// table declaration.
#include <string>
#include <vector>

#include "parkcap/model/standard_land.hpp"

namespace parkcap::report {

/// The rows of PLAN.gpkg's supply_conditions layer, in file order. Throws
/// InputError when the file cannot be opened, DataError when it has no such layer
/// (a plan written before 标准地, or not a plan) or a row lacks a value the review
/// needs or holds one that is not a level, indicator or miss action, naming the
/// file, layer, feature and field.
std::vector<SupplyCondition> read_supply_conditions(const std::string& path);

}  // namespace parkcap::report
