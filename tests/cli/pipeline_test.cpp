// The audit, allocate and plan commands end to end on the sample city: exit codes,
// the layers they write, styles stored for QGIS, CSV for Excel, refusing to
// overwrite, and allocate --audit agreeing with plan.
#include <filesystem>
#include <memory>
#include <set>

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <nlohmann/json.hpp>
#include <ogrsf_frmts.h>

#include "support/fixtures.hpp"
#include "test_config.hpp"

using namespace parkcap::test;

namespace {
std::string cli(const std::string& args) { return std::string(kParkcapExe) + " " + args; }

std::set<std::string> layers_of(const std::string& path) {
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR));
    REQUIRE(ds);
    std::set<std::string> names;
    for (int i = 0; i < ds->GetLayerCount(); ++i) names.insert(ds->GetLayer(i)->GetName());
    return names;
}

std::set<std::string> styled_layers(const std::string& path) {
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR));
    REQUIRE(ds);
    std::set<std::string> names;
    OGRLayer* rs = ds->ExecuteSQL("SELECT f_table_name FROM layer_styles WHERE useAsDefault = 1", nullptr, nullptr);
    REQUIRE(rs);
    for (auto& f : *rs) names.insert(f->GetFieldAsString(0));
    ds->ReleaseResultSet(rs);
    return names;
}

int64_t count(const std::string& path, const char* layer) {
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR));
    REQUIRE(ds);
    OGRLayer* l = ds->GetLayerByName(layer);
    REQUIRE(l);
    return l->GetFeatureCount();
}
}  // namespace

TEST_CASE("every subcommand has --help", "[cli][help]") {
    for (const char* cmd : {"info", "audit", "allocate", "plan"}) {
        INFO(cmd);
        const auto r = run_command(cli(std::string(cmd) + " --help"));
        CHECK(r.exit_code == 0);
        CHECK(r.out.find("DATA") != std::string::npos);
        CHECK(r.out.find("--rules") != std::string::npos);
    }
}

TEST_CASE("parkcap audit writes the audit GeoPackage, styled, and CSV with a BOM", "[cli][audit]") {
    ScratchDir dir("cli-audit");
    const std::string gpkg = dir / "audit.gpkg";
    const auto r = run_command(cli(std::string("audit ") + kSampleCityDir + " --as-of 2026-06-30 -q --out " + gpkg +
                                       " --csv " + (dir / "csv")));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(r.out.find("Port-suitable shoreline") != std::string::npos);
    const auto layers = layers_of(gpkg);
    for (const char* l : {"parcel_flags", "park_capacity", "shoreline_use", "district_summary", "data_quality", "rejects"}) {
        INFO(l);
        CHECK(layers.count(l));
    }
    CHECK(r.out.find("Data quality: ") != std::string::npos);
    CHECK(std::filesystem::exists(dir / "csv/data_quality.csv"));
    const auto styled = styled_layers(gpkg);
    for (const char* l : {"parcel_flags", "park_capacity", "shoreline_use", "district_summary", "early_warnings"}) CHECK(styled.count(l));
    // One feature per kept parcel: read − rejected.
    int64_t rejected_parcels = 0;
    {
        GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR));
        OGRLayer* rs = ds->ExecuteSQL("SELECT COUNT(*) FROM rejects WHERE severity = 'rejected' AND layer = 'parcels'",
                                      nullptr, nullptr);
        for (auto& f : *rs) rejected_parcels = f->GetFieldAsInteger64(0);
        ds->ReleaseResultSet(rs);
    }
    // The sample's planted bad parcels (an empty status, a repeated id) lose no
    // land: none is rejected, and parcel_flags has every feature of parcels.shp.
    CHECK(rejected_parcels == 0);
    CHECK(count(gpkg, "parcel_flags") == count(std::string(kSampleCityDir) + "/parcels.shp", "parcels") - rejected_parcels);
    const std::string csv = read_text_file(dir / "csv/parcel_flags.csv");
    CHECK(csv.rfind("\xEF\xBB\xBF" "parcel_id,", 0) == 0);
    CHECK(csv.find("闲置") != std::string::npos);

    SECTION("an existing output is not replaced without --overwrite") {
        const std::string before = read_text_file(gpkg);
        const auto again = run_command(cli(std::string("audit ") + kSampleCityDir + " --as-of 2026-06-30 -q --out " + gpkg));
        CHECK(again.exit_code == 2);
        CHECK(again.err.find("--overwrite") != std::string::npos);
        CHECK(read_text_file(gpkg) == before);
    }
    SECTION("a bad --as-of is a usage error naming the option") {
        const auto bad = run_command(cli(std::string("audit ") + kSampleCityDir + " --as-of 2026-13-01 -q --out " +
                                             (dir / "x.gpkg")));
        CHECK(bad.exit_code == 2);
        CHECK(bad.err.find("--as-of") != std::string::npos);
    }
}

