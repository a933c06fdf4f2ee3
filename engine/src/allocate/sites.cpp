// Supply: available parcels inside parks, merged into sites where parcels of the
// same park and kind touch.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_set>

#include "../geom/detail/geos_support.hpp"
#include "../geom/detail/line_distance.hpp"
#include "parkcap/allocate/allocate.hpp"
#include "parkcap/core/units.hpp"
#include "parkcap/index/parcel_index.hpp"

namespace parkcap::allocate {

namespace {

using namespace geom::detail;

struct UnionFind {
    std::vector<uint32_t> parent;
    explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
    uint32_t find(uint32_t x) {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    }
    void unite(uint32_t a, uint32_t b) {
        a = find(a);
        b = find(b);
        if (a != b) parent[std::max(a, b)] = std::min(a, b);
    }
};

}  // namespace

std::vector<Site> build_sites(const City& city, const audit::Audit& audit, const rules::Rules& rules,
                              const std::vector<std::string>& locked_parcels) {
    const ParcelTable& t = city.parcels;
    const std::unordered_set<std::string> locked(locked_parcels.begin(), locked_parcels.end());
    const auto& uses = rules.fit.site_land_uses;

    // Which parcels are supply, and of which kind.
    std::vector<int8_t> kind(t.size(), -1);
    std::vector<uint32_t> candidates;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t.park[i] < 0 || t.area_m2[i] <= 0) continue;
        if (!uses.contains(t.land_use[i])) continue;
        if (!locked.empty() && locked.count(std::string(t.parcel_id[i]))) continue;
        bool takeback = false;
        for (const auto& f : audit.flags_of(i)) takeback |= f.code == audit::FlagCode::IdleTakeback;
        if (t.status[i] == Status::Approved || t.status[i] == Status::Reserve || takeback) kind[i] = 0;
        else if (t.status[i] == Status::Planned) kind[i] = 1;
        else continue;
        candidates.push_back(static_cast<uint32_t>(i));
    }

    // Touching parcels of the same park and kind join one site.
    UnionFind uf(t.size());
    std::vector<GeosPtr> shapes(t.size());
    auto shape = [&](uint32_t i) -> const GEOSGeometry* {
        if (!shapes[i]) shapes[i] = make_multipolygon(t.geometry, i);
        return shapes[i].get();
    };
    for (uint32_t i : candidates) {
        geom::Box b = t.geometry.bounds(i);
        b.min_x -= 0.01; b.min_y -= 0.01; b.max_x += 0.01; b.max_y += 0.01;
        city.parcel_index().query(b, [&](uint32_t k) {
            if (k <= i || kind[k] != kind[i] || t.park[k] != t.park[i]) return;
            if (uf.find(k) == uf.find(i)) return;
            if (GEOSIntersects_r(geos(), shape(i), shape(k)) == 1) uf.unite(i, k);
        });
    }

    std::vector<std::vector<uint32_t>> groups;
    std::vector<int64_t> group_of(t.size(), -1);
    for (uint32_t i : candidates) {
        const uint32_t root = uf.find(i);
        if (group_of[root] < 0) {
            group_of[root] = static_cast<int64_t>(groups.size());
            groups.emplace_back();
        }
        groups[static_cast<std::size_t>(group_of[root])].push_back(i);
    }

    const LineDistance port(shoreline_parts(city, [&](const ShoreSegment& s) {
        return s.port && rules.fit.shore_zones.contains(s.zone);
    }));
    const LineDistance river(shoreline_parts(city, [](const ShoreSegment&) { return true; }));

    std::vector<Site> sites;
    sites.reserve(groups.size());
    for (auto& g : groups) {
        Site s;
        s.parcels = g;
        s.park = static_cast<uint32_t>(t.park[g.front()]);
        s.district = city.parks[s.park].district;
        s.kind = kind[g.front()] == 0 ? SiteKind::Stock : SiteKind::Planned;
        double area_m2 = 0, cx = 0, cy = 0;
        s.port_distance_m = s.river_distance_m = std::numeric_limits<double>::infinity();
        std::string_view first_id = t.parcel_id[g.front()];
        for (uint32_t i : g) {
            area_m2 += t.area_m2[i];
            cx += t.centroid[i].x * t.area_m2[i];
            cy += t.centroid[i].y * t.area_m2[i];
            s.port_distance_m = std::min(s.port_distance_m, port.distance(shape(i)));
            s.river_distance_m = std::min(s.river_distance_m, river.distance(shape(i)));
            first_id = std::min(first_id, t.parcel_id[i]);
        }
        s.area_mu = units::m2_to_mu(area_m2);
        s.centre = {cx / area_m2, cy / area_m2};
        s.shore_ok = s.port_distance_m <= rules.fit.shore_site_distance_m;
        s.site_id = "S-" + city.parks[s.park].park_id + "-" + info(s.kind).id_letter + "-" + std::string(first_id);
        sites.push_back(std::move(s));
    }
    std::sort(sites.begin(), sites.end(), [](const Site& a, const Site& b) { return a.site_id < b.site_id; });
    return sites;
}

}  // namespace parkcap::allocate
