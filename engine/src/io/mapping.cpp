// Reads the field-mapping file strictly (core/detail/strict_toml.hpp): an unknown
// section, key or canonical field, or a value that is not one of the field's
// values, is an error naming the file, line and key, and every one is reported.
#include "parkcap/io/mapping.hpp"

#include <algorithm>
#include <filesystem>
#include <regex>

#include <cpl_error.h>
#include <fmt/format.h>
#include <ogr_spatialref.h>

#include "../core/detail/strict_toml.hpp"
#include "parkcap/core/error.hpp"
#include "parkcap/core/text.hpp"
#include "parkcap/io/schema.hpp"

namespace parkcap::io {

namespace {

using strict_toml::Problems;
using strict_toml::Section;

constexpr const char* kHint = "see docs/mapping.md for the format";

// A mapping's values are the user's names: text, whatever they look like.
std::optional<std::string> text_value(Section& s, const toml::node& node, const std::string& path) {
    if (auto v = node.value<std::string>()) return *v;
    s.report(node, path, "expected a text value in quotes");
    return std::nullopt;
}

// A value-map entry may be written as text ("approved") or, for flags, a number (1).
std::optional<std::string> scalar_as_text(Section& s, const toml::node& node, const std::string& path) {
    if (auto v = node.value_exact<std::string>()) return *v;
    if (auto i = node.value_exact<int64_t>()) return std::to_string(*i);
    if (auto b = node.value_exact<bool>()) return *b ? "1" : "0";
    s.report(node, path, "expected text or a number");
    return std::nullopt;
}

void read_fields(Section& s, const LayerSpec& spec, LayerMapping& m) {
    s.entries([&](std::string_view canonical, const toml::node& node) {
        if (!spec.field(canonical)) {
            s.report(node, s.path_of(canonical),
                     fmt::format("'{}' is not a field of {} (see docs/data.md)", canonical, spec.name));
            return;
        }
        if (auto v = text_value(s, node, s.path_of(canonical))) m.fields[std::string(canonical)] = *v;
    });
}

void read_value_map(Section& s, const FieldSpec& f, LayerMapping& m) {
    s.entries([&](std::string_view from, const toml::node& node) {
        const std::string path = s.path_of(from);
        auto value = scalar_as_text(s, node, path);
        if (!value) return;
        if (f.kind == FieldKind::Enum && std::find(f.allowed.begin(), f.allowed.end(), *value) == f.allowed.end()) {
            s.report(node, path,
                     fmt::format("'{}' is not a value of {}; expected one of {}", *value, f.name, fmt::join(f.allowed, ", ")));
            return;
        }
        if (f.kind == FieldKind::Flag && *value != "0" && *value != "1") {
            s.report(node, path, fmt::format("'{}' is not a flag value; expected 0 or 1", *value));
            return;
        }
        m.values[f.name][std::string(from)] = *value;
    });
}

void read_values(Section& s, const LayerSpec& spec, LayerMapping& m) {
    s.entries([&](std::string_view canonical, const toml::node& node) {
        const FieldSpec* f = spec.field(canonical);
        if (!f) {
            s.report(node, s.path_of(canonical),
                     fmt::format("'{}' is not a field of {} (see docs/data.md)", canonical, spec.name));
            return;
        }
        const auto* t = node.as_table();
        if (!t) {
            s.report(node, s.path_of(canonical), "expected a table of \"your value\" = \"canonical value\"");
            return;
        }
        Section values = s.child(canonical, *t);
        read_value_map(values, *f, m);
    });
}

/// Whether PROJ knows `crs` as a CRS ("EPSG:4528", a WKT, a PROJ string).
bool is_crs(const std::string& crs) {
    OGRSpatialReference srs;
    CPLPushErrorHandler(CPLQuietErrorHandler);  // the report says why, GDAL's line would only repeat it
    const bool ok = srs.SetFromUserInput(crs.c_str()) == OGRERR_NONE;
    CPLPopErrorHandler();
    return ok;
}

/// What is wrong with a date format ("" when nothing): the reader knows %Y, %m
/// and %d, each needed once, and literal characters between them.
std::string date_format_problem(const std::string& format) {
    int y = 0, m = 0, d = 0;
    for (std::size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%') continue;
        if (i + 1 == format.size()) return "it ends in a lone %";
        const char directive = format[++i];
        if (directive == 'Y') ++y;
        else if (directive == 'm') ++m;
        else if (directive == 'd') ++d;
        else return fmt::format("%{} is no directive; use %Y, %m and %d", directive);
    }
    if (y != 1 || m != 1 || d != 1) return "it needs %Y, %m and %d once each";
    return "";
}

/// [defaults] (spec null: encoding, crs, date_formats) or one layer's section.
void read_layer(Section& s, LayerMapping& m, const LayerSpec* spec) {
    auto text = [&](const char* key, std::optional<std::string>& out) {
        if (const toml::node* n = s.find(key)) out = text_value(s, *n, s.path_of(key));
    };
    if (spec) {
        if (const toml::node* n = s.find("source")) {
            if (const auto* list = n->as_array()) {
                for (std::size_t i = 0; i < list->size(); ++i)
                    if (auto v = text_value(s, (*list)[i], fmt::format("{}[{}]", s.path_of("source"), i + 1)))
                        m.sources.push_back(*v);
                if (list->empty()) s.report(*n, s.path_of("source"), "an empty list names no source");
            } else if (auto v = text_value(s, *n, s.path_of("source"))) {
                m.sources.push_back(*v);
            }
        }
        text("layer", m.layer);
    }
    // Checked here, not when a layer first needs them: a layer that declares its
    // own encoding or CRS never uses the mapping's, and a bad one would otherwise
    // pass unnoticed until the day it does.
    const std::string section = spec ? spec->name : "defaults";
    text("encoding", m.encoding);
    if (m.encoding && !text::is_known_encoding(*m.encoding)) {
        s.report(*s.find("encoding"), s.path_of("encoding"),
                 fmt::format("'{}' is no encoding parkcap can decode; expected e.g. \"GBK\", \"GB18030\" or \"UTF-8\"",
                             *m.encoding));
        m.encoding.reset();
    }
    text("crs", m.crs);
    if (m.crs && !is_crs(*m.crs)) {
        s.report(*s.find("crs"), s.path_of("crs"),
                 fmt::format("'{}' is not a CRS PROJ knows; expected an EPSG code such as \"EPSG:4528\" ([{}] crs is "
                             "the CRS of its files that have no .prj)",
                             *m.crs, section));
        m.crs.reset();
    }
    if (const toml::node* n = s.find("date_formats")) {
        if (const auto* formats = n->as_array()) {
            for (std::size_t i = 0; i < formats->size(); ++i) {
                const std::string path = fmt::format("{}[{}]", s.path_of("date_formats"), i + 1);
                auto f = text_value(s, (*formats)[i], path);
                if (!f) continue;
                if (const std::string why = date_format_problem(*f); !why.empty())
                    s.report((*formats)[i], path, fmt::format("'{}' is not a date format: {}", *f, why));
                else m.date_formats.push_back(*f);
            }
        } else {
            s.report(*n, s.path_of("date_formats"), "expected a list of formats such as [\"%Y-%m-%d\", \"%Y%m%d\"]");
        }
    }
    auto table = [&](const char* key, const char* expected, void (*read)(Section&, const LayerSpec&, LayerMapping&)) {
        const toml::node* n = s.find(key);
        if (!n) return;
        if (const auto* t = n->as_table()) {
            Section sub = s.child(key, *t);
            read(sub, *spec, m);
        } else {
            s.report(*n, s.path_of(key), expected);
        }
    };
    if (spec) {
        table("fields", "expected a table of canonical_name = \"YOUR_FIELD\"", read_fields);
        table("values", "expected [layer.values.FIELD] tables of \"your value\" = \"canonical\"", read_values);
        if (spec->name == "parcels")
            if (const toml::node* n = s.find("district_from_id"))
                if (auto pattern = text_value(s, *n, s.path_of("district_from_id"))) {
                    try {
                        if (std::regex(*pattern).mark_count() < 1)
                            s.report(*n, s.path_of("district_from_id"),
                                     "the pattern needs a group ( ) around the district code, e.g. \"^TZ-(\\\\d{6})-\"");
                        else m.district_from_id = *pattern;
                    } catch (const std::regex_error& e) {
                        s.report(*n, s.path_of("district_from_id"), fmt::format("not a regular expression: {}", e.what()));
                    }
                }
    }
    s.finish();
}

std::string section_names() {
    std::string names = "defaults";
    for (const auto& spec : layer_specs()) names += ", " + spec.name;
    return names;
}

}  // namespace

LayerMapping FieldMapping::for_layer(const std::string& logical) const {
    LayerMapping m;
    if (auto it = layers.find(logical); it != layers.end()) m = it->second;
    if (!m.encoding && defaults.encoding) {
        m.encoding = defaults.encoding;
        m.encoding_from_defaults = true;
    }
    if (!m.crs) m.crs = defaults.crs;
    if (m.date_formats.empty()) m.date_formats = defaults.date_formats;
    return m;
}

FieldMapping parse_mapping(std::string_view toml_text, const std::string& source_name) {
    const toml::table root_table = strict_toml::parse(toml_text, source_name, kHint);
    Problems problems(source_name, kHint);
    Section root(problems, root_table, "");
    FieldMapping mapping;
    mapping.source_name = source_name;
    root.entries([&](std::string_view name, const toml::node& node) {
        const auto* t = node.as_table();
        if (!t) {
            root.report(node, name, "expected a [section]");
            return;
        }
        Section section = root.child(name, *t);
        if (name == "defaults") read_layer(section, mapping.defaults, nullptr);
        else if (const LayerSpec* spec = layer_spec(name)) read_layer(section, mapping.layers[std::string(name)], spec);
        else root.report(node, name, "unknown section; expected one of " + section_names());
    });
    problems.raise_if_any();
    return mapping;
}

FieldMapping load_mapping_file(const std::string& path) {
    FieldMapping m = parse_mapping(strict_toml::read_file(path, "the mapping file", "check the --mapping path"), path);
    m.base_dir = std::filesystem::absolute(path).parent_path().string();
    return m;
}

}  // namespace parkcap::io
