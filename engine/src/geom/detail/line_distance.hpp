#pragma once
// Internal: distance from any geometry to a set of lines (the shoreline, or its
// port stretches: model/city.hpp's shoreline_parts), through one prepared
// multilinestring (GEOS's indexed facet distance).
#include <algorithm>
#include <cmath>
#include <limits>
#include <span>
#include <vector>

#include "geos_support.hpp"

namespace parkcap::geom::detail {

class LineDistance {
public:
    /// Each element one linestring; none: every distance is infinite.
    explicit LineDistance(std::span<const std::span<const Point>> parts) {
        std::vector<GEOSGeometry*> lines;
        for (const auto& part : parts) {
            lines.push_back(make_linestring(part).release());
            if (!part.empty()) first_points_.push_back(part.front());
            // Boxes of runs of kRun edges: a winding line's whole box would be near far too much.
            for (std::size_t k = 0; k + 1 < part.size(); k += kRun) {
                Box b = Box::empty();
                for (std::size_t m = k; m < std::min(part.size(), k + kRun + 1); ++m) b.expand({part[m].x, part[m].y, part[m].x, part[m].y});
                boxes_.push_back(b);
            }
            if (part.size() == 1) boxes_.push_back({part[0].x, part[0].y, part[0].x, part[0].y});
        }
        if (lines.empty()) return;
        geometry_.reset(GEOSGeom_createCollection_r(geos(), GEOS_MULTILINESTRING, lines.data(), static_cast<unsigned>(lines.size())));
        prepared_.reset(GEOSPrepare_r(geos(), geometry_.get()));
        // Build the lazy facet index now, so threads sharing this object only read it.
        auto probe = make_point({0, 0});
        double d = 0;
        GEOSPreparedDistance_r(geos(), prepared_.get(), probe.get(), &d);
    }
    /// No line: every distance is infinite.
    bool empty() const { return !prepared_; }
    /// Metres in the working CRS; +infinity when empty, NaN if GEOS fails.
    double distance(const GEOSGeometry* g) const {
        if (!prepared_) return std::numeric_limits<double>::infinity();
        double d = std::numeric_limits<double>::quiet_NaN();
        if (GEOSPreparedDistance_r(geos(), prepared_.get(), g, &d) != 1) return std::numeric_limits<double>::quiet_NaN();
        // GEOS's facet distance (3.11) gives a polygon that holds a whole line the
        // distance from the line to its edges, not 0: a parcel drawn over a stretch of
        // shoreline read as hundreds of metres from it. A line that crosses no edge
        // lies wholly inside or outside, so one vertex of each line says which.
        if (d > 0 && GEOSGeom_getDimensions_r(geos(), g) == 2) {
            double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
            if (GEOSGeom_getXMin_r(geos(), g, &x0) == 1 && GEOSGeom_getYMin_r(geos(), g, &y0) == 1 &&
                GEOSGeom_getXMax_r(geos(), g, &x1) == 1 && GEOSGeom_getYMax_r(geos(), g, &y1) == 1)
                for (const Point& q : first_points_) {
                    if (q.x < x0 || q.x > x1 || q.y < y0 || q.y > y1) continue;
                    const GeosPtr point = make_point(q);
                    if (GEOSIntersects_r(geos(), g, point.get()) == 1) return 0;
                }
        }
        return d;
    }

    /// Whether g lies within `limit` metres (the limit itself within); false
    /// when empty. Cheaper than distance(): GEOS stops at the first near facet.
    bool within(const GEOSGeometry* g, double limit) const {
        return prepared_ && GEOSPreparedDistanceWithin_r(geos(), prepared_.get(), g, limit) == 1;
    }
    /// within() of a geometry whose bounding box is `box`, with the same answer:
    /// false without asking GEOS when the box lies more than `limit` from every
    /// run of the lines. Most parcels of a city are far from its river, and GEOS
    /// answers "no" slowly (after the facets, a point-in-polygon test of every
    /// line), so this saves most of the queries. The box distance is a lower bound
    /// of the true distance; the margin of a millimetre is far above the rounding of
    /// either computation, so a skipped query is one GEOS answers "no" to.
    bool within(const GEOSGeometry* g, const Box& box, double limit) const {
        if (!prepared_) return false;
        constexpr double kMarginM = 1e-3;
        const double reach = limit + kMarginM;
        for (const Box& b : boxes_) {
            const double dx = std::max({0.0, b.min_x - box.max_x, box.min_x - b.max_x});
            const double dy = std::max({0.0, b.min_y - box.max_y, box.min_y - b.max_y});
            // Not certainly farther (also NaN): GEOS decides.
            if (!(dx > reach) && !(dy > reach) && !(std::hypot(dx, dy) > reach)) return within(g, limit);
        }
        return false;
    }

private:
    static constexpr std::size_t kRun = 16;  ///< edges per box
    std::vector<Box> boxes_;
    std::vector<Point> first_points_;  ///< a vertex of each line (distance's containment test)
    GeosPtr geometry_;
    PreparedPtr prepared_;
};

}  // namespace parkcap::geom::detail
