// The data-quality report: each rule records the parcels it could not be applied
// to and why; totals per rule and per field, checked against a hand-built city
// where every parcel lacks one thing, and the data_quality layer read back with OGR.
#include <catch2/catch.hpp>

#include <map>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "parkcap/report/audit_report.hpp"
#include "support/audit_run.hpp"

using namespace parkcap;
using namespace parkcap::test;
using audit::QualityField;
using audit::QualityRule;

namespace {

/// Built industrial land, 15 亩, complete on every figure unless the test removes one.
MiniParcel built(const std::string& id, double x) {
    MiniParcel p;
    p.id = id;
    p.industry = "C3411";
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
    return p;
}

MiniCity gappy_city() {
    MiniCity c;
    c.parcels.push_back(built("complete", 0));
    MiniParcel no_tax = built("no_tax", 200);
    no_tax.tax = kNoValue;
    MiniParcel no_status = built("no_status", 400);
    no_status.status = "";
    MiniParcel no_due = built("no_due", 600);
    no_due.status = "supplied";
    no_due.start_due = no_due.start_date = "";
    MiniParcel undated = built("undated", 800);
    undated.status = "approved";
    undated.appr_date = undated.supp_date = undated.start_due = undated.start_date = "";
    MiniParcel halted = built("halted", 1000);
    halted.status = "building";
    halted.halt_date = "2024-01-01";
    halted.dev_ratio = halted.inv_plan = halted.inv_done = kNoValue;
    MiniParcel no_industry = built("no_industry", 1200);
    no_industry.industry = "";
    MiniParcel public_land = built("public_land", 1400);  // no enterprise, no industry expected
    public_land.land_use = "public";
    public_land.industry = "";
    MiniParcel unknown_use = built("unknown_use", 1600);
    unknown_use.land_use = "";
    MiniParcel warehouse = built("warehouse", 1800);  // logistics: outside the default low-efficiency rules
    warehouse.land_use = "logistics";
    warehouse.industry = "G5920";
    MiniParcel garments = built("garments", 2000);  // 服装 (2002 division 18): no FAR minimum in the 2008 table
    garments.industry = "C1810";
    c.parcels.insert(c.parcels.end(),
                     {no_tax, no_status, no_due, undated, halted, no_industry, public_land, unknown_use, warehouse, garments});
    return c;
}

using Key = std::tuple<QualityRule, audit::GapCause, uint32_t>;
std::map<Key, uint64_t> by_rule(const audit::DataQuality& q) {
    std::map<Key, uint64_t> out;
    for (const auto& g : q.rules) out[{g.rule, g.cause, g.fields}] = g.parcels;
    return out;
}

const audit::FieldQuality& field(const audit::DataQuality& q, QualityField f) { return q.fields[static_cast<std::size_t>(f)]; }

}  // namespace

TEST_CASE("data quality: every rule that stops for want of a value says so, once per parcel", "[audit][data_quality]") {
    const AuditRun r = run_audit_on(gappy_city(), "2026-06-30", "data-quality");
    REQUIRE(rules::far_match(r.rules.low_efficiency, "C1810").minimum == nullptr);
    const audit::DataQuality& q = r.audit.quality;
    using audit::bit;
    using C = audit::GapCause;
    const std::map<Key, uint64_t> expected = {
        {{QualityRule::Any, C::MissingValue, bit(QualityField::Status)}, 1},
        {{QualityRule::Idle, C::MissingValue, bit(QualityField::StartDue)}, 1},
        {{QualityRule::Idle, C::MissingValue,
          bit(QualityField::DevRatio) | bit(QualityField::InvPlan) | bit(QualityField::InvDone)}, 1},
        {{QualityRule::ApprovedAge, C::MissingValue, bit(QualityField::ApprDate)}, 1},
        {{QualityRule::LowEfficiency, C::MissingValue, bit(QualityField::LandUse)}, 1},
        {{QualityRule::LowFar, C::MissingValue, bit(QualityField::Industry)}, 1},
        {{QualityRule::LowFar, C::NoRuleEntry, bit(QualityField::Industry)}, 1},
        {{QualityRule::LowTax, C::MissingValue, bit(QualityField::Tax)}, 1},
        {{QualityRule::Policy, C::MissingValue, bit(QualityField::Industry)}, 1},
        {{QualityRule::Mujun, C::MissingValue, bit(QualityField::Tax)}, 1},
        {{QualityRule::Mujun, C::MissingValue, bit(QualityField::LandUse)}, 1},
    };
    CHECK(by_rule(q) == expected);
    // complete, public_land and warehouse have no gap; each of the other eight has at least one.
    CHECK(q.parcels == 11);
    CHECK(q.parcels_with_gaps == 8);
    CHECK(q.area_with_gaps_m2 == Approx(8 * 10000.0));
    for (const auto& g : q.rules) CHECK(g.area_m2 == Approx(10000.0 * static_cast<double>(g.parcels)));

    // Per field: empty anywhere, and empty where a rule needed it.
    CHECK(field(q, QualityField::Tax).empty == 1);
    CHECK(field(q, QualityField::Tax).needed == 1);
    CHECK(field(q, QualityField::Tax).rules == ((1u << static_cast<unsigned>(QualityRule::LowTax)) |
                                                (1u << static_cast<unsigned>(QualityRule::Mujun))));
    CHECK(field(q, QualityField::Industry).empty == 2);   // no_industry and public_land
    CHECK(field(q, QualityField::Industry).needed == 1);  // only no_industry: public land holds no enterprise
    CHECK(field(q, QualityField::StartDue).empty == 2);   // no_due and undated
    CHECK(field(q, QualityField::StartDue).needed == 1);  // approved land has no agreed start yet
    CHECK(field(q, QualityField::HaltDate).empty == 10);
    CHECK(field(q, QualityField::HaltDate).needed == 0);
    CHECK(field(q, QualityField::InvPlan).needed == 1);

    const auto tax = std::find_if(q.rules.begin(), q.rules.end(), [](const auto& g) { return g.rule == QualityRule::LowTax; });
    REQUIRE(tax != q.rules.end());
    CHECK(audit::gap_effect_zh(*tax) == "tax为空或无法识别：不判定亩均税收");
    CHECK(audit::gap_effect_en(*tax) == "tax empty or unusable: tax per 亩 not judged");

    // `parkcap info` reports the same without running the audit.
    const audit::DataQuality early = audit::assess_data_quality(r.city, r.rules, Date::from_ymd(2026, 6, 30));
    CHECK(by_rule(early) == expected);
    CHECK(early.parcels_with_gaps == q.parcels_with_gaps);
    for (int k = 0; k < audit::kQualityFieldCount; ++k) {
        INFO(audit::field_name(static_cast<QualityField>(k)));
        CHECK(early.fields[static_cast<std::size_t>(k)].needed == q.fields[static_cast<std::size_t>(k)].needed);
        CHECK(early.fields[static_cast<std::size_t>(k)].empty == q.fields[static_cast<std::size_t>(k)].empty);
    }
}

