#include "parkcap/session/outputs.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>
#include <sys/stat.h>
#include <system_error>

#include <fmt/format.h>

#include "parkcap/core/atomic_file.hpp"
#include "parkcap/core/error.hpp"
#include "parkcap/io/load.hpp"
#include "parkcap/io/schema.hpp"

namespace fs = std::filesystem;

namespace parkcap::session {

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool is_connection(const std::string& source) { return source.rfind("PG:", 0) == 0 || source.rfind("pg:", 0) == 0; }

/// A Shapefile is many files: every one of its name (.shx, .dbf, .prj, .cpg, .qix, ...).
void add_with_sidecars(const std::string& path, std::vector<std::string>& out) {
    out.push_back(path);
    const fs::path p(path);
    if (lower(p.extension().string()) != ".shp") return;
    const std::string stem = lower(p.stem().string());
    std::error_code ec;
    const fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const fs::path q = entry.path();
        if (lower(q.stem().string()) == stem && q.filename() != p.filename()) out.push_back(q.string());
    }
}

/// A file's identity: its real path, and its device and inode when it exists.
struct FileId {
    fs::path real;
    std::optional<std::pair<dev_t, ino_t>> node;
    bool is_folder = false;
};

FileId identify(const std::string& path) {
    FileId id;
    std::error_code ec;
    id.real = fs::weakly_canonical(fs::absolute(path, ec), ec);
    if (ec) id.real = fs::absolute(path).lexically_normal();
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        id.node = std::make_pair(st.st_dev, st.st_ino);
        id.is_folder = S_ISDIR(st.st_mode);
    }
    return id;
}

/// A folder output, and the extension of the files it receives.
bool is_folder(OutputKind kind) { return kind == OutputKind::CsvFolder || kind == OutputKind::PngFolder; }
const char* files_in_folder(OutputKind kind) { return kind == OutputKind::PngFolder ? ".png" : ".csv"; }
const char* what_folder_receives(OutputKind kind) { return kind == OutputKind::PngFolder ? "PNG images" : "CSV tables"; }

bool same_file(const FileId& a, const FileId& b) {
    if (a.node && b.node) return *a.node == *b.node;
    return a.real == b.real;
}

/// Whether two outputs would write one file: the same file, or a CSV (PNG) file
/// where a CSV (PNG) folder receives its files. One folder may receive both the
/// CSV tables and the PNG charts: their files never share a name.
bool outputs_collide(OutputKind a_kind, const FileId& a, OutputKind b_kind, const FileId& b) {
    if (is_folder(a_kind) && is_folder(b_kind) && a_kind != b_kind) return false;
    if (same_file(a, b)) return true;
    const auto written_into = [](OutputKind folder_kind, const FileId& folder, const FileId& file) {
        return is_folder(folder_kind) && file.real.parent_path() == folder.real &&
               lower(file.real.extension().string()) == files_in_folder(folder_kind);
    };
    return written_into(a_kind, a, b) || written_into(b_kind, b, a);
}

const char* extension_of(OutputKind kind) {
    switch (kind) {
        case OutputKind::GeoPackage: return ".gpkg";
        case OutputKind::CsvFile: return ".csv";
        case OutputKind::Toml: return ".toml";
        case OutputKind::Png: return ".png";
        case OutputKind::Pdf: return ".pdf";
        case OutputKind::CsvFolder:
        case OutputKind::PngFolder: return "";
    }
    return "";
}

/// Whether a load given `folder` would read the output `out` written into it: any
/// GeoPackage there is searched for layers, and a file named like a layer is one.
bool read_back_from_folder(const fs::path& out, const fs::path& folder) {
    if (out.parent_path() != folder) return false;
    if (lower(out.extension().string()) == ".gpkg") return true;
    const std::string stem = lower(out.stem().string());
    for (const auto& spec : io::layer_specs())
        if (stem == lower(spec.name)) return true;
    return false;
}

std::string what_it_is(const std::string& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) return "not a regular file";
    if (S_ISDIR(st.st_mode)) return "a folder";
    if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) return "a device";
    if (S_ISFIFO(st.st_mode)) return "a FIFO";
    if (S_ISSOCK(st.st_mode)) return "a socket";
    return "not a regular file";
}

void check_one(const OutputTarget& t) {
    if (t.path.empty()) throw UsageError(fmt::format("{}: empty path", t.option));
    const std::string ext = extension_of(t.kind);
    if (!ext.empty() && lower(fs::path(t.path).extension().string()) != ext)
        throw UsageError(fmt::format("{} {}: the file must end in {}", t.option, t.path, ext),
                         fmt::format("name the output like AUDIT{}", ext));
    std::error_code ec;
    const fs::file_status st = fs::status(t.path, ec);
    const bool exists = fs::exists(st);
    if (is_folder(t.kind)) {
        if (exists && !fs::is_directory(st))
            throw UsageError(fmt::format("{} {}: is a file, not a folder", t.option, t.path),
                             fmt::format("{} names the folder that receives the {}", t.option, what_folder_receives(t.kind)));
    } else if (exists) {
        if (!fs::is_regular_file(st))
            throw UsageError(fmt::format("{} {}: is {}; parkcap writes only ordinary files", t.option, t.path,
                                         what_it_is(t.path)),
                             "name a file path for the output");
        if (!t.may_replace)
            throw UsageError(fmt::format("{} {}: exists; not replacing it", t.option, t.path),
                             "pass --overwrite to replace it");
    }
    const fs::path parent = fs::path(t.path).parent_path();
    if (is_folder(t.kind) || parent.empty()) return;
    std::error_code parent_ec;
    const bool parent_is_folder = fs::is_directory(parent, parent_ec);
    // A folder this user may not look into is not "missing": say which and why.
    if (parent_ec && parent_ec != std::errc::no_such_file_or_directory)
        throw OutputError(fmt::format("{} {}: cannot be written: folder {} cannot be reached ({})", t.option, t.path,
                                      parent.string(), parent_ec.message()),
                          "write the output where you may read and write, or check the folder's permissions");
    if (!parent_is_folder)
        throw OutputError(fmt::format("{} {}: cannot be written: folder {} does not exist", t.option, t.path,
                                      parent.string()),
                          "create the folder first, or check the path");
}

}  // namespace

