// The corpus bench (writing a row's input) and runner (judging its outcome).
#include "corpus/corpus.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <regex>
#include <unistd.h>

#include <fmt/format.h>
#include <gdal_priv.h>
#include <nlohmann/json.hpp>
#include <ogrsf_frmts.h>

#include "support/fixtures.hpp"
#include "support/parkcap_run.hpp"

namespace parkcap::test::corpus {

namespace {

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size()) s.replace(at, from.size(), to);
    return s;
}

/// The lines of a CRLF text (the canonical tables are written with CRLF).
std::vector<std::string> crlf_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t end; (end = text.find("\r\n", start)) != std::string::npos; start = end + 2)
        lines.push_back(text.substr(start, end - start));
    if (start < text.size()) lines.push_back(text.substr(start));
    return lines;
}

/// Rows of a CSV text (RFC 4180 quoting; a UTF-8 BOM is skipped).
std::vector<std::vector<std::string>> parse_csv(std::string text) {
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    std::vector<std::vector<std::string>> rows(1);
    std::string cell;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') cell += text[++i];
            else if (c == '"') quoted = false;
            else cell += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().push_back(std::move(cell));
            cell.clear();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            rows.back().push_back(std::move(cell));
            cell.clear();
            rows.emplace_back();
        } else {
            cell += c;
        }
    }
    if (!cell.empty() || !rows.back().empty()) rows.back().push_back(std::move(cell));
    if (rows.back().empty()) rows.pop_back();
    return rows;
}

/// One row of a rejects report, by column name.
using RejectRow = std::map<std::string, std::string>;

std::vector<RejectRow> rejects_from_csv(const std::string& path) {
    std::vector<RejectRow> out;
    const auto rows = parse_csv(read_text_file(path));
    if (rows.empty()) return out;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        RejectRow row;
        for (std::size_t c = 0; c < rows[0].size() && c < rows[r].size(); ++c) row[rows[0][c]] = rows[r][c];
        out.push_back(std::move(row));
    }
    return out;
}

/// The `rejects` layer of an output GeoPackage (a run that succeeded writes it there).
std::vector<RejectRow> rejects_from_gpkg(const std::string& path) {
    std::vector<RejectRow> out;
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds) return out;
    OGRLayer* layer = ds->GetLayerByName("rejects");
    if (!layer) return out;
    for (const auto& f : *layer) {
        RejectRow row;
        for (int k = 0; k < f->GetFieldCount(); ++k)
            row[f->GetFieldDefnRef(k)->GetNameRef()] = f->IsFieldSetAndNotNull(k) ? f->GetFieldAsString(k) : "";
        out.push_back(std::move(row));
    }
    return out;
}

/// Every regular file under `root` with its bytes: the inputs a run must leave alone.
std::map<std::string, std::string> snapshot(const fs::path& root) {
    std::map<std::string, std::string> files;
    if (!fs::exists(root)) return files;
    for (const auto& e : fs::recursive_directory_iterator(root))
        if (e.is_regular_file()) files[e.path().string()] = read_text_file(e.path().string());
    return files;
}

/// What a run's reports say about the record accounting of each layer.
struct Accounting {
    std::map<std::string, Tally> layers;
    std::vector<std::string> problems;
};

/// From `info --json`: every source and every layer total conserves.
void account_json(const nlohmann::json& j, Accounting& a) {
    const nlohmann::json layers = j.value("layers", nlohmann::json::array());
    const nlohmann::json totals = j.value("layer_totals", nlohmann::json::object());
    for (const auto& l : layers) {
        const uint64_t read = l.at("read"), kept = l.at("kept"), merged = l.at("merged"), rejected = l.at("rejected");
        if (read != kept + merged + rejected)
            a.problems.push_back(fmt::format("{} ({}): read {} != kept {} + merged {} + rejected {}", l.at("layer").get<std::string>(),
                                             l.at("file").get<std::string>(), read, kept, merged, rejected));
    }
    for (const auto& [name, t] : totals.items()) {
        Tally tally{name, t.at("read"), t.at("kept"), t.at("merged"), t.at("rejected")};
        if (tally.read != tally.kept + tally.merged + tally.rejected)
            a.problems.push_back(fmt::format("{} total: read {} != kept {} + merged {} + rejected {}", name, tally.read,
                                             tally.kept, tally.merged, tally.rejected));
        a.layers[name] = tally;
    }
}

