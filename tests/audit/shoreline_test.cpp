// Port shoreline as the bureau reads it (issue 18): developed where built land
// fronts it, measured from the park boundary; by function zone; per park.
// Every figure below is worked by hand from the coordinates in the test.
#include <string>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <nlohmann/json.hpp>

#include "parkcap/core/units.hpp"
#include "support/audit_run.hpp"
#include "support/parkcap_run.hpp"

using namespace parkcap;
using namespace parkcap::test;

namespace {

MiniParcel parcel(const std::string& id, const std::string& status, double x, double y, double side,
                  const std::string& industry = "C3411") {
    MiniParcel p;
    p.id = id;
    p.status = status;
    p.x = x;
    p.y = y;
    p.side_m = side;
    p.appr_date = "2018-03-01";
    p.supp_date = "2019-03-01";
    p.start_due = "2020-03-01";
    p.start_date = "2020-02-01";
    if (status == "built" || status == "building") p.industry = industry;
    if (status == "built") p.far = 1.5, p.coverage = 0.5, p.tax = 30 * p.side_m * p.side_m / 666.667, p.inv_done = 500;
    return p;
}

MiniPark park(const std::string& id, double x0, double y0, double x1, double y1) {
    MiniPark p;
    p.id = id;
    p.x0 = x0; p.y0 = y0; p.x1 = x1; p.y1 = y1;
    return p;
}

/// A straight river along y = 0, x 0..6000 (develop zone, port-suitable), with
/// riverside parks set back behind the embankment:
///  - A: x 500..1500, 240 m back; built parcels 310–600 m from the water at
///    x 600–700, 800–900 and 1200–1400;
///  - B: x 2000..3000, 250 m back; a building parcel at x 2100–2200 (310 m
///    back), a built one at 2800–2900 (480 m back), a planned one between;
///  - C: x 4000..5000, 600 m back: beyond the 500 m reach, never a frontage;
///  - a port-use parcel (G5532) outside every park at x 5500–5600, 100 m back.
/// Under the old rule (a built parcel within 300 m) none of it was developed.
MiniCity set_back_river() {
    MiniCity c;
    c.parks = {park("A", 500, 240, 1500, 1240), park("B", 2000, 250, 3000, 1250), park("C", 4000, 600, 5000, 1600)};
    MiniShore river;
    river.id = "R1";
    river.zone = "develop";
    river.points = {{0, 0}, {3000, 0}, {6000, 0}};
    c.shoreline = {river};
    c.parcels = {parcel("a1", "built", 600, 310, 100),    parcel("a2", "built", 800, 350, 100),
                 parcel("a3", "built", 1200, 400, 200),   parcel("a4", "planned", 1000, 800, 100),
                 parcel("b1", "building", 2100, 310, 100), parcel("b2", "planned", 2400, 300, 200),
                 parcel("b3", "built", 2800, 480, 100),   parcel("c1", "built", 4200, 700, 100),
                 parcel("port", "built", 5500, 100, 100, "G5532")};
    return c;
}

const audit::Frontage* frontage_of(const AuditRun& r, std::size_t segment, const std::string& park_id) {
    for (const auto& f : r.audit.shoreline[segment].frontages) {
        const std::string id = f.park == audit::kNoPark ? "" : r.city.parks[f.park].park_id;
        if (id == park_id) return &f;
    }
    return nullptr;
}

std::vector<std::string> ids(const AuditRun& r, const audit::Frontage& f) {
    std::vector<std::string> out;
    for (uint32_t i : f.parcels) out.emplace_back(r.city.parcels.parcel_id[i]);
    return out;
}

}  // namespace