TEST_CASE("parkcap audit --json reports the headline figures", "[cli][audit][json]") {
    ScratchDir dir("cli-audit-json");
    const auto r = run_command(cli(std::string("audit ") + kSampleCityDir + " --as-of 2026-06-30 -q --json --out " +
                                       (dir / "a.gpkg")));
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["as_of"] == "2026-06-30");
    CHECK(j["idle_mu"]["total"].get<double>() ==
          Approx(j["idle_mu"]["takeback"].get<double>() + j["idle_mu"]["fee"].get<double>()));
    CHECK(j["shoreline_km"]["port_undeveloped"].get<double>() == Approx(14.78).margin(0.01));  // by frontage (issue 18)
    CHECK(j["records"]["parcels"]["read"].get<int>() ==
          j["records"]["parcels"]["kept"].get<int>() + j["records"]["parcels"]["rejected"].get<int>());
    CHECK(j["parks"].size() == 8);
}

TEST_CASE("parkcap plan and parkcap allocate --audit give the same plan", "[cli][plan]") {
    ScratchDir dir("cli-plan");
    const std::string data = kSampleCityDir;
    // The README's main job: the sample city with its own rules (its general park).
    const std::string rules = " --rules " + data + "/rules.toml";
    const auto plan = run_command(cli("plan " + data + rules + " --as-of 2026-06-30 -q --json --out " + (dir / "plan.gpkg") +
                                          " --audit-out " + (dir / "audit.gpkg") + " --csv " + (dir / "csv")));
    INFO(plan.err);
    REQUIRE(plan.exit_code == 0);
    const auto layers = layers_of(dir / "plan.gpkg");
    for (const char* l : {"allocation", "flows", "quota_ledger", "refused", "unplaced", "sites"}) {
        INFO(l);
        CHECK(layers.count(l));
    }
    for (const char* l : {"allocation", "flows", "quota_ledger", "sites"}) CHECK(styled_layers(dir / "plan.gpkg").count(l));
    const auto jp = nlohmann::json::parse(plan.out);
    CHECK(jp["placed"]["enclave"].get<int>() > 0);
    CHECK(jp["solver"]["gap"].get<double>() >= 0);
    // The sample's plan stops at the rules' node limit (1,000), as CBC counts nodes.
    CHECK(jp["solver"]["nodes"].get<int>() >= 1000);
    CHECK(read_text_file(dir / "csv/run_info.csv").find("\nsolver_nodes," + std::to_string(jp["solver"]["nodes"].get<int>()) + "\r\n") !=
          std::string::npos);
    CHECK(count(dir / "plan.gpkg", "allocation") == jp["placed"]["count"].get<int>());
    CHECK(count(dir / "plan.gpkg", "refused") == jp["refused"]["count"].get<int>());
    CHECK(count(dir / "plan.gpkg", "unplaced") == jp["unplaced"]["count"].get<int>());
    for (const auto& row : jp["quota_ledger"]) CHECK(row["remaining_mu"].get<double>() >= -1e-6);

    const auto alloc = run_command(cli("allocate " + data + rules + " -q --json --audit " + (dir / "audit.gpkg") + " --out " +
                                           (dir / "plan2.gpkg")));
    INFO(alloc.err);
    REQUIRE(alloc.exit_code == 0);
    const auto ja = nlohmann::json::parse(alloc.out);
    CHECK(ja["placed"] == jp["placed"]);
    CHECK(ja["quota_ledger"] == jp["quota_ledger"]);
    CHECK(ja["solver"]["objective"].get<double>() == Approx(jp["solver"]["objective"].get<double>()));

    SECTION("the same input twice gives the same plan byte for byte") {
        const auto again = run_command(cli("plan " + data + rules + " --as-of 2026-06-30 -q --out " + (dir / "plan3.gpkg") +
                                               " --csv " + (dir / "csv3")));
        REQUIRE(again.exit_code == 0);
        for (const char* t : {"allocation", "flows", "quota_ledger", "refused", "unplaced", "sites"}) {
            INFO(t);
            CHECK(read_text_file(dir / (std::string("csv/") + t + ".csv")) ==
                  read_text_file(dir / (std::string("csv3/") + t + ".csv")));
        }
    }
}

