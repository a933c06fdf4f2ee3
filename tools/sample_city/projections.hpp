#pragma once
// The three CRSs the sample is written in. Everything is built in one metric
// frame (EPSG:4528 metres) and transformed to each layer's CRS at write time, so
// the engine must reconcile three CRSs, as it must with bureau data.
#include <memory>
#include <vector>

#include <ogr_spatialref.h>

#include "planar.hpp"

namespace sample_city {

struct CtDeleter {
    void operator()(OGRCoordinateTransformation* ct) const { OGRCoordinateTransformation::DestroyCT(ct); }
};
using CtPtr = std::unique_ptr<OGRCoordinateTransformation, CtDeleter>;

/// EPSG:4490 (lon/lat), EPSG:4528 (the working frame) and EPSG:4549, all in
/// traditional GIS axis order (easting/longitude first).
class Projections {
public:
    Projections();
    const OGRSpatialReference& geo() const { return geo_; }
    const OGRSpatialReference& zone40() const { return zone40_; }
    const OGRSpatialReference& cm120() const { return cm120_; }

    /// Longitude/latitude → frame metres, rounded to the centimetre.
    Pt to_metric(double lon, double lat) const;
    std::vector<Pt> to_geo(std::vector<Pt> pts) const { return transform(*to_geo_, std::move(pts), 1e-9); }
    std::vector<Pt> to_cm120(std::vector<Pt> pts) const { return transform(*to_cm120_, std::move(pts), 1e-3); }

private:
    static std::vector<Pt> transform(OGRCoordinateTransformation& ct, std::vector<Pt> pts, double unit);
    OGRSpatialReference geo_, zone40_, cm120_;
    CtPtr to_metric_, to_geo_, to_cm120_;
};

}  // namespace sample_city
