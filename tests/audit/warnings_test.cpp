// Early warnings (预警): each deadline of the next period at its boundary dates,
// in date order, and the early_warnings layer read back with OGR.
#include <catch2/catch.hpp>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "parkcap/report/audit_report.hpp"
#include "support/audit_run.hpp"

using namespace parkcap;
using namespace parkcap::test;
using audit::WarningKind;

namespace {

MiniParcel supplied(const std::string& id, const std::string& start_due, double x) {
    MiniParcel p;
    p.id = id;
    p.status = "supplied";
    p.appr_date = "2020-01-01";
    p.supp_date = "2021-01-01";
    p.start_due = start_due;
    p.x = x;
    return p;
}

MiniParcel halted(const std::string& id, double dev_ratio, double x) {
    MiniParcel p;
    p.id = id;
    p.status = "building";
    p.appr_date = "2020-01-01";
    p.supp_date = "2021-01-01";
    p.start_due = "2021-06-01";
    p.start_date = "2021-06-01";
    p.halt_date = "2025-07-15";
    p.dev_ratio = dev_ratio;
    p.inv_plan = 1000;
    p.inv_done = dev_ratio * 1000;
    p.x = x;
    return p;
}

MiniParcel approved(const std::string& id, const std::string& appr_date, double x) {
    MiniParcel p;
    p.id = id;
    p.status = "approved";
    p.appr_date = appr_date;
    p.x = x;
    return p;
}

MiniCity deadlines_city() {
    MiniCity c;
    c.parcels = {
        supplied("start_soon", "2026-08-01", 0),        // START_DUE in 32 days
        supplied("start_today", "2026-06-30", 200),     // due on the audit date: already passed, not a warning
        supplied("idle_soon", "2025-08-01", 400),       // BECOMES_IDLE 2026-08-01
        supplied("takeback_edge", "2024-09-30", 600),   // BECOMES_TAKEBACK 2026-09-30: day 92, within
        supplied("takeback_late", "2024-10-01", 800),   // 2026-10-01: day 93, beyond the horizon
        halted("halted_low", 0.1, 1000),                // BECOMES_IDLE 2026-07-15
        halted("halted_fine", 0.9, 1200),               // developed and invested enough: never idle
        approved("lapse_soon", "2024-07-31", 1400),     // APPROVAL_LAPSES 2026-07-31
        approved("lapse_today", "2024-06-30", 1600),    // lapses on the audit date: not ahead
    };
    return c;
}

}  // namespace

TEST_CASE("early warnings: every deadline of the next 92 days, at its boundaries, by date", "[audit][warnings]") {
    const AuditRun r = run_audit_on(deadlines_city(), "2026-06-30", "warnings");
    REQUIRE(r.rules.warnings.horizon_days == 92);
    std::vector<std::tuple<std::string, WarningKind, std::string, int>> got;
    for (const auto& w : r.audit.warnings)
        got.emplace_back(std::string(r.city.parcels.parcel_id[w.parcel]), w.kind, w.due.iso(), w.days);
    const std::vector<std::tuple<std::string, WarningKind, std::string, int>> expected = {
        {"halted_low", WarningKind::BecomesIdle, "2026-07-15", 15},
        {"lapse_soon", WarningKind::ApprovalLapses, "2026-07-31", 31},
        {"start_soon", WarningKind::StartDue, "2026-08-01", 32},
        {"idle_soon", WarningKind::BecomesIdle, "2026-08-01", 32},
        {"takeback_edge", WarningKind::BecomesTakeback, "2026-09-30", 92},
    };
    CHECK(got == expected);
    // The warning of today is the flag of the next audit: idle_soon is 供而未用 now, idle then.
    CHECK(r.has("idle_soon", audit::FlagCode::SuppliedUnused));
    const auto& lapse = r.audit.warnings[1];
    CHECK(audit::warning_text_zh(lapse, r.city, r.rules) == "2024-07-31 批准，2026-07-31 满 2 年未供地（31 天后）：尽快供地，否则批准失效");
    CHECK(audit::warning_text_en(r.audit.warnings[0], r.city, r.rules) ==
          "becomes idle land on 2026-07-15 (in 15 days): the idle fee is due from then; push for work to start first");

    // A shorter horizon drops the later ones; the layer carries what the audit found.
    rules::Rules shorter = r.rules;
    shorter.warnings.horizon_days = 31;
    const AuditRun s = run_audit_on(deadlines_city(), "2026-06-30", "warnings-31", shorter);
    CHECK(s.audit.warnings.size() == 2);

    ScratchDir dir("warnings-layer");
    const std::string path = dir / "audit.gpkg";
    report::write_audit_gpkg(path, r.city, r.audit, r.rules);
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR));
    REQUIRE(ds);
    OGRLayer* layer = ds->GetLayerByName("early_warnings");
    REQUIRE(layer);
    CHECK(layer->GetFeatureCount() == 5);
    OGRFeatureUniquePtr first(layer->GetNextFeature());
    REQUIRE(first);
    CHECK(std::string(first->GetFieldAsString("parcel_id")) == "halted_low");
    CHECK(std::string(first->GetFieldAsString("kind")) == "BECOMES_IDLE");
    CHECK(std::string(first->GetFieldAsString("due")).rfind("2026/07/15", 0) == 0);
    CHECK(first->GetFieldAsInteger("days") == 15);
    CHECK(first->GetGeometryRef() != nullptr);
}
