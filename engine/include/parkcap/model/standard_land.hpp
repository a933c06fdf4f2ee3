#pragma once
// 标准地 (standard land): land supplied with its control indicators fixed in advance.
// Every project on it commits to them (investment and tax per 亩, floor-area ratio,
// output per 亩 and, where the province sets them, energy and emissions per unit of
// value added); the commitments become the land-supply conditions (出让条件) of its
// contract, and once built the project's actuals are reviewed against them (达产复核).
//
// The indicators are one catalogue, read by the rules file (the keys of a
// [[standard_land.indicator]] row), screening (the figure a project commits to), the
// plan's supply_conditions table and the audit's review (the parcel field holding
// the actual). Apart from the city model, as land.hpp, so the rules can name them.
#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "parkcap/model/land.hpp"

namespace parkcap {

enum class StandardIndicator : uint8_t { Investment, Tax, Far, Output, Energy, Emission };
inline constexpr std::size_t kStandardIndicatorCount = 6;

/// A floor the committed figure must reach, or a ceiling it must stay under.
enum class IndicatorBound : uint8_t { Min, Max };

struct StandardIndicatorInfo {
    StandardIndicator indicator;
    /// In the rules file (`<name>_miss`) and the tables' `indicator` column.
    const char* name;
    /// Its threshold's key in a [[standard_land.indicator]] row.
    const char* threshold_key;
    /// Whether every row must give it: energy and emissions only where the province sets them.
    bool required_in_row;
    IndicatorBound bound;
    /// The projects table's field holding the commitment (docs/data.md).
    const char* project_field;
    /// The commitment is that field ÷ the project's area_mu (a figure per 亩).
    bool per_mu;
    /// The parcels table's field holding the actual at review ("" : the parcels carry
    /// none, so its review has no data), per 亩 of the parcel when per_mu.
    const char* parcel_field;
    const char* unit_zh;
    const char* unit_en;
    const char* title_zh;
    const char* title_en;
    int decimals;  ///< for figures in texts
};

inline constexpr StandardIndicatorInfo kStandardIndicatorCatalogue[] = {
    {StandardIndicator::Investment, "investment", "investment_min_wan_per_mu", true, IndicatorBound::Min, "investment",
     true, "inv_done", "万元/亩", "万元/mu", "固定资产投资强度", "investment per mu", 1},
    {StandardIndicator::Tax, "tax", "tax_min_wan_per_mu", true, IndicatorBound::Min, "tax_expect", true, "tax",
     "万元/亩/年", "万元/mu/year", "亩均税收", "tax per mu", 2},
    {StandardIndicator::Far, "far", "far_min", true, IndicatorBound::Min, "far_commit", false, "far", "", "",
     "容积率", "floor-area ratio", 2},
    {StandardIndicator::Output, "output", "output_min_wan_per_mu", true, IndicatorBound::Min, "output_exp", true,
     "output", "万元/亩/年", "万元/mu/year", "亩均产值", "output per mu", 1},
    {StandardIndicator::Energy, "energy", "energy_max_tce_per_wan", false, IndicatorBound::Max, "energy_va", false, "",
     "吨标准煤/万元", "tce/万元", "单位增加值能耗", "energy per value added", 3},
    {StandardIndicator::Emission, "emission", "emission_max_kg_per_wan", false, IndicatorBound::Max, "emiss_va", false,
     "", "千克/万元", "kg/万元", "单位增加值排放", "emissions per value added", 2},
};
constexpr const StandardIndicatorInfo& info(StandardIndicator i) {
    return kStandardIndicatorCatalogue[static_cast<std::size_t>(i)];
}

namespace detail {
constexpr bool indicators_in_enum_order() {
    for (std::size_t i = 0; i < std::size(kStandardIndicatorCatalogue); ++i)
        if (static_cast<std::size_t>(kStandardIndicatorCatalogue[i].indicator) != i) return false;
    return std::size(kStandardIndicatorCatalogue) == kStandardIndicatorCount;
}
static_assert(indicators_in_enum_order(), "one catalogue row per StandardIndicator, in enum order");
}  // namespace detail

/// "investment", ..., in enum order: what the rules file and the tables spell.
inline constexpr auto kStandardIndicatorNames = [] {
    std::array<std::string_view, kStandardIndicatorCount> names{};
    for (std::size_t i = 0; i < names.size(); ++i) names[i] = kStandardIndicatorCatalogue[i].name;
    return names;
}();

/// What a missed indicator does: refuses the project for parks of that level, or
/// lets it be placed with a located warning in the plan.
enum class MissAction : uint8_t { Refuse, Warn };
inline constexpr std::array<std::string_view, 2> kMissActionNames = {"refuse", "warn"};
constexpr const char* to_string(MissAction a) { return kMissActionNames[static_cast<std::size_t>(a)].data(); }

/// "min", "max": the tables' `bound` column.
constexpr const char* to_string(IndicatorBound b) { return b == IndicatorBound::Min ? "min" : "max"; }

/// Whether a committed (or actual) figure satisfies a threshold. Exactly at a
/// minimum (or maximum) satisfies it; the tolerance absorbs only the rounding of
/// a division (an investment ÷ its 亩), far below any figure people write.
constexpr bool satisfies(IndicatorBound bound, double value, double threshold) {
    constexpr double kEps = 1e-9;
    return bound == IndicatorBound::Min ? value >= threshold - kEps : value <= threshold + kEps;
}

/// One land-supply condition (出让条件) of a placed project: what it committed to for
/// one indicator, the 标准地 threshold of its park's level that the commitment was
/// checked against, and the verdict. PLAN.gpkg supply_conditions holds one row of
/// these per placed project and indicator checked; the audit's review reads them back.
struct SupplyCondition {
    std::string project_id;
    std::string site_id;
    std::vector<std::string> parcels;  ///< the parcel ids of the project's site
    std::string park_id;
    ParkLevel level = ParkLevel::Other;
    std::string industry;           ///< the project's GB/T 4754-2017 code
    std::string standard_industry;  ///< the [[standard_land.indicator]] row's industry prefix ("*": any)
    double area_mu = 0;             ///< the area the project asked for, which per-亩 figures divide
    double taken_mu = 0;            ///< the area it takes on its site
    StandardIndicator indicator = StandardIndicator::Investment;
    double committed = 0;  ///< in the indicator's unit (per 亩 where it is)
    double threshold = 0;
    bool met = true;
    MissAction on_miss = MissAction::Refuse;
};

}  // namespace parkcap
