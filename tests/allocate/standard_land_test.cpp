// 标准地 at screening and in the plan: each indicator at its boundary, refuse and
// warn, a project a provincial park refuses placed in a municipal one, the longest
// industry prefix, figures a project does not give, and the land-supply conditions
// PLAN.gpkg writes, read back with OGR. Every expected figure is worked out here.
#include <cmath>
#include <filesystem>

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "parkcap/allocate/allocate.hpp"
#include "parkcap/report/plan_report.hpp"
#include "support/allocated.hpp"
#include "support/fixtures.hpp"

using namespace parkcap;
using namespace parkcap::test;
using allocate::RefusalCode;

namespace {

/// Side of a square parcel of `mu` 亩.
double side_for_mu(double mu) { return std::sqrt(mu * 10000.0 / 15.0); }

MiniParcel stock(const std::string& id, double mu, double x) {
    MiniParcel p;
    p.id = id;
    p.status = "approved";
    p.appr_date = "2025-01-01";
    p.x = x;
    p.side_m = side_for_mu(mu);
    return p;
}

MiniPark park(const std::string& id, const std::string& level, double x0, double x1) {
    MiniPark p;
    p.id = id;
    p.level = level;
    p.themes = "C34";
    p.x0 = x0; p.y0 = -10; p.x1 = x1; p.y1 = 1000;
    return p;
}

/// A 50-亩 project of industry C3411 investing `investment_per_mu` and paying
/// `tax_per_mu` a year per 亩.
MiniProject project(const std::string& id, double investment_per_mu, double tax_per_mu = 30) {
    MiniProject p;
    p.id = id;
    p.area_mu = 50;
    p.investment = 50 * investment_per_mu;
    p.tax_expect = 50 * tax_per_mu;
    return p;
}

Allocated allocate_on(const MiniCity& c, const std::string& name, const rules::Rules& rules = rules::default_rules()) {
    Allocated a{run_audit_on(c, "2026-06-30", name, rules), {}};
    a.plan = allocate::run_allocation(a.run.city, a.run.audit, a.run.rules, {}, {10.0, false});
    return a;
}

std::vector<std::string> codes(const Allocated& a, const std::string& id) {
    std::vector<std::string> out;
    for (const auto& r : a.plan.refusals[a.project(id)]) out.push_back(allocate::code_name(r.code));
    return out;
}

/// One provincial park (C34) with a 100-亩 stock parcel: the defaults' provincial
/// row asks investment ≥ 250 万元/亩, tax ≥ 15 万元/亩/year, output ≥ 400 万元/亩/year
/// (warn), and for C3411 (2002 code 35, 通用设备) FAR ≥ 0.7.
MiniCity provincial_city() {
    MiniCity c;
    c.parks = {park("PROV", "provincial", -10, 2000)};
    c.parcels = {stock("L1", 100, 0), stock("L2", 100, 400), stock("L3", 100, 800)};
    return c;
}

const allocate::IndicatorCheck* check_of(const allocate::StandardLandCheck& c, StandardIndicator i) {
    for (const auto& k : c.checks)
        if (k.indicator == i) return &k;
    return nullptr;
}

}  // namespace

