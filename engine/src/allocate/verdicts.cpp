// The verdict of the site rules on every (project, site) pair, decided once: the
// model's candidates, place(), check_placement() and the unplaced reasons all
// read these, so they cannot disagree about what a project may use.
#include <algorithm>
#include <cmath>
#include <limits>

#include "parkcap/allocate/allocate.hpp"

namespace parkcap::allocate {

namespace {

enum SitePart : uint8_t { kProjectOnly = 0, kThemeFit = 1, kNewQuota = 2, kArea = 3, kMajorArea = 4 };

using rules::ObjectiveTermKind;

/// A term's value where it does not depend on the site (0 where it does: that part
/// comes from the verdict, see site_part).
double project_value(ObjectiveTermKind kind, const Project& p) {
    switch (kind) {
    case ObjectiveTermKind::InvestmentPerMu: return p.investment_wan / p.area_mu;
    case ObjectiveTermKind::TaxPerMu: return p.tax_expect_wan / p.area_mu;
    case ObjectiveTermKind::Tech: return p.tech;
    case ObjectiveTermKind::Major: return p.major ? 1 : 0;
    case ObjectiveTermKind::TotalTax: return p.tax_expect_wan;
    case ObjectiveTermKind::TotalInvestment: return p.investment_wan;
    case ObjectiveTermKind::MajorArea: return p.major ? 1 : 0;  // the site's take multiplies it
    case ObjectiveTermKind::ThemeFit:
    case ObjectiveTermKind::NewQuota:
    case ObjectiveTermKind::Area: break;
    }
    return 0;
}

/// Which figure of the verdict a term takes (kProjectOnly: none).
uint8_t site_part(ObjectiveTermKind kind) {
    switch (kind) {
    case ObjectiveTermKind::ThemeFit: return kThemeFit;
    case ObjectiveTermKind::NewQuota: return kNewQuota;
    case ObjectiveTermKind::Area: return kArea;
    case ObjectiveTermKind::MajorArea: return kMajorArea;
    default: return kProjectOnly;
    }
}

double term_value(const Verdicts& v, std::size_t j, std::size_t t, const SiteVerdict& verdict) {
    switch (v.term_site_part[t]) {
    case kThemeFit: return verdict.themed ? 1 : 0;
    case kNewQuota: return verdict.payer >= 0 ? verdict.quota_mu : 0;
    case kArea: return verdict.take_mu;
    case kMajorArea: return verdict.take_mu * v.term_values[j * v.term_site_part.size() + t];  // × 1 when major
    default: return v.term_values[j * v.term_site_part.size() + t];
    }
}

/// Σ weight × value ÷ scale over the terms, in their order (as ScoreTerm adds them).
double score_of(const Verdicts& v, const rules::Rules& r, std::size_t j, const SiteVerdict& verdict) {
    double s = 0;
    for (std::size_t t = 0; t < r.objective.terms.size(); ++t) {
        const auto& term = r.objective.terms[t];
        s += term.weight * term_value(v, j, t, verdict) / term.scale;
    }
    return s;
}

/// The area a project takes: the whole site when less than min_remnant_mu would be
/// left. The tolerance keeps a remnant of exactly min_remnant_mu (up to rounding of
/// areas) a usable remnant.
double take_for(const rules::Rules& r, const Project& p, const Site& site) {
    return site.area_mu - p.area_mu < r.fit.min_remnant_mu - 1e-6 ? site.area_mu : p.area_mu;
}

/// Whose quota pays for planned land (a mixed site's planned part too): the
/// host's or the origin's ([enclave]); -1 for stock land.
int32_t payer_for(const rules::Rules& r, const Project& p, const Site& site) {
    if (site.kind == SiteKind::Stock) return -1;
    return static_cast<int32_t>(r.enclave.quota_paid_by == rules::EnclaveSide::Origin ? p.origin : site.district);
}

/// The first site rule that keeps project p off the site (its park fits), with its figures.
/// An assembled site is offered only to a project that needs it: one no block of
/// the same park and kind that the project may use could hold, and that needs
/// every one of its blocks.
/// (This keeps the model as easy as the blocks alone for all other projects.)
bool assembly_needed(const std::vector<Site>& sites, uint32_t s, double area_mu, double take_mu,
                     const std::vector<double>& largest_block_mu) {
    const Site& site = sites[s];
    // Blocks are stock or planned; a mixed site stands in for a block of either kind.
    const double stock = largest_block_mu[site.park * 2 + static_cast<std::size_t>(SiteKind::Stock)];
    const double planned = largest_block_mu[site.park * 2 + static_cast<std::size_t>(SiteKind::Planned)];
    const double largest = site.kind == SiteKind::Stock     ? stock
                           : site.kind == SiteKind::Planned ? planned
                                                            : std::max(stock, planned);
    if (largest + 1e-9 >= area_mu) return false;
    return !block_shares(sites, s, take_mu).empty();
}

SiteVerdict judge(const rules::Rules& r, const Project& p, bool chemical, const std::vector<Site>& sites, uint32_t s,
                  bool themed, const StandardLandCheck& standard, const std::vector<double>& largest_block_mu) {
    const Site& site = sites[s];
    SiteVerdict v;
    v.site = s;
    v.themed = themed;
    auto refuse = [&](SiteRule rule, double value, double threshold) {
        v.rule = rule;
        v.value = value;
        v.threshold = threshold;
        return v;
    };
    if (const IndicatorCheck* missed = standard.refusal()) {
        v.indicator = missed->indicator;
        return refuse(SiteRule::StandardLand, missed->value, missed->threshold);
    }
    if (p.needs_shore && !site.shore_ok) return refuse(SiteRule::NoShore, site.port_distance_m, r.fit.shore_site_distance_m);
    if (chemical && site.river_distance_m <= r.policy.chem_shore_distance_m)
        return refuse(SiteRule::ChemNearRiver, site.river_distance_m, r.policy.chem_shore_distance_m);
    if (p.area_mu > site.area_mu + 1e-9) return refuse(SiteRule::TooSmall, site.area_mu, p.area_mu);
    v.take_mu = take_for(r, p, site);
    if (site.assembled() && !assembly_needed(sites, s, p.area_mu, v.take_mu, largest_block_mu))
        return refuse(SiteRule::PartSuffices, site.area_mu, p.area_mu);
    v.payer = payer_for(r, p, site);
    // How much of the take is planned land (quota) and how much disposes of stock:
    // on a mixed site, block by block, as the land is booked (block_shares).
    double& disposed_mu = v.disposed_mu;
    if (site.kind == SiteKind::Planned) {
        v.quota_mu = v.take_mu;
    } else if (site.kind == SiteKind::Stock) {
        if (site.area_mu > 0) disposed_mu = v.take_mu * site.disposable_mu / site.area_mu;
    } else {
        for (const auto& [b, mu] : block_shares(sites, s, v.take_mu)) {
            const Site& block = sites[b];
            if (block.kind == SiteKind::Planned) v.quota_mu += mu;
            else if (block.area_mu > 0) disposed_mu += mu * block.disposable_mu / block.area_mu;
        }
    }
    if (disposed_mu > 0) {
        v.earner = static_cast<int32_t>(r.quota.earned_by == rules::EnclaveSide::Origin ? p.origin : site.district);
        v.earned_mu = r.quota.earned_mu_per_mu_disposed * disposed_mu;
    }
    return v;
}

}  // namespace

std::span<const SiteVerdict> Verdicts::of(std::size_t project) const {
    return {list.data() + first[project], list.data() + first[project + 1]};
}

SiteVerdict Verdicts::at(std::size_t project, std::size_t site) const {
    const auto mine = of(project);
    const auto it = std::lower_bound(mine.begin(), mine.end(), site,
                                     [](const SiteVerdict& v, std::size_t s) { return v.site < s; });
    if (it != mine.end() && it->site == site) return *it;
    SiteVerdict v;
    v.site = static_cast<uint32_t>(site);
    v.rule = SiteRule::ParkNoFit;
    return v;
}

std::optional<bool> Verdicts::park_fit(std::size_t project, std::size_t park) const {
    const int8_t f = fit[project * park_count + park];
    if (f < 0) return std::nullopt;
    return f > 0;
}

std::vector<ScoreTerm> Verdicts::terms(const rules::Rules& r, std::size_t project, const SiteVerdict& verdict) const {
    std::vector<ScoreTerm> out;
    out.reserve(r.objective.terms.size());
    for (std::size_t t = 0; t < r.objective.terms.size(); ++t) {
        const auto& term = r.objective.terms[t];
        out.push_back(ScoreTerm{term.kind, term_value(*this, project, t, verdict), term.weight, term.scale});
    }
    return out;
}

Verdicts build_verdicts(const City& city, const rules::Rules& r, const std::vector<Site>& sites) {
    Verdicts v;
    const std::size_t np = city.projects.size(), nk = city.parks.size(), nt = r.objective.terms.size();
    v.park_count = nk;
    v.fit.assign(np * nk, -1);
    for (std::size_t j = 0; j < np; ++j)
        for (std::size_t k = 0; k < nk; ++k)
            if (const auto f = park_fit(city, r, j, k)) v.fit[j * nk + k] = *f ? 1 : 0;
    v.site_park.reserve(sites.size());
    for (const Site& s : sites) v.site_park.push_back(s.park);

    v.term_site_part.resize(nt);
    for (std::size_t t = 0; t < nt; ++t) v.term_site_part[t] = site_part(r.objective.terms[t].kind);
    v.term_values.assign(np * nt, 0);
    for (std::size_t j = 0; j < np; ++j)
        for (std::size_t t = 0; t < nt; ++t)
            if (v.term_site_part[t] == kProjectOnly || v.term_site_part[t] == kMajorArea) v.term_values[j * nt + t] = project_value(r.objective.terms[t].kind, city.projects[j]);

    // Per park × kind, the largest block a project may use, by what keeps it off
    // blocks: [needs shore + 2 × chemical]. An assembled site is needed when no
    // block the project could use holds it.
    std::vector<double> largest_block_mu[4];
    for (int variant = 0; variant < 4; ++variant) {
        largest_block_mu[variant].assign(nk * 2, 0);
        for (const Site& s : sites) {
            if (s.assembled() || ((variant & 1) && !s.shore_ok) ||
                ((variant & 2) && s.river_distance_m <= r.policy.chem_shore_distance_m))
                continue;
            double& m = largest_block_mu[variant][s.park * 2 + static_cast<std::size_t>(s.kind)];
            m = std::max(m, s.area_mu);
        }
    }
    // 标准地 depends on the park's level only: one check per project and level.
    v.standard_land.resize(np * kParkLevelCount);
    for (std::size_t j = 0; j < np; ++j)
        for (std::size_t l = 0; l < kParkLevelCount; ++l)
            v.standard_land[j * kParkLevelCount + l] = check_standard_land(r, city.projects[j], static_cast<ParkLevel>(l));
    v.first.reserve(np + 1);
    v.first.push_back(0);
    for (std::size_t j = 0; j < np; ++j) {
        const Project& p = city.projects[j];
        const bool chemical = rules::is_chemical(r, p.industry);
        for (std::size_t s = 0; s < sites.size(); ++s) {
            const int8_t f = v.fit[j * nk + sites[s].park];
            if (f < 0) continue;
            SiteVerdict verdict = judge(r, p, chemical, sites, static_cast<uint32_t>(s), f > 0,
                                        v.standard_land_of(j, city.parks[sites[s].park].level),
                                        largest_block_mu[(p.needs_shore ? 1 : 0) + (chemical ? 2 : 0)]);
            if (verdict.allowed()) verdict.score = score_of(v, r, j, verdict);
            v.list.push_back(verdict);
        }
        v.first.push_back(static_cast<uint32_t>(v.list.size()));
    }
    return v;
}

}  // namespace parkcap::allocate
