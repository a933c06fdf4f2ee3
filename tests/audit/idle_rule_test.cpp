// The 2012 idle-land rule (MLR Order No. 53, Art. 2 and 14) at its edges: exactly
// one year, 364 days, two years, leap days, exactly one third, exactly 25 %.
#include <catch2/catch.hpp>

#include "support/audit_run.hpp"

using namespace parkcap;
using namespace parkcap::test;
using audit::FlagCode;

namespace {
MiniParcel supplied(const std::string& id, const std::string& start_due, double x) {
    MiniParcel p;
    p.id = id;
    p.status = "supplied";
    p.appr_date = "2020-01-10";
    p.supp_date = "2021-01-10";
    p.start_due = start_due;
    p.x = x;
    return p;
}

MiniParcel halted(const std::string& id, const std::string& halt, double dev, double inv_plan, double inv_done, double x) {
    MiniParcel p;
    p.id = id;
    p.status = "building";
    p.appr_date = "2019-01-10";
    p.supp_date = "2020-01-10";
    p.start_due = "2020-06-01";
    p.start_date = "2020-06-01";
    p.halt_date = halt;
    p.dev_ratio = dev;
    p.inv_plan = inv_plan;
    p.inv_done = inv_done;
    p.x = x;
    return p;
}
}  // namespace

TEST_CASE("idle: not started, by the anniversary of the agreed start", "[audit][idle]") {
    MiniCity c;
    c.parcels = {supplied("one_year", "2025-06-30", 0), supplied("364_days", "2025-07-01", 200),
                 supplied("two_years", "2024-06-30", 400), supplied("729_days", "2024-07-01", 600),
                 supplied("not_due", "2026-09-01", 800), supplied("no_due", "", 1000)};
    const AuditRun r = run_audit_on(c, "2026-06-30", "idle-not-started");

    SECTION("exactly one year after the agreed start is idle (满一年), with the idle fee") {
        const auto f = r.flag("one_year", FlagCode::IdleFee);
        CHECK(f.days == 365);
        CHECK(f.reclaimable_m2 == 0);
        CHECK(r.reason_zh(f) == "约定动工日期 2025-06-30 起 365 天未动工（满 1 年）");
        CHECK(r.reason_en(f) == "not started 365 days after the agreed start 2025-06-30 (≥ 1 year)");
        CHECK_FALSE(r.has("one_year", FlagCode::IdleTakeback));
        CHECK_FALSE(r.has("one_year", FlagCode::SuppliedUnused));
    }
    SECTION("364 days is not idle yet: on the watch list, idle tomorrow") {
        CHECK_FALSE(r.has("364_days", FlagCode::IdleFee));
        const auto f = r.flag("364_days", FlagCode::SuppliedUnused);
        CHECK(f.days == 1);
        CHECK(f.value == 364);
    }
    SECTION("exactly two years: taken back, the whole parcel reclaimable") {
        const auto f = r.flag("two_years", FlagCode::IdleTakeback);
        CHECK(f.days == 730);
        CHECK(f.reclaimable_m2 == Approx(10000));
        CHECK_FALSE(r.has("two_years", FlagCode::IdleFee));
    }
    SECTION("729 days: still the fee stage") {
        CHECK(r.has("729_days", FlagCode::IdleFee));
        CHECK_FALSE(r.has("729_days", FlagCode::IdleTakeback));
    }
    SECTION("a start date still ahead: watch list with the days until idle") {
        const auto f = r.flag("not_due", FlagCode::SuppliedUnused);
        CHECK(f.days == 365 + 63);  // 2026-06-30 → 2027-09-01
        CHECK(f.value == -63);
    }
    SECTION("no agreed start on record: on the watch list, saying so") {
        const auto f = r.flag("no_due", FlagCode::SuppliedUnused);
        CHECK(r.reason_en(f) == "supplied, not started; no agreed start date on record");
    }
}

TEST_CASE("idle: a leap-day start becomes idle on 28 February of the next year", "[audit][idle]") {
    MiniCity c;
    c.parcels = {supplied("leap", "2024-02-29", 0)};
    CHECK(run_audit_on(c, "2025-02-28", "idle-leap-a").has("leap", FlagCode::IdleFee));
    const AuditRun before = run_audit_on(c, "2025-02-27", "idle-leap-b");
    CHECK_FALSE(before.has("leap", FlagCode::IdleFee));
    CHECK(before.flag("leap", FlagCode::SuppliedUnused).days == 1);
    // Two years on, 2026-02-28 is again the anniversary.
    CHECK(run_audit_on(c, "2026-02-28", "idle-leap-c").has("leap", FlagCode::IdleTakeback));
}

