#include "ogr_source.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "parkcap/core/error.hpp"
#include "parkcap/core/gdal.hpp"
#include "parkcap/core/text.hpp"

namespace fs = std::filesystem;

namespace parkcap::io::detail {

namespace {

bool is_connection_string(const std::string& s) {
    return s.rfind("PG:", 0) == 0 || s.rfind("pg:", 0) == 0 || s.rfind("/vsi", 0) == 0;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

std::string gdal_message() {
    const char* m = CPLGetLastErrorMsg();
    return (m && *m) ? m : "GDAL gave no reason";
}

GDALDatasetUniquePtr open_vector(const std::string& path, const std::vector<std::string>& open_options) {
    register_gdal_drivers();
    std::vector<const char*> opts;
    for (const auto& o : open_options) opts.push_back(o.c_str());
    opts.push_back(nullptr);
    CPLErrorReset();
    return GDALDatasetUniquePtr(
        GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, opts.data(), nullptr));
}

GDALDatasetUniquePtr open_or_throw(const std::string& path, const std::vector<std::string>& open_options) {
    auto ds = open_vector(path, open_options);
    if (!ds) {
        if (!is_connection_string(path) && !fs::exists(path))
            throw InputError(fmt::format("{}: no such file or folder", path), "check the path given as DATA");
        throw InputError(fmt::format("{}: cannot be opened as vector data: {}", path, gdal_message()),
                         "is it a complete Shapefile (.shp, .shx, .dbf), a GeoPackage, GeoJSON or FlatGeobuf?");
    }
    return ds;
}

OGRLayer* find_layer(GDALDataset& ds, const std::string& name) {
    for (int i = 0; i < ds.GetLayerCount(); ++i) {
        OGRLayer* l = ds.GetLayer(i);
        if (l && text::iequals(l->GetName(), name)) return l;
    }
    return nullptr;
}

// Extensions searched for `<logical>.<ext>` in a DATA folder, in this order.
const std::vector<std::string> kExtensions = {"shp", "gpkg", "fgb", "geojson", "json", "csv", "sqlite", "gml", "kml", "tab", "xlsx", "ods"};

std::optional<fs::path> find_in_folder(const fs::path& dir, const std::string& stem) {
    std::map<std::string, fs::path> by_ext;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (!entry.is_regular_file()) continue;
        const fs::path& p = entry.path();
        if (!text::iequals(p.stem().string(), stem)) continue;
        std::string ext = lower(p.extension().string());
        if (!ext.empty()) ext.erase(0, 1);
        by_ext[ext] = p;
    }
    for (const auto& ext : kExtensions)
        if (auto it = by_ext.find(ext); it != by_ext.end()) return it->second;
    if (by_ext.count("dbf") && !by_ext.count("shp")) {
        const auto* spec = layer_spec(stem);
        if (spec && spec->geometry != LayerSpec::Geometry::None)
            throw InputError(fmt::format("{}: there is no {}.shp beside it, so the {} have no geometry",
                                         by_ext["dbf"].string(), stem, stem),
                             "copy the whole Shapefile: .shp, .shx, .dbf, .prj and .cpg");
        return by_ext["dbf"];
    }
    return std::nullopt;
}

std::string resolve_mapped_source(const LoadOptions& options, const std::string& source) {
    if (is_connection_string(source) || fs::path(source).is_absolute()) return source;
    std::vector<fs::path> candidates;
    if (fs::is_directory(options.data)) candidates.push_back(fs::path(options.data) / source);
    else candidates.push_back(fs::path(options.data).parent_path() / source);
    if (options.mapping && !options.mapping->base_dir.empty()) candidates.push_back(fs::path(options.mapping->base_dir) / source);
    candidates.push_back(source);
    for (const auto& c : candidates)
        if (fs::exists(c)) return c.string();
    throw InputError(fmt::format("{}: the mapping's source '{}' was not found (looked beside DATA {} and beside the "
                                 "mapping file)",
                                 options.mapping ? options.mapping->source_name : "mapping", source, options.data));
}

}  // namespace

