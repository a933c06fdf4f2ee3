// Supply: available parcels inside parks, merged into blocks where parcels of the
// same park and kind touch, and blocks separated only by internal roads assembled
// into larger compact sites by region growing, stock and planned blocks together
// (docs/allocate.md, "Site assembly").
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <set>
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

/// Area of the convex hull of some blocks' hulls (GEOS).
double hull_area_m2(const std::vector<const GEOSGeometry*>& hulls) {
    std::vector<GEOSGeometry*> parts;
    parts.reserve(hulls.size());
    for (const GEOSGeometry* h : hulls) parts.push_back(GEOSGeom_clone_r(geos(), h));
    GeosPtr coll(GEOSGeom_createCollection_r(geos(), GEOS_GEOMETRYCOLLECTION, parts.data(), static_cast<unsigned>(parts.size())));
    GeosPtr hull(GEOSConvexHull_r(geos(), coll.get()));
    double area = 0;
    if (hull) GEOSArea_r(geos(), hull.get(), &area);
    return area;
}

/// Blocks of one park (of either kind: stock and planned land may form one site)
/// whose parcels come within `gap_m` of each other
/// (found through the parcel index, measured by GEOS on the parcels themselves).
template <class ShapeFn>
std::vector<std::vector<uint32_t>> block_neighbours(const City& city, const std::vector<Site>& blocks,
                                                    double gap_m, ShapeFn&& shape) {
    const ParcelTable& t = city.parcels;
    std::vector<int64_t> block_of(t.size(), -1);
    for (std::size_t b = 0; b < blocks.size(); ++b)
        for (uint32_t i : blocks[b].parcels) block_of[i] = static_cast<int64_t>(b);
    std::vector<std::set<uint32_t>> near(blocks.size());
    for (std::size_t b = 0; b < blocks.size(); ++b)
        for (uint32_t i : blocks[b].parcels) {
            geom::Box box = t.geometry.bounds(i);
            box.min_x -= gap_m; box.min_y -= gap_m; box.max_x += gap_m; box.max_y += gap_m;
            city.parcel_index().query(box, [&](uint32_t k) {
                const int64_t c = block_of[k];
                if (c <= static_cast<int64_t>(b) || t.park[k] != t.park[i]) return;
                if (near[b].count(static_cast<uint32_t>(c))) return;
                double d = 0;
                if (GEOSDistance_r(geos(), shape(i), shape(k), &d) == 1 && d <= gap_m) {
                    near[b].insert(static_cast<uint32_t>(c));
                    near[static_cast<std::size_t>(c)].insert(static_cast<uint32_t>(b));
                }
            });
        }
    std::vector<std::vector<uint32_t>> out(blocks.size());
    for (std::size_t b = 0; b < blocks.size(); ++b) out[b].assign(near[b].begin(), near[b].end());
    return out;
}

