#pragma once
// Internal: where a layer's declared CRS is valid, and what the coordinates look
// like when they are not there. A .prj that says one Gauss-Krüger zone over
// coordinates of another (or without the zone number in front of the easting)
// moves a whole layer hundreds of kilometres; a single feature typed in the wrong
// units lands off the map. Both are caught against PROJ's area of use of the CRS.
#include <memory>
#include <optional>
#include <string>

#include <ogr_geometry.h>
#include <ogr_spatialref.h>

namespace parkcap::io::detail {

/// How far beyond the CRS's area of use a feature may lie, in degrees: data of a
/// city that straddles a zone boundary is legitimately a little outside.
inline constexpr double kCrsAreaMarginDeg = 1.0;

class CrsArea {
public:
    /// The area of use of `srs` (PROJ's), widened by kCrsAreaMarginDeg; nullopt
    /// when PROJ knows none or cannot transform to longitude/latitude.
    static std::optional<CrsArea> of(const OGRSpatialReference& srs);

    /// Whether the centre of `env` (in the CRS's own coordinates) lies in the area.
    bool contains(const OGREnvelope& env) const;
    /// Longitude/latitude of a point in the CRS's coordinates; false when it does not transform.
    bool to_lonlat(double x, double y, double& lon, double& lat) const;
    /// "118.50–121.50°E, 21.52–51.69°N (China - 118.5°E to 121.5°E)".
    std::string describe() const;

private:
    double west_ = 0, south_ = 0, east_ = 0, north_ = 0;
    std::string name_;
    std::shared_ptr<OGRCoordinateTransformation> to_lonlat_;
};

/// The CRS the coordinates of `env` most likely are in, among those Chinese data
/// use (CGCS2000 geographic, 3° and 6° Gauss-Krüger zones with or without the zone
/// number, Web Mercator), checked by its own area of use; `reference_lon` (NaN
/// when unknown) picks the central meridian when the easting has no zone number.
/// Empty when none fits. E.g. "EPSG:4528 (CGCS2000 / 3-degree Gauss-Kruger zone 40)".
std::string likely_crs(const OGREnvelope& env, double reference_lon);

}  // namespace parkcap::io::detail
