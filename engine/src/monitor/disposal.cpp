#include "parkcap/monitor/disposal.hpp"

#include <cmath>
#include <limits>
#include <map>

namespace parkcap::monitor {

double DisposalFigures::disposed_mu() const {
    double d = 0;
    for (std::size_t k = 0; k < kDisposalCount; ++k)
        if (is_disposal(static_cast<Disposal>(k))) d += by[k];
    return d;
}

double DisposalFigures::rate() const {
    return flagged_mu > 0 ? disposed_mu() / flagged_mu : std::numeric_limits<double>::quiet_NaN();
}

void DisposalFigures::add(const StockPiece& piece) {
    flagged_mu += piece.area_mu;
    by[static_cast<std::size_t>(piece.how)] += piece.area_mu;
}

namespace {

bool counts_for_quota(const StockPiece& p, const rules::QuotaRules& q) {
    using rules::DisposalKind;
    switch (p.kind) {
        case StockKind::ApprovedUnsupplied: return q.disposal_kinds.contains(DisposalKind::ApprovedUnsupplied);
        case StockKind::Idle:
            return q.disposal_kinds.contains(p.code == audit::FlagCode::IdleTakeback ? DisposalKind::IdleTakeback
                                                                                     : DisposalKind::IdleFee);
        case StockKind::LowEfficiency: return q.disposal_kinds.contains(DisposalKind::LowEfficiency);
    }
    return false;
}

}  // namespace

DisposalProgress disposal_progress(const AuditSnapshot& before_audit, const AuditSnapshot& after_audit, const Changes& c,
                                   const rules::Rules& rules, const City* quota) {
    const SnapshotParcels& before = before_audit.parcels;
    PlaceDisposal city{PlaceLevel::City, "", kCityName, {}};
    std::map<std::string, PlaceDisposal> districts, parks;
    std::map<int, DisposalFigures> city_cohorts;
    std::map<std::pair<std::string, int>, DisposalFigures> district_cohorts;
    std::map<std::string, double> for_quota;
    const Date window_start = before_audit.as_of.plus_years(-rules.quota.window_years);

    // Parcel counts: a parcel split in two is one parcel of stock, not two.
    std::vector<std::array<bool, kStockKindCount>> counted(before.size(), std::array<bool, kStockKindCount>{});
    for (const StockPiece& p : c.stock) {
        const std::string& d = before.district[p.before];
        const std::string& park = before.park_id[p.before];
        const auto k = static_cast<std::size_t>(p.kind);
        PlaceDisposal& dp = districts.try_emplace(d, PlaceDisposal{PlaceLevel::District, d,
                                                                   std::string(before_audit.district_name(d)), {}})
                                .first->second;
        std::vector<DisposalFigures*> figures{&city.by_kind[k], &dp.by_kind[k]};
        if (!park.empty())
            figures.push_back(&parks.try_emplace(park, PlaceDisposal{PlaceLevel::Park, park,
                                                                      std::string(before_audit.park_name(park)), {}})
                                   .first->second.by_kind[k]);
        const bool first_piece = !counted[p.before][k];
        counted[p.before][k] = true;
        for (DisposalFigures* f : figures) {
            f->add(p);
            if (first_piece) ++f->flagged_parcels;
        }
        if (p.kind == StockKind::ApprovedUnsupplied) {
            const Date appr = before.appr_date[p.before];
            const int year = appr.is_null() ? 0 : appr.year();
            for (DisposalFigures* f : {&city_cohorts[year], &district_cohorts[{d, year}]}) {
                f->add(p);
                if (first_piece) ++f->flagged_parcels;
            }
        }
        const Date appr = before.appr_date[p.before];
        if (is_disposal(p.how) && counts_for_quota(p, rules.quota) && (appr.is_null() || !(appr < window_start)))
            for_quota[d] += p.area_mu;
    }

    DisposalProgress out;
    out.places.push_back(city);
    for (auto& [code, place] : districts) out.places.push_back(std::move(place));
    for (auto& [code, place] : parks) out.places.push_back(std::move(place));
    for (const auto& [year, f] : city_cohorts) out.cohorts.push_back({PlaceLevel::City, "", kCityName, year, f});
    for (const auto& [key, f] : district_cohorts)
        out.cohorts.push_back(
            {PlaceLevel::District, key.first, std::string(before_audit.district_name(key.first)), key.second, f});

    // Every district of either audit or of the quota table gets its consequence.
    std::map<std::string, std::string> names;
    for (const NamedPlace& d : before_audit.districts) names.emplace(d.code, d.name);
    for (const NamedPlace& d : after_audit.districts) names.emplace(d.code, d.name);
    if (quota)
        for (const District& d : quota->districts) names.emplace(d.code, d.name);
    for (const auto& [code, name] : names) {
        QuotaConsequence q;
        q.district = code;
        q.name = name;
        const PlaceDisposal* place = nullptr;
        for (const PlaceDisposal& p : out.places)
            if (p.level == PlaceLevel::District && p.code == code) place = &p;
        q.approved_rate = place ? place->by_kind[0].rate() : std::numeric_limits<double>::quiet_NaN();
        q.idle_rate = place ? place->by_kind[1].rate() : std::numeric_limits<double>::quiet_NaN();
        const auto& m = rules.monitoring;
        // A rate equal to the task meets it, whatever the last bit of the area sums.
        constexpr double kRateTolerance = 1e-9;
        q.approved_met = std::isnan(q.approved_rate) || q.approved_rate >= m.approved_task_rate - kRateTolerance;
        q.idle_met = std::isnan(q.idle_rate) || q.idle_rate >= m.idle_task_rate - kRateTolerance;
        q.adjustment_share = q.approved_met && q.idle_met ? m.reward_share : -m.penalty_share;
        if (auto f = for_quota.find(code); f != for_quota.end()) q.disposed_for_quota_mu = f->second;
        q.earned_mu = q.disposed_for_quota_mu * rules.quota.earned_mu_per_mu_disposed;
        if (quota) {
            double base = 0;
            for (const QuotaEntry& e : quota->quota)
                if (quota->districts[e.district].code == code) base += e.quota_mu;
            q.quota_mu = base;
            q.next_quota_mu = base * (1 + q.adjustment_share);
        }
        out.quota.push_back(std::move(q));
    }
    return out;
}

}  // namespace parkcap::monitor
