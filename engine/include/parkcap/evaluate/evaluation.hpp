#pragma once
// The land intensive-use evaluation every development zone files under TD/T 1029
// (开发区土地集约利用评价规程): a set of indicators per park (and per district and
// for the city) computed from the audit's parcels, the degree score, the park's
// type and its rank among parks of that type, and the potential: land left to
// supply, land in uses the park does not need, floor area below the ideal, idle
// land, and the years of land supply left (尚可供地年数).
#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parkcap/audit/audit.hpp"
#include "parkcap/monitor/disposal.hpp"

namespace parkcap::evaluate {

/// The indicators, in the order of rules::kEvaluationIndicatorNames.
enum class Indicator : uint8_t {
    DevelopmentRate,       ///< 土地开发率
    SupplyRate,            ///< 土地供应率
    BuiltRate,             ///< 土地建成率
    IndustrialShare,       ///< 工业用地率
    Far,                   ///< 综合容积率
    Density,               ///< 建筑密度
    IndustrialFar,         ///< 工业用地综合容积率
    IndustrialCoverage,    ///< 工业用地建筑系数
    IndustrialInvestment,  ///< 工业用地固定资产投入强度 (万元/亩)
    IndustrialTax,         ///< 工业用地地均税收 (万元/亩/年)
    Tax,                   ///< 综合地均税收 (万元/亩/年)
    IdleDisposal,          ///< 闲置土地处置率
};
inline constexpr std::size_t kIndicatorCount = 12;

struct IndicatorInfo {
    std::string_view name;  ///< as in the rules and the outputs: rules::kEvaluationIndicatorNames
    std::string_view zh, en, unit;
    std::string_view numerator, denominator;  ///< what is summed over which parcels, in words
};
extern const std::array<IndicatorInfo, kIndicatorCount> kIndicators;

/// One indicator of one place: its numerator and denominator (亩, 万元, m² of
/// floor), the parcels behind them, and what it scores. An indicator the data
/// cannot support has a NaN value and says why.
struct IndicatorValue {
    double numerator = 0, denominator = 0;
    uint64_t parcels = 0;  ///< parcels in the denominator that carry the figure
    /// Share of the denominator's land whose parcels carry the figure the numerator
    /// needs (1 for rates of areas alone).
    double coverage = 1;
    double value = std::numeric_limits<double>::quiet_NaN();
    std::string unsupported;  ///< why there is no value; empty when there is one
    double ideal = 1, weight = 0;
    double normalised = std::numeric_limits<double>::quiet_NaN();  ///< min(value ÷ ideal, 1)

    bool supported() const { return unsupported.empty(); }
};

/// 工业主导型 / 产城融合型, by the share of industrial land in built land.
enum class ParkType : uint8_t { Industrial, Integrated, Unknown };
inline constexpr std::array<std::string_view, 3> kParkTypeNames = {"industrial", "integrated", "unknown"};
inline constexpr std::array<std::string_view, 3> kParkTypeTitles = {"工业主导型", "产城融合型", "类型不明"};

struct Potential {
    double expansion_m2 = 0;       ///< not yet supplied: planned, approved, reserve
    double unbuilt_m2 = 0;         ///< supplied or building, not built
    double structure_m2 = 0;       ///< in a use the park's type does not need
    double intensity_floor_m2 = 0; ///< floor area gained if built industrial land reached the ideal FAR
    double management_m2 = 0;      ///< idle land (fee or take-back)
    double remaining_m2 = 0;       ///< supply-ready and planned land: what is left to supply
    double supplied_per_year_m2 = 0;  ///< average over rules.evaluation.supply_window_years
    double years_left = std::numeric_limits<double>::quiet_NaN();  ///< 尚可供地年数
    std::string years_note;  ///< why years_left is NaN (nothing supplied in the window), else empty
};

enum class PlaceLevel : uint8_t { City, District, Park };
inline constexpr std::array<std::string_view, 3> kPlaceLevelNames = {"city", "district", "park"};

struct PlaceEvaluation {
    PlaceLevel level = PlaceLevel::City;
    std::size_t index = 0;  ///< into City::parks or City::districts
    std::string code, name;
    std::array<IndicatorValue, kIndicatorCount> indicators;
    ParkType type = ParkType::Unknown;
    /// The degree score (集约利用程度分值): 100 × Σ weight × normalised ÷ Σ weight over
    /// the supported indicators; NaN when none is. weight_covered: the share of the
    /// type's total weight those indicators carry.
    double score = std::numeric_limits<double>::quiet_NaN();
    double weight_covered = 0;
    int rank = 0;          ///< among parks of its type, 1 best, ties sharing a rank; 0: unranked (no score, or no type)
    int ranked_of = 0;     ///< parks of its type with a score
    Potential potential;
};

struct Evaluation {
    Date as_of;
    PlaceEvaluation city;
    std::vector<PlaceEvaluation> districts;  ///< indexed like City::districts
    std::vector<PlaceEvaluation> parks;      ///< indexed like City::parks
};

/// What parcel `i` adds to indicator `k`: whether it is in the indicator's land
/// (in_scope), whether it carries what the indicator needs (counted), and its part
/// of the numerator and denominator. The evaluation sums these; the viewer lists
/// the parcels behind an indicator with them.
struct Contribution {
    bool in_scope = false, counted = false;
    double numerator = 0, denominator = 0;
};
Contribution contribution(Indicator k, const ParcelTable& parcels, std::size_t i);
/// The parcels of park `park` in indicator `k`'s land, ascending (empty for the
/// idle disposal rate, which comes from the comparison with an earlier audit).
std::vector<uint32_t> parcels_behind(const City& city, std::size_t park, Indicator k);

/// Evaluates every park, district and the city. `since`: the disposal since an
/// earlier audit (monitor::disposal_progress), for the idle-disposal indicator;
/// null leaves that indicator unsupported.
Evaluation evaluate(const City& city, const audit::Audit& audit, const rules::Rules& rules,
                    const monitor::DisposalProgress* since = nullptr);

}  // namespace parkcap::evaluate
