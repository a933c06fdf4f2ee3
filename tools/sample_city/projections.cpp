#include "projections.hpp"

#include <utility>

#include <fmt/format.h>

#include "common.hpp"

namespace sample_city {

Projections::Projections() {
    for (auto [srs, epsg] : {std::pair{&geo_, 4490}, std::pair{&zone40_, 4528}, std::pair{&cm120_, 4549}}) {
        if (srs->importFromEPSG(epsg) != OGRERR_NONE) fail(fmt::format("PROJ does not know EPSG:{}", epsg));
        srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    }
    to_metric_.reset(OGRCreateCoordinateTransformation(&geo_, &zone40_));
    to_geo_.reset(OGRCreateCoordinateTransformation(&zone40_, &geo_));
    to_cm120_.reset(OGRCreateCoordinateTransformation(&zone40_, &cm120_));
    if (!to_metric_ || !to_geo_ || !to_cm120_) fail("cannot create the CGCS2000 coordinate transformations");
}

Pt Projections::to_metric(double lon, double lat) const {
    double x = lon, y = lat;
    if (!to_metric_->Transform(1, &x, &y)) fail("coordinate transformation failed");
    return {round_to(x, 0.01), round_to(y, 0.01)};
}

std::vector<Pt> Projections::transform(OGRCoordinateTransformation& ct, std::vector<Pt> pts, double unit) {
    for (Pt& p : pts) {
        if (!ct.Transform(1, &p.x, &p.y)) fail("coordinate transformation failed");
        p = {round_to(p.x, unit), round_to(p.y, unit)};
    }
    return pts;
}

}  // namespace sample_city