TEST_CASE("标准地: exactly at a minimum is met, 1e-6 below is missed", "[allocate][standard_land]") {
    MiniCity c = provincial_city();
    // 50 × 250 = 12,500 万元: 250 万元/亩, the provincial minimum exactly.
    c.projects = {project("AT", 250), project("BELOW", 250 - 1e-6),
                  // 50 × 15 = 750 万元/year: 15 万元/亩, the tax minimum exactly.
                  project("TAX_AT", 400, 15), project("TAX_BELOW", 400, 15 - 1e-6)};
    const Allocated a = allocate_on(c, "sl-boundary");
    CHECK(a.plan.refusals[a.project("AT")].empty());
    CHECK(a.plan.refusals[a.project("TAX_AT")].empty());
    CHECK(a.placed("AT"));
    CHECK(a.placed("TAX_AT"));
    CHECK(codes(a, "BELOW") == std::vector<std::string>{"LOW_INTENSITY"});
    CHECK(codes(a, "TAX_BELOW") == std::vector<std::string>{"LOW_TAX"});

    const auto& below = a.plan.refusals[a.project("BELOW")][0];
    CHECK(below.value == Approx(249.999999).epsilon(1e-12));
    CHECK(below.threshold == 250);
    CHECK(below.level == ParkLevel::Provincial);
    CHECK(below.standard_industry == "*");
    CHECK(below.parks == std::vector<uint32_t>{*a.run.city.find_park("PROV")});
    CHECK(allocate::reason_en(a.plan.refusals[a.project("TAX_BELOW")][0], a.run.city, a.project("TAX_BELOW")) ==
          "expected tax 15.00 万元/mu below 15 万元/mu, the 标准地 minimum of provincial parks for any industry (PROV)");
    CHECK(allocate::reason_zh(below, a.run.city, a.project("BELOW")) ==
          "投资强度 250.0 万元/亩 < 250 万元/亩（省级园区标准地，各行业：PROV）");

    // The check itself, at the level.
    const auto at = allocate::check_standard_land(a.run.rules, a.run.city.projects[a.project("AT")], ParkLevel::Provincial);
    REQUIRE(at.has_row);
    REQUIRE(check_of(at, StandardIndicator::Investment));
    CHECK(check_of(at, StandardIndicator::Investment)->value == 250);
    CHECK(check_of(at, StandardIndicator::Investment)->met);
    CHECK_FALSE(at.refused());
}

TEST_CASE("标准地: a maximum (energy per value added) is met exactly at it, missed 1e-6 above", "[allocate][standard_land]") {
    rules::Rules r = rules::default_rules();
    // The provincial row with an energy ceiling of 0.5 tce per 万元 of value added.
    r.standard_land.rows[1].threshold[static_cast<std::size_t>(StandardIndicator::Energy)] = 0.5;
    MiniCity c = provincial_city();
    MiniProject at = project("AT", 400), above = project("ABOVE", 400), none = project("NONE", 400);
    at.energy_va = 0.5;
    above.energy_va = 0.5 + 1e-6;
    c.projects = {at, above, none};
    const Allocated a = allocate_on(c, "sl-energy", r);
    CHECK(a.placed("AT"));
    CHECK(codes(a, "ABOVE") == std::vector<std::string>{"HIGH_ENERGY"});
    CHECK(a.plan.refusals[a.project("ABOVE")][0].value == Approx(0.500001).epsilon(1e-12));
    CHECK(a.plan.refusals[a.project("ABOVE")][0].threshold == 0.5);
    // No figure, no check: NONE commits to no energy use and is placed.
    CHECK(a.placed("NONE"));
    CHECK_FALSE(check_of(a.plan.verdicts.standard_land_of(a.project("NONE"), ParkLevel::Provincial), StandardIndicator::Energy));
}

