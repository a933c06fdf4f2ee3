#include "ogr_source.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <fnmatch.h>

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
    // A PostgreSQL database lists its tables without geometry too (projects, quota),
    // as a GeoPackage does; GDAL's PG driver lists only spatial ones by default.
    if (path.rfind("PG:", 0) == 0 || path.rfind("pg:", 0) == 0) opts.push_back("LIST_ALL_TABLES=YES");
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
        std::error_code ec;
        if (!is_connection_string(path) && fs::is_regular_file(path, ec) && fs::file_size(path, ec) == 0 && !ec)
            throw InputError(fmt::format("{}: the file is empty (0 bytes)", path),
                             "export it again from the source system, or remove it if it is not data");
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

/// The data file `<stem>.<ext>` in `dir` by the order of kExtensions; `others`, when
/// given, receives the other files of that name and a data extension, which are not read.
std::optional<fs::path> find_in_folder(const fs::path& dir, const std::string& stem, std::vector<fs::path>* others = nullptr) {
    std::map<std::string, fs::path> by_ext;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (!entry.is_regular_file()) continue;
        const fs::path& p = entry.path();
        if (!text::iequals(p.stem().string(), stem)) continue;
        std::string ext = lower(p.extension().string());
        if (!ext.empty()) ext.erase(0, 1);
        by_ext[ext] = p;
    }
    std::optional<fs::path> chosen;
    for (const auto& ext : kExtensions)
        if (auto it = by_ext.find(ext); it != by_ext.end()) {
            if (!chosen) chosen = it->second;
            else if (others) others->push_back(it->second);
        }
    if (chosen) return chosen;
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

bool has_glob_characters(const std::string& s) { return s.find_first_of("*?[") != std::string::npos; }

// Files beside a data file that are part of it, never data of their own.
bool is_sidecar(const std::string& ext) {
    static const char* const sidecars[] = {"shx", "prj", "cpg", "qix", "sbn", "sbx", "fix", "qpj", "xml", "qmd",
                                           "aux", "ovr", "lock", "gpkg-wal", "gpkg-shm", "gpkg-journal"};
    for (const char* s : sidecars)
        if (ext == s) return true;
    return false;
}

std::string extension_of(const fs::path& p) {
    std::string ext = lower(p.extension().string());
    if (!ext.empty()) ext.erase(0, 1);
    return ext;
}

bool geometry_fits(OGRwkbGeometryType type, const LayerSpec& spec) {
    const OGRwkbGeometryType t = wkbFlatten(type);
    switch (spec.geometry) {
    case LayerSpec::Geometry::None: return t == wkbNone;
    case LayerSpec::Geometry::Polygon:
        return t == wkbPolygon || t == wkbMultiPolygon || t == wkbCurvePolygon || t == wkbMultiSurface ||
               t == wkbUnknown || t == wkbGeometryCollection;
    case LayerSpec::Geometry::Line:
        return t == wkbLineString || t == wkbMultiLineString || t == wkbCompoundCurve || t == wkbCircularString ||
               t == wkbMultiCurve || t == wkbUnknown || t == wkbGeometryCollection;
    }
    return false;
}

const char* geometry_wanted(const LayerSpec& spec) {
    return spec.geometry == LayerSpec::Geometry::Polygon ? "polygons"
           : spec.geometry == LayerSpec::Geometry::Line  ? "lines"
                                                         : "a table without geometry";
}

std::vector<std::string> layer_names(GDALDataset& ds) {
    std::vector<std::string> names;
    for (int i = 0; i < ds.GetLayerCount(); ++i) names.push_back(ds.GetLayer(i)->GetName());
    return names;
}

