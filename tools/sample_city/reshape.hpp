#pragma once
// Splitting one parcel into pieces and merging neighbours into one, so that the
// pieces tile the old parcel and the merged parcel is the union of the old ones,
// with no sliver gained or lost: the area a later audit counts is the area the
// earlier one counted.
#include <optional>
#include <vector>

#include "planar.hpp"

namespace sample_city {

/// Whether a ring is convex (collinear vertices allowed), so a straight cut
/// makes exactly two pieces.
bool is_convex(const Ring& r);

/// Cuts a convex ring by lines perpendicular to `u` (a unit vector) at the given
/// positions, measured along `u` from the ring's first vertex, increasing; the
/// pieces come in order along `u`, counter-clockwise. A cut point is computed
/// once and shared by both pieces, and is not rounded to the millimetre: rounded,
/// it would leave the old edge and change the area.
std::vector<Ring> cut_convex(const Ring& r, Pt u, const std::vector<double>& at);

/// The union of counter-clockwise rings that share whole edges (the same two
/// vertices, opposite ways), as neighbours in one block do: the shared edges
/// cancel and the rest is walked from the first ring's first edge kept. Empty
/// unless that leaves one ring that visits no vertex twice.
std::optional<Ring> union_of_neighbours(const std::vector<Ring>& rings);

/// Whether two rings share at least one whole edge.
bool share_an_edge(const Ring& a, const Ring& b);

}  // namespace sample_city
