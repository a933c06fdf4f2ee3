#pragma once
// Before a run writes anything: the outputs it was asked for must not destroy an
// input, another output, or anything that is not an ordinary file of the right
// format. Checked before any work, so a mistyped --out costs nothing: the same
// file given as input and output is found by its real path and by its device and
// inode (hard links, symlinks, "./x" and "x" all name one file).
#include <cstdint>
#include <string>
#include <vector>

#include "parkcap/session/session.hpp"

namespace parkcap::session {

/// What an output is, for the checks that fit its format.
enum class OutputKind : uint8_t {
    GeoPackage,  ///< one .gpkg file
    CsvFolder,   ///< a folder receiving CSV tables (created when absent)
    CsvFile,     ///< one .csv file
    Toml,        ///< one .toml file
    Png,         ///< one .png image
    PngFolder,   ///< a folder receiving PNG images (charts; created when absent)
    Pdf,         ///< one .pdf document (the briefing pack)
};

/// One output a run was asked for.
struct OutputTarget {
    std::string path;
    std::string option;          ///< "--out", "--audit-out", "--csv", ...: named in every refusal
    OutputKind kind = OutputKind::GeoPackage;
    bool may_replace = false;    ///< an existing file may be replaced (--overwrite, or a report rewritten each run)
};

/// Every file a run with these options reads: the layers' sources (a Shapefile with
/// every sidecar of its name), the mapping, rules, projects, quota, audit, plan and
/// overrides files. Folders are listed as folders; PostGIS connections are left out.
std::vector<std::string> input_files(const Options& options);

/// Refuses (UsageError naming the option and the file) an output that is an input,
/// or that a later load of an input folder would read as a layer (a GeoPackage or a
/// file named like a layer, in that folder), that names the same file as another
/// output, whose extension does not fit its format, that exists and is not a
/// regular file (a device, a FIFO, a folder; for a CSV or PNG folder: not a folder), or
/// that exists without may_replace; OutputError when its folder does not exist.
/// Then removes from the outputs' folders the temporary files of earlier runs that
/// were killed before they finished, and returns one note per file removed.
std::vector<std::string> prepare_outputs(const Options& options, const std::vector<OutputTarget>& outputs);

}  // namespace parkcap::session