TEST_CASE("shoreline: parks set back behind the embankment front developed shoreline", "[audit][shoreline]") {
    const MiniCity mini = set_back_river();
    AuditRun r = run_audit_on(mini, "2026-06-30", "shore-setback");
    REQUIRE(r.city.shoreline.size() == 1);
    const audit::ShoreUse& use = r.audit.shoreline[0];
    CHECK(use.length_m == Approx(6000));

    SECTION("park method (default): each park's built land as one stretch") {
        // A: 600..1400 (800 m); B: building 2100 .. built 2900 (800 m, the planned
        // parcel between does not break it); the port-use parcel 5500..5600 (100 m).
        CHECK(use.developed_m == Approx(1700).margin(1e-6));
        CHECK(r.audit.shore_totals.port_developed_m == Approx(1700).margin(1e-6));
        CHECK(r.audit.shore_totals.port_undeveloped_m == Approx(4300).margin(1e-6));
        const audit::Frontage* a = frontage_of(r, 0, "A");
        REQUIRE(a);
        CHECK(a->length_m == Approx(800).margin(1e-6));
        CHECK(ids(r, *a) == std::vector<std::string>{"a1", "a2", "a3"});
        const audit::Frontage* b = frontage_of(r, 0, "B");
        REQUIRE(b);
        CHECK(b->length_m == Approx(800).margin(1e-6));
        CHECK(ids(r, *b) == std::vector<std::string>{"b1", "b3"});
        CHECK_FALSE(frontage_of(r, 0, "C"));  // 600 m back: beyond the reach
        const audit::Frontage* port = frontage_of(r, 0, "");
        REQUIRE(port);
        CHECK(port->length_m == Approx(100).margin(1e-6));
        CHECK(ids(r, *port) == std::vector<std::string>{"port"});
    }
    SECTION("parcel method: each parcel's own projection") {
        std::string text = rules::default_rules_text();
        const std::string from = "frontage_method = \"park\"";
        REQUIRE(text.find(from) != std::string::npos);
        text.replace(text.find(from), from.size(), "frontage_method = \"parcel\"");
        const rules::Rules rules = rules::parse_rules(text, "parcel-method.toml");
        const audit::Audit a = audit::run_audit(r.city, rules, {r.audit.as_of, 1});
        // A: 100 + 100 + 200; B: 100 + 100; the port-use parcel 100.
        CHECK(a.shoreline[0].developed_m == Approx(700).margin(1e-6));
    }
    SECTION("the reach is measured from the park boundary, not the parcel") {
        std::string text = rules::default_rules_text();
        const std::string from = "frontage_reach_m = 500";
        REQUIRE(text.find(from) != std::string::npos);
        // 245 m: A (240 m back) still fronts the river, B (250 m back) no longer does.
        text.replace(text.find(from), from.size(), "frontage_reach_m = 245");
        const audit::Audit a = audit::run_audit(r.city, rules::parse_rules(text, "reach.toml"), {r.audit.as_of, 1});
        // A 800 m; the port-use parcel, 100 m from the water, 100 m.
        CHECK(a.shoreline[0].developed_m == Approx(900).margin(1e-6));
    }
}

