// 达产复核: each land-supply condition against the actual figures of its parcels.
#include "parkcap/audit/review.hpp"

#include <cmath>
#include <string_view>

#include <fmt/format.h>

#include "parkcap/core/units.hpp"

namespace parkcap::audit {

namespace {

/// The parcels field holding the actual of an indicator, by the field's name in
/// the catalogue (StandardIndicatorInfo::parcel_field); null when the parcels carry none.
const std::vector<double>* actual_column(const ParcelTable& t, StandardIndicator indicator) {
    const std::string_view field = info(indicator).parcel_field;
    if (field == "inv_done") return &t.inv_done_wan;
    if (field == "tax") return &t.tax_wan;
    if (field == "far") return &t.far;
    if (field == "output") return &t.output_wan;
    return nullptr;
}

ReviewRow review_one(const City& city, const SupplyCondition& c) {
    ReviewRow row;
    row.condition = c;
    const ParcelTable& t = city.parcels;
    // Every parcel must be found and built before any figure is judged: half the
    // land built is not the project at full production.
    for (const std::string& id : c.parcels) {
        const auto i = city.find_parcel(id);
        if (!i) {
            row.status = ReviewStatus::NoParcel;
            row.parcel = id;
            return row;
        }
        row.parcels.push_back(*i);
    }
    for (uint32_t i : row.parcels)
        if (t.status[i] != Status::Built) {
            row.status = ReviewStatus::Pending;
            row.parcel = t.parcel_id[i];
            row.parcel_status = t.status[i];
            return row;
        }
    const std::vector<double>* column = actual_column(t, c.indicator);
    if (!column || row.parcels.empty()) {
        row.status = ReviewStatus::NoData;
        return row;
    }
    const StandardIndicatorInfo& ind = info(c.indicator);
    double sum = 0, area_mu = 0;
    for (uint32_t i : row.parcels) {
        const double figure = (*column)[i];
        if (std::isnan(figure)) {
            row.status = ReviewStatus::NoData;
            row.parcel = t.parcel_id[i];
            return row;
        }
        const double mu = units::m2_to_mu(t.area_m2[i]);
        // Per 亩 indicators sum the figure; FAR is a ratio of floor area, weighted by land.
        sum += ind.per_mu ? figure : figure * mu;
        area_mu += mu;
    }
    row.actual = area_mu > 0 ? sum / area_mu : std::numeric_limits<double>::quiet_NaN();
    if (std::isnan(row.actual)) {
        row.status = ReviewStatus::NoData;
        return row;
    }
    row.status = satisfies(ind.bound, row.actual, c.committed) ? ReviewStatus::Met : ReviewStatus::Missed;
    row.meets_threshold = satisfies(ind.bound, row.actual, c.threshold);
    return row;
}

std::string detail(bool zh, const ReviewRow& r) {
    const StandardIndicatorInfo& ind = info(r.condition.indicator);
    const char* title = zh ? ind.title_zh : ind.title_en;
    const bool no_field = r.status == ReviewStatus::NoData && !*ind.parcel_field;
    const char* text = no_field ? (zh ? kNoActualFieldZh : kNoActualFieldEn)
                                : (zh ? info(r.status).detail_zh : info(r.status).detail_en);
    const char* unit = zh ? ind.unit_zh : ind.unit_en;
    return fmt::format(fmt::runtime(text), fmt::arg("indicator", title), fmt::arg("actual", r.actual),
                       fmt::arg("committed", r.condition.committed), fmt::arg("threshold", r.condition.threshold),
                       fmt::arg("decimals", ind.decimals), fmt::arg("unit", *unit ? fmt::format(" {}", unit) : ""),
                       fmt::arg("parcel", r.parcel), fmt::arg("status", zh ? chinese_name(r.parcel_status) : to_string(r.parcel_status)),
                       fmt::arg("field", ind.parcel_field));
}

}  // namespace

std::vector<ReviewRow> review_conditions(const City& city, std::span<const SupplyCondition> conditions) {
    std::vector<ReviewRow> out;
    out.reserve(conditions.size());
    for (const SupplyCondition& c : conditions) out.push_back(review_one(city, c));
    return out;
}

std::string detail_zh(const ReviewRow& row) { return detail(true, row); }
std::string detail_en(const ReviewRow& row) { return detail(false, row); }

}  // namespace parkcap::audit