TEST_CASE("标准地: a miss refuses or warns as the rules say, per indicator", "[allocate][standard_land]") {
    MiniCity c = provincial_city();
    // FAR 0.6 < 0.7 (C3411 → 2002 code 35, 国土资发〔2008〕24号): "refuse" by default.
    MiniProject far = project("FAR", 400);
    far.far_commit = 0.6;
    // Output 50 × 350 = 17,500 万元: 350 万元/亩 < 400: output is "warn" by default.
    MiniProject output = project("OUTPUT", 400);
    output.output_exp = 50 * 350;
    c.projects = {far, output};

    SECTION("the defaults: FAR refuses, output warns") {
        const Allocated a = allocate_on(c, "sl-refuse-warn");
        CHECK(codes(a, "FAR") == std::vector<std::string>{"LOW_FAR"});
        CHECK(allocate::reason_en(a.plan.refusals[a.project("FAR")][0], a.run.city, a.project("FAR")) ==
              "committed floor-area ratio 0.60 below 0.7, the 标准地 minimum of provincial parks for any industry (PROV)");
        REQUIRE(a.placed("OUTPUT"));
        const auto conditions = allocate::supply_conditions(a.run.city, a.plan);
        REQUIRE(conditions.size() == 3);  // investment, tax, output: it commits to no FAR
        const SupplyCondition& out = conditions[2];
        CHECK(out.indicator == StandardIndicator::Output);
        CHECK(out.committed == 350);
        CHECK(out.threshold == 400);
        CHECK_FALSE(out.met);
        CHECK(out.on_miss == MissAction::Warn);
        CHECK(allocate::clause_en(out) ==
              "output per mu at least 400 万元/mu/year (committed 350.0 万元/mu/year); the commitment misses it (warning)");
        CHECK(allocate::clause_zh(out) == "亩均产值不低于 400 万元/亩/年（承诺 350.0 万元/亩/年）；承诺未达标准（警示）");
    }
    SECTION("far_miss = \"warn\" places FAR with a warning; output_miss = \"refuse\" refuses OUTPUT") {
        rules::Rules r = rules::default_rules();
        r.standard_land.miss_by_indicator[static_cast<std::size_t>(StandardIndicator::Far)] = MissAction::Warn;
        r.standard_land.miss_by_indicator[static_cast<std::size_t>(StandardIndicator::Output)] = MissAction::Refuse;
        const Allocated a = allocate_on(c, "sl-refuse-warn-swapped", r);
        CHECK(a.placed("FAR"));
        CHECK(codes(a, "OUTPUT") == std::vector<std::string>{"LOW_OUTPUT"});
        const auto conditions = allocate::supply_conditions(a.run.city, a.plan);
        REQUIRE(conditions.size() == 3);  // investment, tax, FAR
        CHECK(conditions[2].indicator == StandardIndicator::Far);
        CHECK(conditions[2].committed == 0.6);
        CHECK(conditions[2].threshold == 0.7);
        CHECK_FALSE(conditions[2].met);
        CHECK(conditions[2].on_miss == MissAction::Warn);
    }
    SECTION("a row's own <indicator>_miss wins over the section's") {
        rules::Rules r = rules::default_rules();
        r.standard_land.rows[1].miss[static_cast<std::size_t>(StandardIndicator::Far)] = MissAction::Warn;  // provincial
        const Allocated a = allocate_on(c, "sl-row-miss", r);
        CHECK(a.placed("FAR"));
    }
}