/// The layers of one file found by a folder, a glob or a list: the named one, or
/// every layer whose geometry fits (a multi-layer file is never read as its first layer).
void add_file_layers(const std::string& path, const LayerSpec& spec, const LayerMapping& mapping, LayerSources& out) {
    auto ds = open_vector(path, {});
    if (!ds) {
        out.skipped.emplace_back(path, "not vector data GDAL can open: " + gdal_message());
        return;
    }
    if (mapping.layer) {
        if (OGRLayer* l = find_layer(*ds, *mapping.layer)) out.parts.push_back({path, l->GetName()});
        else out.skipped.emplace_back(path, fmt::format("has no layer '{}' (its layers: {})", *mapping.layer,
                                                        fmt::join(layer_names(*ds), ", ")));
        return;
    }
    const bool several = ds->GetLayerCount() > 1;
    for (int i = 0; i < ds->GetLayerCount(); ++i) {
        OGRLayer* l = ds->GetLayer(i);
        const std::string where = several ? path + ":" + l->GetName() : path;
        if (geometry_fits(l->GetGeomType(), spec)) out.parts.push_back({path, several ? l->GetName() : ""});
        else out.skipped.emplace_back(where, fmt::format("holds {} geometries; the {} are {}",
                                                         OGRGeometryTypeToName(l->GetGeomType()), spec.name,
                                                         geometry_wanted(spec)));
    }
}

/// Every data file of a folder, in name order: a Shapefile by its .shp (a .dbf
/// alone is a table), sidecars left out, anything else reported as not read.
void add_folder(const fs::path& dir, const LayerSpec& spec, const LayerMapping& mapping, LayerSources& out) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& p : files) {
        const std::string ext = extension_of(p);
        if (is_sidecar(ext)) continue;
        if (ext == "dbf") {
            fs::path shp = p;
            if (fs::exists(shp.replace_extension(".shp")) || fs::exists(shp.replace_extension(".SHP"))) continue;
        }
        const bool known = ext == "dbf" || std::find(kExtensions.begin(), kExtensions.end(), ext) != kExtensions.end();
        if (!known) {
            out.skipped.emplace_back(p.string(), "not a data file parkcap reads (by its extension)");
            continue;
        }
        add_file_layers(p.string(), spec, mapping, out);
    }
}

/// Expands a glob relative to `base` (sorted; empty when nothing matches).
std::vector<fs::path> expand_glob(const fs::path& base, const std::string& pattern) {
    const fs::path full = fs::path(pattern).is_absolute() ? fs::path(pattern) : base / pattern;
    std::vector<fs::path> out;
    // Only the file name may hold wildcards: folders are named as they are.
    const fs::path dir = full.parent_path().empty() ? fs::path(".") : full.parent_path();
    if (has_glob_characters(dir.string()) || !fs::is_directory(dir)) return out;
    const std::string name_pattern = full.filename().string();
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (!entry.is_regular_file()) continue;
        if (fnmatch(name_pattern.c_str(), entry.path().filename().string().c_str(), 0) == 0) out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

/// Where a relative mapped source is looked for, in order.
std::vector<fs::path> source_bases(const LoadOptions& options) {
    std::vector<fs::path> bases;
    if (fs::is_directory(options.data)) bases.push_back(options.data);
    else bases.push_back(fs::path(options.data).parent_path());
    if (options.mapping && !options.mapping->base_dir.empty()) bases.push_back(options.mapping->base_dir);
    bases.push_back(fs::path());
    return bases;
}

void add_mapped_source(const LoadOptions& options, const LayerSpec& spec, const LayerMapping& mapping,
                       const std::string& source, bool one_entry, LayerSources& out) {
    const std::string mapping_name = options.mapping ? options.mapping->source_name : "mapping";
    if (is_connection_string(source)) {
        out.parts.push_back({source, mapping.layer.value_or("")});
        return;
    }
    const std::vector<fs::path> bases =
        fs::path(source).is_absolute() ? std::vector<fs::path>{fs::path()} : source_bases(options);
    if (has_glob_characters(fs::path(source).filename().string())) {
        for (const auto& base : bases) {
            const auto matches = expand_glob(base, source);
            if (matches.empty()) continue;
            for (const auto& m : matches) {
                const std::string ext = extension_of(m);
                if (is_sidecar(ext) || (ext == "dbf" && fs::exists(fs::path(m).replace_extension(".shp")))) continue;
                add_file_layers(m.string(), spec, mapping, out);
            }
            return;
        }
        throw InputError(fmt::format("{}: [{}] source '{}' matches no file (looked beside DATA {} and beside the "
                                     "mapping file)",
                                     mapping_name, spec.name, source, options.data),
                         "check the pattern: * matches any characters of a file name, ? one character");
    }
    for (const auto& base : bases) {
        const fs::path c = base / source;
        if (!fs::exists(c)) continue;
        if (fs::is_directory(c)) {
            add_folder(c, spec, mapping, out);
        } else if (one_entry) {
            // A single named file: its one layer, the layer named, or an error listing
            // its layers (SourceLayer says so) -- never silently its first layer.
            out.parts.push_back({c.string(), mapping.layer.value_or("")});
        } else {
            add_file_layers(c.string(), spec, mapping, out);
        }
        return;
    }
    throw InputError(fmt::format("{}: [{}] source '{}' was not found (looked beside DATA {} and beside the mapping file)",
                                 mapping_name, spec.name, source, options.data));
}

}  // namespace

