#include "parkcap/geom/polygons.hpp"

#include <cassert>
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

MultiPolygonColumn::MultiPolygonColumn() {
    ring_start_.push_back(0);
    polygon_start_.push_back(0);
    feature_start_.push_back(0);
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
