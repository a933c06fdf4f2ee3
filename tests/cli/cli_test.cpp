// The parkcap binary as a user runs it: help, exit codes for each kind of failure,
// the JSON report and the rejects CSV.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/city_writer.hpp"
#include "support/fixtures.hpp"
#include "support/parkcap_run.hpp"

namespace fs = std::filesystem;
using namespace parkcap::test;

namespace {

/// The canonical city with DK012 (300,000 m²) stripped of its geometry: one
/// rejected record (a repeated id or an empty attribute no longer rejects land).
void write_city_with_rejected(const ScratchDir& dir) {
    const std::string d = dir.path().string();
    write_layer_file(d, "ESRI Shapefile", parks_layer());
    write_layer_file(d, "ESRI Shapefile", shoreline_layer());
    LayerData parcels = parcels_layer();
    parcels.feature("parcel_id", "DK012").wkt = "";
    write_layer_file(d, "ESRI Shapefile", parcels);
    write_tables(d);
}

std::vector<std::string> crlf_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t end; (end = text.find("\r\n", start)) != std::string::npos; start = end + 2)
        lines.push_back(text.substr(start, end - start));
    if (start < text.size()) lines.push_back(text.substr(start));  // an unterminated last line
    return lines;
}

}  // namespace

TEST_CASE("cli: parkcap --help lists the info command", "[cli]") {
    const auto r = run_parkcap("--help");
    INFO(describe(r));
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("info"));
    CHECK(r.err.empty());
}

TEST_CASE("cli: parkcap info --help documents DATA, --mapping and --crs", "[cli]") {
    const auto r = run_parkcap("info --help");
    INFO(describe(r));
    CHECK(r.exit_code == 0);
    for (const char* word : {"DATA", "--mapping", "--crs", "--json", "--rejects", "--strict", "--quiet"})
        CHECK_THAT(r.out, Catch::Contains(word));
    CHECK(r.err.empty());
}

TEST_CASE("cli: usage errors exit 2", "[cli]") {
    ScratchDir dir("cli-usage");
    write_city_folder(dir.path().string(), "ESRI Shapefile");
    const std::string data = dir.path().string(), rejects = " --rejects " + dir / "r.csv";
    SECTION("no subcommand") {
        const auto r = run_parkcap("");
        INFO(describe(r));
        CHECK(r.exit_code == 2);
        CHECK_FALSE(r.err.empty());
    }
    SECTION("unknown subcommand") { CHECK(run_parkcap("frobnicate " + data).exit_code == 2); }
    SECTION("unknown option") {
        const auto r = run_parkcap("info " + data + " --frobnicate" + rejects);
        INFO(describe(r));
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.err, Catch::Contains("--frobnicate"));
    }
    SECTION("info without DATA") { CHECK(run_parkcap("info" + rejects).exit_code == 2); }
    SECTION("a mapping file that does not exist") {
        CHECK(run_parkcap("info " + data + " --mapping " + dir / "nope.toml" + rejects).exit_code == 2);
    }
    SECTION("a geographic working CRS") {
        const auto r = run_parkcap("info " + data + " --crs EPSG:4326" + rejects);
        INFO(describe(r));
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.err, Catch::Contains("EPSG:4326") && Catch::Contains("projected"));
    }
    SECTION("a CRS that is not an EPSG code") { CHECK(run_parkcap("info " + data + " --crs UTM50" + rejects).exit_code == 2); }
    SECTION("an EPSG code too long to be one") {
        const auto r = run_parkcap("info " + data + " --crs EPSG:99999999999999999999" + rejects);
        INFO(describe(r));
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.err, Catch::Contains("EPSG:99999999999999999999"));
    }
    CHECK_FALSE(fs::exists(dir / "r.csv"));  // nothing was loaded, so nothing was written
}

TEST_CASE("cli: a DATA path that does not exist exits 3 naming it", "[cli]") {
    ScratchDir dir("cli-missing");
    const std::string missing = dir / "no-such-city";
    const auto r = run_parkcap("info " + missing + " --rejects " + dir / "r.csv");
    INFO(describe(r));
    CHECK(r.exit_code == 3);
    CHECK_THAT(r.err, Catch::Contains(missing) && Catch::Contains("error"));
    CHECK(r.out.empty());
}

