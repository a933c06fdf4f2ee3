#pragma once
// 达产复核 (review at full production): the land-supply conditions (出让条件) a plan
// wrote (PLAN.gpkg supply_conditions, model/standard_land.hpp) compared with what
// the land now shows. For land built, each commitment against the actual figure of
// its parcels; land not built yet is pending, and an actual the parcels do not
// carry is "no data", never a miss: a review must not fine a firm for a blank cell.
#include <cstdint>
#include <iterator>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "parkcap/model/city.hpp"
#include "parkcap/model/standard_land.hpp"

namespace parkcap::audit {

enum class ReviewStatus : uint8_t {
    Met,       ///< the parcels are built and the actual meets the commitment
    Missed,    ///< built, and the actual misses the commitment
    Pending,   ///< a parcel of the condition is not built yet
    NoData,    ///< built, but a parcel lacks the figure (or the parcels carry none for the indicator)
    NoParcel,  ///< a parcel the condition names is not in the audited data
};

struct ReviewStatusInfo {
    ReviewStatus status;
    const char* name;  ///< the review table's `status`
    const char* title_zh;
    const char* title_en;
    /// The review table's detail_zh / detail, from {indicator} (its title), {actual},
    /// {committed}, {threshold}, {decimals}, {unit} (" 万元/亩", or empty), {parcel}
    /// (the parcel it is about), {status} (that parcel's land status) and {field}
    /// (the parcels field the actual comes from).
    const char* detail_zh;
    const char* detail_en;
};

inline constexpr ReviewStatusInfo kReviewStatusCatalogue[] = {
    {ReviewStatus::Met, "met", "达标", "met", "实际 {actual:.{decimals}f}{unit}，达到承诺 {committed:.{decimals}f}{unit}",
     "actual {actual:.{decimals}f}{unit} meets the commitment {committed:.{decimals}f}{unit}"},
    {ReviewStatus::Missed, "missed", "未达标", "missed",
     "实际 {actual:.{decimals}f}{unit}，未达承诺 {committed:.{decimals}f}{unit}（标准地 {threshold}{unit}）",
     "actual {actual:.{decimals}f}{unit} misses the commitment {committed:.{decimals}f}{unit} (标准地 {threshold}{unit})"},
    {ReviewStatus::Pending, "pending", "待复核（未建成）", "pending (not built)",
     "地块 {parcel} 尚未建成（{status}），建成后复核", "parcel {parcel} is not built yet ({status}): reviewed once built"},
    {ReviewStatus::NoData, "no data", "无数据", "no data", "地块 {parcel} 的 {field} 为空，无法复核{indicator}",
     "parcel {parcel} has no {field}: {indicator} cannot be reviewed"},
    {ReviewStatus::NoParcel, "no parcel", "地块不存在", "no parcel",
     "地块 {parcel} 不在本次审计的数据中（已分割或重新编号？把 supply_conditions 的 parcels 改为其现编号）",
     "parcel {parcel} is not in the audited data (split or renumbered? put its current id in supply_conditions' parcels)"},
};
constexpr const ReviewStatusInfo& info(ReviewStatus s) { return kReviewStatusCatalogue[static_cast<std::size_t>(s)]; }
static_assert(std::size(kReviewStatusCatalogue) == static_cast<std::size_t>(ReviewStatus::NoParcel) + 1);

/// NoData for an indicator the parcels table has no field for (energy, emissions):
/// the detail, from {indicator}.
inline constexpr const char* kNoActualFieldZh = "地块数据不含{indicator}的实际值，无法复核";
inline constexpr const char* kNoActualFieldEn = "the parcels carry no actual {indicator}: it cannot be reviewed";

/// One condition reviewed.
struct ReviewRow {
    SupplyCondition condition;
    ReviewStatus status = ReviewStatus::Pending;
    /// Met, Missed: the actual over the condition's parcels, in the indicator's unit
    /// (per 亩 of the parcels where the indicator is per 亩; FAR weighted by area).
    double actual = std::numeric_limits<double>::quiet_NaN();
    bool meets_threshold = false;  ///< Met, Missed: the actual also meets the 标准地 threshold
    std::string parcel;            ///< Pending, NoData, NoParcel: the first parcel it is about ("" : none)
    Status parcel_status = Status::Unknown;  ///< Pending: that parcel's status
    std::vector<uint32_t> parcels;  ///< the condition's parcels found, indices into City::parcels
};

/// Reviews every condition against the city, in the conditions' order.
std::vector<ReviewRow> review_conditions(const City& city, std::span<const SupplyCondition> conditions);

/// The row's detail, from its figures (kReviewStatusCatalogue).
std::string detail_zh(const ReviewRow& row);
std::string detail_en(const ReviewRow& row);

}  // namespace parkcap::audit
