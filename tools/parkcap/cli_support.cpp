#include "cli_support.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <unistd.h>

#include <fmt/format.h>

#include "parkcap/core/error.hpp"
#include "parkcap/store/connection.hpp"
#include "parkcap/store/schema.hpp"

namespace parkcap::cli {

const CLI::Validator kNonEmpty(
    [](std::string& value) { return value.empty() ? std::string("an empty value; leave the option out for its default") : std::string(); },
    "", "NONEMPTY");

void InputOptions::add_to(CLI::App& app) {
    app.add_option("DATA", session.data,
                   "folder of layers (parks, shoreline, parcels, districts, projects, quota), a GeoPackage, a "
                   "PostGIS 'PG:...' connection, or one parcels file")->check(kNonEmpty)
        ->required();
    app.add_option("--mapping", session.mapping_file,
                   "field-mapping file (TOML) for your own field names, values and encoding")->check(kNonEmpty)
        ->check(CLI::ExistingFile);
    app.add_option("--crs", session.crs, "working CRS for all measurement, e.g. EPSG:4528 (default: the CGCS2000 "
                                         "3-degree Gauss-Krüger zone nearest the data)")->check(kNonEmpty);
    app.add_flag("-q,--quiet", quiet, "no progress bar");
}

void InputOptions::add_rules(CLI::App& app) {
    app.add_option("--rules", session.rules_files,
                   "rules file (TOML) naming the thresholds and weights it changes, laid over the built-in "
                   "engine/rules/default_rules.toml; repeat to layer several, later files win (docs/rules.md)")
        ->allow_extra_args(false)->check(kNonEmpty)
        ->check(CLI::ExistingFile);
}

void check_store_option(bool store, const std::string& data, const std::string& out) {
    if (store && !store::is_store_address(data))
        throw UsageError(fmt::format("--store writes back into the store DATA names, and {} is not one", data),
                         "import the package first (parkcap db import DATA --db PG:...), then run on PG:...");
    if (!store && out.empty()) throw UsageError("--out is required (or --store, when DATA is a store)");
    // Before any work: a run that cannot be written back should not run.
    if (store) {
        store::Connection c(data);
        store::require_current_schema(c);
    }
}

void print_notes(const session::Session& s) {
    for (const auto& note : s.notes) std::fprintf(stderr, "parkcap: note: %s\n", note.c_str());
}

void check_outputs(const session::Options& options, const std::vector<session::OutputTarget>& outputs) {
    for (const auto& note : session::prepare_outputs(options, outputs))
        std::fprintf(stderr, "parkcap: note: %s\n", note.c_str());
}

void print_json_document(const nlohmann::ordered_json& document) {
    std::fputs(document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace).c_str(), stdout);
    std::fputs("\n", stdout);
}

std::string rejects_beside(const std::string& out) {
    std::filesystem::path p(out);
    p.replace_filename(p.stem().string() + "-rejects.csv");
    return p.string();
}

namespace {
double now_s() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
}  // namespace

ProgressBar::ProgressBar(bool quiet) : enabled_(!quiet && ::isatty(STDERR_FILENO)) {}
ProgressBar::~ProgressBar() { finish(); }

ProgressFn ProgressBar::callback() {
    if (!enabled_) return {};
    return [this](std::string_view stage, uint64_t done, uint64_t total) { draw(stage, done, total); };
}

void ProgressBar::draw(std::string_view stage, uint64_t done, uint64_t total) {
    const double t = now_s();
    if (t - last_draw_ < 0.1 && done != total) return;
    last_draw_ = t;
    drawn_ = true;
    if (total > 0) {
        const int width = 30;
        const int filled = static_cast<int>(width * static_cast<double>(done) / static_cast<double>(total));
        std::fprintf(stderr, "\r%-10.*s [%s%s] %3d%% %llu/%llu   ", static_cast<int>(stage.size()), stage.data(),
                     std::string(static_cast<std::size_t>(filled), '#').c_str(),
                     std::string(static_cast<std::size_t>(width - filled), '.').c_str(),
                     static_cast<int>(100.0 * static_cast<double>(done) / static_cast<double>(total)),
                     static_cast<unsigned long long>(done), static_cast<unsigned long long>(total));
    } else {
        std::fprintf(stderr, "\r%-10.*s %llu   ", static_cast<int>(stage.size()), stage.data(),
                     static_cast<unsigned long long>(done));
    }
    std::fflush(stderr);
}

void ProgressBar::finish() {
    if (drawn_) {
        std::fprintf(stderr, "\r%70s\r", "");
        std::fflush(stderr);
        drawn_ = false;
    }
}

std::size_t display_width(const std::string& s) {
    std::size_t w = 0;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) { ++w; ++i; continue; }
        std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
        uint32_t cp = 0;
        if (len == 3 && i + 2 < s.size()) cp = ((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
        // CJK, Hangul, fullwidth forms and CJK punctuation take two columns.
        const bool wide = len == 4 || (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                          (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                          (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                          (cp >= 0xFFE0 && cp <= 0xFFE6);
        w += wide ? 2 : 1;
        i += len;
    }
    return w;
}

std::string format_number(double v, int decimals) {
    if (std::isnan(v)) return "-";
    std::string s = fmt::format("{:.{}f}", v, decimals);
    // Thousands separators in the integer part.
    const std::size_t dot = s.find('.');
    std::size_t end = dot == std::string::npos ? s.size() : dot;
    const std::size_t start = (s[0] == '-') ? 1 : 0;
    for (std::ptrdiff_t i = static_cast<std::ptrdiff_t>(end) - 3; i > static_cast<std::ptrdiff_t>(start); i -= 3)
        s.insert(static_cast<std::size_t>(i), ",");
    return s;
}

TextTable::TextTable(std::vector<std::string> header, std::vector<bool> right_aligned) : right_(std::move(right_aligned)) {
    rows_.push_back(std::move(header));
}

void TextTable::add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }

std::string TextTable::render(const std::string& indent) const {
    std::vector<std::size_t> widths;
    for (const auto& r : rows_)
        for (std::size_t c = 0; c < r.size(); ++c) {
            if (widths.size() <= c) widths.push_back(0);
            widths[c] = std::max(widths[c], display_width(r[c]));
        }
    std::string out;
    for (const auto& r : rows_) {
        std::string line = indent;
        for (std::size_t c = 0; c < r.size(); ++c) {
            const std::string pad(widths[c] - display_width(r[c]), ' ');
            const bool right = c < right_.size() && right_[c];
            line += right ? pad + r[c] : r[c] + (c + 1 < r.size() ? pad : "");
            if (c + 1 < r.size()) line += "  ";
        }
        out += line + "\n";
    }
    return out;
}

}  // namespace parkcap::cli
