// Hard refusals (环评安评不过关、不符合产业政策、跑马圈地、贡献度不大) and park fit.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "parkcap/model/industry.hpp"
#include "parkcap/allocate/allocate.hpp"

namespace parkcap::allocate {

namespace {

/// The 标准地 investment minimum for a project in parks of `level`; 0 when no row
/// applies (no standard: land cannot be judged against it).
double investment_standard(const rules::Rules& r, ParkLevel level, std::string_view industry) {
    const rules::StandardLandRow* row = rules::standard_land_row(r.standard_land, level, industry);
    if (!row) return 0;
    return rules::standard_land_threshold(r, *row, StandardIndicator::Investment, industry).value_or(0);
}

/// 标准地: a project is refused only when every park it fits refuses it, each level
/// for a "refuse" indicator it misses there; it then gets one refusal per level
/// and indicator missed, naming the level's parks. Otherwise the site rules keep it
/// off the levels that refuse it (SiteRule::StandardLand).
void refuse_by_standard_land(const rules::Rules& r, const Project& p,
                             const std::array<std::vector<uint32_t>, kParkLevelCount>& fitting, std::vector<Refusal>& out) {
    std::array<StandardLandCheck, kParkLevelCount> checks;
    bool fits_any = false;
    for (std::size_t l = 0; l < kParkLevelCount; ++l) {
        if (fitting[l].empty()) continue;
        fits_any = true;
        checks[l] = check_standard_land(r, p, static_cast<ParkLevel>(l));
        if (!checks[l].refused()) return;  // a level that takes it: no refusal
    }
    if (!fits_any) return;
    for (std::size_t l = 0; l < kParkLevelCount; ++l)
        for (const IndicatorCheck& c : checks[l].checks) {
            if (!c.refuses()) continue;
            Refusal& refusal = out.emplace_back();
            refusal.code = refusal_code(c.indicator);
            refusal.value = c.value;
            refusal.threshold = c.threshold;
            refusal.level = static_cast<ParkLevel>(l);
            refusal.standard_industry = checks[l].industry;
            refusal.parks = fitting[l];
            refusal.park = static_cast<int32_t>(fitting[l].front());
        }
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

    // The parks it could go to, by level, and the most lenient investment standard among them.
    std::array<std::vector<uint32_t>, kParkLevelCount> fitting;
    double lenient = std::numeric_limits<double>::infinity();
    int32_t lenient_park = -1;
    bool any_chem_park = false;
    for (std::size_t k = 0; k < city.parks.size(); ++k) {
        if (!park_fit(city, r, j, k)) continue;
        const Park& park = city.parks[k];
        any_chem_park |= park.chem_park;
        fitting[static_cast<std::size_t>(park.level)].push_back(static_cast<uint32_t>(k));
        const double m = investment_standard(r, park.level, p.industry);
        if (m < lenient) {
            lenient = m;
            lenient_park = static_cast<int32_t>(k);
        }
    }
    if (rules::is_chemical(r, p.industry) && !any_chem_park) refuse(RefusalCode::NoChemPark, 0, 0);
    refuse_by_standard_land(r, p, fitting, out);

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
