// 达产复核: a plan's land-supply conditions, written to PLAN.gpkg and read back,
// reviewed against a later city in which one project's land is built, one's is
// still being built and one's parcel was renumbered; a commitment met, one missed,
// pending, no data and no parcel, each figure worked out here; and the command line.
#include <cmath>
#include <filesystem>
#include <map>

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <nlohmann/json.hpp>
#include <ogrsf_frmts.h>

#include "parkcap/allocate/allocate.hpp"
#include "parkcap/audit/review.hpp"
#include "parkcap/core/error.hpp"
#include "parkcap/report/audit_report.hpp"
#include "parkcap/report/conditions_reader.hpp"
#include "parkcap/report/plan_report.hpp"
#include "support/allocated.hpp"
#include "support/fixtures.hpp"
#include "support/parkcap_run.hpp"

using namespace parkcap;
using namespace parkcap::test;
using audit::ReviewStatus;

namespace {

/// Side of a square parcel of `mu` 亩.
double side_for_mu(double mu) { return std::sqrt(mu * 10000.0 / 15.0); }

/// One provincial park (C34) with three 60-亩 stock parcels, far apart.
MiniCity before_city() {
    MiniCity c;
    MiniPark park;
    park.id = "PROV";
    park.level = "provincial";
    park.themes = "C34";
    park.x0 = -10; park.y0 = -10; park.x1 = 3000; park.y1 = 1000;
    c.parks = {park};
    for (int k = 0; k < 3; ++k) {
        MiniParcel p;
        p.id = "L" + std::to_string(k + 1);
        p.status = "approved";
        p.appr_date = "2025-01-01";
        p.x = k * 1000.0;
        p.side_m = side_for_mu(60);
        c.parcels.push_back(p);
    }
    // Each 50 亩, investing 400 万元/亩 and paying 30 万元/亩 a year; A also commits
    // to FAR 1.2, output 500 万元/亩/year and 0.3 tce per 万元 of value added.
    MiniProject a;
    a.id = "A";
    a.far_commit = 1.2;
    a.output_exp = 50 * 500;
    a.energy_va = 0.3;
    MiniProject b = a, cc = a;
    b.id = "B";
    cc.id = "C";
    c.projects = {a, b, cc};
    return c;
}

/// The default rules with an energy ceiling of 0.5 tce/万元 for provincial parks.
rules::Rules rules_with_energy() {
    rules::Rules r = rules::default_rules();
    r.standard_land.rows[1].threshold[static_cast<std::size_t>(StandardIndicator::Energy)] = 0.5;
    return r;
}

/// The parcel each project got, from its conditions.
std::map<std::string, std::string> parcel_of(const std::vector<SupplyCondition>& conditions) {
    std::map<std::string, std::string> out;
    for (const auto& c : conditions) {
        REQUIRE(c.parcels.size() == 1);
        out[c.project_id] = c.parcels[0];
    }
    return out;
}

/// A year on: A's land built with its actuals, B's under construction, C's parcel renumbered.
MiniCity later_city(const std::map<std::string, std::string>& parcels) {
    MiniCity c = before_city();
    c.projects.clear();
    for (MiniParcel& p : c.parcels) {
        p.industry = "C3411";
        if (p.id == parcels.at("A")) {
            p.status = "built";
            p.start_due = "2026-10-01";
            p.start_date = "2026-09-01";
            p.inv_plan = 60 * 400;
            p.inv_done = 60 * 420;  // 25,200 万元 on 60 亩: 420 万元/亩 ≥ 400 committed
            p.tax = 60 * 25;        // 1,500 万元 on 60 亩: 25 万元/亩 < 30 committed, ≥ 15 the standard
            p.far = 1.2;            // exactly the commitment
            p.coverage = 0.5;       // output left empty: no data
        } else if (p.id == parcels.at("B")) {
            p.status = "building";
            p.start_due = "2026-10-01";
            p.start_date = "2026-09-01";
        } else {
            p.id += "-NEW";  // C's land surveyed again under a new id
            p.status = "built";
        }
    }
    return c;
}

const audit::ReviewRow& row_of(const std::vector<audit::ReviewRow>& review, const std::string& project,
                               StandardIndicator indicator) {
    for (const auto& r : review)
        if (r.condition.project_id == project && r.condition.indicator == indicator) return r;
    FAIL("no review row for " << project << " " << info(indicator).name);
    return review.front();
}

struct Planned {
    Allocated allocated;
    std::vector<SupplyCondition> conditions;  ///< as the plan made them
};

Planned plan_before(const std::string& name) {
    Planned p{{run_audit_on(before_city(), "2026-06-30", name, rules_with_energy()), {}}, {}};
    Allocated& a = p.allocated;
    a.plan = allocate::run_allocation(a.run.city, a.run.audit, a.run.rules, {}, {10.0, false});
    REQUIRE(a.placed("A"));
    REQUIRE(a.placed("B"));
    REQUIRE(a.placed("C"));
    p.conditions = allocate::supply_conditions(a.run.city, a.plan);
    return p;
}

}  // namespace

