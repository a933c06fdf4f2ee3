// One logical layer from many files, as a bureau's exchange package delivers it:
// per-district GBK Shapefiles (one without a .cpg or language-driver byte) named
// by a folder, a glob or a list, must load and audit exactly like the same
// parcels in one merged file, with counts per file that add up. A source with
// several layers is never read as its first layer.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include <fmt/format.h>
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <ogrsf_frmts.h>

#include "parkcap/audit/audit.hpp"
#include "parkcap/core/error.hpp"
#include "parkcap/io/load.hpp"
#include "parkcap/io/mapping.hpp"
#include "support/city_checks.hpp"
#include "support/city_writer.hpp"
#include "support/fixtures.hpp"
#include "test_config.hpp"

namespace fs = std::filesystem;
using namespace parkcap;
using namespace parkcap::test;

namespace {

const std::vector<std::string> kDistricts = {"321291", "321282", "321283"};

City load(const std::string& data, const std::string& mapping_text) {
    io::LoadOptions o;
    o.data = data;
    if (!mapping_text.empty()) o.mapping = io::parse_mapping(mapping_text, "m.toml");
    return io::load_city(o);
}

/// The canonical parcels with the enterprise column under a Chinese header, as
/// land systems export it; `district` "" keeps every parcel.
LayerData bureau_parcels(const std::string& name, const std::string& district = "") {
    LayerData l = parcels_layer();
    l.name = name;
    if (!district.empty())
        l.features.erase(std::remove_if(l.features.begin(), l.features.end(),
                                        [&](const FeatureData& f) { return f.values.at("district") != district; }),
                         l.features.end());
    l.rename_field("enterprise", "用地单位");
    return l;
}

const WriteOptions kGbk{4528, {"ENCODING=CP936"}};

/// Removes every encoding declaration of a Shapefile: no .cpg, DBF language driver id 0.
void strip_encoding_declaration(const fs::path& shp) {
    fs::path cpg = shp, dbf = shp;
    fs::remove(cpg.replace_extension(".cpg"));
    std::fstream f(dbf.replace_extension(".dbf"), std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(29);
    f.put('\0');
}

/// DATA with the canonical parks, shoreline and tables, the parcels per district
/// under parcels/DK_<district>.shp (GBK; the last declares no encoding) and,
/// for comparison, all of them in merged/DK.shp.
void write_package(const fs::path& dir) {
    const std::string d = dir.string();
    write_layer_file(d, "ESRI Shapefile", parks_layer());
    write_layer_file(d, "ESRI Shapefile", shoreline_layer());
    write_tables(d);
    fs::create_directories(dir / "parcels");
    fs::create_directories(dir / "merged");
    for (const auto& district : kDistricts)
        write_layer_file((dir / "parcels").string(), "ESRI Shapefile", bureau_parcels("DK_" + district, district), kGbk);
    strip_encoding_declaration(dir / "parcels" / "DK_321283.shp");
    write_layer_file((dir / "merged").string(), "ESRI Shapefile", bureau_parcels("DK"), kGbk);
}

std::string mapping_with_source(const std::string& source) {
    return "[defaults]\nencoding = \"GBK\"\n[parcels]\nsource = " + source + "\n[parcels.fields]\nenterprise = \"用地单位\"\n";
}

audit::Audit audit_of(const City& city) {
    return audit::run_audit(city, rules::default_rules(), {Date::from_ymd(2026, 6, 30), 1});
}

/// Per parcel id: its flag codes with their figures, in order.
std::map<std::string, std::vector<std::string>> flags_by_parcel(const City& city, const audit::Audit& a) {
    std::map<std::string, std::vector<std::string>> out;
    for (std::size_t i = 0; i < city.parcels.size(); ++i) {
        auto& v = out[std::string(city.parcels.parcel_id[i])];
        for (const auto& f : a.flags_of(i))
            v.push_back(fmt::format("{} {:.6g} {:.6g} {} {}", audit::code_name(f.code), f.value, f.threshold, f.days,
                                    audit::class_name(a.parcels.mujun_class[i])));
    }
    return out;
}

void check_same_capacity(const audit::Capacity& a, const audit::Capacity& b) {
    CHECK(a.parcels == b.parcels);
    CHECK(a.parcel_area_m2 == Approx(b.parcel_area_m2).epsilon(1e-9));
    CHECK(a.idle_m2 == Approx(b.idle_m2).epsilon(1e-9).margin(1e-6));
    CHECK(a.reclaimable_m2 == Approx(b.reclaimable_m2).epsilon(1e-9).margin(1e-6));
    CHECK(a.supply_ready_m2 == Approx(b.supply_ready_m2).epsilon(1e-9).margin(1e-6));
    CHECK(a.low_efficiency_m2 == Approx(b.low_efficiency_m2).epsilon(1e-9).margin(1e-6));
    CHECK(a.flag_counts == b.flag_counts);
    for (std::size_t s = 0; s < a.area_by_status_m2.size(); ++s)
        CHECK(a.area_by_status_m2[s] == Approx(b.area_by_status_m2[s]).epsilon(1e-9).margin(1e-6));
}

/// The two cities' audits agree parcel by parcel, park by park and district by district.
void check_same_audit(const City& split, const City& merged) {
    const audit::Audit a = audit_of(split), b = audit_of(merged);
    CHECK(flags_by_parcel(split, a) == flags_by_parcel(merged, b));
    check_same_capacity(a.city, b.city);
    REQUIRE(a.parks.size() == b.parks.size());
    for (std::size_t p = 0; p < a.parks.size(); ++p) {
        INFO("park " << split.parks[p].park_id);
        check_same_capacity(a.parks[p], b.parks[p]);
    }
    for (std::size_t d = 0; d < split.districts.size(); ++d) {
        INFO("district " << split.districts[d].code);
        const auto e = merged.find_district(split.districts[d].code);
        REQUIRE(e);
        check_same_capacity(a.districts[d].capacity, b.districts[*e].capacity);
        CHECK(a.districts[d].quota_earned_mu == Approx(b.districts[*e].quota_earned_mu).margin(1e-9));
    }
}

/// Each district's file holds its parcels, counted per file; the counts add up.
void check_per_file(const City& city, const fs::path& dir) {
    INFO("issues:\n" << all_issues(city));
    require_conserved(city);
    CHECK(issues_with_code(city, "encoding.guessed").empty());  // [defaults] covers the undeclared file
    std::vector<const LayerInfo*> parts;
    for (const auto& l : city.layers)
        if (l.logical == "parcels") parts.push_back(&l);
    REQUIRE(parts.size() == 3);
    uint64_t read = 0;
    for (const LayerInfo* l : parts) {
        const std::string district = fs::path(l->source.file).stem().string().substr(3);
        INFO("file " << l->source.file);
        CHECK(l->source.file == (dir / "parcels" / ("DK_" + district + ".shp")).string());
        CHECK(l->label == "parcels/DK_" + district + ".shp");
        CHECK(l->encoding == "CP936");  // the .cpg / LDID, or [defaults] for the one without
        uint64_t expected = 0;
        for (const auto& p : canonical_city().parcels) expected += p.district == district;
        CHECK(l->counts.read == expected);
        CHECK(l->counts.kept == expected);
        CHECK(l->counts.conserved());
        read += l->counts.read;
    }
    CHECK(read == city.report.counts.at("parcels").read);
    // Every parcel remembers its file: the one of its district.
    for (std::size_t i = 0; i < city.parcels.size(); ++i)
        CHECK(city.layers[city.parcels.source_layer[i]].label ==
              "parcels/DK_" + city.districts[city.parcels.district[i]].code + ".shp");
}

}  // namespace

TEST_CASE("multi-source: a folder of per-district GBK Shapefiles audits like the merged file", "[io][multi]") {
    ScratchDir dir("multi-folder");
    write_package(dir.path());
    REQUIRE_FALSE(fs::exists(dir.path() / "parcels" / "DK_321283.cpg"));
    const City merged = load(dir.path().string(), mapping_with_source("\"merged/DK.shp\""));
    check_canonical_parcels(merged);

    SECTION("a folder") {
        const City split = load(dir.path().string(), mapping_with_source("\"parcels\""));
        check_canonical_parcels(split);  // the Chinese enterprise names decoded in every file
        check_per_file(split, dir.path());
        check_same_audit(split, merged);
    }
    SECTION("a glob") {
        const City split = load(dir.path().string(), mapping_with_source("\"parcels/DK_*.shp\""));
        check_canonical_parcels(split);
        check_per_file(split, dir.path());
        check_same_audit(split, merged);
    }
    SECTION("a list") {
        const City split = load(dir.path().string(),
                                mapping_with_source("[\"parcels/DK_321291.shp\", \"parcels/DK_321282.shp\", "
                                                    "\"parcels/DK_321283.shp\"]"));
        check_canonical_parcels(split);
        check_per_file(split, dir.path());
        check_same_audit(split, merged);
    }
}

TEST_CASE("multi-source: a folder's files that do not fit the layer are reported, not read", "[io][multi]") {
    ScratchDir dir("multi-skipped");
    write_package(dir.path());
    LayerData points = bureau_parcels("DK_points", "321291");
    points.geometry_type = wkbPoint;
    for (auto& f : points.features) f.wkt = fmt::format("POINT ({} {})", kE0 + 100, kN0 + 100);
    write_layer_file((dir.path() / "parcels").string(), "ESRI Shapefile", points, kGbk);
    write_text_file((dir.path() / "parcels" / "readme.txt").string(), "exported 2026-05-01\n");
    const City city = load(dir.path().string(), mapping_with_source("\"parcels\""));
    check_canonical_parcels(city);
    const auto skipped = issues_with_code(city, "source.skipped");
    INFO("issues:\n" << all_issues(city));
    REQUIRE(skipped.size() == 2);
    std::set<std::string> files{skipped[0].file, skipped[1].file};
    CHECK(files == std::set<std::string>{(dir.path() / "parcels" / "DK_points.shp").string(),
                                         (dir.path() / "parcels" / "readme.txt").string()});
    for (const auto& s : skipped) {
        CHECK(s.severity == Severity::Warning);
        if (s.file.find("DK_points") != std::string::npos) CHECK_THAT(s.message, Catch::Contains("Point") && Catch::Contains("polygons"));
    }
}

TEST_CASE("multi-source: a GeoPackage with two parcel layers is an error listing both, or both when listed", "[io][multi]") {
    ScratchDir dir("multi-gpkg");
    const std::string d = dir.path().string();
    write_layer_file(d, "ESRI Shapefile", parks_layer());
    write_layer_file(d, "ESRI Shapefile", shoreline_layer());
    LayerData north = parcels_layer(), south = parcels_layer();
    north.name = "DK_north";
    south.name = "DK_south";
    north.features.resize(6);
    south.features.erase(south.features.begin(), south.features.begin() + 6);
    fs::create_directories(dir.path() / "pkg");
    const std::string gpkg = (dir.path() / "pkg" / "two.gpkg").string();
    write_layers(gpkg, "GPKG", {north, south});

    SECTION("named as the source, no layer: an error listing both layers") {
        try {
            load(d, "[parcels]\nsource = \"pkg/two.gpkg\"\n");
            FAIL("a two-layer source was read as one of its layers");
        } catch (const InputError& e) {
            CHECK_THAT(e.what(), Catch::StartsWith(gpkg) && Catch::Contains("DK_north") && Catch::Contains("DK_south"));
            CHECK_THAT(e.hint(), Catch::Contains("layer = ") && Catch::Contains("source = ["));
        }
    }
    SECTION("as DATA itself: an error listing both layers") {
        try {
            load(gpkg, "");
            FAIL("a two-layer DATA was read as one of its layers");
        } catch (const InputError& e) {
            CHECK_THAT(e.what(), Catch::StartsWith(gpkg) && Catch::Contains("DK_north, DK_south"));
        }
    }
    SECTION("one layer named") {
        const City city = load(d, "[parcels]\nsource = \"pkg/two.gpkg\"\nlayer = \"DK_south\"\n");
        CHECK(city.parcels.size() == 6);
    }
    SECTION("a folder holding it: every parcel layer, each counted") {
        const City city = load(d, "[parcels]\nsource = \"pkg\"\n");
        check_canonical_parcels(city);
        require_conserved(city);
        std::vector<std::string> labels;
        for (const auto& l : city.layers)
            if (l.logical == "parcels") {
                labels.push_back(l.label);
                CHECK(l.counts.read == 6);
                CHECK(l.counts.kept == 6);
            }
        CHECK(labels == std::vector<std::string>{"pkg/two.gpkg:DK_north", "pkg/two.gpkg:DK_south"});
    }
}

TEST_CASE("multi-source: a glob that matches nothing is an InputError naming it", "[io][multi]") {
    ScratchDir dir("multi-noglob");
    write_package(dir.path());
    try {
        load(dir.path().string(), mapping_with_source("\"parcels/XZ_*.shp\""));
        FAIL("loaded without parcels");
    } catch (const InputError& e) {
        CHECK_THAT(e.what(), Catch::Contains("'parcels/XZ_*.shp' matches no file"));
    }
}

TEST_CASE("multi-source: the sample city's parcels split per district audit like the committed file",
          "[io][multi][sample]") {
    ScratchDir dir("multi-sample-split");
    const fs::path sample = kSampleCityDir;
    for (const auto& entry : fs::directory_iterator(sample))
        if (entry.path().stem() != "parcels") fs::copy_file(entry.path(), dir.path() / entry.path().filename());
    fs::create_directories(dir.path() / "parcels");

    io::LoadOptions committed_options;
    committed_options.data = sample.string();
    const City committed = io::load_city(committed_options);

    // One file per district code the parcels carry, cut out by GDAL, and one for
    // any record whose district is none of them (empty included).
    std::set<std::string> codes;
    GDALDatasetUniquePtr src(GDALDataset::Open((sample / "parcels.shp").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(src);
    const auto total = static_cast<std::size_t>(src->GetLayer(0)->GetFeatureCount());
    for (auto& f : *src->GetLayer(0)) {
        const char* code = f->GetFieldAsString("district");
        if (code && *code) codes.insert(code);
    }
    REQUIRE(codes.size() >= 3);
    std::string not_any = "district IS NULL OR district NOT IN (";
    std::size_t written = 0;
    auto cut = [&](const std::string& name, const std::string& where) {
        std::vector<std::string> args = {"-where", where, "-nln", name, "-lco", "ENCODING=UTF-8"};
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        GDALVectorTranslateOptions* opts = GDALVectorTranslateOptionsNew(argv.data(), nullptr);
        GDALDatasetH in = src.get();
        const std::string out = (dir.path() / "parcels" / (name + ".shp")).string();
        GDALDatasetH ds = GDALVectorTranslate(out.c_str(), nullptr, 1, &in, opts, nullptr);
        GDALVectorTranslateOptionsFree(opts);
        REQUIRE(ds);
        written += static_cast<std::size_t>(GDALDataset::FromHandle(ds)->GetLayer(0)->GetFeatureCount());
        GDALClose(ds);
    };
    bool first = true;
    for (const auto& code : codes) {
        cut("DK_" + code, "district = '" + code + "'");
        not_any += (first ? "'" : ", '") + code + "'";
        first = false;
    }
    not_any += ")";
    cut("DK_other", not_any);
    REQUIRE(written == total);

    const City split = load(dir.path().string(), "[parcels]\nsource = \"parcels\"\n");
    INFO("issues:\n" << all_issues(split));
    require_conserved(split);
    const LayerCounts& a = split.report.counts.at("parcels");
    const LayerCounts& b = committed.report.counts.at("parcels");
    CHECK(a.read == b.read);
    CHECK(a.kept == b.kept);
    CHECK(a.merged == b.merged);
    CHECK(a.rejected == b.rejected);
    CHECK(a.repaired == b.repaired);
    CHECK(a.incomplete == b.incomplete);
    check_same_audit(split, committed);
}

TEST_CASE("multi-source: input_paths lists every file a folder or glob source reads", "[io][multi]") {
    ScratchDir dir("multi-inputs");
    write_package(dir.path());
    for (const char* source : {"\"parcels\"", "\"parcels/DK_*.shp\""}) {
        INFO(source);
        io::LoadOptions o;
        o.data = dir.path().string();
        o.mapping = io::parse_mapping(mapping_with_source(source), "m.toml");
        const auto paths = io::input_paths(o);
        for (const auto& district : kDistricts) {
            const std::string shp = (dir.path() / "parcels" / ("DK_" + district + ".shp")).string();
            CHECK(std::find(paths.begin(), paths.end(), shp) != paths.end());
        }
    }
}
