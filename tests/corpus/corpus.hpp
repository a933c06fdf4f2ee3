#pragma once
// The bad-input corpus: one row per kind of broken input a city sends us. Each
// row writes its input as real files (support/city_writer.hpp, damaged further
// byte by byte with support/shapefile_bytes.hpp where GDAL would not write it),
// runs the parkcap binary on it, and states what must come of it:
//   (a) the exit code (docs/cli.md);
//   (b) the message, located: file, layer, feature and field on stderr, stdout
//       or in the rejects report, as far as they apply;
//   (c) the record accounting: read = kept + merged + rejected for the layer
//       (from `info --json`, or the rejects report's source.counts rows when the
//       load stops), or, for a run refused before it reads anything, that it
//       wrote nothing.
// Every row also checks that no input file changed and that nothing is an
// internal error. bad_input_test.cpp holds the table; builders.cpp the runner.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "support/city_writer.hpp"

namespace parkcap::test::corpus {

namespace fs = std::filesystem;

/// The command line a builder made, and where that run writes.
struct Run {
    std::string args;                  ///< after `parkcap`
    std::string rejects;               ///< the rejects report the run writes (or would)
    std::vector<std::string> outputs;  ///< files the run must not create when it fails
    bool json = false;                 ///< stdout is `info --json`
    bool unprivileged = false;         ///< run as a user the file permissions bind (nobody, when the tests run as root)
};

/// A fresh folder for one row: inputs go into data/ (checked unchanged after the
/// run), outputs beside it.
class Bench {
public:
    explicit Bench(fs::path dir);

    const fs::path& dir() const { return dir_; }
    /// DIR/data/NAME (DIR/data without a name).
    std::string data(const std::string& name = "") const;
    /// The DATA argument of the commands: the data folder unless set to one file in it.
    void data_is(const std::string& path) { data_arg_ = path; }
    /// DIR/NAME: outside the data folder.
    std::string out(const std::string& name) const;

    /// The canonical city in data/ as Shapefiles (or `driver`) with its CSV tables,
    /// each layer edited first by the given function (none: as designed).
    using Edit = std::function<void(LayerData&)>;
    void city(const Edit& parcels = {}, const std::string& driver = "ESRI Shapefile", const Edit& parks = {},
              const Edit& shoreline = {}, const WriteOptions& options = {});
    /// Replaces data/NAME with `bytes`.
    void file(const std::string& name, const std::string& bytes) const;
    /// The canonical projects.csv / quota.csv with one line replaced (0 is the
    /// header), appended (line == lines) or removed (text nullopt), re-encoded.
    void edit_csv(const std::string& name, std::size_t line, const std::optional<std::string>& text,
                  CsvEncoding encoding = CsvEncoding::Utf8) const;

    /// `info DATA --json -q --rejects DIR/rejects.csv EXTRA` (EXTRA's own --rejects instead, when it has one).
    Run info(const std::string& extra = "") const;
    /// `audit DATA --as-of 2026-06-30 -q EXTRA`, with `--out DIR/AUDIT.gpkg`; EXTRA's own --as-of or --out replaces these.
    Run audit(const std::string& extra = "") const;
    /// `plan DATA --as-of 2026-06-30 -q EXTRA`, with `--out DIR/PLAN.gpkg`; EXTRA's own --as-of or --out replaces these.
    Run plan(const std::string& extra = "") const;

private:
    Run command(const std::string& verb, const std::string& extra, const std::string& default_out) const;
    fs::path dir_;
    std::string data_arg_;
};

/// A rejects-report row a kind must produce. Empty members are not checked;
/// `file` is relative to the data folder ("parcels.shp"); `feature` matches the
/// row's feature_id or its fid.
struct Located {
    std::string code, file, layer, feature, field;
};

/// The record accounting of one layer, summed over its sources.
struct Tally {
    std::string layer;  ///< "" when the run is refused before reading anything
    uint64_t read = 0, kept = 0, merged = 0, rejected = 0;
};
/// A run stopped before it reads any record: its reports count none.
inline const Tally kNothingRead{};

struct Kind {
    std::string name;                       ///< the kind of broken input, unique
    std::function<Run(Bench&)> build;       ///< writes the input, returns the command
    int exit_code = 0;
    std::vector<std::string> says;          ///< fragments of stderr + stdout + rejects report; {data} is the data folder, {dir} the bench
    std::vector<Located> rows;              ///< rows the rejects report must hold
    Tally tally;
    std::string known_failure;              ///< why this row still fails (a bug left for the lead); "" when it passes

    Kind(std::string name_, std::function<Run(Bench&)> build_, int exit_code_, std::vector<std::string> says_,
         std::vector<Located> rows_, Tally tally_, std::string known_failure_ = {})
        : name(std::move(name_)), build(std::move(build_)), exit_code(exit_code_), says(std::move(says_)),
          rows(std::move(rows_)), tally(std::move(tally_)), known_failure(std::move(known_failure_)) {}
};

struct Group {
    std::string name;
    std::vector<Kind> kinds;
};

/// Runs one kind in a fresh folder and returns what is wrong with the outcome ("" each
/// when right). Never throws for a wrong outcome, so known failures can be listed.
std::vector<std::string> problems_of(const Kind& kind);

/// Runs every kind of the group: a row must pass unless it is a known failure,
/// and a known failure that passes must lose its mark. Known failures are printed.
void run_group(const Group& group);

}  // namespace parkcap::test::corpus