TEST_CASE("review: the conditions read back from PLAN.gpkg are the plan's", "[audit][review][report]") {
    const Planned p = plan_before("review-readback");
    // Per project: investment, tax, FAR, output, energy (5 × 3).
    REQUIRE(p.conditions.size() == 15);
    ScratchDir dir("review-readback-out");
    const std::string gpkg = dir / "plan.gpkg";
    report::write_plan_gpkg(gpkg, p.allocated.run.city, p.allocated.plan, p.allocated.run.rules);
    const std::vector<SupplyCondition> read = report::read_supply_conditions(gpkg);
    REQUIRE(read.size() == p.conditions.size());
    for (std::size_t k = 0; k < read.size(); ++k) {
        const SupplyCondition &a = read[k], &b = p.conditions[k];
        INFO(k);
        CHECK(a.project_id == b.project_id);
        CHECK(a.site_id == b.site_id);
        CHECK(a.parcels == b.parcels);
        CHECK(a.park_id == b.park_id);
        CHECK(a.level == b.level);
        CHECK(a.industry == b.industry);
        CHECK(a.standard_industry == b.standard_industry);
        CHECK(a.area_mu == b.area_mu);
        CHECK(a.taken_mu == b.taken_mu);
        CHECK(a.indicator == b.indicator);
        CHECK(a.committed == b.committed);  // a GeoPackage keeps the double
        CHECK(a.threshold == b.threshold);
        CHECK(a.met == b.met);
        CHECK(a.on_miss == b.on_miss);
    }
    // The 50 亩 taken of a 60-亩 site leaves 10: a usable remnant, so the take is 50.
    CHECK(read[0].taken_mu == 50);
    CHECK(read[4].indicator == StandardIndicator::Energy);
    CHECK(read[4].committed == 0.3);
    CHECK(read[4].threshold == 0.5);

    // Not a plan, or a plan without the layer: a DataError naming the layer.
    ScratchDir other("review-readback-audit");
    report::write_audit_gpkg(other / "audit.gpkg", p.allocated.run.city, p.allocated.run.audit, p.allocated.run.rules);
    CHECK_THROWS_AS(report::read_supply_conditions(other / "audit.gpkg"), DataError);
    CHECK_THROWS_WITH(report::read_supply_conditions(other / "audit.gpkg"), Catch::Contains("has no layer 'supply_conditions'"));
}

