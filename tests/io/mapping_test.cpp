// The field-mapping file: a land bureau's own Shapefiles, with pinyin-initial
// field names (DKBH, XZQDM, ZT...), Chinese values (已批未供, 工业用地, 是/否), dates
// written three different ways and GBK text, must load to the same city as the
// canonical twin; and a mapping that is wrong must say where (file, line, key).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "parkcap/core/error.hpp"
#include "parkcap/io/load.hpp"
#include "parkcap/io/mapping.hpp"
#include "support/city_checks.hpp"
#include "support/city_writer.hpp"
#include "support/fixtures.hpp"

namespace fs = std::filesystem;
using namespace parkcap;
using namespace parkcap::test;

namespace {

City load(const std::string& data, std::optional<io::FieldMapping> mapping = std::nullopt) {
    io::LoadOptions o;
    o.data = data;
    o.mapping = std::move(mapping);
    return io::load_city(o);
}

// ---- the pinyin twin ------------------------------------------------------------

const std::map<std::string, std::string> kStatusZh = {{"planned", "规划"},  {"approved", "已批未供"},
                                                      {"supplied", "已供未建"}, {"building", "在建"},
                                                      {"built", "建成"},    {"reserve", "储备"}};
const std::map<std::string, std::string> kLandUseZh = {{"industrial", "工业用地"}, {"logistics", "物流仓储用地"},
                                                       {"commercial", "商服用地"}, {"residential", "住宅用地"},
                                                       {"public", "公共管理与公共服务用地"}, {"other", "其他用地"}};
const std::map<std::string, std::string> kLevelZh = {
    {"national", "国家级"}, {"provincial", "省级"}, {"municipal", "市级"}, {"other", "其他"}};
const std::map<std::string, std::string> kZoneZh = {
    {"protect", "保护区"}, {"reserve", "保留区"}, {"control", "控制利用区"}, {"develop", "开发利用区"}};

struct Ymd {
    int y = 0, m = 0, d = 0;
};
std::optional<Ymd> ymd(const std::string& iso) {
    if (iso.empty()) return std::nullopt;
    Ymd r;
    std::sscanf(iso.c_str(), "%d-%d-%d", &r.y, &r.m, &r.d);
    return r;
}
// The ways Chinese land registers write dates.
std::string slashed(const std::string& iso) {  // 2021/3/5
    auto d = ymd(iso);
    return d ? fmt::format("{}/{}/{}", d->y, d->m, d->d) : "";
}
std::string packed(const std::string& iso) {  // 20210305 (a number field)
    auto d = ymd(iso);
    return d ? fmt::format("{:04}{:02}{:02}", d->y, d->m, d->d) : "";
}
std::string chinese(const std::string& iso) {  // 2021年3月5日
    auto d = ymd(iso);
    return d ? fmt::format("{}年{}月{}日", d->y, d->m, d->d) : "";
}
std::string dotted(const std::string& iso) {  // 2021.3.5
    auto d = ymd(iso);
    return d ? fmt::format("{}.{}.{}", d->y, d->m, d->d) : "";
}
std::string num(double v) { return std::isnan(v) ? "" : fmt::format("{}", v); }

LayerData pinyin_parcels() {
    LayerData l;
    l.name = "DK";
    l.geometry_type = wkbMultiPolygon;
    l.fields = {{"DKBH", OFTString, 20},  {"XZQDM", OFTString, 12}, {"TDYT", OFTString, 60},
                {"ZT", OFTString, 20},    {"PZRQ", OFTString, 12},  {"GYRQ", OFTInteger, 8},
                {"YDKGRQ", OFTDate},      {"SJKGRQ", OFTString, 24}, {"TGRQ", OFTString, 12},
                {"KFBL", OFTReal, 12, 4}, {"XYTZ", OFTReal, 14, 2}, {"SJTZ", OFTReal, 14, 2},
                {"RJL", OFTReal, 8, 3},   {"JZXS", OFTReal, 8, 4},  {"SS", OFTReal, 14, 2},
                {"CZ", OFTReal, 14, 2},   {"HYDM", OFTString, 8},   {"QYMC", OFTString, 120}};
    for (const auto& p : canonical_city().parcels)
        l.features.push_back({p.wkt,
                              {{"DKBH", p.parcel_id},
                               {"XZQDM", p.district},
                               {"TDYT", kLandUseZh.at(p.land_use)},
                               {"ZT", kStatusZh.at(p.status)},
                               {"PZRQ", slashed(p.appr_date)},
                               {"GYRQ", packed(p.supp_date)},
                               {"YDKGRQ", p.start_due},
                               {"SJKGRQ", chinese(p.start_date)},
                               {"TGRQ", dotted(p.halt_date)},
                               {"KFBL", num(p.dev_ratio)},
                               {"XYTZ", num(p.inv_plan)},
                               {"SJTZ", num(p.inv_done)},
                               {"RJL", num(p.far)},
                               {"JZXS", num(p.coverage)},
                               {"SS", num(p.tax)},
                               {"CZ", num(p.output)},
                               {"HYDM", p.industry},
                               {"QYMC", p.enterprise}}});
    return l;
}

LayerData pinyin_parks() {
    LayerData l;
    l.name = "YQ";
    l.geometry_type = wkbPolygon;
    l.fields = {{"YQBH", OFTString, 16}, {"YQMC", OFTString, 80}, {"JB", OFTString, 16},
                {"XZQDM", OFTString, 12}, {"CYDM", OFTString, 64}, {"HGYQ", OFTString, 4}};
    for (const auto& p : canonical_city().parks) {
        std::string themes = p.themes;  // full-width semicolons, as typed on a Chinese keyboard
        for (std::size_t i; (i = themes.find(';')) != std::string::npos;) themes.replace(i, 1, "；");
        l.features.push_back({p.wkt,
                              {{"YQBH", p.park_id}, {"YQMC", p.name}, {"JB", kLevelZh.at(p.level)},
                               {"XZQDM", p.district}, {"CYDM", themes}, {"HGYQ", p.chem_park ? "是" : "否"}}});
    }
    return l;
}

LayerData pinyin_shoreline() {
    LayerData l;
    l.name = "AX";
    l.geometry_type = wkbLineString;
    l.fields = {{"AXBH", OFTString, 16}, {"GNQ", OFTString, 20}, {"YGAX", OFTString, 4}};
    for (const auto& s : canonical_city().shoreline)
        l.features.push_back(
            {s.wkt, {{"AXBH", s.shore_id}, {"GNQ", kZoneZh.at(s.zone)}, {"YGAX", s.port ? "是" : "否"}}});
    return l;
}

std::string value_table(const std::string& header, const std::map<std::string, std::string>& canonical_to_zh) {
    std::string s = "[" + header + "]\n";
    for (const auto& [canonical, zh] : canonical_to_zh) s += fmt::format("\"{}\" = \"{}\"\n", zh, canonical);
    return s;
}

std::string pinyin_mapping_text() {
    std::string s = R"(# 某市自然资源和规划局: 地块、园区、岸线 (拼音首字母字段, GBK 编码)
[parcels]
source = "DK.shp"

[parcels.fields]
parcel_id = "DKBH"
district = "XZQDM"
land_use = "TDYT"
status = "ZT"
appr_date = "PZRQ"
supp_date = "GYRQ"
start_due = "YDKGRQ"
start_date = "SJKGRQ"
halt_date = "TGRQ"
dev_ratio = "KFBL"
inv_plan = "XYTZ"
inv_done = "SJTZ"
far = "RJL"
coverage = "JZXS"
tax = "SS"
output = "CZ"
industry = "HYDM"
enterprise = "QYMC"

[parks]
source = "YQ.shp"

[parks.fields]
park_id = "YQBH"
name = "YQMC"
level = "JB"
district = "XZQDM"
themes = "CYDM"
chem_park = "HGYQ"

[shoreline]
source = "AX.shp"

[shoreline.fields]
shore_id = "AXBH"
zone = "GNQ"
port = "YGAX"

)";
    s += value_table("parcels.values.status", kStatusZh) + "\n";
    s += value_table("parcels.values.land_use", kLandUseZh) + "\n";
    s += value_table("parks.values.level", kLevelZh) + "\n";
    s += value_table("shoreline.values.zone", kZoneZh);
    return s;
}

