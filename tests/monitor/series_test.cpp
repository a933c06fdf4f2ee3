// Three hand-made audits of a small city (2026-06-30, 2026-09-30, 2027-06-30) as a
// series: every figure of the city, each district and each park at each date,
// worked out by hand from the parcels (a 100 m square is 15 亩), the city's ratios
// from summed numerators and denominators (not the districts' ratios averaged),
// and each period's 处置率, which must also be what compare finds for the pair.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>

#include <gdal_priv.h>
#include <nlohmann/json.hpp>
#include <ogrsf_frmts.h>

#include "parkcap/core/units.hpp"
#include "parkcap/monitor/series.hpp"
#include "parkcap/report/audit_report.hpp"
#include "parkcap/report/series_report.hpp"
#include "parkcap/report/snapshot_reader.hpp"
#include "parkcap/rules/rules.hpp"
#include "support/audit_run.hpp"
#include "support/fixtures.hpp"
#include "support/period_parcels.hpp"
#include "support/parkcap_run.hpp"
#include "support/png_image.hpp"

namespace parkcap::test {
namespace {

using audit::FlagCode;
using namespace monitor;

constexpr const char* kA = "321202";
constexpr const char* kB = "321203";
constexpr const char* kC = "321204";
constexpr double kNone = PlaceFigures::kNaN;
const char* const kDates[] = {"2026-06-30", "2026-09-30", "2027-06-30"};

MiniParcel with_status(MiniParcel p, const std::string& status) {
    p.status = status;
    return p;
}
MiniParcel taxed(MiniParcel p, double tax_wan) {
    p.tax = tax_wan;
    return p;
}

/// The city at each date. District A (321202) lies in park P1 but for A7; B
/// (321203) outside parks until P2 appears on the last date around B5; C (321204)
/// has land only from the second date.
std::array<MiniCity, 3> three_periods() {
    std::array<MiniCity, 3> c;
    MiniPark p1;
    p1.id = "P1";
    p1.name = "测试园区";
    p1.x0 = -50, p1.y0 = -50, p1.x1 = 600, p1.y1 = 300;
    MiniPark p2;
    p2.id = "P2";
    p2.name = "第二园区";
    p2.district = kB;
    p2.x0 = 580, p2.y0 = 430, p2.x1 = 720, p2.y1 = 570;
    c[0].parks = c[1].parks = {p1};
    c[2].parks = {p1, p2};

    // A1: 批而未供, supplied in the first period, started in the second.
    c[0].parcels.push_back(approved(at("A1", kA, 0, 0), "2025-01-01"));
    MiniParcel a1 = supplied(at("A1", kA, 0, 0), "2027-08-01");
    a1.supp_date = "2026-08-01";
    a1.appr_date = "2025-01-01";
    c[1].parcels.push_back(a1);
    c[2].parcels.push_back(building(at("A1", kA, 0, 0), "2027-03-01"));
    // A2: 批而未供 two periods, then withdrawn (back to planned).
    c[0].parcels.push_back(approved(at("A2", kA, 1, 0), "2024-05-01"));
    c[1].parcels.push_back(c[0].parcels.back());
    c[2].parcels.push_back(with_status(at("A2", kA, 1, 0), "planned"));
    // A3: idle (fee: start due 2025-03-01 passed over a year), started in the first period.
    c[0].parcels.push_back(supplied(at("A3", kA, 2, 0), "2025-03-01"));
    c[1].parcels.push_back(building(at("A3", kA, 2, 0), "2026-08-15"));
    c[2].parcels.push_back(c[1].parcels.back());
    // A4: 供而未用 on the first date, idle (fee) on the second, taken into reserve by the third.
    c[0].parcels.push_back(supplied(at("A4", kA, 3, 0), "2025-09-01"));
    c[1].parcels.push_back(c[0].parcels.back());
    c[2].parcels.push_back(with_status(at("A4", kA, 3, 0), "reserve"));
    // A5: built, 450 万元 of tax (30 per 亩).
    for (auto& city : c) city.parcels.push_back(taxed(at("A5", kA, 0, 1), 450));
    // A6: low FAR twice, improved by the third date.
    c[0].parcels.push_back(low_far(at("A6", kA, 1, 1), 0.3));
    c[1].parcels.push_back(c[0].parcels.back());
    c[2].parcels.push_back(low_far(at("A6", kA, 1, 1), 1.2));
    // A7, outside P1: built, 150 万元 of tax (10 per 亩, under the floor of 15: LOW_TAX) throughout.
    for (auto& city : c) city.parcels.push_back(taxed(at("A7", kA, 5, 0), 150));

    // B1: 批而未供, taken into reserve in the first period.
    c[0].parcels.push_back(approved(at("B1", kB, 0, 3), "2026-01-10"));
    c[1].parcels.push_back(with_status(at("B1", kB, 0, 3), "reserve"));
    c[2].parcels.push_back(c[1].parcels.back());
    // B2: idle two years (take back) throughout.
    for (auto& city : c) city.parcels.push_back(supplied(at("B2", kB, 1, 3), "2024-03-01"));
    // B3: built, 600 万元 (40 per 亩); B4: building.
    for (auto& city : c) city.parcels.push_back(taxed(at("B3", kB, 2, 3), 600));
    for (auto& city : c) city.parcels.push_back(building(at("B4", kB, 3, 3), "2023-06-01"));
    // B5: approved on the last date, in the new park P2.
    c[2].parcels.push_back(approved(at("B5", kB, 4, 3), "2027-02-01"));

    // C1: built, 300 万元 (20 per 亩), from the second date.
    c[1].parcels.push_back(taxed(at("C1", kC, 0, 5), 300));
    c[2].parcels.push_back(c[1].parcels.back());
    return c;
}

/// The three audits written as `parkcap audit` writes them.
struct SavedAudits {
    ScratchDir dir{"series-three-periods"};
    std::array<std::string, 3> paths;
    std::array<AuditRun, 3> runs;