TEST_CASE("review: met, missed, pending, no data and no parcel, with their figures", "[audit][review]") {
    const Planned p = plan_before("review-statuses");
    const auto parcels = parcel_of(p.conditions);
    const AuditRun later = run_audit_on(later_city(parcels), "2027-06-30", "review-statuses-later");
    const std::vector<audit::ReviewRow> review = audit::review_conditions(later.city, p.conditions);
    REQUIRE(review.size() == 15);

    // A: investment 25,200 ÷ 60 = 420 万元/亩 against 400 committed: met.
    const auto& inv = row_of(review, "A", StandardIndicator::Investment);
    CHECK(inv.status == ReviewStatus::Met);
    CHECK(inv.actual == Approx(420).epsilon(1e-9));
    CHECK(inv.meets_threshold);
    CHECK(audit::detail_en(inv) == "actual 420.0 万元/mu meets the commitment 400.0 万元/mu");
    // Tax 1,500 ÷ 60 = 25 万元/亩 against 30 committed: missed, though above the standard's 15.
    const auto& tax = row_of(review, "A", StandardIndicator::Tax);
    CHECK(tax.status == ReviewStatus::Missed);
    CHECK(tax.actual == Approx(25).epsilon(1e-9));
    CHECK(tax.meets_threshold);
    CHECK(audit::detail_en(tax) == "actual 25.00 万元/mu/year misses the commitment 30.00 万元/mu/year (标准地 15 万元/mu/year)");
    CHECK(audit::detail_zh(tax) == "实际 25.00 万元/亩/年，未达承诺 30.00 万元/亩/年（标准地 15 万元/亩/年）");
    // FAR exactly at the commitment: met.
    const auto& far = row_of(review, "A", StandardIndicator::Far);
    CHECK(far.status == ReviewStatus::Met);
    CHECK(far.actual == Approx(1.2).epsilon(1e-12));
    // Output left empty on a built parcel: no data, not a miss.
    const auto& output = row_of(review, "A", StandardIndicator::Output);
    CHECK(output.status == ReviewStatus::NoData);
    CHECK(std::isnan(output.actual));
    CHECK(output.parcel == parcels.at("A"));
    CHECK(audit::detail_en(output) == "parcel " + parcels.at("A") + " has no output: output per mu cannot be reviewed");
    // Energy: the parcels carry no such figure at all.
    const auto& energy = row_of(review, "A", StandardIndicator::Energy);
    CHECK(energy.status == ReviewStatus::NoData);
    CHECK(audit::detail_en(energy) == "the parcels carry no actual energy per value added: it cannot be reviewed");

    // B: under construction, every condition pending.
    for (const auto& r : review)
        if (r.condition.project_id == "B") {
            CHECK(r.status == ReviewStatus::Pending);
            CHECK(r.parcel_status == Status::Building);
            CHECK(std::isnan(r.actual));
        }
    CHECK(audit::detail_en(row_of(review, "B", StandardIndicator::Tax)) ==
          "parcel " + parcels.at("B") + " is not built yet (building): reviewed once built");
    // C: its parcel id is gone from the data.
    for (const auto& r : review)
        if (r.condition.project_id == "C") {
            CHECK(r.status == ReviewStatus::NoParcel);
            CHECK(r.parcel == parcels.at("C"));
        }
}

TEST_CASE("review: a condition on several parcels is judged on all of them", "[audit][review]") {
    // Figures are summed per 亩 of all its parcels, FAR weighted by their areas; one
    // parcel not built keeps the condition pending.
    const Planned p = plan_before("review-two-parcels");
    const auto parcels = parcel_of(p.conditions);
    SupplyCondition far;
    for (const auto& c : p.conditions)
        if (c.project_id == "A" && c.indicator == StandardIndicator::Far) far = c;
    REQUIRE(far.committed == 1.2);
    SupplyCondition inv = far;
    inv.indicator = StandardIndicator::Investment;
    inv.committed = 400;
    far.parcels = inv.parcels = {parcels.at("A"), parcels.at("B")};
    MiniCity later = later_city(parcels);
    for (MiniParcel& q : later.parcels)
        if (q.id == parcels.at("B")) {
            q.status = "built";
            q.inv_done = 60 * 360;  // (25,200 + 21,600) ÷ 120 亩 = 390 万元/亩 < 400
            q.far = 0.8;            // (1.2 × 60 + 0.8 × 60) ÷ 120 = 1.0 < 1.2
        }
    const AuditRun run = run_audit_on(later, "2027-06-30", "review-two-parcels-later");
    const auto both = audit::review_conditions(run.city, std::vector<SupplyCondition>{inv, far});
    CHECK(both[0].status == ReviewStatus::Missed);
    CHECK(both[0].actual == Approx(390).epsilon(1e-9));
    CHECK(both[0].parcels.size() == 2);
    CHECK(both[1].status == ReviewStatus::Missed);
    CHECK(both[1].actual == Approx(1.0).epsilon(1e-9));
    CHECK(both[1].meets_threshold);  // 1.0 ≥ 0.7, the 2008 minimum for C34

    // B back to building: the pair is pending on B, not judged on A alone.
    const AuditRun pending = run_audit_on(later_city(parcels), "2027-06-30", "review-two-parcels-pending");
    const auto half = audit::review_conditions(pending.city, std::vector<SupplyCondition>{inv});
    CHECK(half[0].status == ReviewStatus::Pending);
    CHECK(half[0].parcel == parcels.at("B"));
}

