#include "parkcap/index/parcel_index.hpp"

#include <algorithm>

#include <boost/geometry.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/transform_iterator.hpp>
#include <boost/geometry/index/rtree.hpp>

#include "../geom/detail/geos_support.hpp"

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace parkcap::index {

namespace {
using BPoint = bg::model::point<double, 2, bg::cs::cartesian>;
using BBox = bg::model::box<BPoint>;
using Entry = std::pair<BBox, uint32_t>;

BBox to_bbox(const geom::Box& b) { return BBox(BPoint(b.min_x, b.min_y), BPoint(b.max_x, b.max_y)); }

/// Feature f's entry, made when the packing asks for it.
struct EntryOf {
    const geom::MultiPolygonColumn* column;
    Entry operator()(uint32_t f) const { return {to_bbox(column->bounds(f)), f}; }
};

/// Every feature's entry as a range for an R-tree's packing constructor, made on
/// the fly rather than held in a vector: Boost's packing keeps its own list of the
/// input's iterators, so a vector too would hold every box a second time while the
/// tree is built (0.4 GB at ten million parcels, at the load's peak).
auto entries_of(const geom::MultiPolygonColumn& column) {
    const auto at = [&](std::size_t f) {
        return boost::make_transform_iterator(boost::counting_iterator<uint32_t>(static_cast<uint32_t>(f)), EntryOf{&column});
    };
    return std::pair(at(0), at(column.size()));
}
}  // namespace

struct ParcelIndex::Tree {
    bgi::rtree<Entry, bgi::rstar<16>> rtree;
    template <class Range>
    explicit Tree(Range entries) : rtree(entries.first, entries.second) {}  // the packing constructor
};

ParcelIndex::ParcelIndex(const geom::MultiPolygonColumn& parcels) : tree_(std::make_unique<Tree>(entries_of(parcels))) {}
ParcelIndex::~ParcelIndex() = default;

void ParcelIndex::query(const geom::Box& box, const std::function<void(uint32_t)>& visit) const {
    for (auto it = tree_->rtree.qbegin(bgi::intersects(to_bbox(box))); it != tree_->rtree.qend(); ++it) visit(it->second);
}

std::vector<uint32_t> ParcelIndex::query(const geom::Box& box) const {
    std::vector<uint32_t> hits;
    query(box, [&](uint32_t i) { hits.push_back(i); });
    std::sort(hits.begin(), hits.end());
    return hits;
}

std::size_t ParcelIndex::size() const { return tree_->rtree.size(); }

struct PolygonLocator::Impl {
    std::vector<geom::detail::GeosPtr> geometries;
    std::vector<geom::detail::PreparedPtr> prepared;
    std::vector<double> area;
    bgi::rtree<Entry, bgi::quadratic<16>> boxes;
};

PolygonLocator::PolygonLocator(const geom::MultiPolygonColumn& polygons) : impl_(std::make_unique<Impl>()) {
    using namespace geom::detail;
    const auto [first, last] = entries_of(polygons);
    impl_->boxes = decltype(impl_->boxes)(first, last);
    for (std::size_t f = 0; f < polygons.size(); ++f) {
        impl_->geometries.push_back(make_multipolygon(polygons, f));
        impl_->prepared.emplace_back(GEOSPrepare_r(geos(), impl_->geometries.back().get()));
        // Force the lazily built index now, so later queries are read-only.
        auto probe = make_point({0, 0});
        GEOSPreparedIntersects_r(geos(), impl_->prepared.back().get(), probe.get());
        impl_->area.push_back(polygons.area(f));
    }
}

PolygonLocator::~PolygonLocator() = default;
PolygonLocator::PolygonLocator(PolygonLocator&&) noexcept = default;

std::vector<int32_t> PolygonLocator::locate_all(geom::Point p) const {
    using namespace geom::detail;
    std::vector<int32_t> hits;
    GeosPtr point;
    for (auto it = impl_->boxes.qbegin(bgi::intersects(BPoint(p.x, p.y))); it != impl_->boxes.qend(); ++it) {
        if (!point) point = make_point(p);
        // Intersects, not Contains: a centroid on a park's boundary belongs to it.
        if (GEOSPreparedIntersects_r(geos(), impl_->prepared[it->second].get(), point.get()) == 1)
            hits.push_back(static_cast<int32_t>(it->second));
    }
    std::sort(hits.begin(), hits.end());
    return hits;
}

int32_t PolygonLocator::locate(geom::Point p) const {
    int32_t best = -1;
    for (int32_t f : locate_all(p))
        if (best < 0 || impl_->area[f] < impl_->area[best]) best = f;
    return best;
}

}  // namespace parkcap::index
