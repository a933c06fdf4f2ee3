#pragma once
// The spatial index of the city: one packed R-tree over parcel bounding boxes
// (Boost.Geometry, bulk-loaded), and a locator that finds the park holding a point
// with GEOS prepared geometries.
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "parkcap/geom/polygons.hpp"

namespace parkcap::index {

class ParcelIndex {
public:
    /// Bulk-loads the tree from every parcel's bounds (STR packing: one pass, no rebalancing).
    explicit ParcelIndex(const geom::MultiPolygonColumn& parcels);
    ~ParcelIndex();

    /// Calls `visit(parcel)` for every parcel whose bounds intersect `box`.
    void query(const geom::Box& box, const std::function<void(uint32_t)>& visit) const;
    /// Parcels whose bounds intersect `box`, sorted by index.
    std::vector<uint32_t> query(const geom::Box& box) const;
    std::size_t size() const;

private:
    struct Tree;
    std::unique_ptr<Tree> tree_;
};

/// Finds which polygon feature of a column contains a point (parks, districts).
/// Overlapping polygons resolve to the smallest by area: the more specific park.
class PolygonLocator {
public:
    explicit PolygonLocator(const geom::MultiPolygonColumn& polygons);
    ~PolygonLocator();
    PolygonLocator(PolygonLocator&&) noexcept;

    /// The feature containing `p` (boundary counts as inside), or -1.
    int32_t locate(geom::Point p) const;
    /// Every feature containing `p`.
    std::vector<int32_t> locate_all(geom::Point p) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace parkcap::index
