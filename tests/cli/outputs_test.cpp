// Outputs never destroy inputs or each other: every refusal happens before any
// work, names the option and the file, and leaves every file as it was.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gdal_priv.h>
#include <nlohmann/json.hpp>
#include <ogrsf_frmts.h>

#include "support/city_writer.hpp"
#include "support/fixtures.hpp"
#include "support/parkcap_run.hpp"

namespace fs = std::filesystem;
using namespace parkcap::test;

namespace {

const std::string kAsOf = " --as-of 2026-06-30 -q";

/// The canonical city as Shapefiles and CSV tables in DIR/data; returns that folder.
std::string city_folder(const ScratchDir& dir) {
    const std::string data = dir / "data";
    write_city_folder(data, "ESRI Shapefile");
    return data;
}

/// Every file under `root` with its bytes, to prove a refused run touched nothing.
std::map<std::string, std::string> snapshot(const fs::path& root) {
    std::map<std::string, std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(root))
        if (e.is_regular_file()) files[e.path().string()] = read_text_file(e.path().string());
    return files;
}

void check_refused(const CommandResult& r, const std::string& option, const std::string& path) {
    INFO(describe(r));
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains(option) && Catch::Contains(path));
    CHECK_THAT(r.err, Catch::Contains("hint:"));
}

long dead_pid() {
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    int status = 0;
    ::waitpid(child, &status, 0);
    return static_cast<long>(child);
}

int64_t rows_of(const std::string& gpkg, const char* layer, const std::string& where = "") {
    GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    OGRLayer* l = ds->GetLayerByName(layer);
    REQUIRE(l);
    if (!where.empty()) l->SetAttributeFilter(where.c_str());
    return l->GetFeatureCount();
}

}  // namespace

TEST_CASE("outputs: an output that is an input is refused before any work", "[cli][outputs]") {
    ScratchDir dir("outputs-input");
    const std::string data = city_folder(dir);

    SECTION("--out is the input GeoPackage, even with --overwrite") {
        const std::string gpkg = dir / "city.gpkg";
        write_layers(gpkg, "GPKG", {parks_layer(), shoreline_layer(), parcels_layer()});
        const auto before = read_text_file(gpkg);
        check_refused(run_parkcap("audit " + gpkg + " --out " + gpkg +
                                  " --overwrite" + kAsOf),
                      "--out", gpkg);
        CHECK(read_text_file(gpkg) == before);
    }
    SECTION("--out reaches the input through a hard link or a symlink") {
        const std::string gpkg = dir / "city.gpkg";
        write_layers(gpkg, "GPKG", {parks_layer(), shoreline_layer(), parcels_layer()});
        fs::create_hard_link(gpkg, dir / "hard.gpkg");
        fs::create_symlink(gpkg, dir / "soft.gpkg");
        const auto before = read_text_file(gpkg);
        for (const char* name : {"hard.gpkg", "soft.gpkg", "./city.gpkg"}) {
            const std::string out = name[0] == '.' ? dir.path().string() + "/./city.gpkg" : dir / name;
            check_refused(run_parkcap("audit " + gpkg + " --out " + out + " --overwrite" + kAsOf), "--out", out);
        }
        CHECK(read_text_file(gpkg) == before);
    }
    SECTION("a GeoPackage written into the data folder, which a later run would read") {
        const auto before = snapshot(data);
        check_refused(run_parkcap("audit " + data + " --out " + data + "/AUDIT.gpkg" + kAsOf), "--out",
                      data + "/AUDIT.gpkg");
        CHECK(snapshot(data) == before);
    }
    SECTION("the rules, mapping or projects file as --out") {
        const std::string rules = dir / "rules.gpkg";
        write_text_file(rules, "not really rules");
        const auto r = run_parkcap("audit " + data + " --rules " + rules + " --out " + rules + " --overwrite" + kAsOf);
        check_refused(r, "--out", rules);
        CHECK(read_text_file(rules) == "not really rules");
    }
    SECTION("--csv is the data folder, or holds the projects table") {
        const auto before = snapshot(data);
        check_refused(run_parkcap("audit " + data + " --out " + dir / "a.gpkg" + " --csv " + data + kAsOf), "--csv", data);
        check_refused(run_parkcap("plan " + data + " --projects " + data + "/projects.csv --out " + dir / "p.gpkg" +
                                  " --csv " + data + kAsOf),
                      "--csv", data);
        CHECK(snapshot(data) == before);
        CHECK_FALSE(fs::exists(dir / "a.gpkg"));
    }
    SECTION("info --rejects over an input table") {
        const auto before = snapshot(data);
        check_refused(run_parkcap("info " + data + " -q --rejects " + data + "/projects.csv"), "--rejects",
                      data + "/projects.csv");
        CHECK(snapshot(data) == before);
    }
}

TEST_CASE("outputs: two outputs of one run naming one file are refused", "[cli][outputs]") {
    ScratchDir dir("outputs-twice");
    const std::string data = city_folder(dir);
    const std::string x = dir / "X.gpkg";
    check_refused(run_parkcap("plan " + data + " --out " + x + " --audit-out " + x + kAsOf), "--audit-out", x);
    CHECK_FALSE(fs::exists(x));
}

