// The shoreline layer (EPSG:4549): the city definition's function zones along
// the bank, cut into segments of at most 4.5 km.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "common.hpp"
#include "generator.hpp"
#include "shapefile.hpp"

namespace sample_city {

void ShorePlan::add(double a, double b, const char* zone, int port) {
    a = std::clamp(a, 0.0, length_m_), b = std::clamp(b, 0.0, length_m_);
    if (b - a < 1) return;
    if (!intervals_.empty() && std::abs(intervals_.back().c1 - a) > 1e-6) fail("shoreline plan is not contiguous");
    intervals_.push_back({a, b, zone, port});
}

void ShorePlan::split(double a, double b, const char* first_zone, const char* second_zone) {
    const double m = a + 0.6 * (b - a);
    add(a, m, first_zone, 0);
    add(m, b, second_zone, 0);
}

std::vector<ShoreInterval> ShorePlan::finish() && {
    if (intervals_.empty() || std::abs(intervals_.back().c1 - length_m_) > 1e-6)
        fail("shoreline plan does not reach the end of the river");
    return std::move(intervals_);
}

std::pair<double, double> Generator::frontage(int park, int part) const {
    const Pool& p = pools_[static_cast<std::size_t>(park)];
    double lo = 1e300, hi = -1e300;
    for (Pt q : p.local.parts[static_cast<std::size_t>(part)])
        if (q.y == 0) lo = std::min(lo, q.x), hi = std::max(hi, q.x);
    return {p.frontage_chainage + lo, p.frontage_chainage + hi};
}

void Generator::plan_shoreline() {
    ShorePlan plan(river_.length());
    city_.plan_shoreline(plan, [this](int park, int part) { return frontage(park, part); });
    shore_ = std::move(plan).finish();
}

void Generator::write_shoreline() {
    ShapeWriter w = layer_writer("shoreline", proj_.cm120(), wkbLineString,
                  {{"shore_id", OFTString, 8, 0}, {"zone", OFTString, 8, 0}, {"port", OFTInteger, 1, 0}});
    int n = 0;
    for (const auto& iv : shore_) {
        const int pieces = std::max(1, static_cast<int>(std::ceil((iv.c1 - iv.c0) / 4500)));
        for (int k = 0; k < pieces; ++k) {
            const double a = iv.c0 + (iv.c1 - iv.c0) * k / pieces, b = iv.c0 + (iv.c1 - iv.c0) * (k + 1) / pieces;
            OGRFeature f(w.defn());
            f.SetField("shore_id", fmt::format("SL{:02d}", ++n).c_str());
            f.SetField("zone", iv.zone);
            f.SetField("port", iv.port);
            OGRLineString line;
            if (one_crs())
                for (Pt q : river_.slice(a, b)) line.addPoint(round_to(q.x, 0.001), round_to(q.y, 0.001));
            else
                for (Pt q : proj_.to_cm120(river_.slice(a, b))) line.addPoint(q.x, q.y);
            f.SetGeometry(&line);
            w.write(f);
        }
    }
}

}  // namespace sample_city
