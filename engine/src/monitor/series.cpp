#include "parkcap/monitor/series.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "parkcap/core/error.hpp"

namespace parkcap::monitor {

namespace {

constexpr double kNaN = PlaceFigures::kNaN;

double ratio(double numerator, double denominator) { return denominator > 0 ? numerator / denominator : kNaN; }

const NamedPlace* find_place(const std::vector<NamedPlace>& places, const std::string& code) {
    for (const NamedPlace& p : places)
        if (p.code == code) return &p;
    return nullptr;
}

/// Every district or park code of any audit, each with the name and district the
/// latest audit naming it gives.
std::map<std::string, std::pair<std::string, std::string>> places_of(const std::vector<AuditSnapshot>& audits,
                                                                     std::vector<NamedPlace> AuditSnapshot::*which) {
    std::map<std::string, std::pair<std::string, std::string>> out;
    for (const AuditSnapshot& a : audits)
        for (const NamedPlace& p : a.*which) {
            auto& [name, district] = out[p.code];
            if (!p.name.empty()) name = p.name;
            if (!p.district.empty()) district = p.district;
        }
    return out;
}

}  // namespace

std::vector<Date> AuditSeries::dates() const {
    std::vector<Date> d;
    for (const AuditSnapshot& a : audits) d.push_back(a.as_of);
    return d;
}

PlaceFigures city_figures(const AuditSnapshot& audit) {
    PlaceFigures c;
    c.tax_wan = c.taxed_mu = 0;
    for (const NamedPlace& d : audit.districts) {
        const PlaceFigures& f = d.figures;
        c.parcels += f.parcels;
        c.parcel_mu += f.parcel_mu;
        c.approved_mu += f.approved_mu;
        c.supplied_mu += f.supplied_mu;
        c.building_mu += f.building_mu;
        c.built_mu += f.built_mu;
        c.idle_mu += f.idle_mu;
        c.low_efficiency_mu += f.low_efficiency_mu;
        c.tax_wan += f.tax_wan;  // NaN (an older audit) makes the city's NaN too
        c.taxed_mu += f.taxed_mu;
    }
    // The same definitions as audit::Capacity::utilisation and supply_ratio.
    const double used = c.building_mu + c.built_mu;
    c.utilisation = ratio(used, c.parcel_mu);
    c.supply_ratio = ratio(c.supplied_mu + used, c.approved_mu + c.supplied_mu + used);
    c.tax_wan_per_mu = std::isnan(c.taxed_mu) ? kNaN : ratio(c.tax_wan, c.taxed_mu);
    return c;
}

void order_audits(std::vector<AuditSnapshot>& audits) {
    if (audits.size() < 2)
        throw UsageError(fmt::format("a series needs two audits or more; got {}{}", audits.size(),
                                     audits.empty() ? std::string() : " (" + audits.front().path + ")"),
                         "give every AUDIT.gpkg of the city, in any order: parkcap series A1.gpkg A2.gpkg ... --out SERIES.gpkg");
    std::stable_sort(audits.begin(), audits.end(),
                     [](const AuditSnapshot& a, const AuditSnapshot& b) { return a.as_of < b.as_of; });
    for (std::size_t k = 1; k < audits.size(); ++k) {
        const AuditSnapshot &a = audits[k - 1], &b = audits[k];
        if (a.as_of == b.as_of)
            throw DataError(fmt::format("{} and {}: both are audits as of {}; a series has one audit per date", a.path,
                                        b.path, a.as_of.iso()),
                            "drop one of them (the same audit under two names?), or audit again with the right --as-of");
    }
    for (const AuditSnapshot& b : audits) {
        const AuditSnapshot& a = audits.front();
        if (b.working_crs != a.working_crs)
            throw DataError(fmt::format("{} and {}: the audits were made in different working CRSs ({} and {}); their "
                                        "parcels cannot be matched by overlap",
                                        a.path, b.path, a.working_crs, b.working_crs),
                            fmt::format("audit every period with the same --crs, e.g. --crs {}", a.working_crs));
    }
}

AuditSeries build_series(std::vector<AuditSnapshot> audits, const rules::Rules& rules) {
    order_audits(audits);
    AuditSeries s;
    s.audits = std::move(audits);
    const std::size_t n = s.audits.size();

    SeriesPlace city{PlaceLevel::City, "", kCityName, "", std::vector<SeriesPoint>(n)};
    for (std::size_t t = 0; t < n; ++t) {
        city.points[t].figures = city_figures(s.audits[t]);
        if (std::isnan(city.points[t].figures->tax_wan))
            s.notes.push_back(fmt::format("{} (as of {}): the city's 亩均 tax (tax_mu) is left empty: its district_summary "
                                          "has no tax_wan and taxed_mu (written by an older parkcap; audit again to get them)",
                                          s.audits[t].path, s.audits[t].as_of.iso()));
    }
    s.places.push_back(std::move(city));
    auto add_level = [&](PlaceLevel level, std::vector<NamedPlace> AuditSnapshot::*which) {
        for (const auto& [code, named] : places_of(s.audits, which)) {
            SeriesPlace p{level, code, named.first, level == PlaceLevel::District ? code : named.second,
                          std::vector<SeriesPoint>(n)};
            for (std::size_t t = 0; t < n; ++t)
                if (const NamedPlace* in = find_place(s.audits[t].*which, code)) p.points[t].figures = in->figures;
            s.places.push_back(std::move(p));
        }
    };
    add_level(PlaceLevel::District, &AuditSnapshot::districts);
    add_level(PlaceLevel::Park, &AuditSnapshot::parks);

    // Each consecutive pair exactly as `parkcap compare` sees it.
    for (std::size_t t = 1; t < n; ++t) {
        const AuditSnapshot &before = s.audits[t - 1], &after = s.audits[t];
        const Changes changes = compare_audits(before, after, rules.monitoring);
        const DisposalProgress progress = disposal_progress(before, after, changes, rules);
        for (SeriesPlace& p : s.places) {
            auto& disposal = p.points[t].disposal.emplace();
            for (const PlaceDisposal& d : progress.places)
                if (d.level == p.level && d.code == p.code) disposal = d.by_kind;
        }
    }
    return s;
}

}  // namespace parkcap::monitor
