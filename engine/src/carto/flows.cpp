#include "parkcap/carto/flows.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "parkcap/symbology/symbology.hpp"

namespace parkcap::carto {

std::vector<FlowItem> flow_items(const City& city, const allocate::Plan& plan) {
    std::vector<FlowItem> out;
    for (const allocate::Placement& pl : plan.state.placements) {
        if (!pl.enclave) continue;
        const Project& p = city.projects[pl.project];
        out.push_back({p.origin, plan.sites[pl.site].park, pl.project, pl.area_mu, p.investment_wan, p.tax_expect_wan});
    }
    return out;
}

namespace {
void add(MapFlow& f, const FlowItem& it) {
    ++f.count;
    f.area_mu += it.area_mu;
    f.investment_wan += it.investment_wan;
    f.tax_wan += it.tax_wan;
    f.projects.push_back(it.project);
}
void add(MapFlow& into, const MapFlow& f) {
    into.count += f.count;
    into.area_mu += f.area_mu;
    into.investment_wan += f.investment_wan;
    into.tax_wan += f.tax_wan;
    into.projects.insert(into.projects.end(), f.projects.begin(), f.projects.end());
    into.origins.insert(into.origins.end(), f.origins.begin(), f.origins.end());
}
}  // namespace

std::vector<MapFlow> aggregate_flows(const std::vector<FlowItem>& items, double fold_below_mu) {
    std::map<std::pair<uint32_t, uint32_t>, MapFlow> by_pair;  // (park, origin): ordered by park, then origin
    for (const FlowItem& it : items) {
        MapFlow& f = by_pair[{it.park, it.origin}];
        f.origin = it.origin;
        f.park = it.park;
        f.origins = {it.origin};
        add(f, it);
    }
    std::vector<MapFlow> out;
    for (auto it = by_pair.begin(); it != by_pair.end();) {
        const uint32_t park = it->first.first;
        std::vector<MapFlow> kept, thin;
        for (; it != by_pair.end() && it->first.first == park; ++it)
            (fold_below_mu > 0 && it->second.area_mu < fold_below_mu ? thin : kept).push_back(std::move(it->second));
        if (thin.size() == 1) kept.push_back(std::move(thin.front())), thin.clear();
        std::sort(kept.begin(), kept.end(), [](const MapFlow& a, const MapFlow& b) { return a.origin < b.origin; });
        for (auto& f : kept) {
            std::sort(f.projects.begin(), f.projects.end());
            out.push_back(std::move(f));
        }
        if (thin.empty()) continue;
        MapFlow others;
        others.origin = kFoldedOrigin;
        others.park = park;
        for (const MapFlow& f : thin) add(others, f);
        std::sort(others.projects.begin(), others.projects.end());
        std::sort(others.origins.begin(), others.origins.end());
        out.push_back(std::move(others));
    }
    return out;
}

namespace {
bool carries(const MapFlow& f, const FlowItem& it) {
    return it.park == f.park && std::binary_search(f.projects.begin(), f.projects.end(), it.project);
}
}  // namespace

FlowEnds flow_ends(const City& city, const std::vector<FlowItem>& items, const MapFlow& flow) {
    FlowEnds e;
    e.to = city.park_geometry.centroid(flow.park);
    if (std::isnan(e.to.x)) {
        const geom::Box& b = city.parks[flow.park].bounds;
        e.to = {(b.min_x + b.max_x) / 2, (b.min_y + b.max_y) / 2};
    }
    if (!flow.folded()) {
        e.from = allocate::district_centre(city, flow.origin);
        return e;
    }
    double w = 0, x = 0, y = 0;
    for (const FlowItem& it : items) {
        if (!carries(flow, it)) continue;
        const geom::Point c = allocate::district_centre(city, it.origin);
        if (std::isnan(c.x)) continue;
        x += c.x * it.area_mu, y += c.y * it.area_mu, w += it.area_mu;
    }
    e.from = w > 0 ? geom::Point{x / w, y / w} : e.to;
    return e;
}

int flow_sector(const City& city, const std::vector<FlowItem>& items, const MapFlow& flow) {
    std::array<double, symbology::kSectorCount> area{};
    for (const FlowItem& it : items)
        if (carries(flow, it)) area[static_cast<std::size_t>(symbology::industry_sector(city.projects[it.project].industry))] += it.area_mu;
    return static_cast<int>(std::max_element(area.begin(), area.end()) - area.begin());
}

double flow_width_px(double value, double max_value, double min_px, double max_px) {
    if (max_value <= 0 || value <= 0) return min_px;
    return min_px + (max_px - min_px) * std::sqrt(std::min(1.0, value / max_value));
}

std::vector<double> width_legend_values(double max_value) {
    std::vector<double> out;
    if (!(max_value > 0)) return out;
    // Round values of 1, 2, 5 × 10ⁿ, descending, each at most half the one before.
    double p = std::pow(10.0, std::floor(std::log10(max_value)));
    std::vector<double> steps;
    for (int k = 0; k < 8; ++k, p /= 10)
        for (double m : {5.0, 2.0, 1.0}) steps.push_back(m * p);
    for (double v : steps) {
        if (v > max_value * (1 + 1e-12)) continue;
        if (!out.empty() && v > out.back() / 2 + 1e-12) continue;
        out.push_back(v);
        if (out.size() == 3) break;
    }
    return out;
}

geom::Point arc_control(const Arc& a, double bend) {
    const double mx = (a.from.x + a.to.x) / 2, my = (a.from.y + a.to.y) / 2;
    const double dx = a.to.x - a.from.x, dy = a.to.y - a.from.y;
    return {mx - dy * bend, my + dx * bend};
}

std::vector<geom::Point> arc_polyline(const Arc& a, double bend, int segments) {
    const geom::Point c = arc_control(a, bend);
    std::vector<geom::Point> pts;
    pts.reserve(static_cast<std::size_t>(segments) + 1);
    for (int k = 0; k <= segments; ++k) {
        const double t = static_cast<double>(k) / segments, u = 1 - t;
        pts.push_back({u * u * a.from.x + 2 * u * t * c.x + t * t * a.to.x, u * u * a.from.y + 2 * u * t * c.y + t * t * a.to.y});
    }
    return pts;
}

namespace {

struct Poly {
    std::vector<geom::Point> pts;
    geom::Box box;
};

Poly make_poly(const Arc& a, double bend, int segments) {
    Poly p{arc_polyline(a, bend, segments), geom::Box::empty()};
    for (const auto& q : p.pts) p.box.expand({q.x, q.y, q.x, q.y});
    return p;
}

double orient(geom::Point a, geom::Point b, geom::Point c) { return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x); }

/// Proper crossing: each segment's ends strictly on both sides of the other.
bool segments_cross(geom::Point a, geom::Point b, geom::Point c, geom::Point d) {
    const double o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b);
    return ((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0));
}

