// 增存挂钩 inside the plan: quota is earned by the stock land the plan itself
// disposes of (placing a project on 批而未供 land), and that quota may pay for
// planned land in the same plan; quota earned before is the quota table's
// earned_mu. Hand-built cities where the coupling decides the optimum.
#include <cmath>

#include <catch2/catch.hpp>

#include "parkcap/allocate/allocate.hpp"
#include "parkcap/core/error.hpp"
#include "support/allocated.hpp"

using namespace parkcap;
using namespace parkcap::test;
using allocate::UnplacedCode;

namespace {

double side_for_mu(double mu) { return std::sqrt(mu * 10000.0 / 15.0); }

MiniParcel site_parcel(const std::string& id, const std::string& status, double mu, double x,
                       const std::string& appr_date = "2025-01-01") {
    MiniParcel p;
    p.id = id;
    p.status = status;
    p.appr_date = status == "approved" ? appr_date : "";
    p.x = x;
    p.side_m = side_for_mu(mu);
    return p;
}

MiniPark park(const std::string& id, const std::string& district, double x0, double x1) {
    MiniPark p;
    p.id = id;
    p.district = district;
    p.themes = "C34";
    p.x0 = x0;
    p.y0 = -10;
    p.x1 = x1;
    p.y1 = 1000;
    return p;
}

void total_tax_only(rules::Rules& r) { r.objective.terms = {{rules::ObjectiveTermKind::TotalTax, 1.0, 1.0}}; }

Allocated allocate_on(const MiniCity& c, const std::string& name, void (*tune)(rules::Rules&) = total_tax_only) {
    Allocated a{run_audit_on(c, "2026-06-30", name), {}};
    if (tune) tune(a.run.rules);
    a.plan = allocate::run_allocation(a.run.city, a.run.audit, a.run.rules, {}, {10.0, false});
    return a;
}

const allocate::LedgerRow& ledger(const Allocated& a, const std::string& code) {
    const auto d = a.run.city.find_district(code);
    REQUIRE(d);
    return a.plan.state.ledger[*d];
}

/// District 321202 has no quota of its own. Its park holds 60 亩 of 批而未供 land
/// and 30 亩 of planned land; project A asks 60 亩, B 30 亩.
MiniCity coupled_city() {
    MiniCity c;
    c.parks = {park("P", "321202", -10, 2000)};
    c.parcels = {site_parcel("STOCK", "approved", 60, 0), site_parcel("PLAN", "planned", 30, 500)};
    c.projects = {mini_project("A", 60, 1800), mini_project("B", 30, 900)};
    c.quota = {{"321202", 0}};
    return c;
}

}  // namespace

TEST_CASE("增存挂钩: disposing of stock land pays for planned land in the same district and plan",
          "[allocate][zengcun]") {
    const Allocated a = allocate_on(coupled_city(), "zengcun-coupled");
    // A on the 批而未供 land disposes of 60 亩: 0.5 × 60 = 30 亩 of quota, which pays for B.
    REQUIRE(a.placed("A"));
    REQUIRE(a.placed("B"));
    CHECK_FALSE(a.placement("A").uses_quota);
    CHECK(a.placement("A").disposed_mu == Approx(60).epsilon(1e-6));
    CHECK(a.placement("A").earned_mu == Approx(30).epsilon(1e-6));
    CHECK(a.placement("B").uses_quota);
    const auto& row = ledger(a, "321202");
    CHECK(row.opening_mu == 0);
    CHECK(row.earned_before_mu == 0);
    CHECK(row.disposed_mu == Approx(60).epsilon(1e-6));
    CHECK(row.earned_plan_mu == Approx(30).epsilon(1e-6));
    CHECK(row.consumed_mu == Approx(30).epsilon(1e-6));
    CHECK(row.remaining_mu() == Approx(0).margin(1e-6));
    CHECK(a.plan.state.stats.objective == Approx(2700));
    CHECK(a.plan.state.stats.proven_optimal);

    // Removing A would take back quota B has spent: refused, with the reason.
    allocate::Plan edited = a.plan;
    CHECK(allocate::removal_check(edited, a.project("A")).has_value());
    try {
        allocate::unplace(a.run.city, a.run.rules, edited, a.project("A"));
        FAIL("A was removed although B spends the quota its disposal earned");
    } catch (const DataError& e) {
        CHECK_THAT(e.what(), Catch::Contains("district 321202 has spent the 30.0 mu of quota this project's disposal of "
                                             "stock land earns: without it -30.0 mu would remain"));
    }
    CHECK(edited.state.placement_of[a.project("A")].has_value());
    // B first, then A, may go.
    allocate::unplace(a.run.city, a.run.rules, edited, a.project("B"));
    CHECK_FALSE(allocate::removal_check(edited, a.project("A")).has_value());
    allocate::unplace(a.run.city, a.run.rules, edited, a.project("A"));
    CHECK(edited.state.ledger[*a.run.city.find_district("321202")].earned_plan_mu == Approx(0).margin(1e-9));
}