TEST_CASE("cli: unusable data exits 4 with the message and a hint", "[cli]") {
    ScratchDir dir("cli-data");
    write_city_folder(dir.path().string(), "ESRI Shapefile");
    fs::remove(dir.path() / "parcels.prj");
    const auto r = run_parkcap("info " + dir.path().string() + " --rejects " + dir / "r.csv");
    INFO(describe(r));
    CHECK(r.exit_code == 4);
    CHECK_THAT(r.err, Catch::Contains(dir / "parcels.shp") && Catch::Contains("no CRS"));
    CHECK_THAT(r.err, Catch::Contains("hint:") && Catch::Contains("crs = "));

    const std::string mapping = dir / "m.toml";
    write_text_file(mapping, "[parcels]\ncrs = \"EPSG:4528\"\n[parcels.values.status]\n\"在建\" = \"under_construction\"\n");
    const auto bad_mapping = run_parkcap("info " + dir.path().string() + " --mapping " + mapping + " --rejects " + dir / "r.csv");
    INFO(describe(bad_mapping));
    CHECK(bad_mapping.exit_code == 4);
    CHECK_THAT(bad_mapping.err, Catch::Contains(mapping + ":4: parcels.values.status.在建"));

    write_text_file(mapping, "[parcels]\ncrs = \"EPSG:4528\"\n");
    const auto fixed = run_parkcap("info " + dir.path().string() + " --mapping " + mapping + " -q --rejects " + dir / "r.csv");
    INFO(describe(fixed));
    CHECK(fixed.exit_code == 0);
    CHECK_THAT(fixed.out, Catch::Contains("(declared)"));
}

TEST_CASE("cli: a rejected record exits 0, or 4 with --strict", "[cli]") {
    ScratchDir dir("cli-strict");
    write_city_with_rejected(dir);
    const std::string args = "info " + dir.path().string() + " -q --rejects " + dir / "r.csv";
    const auto relaxed = run_parkcap(args);
    INFO(describe(relaxed));
    CHECK(relaxed.exit_code == 0);
    CHECK(relaxed.err.empty());
    CHECK_THAT(relaxed.out, Catch::Contains("EPSG:4528") && Catch::Contains("geometry.null"));
    CHECK_THAT(relaxed.out, Catch::Contains("rejected: " + dir / "parcels.shp" + ":parcels:DK012: has no geometry"));

    const auto strict = run_parkcap(args + " --strict");
    INFO(describe(strict));
    CHECK(strict.exit_code == 4);
    CHECK(fs::exists(dir / "r.csv"));  // the report is written either way, to say why

    ScratchDir clean("cli-strict-clean");
    write_city_folder(clean.path().string(), "ESRI Shapefile");
    CHECK(run_parkcap("info " + clean.path().string() + " -q --strict --rejects " + clean / "r.csv").exit_code == 0);
}

TEST_CASE("cli: --json prints one JSON document whose counts conserve", "[cli]") {
    ScratchDir dir("cli-json");
    write_city_with_rejected(dir);
    const auto r = run_parkcap("info " + dir.path().string() + " --json -q --rejects " + dir / "r.csv");
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    const nlohmann::json j = nlohmann::json::parse(r.out);  // throws (fails) unless the whole of stdout is JSON
    CHECK(j.at("working_crs").at("epsg") == 4528);
    CHECK(j.at("working_crs").at("automatic") == true);
    std::map<std::string, nlohmann::json> layers;
    for (const auto& l : j.at("layers")) {
        INFO("layer " << l.dump());
        CHECK(l.at("read").get<uint64_t>() == l.at("kept").get<uint64_t>() + l.at("rejected").get<uint64_t>());
        layers[l.at("layer").get<std::string>()] = l;
    }
    REQUIRE(layers.count("parcels"));
    CHECK(layers["parcels"].at("read") == 12);
    CHECK(layers["parcels"].at("kept") == 11);
    CHECK(layers["parcels"].at("rejected") == 1);
    CHECK(layers["parks"].at("kept") == 2);
    CHECK(layers["shoreline"].at("kept") == 3);
    CHECK(layers["projects"].at("kept") == 3);
    CHECK(layers["quota"].at("kept") == 3);
    CHECK(j.at("parcels").at("count") == 11);
    // DK012 (300,000 m²) rejected: the rest of the canonical parcels remain.
    const double expected_m2 = canonical_city().total_parcel_area_m2() - 300000;
    CHECK(j.at("parcels").at("area_m2").get<double>() == Approx(expected_m2).epsilon(1e-6));
    CHECK(j.at("parcels").at("area_mu").get<double>() == Approx(expected_m2 / (10000.0 / 15)).epsilon(1e-6));
    uint64_t in_parks = 0;
    for (const auto& p : j.at("parks")) in_parks += p.at("parcels").get<uint64_t>();
    CHECK(in_parks + j.at("outside_parks").at("parcels").get<uint64_t>() == 11);
    CHECK(in_parks == 8);  // DK001-004, DK006 in P01; DK007-009 in P02
    CHECK(j.at("rejected") == 1);
    CHECK(j.at("warnings") == 1);  // the absent districts layer
    CHECK(j.at("projects") == 3);
    CHECK(j.at("rejects_report") == dir / "r.csv");
}

