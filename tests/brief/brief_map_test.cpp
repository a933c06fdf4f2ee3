// Issue 15, item 3: the briefing pack's maps share the viewer's cartography (the
// carto module). On the sample city, read back from the PDF: the flows page lists
// the flows the viewer's briefing mode draws (summed per origin → park, the thin
// ones folded per park under the rules' [map] flow_fold_below_mu, worked out here
// from `parkcap plan`'s allocation layer); its arcs cross no more than the same
// arcs all bent alike; no two labels on the city map or the flows map overlap,
// and each label's text is where its box says (pdftotext -bbox); the cover's
// quota figures are `parkcap plan --json`'s ledger.
#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <tuple>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <gdal_priv.h>
#include <nlohmann/json.hpp>
#include <ogrsf_frmts.h>

#include "parkcap/carto/flows.hpp"
#include "support/fixtures.hpp"
#include "support/parkcap_run.hpp"
#include "support/png_image.hpp"
#include "test_config.hpp"
#include "viewer/viewer_run.hpp"

namespace parkcap::test {
namespace {

/// 1234.56 → "1,234.6": the brief's figure format, written here from its definition.
std::string grouped(double v) {
    std::string s = fmt::format("{:.1f}", v);
    const std::size_t dot = s.find('.');
    for (std::size_t k = dot; k > 3 + (s[0] == '-'); k -= 3) s.insert(k - 3, ",");
    return s;
}

/// The sample city planned and briefed once for every test case here.
struct Briefed {
    std::unique_ptr<ScratchDir> dir;
    std::string pdf;
    nlohmann::json plan, brief, info;
    std::string rules_text;

    const nlohmann::json& page(const std::string& kind) const {
        for (const auto& p : brief["pages"])
            if (p["kind"] == kind) return p;
        FAIL("no " << kind << " page");
        return brief;
    }
};

const Briefed& briefed() {
    static const Briefed b = [] {
        Briefed r;
        r.dir = std::make_unique<ScratchDir>("brief_map");
        const std::string sample = kSampleCityDir, rules = sample + "/rules.toml";
        r.pdf = *r.dir / "brief.pdf";
        const auto plan = run_parkcap(
            fmt::format("plan {} --rules {} --as-of 2026-06-30 --out {} --overwrite --json --quiet", sample, rules, *r.dir / "plan.gpkg"));
        INFO(describe(plan));
        REQUIRE(plan.exit_code == 0);
        r.plan = nlohmann::json::parse(plan.out);
        const auto brief = run_parkcap(fmt::format("brief {} --rules {} --as-of 2026-06-30 --out {} --overwrite --json --quiet", sample, rules, r.pdf));
        INFO(describe(brief));
        REQUIRE(brief.exit_code == 0);
        r.brief = nlohmann::json::parse(brief.out);
        const auto info = run_parkcap(fmt::format("info {} --json", sample));
        REQUIRE(info.exit_code == 0);
        r.info = nlohmann::json::parse(info.out);
        const auto effective = run_parkcap(fmt::format("rules --rules {}", rules));
        REQUIRE(effective.exit_code == 0);
        r.rules_text = effective.out;
        return r;
    }();
    return b;
}

/// The table column of the flows page as text: pdftotext cut to the part of the
/// page right of the map (72 dpi: one pixel is one point).
std::string flows_table_text(const Briefed& b) {
    const auto& page = b.page("flows");
    const auto& m = page["map"];
    const double x = m["frame_x_pt"].get<double>() + m["frame_width_pt"].get<double>() + 4;
    const auto r = run_command(fmt::format("pdftotext -layout -r 72 -f {0} -l {0} -x {1} -y 50 -W {2} -H 520 '{3}' -", page["page"].get<int>(),
                                           static_cast<int>(x), static_cast<int>(b.brief["page_width_pt"].get<double>() - x), b.pdf));
    REQUIRE(r.exit_code == 0);
    return r.out;
}

struct Row {
    std::string origin, park;
    int count = 0;
    std::string mu;
    bool operator<(const Row& o) const { return std::tie(origin, park, count, mu) < std::tie(o.origin, o.park, o.count, o.mu); }
    bool operator==(const Row& o) const { return !(*this < o) && !(o < *this); }
};

struct Word {
    std::string text;
    double x0, y0, x1, y1;
};

/// Every word pdftotext finds on a page, with its box in points.
std::vector<Word> page_words(const std::string& pdf, int page) {
    const auto r = run_command(fmt::format("pdftotext -bbox -f {0} -l {0} '{1}' -", page, pdf));
    REQUIRE(r.exit_code == 0);
    std::vector<Word> out;
    const std::regex word(R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re");
    for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), word); it != std::sregex_iterator(); ++it)
        out.push_back({(*it)[5], std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), std::stod((*it)[4])});
    return out;
}

