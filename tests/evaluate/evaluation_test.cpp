// The park evaluation on a small city whose every indicator, score, potential and
// 尚可供地年数 is worked out by hand below (a 100 m square is 15 亩). The rules are
// set here, not taken from the built-in file, so the hand figures stay true.
#include <catch2/catch.hpp>

#include <cmath>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "parkcap/evaluate/evaluation.hpp"
#include "parkcap/report/evaluation_report.hpp"
#include "parkcap/rules/rules.hpp"
#include "support/audit_run.hpp"
#include "support/fixtures.hpp"
#include "support/parkcap_run.hpp"

namespace parkcap::test {
namespace {

using namespace evaluate;

MiniParcel parcel(const std::string& id, double x, double y, const std::string& status, const std::string& use) {
    MiniParcel p;
    p.id = id;
    p.x = x;
    p.y = y;
    p.status = status;
    p.land_use = use;
    return p;
}
MiniParcel built(const std::string& id, double x, double y, const std::string& use, double far, double cover, double inv,
                 double tax, const std::string& supplied) {
    MiniParcel p = parcel(id, x, y, "built", use);
    p.far = far;
    p.coverage = cover;
    p.inv_done = inv;
    p.tax = tax;
    p.supp_date = supplied;
    p.start_due = supplied;
    p.start_date = supplied;
    return p;
}

/// Park P1 (and its twin P4, for a tie), an integrated park P2 and a park P3 with
/// nothing built.
MiniCity city() {
    MiniCity c;
    auto park = [&](const std::string& id, double x0, const std::string& district) {
        MiniPark p;
        p.id = id;
        p.name = "园区" + id;
        p.district = district;
        p.x0 = x0, p.y0 = -50, p.x1 = x0 + 1150, p.y1 = 400;
        c.parks.push_back(p);
    };
    park("P1", -50, "321202");
    park("P2", 1450, "321203");
    park("P3", 2950, "321202");
    park("P4", 4450, "321202");
    for (double x0 : {0.0, 4500.0}) {
        const std::string k = x0 == 0 ? "" : "T";
        c.parcels.push_back(built("B1" + k, x0, 0, "industrial", 1.2, 0.45, 4500, 450, "2024-05-01"));
        c.parcels.push_back(built("B2" + k, x0 + 150, 0, "industrial", 0.6, kNoValue, kNoValue, 150, "2022-01-01"));
        c.parcels.push_back(built("B3" + k, x0 + 300, 0, "commercial", 2.0, 0.3, kNoValue, 300, "2023-09-01"));
        MiniParcel s1 = parcel("S1" + k, x0 + 450, 0, "supplied", "industrial");
        s1.supp_date = "2025-07-01";
        s1.start_due = "2026-12-01";
        c.parcels.push_back(s1);
        MiniParcel a1 = parcel("A1" + k, x0 + 600, 0, "approved", "industrial");
        a1.appr_date = "2025-01-01";
        c.parcels.push_back(a1);
        MiniParcel pl = parcel("PL1" + k, x0, 200, "planned", "industrial");
        pl.outline = {{x0, 200}, {x0 + 200, 200}, {x0 + 200, 300}, {x0, 300}};
        c.parcels.push_back(pl);
        c.parcels.push_back(parcel("R1" + k, x0 + 750, 0, "reserve", "industrial"));
    }
    MiniParcel c1 = built("C1", 1500, 0, "residential", 2.5, 0.25, kNoValue, kNoValue, "2020-01-01");
    MiniParcel c2 = built("C2", 1650, 0, "commercial", 3.0, 0.4, kNoValue, 600, "2020-01-01");
    c1.district = c2.district = "321203";
    c.parcels.push_back(c1);
    c.parcels.push_back(c2);
    c.parcels.push_back(parcel("Q1", 3000, 0, "planned", "industrial"));
    return c;
}

rules::Rules evaluation_rules() {
    rules::Rules r = rules::default_rules();
    r.evaluation.industrial_type_share = 0.3;
    r.evaluation.supply_window_years = 3;
    // name, ideal, weight in 工业主导型, weight in 产城融合型
    const std::vector<std::tuple<std::size_t, double, double, double>> table = {
        {0, 1.0, 0.10, 0.10}, {1, 1.0, 0.10, 0.10}, {2, 1.0, 0.10, 0.10}, {3, 0.6, 0.10, 0.05},
        {4, 1.8, 0.10, 0.10}, {5, 0.5, 0.05, 0.05}, {6, 1.8, 0.10, 0.10}, {7, 0.6, 0.05, 0.05},
        {8, 800, 0.10, 0.10}, {9, 80, 0.10, 0.10}, {10, 60, 0.05, 0.10}, {11, 1.0, 0.05, 0.05}};
    r.evaluation.indicators.clear();
    for (const auto& [k, ideal, wi, wn] : table) r.evaluation.indicators.push_back({k, ideal, wi, wn});
    return r;
}

const PlaceEvaluation& park(const Evaluation& e, const std::string& id) {
    for (const auto& p : e.parks)
        if (p.code == id) return p;
    FAIL("no park " << id);
    return e.parks.front();
}

double value(const PlaceEvaluation& e, Indicator k) { return e.indicators[static_cast<std::size_t>(k)].value; }
const IndicatorValue& indicator(const PlaceEvaluation& e, Indicator k) { return e.indicators[static_cast<std::size_t>(k)]; }

constexpr double kMuM2 = 10000.0 / 15;

}  // namespace

TEST_CASE("evaluate: every indicator, score, potential and year of land left, by hand", "[evaluate]") {
    const rules::Rules rules = evaluation_rules();
    const AuditRun run = run_audit_on(city(), "2026-06-30", "evaluate-hand", rules);
    const Evaluation ev = evaluate::evaluate(run.city, run.audit, rules);
    using I = Indicator;

    const PlaceEvaluation& p1 = park(ev, "P1");
    // 120 亩: built B1, B2, B3 (45), supplied S1, approved A1, planned PL1 (30), reserve R1.
    CHECK(value(p1, I::DevelopmentRate) == Approx(90.0 / 120));
    CHECK(value(p1, I::SupplyRate) == Approx(60.0 / 90));
    CHECK(value(p1, I::BuiltRate) == Approx(45.0 / 60));
    CHECK(value(p1, I::IndustrialShare) == Approx(30.0 / 45));
    CHECK(p1.type == ParkType::Industrial);
    CHECK(value(p1, I::Far) == Approx((1.2 + 0.6 + 2.0) / 3));
    CHECK(value(p1, I::Density) == Approx((0.45 + 0.3) / 2));
    CHECK(indicator(p1, I::Density).coverage == Approx(2.0 / 3));  // B2 has no coverage
    CHECK(indicator(p1, I::Density).parcels == 2);
    CHECK(value(p1, I::IndustrialFar) == Approx(0.9));
    CHECK(value(p1, I::IndustrialCoverage) == Approx(0.45));
    CHECK(value(p1, I::IndustrialInvestment) == Approx(300));
    CHECK(indicator(p1, I::IndustrialInvestment).coverage == Approx(0.5));
    CHECK(value(p1, I::IndustrialTax) == Approx(20));
    CHECK(value(p1, I::Tax) == Approx(20));
    CHECK_FALSE(indicator(p1, I::IdleDisposal).supported());
    CHECK(indicator(p1, I::IdleDisposal).unsupported.find("--since") != std::string::npos);
    // Σ weight × min(value ÷ ideal, 1) over the supported indicators ÷ their weight (0.95).
    const double points = 0.1 * 0.75 + 0.1 * (2.0 / 3) + 0.1 * 0.75 + 0.1 * 1 + 0.1 * ((3.8 / 3) / 1.8) + 0.05 * 0.75 +
                          0.1 * 0.5 + 0.05 * 0.75 + 0.1 * 0.375 + 0.1 * 0.25 + 0.05 * (1.0 / 3);
    CHECK(p1.weight_covered == Approx(0.95));
    CHECK(p1.score == Approx(100 * points / 0.95));
    CHECK(p1.potential.expansion_m2 == Approx(60 * kMuM2));  // PL1, A1, R1
    CHECK(p1.potential.unbuilt_m2 == Approx(15 * kMuM2));    // S1
    CHECK(p1.potential.structure_m2 == Approx(15 * kMuM2));  // B3, commercial, in an industrial park
    CHECK(p1.potential.intensity_floor_m2 == Approx((1.8 - 1.2) * 10000 + (1.8 - 0.6) * 10000));
    CHECK(p1.potential.management_m2 == 0);
    CHECK(p1.potential.remaining_m2 == Approx(60 * kMuM2));
    // Supplied from 2023-06-30 on: B1, B3, S1 (B2 in 2022 is outside the window).
    CHECK(p1.potential.supplied_per_year_m2 == Approx(45 * kMuM2 / 3));
    CHECK(p1.potential.years_left == Approx(4.0));

    // The twin park ties with P1: both first of two industrial parks.
    const PlaceEvaluation& p4 = park(ev, "P4");
    CHECK(p4.score == Approx(p1.score));
    CHECK(p1.rank == 1);
    CHECK(p4.rank == 1);
    CHECK(p1.ranked_of == 2);

    const PlaceEvaluation& p2 = park(ev, "P2");
    CHECK(value(p2, I::IndustrialShare) == 0);
    CHECK(p2.type == ParkType::Integrated);
    CHECK(value(p2, I::Far) == Approx(2.75));
    CHECK(value(p2, I::Tax) == Approx(40));
    for (I k : {I::IndustrialFar, I::IndustrialCoverage, I::IndustrialInvestment, I::IndustrialTax}) {
        CHECK_FALSE(indicator(p2, k).supported());
        CHECK(std::isnan(value(p2, k)));
        CHECK(indicator(p2, k).unsupported == "no built industrial land");
    }
    const double p2_points = 0.1 + 0.1 + 0.1 + 0.05 * 0 + 0.1 * 1 + 0.05 * 0.65 + 0.1 * (40.0 / 60);
    CHECK(p2.weight_covered == Approx(0.6 / 1.0));
    CHECK(p2.score == Approx(100 * p2_points / 0.6));
    CHECK(p2.rank == 1);
    CHECK(p2.ranked_of == 1);
    CHECK(p2.potential.structure_m2 == 0);  // residential and commercial are needed in an integrated park
    CHECK(std::isnan(p2.potential.years_left));
    CHECK_FALSE(p2.potential.years_note.empty());

    const PlaceEvaluation& p3 = park(ev, "P3");
    CHECK(value(p3, I::DevelopmentRate) == 0);
    CHECK_FALSE(indicator(p3, I::SupplyRate).supported());
    CHECK(p3.type == ParkType::Unknown);
    CHECK(p3.rank == 0);

    // The parcels behind an indicator, as the inspector lists them, sum to its figures.
    auto ids_behind = [&](Indicator k) {
        std::vector<std::string> ids;
        for (uint32_t i : parcels_behind(run.city, p1.index, k)) ids.emplace_back(run.city.parcels.parcel_id[i]);
        return ids;
    };
    CHECK(ids_behind(I::Density) == std::vector<std::string>{"B1", "B2", "B3"});  // built land, B2 without a coverage
    CHECK(ids_behind(I::IndustrialInvestment) == std::vector<std::string>{"B1", "B2"});
    CHECK(ids_behind(I::IdleDisposal).empty());
    double num = 0, den = 0;
    std::size_t counted = 0;
    for (uint32_t i : parcels_behind(run.city, p1.index, I::Density)) {
        const Contribution c = contribution(I::Density, run.city.parcels, i);
        num += c.numerator, den += c.denominator, counted += c.counted;
    }
    CHECK(counted == indicator(p1, I::Density).parcels);
    CHECK(num == Approx(indicator(p1, I::Density).numerator));
    CHECK(den == Approx(indicator(p1, I::Density).denominator));

    // District 321203 holds only P2's land; the city sums everything.
    const PlaceEvaluation& d = ev.districts.at(static_cast<std::size_t>(*run.city.find_district("321203")));
    CHECK(d.score == Approx(p2.score));
    CHECK(value(ev.city, I::Tax) == Approx((2 * 900 + 600) / (7 * 15.0)));  // built with tax: B1-3 twice, C2
}

TEST_CASE("evaluate: the idle-disposal rate since an earlier audit", "[evaluate]") {
    const rules::Rules rules = evaluation_rules();
    MiniCity before = city(), after = city();
    MiniParcel idle = parcel("ID", 600, 150, "supplied", "industrial");
    idle.supp_date = "2023-01-01";
    idle.start_due = "2024-01-01";  // idle on 2026-06-30
    before.parcels.push_back(idle);
    idle.status = "reserve";  // taken back by 2026-09-30
    after.parcels.push_back(idle);
    const AuditRun b = run_audit_on(before, "2026-06-30", "evaluate-idle-before", rules);
    const AuditRun a = run_audit_on(after, "2026-09-30", "evaluate-idle-after", rules);
    REQUIRE(b.has("ID", audit::FlagCode::IdleTakeback));
    const monitor::AuditSnapshot sb = monitor::snapshot_of(b.city, b.audit, "before");
    const monitor::AuditSnapshot sa = monitor::snapshot_of(a.city, a.audit, "after");
    const monitor::Changes changes = monitor::compare_audits(sb, sa, rules.monitoring);
    const monitor::DisposalProgress progress = monitor::disposal_progress(sb, sa, changes, rules);
    const Evaluation ev = evaluate::evaluate(a.city, a.audit, rules, &progress);
    const IndicatorValue& v = indicator(park(ev, "P1"), Indicator::IdleDisposal);
    REQUIRE(v.supported());
    CHECK(v.value == Approx(1.0));
    CHECK(v.denominator == Approx(15));
    CHECK(indicator(park(ev, "P2"), Indicator::IdleDisposal).unsupported == "no idle land in the earlier audit");
}

TEST_CASE("parkcap evaluate: EVAL.gpkg read back, one indicator row per place", "[evaluate][cli]") {
    ScratchDir dir("evaluate-cli");
    city().write_gpkg(dir / "city.gpkg");
    const auto r = run_parkcap("evaluate " + (dir / "city.gpkg") + " --as-of 2026-06-30 --out " + (dir / "EVAL.gpkg") +
                               " --csv " + (dir / "csv") + " --json --quiet");
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open((dir / "EVAL.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    OGRLayer* parks = ds->GetLayerByName("park_evaluation");
    REQUIRE(parks);
    CHECK(parks->GetFeatureCount() == 4);
    for (auto& f : *parks) {
        INFO(f->GetFieldAsString("park_id"));
        CHECK(f->GetGeometryRef() != nullptr);
        if (std::string(f->GetFieldAsString("park_id")) == "P3") CHECK_FALSE(f->IsFieldSetAndNotNull(f->GetFieldIndex("rank")));
    }
    OGRLayer* indicators = ds->GetLayerByName("indicators");
    REQUIRE(indicators);
    CHECK(indicators->GetFeatureCount() == static_cast<GIntBig>((1 + 2 + 4) * kIndicatorCount));  // city, 2 districts, 4 parks
    CHECK(read_text_file(dir / "csv/park_evaluation.csv").find("P1") != std::string::npos);
    CHECK(r.out.find("\"parks\"") != std::string::npos);
}

}  // namespace parkcap::test
