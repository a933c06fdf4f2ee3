// Issue 15: the sample city at city scale. Every park is drawn as a symbol (its
// pie's colours at its anchor), the labels the viewer placed (its headless
// report, OUT.labels.csv) overlap neither each other nor any symbol, district
// names come from the data, and in briefing mode the flows table stands beside
// the map.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>

#include "test_config.hpp"
#include "viewer/viewer_run.hpp"

using namespace parkcap::test;
using namespace parkcap::test::viewer;

namespace {

struct ReportRow {
    std::string kind, id, text;
    double box[4] = {0, 0, 0, 0};
    double radius = 0;
    bool leader = false;
};

/// The CSV the viewer writes next to its screenshot, read with a quote-aware split.
std::vector<ReportRow> read_report(const std::string& path) {
    std::ifstream in(path);
    REQUIRE(in);
    std::string line;
    std::getline(in, line);
    REQUIRE(line == "kind,id,x0,y0,x1,y1,leader,radius,text");
    std::vector<ReportRow> rows;
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::string cell;
        bool quoted = false;
        for (std::size_t i = 0; i < line.size(); ++i) {
            const char c = line[i];
            if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') cell += '"', ++i;
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) cells.push_back(cell), cell.clear();
            else cell += c;
        }
        cells.push_back(cell);
        REQUIRE(cells.size() == 9);
        ReportRow r;
        r.kind = cells[0];
        r.id = cells[1];
        for (int k = 0; k < 4; ++k) r.box[k] = std::stod(cells[2 + k]);
        r.leader = cells[6] == "1";
        r.radius = std::stod(cells[7]);
        r.text = cells[8];
        rows.push_back(r);
    }
    return rows;
}

bool disjoint(const double* a, const double* b) { return a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1]; }

bool clear_of_disc(const double* b, double cx, double cy, double r) {
    const double dx = cx - std::clamp(cx, b[0], b[2]), dy = cy - std::clamp(cy, b[1], b[3]);
    return dx * dx + dy * dy >= r * r;
}

struct CityShot {
    CommandResult run;
    std::string out;
    Image image;
    std::vector<ReportRow> report;
    std::map<std::string, std::vector<double>> symbols;  // park → cx, cy, diameter
};

CityShot city_shot(const ScratchDir& dir, const std::string& name, const std::string& extra) {
    CityShot s;
    const std::string png = dir / (name + ".png");
    s.run = run_viewer(std::string("'") + kSampleCityDir + "' --rules '" + kSampleCityDir +
                       "/rules.toml' --as-of 2026-06-30 --time-limit 5 --view city --size 1600x1000 --screenshot '" + png + "' " + extra);
    INFO(s.run.err);
    REQUIRE(s.run.exit_code == 0);
    s.image = read_png(png);
    s.report = read_report(dir / (name + ".labels.csv"));
    std::istringstream in(s.run.out);
    for (std::string line; std::getline(in, line);)
        if (line.rfind("symbol ", 0) == 0) {
            auto f = fields(line);
            std::istringstream w(line);
            std::string tag, id;
            w >> tag >> id;
            auto c = numbers(f["centre"]);
            s.symbols[id] = {c.at(0), c.at(1), std::stod(f["diameter"])};
        }
    return s;
}

}  // namespace

