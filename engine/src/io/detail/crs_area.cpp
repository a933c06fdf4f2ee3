#include "crs_area.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/format.h>

namespace parkcap::io::detail {

namespace {

std::unique_ptr<OGRSpatialReference> geographic_cgcs2000() {
    auto g = std::make_unique<OGRSpatialReference>();
    g->importFromEPSG(4490);
    g->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return g;
}

}  // namespace

std::optional<CrsArea> CrsArea::of(const OGRSpatialReference& srs) {
    CrsArea a;
    const char* name = nullptr;
    if (!srs.GetAreaOfUse(&a.west_, &a.south_, &a.east_, &a.north_, &name) || a.west_ <= -1000) return std::nullopt;
    a.name_ = name ? name : "";
    // An area crossing the antimeridian (east < west) is not one of China's: not checked.
    if (a.east_ < a.west_) return std::nullopt;
    a.west_ -= kCrsAreaMarginDeg;
    a.east_ += kCrsAreaMarginDeg;
    a.south_ -= kCrsAreaMarginDeg;
    a.north_ += kCrsAreaMarginDeg;
    const auto geographic = geographic_cgcs2000();
    a.to_lonlat_.reset(OGRCreateCoordinateTransformation(&srs, geographic.get()));
    if (!a.to_lonlat_) return std::nullopt;
    return a;
}

bool CrsArea::to_lonlat(double x, double y, double& lon, double& lat) const {
    if (!std::isfinite(x) || !std::isfinite(y)) return false;
    lon = x;
    lat = y;
    int ok = 0;
    CPLPushErrorHandler(CPLQuietErrorHandler);  // a point far off its zone fails loudly; the caller reports it
    const bool done = to_lonlat_->Transform(1, &lon, &lat, nullptr, &ok) && ok;
    CPLPopErrorHandler();
    return done && std::isfinite(lon) && std::isfinite(lat);
}

bool CrsArea::contains(const OGREnvelope& env) const {
    double lon = 0, lat = 0;
    if (!to_lonlat((env.MinX + env.MaxX) / 2, (env.MinY + env.MaxY) / 2, lon, lat)) return false;
    return lon >= west_ && lon <= east_ && lat >= south_ && lat <= north_;
}

std::string CrsArea::describe() const {
    const double m = kCrsAreaMarginDeg;
    return fmt::format("{:.2f}–{:.2f}°E, {:.2f}–{:.2f}°N{}", west_ + m, east_ - m, south_ + m, north_ - m,
                       name_.empty() ? "" : " (" + name_ + ")");
}

std::string likely_crs(const OGREnvelope& env, double reference_lon) {
    const double x = (env.MinX + env.MaxX) / 2, y = (env.MinY + env.MaxY) / 2;
    std::vector<int> candidates;
    if (std::abs(x) <= 180 && std::abs(y) <= 90) candidates.push_back(4490);
    if (y > 1.5e6 && y < 6.5e6) {  // a Gauss-Krüger northing in China (about 15–55°N)
        const int zone = static_cast<int>(std::floor(x / 1e6));
        if (zone >= 25 && zone <= 45) candidates.push_back(4513 + zone - 25);  // 3° zones, zone number in front
        if (zone >= 13 && zone <= 23) candidates.push_back(4491 + zone - 13);  // 6° zones, zone number in front
        if (x > 1e5 && x < 9e5) {
            // No zone number: the central meridian nearest the other layers (120°E without them).
            const double lon = std::isfinite(reference_lon) ? reference_lon : 120.0;
            const int cm3 = std::clamp(75 + 3 * static_cast<int>(std::lround((lon - 75) / 3.0)), 75, 135);
            const int cm6 = std::clamp(75 + 6 * static_cast<int>(std::lround((lon - 75) / 6.0)), 75, 135);
            candidates.push_back(4534 + (cm3 - 75) / 3);
            candidates.push_back(4502 + (cm6 - 75) / 6);
        }
    }
    if (std::abs(x) > 7e6 && std::abs(x) < 1.6e7 && y > 1.5e6 && y < 7.5e6) candidates.push_back(3857);
    for (int epsg : candidates) {
        OGRSpatialReference srs;
        if (srs.importFromEPSG(epsg) != OGRERR_NONE) continue;
        srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        const auto area = CrsArea::of(srs);
        if (!area || !area->contains(env)) continue;
        double lon = 0, lat = 0;
        // Only a guess that puts the data in China (and near the other layers) is offered.
        if (!area->to_lonlat(x, y, lon, lat) || lon < 73 || lon > 136 || lat < 17 || lat > 54) continue;
        if (std::isfinite(reference_lon) && std::abs(lon - reference_lon) > 3) continue;
        return fmt::format("EPSG:{} ({})", epsg, srs.GetName() ? srs.GetName() : "");
    }
    return "";
}

}  // namespace parkcap::io::detail