TEST_CASE("idle: started, halted, with too little developed or invested", "[audit][idle]") {
    MiniCity c;
    c.parcels = {
        halted("halt_365_dev_low", "2025-06-30", 0.2, 1000, 800, 0),
        halted("halt_364_dev_low", "2025-07-01", 0.2, 1000, 800, 200),
        halted("dev_exactly_third", "2024-01-01", 1.0 / 3.0, 1000, 800, 400),
        halted("dev_just_under_third", "2024-01-01", 0.3333, 1000, 800, 600),
        halted("inv_exactly_25", "2025-01-01", 0.5, 1000, 250, 800),
        halted("inv_just_under_25", "2025-01-01", 0.5, 1000, 249.9, 1000),
        halted("halt_two_years", "2024-06-30", 0.1, 1000, 800, 1200),
        halted("no_figures", "2024-06-30", kNoValue, kNoValue, kNoValue, 1400),
        halted("enough_done", "2023-01-01", 0.5, 1000, 600, 1600),
        halted("both_low", "2025-01-01", 0.1, 1000, 100, 1800),
    };
    const AuditRun r = run_audit_on(c, "2026-06-30", "idle-halted");

    SECTION("halted exactly one year with developed share 0.2 < 1/3: idle fee") {
        const auto f = r.flag("halt_365_dev_low", FlagCode::IdleFee);
        // Halted (not "not started"), on the developed share alone.
        CHECK(f.cause == audit::cause_value(audit::IdleCause::HaltedDeveloped));
        CHECK(f.days == 365);
        CHECK(r.reason_zh(f) == "已动工但 2025-06-30 起停工 365 天（满 1 年），开发面积占比 20% < 1/3");
        CHECK(r.reason_en(f) == "started but halted 365 days since 2025-06-30 (≥ 1 year); developed share 20% below 1/3");
    }
    SECTION("halted 364 days: not idle") { CHECK(r.flags("halt_364_dev_low").empty()); }
    SECTION("developed exactly one third is not under one third (不足三分之一)") {
        CHECK_FALSE(r.has("dev_exactly_third", FlagCode::IdleFee));
        CHECK_FALSE(r.has("dev_exactly_third", FlagCode::IdleTakeback));
    }
    SECTION("0.3333 as stored in the data is under one third") {
        CHECK(r.has("dev_just_under_third", FlagCode::IdleTakeback));
    }
    SECTION("investment exactly 25 % is not under 25 %") { CHECK(r.flags("inv_exactly_25").empty()); }
    SECTION("investment 24.99 % is") {
        const auto f = r.flag("inv_just_under_25", FlagCode::IdleFee);
        CHECK(f.value2 == Approx(0.2499));
        CHECK(f.cause == audit::cause_value(audit::IdleCause::HaltedInvested));
        CHECK(r.reason_en(f).find("investment 24.99% of the promise, below 25%") != std::string::npos);
    }
    SECTION("halted two years: taken back") {
        CHECK(r.flag("halt_two_years", FlagCode::IdleTakeback).reclaimable_m2 == Approx(10000));
    }
    SECTION("both shares low: the flag says so, and its reason names both") {
        const auto f = r.flag("both_low", FlagCode::IdleFee);
        CHECK(f.cause == audit::cause_value(audit::IdleCause::HaltedBoth));
        CHECK(r.reason_zh(f) ==
              "已动工但 2025-01-01 起停工 545 天（满 1 年），开发面积占比 10% < 1/3，已投资额占比 10% < 25%");
        CHECK(r.reason_en(f) == "started but halted 545 days since 2025-01-01 (≥ 1 year); developed share 10% below "
                                "1/3; investment 10% of the promise, below 25%");
    }
    SECTION("halted a year with no figures: suspected, not found idle") {
        CHECK(r.has("no_figures", FlagCode::IdleSuspect));
        CHECK_FALSE(r.has("no_figures", FlagCode::IdleTakeback));
    }
    SECTION("halted long but half developed and 60 % invested: not idle") { CHECK(r.flags("enough_done").empty()); }
}