/// From the rejects report's source.counts rows, summed per layer.
void account_rows(const std::vector<RejectRow>& rows, Accounting& a) {
    static const std::regex counts(R"(^(\w+): read (\d+), kept (\d+) \(.*\), merged (\d+), rejected (\d+)$)");
    for (const auto& row : rows) {
        if (row.count("code") == 0 || row.at("code") != "source.counts") continue;
        std::smatch m;
        const std::string& message = row.at("message");
        if (!std::regex_match(message, m, counts)) {
            a.problems.push_back("unreadable source.counts row: " + message);
            continue;
        }
        const uint64_t read = std::stoull(m[2]), kept = std::stoull(m[3]), merged = std::stoull(m[4]),
                       rejected = std::stoull(m[5]);
        if (read != kept + merged + rejected) a.problems.push_back("source does not conserve: " + row.at("file") + ": " + message);
        Tally& t = a.layers[m[1]];
        t.layer = m[1];
        t.read += read;
        t.kept += kept;
        t.merged += merged;
        t.rejected += rejected;
    }
}

std::string show(const Tally& t) {
    return fmt::format("{}: read {}, kept {}, merged {}, rejected {}", t.layer, t.read, t.kept, t.merged, t.rejected);
}

bool row_matches(const RejectRow& row, const Located& want, const std::string& data) {
    auto is = [&](const char* column, const std::string& expected) {
        const auto it = row.find(column);
        return expected.empty() || (it != row.end() && it->second == expected);
    };
    const std::string file = want.file.empty() ? "" : (fs::path(data) / want.file).string();
    const bool feature = want.feature.empty() || is("feature_id", want.feature) || is("fid", want.feature);
    return is("code", want.code) && is("file", file) && is("layer", want.layer) && feature && is("field", want.field);
}

std::string show(const Located& l) {
    return fmt::format("code '{}', file '{}', layer '{}', feature '{}', field '{}'", l.code, l.file, l.layer, l.feature, l.field);
}

}  // namespace

// ---- the bench --------------------------------------------------------------------

Bench::Bench(fs::path dir) : dir_(std::move(dir)), data_arg_((dir_ / "data").string()) { fs::create_directories(dir_ / "data"); }

std::string Bench::data(const std::string& name) const { return name.empty() ? (dir_ / "data").string() : (dir_ / "data" / name).string(); }

std::string Bench::out(const std::string& name) const { return (dir_ / name).string(); }

void Bench::city(const Edit& parcels, const std::string& driver, const Edit& parks, const Edit& shoreline,
                 const WriteOptions& options) {
    const std::string d = data();
    LayerData pk = parks_layer(), sh = shoreline_layer();
    LayerData pc = parcels_layer(driver == "ESRI Shapefile" || driver == "GPKG" ? DateStyle::Native : DateStyle::Text);
    if (parks) parks(pk);
    if (shoreline) shoreline(sh);
    if (parcels) parcels(pc);
    write_layer_file(d, "ESRI Shapefile", pk);
    write_layer_file(d, "ESRI Shapefile", sh);
    write_layer_file(d, driver, pc, options);
    write_tables(d);
}

void Bench::file(const std::string& name, const std::string& bytes) const { write_text_file(data(name), bytes); }

void Bench::edit_csv(const std::string& name, std::size_t line, const std::optional<std::string>& text,
                     CsvEncoding encoding) const {
    auto lines = crlf_lines(name == "projects.csv" ? projects_csv_utf8() : quota_csv_utf8());
    REQUIRE(line <= lines.size());
    if (line == lines.size()) lines.push_back(text.value());
    else if (text) lines[line] = *text;
    else lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(line));
    std::string csv;
    for (const auto& l : lines) csv += l + "\r\n";
    file(name, encode_text(csv, encoding));
}

Run Bench::info(const std::string& extra) const {
    Run r;
    const bool own_rejects = extra.find("--rejects ") != std::string::npos;
    if (!own_rejects) r.rejects = out("rejects.csv");
    r.args = "info " + data_arg_ + " --json -q" + (own_rejects ? "" : " --rejects " + r.rejects) +
             (extra.empty() ? "" : " " + extra);
    r.json = true;
    return r;
}

Run Bench::command(const std::string& verb, const std::string& extra, const std::string& default_out) const {
    Run r;
    const bool has_out = extra.find("--out ") != std::string::npos;
    const bool has_as_of = extra.find("--as-of ") != std::string::npos;
    const std::string out_path = has_out ? std::string() : out(default_out);
    r.args = verb + " " + data_arg_ + (has_as_of ? "" : " --as-of 2026-06-30") + " -q" +
             (has_out ? "" : " --out " + out_path) + (extra.empty() ? "" : " " + extra);
    if (!has_out) {
        r.outputs.push_back(out_path);
        r.rejects = out(fs::path(default_out).stem().string() + "-rejects.csv");
    }
    return r;
}

Run Bench::audit(const std::string& extra) const { return command("audit", extra, "AUDIT.gpkg"); }
Run Bench::plan(const std::string& extra) const { return command("plan", extra, "PLAN.gpkg"); }

// ---- the runner -------------------------------------------------------------------