namespace {

/// A river along y = 0, x 0..6000, in three zones, a park set back behind each:
///  - Z1 develop, port, x 0..2000: park D (240 m back), built x 300–400 and
///    1000–1100: fronted 300..1100 (800 m);
///  - Z2 reserve, port, x 2000..4000: park R (245 m back), built x 2600–2700 and
///    3300–3400: fronted 2600..3400 (800 m), but undeveloped by the plan's zone;
///  - Z3 protect, not port, x 4000..6000: park Q (250 m back) with a port-use
///    parcel (G5532) at x 4600–4700 and an ordinary built one at 5200–5300, and a
///    port-use parcel outside parks at 5800–5900, 50 m from the water: 200 m of
///    the protect zone fronted by port use, a conflict.
MiniCity zoned_river() {
    MiniCity c;
    c.parks = {park("D", 200, 240, 1200, 1240), park("R", 2500, 245, 3500, 1245), park("Q", 4500, 250, 5500, 1250)};
    MiniShore z1, z2, z3;
    z1.id = "Z1"; z1.zone = "develop"; z1.points = {{0, 0}, {2000, 0}};
    z2.id = "Z2"; z2.zone = "reserve"; z2.points = {{2000, 0}, {4000, 0}};
    z3.id = "Z3"; z3.zone = "protect"; z3.port = 0; z3.points = {{4000, 0}, {6000, 0}};
    c.shoreline = {z1, z2, z3};
    c.parcels = {parcel("d1", "built", 300, 320, 100),  parcel("d2", "built", 1000, 450, 100),
                 parcel("r1", "built", 2600, 320, 100), parcel("r2", "building", 3300, 400, 100),
                 parcel("q1", "built", 4600, 300, 100, "G5532"), parcel("q2", "built", 5200, 300, 100),
                 parcel("qout", "built", 5800, 50, 100, "G5531"),
                 // Land behind D's shoreline: reserve stock at x 600–700 (behind the
                 // fronted stretch), reserve stock at 205–285 and planned land at
                 // 1120–1180 (behind its undeveloped ends).
                 parcel("d3", "reserve", 600, 700, 100), parcel("d4", "reserve", 205, 500, 80),
                 parcel("d5", "planned", 1120, 900, 60)};
    return c;
}

}  // namespace

TEST_CASE("shoreline: the plan's zones and the frontage, both reported", "[audit][shoreline]") {
    const MiniCity mini = zoned_river();
    const AuditRun r = run_audit_on(mini, "2026-06-30", "shore-zones");
    REQUIRE(r.city.shoreline.size() == 3);
    const auto& s = r.audit.shore_totals;
    const auto z = [](ShoreZone zone) { return static_cast<int>(zone); };
    CHECK(s.port_m == Approx(4000));
    // By frontage, whatever the zone: D's 800 m and R's 800 m.
    CHECK(s.port_developed_m == Approx(1600).margin(1e-6));
    CHECK(s.port_undeveloped_m == Approx(2400).margin(1e-6));
    CHECK(s.port_fronted_by_zone_m[z(ShoreZone::Develop)] == Approx(800).margin(1e-6));
    CHECK(s.port_fronted_by_zone_m[z(ShoreZone::Reserve)] == Approx(800).margin(1e-6));
    CHECK(s.port_by_zone_m[z(ShoreZone::Reserve)] == Approx(2000));
    // By zone: the reserve zone is undeveloped whatever lies behind it.
    CHECK(r.audit.shoreline[1].developed_m == Approx(800).margin(1e-6));
    CHECK(r.audit.shoreline[1].zone_developed_m == 0);
    CHECK(s.zone_developed_m == Approx(800).margin(1e-6));
    CHECK(s.zone_undeveloped_m == Approx(1200 + 2000).margin(1e-6));
    // The protect zone: port use there is a conflict (q1 in park Q, qout outside
    // parks; q2 is no port use).
    CHECK(r.audit.shoreline[2].conflict_m == Approx(200).margin(1e-6));
    CHECK(s.conflict_m == Approx(200).margin(1e-6));
    REQUIRE(r.audit.shoreline[2].frontages.size() == 2);
    CHECK(ids(r, r.audit.shoreline[2].frontages[0]) == std::vector<std::string>{"q1"});
    CHECK(ids(r, r.audit.shoreline[2].frontages[1]) == std::vector<std::string>{"qout"});

    SECTION("per park: port shoreline in reach, its developed part, the land behind the rest") {
        const audit::ParkShore& d = r.audit.park_shore[0];
        // D's 2 km reach takes Z1 and Z2 up to x = 1200 + √(2000² − 240²) ≈ 3185.5:
        // fronted 300..1100 (800 m) and R's 2600..3185.5 (in the reserve zone).
        CHECK(d.port_developed_m == Approx(800 + 585.5).margin(3));
        CHECK(d.port_zone_developed_m == Approx(800).margin(1e-6));
        CHECK(d.stock_behind == 1);
        CHECK(d.stock_behind_m2 == Approx(80 * 80));
        CHECK(d.planned_behind == 1);
        CHECK(d.planned_behind_m2 == Approx(60 * 60));
    }
    SECTION("the summary names both readings, text and --json") {
        ScratchDir dir("shore-zones-cli");
        mini.write_gpkg(dir / "city.gpkg");
        const auto text = run_parkcap("audit " + (dir / "city.gpkg") + " --as-of 2026-06-30 -q --out " + (dir / "a.gpkg"));
        REQUIRE(text.exit_code == 0);
        CHECK(text.out.find("undeveloped port shoreline, by zone: 3.2 km (developed 0.8 km;") != std::string::npos);
        CHECK(text.out.find("undeveloped port shoreline, by frontage: 2.4 km (developed 1.6 km:") != std::string::npos);
        CHECK(text.out.find("Policy conflicts: 0.2 km of protect-zone (保护区) shoreline fronted by port use") !=
              std::string::npos);
        CHECK(text.out.find("Z3 200.0 m, port use of q1, qout") != std::string::npos);
        const auto json = run_parkcap("audit " + (dir / "city.gpkg") + " --as-of 2026-06-30 -q --json --overwrite --out " +
                                      (dir / "a.gpkg"));
        REQUIRE(json.exit_code == 0);
        const auto j = nlohmann::json::parse(json.out)["shoreline_km"];
        CHECK(j["port_reading"] == "by_zone");
        CHECK(j["port_undeveloped"].get<double>() == Approx(3.2));
        CHECK(j["by_zone"]["undeveloped"].get<double>() == Approx(3.2));
        CHECK(j["by_frontage"]["undeveloped"].get<double>() == Approx(2.4));
        CHECK(j["by_frontage"]["developed"].get<double>() == Approx(1.6));
        CHECK(j["port_by_zone"]["reserve"]["fronted"].get<double>() == Approx(0.8));
        CHECK(j["conflict_protect"].get<double>() == Approx(0.2));
        const auto conflicts = nlohmann::json::parse(json.out)["shoreline_conflicts"];
        REQUIRE(conflicts.size() == 1);
        CHECK(conflicts[0]["shore_id"] == "Z3");
        CHECK(conflicts[0]["parcels"] == nlohmann::json::array({"q1", "qout"}));
    }
}

