#pragma once
// Compact polygon storage for many features: one coordinate array and three offset
// arrays, no per-feature allocation (the layout of GeoArrow's multipolygon). A
// million parcels of ~8 vertices cost ~130 MB here against ~1 GB as GEOS objects.
#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace parkcap::geom {

struct Point {
    double x = 0;
    double y = 0;
};

struct Box {
    double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
    bool contains(Point p) const { return p.x >= min_x && p.x <= max_x && p.y >= min_y && p.y <= max_y; }
    void expand(const Box& b);
    static Box empty();  ///< inverted box that any expand() replaces
    bool is_empty() const { return min_x > max_x; }
};

/// A set of multipolygons in one planar CRS. Feature f owns polygons
/// [feature_start[f], feature_start[f+1]); polygon p owns rings
/// [polygon_start[p], polygon_start[p+1]), the first the exterior, the rest holes;
/// ring r owns points [ring_start[r], ring_start[r+1]), closed (first == last).
class MultiPolygonColumn {
public:
    MultiPolygonColumn();

    /// Appends one feature built by the caller through begin_polygon/add_ring.
    void begin_feature();
    void begin_polygon();
    void add_ring(std::span<const Point> closed_ring);
    void end_feature();
    /// Drops the feature begun last (for a record rejected half-way).
    void abandon_feature();
    /// Drops the last finished feature (a duplicate found once it was read).
    void remove_last_feature();

    /// Room for `features` more features with, on average, the polygons, rings and
    /// points of those held, plus `margin` (0.2: 20 %) more. Nothing when none is held.
    void reserve_like_held(std::size_t features, double margin);

    std::size_t size() const { return feature_start_.size() - 1; }
    std::size_t polygon_count(std::size_t f) const { return feature_start_[f + 1] - feature_start_[f]; }

    /// Rings of polygon `k` of feature `f` (k < polygon_count(f)).
    std::size_t ring_begin(std::size_t f, std::size_t k) const { return polygon_start_[feature_start_[f] + k]; }
    std::size_t ring_end(std::size_t f, std::size_t k) const { return polygon_start_[feature_start_[f] + k + 1]; }
    std::span<const Point> ring(std::size_t r) const {
        return {points_.data() + ring_start_[r], points_.data() + ring_start_[r + 1]};
    }

    /// Planar area (exterior minus holes), in the CRS's square units.
    double area(std::size_t f) const;
    /// Area-weighted centroid of the feature's polygons. For a concave or
    /// multi-part feature it may lie outside the feature (docs/data.md says which park a parcel is in).
    Point centroid(std::size_t f) const;
    Box bounds(std::size_t f) const;
    /// Whether `p` lies inside feature `f` (even-odd rule per polygon, so holes are
    /// outside; a point exactly on an edge may fall either way).
    bool contains(std::size_t f, Point p) const;
    std::size_t point_count() const { return points_.size(); }
    std::size_t memory_bytes() const;

private:
    std::vector<Point> points_;
    std::vector<uint64_t> ring_start_;
    std::vector<uint32_t> polygon_start_;
    std::vector<uint32_t> feature_start_;
    std::size_t open_feature_polygons_ = 0;
};

/// Signed shoelace area of a closed ring (positive when counter-clockwise).
double signed_ring_area(std::span<const Point> ring);

/// Whether a closed ring is certainly simple: at least three distinct vertices,
/// finite coordinates, no repeated consecutive point, no two edges meeting
/// except neighbours at their shared vertex, and no edge doubling back on the
/// previous one. Decided with exact-sign orientation tests (a floating-point
/// filter with Shewchuk's error bound); whenever the filter cannot be sure, or
/// the ring has more than 64 vertices, the answer is false. So `true` proves the
/// ring simple, and a polygon made of this one ring is valid by GEOS's rules,
/// while `false` only means "ask GEOS". The loader uses it to skip GEOS's
/// validity check for the common parcel, without changing any outcome.
bool ring_is_certainly_simple(std::span<const Point> closed_ring);

}  // namespace parkcap::geom
