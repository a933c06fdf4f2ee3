#pragma once
// Internal: SQL text for the GeoPackage writers that speak to SQLite directly
// (gpkg_rows.cpp, gpkg_rtree.cpp). Table and column names come from the data's
// layers, so they are quoted, never pasted.
#include <string>

namespace parkcap::report::detail {

/// `identifier` as a quoted SQL identifier ("a""b" for a"b).
inline std::string sql_identifier(const std::string& identifier) {
    std::string q = "\"";
    for (char c : identifier) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

/// `text` as a quoted SQL string literal ('it''s' for it's).
inline std::string sql_literal(const std::string& text) {
    std::string q = "'";
    for (char c : text) q += c == '\'' ? std::string("''") : std::string(1, c);
    return q + "'";
}

}  // namespace parkcap::report::detail