namespace {

/// A river along y = 0, x 0..4000 (port-suitable, develop zone). Park N (x 0..2000,
/// y 100..3000) and park F (x 2500..4000, y 1500..3000). Each parcel's distance
/// to the port shoreline is its bottom edge's y; the rule distance is
/// policy.chem_shore_distance_m = 1000 m, the distance itself within:
///  - n_at: y 1000 (exactly 1000 m), 100 m square = 15 亩: in;
///  - n_in: y 999.5, planned (any status counts), 100 m square = 15 亩: in;
///  - n_out: y 1000.5, 100 m square: out;
///  - n_near: y 200, 200 m square = 60 亩: in;
///  - loose: outside every park, y 300: in reach but no park's;
///  - f1: in F, y 1600: out of the port line's 1 km;
///  - f_bank: in F, 100 m square at y 2900..3000, 950 m below a protect-zone
///    (not port) bank at y 3950: near the river, though 2900 m from port.
/// So N: 3 parcels, 15 + 15 + 60 = 90 亩; F: 1 parcel, 15 亩.
MiniCity near_shore_city() {
    MiniCity c;
    c.parks = {park("N", 0, 100, 2000, 3000), park("F", 2500, 1500, 4000, 3000)};
    MiniShore river;
    river.id = "R1";
    river.points = {{0, 0}, {4000, 0}};
    MiniShore bank;
    bank.id = "R2";
    bank.zone = "protect";
    bank.port = 0;
    bank.points = {{2500, 3950}, {4000, 3950}};
    c.shoreline = {river, bank};
    c.parcels = {parcel("n_at", "built", 100, 1000, 100),    parcel("n_in", "planned", 400, 999.5, 100),
                 parcel("n_out", "built", 700, 1000.5, 100), parcel("n_near", "built", 1000, 200, 200),
                 parcel("loose", "built", 2200, 300, 100),   parcel("f1", "built", 3000, 1600, 100),
                 parcel("f_bank", "built", 3500, 2900, 100)};
    return c;
}

double field_of(OGRLayer* l, const char* park_id, const char* field) {
    l->SetAttributeFilter(fmt::format("park_id = '{}'", park_id).c_str());
    l->ResetReading();
    OGRFeatureUniquePtr f(l->GetNextFeature());
    REQUIRE(f);
    const int k = f->GetFieldIndex(field);
    REQUIRE(k >= 0);
    return f->GetFieldAsDouble(k);
}

}  // namespace

