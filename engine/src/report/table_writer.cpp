#include "parkcap/report/table_writer.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <filesystem>
#include <optional>
#include <system_error>

#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <fmt/format.h>

#include "parkcap/core/error.hpp"
#include "parkcap/core/gdal.hpp"
#include "gpkg_rtree.hpp"
#include "parkcap/report/issues_csv.hpp"

namespace parkcap::report {

namespace {

// Large enough that SQLite's per-commit cost (a journal sync) vanishes, small enough
// that the rollback journal of one batch stays a few tens of MB.
constexpr int64_t kRowsPerTransaction = 100'000;

constexpr const char* kHint = "is the disk full, or the folder read-only?";

std::string gdal_message() {
    const char* m = CPLGetLastErrorMsg();
    return (m && *m) ? m : "GDAL gave no reason";
}

OGRFieldType ogr_type(FieldDef::Type type) {
    switch (type) {
        case FieldDef::Text: return OFTString;
        case FieldDef::Integer: return OFTInteger;
        case FieldDef::Integer64: return OFTInteger64;
        case FieldDef::Real: return OFTReal;
        case FieldDef::Date: return OFTDate;
    }
    return OFTString;
}

OGRwkbGeometryType ogr_geometry(GeometryType type) {
    switch (type) {
        case GeometryType::None: return wkbNone;
        case GeometryType::Polygon:
        case GeometryType::MultiPolygon: return wkbMultiPolygon;
        case GeometryType::LineString: return wkbLineString;
        case GeometryType::MultiLineString: return wkbMultiLineString;
        case GeometryType::Point: return wkbPoint;
    }
    return wkbUnknown;
}

template <class Curve>
std::unique_ptr<Curve> make_curve(std::span<const geom::Point> points) {
    auto curve = std::make_unique<Curve>();
    curve->setNumPoints(static_cast<int>(points.size()), FALSE);
    for (std::size_t i = 0; i < points.size(); ++i) curve->setPoint(static_cast<int>(i), points[i].x, points[i].y);
    return curve;
}

}  // namespace

struct GpkgWriter::Impl {
    class Layer;

    std::string path;  // the target, for messages
    OGRSpatialReference srs;
    GDALDatasetUniquePtr dataset;
    std::vector<std::unique_ptr<Layer>> layers;
    bool in_transaction = false;
    int64_t rows_in_transaction = 0;

    [[noreturn]] void fail(const std::string& layer, const std::string& what) const {
        throw OutputError(fmt::format("{}{}{}: {}: {}", path, layer.empty() ? "" : ":", layer, what, gdal_message()), kHint);
    }

    // Rows are written in batches of one transaction each; anything else (creating a
    // layer, running SQL, closing) first ends the open batch.
    void begin_row() {
        if (in_transaction) return;
        CPLErrorReset();
        if (dataset->StartTransaction() != OGRERR_NONE) fail("", "cannot start a transaction");
        in_transaction = true;
        rows_in_transaction = 0;
    }
    void row_written() {
        if (++rows_in_transaction >= kRowsPerTransaction) end_transaction();
    }
    void end_transaction() {
        if (!in_transaction) return;
        in_transaction = false;
        CPLErrorReset();
        if (dataset->CommitTransaction() != OGRERR_NONE) fail("", "cannot commit the rows written");
    }
};

/// One GeoPackage layer: a single OGRFeature is filled, written and reset per row, so
/// the only per-row cost beyond OGR's own is building the OGR geometry. Each row's box
/// is kept for the spatial index, which is built in one pass at the end.
class GpkgWriter::Impl::Layer final : public RowSink {
public:
    Layer(Impl& owner, OGRLayer& layer, std::string name, std::string fid_column)
        : owner_(owner), layer_(layer), name_(std::move(name)), geometry_(layer.GetGeomType()),
          feature_(OGRFeature::CreateFeature(layer.GetLayerDefn())) {
        index_.table = name_;
        index_.geometry_column = kGeometryColumn;
        index_.fid_column = std::move(fid_column);
        for (int i = 0; i < feature_->GetFieldCount(); ++i) {
            const OGRFieldDefn* defn = feature_->GetFieldDefnRef(i);
            text_width_.push_back(defn->GetType() == OFTString ? defn->GetWidth() : 0);
        }
    }

