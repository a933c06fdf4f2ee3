#pragma once
// Parcels of a mini city placed on a grid and put in a state, for the tests that
// audit one city at several dates (compare, series): the same parcel is written
// into each period's city, changed where the period changes it.
#include <string>

#include "support/mini_city.hpp"

namespace parkcap::test {

/// A built industrial 100 m square (15 亩) of `district` at grid cell (col, row),
/// 150 m apart so that no two touch.
inline MiniParcel at(const std::string& id, const std::string& district, int col, int row) {
    MiniParcel p;
    p.id = id;
    p.district = district;
    p.x = col * 150.0;
    p.y = row * 150.0;
    return p;
}
inline MiniParcel approved(MiniParcel p, const std::string& date) {
    p.status = "approved";
    p.appr_date = date;
    return p;
}
/// Supplied (on 2023-01-01), construction due on `start_due`, not started.
inline MiniParcel supplied(MiniParcel p, const std::string& start_due) {
    p.status = "supplied";
    p.supp_date = "2023-01-01";
    p.start_due = start_due;
    return p;
}
/// Supplied on 2023-01-01 and under construction since `start`.
inline MiniParcel building(MiniParcel p, const std::string& start) {
    p.status = "building";
    p.supp_date = "2023-01-01";
    p.start_due = start;
    p.start_date = start;
    return p;
}

/// An industry (C3411) that the built-in FAR minimum table covers, and the parcel's FAR.
inline MiniParcel low_far(MiniParcel p, double far) {
    p.industry = "C3411";
    p.far = far;
    return p;
}

}  // namespace parkcap::test
