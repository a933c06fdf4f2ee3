#include "planar.hpp"

#include <algorithm>
#include <limits>

namespace sample_city {

namespace {

bool segments_touch(Pt a, Pt b, Pt c, Pt d) {
    const double d1 = cross(b - a, c - a), d2 = cross(b - a, d - a);
    const double d3 = cross(d - c, a - c), d4 = cross(d - c, b - c);
    if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
    auto on = [](Pt p, Pt q, Pt r) {  // r on segment pq, given collinear
        return std::min(p.x, q.x) <= r.x && r.x <= std::max(p.x, q.x) && std::min(p.y, q.y) <= r.y &&
               r.y <= std::max(p.y, q.y);
    };
    return (d1 == 0 && on(a, b, c)) || (d2 == 0 && on(a, b, d)) || (d3 == 0 && on(c, d, a)) || (d4 == 0 && on(c, d, b));
}

double point_segment_distance(Pt p, Pt a, Pt b) {
    const Pt ab = b - a;
    const double len2 = dot(ab, ab);
    const double t = len2 > 0 ? std::clamp(dot(p - a, ab) / len2, 0.0, 1.0) : 0.0;
    return norm(p - (a + ab * t));
}

bool ring_crosses_ring(const Ring& a, const Ring& b) {
    for (std::size_t i = 0; i < a.size(); ++i)
        for (std::size_t j = 0; j < b.size(); ++j)
            if (segments_touch(a[i], a[(i + 1) % a.size()], b[j], b[(j + 1) % b.size()])) return true;
    return false;
}

}  // namespace

bool ring_simple(const Ring& r) {
    const std::size_t n = r.size();
    if (n < 3) return false;
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 2; j < n; ++j) {
            if (i == 0 && j == n - 1) continue;  // neighbours across the closing vertex
            if (segments_touch(r[i], r[(i + 1) % n], r[j], r[(j + 1) % n])) return false;
        }
    return true;
}

double signed_area(const Ring& r) {
    double s = 0;
    for (std::size_t i = 1; i + 1 < r.size(); ++i) s += cross(r[i] - r[0], r[i + 1] - r[0]);
    return s / 2;
}

void make_ccw(Ring& r) {
    if (signed_area(r) < 0) std::reverse(r.begin(), r.end());
}

bool point_in_ring(Pt p, const Ring& r) {
    bool inside = false;
    for (std::size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) {
        if ((r[i].y > p.y) != (r[j].y > p.y) &&
            p.x < (r[j].x - r[i].x) * (p.y - r[i].y) / (r[j].y - r[i].y) + r[i].x)
            inside = !inside;
    }
    return inside;
}

double chain_distance(const std::vector<Pt>& a, bool a_closed, const std::vector<Pt>& b, bool b_closed) {
    const std::size_t na = a_closed ? a.size() : a.size() - 1, nb = b_closed ? b.size() : b.size() - 1;
    double best = std::numeric_limits<double>::max();
    for (std::size_t i = 0; i < na; ++i) {
        const Pt a0 = a[i], a1 = a[(i + 1) % a.size()];
        for (std::size_t j = 0; j < nb; ++j) {
            const Pt b0 = b[j], b1 = b[(j + 1) % b.size()];
            if (segments_touch(a0, a1, b0, b1)) return 0;
            best = std::min({best, point_segment_distance(a0, b0, b1), point_segment_distance(a1, b0, b1),
                             point_segment_distance(b0, a0, a1), point_segment_distance(b1, a0, a1)});
        }
    }
    return best;
}

double area(const Poly& p) {
    double a = 0;
    for (const auto& r : p.parts) a += std::abs(signed_area(r));
    for (const auto& r : p.holes) a -= std::abs(signed_area(r));
    return a;
}

bool ring_inside(const Ring& inner, const Poly& p) {
    bool in_some_part = false;
    for (const auto& part : p.parts) {
        if (ring_crosses_ring(inner, part)) continue;
        bool all = true;
        for (Pt q : inner) all &= point_in_ring(q, part);
        if (all) in_some_part = true;
    }
    if (!in_some_part) return false;
    for (const auto& h : p.holes) {
        if (ring_crosses_ring(inner, h)) return false;
        if (point_in_ring(h[0], inner) || point_in_ring(inner[0], h)) return false;
    }
    return true;
}

double poly_distance(const Poly& a, const Poly& b) {
    double best = std::numeric_limits<double>::max();
    for (const auto& ra : a.parts)
        for (const auto& rb : b.parts) {
            if (point_in_ring(ra[0], rb) || point_in_ring(rb[0], ra)) return 0;
            best = std::min(best, chain_distance(ra, true, rb, true));
        }
    return best;
}

std::vector<Pt> densify_edge(Pt from, Pt to, double step) {
    const bool flip = (to.x < from.x) || (to.x == from.x && to.y < from.y);
    const Pt lo = flip ? to : from, hi = flip ? from : to;
    const int n = std::max(1, static_cast<int>(std::ceil(norm(hi - lo) / step)));
    std::vector<Pt> out;
    for (int i = 0; i < n; ++i) {
        const int k = flip ? n - i : i;
        out.push_back(k == 0 ? lo : k == n ? hi : lo + (hi - lo) * (static_cast<double>(k) / n));
    }
    return out;
}

Ring densify_ring(const Ring& r, double step) {
    Ring out;
    for (std::size_t i = 0; i < r.size(); ++i) {
        auto piece = densify_edge(r[i], r[(i + 1) % r.size()], step);
        out.insert(out.end(), piece.begin(), piece.end());
    }
    return out;
}

}  // namespace sample_city
