#include "parkcap/io/references.hpp"

#include <algorithm>
#include <map>
#include <vector>

#include <fmt/format.h>

#include "parkcap/core/units.hpp"
#include "parkcap/model/industry.hpp"

namespace parkcap::io {

namespace {

const LayerInfo* layer(const City& city, std::string_view logical) {
    for (const auto& l : city.layers)
        if (l.logical == logical) return &l;
    return nullptr;
}

/// Who uses an unknown code: how many records, and the first few ids.
struct Users {
    std::size_t count = 0;
    std::vector<std::string> first_ids;
    void add(const std::string& id) {
        if (first_ids.size() < 5) first_ids.push_back(id);
        ++count;
    }
    std::string describe(const char* noun) const {
        return fmt::format("{} {}{} ({}{})", count, noun, count == 1 ? "" : "s", fmt::join(first_ids, ", "),
                           count > first_ids.size() ? ", …" : "");
    }
};

void warn(City& city, const LayerInfo* where, const char* code, const std::string& feature_id, int64_t fid,
          const char* field, std::string message) {
    city.report.add(Issue{Severity::Warning, code, where ? where->source.file : "", where ? where->source.layer : "",
                          feature_id, fid, field, std::move(message)});
}

void check_districts(City& city) {
    const LayerInfo* districts_layer = layer(city, "districts");
    const LayerInfo* quota_layer = layer(city, "quota");
    std::vector<bool> in_quota(city.districts.size(), false);
    for (const auto& q : city.quota) in_quota[q.district] = true;

    // Codes nobody defines: with a districts layer, every code must be in it.
    std::map<uint32_t, Users> by_parcels, by_parks, by_projects, by_quota;
    std::vector<bool> used_by_land(city.districts.size(), false);
    for (std::size_t i = 0; i < city.parcels.size(); ++i) {
        used_by_land[city.parcels.district[i]] = true;
        // The unknown district "" of incomplete parcels was reported when they were read.
        if (districts_layer && !city.districts[city.parcels.district[i]].has_boundary &&
            !city.districts[city.parcels.district[i]].code.empty())
            by_parcels[city.parcels.district[i]].add(std::string(city.parcels.parcel_id[i]));
    }
    for (const auto& p : city.parks) {
        used_by_land[p.district] = true;
        if (districts_layer && !city.districts[p.district].has_boundary) by_parks[p.district].add(p.park_id);
    }
    // Without a districts layer, a quota row whose district nothing else is in
    // holds quota no land can use: most likely a mistyped code.
    std::vector<bool> origin_of_project(city.districts.size(), false);
    for (const auto& p : city.projects) origin_of_project[p.origin] = true;
    for (const auto& q : city.quota)
        if (districts_layer ? !city.districts[q.district].has_boundary
                            : !used_by_land[q.district] && !origin_of_project[q.district])
            by_quota[q.district].add(city.districts[q.district].code);
    for (const auto& p : city.projects) {
        const bool known = districts_layer ? city.districts[p.origin].has_boundary
                                           : used_by_land[p.origin] || in_quota[p.origin];
        if (!known) by_projects[p.origin].add(p.project_id);
    }
    const std::string no_such = "the districts layer has no such district";
    auto report_unknown = [&](const std::map<uint32_t, Users>& users, std::string_view logical, const char* noun,
                              const char* field, const std::string& known_from) {
        for (const auto& [d, u] : users)
            warn(city, layer(city, logical), "district.unknown", u.count == 1 ? u.first_ids[0] : "", -1, field,
                 fmt::format("district {} is used by {}, but {}; check the code (a typo, or an old code after a "
                             "district was merged)",
                             city.districts[d].code, u.describe(noun), known_from));
    };
    report_unknown(by_parcels, "parcels", "parcel", "district", no_such);
    report_unknown(by_parks, "parks", "park", "district", no_such);
    report_unknown(by_quota, "quota", "quota row", "district",
                   districts_layer ? no_such : "no parcel, park or project is in that district");
    report_unknown(by_projects, "projects", "project", "origin",
                   districts_layer ? no_such : "no parcel, park or quota row is in that district");

    // Districts with land but no quota row: their quota would silently be 0.
    if (!quota_layer) return;
    std::vector<std::size_t> parcels_in(city.districts.size(), 0);
    std::vector<double> area_in(city.districts.size(), 0);
    for (std::size_t i = 0; i < city.parcels.size(); ++i) {
        ++parcels_in[city.parcels.district[i]];
        area_in[city.parcels.district[i]] += city.parcels.area_m2[i];
    }
    for (std::size_t d = 0; d < city.districts.size(); ++d)
        if (parcels_in[d] > 0 && !in_quota[d])
            warn(city, quota_layer, "quota.missing", city.districts[d].code, -1, "district",
                 fmt::format("district {} has {} parcels ({:.1f} 亩) but no row in the quota table: its new-land "
                             "quota is taken as 0; add a row (0 if that is meant)",
                             city.districts[d].code, parcels_in[d], units::m2_to_mu(area_in[d])));
}

void check_industries(City& city) {
    const LayerInfo* parcels_layer = layer(city, "parcels");
    for (std::size_t i = 0; i < city.parcels.size(); ++i) {
        const std::string_view code = city.parcels.industry[i];
        if (!code.empty() && !is_industry_code(code))
            warn(city, i < city.parcels.source_layer.size() ? &city.layers[city.parcels.source_layer[i]] : parcels_layer,
                 "industry.invalid", std::string(city.parcels.parcel_id[i]),
                 city.parcels.source_fid[i], "industry",
                 fmt::format("'{}' is not a GB/T 4754-2017 code (a section letter and its division, e.g. C3061): the "
                             "industry rules (FAR minimum, phase-out, chemical) cannot apply to it",
                             code));
    }
    const LayerInfo* projects_layer = layer(city, "projects");
    for (const auto& p : city.projects)
        if (!is_industry_code(p.industry))
            warn(city, projects_layer, "industry.invalid", p.project_id, -1, "industry",
                 fmt::format("'{}' is not a GB/T 4754-2017 code (a section letter and its division, e.g. C3061): no "
                             "themed park can be matched to it",
                             p.industry));
}

}  // namespace

void check_references(City& city) {
    check_districts(city);
    check_industries(city);
}

}  // namespace parkcap::io