TEST_CASE("data quality: the gaps do not depend on the thread count", "[audit][data_quality]") {
    MiniCity c = gappy_city();
    // Enough parcels for several chunks (audit.cpp splits at 2,048 per thread).
    for (int k = 0; k < 5000; ++k) {
        MiniParcel p = built("extra" + std::to_string(k), 2000 + 120.0 * (k % 60));
        p.y = 200 + 120.0 * (k / 60);
        p.side_m = 100;
        if (k % 7 == 0) p.tax = kNoValue;
        c.parcels.push_back(p);
    }
    const AuditRun one = run_audit_on(c, "2026-06-30", "data-quality-threads1", 1);
    const AuditRun four = run_audit_on(c, "2026-06-30", "data-quality-threads4", 4);
    REQUIRE(one.audit.gaps.size() == four.audit.gaps.size());
    for (std::size_t k = 0; k < one.audit.gaps.size(); ++k) {
        CHECK(one.audit.gaps[k].parcel == four.audit.gaps[k].parcel);
        CHECK(one.audit.gaps[k].rule == four.audit.gaps[k].rule);
    }
    CHECK(by_rule(one.audit.quality) == by_rule(four.audit.quality));
    CHECK(field(one.audit.quality, QualityField::Tax).needed == 1 + (5000 + 6) / 7);
}

TEST_CASE("data quality: the audit GeoPackage carries it as layer data_quality", "[audit][data_quality][report]") {
    const AuditRun r = run_audit_on(gappy_city(), "2026-06-30", "data-quality-layer");
    ScratchDir dir("data-quality-layer-out");
    const std::string path = dir / "audit.gpkg";
    report::write_audit_gpkg(path, r.city, r.audit, r.rules);

    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR));
    REQUIRE(ds);
    OGRLayer* layer = ds->GetLayerByName("data_quality");
    REQUIRE(layer);
    CHECK(layer->GetGeomType() == wkbNone);
    std::size_t fields = 0, rules = 0;
    bool saw_tax_field = false, saw_low_tax = false;
    for (auto& f : *layer) {
        const std::string kind = f->GetFieldAsString("kind");
        if (kind == "field") {
            ++fields;
            if (std::string(f->GetFieldAsString("field")) == "tax") {
                saw_tax_field = true;
                CHECK(f->GetFieldAsInteger64("empty") == 1);
                CHECK(f->GetFieldAsInteger64("parcels") == 1);
                CHECK(std::string(f->GetFieldAsString("rule")) == "LOW_TAX;MUJUN");
                CHECK(f->GetFieldAsDouble("share_pct") == Approx(100.0 / 11));
            }
        } else {
            CHECK(kind == "rule");
            ++rules;
            if (std::string(f->GetFieldAsString("rule")) == "LOW_TAX") {
                saw_low_tax = true;
                CHECK(std::string(f->GetFieldAsString("field")) == "tax");
                CHECK(std::string(f->GetFieldAsString("cause")) == "missing_value");
                CHECK(f->GetFieldAsInteger64("parcels") == 1);
                CHECK(f->GetFieldAsDouble("area_mu") == Approx(15.0).epsilon(1e-3));
                CHECK(std::string(f->GetFieldAsString("effect_zh")) == "低效用地：亩均税收：tax为空或无法识别：不判定亩均税收");
            }
        }
    }
    CHECK(fields == static_cast<std::size_t>(audit::kQualityFieldCount));
    CHECK(rules == r.audit.quality.rules.size());
    CHECK(saw_tax_field);
    CHECK(saw_low_tax);
}
