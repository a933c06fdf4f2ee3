#include "parkcap/geom/polygons.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace parkcap::geom {

void Box::expand(const Box& b) {
    min_x = std::min(min_x, b.min_x);
    min_y = std::min(min_y, b.min_y);
    max_x = std::max(max_x, b.max_x);
    max_y = std::max(max_y, b.max_y);
}

Box Box::empty() {
    constexpr double inf = std::numeric_limits<double>::infinity();
    return Box{inf, inf, -inf, -inf};
}

double signed_ring_area(std::span<const Point> ring) {
    // Shoelace relative to the first vertex: keeps precision with 8-digit
    // zone-prefixed eastings, where x*y products lose ~7 digits.
    if (ring.size() < 4) return 0;
    const Point o = ring[0];
    double twice = 0;
    for (std::size_t i = 1; i + 1 < ring.size(); ++i) {
        const double ax = ring[i].x - o.x, ay = ring[i].y - o.y;
        const double bx = ring[i + 1].x - o.x, by = ring[i + 1].y - o.y;
        twice += ax * by - bx * ay;
    }
    return twice / 2;
}

namespace {

/// Sign of the orientation of (a, b, c): +1 counter-clockwise, -1 clockwise, 0 when
/// the floating-point filter cannot be sure (collinear or too close to call), or a
/// coordinate is not finite. Shewchuk's orient2d filter: the determinant computed
/// in doubles, with the error bound ccwerrboundA = (3 + 16 eps) eps times the
/// magnitude of its terms, which covers the rounding of the differences too.
int certain_orientation(Point a, Point b, Point c) {
    constexpr double eps = 0x1p-53;
    constexpr double bound = (3.0 + 16.0 * eps) * eps;
    const double left = (a.x - c.x) * (b.y - c.y);
    const double right = (a.y - c.y) * (b.x - c.x);
    const double det = left - right;
    const double err = bound * (std::abs(left) + std::abs(right));
    if (det > err) return 1;
    if (-det > err) return -1;
    return 0;  // also for NaN and infinities: no comparison above holds
}

/// Whether segments pq and rs certainly have no point in common.
bool certainly_disjoint(Point p, Point q, Point r, Point s) {
    // Disjoint boxes (exact comparisons).
    if (std::max(p.x, q.x) < std::min(r.x, s.x) || std::max(r.x, s.x) < std::min(p.x, q.x) ||
        std::max(p.y, q.y) < std::min(r.y, s.y) || std::max(r.y, s.y) < std::min(p.y, q.y))
        return true;
    // r and s strictly on the same side of line pq, or p and q of line rs.
    const int o1 = certain_orientation(p, q, r), o2 = certain_orientation(p, q, s);
    if (o1 != 0 && o1 == o2) return true;
    const int o3 = certain_orientation(r, s, p), o4 = certain_orientation(r, s, q);
    return o3 != 0 && o3 == o4;
}

}  // namespace

bool ring_is_certainly_simple(std::span<const Point> ring) {
    constexpr std::size_t kMaxVertices = 64;  // beyond this the O(n²) test costs more than GEOS
    if (ring.size() < 4 || ring.size() > kMaxVertices + 1) return false;
    if (ring.front().x != ring.back().x || ring.front().y != ring.back().y) return false;
    const std::size_t n = ring.size() - 1;  // edges; edge i runs from ring[i] to ring[i + 1]
    for (std::size_t i = 0; i < n; ++i) {
        const Point a = ring[i], b = ring[i + 1], c = i + 2 <= n ? ring[i + 2] : ring[1];
        if (!std::isfinite(a.x) || !std::isfinite(a.y)) return false;
        // Neighbouring edges ab and bc share only b unless bc turns back along ab:
        // certainly not when they turn (orientation certain) or go on forward.
        const double dx1 = b.x - a.x, dy1 = b.y - a.y, dx2 = c.x - b.x, dy2 = c.y - b.y;
        if (dx1 == 0 && dy1 == 0) return false;  // repeated point
        if (certain_orientation(a, b, c) == 0) {
            const double dot = dx1 * dx2 + dy1 * dy2;
            if (!(dot > 1e-9 * (std::abs(dx1 * dx2) + std::abs(dy1 * dy2)))) return false;
        }
    }
    // Non-neighbouring edges must not meet. (Edges 0 and n - 1 are neighbours.)
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 2; j < n; ++j) {
            if (i == 0 && j == n - 1) continue;
            if (!certainly_disjoint(ring[i], ring[i + 1], ring[j], ring[j + 1])) return false;
        }
    return true;
}

MultiPolygonColumn::MultiPolygonColumn() {
    ring_start_.push_back(0);
    polygon_start_.push_back(0);
    feature_start_.push_back(0);
}

void MultiPolygonColumn::reserve_like_held(std::size_t features, double margin) {
    const std::size_t held = size();
    if (held == 0) return;
    auto more = [&](std::size_t total) {
        return static_cast<std::size_t>(std::ceil(static_cast<double>(total) / static_cast<double>(held) *
                                                  static_cast<double>(features) * (1 + margin)));
    };
    feature_start_.reserve(feature_start_.size() + features);
    polygon_start_.reserve(polygon_start_.size() + more(polygon_start_.size() - 1));
    ring_start_.reserve(ring_start_.size() + more(ring_start_.size() - 1));
    points_.reserve(points_.size() + more(points_.size()));
}