/// Labels pairwise apart, inside the frame, and each one's words drawn inside its box.
void check_labels(const Briefed& b, const nlohmann::json& page) {
    REQUIRE(page.contains("labels"));
    const auto& labels = page["labels"];
    const auto& m = page["map"];
    const auto box = [](const nlohmann::json& l) {
        return std::array<double, 4>{l["x0_pt"].get<double>(), l["y0_pt"].get<double>(), l["x1_pt"].get<double>(), l["y1_pt"].get<double>()};
    };
    const std::vector<Word> words = page_words(b.pdf, page["page"].get<int>());
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const auto a = box(labels[i]);
        INFO(labels[i]["text"]);
        CHECK(a[0] >= m["frame_x_pt"].get<double>());
        CHECK(a[1] >= m["frame_y_pt"].get<double>());
        CHECK(a[2] <= m["frame_x_pt"].get<double>() + m["frame_width_pt"].get<double>());
        CHECK(a[3] <= m["frame_y_pt"].get<double>() + m["frame_height_pt"].get<double>());
        for (std::size_t k = i + 1; k < labels.size(); ++k) {
            const auto o = box(labels[k]);
            INFO(labels[k]["text"]);
            CHECK_FALSE((a[0] < o[2] && o[0] < a[2] && a[1] < o[3] && o[1] < a[3]));
        }
        // The label's first word (a park's or district's name), as the PDF draws it.
        const std::string text = labels[i]["text"];
        const std::string first = text.substr(0, text.find_first_of(" \n"));
        bool inside = false;
        for (const Word& w : words)
            if (w.text == first) inside = inside || (w.x0 >= a[0] - 0.5 && w.y0 >= a[1] - 0.5 && w.x1 <= a[2] + 0.5 && w.y1 <= a[3] + 0.5);
        INFO(first);
        CHECK(inside);
    }
}

}  // namespace

