#pragma once
// One parcel as parcels.shp stores it, and the writer of that layer: the base
// package and every later period write through it, so their fields agree.
#include <filesystem>
#include <string>

#include "attributes.hpp"
#include "city_definition.hpp"
#include "planar.hpp"
#include "shapefile.hpp"

namespace sample_city {

/// A parcel kept in memory for the later periods (evolve.hpp): what the file holds
/// and where it came from.
struct ParcelRecord {
    std::string id, district;
    LandUse land_use = kIndustrial;
    ParcelRec attr;
    Ring ring;          ///< EPSG:4528 metres, counter-clockwise; the bow-tie as digitised
    int pool = 0;       ///< index in the generator's pools: park (level, themes) or cluster
    int block = 0;      ///< block within the pool: parcels of one block share their edges exactly
    double river_m = 0; ///< distance to the bank (a split piece keeps its parent's: never nearer)
    bool planted = false;    ///< a planted record (S01.., PO1.., E1..): never changed, so its finding stays
    bool first_row = false;  ///< a riverside park's river-front row: kept built or building
    bool reshaped = false;   ///< made by a split or a merge: not split or merged again
};

/// parcels.shp (or the parcels layer of a GeoPackage) in EPSG:4528 with the fields of docs/data.md.
class ParcelWriter {
public:
    ParcelWriter(const std::filesystem::path& dir, const OGRSpatialReference& zone40);
    /// The parcels layer of an open GeoPackage.
    ParcelWriter(GDALDataset& gpkg, const OGRSpatialReference& zone40);
    void write(const ParcelRecord& p);

private:
    ShapeWriter w_;
};

}  // namespace sample_city
