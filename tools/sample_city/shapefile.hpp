#pragma once
// Writing the sample's files: Shapefile layers through GDAL (UTF-8 .cpg, a fixed
// DBF header date, so reruns are byte-identical) and CSV fields.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "calendar.hpp"
#include "planar.hpp"

namespace sample_city {

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

struct FieldSpec {
    const char* name;
    OGRFieldType type;
    int width, precision;
};

/// A Shapefile layer in OUT_DIR: UTF-8 (.cpg), fixed DBF date, given fields; or a
/// layer of an open GeoPackage (which stays open for the next layer).
class ShapeWriter {
public:
    ShapeWriter(const std::filesystem::path& dir, const char* name, const OGRSpatialReference& srs, OGRwkbGeometryType type,
                const std::vector<FieldSpec>& fields);
    ShapeWriter(GDALDataset& gpkg, const char* name, const OGRSpatialReference& srs, OGRwkbGeometryType type,
                const std::vector<FieldSpec>& fields);
    ~ShapeWriter() { finish(); }
    ShapeWriter(const ShapeWriter&) = delete;
    ShapeWriter& operator=(const ShapeWriter&) = delete;

    OGRFeatureDefn* defn() { return layer_->GetLayerDefn(); }
    /// Outer rings clockwise in a Shapefile (its rule); counter-clockwise in a
    /// GeoPackage (the simple-features rule).
    bool outer_clockwise() const { return ds_ != nullptr; }

    /// Writes a feature; commits every 50,000 (for drivers with transactions,
    /// e.g. when this is pointed at a GeoPackage; Shapefiles have none).
    void write(OGRFeature& f);
    void finish();

private:
    void add_fields(const std::vector<FieldSpec>& fields, const std::string& where);
    void begin();
    void commit();
    DatasetPtr ds_;           ///< owned (a Shapefile)
    GDALDataset* db_ = nullptr;  ///< where the layer is: ds_, or the borrowed GeoPackage
    OGRLayer* layer_ = nullptr;
    bool in_transaction_ = false;
    int in_batch_ = 0;
};

/// A GeoPackage at `path` (replacing any file there), written so that the same
/// content gives the same bytes: its timestamps are pinned (OGR_CURRENT_DATE).
DatasetPtr create_geopackage(const std::filesystem::path& path);

/// A Shapefile polygon ring: outer rings clockwise, holes counter-clockwise (the
/// Shapefile rule), closed.
OGRLinearRing* make_ring(const std::vector<Pt>& pts, bool clockwise);

/// Field setters that leave the field empty for "no value" (empty text, NaN, kNoDay).
void set_text(OGRFeature& f, const char* field, const std::string& v);
void set_real(OGRFeature& f, const char* field, double v);
void set_date(OGRFeature& f, const char* field, Day d);

/// One CSV field, quoted when it holds a comma, quote or line break.
std::string csv_field(const std::string& v);

}  // namespace sample_city
