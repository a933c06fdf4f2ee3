#pragma once
// Output tables: one way of setting a row's values, two destinations. The audit and
// the allocation fill rows through RowSink; a GeoPackage layer (for QGIS) and a CSV
// file (for Excel) both implement it, and TeeSink feeds both from one loop, so no
// table is ever written by two copies of the same code.
//
// Nothing here includes GDAL: the engine links it privately.
#include <cstdint>
#include <fstream>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "parkcap/core/atomic_file.hpp"
#include "parkcap/core/date.hpp"
#include "parkcap/geom/polygons.hpp"

namespace parkcap::report {

/// One column of an output table. Keep names to 10 ASCII characters where possible,
/// so a planner can still export the layer to a Shapefile without renaming.
struct FieldDef {
    enum Type { Text, Integer, Integer64, Real, Date };
    std::string name;
    Type type = Text;
    int width = 0;      ///< text: declared maximum characters (0: none); longer values are still stored whole
    int precision = 0;  ///< real: digits after the point in CSV (0: shortest exact form)
};

/// The geometry of a GeoPackage layer. Polygon layers are always written as
/// MultiPolygon, so a layer never mixes types (QGIS styles and edits such layers badly).
enum class GeometryType { None, Polygon, MultiPolygon, LineString, MultiLineString, Point };

/// The name of every geometry column parkcap writes (QGIS's layer_styles refers to it).
inline constexpr const char* kGeometryColumn = "geom";

/// One output table, declared once (as GDAL's OGRFeatureDefn declares a layer): the
/// GeoPackage layer and the CSV file are made from it, and the readers of parkcap's
/// own outputs find their fields through it.
struct TableSchema {
    std::string name;  ///< layer name, and CSV file name without ".csv"
    GeometryType geometry = GeometryType::None;
    std::string description;  ///< the layer's description in the GeoPackage
    std::vector<FieldDef> fields;

    /// The index of field `field`. Throws std::logic_error when the table has no
    /// such field: a reader asking for it is out of step with the writer.
    int index(std::string_view field) const;
    /// The name of field `name_of_field`, checked as index() checks it: for what refers to a
    /// field by name (a QGIS style, an expression).
    const std::string& field(std::string_view name_of_field) const {
        return fields[static_cast<std::size_t>(index(name_of_field))].name;
    }
};

/// Receives one row at a time: set the fields by index (the index in the FieldDef list
/// the table was created with), optionally the geometry, then commit_row(). A field
/// not set in a row is empty. Destinations without geometry ignore the geometry calls.
class RowSink {
public:
    virtual ~RowSink() = default;

    virtual void set_text(int field, std::string_view utf8) = 0;
    virtual void set_int(int field, int64_t value) = 0;
    /// A value that is not finite (NaN, from "no data" arithmetic) is written as null.
    virtual void set_real(int field, double value) = 0;
    /// A null Date leaves the field empty.
    virtual void set_date(int field, Date value) = 0;
    virtual void set_null(int field) = 0;

    /// Feature `f` of `column`, written as a MultiPolygon.
    virtual void set_polygon(const geom::MultiPolygonColumn& column, std::size_t f) = 0;
    /// One line, for LineString and MultiLineString layers.
    virtual void set_line(std::span<const geom::Point> line) = 0;
    /// Several lines as one MultiLineString (a LineString layer takes exactly one part).
    virtual void set_lines(std::span<const std::vector<geom::Point>> parts) = 0;
    virtual void set_point(geom::Point p) = 0;