    void set_text(int i, std::string_view v) override {
        check(i);
        text_.assign(v);  // OGR wants a NUL-terminated string
        if (text_width_[i] > 0 && CPLStrlenUTF8(text_.c_str()) > text_width_[i]) over_width_ = true;
        feature_->SetField(i, text_.c_str());
    }
    void set_int(int i, int64_t v) override {
        check(i);
        feature_->SetField(i, static_cast<GIntBig>(v));
    }
    void set_real(int i, double v) override {
        check(i);
        if (std::isfinite(v)) feature_->SetField(i, v);
        else feature_->SetFieldNull(i);
    }
    void set_date(int i, Date v) override {
        check(i);
        if (v.is_null()) feature_->UnsetField(i);
        else feature_->SetField(i, v.year(), static_cast<int>(v.month()), static_cast<int>(v.day()));
    }
    void set_null(int i) override {
        check(i);
        feature_->SetFieldNull(i);
    }

    void set_polygon(const geom::MultiPolygonColumn& column, std::size_t f) override {
        assert(geometry_ == wkbMultiPolygon && "set_polygon on a layer that is not a polygon layer");
        auto multi = std::make_unique<OGRMultiPolygon>();
        for (std::size_t k = 0; k < column.polygon_count(f); ++k) {
            auto polygon = std::make_unique<OGRPolygon>();
            for (std::size_t r = column.ring_begin(f, k); r < column.ring_end(f, k); ++r)
                polygon->addRingDirectly(make_curve<OGRLinearRing>(column.ring(r)).release());
            multi->addGeometryDirectly(polygon.release());
        }
        feature_->SetGeometryDirectly(multi.release());
    }
    void set_line(std::span<const geom::Point> line) override {
        if (geometry_ == wkbLineString) {
            feature_->SetGeometryDirectly(make_curve<OGRLineString>(line).release());
        } else {
            assert(geometry_ == wkbMultiLineString && "set_line on a layer that is not a line layer");
            auto multi = std::make_unique<OGRMultiLineString>();  // the layer's declared type, always
            multi->addGeometryDirectly(make_curve<OGRLineString>(line).release());
            feature_->SetGeometryDirectly(multi.release());
        }
    }
    void set_lines(std::span<const std::vector<geom::Point>> parts) override {
        if (geometry_ == wkbLineString) {
            assert(parts.size() == 1 && "a LineString layer takes exactly one part; declare it MultiLineString");
            if (!parts.empty()) set_line(parts.front());
            return;
        }
        assert(geometry_ == wkbMultiLineString && "set_lines on a layer that is not a line layer");
        auto multi = std::make_unique<OGRMultiLineString>();
        for (const auto& part : parts) multi->addGeometryDirectly(make_curve<OGRLineString>(part).release());
        feature_->SetGeometryDirectly(multi.release());
    }
    void set_point(geom::Point p) override {
        assert(geometry_ == wkbPoint && "set_point on a layer that is not a point layer");
        feature_->SetGeometryDirectly(new OGRPoint(p.x, p.y));
    }

    void commit_row() override {
        owner_.begin_row();
        CPLErrorReset();
        OGRErr written;
        if (over_width_) {
            // A text longer than its declared width is stored whole; GDAL would print a
            // warning for every such row, flooding the terminal on a million parcels.
            // Failures still come through the return code and CPLGetLastErrorMsg().
            CPLPushErrorHandler(CPLQuietErrorHandler);
            written = layer_.CreateFeature(feature_.get());
            CPLPopErrorHandler();
            over_width_ = false;
        } else {
            written = layer_.CreateFeature(feature_.get());
        }
        if (written != OGRERR_NONE) owner_.fail(name_, fmt::format("cannot write row {}", rows_ + 1));
        if (const OGRGeometry* g = feature_->GetGeometryRef(); g && !g->IsEmpty()) {
            OGREnvelope box;
            g->getEnvelope(&box);
            index_.entries.push_back({feature_->GetFID(), detail::rtree_value_down(box.MinX), detail::rtree_value_up(box.MaxX),
                                      detail::rtree_value_down(box.MinY), detail::rtree_value_up(box.MaxY)});
        }
        feature_->Reset();
        ++rows_;
        owner_.row_written();
    }

    bool spatial() const { return geometry_ != wkbNone; }
    /// The rows' boxes, handed over once the rows are written.
    detail::SpatialIndexJob take_index() { return std::move(index_); }

private:
    void check([[maybe_unused]] int i) const {
        assert(i >= 0 && i < feature_->GetFieldCount() && "field index out of range");
    }

