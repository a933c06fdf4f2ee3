#pragma once
// What the layers say about each other, checked once they are all loaded: a code
// that points nowhere is a finding of its own, not a silent new district or a
// silent zero.
#include "parkcap/model/city.hpp"

namespace parkcap::io {

/// Adds a warning to city.report for each
/// - district code used by parcels, parks, projects (origin) or quota rows that the
///   districts layer does not have (`district.unknown`; without a districts layer,
///   a project origin no parcel, park or quota row uses);
/// - district with parcels but no quota row, when a quota table was read
///   (`quota.missing`: its quota is 0);
/// - parcel or project industry code that is not GB/T 4754-2017 (`industry.invalid`).
void check_references(City& city);

}  // namespace parkcap::io