TEST_CASE("cli: the rejects CSV goes where --rejects says, UTF-8 with BOM, one row per issue", "[cli]") {
    ScratchDir dir("cli-rejects");
    write_city_with_rejected(dir);
    fs::create_directories(dir.path() / "out");
    const std::string rejects = dir / "out/拒收记录.csv";
    const auto r = run_parkcap("info " + dir.path().string() + " -q --rejects " + rejects);
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    REQUIRE(fs::exists(rejects));
    const std::string csv = read_text_file(rejects);
    REQUIRE(csv.rfind("\xEF\xBB\xBF", 0) == 0);
    const auto lines = crlf_lines(csv.substr(3));
    // header + the rejected record + the absent districts layer, then the counts of each of
    // the five sources read (parcels, parks, shoreline, projects, quota)
    REQUIRE(lines.size() == 3 + 5);
    CHECK(lines[0] == "severity,code,file,layer,fid,feature_id,field,message");
    for (std::size_t k = 3; k < lines.size(); ++k) CHECK_THAT(lines[k], Catch::StartsWith("info,source.counts,"));
    CHECK_THAT(csv, Catch::Contains("info,source.counts," + dir / "parcels.shp" + ",parcels,,,,\"parcels: read 12, kept 11"));
    CHECK_THAT(lines[1], Catch::StartsWith("warning,layer.absent," + dir.path().string() + ",districts,,,,"));
    CHECK_THAT(lines[2], Catch::StartsWith("rejected,geometry.null," + dir / "parcels.shp" + ",parcels,11,DK012,,"));
    CHECK_THAT(lines[2], Catch::Contains("no geometry"));
    // No stray temporary files beside it.
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path() / "out")) ++files;
    CHECK(files == 1);
}

TEST_CASE("cli: a rejects path in a folder that does not exist exits 5", "[cli]") {
    ScratchDir dir("cli-output");
    write_city_folder(dir.path().string(), "ESRI Shapefile");
    const auto r = run_parkcap("info " + dir.path().string() + " -q --rejects " + dir / "missing/r.csv");
    INFO(describe(r));
    CHECK(r.exit_code == 5);
    CHECK_THAT(r.err, Catch::Contains(dir / "missing/r.csv"));
}

TEST_CASE("cli: a load that rejects everything still writes its rejects report and names it", "[cli][rejects]") {
    ScratchDir dir("cli-all-rejected");
    fs::create_directories(dir.path() / "data");
    const std::string d = dir / "data";
    write_layer_file(d, "ESRI Shapefile", parks_layer());
    write_layer_file(d, "ESRI Shapefile", shoreline_layer());
    LayerData parcels = parcels_layer();
    for (auto& f : parcels.features) f.wkt = "";  // no usable geometry anywhere
    write_layer_file(d, "ESRI Shapefile", parcels);

    SECTION("info, to --rejects") {
        const std::string rejects = dir / "r.csv";
        const auto r = run_parkcap("info " + d + " -q --rejects " + rejects);
        INFO(describe(r));
        CHECK(r.exit_code == 4);
        CHECK_THAT(r.err, Catch::Contains("no usable parcels (12 read, 12 rejected)") && Catch::Contains(rejects));
        REQUIRE(fs::exists(rejects));
        const auto lines = crlf_lines(read_text_file(rejects).substr(3));
        std::size_t rejected = 0;
        for (const auto& l : lines) rejected += l.rfind("rejected,geometry.null,", 0) == 0;
        CHECK(rejected == 12);
        CHECK_THAT(read_text_file(rejects), Catch::Contains("parcels: read 12, kept 0 (incomplete 0, repaired 0), merged 0, rejected 12"));
    }
    SECTION("audit, beside --out") {
        const auto r = run_parkcap("audit " + d + " -q --as-of 2026-06-30 --out " + dir / "AUDIT.gpkg");
        INFO(describe(r));
        CHECK(r.exit_code == 4);
        CHECK_FALSE(fs::exists(dir / "AUDIT.gpkg"));
        CHECK(fs::exists(dir / "AUDIT-rejects.csv"));
        CHECK_THAT(r.err, Catch::Contains(dir / "AUDIT-rejects.csv"));
    }
}