TEST_CASE("allocate without a projects table says how to give one", "[cli][allocate]") {
    ScratchDir dir("cli-allocate-noprojects");
    // The parcels alone, with no tables beside them.
    for (const char* ext : {".shp", ".shx", ".dbf", ".prj", ".cpg"})
        std::filesystem::copy_file(std::string(kSampleCityDir) + "/parcels" + ext, dir / (std::string("parcels") + ext));
    const auto r = run_command(cli("allocate " + (dir / "parcels.shp") + " -q --as-of 2026-06-30 --out " + (dir / "p.gpkg")));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--projects") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "p.gpkg"));
}

TEST_CASE("a pin the plan cannot honour is reported by the summary, --json and run_info, not in the method",
          "[cli][plan][pins]") {
    ScratchDir dir("cli-plan-pin-problem");
    // PJ-002 is refused on the sample city (LOW_TAX): its pin cannot be honoured.
    const std::string ov = dir / "pins.toml";
    write_text_file(ov, "[[pin]]\nproject = \"PJ-002\"\npark = \"P01\"\n");
    const std::string args = std::string(kSampleCityDir) + " --as-of 2026-06-30 --overrides " + ov + " --out ";
    const std::string expected = "pin of PJ-002 to P01 cannot be honoured: the project is refused (LOW_TAX)";

    const auto text = run_command(cli("plan " + args + (dir / "plan.gpkg") + " --csv " + (dir / "csv")));
    INFO(text.err);
    REQUIRE(text.exit_code == 0);
    CHECK(text.out.find("Pin not honoured: " + expected + "\n") != std::string::npos);
    const std::string solver_line = text.out.substr(text.out.find("Solver: "));
    CHECK(solver_line.substr(0, solver_line.find('\n')).find("honoured") == std::string::npos);
    const std::string run_info = read_text_file(dir / "csv/run_info.csv");
    CHECK(run_info.find("pins_not_honoured," + expected) != std::string::npos);
    // The method alone, as without the pin (the sample's plan stops at the rules' node limit).
    CHECK(run_info.find("\nmethod,cbc (node limit)\r\n") != std::string::npos);
    CHECK(read_text_file(dir / "csv/refused.csv").find("PJ-002,") != std::string::npos);

    const auto json = run_command(cli("plan -q --json " + args + (dir / "plan2.gpkg")));
    REQUIRE(json.exit_code == 0);
    const auto j = nlohmann::json::parse(json.out);
    REQUIRE(j["pins_not_honoured"].size() == 1);
    CHECK(j["pins_not_honoured"][0]["project"] == "PJ-002");
    CHECK(j["pins_not_honoured"][0]["code"] == "PROJECT_REFUSED");
    CHECK(j["pins_not_honoured"][0]["text"] == expected);
    CHECK(j["solver"]["method"].get<std::string>().find("honoured") == std::string::npos);
}

TEST_CASE("parkcap info reports the data quality the audit finds, before any audit", "[cli][info][data_quality]") {
    ScratchDir dir("cli-info-quality");
    const std::string common = std::string(kSampleCityDir) + " --as-of 2026-06-30 -q --json";
    const auto info = run_command(cli("info " + common + " --rejects " + (dir / "r.csv")));
    INFO(info.err);
    REQUIRE(info.exit_code == 0);
    const auto audit = run_command(cli("audit " + common + " --out " + (dir / "a.gpkg")));
    INFO(audit.err);
    REQUIRE(audit.exit_code == 0);
    const auto ji = nlohmann::json::parse(info.out)["data_quality"];
    const auto ja = nlohmann::json::parse(audit.out)["data_quality"];
    CHECK(ji["as_of"] == "2026-06-30");
    CHECK(ji["rules"] == ja["rules"]);
    CHECK(ji["fields"] == ja["fields"]);
    // The sample plants one parcel with an empty status: no rule applies to it.
    bool status_gap = false;
    for (const auto& g : ji["rules"]) status_gap |= g["rule"] == "ALL" && g["fields"] == "status" && g["parcels"] == 1;
    CHECK(status_gap);
}
