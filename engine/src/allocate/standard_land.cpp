// 标准地: a project's commitments checked against its park level's control
// indicators, and a plan's placements written as their land-supply conditions.
#include "parkcap/allocate/standard_land.hpp"

#include <cmath>

#include "parkcap/allocate/allocate.hpp"

namespace parkcap::allocate {

const IndicatorCheck* StandardLandCheck::refusal() const {
    for (const IndicatorCheck& c : checks)
        if (c.refuses()) return &c;
    return nullptr;
}

std::optional<double> committed_figure(const Project& p, StandardIndicator indicator) {
    double figure = std::numeric_limits<double>::quiet_NaN();
    switch (indicator) {
    case StandardIndicator::Investment: figure = p.investment_wan; break;
    case StandardIndicator::Tax: figure = p.tax_expect_wan; break;
    case StandardIndicator::Far: figure = p.far_commit; break;
    case StandardIndicator::Output: figure = p.output_expect_wan; break;
    case StandardIndicator::Energy: figure = p.energy_tce_per_wan; break;
    case StandardIndicator::Emission: figure = p.emission_kg_per_wan; break;
    }
    if (std::isnan(figure)) return std::nullopt;
    // The loader refuses projects asking for no land, so area_mu > 0 here.
    return info(indicator).per_mu ? figure / p.area_mu : figure;
}

StandardLandCheck check_standard_land(const rules::Rules& rules, const Project& p, ParkLevel level) {
    StandardLandCheck out;
    const rules::StandardLandRow* row = rules::standard_land_row(rules.standard_land, level, p.industry);
    if (!row) return out;
    out.has_row = true;
    out.industry = row->industry;
    for (const StandardIndicatorInfo& ind : kStandardIndicatorCatalogue) {
        const auto threshold = rules::standard_land_threshold(rules, *row, ind.indicator, p.industry);
        const auto value = committed_figure(p, ind.indicator);
        if (!threshold || !value) continue;
        IndicatorCheck c;
        c.indicator = ind.indicator;
        c.value = *value;
        c.threshold = *threshold;
        c.met = satisfies(ind.bound, *value, *threshold);
        c.on_miss = rules::standard_land_miss(rules.standard_land, *row, ind.indicator);
        out.checks.push_back(c);
    }
    return out;
}

const StandardLandCheck& Verdicts::standard_land_of(std::size_t project, ParkLevel level) const {
    return standard_land[project * kParkLevelCount + static_cast<std::size_t>(level)];
}

std::vector<SupplyCondition> supply_conditions(const City& city, const Plan& plan) {
    std::vector<SupplyCondition> out;
    for (const Placement& pl : plan.state.placements) {
        const Project& p = city.projects[pl.project];
        const Site& site = plan.sites[pl.site];
        const Park& park = city.parks[site.park];
        const StandardLandCheck& check = plan.verdicts.standard_land_of(pl.project, park.level);
        std::vector<std::string> parcels;
        for (uint32_t i : site.parcels) parcels.emplace_back(city.parcels.parcel_id[i]);
        for (const IndicatorCheck& c : check.checks) {
            SupplyCondition sc;
            sc.project_id = p.project_id;
            sc.site_id = site.site_id;
            sc.parcels = parcels;
            sc.park_id = park.park_id;
            sc.level = park.level;
            sc.industry = p.industry;
            sc.standard_industry = check.industry;
            sc.area_mu = p.area_mu;
            sc.taken_mu = pl.area_mu;
            sc.indicator = c.indicator;
            sc.committed = c.value;
            sc.threshold = c.threshold;
            sc.met = c.met;
            sc.on_miss = c.on_miss;
            out.push_back(std::move(sc));
        }
    }
    return out;
}

}  // namespace parkcap::allocate
