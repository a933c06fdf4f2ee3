#include "parkcap/report/table_writer.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <limits>
#include <optional>
#include <system_error>

#include <sqlite3.h>

#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <fmt/format.h>

#include "parkcap/core/error.hpp"
#include "parkcap/core/gdal.hpp"
#include "gpkg_blob.hpp"
#include "gpkg_rows.hpp"
#include "gpkg_rtree.hpp"
#include "parkcap/report/issues_csv.hpp"

namespace parkcap::report {

namespace {

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

}  // namespace

struct GpkgWriter::Impl {
    class Layer;

    std::string path;  // the target, for messages
    OGRSpatialReference srs;
    GDALDatasetUniquePtr dataset;
    sqlite3* db = nullptr;  // GDAL's own connection to the file, for the rows
    std::vector<std::unique_ptr<Layer>> layers;
    Layer* filling = nullptr;  // the layer whose rows are being inserted, if any

    [[noreturn]] void fail(const std::string& layer, const std::string& what) const {
        throw OutputError(fmt::format("{}{}{}: {}: {}", path, layer.empty() ? "" : ":", layer, what, gdal_message()), kHint);
    }

    /// Ends the rows of the layer being filled (its inserts done and committed), so
    /// that GDAL may use the connection again.
    void settle();
};

/// One GeoPackage layer. GDAL creates the table and its metadata; the rows go in
/// through a prepared INSERT on GDAL's connection (detail::TableInserter), their
/// values and GeoPackage geometry blobs encoded here, on the caller's thread, while
/// a second thread inserts the rows before them. Each row's box is kept for the
/// spatial index, built in one pass at the end, and for the layer's extent.
class GpkgWriter::Impl::Layer final : public RowSink {
public:
    Layer(Impl& owner, OGRLayer& layer, std::string name)
        : owner_(owner), name_(std::move(name)), geometry_(layer.GetGeomType()) {
        const OGRFeatureDefn& defn = *layer.GetLayerDefn();
        std::vector<std::string> columns{layer.GetFIDColumn()};
        if (spatial()) {
            columns.emplace_back(layer.GetGeometryColumn());
            srs_id_ = query_srs_id();
        }
        first_field_ = columns.size();
        for (int i = 0; i < defn.GetFieldCount(); ++i) {
            columns.emplace_back(defn.GetFieldDefn(i)->GetNameRef());
            types_.push_back(defn.GetFieldDefn(i)->GetType());
        }
        index_.table = name_;
        index_.geometry_column = columns[1];
        index_.fid_column = columns[0];
        inserter_ = std::make_unique<detail::TableInserter>(owner.db, owner.path + ":" + name_, name_, columns);
    }

    void set_text(int i, std::string_view v) override {
        // OGR took a NUL-terminated copy: a text ends at its first NUL.
        if (const void* nul = std::memchr(v.data(), '\0', v.size())) v = v.substr(0, static_cast<const char*>(nul) - v.data());
        inserter_->set_bytes(column(i), detail::Cell::Text, [v](std::string& out) { out.append(v); });
    }
    void set_int(int i, int64_t v) override {
        detail::Cell& cell = inserter_->value(column(i));
        switch (types_[static_cast<std::size_t>(i)]) {
            case OFTInteger:
                // OGR clamps what a 32-bit field cannot hold.
                cell.kind = detail::Cell::Int;
                cell.integer = std::clamp<int64_t>(v, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max());
                break;
            case OFTReal:
                cell.kind = detail::Cell::Real;
                cell.real = static_cast<double>(v);
                break;
            default:
                assert(types_[static_cast<std::size_t>(i)] == OFTInteger64 && "set_int on a field that is not a number");
                cell.kind = detail::Cell::Int;
                cell.integer = v;
        }
    }
    void set_real(int i, double v) override {
        assert(types_[static_cast<std::size_t>(i)] == OFTReal && "set_real on a field that is not real");
        detail::Cell& cell = inserter_->value(column(i));
        if (!std::isfinite(v)) {
            cell = {};
            return;
        }
        cell.kind = detail::Cell::Real;
        cell.real = v;
    }
    void set_date(int i, Date v) override {
        assert(types_[static_cast<std::size_t>(i)] == OFTDate && "set_date on a field that is not a date");
        if (v.is_null()) {
            inserter_->value(column(i)) = {};
            return;
        }
        // As GDAL's GeoPackage driver writes a date.
        inserter_->set_bytes(column(i), detail::Cell::Text, [v](std::string& out) {
            fmt::format_to(std::back_inserter(out), "{:04}-{:02}-{:02}", v.year(), v.month(), v.day());
        });
    }
    void set_null(int i) override { inserter_->value(column(i)) = {}; }

    void set_polygon(const geom::MultiPolygonColumn& column, std::size_t f) override {
        assert(geometry_ == wkbMultiPolygon && "set_polygon on a layer that is not a polygon layer");
        set_geometry([&](std::string& out) { return detail::append_gpkg_multipolygon(out, srs_id_, column, f); });
    }
    void set_line(std::span<const geom::Point> line) override {
        if (geometry_ == wkbLineString) {
            set_geometry([&](std::string& out) { return detail::append_gpkg_linestring(out, srs_id_, line); });
        } else {
            assert(geometry_ == wkbMultiLineString && "set_line on a layer that is not a line layer");
            // The layer's declared type, always.
            const std::vector<std::vector<geom::Point>> parts{std::vector<geom::Point>(line.begin(), line.end())};
            set_lines(parts);
        }
    }
    void set_lines(std::span<const std::vector<geom::Point>> parts) override {
        if (geometry_ == wkbLineString) {
            assert(parts.size() == 1 && "a LineString layer takes exactly one part; declare it MultiLineString");
            if (!parts.empty()) set_line(parts.front());
            return;
        }
        assert(geometry_ == wkbMultiLineString && "set_lines on a layer that is not a line layer");
        set_geometry([&](std::string& out) { return detail::append_gpkg_multilinestring(out, srs_id_, parts); });
    }
    void set_point(geom::Point p) override {
        assert(geometry_ == wkbPoint && "set_point on a layer that is not a point layer");
        set_geometry([&](std::string& out) { return detail::append_gpkg_point(out, srs_id_, p); });
    }

