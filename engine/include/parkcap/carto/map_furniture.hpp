#pragma once
// What a map needs besides its data, on screen and on paper alike: a scale bar of
// a round length and a north arrow that points to true north.
#include <string>

#include "parkcap/geom/polygons.hpp"

namespace parkcap::carto {

/// The scale bar's length: the largest 1, 2 or 5 × 10ⁿ metres not above max_m
/// (max_m itself when it is below 1 m).
double scale_bar_length_m(double max_m);

/// "5 km", "200 m": a scale bar's label.
std::string distance_text(double m);

/// The angle from grid north (the working CRS's +y) to true north at the centre
/// of `extent`, positive when true north lies west of grid north, as the
/// transverse Mercator zones east of their central meridian have it. On a map
/// drawn north up with y down, true north points along (−sin a, −cos a).
double grid_convergence_rad(int working_epsg, const geom::Box& extent);

}  // namespace parkcap::carto
