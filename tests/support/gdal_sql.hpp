#pragma once
// One-value SQL queries on a GDAL dataset (a GeoPackage's own tables: R-tree,
// gpkg_* metadata, counts), for tests that check what a file holds beyond its
// features.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

namespace parkcap::test {

/// The first column of the first row as an integer; -1 when there is no row.
inline int64_t sql_integer(GDALDataset& ds, const std::string& sql) {
    OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    REQUIRE(result != nullptr);
    OGRFeatureUniquePtr row(result->GetNextFeature());
    const int64_t value = row ? row->GetFieldAsInteger64(0) : -1;
    row.reset();
    ds.ReleaseResultSet(result);
    return value;
}

/// The first column of the first row as text; "" when there is no row.
inline std::string sql_text(GDALDataset& ds, const std::string& sql) {
    OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    REQUIRE(result != nullptr);
    OGRFeatureUniquePtr row(result->GetNextFeature());
    const std::string value = row ? row->GetFieldAsString(0) : "";
    row.reset();
    ds.ReleaseResultSet(result);
    return value;
}

}  // namespace parkcap::test
