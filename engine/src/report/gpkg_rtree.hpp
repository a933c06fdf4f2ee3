#pragma once
// Internal: the GeoPackage spatial index (the gpkg_rtree_index extension) built in
// one pass from the features' boxes, instead of one SQLite R*-tree insertion per
// feature. GDAL 3.6 inserts a million boxes one by one (~12 s on this machine);
// packing them (sort-tile-recursive) and writing SQLite's R-tree tables directly
// takes well under a second. The file is indistinguishable to readers: the same
// virtual table, shadow tables, triggers and gpkg_extensions row as GDAL writes.
#include <cstdint>
#include <string>
#include <vector>

namespace parkcap::report::detail {

/// One feature's box, rounded outwards to floats as SQLite's R-tree stores it.
struct RTreeEntry {
    int64_t id = 0;  ///< the feature's fid
    float min_x = 0, max_x = 0, min_y = 0, max_y = 0;
};

/// Rounds a double down / up to a float the way SQLite's R-tree does
/// (rtreeValueDown / rtreeValueUp), so the index holds what GDAL's would.
float rtree_value_down(double d);
float rtree_value_up(double d);

/// The spatial index of one layer to be built.
struct SpatialIndexJob {
    std::string table;
    std::string geometry_column;
    std::string fid_column;
    std::vector<RTreeEntry> entries;  ///< features with a non-empty geometry
};

/// What GDAL did not see of a table whose rows went in through SQLite directly
/// (gpkg_rows.hpp): its row count and, for a spatial table, the extent of its
/// geometries (min_x > max_x: none), which GDAL keeps in gpkg_ogr_contents and
/// gpkg_contents.
struct TableTotals {
    std::string table;
    int64_t rows = 0;
    bool spatial = false;
    double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
};

/// Finishes the closed GeoPackage at `path` in one transaction: each table's
/// feature count and extent as GDAL writes them (and the time of its last change),
/// then the spatial index of every job (the layers must have been created without
/// one): the virtual table rtree_<table>_<column>, its shadow tables filled with a
/// packed tree, the triggers that keep it current when the file is edited later, and
/// the extension's registration. Throws OutputError naming the file on failure.
void finish_tables(const std::string& path, const std::vector<TableTotals>& totals, std::vector<SpatialIndexJob>& jobs);

}  // namespace parkcap::report::detail
