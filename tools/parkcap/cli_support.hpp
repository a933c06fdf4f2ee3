#pragma once
// What every subcommand shares: the loading options, a terminal progress bar,
// and tables that line up Chinese text (two columns per CJK character).
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "parkcap/core/progress.hpp"
#include "parkcap/io/load.hpp"
#include "parkcap/rules/rules.hpp"

namespace parkcap::cli {

/// The options naming and reading the input: DATA, --mapping, --crs, --quiet.
struct InputOptions {
    std::string data;
    std::string mapping_file;
    std::string crs;
    bool quiet = false;

    void add_to(CLI::App& app);
    /// Engine load options (reads the mapping file; may throw).
    io::LoadOptions load_options() const;
};

/// --rules FILE: the user's rules, or the compiled-in defaults.
struct RulesOption {
    std::string path;
    void add_to(CLI::App& app);
    rules::Rules load() const;
};

/// Parses --as-of; UsageError naming the option when it is not a date.
Date parse_as_of(const std::string& text);

/// Refuses to replace an existing output unless --overwrite was given.
void check_output_path(const std::string& path, bool overwrite);

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