    void commit_row() override {
        if (owner_.filling != this) {
            owner_.settle();
            owner_.filling = this;
        }
        const int64_t fid = inserter_->rows() + 1;
        if (has_box_) {
            index_.entries.push_back({fid, detail::rtree_value_down(box_.min_x), detail::rtree_value_up(box_.max_x),
                                      detail::rtree_value_down(box_.min_y), detail::rtree_value_up(box_.max_y)});
            extent_.expand(box_);
            has_box_ = false;
        }
        inserter_->end_row();
    }

    /// Inserts the rows still pending; throws OutputError if any failed.
    void finish() { inserter_->finish(); }

    bool spatial() const { return geometry_ != wkbNone; }
    detail::TableTotals totals() const {
        return {name_, inserter_->rows(), spatial(), extent_.min_x, extent_.min_y, extent_.max_x, extent_.max_y};
    }
    /// The rows' boxes, handed over once the rows are written.
    detail::SpatialIndexJob take_index() { return std::move(index_); }

private:
    std::size_t column(int field) const {
        assert(field >= 0 && static_cast<std::size_t>(field) < types_.size() && "field index out of range");
        return first_field_ + static_cast<std::size_t>(field);
    }

    template <class Encode>
    void set_geometry(Encode encode) {
        geom::Box box;
        inserter_->set_bytes(1, detail::Cell::Blob, [&](std::string& out) { box = encode(out); });
        // A geometry without points has no box: no index entry, no extent (as GDAL).
        has_box_ = !box.is_empty();
        box_ = box;
    }

    int32_t query_srs_id() const {
        // The layer's srs_id goes into every blob: the one GDAL registered it with.
        sqlite3_stmt* st = nullptr;
        int32_t id = -1;
        if (sqlite3_prepare_v2(owner_.db, "SELECT srs_id FROM gpkg_geometry_columns WHERE lower(table_name) = lower(?)", -1,
                               &st, nullptr) == SQLITE_OK) {
            sqlite3_bind_text(st, 1, name_.c_str(), -1, SQLITE_TRANSIENT);
            if (sqlite3_step(st) == SQLITE_ROW) id = sqlite3_column_int(st, 0);
        }
        sqlite3_finalize(st);
        if (id < 0) owner_.fail(name_, "cannot find the layer's CRS in gpkg_geometry_columns");
        return id;
    }

    Impl& owner_;
    std::string name_;
    OGRwkbGeometryType geometry_;
    int32_t srs_id_ = 0;
    std::size_t first_field_ = 1;    ///< the column of field 0 (after the fid, and the geometry)
    std::vector<OGRFieldType> types_;
    bool has_box_ = false;           ///< this row's geometry has a box
    geom::Box box_;
    geom::Box extent_ = geom::Box::empty();
    detail::SpatialIndexJob index_;
    std::unique_ptr<detail::TableInserter> inserter_;
};

void GpkgWriter::Impl::settle() {
    if (filling) {
        Layer* layer = filling;
        filling = nullptr;
        layer->finish();
    }
}

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
    impl_->db = static_cast<sqlite3*>(impl_->dataset->GetInternalHandle("SQLITE_HANDLE"));
    if (!impl_->db) impl_->fail("", "this GDAL does not give access to the GeoPackage's SQLite connection");
}

GpkgWriter::~GpkgWriter() {
    if (!impl_->dataset) return;  // committed, or commit() failed after closing
    impl_->filling = nullptr;
    impl_->layers.clear();  // their inserts stopped and rolled back, before GDAL closes the connection
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
    impl_->settle();
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
    // OGR defers creating the table to its first row, which never comes through OGR
    // here: the rows are inserted into the table directly. Create it now.
    CPLErrorReset();
    if (layer->SyncToDisk() != OGRERR_NONE) impl_->fail(name, "cannot create the layer");
    impl_->layers.push_back(std::make_unique<Impl::Layer>(*impl_, *layer, name));
    return *impl_->layers.back();
}

void GpkgWriter::execute_sql(const std::string& sql) {
    assert(impl_->dataset && "execute_sql after commit");
    impl_->settle();
    CPLErrorReset();
    // No dialect: the GPKG driver hands the statement to SQLite itself.
    OGRLayer* result = impl_->dataset->ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (result) impl_->dataset->ReleaseResultSet(result);
    if (CPLGetLastErrorType() >= CE_Failure)
        impl_->fail("", fmt::format("SQL failed ({}{})", sql.substr(0, 60), sql.size() > 60 ? "..." : ""));
}

void GpkgWriter::commit() {
    assert(impl_->dataset && "commit twice");
    impl_->settle();
    std::vector<detail::TableTotals> totals;
    std::vector<detail::SpatialIndexJob> indexes;
    for (auto& layer : impl_->layers) {
        totals.push_back(layer->totals());
        if (layer->spatial()) indexes.push_back(layer->take_index());
    }
    impl_->layers.clear();  // their statements go before the connection does
    // Closing writes what OGR deferred; GDAL 3.6 reports a failure there only
    // through the error state.
    CPLErrorReset();
    impl_->dataset.reset();
    if (CPLGetLastErrorType() >= CE_Failure) impl_->fail("", "cannot finish the file");
    detail::finish_tables(out_.temp_path(), totals, indexes);
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