LayerSources locate_layer(const LoadOptions& options, const LayerSpec& spec, const LayerMapping& mapping) {
    LayerSources found;
    const std::string wanted = mapping.layer.value_or(spec.name);
    if (!mapping.sources.empty()) {
        for (const auto& source : mapping.sources)
            add_mapped_source(options, spec, mapping, source, mapping.sources.size() == 1, found);
        if (found.parts.empty()) {
            std::string why;
            for (const auto& [file, reason] : found.skipped) why += fmt::format("; {}: {}", file, reason);
            throw InputError(fmt::format("{}: [{}] source {} holds no {} layer{}",
                                         options.mapping ? options.mapping->source_name : "mapping", spec.name,
                                         fmt::join(mapping.sources, ", "), geometry_wanted(spec), why),
                             "name the files that hold the " + spec.name);
        }
        return found;
    }
    if (spec.name == "projects" && options.projects) {
        found.parts.push_back({*options.projects, ""});
        return found;
    }
    if (spec.name == "quota" && options.quota) {
        found.parts.push_back({*options.quota, ""});
        return found;
    }

    const bool connection = is_connection_string(options.data);
    if (!connection && !fs::exists(options.data))
        throw InputError(fmt::format("{}: no such file or folder", options.data), "check the path given as DATA");

    if (!connection && fs::is_directory(options.data)) {
        std::vector<fs::path> others;
        if (auto file = find_in_folder(options.data, wanted, &others)) {
            found.parts.push_back({file->string(), ""});
            // Two exports of one layer side by side: the records of the other would
            // otherwise be left out without a word.
            for (const auto& other : others)
                found.skipped.emplace_back(other.string(),
                                           fmt::format("{} is read as the {} instead (files named like the layer are "
                                                       "taken in the order .{}); to read this one, name it in a "
                                                       "mapping: [{}] source = \"{}\"",
                                                       file->filename().string(), spec.name, fmt::join(kExtensions, ", ."),
                                                       spec.name, other.filename().string()));
            return found;
        }
        // A GeoPackage in the folder may hold the layer.
        std::vector<fs::path> packages;
        for (const auto& entry : fs::directory_iterator(options.data))
            if (entry.is_regular_file() && lower(entry.path().extension().string()) == ".gpkg") packages.push_back(entry.path());
        std::sort(packages.begin(), packages.end());
        for (const auto& p : packages)
            if (auto ds = open_vector(p.string(), {}); ds && find_layer(*ds, wanted)) {
                found.parts.push_back({p.string(), wanted});
                return found;
            }
        return found;
    }

    // One data source: a layer of that name, or (for parcels) its only layer.
    auto ds = open_or_throw(options.data, {});
    if (OGRLayer* l = find_layer(*ds, wanted)) {
        found.parts.push_back({options.data, l->GetName()});
        return found;
    }
    if (spec.name == "parcels" && ds->GetLayerCount() == 1) {
        found.parts.push_back({options.data, ds->GetLayer(0)->GetName()});
        return found;
    }
    if (spec.name == "parcels" && ds->GetLayerCount() > 1)
        throw InputError(fmt::format("{}: has no layer named 'parcels' and several layers ({}); parkcap does not guess "
                                     "which holds the parcels",
                                     options.data, fmt::join(layer_names(*ds), ", ")),
                         "name it in a mapping file: [parcels] layer = \"...\" (or source = [...] for several)");
    // Tables beside a single file: projects.csv next to city.gpkg.
    if (spec.geometry == LayerSpec::Geometry::None && !connection) {
        if (auto file = find_in_folder(fs::path(options.data).parent_path().empty() ? fs::path(".")
                                                                                   : fs::path(options.data).parent_path(),
                                       wanted)) {
            found.parts.push_back({file->string(), ""});
            return found;
        }
    }
    return found;
}