    Impl& owner_;
    OGRLayer& layer_;
    std::string name_;
    OGRwkbGeometryType geometry_;
    OGRFeatureUniquePtr feature_;
    std::vector<int> text_width_;  ///< declared width of each text field, 0 for none
    bool over_width_ = false;      ///< this row holds a text longer than its field's width
    std::string text_;
    int64_t rows_ = 0;
    detail::SpatialIndexJob index_;
};

GpkgWriter::GpkgWriter(const std::string& path, int epsg, std::size_t expected_rows)
    : out_(path), impl_(std::make_unique<Impl>()) {
    impl_->path = path;
    register_gdal_drivers();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (!driver) throw OutputError(fmt::format("{}: cannot write: this GDAL has no GPKG driver", path), "install GDAL with SQLite support");
    CPLErrorReset();
    if (impl_->srs.importFromEPSG(epsg) != OGRERR_NONE)
        throw OutputError(fmt::format("{}: cannot write: EPSG:{} is not a CRS that PROJ knows: {}", path, epsg, gdal_message()));
    // x = easting / longitude, as the engine's Points are.
    impl_->srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    CPLErrorReset();
    {
        // The page size must be set before GDAL creates the GeoPackage's first table,
        // so through the option GDAL applies when it opens the new file (this thread
        // only, laid over any PRAGMAs the user set).
        std::string pragmas;
        if (expected_rows >= kLargePageRows) {
            const char* user = CPLGetConfigOption("OGR_SQLITE_PRAGMA", nullptr);
            // First: once anything is written to the file the page size is fixed.
            pragmas = user && *user ? "page_size=65536," + std::string(user) : "page_size=65536";
        }
        const char* own = CPLGetThreadLocalConfigOption("OGR_SQLITE_PRAGMA", nullptr);
        const std::optional<std::string> before = own ? std::optional<std::string>(own) : std::nullopt;
        if (!pragmas.empty()) CPLSetThreadLocalConfigOption("OGR_SQLITE_PRAGMA", pragmas.c_str());
        impl_->dataset.reset(driver->Create(out_.temp_path().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!pragmas.empty()) CPLSetThreadLocalConfigOption("OGR_SQLITE_PRAGMA", before ? before->c_str() : nullptr);
    }
    if (!impl_->dataset) impl_->fail("", "cannot create a GeoPackage");
}

GpkgWriter::~GpkgWriter() {
    if (!impl_->dataset) return;  // committed, or commit() failed after closing
    impl_->layers.clear();
    if (impl_->in_transaction) impl_->dataset->RollbackTransaction();
    impl_->dataset.reset();
    // SQLite's side files, should a crash have left any; out_ then removes the file itself.
    for (const char* suffix : {"-journal", "-wal", "-shm"}) {
        std::error_code ec;
        std::filesystem::remove(out_.temp_path() + suffix, ec);
    }
}

RowSink& GpkgWriter::add_layer(const std::string& name, GeometryType geometry, const std::vector<FieldDef>& fields,
                               const std::string& description) {
    assert(impl_->dataset && "add_layer after commit");
    impl_->end_transaction();
    CPLStringList options;
    // The key column is "fid" as QGIS expects, unless the table has a field of that
    // name (the rejects report's source feature number): GDAL would take that field
    // for the key, and two rows about one feature would then collide.
    const bool fid_is_a_field =
        std::any_of(fields.begin(), fields.end(), [](const FieldDef& f) { return EQUAL(f.name.c_str(), "fid"); });
    const std::string fid_column = fid_is_a_field ? "row_id" : "fid";
    options.SetNameValue("FID", fid_column.c_str());
    options.SetNameValue("GEOMETRY_NAME", kGeometryColumn);
    // The spatial index is built in one pass when the file is committed (gpkg_rtree.hpp):
    // GDAL 3.6 would insert the boxes into SQLite's R-tree one at a time.
    options.SetNameValue("SPATIAL_INDEX", "NO");
    if (!description.empty()) options.SetNameValue("DESCRIPTION", description.c_str());
    const bool spatial = geometry != GeometryType::None;
    CPLErrorReset();
    OGRLayer* layer = impl_->dataset->CreateLayer(name.c_str(), spatial ? &impl_->srs : nullptr, ogr_geometry(geometry),
                                                  options.List());
    if (!layer) impl_->fail(name, "cannot create the layer");
    for (const auto& f : fields) {
        OGRFieldDefn defn(f.name.c_str(), ogr_type(f.type));
        defn.SetWidth(f.width);
        defn.SetPrecision(f.precision);
        // bApproxOK = FALSE: a field GDAL would rename or retype is an error, because
        // rows address fields by their index in `fields`.
        CPLErrorReset();
        if (layer->CreateField(&defn, FALSE) != OGRERR_NONE) impl_->fail(name, fmt::format("cannot create field '{}'", f.name));
    }
    // OGR defers creating the table to the first row, which would put it inside a row
    // batch: a rollback would then undo the table behind GDAL's back. Create it now.
    CPLErrorReset();
    if (layer->SyncToDisk() != OGRERR_NONE) impl_->fail(name, "cannot create the layer");
    impl_->layers.push_back(std::make_unique<Impl::Layer>(*impl_, *layer, name, fid_column));
    return *impl_->layers.back();
}

void GpkgWriter::execute_sql(const std::string& sql) {
    assert(impl_->dataset && "execute_sql after commit");
    impl_->end_transaction();
    CPLErrorReset();
    // No dialect: the GPKG driver hands the statement to SQLite itself.
    OGRLayer* result = impl_->dataset->ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (result) impl_->dataset->ReleaseResultSet(result);
    if (CPLGetLastErrorType() >= CE_Failure)
        impl_->fail("", fmt::format("SQL failed ({}{})", sql.substr(0, 60), sql.size() > 60 ? "..." : ""));
}

void GpkgWriter::commit() {
    assert(impl_->dataset && "commit twice");
    impl_->end_transaction();
    std::vector<detail::SpatialIndexJob> indexes;
    for (auto& layer : impl_->layers)
        if (layer->spatial()) indexes.push_back(layer->take_index());
    impl_->layers.clear();  // their features go before the dataset does
    // Closing writes what OGR deferred; GDAL 3.6 reports a failure there only
    // through the error state.
    CPLErrorReset();
    impl_->dataset.reset();
    if (CPLGetLastErrorType() >= CE_Failure) impl_->fail("", "cannot finish the file");
    detail::build_spatial_indexes(out_.temp_path(), indexes);
    out_.commit();
}

int TableSchema::index(std::string_view field) const {
    for (std::size_t i = 0; i < fields.size(); ++i)
        if (fields[i].name == field) return static_cast<int>(i);
    throw std::logic_error(fmt::format("table {} has no field '{}'", name, field));
}

// --- CSV ---------------------------------------------------------------------------

CsvWriter::CsvWriter(const std::string& dir, const std::string& name, const std::vector<FieldDef>& fields)
    : CsvWriter(File{}, (std::filesystem::path(dir) / (name + ".csv")).string(), fields) {}

CsvWriter CsvWriter::to_file(const std::string& path, const std::vector<FieldDef>& fields) {
    return CsvWriter(File{}, path, fields);
}

CsvWriter::CsvWriter(File, const std::string& path, const std::vector<FieldDef>& fields)
    : out_(path), fields_(fields), cells_(fields.size()) {
    file_.open(out_.temp_path(), std::ios::binary);
    if (!file_) throw OutputError(fmt::format("{}: cannot be written", out_.target()), kHint);
    line_ = "\xEF\xBB\xBF";  // the BOM tells Excel the file is UTF-8
    for (std::size_t i = 0; i < fields.size(); ++i) cells_[i] = csv_field(fields[i].name);
    write_line();
}

void CsvWriter::set_text(int i, std::string_view v) { cells_.at(i) = csv_field(std::string(v)); }

void CsvWriter::set_int(int i, int64_t v) { cells_.at(i) = fmt::to_string(v); }

void CsvWriter::set_real(int i, double v) {
    auto& cell = cells_.at(i);
    if (!std::isfinite(v)) {
        cell.clear();
        return;
    }
    if (v == 0) v = 0;  // no "-0" in a spreadsheet
    // fmt ignores the locale unless asked: always '.', never a thousands separator.
    const int digits = fields_[i].precision;
    cell = digits > 0 ? fmt::format("{:.{}f}", v, digits) : fmt::format("{}", v);
}

void CsvWriter::set_date(int i, Date v) { cells_.at(i) = v.iso(); }

void CsvWriter::set_null(int i) { cells_.at(i).clear(); }

void CsvWriter::commit_row() { write_line(); }

void CsvWriter::write_line() {
    for (std::size_t i = 0; i < cells_.size(); ++i) {
        if (i) line_ += ',';
        line_ += cells_[i];
        cells_[i].clear();
    }
    line_ += "\r\n";
    file_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
    line_.clear();
    if (!file_) throw OutputError(fmt::format("{}: write failed", out_.target()), kHint);
}

void CsvWriter::commit() {
    file_.close();
    if (file_.fail()) throw OutputError(fmt::format("{}: write failed", out_.target()), kHint);
    out_.commit();
}

}  // namespace parkcap::report