void write_pinyin_city(const std::string& dir) {
    const WriteOptions gbk{4528, {"ENCODING=CP936"}};
    write_layer_file(dir, "ESRI Shapefile", pinyin_parcels(), gbk);
    write_layer_file(dir, "ESRI Shapefile", pinyin_parks(), gbk);
    write_layer_file(dir, "ESRI Shapefile", pinyin_shoreline(), gbk);
}

std::string gbk(const std::string& utf8) { return encode_text(utf8, CsvEncoding::Gbk); }

/// Byte 29 of a DBF header: the language driver id (0x4D = CP936).
unsigned char dbf_ldid(const std::string& dbf) { return static_cast<unsigned char>(read_text_file(dbf).at(29)); }

void check_same_city(const City& pinyin, const City& twin) {
    REQUIRE(pinyin.parcels.size() == twin.parcels.size());
    for (std::size_t i = 0; i < twin.parcels.size(); ++i) {
        const std::string id(twin.parcels.parcel_id[i]);
        INFO("parcel " << id);
        const auto j = find_parcel(pinyin, id);
        REQUIRE(j);
        CHECK(pinyin.parcels.status[*j] == twin.parcels.status[i]);
        CHECK(pinyin.parcels.land_use[*j] == twin.parcels.land_use[i]);
        CHECK(pinyin.parcels.appr_date[*j] == twin.parcels.appr_date[i]);
        CHECK(pinyin.parcels.supp_date[*j] == twin.parcels.supp_date[i]);
        CHECK(pinyin.parcels.start_due[*j] == twin.parcels.start_due[i]);
        CHECK(pinyin.parcels.start_date[*j] == twin.parcels.start_date[i]);
        CHECK(pinyin.parcels.halt_date[*j] == twin.parcels.halt_date[i]);
        CHECK(pinyin.parcels.area_m2[*j] == Approx(twin.parcels.area_m2[i]).epsilon(1e-9));
        CHECK(park_of(pinyin, *j) == park_of(twin, i));
        CHECK(pinyin.parcels.enterprise[*j] == twin.parcels.enterprise[i]);
    }
    REQUIRE(pinyin.parks.size() == twin.parks.size());
    for (const auto& park : twin.parks) {
        INFO("park " << park.park_id);
        const auto p = pinyin.find_park(park.park_id);
        REQUIRE(p);
        CHECK(pinyin.parks[*p].name == park.name);
        CHECK(pinyin.parks[*p].level == park.level);
        CHECK(pinyin.parks[*p].themes == park.themes);
        CHECK(pinyin.parks[*p].chem_park == park.chem_park);
    }
}

}  // namespace

