#include "parkcap/evaluate/evaluation.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "parkcap/core/units.hpp"

namespace parkcap::evaluate {

const std::array<IndicatorInfo, kIndicatorCount> kIndicators = {{
    {"dev_rate", "土地开发率", "land development rate", "",
     "land meeting supply conditions (approved, reserve, supplied, building, built)", "construction land of known status"},
    {"supp_rate", "土地供应率", "land supply rate", "", "land supplied (supplied, building, built)",
     "land meeting supply conditions"},
    {"built_rate", "土地建成率", "land built rate", "", "land built", "land supplied"},
    {"ind_share", "工业用地率", "industrial land share", "", "built industrial land", "built land"},
    {"far", "综合容积率", "floor-area ratio", "", "floor area (FAR × area) of built land with a FAR",
     "built land with a FAR"},
    {"density", "建筑密度", "building density", "", "building footprint (coverage × area) of built land with a coverage",
     "built land with a coverage"},
    {"ind_far", "工业用地综合容积率", "industrial floor-area ratio", "", "floor area of built industrial land with a FAR",
     "built industrial land with a FAR"},
    {"ind_cover", "工业用地建筑系数", "industrial building coverage", "",
     "building footprint of built industrial land with a coverage", "built industrial land with a coverage"},
    {"ind_inv_mu", "工业用地固定资产投入强度", "industrial investment intensity", "万元/亩",
     "investment made on built industrial land with a figure", "亩 of that land"},
    {"ind_tax_mu", "工业用地地均税收", "industrial tax per mu", "万元/亩",
     "tax paid on built industrial land with a figure", "亩 of that land"},
    {"tax_mu", "综合地均税收", "tax per mu", "万元/亩", "tax paid on built land with a figure", "亩 of that land"},
    {"idle_disp", "闲置土地处置率", "idle land disposal rate", "",
     "idle land of the earlier audit disposed of since", "idle land of the earlier audit"},
}};

Contribution contribution(Indicator k, const ParcelTable& t, std::size_t i) {
    using I = Indicator;
    const double a = t.area_m2[i], mu = units::m2_to_mu(a);
    const Status st = t.status[i];
    const bool ready = st == Status::Approved || st == Status::Reserve || st == Status::Supplied || st == Status::Building ||
                       st == Status::Built;
    const bool supplied = st == Status::Supplied || st == Status::Building || st == Status::Built;
    const bool built = st == Status::Built;
    const bool industrial = t.land_use[i] == LandUse::Industrial;
    auto share = [&](bool scope, bool part) { return Contribution{scope, scope, part ? a : 0, a}; };
    // A figure of built land: the parcel is in the indicator's land, and counts when it carries the figure.
    auto figure = [&](bool scope, double value, double numerator, double denominator) {
        const bool counted = scope && !std::isnan(value);
        return Contribution{scope, counted, counted ? numerator : 0, counted ? denominator : 0};
    };
    const double far = t.far[i], cover = t.coverage[i], tax = t.tax_wan[i], invested = t.inv_done_wan[i];
    switch (k) {
        case I::DevelopmentRate: return {true, st != Status::Unknown, st != Status::Unknown && ready ? a : 0, st != Status::Unknown ? a : 0};
        case I::SupplyRate: return share(ready, supplied);
        case I::BuiltRate: return share(supplied, built);
        case I::IndustrialShare: return share(built, industrial);
        case I::Far: return figure(built, far, far * a, a);
        case I::Density: return figure(built, cover, cover * a, a);
        case I::IndustrialFar: return figure(built && industrial, far, far * a, a);
        case I::IndustrialCoverage: return figure(built && industrial, cover, cover * a, a);
        case I::IndustrialInvestment: return figure(built && industrial, invested, invested, mu);
        case I::IndustrialTax: return figure(built && industrial, tax, tax, mu);
        case I::Tax: return figure(built, tax, tax, mu);
        case I::IdleDisposal: return {};  // from the comparison with an earlier audit, not from this audit's parcels
    }
    return {};
}

std::vector<uint32_t> parcels_behind(const City& city, std::size_t park, Indicator k) {
    std::vector<uint32_t> out;
    const ParcelTable& t = city.parcels;
    for (std::size_t i = 0; i < t.size(); ++i)
        if (t.park[i] == static_cast<int32_t>(park) && contribution(k, t, i).in_scope) out.push_back(static_cast<uint32_t>(i));
    return out;
}

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// A ratio summed over parcels: numerator, denominator, the land that carries the
/// figure against the land that should, and the parcels behind it.
struct Ratio {
    double num = 0, den = 0, known_m2 = 0, all_m2 = 0;
    uint64_t parcels = 0;
    void add(double n, double d, double area_m2) {
        num += n;
        den += d;
        known_m2 += area_m2;
        ++parcels;
    }
};

struct Sums {
    std::array<Ratio, kIndicatorCount> r;
    double built_industrial_below_ideal_floor_m2 = 0;  ///< Σ max(0, ideal − FAR) × area
    double expansion_m2 = 0, unbuilt_m2 = 0, supplied_in_window_m2 = 0;
    double other_use_industrial_m2 = 0, other_use_integrated_m2 = 0;
};

bool has(double v) { return !std::isnan(v); }

void add_parcel(Sums& s, const ParcelTable& t, std::size_t i, const rules::EvaluationRules& rules, double ideal_ind_far,
                Date window_start, Date as_of) {
    const double a = t.area_m2[i];
    for (std::size_t k = 0; k < kIndicatorCount; ++k) {
        const Contribution c = contribution(static_cast<Indicator>(k), t, i);
        if (c.in_scope) s.r[k].all_m2 += a;
        if (c.counted) s.r[k].add(c.numerator, c.denominator, a);
    }
    const Status st = t.status[i];
    if (st == Status::Planned || st == Status::Approved || st == Status::Reserve) s.expansion_m2 += a;
    if (st == Status::Supplied || st == Status::Building) s.unbuilt_m2 += a;
    if (t.land_use[i] != LandUse::Unknown) {
        if (!rules.needed_uses_industrial.contains(t.land_use[i])) s.other_use_industrial_m2 += a;
        if (!rules.needed_uses_integrated.contains(t.land_use[i])) s.other_use_integrated_m2 += a;
    }
    const Date supp = t.supp_date[i];
    if (!supp.is_null() && !(supp < window_start) && supp < as_of) s.supplied_in_window_m2 += a;
    if (st == Status::Built && t.land_use[i] == LandUse::Industrial && has(t.far[i]) && has(ideal_ind_far))
        s.built_industrial_below_ideal_floor_m2 += std::max(0.0, ideal_ind_far - t.far[i]) * a;
}

std::string why_unsupported(Indicator k, const Ratio& r) {
    if (r.all_m2 <= 0) {
        switch (k) {
            case Indicator::SupplyRate: return "no land meeting supply conditions";
            case Indicator::BuiltRate: return "no land supplied";
            case Indicator::IndustrialFar:
            case Indicator::IndustrialCoverage:
            case Indicator::IndustrialInvestment:
            case Indicator::IndustrialTax: return "no built industrial land";
            case Indicator::DevelopmentRate: return "no parcels";
            default: return "no built land";
        }
    }
    switch (k) {
        case Indicator::Far:
        case Indicator::IndustrialFar: return "no FAR on record for this land";
        case Indicator::Density:
        case Indicator::IndustrialCoverage: return "no building coverage on record for this land";
        case Indicator::IndustrialInvestment: return "no investment made on record for this land";
        case Indicator::Tax:
        case Indicator::IndustrialTax: return "no tax on record for this land";
        default: return "no parcel of known status";
    }
}

void fill_indicators(PlaceEvaluation& e, const Sums& s, const monitor::DisposalProgress* since, std::string_view since_code,
                     monitor::PlaceLevel since_level) {
    for (std::size_t k = 0; k + 1 < kIndicatorCount; ++k) {
        const Ratio& r = s.r[k];
        IndicatorValue& v = e.indicators[k];
        v.numerator = r.num;
        v.denominator = r.den;
        v.parcels = r.parcels;
        v.coverage = r.all_m2 > 0 ? r.known_m2 / r.all_m2 : 0;
        if (r.den > 0) v.value = r.num / r.den;
        else v.unsupported = why_unsupported(static_cast<Indicator>(k), r);
    }
    IndicatorValue& idle = e.indicators[static_cast<std::size_t>(Indicator::IdleDisposal)];
    if (!since) {
        idle.unsupported = "needs an earlier audit (--since) to compare with";
        return;
    }
    for (const monitor::PlaceDisposal& p : since->places) {
        if (p.level != since_level || p.code != since_code) continue;
        const monitor::DisposalFigures& f = p.by_kind[static_cast<std::size_t>(monitor::StockKind::Idle)];
        idle.numerator = f.disposed_mu();
        idle.denominator = f.flagged_mu;
        idle.parcels = f.flagged_parcels;
        if (f.flagged_mu > 0) idle.value = f.rate();
    }
    if (!(idle.denominator > 0)) idle.unsupported = "no idle land in the earlier audit";
}

void score(PlaceEvaluation& e, const rules::EvaluationRules& rules) {
    const IndicatorValue& share = e.indicators[static_cast<std::size_t>(Indicator::IndustrialShare)];
    e.type = !share.supported() ? ParkType::Unknown
             : share.value >= rules.industrial_type_share ? ParkType::Industrial
                                                          : ParkType::Integrated;
    double total = 0, covered = 0, points = 0;
    for (const rules::EvaluationIndicatorRule& rule : rules.indicators) {
        IndicatorValue& v = e.indicators[rule.indicator];
        v.ideal = rule.ideal;
        // A park of unknown type (no built land) is weighed as an industrial one.
        v.weight = e.type == ParkType::Integrated ? rule.weight_integrated : rule.weight_industrial;
        total += v.weight;
        if (!v.supported()) continue;
        v.normalised = std::min(v.value / rule.ideal, 1.0);
        covered += v.weight;
        points += v.weight * v.normalised;
    }
    e.weight_covered = total > 0 ? covered / total : 0;
    e.score = covered > 0 ? 100 * points / covered : kNaN;
}

void fill_potential(PlaceEvaluation& e, const Sums& s, const audit::Capacity& c, const rules::EvaluationRules& rules,
                    double ideal_ind_far) {
    Potential& p = e.potential;
    p.expansion_m2 = s.expansion_m2;
    p.unbuilt_m2 = s.unbuilt_m2;
    p.structure_m2 = e.type == ParkType::Integrated ? s.other_use_integrated_m2 : s.other_use_industrial_m2;
    p.intensity_floor_m2 = has(ideal_ind_far) ? s.built_industrial_below_ideal_floor_m2 : kNaN;
    p.management_m2 = c.idle_m2;
    p.remaining_m2 = c.supply_ready_m2 + c.planned_m2;
    p.supplied_per_year_m2 = s.supplied_in_window_m2 / rules.supply_window_years;
    if (p.supplied_per_year_m2 > 0) p.years_left = p.remaining_m2 / p.supplied_per_year_m2;
    else p.years_note = fmt::format("no land supplied in the {} years before the audit date", rules.supply_window_years);
}

void rank_parks(std::vector<PlaceEvaluation>& parks) {
    // A park without built land has no type: it is scored, not ranked.
    for (PlaceEvaluation& e : parks) {
        if (std::isnan(e.score) || e.type == ParkType::Unknown) continue;
        int better = 0, of = 0;
        for (const PlaceEvaluation& o : parks) {
            if (o.type != e.type || std::isnan(o.score)) continue;
            ++of;
            // Scores equal to the printed precision share a rank.
            if (o.score > e.score + 1e-9) ++better;
        }
        e.rank = better + 1;
        e.ranked_of = of;
    }
}

}  // namespace