bool box_meets(const geom::Box& a, const geom::Box& b) {
    return a.min_x <= b.max_x && b.min_x <= a.max_x && a.min_y <= b.max_y && b.min_y <= a.max_y;
}

int crossings(const Poly& p, const Poly& q) {
    if (!box_meets(p.box, q.box)) return 0;
    int n = 0;
    for (std::size_t i = 0; i + 1 < p.pts.size(); ++i) {
        const geom::Box si{std::min(p.pts[i].x, p.pts[i + 1].x), std::min(p.pts[i].y, p.pts[i + 1].y),
                           std::max(p.pts[i].x, p.pts[i + 1].x), std::max(p.pts[i].y, p.pts[i + 1].y)};
        if (!box_meets(si, q.box)) continue;
        for (std::size_t j = 0; j + 1 < q.pts.size(); ++j)
            n += segments_cross(p.pts[i], p.pts[i + 1], q.pts[j], q.pts[j + 1]);
    }
    return n;
}

/// Whether segment ab passes through the box's interior (Liang–Barsky clip).
bool segment_hits_box(geom::Point a, geom::Point b, const geom::Box& r) {
    double t0 = 0, t1 = 1;
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {a.x - r.min_x, r.max_x - a.x, a.y - r.min_y, r.max_y - a.y};
    for (int k = 0; k < 4; ++k) {
        if (p[k] == 0) {
            if (q[k] <= 0) return false;
            continue;
        }
        const double t = q[k] / p[k];
        if (p[k] < 0) t0 = std::max(t0, t);
        else t1 = std::min(t1, t);
        if (t0 >= t1) return false;
    }
    return true;
}