TEST_CASE("mapping: a pinyin-initial GBK Shapefile city loads to the same city as its canonical twin", "[io][mapping]") {
    ScratchDir dir("map-pinyin");
    const std::string pinyin_dir = dir / "pinyin", twin_dir = dir / "twin";
    fs::create_directories(pinyin_dir);
    write_pinyin_city(pinyin_dir);
    write_city_folder(twin_dir, "ESRI Shapefile");

    // The fixture really is GBK and says so (a .cpg, or the DBF language driver id).
    const std::string dbf = read_text_file(pinyin_dir + "/DK.dbf");
    REQUIRE(dbf.find(gbk("济川药业集团有限公司")) != std::string::npos);
    REQUIRE(dbf.find("济川药业集团有限公司") == std::string::npos);
    const bool declared = (fs::exists(pinyin_dir + "/DK.cpg") &&
                           read_text_file(pinyin_dir + "/DK.cpg").find("936") != std::string::npos) ||
                          dbf_ldid(pinyin_dir + "/DK.dbf") == 0x4D;
    REQUIRE(declared);

    const std::string mapping_file = dir / "dk-mapping.toml";
    write_text_file(mapping_file, pinyin_mapping_text());
    const City pinyin = load(pinyin_dir, io::load_mapping_file(mapping_file));
    const City twin = load(twin_dir);
    INFO("pinyin issues:\n" << all_issues(pinyin));

    check_canonical_parcels(pinyin);
    check_canonical_parks(pinyin);
    check_canonical_shoreline(pinyin);
    check_same_city(pinyin, twin);
    require_conserved(pinyin);
    CHECK(pinyin.report.count(Severity::Rejected) == 0);
    CHECK(pinyin.report.issues.size() == twin.report.issues.size());  // only the absent districts layer
    for (const auto& l : pinyin.layers) {
        INFO(l.logical);
        CHECK(l.source.file == pinyin_dir + "/" + (l.logical == "parcels" ? "DK" : l.logical == "parks" ? "YQ" : "AX") + ".shp");
        CHECK(l.encoding == "CP936");
    }
}

