// The projects table's 标准地 commitments (far_commit, output_exp, energy_va,
// emiss_va): optional, empty = not committed, and every bad value reported with
// file, layer, project and field like the other project fields, the project kept.
#include <catch2/catch.hpp>

#include <cmath>

#include "parkcap/io/load.hpp"
#include "support/city_checks.hpp"
#include "support/fixtures.hpp"
#include "support/mini_city.hpp"

using namespace parkcap;
using namespace parkcap::test;

namespace {

City load_with_projects(const ScratchDir& dir, const std::string& projects_csv) {
    MiniCity c;
    MiniParcel p;
    p.id = "L1";
    c.parcels = {p};
    const std::string gpkg = dir / "city.gpkg";
    c.write_gpkg(gpkg);
    write_text_file(dir / "projects.csv", projects_csv);
    io::LoadOptions o;
    o.data = gpkg;
    o.projects = dir / "projects.csv";
    return io::load_city(o);
}

const Project& project(const City& city, const std::string& id) {
    const auto j = city.find_project(id);
    REQUIRE(j);
    return city.projects[*j];
}

}  // namespace

TEST_CASE("projects: 标准地 commitments are read, empty ones stay empty", "[io][projects][standard_land]") {
    ScratchDir dir("io-commitments");
    const City city = load_with_projects(
        dir, "project_id,industry,origin,area_mu,investment,tax_expect,eia_ok,far_commit,output_exp,energy_va,emiss_va\n"
             "A,C3411,321202,50,20000,1500,1,1.2,25000,0.35,1.8\n"
             "B,C3411,321202,50,20000,1500,1,,,,\n");
    const Project& a = project(city, "A");
    CHECK(a.far_commit == 1.2);
    CHECK(a.output_expect_wan == 25000);
    CHECK(a.energy_tce_per_wan == 0.35);
    CHECK(a.emission_kg_per_wan == 1.8);
    const Project& b = project(city, "B");
    CHECK(std::isnan(b.far_commit));
    CHECK(std::isnan(b.output_expect_wan));
    CHECK(std::isnan(b.energy_tce_per_wan));
    CHECK(std::isnan(b.emission_kg_per_wan));
    CHECK(issues_with_code(city, "field.invalid").empty());
    CHECK(issues_with_code(city, "field.out_of_range").empty());
}

TEST_CASE("projects: a table without the commitment columns is not reported for it", "[io][projects][standard_land]") {
    // Only investment and tax are then committed: the absence means "not committed".
    ScratchDir dir("io-commitments-absent");
    const City city = load_with_projects(dir, "project_id,industry,origin,area_mu,investment,tax_expect,eia_ok\n"
                                              "A,C3411,321202,50,20000,1500,1\n");
    for (const Issue& i : issues_with_code(city, "field.absent")) {
        INFO(i.to_string());
        CHECK(i.field != "far_commit");
        CHECK(i.field != "output_exp");
        CHECK(i.field != "energy_va");
        CHECK(i.field != "emiss_va");
    }
    CHECK(std::isnan(project(city, "A").far_commit));
}

TEST_CASE("projects: a bad commitment is reported with file, project and field, and left empty", "[io][projects][standard_land]") {
    ScratchDir dir("io-commitments-bad");
    const City city = load_with_projects(
        dir, "project_id,industry,origin,area_mu,investment,tax_expect,eia_ok,far_commit,output_exp,energy_va,emiss_va\n"
             "A,C3411,321202,50,20000,1500,1,high,-5,0.35,abc\n");
    // The project is kept: only the bad figures are left empty (not committed).
    REQUIRE(city.projects.size() == 1);
    CHECK(city.report.counts.at("projects").kept == 1);
    const Project& a = project(city, "A");
    CHECK(std::isnan(a.far_commit));
    CHECK(std::isnan(a.output_expect_wan));
    CHECK(a.energy_tce_per_wan == 0.35);
    CHECK(std::isnan(a.emission_kg_per_wan));

    const auto invalid = issues_with_code(city, "field.invalid");
    REQUIRE(invalid.size() == 2);
    const std::string file = dir / "projects.csv";
    CHECK(invalid[0].severity == Severity::Warning);
    CHECK(invalid[0].file == file);
    CHECK(invalid[0].layer == "projects");
    CHECK(invalid[0].feature_id == "A");
    CHECK(invalid[0].field == "far_commit");
    CHECK(invalid[0].message == "'high' is not a number; left empty");
    CHECK(invalid[1].field == "emiss_va");
    CHECK(invalid[1].message == "'abc' is not a number; left empty");
    const auto range = issues_with_code(city, "field.out_of_range");
    REQUIRE(range.size() == 1);
    CHECK(range[0].field == "output_exp");
    CHECK(range[0].feature_id == "A");
    CHECK(range[0].message == "-5 is below 0; left empty");
    CHECK_THAT(range[0].to_string(), Catch::StartsWith(file + ":projects:A: "));
}
