#include "attributes.hpp"

#include <algorithm>
#include <cmath>

#include "names.hpp"
#include "planar.hpp"
#include "standards.hpp"

namespace sample_city {

namespace {

std::string pick_industry(const CityDefinition& city, const Pool& p, LandUse lu, bool needs_far_min, Rng& r) {
    switch (lu) {
        case kIndustrial: {
            for (int attempt = 0; attempt < 50; ++attempt) {
                const bool misfit = p.is_park && r.chance(0.12);
                const std::string code = misfit ? r.pick(city.misfit_industries) : r.pick(p.def->industries);
                if (!needs_far_min || far_min_for(code) > 0) return code;
            }
            return "C3311";
        }
        case kLogistics: return r.pick(p.def->logistics);
        case kCommercial: return r.pick(city.commercial_industries);
        case kResidential: return "K7010";
        default: return "";
    }
}

/// Built-land figures by land use for cases that pass every test.
void built_figures(ParcelRec& a, LandUse lu, const std::string& industry, double level_min, double mu, Rng& r) {
    a.dev = 1.0;
    switch (lu) {
        case kIndustrial: {
            const double base = std::max(far_min_for(industry), 1.0);  // no table entry: clear any plausible one
            a.far = base * r.between(1.15, 2.2);
            a.coverage = r.between(0.36, 0.62);
            a.inv_done = level_min * r.between(1.15, 3.0) * mu;
            const double tax_per_mu = r.log_between(18, 130);  // wide: 亩均 classes separate
            a.tax = tax_per_mu * mu;
            a.output = tax_per_mu * r.between(7, 18) * mu;
            break;
        }
        case kLogistics:
            a.far = r.between(0.6, 1.5), a.coverage = r.between(0.35, 0.6);
            a.inv_done = level_min * r.between(0.8, 2.0) * mu;
            a.tax = r.log_between(8, 60) * mu, a.output = a.tax * r.between(5, 12);
            break;
        case kCommercial:
            a.far = r.between(1.5, 4.0), a.coverage = r.between(0.3, 0.55);
            a.inv_done = level_min * r.between(1.0, 3.0) * mu;
            a.tax = r.log_between(20, 150) * mu, a.output = a.tax * r.between(4, 10);
            break;
        case kResidential:
            a.far = r.between(1.2, 2.5), a.coverage = r.between(0.18, 0.3);
            a.inv_done = level_min * r.between(2.0, 5.0) * mu;
            break;
        case kPublic:
            a.far = r.between(0.4, 1.2), a.coverage = r.between(0.2, 0.4);
            a.inv_done = level_min * r.between(0.5, 1.5) * mu;
            break;
        default:
            a.far = r.between(0.2, 0.8), a.coverage = r.between(0.1, 0.3);
            a.inv_done = level_min * r.between(0.2, 0.8) * mu;
            break;
    }
    a.inv_plan = a.inv_done * r.between(0.85, 1.08);
}

/// Dates of a parcel supplied on `supp`: approval 2-14 months before it.
void approve_before(ParcelRec& a, Rng& r) { a.appr = a.supp - static_cast<Day>(r.int_between(60, 420)); }

}  // namespace

ParcelRec make_attributes(const CityDefinition& city, Case c, const SpecialDef* sp, LandUse lu, const Pool& p, double mu,
                          Rng& r) {
    ParcelRec a;
    const double level_min = level_investment_min(p.def->level);
    auto occupy = [&](bool needs_far_min) {
        a.industry = pick_industry(city, p, lu, needs_far_min, r);
        if (sp && sp->kind == SpecialKind::PolicyIndustry) a.industry = sp->industry;
        if (lu != kOther) a.enterprise = enterprise_name(city.name_prefixes, a.industry, lu, p.def->district, r);
    };
    auto promise = [&] { a.inv_plan = draw_promise(p, mu, r); };
    auto supplied_for_due = [&] {
        a.supp = std::min(a.due - static_cast<Day>(r.int_between(90, 330)), kAsOf - static_cast<Day>(r.int_between(20, 200)));
        approve_before(a, r);
    };
    auto started_on = [&](Day start) {
        a.start = start;
        a.due = start - static_cast<Day>(r.int_between(-60, 120));
        a.supp = a.due - static_cast<Day>(r.int_between(90, 330));
        approve_before(a, r);
    };
    auto halted = [&](Day halt, double dev, double inv_share) {
        a.status = "building";
        a.halt = halt;
        started_on(halt - static_cast<Day>(r.int_between(150, 800)));
        occupy(false);
        promise();
        a.dev = dev;
        a.inv_done = std::isnan(inv_share) ? kNaN : a.inv_plan * inv_share;
    };
    auto built = [&](bool needs_far_min) {
        a.status = "built";
        a.appr = random_day(r, D(2006, 1, 1), D(2021, 6, 1));
        a.supp = a.appr + static_cast<Day>(r.int_between(60, 420));
        a.due = a.supp + static_cast<Day>(r.int_between(90, 330));
        a.start = a.due + static_cast<Day>(r.int_between(-60, 200));
        occupy(needs_far_min);
        built_figures(a, lu, a.industry, level_min, mu, r);
    };

    if (sp) {
        switch (sp->kind) {
            case SpecialKind::SuppliedDue:
                a.status = "supplied";
                a.due = sp->day;
                supplied_for_due();
                occupy(false);
                promise();
                a.dev = 0, a.inv_done = 0;
                break;
            case SpecialKind::Halted:
                halted(sp->day, sp->dev, sp->inv);
                if (!std::isnan(sp->inv)) a.inv_plan = std::round(a.inv_plan), a.inv_done = a.inv_plan * sp->inv;
                break;
            case SpecialKind::ApprovedOn:
                a.status = "approved";
                a.appr = sp->day;
                break;
            case SpecialKind::DevOutOfRange:
                built(false);
                a.dev = 1.3;
                break;
            case SpecialKind::EmptyStatus:
                built(false);
                a.status_set = false;
                break;
            default:  // policy industries, bow-ties, duplicate ids: a compliant built parcel
                built(false);
                break;
        }
    } else {
        switch (c) {
            case kBuiltOk: built(false); break;
            case kBuiltLowFar:
                built(true);
                a.far = far_min_for(a.industry) * r.between(0.45, 0.85);
                break;
            case kBuiltLowCoverage: built(false); a.coverage = r.between(0.12, 0.27); break;
            case kBuiltLowInvestment:
                built(false);
                a.inv_done = level_min * r.between(0.35, 0.8) * mu;
                a.inv_plan = a.inv_done * r.between(1.0, 1.4);
                break;
            case kBuiltLowTax:
                built(false);
                a.tax = r.between(2, 12.5) * mu;
                a.output = a.tax * r.between(8, 20);
                break;
            case kBuiltLowMulti:
                built(true);
                a.far = far_min_for(a.industry) * r.between(0.45, 0.85);
                a.coverage = r.between(0.12, 0.27);
                a.tax = r.between(2, 12.5) * mu;
                a.output = a.tax * r.between(8, 20);
                break;
            case kBuiltNew:
                built(false);
                a.supp = random_day(r, D(2024, 8, 1), D(2024, 12, 31));
                approve_before(a, r);
                a.due = a.supp + static_cast<Day>(r.int_between(60, 120));
                a.start = a.due + static_cast<Day>(r.int_between(0, 30));
                break;
            case kBuildingActive:
                a.status = "building";
                started_on(random_day(r, D(2023, 7, 1), D(2026, 3, 31)));
                occupy(false);
                promise();
                a.dev = r.between(0.15, 0.9);
                a.inv_done = a.inv_plan * r.between(0.2, 0.95);
                break;
            case kBuildingHaltedRecent:
                halted(random_day(r, D(2025, 8, 1), D(2026, 4, 30)), r.between(0.1, 0.3), r.between(0.1, 0.4));
                break;
            case kBuildingIdleFee:
                halted(random_day(r, D(2024, 8, 1), D(2025, 5, 31)), r.between(0.1, 0.28), r.between(0.4, 0.7));
                break;
            case kBuildingIdleTakeback:
                halted(random_day(r, D(2020, 1, 1), D(2024, 5, 31)), r.between(0.4, 0.6), r.between(0.05, 0.15));
                break;
            case kBuildingHaltedProgressed:
                halted(random_day(r, D(2023, 1, 1), D(2025, 5, 31)), r.between(0.45, 0.7), r.between(0.5, 0.8));
                break;
            case kSuppliedWatch:
            case kSuppliedIdleFee:
            case kSuppliedIdleTakeback:
                a.status = "supplied";
                a.due = c == kSuppliedWatch     ? random_day(r, D(2025, 8, 1), D(2027, 12, 31))
                        : c == kSuppliedIdleFee ? random_day(r, D(2024, 8, 1), D(2025, 5, 31))
                                                : random_day(r, D(2018, 3, 1), D(2024, 5, 31));
                supplied_for_due();
                occupy(false);
                promise();
                a.dev = 0, a.inv_done = 0;
                break;
            case kApprovedUnder2: a.status = "approved", a.appr = random_day(r, D(2024, 8, 1), D(2026, 5, 31)); break;
            case kApproved2to5: a.status = "approved", a.appr = random_day(r, D(2021, 8, 1), D(2024, 5, 31)); break;
            case kApprovedOver5: a.status = "approved", a.appr = random_day(r, D(2012, 1, 1), D(2021, 5, 31)); break;
            case kPlanned: a.status = "planned"; break;
            case kReserve: a.status = "reserve", a.appr = random_day(r, D(2008, 1, 1), D(2019, 12, 31)); break;
            default: fail("unexpected case");
        }
    }
    round_as_stored(a);
    return a;
}

void draw_land_user(const CityDefinition& city, const Pool& p, LandUse lu, bool chemicals_allowed, ParcelRec& a, Rng& r) {
    a.industry = lu == kIndustrial && !chemicals_allowed ? r.pick(city.misfit_industries) : pick_industry(city, p, lu, false, r);
    a.enterprise = lu == kOther ? std::string() : enterprise_name(city.name_prefixes, a.industry, lu, p.def->district, r);
}

double draw_promise(const Pool& p, double mu, Rng& r) {
    return level_investment_min(p.def->level) * r.between(1.2, 3.0) * mu;
}

void draw_built_figures(ParcelRec& a, LandUse lu, const Pool& p, double mu, Rng& r) {
    built_figures(a, lu, a.industry, level_investment_min(p.def->level), mu, r);
}

void round_as_stored(ParcelRec& a) {
    auto r2 = [](double& v) { if (!std::isnan(v)) v = round2(v); };
    auto r4 = [](double& v) { if (!std::isnan(v)) v = round4(v); };
    r4(a.dev), r4(a.coverage), r2(a.far), r2(a.inv_plan), r2(a.inv_done), r2(a.tax), r2(a.output);
}

}  // namespace sample_city