TEST_CASE("标准地: refused by a provincial park, placed in a municipal one with lower minimums", "[allocate][standard_land]") {
    MiniCity c;
    c.parks = {park("PROV", "provincial", -10, 900), park("MUNI", "municipal", 1000, 2000)};
    c.parcels = {stock("P1", 100, 0), stock("M1", 100, 1100)};
    // 220 万元/亩: under the provincial 250, over the municipal 200.
    // 180 万元/亩: under both. Land grab: 50 亩 ÷ (50 × 180 ÷ 200 = 45 亩) = 1.11 ≤ 1.5, none.
    c.projects = {project("MID", 220), project("LOW", 180)};
    const Allocated a = allocate_on(c, "sl-two-levels");
    const City& city = a.run.city;
    const std::size_t mid = a.project("MID"), low = a.project("LOW");

    CHECK(a.plan.refusals[mid].empty());
    REQUIRE(a.placed("MID"));
    CHECK(city.parks[a.plan.sites[a.placement("MID").site].park].park_id == "MUNI");
    // The provincial park's sites are closed to it by the STANDARD_LAND site rule, with its figures.
    for (std::size_t s = 0; s < a.plan.sites.size(); ++s) {
        if (city.parks[a.plan.sites[s].park].park_id != "PROV") continue;
        const allocate::SiteVerdict v = a.plan.verdicts.at(mid, s);
        CHECK(v.rule == allocate::SiteRule::StandardLand);
        CHECK(v.indicator == StandardIndicator::Investment);
        CHECK(v.value == Approx(220));
        CHECK(v.threshold == 250);
        CHECK(allocate::reason_en(v, city, a.plan.sites, mid) ==
              "investment per mu 220.0 万元/mu below 250 万元/mu, the 标准地 minimum of provincial parks (PROV)");
        CHECK(allocate::reason_zh(v, city, a.plan.sites, mid) ==
              "固定资产投资强度 220.0 万元/亩 < 省级园区标准地最低 250 万元/亩（测试园区）");
        CHECK(allocate::placement_check(a.plan, mid, s).block == allocate::PlacementBlock::SiteRule);
    }
    // Its conditions are the municipal row's: investment ≥ 200, tax ≥ 15 (30 committed).
    const auto conditions = allocate::supply_conditions(city, a.plan);
    REQUIRE(conditions.size() == 2);
    CHECK(conditions[0].project_id == "MID");
    CHECK(conditions[0].park_id == "MUNI");
    CHECK(conditions[0].level == ParkLevel::Municipal);
    CHECK(conditions[0].committed == Approx(220));
    CHECK(conditions[0].threshold == 200);
    CHECK(conditions[0].met);
    CHECK(conditions[1].indicator == StandardIndicator::Tax);
    CHECK(conditions[1].committed == 30);
    CHECK(conditions[1].threshold == 15);

    // LOW misses both levels: one refusal per level, each naming its parks.
    CHECK(codes(a, "LOW") == std::vector<std::string>{"LOW_INTENSITY", "LOW_INTENSITY"});
    CHECK(allocate::reason_en(a.plan.refusals[low][0], city, low) ==
          "investment 180.0 万元/mu below 250 万元/mu, the 标准地 minimum of provincial parks for any industry (PROV)");
    CHECK(allocate::reason_en(a.plan.refusals[low][1], city, low) ==
          "investment 180.0 万元/mu below 200 万元/mu, the 标准地 minimum of municipal parks for any industry (MUNI)");
    CHECK_FALSE(a.placed("LOW"));
}

TEST_CASE("标准地: land only in parks whose level refuses it is its unplaced reason", "[allocate][standard_land][unplaced]") {
    MiniCity c;
    // MUNI takes MID but has no land; PROV has land and refuses it.
    c.parks = {park("PROV", "provincial", -10, 900), park("MUNI", "municipal", 1000, 2000)};
    c.parcels = {stock("P1", 100, 0)};
    c.projects = {project("MID", 220)};
    const Allocated a = allocate_on(c, "sl-only-refusing-land");
    REQUIRE(a.plan.refusals[a.project("MID")].empty());
    REQUIRE_FALSE(a.placed("MID"));
    const allocate::Unplaced& u = a.plan.state.unplaced[a.project("MID")];
    CHECK(u.cause == allocate::UnplacedCause::StandardLandOnly);
    CHECK(u.code() == allocate::UnplacedCode::NoCapacity);
    CHECK(allocate::detail_en(u, a.run.city, a.run.rules, a.project("MID")) ==
          "the only parks with land for its industry are of a level whose 标准地 indicators it misses (refuse)");
}