TEST_CASE("mapping: a GBK Shapefile that declares no encoding is guessed with a warning, or read as declared", "[io][mapping][encoding]") {
    ScratchDir dir("map-gbk-undeclared");
    const std::string d = dir.path().string();
    write_pinyin_city(d);
    // Strip every declaration: no .cpg, DBF language driver id 0.
    for (const char* stem : {"DK", "YQ", "AX"}) {
        fs::remove(dir.path() / (std::string(stem) + ".cpg"));
        const std::string dbf = dir / (std::string(stem) + ".dbf");
        std::fstream f(dbf, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(29);
        f.put('\0');
    }
    REQUIRE(dbf_ldid(dir / "DK.dbf") == 0);

    SECTION("guessed") {
        const City city = load(d, io::parse_mapping(pinyin_mapping_text(), "dk-mapping.toml"));
        INFO("issues:\n" << all_issues(city));
        check_canonical_parcels(city);
        check_canonical_parks(city);
        const auto guessed = issues_with_code(city, "encoding.guessed");
        CHECK(guessed.size() == 3);  // one per layer
        for (const auto& g : guessed) CHECK(g.severity == Severity::Warning);
    }
    SECTION("declared in [defaults]") {
        const City city = load(d, io::parse_mapping("[defaults]\nencoding = \"GBK\"\n" + pinyin_mapping_text(), "dk-mapping.toml"));
        check_canonical_parcels(city);
        check_canonical_parks(city);
        CHECK(issues_with_code(city, "encoding.guessed").empty());
    }
}

// ---- mapping errors -----------------------------------------------------------------

namespace {

/// The DataError message parse_mapping throws for `toml` (fails the test if none).
std::string mapping_error(const std::string& toml, const std::string& name = "bureau.toml") {
    try {
        io::parse_mapping(toml, name);
    } catch (const DataError& e) {
        return e.what();
    }
    FAIL("mapping accepted:\n" << toml);
    return {};
}

}  // namespace

TEST_CASE("mapping: an unknown section names the file, line and section", "[io][mapping]") {
    const std::string m = mapping_error("[parcels.fields]\nparcel_id = \"DKBH\"\n\n[parcel]\nsource = \"DK.shp\"\n");
    CHECK_THAT(m, Catch::StartsWith("bureau.toml:4: parcel: unknown section"));
    CHECK_THAT(m, Catch::Contains("parcels"));  // lists what is expected
}

TEST_CASE("mapping: an unknown canonical field names the file, line and key", "[io][mapping]") {
    const std::string m =
        mapping_error("[parcels]\nsource = \"DK.shp\"\n[parcels.fields]\nparcel_id = \"DKBH\"\nparcel_area = \"YDMJ\"\n");
    CHECK_THAT(m, Catch::StartsWith("bureau.toml:5: parcels.fields.parcel_area:"));
    CHECK_THAT(m, Catch::Contains("'parcel_area' is not a field of parcels"));
}

TEST_CASE("mapping: a value mapped to something not in the enum names the file, line, key and the allowed values", "[io][mapping]") {
    const std::string m = mapping_error(
        "[parcels.values.status]\n\"已批未供\" = \"approved\"\n\"已供未建\" = \"suplied\"\n");
    CHECK_THAT(m, Catch::StartsWith("bureau.toml:3: parcels.values.status.已供未建:"));
    CHECK_THAT(m, Catch::Contains("'suplied'") && Catch::Contains("planned, approved, supplied, building, built, reserve"));
}

TEST_CASE("mapping: other malformed mappings are DataErrors with file and line", "[io][mapping]") {
    CHECK_THAT(mapping_error("[parcels]\ncrs = 4528\n"), Catch::StartsWith("bureau.toml:2: parcels.crs: expected a text value"));
    CHECK_THAT(mapping_error("[parks.values.chem_park]\n\"是\" = 2\n"),
               Catch::StartsWith("bureau.toml:2: parks.values.chem_park.是:") && Catch::Contains("0 or 1"));
    CHECK_THAT(mapping_error("[defaults]\nencoding = \"GBK\"\nfields = { parcel_id = \"DKBH\" }\n"),
               Catch::StartsWith("bureau.toml:3: defaults.fields: unknown key"));
    CHECK_THAT(mapping_error("[parcels]\nsourse = \"DK.shp\"\n"), Catch::StartsWith("bureau.toml:2: parcels.sourse: unknown key"));
    CHECK_THAT(mapping_error("[parcels.fields]\nparcel_id = \"DKBH\n"), Catch::StartsWith("bureau.toml:2:"));  // TOML syntax
    CHECK_THAT(mapping_error("status = \"ZT\"\n"), Catch::StartsWith("bureau.toml:1: status: expected a [section]"));
    // Every mistake is reported at once, one per line, so one edit fixes them all.
    const std::string several = mapping_error("[parcel]\nx = 1\n[parks.fields]\nnom = \"YQMC\"\n");
    CHECK_THAT(several, Catch::Contains("bureau.toml:1: parcel:") && Catch::Contains("\nbureau.toml:4: parks.fields.nom:"));
}

TEST_CASE("mapping: value mapping to flags accepts 1/0 and true/false", "[io][mapping]") {
    const io::FieldMapping m = io::parse_mapping("[parks.values.chem_park]\n\"化工\" = 1\n\"非化工\" = false\n", "ok.toml");
    CHECK(m.layers.at("parks").values.at("chem_park").at("化工") == "1");
    CHECK(m.layers.at("parks").values.at("chem_park").at("非化工") == "0");
}

TEST_CASE("mapping: [defaults] fill in every layer unless the layer says otherwise", "[io][mapping]") {
    const io::FieldMapping m = io::parse_mapping(
        "[defaults]\nencoding = \"GBK\"\ncrs = \"EPSG:4528\"\ndate_formats = [\"%Y%m%d\"]\n[parks]\nencoding = \"UTF-8\"\n",
        "d.toml");
    CHECK(m.for_layer("parcels").encoding == "GBK");
    CHECK(m.for_layer("parcels").crs == "EPSG:4528");
    CHECK(m.for_layer("parcels").date_formats == std::vector<std::string>{"%Y%m%d"});
    CHECK(m.for_layer("parks").encoding == "UTF-8");
    CHECK(m.for_layer("parks").crs == "EPSG:4528");
}

TEST_CASE("mapping: a mapped field absent from the layer is a DataError naming the layer, the field and the fields present", "[io][mapping]") {
    ScratchDir dir("map-absent-field");
    write_pinyin_city(dir.path().string());
    std::string text = pinyin_mapping_text();
    text.replace(text.find("parcel_id = \"DKBH\""), std::string("parcel_id = \"DKBH\"").size(), "parcel_id = \"DKBM\"");
    try {
        load(dir.path().string(), io::parse_mapping(text, "bureau.toml"));
        FAIL("loaded with a mapped field that does not exist");
    } catch (const DataError& e) {
        const std::string m = e.what();
        CHECK_THAT(m, Catch::StartsWith(dir / "DK.shp" + ":DK:"));
        CHECK_THAT(m, Catch::Contains("parcels.parcel_id") && Catch::Contains("'DKBM'"));
        CHECK_THAT(m, Catch::Contains("DKBH, XZQDM, TDYT"));  // the fields it does have
        CHECK_THAT(e.hint(), Catch::Contains("[parcels.fields]"));
    }
}

TEST_CASE("mapping: a mapped source that does not exist is an InputError naming it", "[io][mapping]") {
    ScratchDir dir("map-absent-source");
    write_pinyin_city(dir.path().string());
    std::string text = pinyin_mapping_text();
    text.replace(text.find("source = \"DK.shp\""), std::string("source = \"DK.shp\"").size(), "source = \"DKXX.shp\"");
    CHECK_THROWS_MATCHES(load(dir.path().string(), io::parse_mapping(text, "bureau.toml")), InputError,
                         Catch::Matchers::Predicate<InputError>(
                             [](const InputError& e) {
                                 const std::string m = e.what();
                                 return m.find("bureau.toml") != std::string::npos && m.find("'DKXX.shp'") != std::string::npos;
                             },
                             "names the mapping file and the missing source"));
}

TEST_CASE("mapping: a mapping file that cannot be read is an InputError", "[io][mapping]") {
    CHECK_THROWS_AS(io::load_mapping_file("/nonexistent/mapping.toml"), InputError);
}
