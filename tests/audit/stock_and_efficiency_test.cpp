// 批而未供 age bands, low-efficiency tests against the control indicators, and
// the industrial-policy conflicts, each at its threshold.
#include <catch2/catch.hpp>

#include "parkcap/rules/rules.hpp"
#include "support/audit_run.hpp"

using namespace parkcap;
using namespace parkcap::test;
using audit::FlagCode;

namespace {
MiniParcel approved(const std::string& id, const std::string& appr, double x) {
    MiniParcel p;
    p.id = id;
    p.status = "approved";
    p.appr_date = appr;
    p.x = x;
    return p;
}

/// Built industrial land, 15 亩, good on every indicator unless the test changes one.
MiniParcel built(const std::string& id, const std::string& industry, double x, double y = 0) {
    MiniParcel p;
    p.id = id;
    p.industry = industry;
    p.appr_date = "2015-01-01";
    p.supp_date = "2016-01-01";
    p.start_due = "2016-06-01";
    p.start_date = "2016-06-01";
    p.far = 1.5;
    p.coverage = 0.5;
    p.inv_plan = 15 * 400;
    p.inv_done = 15 * 400;
    p.tax = 15 * 30;
    p.output = 15 * 500;
    p.x = x;
    p.y = y;
    return p;
}
}  // namespace

TEST_CASE("approved but not supplied: age bands at exactly 2 and 5 years", "[audit][approved]") {
    MiniCity c;
    c.parcels = {approved("young", "2025-01-01", 0), approved("two_years", "2024-06-30", 200),
                 approved("just_under_five", "2021-07-01", 400), approved("five_years", "2021-06-30", 600),
                 approved("undated", "", 800)};
    const AuditRun r = run_audit_on(c, "2026-06-30", "approved-bands");
    CHECK(r.flag("young", FlagCode::ApprovedUnsupplied).band == 0);
    CHECK(r.flag("two_years", FlagCode::ApprovedUnsupplied).band == 1);
    CHECK(r.flag("just_under_five", FlagCode::ApprovedUnsupplied).band == 1);
    const auto old = r.flag("five_years", FlagCode::ApprovedUnsupplied);
    CHECK(old.band == 2);
    CHECK(old.severity == audit::FlagSeverity::High);
    CHECK(old.reclaimable_m2 == Approx(10000));
    CHECK(r.reason_zh(old) == "2021-06-30 批准，至今 5.0 年未供地（5 年以上）");
    CHECK(r.reason_en(r.flag("two_years", FlagCode::ApprovedUnsupplied)) ==
          "approved 2024-06-30, not supplied for 2.0 years (2–5 years)");
    CHECK(r.flag("undated", FlagCode::ApprovedUnsupplied).band == 255);
}

TEST_CASE("approved but not supplied: the age bands follow the rules' age_band_years ([1, 3, 5])",
          "[audit][approved][layering]") {
    ScratchDir dir("approved-bands-135");
    const std::string rules_path = dir / "bands.toml";
    write_text_file(rules_path, "[approved]\nage_band_years = [1, 3, 5]\n");
    MiniCity c;
    // Ages 0.5, 1, 3, 4 and 6 years as of 2026-06-30; each parcel is 100 m × 100 m = 15 亩.
    c.parcels = {approved("half", "2026-01-01", 0), approved("one", "2025-06-30", 200),
                 approved("three", "2023-06-30", 400), approved("four", "2022-06-30", 600),
                 approved("six", "2020-06-30", 800)};
    const AuditRun r = run_audit_on(c, "2026-06-30", "approved-bands-135", rules::load_rules_file(rules_path));
    CHECK(r.flag("half", FlagCode::ApprovedUnsupplied).band == 0);
    CHECK(r.flag("one", FlagCode::ApprovedUnsupplied).band == 1);
    CHECK(r.flag("three", FlagCode::ApprovedUnsupplied).band == 2);
    CHECK(r.flag("four", FlagCode::ApprovedUnsupplied).band == 2);
    const auto six = r.flag("six", FlagCode::ApprovedUnsupplied);
    CHECK(six.band == 3);
    CHECK(six.severity == audit::FlagSeverity::High);
    CHECK(r.flag("three", FlagCode::ApprovedUnsupplied).severity == audit::FlagSeverity::Medium);
    CHECK(r.reason_en(r.flag("four", FlagCode::ApprovedUnsupplied)) ==
          "approved 2022-06-30, not supplied for 4.0 years (3–5 years)");
    CHECK(r.reason_en(six) == "approved 2020-06-30, not supplied for 6.0 years (over 5 years)");
    // Every band is totalled, the fourth included (one parcel of 10,000 m² in bands 0, 1, 3; two in band 2).
    REQUIRE(r.audit.city.approved_band_area_m2.size() == 4);
    CHECK(r.audit.city.approved_band_area_m2[0] == Approx(10000));
    CHECK(r.audit.city.approved_band_area_m2[1] == Approx(10000));
    CHECK(r.audit.city.approved_band_area_m2[2] == Approx(20000));
    CHECK(r.audit.city.approved_band_area_m2[3] == Approx(10000));
}

