#pragma once
// Counts and areas of a loaded city by park and district: what `parkcap info` shows.
#include <array>
#include <cstdint>
#include <vector>

#include "parkcap/model/city.hpp"

namespace parkcap {

struct AreaTally {
    uint64_t parcels = 0;
    double area_m2 = 0;
    std::array<double, kStatusCount> area_m2_by_status{};  ///< indexed by Status
    void add(double a, Status s) {
        ++parcels;
        area_m2 += a;
        area_m2_by_status[static_cast<int>(s)] += a;
    }
};

struct CitySummary {
    std::vector<AreaTally> by_park;      ///< indexed like City::parks
    std::vector<AreaTally> by_district;  ///< indexed like City::districts
    AreaTally outside_parks;
    AreaTally total;
};

CitySummary summarize(const City& city);

}  // namespace parkcap