std::optional<LayerLocation> locate_layer(const LoadOptions& options, const LayerSpec& spec, const LayerMapping& mapping) {
    const std::string wanted = mapping.layer.value_or(spec.name);
    if (mapping.source) return LayerLocation{resolve_mapped_source(options, *mapping.source), mapping.layer.value_or("")};
    if (spec.name == "projects" && options.projects) return LayerLocation{*options.projects, ""};
    if (spec.name == "quota" && options.quota) return LayerLocation{*options.quota, ""};

    const bool connection = is_connection_string(options.data);
    if (!connection && !fs::exists(options.data))
        throw InputError(fmt::format("{}: no such file or folder", options.data), "check the path given as DATA");

    if (!connection && fs::is_directory(options.data)) {
        if (auto file = find_in_folder(options.data, wanted)) return LayerLocation{file->string(), ""};
        // A GeoPackage in the folder may hold the layer.
        std::vector<fs::path> packages;
        for (const auto& entry : fs::directory_iterator(options.data))
            if (entry.is_regular_file() && lower(entry.path().extension().string()) == ".gpkg") packages.push_back(entry.path());
        std::sort(packages.begin(), packages.end());
        for (const auto& p : packages)
            if (auto ds = open_vector(p.string(), {}); ds && find_layer(*ds, wanted))
                return LayerLocation{p.string(), wanted};
        return std::nullopt;
    }

    // One data source: a layer of that name, or (for parcels) its only layer.
    auto ds = open_or_throw(options.data, {});
    if (OGRLayer* l = find_layer(*ds, wanted)) return LayerLocation{options.data, l->GetName()};
    if (spec.name == "parcels" && ds->GetLayerCount() == 1) return LayerLocation{options.data, ds->GetLayer(0)->GetName()};
    // Tables beside a single file: projects.csv next to city.gpkg.
    if (spec.geometry == LayerSpec::Geometry::None && !connection) {
        if (auto file = find_in_folder(fs::path(options.data).parent_path().empty() ? fs::path(".")
                                                                                   : fs::path(options.data).parent_path(),
                                       wanted))
            return LayerLocation{file->string(), ""};
    }
    return std::nullopt;
}

SourceLayer::SourceLayer(const LayerLocation& where, const LayerSpec& spec, const LayerMapping& mapping)
    : file_(where.path) {
    std::vector<std::string> open_options;
    const std::optional<std::string> declared =
        mapping.encoding ? std::optional<std::string>(text::normalise_encoding(*mapping.encoding)) : std::nullopt;
    if (declared) open_options.push_back("ENCODING=" + *declared);  // honoured by the Shapefile driver
    dataset_ = open_or_throw(where.path, open_options);
    driver_ = dataset_->GetDriver() ? dataset_->GetDriver()->GetDescription() : "";

    auto pick_layer = [&]() -> OGRLayer* {
        if (!where.layer_name.empty()) {
            OGRLayer* l = find_layer(*dataset_, where.layer_name);
            if (!l) {
                std::vector<std::string> names;
                for (int i = 0; i < dataset_->GetLayerCount(); ++i) names.push_back(dataset_->GetLayer(i)->GetName());
                throw InputError(fmt::format("{}: has no layer '{}' for the {}; its layers are: {}", where.path,
                                             where.layer_name, spec.name, fmt::join(names, ", ")),
                                 fmt::format("name the layer in the mapping file: [{}] layer = \"...\"", spec.name));
            }
            return l;
        }
        if (dataset_->GetLayerCount() < 1)
            throw InputError(fmt::format("{}: holds no layer", where.path));
        return dataset_->GetLayer(0);
    };
    layer_ = pick_layer();

    const bool shapefile = driver_ == "ESRI Shapefile";
    if (declared) {
        encoding_ = *declared;
        recoded_by_gdal_ = shapefile;
    } else if (shapefile) {
        const char* cpg = layer_->GetMetadataItem("ENCODING_FROM_CPG", "SHAPEFILE");
        const char* ldid = layer_->GetMetadataItem("ENCODING_FROM_LDID", "SHAPEFILE");
        if (cpg || ldid) {
            encoding_ = cpg ? cpg : ldid;
            recoded_by_gdal_ = true;
        } else {
            // Neither .cpg nor LDID: GDAL would assume Latin-1 and garble Chinese.
            // Read raw bytes and decide per value (UTF-8 when valid, else GBK).
            dataset_ = open_or_throw(where.path, {"ENCODING="});
            layer_ = pick_layer();
            encoding_ = "auto";
        }
    } else {
        encoding_ = "auto";
    }
    layer_name_ = layer_->GetName();
}

