#pragma once
// The field-mapping file: how a user's own data maps onto the data contract (docs/data.md).
// See docs/mapping.md for the format and a pinyin-initial (DKBH/YDMJ/ZT) example.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace parkcap::io {

/// How one logical layer is found and read.
struct LayerMapping {
    /// Where the layer's records are: each entry a file (relative to DATA or the
    /// mapping file), a folder, a glob such as "parcels/DK_*.shp" or a connection
    /// string. Several entries (or a folder, a glob) make one logical layer.
    std::vector<std::string> sources;
    std::optional<std::string> layer;     ///< layer name inside the source(s)
    std::optional<std::string> encoding;  ///< text encoding, e.g. "GBK"
    /// The encoding came from [defaults], not the layer's own section: it applies
    /// only to sources without a defined encoding (DBF without .cpg/LDID, CSV).
    bool encoding_from_defaults = false;
    /// Parcels only: a regular expression whose first group, matched against
    /// parcel_id, is the district code (e.g. "^TZ-(\\d{6})-"), used to fill an
    /// empty district when no districts layer holds the parcel. Empty: not used.
    std::string district_from_id;
    std::optional<std::string> crs;       ///< CRS to assume when the source declares none, e.g. "EPSG:4528"
    std::map<std::string, std::string> fields;  ///< canonical field → the user's field name
    /// canonical field → (user's value → canonical value), e.g. status: 已批未供 → approved
    std::map<std::string, std::map<std::string, std::string>> values;
    std::vector<std::string> date_formats;  ///< empty: the defaults of core/date.hpp
};

struct FieldMapping {
    std::string source_name;  ///< the mapping file, for messages
    std::string base_dir;     ///< directory of the mapping file
    LayerMapping defaults;    ///< [defaults]: encoding, crs, date_formats for every layer
    std::map<std::string, LayerMapping> layers;  ///< [parcels], [parks], ...

    /// The mapping of one logical layer with [defaults] filled in.
    LayerMapping for_layer(const std::string& logical) const;
};

/// Parses a mapping file's TOML text. Unknown sections, unknown canonical fields,
/// wrong types throw DataError naming the file, line and key.
FieldMapping parse_mapping(std::string_view toml_text, const std::string& source_name);
FieldMapping load_mapping_file(const std::string& path);

}  // namespace parkcap::io