/// Region growing from every block as a seed: add the neighbouring block that
/// keeps the group most compact (parcels' area ÷ convex hull area), while that
/// stays at least site_min_compactness, up to site_max_blocks blocks and until
/// the group could hold the largest project. Every distinct group of two or more
/// blocks met on the way becomes an assembled site, appended after the blocks.
template <class ShapeFn>
void assemble_sites(const City& city, const rules::Rules& rules, double largest_project_mu, ShapeFn&& shape,
                    std::vector<Site>& sites, SiteAssemblyStats& st) {
    const std::size_t nb = sites.size();
    const auto& fit = rules.fit;
    if (nb < 2 || fit.site_max_blocks < 2 || fit.site_gap_max_m <= 0) return;
    const auto near = block_neighbours(city, sites, fit.site_gap_max_m, shape);
    std::vector<GeosPtr> hulls(nb);
    std::vector<double> area_m2(nb, 0);
    for (std::size_t b = 0; b < nb; ++b) {
        std::vector<GEOSGeometry*> parts;
        for (uint32_t i : sites[b].parcels) {
            parts.push_back(GEOSGeom_clone_r(geos(), shape(i)));
            area_m2[b] += city.parcels.area_m2[i];
        }
        GeosPtr coll(GEOSGeom_createCollection_r(geos(), GEOS_GEOMETRYCOLLECTION, parts.data(), static_cast<unsigned>(parts.size())));
        hulls[b].reset(GEOSConvexHull_r(geos(), coll.get()));
        double h = 0;
        if (hulls[b]) GEOSArea_r(geos(), hulls[b].get(), &h);
        sites[b].compactness = h > 0 ? std::min(1.0, area_m2[b] / h) : 1;
    }
    std::set<std::vector<uint32_t>> seen;
    std::vector<std::pair<std::vector<uint32_t>, double>> groups;  // blocks (sorted), compactness
    for (uint32_t seed = 0; seed < nb; ++seed) {
        if (near[seed].empty()) continue;
        std::vector<uint32_t> group{seed};
        std::vector<const GEOSGeometry*> group_hulls{hulls[seed].get()};
        double area = area_m2[seed];
        while (static_cast<int>(group.size()) < fit.site_max_blocks &&
               (largest_project_mu <= 0 || units::m2_to_mu(area) < largest_project_mu)) {
            std::set<uint32_t> frontier;
            for (uint32_t b : group)
                for (uint32_t c : near[b])
                    if (std::find(group.begin(), group.end(), c) == group.end()) frontier.insert(c);
            int64_t best = -1;
            double best_compact = 0;
            for (uint32_t c : frontier) {
                group_hulls.push_back(hulls[c].get());
                const double h = hull_area_m2(group_hulls);
                group_hulls.pop_back();
                ++st.groups_considered;
                const double compact = h > 0 ? (area + area_m2[c]) / h : 0;
                if (compact + 1e-12 >= fit.site_min_compactness && compact > best_compact + 1e-12) {
                    best = c;
                    best_compact = compact;
                }
            }
            if (best < 0) break;
            group.push_back(static_cast<uint32_t>(best));
            group_hulls.push_back(hulls[static_cast<std::size_t>(best)].get());
            area += area_m2[static_cast<std::size_t>(best)];
            std::vector<uint32_t> key = group;
            std::sort(key.begin(), key.end());
            if (seen.insert(key).second) groups.emplace_back(std::move(key), std::min(1.0, best_compact));
        }
    }
    st.assembled = groups.size();

    std::map<std::string, int> ordinal;  // per first parcel id: assembled sites named so far
    std::vector<Site> assembled;
    assembled.reserve(groups.size());
    for (auto& [blocks, compact] : groups) {
        Site s;
        const Site& first = sites[blocks.front()];
        s.park = first.park;
        s.district = first.district;
        s.kind = std::all_of(blocks.begin(), blocks.end(), [&](uint32_t b) { return sites[b].kind == first.kind; })
                     ? first.kind
                     : SiteKind::Mixed;
        s.blocks = blocks;
        s.compactness = compact;
        s.port_distance_m = s.river_distance_m = std::numeric_limits<double>::infinity();
        double area_mu = 0, cx = 0, cy = 0;
        for (uint32_t b : blocks) {
            const Site& blk = sites[b];
            s.parcels.insert(s.parcels.end(), blk.parcels.begin(), blk.parcels.end());
            area_mu += blk.area_mu;
            s.disposable_mu += blk.disposable_mu;
            cx += blk.centre.x * blk.area_mu;
            cy += blk.centre.y * blk.area_mu;
            s.port_distance_m = std::min(s.port_distance_m, blk.port_distance_m);
            s.river_distance_m = std::min(s.river_distance_m, blk.river_distance_m);
        }
        std::sort(s.parcels.begin(), s.parcels.end());
        s.area_mu = area_mu;
        s.centre = {cx / area_mu, cy / area_mu};
        s.shore_ok = s.port_distance_m <= rules.fit.shore_site_distance_m;
        std::string_view first_id = city.parcels.parcel_id[s.parcels.front()];
        for (uint32_t i : s.parcels) first_id = std::min(first_id, city.parcels.parcel_id[i]);
        const std::string base = "S-" + city.parks[s.park].park_id + "-" + info(s.kind).id_letter + "-" + std::string(first_id);
        s.site_id = base + "-A" + std::to_string(++ordinal[base]);
        assembled.push_back(std::move(s));
    }
    std::sort(assembled.begin(), assembled.end(), [](const Site& a, const Site& b) { return a.site_id < b.site_id; });
    for (auto& s : assembled) sites.push_back(std::move(s));
}

}  // namespace