Evaluation evaluate(const City& city, const audit::Audit& audit, const rules::Rules& rules,
                    const monitor::DisposalProgress* since) {
    const rules::EvaluationRules& r = rules.evaluation;
    double ideal_ind_far = kNaN;
    for (const auto& rule : r.indicators)
        if (rule.indicator == static_cast<std::size_t>(Indicator::IndustrialFar)) ideal_ind_far = rule.ideal;
    const Date window_start = audit.as_of.plus_years(-r.supply_window_years);

    Sums city_sums;
    std::vector<Sums> district_sums(city.districts.size()), park_sums(city.parks.size());
    const ParcelTable& t = city.parcels;
    for (std::size_t i = 0; i < t.size(); ++i) {
        add_parcel(city_sums, t, i, r, ideal_ind_far, window_start, audit.as_of);
        add_parcel(district_sums[t.district[i]], t, i, r, ideal_ind_far, window_start, audit.as_of);
        if (t.park[i] >= 0) add_parcel(park_sums[static_cast<std::size_t>(t.park[i])], t, i, r, ideal_ind_far, window_start, audit.as_of);
    }

    Evaluation out;
    out.as_of = audit.as_of;
    auto make = [&](PlaceLevel level, std::size_t index, std::string code, std::string name, const Sums& s,
                    const audit::Capacity& capacity, monitor::PlaceLevel since_level) {
        PlaceEvaluation e;
        e.level = level;
        e.index = index;
        e.code = std::move(code);
        e.name = std::move(name);
        fill_indicators(e, s, since, e.code, since_level);
        score(e, r);
        fill_potential(e, s, capacity, r, ideal_ind_far);
        return e;
    };
    out.city = make(PlaceLevel::City, 0, "", kCityName, city_sums, audit.city, monitor::PlaceLevel::City);
    for (std::size_t d = 0; d < city.districts.size(); ++d)
        out.districts.push_back(make(PlaceLevel::District, d, city.districts[d].code, city.districts[d].name, district_sums[d],
                                     audit.districts[d].capacity, monitor::PlaceLevel::District));
    for (std::size_t p = 0; p < city.parks.size(); ++p)
        out.parks.push_back(make(PlaceLevel::Park, p, city.parks[p].park_id, city.parks[p].name, park_sums[p], audit.parks[p],
                                 monitor::PlaceLevel::Park));
    rank_parks(out.parks);
    return out;
}

}  // namespace parkcap::evaluate
