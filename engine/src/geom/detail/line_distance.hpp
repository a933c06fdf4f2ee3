#pragma once
// Internal: distance from any geometry to a chosen set of shoreline segments,
// through one prepared multilinestring (GEOS's indexed facet distance).
#include <limits>

#include "geos_support.hpp"
#include "parkcap/model/city.hpp"

namespace parkcap::geom::detail {

class LineDistance {
public:
    /// The shoreline segments for which `keep(segment)` is true.
    template <class Keep>
    LineDistance(const City& city, Keep keep) {
        std::vector<GEOSGeometry*> lines;
        for (const auto& s : city.shoreline)
            if (keep(s))
                for (const auto& part : s.parts) lines.push_back(make_linestring(part).release());
        if (lines.empty()) return;
        geometry_.reset(GEOSGeom_createCollection_r(geos(), GEOS_MULTILINESTRING, lines.data(), static_cast<unsigned>(lines.size())));
        prepared_.reset(GEOSPrepare_r(geos(), geometry_.get()));
        // Build the lazy facet index now, so threads sharing this object only read it.
        auto probe = make_point({0, 0});
        double d = 0;
        GEOSPreparedDistance_r(geos(), prepared_.get(), probe.get(), &d);
    }
    /// No segment was kept: every distance is infinite.
    bool empty() const { return !prepared_; }
    /// Metres in the working CRS; +infinity when empty, NaN if GEOS fails.
    double distance(const GEOSGeometry* g) const {
        if (!prepared_) return std::numeric_limits<double>::infinity();
        double d = std::numeric_limits<double>::quiet_NaN();
        if (GEOSPreparedDistance_r(geos(), prepared_.get(), g, &d) != 1) d = std::numeric_limits<double>::quiet_NaN();
        return d;
    }

private:
    GeosPtr geometry_;
    PreparedPtr prepared_;
};

}  // namespace parkcap::geom::detail
