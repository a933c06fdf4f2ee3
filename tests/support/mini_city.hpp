#pragma once
// A tiny city described in code and written as a real GeoPackage (EPSG:4528,
// CGCS2000 3-degree GK zone 40) for rule-by-rule tests: square parcels placed
// where the test says, parks as rectangles, shoreline as polylines.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace parkcap::test {

inline constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();
/// Origin of the mini city in EPSG:4528 (about 120°E, 32.5°N).
inline constexpr double kOriginX = 40500000, kOriginY = 3600000;

struct MiniParcel {
    std::string id;
    std::string status = "built";
    std::string land_use = "industrial";
    std::string district = "321202";
    std::string appr_date, supp_date, start_due, start_date, halt_date;  ///< ISO or "" (null)
    double dev_ratio = kNoValue, inv_plan = kNoValue, inv_done = kNoValue, far = kNoValue, coverage = kNoValue,
           tax = kNoValue, output = kNoValue;
    std::string industry;
    std::string enterprise = "测试企业有限公司";
    double x = 0, y = 0;    ///< lower-left corner, metres from the origin
    double side_m = 100;    ///< square side: 100 m = 10,000 m² = 15 亩
    /// An outline of any shape instead of the square (metres from the origin,
    /// counter-clockwise, not closed); x, y and side_m are then ignored.
    std::vector<std::pair<double, double>> outline;
};

struct MiniPark {
    std::string id, name = "测试园区", level = "provincial", district = "321202", themes;
    int chem_park = 0;
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  ///< rectangle, metres from the origin
};

struct MiniShore {
    std::string id, zone = "develop";
    int port = 1;
    std::vector<std::pair<double, double>> points;  ///< metres from the origin
};

struct MiniProject {
    std::string id, name = "测试项目", industry = "C3411", origin = "321202";
    double area_mu = 50, investment = 50 * 400, tax_expect = 50 * 30, tech = 50;
    int eia_ok = 1, needs_shore = 0, major = 0;
    /// 标准地 commitments (docs/data.md); kNoValue writes an empty cell. The columns
    /// are written only when some project of the city gives a value.
    double far_commit = kNoValue, output_exp = kNoValue, energy_va = kNoValue, emiss_va = kNoValue;
};

struct MiniCity {
    std::vector<MiniPark> parks;
    std::vector<MiniShore> shoreline;
    std::vector<MiniParcel> parcels;
    std::vector<MiniProject> projects;
    std::vector<std::pair<std::string, double>> quota;  ///< district, 亩
    /// district, 亩 earned by disposal before this plan (the quota table's earned_mu); others 0
    std::vector<std::pair<std::string, double>> earned_before;

    /// Writes parks, shoreline and parcels layers into one GeoPackage at `path`,
    /// and projects.csv and quota.csv beside it when there are any.
    void write_gpkg(const std::string& path) const;
};

}  // namespace parkcap::test
