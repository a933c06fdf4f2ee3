// Parcels drawn over one another: a stacked copy under another id and a parcel
// drawn over two others are reported with the pair and the area, both kept (the
// land is reported, not silently dropped), and the later one is never a site;
// neighbours whose outlines cross by a sliver are not reported.
#include <catch2/catch.hpp>

#include "parkcap/audit/audit.hpp"
#include "parkcap/allocate/allocate.hpp"
#include "parkcap/io/load.hpp"
#include "parkcap/rules/rules.hpp"
#include "support/audit_run.hpp"
#include "support/city_checks.hpp"
#include "support/city_writer.hpp"
#include "support/fixtures.hpp"

using namespace parkcap;
using namespace parkcap::test;

namespace {

FeatureData copy_of(const LayerData& layer, const std::string& id, const std::string& new_id, const std::string& wkt) {
    FeatureData f = const_cast<LayerData&>(layer).feature("parcel_id", id);
    f.values["parcel_id"] = new_id;
    f.wkt = wkt;
    return f;
}

City load_with(const ScratchDir& dir, const LayerData& parcels) {
    const std::string d = dir.path().string();
    write_layer_file(d, "ESRI Shapefile", parks_layer());
    write_layer_file(d, "ESRI Shapefile", shoreline_layer());
    write_tables(d);
    write_layer_file(d, "ESRI Shapefile", parcels);
    io::LoadOptions o;
    o.data = d;
    o.overlap_tolerance = rules::default_rules().data.overlap_tolerance;
    return io::load_city(o);
}

}  // namespace

TEST_CASE("overlaps: a stacked copy and a parcel over two others are reported by pair and area", "[io][overlap]") {
    ScratchDir dir("overlap");
    LayerData parcels = parcels_layer();
    const std::string first = parcels.features.front().values.at("parcel_id");
    // Far from the canonical parcels: two 100 m squares side by side, a copy of the
    // first under another id, and a 300 × 100 m parcel drawn over both.
    parcels.features.push_back(copy_of(parcels, first, "SQ1", rect_wkt(20000, 20000, 20100, 20100)));
    parcels.features.push_back(copy_of(parcels, first, "SQ2", rect_wkt(20100, 20000, 20200, 20100)));
    parcels.features.push_back(copy_of(parcels, first, "SQ1-COPY", rect_wkt(20000, 20000, 20100, 20100)));
    parcels.features.push_back(copy_of(parcels, first, "OVER", rect_wkt(19950, 20000, 20250, 20100)));
    // Neighbours crossing by a 0.5 m sliver (0.5 % of either): not reported.
    parcels.features.push_back(copy_of(parcels, first, "N1", rect_wkt(30000, 30000, 30100, 30100)));
    parcels.features.push_back(copy_of(parcels, first, "N2", rect_wkt(30099.5, 30000, 30199.5, 30100)));
    const City city = load_with(dir, parcels);
    require_conserved(city);
    CHECK(city.report.counts.at("parcels").kept == parcels.features.size());

    const auto found = issues_with_code(city, "parcel.overlap");
    std::map<std::string, std::string> by_parcel;
    for (const Issue& i : found) by_parcel[i.feature_id] += i.message + "\n";
    INFO(all_issues(city));
    // SQ1-COPY over SQ1 (10,000 m², 100 %); OVER over SQ1, SQ2 and SQ1-COPY (each 10,000 m², 100 % of the smaller).
    CHECK(found.size() == 4);
    CHECK_THAT(by_parcel["SQ1-COPY"], Catch::Contains("overlaps parcel_id 'SQ1' (FID ") &&
                                          Catch::Contains("by 10000.0 m² (100.0 % of the smaller)"));
    CHECK_THAT(by_parcel["OVER"], Catch::Contains("overlaps parcel_id 'SQ1'") && Catch::Contains("overlaps parcel_id 'SQ2'") &&
                                      Catch::Contains("overlaps parcel_id 'SQ1-COPY'"));
    CHECK(by_parcel.count("N1") == 0);
    CHECK(by_parcel.count("N2") == 0);
    for (const Issue& i : found) CHECK(i.severity == Severity::Warning);

    auto bits = [&](const std::string& id) { return city.parcels.incomplete[*find_parcel(city, id)]; };
    CHECK((bits("SQ1") & kOverlapsEarlier) == 0);
    CHECK((bits("SQ2") & kOverlapsEarlier) == 0);
    CHECK(bits("SQ1-COPY") & kOverlapsEarlier);
    CHECK(bits("OVER") & kOverlapsEarlier);
    CHECK((bits("N2") & kOverlapsEarlier) == 0);
}

TEST_CASE("overlaps: of two stacked 批而未供 parcels only the first is offered as a site", "[io][overlap][allocate]") {
    MiniCity c;
    MiniPark park;
    park.id = "P";
    park.themes = "C34";
    park.x0 = -10;
    park.y0 = -10;
    park.x1 = 1000;
    park.y1 = 1000;
    c.parks = {park};
    for (const char* id : {"A", "A-COPY"}) {
        MiniParcel p;
        p.id = id;
        p.status = "approved";
        p.appr_date = "2025-01-01";
        p.side_m = 200;  // 60 亩
        c.parcels.push_back(p);
    }
    const AuditRun run = run_audit_on(c, "2026-06-30", "overlap-sites");
    REQUIRE(issues_with_code(run.city, "parcel.overlap").size() == 1);
    const allocate::Plan plan = allocate::run_allocation(run.city, run.audit, run.rules, {}, {5.0, false});
    REQUIRE(plan.sites.size() == 1);
    CHECK(plan.sites[0].parcels == std::vector<uint32_t>{static_cast<uint32_t>(*find_parcel(run.city, "A"))});
    CHECK(plan.sites[0].area_mu == Approx(60).epsilon(1e-6));
}