TEST_CASE("brief: the flows page lists carto's aggregated flows, as the viewer draws them (issue 15)", "[brief][cli][issue15]") {
    const Briefed& b = briefed();
    // The fold the rules set, as `parkcap rules` prints it.
    std::smatch fold_match;
    REQUIRE(std::regex_search(b.rules_text, fold_match, std::regex(R"(flow_fold_below_mu = ([\d.]+))")));
    const double fold_mu = std::stod(fold_match[1]);
    CHECK(fold_mu == 50);

    // The flows worked out from the plan's allocation layer: enclave projects summed
    // per (origin, park); per park, those under the fold into one "others" row when
    // two or more are.
    std::map<std::string, std::string> district_name, park_name;
    for (const auto& d : b.info["districts"]) district_name[d["district"]] = d["name"];
    for (const auto& p : b.info["parks"]) park_name[p["park_id"]] = p["name"];
    GDALAllRegister();
    std::unique_ptr<GDALDataset> ds(static_cast<GDALDataset*>(
        GDALOpenEx((*b.dir / "plan.gpkg").c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr)));
    REQUIRE(ds);
    OGRLayer* allocation = ds->GetLayerByName("allocation");
    REQUIRE(allocation);
    struct Sum {
        int count = 0;
        double mu = 0;
    };
    std::map<std::string, std::map<std::string, Sum>> by_park;  // park → origin → sum
    int enclave_projects = 0;
    for (auto& f : *allocation) {
        if (f->GetFieldAsInteger("enclave") == 0) continue;
        Sum& s = by_park[f->GetFieldAsString("park_id")][f->GetFieldAsString("origin")];
        ++s.count;
        s.mu += f->GetFieldAsDouble("area_mu");
        ++enclave_projects;
    }
    REQUIRE(enclave_projects == b.plan["placed"]["enclave"].get<int>());
    std::vector<Row> want;
    std::vector<double> want_mu;
    for (const auto& [park, origins] : by_park) {
        std::vector<std::pair<std::string, Sum>> thin;
        for (const auto& [origin, s] : origins) {
            if (s.mu < fold_mu) thin.push_back({origin, s});
            else want.push_back({district_name.at(origin), park_name.at(park), s.count, grouped(s.mu)});
        }
        if (thin.size() == 1) {
            want.push_back({district_name.at(thin[0].first), park_name.at(park), thin[0].second.count, grouped(thin[0].second.mu)});
        } else if (thin.size() > 1) {
            Sum others;
            for (const auto& [origin, s] : thin) others.count += s.count, others.mu += s.mu;
            want.push_back({fmt::format("其他 {} 区县", thin.size()), park_name.at(park), others.count, grouped(others.mu)});
        }
    }
    // The sample city's count under the default fold, as parkcap-viewer prints its flows.
    CHECK(want.size() == 29);

    // The rows the PDF's table shows, read back with pdftotext.
    const std::string text = flows_table_text(b);
    INFO(text);
    std::vector<Row> got;
    std::vector<double> got_mu;
    const std::regex row(R"(^\s*(\S+(?: \d+ 区县)?) → (\S+)\s+(\d+)\s+([\d,]+\.\d)\s)");
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        std::smatch r;
        if (!std::regex_search(line, r, row)) continue;
        got.push_back({r[1], r[2], std::stoi(r[3]), r[4]});
        std::string mu = r[4];
        mu.erase(std::remove(mu.begin(), mu.end(), ','), mu.end());
        got_mu.push_back(std::stod(mu));
    }
    CHECK(got.size() == want.size());
    // Largest first, as the viewer's flows table.
    CHECK(std::is_sorted(got_mu.begin(), got_mu.end(), std::greater<>()));
    std::sort(got.begin(), got.end());
    std::sort(want.begin(), want.end());
    CHECK(got == want);
    for (std::size_t k = 0; k < std::min(got.size(), want.size()); ++k) {
        INFO(want[k].origin << " → " << want[k].park);
        CHECK(got[k].count == want[k].count);
        CHECK(got[k].mu == want[k].mu);
    }
    // The total row: every enclave project and its land.
    double total_mu = 0;
    for (const auto& [park, origins] : by_park)
        for (const auto& [origin, s] : origins) total_mu += s.mu;
    std::smatch total;
    REQUIRE(std::regex_search(text, total, std::regex(R"(合计\s+(\d+)\s+([\d,]+\.\d))")));
    CHECK(std::stoi(total[1]) == enclave_projects);
    CHECK(total[2] == grouped(total_mu));
    // The subtitle says how many flows and under what fold.
    const auto full = run_command(fmt::format("pdftotext -layout -f {0} -l {0} '{1}' -", b.page("flows")["page"].get<int>(), b.pdf));
    CHECK(full.out.find(fmt::format("{} 条流向", want.size())) != std::string::npos);
}

