#pragma once
// Internal: parcels drawn over one another. A stacked copy (the same land under
// two ids, e.g. from two districts' files) or a parcel drawn over many counts its
// land twice in every total and could be offered twice as a site.
#include "parkcap/model/city.hpp"

namespace parkcap::io::detail {

/// Reports every pair of parcels where the centroid of one lies inside the other
/// and their intersection exceeds `tolerance` × the smaller one's area
/// (`parcel.overlap`, a warning on the later-read parcel, naming the other, the
/// area and the share), and marks the later one kOverlapsEarlier so it is never
/// offered as a site. Needs the parcel index. A NaN tolerance checks nothing.
void check_overlaps(City& city, double tolerance);

}  // namespace parkcap::io::detail