TEST_CASE("shoreline: parcels within 1 km of the river, per park, at the boundary", "[audit][shoreline]") {
    const MiniCity mini = near_shore_city();
    const AuditRun r = run_audit_on(mini, "2026-06-30", "near-shore");
    REQUIRE(r.city.parks.size() == 2);
    REQUIRE(r.rules.policy.chem_shore_distance_m == 1000);
    const audit::ParkShore& n = r.audit.park_shore[0];
    const audit::ParkShore& f = r.audit.park_shore[1];
    CHECK(n.near_shore == 3);
    CHECK(n.near_shore_m2 == Approx(100 * 100 + 100 * 100 + 200 * 200));
    CHECK(f.near_shore == 1);
    CHECK(f.near_shore_m2 == Approx(100 * 100));

    ScratchDir dir("near-shore-cli");
    mini.write_gpkg(dir / "city.gpkg");
    const auto text = run_parkcap("audit " + (dir / "city.gpkg") + " --as-of 2026-06-30 -q --out " + (dir / "a.gpkg"));
    REQUIRE(text.exit_code == 0);
    CHECK(text.out.find("Parcels within 1,000 m of the shoreline, any zone (policy.chem_shore_distance_m") != std::string::npos);
    {
        GDALDatasetUniquePtr ds(GDALDataset::Open((dir / "a.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
        REQUIRE(ds);
        OGRLayer* parks = ds->GetLayerByName("park_capacity");
        REQUIRE(parks);
        CHECK(field_of(parks, "N", "near_shore_n") == 3);
        CHECK(field_of(parks, "N", "near_shore_mu") == Approx(90).margin(0.005));
        CHECK(field_of(parks, "F", "near_shore_n") == 1);
        CHECK(field_of(parks, "F", "near_shore_mu") == Approx(15).margin(0.005));
        OGRLayer* parcels = ds->GetLayerByName("parcel_flags");
        REQUIRE(parcels);
        for (const auto& [id, near] : {std::pair{"n_at", 1}, {"n_out", 0}, {"loose", 1}, {"f1", 0}, {"f_bank", 1}}) {
            parcels->SetAttributeFilter(fmt::format("parcel_id = '{}'", id).c_str());
            parcels->ResetReading();
            OGRFeatureUniquePtr p(parcels->GetNextFeature());
            REQUIRE(p);
            CHECK(p->GetFieldAsInteger("near_river") == near);
        }
    }
    const auto json = run_parkcap("audit " + (dir / "city.gpkg") + " --as-of 2026-06-30 -q --json --overwrite --out " +
                                  (dir / "a.gpkg"));
    REQUIRE(json.exit_code == 0);
    const auto j = nlohmann::json::parse(json.out);
    CHECK(j["near_shore_distance_m"].get<double>() == 1000);
    CHECK(j["parks"][0]["park_id"] == "N");
    CHECK(j["parks"][0]["near_shore_parcels"] == 3);
    CHECK(j["parks"][0]["near_shore_mu"].get<double>() == Approx(90));
    CHECK(j["parks"][1]["near_shore_parcels"] == 1);
    CHECK(j["parks"][1]["near_shore_mu"].get<double>() == Approx(15));
}