    /// Writes the row and starts an empty one. Throws OutputError when writing fails.
    virtual void commit_row() = 0;
};

/// Forwards every call to two sinks: one loop writes a table to the GeoPackage and CSV.
class TeeSink final : public RowSink {
public:
    TeeSink(RowSink& a, RowSink& b) : a_(a), b_(b) {}
    void set_text(int i, std::string_view v) override { a_.set_text(i, v); b_.set_text(i, v); }
    void set_int(int i, int64_t v) override { a_.set_int(i, v); b_.set_int(i, v); }
    void set_real(int i, double v) override { a_.set_real(i, v); b_.set_real(i, v); }
    void set_date(int i, Date v) override { a_.set_date(i, v); b_.set_date(i, v); }
    void set_null(int i) override { a_.set_null(i); b_.set_null(i); }
    void set_polygon(const geom::MultiPolygonColumn& c, std::size_t f) override { a_.set_polygon(c, f); b_.set_polygon(c, f); }
    void set_line(std::span<const geom::Point> l) override { a_.set_line(l); b_.set_line(l); }
    void set_lines(std::span<const std::vector<geom::Point>> p) override { a_.set_lines(p); b_.set_lines(p); }
    void set_point(geom::Point p) override { a_.set_point(p); b_.set_point(p); }
    void commit_row() override { a_.commit_row(); b_.commit_row(); }

private:
    RowSink& a_;
    RowSink& b_;
};

/// Somewhere besides a GeoPackage or CSV that takes a set of output tables (the
/// store's snapshots, store/snapshot.hpp): one sink per table, filled in turn.
class TableDestination {
public:
    virtual ~TableDestination() = default;
    /// Where `table`'s rows go; valid until the next call.
    virtual RowSink& add_table(const TableSchema& table) = 0;
};

/// Writes a new GeoPackage that appears at `path` only when commit() succeeds: it is
/// built as a temporary file in the same folder and renamed over `path`, so an
/// interrupted or failed run never leaves a half-written file (and an existing file
/// at `path` survives until it is replaced whole). Whether replacing `path` is
/// allowed is the caller's decision (the CLI's --overwrite).
///
/// Speed: GDAL creates the file, its tables and their metadata; the rows go into the
/// tables through prepared SQLite INSERTs on GDAL's connection, in transactions of
/// 100,000 rows, their values and geometry blobs (GDAL's encoding, byte for byte)
/// made on the caller's thread while a second thread inserts the rows before them;
/// the spatial index (GPKG's R-tree) is built once when the file is closed. Rows are
/// inserted in the order given, one layer at a time: a row for another layer first
/// finishes the one being filled.
/// Every failure throws OutputError naming the file, the layer and GDAL's reason.
class GpkgWriter {
public:
    /// Creates the temporary GeoPackage; `epsg` is the CRS of every spatial layer.
    /// `expected_rows` (the caller's estimate of its largest table, 0 when unknown)
    /// picks the SQLite page size: 64 KiB from kLargePageRows rows, which cuts the
    /// B-tree work of a million-row table (about 7 % of the audit write's CPU at 1M
    /// parcels, docs/benchmarks.md), SQLite's default below it, where 64 KiB pages
    /// would only make a file of small tables larger.
    GpkgWriter(const std::string& path, int epsg, std::size_t expected_rows = 0);
    static constexpr std::size_t kLargePageRows = 100'000;
    /// Without commit(): discards the temporary file; `path` is left as it was.
    ~GpkgWriter();
    GpkgWriter(const GpkgWriter&) = delete;
    GpkgWriter& operator=(const GpkgWriter&) = delete;

    /// Adds a layer (GeometryType::None: a plain table) with a geometry column named
    /// kGeometryColumn and a spatial index. Returns where its rows go; the reference
    /// stays valid until commit() or destruction. Layers may be filled in any order.
    RowSink& add_layer(const std::string& name, GeometryType geometry, const std::vector<FieldDef>& fields,
                       const std::string& description = {});
    RowSink& add_layer(const TableSchema& table) {
        return add_layer(table.name, table.geometry, table.fields, table.description);
    }

    /// Runs one SQL statement (SQLite dialect) on the file, e.g. to store styles.
    void execute_sql(const std::string& sql);

    /// Finishes the file (last transaction, spatial indexes) and moves it onto `path`.
    void commit();

    const std::string& path() const { return out_.target(); }

private:
    struct Impl;  // GDAL state, defined in table_writer.cpp
    AtomicOutput out_;
    std::unique_ptr<Impl> impl_;
};

/// Writes `dir/<name>.csv` (or any file, to_file) for Excel: UTF-8 with a BOM (or Excel guesses the Chinese
/// wrong), CRLF line ends, RFC 4180 quoting, a header row of the field names, numbers
/// with a '.' and no thousands separators whatever the locale, dates as YYYY-MM-DD,
/// null and NaN as empty cells. Geometry is ignored. The file appears only on commit().
class CsvWriter final : public RowSink {
public:
    CsvWriter(const std::string& dir, const std::string& name, const std::vector<FieldDef>& fields);
    /// `dir/<table.name>.csv`.
    CsvWriter(const std::string& dir, const TableSchema& table) : CsvWriter(dir, table.name, table.fields) {}
    /// Any file name: `path` itself.
    static CsvWriter to_file(const std::string& path, const std::vector<FieldDef>& fields);
    ~CsvWriter() override = default;

    void set_text(int field, std::string_view utf8) override;
    void set_int(int field, int64_t value) override;
    void set_real(int field, double value) override;
    void set_date(int field, Date value) override;
    void set_null(int field) override;
    void set_polygon(const geom::MultiPolygonColumn&, std::size_t) override {}
    void set_line(std::span<const geom::Point>) override {}
    void set_lines(std::span<const std::vector<geom::Point>>) override {}
    void set_point(geom::Point) override {}
    void commit_row() override;

    /// Flushes the file and moves it onto `dir/<name>.csv`.
    void commit();
    const std::string& path() const { return out_.target(); }

private:
    struct File {};
    CsvWriter(File, const std::string& path, const std::vector<FieldDef>& fields);
    void write_line();

    AtomicOutput out_;  // declared before file_: the stream closes before the temp file is removed
    std::ofstream file_;
    std::vector<FieldDef> fields_;
    std::vector<std::string> cells_;  ///< the current row, already quoted
    std::string line_;
};

}  // namespace parkcap::report