TEST_CASE("标准地: the row with the longest industry prefix applies, \"*\" last", "[allocate][standard_land][rules]") {
    ScratchDir dir("sl-prefix");
    // A file's [[standard_land.indicator]] list replaces the built-in one whole.
    const std::string path = dir / "prefix.toml";
    write_text_file(path,
                    "[[standard_land.indicator]]\nlevel = \"provincial\"\nindustry = \"*\"\n"
                    "investment_min_wan_per_mu = 250\ntax_min_wan_per_mu = 15\nfar_min = 1.0\noutput_min_wan_per_mu = 0\n"
                    "[[standard_land.indicator]]\nlevel = \"provincial\"\nindustry = \"C34\"\n"
                    "investment_min_wan_per_mu = 350\ntax_min_wan_per_mu = 15\nfar_min = \"low_efficiency\"\n"
                    "output_min_wan_per_mu = 0\n"
                    "[[standard_land.indicator]]\nlevel = \"provincial\"\nindustry = \"C3411\"\n"
                    "investment_min_wan_per_mu = 280\ntax_min_wan_per_mu = 20\nfar_min = 1.2\noutput_min_wan_per_mu = 0\n");
    const rules::Rules r = rules::load_rules_file(path);
    REQUIRE(r.standard_land.rows.size() == 3);
    auto at = [&](const std::string& industry, double investment_per_mu) {
        Project p;
        p.industry = industry;
        p.area_mu = 50;
        p.investment_wan = 50 * investment_per_mu;
        p.tax_expect_wan = 50 * 30;
        p.far_commit = 1.0;
        return allocate::check_standard_land(r, p, ParkLevel::Provincial);
    };
    // C3411: its own row (investment 280, tax 20, FAR 1.2): 300 meets, FAR 1.0 misses.
    const auto exact = at("C3411", 300);
    CHECK(exact.industry == "C3411");
    CHECK(check_of(exact, StandardIndicator::Investment)->threshold == 280);
    CHECK(check_of(exact, StandardIndicator::Investment)->met);
    CHECK(check_of(exact, StandardIndicator::Tax)->threshold == 20);
    CHECK(check_of(exact, StandardIndicator::Far)->threshold == 1.2);
    CHECK_FALSE(check_of(exact, StandardIndicator::Far)->met);
    // C3412: the division's row (350; FAR from the 2008 table: 2002 code 35, 0.7): 300 misses, 1.0 meets.
    const auto division = at("C3412", 300);
    CHECK(division.industry == "C34");
    CHECK(check_of(division, StandardIndicator::Investment)->threshold == 350);
    CHECK_FALSE(check_of(division, StandardIndicator::Investment)->met);
    CHECK(check_of(division, StandardIndicator::Far)->threshold == 0.7);
    CHECK(check_of(division, StandardIndicator::Far)->met);
    // C3511: only "*" matches (250; FAR 1.0 exactly at it: met).
    const auto any = at("C3511", 300);
    CHECK(any.industry == "*");
    CHECK(check_of(any, StandardIndicator::Investment)->threshold == 250);
    CHECK(check_of(any, StandardIndicator::Far)->met);
    // Another level has no row at all: nothing is checked there.
    const Project p = [] {
        Project q;
        q.industry = "C3411";
        q.area_mu = 50;
        return q;
    }();
    const auto none = allocate::check_standard_land(r, p, ParkLevel::National);
    CHECK_FALSE(none.has_row);
    CHECK(none.checks.empty());
    // "low_efficiency" for an industry without a 2008 FAR minimum (C28: crosswalk, no FAR entry): FAR not checked.
    CHECK_FALSE(rules::standard_land_threshold(r, r.standard_land.rows[1], StandardIndicator::Far, "C2811"));
}

TEST_CASE("标准地: a project without an optional figure is not checked on it", "[allocate][standard_land]") {
    MiniCity c = provincial_city();
    MiniProject with = project("WITH", 400), without = project("WITHOUT", 400);
    with.far_commit = 1.5;
    with.output_exp = 50 * 600;  // 600 万元/亩/year
    c.projects = {with, without};
    const Allocated a = allocate_on(c, "sl-optional");
    REQUIRE(a.placed("WITH"));
    REQUIRE(a.placed("WITHOUT"));
    std::vector<std::string> with_rows, without_rows;
    for (const SupplyCondition& sc : allocate::supply_conditions(a.run.city, a.plan))
        (sc.project_id == "WITH" ? with_rows : without_rows).push_back(info(sc.indicator).name);
    CHECK(with_rows == std::vector<std::string>{"investment", "tax", "far", "output"});
    CHECK(without_rows == std::vector<std::string>{"investment", "tax"});
    CHECK(std::isnan(a.run.city.projects[a.project("WITHOUT")].far_commit));
}

