#pragma once
// The small city the viewer tests draw: one park with an idle parcel, stock and
// planned sites, a built area in a second district that attracts an enclave
// project, and a port shoreline. Coordinates are metres from the MiniCity origin
// (EPSG:4528), so a test can compute where each thing lands on screen.
#include <string>

#include "support/mini_city.hpp"

namespace parkcap::test::viewer_city {

/// The idle parcel (supplied 2022, due to start 2023-01-01, never started: idle
/// more than two years on 2026-06-30). A 200 m square.
inline constexpr double kIdleX0 = 100, kIdleY0 = 600, kIdleSide = 200;
inline constexpr const char* kAsOf = "2026-06-30";
/// The project the scripted session moves, and the planned site it moves to.
inline constexpr const char* kMovedProject = "PJ-002";
inline constexpr const char* kPlannedParcel = "PL1";

inline MiniParcel parcel(const std::string& id, const std::string& status, double x, double y, double side,
                         const std::string& district = "321202") {
    MiniParcel p;
    p.id = id;
    p.status = status;
    p.x = x;
    p.y = y;
    p.side_m = side;
    p.district = district;
    if (status == "approved") p.appr_date = "2025-01-01";
    return p;
}

inline MiniCity make() {
    MiniCity c;
    MiniPark p1;
    p1.id = "P1";
    p1.name = "江海高新技术产业园";
    p1.themes = "C34,C27";
    p1.x0 = -50;
    p1.y0 = -50;
    p1.x1 = 1250;
    p1.y1 = 1050;
    c.parks.push_back(p1);

    // The idle parcel: supplied, due to start in 2023, never started.
    MiniParcel idle = parcel("IDLE1", "supplied", kIdleX0, kIdleY0, kIdleSide);
    idle.supp_date = "2022-06-01";
    idle.start_due = "2023-01-01";
    idle.inv_plan = 30000;
    idle.industry = "C3411";
    c.parcels.push_back(idle);
    // Built industry with figures (亩均 classes), around the park.
    int k = 0;
    for (double x : {400.0, 520.0, 640.0, 760.0, 880.0, 1000.0})
        for (double y : {800.0, 920.0}) {
            MiniParcel b = parcel("B" + std::to_string(++k), "built", x, y, 110);
            b.supp_date = "2015-01-01";
            b.start_date = "2015-06-01";
            b.far = 0.8 + 0.1 * k;
            b.coverage = 0.45;
            b.tax = 20 + 15 * k;
            b.output = 400 + 100 * k;
            b.inv_done = 4000 + 500 * k;
            b.industry = "C3411";
            c.parcels.push_back(b);
        }
    // Stock land: two approved-unsupplied parcels far enough apart to be two sites (60 亩 each).
    const double side60 = 200;  // 200 m square = 40,000 m² = 60 亩
    c.parcels.push_back(parcel("AP1", "approved", 100, 100, side60));
    c.parcels.push_back(parcel("AP2", "approved", 500, 100, side60));
    // Planned land (new quota).
    c.parcels.push_back(parcel(kPlannedParcel, "planned", 900, 100, side60));

    // The second district: built land only, east of the park; its projects are enclaves in P1.
    k = 0;
    for (double x : {3000.0, 3150.0, 3300.0})
        for (double y : {300.0, 450.0}) {
            MiniParcel b = parcel("E" + std::to_string(++k), "built", x, y, 120, "321203");
            b.land_use = "commercial";
            b.supp_date = "2010-01-01";
            b.start_date = "2010-06-01";
            c.parcels.push_back(b);
        }

    MiniShore port;
    port.id = "SH1";
    port.zone = "develop";
    port.port = 1;
    port.points = {{-300, -200}, {600, -180}, {1500, -220}};
    MiniShore protect;
    protect.id = "SH2";
    protect.zone = "protect";
    protect.port = 0;
    protect.points = {{1500, -220}, {2500, -150}, {3600, -100}};
    c.shoreline = {port, protect};

    MiniProject enclave;
    enclave.id = "PJ-001";
    enclave.name = "生物医药飞地项目";
    enclave.industry = "C2710";
    enclave.origin = "321203";
    enclave.area_mu = 40;
    enclave.investment = 40 * 600;
    enclave.tax_expect = 40 * 40;
    MiniProject local;
    local.id = kMovedProject;
    local.name = "汽车零部件项目";
    local.industry = "C3411";
    local.origin = "321202";
    local.area_mu = 50;
    local.investment = 50 * 450;
    local.tax_expect = 50 * 35;
    c.projects = {enclave, local};
    c.quota = {{"321202", 200}, {"321203", 100}};
    return c;
}

}  // namespace parkcap::test::viewer_city
