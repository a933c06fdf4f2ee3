#include "parkcap/carto/map_furniture.hpp"

#include <cmath>

#include <fmt/format.h>

#include "parkcap/crs/working_crs.hpp"

namespace parkcap::carto {

double scale_bar_length_m(double max_m) {
    if (!(max_m >= 1)) return max_m;
    const double p10 = std::pow(10.0, std::floor(std::log10(max_m)));
    for (double f : {5.0, 2.0, 1.0})
        if (f * p10 <= max_m * (1 + 1e-12)) return f * p10;
    return p10;
}

std::string distance_text(double m) {
    if (m >= 1000) return fmt::format("{:g} km", m / 1000);
    return fmt::format("{:g} m", m);
}

double grid_convergence_rad(int working_epsg, const geom::Box& extent) {
    const crs::LonLatTransform lonlat(working_epsg);
    const geom::Point c{(extent.min_x + extent.max_x) / 2, (extent.min_y + extent.max_y) / 2};
    // A kilometre up the grid: how far east and north that goes on the ground.
    const geom::Point a = lonlat(c), b = lonlat({c.x, c.y + 1000});
    const double east = (b.x - a.x) * std::cos(a.y * M_PI / 180), north = b.y - a.y;
    return std::isfinite(east) && std::isfinite(north) ? std::atan2(east, north) : 0;
}

}  // namespace parkcap::carto