std::vector<std::string> problems_of(const Kind& kind) {
    static int serial = 0;
    ScratchDir scratch("corpus-" + std::to_string(serial++));
    Bench bench(scratch.path());
    std::vector<std::string> problems;
    Run run;
    try {
        run = kind.build(bench);
    } catch (const std::exception& e) {
        return {std::string("the builder failed: ") + e.what()};
    }
    const auto inputs = snapshot(bench.data());
    std::string command = std::string(kParkcapExe) + " " + run.args;
    // A read-only folder binds everyone but root: as root, the run is made as nobody.
    if (run.unprivileged && ::geteuid() == 0) command = "setpriv --reuid=65534 --regid=65534 --clear-groups " + command;
    const CommandResult r = run_command(command);
    // What the run did, short: stdout is mostly the JSON report, which the counts below check.
    CommandResult shown = r;
    if (shown.out.size() > 600) shown.out = shown.out.substr(0, 600) + "...";
    std::string detail = "\n    " + run.args + "\n    " + replace_all(describe(shown), "\n", "\n    ");

    // (a) the exit code, never an internal error
    if (r.exit_code != kind.exit_code) problems.push_back(fmt::format("exit {}, expected {}", r.exit_code, kind.exit_code));
    if (r.err.find("internal error") != std::string::npos) problems.push_back("an internal error");

    // (b) the located message
    std::vector<RejectRow> rejects;
    if (!run.rejects.empty() && fs::exists(run.rejects)) rejects = rejects_from_csv(run.rejects);
    else if (r.exit_code == 0 && !run.outputs.empty()) rejects = rejects_from_gpkg(run.outputs.front());
    const std::string report = run.rejects.empty() || !fs::exists(run.rejects) ? "" : read_text_file(run.rejects);
    const std::string said = r.err + "\n" + r.out + "\n" + report;
    for (const std::string& fragment : kind.says) {
        const std::string f = replace_all(replace_all(fragment, "{data}", bench.data()), "{dir}", bench.dir().string());
        if (said.find(f) == std::string::npos) problems.push_back("nothing says '" + f + "'");
    }
    for (const Located& want : kind.rows)
        if (std::none_of(rejects.begin(), rejects.end(), [&](const RejectRow& row) { return row_matches(row, want, bench.data()); }))
            problems.push_back("no rejects row with " + show(want));

    // (c) the record accounting
    Accounting accounting;
    if (run.json && r.exit_code == 0) {
        try {
            account_json(nlohmann::json::parse(r.out), accounting);
        } catch (const std::exception& e) {
            accounting.problems.push_back(std::string("stdout is no JSON document: ") + e.what());
        }
    } else {
        account_rows(rejects, accounting);
    }
    problems.insert(problems.end(), accounting.problems.begin(), accounting.problems.end());
    if (kind.tally.layer.empty()) {
        for (const auto& [name, t] : accounting.layers)
            if (t.read > 0) problems.push_back("expected nothing read, yet counted " + show(t));
    } else {
        const auto it = accounting.layers.find(kind.tally.layer);
        if (it == accounting.layers.end()) problems.push_back("no record counts for layer " + kind.tally.layer);
        else if (show(it->second) != show(kind.tally))
            problems.push_back("counted " + show(it->second) + "; expected " + show(kind.tally));
    }
    if (r.exit_code != 0)
        for (const auto& o : run.outputs)
            if (fs::exists(o)) problems.push_back("a failed run wrote " + o);

    // Inputs are never written.
    const auto after = snapshot(bench.data());
    for (const auto& [path, bytes] : inputs) {
        const auto it = after.find(path);
        if (it == after.end()) problems.push_back("the run removed input " + path);
        else if (it->second != bytes) problems.push_back("the run changed input " + path);
    }
    for (const auto& [path, bytes] : after)
        if (inputs.count(path) == 0) problems.push_back("the run wrote into the data folder: " + path);

    if (!problems.empty()) {
        detail += "\n    --- rejects report";
        for (const auto& row : rejects)
            if (row.count("code") && row.at("code") != "source.counts")
                detail += "\n    " + row.at("severity") + "," + row.at("code") + "," + row.at("file") + "," + row.at("layer") +
                          "," + row.at("fid") + "," + row.at("feature_id") + "," + row.at("field") + ": " + row.at("message");
        problems.push_back("what the run did:" + detail);
    }
    return problems;
}

void run_group(const Group& group) {
    std::vector<std::string> known;
    for (const Kind& kind : group.kinds) {
        const auto problems = problems_of(kind);
        std::string text;
        for (const auto& p : problems) text += "\n  " + p;
        if (kind.known_failure.empty()) {
            INFO(group.name << " / " << kind.name << ":" << text);
            CHECK(problems.empty());
        } else if (problems.empty()) {
            INFO(group.name << " / " << kind.name << " is marked as a known failure (" << kind.known_failure
                            << ") but passes: remove the mark");
            CHECK(false);
        } else {
            known.push_back(kind.name + " -- " + kind.known_failure + text);
        }
    }
    for (const auto& k : known) WARN("known failure, " << group.name << ": " << k);
}

}  // namespace parkcap::test::corpus