std::vector<std::string> files_of(const LayerSources& sources) {
    std::vector<std::string> files;
    auto add = [&](const std::string& f) {
        if (std::find(files.begin(), files.end(), f) == files.end()) files.push_back(f);
    };
    for (const auto& part : sources.parts) {
        if (is_connection_string(part.path)) continue;
        add(part.path);
        const fs::path p(part.path);
        if (extension_of(p) != "shp") continue;
        for (const char* ext : {".shx", ".dbf", ".prj", ".cpg", ".SHX", ".DBF", ".PRJ", ".CPG"}) {
            fs::path side = p;
            side.replace_extension(ext);
            if (fs::exists(side)) add(side.string());
        }
    }
    return files;
}

namespace {

// Formats whose text is UTF-8 by definition (GDAL hands it over decoded): an
// encoding in the mapping would only garble it.
bool defines_utf8(const std::string& driver) {
    static const char* const drivers[] = {"GPKG",  "PostgreSQL", "GeoJSON", "GeoJSONSeq", "FlatGeobuf", "SQLite",
                                          "XLSX",  "ODS",        "OpenFileGDB", "KML",    "LIBKML",     "GML",
                                          "ESRIJSON", "TopoJSON", "MVT"};
    for (const char* d : drivers)
        if (driver == d) return true;
    return false;
}

/// A number as tables write it: a sign, digits with at most one decimal point, an
/// optional exponent. strtod alone would also take hexadecimal ("0x1A" is 26),
/// "inf" and "nan", none of which a land record means.
std::optional<double> parse_decimal(const std::string& s) {
    std::size_t i = 0, digits = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i) ++digits;
    if (i < s.size() && s[i] == '.')
        for (++i; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i) ++digits;
    if (digits == 0) return std::nullopt;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
        std::size_t exponent_digits = 0;
        for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i) ++exponent_digits;
        if (exponent_digits == 0) return std::nullopt;
    }
    if (i != s.size()) return std::nullopt;
    const double v = std::strtod(s.c_str(), nullptr);
    if (!std::isfinite(v)) return std::nullopt;
    return v;
}

/// The cell of a Shapefile's .dbf as written (trimmed), for a message: GDAL hands
/// over numbers and dates already parsed, so '1e400' would be quoted as 'inf' and
/// '2019ABCD' as '0000/20/19'. Field `index` is GDAL's, which keeps the .dbf's order.
std::optional<std::string> dbf_cell(const std::string& shp, int64_t fid, int index) {
    if (fid < 0 || index < 0) return std::nullopt;
    for (const char* ext : {".dbf", ".DBF"}) {
        std::ifstream in(fs::path(shp).replace_extension(ext), std::ios::binary);
        unsigned char header[32];
        if (!in.read(reinterpret_cast<char*>(header), sizeof header)) continue;
        const std::size_t header_size = header[8] | header[9] << 8, record_size = header[10] | header[11] << 8;
        std::size_t offset = 1;  // the deletion flag
        for (int k = 0;; ++k) {
            unsigned char field[32];
            if (!in.read(reinterpret_cast<char*>(field), sizeof field) || field[0] == 0x0D) return std::nullopt;
            if (k == index) {
                std::string cell(field[16], '\0');
                in.seekg(static_cast<std::streamoff>(header_size + static_cast<std::size_t>(fid) * record_size + offset));
                if (!in.read(cell.data(), static_cast<std::streamsize>(cell.size()))) return std::nullopt;
                return std::string(text::trim(cell));
            }
            offset += field[16];
        }
    }
    return std::nullopt;
}

}  // namespace

