#pragma once
// Internal: an output table declared once. Each column is its field (name, type,
// CSV precision) and, beside it, the accessor that writes it from a row, so a row is
// written by walking the columns: no field is addressed by its position, and the
// GeoPackage layer, the CSV file and the readers of parkcap's own outputs all go
// through the one TableSchema this makes.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "parkcap/core/date.hpp"
#include "parkcap/core/report.hpp"
#include "parkcap/report/table_writer.hpp"

namespace parkcap::report::detail {

template <class Row>
class Table {
public:
    using Write = std::function<void(RowSink&, int field, const Row&)>;
    using Shape = std::function<void(RowSink&, const Row&)>;

    /// `shape` sets the row's geometry (layers with geometry only).
    Table(std::string name, GeometryType geometry, std::string description, Shape shape = {})
        : schema_{std::move(name), geometry, std::move(description), {}}, shape_(std::move(shape)) {}

    const TableSchema& schema() const { return schema_; }

    /// Writes one row: its geometry, every column, then commits it.
    void write(RowSink& sink, const Row& row) const {
        if (shape_) shape_(sink, row);
        for (std::size_t i = 0; i < writes_.size(); ++i) writes_[i](sink, static_cast<int>(i), row);
        sink.commit_row();
    }

    /// A text column; `get(row)` gives text, or an optional of text (nullopt: left empty).
    template <class Get>
    Table& text(std::string name, Get get) {
        return column({std::move(name), FieldDef::Text}, [get](RowSink& s, int i, const Row& r) { put_text(s, i, get(r)); });
    }
    /// A 32-bit integer column; `get(row)` gives an integer or bool, or an optional of one.
    template <class Get>
    Table& integer(std::string name, Get get) {
        return column({std::move(name), FieldDef::Integer}, [get](RowSink& s, int i, const Row& r) { put_int(s, i, get(r)); });
    }
    template <class Get>
    Table& integer64(std::string name, Get get) {
        return column({std::move(name), FieldDef::Integer64},
                      [get](RowSink& s, int i, const Row& r) { put_int(s, i, get(r)); });
    }
    /// A real column written in CSV with `precision` decimals; NaN is left empty.
    template <class Get>
    Table& real(std::string name, int precision, Get get) {
        return column({std::move(name), FieldDef::Real, 0, precision},
                      [get](RowSink& s, int i, const Row& r) { s.set_real(i, get(r)); });
    }
    /// A date column; a null Date is left empty.
    template <class Get>
    Table& date(std::string name, Get get) {
        return column({std::move(name), FieldDef::Date}, [get](RowSink& s, int i, const Row& r) { s.set_date(i, get(r)); });
    }

    Table& column(FieldDef field, Write write) {
        schema_.fields.push_back(std::move(field));
        writes_.push_back(std::move(write));
        return *this;
    }

private:
    static void put_text(RowSink& s, int i, std::string_view v) { s.set_text(i, v); }
    template <class T>
    static void put_text(RowSink& s, int i, const std::optional<T>& v) {
        if (v) s.set_text(i, *v);
    }
    template <class T>
    static void put_int(RowSink& s, int i, T v) {
        static_assert(std::is_integral_v<T>, "an integer column takes integers or bools");
        s.set_int(i, static_cast<int64_t>(v));
    }
    template <class T>
    static void put_int(RowSink& s, int i, const std::optional<T>& v) {
        if (v) put_int(s, i, *v);
    }

    TableSchema schema_;
    Shape shape_;
    std::vector<Write> writes_;
};

/// A table with its rows, ready for any sink: the GeoPackage and the CSV files are
/// written from one list of these.
struct FilledTable {
    TableSchema schema;
    std::function<void(RowSink&)> fill;
};

/// `table` with `rows` (a range of Row, kept until written).
template <class Row, class Rows>
FilledTable filled(Table<Row> table, Rows rows) {
    TableSchema schema = table.schema();
    return {std::move(schema), [table = std::move(table), rows = std::move(rows)](RowSink& s) {
                for (const auto& row : rows) table.write(s, row);
            }};
}

/// Adds each table to `gpkg` as a layer and writes its rows (the caller commits).
void add_tables(GpkgWriter& gpkg, const std::vector<FilledTable>& tables);
/// Writes each table as `dir/<name>.csv`.
void write_csv_tables(const std::string& dir, const std::vector<FilledTable>& tables);

/// How a file was made, as key/value rows: the run_info table of both outputs.
using KeyValue = std::pair<std::string, std::string>;
Table<KeyValue> run_info_table(std::string description);

/// Every input record rejected or repaired at load (issues_csv.cpp): the audit's
/// rejects layer and `parkcap info --rejects`.
const Table<Issue>& rejects_table();

}  // namespace parkcap::report::detail
