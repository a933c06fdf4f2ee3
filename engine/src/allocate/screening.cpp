// Hard refusals (环评安评不过关、不符合产业政策、跑马圈地、贡献度不大) and park fit.
#include <algorithm>
#include <cmath>
#include <limits>

#include "parkcap/model/industry.hpp"
#include "parkcap/allocate/allocate.hpp"

namespace parkcap::allocate {

namespace {
double min_intensity_for(const rules::Rules& r, const Park& park) {
    const auto& m = r.low_efficiency.investment_min_wan_per_mu;
    auto it = m.find(to_string(park.level));
    return it != m.end() ? it->second : 0;
}
}  // namespace

std::optional<bool> park_fit(const City& city, const rules::Rules& rules, std::size_t j, std::size_t p) {
    const Project& project = city.projects[j];
    const Park& park = city.parks[p];
    const bool chemical = rules::is_chemical(rules, project.industry);
    // Chemical projects only in certified chemical parks (长江保护法, 化工园区认定).
    if (chemical && !park.chem_park) return std::nullopt;
    for (const auto& theme : park.themes)
        if (theme == "*" || rules::industry_has_prefix(project.industry, theme)) return theme != "*";
    const bool general = std::find(rules.fit.general_parks.begin(), rules.fit.general_parks.end(), park.park_id) !=
                         rules.fit.general_parks.end();
    if (general && !rules::find_listed(rules.policy.negative_list, project.industry) &&
        !rules::find_listed(rules.policy.phase_out, project.industry))
        return false;
    return std::nullopt;
}

std::vector<Refusal> screen_project(const City& city, const rules::Rules& r, std::size_t j) {
    const Project& p = city.projects[j];
    std::vector<Refusal> out;
    auto refuse = [&](RefusalCode code, double value, double threshold) -> Refusal& {
        Refusal& refusal = out.emplace_back();
        refusal.code = code;
        refusal.value = value;
        refusal.threshold = threshold;
        return refusal;
    };
    if (!p.eia_ok) refuse(RefusalCode::EiaFailed, 0, 1);
    // Not a code: a general park would otherwise take it as "any industry".
    if (!is_industry_code(p.industry)) refuse(RefusalCode::BadIndustry, 0, 0);
    const auto* listed = rules::find_listed(r.policy.negative_list, p.industry);
    if (!listed) listed = rules::find_listed(r.policy.phase_out, p.industry);
    if (listed) {
        Refusal& refusal = refuse(RefusalCode::NegativeList, 0, 0);
        refusal.list_prefix = listed->prefix;
        refusal.list_name = listed->name;
    }

    // The parks it could go to, and the most lenient investment standard among them.
    double lenient = std::numeric_limits<double>::infinity();
    int32_t lenient_park = -1;
    bool any_chem_park = false;
    for (std::size_t k = 0; k < city.parks.size(); ++k) {
        if (!park_fit(city, r, j, k)) continue;
        any_chem_park |= city.parks[k].chem_park;
        const double m = min_intensity_for(r, city.parks[k]);
        if (m < lenient) {
            lenient = m;
            lenient_park = static_cast<int32_t>(k);
        }
    }
    if (rules::is_chemical(r, p.industry) && !any_chem_park) refuse(RefusalCode::NoChemPark, 0, 0);

    const double intensity = p.area_mu > 0 ? p.investment_wan / p.area_mu : 0;
    if (std::isfinite(lenient) && intensity < lenient - 1e-9) refuse(RefusalCode::LowIntensity, intensity, lenient).park = lenient_park;
    const double tax = p.area_mu > 0 ? p.tax_expect_wan / p.area_mu : 0;
    if (tax < r.screening.tax_floor_wan_per_mu - 1e-9) refuse(RefusalCode::LowTax, tax, r.screening.tax_floor_wan_per_mu);
    if (std::isfinite(lenient) && lenient > 0) {
        const double justified = p.investment_wan / lenient;
        const double ratio = justified > 0 ? p.area_mu / justified : std::numeric_limits<double>::infinity();
        if (ratio > r.screening.sprawl_max_ratio + 1e-9) {
            Refusal& refusal = refuse(RefusalCode::LandGrab, ratio, r.screening.sprawl_max_ratio);
            refusal.park = lenient_park;
            refusal.standard_wan_per_mu = lenient;
            refusal.justified_mu = justified;
        }
    }
    return out;
}

}  // namespace parkcap::allocate
