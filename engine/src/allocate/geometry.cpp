// Geometry of a plan: site outlines, district centres and the enclave flows.
#include <map>

#include "../geom/detail/geos_support.hpp"
#include "parkcap/allocate/allocate.hpp"

namespace parkcap::allocate {

using namespace geom::detail;

geom::MultiPolygonColumn site_geometry(const City& city, const std::vector<Site>& sites) {
    geom::MultiPolygonColumn out;
    for (const Site& s : sites) {
        std::vector<GEOSGeometry*> parts;
        for (uint32_t i : s.parcels) parts.push_back(make_multipolygon(city.parcels.geometry, i).release());
        GeosPtr coll(GEOSGeom_createCollection_r(geos(), GEOS_GEOMETRYCOLLECTION, parts.data(), static_cast<unsigned>(parts.size())));
        GeosPtr merged(GEOSUnaryUnion_r(geos(), coll.get()));
        out.begin_feature();
        append_polygonal(merged.get(), out);
        out.end_feature();
    }
    return out;
}

geom::Point district_centre(const City& city, uint32_t d) {
    if (d < city.district_geometry.size() && city.districts[d].has_boundary && city.district_geometry.polygon_count(d) > 0)
        return city.district_geometry.centroid(d);
    double x = 0, y = 0, a = 0;
    const ParcelTable& t = city.parcels;
    for (std::size_t i = 0; i < t.size(); ++i)
        if (t.district[i] == d) {
            x += t.centroid[i].x * t.area_m2[i];
            y += t.centroid[i].y * t.area_m2[i];
            a += t.area_m2[i];
        }
    if (a > 0) return {x / a, y / a};
    // A district with neither boundary nor parcels: the centre of its parks, else the city's.
    for (std::size_t p = 0; p < city.parks.size(); ++p)
        if (city.parks[p].district == d) return city.park_geometry.centroid(p);
    return {(city.extent.min_x + city.extent.max_x) / 2, (city.extent.min_y + city.extent.max_y) / 2};
}

std::vector<Flow> enclave_flows(const City& city, const Plan& plan) {
    std::map<std::pair<uint32_t, uint32_t>, Flow> by_pair;
    for (const Placement& pl : plan.state.placements) {
        if (!pl.enclave) continue;
        const Project& p = city.projects[pl.project];
        const uint32_t park = plan.sites[pl.site].park;
        Flow& f = by_pair[{p.origin, park}];
        f.origin = p.origin;
        f.park = park;
        ++f.count;
        f.area_mu += pl.area_mu;
        f.investment_wan += p.investment_wan;
        f.tax_wan += p.tax_expect_wan;
        f.projects.push_back(pl.project);
    }
    std::vector<Flow> out;
    for (auto& [key, f] : by_pair) out.push_back(std::move(f));
    return out;
}

}  // namespace parkcap::allocate