SourceLayer::SourceLayer(const LayerLocation& where, const LayerSpec& spec, const LayerMapping& mapping)
    : file_(where.path) {
    const std::optional<std::string> declared =
        mapping.encoding ? std::optional<std::string>(text::normalise_encoding(*mapping.encoding)) : std::nullopt;
    dataset_ = open_or_throw(where.path, {});
    driver_ = dataset_->GetDriver() ? dataset_->GetDriver()->GetDescription() : "";
    // GDAL opens a .shp without its .dbf as a layer of no fields, which would be
    // reported as every required field missing rather than as the file that is.
    if (driver_ == "ESRI Shapefile" && extension_of(fs::path(where.path)) == "shp") {
        fs::path dbf = where.path, upper = where.path;
        dbf.replace_extension(".dbf");
        upper.replace_extension(".DBF");
        if (!fs::exists(dbf) && !fs::exists(upper))
            throw InputError(fmt::format("{}: its attribute table {} is missing, so the {} have no attributes",
                                         where.path, dbf.filename().string(), spec.name),
                             "copy the whole Shapefile: .shp, .shx, .dbf, .prj and .cpg");
    }

    auto pick_layer = [&]() -> OGRLayer* {
        if (!where.layer_name.empty()) {
            OGRLayer* l = find_layer(*dataset_, where.layer_name);
            if (!l)
                throw InputError(fmt::format("{}: has no layer '{}' for the {}; its layers are: {}", where.path,
                                             where.layer_name, spec.name, fmt::join(layer_names(*dataset_), ", ")),
                                 fmt::format("name the layer in the mapping file: [{}] layer = \"...\"", spec.name));
            return l;
        }
        if (dataset_->GetLayerCount() < 1)
            throw InputError(fmt::format("{}: holds no layer", where.path));
        if (dataset_->GetLayerCount() > 1)
            throw InputError(fmt::format("{}: holds {} layers ({}) and the mapping names none for the {}; parkcap does "
                                         "not guess which one",
                                         where.path, dataset_->GetLayerCount(), fmt::join(layer_names(*dataset_), ", "),
                                         spec.name),
                             fmt::format("name one: [{0}] layer = \"...\", or read several as one: [{0}] source = "
                                         "[\"FILE\", ...] or a folder",
                                         spec.name));
        return dataset_->GetLayer(0);
    };
    auto reopen = [&](const std::string& encoding_option) {
        layer_ = nullptr;
        dataset_.reset();
        dataset_ = open_or_throw(where.path, {"ENCODING=" + encoding_option});
        layer_ = pick_layer();
    };
    layer_ = pick_layer();

    if (driver_ == "ESRI Shapefile") {
        // The DBF's own declaration (.cpg or LDID) wins over [defaults]; only a
        // layer's own encoding overrides it.
        const char* cpg = layer_->GetMetadataItem("ENCODING_FROM_CPG", "SHAPEFILE");
        const char* ldid = layer_->GetMetadataItem("ENCODING_FROM_LDID", "SHAPEFILE");
        std::string own = cpg ? cpg : ldid ? ldid : "";
        // A declaration GDAL cannot recode from would hand the bytes over as they
        // are: it is treated as no declaration, and said so unless the layer's own
        // mapping encoding overrides it anyway.
        const std::string undecodable = !own.empty() && !text::is_known_encoding(own) ? own : "";
        if (!undecodable.empty()) own.clear();
        const std::string declaring_file = cpg ? ".cpg" : "DBF language byte";
        if (declared && (!mapping.encoding_from_defaults || own.empty())) {
            reopen(*declared);
            encoding_ = *declared;
            recoded_by_gdal_ = true;
            if (!undecodable.empty() && mapping.encoding_from_defaults)
                encoding_note_ = fmt::format("the {} declares the encoding '{}', which parkcap cannot decode; the "
                                             "mapping's [defaults] encoding = \"{}\" is applied instead. Correct the {}",
                                             declaring_file, undecodable, *mapping.encoding, declaring_file);
        } else if (!own.empty()) {
            encoding_ = own;
            recoded_by_gdal_ = true;
        } else {
            // Neither .cpg nor LDID: GDAL would assume Latin-1 and garble Chinese.
            // Read raw bytes and decide per value (UTF-8 when valid, else GBK).
            reopen("");
            encoding_ = "auto";
            if (!undecodable.empty())
                encoding_note_ = fmt::format("the {} declares the encoding '{}', which parkcap cannot decode; it is not "
                                             "applied: text is kept where it is UTF-8 and read as GBK elsewhere. Correct "
                                             "the {} (e.g. UTF-8 or 936), or set encoding in the mapping file",
                                             declaring_file, undecodable, declaring_file);
        }
    } else if (defines_utf8(driver_)) {
        encoding_ = "UTF-8";
        if (declared && *declared != "UTF-8")
            encoding_note_ = fmt::format("{} ({}) text is UTF-8 by definition; the mapping's encoding = \"{}\"{} is not "
                                         "applied to it; remove it from the mapping file (it belongs to Shapefiles "
                                         "without .cpg and CSV files)",
                                         driver_, spec.name, *mapping.encoding,
                                         mapping.encoding_from_defaults ? " (from [defaults])" : "");
    } else {
        // CSV and other formats without a defined encoding: the mapping's, else guessed.
        encoding_ = declared ? *declared : "auto";
    }
    layer_name_ = layer_->GetName();
}

