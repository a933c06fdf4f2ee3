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

/// Minimum building coverage (建筑系数), 国土资发〔2008〕24号: 30 %.
inline constexpr double kCoverageMin = 0.30;
/// Tax floor of built industrial land, 万元/亩 per year (the default rules' local figure).
inline constexpr double kTaxFloorWanPerMu = 15;

/// 闲置土地 (MLR Order No. 53): idle a year after the agreed start (or a year
/// halted with under a third developed or under 25 % invested); taken back at two.
inline constexpr double kIdleDevShareBelow = 1.0 / 3.0;
inline constexpr double kIdleInvShareBelow = 0.25;
inline constexpr int kIdleFeeYears = 1;
inline constexpr int kIdleTakebackYears = 2;
/// 批而未供 age bands (the default rules' [approved] age_band_years) and the age
/// at which an unused approval lapses ([warnings] approval_lapse_years).
inline constexpr int kApprovedBandYears[] = {2, 5};
inline constexpr int kApprovalLapseYears = 2;

}  // namespace sample_city
