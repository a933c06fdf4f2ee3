#include "parkcap/model/summary.hpp"

namespace parkcap {

CitySummary summarize(const City& city) {
    CitySummary s;
    s.by_park.resize(city.parks.size());
    s.by_district.resize(city.districts.size());
    const ParcelTable& t = city.parcels;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const double a = t.area_m2[i];
        s.total.add(a, t.status[i]);
        s.by_district[t.district[i]].add(a, t.status[i]);
        if (t.park[i] >= 0) s.by_park[static_cast<std::size_t>(t.park[i])].add(a, t.status[i]);
        else s.outside_parks.add(a, t.status[i]);
    }
    return s;
}

}  // namespace parkcap
