#pragma once
// What every subcommand shares: the loading options, a terminal progress bar,
// and tables that line up Chinese text (two columns per CJK character).
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "parkcap/core/progress.hpp"
#include "parkcap/session/outputs.hpp"
#include "parkcap/session/session.hpp"

namespace parkcap::cli {

/// The options naming and reading the input: DATA, --mapping, --crs, --quiet,
/// declared on a subcommand and filled into the engine's session options (the
/// viewer fills the same struct from its own command line).
struct InputOptions {
    session::Options session;
    bool quiet = false;

    void add_to(CLI::App& app);
    /// --rules FILE: the user's rules, or the built-in defaults.
    void add_rules(CLI::App& app);
};

/// Refuses an option given with an empty value ("--crs ''"): empty means "not
/// given" in the session's options, so it would silently mean the default.
extern const CLI::Validator kNonEmpty;

/// `--store` writes results back into the store DATA names, so it needs DATA to be
/// one (PG:...) with the current schema; without it, `--out` is required. UsageError
/// otherwise (DataError for a store of another schema version).
void check_store_option(bool store, const std::string& data, const std::string& out);

/// Prints the session's notes on stderr ("parkcap: note: ...").
void print_notes(const session::Session& s);

/// Checks the outputs against the inputs and each other before any work
/// (session::prepare_outputs: UsageError on a refusal) and prints, as notes, the
/// debris of interrupted runs it removed.
void check_outputs(const session::Options& options, const std::vector<session::OutputTarget>& outputs);

/// Prints a JSON document on stdout. Text that is not valid UTF-8 (a name the
/// loader could not decode) is written with U+FFFD in its place, so the document
/// always parses.
void print_json_document(const nlohmann::ordered_json& document);

/// Where a command that writes `out` (AUDIT.gpkg) puts the rejects report when the
/// load stops: beside it, AUDIT-rejects.csv.
std::string rejects_beside(const std::string& out);

/// A one-line progress bar on stderr: only on a terminal, at most ten redraws a
/// second, silent with --quiet.
class ProgressBar {
public:
    explicit ProgressBar(bool quiet);
    ~ProgressBar();
    ProgressFn callback();
    void finish();

private:
    void draw(std::string_view stage, uint64_t done, uint64_t total);
    bool enabled_;
    double last_draw_ = 0;
    bool drawn_ = false;
};

/// Columns of text padded by display width.
class TextTable {
public:
    explicit TextTable(std::vector<std::string> header, std::vector<bool> right_aligned = {});
    void add(std::vector<std::string> row);
    std::string render(const std::string& indent = "  ") const;

private:
    std::vector<std::vector<std::string>> rows_;
    std::vector<bool> right_;
};

/// Terminal columns a UTF-8 string occupies (CJK wide characters count two).
std::size_t display_width(const std::string& s);
std::string format_number(double v, int decimals);

}  // namespace parkcap::cli
