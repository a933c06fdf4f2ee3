#include "shapefile.hpp"

#include <algorithm>
#include <cmath>

#include <cpl_string.h>
#include <fmt/format.h>

#include "common.hpp"

namespace sample_city {

namespace fs = std::filesystem;

ShapeWriter::ShapeWriter(const fs::path& dir, const char* name, const OGRSpatialReference& srs, OGRwkbGeometryType type,
                         const std::vector<FieldSpec>& fields) {
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("ESRI Shapefile");
    if (!driver) fail("GDAL has no ESRI Shapefile driver");
    const std::string path = (dir / (std::string(name) + ".shp")).string();
    if (fs::exists(path)) driver->Delete(path.c_str());
    ds_.reset(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds_) fail("cannot create " + path);
    char** options = nullptr;
    options = CSLSetNameValue(options, "ENCODING", "UTF-8");
    options = CSLSetNameValue(options, "DBF_DATE_LAST_UPDATE", "2026-01-01");  // byte-identical reruns
    OGRSpatialReference layer_srs(srs);  // GDAL 3.6 takes a non-const pointer
    layer_ = ds_->CreateLayer(name, &layer_srs, type, options);
    CSLDestroy(options);
    if (!layer_) fail("cannot create layer " + path);
    db_ = ds_.get();
    add_fields(fields, path);
    begin();
}

ShapeWriter::ShapeWriter(GDALDataset& gpkg, const char* name, const OGRSpatialReference& srs, OGRwkbGeometryType type,
                         const std::vector<FieldSpec>& fields)
    : db_(&gpkg) {
    OGRSpatialReference layer_srs(srs);
    layer_ = gpkg.CreateLayer(name, &layer_srs, type, nullptr);
    const std::string where = fmt::format("{}:{}", gpkg.GetDescription(), name);
    if (!layer_) fail("cannot create layer " + where);
    add_fields(fields, where);
    begin();
}

void ShapeWriter::add_fields(const std::vector<FieldSpec>& fields, const std::string& where) {
    for (const auto& f : fields) {
        OGRFieldDefn defn(f.name, f.type);
        if (f.width) defn.SetWidth(f.width);
        if (f.precision) defn.SetPrecision(f.precision);
        if (layer_->CreateField(&defn) != OGRERR_NONE) fail(fmt::format("cannot create field {} in {}", f.name, where));
    }
}

void ShapeWriter::write(OGRFeature& f) {
    if (layer_->CreateFeature(&f) != OGRERR_NONE) fail("cannot write a feature");
    if (++in_batch_ == 50000) {
        commit();
        begin();
    }
}

void ShapeWriter::finish() {
    if (!db_) return;
    commit();
    ds_.reset();
    db_ = nullptr;
}

void ShapeWriter::begin() {
    in_transaction_ = db_->StartTransaction() == OGRERR_NONE;
    in_batch_ = 0;
}

void ShapeWriter::commit() {
    if (in_transaction_ && db_->CommitTransaction() != OGRERR_NONE) fail("cannot commit a transaction");
    in_transaction_ = false;
}

DatasetPtr create_geopackage(const fs::path& path) {
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (!driver) fail("GDAL has no GPKG driver");
    if (fs::exists(path)) driver->Delete(path.string().c_str());
    // gpkg_contents.last_change and the metadata timestamps: fixed, so reruns are
    // byte-identical.
    CPLSetConfigOption("OGR_CURRENT_DATE", "2026-01-01T00:00:00.000Z");
    DatasetPtr ds(driver->Create(path.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) fail("cannot create " + path.string());
    return ds;
}

OGRLinearRing* make_ring(const std::vector<Pt>& pts, bool clockwise) {
    Ring r = pts;
    if ((signed_area(r) < 0) != clockwise) std::reverse(r.begin(), r.end());
    auto* ring = new OGRLinearRing();
    ring->setNumPoints(static_cast<int>(r.size() + 1));
    for (std::size_t i = 0; i <= r.size(); ++i) ring->setPoint(static_cast<int>(i), r[i % r.size()].x, r[i % r.size()].y);
    return ring;
}

void set_text(OGRFeature& f, const char* field, const std::string& v) {
    if (!v.empty()) f.SetField(field, v.c_str());
}
void set_real(OGRFeature& f, const char* field, double v) {
    if (!std::isnan(v)) f.SetField(field, v);
}
void set_date(OGRFeature& f, const char* field, Day d) {
    if (d == kNoDay) return;
    const Ymd c = civil_from_days(d);
    f.SetField(f.GetFieldIndex(field), c.y, static_cast<int>(c.m), static_cast<int>(c.d), 0, 0, 0.0f, 0);
}

std::string csv_field(const std::string& v) {
    if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
    std::string out = "\"";
    for (char ch : v) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return out + "\"";
}

}  // namespace sample_city