int64_t SourceLayer::feature_count() { return layer_->GetFeatureCount(FALSE); }

RecordReader::RecordReader(SourceLayer& source, const LayerSpec& spec, const LayerMapping& mapping, LoadReport& report)
    : source_(source), spec_(spec), report_(report) {
    date_formats_ = mapping.date_formats.empty() ? default_date_formats() : mapping.date_formats;
    OGRFeatureDefn* defn = source.layer().GetLayerDefn();
    std::vector<std::string> present;
    for (int i = 0; i < defn->GetFieldCount(); ++i) present.push_back(defn->GetFieldDefn(i)->GetNameRef());
    const std::string where = fmt::format("{}:{}", source.file(), source.layer_name());

    for (const auto& f : spec.fields) {
        Binding b;
        b.spec = &f;
        const auto mapped = mapping.fields.find(f.name);
        b.source_name = mapped != mapping.fields.end() ? mapped->second : f.name;
        b.index = defn->GetFieldIndex(b.source_name.c_str());
        if (const auto v = mapping.values.find(f.name); v != mapping.values.end()) b.values = &v->second;
        if (b.index < 0) {
            if (mapped != mapping.fields.end())
                throw DataError(fmt::format("{}: the mapping maps {}.{} to field '{}', which this layer does not have; "
                                            "its fields are: {}",
                                            where, spec.name, f.name, b.source_name, fmt::join(present, ", ")),
                                "correct the name under [" + spec.name + ".fields] in the mapping file");
            if (f.required)
                throw DataError(fmt::format("{}: required field '{}' ({}) not found; its fields are: {}", where, f.name,
                                            f.meaning, fmt::join(present, ", ")),
                                fmt::format("map your field in a mapping file: [{}.fields] {} = \"YOUR_FIELD\" "
                                            "(docs/data.md lists every field, docs/mapping.md the mapping file)",
                                            spec.name, f.name));
            report_.add(Issue{Severity::Warning, "field.absent", source.file(), source.layer_name(), "", -1, f.name,
                              fmt::format("optional field '{}' ({}) not found; treated as empty for every record "
                                          "(docs/data.md says what an empty {} does)",
                                          f.name, f.meaning, f.name)});
        }
        bindings_.push_back(std::move(b));
    }
}

const RecordReader::Binding& RecordReader::binding(const char* canonical) const {
    // Callers pass string literals: the same pointer for the same field, so a
    // pointer comparison finds it without comparing names for every record.
    for (const auto& [name, b] : by_literal_)
        if (name == canonical) return *b;
    for (const auto& b : bindings_)
        if (b.spec->name == canonical) {
            by_literal_.emplace_back(canonical, &b);
            return b;
        }
    throw std::logic_error(std::string("no field ") + canonical + " in layer spec " + spec_.name);
}

void RecordReader::begin(OGRFeature& feature, const char* id_field) {
    feature_ = &feature;
    rejected_ = false;
    warned_ = false;
    label_.clear();
    unparsed_.clear();
    const Binding& b = binding(id_field);
    if (b.index >= 0 && feature.IsFieldSetAndNotNull(b.index))
        label_ = text::repair_utf8(text::trim(decode(feature.GetFieldAsString(b.index))));
    if (label_.empty()) label_ = fmt::format("FID {}", feature.GetFID());
    take_gdal_warnings();
}

void RecordReader::take_gdal_warnings() {
    // GDAL reads a DBF number with atof and says so only in a warning: "Value 'abc'
    // of field DK.FAR parsed incompletely to real 0." The value is then 0 (or 1 for
    // '1,5'): the field is treated as not a number instead. Other warnings become
    // rows of the rejects report, located at this record.
    static constexpr std::string_view kValue = "Value '", kOfField = "' of field ", kParsed = " parsed incompletely";
    for (const std::string& w : source_.feature_warnings()) {
        const std::size_t of = w.find(kOfField), parsed = w.find(kParsed);
        if (w.rfind(kValue, 0) == 0 && of != std::string::npos && parsed != std::string::npos && parsed > of) {
            std::string field = w.substr(of + kOfField.size(), parsed - of - kOfField.size());
            const std::string layer_prefix = source_.layer_name() + ".";
            if (field.rfind(layer_prefix, 0) == 0) field.erase(0, layer_prefix.size());
            unparsed_.emplace_back(std::move(field), w.substr(kValue.size(), of - kValue.size()));
            continue;
        }
        issue(Severity::Warning, "gdal.warning", "", fmt::format("GDAL: {}", text::repair_utf8(w)));
    }
}

