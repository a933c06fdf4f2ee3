#pragma once
// The one metric CRS in which parkcap measures everything.
#include <string>

#include "parkcap/model/city.hpp"

namespace parkcap::crs {

/// EPSG code of the CGCS2000 3-degree Gauss-Krüger zone, with zone-prefixed
/// eastings (EPSG:4513 zone 25, CM 75°E … EPSG:4533 zone 45, CM 135°E), whose
/// central meridian is nearest `longitude_deg`. Throws DataError outside 73.5–136.5°E,
/// where no zone of the family applies.
int gauss_kruger_3deg_epsg(double longitude_deg);

/// Describes EPSG:`epsg` as a working CRS. Throws UsageError unless it is a
/// projected CRS in metres (areas in a geographic CRS are meaningless).
WorkingCrs working_crs_from_epsg(int epsg, bool chosen_automatically);

/// Parses "EPSG:4528", "epsg:4528" or "4528". Throws UsageError otherwise.
int parse_epsg(const std::string& text);

}  // namespace parkcap::crs

#include <memory>
#include "parkcap/geom/polygons.hpp"

namespace parkcap::crs {

/// Converts working-CRS coordinates to CGCS2000 longitude/latitude (EPSG:4490),
/// for display: cursor read-outs, extents, flows drawn on a web basemap.
class LonLatTransform {
public:
    explicit LonLatTransform(int working_epsg);
    ~LonLatTransform();
    LonLatTransform(LonLatTransform&&) noexcept;
    /// x = longitude, y = latitude, in degrees.
    geom::Point operator()(geom::Point working) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace parkcap::crs
