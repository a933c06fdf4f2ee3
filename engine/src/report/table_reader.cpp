#include "table_reader.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "parkcap/core/error.hpp"
#include "parkcap/core/gdal.hpp"

namespace parkcap::report::detail {

namespace {

bool compatible(FieldDef::Type declared, OGRFieldType stored) {
    switch (declared) {
        case FieldDef::Text: return stored == OFTString;
        case FieldDef::Integer:
        case FieldDef::Integer64: return stored == OFTInteger || stored == OFTInteger64;
        case FieldDef::Real: return stored == OFTReal || stored == OFTInteger || stored == OFTInteger64;
        case FieldDef::Date: return stored == OFTDate || stored == OFTDateTime || stored == OFTString;
    }
    return false;
}

const char* type_name(FieldDef::Type t) {
    switch (t) {
        case FieldDef::Text: return "text";
        case FieldDef::Integer:
        case FieldDef::Integer64: return "an integer";
        case FieldDef::Real: return "a number";
        case FieldDef::Date: return "a date";
    }
    return "?";
}

}  // namespace

// ---- FeatureRow ---------------------------------------------------------------------

bool FeatureRow::is_set(int i) const { return i >= 0 && f_.IsFieldSetAndNotNull(i); }

std::string FeatureRow::text(int i) const { return is_set(i) ? f_.GetFieldAsString(i) : std::string(); }

std::optional<int64_t> FeatureRow::integer(int i) const {
    if (!is_set(i)) return std::nullopt;
    return static_cast<int64_t>(f_.GetFieldAsInteger64(i));
}

double FeatureRow::real(int i, double if_null) const { return is_set(i) ? f_.GetFieldAsDouble(i) : if_null; }

Date FeatureRow::date(int i) const {
    if (!is_set(i)) return Date{};
    return parse_date(f_.GetFieldAsString(i), {"%Y-%m-%d", "%Y/%m/%d"}).value_or(Date{});
}

int64_t FeatureRow::fid() const { return f_.GetFID(); }

namespace {
void append_polygon(const OGRPolygon& polygon, geom::MultiPolygonColumn& into, std::vector<geom::Point>& ring) {
    into.begin_polygon();
    for (const OGRLinearRing* r : polygon) {
        ring.clear();
        for (const OGRPoint& p : *r) ring.push_back({p.getX(), p.getY()});
        into.add_ring(ring);
    }
}
}  // namespace

bool FeatureRow::append_polygons(geom::MultiPolygonColumn& into) const {
    into.begin_feature();
    const OGRGeometry* g = f_.GetGeometryRef();
    std::vector<geom::Point> ring;
    bool any = false;
    if (g && !g->IsEmpty()) {
        const OGRwkbGeometryType type = wkbFlatten(g->getGeometryType());
        if (type == wkbPolygon) {
            append_polygon(*g->toPolygon(), into, ring);
            any = true;
        } else if (type == wkbMultiPolygon) {
            for (const OGRPolygon* p : *g->toMultiPolygon()) append_polygon(*p, into, ring);
            any = true;
        }
    }
    into.end_feature();
    return any;
}

// ---- LayerReader ----------------------------------------------------------------------

LayerReader::LayerReader(OGRLayer& layer, const TableSchema& schema, std::string where, std::string kind, std::string hint)
    : layer_(layer), schema_(schema), where_(std::move(where)), kind_(std::move(kind)), hint_(std::move(hint)) {}

int LayerReader::find(std::string_view name, bool required) const {
    const FieldDef& declared = schema_.fields[static_cast<std::size_t>(schema_.index(name))];
    OGRFeatureDefn* defn = layer_.GetLayerDefn();
    const int i = defn->GetFieldIndex(declared.name.c_str());
    if (i < 0) {
        if (!required) return -1;
        throw DataError(fmt::format("{}: has no field '{}'; is it {}?", where_, declared.name, kind_), hint_);
    }
    const OGRFieldType stored = defn->GetFieldDefn(i)->GetType();
    if (!compatible(declared.type, stored))
        throw DataError(fmt::format("{}: field '{}' holds {}; expected {}", where_, declared.name,
                                    OGRFieldDefn::GetFieldTypeName(stored), type_name(declared.type)),
                        hint_);
    return i;
}

int LayerReader::field(std::string_view name) const { return find(name, true); }

int LayerReader::field_if_present(std::string_view name) const { return find(name, false); }

int64_t LayerReader::feature_count() const { return layer_.GetFeatureCount(); }

void LayerReader::for_each(const std::function<void(const FeatureRow&)>& each) {
    layer_.ResetReading();
    for (auto& f : layer_) each(FeatureRow(*f));
}

// ---- GpkgReader -----------------------------------------------------------------------

struct GpkgReader::Dataset {
    GDALDatasetUniquePtr ds;
};

GpkgReader::GpkgReader(std::string path, std::string kind, std::string hint)
    : path_(std::move(path)), kind_(std::move(kind)), hint_(std::move(hint)), ds_(std::make_unique<Dataset>()) {
    register_gdal_drivers();
    ds_->ds.reset(GDALDataset::Open(path_.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds_->ds) throw InputError(fmt::format("{}: cannot be opened as a GeoPackage", path_));
}

GpkgReader::~GpkgReader() = default;

LayerReader GpkgReader::layer(const TableSchema& schema) {
    OGRLayer* l = ds_->ds->GetLayerByName(schema.name.c_str());
    if (!l) throw DataError(fmt::format("{}: has no layer '{}'; is it {}?", path_, schema.name, kind_), hint_);
    return LayerReader(*l, schema, fmt::format("{}:{}", path_, schema.name), kind_, hint_);
}

}  // namespace parkcap::report::detail