std::vector<std::string> input_files(const Options& options) {
    std::vector<std::string> files;
    if (!options.data.empty() && !is_connection(options.data)) {
        for (const auto& path : io::input_paths(load_options(options)))
            if (!is_connection(path)) add_with_sidecars(path, files);
    }
    for (const std::string& f : options.rules_files)
        if (!f.empty()) add_with_sidecars(f, files);
    for (const std::string* f : {&options.mapping_file, &options.projects_file, &options.quota_file,
                                 &options.audit_file, &options.plan_file, &options.overrides_file,
                                 &options.conditions_file})
        if (!f->empty() && !is_connection(*f)) add_with_sidecars(*f, files);
    for (const std::string& f : options.other_inputs)
        if (!f.empty() && !is_connection(f)) add_with_sidecars(f, files);
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    return files;
}

std::vector<std::string> prepare_outputs(const Options& options, const std::vector<OutputTarget>& outputs) {
    validate(options);  // the inputs are listed from the options: they must make sense first
    for (const auto& t : outputs) check_one(t);

    struct Input {
        std::string path;
        FileId id;
    };
    std::vector<Input> inputs;
    for (const auto& path : input_files(options)) inputs.push_back({path, identify(path)});

    std::vector<FileId> ids;
    for (const auto& t : outputs) ids.push_back(identify(t.path));
    for (std::size_t k = 0; k < outputs.size(); ++k) {
        const OutputTarget& t = outputs[k];
        const FileId& out = ids[k];
        for (const auto& in : inputs) {
            if (same_file(out, in.id))
                throw UsageError(fmt::format("{} {}: is an input of this run ({}); writing it would destroy it", t.option,
                                             t.path, in.path),
                                 "write the outputs to another file or folder");
            if (in.id.is_folder && (read_back_from_folder(out.real, in.id.real) ||
                                    (is_folder(t.kind) && same_file(out, in.id))))
                throw UsageError(fmt::format("{} {}: lies in the input folder {}; a later run would read it as data",
                                             t.option, t.path, in.path),
                                 "write the outputs beside the data folder, not inside it");
            if (is_folder(t.kind) && !in.id.is_folder && in.id.real.parent_path() == out.real &&
                lower(in.id.real.extension().string()) == files_in_folder(t.kind))
                throw UsageError(fmt::format("{} {}: holds the input {}; the {} written there could replace it",
                                             t.option, t.path, in.path, what_folder_receives(t.kind)),
                                 fmt::format("write the {} into a folder of their own", what_folder_receives(t.kind)));
        }
        for (std::size_t m = 0; m < k; ++m)
            if (outputs_collide(outputs[m].kind, ids[m], t.kind, out))
                throw UsageError(fmt::format("{} and {} both name {}; the second would destroy the first", outputs[m].option,
                                             t.option, t.path),
                                 "give each output its own file");
    }

    std::vector<std::string> notes;
    std::vector<std::string> folders;
    for (const auto& t : outputs) {
        if (is_folder(t.kind)) {
            if (std::error_code exists_ec; !fs::exists(t.path, exists_ec)) {
                std::error_code ec;
                fs::create_directories(t.path, ec);
                if (ec)
                    throw OutputError(fmt::format("{} {}: the folder cannot be created: {}", t.option, t.path, ec.message()),
                                      "check the path and that you may write there");
            }
            folders.push_back(t.path);
        } else {
            const fs::path parent = fs::path(t.path).parent_path();
            folders.push_back(parent.empty() ? "." : parent.string());
        }
    }
    std::sort(folders.begin(), folders.end());
    folders.erase(std::unique(folders.begin(), folders.end()), folders.end());
    // A set a killed run was renaming into place is completed first: its files are whole.
    for (const auto& folder : folders)
        for (const auto& done : complete_interrupted_sets(folder))
            notes.push_back(fmt::format("completed {}: an interrupted run (process {}) had written it whole and was "
                                        "replacing its output set",
                                        done.target, done.pid));
    for (const auto& folder : folders)
        for (const auto& removed : remove_interrupted_outputs(folder))
            notes.push_back(fmt::format("removed {}, left by an interrupted run (process {}) that was writing {}",
                                        removed.temp_path, removed.pid, removed.target));
    return notes;
}

}  // namespace parkcap::session
