#pragma once
// Internal: reading back a GeoPackage parkcap wrote, through the TableSchema its
// writer declared: a layer is found by the schema's name and each field by a name
// the schema must have (else the reader is out of step with the writer: a
// logic_error, caught by any test that reads a file back), with the type the
// schema gives it (else the file was not written by parkcap, or was edited: a
// DataError naming the file, layer and field).
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "parkcap/core/date.hpp"
#include "parkcap/report/table_writer.hpp"

class GDALDataset;
class OGRLayer;
class OGRFeature;

namespace parkcap::report::detail {

/// One feature being read; fields by the index LayerReader::field gave.
class FeatureRow {
public:
    explicit FeatureRow(const OGRFeature& f) : f_(f) {}
    bool is_set(int field) const;
    /// Text (empty when null).
    std::string text(int field) const;
    std::optional<int64_t> integer(int field) const;
    /// A number; `if_null` when the field is null.
    double real(int field, double if_null = std::numeric_limits<double>::quiet_NaN()) const;
    /// A date field, or text as YYYY-MM-DD; null Date when empty.
    Date date(int field) const;
    int64_t fid() const;
    /// Appends the feature's polygons to `into` as one feature (none when the
    /// feature has no polygonal geometry). Returns whether it had any.
    bool append_polygons(geom::MultiPolygonColumn& into) const;

private:
    const OGRFeature& f_;
};

class LayerReader {
public:
    LayerReader(OGRLayer& layer, const TableSchema& schema, std::string where, std::string kind, std::string hint);

    /// The file's index of the schema's field `name`. Throws std::logic_error when the
    /// schema has no such field, DataError when the file lacks it or holds another type.
    int field(std::string_view name) const;
    /// As field(), but -1 when the file lacks it (a field older files did not have).
    int field_if_present(std::string_view name) const;
    int64_t feature_count() const;
    /// Calls `each` for every feature, in file order.
    void for_each(const std::function<void(const FeatureRow&)>& each);

private:
    int find(std::string_view name, bool required) const;
    OGRLayer& layer_;
    const TableSchema& schema_;
    std::string where_;  ///< "file:layer", for messages
    std::string kind_;
    std::string hint_;
};

/// Where the tables parkcap wrote are read back from: a GeoPackage, or a snapshot
/// the shared store holds (store/stored_audit.cpp).
class TableSource {
public:
    virtual ~TableSource() = default;
    /// The layer `schema` declares; DataError when the source has none.
    virtual LayerReader layer(const TableSchema& schema) = 0;
    /// The file or snapshot, as messages name it.
    virtual const std::string& path() const = 0;
};

/// A GeoPackage parkcap wrote, opened read-only.
class GpkgReader final : public TableSource {
public:
    /// Throws InputError when `path` cannot be opened. `kind` completes "is it ...?"
    /// in messages ("an AUDIT.gpkg written by `parkcap audit`"); `hint` says how to
    /// get a good file.
    GpkgReader(std::string path, std::string kind, std::string hint);
    ~GpkgReader();
    GpkgReader(const GpkgReader&) = delete;
    GpkgReader& operator=(const GpkgReader&) = delete;

    LayerReader layer(const TableSchema& schema) override;
    const std::string& path() const override { return path_; }

private:
    std::string path_, kind_, hint_;
    struct Dataset;
    std::unique_ptr<Dataset> ds_;
};

}  // namespace parkcap::report::detail
