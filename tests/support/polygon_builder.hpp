#pragma once
// Polygons written in tests as open rings (the builder closes them), in
// Gauss-Krüger-sized coordinates, as real parcels have.
#include <vector>

#include "parkcap/geom/polygons.hpp"

namespace parkcap::test {

inline constexpr double kGkX = 40500000, kGkY = 3600000;

/// Appends one polygon (first ring the exterior, the rest holes) to the feature being built.
inline void add_polygon(geom::MultiPolygonColumn& col, const std::vector<std::vector<geom::Point>>& rings) {
    col.begin_polygon();
    for (auto r : rings) {
        r.push_back(r.front());
        col.add_ring(r);
    }
}

}  // namespace parkcap::test
