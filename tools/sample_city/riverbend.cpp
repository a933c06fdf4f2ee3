// 澜州 (riverbend): the other kind of city, for benchmarks that must not fit the
// sample's shapes. A fictional prefecture (codes 3399xx) on the winding 澜江: seven
// districts, 41 parks of 2–40 km² (ten of them on straight reaches of the river,
// their port frontages among ~100 shoreline segments), twenty clusters outside the
// parks, irregular parcels (ParcelStyle::Irregular), about 30 % of the parcels
// flagged, and every layer in one GeoPackage in EPSG:4528. Its parks keep their size
// at every --parcels (10,000 to 10,000,000): more parcels are smaller parcels.
// docs/sample_city.md describes it.
//
// The geography is computed, not listed: drawn in km on a local plane (x east,
// y north of 119.30°E 28.75°N) and stored as longitude/latitude, which the
// generator projects into its metric frame like any definition's.
#include <algorithm>
#include <array>
#include <cmath>
#include <deque>
#include <numbers>
#include <string>

#include <fmt/format.h>

#include "city_definition.hpp"
#include "common.hpp"

namespace sample_city {

namespace {

constexpr double kLon0 = 119.30, kLat0 = 28.75;
constexpr double kKmPerDegLon = 97.6, kKmPerDegLat = 110.9;  // at 29°N
LonLat at_km(double x, double y) { return {kLon0 + x / kKmPerDegLon, kLat0 + y / kKmPerDegLat}; }

/// Names and texts made here live as long as the definition (it holds const char*).
const char* keep(std::string s) {
    static std::deque<std::string> store;
    store.push_back(std::move(s));
    return store.back().c_str();
}

constexpr int kRiversideParks = 10;
constexpr int kInlandParks = 31;
constexpr int kParkCount = kRiversideParks + kInlandParks;
constexpr int kClusters = 20;
constexpr double kReachMarginKm = 1.3;  ///< river reach beyond each end of a riverside park's frontage
constexpr double kSouthTopKm = 40, kNorthTopKm = 100;  ///< district rows: river..40 km, 40..100 km

struct DistrictSpec {
    const char* code;
    const char* name;
    const char* short_name;  ///< in park names
};
// South row (on the river, west to east), then the north row.
const std::array<DistrictSpec, 7> kDistrictSpecs = {{
    {"339902", "澜城区", "澜城"},
    {"339903", "港湾区", "港湾"},
    {"339904", "临澜区", "临澜"},
    {"339905", "东滩区", "东滩"},
    {"339981", "北山市", "北山"},
    {"339982", "青溪市", "青溪"},
    {"339921", "云岭县", "云岭"},
}};
constexpr std::array<double, 3> kSouthSplitKm = {35, 70, 105};  ///< near these x, at a river vertex
constexpr std::array<double, 2> kNorthSplitKm = {47, 93};

struct Theme {
    const char* key;
    const char* park_name;
    const char* themes;
    LandUseMix mix;
    std::vector<const char*> industries, logistics;
};
// GB/T 4754-2017 codes, as the sample's parks use them. Phase-out codes and
// chemicals appear only where planted or in the chemical park.
const std::vector<Theme>& themes() {
    static const std::vector<Theme> t = {
        {"pharma", "生物医药产业园", "C27;C358", {0.90, 0.0, 0.04, 0.0, 0.06, 0.0},
         {"C2710", "C2720", "C2740", "C2761", "C2762", "C2770", "C3581", "C3584", "C3589"}, {"G5920"}},
        {"electronics", "电子信息产业园", "C39;C38", {0.90, 0.0, 0.05, 0.0, 0.05, 0.0},
         {"C3911", "C3912", "C3921", "C3922", "C3971", "C3972", "C3973", "C3974", "C3976", "C3981", "C3982", "C3985",
          "C3823", "C3824", "C3825", "C3841", "C3872"},
         {"G5920"}},
        {"materials", "新材料产业园", "C29;C30;C32", {0.92, 0.02, 0.02, 0.0, 0.04, 0.0},
         {"C2911", "C2921", "C2922", "C2929", "C3021", "C3041", "C3061", "C3062", "C3091", "C3216", "C3240", "C3251",
          "C3252"},
         {"G5920"}},
        {"food", "绿色食品产业园", "C13;C14;C15", {0.90, 0.04, 0.03, 0.0, 0.03, 0.0},
         {"C1311", "C1391", "C1351", "C1361", "C1371", "C1411", "C1431", "C1432", "C1441", "C1462", "C1512", "C1513",
          "C1523", "C1530"},
         {"G5930", "G5951"}},
        {"machinery", "装备制造产业园", "C34;C35;C36;C38", {0.86, 0.04, 0.05, 0.0, 0.05, 0.0},
         {"C3411", "C3441", "C3443", "C3444", "C3451", "C3511", "C3521", "C3612", "C3660", "C3670", "C3823", "C3841"},
         {"G5920", "G5431"}},
        {"chemical", "化工园区", "C26", {0.88, 0.06, 0.02, 0.0, 0.04, 0.0},
         {"C2613", "C2614", "C2619", "C2631", "C2641", "C2651", "C2652", "C2653", "C2661", "C2662", "C2669"},
         {"G5942", "G5532"}},
        {"port_ship", "港口与船舶工业园", "C37;C33;G55", {0.70, 0.25, 0.02, 0.0, 0.03, 0.0},
         {"C3732", "C3734", "C3737", "C3311", "C3360"}, {"G5532", "G5920", "G5910"}},
        {"port_logistics", "港口物流园", "G54;G58;G59;G55", {0.20, 0.68, 0.08, 0.0, 0.04, 0.0},
         {"C3311", "C3670", "C3443", "C2231"}, {"G5431", "G5433", "G5810", "G5821", "G5910", "G5920", "G5930", "G5532"}},
    };
    return t;
}
const Theme& theme(std::string_view key) {
    for (const auto& t : themes())
        if (key == t.key) return t;
    fail(fmt::format("riverbend: no theme {}", key));
}

// Riverside parks, upstream to downstream: their theme, and the level of the river
// reach each fronts (km north of the origin).
constexpr std::array<const char*, kRiversideParks> kRiversideThemes = {
    "port_logistics", "port_ship", "machinery", "port_ship", "food",
    "port_logistics", "materials", "port_ship", "electronics", "port_logistics"};
constexpr std::array<double, kRiversideParks> kReachLevelKm = {0, 2, -1, 3, 1, -2, 2, 0, 3, -1};
/// The river between reaches (one more than the reaches: before the first, after
/// the last): length in x (km), meander half-waves and their amplitude (km).
struct Bend {
    double length_km;
    int half_waves;
    double amplitude_km;
};
constexpr std::array<Bend, kRiversideParks + 1> kBends = {{{5.0, 1, 1.5}, {6.5, 2, 2.0}, {7.0, 3, 2.5}, {6.0, 2, 1.8},
                                                          {8.0, 1, 2.2}, {6.5, 3, 2.5}, {7.5, 2, 2.0}, {6.0, 2, 1.6},
                                                          {7.0, 3, 2.4}, {6.5, 1, 1.8}, {5.0, 2, 1.5}}};
constexpr double kRiverStartLevelKm = 1, kRiverEndLevelKm = 0;
constexpr double kBendVertexKm = 0.25;  ///< vertex spacing along the bends

// Inland parks, by slot order: their themes (one chemical park, inland: no
// chemical land within 1 km of the river). The largest inland park is the
// city's economic-technological development zone, its general park.
constexpr std::array<const char*, 8> kInlandThemeCycle = {"pharma", "electronics", "materials", "food",
                                                          "machinery", "electronics", "pharma", "machinery"};

/// 41 park areas, 2 to 40 km² in geometric steps.
double park_area_km2(int k) { return 2.0 * std::pow(20.0, k / 40.0); }
/// Which of the 41 areas each park takes: riverside parks mid-sized ones (deep
/// enough for rows behind the river front, narrow enough for a reach), inland
/// parks the rest in a shuffled order.
struct AreaPlan {
    std::array<int, kRiversideParks> riverside;
    std::array<int, kInlandParks> inland;
};
AreaPlan area_plan() {
    AreaPlan plan{};
    std::array<bool, kParkCount> used{};
    for (int i = 0; i < kRiversideParks; ++i) {
        const int k = 14 + 2 * ((i * 7) % kRiversideParks);  // 14, 16, ... 32 (5.7-22 km²), spread along the river
        plan.riverside[static_cast<std::size_t>(i)] = k;
        used[static_cast<std::size_t>(k)] = true;
    }
    int n = 0;
    for (int step = 0; step < kParkCount; ++step) {
        const int k = (step * 17) % kParkCount;  // 17 and 41 coprime: every area once
        if (!used[static_cast<std::size_t>(k)]) plan.inland[static_cast<std::size_t>(n++)] = k;
    }
    return plan;
}

/// Riverside park outline (local km: x along the reach, y inland from the setback).
KmRing riverside_outline(double w, double h) {
    return {{-w / 2, 0}, {w / 2, 0}, {w / 2, h * 0.7}, {w * 0.25, h}, {-w / 2, h}};
}
double riverside_width_km(double area_km2) { return std::sqrt(2 * area_km2); }  // twice as wide as deep

/// Inland park outline, centred: 1.3 : 1 with a cut corner and a notch.
KmRing inland_outline(double area_km2) {
    const double w = std::sqrt(1.3 * area_km2 / 0.93375), h = w / 1.3;  // the cuts take 6.625 %
    return {{-w / 2, -h / 2}, {w * 0.15, -h / 2}, {w * 0.3, -h * 0.35}, {w / 2, -h * 0.35}, {w / 2, h * 0.25},
            {w * 0.3, h / 2}, {-w / 2, h / 2}};
}

KmRing cluster_outline(double w, double h) {
    return {{-w / 2, -h / 2}, {w / 2, -h / 2}, {w / 2, h * 0.3}, {w * 0.25, h / 2}, {-w / 2, h / 2}};
}

const char* const kPlaceNames[kParkCount] = {
    "白沙", "石门", "柳溪", "金塘", "桃源", "枫岭", "梅湾", "松涛", "竹港", "兰亭", "荷塘", "杏林", "桂湖", "云台",
    "玉泉", "青石", "龙湾", "凤鸣", "鹤洲", "鹿港", "清泉", "明珠", "银杏", "望江", "临风", "平湖", "长滩", "新港",
    "东湖", "西岭", "南浦", "北渚", "丹霞", "翠屏", "紫荆", "黄泥", "赤岸", "碧波", "锦绣", "宝山", "瑞丰"};

struct Geography {
    std::vector<std::pair<double, double>> river_km;
    std::array<std::size_t, kRiversideParks> reach_start{};  ///< river vertex index of each reach's upstream end
    std::array<std::size_t, kSouthSplitKm.size()> south_split{};  ///< river vertex of each south-row boundary
};

Geography geography() {
    Geography g;
    const AreaPlan plan = area_plan();
    double x = 0, y = kRiverStartLevelKm;
    g.river_km.push_back({x, y});
    auto bend = [&](const Bend& b, double to_y) {
        // A graph over x (so the bank never crosses itself): a smooth step between
        // the two reach levels plus half-waves of a sine, sampled every ~250 m.
        const double x0 = x, y0 = y;
        auto at = [&](double t) {
            const double s = t * t * (3 - 2 * t);
            return std::pair{x0 + b.length_km * t, y0 + (to_y - y0) * s + b.amplitude_km * std::sin(std::numbers::pi * b.half_waves * t)};
        };
        constexpr int kSteps = 4000;
        double since = 0;
        auto last = g.river_km.back();
        for (int i = 1; i < kSteps; ++i) {
            const auto q = at(static_cast<double>(i) / kSteps);
            since += std::hypot(q.first - last.first, q.second - last.second);
            last = q;
            if (since >= kBendVertexKm) g.river_km.push_back(q), since = 0;
        }
        g.river_km.push_back(at(1.0));
        x = g.river_km.back().first, y = g.river_km.back().second;
    };
    for (int i = 0; i < kRiversideParks; ++i) {
        const double level = kReachLevelKm[static_cast<std::size_t>(i)];
        bend(kBends[static_cast<std::size_t>(i)], level);
        g.reach_start[static_cast<std::size_t>(i)] = g.river_km.size() - 1;
        const double w = riverside_width_km(park_area_km2(plan.riverside[static_cast<std::size_t>(i)]));
        x += w + 2 * kReachMarginKm;
        g.river_km.push_back({x, level});
    }
    bend(kBends.back(), kRiverEndLevelKm);
    // South-row boundaries at the bend vertex nearest each split (never inside a reach,
    // which has no vertex inside it).
    for (std::size_t s = 0; s < kSouthSplitKm.size(); ++s) {
        std::size_t best = 1;
        for (std::size_t i = 1; i + 1 < g.river_km.size(); ++i)
            if (std::abs(g.river_km[i].first - kSouthSplitKm[s]) < std::abs(g.river_km[best].first - kSouthSplitKm[s])) best = i;
        g.south_split[s] = best;
    }
    return g;
}

/// Which district (index into kDistrictSpecs) holds the point at x, y (km).
std::size_t district_at(const Geography& g, double x, double y) {
    if (y < kSouthTopKm) {
        std::size_t d = 0;
        for (std::size_t s : g.south_split) d += x > g.river_km[s].first;
        return d;
    }
    std::size_t d = 4;
    for (double s : kNorthSplitKm) d += x > s;
    return d;
}

void add_districts(CityDefinition& c, const Geography& g) {
    auto vertex = [&](std::string name, double x, double y) {
        const char* n = keep(std::move(name));
        c.vertices.push_back({n, at_km(x, y)});
        return n;
    };
    std::vector<const char*> river_names;
    for (std::size_t i = 0; i < g.river_km.size(); ++i)
        river_names.push_back(vertex(fmt::format("R{:03d}", i), g.river_km[i].first, g.river_km[i].second));
    const double x_end = g.river_km.back().first;
    // The 40 km line carries every split of both rows, so shared edges share vertices.
    std::vector<double> mid_x = {0, x_end};
    for (std::size_t s : g.south_split) mid_x.push_back(g.river_km[s].first);
    for (double s : kNorthSplitKm) mid_x.push_back(s);
    std::sort(mid_x.begin(), mid_x.end());
    std::vector<const char*> mid_names, top_names;
    for (std::size_t i = 0; i < mid_x.size(); ++i) mid_names.push_back(vertex(fmt::format("M{}", i), mid_x[i], kSouthTopKm));
    std::vector<double> top_x = {0, kNorthSplitKm[0], kNorthSplitKm[1], x_end};
    for (std::size_t i = 0; i < top_x.size(); ++i) top_names.push_back(vertex(fmt::format("T{}", i), top_x[i], kNorthTopKm));
    auto mid_index = [&](double xv) {
        return static_cast<std::size_t>(std::find(mid_x.begin(), mid_x.end(), xv) - mid_x.begin());
    };
    // South row: along the bank (land to its left), up the east edge, back along 40 km.
    std::vector<std::size_t> bounds = {0};
    for (std::size_t s : g.south_split) bounds.push_back(s);
    bounds.push_back(g.river_km.size() - 1);
    for (std::size_t d = 0; d + 1 < bounds.size(); ++d) {
        DistrictDef def{kDistrictSpecs[d].code, kDistrictSpecs[d].name, {}};
        for (std::size_t i = bounds[d]; i <= bounds[d + 1]; ++i) def.ring.push_back(river_names[i]);
        const std::size_t east = mid_index(g.river_km[bounds[d + 1]].first), west = mid_index(g.river_km[bounds[d]].first);
        for (std::size_t m = east + 1; m-- > west;) def.ring.push_back(mid_names[m]);
        c.districts.push_back(std::move(def));
    }
    // North row: along 40 km eastward, then the top edge back.
    for (std::size_t d = 0; d + 1 < top_x.size(); ++d) {
        DistrictDef def{kDistrictSpecs[4 + d].code, kDistrictSpecs[4 + d].name, {}};
        for (std::size_t m = mid_index(top_x[d]); m <= mid_index(top_x[d + 1]); ++m) def.ring.push_back(mid_names[m]);
        def.ring.push_back(top_names[d + 1]);
        def.ring.push_back(top_names[d]);
        c.districts.push_back(std::move(def));
    }
}

/// Slots for inland pools: three columns in each district, two rows in the
/// south row (away from the river), four in the north row: 60 in all.
std::vector<std::pair<double, double>> slots(const Geography& g) {
    std::vector<std::pair<double, double>> out;
    std::vector<double> south = {0};
    for (std::size_t s : g.south_split) south.push_back(g.river_km[s].first);
    south.push_back(g.river_km.back().first);
    const std::vector<double> north = {0, kNorthSplitKm[0], kNorthSplitKm[1], g.river_km.back().first};
    auto row = [&](const std::vector<double>& edges, double y) {
        for (std::size_t d = 0; d + 1 < edges.size(); ++d)
            for (int i = 0; i < 3; ++i) out.push_back({edges[d] + (edges[d + 1] - edges[d]) * (i + 0.5) / 3, y});
    };
    for (double y : {19.0, 33.0}) row(south, y);
    for (double y : {47.5, 62.5, 77.5, 92.5}) row(north, y);
    return out;
}

void add_pools(CityDefinition& c, const Geography& g) {
    const AreaPlan plan = area_plan();
    // Riverside parks on their reaches.
    for (int i = 0; i < kRiversideParks; ++i) {
        const auto ii = static_cast<std::size_t>(i);
        const Theme& t = theme(kRiversideThemes[ii]);
        const double area = park_area_km2(plan.riverside[ii]), w = riverside_width_km(area);
        const std::size_t s = g.reach_start[ii];
        const auto [x0, y0] = g.river_km[s];
        const std::size_t d = district_at(g, x0 + kReachMarginKm + w / 2, y0 + 1);
        PoolDef p{keep(fmt::format("P{:02d}", i + 1)),
                  keep(fmt::format("{}{}{}", kDistrictSpecs[d].short_name, kPlaceNames[ii], t.park_name)),
                  area >= 12 ? "provincial" : "municipal",
                  kDistrictSpecs[d].code,
                  t.themes,
                  0,
                  static_cast<int>(s),
                  0.5,
                  {0, 0},
                  0,
                  {riverside_outline(w, area / (0.9625 * w))},  // the cut corner takes 3.75 %
                  {},
                  t.mix,
                  t.industries,
                  t.logistics};
        c.pools.push_back(std::move(p));
    }
    // Inland parks and the clusters in the slots, spread by a stride through them.
    const auto all = slots(g);
    std::vector<std::pair<double, double>> order;
    for (std::size_t k = 0; k < all.size(); ++k) order.push_back(all[(k * 23) % all.size()]);  // 23, 60 coprime
    int largest = 0;
    for (int i = 0; i < kInlandParks; ++i)
        if (plan.inland[static_cast<std::size_t>(i)] > plan.inland[static_cast<std::size_t>(largest)]) largest = i;
    bool chemical_placed = false;
    for (int i = 0; i < kInlandParks; ++i) {
        const auto ii = static_cast<std::size_t>(i);
        const auto [x, y] = order[ii];
        const double area = park_area_km2(plan.inland[ii]);
        const std::size_t d = district_at(g, x, y);
        // One chemical park, the first mid-sized inland park after P12 (P11 and P12
        // hold planted records that must be outside a chemical park).
        const bool chemical = !chemical_placed && i >= 2 && area >= 8 && area <= 16;
        chemical_placed |= chemical;
        const Theme& t = i == largest ? theme("machinery") : chemical ? theme("chemical") : theme(kInlandThemeCycle[ii % kInlandThemeCycle.size()]);
        const std::string name = i == largest ? fmt::format("{}经济技术开发区", kDistrictSpecs[d].short_name)
                                              : fmt::format("{}{}{}", kDistrictSpecs[d].short_name,
                                                            kPlaceNames[kRiversideParks + ii], t.park_name);
        const char* level = i == largest || area >= 30 ? "national" : area >= 8 ? "provincial" : "municipal";
        PoolDef p{keep(fmt::format("P{:02d}", kRiversideParks + i + 1)),
                  keep(name),
                  level,
                  kDistrictSpecs[d].code,
                  t.themes,
                  chemical ? 1 : 0,
                  -1,
                  0,
                  at_km(x, y),
                  static_cast<double>((i * 7) % 31 - 15),  // -15..15°
                  {inland_outline(area)},
                  {},
                  t.mix,
                  t.industries,
                  t.logistics};
        c.pools.push_back(std::move(p));
    }
    if (!chemical_placed) fail("riverbend: no park took the chemical theme");
    c.general_parks = {c.pools[static_cast<std::size_t>(kRiversideParks + largest)].id};
    const LandUseMix cluster_mix = {0.45, 0.05, 0.13, 0.22, 0.10, 0.05};
    for (int i = 0; i < kClusters; ++i) {
        const auto [x, y] = order[static_cast<std::size_t>(kInlandParks + i)];
        const std::size_t d = district_at(g, x, y);
        c.pools.push_back({keep(fmt::format("C{:02d}", i + 1)), "", "outside", kDistrictSpecs[d].code, "", 0, -1, 0,
                           at_km(x, y), static_cast<double>((i * 11) % 25 - 12),
                           // 4-5 km² each: the clusters' parcels are as small as the parks' at any N.
                           {cluster_outline(2.2 + 0.1 * (i % 5), 1.9 + 0.1 * (i % 3))}, {}, cluster_mix,
                           {"C1311", "C1391", "C1432", "C1711", "C1810", "C2110", "C2231", "C2922", "C2929", "C3021",
                            "C3130", "C3252", "C3311", "C3360", "C3443", "C3451", "C3670", "C3823", "C3982", "C4190"},
                           {"G5920", "G5431"}});
    }
}

/// Port stretches with nobody's land behind them, reserves and protected banks
/// between the parks, in pieces of about 2.1 km (so ~100 segments in all); each
/// riverside park's frontage developed port shoreline between 400 m buffers.
void plan_shoreline(ShorePlan& plan, const FrontageFn& frontage) {
    static const char* const kCycle[][2] = {{"develop", "1"}, {"protect", "0"}, {"reserve", "0"},
                                            {"control", "1"}, {"protect", "0"}, {"develop", "1"}};
    constexpr double buf = 400, piece = 2100;
    int zone = 0;
    auto fill = [&](double a, double b) {
        const int n = std::max(1, static_cast<int>(std::lround((b - a) / piece)));
        for (int k = 0; k < n; ++k) {
            const auto& z = kCycle[zone++ % std::size(kCycle)];
            plan.add(a + (b - a) * k / n, a + (b - a) * (k + 1) / n, z[0], z[1][0] == '1');
        }
    };
    double at = 0;
    for (int park = 0; park < kRiversideParks; ++park) {
        const auto [from, to] = frontage(park, 0);
        if (from - buf <= at) fail("riverbend: no room for the shoreline plan before a riverside park");
        fill(at, from - buf);
        plan.add(from - buf, from, "control", 0);
        plan.add(from, to, "develop", 1);
        plan.add(to, to + buf, "control", 0);
        at = to + buf;
    }
    fill(at, plan.length_m());
}

std::vector<SpecialDef> specials() {
    // Parks by index: P11 (index 10) and P12 are inland; P02 a riverside shipyard park.
    constexpr int kInland = kRiversideParks, kShip = 1, kOutside = kParkCount;
    return {
        {"S01", kInland, SpecialKind::SuppliedDue, D(2025, 6, 30), kNaN, kNaN, nullptr,
         "supplied, start_due 2025-06-30 (exactly 1 year before as-of)", "IDLE_FEE (满一年 counts)", "IDLE_FEE"},
        {"S02", kInland, SpecialKind::SuppliedDue, D(2025, 7, 1), kNaN, kNaN, nullptr,
         "supplied, start_due 2025-07-01 (364 days)", "SUPPLIED_UNUSED, 1 day until idle", "SUPPLIED_UNUSED"},
        {"S09", kInland + 1, SpecialKind::Halted, D(2024, 10, 15), kNaN, kNaN, nullptr,
         "building, halted 2024-10-15, dev_ratio and inv_done empty", "IDLE_SUSPECT", "IDLE_SUSPECT"},
        {"S10", kOutside, SpecialKind::ApprovedOn, D(2024, 6, 30), kNaN, kNaN, nullptr,
         "approved 2024-06-30 (exactly 2 years)", "APPROVED_UNSUPPLIED band 1 (2-5 y)", "APPROVED_UNSUPPLIED/band1"},
        {"PO1", kShip, SpecialKind::PolicyIndustry, kNoDay, kNaN, kNaN, "C3731", "built shipyard (金属船舶制造)", "PHASE_OUT"},
        {"PO4", kOutside, SpecialKind::PolicyIndustry, kNoDay, kNaN, kNaN, "C3110", "built ironworks (炼铁)", "PHASE_OUT"},
        {"CH1", kInland + 1, SpecialKind::PolicyIndustry, kNoDay, kNaN, kNaN, "C2651", "built resin plant outside the chemical park",
         "CHEM_OUTSIDE_PARK"},
        {"CH7", kOutside, SpecialKind::PolicyIndustry, kNoDay, kNaN, kNaN, "C2631", "built pesticide plant", "CHEM_OUTSIDE_PARK"},
    };
}

std::vector<ProjectKind> project_kinds() {
    using P = Problem;
    const std::vector<std::pair<const char*, double>> any = {{"339902", 1}, {"339903", 1}, {"339904", 1}, {"339905", 1},
                                                             {"339981", 1}, {"339982", 1}, {"339921", 1}};
    const std::vector<std::pair<const char*, double>> riverside = {{"339902", 1}, {"339903", 1.5}, {"339904", 1}, {"339905", 1}};
    return {
        {"pharma", 24, {"C2710", "C2720", "C2740", "C2761", "C2762", "C3581", "C3584"}, any, 0,
         {{P::LowTax, 2}, {P::LandGrab, 1}, {P::Major, 2}}, 350, 1200, 25, 120, 55, 95},
        {"chemical", 10, {"C2614", "C2641", "C2651", "C2661", "C2662", "C2631"}, any, 0, {{P::EiaFail, 2}, {P::Major, 1}},
         300, 800, 20, 90, 40, 85},
        {"chemical_riverfront", 2, {"C2614", "C2651"}, riverside, 1, {}, 300, 800, 20, 90, 40, 85},
        {"ship_riverfront", 8, {"C3737", "C3734", "C3732"}, riverside, 1, {}, 300, 800, 20, 90, 35, 80},
        {"port_riverfront", 12, {"G5532", "G5532", "G5920", "G5810"}, riverside, 1, {{P::Major, 2}}, 300, 700, 16, 40, 20, 70},
        {"food", 16, {"C1311", "C1391", "C1361", "C1432", "C1441", "C1462", "C1513", "C1523"}, any, 0,
         {{P::EiaFail, 1}, {P::LowInvestment, 2}, {P::LowTax, 1}, {P::LandGrab, 1}}, 300, 700, 20, 70, 20, 70},
        {"electronics", 22, {"C3973", "C3972", "C3982", "C3921", "C3976", "C3841", "C3825"}, any, 0,
         {{P::LowInvestment, 2}, {P::LandGrab, 1}, {P::Major, 2}}, 350, 1200, 25, 120, 55, 95},
        {"materials", 16, {"C3252", "C3251", "C3061", "C3062", "C2922", "C2929", "C3240", "C3091"}, any, 0,
         {{P::EiaFail, 2}, {P::LowInvestment, 1}, {P::LowTax, 1}, {P::LandGrab, 1}, {P::Major, 1}}, 300, 800, 20, 90, 40, 85},
        {"machinery", 22, {"C3444", "C3451", "C3443", "C3511", "C3612", "C3670", "C3823"}, any, 0,
         {{P::EiaFail, 1}, {P::LowInvestment, 2}, {P::LowTax, 2}, {P::LandGrab, 1}, {P::Major, 2}}, 300, 800, 20, 90, 35, 85},
        {"other", 6, {"C1711", "C1810", "C2231", "C4190", "C2110", "C3311"}, any, 0, {{P::LowInvestment, 1}, {P::LowTax, 1}},
         300, 600, 20, 60, 10, 50},
        {"logistics", 6, {"G5431", "G5920", "G5930"}, any, 0, {}, 300, 600, 16, 40, 20, 60},
        {"negative_list", 8, {"C3110", "C3110", "C3120", "C3120", "C3731", "C3731", "C2511", "C2511"}, any, 0, {}, 300, 700,
         20, 60, 10, 50},
    };
}

/// Land used worse than in the sample: about 30 % of the parcels flagged.
std::vector<CaseShare> case_shares() {
    return {
        {kBuiltLowFar, 0.050, 0.045},          {kBuiltLowCoverage, 0.035, 0.030},
        {kBuiltLowInvestment, 0.035, 0.035},   {kBuiltLowTax, 0.050, 0.050},
        {kBuiltLowMulti, 0.025, 0.025},        {kBuildingIdleFee, 0.010, 0.010},
        {kBuildingIdleTakeback, 0.008, 0.008}, {kSuppliedWatch, 0.050, 0.050},
        {kSuppliedIdleFee, 0.015, 0.015},      {kSuppliedIdleTakeback, 0.012, 0.012},
        {kApprovedUnder2, 0.025, 0.025},       {kApproved2to5, 0.020, 0.020},
        {kApprovedOver5, 0.015, 0.015},
    };
}

}  // namespace

const CityDefinition& riverbend() {
    static const CityDefinition city = [] {
        CityDefinition c;
        c.key = "riverbend";
        c.parcel_id_prefix = "LZ";
        c.parks_scale_with_parcels = false;
        c.min_parcels = 10000;  // below, the smallest parks get fewer blocks than parcels need
        c.max_parcels = 10000000;
        c.parcel_style = ParcelStyle::Irregular;
        c.output = OutputFormat::GeoPackageOneCrs;
        c.case_shares = case_shares();
        const Geography g = geography();
        for (auto [x, y] : g.river_km) c.river.push_back(at_km(x, y));
        add_districts(c, g);
        add_pools(c, g);
        c.park_count = kParkCount;
        c.misfit_industries = {"C1711", "C1810", "C2110", "C2231", "C3130", "C3311", "C3360", "C2929", "C4190", "C3670"};
        c.commercial_industries = {"F5211", "F5212", "H6110", "H6210", "L7211"};
        c.name_prefixes = {"浙江", 0.15, "澜州", {{"339981", "北山", 1}, {"339982", "青溪", 1}, {"339921", "云岭", 1}}};
        c.specials = specials();
        c.plan_shoreline = plan_shoreline;
        c.project_kinds = project_kinds();
        c.rules_header = "# 澜州 (make_sample_city OUT --city riverbend): the city's own rules, laid over\n"
                         "# parkcap's built-in rules (docs/rules.md):\n"
                         "# parkcap audit OUT --rules OUT/rules.toml --as-of 2026-06-30 --out AUDIT.gpkg\n"
                         "# `parkcap rules --rules OUT/rules.toml` prints the effective rules.\n\n";
        c.quota_mu = {{"339902", 150}, {"339903", 220}, {"339904", 120}, {"339905", 90},
                      {"339981", 60},  {"339982", 0},   {"339921", 40}};
        c.earned_before_mu = {{"339902", 25}, {"339903", 40}, {"339982", 10}};
        return c;
    }();
    return city;
}

}  // namespace sample_city