TEST_CASE("增存挂钩: without the ratio, or with the credit going to the origin, the planned land stays unpaid",
          "[allocate][zengcun]") {
    SECTION("no quota per 亩 disposed") {
        const Allocated a = allocate_on(coupled_city(), "zengcun-no-ratio", [](rules::Rules& r) {
            total_tax_only(r);
            r.quota.earned_mu_per_mu_disposed = 0;
        });
        CHECK(a.placed("A"));
        CHECK_FALSE(a.placed("B"));
        CHECK(a.plan.state.unplaced[a.project("B")].code() == UnplacedCode::NoQuota);
        CHECK(ledger(a, "321202").earned_plan_mu == 0);
    }
    SECTION("earned by the project's origin, another district") {
        MiniCity c = coupled_city();
        c.projects[0].origin = "321203";
        c.quota.push_back({"321203", 0});
        const Allocated a = allocate_on(c, "zengcun-origin", [](rules::Rules& r) {
            total_tax_only(r);
            r.quota.earned_by = rules::EnclaveSide::Origin;
        });
        REQUIRE(a.placed("A"));
        CHECK(a.placement("A").earner == *a.run.city.find_district("321203"));
        CHECK(ledger(a, "321203").earned_plan_mu == Approx(30).epsilon(1e-6));
        CHECK_FALSE(a.placed("B"));  // the host, who pays for planned land, earned nothing
    }
    SECTION("quota earned before this plan (the quota table's earned_mu) pays too") {
        MiniCity c = coupled_city();
        c.earned_before = {{"321202", 30}};
        const Allocated a = allocate_on(c, "zengcun-before", [](rules::Rules& r) {
            total_tax_only(r);
            r.quota.earned_mu_per_mu_disposed = 0;
        });
        CHECK(a.placed("B"));
        CHECK(ledger(a, "321202").earned_before_mu == Approx(30));
        CHECK(ledger(a, "321202").remaining_mu() == Approx(0).margin(1e-6));
    }
    SECTION("批而未供 approved before the window earns nothing") {
        MiniCity c = coupled_city();
        c.parcels[0].appr_date = "2019-01-01";  // more than window_years = 5 before 2026-06-30
        const Allocated a = allocate_on(c, "zengcun-window");
        CHECK(a.placed("A"));
        CHECK(a.placement("A").earned_mu == 0);
        CHECK_FALSE(a.placed("B"));
    }
}

TEST_CASE("增存挂钩: the coupling decides the optimum, and the greedy's swaps keep the ledger whole",
          "[allocate][zengcun][optimum]") {
    // C (40 亩, best per 亩) could take the stock land instead of A, but then
    // disposes of 40 亩 only: 20 亩 of quota, too little for B. A + B (2700)
    // beats C + nothing (1600) and C on the stock land with B unpaid.
    MiniCity c = coupled_city();
    c.projects.push_back(mini_project("C", 40, 1600));
    const Allocated a = allocate_on(c, "zengcun-optimum");
    CHECK(a.placed("A"));
    CHECK(a.placed("B"));
    CHECK_FALSE(a.placed("C"));
    CHECK(a.plan.state.stats.objective == Approx(2700));
    CHECK(a.plan.state.stats.greedy_objective <= 2700 + 1e-9);
    for (const auto& row : a.plan.state.ledger) CHECK(row.remaining_mu() >= -1e-9);
}