TEST_CASE("brief: the flows page draws the flows of the viewer's briefing mode (issue 15)", "[brief][cli][viewer][issue15]") {
    if (!viewer::viewer_available()) return;
    const Briefed& b = briefed();
    ScratchDir dir("brief_viewer_flows");
    const auto run = viewer::run_viewer(fmt::format("'{0}' --rules '{0}/rules.toml' --as-of 2026-06-30 --view city --size 1600x1000 "
                                                    "--mode briefing --lang zh --screenshot '{1}'",
                                                    kSampleCityDir, dir / "viewer.png"));
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    // What the viewer prints of each flow it has (headless mode): origin (or
    // "others"), park, sector, projects and 亩; and the origins each folded flow sums.
    std::multiset<std::string> viewer_flows, pdf_flows;
    std::map<std::string, std::string> viewer_folded, pdf_folded;
    const std::regex flow(R"(^flow origin=(\S+) park=(\S+) sector=(\d+) count=(\d+) area_mu=([\d.]+) )");
    const std::regex folded(R"(^folded park=(\S+) origins=(\S+))");
    std::istringstream lines(run.out);
    for (std::string line; std::getline(lines, line);) {
        std::smatch m;
        if (std::regex_search(line, m, flow))
            viewer_flows.insert(fmt::format("{} {} {} {} {}", m[1].str(), m[2].str(), m[3].str(), m[4].str(), m[5].str()));
        else if (std::regex_search(line, m, folded))
            viewer_folded[m[1]] = m[2];
    }
    for (const auto& a : b.page("flows")["arcs"]) {
        const std::string origin = a["origin"].is_null() ? "others" : a["origin"].get<std::string>();
        pdf_flows.insert(fmt::format("{} {} {} {} {:.3f}", origin, a["park_id"].get<std::string>(), a["sector"].get<int>(),
                                     a["count"].get<int>(), a["area_mu"].get<double>()));
        if (a["origin"].is_null()) {
            std::string joined;
            for (const auto& o : a["origins"]) joined += (joined.empty() ? "" : "+") + o.get<std::string>();
            pdf_folded[a["park_id"]] = joined;
        }
    }
    CHECK(viewer_flows.size() == 29);
    CHECK(pdf_flows == viewer_flows);
    CHECK(!pdf_folded.empty());
    CHECK(pdf_folded == viewer_folded);
}

TEST_CASE("brief: the flows page's arcs cross no more than all bent alike, and are drawn where reported (issue 15)",
          "[brief][cli][issue15]") {
    const Briefed& b = briefed();
    const auto& page = b.page("flows");
    REQUIRE(page.contains("arcs"));
    const auto& drawn = page["arcs"];
    // Every flow has its arc on the sample city (no origin sits on its park).
    CHECK(drawn.size() == 29);
    std::vector<carto::Arc> arcs;
    std::vector<double> bends;
    for (const auto& a : drawn) {
        const carto::Arc arc{{a["from_x_pt"].get<double>(), a["from_y_pt"].get<double>()}, {a["to_x_pt"].get<double>(), a["to_y_pt"].get<double>()}};
        // The curve drawn is carto's arc of the bend reported.
        const geom::Point c = carto::arc_control(arc, a["bend"].get<double>());
        CHECK(c.x == Approx(a["control_x_pt"].get<double>()).margin(1e-6));
        CHECK(c.y == Approx(a["control_y_pt"].get<double>()).margin(1e-6));
        arcs.push_back(arc);
        bends.push_back(a["bend"].get<double>());
    }
    const int crossings = carto::count_crossings(arcs, bends);
    const int alike = carto::count_crossings(arcs, std::vector<double>(arcs.size(), carto::ArcLayoutOptions{}.default_bend));
    INFO(crossings << " crossings; " << alike << " with every arc bent alike");
    CHECK(crossings <= alike);
    // The layout did bend some arcs its own way: the sample city's alike layout is not its best.
    CHECK(std::any_of(bends.begin(), bends.end(), [](double x) { return x != carto::ArcLayoutOptions{}.default_bend; }));

    // The arcs are on the page where reported: at a third of each (clear of its
    // origin's dot and its park's symbol), the rendered pixel is not the map's background.
    const double dpi = 100, px = dpi / 72;
    const std::string png = *b.dir / "flows";
    REQUIRE(run_command(fmt::format("pdftoppm -f {0} -l {0} -r {1} -png -singlefile '{2}' '{3}'", page["page"].get<int>(), static_cast<int>(dpi),
                                    b.pdf, png)).exit_code == 0);
    const PngImage image = read_png_image(png + ".png");
    int on_background = 0;
    for (std::size_t k = 0; k < arcs.size(); ++k) {
        const geom::Point p = carto::arc_polyline(arcs[k], bends[k], 3)[1];
        if (image.at(static_cast<int>(p.x * px), static_cast<int>(p.y * px)) == 0xf7f6f2) ++on_background;
    }
    CHECK(on_background == 0);
}