int box_hits(const Poly& p, const std::vector<geom::Box>& boxes, const std::vector<std::size_t>* exempt) {
    int n = 0;
    for (std::size_t b = 0; b < boxes.size(); ++b) {
        if (exempt && std::find(exempt->begin(), exempt->end(), b) != exempt->end()) continue;
        if (!box_meets(p.box, boxes[b])) continue;
        for (std::size_t i = 0; i + 1 < p.pts.size(); ++i)
            if (segment_hits_box(p.pts[i], p.pts[i + 1], boxes[b])) {
                ++n;
                break;
            }
    }
    return n;
}

const std::vector<std::size_t>* exempt_of(const std::vector<std::vector<std::size_t>>& exempt, std::size_t i) {
    return i < exempt.size() ? &exempt[i] : nullptr;
}

}  // namespace

int count_crossings(const std::vector<Arc>& arcs, const std::vector<double>& bends, int segments) {
    std::vector<Poly> polys;
    for (std::size_t i = 0; i < arcs.size(); ++i) polys.push_back(make_poly(arcs[i], bends[i], segments));
    int n = 0;
    for (std::size_t i = 0; i < polys.size(); ++i)
        for (std::size_t j = i + 1; j < polys.size(); ++j) n += crossings(polys[i], polys[j]);
    return n;
}

int count_box_hits(const std::vector<Arc>& arcs, const std::vector<double>& bends, const std::vector<geom::Box>& boxes,
                   const std::vector<std::vector<std::size_t>>& exempt, int segments) {
    int n = 0;
    for (std::size_t i = 0; i < arcs.size(); ++i) n += box_hits(make_poly(arcs[i], bends[i], segments), boxes, exempt_of(exempt, i));
    return n;
}

std::vector<double> layout_arcs(const std::vector<Arc>& arcs, const std::vector<geom::Box>& avoid,
                                const std::vector<std::vector<std::size_t>>& exempt, const ArcLayoutOptions& o) {
    const std::size_t n = arcs.size();
    std::vector<double> bends(n, o.default_bend);
    std::vector<Poly> polys;
    for (std::size_t i = 0; i < n; ++i) polys.push_back(make_poly(arcs[i], bends[i], o.segments));
    // Crossings of arc i with every other arc, and its own label hits.
    auto crossings_of = [&](std::size_t i, const Poly& p) {
        int c = 0;
        for (std::size_t j = 0; j < n; ++j)
            if (j != i) c += crossings(p, polys[j]);
        return c;
    };
    std::vector<int> hits(n);
    int total_crossings = 0;
    for (std::size_t i = 0; i < n; ++i) {
        hits[i] = box_hits(polys[i], avoid, exempt_of(exempt, i));
        total_crossings += crossings_of(i, polys[i]);
    }
    total_crossings /= 2;
    // Never accept more crossings than every arc bent alike has.
    const int baseline_crossings = total_crossings;
    for (int pass = 0; pass < o.max_passes; ++pass) {
        bool changed = false;
        for (std::size_t i = 0; i < n; ++i) {
            const int own_crossings = crossings_of(i, polys[i]);
            const double own_cost = o.crossing_cost * own_crossings + o.box_hit_cost * hits[i] +
                                    o.bend_change_cost * std::fabs(bends[i] - o.default_bend);
            double best_cost = own_cost;
            int best_crossings = own_crossings, best_hits = hits[i];
            double best_bend = bends[i];
            Poly best_poly;
            for (double b : o.candidate_bends) {
                if (b == bends[i]) continue;
                Poly p = make_poly(arcs[i], b, o.segments);
                const int c = crossings_of(i, p);
                if (total_crossings - own_crossings + c > baseline_crossings) continue;
                const int h = box_hits(p, avoid, exempt_of(exempt, i));
                const double cost = o.crossing_cost * c + o.box_hit_cost * h + o.bend_change_cost * std::fabs(b - o.default_bend);
                if (cost < best_cost - 1e-9) {
                    best_cost = cost;
                    best_crossings = c;
                    best_hits = h;
                    best_bend = b;
                    best_poly = std::move(p);
                }
            }
            if (best_bend == bends[i]) continue;
            total_crossings += best_crossings - own_crossings;
            bends[i] = best_bend;
            hits[i] = best_hits;
            polys[i] = std::move(best_poly);
            changed = true;
        }
        if (!changed) break;
    }
    return bends;
}

}  // namespace parkcap::carto
