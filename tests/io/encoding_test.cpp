// Encodings where they belong: a CSV's or DBF's encoding decodes its header names
// as well as its values, so a mapping names Chinese headers in UTF-8 whatever the
// file is in; [defaults] encoding applies only to formats without a defined
// encoding, and a UTF-8 format named otherwise gets a warning, not garbage.
#include <catch2/catch.hpp>

#include <filesystem>

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

City load(const std::string& data, const std::string& mapping_text) {
    io::LoadOptions o;
    o.data = data;
    o.mapping = io::parse_mapping(mapping_text, "m.toml");
    return io::load_city(o);
}

/// The canonical projects with the Chinese headers a bureau's spreadsheet has.
std::string projects_with_chinese_headers() {
    std::string csv = projects_csv_utf8();
    const std::string header = "项目编号,项目名称,行业代码,招商区县,用地面积,投资总额,预期税收,科技含量,环评通过,临江,重大项目";
    return header + csv.substr(csv.find("\r\n"));
}

const char* const kChineseFields = R"([projects.fields]
project_id = "项目编号"
name = "项目名称"
industry = "行业代码"
origin = "招商区县"
area_mu = "用地面积"
investment = "投资总额"
tax_expect = "预期税收"
tech = "科技含量"
eia_ok = "环评通过"
needs_shore = "临江"
major = "重大项目"
)";

void write_city_with_gbk_projects(const ScratchDir& dir) {
    write_city_folder(dir.path().string(), "ESRI Shapefile", {}, CsvEncoding::Gbk);
    write_text_file(dir / "projects.csv", encode_text(projects_with_chinese_headers(), CsvEncoding::Gbk));
    // The fixture really is GBK, headers included: 项 is 0xCF 0xEE in CP936.
    REQUIRE(read_text_file(dir / "projects.csv").rfind("\xCF\xEE", 0) == 0);
}

}  // namespace

TEST_CASE("encoding: a GBK CSV with Chinese headers maps by their UTF-8 names", "[io][encoding]") {
    ScratchDir dir("enc-gbk-headers");
    write_city_with_gbk_projects(dir);

    SECTION("declared for the layer") {
        const City city = load(dir.path().string(), std::string("[projects]\nencoding = \"GBK\"\n[quota]\nencoding = \"GBK\"\n") + kChineseFields);
        INFO("issues:\n" << all_issues(city));
        check_canonical_tables(city);
        CHECK(issues_with_code(city, "encoding.guessed").empty());
    }
    SECTION("declared in [defaults]: a CSV has no encoding of its own") {
        const City city = load(dir.path().string(), std::string("[defaults]\nencoding = \"GBK\"\n") + kChineseFields);
        INFO("issues:\n" << all_issues(city));
        check_canonical_tables(city);
        check_canonical_parcels(city);  // the UTF-8 Shapefiles declare theirs (.cpg): [defaults] leaves them alone
    }
    SECTION("undeclared: guessed once, with a warning") {
        const City city = load(dir.path().string(), kChineseFields);
        check_canonical_tables(city);
        CHECK(issues_with_code(city, "encoding.guessed").size() == 2);  // projects and quota, once each
    }
    SECTION("a wrong name: the error quotes the headers readably") {
        try {
            load(dir.path().string(), "[projects]\nencoding = \"GBK\"\n[projects.fields]\nproject_id = \"编号\"\n");
            FAIL("mapped a field the table does not have");
        } catch (const DataError& e) {
            CHECK_THAT(e.what(), Catch::Contains("'编号'") && Catch::Contains("项目编号, 项目名称, 行业代码"));
            CHECK_THAT(e.hint(), Catch::Contains("[projects.fields]"));
        }
    }
}

TEST_CASE("encoding: a UTF-8 GeoPackage under [defaults] encoding = GBK loads correctly, with a warning", "[io][encoding]") {
    ScratchDir dir("enc-gpkg-defaults");
    const std::string d = dir.path().string();
    write_layer_file(d, "GPKG", parks_layer());
    write_layer_file(d, "GPKG", shoreline_layer());
    write_layer_file(d, "GPKG", parcels_layer());
    write_tables(d, CsvEncoding::Gbk);
    const City city = load(d, "[defaults]\nencoding = \"GBK\"\n");
    INFO("issues:\n" << all_issues(city));
    check_canonical_parcels(city);  // 济川药业集团有限公司, not mojibake
    check_canonical_parks(city);
    check_canonical_tables(city);   // the GBK CSVs still get [defaults]
    require_conserved(city);
    CHECK(city.report.count(Severity::Rejected) == 0);
    const auto ignored = issues_with_code(city, "encoding.ignored");
    REQUIRE(ignored.size() == 3);  // parks, shoreline, parcels; not the CSVs
    for (const auto& i : ignored) {
        CHECK(i.severity == Severity::Warning);
        CHECK_THAT(i.message, Catch::Contains("UTF-8 by definition") && Catch::Contains("[defaults]"));
    }
    for (const auto& l : city.layers)
        CHECK(l.encoding == (l.driver == "GPKG" ? "UTF-8" : "CP936"));
}
