#include "overlaps.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include <fmt/format.h>

#include "../geom/detail/geos_support.hpp"
#include "parkcap/index/parcel_index.hpp"

namespace parkcap::io::detail {

namespace {

double intersection_area(const ParcelTable& t, uint32_t a, uint32_t b) {
    using namespace geom::detail;
    const GeosPtr ga = make_multipolygon(t.geometry, a), gb = make_multipolygon(t.geometry, b);
    if (!ga || !gb) return 0;
    const GeosPtr inter(GEOSIntersection_r(geos(), ga.get(), gb.get()));
    double area = 0;
    if (inter) GEOSArea_r(geos(), inter.get(), &area);
    return area;
}

}  // namespace

void check_overlaps(City& city, double tolerance) {
    if (std::isnan(tolerance)) return;
    ParcelTable& t = city.parcels;
    // A centroid inside another parcel is how a stacked copy or a parcel drawn over
    // others shows itself; neighbours that merely share (or slightly cross) a
    // boundary keep their centroids to themselves and cost one point query each.
    std::unordered_set<uint64_t> seen;
    for (uint32_t j = 0; j < t.size(); ++j) {
        const geom::Point p = t.centroid[j];
        city.parcel_index().query({p.x, p.y, p.x, p.y}, [&](uint32_t i) {
            if (i == j || !t.geometry.contains(i, p)) return;
            const uint32_t first = std::min(i, j), later = std::max(i, j);
            if (!seen.insert(static_cast<uint64_t>(first) << 32 | later).second) return;
            const double area = intersection_area(t, first, later);
            const double smaller = std::min(t.area_m2[first], t.area_m2[later]);
            if (smaller <= 0 || area <= tolerance * smaller) return;
            t.incomplete[later] |= kOverlapsEarlier;
            LayerInfo& where = city.layers[t.source_layer[later]];
            const LayerInfo& other = city.layers[t.source_layer[first]];
            ++where.counts.warned;
            ++city.report.counts["parcels"].warned;
            city.report.add(Issue{
                Severity::Warning, "parcel.overlap", where.source.file, where.source.layer, std::string(t.parcel_id[later]),
                t.source_fid[later], "",
                fmt::format("overlaps parcel_id '{}' (FID {} of {}) by {:.1f} m² ({:.1f} % of the smaller): a stacked copy "
                            "or a parcel drawn over others, its land counted twice in the totals; not offered as a site "
                            "(fix it at source)",
                            t.parcel_id[first], t.source_fid[first], other.label, area, 100 * area / smaller)});
        });
    }
}

}  // namespace parkcap::io::detail
