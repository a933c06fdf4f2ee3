#pragma once
// Internal: distance from any geometry to a set of lines (the shoreline, or its
// port stretches: model/city.hpp's shoreline_parts), through one prepared
// multilinestring (GEOS's indexed facet distance).
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
        for (const auto& part : parts) lines.push_back(make_linestring(part).release());
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
        if (GEOSPreparedDistance_r(geos(), prepared_.get(), g, &d) != 1) d = std::numeric_limits<double>::quiet_NaN();
        return d;
    }

    /// Whether g lies within `limit` metres (the limit itself within); false
    /// when empty. Cheaper than distance(): GEOS stops at the first near facet.
    bool within(const GEOSGeometry* g, double limit) const {
        return prepared_ && GEOSPreparedDistanceWithin_r(geos(), prepared_.get(), g, limit) == 1;
    }

private:
    GeosPtr geometry_;
    PreparedPtr prepared_;
};

}  // namespace parkcap::geom::detail