const std::string* RecordReader::unparsed_value(const Binding& b) const {
    if (unparsed_.empty() || b.index < 0) return nullptr;
    for (const auto& [field, value] : unparsed_)
        if (text::iequals(field, b.source_name) || text::iequals(field, feature_->GetFieldDefnRef(b.index)->GetNameRef()))
            return &value;
    return nullptr;
}

std::string RecordReader::decode(const char* raw) {
    if (source_.recoded_by_gdal() || source_.encoding() == "UTF-8") return raw;
    if (source_.encoding() == "auto") {
        if (text::is_valid_utf8(raw)) return raw;
        if (!warned_guessed_encoding_) {
            warned_guessed_encoding_ = true;
            report_.add(Issue{Severity::Warning, "encoding.guessed", source_.file(), source_.layer_name(), "", -1, "",
                              "text is not UTF-8 and no encoding is declared (.cpg, DBF LDID or mapping file); "
                              "decoded as GBK (CP936). Declare it with encoding = \"GBK\" in the mapping file"});
        }
        return text::to_utf8(raw, "CP936");
    }
    return text::to_utf8(raw, source_.encoding());
}

void RecordReader::issue(Severity severity, const std::string& code, const std::string& field, const std::string& message) {
    if (severity == Severity::Rejected) rejected_ = true;
    else warned_ = true;
    report_.add(Issue{severity, code, source_.file(), source_.layer_name(), label_, feature_->GetFID(), field, message});
}

void RecordReader::field_problem(const Binding& b, const std::string& code, const std::string& message) {
    const std::string field = b.source_name == b.spec->name ? b.spec->name : fmt::format("{} ({})", b.source_name, b.spec->name);
    if (b.spec->required) issue(Severity::Rejected, code, field, message + "; record rejected");
    else issue(Severity::Warning, code, field, message + "; left empty");
}

std::optional<std::string> RecordReader::raw_text(const Binding& b) {
    if (b.index < 0 || !feature_->IsFieldSetAndNotNull(b.index)) return std::nullopt;
    std::string s(text::trim(decode(feature_->GetFieldAsString(b.index))));
    if (!text::is_valid_utf8(s)) {
        s = text::repair_utf8(s);
        const std::string field =
            b.source_name == b.spec->name ? b.spec->name : fmt::format("{} ({})", b.source_name, b.spec->name);
        issue(Severity::Warning, "text.invalid_utf8", field,
              fmt::format("'{}' holds bytes that are no character in {}; each is shown as U+FFFD (check the layer's "
                          "encoding: its .cpg, or encoding in the mapping file)",
                          s, source_.encoding()));
    }
    if (b.values) {
        if (auto it = b.values->find(s); it != b.values->end()) s = it->second;
    }
    if (s.empty()) return std::nullopt;
    return s;
}

std::optional<std::string> RecordReader::text(const char* canonical) {
    const Binding& b = binding(canonical);
    auto s = raw_text(b);
    if (!s && b.spec->required) field_problem(b, "field.missing", "empty");
    return s;
}

std::optional<std::string> RecordReader::enumeration(const char* canonical) {
    const Binding& b = binding(canonical);
    auto s = raw_text(b);
    if (!s) {
        if (b.spec->required) field_problem(b, "field.missing", "empty");
        return std::nullopt;
    }
    const auto& allowed = b.spec->allowed;
    for (const auto& a : allowed)
        if (text::iequals(a, *s)) return a;
    field_problem(b, "field.invalid",
                  fmt::format("'{}' is not a {} value; expected one of {} (map yours under [{}.values.{}])", *s,
                              b.spec->name, fmt::join(allowed, ", "), spec_.name, b.spec->name));
    return std::nullopt;
}