TEST_CASE("issue 15: at city scale every sample park is a symbol and no two labels overlap", "[viewer][screenshot][issue15]") {
    if (!viewer_available()) return;
    ScratchDir dir("viewer-city-view");
    const CityShot shot = city_shot(dir, "city", "--mode map --lang zh");
    const FrameInfo info = parse_frame_info(shot.run.out);
    REQUIRE(info.park_anchor.size() == 8);

    SECTION("every park has a symbol at its anchor, drawn over the land") {
        const Rgb background = parse_hex("f7f6f2");
        for (const auto& [id, anchor] : info.park_anchor) {
            INFO("park " << id);
            REQUIRE(shot.symbols.count(id));
            const auto& sym = shot.symbols.at(id);
            CHECK(sym[0] == Approx(anchor.first).margin(0.5));
            CHECK(sym[1] == Approx(anchor.second).margin(0.5));
            // At least the minimum size (4 mm at 96 dpi ≈ 15 px at this size's scale 1).
            CHECK(sym[2] >= 15);
            const int ax = static_cast<int>(std::lround(anchor.first)), ay = static_cast<int>(std::lround(anchor.second));
            REQUIRE(shot.image.inside(ax, ay));
            CHECK_FALSE(shot.image.at(ax, ay) == background);
        }
    }

    SECTION("with the parcels hidden, each anchor's neighbourhood is the pie's colours") {
        const CityShot bare = city_shot(dir, "bare", "--mode map --lang zh --hide parcels,outlines,flows,labels,districts,shoreline");
        const std::vector<Rgb> pie = {parse_hex("c0162c"), parse_hex("f4a259"), parse_hex("f2e394"), parse_hex("a7b2bd"),
                                      parse_hex("e3e1dc")};
        for (const auto& [id, anchor] : info.park_anchor) {
            INFO("park " << id);
            // Slices meet at the anchor, their anti-aliased edges blend: most pixels, not
            // all, are a slice's colour, and none is the map's or a park's own fill.
            int hit = 0, all = 0, ground = 0;
            for (int dy = -4; dy <= 4; ++dy)
                for (int dx = -4; dx <= 4; ++dx, ++all) {
                    const Rgb c = bare.image.at(static_cast<int>(anchor.first) + dx, static_cast<int>(anchor.second) + dy);
                    hit += std::find(pie.begin(), pie.end(), c) != pie.end();
                    ground += c == parse_hex("f7f6f2") || c == parse_hex("e4ecf4");
                }
            CHECK(hit > all * 0.45);
            CHECK(ground == 0);
        }
    }

    SECTION("the label report: no two labels overlap, none covers a symbol, district names from the data") {
        std::vector<const ReportRow*> labels, symbols;
        for (const auto& r : shot.report) (r.kind == "symbol" ? symbols : labels).push_back(&r);
        CHECK(symbols.size() == 8);
        REQUIRE(labels.size() >= 8);
        for (std::size_t i = 0; i < labels.size(); ++i) {
            for (std::size_t j = i + 1; j < labels.size(); ++j) {
                INFO(labels[i]->text << " / " << labels[j]->text);
                CHECK(disjoint(labels[i]->box, labels[j]->box));
            }
            for (const ReportRow* s : symbols) {
                INFO(labels[i]->text << " over symbol " << s->id);
                CHECK(clear_of_disc(labels[i]->box, (s->box[0] + s->box[2]) / 2, (s->box[1] + s->box[3]) / 2, s->radius));
            }
            // Inside the map.
            CHECK(labels[i]->box[0] >= info.canvas[0]);
            CHECK(labels[i]->box[2] <= info.canvas[2]);
        }
        // Every park is named at this scale on the sample city (there is room).
        std::set<std::string> parks;
        for (const ReportRow* l : labels)
            if (l->kind == "park") parks.insert(l->id);
        CHECK(parks.size() == 8);
        // District names from the districts layer, not codes.
        bool xinghua = false;
        for (const ReportRow* l : labels)
            if (l->kind == "district") {
                CHECK(l->text != l->id);
                xinghua |= l->id == "321281" && l->text == "兴化市";
            }
        CHECK(xinghua);
    }

    SECTION("the flows as laid out cross no more than all bent alike") {
        std::istringstream in(shot.run.out);
        bool found = false;
        for (std::string line; std::getline(in, line);)
            if (line.rfind("flow_layout ", 0) == 0) {
                auto f = fields(line);
                CHECK(std::stoi(f["crossings"]) <= std::stoi(f["crossings_alike"]));
                CHECK(std::stoi(f["arcs"]) > 10);
                found = true;
            }
        CHECK(found);
    }
}

TEST_CASE("issue 15: briefing mode puts the flows table beside the map", "[viewer][screenshot][issue15][briefing]") {
    if (!viewer_available()) return;
    ScratchDir dir("viewer-city-brief");
    const CityShot shot = city_shot(dir, "brief", "--mode briefing --lang zh");
    const FrameInfo info = parse_frame_info(shot.run.out);
    std::istringstream in(shot.run.out);
    std::vector<double> table;
    for (std::string line; std::getline(in, line);)
        if (line.rfind("flow_table ", 0) == 0) table = numbers(fields(line)["rect"]);
    REQUIRE(table.size() == 4);
    // Right of the map, below the band, and inked: it holds text.
    CHECK(table[0] >= info.canvas[2]);
    CHECK(table[1] >= info.canvas[1]);
    int dark = 0;
    for (int y = static_cast<int>(table[1]); y < static_cast<int>(table[3]); ++y)
        for (int x = static_cast<int>(table[0]); x < static_cast<int>(table[2]); ++x) {
            const Rgb c = shot.image.at(x, y);
            dark += c.r + c.g + c.b < 200;
        }
    CHECK(dark > 1000);
}