TEST_CASE("low efficiency: FAR, coverage, investment and tax at their thresholds", "[audit][low_efficiency]") {
    MiniCity c;
    MiniPark park;
    park.id = "PV";
    park.level = "provincial";
    park.x0 = -100; park.y0 = -100; park.x1 = 3000; park.y1 = 500;
    c.parks = {park};
    auto p = [&](const std::string& id, const std::string& ind, double x) { return built(id, ind, x); };
    MiniParcel far_low = p("far_low", "C3411", 0);   // 2017 C34 → 2002 "35", minimum 0.7
    far_low.far = 0.42;
    MiniParcel far_at = p("far_at", "C1391", 200);   // food, minimum 1.0
    far_at.far = 1.0;
    MiniParcel far_elec = p("far_elec", "C3971", 400);  // electronics, minimum 1.0
    far_elec.far = 0.99;
    MiniParcel cov_low = p("cov_low", "C3411", 600);
    cov_low.coverage = 0.25;
    MiniParcel cov_at = p("cov_at", "C3411", 800);
    cov_at.coverage = 0.30;
    MiniParcel inv_low = p("inv_low", "C3411", 1000);  // provincial park: 250 万元/亩
    inv_low.inv_done = 15 * 249;
    MiniParcel inv_at = p("inv_at", "C3411", 1200);
    inv_at.inv_done = 15 * 250;
    MiniParcel tax_low = p("tax_low", "C3411", 1400);  // floor 15 万元/亩
    tax_low.tax = 15 * 14.9;
    MiniParcel tax_at = p("tax_at", "C3411", 1600);
    tax_at.tax = 15 * 15;
    MiniParcel outside = built("outside_inv", "C3411", 0, 1000);  // no park: 150 万元/亩
    outside.inv_done = 15 * 160;
    MiniParcel not_built = p("building_low_far", "C3411", 1800);
    not_built.status = "building";
    not_built.far = 0.1;
    c.parcels = {far_low, far_at, far_elec, cov_low, cov_at, inv_low, inv_at, tax_low, tax_at, outside, not_built};
    const AuditRun r = run_audit_on(c, "2026-06-30", "low-efficiency");

    const auto f = r.flag("far_low", FlagCode::LowFar);
    CHECK(f.threshold == Approx(0.7));
    CHECK(r.reason_zh(f).rfind("容积率 0.42 < 0.7（C3411 最低值", 0) == 0);
    CHECK(r.reason_en(f) == "FAR 0.42 below 0.7 minimum for C3411 (2008 table class 35)");
    CHECK(f.reclaimable_m2 == Approx(10000 * (1 - 0.42 / 0.7)));
    CHECK(r.flags("far_at").empty());
    CHECK(r.flag("far_elec", FlagCode::LowFar).threshold == Approx(1.0));
    CHECK(r.flag("cov_low", FlagCode::LowCoverage).value == Approx(0.25));
    CHECK(r.flags("cov_at").empty());
    const auto inv = r.flag("inv_low", FlagCode::LowInvestment);
    CHECK(inv.value == Approx(249));
    CHECK(inv.threshold == Approx(250));
    CHECK(r.reason_zh(inv) == "投资强度 249.0 万元/亩 < 250 万元/亩（省级园区最低值）");
    CHECK(r.flags("inv_at").empty());
    CHECK(r.flag("tax_low", FlagCode::LowTax).value == Approx(14.9));
    CHECK(r.flags("tax_at").empty());
    CHECK(r.flags("outside_inv").empty());  // 160 ≥ 150 outside parks
    CHECK(r.flags("building_low_far").empty());  // only built land is judged
}

TEST_CASE("policy: phase-out industries, chemicals outside a chemical park or near the river", "[audit][policy]") {
    MiniCity c;
    MiniPark chem;
    chem.id = "CHEM";
    chem.themes = "C26";
    chem.chem_park = 1;
    chem.x0 = 0; chem.y0 = 0; chem.x1 = 3000; chem.y1 = 3000;
    c.parks = {chem};
    // The river runs along y = -500, in the protect zone (not port).
    MiniShore river;
    river.id = "S1";
    river.zone = "protect";
    river.port = 0;
    river.points = {{-5000, -500}, {10000, -500}};
    c.shoreline = {river};
    MiniParcel steel = built("steel", "C3120", 5000, 0);
    MiniParcel chem_out = built("chem_outside", "C2614", 5000, 2000);
    MiniParcel chem_near = built("chem_near", "C2614", 100, 399);   // 899 m from the river
    MiniParcel chem_edge = built("chem_1km", "C2614", 400, 500);    // exactly 1,000 m
    MiniParcel chem_far = built("chem_far", "C2614", 1000, 1500);
    c.parcels = {steel, chem_out, chem_near, chem_edge, chem_far};
    const AuditRun r = run_audit_on(c, "2026-06-30", "policy");

    CHECK(r.has("steel", FlagCode::PhaseOut));
    CHECK(r.reason_zh(r.flag("steel", FlagCode::PhaseOut)) == "行业 C3120 属淘汰/压减类（炼钢）");
    CHECK(r.has("chem_outside", FlagCode::ChemOutsidePark));
    const auto near = r.flag("chem_near", FlagCode::ChemNearShore);
    CHECK(near.value == Approx(899));
    CHECK(r.reason_en(near) == "chemical enterprise (C2614) 899 m from the Yangtze shoreline, within 1000 m (Yangtze "
                               "River Protection Law)");
    CHECK_FALSE(r.has("chem_near", FlagCode::ChemOutsidePark));
    CHECK(r.has("chem_1km", FlagCode::ChemNearShore));  // "一公里范围内": exactly 1,000 m is within
    CHECK(r.flags("chem_far").empty());
}