TEST_CASE("review: parkcap audit --conditions writes the review table and its summary", "[audit][review][cli]") {
    const Planned p = plan_before("review-cli");
    ScratchDir dir("review-cli-out");
    const std::string plan = dir / "plan.gpkg";
    report::write_plan_gpkg(plan, p.allocated.run.city, p.allocated.plan, p.allocated.run.rules);
    std::filesystem::create_directories(dir / "later");
    const std::string later = dir / "later/city.gpkg";
    later_city(parcel_of(p.conditions)).write_gpkg(later);

    const std::string audit = dir / "audit.gpkg";
    std::filesystem::create_directories(dir / "csv");
    const CommandResult r = run_parkcap("audit " + later + " --as-of 2027-06-30 --out " + audit + " --csv " + (dir / "csv") +
                                        " --conditions " + plan + " -q");
    REQUIRE(r.exit_code == 0);
    INFO(describe(r));
    CHECK(r.out.find("Review (达产复核) of 15 land-supply conditions from " + plan +
                     ": 2 met, 1 missed, 5 pending, 2 no data, 5 no parcel") != std::string::npos);
    CHECK(r.out.find("  A tax (PROV): actual 25.00 万元/mu/year misses the commitment 30.00 万元/mu/year (标准地 15 "
                     "万元/mu/year)") != std::string::npos);

    GDALDatasetUniquePtr ds(GDALDataset::Open(audit.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    OGRLayer* review = ds->GetLayerByName("review");
    REQUIRE(review);
    CHECK(review->GetFeatureCount() == 15);
    std::map<std::string, int> statuses;
    for (auto& f : *review) {
        ++statuses[f->GetFieldAsString("status")];
        if (std::string(f->GetFieldAsString("project_id")) == "A" && std::string(f->GetFieldAsString("indicator")) == "investment") {
            CHECK(f->GetFieldAsDouble("committed") == 400);
            CHECK(f->GetFieldAsDouble("threshold") == 250);
            CHECK(f->GetFieldAsDouble("actual") == Approx(420));
            CHECK(f->GetFieldAsInteger("meets_std") == 1);
            CHECK(std::string(f->GetFieldAsString("status_zh")) == "达标");
        }
    }
    CHECK(statuses == std::map<std::string, int>{{"met", 2}, {"missed", 1}, {"pending", 5}, {"no data", 2}, {"no parcel", 5}});
    CHECK(read_text_file(dir / "csv/review.csv").find("project_id,site_id,parcels,park_id,level,indicator,bound,unit,"
                                                      "committed,threshold,actual,status,status_zh,meets_std,parcel,"
                                                      "detail_zh,detail") != std::string::npos);

    // --json carries the same counts.
    const CommandResult j = run_parkcap("audit " + later + " --as-of 2027-06-30 --out " + audit + " --overwrite --json --conditions " +
                                        plan + " -q");
    REQUIRE(j.exit_code == 0);
    const auto doc = nlohmann::json::parse(j.out);
    CHECK(doc["review"]["conditions"] == 15);
    CHECK(doc["review"]["by_status"]["missed"] == 1);
    CHECK(doc["review"]["missed"][0]["project"] == "A");
    CHECK(doc["review"]["missed"][0]["actual"].get<double>() == Approx(25));

    // Without --conditions the audit has no review table.
    const CommandResult plain = run_parkcap("audit " + later + " --as-of 2027-06-30 --out " + (dir / "plain.gpkg") + " -q");
    REQUIRE(plain.exit_code == 0);
    GDALDatasetUniquePtr no_review(GDALDataset::Open((dir / "plain.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    CHECK_FALSE(no_review->GetLayerByName("review"));

    // What is not a PLAN.gpkg: refused before any work (2), or when its layer is missing (4).
    const CommandResult toml = run_parkcap("audit " + later + " --as-of 2027-06-30 --out " + (dir / "x.gpkg") + " --conditions " +
                                           (dir / "plan.toml") + " -q");
    CHECK(toml.exit_code == 2);
    CHECK(toml.err.find("--conditions") != std::string::npos);
    const CommandResult not_plan = run_parkcap("audit " + later + " --as-of 2027-06-30 --out " + (dir / "y.gpkg") + " --conditions " +
                                               (dir / "plain.gpkg") + " -q");
    CHECK(not_plan.exit_code == 4);
    CHECK(not_plan.err.find("has no layer 'supply_conditions'") != std::string::npos);
    // The plan it reads is an input: never an output.
    const CommandResult over = run_parkcap("audit " + later + " --as-of 2027-06-30 --out " + plan + " --overwrite --conditions " +
                                           plan + " -q");
    CHECK(over.exit_code == 2);
}