std::vector<std::pair<uint32_t, double>> block_shares(const std::vector<Site>& sites, std::size_t site, double take_mu) {
    const Site& s = sites[site];
    if (!s.assembled()) return {{static_cast<uint32_t>(site), take_mu}};
    uint32_t largest = s.blocks.front();
    for (uint32_t b : s.blocks)
        if (sites[b].area_mu > sites[largest].area_mu) largest = b;
    std::vector<std::pair<uint32_t, double>> out;
    double rest = take_mu;
    for (uint32_t b : s.blocks)
        if (b != largest) {
            out.emplace_back(b, sites[b].area_mu);
            rest -= sites[b].area_mu;
        }
    if (rest <= 1e-9) return {};
    out.emplace_back(largest, std::min(rest, sites[largest].area_mu));
    return out;
}

double site_left_mu(const Plan& plan, std::size_t site) {
    double left = 0;
    for (uint32_t b : plan.sites[site].blocks) left += plan.sites[b].area_mu - plan.state.site_taken_mu[b];
    return left;
}

std::vector<Site> build_sites(const City& city, const audit::Audit& audit, const rules::Rules& rules,
                              const std::vector<std::string>& locked_parcels, double largest_project_mu,
                              SiteAssemblyStats* stats) {
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
        if (i < t.incomplete.size() && (t.incomplete[i] & kOverlapsEarlier)) continue;  // its land is another's
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
        double area_m2 = 0, disposable_m2 = 0, cx = 0, cy = 0;
        s.port_distance_m = s.river_distance_m = std::numeric_limits<double>::infinity();
        std::string_view first_id = t.parcel_id[g.front()];
        for (uint32_t i : g) {
            area_m2 += t.area_m2[i];
            if (s.kind == SiteKind::Stock && audit::counts_as_disposal(audit, city, i, rules)) disposable_m2 += t.area_m2[i];
            cx += t.centroid[i].x * t.area_m2[i];
            cy += t.centroid[i].y * t.area_m2[i];
            s.port_distance_m = std::min(s.port_distance_m, port.distance(shape(i)));
            s.river_distance_m = std::min(s.river_distance_m, river.distance(shape(i)));
            first_id = std::min(first_id, t.parcel_id[i]);
        }
        s.area_mu = units::m2_to_mu(area_m2);
        s.disposable_mu = units::m2_to_mu(disposable_m2);
        s.centre = {cx / area_m2, cy / area_m2};
        s.shore_ok = s.port_distance_m <= rules.fit.shore_site_distance_m;
        s.site_id = "S-" + city.parks[s.park].park_id + "-" + info(s.kind).id_letter + "-" + std::string(first_id);
        sites.push_back(std::move(s));
    }
    std::sort(sites.begin(), sites.end(), [](const Site& a, const Site& b) { return a.site_id < b.site_id; });
    for (std::size_t b = 0; b < sites.size(); ++b) sites[b].blocks = {static_cast<uint32_t>(b)};
    SiteAssemblyStats local;
    SiteAssemblyStats& st = stats ? *stats : local;
    st = {};
    st.blocks = sites.size();
    assemble_sites(city, rules, largest_project_mu, shape, sites, st);
    return sites;
}

}  // namespace parkcap::allocate