    SavedAudits() {
        const auto cities = three_periods();
        for (std::size_t t = 0; t < 3; ++t) {
            paths[t] = dir / (std::string("AUDIT-") + kDates[t] + ".gpkg");
            runs[t] = run_audit_on(cities[t], kDates[t], std::string("series-") + kDates[t]);
            report::write_audit_gpkg(paths[t], runs[t].city, runs[t].audit, runs[t].rules);
        }
    }
    /// The snapshots, in the order given (not by date).
    std::vector<AuditSnapshot> read(std::initializer_list<std::size_t> order) const {
        std::vector<AuditSnapshot> s;
        for (std::size_t t : order) s.push_back(report::read_audit_snapshot(paths[t]));
        return s;
    }
};

const SeriesPlace& place(const AuditSeries& s, PlaceLevel level, const std::string& code) {
    for (const SeriesPlace& p : s.places)
        if (p.level == level && p.code == code) return p;
    FAIL("no place " << code);
    return s.places.front();
}

/// One place at one date, as worked out by hand.
struct Expected {
    PlaceLevel level;
    const char* code;
    std::size_t t;
    int64_t parcels;
    double parcel_mu, appr_mu, idle_mu, lowef_mu, util, supply, tax;
};

// By status (亩) at each date, in each district:
//   2026-06-30  A: approved A1 A2, supplied A3 (idle) A4, built A5 A6 (low) A7 (low); taxed A5 450 A7 150
//               B: approved B1, supplied B2 (idle), built B3 (600), building B4
//   2026-09-30  A: approved A2, supplied A1 A4 (idle), building A3, built A5 A6 (low) A7 (low)
//               B: reserve B1, supplied B2 (idle), built B3, building B4;  C: built C1 (300)
//   2027-06-30  A: planned A2, reserve A4, building A1 A3, built A5 A6 A7 (low)
//               B: reserve B1, supplied B2 (idle), built B3, building B4, approved B5;  C: built C1
// util = (building + built) ÷ all; supply = (supplied + building + built) ÷ (approved + those);
// tax = Σ tax ÷ taxed 亩 of built land with tax figures.
const Expected kExpected[] = {
    {PlaceLevel::City, "", 0, 11, 165, 45, 30, 30, 75.0 / 165, 120.0 / 165, 1200.0 / 45},
    {PlaceLevel::District, kA, 0, 7, 105, 30, 15, 30, 45.0 / 105, 75.0 / 105, 600.0 / 30},
    {PlaceLevel::District, kB, 0, 4, 60, 15, 15, 0, 30.0 / 60, 45.0 / 60, 600.0 / 15},
    {PlaceLevel::Park, "P1", 0, 6, 90, 30, 15, 15, 30.0 / 90, 60.0 / 90, 450.0 / 15},
    {PlaceLevel::City, "", 1, 12, 180, 15, 30, 30, 105.0 / 180, 150.0 / 165, 1500.0 / 60},
    {PlaceLevel::District, kA, 1, 7, 105, 15, 15, 30, 60.0 / 105, 90.0 / 105, 600.0 / 30},
    {PlaceLevel::District, kB, 1, 4, 60, 0, 15, 0, 30.0 / 60, 45.0 / 45, 600.0 / 15},
    {PlaceLevel::District, kC, 1, 1, 15, 0, 0, 0, 1, 1, 300.0 / 15},
    {PlaceLevel::Park, "P1", 1, 6, 90, 15, 15, 15, 45.0 / 90, 75.0 / 90, 450.0 / 15},
    {PlaceLevel::City, "", 2, 13, 195, 15, 15, 15, 120.0 / 195, 135.0 / 150, 1500.0 / 60},
    {PlaceLevel::District, kA, 2, 7, 105, 0, 0, 15, 75.0 / 105, 75.0 / 75, 600.0 / 30},
    {PlaceLevel::District, kB, 2, 5, 75, 15, 15, 0, 30.0 / 75, 45.0 / 60, 600.0 / 15},
    {PlaceLevel::District, kC, 2, 1, 15, 0, 0, 0, 1, 1, 300.0 / 15},
    {PlaceLevel::Park, "P1", 2, 6, 90, 0, 0, 0, 60.0 / 90, 60.0 / 60, 450.0 / 15},
    {PlaceLevel::Park, "P2", 2, 1, 15, 15, 0, 0, 0, 0, kNone},
};

/// 处置率 since the audit before, by hand: flagged and disposed 亩 per kind.
struct ExpectedDisposal {
    PlaceLevel level;
    const char* code;
    std::size_t t;
    std::array<std::pair<double, double>, kStockKindCount> flagged_disposed;
};
// 2026-06-30 → 2026-09-30: 批而未供 A1 supplied, A2 pending, B1 reserve; idle A3 started,
// B2 pending; low A6, A7 pending. 2026-09-30 → 2027-06-30: 批而未供 A2 withdrawn; idle
// A4 reserve, B2 pending; low A6 improved, A7 pending.
const ExpectedDisposal kDisposal[] = {
    {PlaceLevel::City, "", 1, {{{45, 30}, {30, 15}, {30, 0}}}},
    {PlaceLevel::District, kA, 1, {{{30, 15}, {15, 15}, {30, 0}}}},
    {PlaceLevel::District, kB, 1, {{{15, 15}, {15, 0}, {0, 0}}}},
    {PlaceLevel::District, kC, 1, {{{0, 0}, {0, 0}, {0, 0}}}},
    {PlaceLevel::Park, "P1", 1, {{{30, 15}, {15, 15}, {15, 0}}}},
    {PlaceLevel::Park, "P2", 1, {{{0, 0}, {0, 0}, {0, 0}}}},
    {PlaceLevel::City, "", 2, {{{15, 15}, {30, 15}, {30, 15}}}},
    {PlaceLevel::District, kA, 2, {{{15, 15}, {15, 15}, {30, 15}}}},
    {PlaceLevel::District, kB, 2, {{{0, 0}, {15, 0}, {0, 0}}}},
    {PlaceLevel::District, kC, 2, {{{0, 0}, {0, 0}, {0, 0}}}},
    {PlaceLevel::Park, "P1", 2, {{{15, 15}, {15, 15}, {15, 15}}}},
    {PlaceLevel::Park, "P2", 2, {{{0, 0}, {0, 0}, {0, 0}}}},
};

void check_ratio(double got, double expected) {
    if (std::isnan(expected)) CHECK(std::isnan(got));
    else CHECK(got == Approx(expected).margin(1e-12));
}

const SeriesPoint& point_of(const AuditSeries& s, PlaceLevel level, const std::string& code, std::size_t t) {
    return place(s, level, code).points.at(t);
}

}  // namespace

TEST_CASE("series: the fixture's audits flag what the test assumes", "[monitor]") {
    SavedAudits saved;
    const auto& [first, second, third] = saved.runs;
    for (const char* id : {"A1", "A2", "B1"}) CHECK(first.has(id, FlagCode::ApprovedUnsupplied));
    CHECK(first.has("A3", FlagCode::IdleFee));
    CHECK(first.has("A4", FlagCode::SuppliedUnused));
    CHECK(first.has("B2", FlagCode::IdleTakeback));
    CHECK(first.has("A6", FlagCode::LowFar));
    CHECK(first.has("A7", FlagCode::LowTax));
    for (const char* id : {"A5", "B3", "B4"}) CHECK(first.flags(id).empty());
    CHECK(second.has("A4", FlagCode::IdleFee));
    CHECK(second.has("A2", FlagCode::ApprovedUnsupplied));
    CHECK(second.flags("C1").empty());
    CHECK(third.flags("A6").empty());
    CHECK(third.has("A7", FlagCode::LowTax));
    CHECK(third.has("B5", FlagCode::ApprovedUnsupplied));
    CHECK(third.has("B2", FlagCode::IdleTakeback));
}

TEST_CASE("series: every figure of every place and date, worked out by hand", "[monitor]") {
    SavedAudits saved;
    const AuditSeries s = build_series(saved.read({2, 0, 1}), rules::default_rules());
    REQUIRE(s.audits.size() == 3);
    for (std::size_t t = 0; t < 3; ++t) CHECK(s.audits[t].as_of.iso() == kDates[t]);
    CHECK(s.notes.empty());

    // The city, districts by code, parks by park_id.
    std::vector<std::string> order;
    for (const SeriesPlace& p : s.places) order.push_back(std::string(kPlaceLevelNames[static_cast<std::size_t>(p.level)]) + ":" + p.code);
    CHECK(order == std::vector<std::string>{"city:", "district:321202", "district:321203", "district:321204", "park:P1",
                                            "park:P2"});
    CHECK(place(s, PlaceLevel::City, "").name == "全市");
    CHECK(place(s, PlaceLevel::Park, "P2").name == "第二园区");
    CHECK(place(s, PlaceLevel::Park, "P2").district == kB);
    CHECK(place(s, PlaceLevel::District, kB).district == kB);

    for (const Expected& e : kExpected) {
        INFO(kPlaceLevelNames[static_cast<std::size_t>(e.level)] << " " << e.code << " " << kDates[e.t]);
        const SeriesPoint& p = point_of(s, e.level, e.code, e.t);
        REQUIRE(p.figures);
        const PlaceFigures& f = *p.figures;
        CHECK(f.parcels == e.parcels);
        CHECK(f.parcel_mu == Approx(e.parcel_mu));
        CHECK(f.approved_mu == Approx(e.appr_mu).margin(1e-9));
        CHECK(f.idle_mu == Approx(e.idle_mu).margin(1e-9));
        CHECK(f.low_efficiency_mu == Approx(e.lowef_mu).margin(1e-9));
        check_ratio(f.utilisation, e.util);
        check_ratio(f.supply_ratio, e.supply);
        check_ratio(f.tax_wan_per_mu, e.tax);
    }
    // Places an audit does not have: C before its land, P2 before the park.
    CHECK_FALSE(point_of(s, PlaceLevel::District, kC, 0).figures);
    CHECK_FALSE(point_of(s, PlaceLevel::Park, "P2", 0).figures);
    CHECK_FALSE(point_of(s, PlaceLevel::Park, "P2", 1).figures);

    // The city's ratios are not the districts' averaged: on the first date that
    // would give (3/7 + 1/2) ÷ 2 utilisation and (20 + 40) ÷ 2 tax.
    const PlaceFigures& city = *point_of(s, PlaceLevel::City, "", 0).figures;
    CHECK(city.utilisation != Approx((45.0 / 105 + 0.5) / 2));
    CHECK(city.tax_wan_per_mu != Approx(30));
    CHECK(city.tax_wan == Approx(1200));
    CHECK(city.taxed_mu == Approx(45));
}

TEST_CASE("series: the city's figures are the audit's own city totals", "[monitor]") {
    SavedAudits saved;
    const AuditSeries s = build_series(saved.read({0, 1, 2}), rules::default_rules());
    for (std::size_t t = 0; t < 3; ++t) {
        INFO(kDates[t]);
        const audit::Capacity& c = saved.runs[t].audit.city;  // the engine's own tally over all parcels
        const PlaceFigures& f = *s.places.front().points[t].figures;
        CHECK(f.parcels == static_cast<int64_t>(c.parcels));
        CHECK(f.parcel_mu == Approx(units::m2_to_mu(c.parcel_area_m2)));
        CHECK(f.idle_mu == Approx(units::m2_to_mu(c.idle_m2)).margin(1e-9));
        CHECK(f.low_efficiency_mu == Approx(units::m2_to_mu(c.low_efficiency_m2)).margin(1e-9));
        check_ratio(f.utilisation, c.utilisation());
        check_ratio(f.supply_ratio, c.supply_ratio());
        check_ratio(f.tax_wan_per_mu, c.tax_wan_per_mu());
    }
}

TEST_CASE("series: each period's 处置率, by hand and as compare finds it for the pair", "[monitor]") {
    SavedAudits saved;
    const rules::Rules rules = rules::default_rules();
    const AuditSeries s = build_series(saved.read({1, 2, 0}), rules);
    for (const SeriesPlace& p : s.places) CHECK_FALSE(p.points[0].disposal);  // nothing before the first audit

    for (const ExpectedDisposal& e : kDisposal) {
        INFO(kPlaceLevelNames[static_cast<std::size_t>(e.level)] << " " << e.code << " " << kDates[e.t]);
        const SeriesPoint& p = point_of(s, e.level, e.code, e.t);
        REQUIRE(p.disposal);
        for (std::size_t k = 0; k < kStockKindCount; ++k) {
            INFO(kStockKindNames[k]);
            const DisposalFigures& d = (*p.disposal)[k];
            const auto [flagged, disposed] = e.flagged_disposed[k];
            CHECK(d.flagged_mu == Approx(flagged).margin(1e-9));
            CHECK(d.disposed_mu() == Approx(disposed).margin(1e-9));
            if (flagged > 0) CHECK(d.rate() == Approx(disposed / flagged));
            else CHECK(std::isnan(d.rate()));  // nothing to dispose of
        }
    }

    // Every place and kind equals compare's figures for the consecutive pair.
    for (std::size_t t = 1; t < 3; ++t) {
        const AuditSnapshot &before = s.audits[t - 1], &after = s.audits[t];
        const Changes c = compare_audits(before, after, rules.monitoring);
        const DisposalProgress progress = disposal_progress(before, after, c, rules);
        std::size_t compared = 0;
        for (const PlaceDisposal& d : progress.places) {
            INFO(kDates[t] << " " << d.code);
            const SeriesPoint& p = point_of(s, d.level, d.code, t);
            for (std::size_t k = 0; k < kStockKindCount; ++k) {
                CHECK((*p.disposal)[k].flagged_mu == d.by_kind[k].flagged_mu);
                CHECK((*p.disposal)[k].disposed_mu() == d.by_kind[k].disposed_mu());
                CHECK((*p.disposal)[k].by == d.by_kind[k].by);
            }
            ++compared;
        }
        CHECK(compared >= 3);  // the city, A, B and P1 had stock
    }
}

TEST_CASE("series: an audit without tax_wan and taxed_mu leaves the city's 亩均 tax empty, and says why", "[monitor]") {
    SavedAudits saved;
    // An audit as an older parkcap wrote it: district_summary without the two columns.
    const std::string old = saved.dir / "AUDIT-old.gpkg";
    std::filesystem::copy_file(saved.paths[0], old);
    {
        GDALAllRegister();
        GDALDatasetUniquePtr ds(GDALDataset::Open(old.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
        REQUIRE(ds);
        OGRLayer* layer = ds->GetLayerByName("district_summary");
        REQUIRE(layer);
        for (const char* field : {"tax_wan", "taxed_mu"})
            REQUIRE(layer->DeleteField(layer->GetLayerDefn()->GetFieldIndex(field)) == OGRERR_NONE);
    }
    std::vector<AuditSnapshot> audits{report::read_audit_snapshot(old), report::read_audit_snapshot(saved.paths[1])};
    const AuditSeries s = build_series(std::move(audits), rules::default_rules());
    const PlaceFigures& city = *s.places.front().points[0].figures;
    CHECK(std::isnan(city.tax_wan_per_mu));
    CHECK(city.utilisation == Approx(75.0 / 165));  // derivable from the other columns as before
    CHECK(point_of(s, PlaceLevel::District, kA, 0).figures->tax_wan_per_mu == Approx(20));  // the audit's own
    CHECK_FALSE(std::isnan(s.places.front().points[1].figures->tax_wan_per_mu));
    REQUIRE(s.notes.size() == 1);
    CHECK(s.notes[0].find(old) != std::string::npos);
    CHECK(s.notes[0].find("tax_wan") != std::string::npos);
}

TEST_CASE("parkcap series: SERIES.gpkg, series.csv and the charts from the command line", "[monitor][cli]") {
    SavedAudits saved;
    ScratchDir out("series-cli");
    const auto r = run_parkcap("series " + saved.paths[2] + " " + saved.paths[0] + " " + saved.paths[1] + " --out " +
                               (out / "SERIES.gpkg") + " --csv " + (out / "csv") + " --charts " + (out / "charts") +
                               " --json");
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["audits"][0]["as_of"] == "2026-06-30");
    CHECK(j["audits"][2]["path"] == saved.paths[2]);
    CHECK(j["places"].size() == 6);
    CHECK(j["places"][0]["periods"][0]["disposal"].is_null());
    CHECK(j["places"][0]["periods"][1]["disposal"]["approved_unsupplied"]["rate"].get<double>() == Approx(30.0 / 45));
    CHECK(j["places"][3]["periods"][0]["in_audit"] == false);  // district C on the first date
    CHECK(j["outputs"]["charts"].size() == 7);

    // The table read back with OGR: one row per place and date.
    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open((out / "SERIES.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    OGRLayer* layer = ds->GetLayerByName("series");
    REQUIRE(layer);
    CHECK(layer->GetFeatureCount() == 6 * 3);
    for (int i = 0; i < layer->GetLayerDefn()->GetFieldCount(); ++i)
        CHECK(std::string(layer->GetLayerDefn()->GetFieldDefn(i)->GetNameRef()).size() <= 10);
    std::map<std::pair<std::string, std::string>, std::map<std::string, double>> rows;
    std::map<std::pair<std::string, std::string>, int> count;
    for (auto& f : *layer) {
        std::string as_of = f->GetFieldAsString("as_of");  // OGR writes dates as YYYY/MM/DD
        std::replace(as_of.begin(), as_of.end(), '/', '-');
        const std::pair<std::string, std::string> key{std::string(f->GetFieldAsString("level")) + ":" + f->GetFieldAsString("code"),
                                                      as_of};
        ++count[key];
        auto& row = rows[key];
        for (const char* field : {"in_audit", "idle_mu", "appr_mu", "lowef_mu", "util", "supply_rat", "tax_mu", "appr_rate",
                                  "idle_rate", "low_rate", "appr_ds_mu", "idle_ds_mu", "low_ds_mu"})
            row[field] = f->IsFieldSetAndNotNull(f->GetFieldIndex(field)) ? f->GetFieldAsDouble(field) : kNone;
    }
    for (const auto& [key, n] : count) CHECK(n == 1);
    CHECK(rows.size() == 18);
    for (const Expected& e : kExpected) {
        const auto& row = rows.at({std::string(kPlaceLevelNames[static_cast<std::size_t>(e.level)]) + ":" + e.code,
                                   kDates[e.t]});
        INFO(e.code << " " << kDates[e.t]);
        CHECK(row.at("in_audit") == 1);
        CHECK(row.at("idle_mu") == Approx(e.idle_mu).margin(1e-9));
        CHECK(row.at("appr_mu") == Approx(e.appr_mu).margin(1e-9));
        CHECK(row.at("lowef_mu") == Approx(e.lowef_mu).margin(1e-9));
        check_ratio(row.at("util"), e.util);
        check_ratio(row.at("supply_rat"), e.supply);
        check_ratio(row.at("tax_mu"), e.tax);
    }
    for (const ExpectedDisposal& e : kDisposal) {
        const auto& row = rows.at({std::string(kPlaceLevelNames[static_cast<std::size_t>(e.level)]) + ":" + e.code,
                                   kDates[e.t]});
        INFO(e.code << " " << kDates[e.t]);
        const char* rates[] = {"appr_rate", "idle_rate", "low_rate"};
        const char* disposed[] = {"appr_ds_mu", "idle_ds_mu", "low_ds_mu"};
        for (std::size_t k = 0; k < kStockKindCount; ++k) {
            const auto [fl, ds_mu] = e.flagged_disposed[k];
            check_ratio(row.at(rates[k]), fl > 0 ? ds_mu / fl : kNone);
            CHECK(row.at(disposed[k]) == Approx(ds_mu).margin(1e-9));
        }
    }
    CHECK(rows.at({"district:321204", "2026-06-30"}).at("in_audit") == 0);
    CHECK(std::isnan(rows.at({"district:321204", "2026-06-30"}).at("idle_mu")));
    CHECK(std::isnan(rows.at({"city:", "2026-06-30"}).at("appr_rate")));  // no audit before the first

    const std::string csv = read_text_file(out / "csv/series.csv");
    CHECK(csv.rfind("\xEF\xBB\xBFlevel,code,name,district,as_of,prev_as_of,", 0) == 0);
    CHECK(csv.find("city,,全市,,2026-09-30,2026-06-30,1,12,180.00,15.00,30.00,30.00,0.5833,0.9091,25.00,") != std::string::npos);
    CHECK(std::filesystem::exists(out / "csv/run_info.csv"));

    // The charts: every PNG decodes at the stated size, with the city's and the
    // districts' colours; in the plot (the left three quarters) at least three lines
    // apart, except for low_rate, where district A's line is the city's (A had all
    // the low-efficiency land) and lies under it.
    for (const char* name : {"idle_mu", "appr_mu", "appr_rate", "idle_rate", "low_rate", "util", "tax_mu"}) {
        INFO(name);
        const PngImage img = read_png_image(out / (std::string("charts/") + name + ".png"));
        CHECK(img.width == 1200);
        CHECK(img.height == 720);
        CHECK(img.distinct_colours() > 20);
        std::size_t in_image = 0, in_plot = 0;
        for (uint32_t c : {report::kChartTotalColour, report::chart_colour(0), report::chart_colour(1), report::chart_colour(2)}) {
            in_image += img.count(c) > 30;
            in_plot += img.count(c, 0, img.width * 3 / 4) > 30;
        }
        CHECK(in_image == 4);
        if (std::string(name) != "low_rate") CHECK(in_plot >= 3);
    }
}

TEST_CASE("parkcap series --help documents the audits and every option", "[monitor][cli]") {
    const auto r = run_parkcap("series --help");
    INFO(describe(r));
    CHECK(r.exit_code == 0);
    for (const char* word : {"AUDITS", "--out", "--csv", "--charts", "--rules", "--overwrite", "--json"})
        CHECK_THAT(r.out, Catch::Contains(word));
    CHECK(r.err.empty());
    CHECK_THAT(run_parkcap("--help").out, Catch::Contains("series"));
}

TEST_CASE("parkcap series: one audit, the same date twice, a file that is not an audit, other CRSs", "[monitor][cli]") {
    SavedAudits saved;
    ScratchDir out("series-refused");
    const std::string series = " --out " + (out / "S.gpkg");

    const auto one = run_parkcap("series " + saved.paths[0] + series);
    CHECK(one.exit_code == 2);
    CHECK(one.err.find("one audit given (" + saved.paths[0] + ")") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out / "S.gpkg"));

    const std::string copy = out / "copy-of-first.gpkg";
    std::filesystem::copy_file(saved.paths[0], copy);
    const auto twice = run_parkcap("series " + saved.paths[0] + " " + saved.paths[1] + " " + copy + series);
    CHECK(twice.exit_code == 4);
    INFO(describe(twice));
    CHECK(twice.err.find(saved.paths[0]) != std::string::npos);
    CHECK(twice.err.find(copy) != std::string::npos);
    CHECK(twice.err.find("both are audits as of 2026-06-30") != std::string::npos);

    // The data the audits were made from is a GeoPackage, but not an audit.
    const std::string data = out / "city.gpkg";
    three_periods()[0].write_gpkg(data);
    const auto not_audit = run_parkcap("series " + saved.paths[0] + " " + data + series);
    CHECK(not_audit.exit_code == 4);
    CHECK(not_audit.err.find(data + ":") != std::string::npos);
    CHECK(not_audit.err.find("run_info") != std::string::npos);
    const std::string text = out / "notes.gpkg";
    write_text_file(text, "not a GeoPackage\n");
    const auto unreadable = run_parkcap("series " + saved.paths[0] + " " + text + series);
    CHECK(unreadable.exit_code == 3);
    CHECK(unreadable.err.find(text) != std::string::npos);
    const auto missing = run_parkcap("series " + saved.paths[0] + " " + (out / "missing.gpkg") + series);
    CHECK(missing.exit_code == 3);

    // An audit made in another working CRS (its run_info says so).
    const std::string other_crs = out / "other-crs.gpkg";
    std::filesystem::copy_file(saved.paths[1], other_crs);
    {
        GDALAllRegister();
        GDALDatasetUniquePtr ds(GDALDataset::Open(other_crs.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
        REQUIRE(ds);
        ds->ExecuteSQL("UPDATE run_info SET value = 'EPSG:4549' WHERE key = 'working_crs'", nullptr, nullptr);
    }
    const auto crs = run_parkcap("series " + saved.paths[0] + " " + other_crs + series);
    CHECK(crs.exit_code == 4);
    CHECK(crs.err.find(other_crs) != std::string::npos);
    CHECK(crs.err.find("EPSG:4549") != std::string::npos);

    // Outputs are checked as for every command: an audit as --out, an existing
    // --out, a --charts that is a file.
    const auto onto_input = run_parkcap("series " + saved.paths[0] + " " + saved.paths[1] + " --out " + saved.paths[1] +
                                        " --overwrite");
    CHECK(onto_input.exit_code == 2);
    CHECK(onto_input.err.find("is an input") != std::string::npos);
    REQUIRE(run_parkcap("series " + saved.paths[0] + " " + saved.paths[1] + series).exit_code == 0);
    const auto again = run_parkcap("series " + saved.paths[0] + " " + saved.paths[1] + series);
    CHECK(again.exit_code == 2);
    CHECK(again.err.find("--overwrite") != std::string::npos);
    const auto charts_file = run_parkcap("series " + saved.paths[0] + " " + saved.paths[1] + " --out " + (out / "T.gpkg") +
                                         " --charts " + text);
    CHECK(charts_file.exit_code == 2);
    CHECK(charts_file.err.find("--charts " + text + ": is a file, not a folder") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out / "T.gpkg"));
}

}  // namespace parkcap::test
