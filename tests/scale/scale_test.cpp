// Scale work must not change results (docs/benchmarks.md). A generated 100,000-parcel city
// is audited single-threaded and multi-threaded, and every flag, per-parcel
// figure and total must be identical, bit for bit; its audit GeoPackage is
// written and its bulk-built spatial index checked by SQLite itself. The
// committed sample city's headline figures are pinned to what the engine gave
// before the scale optimisations, so a faster engine that computes something
// else fails here.
#include <map>
#include <sstream>
#include <catch2/catch.hpp>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <bit>
#include <cmath>
#include <string>

#include "parkcap/audit/audit.hpp"
#include "parkcap/core/units.hpp"
#include "parkcap/io/load.hpp"
#include "parkcap/report/audit_report.hpp"
#include "parkcap/rules/rules.hpp"
#include "support/fixtures.hpp"
#include "support/gdal_sql.hpp"
#include "test_config.hpp"

using namespace parkcap;
using audit::FlagCode;

namespace {

const Date kAsOf = Date::from_ymd(2026, 6, 30);

// Same value, or both NaN: results must match bit for bit, NaN included.
bool same(double a, double b) { return std::bit_cast<uint64_t>(a) == std::bit_cast<uint64_t>(b); }
bool same(float a, float b) { return std::bit_cast<uint32_t>(a) == std::bit_cast<uint32_t>(b); }

template <class T>
bool same_values(const std::vector<T>& a, const std::vector<T>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if constexpr (std::is_floating_point_v<T>) {
            if (!same(a[i], b[i])) return false;
        } else if (!(a[i] == b[i])) {
            return false;
        }
    return true;
}

bool same_capacity(const audit::Capacity& a, const audit::Capacity& b) {
    auto arrays_same = [](const auto& x, const auto& y) {
        for (std::size_t i = 0; i < x.size(); ++i)
            if (!same(static_cast<double>(x[i]), static_cast<double>(y[i]))) return false;
        return true;
    };
    return same(a.boundary_area_m2, b.boundary_area_m2) && same(a.parcel_area_m2, b.parcel_area_m2) &&
           arrays_same(a.area_by_status_m2, b.area_by_status_m2) && a.parcels == b.parcels &&
           same(a.supply_ready_m2, b.supply_ready_m2) && same(a.idle_m2, b.idle_m2) &&
           same(a.reclaimable_m2, b.reclaimable_m2) && same(a.planned_m2, b.planned_m2) &&
           same(a.low_efficiency_m2, b.low_efficiency_m2) && same(a.built_industrial_m2, b.built_industrial_m2) &&
           same(a.tax_wan, b.tax_wan) && same(a.output_wan, b.output_wan) && same(a.tax_area_m2, b.tax_area_m2) &&
           same(a.output_area_m2, b.output_area_m2) && a.flag_counts == b.flag_counts &&
           arrays_same(a.flag_area_m2, b.flag_area_m2) && arrays_same(a.approved_band_area_m2, b.approved_band_area_m2) &&
           a.becoming_idle_within_90_days == b.becoming_idle_within_90_days;
}

/// Every result of two audits of the same city, compared exactly.
void require_identical(const audit::Audit& a, const audit::Audit& b) {
    REQUIRE(a.flags.size() == b.flags.size());
    std::size_t differing_flags = 0;
    for (std::size_t k = 0; k < a.flags.size(); ++k) {
        const audit::Flag &x = a.flags[k], &y = b.flags[k];
        const bool eq = x.parcel == y.parcel && x.code == y.code && x.severity == y.severity && x.band == y.band &&
                        same(x.value, y.value) && same(x.threshold, y.threshold) && same(x.value2, y.value2) &&
                        x.days == y.days && x.since == y.since && same(x.reclaimable_m2, y.reclaimable_m2);
        differing_flags += !eq;
    }
    CHECK(differing_flags == 0);
    CHECK(same_values(a.parcels.first_flag, b.parcels.first_flag));
    CHECK(same_values(a.parcels.mujun_class, b.parcels.mujun_class));
    CHECK(same_values(a.parcels.mujun_score, b.parcels.mujun_score));
    CHECK(same_values(a.parcels.port_distance_m, b.parcels.port_distance_m));
    CHECK(same_values(a.parcels.reclaimable_m2, b.parcels.reclaimable_m2));
    REQUIRE(a.parks.size() == b.parks.size());
    for (std::size_t p = 0; p < a.parks.size(); ++p) CHECK(same_capacity(a.parks[p], b.parks[p]));
    CHECK(same_values(a.park_port_shore_m, b.park_port_shore_m));
    REQUIRE(a.districts.size() == b.districts.size());
    for (std::size_t d = 0; d < a.districts.size(); ++d) {
        CHECK(same_capacity(a.districts[d].capacity, b.districts[d].capacity));
        CHECK(same(a.districts[d].disposable_m2, b.districts[d].disposable_m2));
        CHECK(same(a.districts[d].quota_earned_mu, b.districts[d].quota_earned_mu));
    }
    REQUIRE(a.shoreline.size() == b.shoreline.size());
    for (std::size_t s = 0; s < a.shoreline.size(); ++s) {
        CHECK(same(a.shoreline[s].length_m, b.shoreline[s].length_m));
        CHECK(same(a.shoreline[s].developed_m, b.shoreline[s].developed_m));
        CHECK(a.shoreline[s].near_parks == b.shoreline[s].near_parks);
    }
    CHECK(same(a.shore_totals.port_m, b.shore_totals.port_m));
    CHECK(same(a.shore_totals.port_developed_m, b.shore_totals.port_developed_m));
    CHECK(same(a.shore_totals.port_undeveloped_m, b.shore_totals.port_undeveloped_m));
    CHECK(same_capacity(a.city, b.city));
}

using parkcap::test::sql_integer;
using parkcap::test::sql_text;

std::size_t flagged(const audit::Audit& a, FlagCode code) { return a.city.flag_counts[static_cast<int>(code)]; }
double flagged_mu(const audit::Audit& a, FlagCode code) {
    return units::m2_to_mu(a.city.flag_area_m2[static_cast<int>(code)]);
}

}  // namespace

