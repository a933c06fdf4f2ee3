#include "parkcap/carto/labels.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace parkcap::carto {

bool boxes_overlap(const geom::Box& a, const geom::Box& b) {
    return a.min_x < b.max_x && b.min_x < a.max_x && a.min_y < b.max_y && b.min_y < a.max_y;
}

bool box_overlaps_disc(const geom::Box& b, const Disc& d) {
    const double dx = d.centre.x - std::clamp(d.centre.x, b.min_x, b.max_x);
    const double dy = d.centre.y - std::clamp(d.centre.y, b.min_y, b.max_y);
    return dx * dx + dy * dy < d.radius * d.radius;
}

// Areas in thousands of m² stay far below the gaps between the tiers (5e8) for
// any park or district a city has (a district of 500,000 km² would be needed).
double park_label_priority(double park_area_m2) { return 2e9 + park_area_m2 / 1e3; }
double district_label_priority(double district_parcel_area_m2, bool flows_start_here) {
    return (flows_start_here ? 1.5e9 : 1e9) + district_parcel_area_m2 / 1e3;
}
double folded_flow_label_priority(double flow_area_mu) { return 5e8 + flow_area_mu; }

namespace {

geom::Box grown(const geom::Box& b, double d) { return {b.min_x - d, b.min_y - d, b.max_x + d, b.max_y + d}; }

bool inside(const geom::Box& b, const geom::Box& frame) {
    return b.min_x >= frame.min_x && b.min_y >= frame.min_y && b.max_x <= frame.max_x && b.max_y <= frame.max_y;
}

/// The eight compass positions, in the cartographer's order of preference
/// (right of the point first, as Imhof and most atlases place point names).
/// (dx, dy): which side of the anchor the box sits on, screen y down.
constexpr int kSides[8][2] = {{1, 0}, {1, -1}, {0, -1}, {-1, -1}, {-1, 0}, {-1, 1}, {0, 1}, {1, 1}};

geom::Box box_at(const LabelRequest& r, int dx, int dy, double offset) {
    const double w = r.width, h = r.height;
    // The box's near corner or edge stands `offset` from the anchor, diagonals at 45°.
    const double d = dx && dy ? offset * std::sqrt(0.5) : offset;
    double x = r.anchor.x - w / 2, y = r.anchor.y - h / 2;
    if (dx > 0) x = r.anchor.x + d;
    if (dx < 0) x = r.anchor.x - d - w;
    if (dy > 0) y = r.anchor.y + d;
    if (dy < 0) y = r.anchor.y - d - h;
    return {x, y, x + w, y + h};
}

/// The point of a box nearest to p (the end of a leader line).
geom::Point nearest_on(const geom::Box& b, geom::Point p) {
    return {std::clamp(p.x, b.min_x, b.max_x), std::clamp(p.y, b.min_y, b.max_y)};
}

}  // namespace

std::vector<LabelPlacement> place_labels(const std::vector<LabelRequest>& requests, const std::vector<geom::Box>& obstacles,
                                         const geom::Box& frame, const LabelOptions& o) {
    return place_labels(requests, obstacles, {}, frame, o);
}

std::vector<LabelPlacement> place_labels(const std::vector<LabelRequest>& requests, const std::vector<geom::Box>& obstacles,
                                         const std::vector<Disc>& discs, const geom::Box& frame, const LabelOptions& o) {
    std::vector<LabelPlacement> out(requests.size());
    std::vector<std::size_t> order(requests.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return requests[a].priority > requests[b].priority; });
    std::vector<geom::Box> taken;  // placed labels, padded
    std::vector<geom::Box> blocked;
    blocked.reserve(obstacles.size());
    for (const auto& b : obstacles) blocked.push_back(grown(b, o.padding));
    auto free = [&](const geom::Box& b) {
        if (!inside(b, frame)) return false;
        const geom::Box g = grown(b, o.padding);
        for (const auto& t : taken)
            if (boxes_overlap(g, t)) return false;
        for (const auto& t : blocked)
            if (boxes_overlap(g, t)) return false;
        for (const auto& d : discs)
            if (box_overlaps_disc(g, d)) return false;
        return true;
    };
    for (std::size_t i : order) {
        const LabelRequest& r = requests[i];
        LabelPlacement& p = out[i];
        std::vector<geom::Box> candidates;
        if (r.centred_first) candidates.push_back(box_at(r, 0, 0, 0));
        const double step = o.ring_step > 0 ? o.ring_step : r.height * 1.5;
        for (int ring = 0; ring < std::max(1, o.rings); ++ring)
            for (const auto& s : kSides) candidates.push_back(box_at(r, s[0], s[1], r.anchor_radius + o.gap + ring * step));
        const std::size_t first_ring_end = (r.centred_first ? 1 : 0) + 8;
        for (std::size_t c = 0; c < candidates.size(); ++c) {
            if (!free(candidates[c])) continue;
            p.placed = true;
            p.box = candidates[c];
            p.candidate = static_cast<int>(c);
            if (c >= first_ring_end) {
                p.leader = true;
                p.leader_to = nearest_on(p.box, r.anchor);
                const double dx = p.leader_to.x - r.anchor.x, dy = p.leader_to.y - r.anchor.y;
                const double len = std::hypot(dx, dy);
                const double k = len > 0 ? std::min(1.0, r.anchor_radius / len) : 0;
                p.leader_from = {r.anchor.x + dx * k, r.anchor.y + dy * k};
            }
            taken.push_back(grown(p.box, o.padding));
            break;
        }
    }
    return out;
}

}  // namespace parkcap::carto