std::optional<Date> RecordReader::date(const char* canonical) {
    const Binding& b = binding(canonical);
    if (b.index < 0 || !feature_->IsFieldSetAndNotNull(b.index)) return std::nullopt;
    const OGRFieldType type = feature_->GetFieldDefnRef(b.index)->GetType();
    if (type == OFTDate || type == OFTDateTime) {
        int y = 0, m = 0, d = 0, hh = 0, mm = 0, tz = 0;
        float ss = 0;
        feature_->GetFieldAsDateTime(b.index, &y, &m, &d, &hh, &mm, &ss, &tz);
        if (y > 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
            const Date date = Date::from_ymd(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
            if (date.month() == static_cast<unsigned>(m)) return date;
        }
        field_problem(b, "field.invalid", fmt::format("'{}' is not a valid date", feature_->GetFieldAsString(b.index)));
        return std::nullopt;
    }
    auto s = raw_text(b);
    if (!s) return std::nullopt;
    if (auto d = parse_date(*s, date_formats_)) return d;
    field_problem(b, "field.invalid",
                  fmt::format("'{}' is not a date in any of the formats {} (set date_formats in the mapping file)", *s,
                              fmt::join(date_formats_, ", ")));
    return std::nullopt;
}

std::optional<double> RecordReader::real(const char* canonical) {
    const Binding& b = binding(canonical);
    std::optional<double> value;
    std::optional<std::string> text_form;  // the value as written, for messages
    if (b.index >= 0 && feature_->IsFieldSetAndNotNull(b.index)) {
        const OGRFieldType type = feature_->GetFieldDefnRef(b.index)->GetType();
        if (type == OFTReal || type == OFTInteger || type == OFTInteger64) {
            if (const std::string* written = unparsed_value(b)) {
                field_problem(b, "field.invalid", fmt::format("'{}' is not a number", text::repair_utf8(*written)));
                return std::nullopt;
            }
            // Formatted only for a message: formatting every number of a million
            // records cost more than reading them.
            value = feature_->GetFieldAsDouble(b.index);
            if (!std::isfinite(*value)) {
                field_problem(b, "field.invalid",
                              fmt::format("'{}' is not a finite number", feature_->GetFieldAsString(b.index)));
                return std::nullopt;
            }
        } else if (auto s = raw_text(b)) {
            text_form = *s;
            char* end = nullptr;
            const double v = std::strtod(s->c_str(), &end);
            if (end == s->c_str() || *end != '\0' || !std::isfinite(v)) {
                field_problem(b, "field.invalid", fmt::format("'{}' is not a number", *s));
                return std::nullopt;
            }
            value = v;
        }
    }
    if (!value) {
        if (b.spec->required) field_problem(b, "field.missing", "empty");
        return std::nullopt;
    }
    const bool bounded_above = b.spec->max >= b.spec->min;
    if (*value < b.spec->min || (bounded_above && *value > b.spec->max)) {
        const std::string shown = text_form ? *text_form : std::string(feature_->GetFieldAsString(b.index));
        std::string hint;
        if (bounded_above && b.spec->max == 1 && *value > 1 && *value <= 100) hint = " (a percentage? the contract wants a ratio 0..1)";
        field_problem(b, "field.out_of_range",
                      bounded_above ? fmt::format("{} is outside {}..{}{}", shown, b.spec->min, b.spec->max, hint)
                                    : fmt::format("{} is below {}", shown, b.spec->min));
        return std::nullopt;
    }
    return value;
}

std::optional<bool> RecordReader::flag(const char* canonical) {
    const Binding& b = binding(canonical);
    auto s = raw_text(b);
    if (!s) {
        if (b.spec->required) field_problem(b, "field.missing", "empty");
        return std::nullopt;
    }
    static const char* const yes[] = {"1", "true", "yes", "y", "t", "是", "1.0"};
    static const char* const no[] = {"0", "false", "no", "n", "f", "否", "0.0"};
    for (const char* y : yes)
        if (text::iequals(*s, y)) return true;
    for (const char* n : no)
        if (text::iequals(*s, n)) return false;
    field_problem(b, "field.invalid",
                  fmt::format("'{}' is not a flag; expected 1/0, true/false, yes/no or 是/否 (map yours under [{}.values.{}])",
                              *s, spec_.name, b.spec->name));
    return std::nullopt;
}

}  // namespace parkcap::io::detail