TEST_CASE("标准地: PLAN.gpkg supply_conditions, read back with OGR, and its CSV", "[allocate][standard_land][report]") {
    MiniCity c = provincial_city();
    MiniProject p = project("PJ", 320, 24);  // 16,000 万元 and 1,200 万元/year on 50 亩
    p.far_commit = 1.1;
    p.output_exp = 50 * 380;  // 380 万元/亩/year < 400: a warning
    c.projects = {p};
    const Allocated a = allocate_on(c, "sl-layer");
    REQUIRE(a.placed("PJ"));
    ScratchDir dir("sl-layer-out");
    const std::string gpkg = dir / "plan.gpkg";
    report::write_plan_gpkg(gpkg, a.run.city, a.plan, a.run.rules);
    std::filesystem::create_directories(dir / "csv");
    report::write_plan_csv(dir / "csv", a.run.city, a.plan, a.run.rules);

    const std::string site = a.plan.sites[a.placement("PJ").site].site_id;
    const std::string parcel(a.run.city.parcels.parcel_id[a.plan.sites[a.placement("PJ").site].parcels[0]]);
    GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    OGRLayer* layer = ds->GetLayerByName("supply_conditions");
    REQUIRE(layer);
    CHECK(layer->GetGeomType() == wkbNone);
    REQUIRE(layer->GetFeatureCount() == 4);
    struct Expected {
        const char* indicator;
        double committed, threshold;
        int met;
        const char* on_miss;
        const char* clause_zh;
    };
    const Expected expected[] = {
        {"investment", 320, 250, 1, "refuse", "固定资产投资强度不低于 250 万元/亩（承诺 320.0 万元/亩）"},
        {"tax", 24, 15, 1, "refuse", "亩均税收不低于 15 万元/亩/年（承诺 24.00 万元/亩/年）"},
        {"far", 1.1, 0.7, 1, "refuse", "容积率不低于 0.7（承诺 1.10）"},
        {"output", 380, 400, 0, "warn", "亩均产值不低于 400 万元/亩/年（承诺 380.0 万元/亩/年）；承诺未达标准（警示）"},
    };
    std::size_t k = 0;
    for (auto& f : *layer) {
        REQUIRE(k < 4);
        INFO(expected[k].indicator);
        CHECK(std::string(f->GetFieldAsString("project_id")) == "PJ");
        CHECK(std::string(f->GetFieldAsString("site_id")) == site);
        CHECK(std::string(f->GetFieldAsString("parcels")) == parcel);
        CHECK(std::string(f->GetFieldAsString("park_id")) == "PROV");
        CHECK(std::string(f->GetFieldAsString("level")) == "provincial");
        CHECK(std::string(f->GetFieldAsString("std_ind")) == "*");
        CHECK(f->GetFieldAsDouble("area_mu") == 50);
        CHECK(std::string(f->GetFieldAsString("indicator")) == expected[k].indicator);
        CHECK(f->GetFieldAsDouble("committed") == Approx(expected[k].committed).epsilon(1e-12));
        CHECK(f->GetFieldAsDouble("threshold") == expected[k].threshold);
        CHECK(f->GetFieldAsInteger("met") == expected[k].met);
        CHECK(std::string(f->GetFieldAsString("on_miss")) == expected[k].on_miss);
        CHECK(std::string(f->GetFieldAsString("clause_zh")) == expected[k].clause_zh);
        ++k;
    }
    CHECK(k == 4);
    // run_info counts the warning.
    OGRLayer* info = ds->GetLayerByName("run_info");
    REQUIRE(info);
    std::string warnings;
    for (auto& f : *info)
        if (std::string(f->GetFieldAsString("key")) == "standard_land_warnings") warnings = f->GetFieldAsString("value");
    CHECK(warnings == "1");

    // The CSV has the same rows: its header and the output row.
    const std::string csv = read_text_file(dir / "csv/supply_conditions.csv");
    CHECK(csv.find("project_id,site_id,parcels,park_id,level,industry,std_ind,area_mu,taken_mu,indicator,bound,unit,"
                   "committed,threshold,met,on_miss,clause_zh,clause_en") != std::string::npos);
    CHECK(csv.find(",output,min,万元/亩/年,380.000000,400.000000,0,warn,") != std::string::npos);
}