TEST_CASE("brief: labels on the city map and the flows map never overlap, drawn where placed (issue 15)", "[brief][cli][issue15]") {
    const Briefed& b = briefed();
    SECTION("city map") {
        const auto& page = b.page("city_map");
        check_labels(b, page);
        // Every park and district is labelled: the sample city leaves room for all.
        CHECK(page["labels"].size() == b.info["parks"].size() + b.info["districts"].size());
        CHECK(page["dropped_labels"].empty());
    }
    SECTION("flows map") {
        const auto& page = b.page("flows");
        check_labels(b, page);
        std::size_t parks = 0, others = 0;
        for (const auto& l : page["labels"]) {
            parks += l["kind"] == "park";
            others += l["kind"] == "others";
        }
        CHECK(parks == b.info["parks"].size());
        CHECK(others >= 1);
    }
}

TEST_CASE("brief: the cover's quota left is parkcap plan's ledger (issue 15)", "[brief][cli][issue15]") {
    const Briefed& b = briefed();
    double available = 0, consumed = 0, remaining = 0;
    const auto& ledger = b.plan["quota_ledger"];
    REQUIRE(!ledger.empty());
    for (const auto& row : ledger) {
        available += row["opening_mu"].get<double>() + row["earned_mu"].get<double>();
        consumed += row["consumed_mu"].get<double>();
        remaining += row["remaining_mu"].get<double>();
    }
    CHECK(available - consumed == Approx(remaining).margin(1e-6));
    const auto cover = run_command(fmt::format("pdftotext -layout -f 1 -l 1 '{}' -", b.pdf));
    REQUIRE(cover.exit_code == 0);
    INFO(cover.out);
    // The tile: its title, the figure left, and the quota available and used.
    std::smatch tile;
    REQUIRE(std::regex_search(cover.out, tile, std::regex(R"(剩余用地指标[\s\S]*?([\d,]+\.\d)\s*亩)")));
    CHECK(tile[1] == grouped(remaining));
    CHECK(cover.out.find(fmt::format("可用 {} 亩，本方案使用 {} 亩", grouped(available), grouped(consumed))) != std::string::npos);
    // And each district's on the ledger page, in the ledger's order.
    const int ledger_page = b.page("ledger")["page"].get<int>();
    const auto text = run_command(fmt::format("pdftotext -layout -f {0} -l {0} '{1}' -", ledger_page, b.pdf));
    REQUIRE(text.exit_code == 0);
    for (const auto& row : ledger) {
        INFO(row["name"]);
        const std::regex line(fmt::format(R"({}\s+{}(?:\s+[\d,]+\.\d){{5}}\s+{}\s)", row["name"].get<std::string>(),
                                          std::regex_replace(grouped(row["opening_mu"].get<double>()), std::regex(R"([.])"), R"(\.)"),
                                          std::regex_replace(grouped(row["remaining_mu"].get<double>()), std::regex(R"([.])"), R"(\.)")));
        CHECK(std::regex_search(text.out, line));
    }
}

}  // namespace parkcap::test
