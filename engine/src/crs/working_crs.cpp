#include "parkcap/crs/working_crs.hpp"

#include <cmath>

#include <fmt/format.h>
#include <ogr_spatialref.h>

#include "parkcap/core/error.hpp"

namespace parkcap::crs {

int gauss_kruger_3deg_epsg(double longitude_deg) {
    const int zone = static_cast<int>(std::lround(longitude_deg / 3.0));
    if (zone < 25 || zone > 45)
        throw DataError(fmt::format("the data lies at longitude {:.3f}°, outside the CGCS2000 3-degree zones "
                                    "(75°E–135°E)",
                                    longitude_deg),
                        "choose a metric working CRS with --crs EPSG:N");
    return 4513 + (zone - 25);
}

int parse_epsg(const std::string& text) {
    std::string digits = text;
    if (digits.size() > 5 && (digits.rfind("EPSG:", 0) == 0 || digits.rfind("epsg:", 0) == 0)) digits = digits.substr(5);
    // EPSG codes have at most 6 digits; more would overflow std::stoi.
    if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos)
        throw UsageError(fmt::format("invalid CRS '{}'; expected an EPSG code such as EPSG:4528", text));
    return std::stoi(digits);
}

WorkingCrs working_crs_from_epsg(int epsg, bool chosen_automatically) {
    OGRSpatialReference srs;
    if (srs.importFromEPSG(epsg) != OGRERR_NONE)
        throw UsageError(fmt::format("EPSG:{} is not a CRS known to PROJ", epsg),
                         "use a projected CRS such as EPSG:4528 (CGCS2000 / 3-degree GK zone 40)");
    if (!srs.IsProjected())
        throw UsageError(fmt::format("EPSG:{} ({}) is not a projected CRS; areas and distances need one in metres",
                                     epsg, srs.GetName() ? srs.GetName() : "?"),
                         "use a projected CRS such as EPSG:4528");
    if (std::abs(srs.GetLinearUnits() - 1.0) > 1e-9)
        throw UsageError(fmt::format("EPSG:{} ({}) is not in metres", epsg, srs.GetName() ? srs.GetName() : "?"));
    WorkingCrs w;
    w.epsg = epsg;
    w.name = srs.GetName() ? srs.GetName() : "";
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2019", nullptr};
    srs.exportToWkt(&wkt, options);
    w.wkt = wkt ? wkt : "";
    CPLFree(wkt);
    w.chosen_automatically = chosen_automatically;
    return w;
}

}  // namespace parkcap::crs

namespace parkcap::crs {

struct LonLatTransform::Impl {
    std::unique_ptr<OGRCoordinateTransformation> ct;
};

LonLatTransform::LonLatTransform(int working_epsg) : impl_(std::make_unique<Impl>()) {
    OGRSpatialReference from, to;
    from.importFromEPSG(working_epsg);
    to.importFromEPSG(4490);
    from.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    to.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    impl_->ct.reset(OGRCreateCoordinateTransformation(&from, &to));
    if (!impl_->ct) throw DataError(fmt::format("no transformation from EPSG:{} to longitude/latitude", working_epsg));
}

LonLatTransform::~LonLatTransform() = default;
LonLatTransform::LonLatTransform(LonLatTransform&&) noexcept = default;

geom::Point LonLatTransform::operator()(geom::Point p) const {
    double x = p.x, y = p.y;
    impl_->ct->Transform(1, &x, &y);
    return {x, y};
}

}  // namespace parkcap::crs