TEST_CASE("outputs: what is not an ordinary file of the right kind is refused", "[cli][outputs]") {
    ScratchDir dir("outputs-kind");
    const std::string data = city_folder(dir);

    SECTION("a device, even with --overwrite") {
        check_refused(run_parkcap("audit " + data + " --out /dev/null --overwrite" + kAsOf), "--out", "/dev/null");
        struct stat st {};
        REQUIRE(::stat("/dev/null", &st) == 0);
        CHECK(S_ISCHR(st.st_mode));
    }
    SECTION("a folder named like a GeoPackage") {
        fs::create_directory(dir / "AUDIT.gpkg");
        const auto r = run_parkcap("audit " + data + " --out " + dir / "AUDIT.gpkg" + " --overwrite" + kAsOf);
        check_refused(r, "--out", dir / "AUDIT.gpkg");
        CHECK_THAT(r.err, Catch::Contains("a folder"));
        CHECK(fs::is_directory(dir / "AUDIT.gpkg"));
    }
    SECTION("a FIFO") {
        REQUIRE(::mkfifo((dir / "pipe.gpkg").c_str(), 0600) == 0);
        const auto r = run_parkcap("audit " + data + " --out " + dir / "pipe.gpkg" + " --overwrite" + kAsOf);
        check_refused(r, "--out", dir / "pipe.gpkg");
        CHECK_THAT(r.err, Catch::Contains("FIFO"));
    }
    SECTION("an extension that does not fit the format, such as DATA/parcels.shp") {
        check_refused(run_parkcap("audit " + data + " --out " + data + "/parcels.shp --overwrite" + kAsOf), "--out",
                      data + "/parcels.shp");
        check_refused(run_parkcap("audit " + data + " --out " + dir / "audit.csv" + kAsOf), "--out", dir / "audit.csv");
        check_refused(run_parkcap("info " + data + " -q --rejects " + dir / "r.gpkg"), "--rejects", dir / "r.gpkg");
    }
    SECTION("--csv naming an existing file") {
        write_text_file(dir / "tables.csv", "keep me");
        const auto r = run_parkcap("audit " + data + " --out " + dir / "a.gpkg" + " --csv " + dir / "tables.csv" + kAsOf);
        check_refused(r, "--csv", dir / "tables.csv");
        CHECK(read_text_file(dir / "tables.csv") == "keep me");
    }
    SECTION("an existing output without --overwrite") {
        write_text_file(dir / "a.gpkg", "previous");
        check_refused(run_parkcap("audit " + data + " --out " + dir / "a.gpkg" + kAsOf), "--out", dir / "a.gpkg");
        CHECK(read_text_file(dir / "a.gpkg") == "previous");
    }
}

TEST_CASE("outputs: the next run removes what killed runs left, and says so", "[cli][outputs]") {
    ScratchDir dir("outputs-debris");
    const std::string data = city_folder(dir);
    fs::create_directory(dir / "out");
    const long dead = dead_pid();
    const std::string debris = dir / ("out/.parkcap-tmp-" + std::to_string(dead) + "-AUDIT.gpkg");
    const std::string csv_debris = dir / ("out/csv/.parkcap-tmp-" + std::to_string(dead) + "-parcel_flags.csv");
    fs::create_directory(dir / "out/csv");
    write_text_file(debris, std::string(4096, 'x'));
    write_text_file(csv_debris, "half a table");

    const auto r = run_parkcap("audit " + data + " --out " + dir / "out/AUDIT.gpkg" + " --csv " + dir / "out/csv" + kAsOf);
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    CHECK_FALSE(fs::exists(debris));
    CHECK_FALSE(fs::exists(csv_debris));
    CHECK_THAT(r.err, Catch::Contains("interrupted run") && Catch::Contains(std::to_string(dead)) &&
                          Catch::Contains(dir / "out/AUDIT.gpkg"));
    for (const auto& e : fs::recursive_directory_iterator(dir / "out"))
        CHECK(e.path().filename().string().rfind(".parkcap-tmp-", 0) == std::string::npos);
}

TEST_CASE("outputs: the rejects table holds several problems of one feature", "[cli][outputs]") {
    ScratchDir dir("outputs-rejects");
    const std::string data = dir / "data";
    write_city_folder(data, "GPKG");
    // Two problems in one parcel: an optional date that is no date, and a negative FAR.
    LayerData parcels = parcels_layer(DateStyle::Text);
    FeatureData& f = parcels.feature("parcel_id", "DK003");
    f.values["halt_date"] = "不是日期";
    f.values["far"] = "-3";
    fs::remove(data + "/parcels.gpkg");
    write_layer_file(data, "GPKG", parcels);

    const std::string out = dir / "AUDIT.gpkg";
    const auto r = run_parkcap("audit " + data + " --out " + out + kAsOf);
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    CHECK(rows_of(out, "rejects", "feature_id = 'DK003'") == 2);
    CHECK(rows_of(out, "rejects", "feature_id = 'DK003' AND field = 'halt_date'") == 1);
    CHECK(rows_of(out, "rejects", "feature_id = 'DK003' AND field = 'far'") == 1);
    // Both rows carry the parcel's own feature number.
    CHECK(rows_of(out, "rejects", "feature_id = 'DK003' AND fid IS NOT NULL") == 2);
}
