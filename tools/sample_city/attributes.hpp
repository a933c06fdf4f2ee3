#pragma once
// A parcel's attributes from its audit case: dates, ratios, investment, tax,
// industry and enterprise, drawn inside the case's range with a margin from every
// threshold, then rounded as the DBF stores them.
#include <string>

#include "calendar.hpp"
#include "cases.hpp"
#include "city_definition.hpp"
#include "common.hpp"
#include "layout.hpp"
#include "random.hpp"

namespace sample_city {

struct ParcelRec {
    bool status_set = true;
    std::string status;
    Day appr = kNoDay, supp = kNoDay, due = kNoDay, start = kNoDay, halt = kNoDay;
    double dev = kNaN, inv_plan = kNaN, inv_done = kNaN, far = kNaN, coverage = kNaN, tax = kNaN, output = kNaN;
    std::string industry, enterprise;
};

/// Attributes of one parcel from its case (or planted record `sp`).
ParcelRec make_attributes(const CityDefinition& city, Case c, const SpecialDef* sp, LandUse lu, const Pool& p, double mu,
                          Rng& r);

}  // namespace sample_city