int64_t SourceLayer::feature_count() { return layer_->GetFeatureCount(FALSE); }

RecordReader::RecordReader(SourceLayer& source, const LayerSpec& spec, const LayerMapping& mapping, LoadReport& report)
    : source_(source), spec_(spec), report_(report) {
    date_formats_ = mapping.date_formats.empty() ? default_date_formats() : mapping.date_formats;
    OGRFeatureDefn* defn = source.layer().GetLayerDefn();
    // Header names are decoded like the values, so a mapping names a GBK header
    // in UTF-8 and a message quotes it readably.
    std::vector<std::string> present;
    for (int i = 0; i < defn->GetFieldCount(); ++i) present.emplace_back(text::trim(decode(defn->GetFieldDefn(i)->GetNameRef())));
    auto index_of = [&](const std::string& name) {
        for (std::size_t i = 0; i < present.size(); ++i)
            if (text::iequals(present[i], name)) return static_cast<int>(i);
        return -1;
    };
    const std::string where = fmt::format("{}:{}", source.file(), source.layer_name());
    if (!source.encoding_note().empty())
        report_.add(Issue{Severity::Warning, "encoding.ignored", source.file(), source.layer_name(), "", -1, "",
                          source.encoding_note()});

    for (const auto& f : spec.fields) {
        Binding b;
        b.spec = &f;
        const auto mapped = mapping.fields.find(f.name);
        b.source_name = mapped != mapping.fields.end() ? mapped->second : f.name;
        b.index = index_of(b.source_name);
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
            if (!f.check_only && !f.quiet_when_absent)
                report_.add(Issue{Severity::Warning, "field.absent", source.file(), source.layer_name(), "", -1, f.name,
                              fmt::format("optional field '{}' ({}) not found; treated as empty for every record "
                                          "(docs/data.md says what an empty {} does)",
                                          f.name, f.meaning, f.name)});
        }
        bindings_.push_back(std::move(b));
    }
    // One column per field, each read once: GDAL keeps a header's repeated name
    // (the first would be read, the other ignored without a word), and a mapping
    // can point two fields at one column.
    for (std::size_t k = 0; k < bindings_.size(); ++k) {
        const Binding& b = bindings_[k];
        if (b.index < 0) continue;
        std::vector<std::string> columns;
        for (std::size_t i = 0; i < present.size(); ++i)
            if (text::iequals(present[i], present[static_cast<std::size_t>(b.index)])) columns.push_back(std::to_string(i + 1));
        if (columns.size() > 1)
            throw DataError(fmt::format("{}: field '{}' appears {} times in the header (columns {}); parkcap does not "
                                        "guess which one holds the {}",
                                        where, present[static_cast<std::size_t>(b.index)], columns.size(),
                                        fmt::join(columns, ", "), b.spec->name),
                            "rename or remove the other columns of that name");
        for (std::size_t j = k + 1; j < bindings_.size(); ++j)
            if (bindings_[j].index == b.index)
                throw DataError(fmt::format("{}: the mapping reads field '{}' for both {} and {}; each needs its own field",
                                            where, present[static_cast<std::size_t>(b.index)], b.spec->name,
                                            bindings_[j].spec->name),
                                "correct [" + spec.name + ".fields] in the mapping file");
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
    incomplete_.clear();
    warned_ = false;
    label_.clear();
    unparsed_.clear();
    const Binding& b = binding(id_field);
    if (b.index >= 0 && feature.IsFieldSetAndNotNull(b.index))
        label_ = text::repair_utf8(text::trim(decode(feature.GetFieldAsString(b.index))));
    if (label_.empty()) label_ = fmt::format("FID {}", feature.GetFID());
    take_gdal_warnings();
    if (const OverlongRecord* o = source_.overlong_record(feature.GetFID()))
        issue(Severity::Warning, "csv.extra_fields", "",
              fmt::format("line {} holds {} fields, the header {}: the values past the header's last column are not "
                          "read (a delimiter inside an unquoted value shifts every field after it: quote that value)",
                          o->line, o->fields, o->header_fields));
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
    if (b.spec->required && b.spec->kept_incomplete) {
        incomplete_.push_back(b.spec->name);
        issue(Severity::Warning, code, field,
              fmt::format("{}; the record is kept as incomplete: its land counts, but no rule that needs its {} "
                          "applies to it (fix it at source; docs/data.md)",
                          message, b.spec->name));
    } else if (b.spec->required) {
        issue(Severity::Rejected, code, field, message + "; record rejected");
    } else {
        issue(Severity::Warning, code, field, message + "; left empty");
    }
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
    const std::optional<Date> d = parsed_date(b);
    if (!d) return d;
    if (earliest_year_ > 0 && d->year() < earliest_year_) {
        field_problem(b, "field.out_of_range",
                      fmt::format("'{}' is before {}, older than any land record ([data] earliest_year; 1899-12-30 and "
                                  "1900-01-01 are the zero dates of Excel and Access)",
                                  d->iso(), earliest_year_));
        return std::nullopt;
    }
    const std::string_view name = b.spec->name;
    const bool event = name == "appr_date" || name == "supp_date" || name == "start_date" || name == "halt_date";
    if (event && !events_until_.is_null() && events_until_ < *d) {
        const std::string field =
            b.source_name == b.spec->name ? b.spec->name : fmt::format("{} ({})", b.source_name, b.spec->name);
        issue(Severity::Warning, "date.after_as_of", field,
              fmt::format("{} is after the audit date {}: kept, and as of the audit date it has not happened yet "
                          "(data exported later than the date audited, or a typo)",
                          d->iso(), events_until_.iso()));
    }
    return d;
}

std::optional<Date> RecordReader::parsed_date(const Binding& b) {
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
        field_problem(b, "field.invalid", fmt::format("'{}' is not a valid date", written_form(b)));
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
                field_problem(b, "field.invalid", fmt::format("'{}' is not a finite number", written_form(b)));
                return std::nullopt;
            }
        } else if (auto s = raw_text(b)) {
            text_form = *s;
            value = parse_decimal(*s);
            if (!value) {
                field_problem(b, "field.invalid", fmt::format("'{}' is not a number", *s));
                return std::nullopt;
            }
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

std::string RecordReader::written_form(const Binding& b) const {
    if (source_.driver() == "ESRI Shapefile")
        if (auto cell = dbf_cell(source_.file(), feature_->GetFID(), b.index)) return text::repair_utf8(*cell);
    return feature_->GetFieldAsString(b.index);
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
