#pragma once
// Writes small cities as real GIS files through GDAL, so loader tests read the
// same bytes a user's data would have: Shapefiles with .shx/.dbf/.prj/.cpg, a
// GeoPackage, GeoJSON, FlatGeobuf, CSV tables in UTF-8 or GBK.
//
// The canonical city is designed by hand in EPSG:4528 (CGCS2000 / 3-degree
// Gauss-Krüger zone 40, CM 120°E, zone-prefixed eastings) out of rectangles whose
// areas and centroids are written down as plain arithmetic, so tests compare the
// loader against values that never went through the loader. Writing it in another
// CRS transforms every vertex from EPSG:4528 with PROJ; the loader transforming
// them back must land on the same vertices.
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include <ogr_core.h>

namespace parkcap::test {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Origin of the design grid in EPSG:4528 (about 119.89°E, 32.44°N, near Taizhou).
inline constexpr double kE0 = 40'490'000.0;
inline constexpr double kN0 = 3'591'000.0;

/// One attribute column of a layer to write.
struct FieldDef {
    std::string name;
    OGRFieldType type = OFTString;
    int width = 0;  ///< 0: the driver's default
    int precision = 0;
};

/// One feature. Geometry is WKT in EPSG:4528 unless WriteOptions::wkt_epsg says
/// otherwise ("" writes no geometry); values are
/// text keyed by field name, converted to the field's type when written ("" or
/// absent leaves the field null). Dates are written as "YYYY-MM-DD".
struct FeatureData {
    std::string wkt;
    std::map<std::string, std::string> values;
};

struct LayerData {
    std::string name;
    OGRwkbGeometryType geometry_type = wkbPolygon;
    std::vector<FieldDef> fields;
    std::vector<FeatureData> features;

    FeatureData& feature(const std::string& field, const std::string& value);  ///< first with that value; throws
    void rename_field(const std::string& from, const std::string& to);
    void remove_field(const std::string& name);
    void set_field_type(const std::string& name, OGRFieldType type, int width = 0);
};

struct WriteOptions {
    /// CRS the file is written in; coordinates are transformed from EPSG:4528.
    /// 0 writes no CRS at all (a Shapefile without .prj).
    int epsg = 4528;
    /// GDAL layer creation options, e.g. "ENCODING=CP936" for a GBK Shapefile.
    std::vector<std::string> layer_options;
    /// CRS the features' WKT is written in (the design grid by default).
    int wkt_epsg = 4528;
};

/// GDAL driver short name → file extension: "ESRI Shapefile" → "shp", "GPKG" → "gpkg",
/// "GeoJSON" → "geojson", "FlatGeobuf" → "fgb".
std::string extension_of(const std::string& driver);

/// Writes `layers` into one data source at `path` (created; a GeoPackage that
/// exists is opened for update so it can take more layers). Throws std::runtime_error.
void write_layers(const std::string& path, const std::string& driver, const std::vector<LayerData>& layers,
                  const WriteOptions& options = {});
/// Writes `layer` to `<dir>/<layer.name>.<ext>` and returns that path.
std::string write_layer_file(const std::string& dir, const std::string& driver, const LayerData& layer,
                             const WriteOptions& options = {});

/// A WKT rectangle in EPSG:4528 given by offsets in metres from (kE0, kN0).
std::string rect_wkt(double x0, double y0, double x1, double y1);

// ---- the canonical city ------------------------------------------------------

struct ExpectedParcel {
    std::string parcel_id, district, land_use, status;
    std::string appr_date, supp_date, start_due, start_date, halt_date;  ///< ISO, "" for empty
    double dev_ratio = kNaN, inv_plan = kNaN, inv_done = kNaN, far = kNaN, coverage = kNaN, tax = kNaN,
           output = kNaN;
    std::string industry, enterprise;
    std::string wkt;                  ///< EPSG:4528
    double area_m2 = 0;               ///< by hand
    double centroid_e = 0, centroid_n = 0;  ///< area-weighted, EPSG:4528, by hand
    std::string park_id;              ///< park containing the centroid, "" for none
};

struct ExpectedPark {
    std::string park_id, name, level, district, themes;
    int chem_park = 0;
    std::string wkt;
    double area_m2 = 0;
};

struct ExpectedShore {
    std::string shore_id, zone;
    int port = 0;
    std::string wkt;
    double length_m = 0;
};

struct ExpectedProject {
    std::string project_id, name, industry, origin;
    double area_mu = 0, investment = 0, tax_expect = 0, tech = 0;
    int eia_ok = 0, needs_shore = 0, major = 0;
};

struct ExpectedQuota {
    std::string district, name;
    double quota_mu = 0;
};

struct CanonicalCity {
    std::vector<ExpectedPark> parks;
    std::vector<ExpectedShore> shoreline;
    std::vector<ExpectedParcel> parcels;
    std::vector<ExpectedProject> projects;
    std::vector<ExpectedQuota> quota;

    double total_parcel_area_m2() const;
    const ExpectedParcel& parcel(const std::string& id) const;
};

/// Two parks (one with a hole), three shoreline segments, twelve parcels (inside
/// each park, in the hole of one, between and beside them; an L-shape, one with a
/// hole, one multipolygon), three projects, three quota rows.
const CanonicalCity& canonical_city();

enum class DateStyle {
    Native,  ///< OFTDate fields (Shapefile D, GeoPackage DATE)
    Text,    ///< ISO strings (GeoJSON, CSV-like sources)
};

LayerData parks_layer();
LayerData shoreline_layer();
LayerData parcels_layer(DateStyle dates = DateStyle::Native);

enum class CsvEncoding { Utf8, Utf8Bom, Gbk };

/// The canonical tables as CSV text (UTF-8, CRLF line ends).
std::string projects_csv_utf8();
std::string quota_csv_utf8();
/// `utf8` in the requested encoding; GBK converted with iconv through CPLRecode (CP936).
std::string encode_text(const std::string& utf8, CsvEncoding encoding);
/// Writes `<dir>/projects.csv` and `<dir>/quota.csv`.
void write_tables(const std::string& dir, CsvEncoding encoding = CsvEncoding::Utf8);

/// The whole canonical city as a folder: parks, shoreline and parcels files in
/// `driver`, plus projects.csv and quota.csv. Creates `dir` if needed.
void write_city_folder(const std::string& dir, const std::string& driver, const WriteOptions& options = {},
                       CsvEncoding tables = CsvEncoding::Utf8);

}  // namespace parkcap::test