TEST_CASE("scale: a 100,000-parcel city audits identically on 1, 2 and 4 threads", "[scale]") {
    test::ScratchDir scratch("scale-100k");
    const std::string city_dir = scratch / "city";
    const auto generated = test::run_command(std::string(test::kSampleCityGeneratorExe) + " " + city_dir +
                                             " --parcels 100000");
    REQUIRE(generated.exit_code == 0);

    io::LoadOptions options;
    options.data = city_dir;
    const City city = io::load_city(options);
    const LayerCounts& counts = city.report.counts.at("parcels");
    CHECK(counts.read == 100000);
    CHECK(counts.read == counts.kept + counts.merged + counts.rejected);
    // The planted repeated id (another shape) is kept as ID#2, the planted empty
    // status as an incomplete parcel: no land is rejected.
    CHECK(counts.rejected == 0);
    CHECK(counts.incomplete == 1);
    CHECK(city.report.count_code("id.conflict") == 1);
    CHECK(counts.repaired == 3);  // three planted bow-ties
    REQUIRE(city.parcels.size() == 100000);

    const rules::Rules rules = rules::default_rules();
    const audit::Audit one = audit::run_audit(city, rules, {kAsOf, 1});
    const audit::Audit two = audit::run_audit(city, rules, {kAsOf, 2});
    const audit::Audit four = audit::run_audit(city, rules, {kAsOf, 4});
    require_identical(one, two);
    require_identical(one, four);

    // What the generator planted (its own tally, printed as "expected audit
    // flags"): independent ground truth, whatever the generator's parameters.
    const std::string marker = "expected audit flags (parcels carrying each):";
    const auto at = generated.out.find(marker);
    REQUIRE(at != std::string::npos);
    std::istringstream line(generated.out.substr(at + marker.size(), generated.out.find('\n', at) - at - marker.size()));
    std::map<std::string, std::size_t> planted;
    for (std::string item; line >> item;) {
        const auto eq = item.find('=');
        std::string code = item.substr(0, eq);
        if (const auto slash = code.find('/'); slash != std::string::npos) code = code.substr(0, slash);
        planted[code] += std::stoul(item.substr(eq + 1));
    }
    REQUIRE(planted.size() >= 12);
    for (int f = 0; f < audit::kFlagCodeCount; ++f) {
        const auto code = static_cast<FlagCode>(f);
        INFO(audit::code_name(code));
        CHECK(flagged(one, code) == planted[audit::code_name(code)]);
    }
    CHECK(one.city.reclaimable_m2 <= one.city.parcel_area_m2);

    // The audit GeoPackage: one feature per parcel, and a spatial index (built in
    // bulk, not by GDAL) that SQLite's own checker accepts and that holds them all.
    const std::string out = scratch / "audit.gpkg";
    report::write_audit_gpkg(out, city, four, rules);
    GDALDatasetUniquePtr ds(GDALDataset::Open(out.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    CHECK(sql_integer(*ds, "SELECT COUNT(*) FROM parcel_flags") == 100000);
    CHECK(sql_integer(*ds, "SELECT COUNT(*) FROM rtree_parcel_flags_geom") == 100000);
    CHECK(sql_text(*ds, "SELECT rtreecheck('rtree_parcel_flags_geom')") == "ok");
    // Every parcel's index box holds its geometry's envelope.
    CHECK(sql_integer(*ds, "SELECT COUNT(*) FROM parcel_flags p JOIN rtree_parcel_flags_geom r ON r.id = p.fid "
                           "WHERE r.minx > ST_MinX(p.geom) OR r.maxx < ST_MaxX(p.geom) OR "
                           "r.miny > ST_MinY(p.geom) OR r.maxy < ST_MaxY(p.geom)") == 0);
    CHECK(sql_integer(*ds, "SELECT COUNT(*) FROM gpkg_extensions WHERE extension_name = 'gpkg_rtree_index'") == 5);  // parcel_flags, park_capacity, shoreline_use, district_summary, early_warnings
}

TEST_CASE("scale: the sample city's audit totals are unchanged by the scale work", "[scale]") {
    io::LoadOptions options;
    options.data = test::kSampleCityDir;
    const City city = io::load_city(options);
    const LayerCounts& counts = city.report.counts.at("parcels");
    CHECK(counts.read == 6000);
    CHECK(counts.kept == 6000);  // the planted repeated id and empty status are land too
    CHECK(counts.incomplete == 1);
    CHECK(counts.repaired == 3);
    const rules::Rules rules = rules::default_rules();
    const audit::Audit a = audit::run_audit(city, rules, {kAsOf, 0});

    // Figures from the engine before the scale optimisations (main at b1757ce, the
    // regenerated sample city), which the optimised engine reproduces exactly; the
    // sample regenerated with tracts for major projects (issue 11) re-read by the
    // engine of main at 2638f6d, whose audit that change left alone.
    CHECK(flagged(a, FlagCode::IdleTakeback) == 67);
    CHECK(flagged(a, FlagCode::IdleFee) == 100);
    CHECK(flagged(a, FlagCode::IdleSuspect) == 1);
    CHECK(flagged(a, FlagCode::ApprovedUnsupplied) == 273);
    CHECK(flagged(a, FlagCode::SuppliedUnused) == 242);
    CHECK(flagged(a, FlagCode::LowFar) == 207);
    CHECK(flagged(a, FlagCode::LowCoverage) == 160);
    CHECK(flagged(a, FlagCode::LowInvestment) == 93);
    CHECK(flagged(a, FlagCode::LowTax) == 209);
    CHECK(flagged(a, FlagCode::PhaseOut) == 8);
    CHECK(flagged(a, FlagCode::ChemOutsidePark) == 9);
    CHECK(flagged(a, FlagCode::ChemNearShore) == 236);
    // Idle 亩 by class, reclaimable land, 批而未供 by age band, port shoreline.
    CHECK(flagged_mu(a, FlagCode::IdleTakeback) == Approx(993.27380388978077).epsilon(1e-12));
    CHECK(flagged_mu(a, FlagCode::IdleFee) == Approx(1404.7704224056365).epsilon(1e-12));
    CHECK(units::m2_to_mu(a.city.reclaimable_m2) == Approx(10623.222745742798).epsilon(1e-12));
    CHECK(units::m2_to_mu(a.city.low_efficiency_m2) == Approx(7356.8282432365049).epsilon(1e-12));
    CHECK(units::m2_to_mu(a.city.approved_band_area_m2[0]) == Approx(1646.1850279283478).epsilon(1e-12));
    CHECK(units::m2_to_mu(a.city.approved_band_area_m2[1]) == Approx(1492.7411984521025).epsilon(1e-12));
    CHECK(units::m2_to_mu(a.city.approved_band_area_m2[2]) == Approx(1324.591810675875).epsilon(1e-12));
    // Port shoreline by frontage (issue 18 changed the rule: the parks' built land
    // projected onto the line, no longer a 300 m buffer of built parcels).
    CHECK(a.shore_totals.port_developed_m / 1000 == Approx(11.123321342809531).epsilon(1e-12));
    CHECK(a.shore_totals.port_undeveloped_m / 1000 == Approx(14.776674414481951).epsilon(1e-12));
}
