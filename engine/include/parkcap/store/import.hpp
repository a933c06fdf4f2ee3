#pragma once
// `parkcap db import`: a city loaded by io::load_city (so every intake guarantee
// holds: mapping, encodings, CRS, repairs, rejects reported) written into the store
// as the body of land every later run on the store reads.
#include <cstdint>
#include <string>

#include "parkcap/model/city.hpp"
#include "parkcap/store/connection.hpp"

namespace parkcap::store {

struct ImportResult {
    int64_t import_id = 0;
    uint64_t districts = 0, parks = 0, shoreline = 0, parcels = 0, projects = 0, quota = 0;
    uint64_t partitions = 0;  ///< parcel partitions, one per district code
    uint64_t issues = 0;      ///< rows of the rejects report kept in import_issues
};

/// Replaces the store's land (districts with a boundary, parks, shoreline, parcels,
/// projects, quota) by `city`'s kept records, in one transaction: a reader sees the
/// old package or the new one, never a mixture. Values go in as the loader
/// understood them, in the input contract's canonical fields; geometry in the
/// working CRS (its SRID on every column). What the loader could not tell (an
/// empty parcel id, district, land use or status) stays empty, so a run on the store
/// treats the parcel as the run on the files did. `source` is recorded with the import.
ImportResult import_city(Connection& c, const City& city, const std::string& source);

}  // namespace parkcap::store
