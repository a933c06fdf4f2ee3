// The allocation's code catalogues: every reason template renders from its
// figures, names are unique, and the QGIS styles stored with a plan are the
// catalogue's colours and legends.
#include <set>
#include <string>

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "parkcap/allocate/allocate.hpp"
#include "parkcap/report/plan_report.hpp"
#include "support/audit_run.hpp"
#include "support/fixtures.hpp"

using namespace parkcap;
using namespace parkcap::allocate;

namespace {

/// A city just large enough to name a project, a park, a district and a site.
struct Named {
    City city;
    std::vector<Site> sites;
    Plan plan;
    Named() {
        city.intern_district("321202");
        Park park;
        park.park_id = "P01";
        park.name = "滨江生物医药高新区";
        city.parks.push_back(park);
        Project p;
        p.project_id = "PJ-001";
        p.industry = "C2710";
        p.area_mu = 100;
        city.projects.push_back(p);
        Site s;
        s.site_id = "S-P01-K-L1";
        sites.push_back(s);
        plan.sites = sites;
        plan.refusals.assign(1, {});
        Refusal low_tax;
        low_tax.code = RefusalCode::LowTax;
        low_tax.value = 3;
        low_tax.threshold = 15;
        plan.refusals[0].push_back(low_tax);
    }
};

/// A rendered text has no template field left in it.
void check_rendered(const std::string& text) {
    INFO(text);
    CHECK(text.find('{') == std::string::npos);
    CHECK(text.find('}') == std::string::npos);
}

template <class Table, class Name>
void check_unique(const Table& table, Name name) {
    std::set<std::string> seen;
    for (const auto& row : table) CHECK(seen.insert(row.*name).second);
}

std::string default_qml(GDALDataset& ds, const std::string& layer) {
    OGRLayer* styles = ds.GetLayerByName("layer_styles");
    REQUIRE(styles);
    styles->SetAttributeFilter(("f_table_name = '" + layer + "' AND useAsDefault = 1").c_str());
    std::string qml;
    for (auto& row : *styles) qml = row->GetFieldAsString("styleQML");
    styles->SetAttributeFilter(nullptr);
    REQUIRE_FALSE(qml.empty());
    return qml;
}

}  // namespace

TEST_CASE("every allocation reason renders from its recorded figures", "[allocate][codes]") {
    const Named n;
    const rules::Rules rules = rules::default_rules();
    for (const auto& row : kRefusalCatalogue) {
        Refusal r;
        r.code = row.code;
        r.value = 1.5;
        r.threshold = 2;
        r.park = 0;
        r.list_prefix = "C31";
        r.list_name = "炼钢";
        check_rendered(reason_zh(r, n.city, 0));
        check_rendered(reason_en(r, n.city, 0));
    }
    for (const auto& row : kSiteRuleCatalogue) {
        SiteVerdict v;
        v.rule = row.rule;
        v.value = 800;
        v.threshold = 1000;
        check_rendered(reason_zh(v, n.city, n.sites, 0));
        check_rendered(reason_en(v, n.city, n.sites, 0));
    }
    for (const auto& row : kUnplacedCauseCatalogue) {
        check_rendered(detail_en(Unplaced{row.cause, 100, 87.5}, n.city, rules, 0));
        check_rendered(detail_zh(Unplaced{row.cause, 100, 87.5}, n.city, rules, 0));
    }
    for (const auto& row : kPinProblemCatalogue) {
        check_rendered(text_zh(PinProblem{row.code, 0, 0, -1}, n.city, n.plan));
        check_rendered(text_en(PinProblem{row.code, 0, -1, 0}, n.city, n.plan));
    }
    // The figures land where the template puts them.
    Refusal grab;
    grab.code = RefusalCode::LandGrab;
    grab.value = 5;
    grab.threshold = 1.5;
    grab.standard_wan_per_mu = 250;
    grab.justified_mu = 20;
    CHECK(reason_zh(grab, n.city, 0) == "申请 100 亩，按 250 万元/亩 投资仅需 20 亩，超出 5.0 倍 > 1.5 倍（跑马圈地）");
    Unplaced small{UnplacedCause::SitesTooSmall, 100, 87.5};
    small.parks = {{0, 87.5, 100}, {0, 64, 100}};
    CHECK(detail_en(small, n.city, rules, 0) ==
          "P01: largest block that can be assembled 87.5 mu < 100.0 mu asked; P01: largest block that can be assembled 64.0 mu < 100.0 mu asked");
    CHECK(detail_zh(small, n.city, rules, 0) == "P01：可组团的最大地块 87.5 亩 < 需求 100.0 亩；P01：可组团的最大地块 64.0 亩 < 需求 100.0 亩");
    CHECK(text_en(PinProblem{PinProblemCode::ProjectRefused, 0, 0, -1}, n.city, n.plan) ==
          "pin of PJ-001 to P01 cannot be honoured: the project is refused (LOW_TAX)");
}

TEST_CASE("code names are unique within each family, and every unplaced cause has its code", "[allocate][codes]") {
    check_unique(kRefusalCatalogue, &RefusalInfo::name);
    check_unique(kSiteKindCatalogue, &SiteKindInfo::name);
    check_unique(kSiteRuleCatalogue, &SiteRuleInfo::name);
    check_unique(kUnplacedCatalogue, &UnplacedInfo::name);
    check_unique(kPinProblemCatalogue, &PinProblemInfo::name);
    std::set<UnplacedCode> used;
    for (const auto& row : kUnplacedCauseCatalogue) used.insert(row.code);
    CHECK(used.size() == std::size(kUnplacedCatalogue));
    std::set<char> letters;
    for (const auto& row : kSiteKindCatalogue) CHECK(letters.insert(row.id_letter).second);
}

TEST_CASE("a plan's QGIS styles colour placements and sites as the site-kind catalogue says", "[allocate][codes][report]") {
    test::MiniCity c;
    test::MiniPark park;
    park.id = "P";
    park.themes = "C34";
    park.x0 = -10; park.y0 = -10; park.x1 = 2000; park.y1 = 1000;
    c.parks = {park};
    test::MiniParcel stock;
    stock.id = "L1";
    stock.status = "approved";
    stock.appr_date = "2025-01-01";
    stock.side_m = 300;
    c.parcels = {stock};
    test::MiniProject p;
    p.id = "PJ";
    c.projects = {p};
    const test::AuditRun run = test::run_audit_on(c, "2026-06-30", "alloc-codes-styles");
    const Plan plan = run_allocation(run.city, run.audit, run.rules, {}, {10.0, false});
    test::ScratchDir dir("alloc-codes-styles");
    const std::string path = dir / "plan.gpkg";
    report::write_plan_gpkg(path, run.city, plan, run.rules);
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR));
    REQUIRE(ds);
    const std::string placed = default_qml(*ds, "allocation"), sites = default_qml(*ds, "sites");
    auto colour = [](const Rgba& rgba) {  // as QML writes it
        return "\"" + std::to_string(rgba.r) + "," + std::to_string(rgba.g) + "," + std::to_string(rgba.b) + "," +
               std::to_string(rgba.a);
    };
    for (const auto& k : kSiteKindCatalogue) {
        INFO(k.name);
        CHECK(placed.find(colour(k.placed_colour)) != std::string::npos);
        CHECK(placed.find(k.placed_zh) != std::string::npos);
        CHECK(placed.find(std::string("value=\"") + k.name + "\"") != std::string::npos);
        CHECK(sites.find(colour(k.site_colour)) != std::string::npos);
        CHECK(sites.find(k.site_en) != std::string::npos);
    }
}
