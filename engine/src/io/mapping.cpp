#include "parkcap/io/mapping.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "parkcap/core/error.hpp"
#include "parkcap/io/schema.hpp"

namespace parkcap::io {

namespace {

class MappingParser {
public:
    explicit MappingParser(std::string source) : source_(std::move(source)) {}

    void error(const toml::node& node, const std::string& key, const std::string& what) {
        errors_.push_back(fmt::format("{}:{}: {}: {}", source_, node.source().begin.line, key, what));
    }

    std::optional<std::string> string_value(const toml::node& node, const std::string& key) {
        if (auto s = node.value<std::string>()) return *s;
        error(node, key, "expected a text value in quotes");
        return std::nullopt;
    }

    // A value-map entry may be written as text ("approved") or, for flags, a number (1).
    std::optional<std::string> scalar_as_text(const toml::node& node, const std::string& key) {
        if (auto s = node.value_exact<std::string>()) return *s;
        if (auto i = node.value_exact<int64_t>()) return std::to_string(*i);
        if (auto b = node.value_exact<bool>()) return *b ? "1" : "0";
        error(node, key, "expected text or a number");
        return std::nullopt;
    }

    void read_common(const toml::table& t, const std::string& section, LayerMapping& m, const LayerSpec* spec) {
        for (const auto& [k, node] : t) {
            const std::string key = section + "." + std::string(k.str());
            const std::string_view name = k.str();
            if (name == "source") m.source = string_value(node, key);
            else if (name == "layer") m.layer = string_value(node, key);
            else if (name == "encoding") m.encoding = string_value(node, key);
            else if (name == "crs") m.crs = string_value(node, key);
            else if (name == "date_formats") {
                if (const auto* arr = node.as_array()) {
                    for (const auto& e : *arr)
                        if (auto s = string_value(e, key)) m.date_formats.push_back(*s);
                } else {
                    error(node, key, "expected a list of formats such as [\"%Y-%m-%d\", \"%Y%m%d\"]");
                }
            } else if (name == "fields" && spec) {
                read_fields(node, key, *spec, m);
            } else if (name == "values" && spec) {
                read_values(node, key, *spec, m);
            } else {
                error(node, key,
                      spec ? "unknown key; expected source, layer, encoding, crs, date_formats, fields, values"
                           : "unknown key; [defaults] takes encoding, crs, date_formats");
            }
        }
    }

    void read_fields(const toml::node& node, const std::string& key, const LayerSpec& spec, LayerMapping& m) {
        const auto* t = node.as_table();
        if (!t) return error(node, key, "expected a table of canonical_name = \"YOUR_FIELD\"");
        for (const auto& [k, v] : *t) {
            const std::string canonical(k.str());
            if (!spec.field(canonical)) {
                error(v, key + "." + canonical, fmt::format("'{}' is not a field of {} (see docs/data.md)", canonical, spec.name));
                continue;
            }
            if (auto s = string_value(v, key + "." + canonical)) m.fields[canonical] = *s;
        }
    }

    void read_values(const toml::node& node, const std::string& key, const LayerSpec& spec, LayerMapping& m) {
        const auto* t = node.as_table();
        if (!t) return error(node, key, "expected [layer.values.FIELD] tables of \"your value\" = \"canonical\"");
        for (const auto& [k, v] : *t) {
            const std::string canonical(k.str());
            const FieldSpec* f = spec.field(canonical);
            if (!f) {
                error(v, key + "." + canonical, fmt::format("'{}' is not a field of {} (see docs/data.md)", canonical, spec.name));
                continue;
            }
            const auto* vt = v.as_table();
            if (!vt) {
                error(v, key + "." + canonical, "expected a table of \"your value\" = \"canonical value\"");
                continue;
            }
            for (const auto& [from, to] : *vt) {
                const std::string entry_key = key + "." + canonical + "." + std::string(from.str());
                auto value = scalar_as_text(to, entry_key);
                if (!value) continue;
                if (f->kind == FieldKind::Enum &&
                    std::find(f->allowed.begin(), f->allowed.end(), *value) == f->allowed.end()) {
                    error(to, entry_key,
                          fmt::format("'{}' is not a value of {}; expected one of {}", *value, canonical,
                                      fmt::join(f->allowed, ", ")));
                    continue;
                }
                if (f->kind == FieldKind::Flag && *value != "0" && *value != "1") {
                    error(to, entry_key, fmt::format("'{}' is not a flag value; expected 0 or 1", *value));
                    continue;
                }
                m.values[canonical][std::string(from.str())] = *value;
            }
        }
    }

    FieldMapping parse(std::string_view text) {
        FieldMapping mapping;
        mapping.source_name = source_;
        toml::table root;
        try {
            root = toml::parse(text, source_);
        } catch (const toml::parse_error& e) {
            throw DataError(fmt::format("{}:{}:{}: not a valid TOML mapping file: {}", source_,
                                        e.source().begin.line, e.source().begin.column, e.description()),
                            "see docs/mapping.md for the format");
        }
        for (const auto& [k, node] : root) {
            const std::string section(k.str());
            const auto* t = node.as_table();
            if (!t) {
                error(node, section, "expected a [section]");
                continue;
            }
            if (section == "defaults") {
                read_common(*t, section, mapping.defaults, nullptr);
            } else if (const LayerSpec* spec = layer_spec(section)) {
                read_common(*t, section, mapping.layers[section], spec);
            } else {
                error(node, section, "unknown section; expected defaults, parks, shoreline, parcels, districts, projects, quota");
            }
        }
        if (!errors_.empty()) {
            std::string all;
            for (const auto& e : errors_) all += (all.empty() ? "" : "\n") + e;
            throw DataError(all, "see docs/mapping.md for the format");
        }
        return mapping;
    }

private:
    std::string source_;
    std::vector<std::string> errors_;
};

}  // namespace

LayerMapping FieldMapping::for_layer(const std::string& logical) const {
    LayerMapping m;
    if (auto it = layers.find(logical); it != layers.end()) m = it->second;
    if (!m.encoding) m.encoding = defaults.encoding;
    if (!m.crs) m.crs = defaults.crs;
    if (m.date_formats.empty()) m.date_formats = defaults.date_formats;
    return m;
}

FieldMapping parse_mapping(std::string_view toml_text, const std::string& source_name) {
    return MappingParser(source_name).parse(toml_text);
}

FieldMapping load_mapping_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(fmt::format("{}: cannot read the mapping file", path), "check the --mapping path");
    std::ostringstream ss;
    ss << in.rdbuf();
    FieldMapping m = parse_mapping(ss.str(), path);
    m.base_dir = std::filesystem::absolute(path).parent_path().string();
    return m;
}

}  // namespace parkcap::io
