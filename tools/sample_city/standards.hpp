#pragma once
// The national standards the sample's figures are drawn around, as the engine's
// default rules (engine/rules/default_rules.toml) give them. Kept here rather
// than read from the engine, so the sample stays independent ground truth.
#include <string_view>

namespace sample_city {

/// FAR minimum by GB/T 4754-2017 code prefix: the 国土资发〔2008〕24号 table;
/// 0 where the table has no entry.
double far_min_for(std::string_view code);

/// Investment intensity minimum (万元/亩) by park level.
double level_investment_min(std::string_view level);

}  // namespace sample_city
