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

// The draws make_attributes is made of, for the later periods (evolve.cpp), so a
// parcel supplied or completed in a period looks like one planted so.

/// A land user: the industry (the park's themes or a misfit; none on public and
/// other land) and an enterprise name (none on other land). Without
/// `chemicals_allowed` an industrial user is one of the misfits, which are never
/// chemical: new chemical land within 1 km of the Yangtze is forbidden.
void draw_land_user(const CityDefinition& city, const Pool& p, LandUse lu, bool chemicals_allowed, ParcelRec& a, Rng& r);
/// The investment a supply contract promises: 1.2-3 x the park level's minimum.
double draw_promise(const Pool& p, double mu, Rng& r);
/// Figures of built land that pass every control indicator (dev_ratio 1, FAR,
/// coverage, investment, tax, output), by land use.
void draw_built_figures(ParcelRec& a, LandUse lu, const Pool& p, double mu, Rng& r);
/// Ratios to 4 decimals, FAR and money to 2: what the DBF stores, and so what the
/// audit reads.
void round_as_stored(ParcelRec& a);

}  // namespace sample_city
