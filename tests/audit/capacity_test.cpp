// Park and district capacity checked against an independent computation: the
// same GeoPackage queried with GDAL's SQLite dialect and SpatiaLite functions.
#include <map>
#include <memory>

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "parkcap/core/units.hpp"
#include "support/audit_run.hpp"

using namespace parkcap;
using namespace parkcap::test;

namespace {

MiniCity capacity_city() {
    MiniCity c;
    MiniPark a;
    a.id = "A"; a.district = "321202"; a.level = "national";
    a.x0 = 0; a.y0 = 0; a.x1 = 1000; a.y1 = 1000;
    MiniPark b;
    b.id = "B"; b.district = "321203"; b.level = "municipal";
    b.x0 = 2000; b.y0 = 0; b.x1 = 3000; b.y1 = 1000;
    c.parks = {a, b};
    const char* statuses[] = {"planned", "approved", "supplied", "building", "built", "reserve"};
    int n = 0;
    // A grid of parcels of varied sizes straddling both parks and the gap between.
    for (int row = 0; row < 4; ++row)
        for (int col = 0; col < 12; ++col) {
            MiniParcel p;
            p.id = "P" + std::to_string(n);
            p.status = statuses[n % 6];
            p.district = col < 6 ? "321202" : "321203";
            p.x = col * 250.0 + 10;
            p.y = row * 250.0 + 10;
            p.side_m = 80 + (n % 5) * 30;
            p.appr_date = "2019-03-01";
            p.supp_date = "2020-03-01";
            p.start_due = (n % 4 == 0) ? "2023-05-01" : "2026-03-01";  // some idle ≥ 2 years
            if (std::string(p.status) == "built") {
                p.industry = "C3411";
                p.far = 0.5 + 0.1 * (n % 7);
                p.tax = 10 + n;
            }
            c.parcels.push_back(p);
            ++n;
        }
    return c;
}

struct Sums {
    std::map<std::string, double> area;  // key: park or district + "/" + status
    std::map<std::string, double> ready;
};

Sums sql_sums(const std::string& gpkg, const char* group_sql) {
    GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR));
    REQUIRE(ds);
    Sums s;
    OGRLayer* rs = ds->ExecuteSQL(group_sql, nullptr, "SQLite");
    REQUIRE(rs);
    for (auto& f : *rs) {
        const std::string key = std::string(f->GetFieldAsString(0)) + "/" + f->GetFieldAsString(1);
        s.area[key] = f->GetFieldAsDouble(2);
        s.ready[f->GetFieldAsString(0)] += f->GetFieldAsDouble(3);
    }
    ds->ReleaseResultSet(rs);
    return s;
}

}  // namespace

TEST_CASE("park and district capacity agree with SpatiaLite on the same file", "[audit][capacity]") {
    const MiniCity mini = capacity_city();
    ScratchDir dir("capacity-sql");
    const std::string path = dir / "city.gpkg";
    mini.write_gpkg(path);
    io::LoadOptions options;
    options.data = path;
    const City city = io::load_city(options);
    const rules::Rules rules = rules::default_rules();
    const audit::Audit a = audit::run_audit(city, rules, {Date::from_ymd(2026, 6, 30), 2});

    // Supply-ready: approved + reserve + land idle two years or more (start due before 2024-06-30).
    const char* ready = "(CASE WHEN c.status IN ('approved','reserve') OR (c.status = 'supplied' AND c.start_due <= "
                        "'2024-06-30') THEN ST_Area(c.geom) ELSE 0 END)";
    const Sums by_park = sql_sums(
        path, (std::string("SELECT p.park_id, c.status, SUM(ST_Area(c.geom)), SUM(") + ready +
               ") FROM parcels c JOIN parks p ON ST_Intersects(p.geom, ST_Centroid(c.geom)) GROUP BY p.park_id, c.status")
                  .c_str());
    const Sums by_district = sql_sums(
        path, (std::string("SELECT c.district, c.status, SUM(ST_Area(c.geom)), SUM(") + ready +
               ") FROM parcels c GROUP BY c.district, c.status")
                  .c_str());

    REQUIRE(city.parks.size() == 2);
    for (std::size_t p = 0; p < city.parks.size(); ++p) {
        const std::string id = city.parks[p].park_id;
        double total = 0;
        for (int s = 0; s < 6; ++s) {
            const auto status = static_cast<Status>(s);
            const auto it = by_park.area.find(id + "/" + to_string(status));
            const double expected = it == by_park.area.end() ? 0 : it->second;
            INFO("park " << id << " status " << to_string(status));
            CHECK(a.parks[p].area_by_status_m2[s] == Approx(expected).margin(1e-6));
            total += expected;
        }
        CHECK(a.parks[p].parcel_area_m2 == Approx(total));
        CHECK(a.parks[p].supply_ready_m2 == Approx(by_park.ready.at(id)));
    }
    for (std::size_t d = 0; d < city.districts.size(); ++d) {
        const std::string code = city.districts[d].code;
        double total = 0;
        for (int s = 0; s < 6; ++s) {
            const auto it = by_district.area.find(code + "/" + to_string(static_cast<Status>(s)));
            total += it == by_district.area.end() ? 0 : it->second;
        }
        INFO("district " << code);
        CHECK(a.districts[d].capacity.parcel_area_m2 == Approx(total));
        CHECK(a.districts[d].capacity.supply_ready_m2 == Approx(by_district.ready.at(code)));
    }
    // The city's total is every parcel; parks hold only part of it.
    double all = 0;
    for (std::size_t i = 0; i < city.parcels.size(); ++i) all += city.parcels.area_m2[i];
    CHECK(a.city.parcel_area_m2 == Approx(all));
    CHECK(a.parks[0].parcel_area_m2 + a.parks[1].parcel_area_m2 < all);
    // Reclaimable land never exceeds the flagged land.
    CHECK(a.city.reclaimable_m2 <= a.city.parcel_area_m2);
}

TEST_CASE("the audit gives the same flags single-threaded and on several threads", "[audit][threads]") {
    MiniCity c = capacity_city();
    // Enough parcels that the work is split into several chunks.
    for (int k = 0; k < 6000; ++k) {
        MiniParcel p;
        p.id = "X" + std::to_string(k);
        p.status = (k % 3 == 0) ? "supplied" : "approved";
        p.start_due = "2025-01-01";
        p.appr_date = (k % 2) ? "2020-01-01" : "2025-01-01";
        p.x = 5000 + (k % 80) * 60.0;
        p.y = (k / 80) * 60.0;
        p.side_m = 50;
        c.parcels.push_back(p);
    }
    const AuditRun one = run_audit_on(c, "2026-06-30", "threads-1", 1);
    const AuditRun two = run_audit_on(c, "2026-06-30", "threads-2", 4);
    REQUIRE(one.audit.flags.size() == two.audit.flags.size());
    for (std::size_t i = 0; i < one.audit.flags.size(); ++i) {
        CHECK(one.audit.flags[i].parcel == two.audit.flags[i].parcel);
        CHECK(one.audit.flags[i].code == two.audit.flags[i].code);
        CHECK(one.audit.flags[i].days == two.audit.flags[i].days);
    }
    CHECK(one.audit.parcels.first_flag == two.audit.parcels.first_flag);
    CHECK(one.audit.city.idle_m2 == two.audit.city.idle_m2);
}