void MultiPolygonColumn::begin_feature() { open_feature_polygons_ = 0; }

void MultiPolygonColumn::begin_polygon() {
    polygon_start_.push_back(polygon_start_.back());
    ++open_feature_polygons_;
}

void MultiPolygonColumn::add_ring(std::span<const Point> closed_ring) {
    assert(open_feature_polygons_ > 0);
    points_.insert(points_.end(), closed_ring.begin(), closed_ring.end());
    ring_start_.push_back(points_.size());
    if (ring_start_.size() - 1 > std::numeric_limits<uint32_t>::max())
        throw std::length_error("more than 4 billion rings in one layer");
    polygon_start_.back() = static_cast<uint32_t>(ring_start_.size() - 1);
}

void MultiPolygonColumn::end_feature() {
    feature_start_.push_back(static_cast<uint32_t>(polygon_start_.size() - 1));
    open_feature_polygons_ = 0;
}

void MultiPolygonColumn::abandon_feature() {
    for (; open_feature_polygons_ > 0; --open_feature_polygons_) polygon_start_.pop_back();
    const uint32_t rings_kept = polygon_start_.back();
    ring_start_.resize(rings_kept + 1);
    points_.resize(ring_start_.back());
}

void MultiPolygonColumn::remove_last_feature() {
    feature_start_.pop_back();
    polygon_start_.resize(feature_start_.back() + 1);
    ring_start_.resize(polygon_start_.back() + 1);
    points_.resize(ring_start_.back());
}

double MultiPolygonColumn::area(std::size_t f) const {
    double total = 0;
    for (std::size_t k = 0; k < polygon_count(f); ++k) {
        const std::size_t r0 = ring_begin(f, k), r1 = ring_end(f, k);
        for (std::size_t r = r0; r < r1; ++r) {
            const double a = std::abs(signed_ring_area(ring(r)));
            total += r == r0 ? a : -a;
        }
    }
    return total;
}

Point MultiPolygonColumn::centroid(std::size_t f) const {
    // Green's theorem over every ring, relative to one origin for the whole
    // feature (precision with large eastings); holes count negatively whatever
    // their stored orientation.
    // A feature without polygons (a district with no boundary) has no centroid;
    // ring_begin(f, 0) would index past the ring offsets.
    if (polygon_count(f) == 0) return Point{std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
    const auto first = ring(ring_begin(f, 0));
    const Point origin = first.empty() ? Point{} : first[0];
    double cx = 0, cy = 0, area2 = 0;
    for (std::size_t k = 0; k < polygon_count(f); ++k) {
        const std::size_t r0 = ring_begin(f, k), r1 = ring_end(f, k);
        for (std::size_t r = r0; r < r1; ++r) {
            const auto pts = ring(r);
            if (pts.size() < 4) continue;
            const double orient = (signed_ring_area(pts) >= 0 ? 1.0 : -1.0) * (r == r0 ? 1.0 : -1.0);
            for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
                const double ax = pts[i].x - origin.x, ay = pts[i].y - origin.y;
                const double bx = pts[i + 1].x - origin.x, by = pts[i + 1].y - origin.y;
                const double cross = (ax * by - bx * ay) * orient;
                cx += (ax + bx) * cross;
                cy += (ay + by) * cross;
                area2 += cross;
            }
        }
    }
    if (area2 == 0) return origin;
    return Point{origin.x + cx / (3 * area2), origin.y + cy / (3 * area2)};
}

bool MultiPolygonColumn::contains(std::size_t f, Point p) const {
    for (std::size_t k = 0; k < polygon_count(f); ++k) {
        bool inside = false;
        for (std::size_t r = ring_begin(f, k); r < ring_end(f, k); ++r) {
            const auto pts = ring(r);
            for (std::size_t i = 0, j = pts.size() - 1; i < pts.size(); j = i++) {
                const Point& a = pts[i];
                const Point& b = pts[j];
                if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) inside = !inside;
            }
        }
        if (inside) return true;
    }
    return false;
}

Box MultiPolygonColumn::bounds(std::size_t f) const {
    Box b = Box::empty();
    for (std::size_t k = 0; k < polygon_count(f); ++k) {
        // The exterior ring bounds the polygon.
        for (const Point& p : ring(ring_begin(f, k))) {
            b.min_x = std::min(b.min_x, p.x);
            b.min_y = std::min(b.min_y, p.y);
            b.max_x = std::max(b.max_x, p.x);
            b.max_y = std::max(b.max_y, p.y);
        }
    }
    return b;
}

std::size_t MultiPolygonColumn::memory_bytes() const {
    return points_.capacity() * sizeof(Point) + ring_start_.capacity() * sizeof(uint64_t) +
           polygon_start_.capacity() * sizeof(uint32_t) + feature_start_.capacity() * sizeof(uint32_t);
}

}  // namespace parkcap::geom
