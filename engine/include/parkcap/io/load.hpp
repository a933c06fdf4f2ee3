#pragma once
// load(sources, mapping) → City: the first step of every parkcap run.
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "parkcap/core/progress.hpp"
#include "parkcap/io/mapping.hpp"
#include "parkcap/model/city.hpp"

namespace parkcap::io {

struct LoadOptions {
    /// A folder (of Shapefiles, GeoJSON, FlatGeobuf, GeoPackage, CSV files named
    /// parks/shoreline/parcels/districts/projects/quota), one multi-layer source
    /// (a GeoPackage, a PostGIS "PG:..." connection), or a single parcels file.
    std::string data;
    std::optional<FieldMapping> mapping;
    /// Working CRS; by default the CGCS2000 3-degree GK zone nearest the data.
    std::optional<int> working_epsg;
    /// Tables for allocation; by default projects.* and quota.* beside the data when present.
    std::optional<std::string> projects;
    std::optional<std::string> quota;
    /// A parcel's recorded area (survey_mu) differing from its measured area by
    /// more than this share is reported (the rules' [data] survey_area_tolerance);
    /// NaN: not checked.
    double survey_area_tolerance = std::numeric_limits<double>::quiet_NaN();
    /// Parcels whose intersection exceeds this share of the smaller one's area are
    /// reported as overlapping (the rules' [data] overlap_tolerance); NaN: not checked.
    double overlap_tolerance = std::numeric_limits<double>::quiet_NaN();
    /// A date before this year is left empty and reported (the rules' [data]
    /// earliest_year); 0: not checked.
    int earliest_year = 0;
    /// An approval, supply, start or halt after this date (the audit date) is
    /// reported and kept; null: not checked.
    Date events_until;
};

/// Loads, reprojects, validates and indexes a city.
///
/// Every record read is either kept or rejected, and City::report says which and
/// why (read == kept + rejected per layer). Throws InputError when a source cannot
/// be opened or read, DataError when a layer cannot be used at all (no CRS, a
/// required field absent, polygons expected and points found, no parcels).
///
/// Each parcel gets the park whose polygon contains the parcel's area-weighted
/// centroid (the smallest such park when parks overlap; -1 when none).
///
/// When the load stops (throws), `partial_on_failure`, when given, receives the
/// city as far as it was read: its report says what every record read so far
/// became, so a rejects report can still be written.
City load_city(const LoadOptions& options, const ProgressFn& progress = {}, City* partial_on_failure = nullptr);

/// Reads a quota table on its own (`parkcap compare --quota`): the districts it
/// names, its rows, and the report of the rows it rejected (read == kept + rejected).
City load_quota_table(const std::string& path, const std::optional<FieldMapping>& mapping = std::nullopt);

/// Every source load_city would open for these options (files, folders or
/// connection strings, as GDAL is given them), without reading any of them: what
/// outputs must never overwrite.
std::vector<std::string> input_paths(const LoadOptions& options);

}  // namespace parkcap::io
