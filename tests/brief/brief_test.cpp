// `parkcap brief` on the sample city, read back with poppler's tools (an
// independent PDF reader): the cover's headline figures are the audit's own (read
// from `parkcap audit --json`), each park has its page with its name and page
// number, the page count is the fixed pages plus one per park, and the pixels of
// an idle parcel on its park's page are the idle colour of the audit's QGIS style.
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <regex>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <gdal_priv.h>
#include <nlohmann/json.hpp>
#include <ogrsf_frmts.h>

#include "support/fixtures.hpp"
#include "support/parkcap_run.hpp"
#include "support/png_image.hpp"
#include "test_config.hpp"

namespace parkcap::test {
namespace {

/// 1234.56 → "1,234.6": the brief's figure format, written here from its definition.
std::string grouped(double v) {
    std::string s = fmt::format("{:.1f}", v);
    const std::size_t dot = s.find('.');
    for (std::size_t k = dot; k > 3; k -= 3) s.insert(k - 3, ",");
    return s;
}

std::string page_text(const std::string& pdf, int page) {
    const auto r = run_command(fmt::format("pdftotext -layout -f {0} -l {0} '{1}' -", page, pdf));
    REQUIRE(r.exit_code == 0);
    return r.out;
}

int page_count(const std::string& pdf) {
    const auto r = run_command(fmt::format("pdfinfo '{}'", pdf));
    REQUIRE(r.exit_code == 0);
    std::smatch m;
    REQUIRE(std::regex_search(r.out, m, std::regex(R"(Pages:\s+(\d+))")));
    return std::stoi(m[1]);
}

/// The colour of each map class in the audit's QGIS style (layer_styles), as QGIS shows it.
std::map<std::string, uint32_t> style_colours(GDALDataset& ds) {
    OGRLayer* rs = ds.ExecuteSQL("SELECT styleQML FROM layer_styles WHERE f_table_name = 'parcel_flags'", nullptr, nullptr);
    REQUIRE(rs);
    std::unique_ptr<OGRFeature> f(rs->GetNextFeature());
    REQUIRE(f);
    const std::string qml = f->GetFieldAsString(0);
    ds.ReleaseResultSet(rs);
    std::map<std::string, std::string> symbol_of;
    const std::regex category(R"re(<category symbol="([^"]*)" value="([^"]*)")re");
    for (auto it = std::sregex_iterator(qml.begin(), qml.end(), category); it != std::sregex_iterator(); ++it)
        symbol_of[(*it)[2]] = (*it)[1];
    std::map<std::string, uint32_t> colour_of_symbol;
    const std::regex symbol(R"re(<symbol type="fill" name="([^"]*)".*?name="color" value="(\d+),(\d+),(\d+),\d+")re");
    for (auto it = std::sregex_iterator(qml.begin(), qml.end(), symbol); it != std::sregex_iterator(); ++it)
        colour_of_symbol[(*it)[1]] = static_cast<uint32_t>(std::stoi((*it)[2]) << 16 | std::stoi((*it)[3]) << 8 | std::stoi((*it)[4]));
    std::map<std::string, uint32_t> out;
    for (const auto& [value, name] : symbol_of) out[value] = colour_of_symbol.at(name);
    return out;
}

struct IdleParcel {
    std::string parcel_id, park_id, map_class;
    std::unique_ptr<OGRGeometry> geometry;
    double area = 0;
};

}  // namespace

TEST_CASE("brief: parkcap brief --help names its options", "[brief][cli]") {
    const auto r = run_parkcap("brief --help");
    REQUIRE(r.exit_code == 0);
    for (const char* option : {"--as-of", "--out", "--audit", "--plan", "--since", "--paper", "--lang", "--overwrite"})
        CHECK(r.out.find(option) != std::string::npos);
}

TEST_CASE("brief: the sample city's briefing pack, read back with poppler", "[brief][cli]") {
    ScratchDir dir("brief_sample");
    const std::string sample = kSampleCityDir, rules = sample + "/rules.toml";
    const std::string audit_gpkg = dir / "audit.gpkg", pdf = dir / "brief.pdf";
    const auto audit = run_parkcap(fmt::format("audit {} --rules {} --as-of 2026-06-30 --out {} --json --quiet", sample, rules, audit_gpkg));
    REQUIRE(audit.exit_code == 0);
    const auto a = nlohmann::json::parse(audit.out);
    const auto brief = run_parkcap(fmt::format("brief {} --rules {} --as-of 2026-06-30 --out {} --json --quiet", sample, rules, pdf));
    INFO(describe(brief));
    REQUIRE(brief.exit_code == 0);
    const auto b = nlohmann::json::parse(brief.out);

    const std::size_t parks = a["parks"].size();
    REQUIRE(parks == 8);
    // Cover, city map, a page per park, the ledger, the flows and the ranking (no --since: no disposal page).
    CHECK(page_count(pdf) == static_cast<int>(2 + parks + 3));
    CHECK(b["pages"].size() == 2 + parks + 3);

    {  // the city map labels every park, and no two labels overlap
        nlohmann::json map_page;
        for (const auto& p : b["pages"])
            if (p["kind"] == "city_map") map_page = p;
        REQUIRE(map_page.contains("labels"));
        const auto& labels = map_page["labels"];
        for (const auto& park : a["parks"]) {
            bool found = false;
            for (const auto& l : labels) found = found || l["text"].get<std::string>().find(park["name"].get<std::string>()) != std::string::npos;
            INFO(park["name"]);
            CHECK(found);
        }
        const auto& m = map_page["map"];
        for (std::size_t i = 0; i < labels.size(); ++i) {
            const auto& l = labels[i];
            INFO(l["text"]);
            CHECK(l["x0_pt"].get<double>() >= m["frame_x_pt"].get<double>());
            CHECK(l["y0_pt"].get<double>() >= m["frame_y_pt"].get<double>());
            CHECK(l["x1_pt"].get<double>() <= m["frame_x_pt"].get<double>() + m["frame_width_pt"].get<double>());
            CHECK(l["y1_pt"].get<double>() <= m["frame_y_pt"].get<double>() + m["frame_height_pt"].get<double>());
            for (std::size_t k = i + 1; k < labels.size(); ++k) {
                const auto& o = labels[k];
                INFO(o["text"]);
                const bool overlap = l["x0_pt"].get<double>() < o["x1_pt"].get<double>() && o["x0_pt"].get<double>() < l["x1_pt"].get<double>() &&
                                     l["y0_pt"].get<double>() < o["y1_pt"].get<double>() && o["y0_pt"].get<double>() < l["y1_pt"].get<double>();
                CHECK_FALSE(overlap);
            }
        }
        // The text is on the page where the boxes say.
        const std::string text = page_text(pdf, map_page["page"].get<int>());
        for (const auto& park : a["parks"]) CHECK(text.find(park["name"].get<std::string>()) != std::string::npos);
    }

    {  // the cover's headline figures are the audit's
        const std::string cover = page_text(pdf, 1);
        INFO(cover);
        CHECK(cover.find("2026-06-30") != std::string::npos);
        for (double mu : {a["idle_mu"]["total"].get<double>(), a["idle_mu"]["takeback"].get<double>(),
                          a["flags"]["APPROVED_UNSUPPLIED"]["area_mu"].get<double>(), a["reclaimable_mu"].get<double>(),
                          a["low_efficiency_mu"].get<double>()}) {
            INFO(mu);
            CHECK(cover.find(grouped(mu)) != std::string::npos);
        }
        // Every park is in the cover's table with its idle land.
        for (const auto& park : a["parks"]) CHECK(cover.find(park["name"].get<std::string>()) != std::string::npos);
        CHECK(cover.find("第 1 页 / 共 13 页") != std::string::npos);
    }

    {  // each park has its page, with its name and its page number
        for (const auto& park : a["parks"]) {
            const std::string id = park["park_id"];
            int number = 0;
            for (const auto& p : b["pages"])
                if (p.value("park_id", "") == id) number = p["page"];
            INFO(id);
            REQUIRE(number > 0);
            const std::string text = page_text(pdf, number);
            CHECK(text.find(park["name"].get<std::string>()) != std::string::npos);
            CHECK(text.find(fmt::format("第 {} 页 / 共 13 页", number)) != std::string::npos);
            CHECK(text.find(grouped(park["parcel_area_mu"].get<double>())) != std::string::npos);
        }
    }

    {  // an idle parcel on its park's page is drawn in the idle colour
        GDALAllRegister();
        std::unique_ptr<GDALDataset> ds(static_cast<GDALDataset*>(GDALOpenEx(audit_gpkg.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr)));
        REQUIRE(ds);
        const auto colours = style_colours(*ds);
        OGRLayer* layer = ds->GetLayerByName("parcel_flags");
        REQUIRE(layer);
        REQUIRE(layer->GetSpatialRef());
        const char* epsg = layer->GetSpatialRef()->GetAuthorityCode(nullptr);
        REQUIRE(epsg);
        CHECK(std::string(epsg) == std::to_string(b["working_crs"].get<int>()));
        // The largest idle parcel inside a park.
        IdleParcel idle;
        for (auto& f : *layer) {
            const std::string cls = f->GetFieldAsString("map_class"), park = f->GetFieldAsString("park_id");
            if ((cls != "IDLE_TAKEBACK" && cls != "IDLE_FEE") || park.empty()) continue;
            const double area = f->GetGeometryRef()->toMultiPolygon()->get_Area();
            if (area > idle.area) {
                idle.parcel_id = f->GetFieldAsString("parcel_id");
                idle.park_id = park;
                idle.map_class = cls;
                idle.geometry.reset(f->GetGeometryRef()->clone());
                idle.area = area;
            }
        }
        REQUIRE(idle.geometry);
        INFO(idle.parcel_id << " in " << idle.park_id);
        nlohmann::json page;
        for (const auto& p : b["pages"])
            if (p.value("park_id", "") == idle.park_id) page = p;
        REQUIRE(page.contains("map"));
        const auto& m = page["map"];
        const double dpi = 100, px_per_pt = dpi / 72;
        const auto to_px = [&](double x, double y) {
            return std::make_pair((m["origin_x_pt"].get<double>() + x * m["pt_per_m"].get<double>()) * px_per_pt,
                                  (m["origin_y_pt"].get<double>() - y * m["pt_per_m"].get<double>()) * px_per_pt);
        };
        // A point of the parcel clear of its edges and of the numbered markers drawn over parcels.
        OGREnvelope env;
        idle.geometry->getEnvelope(&env);
        const double edge_m = 2.5 / m["pt_per_m"].get<double>();
        std::pair<double, double> best{-1, -1};
        double best_clearance = -1;
        std::unique_ptr<OGRGeometry> boundary(idle.geometry->Boundary());
        for (int gx = 1; gx < 40; ++gx)
            for (int gy = 1; gy < 40; ++gy) {
                OGRPoint pt(env.MinX + (env.MaxX - env.MinX) * gx / 40, env.MinY + (env.MaxY - env.MinY) * gy / 40);
                if (!idle.geometry->Contains(&pt) || boundary->Distance(&pt) < edge_m) continue;
                const auto [sx, sy] = to_px(pt.getX(), pt.getY());
                double clearance = boundary->Distance(&pt) * m["pt_per_m"].get<double>();
                for (const auto& k : page.value("markers", nlohmann::json::array())) {
                    const double d = std::hypot(sx / px_per_pt - k["x_pt"].get<double>(), sy / px_per_pt - k["y_pt"].get<double>()) -
                                     k["radius_pt"].get<double>();
                    clearance = std::min(clearance, d);
                }
                if (clearance > best_clearance) {
                    best_clearance = clearance;
                    best = {sx, sy};
                }
            }
        REQUIRE(best_clearance > 1.5);
        const std::string png = dir / "park";
        REQUIRE(run_command(fmt::format("pdftoppm -f {0} -l {0} -r {1} -png -singlefile '{2}' '{3}'", page["page"].get<int>(),
                                        static_cast<int>(dpi), pdf, png)).exit_code == 0);
        const PngImage image = read_png_image(png + ".png");
        // pdftoppm rounds the page's size up to whole pixels.
        CHECK(std::abs(image.width - b["page_width_pt"].get<double>() * px_per_pt) < 1);
        const uint32_t want = colours.at(idle.map_class);
        CHECK(fmt::format("{:06x}", image.at(static_cast<int>(best.first), static_cast<int>(best.second))) == fmt::format("{:06x}", want));
    }

    {  // the brief never overwrites without --overwrite, and A3 is the same pack larger
        const auto again = run_parkcap(fmt::format("brief {} --rules {} --as-of 2026-06-30 --out {} --quiet", sample, rules, pdf));
        CHECK(again.exit_code == 2);
        CHECK(again.err.find("--overwrite") != std::string::npos);
        const auto a3 = run_parkcap(fmt::format("brief {} --rules {} --as-of 2026-06-30 --out {} --paper a3 --overwrite --quiet", sample, rules, pdf));
        REQUIRE(a3.exit_code == 0);
        const auto info = run_command(fmt::format("pdfinfo '{}'", pdf));
        std::smatch size;
        REQUIRE(std::regex_search(info.out, size, std::regex(R"(Page size:\s+([\d.]+) x ([\d.]+) pts)")));
        CHECK(std::stod(size[1]) == Approx(1190.55).margin(0.1));
        CHECK(std::stod(size[2]) == Approx(841.89).margin(0.1));
        CHECK(page_count(pdf) == static_cast<int>(2 + parks + 3));
    }
}

}  // namespace parkcap::test

namespace parkcap::test {

TEST_CASE("brief: --since adds the disposal page with parkcap compare's figures", "[brief][cli]") {
    ScratchDir dir("brief_since");
    const std::string rules = std::string(kSampleCityDir) + "/rules.toml";
    const std::string later = std::string(kSourceDir) + "/data/periods/2026-09-30";
    const std::string before = dir / "before.gpkg", after = dir / "after.gpkg", pdf = dir / "brief.pdf";
    REQUIRE(run_parkcap(fmt::format("audit {} --rules {} --as-of 2026-06-30 --out {} --quiet", kSampleCityDir, rules, before)).exit_code == 0);
    REQUIRE(run_parkcap(fmt::format("audit {} --rules {} --as-of 2026-09-30 --out {} --quiet", later, rules, after)).exit_code == 0);
    const auto compare = run_parkcap(fmt::format("compare {} {} --rules {} --out {} --json", before, after, rules, dir / "changes.gpkg"));
    INFO(describe(compare));
    REQUIRE(compare.exit_code == 0);
    const auto changes = nlohmann::json::parse(compare.out);
    const auto brief = run_parkcap(fmt::format("brief {} --rules {} --as-of 2026-09-30 --since {} --out {} --json --quiet", later, rules,
                                               before, pdf));
    INFO(describe(brief));
    REQUIRE(brief.exit_code == 0);
    const auto b = nlohmann::json::parse(brief.out);
    // The fixed pages, eight parks, and the disposal page last.
    CHECK(page_count(pdf) == 2 + 8 + 3 + 1);
    REQUIRE(b["pages"].back()["kind"] == "disposal");
    const std::string text = page_text(pdf, b["pages"].back()["page"].get<int>());
    INFO(text);
    const auto& city = changes["disposal"][0];
    REQUIRE(city["level"] == "city");
    for (const char* kind : {"approved_unsupplied", "idle"}) {
        INFO(kind);
        REQUIRE(city.contains(kind));
        CHECK(text.find(grouped(city[kind]["flagged_mu"].get<double>())) != std::string::npos);
        CHECK(text.find(grouped(city[kind]["disposed_mu"].get<double>())) != std::string::npos);
        CHECK(text.find(fmt::format("{:.0f}%", city[kind]["rate"].get<double>() * 100)) != std::string::npos);
    }
}

}  // namespace parkcap::test
