#pragma once
// The input contract (docs/data.md) as data: which logical layers exist, their
// canonical fields, each field's kind and whether a record without it is usable.
// The loader, the mapping-file checker and `parkcap info` all read this table.
#include <string>
#include <string_view>
#include <vector>

namespace parkcap::io {

enum class FieldKind {
    Text,   ///< free text, UTF-8 after decoding
    Enum,   ///< one of `allowed` (after value mapping)
    Date,   ///< a date field, or text in one of the date formats
    Real,   ///< a number within [min, max]
    Flag,   ///< 0/1 (also true/false, yes/no, 是/否, Y/N)
};

struct FieldSpec {
    std::string name;     ///< canonical name (≤ 10 ASCII characters)
    FieldKind kind = FieldKind::Text;
    bool required = false;  ///< a record with this field empty or bad is rejected (unless kept_incomplete)
    /// A record with this required field empty or bad is kept as incomplete, not
    /// rejected: parcels, whose land must count whatever their attributes.
    bool kept_incomplete = false;
    double min = 0, max = 0;  ///< Real only; max < min means unbounded above
    std::vector<std::string> allowed;  ///< Enum only
    std::string meaning;
    /// Feeds only a data check (no audit figure): its absence from a layer is not reported.
    bool check_only = false;
    /// A commitment only some cities collect (the 标准地 figures of projects): its
    /// absence from a layer is not reported, since it means only "not committed",
    /// and the plan's supply conditions show what each project was checked on.
    bool quiet_when_absent = false;
};

struct LayerSpec {
    std::string name;  ///< logical layer: parks, shoreline, parcels, districts, projects, quota
    enum class Geometry { Polygon, Line, None } geometry = Geometry::None;
    bool required = false;  ///< for a city to load at all
    std::vector<FieldSpec> fields;
    const FieldSpec* field(std::string_view name) const;
};

/// All logical layers, in load order.
const std::vector<LayerSpec>& layer_specs();
const LayerSpec* layer_spec(std::string_view logical);

}  // namespace parkcap::io
