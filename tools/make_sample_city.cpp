// make_sample_city: writes the bundled sample city of parkcap (data/shapefiles/).
//
//   make_sample_city OUT_DIR [--parcels N] [--seed S]
//
// The sample is a Taizhou(泰州)-like riverside city: six districts tiling the land
// north-east of the Yangtze, eight industrial parks, the Yangtze shoreline cut into
// function-zone segments, ~6,000 land parcels, ~200 investment projects and the
// districts' land quota. Every audit case the engine knows is planted on purpose,
// with a known count (docs/sample_city.md lists them), plus a handful of realistic
// data errors for the loader to report.
//
// Layers (DATA.md field names and types), each with .prj and a .cpg of UTF-8:
//   parks.shp      EPSG:4490 (CGCS2000 longitude/latitude)
//   shoreline.shp  EPSG:4549 (CGCS2000 3-degree GK, CM 120E, no zone prefix)
//   parcels.shp    EPSG:4528 (CGCS2000 3-degree GK zone 40, zone-prefixed eastings)
//   districts.shp  EPSG:4490
//   projects.csv   UTF-8 with BOM;  quota.csv  UTF-8 without BOM
// Three CRSs on purpose: the engine must reconcile them, as it must with bureau data.
//
// Design choices:
// - Deterministic: the same arguments give byte-identical files. Randomness comes
//   from splitmix64 written here (std:: distributions differ between standard
//   libraries), every random stream is keyed by (seed, purpose, indices) rather than
//   drawn from one sequence, iteration order is fixed, and the DBF header date is
//   pinned with DBF_DATE_LAST_UPDATE.
// - One metric frame: everything is built in EPSG:4528 metres and transformed to
//   each layer's CRS with OGRCoordinateTransformation at write time. Edges that are
//   straight in metres are densified before going to longitude/latitude, so shared
//   boundaries stay shared to the millimetre after the engine reprojects them.
// - Scales: --parcels 100000 or 1000000 builds the same city with larger parks
//   (up to 2x linear) and smaller parcels. Parcels stream to disk block by block;
//   only per-parcel case bytes (three bytes a parcel) stay in memory.
// - Cases, not dice: each parcel gets an audit case (built and compliant, idle for
//   1-2 years, approved 2-5 years ago...) from an exact, shuffled quota per park,
//   and its attributes are drawn inside that case's range with a margin from every
//   threshold. So the counts in the summary are the findings the engine must make.
//
// It depends on GDAL and fmt only (not on the engine), so it cannot inherit the
// engine's bugs: it is the independent ground truth the engine is tested against.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <numbers>
#include <numeric>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <cpl_conv.h>
#include <cpl_string.h>
#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

namespace {

namespace fs = std::filesystem;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kM2PerMu = 10000.0 / 15.0;  // 1 亩 = 1/15 ha

[[noreturn]] void fail(const std::string& message) { throw std::runtime_error(message); }

// ============================================================================
// Random numbers: splitmix64, keyed streams
// ============================================================================

uint64_t splitmix_next(uint64_t& state) {
    state += 0x9E3779B97F4A7C15ull;
    uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

uint64_t mix64(uint64_t x) { return splitmix_next(x); }

/// Purposes of random streams; a stream is keyed by (seed, purpose, a, b), so adding
/// a draw in one place never shifts the numbers drawn anywhere else.
enum Stream : uint64_t { kLayout = 1, kBlockGeometry, kCaseShuffle, kSpecialPick, kAttributes, kProjects };

uint64_t stream_key(uint64_t seed, uint64_t purpose, uint64_t a = 0, uint64_t b = 0) {
    uint64_t h = mix64(seed ^ 0x243F6A8885A308D3ull);
    h = mix64(h ^ purpose);
    h = mix64(h ^ a);
    return mix64(h ^ b);
}

class Rng {
public:
    explicit Rng(uint64_t key) : state_(key) {}
    uint64_t next() { return splitmix_next(state_); }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
    double between(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    double log_between(double lo, double hi) { return std::exp(between(std::log(lo), std::log(hi))); }
    int64_t int_between(int64_t lo, int64_t hi) {  // inclusive
        return lo + static_cast<int64_t>(next() % static_cast<uint64_t>(hi - lo + 1));
    }
    bool chance(double p) { return uniform() < p; }
    template <class T>
    const T& pick(const std::vector<T>& v) { return v[static_cast<std::size_t>(next() % v.size())]; }
    template <class T>
    void shuffle(std::vector<T>& v) {
        for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[static_cast<std::size_t>(next() % i)]);
    }

private:
    uint64_t state_;
};

// ============================================================================
// Dates as day numbers (days since 1970-01-01, proleptic Gregorian)
// ============================================================================

using Day = int32_t;
constexpr Day kNoDay = std::numeric_limits<Day>::min();

constexpr Day days_from_civil(int y, unsigned m, unsigned d) {
    y -= m <= 2 ? 1 : 0;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int>(doe) - 719468;
}

struct Ymd {
    int y;
    unsigned m, d;
};

Ymd civil_from_days(Day z) {
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int y = static_cast<int>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {y + (m <= 2 ? 1 : 0), m, d};
}

constexpr Day D(int y, unsigned m, unsigned d) { return days_from_civil(y, m, d); }

/// The audit date the sample is designed for (docs/sample_city.md).
constexpr Day kAsOf = D(2026, 6, 30);

Day random_day(Rng& r, Day lo, Day hi) { return static_cast<Day>(r.int_between(lo, hi)); }

// ============================================================================
// Planar geometry (metres)
// ============================================================================

struct Pt {
    double x = 0, y = 0;
};
Pt operator+(Pt a, Pt b) { return {a.x + b.x, a.y + b.y}; }
Pt operator-(Pt a, Pt b) { return {a.x - b.x, a.y - b.y}; }
Pt operator*(Pt a, double s) { return {a.x * s, a.y * s}; }
double dot(Pt a, Pt b) { return a.x * b.x + a.y * b.y; }
double cross(Pt a, Pt b) { return a.x * b.y - a.y * b.x; }
double norm(Pt a) { return std::hypot(a.x, a.y); }
Pt lerp(Pt a, Pt b, double t) { return t == 1.0 ? b : a + (b - a) * t; }  // exact at both ends
bool operator==(Pt a, Pt b) { return a.x == b.x && a.y == b.y; }

using Ring = std::vector<Pt>;  ///< open ring: the first point is not repeated

/// Shoelace area, positive counter-clockwise; relative to the first vertex so that
/// zone-prefixed eastings (4e7) lose no precision.
double signed_area(const Ring& r) {
    double s = 0;
    for (std::size_t i = 1; i + 1 < r.size(); ++i) s += cross(r[i] - r[0], r[i + 1] - r[0]);
    return s / 2;
}

void make_ccw(Ring& r) {
    if (signed_area(r) < 0) std::reverse(r.begin(), r.end());
}

bool point_in_ring(Pt p, const Ring& r) {
    bool inside = false;
    for (std::size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) {
        if ((r[i].y > p.y) != (r[j].y > p.y) &&
            p.x < (r[j].x - r[i].x) * (p.y - r[i].y) / (r[j].y - r[i].y) + r[i].x)
            inside = !inside;
    }
    return inside;
}

bool segments_touch(Pt a, Pt b, Pt c, Pt d) {
    const double d1 = cross(b - a, c - a), d2 = cross(b - a, d - a);
    const double d3 = cross(d - c, a - c), d4 = cross(d - c, b - c);
    if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
    auto on = [](Pt p, Pt q, Pt r) {  // r on segment pq, given collinear
        return std::min(p.x, q.x) <= r.x && r.x <= std::max(p.x, q.x) && std::min(p.y, q.y) <= r.y &&
               r.y <= std::max(p.y, q.y);
    };
    return (d1 == 0 && on(a, b, c)) || (d2 == 0 && on(a, b, d)) || (d3 == 0 && on(c, d, a)) || (d4 == 0 && on(c, d, b));
}

double point_segment_distance(Pt p, Pt a, Pt b) {
    const Pt ab = b - a;
    const double len2 = dot(ab, ab);
    const double t = len2 > 0 ? std::clamp(dot(p - a, ab) / len2, 0.0, 1.0) : 0.0;
    return norm(p - (a + ab * t));
}

/// Minimum distance between two chains of vertices (closed rings or open polylines);
/// 0 when they cross. Used only for placement checks and statistics.
double chain_distance(const std::vector<Pt>& a, bool a_closed, const std::vector<Pt>& b, bool b_closed) {
    const std::size_t na = a_closed ? a.size() : a.size() - 1, nb = b_closed ? b.size() : b.size() - 1;
    double best = std::numeric_limits<double>::max();
    for (std::size_t i = 0; i < na; ++i) {
        const Pt a0 = a[i], a1 = a[(i + 1) % a.size()];
        for (std::size_t j = 0; j < nb; ++j) {
            const Pt b0 = b[j], b1 = b[(j + 1) % b.size()];
            if (segments_touch(a0, a1, b0, b1)) return 0;
            best = std::min({best, point_segment_distance(a0, b0, b1), point_segment_distance(a1, b0, b1),
                             point_segment_distance(b0, a0, a1), point_segment_distance(b1, a0, a1)});
        }
    }
    return best;
}

/// A polygon of one or more parts, with holes (all rings stored counter-clockwise).
struct Poly {
    std::vector<Ring> parts;
    std::vector<Ring> holes;
};

double area(const Poly& p) {
    double a = 0;
    for (const auto& r : p.parts) a += std::abs(signed_area(r));
    for (const auto& r : p.holes) a -= std::abs(signed_area(r));
    return a;
}

bool ring_crosses_ring(const Ring& a, const Ring& b) {
    for (std::size_t i = 0; i < a.size(); ++i)
        for (std::size_t j = 0; j < b.size(); ++j)
            if (segments_touch(a[i], a[(i + 1) % a.size()], b[j], b[(j + 1) % b.size()])) return true;
    return false;
}

/// Whether ring `inner` lies inside polygon `p` (inside one part, clear of holes).
bool ring_inside(const Ring& inner, const Poly& p) {
    bool in_some_part = false;
    for (const auto& part : p.parts) {
        if (ring_crosses_ring(inner, part)) continue;
        bool all = true;
        for (Pt q : inner) all &= point_in_ring(q, part);
        if (all) in_some_part = true;
    }
    if (!in_some_part) return false;
    for (const auto& h : p.holes) {
        if (ring_crosses_ring(inner, h)) return false;
        if (point_in_ring(h[0], inner) || point_in_ring(inner[0], h)) return false;
    }
    return true;
}

double poly_distance(const Poly& a, const Poly& b) {
    double best = std::numeric_limits<double>::max();
    for (const auto& ra : a.parts)
        for (const auto& rb : b.parts) {
            if (point_in_ring(ra[0], rb) || point_in_ring(rb[0], ra)) return 0;
            best = std::min(best, chain_distance(ra, true, rb, true));
        }
    return best;
}

/// `from`→`to` split into pieces of at most `step` metres, without the end point.
/// Canonical: the same edge walked in either direction yields the same points, so
/// two polygons sharing an edge share every inserted vertex bit for bit.
std::vector<Pt> densify_edge(Pt from, Pt to, double step) {
    const bool flip = (to.x < from.x) || (to.x == from.x && to.y < from.y);
    const Pt lo = flip ? to : from, hi = flip ? from : to;
    const int n = std::max(1, static_cast<int>(std::ceil(norm(hi - lo) / step)));
    std::vector<Pt> out;
    for (int i = 0; i < n; ++i) {
        const int k = flip ? n - i : i;
        out.push_back(k == 0 ? lo : k == n ? hi : lo + (hi - lo) * (static_cast<double>(k) / n));
    }
    return out;
}

Ring densify_ring(const Ring& r, double step) {
    Ring out;
    for (std::size_t i = 0; i < r.size(); ++i) {
        auto piece = densify_edge(r[i], r[(i + 1) % r.size()], step);
        out.insert(out.end(), piece.begin(), piece.end());
    }
    return out;
}

double round_to(double v, double unit) { return std::round(v / unit) * unit; }
double round2(double v) { return std::round(v * 100.0) / 100.0; }
double round4(double v) { return std::round(v * 10000.0) / 10000.0; }

/// A local frame: x along `u`, y along `v` (u turned 90° counter-clockwise), metres.
struct Frame {
    Pt origin, u, v;
    Pt to_world(Pt local) const { return origin + u * local.x + v * local.y; }
};
Frame make_frame(Pt origin, Pt u) { return {origin, u, Pt{-u.y, u.x}}; }

// ============================================================================
// Coordinate reference systems
// ============================================================================

struct CtDeleter {
    void operator()(OGRCoordinateTransformation* ct) const { OGRCoordinateTransformation::DestroyCT(ct); }
};
using CtPtr = std::unique_ptr<OGRCoordinateTransformation, CtDeleter>;

/// EPSG:4490 (lon/lat), EPSG:4528 (the working frame) and EPSG:4549, all in
/// traditional GIS axis order (easting/longitude first).
class Projections {
public:
    Projections() {
        for (auto [srs, epsg] : {std::pair{&geo_, 4490}, std::pair{&zone40_, 4528}, std::pair{&cm120_, 4549}}) {
            if (srs->importFromEPSG(epsg) != OGRERR_NONE) fail(fmt::format("PROJ does not know EPSG:{}", epsg));
            srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        }
        to_metric_.reset(OGRCreateCoordinateTransformation(&geo_, &zone40_));
        to_geo_.reset(OGRCreateCoordinateTransformation(&zone40_, &geo_));
        to_cm120_.reset(OGRCreateCoordinateTransformation(&zone40_, &cm120_));
        if (!to_metric_ || !to_geo_ || !to_cm120_) fail("cannot create the CGCS2000 coordinate transformations");
    }
    const OGRSpatialReference& geo() const { return geo_; }
    const OGRSpatialReference& zone40() const { return zone40_; }
    const OGRSpatialReference& cm120() const { return cm120_; }

    /// Longitude/latitude → frame metres, rounded to the centimetre.
    Pt to_metric(double lon, double lat) const {
        double x = lon, y = lat;
        if (!to_metric_->Transform(1, &x, &y)) fail("coordinate transformation failed");
        return {round_to(x, 0.01), round_to(y, 0.01)};
    }
    std::vector<Pt> to_geo(std::vector<Pt> pts) const { return transform(*to_geo_, std::move(pts), 1e-9); }
    std::vector<Pt> to_cm120(std::vector<Pt> pts) const { return transform(*to_cm120_, std::move(pts), 1e-3); }

private:
    static std::vector<Pt> transform(OGRCoordinateTransformation& ct, std::vector<Pt> pts, double unit) {
        for (Pt& p : pts) {
            if (!ct.Transform(1, &p.x, &p.y)) fail("coordinate transformation failed");
            p = {round_to(p.x, unit), round_to(p.y, unit)};
        }
        return pts;
    }
    OGRSpatialReference geo_, zone40_, cm120_;
    CtPtr to_metric_, to_geo_, to_cm120_;
};

// ============================================================================
// The city's fixed geography
// ============================================================================

struct LonLat {
    double lon, lat;
};

/// The Yangtze bank, upstream (north-west) to downstream (south-east). Vertices sit
/// where district boundaries meet the river, and the straight stretches between
/// them are long enough for the riverside parks at any scale.
const std::vector<LonLat> kRiver = {{119.800, 32.300}, {119.880, 32.225}, {119.980, 32.160},
                                    {120.100, 32.075}, {120.150, 32.040}, {120.300, 31.950}};

struct Vertex {
    const char* name;
    LonLat at;
};
const std::vector<Vertex> kVertices = {
    {"R0", {119.800, 32.300}}, {"R1", {119.880, 32.225}}, {"R2", {119.980, 32.160}}, {"R3", {120.100, 32.075}},
    {"R4", {120.150, 32.040}}, {"R5", {120.300, 31.950}}, {"W0", {119.700, 32.360}}, {"A", {119.700, 32.400}},
    {"B", {119.980, 32.400}},  {"C", {119.980, 32.350}},  {"D", {120.400, 32.350}},  {"E", {120.400, 32.150}},
    {"F", {120.150, 32.150}},  {"G", {120.400, 32.020}},  {"H", {119.700, 32.700}},  {"I", {119.980, 32.700}},
    {"J", {120.400, 32.700}},  {"K", {120.400, 33.000}},  {"L", {119.700, 33.000}},
};

struct DistrictDef {
    const char* code;
    const char* name;
    std::vector<const char*> ring;  ///< vertex names, counter-clockwise
};
const std::vector<DistrictDef> kDistricts = {
    {"321202", "海陵区", {"A", "B", "I", "H"}},
    {"321203", "高港区", {"R0", "R1", "R2", "C", "B", "A", "W0"}},
    {"321204", "姜堰区", {"C", "D", "J", "I", "B"}},
    {"321281", "兴化市", {"H", "I", "J", "K", "L"}},
    {"321282", "靖江市", {"R4", "R5", "G", "E", "F"}},
    {"321283", "泰兴市", {"R2", "R3", "R4", "F", "E", "D", "C"}},
};

enum LandUse : uint8_t { kIndustrial, kLogistics, kCommercial, kResidential, kPublic, kOther, kLandUseCount };
const char* const kLandUseName[kLandUseCount] = {"industrial", "logistics", "commercial", "residential", "public", "other"};
using LandUseMix = std::array<double, kLandUseCount>;

using KmRing = std::vector<std::pair<double, double>>;

/// A park, or an industrial/town cluster outside the parks ("C.." ids, not written
/// to parks.shp). Outlines are in km at scale 1, in the pool's local frame.
struct PoolDef {
    const char* id;
    const char* name;
    const char* level;  ///< national, provincial, municipal; "outside" for clusters
    const char* district;
    const char* themes;
    int chem_park;
    int river_segment;   ///< >= 0: riverside park whose local x runs along this river segment
    double river_at;     ///< fraction along that segment of the local origin
    LonLat centre;       ///< inland pools: local origin
    double angle_deg;    ///< inland pools: direction of local x, counter-clockwise from east
    std::vector<KmRing> parts, holes;
    LandUseMix mix;
    std::vector<const char*> industries;  ///< theme industries of industrial land
    std::vector<const char*> logistics;   ///< industries of logistics land
};

const LandUseMix kClusterMix = {0.45, 0.05, 0.13, 0.22, 0.10, 0.05};

KmRing cluster_outline(double w, double h) {
    return {{-w / 2, -h / 2}, {w / 2, -h / 2}, {w / 2, h * 0.3}, {w * 0.25, h / 2}, {-w / 2, h / 2}};
}

// GB/T 4754-2017 codes. Phase-out codes (C3731, C3110, C3120, C2611) and chemicals
// (C26) appear only where planted, so their counts are exact.
const std::vector<PoolDef>& pool_defs() {
    static const std::vector<PoolDef> defs = [] {
        std::vector<PoolDef> d = {
            {"P01", "滨江生物医药高新区", "national", "321203", "C27;C358", 0, -1, 0, {119.915, 32.315}, 20,
             {{{-1.8, -1.5}, {1.8, -1.5}, {1.8, 0.9}, {1.2, 1.5}, {-1.0, 1.5}, {-1.8, 0.6}}},
             {{{0.3, -0.2}, {0.9, -0.25}, {1.0, 0.2}, {0.7, 0.4}, {0.3, 0.3}}},
             {0.90, 0.0, 0.04, 0.0, 0.06, 0.0},
             {"C2710", "C2720", "C2740", "C2761", "C2762", "C2770", "C3581", "C3584", "C3589"},
             {"G5920"}},
            {"P02", "沿江化工园区", "provincial", "321283", "C26", 1, 2, 0.5, {0, 0}, 0,
             {{{-2.0, 0.0}, {2.0, 0.0}, {2.0, 1.6}, {1.5, 2.4}, {-0.8, 2.4}, {-1.3, 2.0}, {-2.0, 2.0}}},
             {},
             {0.88, 0.06, 0.02, 0.0, 0.04, 0.0},
             {"C2613", "C2614", "C2619", "C2631", "C2641", "C2651", "C2652", "C2653", "C2661", "C2662", "C2669"},
             {"G5942", "G5532"}},
            {"P03", "港口与船舶工业园", "provincial", "321282", "C37;C33;G55", 0, 4, 0.45, {0, 0}, 0,
             {{{-3.35, 0.0}, {0.05, 0.0}, {0.05, 1.8}, {-0.6, 2.0}, {-2.5, 2.0}, {-3.35, 1.5}},
              {{1.65, 0.0}, {3.35, 0.0}, {3.35, 1.0}, {2.9, 1.3}, {1.65, 1.3}}},
             {},
             {0.70, 0.25, 0.02, 0.0, 0.03, 0.0},
             {"C3732", "C3734", "C3737", "C3311", "C3360"},
             {"G5532", "G5920", "G5910"}},
            {"P04", "绿色食品产业园", "provincial", "321281", "C13;C14;C15", 0, -1, 0, {119.950, 32.860}, 5,
             {{{-1.5, -1.15}, {1.5, -1.15}, {1.5, 1.15}, {-1.0, 1.15}, {-1.5, 0.7}},
              {{2.7, -0.9}, {4.1, -0.9}, {4.1, 0.2}, {2.7, 0.2}}},
             {},
             {0.90, 0.04, 0.03, 0.0, 0.03, 0.0},
             {"C1311", "C1391", "C1351", "C1361", "C1371", "C1411", "C1431", "C1432", "C1441", "C1462", "C1512",
              "C1513", "C1523", "C1530"},
             {"G5930", "G5951"}},
            {"P05", "电子信息产业园", "provincial", "321202", "C39;C38", 0, -1, 0, {119.820, 32.470}, -10,
             {{{-1.4, -1.15}, {1.4, -1.15}, {1.4, 1.15}, {-0.5, 1.15}, {-1.4, 0.5}}},
             {},
             {0.90, 0.0, 0.05, 0.0, 0.05, 0.0},
             {"C3911", "C3912", "C3921", "C3922", "C3971", "C3972", "C3973", "C3974", "C3976", "C3981", "C3982",
              "C3985", "C3823", "C3824", "C3825", "C3841", "C3872"},
             {"G5920"}},
            {"P06", "新材料产业园", "provincial", "321204", "C29;C30;C32", 0, -1, 0, {120.150, 32.500}, 30,
             {{{-1.6, -1.25}, {1.6, -1.25}, {1.6, 0.6}, {0.9, 1.25}, {-1.6, 1.25}}},
             {},
             {0.92, 0.02, 0.02, 0.0, 0.04, 0.0},
             {"C2911", "C2921", "C2922", "C2929", "C3021", "C3041", "C3061", "C3062", "C3091", "C3216", "C3240",
              "C3251", "C3252"},
             {"G5920"}},
            {"P07", "港口物流园", "municipal", "321203", "G54;G58;G59;G55", 0, 0, 0.5, {0, 0}, 0,
             {{{-1.4, 0.0}, {1.4, 0.0}, {1.4, 1.1}, {0.9, 1.6}, {-0.6, 1.6}, {-1.4, 1.3}}},
             {},
             {0.20, 0.68, 0.08, 0.0, 0.04, 0.0},
             {"C3311", "C3670", "C3443", "C2231"},  // manufacturing in a logistics park: all off-theme
             {"G5431", "G5433", "G5810", "G5821", "G5910", "G5920", "G5930", "G5532"}},
            {"P08", "泰州经济技术开发区", "national", "321202", "C34;C35;C36;C38", 0, -1, 0, {119.900, 32.600}, 0,
             {{{-1.95, -1.6}, {0.8, -1.6}, {1.95, -0.9}, {1.95, 1.6}, {-1.95, 1.6}}},
             {{{-0.9, 0.4}, {-0.4, 0.4}, {-0.4, 0.8}, {-0.9, 0.8}}},
             {0.86, 0.04, 0.05, 0.0, 0.05, 0.0},
             {"C3411", "C3441", "C3443", "C3444", "C3451", "C3511", "C3521", "C3612", "C3660", "C3670", "C3823",
              "C3841"},
             {"G5920", "G5431"}},
        };
        struct ClusterDef {
            const char* id;
            const char* district;
            LonLat centre;
            double angle, w, h;
        };
        const ClusterDef clusters[] = {
            {"C01", "321202", {119.74, 32.52}, 12, 1.2, 1.0},  {"C02", "321202", {119.93, 32.45}, -8, 1.1, 0.9},
            {"C03", "321202", {119.76, 32.66}, 0, 1.2, 0.8},   {"C04", "321203", {119.76, 32.37}, 15, 1.2, 0.9},
            {"C05", "321203", {119.95, 32.24}, 25, 1.0, 0.9},  {"C06", "321283", {120.03, 32.30}, 5, 1.2, 0.9},
            {"C07", "321283", {120.30, 32.25}, -12, 1.3, 1.0}, {"C08", "321283", {120.17, 32.22}, 18, 1.1, 0.9},
            {"C09", "321282", {120.33, 32.10}, 10, 1.2, 1.0},  {"C10", "321282", {120.20, 32.10}, -5, 1.1, 0.9},
            {"C11", "321204", {120.05, 32.42}, 0, 1.2, 1.0},   {"C12", "321204", {120.30, 32.45}, 20, 1.3, 1.0},
            {"C13", "321204", {120.28, 32.64}, -10, 1.2, 0.9}, {"C14", "321204", {120.05, 32.62}, 5, 1.1, 0.9},
            {"C15", "321281", {119.78, 32.80}, 0, 1.3, 1.0},   {"C16", "321281", {120.20, 32.80}, 10, 1.2, 1.0},
            {"C17", "321281", {120.25, 32.93}, -5, 1.2, 0.9},  {"C18", "321281", {119.85, 32.95}, 0, 1.1, 0.9},
        };
        for (const auto& c : clusters)
            d.push_back({c.id, "", "outside", c.district, "", 0, -1, 0, c.centre, c.angle, {cluster_outline(c.w, c.h)},
                         {}, kClusterMix,
                         // Outside parks: general manufacturing; no chemicals, no phase-out codes.
                         {"C1311", "C1391", "C1432", "C1711", "C1810", "C2110", "C2231", "C2922", "C2929", "C3021",
                          "C3130", "C3252", "C3311", "C3360", "C3443", "C3451", "C3670", "C3823", "C3982", "C4190"},
                         {"G5920", "G5431"}});
        return d;
    }();
    return defs;
}
constexpr int kParkCount = 8;
constexpr int kOutsideGroup = kParkCount;  ///< case group of all clusters
constexpr int kGroupCount = kParkCount + 1;

/// Industries off a park's theme (its "misfits"): general, non-chemical, not phase-out.
const std::vector<const char*> kMisfitIndustries = {"C1711", "C1810", "C2110", "C2231", "C3130",
                                                    "C3311", "C3360", "C2929", "C4190", "C3670"};
const std::vector<const char*> kCommercialIndustries = {"F5211", "F5212", "H6110", "H6210", "L7211"};

/// FAR minimum by 2017 code prefix: the 国土资发〔2008〕24号 table as the brief
/// and the default rules give it; 0 where the table has no entry.
double far_min_for(std::string_view code) {
    static const std::vector<std::pair<const char*, double>> table = {
        {"C13", 1.0}, {"C14", 1.0}, {"C15", 1.0}, {"C17", 0.8}, {"C25", 0.5}, {"C26", 0.6}, {"C27", 0.7},
        {"C30", 0.7}, {"C31", 0.6}, {"C32", 0.6}, {"C33", 0.7}, {"C34", 0.7}, {"C35", 0.7}, {"C36", 0.7},
        {"C37", 0.7}, {"C38", 0.7}, {"C39", 1.0}, {"C40", 1.0}};
    for (const auto& [prefix, v] : table)
        if (code.substr(0, 3) == prefix) return v;
    return 0;
}

double level_investment_min(std::string_view level) {
    if (level == "national") return 300;
    if (level == "provincial") return 250;
    if (level == "municipal") return 200;
    return 150;  // other parks and outside
}

// ============================================================================
// Audit cases
// ============================================================================

enum Case : uint8_t {
    kBuiltOk,
    kBuiltLowFar,
    kBuiltLowCoverage,
    kBuiltLowInvestment,
    kBuiltLowTax,
    kBuiltLowMulti,
    kBuiltNew,
    kBuildingActive,
    kBuildingHaltedRecent,
    kBuildingIdleFee,
    kBuildingIdleTakeback,
    kBuildingHaltedProgressed,
    kSuppliedWatch,
    kSuppliedIdleFee,
    kSuppliedIdleTakeback,
    kApprovedUnder2,
    kApproved2to5,
    kApprovedOver5,
    kPlanned,
    kReserve,
    kSpecial,  ///< a planted single record: see kSpecials
    kCaseCount
};

/// Parcels in one run of supply land (see assign_cases).
constexpr int64_t kSupplyRun = 8;

struct CaseInfo {
    const char* name;
    const char* status;
    bool industrial_only;
    double share_in_parks;   ///< of a park's parcels of the land uses it applies to
    double share_outside;
    const char* expect;      ///< what the audit must find (as-of 2026-06-30, default rules)
    const char* flags;       ///< the engine's flag codes it must raise, space-separated (policy flags aside)
};

const std::array<CaseInfo, kCaseCount> kCases = {{
    {"built_ok", "built", false, 0, 0, "no flag; rated A-D by 亩均 (industrial)", ""},
    {"built_low_far", "built", true, 0.030, 0.030, "LOW_FAR (FAR 0.45-0.85 x industry minimum)", "LOW_FAR"},
    {"built_low_coverage", "built", true, 0.020, 0.020, "LOW_COVERAGE (coverage 0.12-0.27)", "LOW_COVERAGE"},
    {"built_low_investment", "built", true, 0.020, 0.025, "LOW_INVESTMENT (0.35-0.80 x park-level minimum)", "LOW_INVESTMENT"},
    {"built_low_tax", "built", true, 0.030, 0.035, "LOW_TAX (2-12.5 万元/亩)", "LOW_TAX"},
    {"built_low_multi", "built", true, 0.015, 0.020, "LOW_FAR + LOW_COVERAGE + LOW_TAX", "LOW_FAR LOW_COVERAGE LOW_TAX"},
    {"built_new", "built", true, 0.010, 0.010, "no flag; 亩均 class T (supplied < 2 years ago)", ""},
    {"building_active", "building", false, 0.050, 0.050, "no flag (started, not halted)", ""},
    {"building_halted_recent", "building", false, 0.008, 0.008, "no flag (halted < 1 year)", ""},
    {"building_idle_fee", "building", false, 0.006, 0.006, "IDLE_FEE (halted 1-2 y, dev_ratio < 1/3)", "IDLE_FEE"},
    {"building_idle_takeback", "building", false, 0.004, 0.004, "IDLE_TAKEBACK (halted > 2 y, investment < 25 %)", "IDLE_TAKEBACK"},
    {"building_halted_progressed", "building", false, 0.004, 0.004, "no flag (halted > 1 y, dev >= 0.45, inv >= 50 %)", ""},
    {"supplied_watch", "supplied", false, 0.040, 0.040, "SUPPLIED_UNUSED (start_due in the future or < 1 y ago)", "SUPPLIED_UNUSED"},
    {"supplied_idle_fee", "supplied", false, 0.010, 0.010, "IDLE_FEE (not started, start_due 1-2 y ago)", "IDLE_FEE"},
    {"supplied_idle_takeback", "supplied", false, 0.007, 0.007, "IDLE_TAKEBACK (not started, start_due > 2 y ago)", "IDLE_TAKEBACK"},
    {"approved_under_2y", "approved", false, 0.020, 0.020, "APPROVED_UNSUPPLIED band 0 (< 2 y)", "APPROVED_UNSUPPLIED/band0"},
    {"approved_2_to_5y", "approved", false, 0.015, 0.015, "APPROVED_UNSUPPLIED band 1 (2-5 y)", "APPROVED_UNSUPPLIED/band1"},
    {"approved_over_5y", "approved", false, 0.010, 0.010, "APPROVED_UNSUPPLIED band 2 (>= 5 y)", "APPROVED_UNSUPPLIED/band2"},
    {"planned", "planned", false, 0.040, 0.050, "needs new quota to use", ""},
    {"reserve", "reserve", false, 0.020, 0.020, "supply-ready stock (taken back)", ""},
    {"special", "", false, 0, 0, "see the planted records", ""},
}};

bool is_built_or_building(Case c) {
    const std::string_view s = kCases[c].status;
    return s == "built" || s == "building";
}

/// Single planted records: boundary dates and ratios, policy conflicts, data errors.
enum class SpecialKind : uint8_t { SuppliedDue, Halted, ApprovedOn, PolicyIndustry, BowTie, DuplicateId, DevOutOfRange, EmptyStatus };

struct SpecialDef {
    const char* code;
    int group;  ///< park index 0..7, or kOutsideGroup
    SpecialKind kind;
    Day day;           ///< start_due, halt_date or appr_date
    double dev, inv;   ///< Halted: dev_ratio and inv_done/inv_plan (NaN = empty)
    const char* industry;
    const char* what;
    const char* expect;
    const char* flags = "";  ///< flag codes expected beside the data-driven policy flags
};

const std::vector<SpecialDef>& specials() {
    static const std::vector<SpecialDef> s = {
        {"S01", 4, SpecialKind::SuppliedDue, D(2025, 6, 30), kNaN, kNaN, nullptr,
         "supplied, start_due 2025-06-30 (exactly 1 year before as-of)", "IDLE_FEE (满一年 counts)", "IDLE_FEE"},
        {"S02", 4, SpecialKind::SuppliedDue, D(2025, 7, 1), kNaN, kNaN, nullptr,
         "supplied, start_due 2025-07-01 (364 days)", "SUPPLIED_UNUSED, 1 day until idle", "SUPPLIED_UNUSED"},
        {"S03", 5, SpecialKind::SuppliedDue, D(2024, 2, 29), kNaN, kNaN, nullptr,
         "supplied, start_due 2024-02-29 (leap day)", "IDLE_TAKEBACK", "IDLE_TAKEBACK"},
        {"S04", 5, SpecialKind::SuppliedDue, D(2024, 6, 30), kNaN, kNaN, nullptr,
         "supplied, start_due 2024-06-30 (exactly 2 years)", "IDLE_TAKEBACK", "IDLE_TAKEBACK"},
        {"S05", 7, SpecialKind::Halted, D(2025, 6, 30), 0.2, 0.5, nullptr,
         "building, halted 2025-06-30 (exactly 1 year), dev_ratio 0.2, investment 50 %", "IDLE_FEE", "IDLE_FEE"},
        {"S06", 7, SpecialKind::Halted, D(2024, 12, 31), 0.3333, 0.6, nullptr,
         "building, halted 2024-12-31, dev_ratio 0.3333, investment 60 %",
         "IDLE_FEE (0.3333 < 1/3: the 4-decimal DBF value is below one third)", "IDLE_FEE"},
        {"S07", 7, SpecialKind::Halted, D(2024, 12, 31), 0.5, 0.25, nullptr,
         "building, halted 2024-12-31, dev_ratio 0.5, investment exactly 25 %", "no idle flag (25 % is not under 25 %)", ""},
        {"S08", 0, SpecialKind::Halted, D(2024, 12, 31), 0.3333, 0.25, nullptr,
         "building, halted 2024-12-31, dev_ratio 0.3333 and investment exactly 25 %", "IDLE_FEE (by dev_ratio)", "IDLE_FEE"},
        {"S09", 5, SpecialKind::Halted, D(2024, 10, 15), kNaN, kNaN, nullptr,
         "building, halted 2024-10-15, dev_ratio and inv_done empty", "IDLE_SUSPECT", "IDLE_SUSPECT"},
        {"S10", kOutsideGroup, SpecialKind::ApprovedOn, D(2024, 6, 30), kNaN, kNaN, nullptr,
         "approved 2024-06-30 (exactly 2 years)", "APPROVED_UNSUPPLIED band 1 (2-5 y)", "APPROVED_UNSUPPLIED/band1"},
        {"S11", kOutsideGroup, SpecialKind::ApprovedOn, D(2021, 6, 30), kNaN, kNaN, nullptr,
         "approved 2021-06-30 (exactly 5 years)", "APPROVED_UNSUPPLIED band 2 (>= 5 y)", "APPROVED_UNSUPPLIED/band2"},
        {"PO1", 2, SpecialKind::PolicyIndustry, kNoDay, kNaN, kNaN, "C3731", "built shipyard (金属船舶制造)", "PHASE_OUT"},
        {"PO2", 2, SpecialKind::PolicyIndustry, kNoDay, kNaN, kNaN, "C3731", "built shipyard (金属船舶制造)", "PHASE_OUT"},
        {"PO3", 2, SpecialKind::PolicyIndustry, kNoDay, kNaN, kNaN, "C3731", "built shipyard (金属船舶制造)", "PHASE_OUT"},
        {"PO4", kOutsideGroup, SpecialKind::PolicyIndustry, kNoDay, kNaN, kNaN, "C3110", "built ironworks (炼铁)", "PHASE_OUT"},
        {"PO5", 5, SpecialKind::PolicyIndustry, kNoDay, kNaN, kNaN, "C3120", "built steelworks (炼钢)", "PHASE_OUT"},
        {"PO6", kOutsideGroup, SpecialKind::PolicyIndustry, kNoDay, kNaN, kNaN, "C3120", "built steelworks (炼钢)", "PHASE_OUT"},
        {"PO7", kOutsideGroup, SpecialKind::PolicyIndustry, kNoDay, kNaN, kNaN, "C2611", "built inorganic-acid plant (无机酸)",
         "PHASE_OUT + CHEM_OUTSIDE_PARK"},
        {"PO8", 1, SpecialKind::PolicyIndustry, kNoDay, kNaN, kNaN, "C2611", "built inorganic-acid plant in the chemical park",
         "PHASE_OUT (+ CHEM_NEAR_SHORE if within 1 km)"},
        {"CH1", 5, SpecialKind::PolicyIndustry, kNoDay, kNaN, kNaN, "C2651", "built resin plant in the new-materials park", "CHEM_OUTSIDE_PARK"},
        {"CH2", 5, SpecialKind::PolicyIndustry, kNoDay, kNaN, kNaN, "C2614", "built organic-chemicals plant", "CHEM_OUTSIDE_PARK"},
        {"CH3", 5, SpecialKind::PolicyIndustry, kNoDay, kNaN, kNaN, "C2661", "built additives plant", "CHEM_OUTSIDE_PARK"},
        {"CH4", 7, SpecialKind::PolicyIndustry, kNoDay, kNaN, kNaN, "C2641", "built coatings plant", "CHEM_OUTSIDE_PARK"},
        {"CH5", 7, SpecialKind::PolicyIndustry, kNoDay, kNaN, kNaN, "C2641", "built coatings plant", "CHEM_OUTSIDE_PARK"},
        {"CH6", 4, SpecialKind::PolicyIndustry, kNoDay, kNaN, kNaN, "C2662", "built electronic-chemicals plant", "CHEM_OUTSIDE_PARK"},
        {"CH7", kOutsideGroup, SpecialKind::PolicyIndustry, kNoDay, kNaN, kNaN, "C2631", "built pesticide plant", "CHEM_OUTSIDE_PARK"},
        {"CH8", kOutsideGroup, SpecialKind::PolicyIndustry, kNoDay, kNaN, kNaN, "C2641", "built coatings plant", "CHEM_OUTSIDE_PARK"},
        {"E1", 4, SpecialKind::BowTie, kNoDay, kNaN, kNaN, nullptr, "self-intersecting (bow-tie) ring: two vertices swapped",
         "loader repairs it (MakeValid), area shrinks"},
        {"E2", 7, SpecialKind::BowTie, kNoDay, kNaN, kNaN, nullptr, "self-intersecting (bow-tie) ring", "loader repairs it"},
        {"E3", kOutsideGroup, SpecialKind::BowTie, kNoDay, kNaN, kNaN, nullptr, "self-intersecting (bow-tie) ring", "loader repairs it"},
        {"E4", kOutsideGroup, SpecialKind::DuplicateId, kNoDay, kNaN, kNaN, nullptr,
         "parcel_id repeats the parcel written just before it", "loader rejects this second record"},
        {"E5", 5, SpecialKind::DevOutOfRange, kNoDay, kNaN, kNaN, nullptr, "built, dev_ratio 1.3", "out of range 0..1"},
        {"E6", 3, SpecialKind::EmptyStatus, kNoDay, kNaN, kNaN, nullptr, "status empty (otherwise a built parcel)",
         "loader reports the missing status"},
    };
    return s;
}

// ============================================================================
// Pools: parks and clusters, laid out as blocks of parcels
// ============================================================================

struct Block {
    int32_t col = 0, row = 0;
    uint16_t parcels = 0;
    uint8_t land_use = kIndustrial;
    bool first_row = false;  ///< riverside park, row touching the river: kept built
};

struct Pool {
    const PoolDef* def = nullptr;
    int index = 0;  ///< in pool_defs()
    int group = 0;  ///< case group: park index, or kOutsideGroup
    bool is_park = false;
    Frame frame;
    Poly local;     ///< metres, local frame
    Poly world;     ///< metres, EPSG:4528
    double area_m2 = 0;
    double frontage_chainage = 0;  ///< riverside: chainage of local x = 0
    // Block grid (local metres).
    double x0 = 0, y0 = 0, cell_w = 0, cell_h = 0, road_w = 0;
    int cols = 0, rows = 0;
    std::vector<Block> blocks;
    int64_t parcels = 0;
    int64_t group_start = 0;  ///< index of its first parcel within its group
};

/// The Yangtze bank as a chain in frame metres, with chainage.
struct River {
    std::vector<Pt> pts;
    std::vector<double> chain;
    double length() const { return chain.back(); }
    Pt at(double c) const {
        c = std::clamp(c, 0.0, length());
        for (std::size_t i = 1; i < pts.size(); ++i)
            if (c <= chain[i]) return lerp(pts[i - 1], pts[i], (c - chain[i - 1]) / (chain[i] - chain[i - 1]));
        return pts.back();
    }
    std::vector<Pt> slice(double c0, double c1) const {
        std::vector<Pt> out{at(c0)};
        for (std::size_t i = 1; i + 1 < pts.size(); ++i)
            if (chain[i] > c0 && chain[i] < c1) out.push_back(pts[i]);
        out.push_back(at(c1));
        return out;
    }
    double distance(const Ring& ring) const { return chain_distance(ring, true, pts, false); }
    /// Chainage of the bank point nearest to `q`.
    double project(Pt q) const {
        double best = std::numeric_limits<double>::max(), at = 0;
        for (std::size_t i = 1; i < pts.size(); ++i) {
            const Pt ab = pts[i] - pts[i - 1];
            const double t = std::clamp(dot(q - pts[i - 1], ab) / dot(ab, ab), 0.0, 1.0);
            const double d = norm(q - (pts[i - 1] + ab * t));
            if (d < best) best = d, at = chain[i - 1] + t * (chain[i] - chain[i - 1]);
        }
        return at;
    }
};

constexpr double kRiverSetback = 60;  ///< riverside parks start this far from the bank (m)
constexpr double kChemShoreM = 1000;  ///< Yangtze Protection Law distance, for the P02 grid
constexpr double kMeanParcelsPerBlock = 6.0;  // blocks of ~90 亩 between roads
constexpr int kMaxParcelsPerRow = 6;

bool block_fits(const Pool& p, int col, int row) {
    // The block's largest possible extent: the cell less the smallest road margin.
    const double m = p.road_w * 0.5 * 0.6 - 1.0;
    const double x0 = p.x0 + col * p.cell_w + m, x1 = p.x0 + (col + 1) * p.cell_w - m;
    const double y0 = p.y0 + row * p.cell_h + m, y1 = p.y0 + (row + 1) * p.cell_h - m;
    return ring_inside(Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}, p.local);
}

void set_grid(Pool& p, double cell_area) {
    double xmin = 1e300, ymin = 1e300, xmax = -1e300, ymax = -1e300;
    for (const auto& r : p.local.parts)
        for (Pt q : r) xmin = std::min(xmin, q.x), xmax = std::max(xmax, q.x), ymin = std::min(ymin, q.y), ymax = std::max(ymax, q.y);
    p.cell_w = std::sqrt(cell_area * 1.3);
    p.cell_h = p.cell_w / 1.3;
    if (p.def->chem_park && p.def->river_segment >= 0) {
        // Rows of the chemical park line up so that a road, not a parcel, lies at
        // 1 km from the bank: no parcel is within a few metres of the legal distance.
        const double line = kChemShoreM - kRiverSetback;
        const double k = std::max(1.0, std::round(line / p.cell_h));
        p.cell_h = line / k;
        p.cell_w = cell_area / p.cell_h;
    }
    p.road_w = std::clamp(0.09 * std::sqrt(cell_area), 6.0, 30.0);
    p.cols = static_cast<int>((xmax - xmin) / p.cell_w);
    p.rows = static_cast<int>((ymax - ymin) / p.cell_h);
    p.x0 = xmin + ((xmax - xmin) - p.cols * p.cell_w) / 2;
    // Riverside parks: rows start at the setback line, so row 0 fronts the river.
    p.y0 = p.def->river_segment >= 0 ? ymin : ymin + ((ymax - ymin) - p.rows * p.cell_h) / 2;
}

int count_fitting_blocks(const Pool& p) {
    int n = 0;
    for (int r = 0; r < p.rows; ++r)
        for (int c = 0; c < p.cols; ++c) n += block_fits(p, c, r);
    return n;
}

/// Pass 1: the block grid, how many parcels each block holds and its land use.
void lay_out(Pool& p, int64_t target, uint64_t seed) {
    const double wanted_blocks = std::max(1.0, static_cast<double>(target) / kMeanParcelsPerBlock);
    double cell_area = p.area_m2 * 0.8 / wanted_blocks;
    for (int iter = 0; iter < 12; ++iter) {
        set_grid(p, cell_area);
        const int n = count_fitting_blocks(p);
        if (n == 0) {
            cell_area *= 0.5;
            continue;
        }
        const double ratio = n / wanted_blocks;
        if (std::abs(ratio - 1) < 0.02) break;
        cell_area *= ratio;
    }
    p.blocks.clear();
    for (int r = 0; r < p.rows; ++r)
        for (int c = 0; c < p.cols; ++c)
            if (block_fits(p, c, r)) p.blocks.push_back(Block{c, r, 0, kIndustrial, p.def->river_segment >= 0 && r == 0});
    const auto nb = static_cast<int64_t>(p.blocks.size());
    const int64_t cap = 2 * kMaxParcelsPerRow;
    if (nb == 0 || nb > target || nb * cap < target)
        fail(fmt::format("{}: cannot lay out {} parcels in {} blocks", p.def->id, target, nb));

    // Parcels per block: one each, the rest shared by random weights (some blocks a
    // single large plant, others split among small firms), largest remainder.
    std::vector<double> weight(p.blocks.size());
    double total_weight = 0;
    for (std::size_t b = 0; b < p.blocks.size(); ++b) {
        Rng r(stream_key(seed, kLayout, static_cast<uint64_t>(p.index), b));
        const double u = r.uniform();
        weight[b] = u < 0.2 ? 0.1 : u < 0.7 ? 1.0 : 2.0;
        total_weight += weight[b];
        // Land use of the block.
        double x = r.uniform() * std::accumulate(p.def->mix.begin(), p.def->mix.end(), 0.0), acc = 0;
        uint8_t lu = kIndustrial;
        for (int k = 0; k < kLandUseCount; ++k) {
            acc += p.def->mix[static_cast<std::size_t>(k)];
            if (x < acc) { lu = static_cast<uint8_t>(k); break; }
        }
        p.blocks[b].land_use = lu;
    }
    const double extra = static_cast<double>(target - nb);
    std::vector<std::pair<double, std::size_t>> remainders;
    int64_t assigned = 0;
    for (std::size_t b = 0; b < p.blocks.size(); ++b) {
        const double share = extra * weight[b] / total_weight;
        const auto whole = static_cast<int64_t>(std::floor(share));
        p.blocks[b].parcels = static_cast<uint16_t>(std::min<int64_t>(cap, 1 + whole));
        assigned += p.blocks[b].parcels;
        remainders.push_back({share - std::floor(share), b});
    }
    std::stable_sort(remainders.begin(), remainders.end(), [](auto& a, auto& b) { return a.first > b.first; });
    for (std::size_t k = 0; assigned < target; k = (k + 1) % remainders.size()) {
        Block& blk = p.blocks[remainders[k].second];
        if (blk.parcels < cap) ++blk.parcels, ++assigned;
    }
    p.parcels = target;
}

// ============================================================================
// Parcel geometry inside one block
// ============================================================================

struct ParcelShape {
    Ring ring;                 ///< local metres, counter-clockwise
    std::array<Pt, 4> corners; ///< bottom-left, bottom-right, top-right, top-left
};

/// Splits one block into its parcels: one or two rows, each cut into strips by
/// slanted lines, so parcels are irregular quadrilaterals that share edges exactly.
/// Where the two rows' cuts meet the middle line at different points, each side
/// carries the other's points too (no T-junctions), so neighbours share every
/// vertex along the common edge and never overlap by rounding.
std::vector<ParcelShape> split_block(const Pool& p, const Block& b, Rng& r) {
    const double half = p.road_w / 2, jitter = 0.35 * half;
    const double cx0 = p.x0 + b.col * p.cell_w, cy0 = p.y0 + b.row * p.cell_h;
    const double cx1 = cx0 + p.cell_w, cy1 = cy0 + p.cell_h;
    auto jit = [&] { return r.between(-jitter, jitter); };
    const Pt bl{cx0 + half + jit(), cy0 + half + jit()}, br{cx1 - half + jit(), cy0 + half + jit()};
    const Pt tr{cx1 - half + jit(), cy1 - half + jit()}, tl{cx0 + half + jit(), cy1 - half + jit()};

    const int n = b.parcels;
    const bool two_rows = n > kMaxParcelsPerRow || (n >= 3 && r.chance(0.5));
    const int top_n = two_rows ? (r.chance(0.5) ? (n + 1) / 2 : n / 2) : 0;
    const int bottom_n = n - top_n;

    auto column_params = [&](int m, std::vector<double>& lower, std::vector<double>& upper) {
        std::vector<double> w(static_cast<std::size_t>(m));
        double sum = 0;
        for (double& x : w) sum += (x = r.between(0.6, 1.6));
        lower.assign(1, 0.0);
        for (double x : w) lower.push_back(lower.back() + x / sum);
        lower.back() = 1.0;
        upper = lower;
        for (int k = 1; k < m; ++k) upper[static_cast<std::size_t>(k)] += r.between(-0.12, 0.12) / m;
    };

    std::vector<ParcelShape> out;
    // A row between a lower line (a0→a1) and an upper line (b0→b1); `lower_extra` and
    // `upper_extra` are the other row's cut points on a shared middle line.
    auto emit_row = [&](Pt a0, Pt a1, Pt b0, Pt b1, const std::vector<double>& lo, const std::vector<double>& up,
                        const std::vector<double>& lower_extra, const std::vector<double>& upper_extra) {
        for (std::size_t k = 0; k + 1 < lo.size(); ++k) {
            ParcelShape s;
            s.corners = {lerp(a0, a1, lo[k]), lerp(a0, a1, lo[k + 1]), lerp(b0, b1, up[k + 1]), lerp(b0, b1, up[k])};
            s.ring.push_back(s.corners[0]);
            for (double t : lower_extra)
                if (t > lo[k] && t < lo[k + 1]) s.ring.push_back(lerp(a0, a1, t));
            s.ring.push_back(s.corners[1]);
            s.ring.push_back(s.corners[2]);
            for (auto it = upper_extra.rbegin(); it != upper_extra.rend(); ++it)
                if (*it > up[k] && *it < up[k + 1]) s.ring.push_back(lerp(b0, b1, *it));
            s.ring.push_back(s.corners[3]);
            out.push_back(std::move(s));
        }
    };

    if (!two_rows) {
        std::vector<double> lo, up;
        column_params(n, lo, up);
        emit_row(bl, br, tl, tr, lo, up, {}, {});
    } else {
        const Pt ml = lerp(bl, tl, r.between(0.4, 0.6)), mr = lerp(br, tr, r.between(0.4, 0.6));
        std::vector<double> b_lo, b_up, t_lo, t_up;
        column_params(bottom_n, b_lo, b_up);
        column_params(top_n, t_lo, t_up);
        // Cut points of the two rows closer than 2 % of the middle line become one.
        for (std::size_t i = 1; i + 1 < t_lo.size(); ++i)
            for (std::size_t j = 1; j + 1 < b_up.size(); ++j)
                if (std::abs(t_lo[i] - b_up[j]) < 0.02) t_lo[i] = b_up[j];
        emit_row(bl, br, ml, mr, b_lo, b_up, {}, t_lo);
        emit_row(ml, mr, tl, tr, t_lo, t_up, b_up, {});
    }

    // Half the blocks get cut corners at the crossroads (道路切角).
    if (r.chance(0.5)) {
        const double cut = std::clamp(0.5 * p.road_w, 3.0, 10.0);
        for (auto& s : out) {
            Ring cut_ring;
            for (std::size_t i = 0; i < s.ring.size(); ++i) {
                const Pt v = s.ring[i], prev = s.ring[(i + s.ring.size() - 1) % s.ring.size()],
                         next = s.ring[(i + 1) % s.ring.size()];
                const bool corner = v == bl || v == br || v == tr || v == tl;
                if (corner && norm(prev - v) > 4 * cut && norm(next - v) > 4 * cut) {
                    cut_ring.push_back(v + (prev - v) * (cut / norm(prev - v)));
                    cut_ring.push_back(v + (next - v) * (cut / norm(next - v)));
                } else {
                    cut_ring.push_back(v);
                }
            }
            s.ring = std::move(cut_ring);
        }
    }
    return out;
}

// ============================================================================
// Parcel attributes
// ============================================================================

struct ParcelRec {
    bool status_set = true;
    std::string status;
    Day appr = kNoDay, supp = kNoDay, due = kNoDay, start = kNoDay, halt = kNoDay;
    double dev = kNaN, inv_plan = kNaN, inv_done = kNaN, far = kNaN, coverage = kNaN, tax = kNaN, output = kNaN;
    std::string industry, enterprise;
};

const char* city_prefix(std::string_view district, Rng& r) {
    if (r.chance(0.15)) return "江苏";
    if (district == "321281") return "兴化";
    if (district == "321282") return "靖江";
    if (district == "321283") return "泰兴";
    if (district == "321204" && r.chance(0.3)) return "姜堰";
    return "泰州";
}

std::string trade_word(std::string_view industry, Rng& r) {
    static const std::vector<std::pair<const char*, std::vector<const char*>>> words = {
        {"C358", {"医疗器械", "医疗科技"}},
        {"C13", {"粮油", "食品", "农业科技"}},
        {"C14", {"食品", "食品科技"}},
        {"C15", {"酒业", "饮品"}},
        {"C17", {"纺织"}},
        {"C18", {"服饰"}},
        {"C21", {"家居"}},
        {"C22", {"包装", "纸业"}},
        {"C25", {"石化"}},
        {"C26", {"化工", "化学", "精细化工", "新材料科技"}},
        {"C27", {"药业", "制药", "生物医药", "生物科技"}},
        {"C29", {"塑业", "橡塑", "高分子材料"}},
        {"C30", {"建材", "玻纤", "新型材料"}},
        {"C31", {"钢铁", "特钢"}},
        {"C32", {"铝业", "铜业", "金属材料"}},
        {"C33", {"钢结构", "金属制品"}},
        {"C34", {"机械", "泵阀", "动力科技"}},
        {"C35", {"重工", "装备"}},
        {"C36", {"汽车部件", "汽车科技"}},
        {"C37", {"船舶", "船业", "海洋工程", "船舶配套"}},
        {"C38", {"电气", "新能源", "储能科技", "电力设备"}},
        {"C39", {"电子", "半导体", "微电子", "光电科技", "通信科技"}},
        {"C41", {"工贸"}},
        {"G54", {"运输", "物流"}},
        {"G55", {"港务", "码头"}},
        {"G58", {"供应链", "国际物流"}},
        {"G59", {"仓储", "物流"}},
        {"F52", {"商贸", "商业"}},
        {"H61", {"酒店管理"}},
        {"H62", {"餐饮管理"}},
        {"L72", {"企业管理"}},
        {"K70", {"置业", "房地产开发"}},
    };
    for (const auto& [prefix, list] : words)
        if (industry.substr(0, std::string_view(prefix).size()) == prefix) return r.pick(list);
    return "实业";
}

std::string enterprise_name(std::string_view industry, LandUse lu, std::string_view district, Rng& r) {
    static const std::vector<const char*> syllables = {
        "恒", "瑞", "华", "远", "鑫", "盛", "达", "隆", "丰", "宏", "康", "源", "嘉", "诚", "信", "金",
        "永", "昌", "德", "润", "博", "天", "海", "新", "正", "中", "安", "凯", "立", "通", "利", "富",
        "旺", "兴", "明", "星", "辰", "宇", "亿", "翔", "汇", "泽", "扬", "洋", "峰", "腾", "胜", "联"};
    const char* city = city_prefix(district, r);
    if (lu == kPublic) {
        static const std::vector<const char*> publics = {"城市建设投资集团有限公司", "公用事业发展有限公司",
                                                         "水务集团有限公司", "交通产业集团有限公司",
                                                         "教育投资发展有限公司"};
        return fmt::format("{}{}", city, r.pick(publics));
    }
    std::string brand = fmt::format("{}{}", r.pick(syllables), r.pick(syllables));
    const char* suffix = r.chance(0.15) && lu != kResidential ? "股份有限公司" : "有限公司";
    return fmt::format("{}{}{}{}", city, brand, trade_word(industry, r), suffix);
}

std::string pick_industry(const Pool& p, LandUse lu, bool needs_far_min, Rng& r) {
    switch (lu) {
        case kIndustrial: {
            for (int attempt = 0; attempt < 50; ++attempt) {
                const bool misfit = p.is_park && r.chance(0.12);
                const std::string code = misfit ? r.pick(kMisfitIndustries) : r.pick(p.def->industries);
                if (!needs_far_min || far_min_for(code) > 0) return code;
            }
            return "C3311";
        }
        case kLogistics: return r.pick(p.def->logistics);
        case kCommercial: return r.pick(kCommercialIndustries);
        case kResidential: return "K7010";
        default: return "";
    }
}

/// Built-land figures by land use for cases that pass every test.
void built_figures(ParcelRec& a, LandUse lu, const std::string& industry, double level_min, double mu, Rng& r) {
    a.dev = 1.0;
    switch (lu) {
        case kIndustrial: {
            const double base = std::max(far_min_for(industry), 1.0);  // no table entry: clear any plausible one
            a.far = base * r.between(1.15, 2.2);
            a.coverage = r.between(0.36, 0.62);
            a.inv_done = level_min * r.between(1.15, 3.0) * mu;
            const double tax_per_mu = r.log_between(18, 130);  // wide: 亩均 classes separate
            a.tax = tax_per_mu * mu;
            a.output = tax_per_mu * r.between(7, 18) * mu;
            break;
        }
        case kLogistics:
            a.far = r.between(0.6, 1.5), a.coverage = r.between(0.35, 0.6);
            a.inv_done = level_min * r.between(0.8, 2.0) * mu;
            a.tax = r.log_between(8, 60) * mu, a.output = a.tax * r.between(5, 12);
            break;
        case kCommercial:
            a.far = r.between(1.5, 4.0), a.coverage = r.between(0.3, 0.55);
            a.inv_done = level_min * r.between(1.0, 3.0) * mu;
            a.tax = r.log_between(20, 150) * mu, a.output = a.tax * r.between(4, 10);
            break;
        case kResidential:
            a.far = r.between(1.2, 2.5), a.coverage = r.between(0.18, 0.3);
            a.inv_done = level_min * r.between(2.0, 5.0) * mu;
            break;
        case kPublic:
            a.far = r.between(0.4, 1.2), a.coverage = r.between(0.2, 0.4);
            a.inv_done = level_min * r.between(0.5, 1.5) * mu;
            break;
        default:
            a.far = r.between(0.2, 0.8), a.coverage = r.between(0.1, 0.3);
            a.inv_done = level_min * r.between(0.2, 0.8) * mu;
            break;
    }
    a.inv_plan = a.inv_done * r.between(0.85, 1.08);
}

/// Dates of a parcel supplied on `supp`: approval 2-14 months before it.
void approve_before(ParcelRec& a, Rng& r) { a.appr = a.supp - static_cast<Day>(r.int_between(60, 420)); }

/// Attributes of one parcel from its case, drawn with a margin from every threshold.
ParcelRec make_attributes(Case c, const SpecialDef* sp, LandUse lu, const Pool& p, double mu, Rng& r) {
    ParcelRec a;
    const double level_min = level_investment_min(p.def->level);
    auto occupy = [&](bool needs_far_min) {
        a.industry = pick_industry(p, lu, needs_far_min, r);
        if (sp && sp->kind == SpecialKind::PolicyIndustry) a.industry = sp->industry;
        if (lu != kOther) a.enterprise = enterprise_name(a.industry, lu, p.def->district, r);
    };
    auto promise = [&] { a.inv_plan = level_min * r.between(1.2, 3.0) * mu; };
    auto supplied_for_due = [&] {
        a.supp = std::min(a.due - static_cast<Day>(r.int_between(90, 330)), kAsOf - static_cast<Day>(r.int_between(20, 200)));
        approve_before(a, r);
    };
    auto started_on = [&](Day start) {
        a.start = start;
        a.due = start - static_cast<Day>(r.int_between(-60, 120));
        a.supp = a.due - static_cast<Day>(r.int_between(90, 330));
        approve_before(a, r);
    };
    auto halted = [&](Day halt, double dev, double inv_share) {
        a.status = "building";
        a.halt = halt;
        started_on(halt - static_cast<Day>(r.int_between(150, 800)));
        occupy(false);
        promise();
        a.dev = dev;
        a.inv_done = std::isnan(inv_share) ? kNaN : a.inv_plan * inv_share;
    };
    auto built = [&](bool needs_far_min) {
        a.status = "built";
        a.appr = random_day(r, D(2006, 1, 1), D(2021, 6, 1));
        a.supp = a.appr + static_cast<Day>(r.int_between(60, 420));
        a.due = a.supp + static_cast<Day>(r.int_between(90, 330));
        a.start = a.due + static_cast<Day>(r.int_between(-60, 200));
        occupy(needs_far_min);
        built_figures(a, lu, a.industry, level_min, mu, r);
    };

    if (sp) {
        switch (sp->kind) {
            case SpecialKind::SuppliedDue:
                a.status = "supplied";
                a.due = sp->day;
                supplied_for_due();
                occupy(false);
                promise();
                a.dev = 0, a.inv_done = 0;
                break;
            case SpecialKind::Halted:
                halted(sp->day, sp->dev, sp->inv);
                if (!std::isnan(sp->inv)) a.inv_plan = std::round(a.inv_plan), a.inv_done = a.inv_plan * sp->inv;
                break;
            case SpecialKind::ApprovedOn:
                a.status = "approved";
                a.appr = sp->day;
                break;
            case SpecialKind::DevOutOfRange:
                built(false);
                a.dev = 1.3;
                break;
            case SpecialKind::EmptyStatus:
                built(false);
                a.status_set = false;
                break;
            default:  // policy industries, bow-ties, duplicate ids: a compliant built parcel
                built(false);
                break;
        }
    } else {
        switch (c) {
            case kBuiltOk: built(false); break;
            case kBuiltLowFar:
                built(true);
                a.far = far_min_for(a.industry) * r.between(0.45, 0.85);
                break;
            case kBuiltLowCoverage: built(false); a.coverage = r.between(0.12, 0.27); break;
            case kBuiltLowInvestment:
                built(false);
                a.inv_done = level_min * r.between(0.35, 0.8) * mu;
                a.inv_plan = a.inv_done * r.between(1.0, 1.4);
                break;
            case kBuiltLowTax:
                built(false);
                a.tax = r.between(2, 12.5) * mu;
                a.output = a.tax * r.between(8, 20);
                break;
            case kBuiltLowMulti:
                built(true);
                a.far = far_min_for(a.industry) * r.between(0.45, 0.85);
                a.coverage = r.between(0.12, 0.27);
                a.tax = r.between(2, 12.5) * mu;
                a.output = a.tax * r.between(8, 20);
                break;
            case kBuiltNew:
                built(false);
                a.supp = random_day(r, D(2024, 8, 1), D(2024, 12, 31));
                approve_before(a, r);
                a.due = a.supp + static_cast<Day>(r.int_between(60, 120));
                a.start = a.due + static_cast<Day>(r.int_between(0, 30));
                break;
            case kBuildingActive:
                a.status = "building";
                started_on(random_day(r, D(2023, 7, 1), D(2026, 3, 31)));
                occupy(false);
                promise();
                a.dev = r.between(0.15, 0.9);
                a.inv_done = a.inv_plan * r.between(0.2, 0.95);
                break;
            case kBuildingHaltedRecent:
                halted(random_day(r, D(2025, 8, 1), D(2026, 4, 30)), r.between(0.1, 0.3), r.between(0.1, 0.4));
                break;
            case kBuildingIdleFee:
                halted(random_day(r, D(2024, 8, 1), D(2025, 5, 31)), r.between(0.1, 0.28), r.between(0.4, 0.7));
                break;
            case kBuildingIdleTakeback:
                halted(random_day(r, D(2020, 1, 1), D(2024, 5, 31)), r.between(0.4, 0.6), r.between(0.05, 0.15));
                break;
            case kBuildingHaltedProgressed:
                halted(random_day(r, D(2023, 1, 1), D(2025, 5, 31)), r.between(0.45, 0.7), r.between(0.5, 0.8));
                break;
            case kSuppliedWatch:
            case kSuppliedIdleFee:
            case kSuppliedIdleTakeback:
                a.status = "supplied";
                a.due = c == kSuppliedWatch     ? random_day(r, D(2025, 8, 1), D(2027, 12, 31))
                        : c == kSuppliedIdleFee ? random_day(r, D(2024, 8, 1), D(2025, 5, 31))
                                                : random_day(r, D(2018, 3, 1), D(2024, 5, 31));
                supplied_for_due();
                occupy(false);
                promise();
                a.dev = 0, a.inv_done = 0;
                break;
            case kApprovedUnder2: a.status = "approved", a.appr = random_day(r, D(2024, 8, 1), D(2026, 5, 31)); break;
            case kApproved2to5: a.status = "approved", a.appr = random_day(r, D(2021, 8, 1), D(2024, 5, 31)); break;
            case kApprovedOver5: a.status = "approved", a.appr = random_day(r, D(2012, 1, 1), D(2021, 5, 31)); break;
            case kPlanned: a.status = "planned"; break;
            case kReserve: a.status = "reserve", a.appr = random_day(r, D(2008, 1, 1), D(2019, 12, 31)); break;
            default: fail("unexpected case");
        }
    }
    // What the DBF stores (and so what the audit reads): ratios to 4 decimals, FAR
    // and money to 2.
    auto r2 = [](double& v) { if (!std::isnan(v)) v = round2(v); };
    auto r4 = [](double& v) { if (!std::isnan(v)) v = round4(v); };
    r4(a.dev), r4(a.coverage), r2(a.far), r2(a.inv_plan), r2(a.inv_done), r2(a.tax), r2(a.output);
    return a;
}

// ============================================================================
// GDAL output
// ============================================================================

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

struct FieldSpec {
    const char* name;
    OGRFieldType type;
    int width, precision;
};

/// A Shapefile layer in OUT_DIR: UTF-8 (.cpg), fixed DBF date, given fields.
class ShapeWriter {
public:
    ShapeWriter(const fs::path& dir, const char* name, const OGRSpatialReference& srs, OGRwkbGeometryType type,
                const std::vector<FieldSpec>& fields) {
        GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("ESRI Shapefile");
        if (!driver) fail("GDAL has no ESRI Shapefile driver");
        const std::string path = (dir / (std::string(name) + ".shp")).string();
        if (fs::exists(path)) driver->Delete(path.c_str());
        ds_.reset(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!ds_) fail("cannot create " + path);
        char** options = nullptr;
        options = CSLSetNameValue(options, "ENCODING", "UTF-8");
        options = CSLSetNameValue(options, "DBF_DATE_LAST_UPDATE", "2026-01-01");  // byte-identical reruns
        OGRSpatialReference layer_srs(srs);  // GDAL 3.6 takes a non-const pointer
        layer_ = ds_->CreateLayer(name, &layer_srs, type, options);
        CSLDestroy(options);
        if (!layer_) fail("cannot create layer " + path);
        for (const auto& f : fields) {
            OGRFieldDefn defn(f.name, f.type);
            if (f.width) defn.SetWidth(f.width);
            if (f.precision) defn.SetPrecision(f.precision);
            if (layer_->CreateField(&defn) != OGRERR_NONE) fail(fmt::format("cannot create field {} in {}", f.name, path));
        }
        begin();
    }
    ~ShapeWriter() { finish(); }
    ShapeWriter(const ShapeWriter&) = delete;
    ShapeWriter& operator=(const ShapeWriter&) = delete;

    OGRFeatureDefn* defn() { return layer_->GetLayerDefn(); }

    /// Writes a feature; commits every 50,000 (for drivers with transactions,
    /// e.g. when this is pointed at a GeoPackage; Shapefiles have none).
    void write(OGRFeature& f) {
        if (layer_->CreateFeature(&f) != OGRERR_NONE) fail("cannot write a feature");
        if (++in_batch_ == 50000) {
            commit();
            begin();
        }
    }
    void finish() {
        if (!ds_) return;
        commit();
        ds_.reset();
    }

private:
    void begin() {
        in_transaction_ = ds_->StartTransaction() == OGRERR_NONE;
        in_batch_ = 0;
    }
    void commit() {
        if (in_transaction_ && ds_->CommitTransaction() != OGRERR_NONE) fail("cannot commit a transaction");
        in_transaction_ = false;
    }
    DatasetPtr ds_;
    OGRLayer* layer_ = nullptr;
    bool in_transaction_ = false;
    int in_batch_ = 0;
};

/// A Shapefile polygon: outer rings clockwise, holes counter-clockwise (the
/// Shapefile rule), each ring closed.
OGRLinearRing* make_ring(const std::vector<Pt>& pts, bool clockwise) {
    Ring r = pts;
    if ((signed_area(r) < 0) != clockwise) std::reverse(r.begin(), r.end());
    auto* ring = new OGRLinearRing();
    ring->setNumPoints(static_cast<int>(r.size() + 1));
    for (std::size_t i = 0; i <= r.size(); ++i) ring->setPoint(static_cast<int>(i), r[i % r.size()].x, r[i % r.size()].y);
    return ring;
}

void set_text(OGRFeature& f, const char* field, const std::string& v) {
    if (!v.empty()) f.SetField(field, v.c_str());
}
void set_real(OGRFeature& f, const char* field, double v) {
    if (!std::isnan(v)) f.SetField(field, v);
}
void set_date(OGRFeature& f, const char* field, Day d) {
    if (d == kNoDay) return;
    const Ymd c = civil_from_days(d);
    f.SetField(f.GetFieldIndex(field), c.y, static_cast<int>(c.m), static_cast<int>(c.d), 0, 0, 0.0f, 0);
}

std::string csv_field(const std::string& v) {
    if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
    std::string out = "\"";
    for (char ch : v) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return out + "\"";
}

// ============================================================================
// The generator
// ============================================================================

struct Options {
    fs::path out_dir;
    int64_t parcels = 6000;
    uint64_t seed = 2026;
};

struct ShoreInterval {
    double c0, c1;
    const char* zone;
    int port;
};

struct Stats {
    std::array<std::array<int64_t, kCaseCount>, kGroupCount> cases{};
    std::map<std::string, int64_t> by_status, by_land_use;
    std::map<std::string, double> mu_by_status_in_parks, mu_by_status_outside;
    std::vector<std::pair<std::string, std::string>> special_ids;  ///< special code, parcel_id
    std::map<std::string, double> special_shore_m;                  ///< special code → distance to the bank
    std::map<std::string, int64_t> expected_flags;                  ///< engine flag code → parcels
    std::map<std::string, int64_t> chem_near_shore;                 ///< by status: C26, supplied/building/built, < 1 km
    std::vector<Ring> near_river_occupied;  ///< built/building parcels within 700 m of the bank
    std::map<int64_t, std::vector<std::size_t>> near_river_by_100m;  ///< chainage bucket → those parcels within 300 m of it
    double parcel_mu = 0;
    int64_t written = 0;
    int max_vertices = 0;
};

class Generator {
public:
    explicit Generator(Options o) : opt_(std::move(o)) {}

    void run() {
        fs::create_directories(opt_.out_dir);
        scale_ = std::clamp(std::pow(static_cast<double>(opt_.parcels) / 6000.0, 0.25), 0.85, 2.0);
        build_geography();
        build_pools();
        check_placement();
        lay_out_pools();
        assign_cases();
        write_districts();
        write_parks();
        plan_shoreline();
        write_shoreline();
        write_parcels();
        write_projects();
        write_quota();
        print_summary();
    }

private:
    Options opt_;
    Projections proj_;
    double scale_ = 1;
    River river_;
    std::vector<Poly> district_world_;  ///< indexed like kDistricts
    std::vector<Pool> pools_;
    std::array<std::vector<uint8_t>, kGroupCount> land_use_, first_row_, case_;
    std::array<std::map<int64_t, std::size_t>, kGroupCount> special_at_;
    std::vector<ShoreInterval> shore_;
    Stats stats_;
    struct ProjectSummary {
        std::string kind, industry, origin;
        double area_mu, investment, tax;
        int eia_ok, needs_shore, major;
    };
    std::vector<ProjectSummary> projects_;

    // ---- geography ------------------------------------------------------------

    Pt vertex(const char* name) const {
        for (const auto& v : kVertices)
            if (std::string_view(v.name) == name) return proj_.to_metric(v.at.lon, v.at.lat);
        fail(fmt::format("unknown vertex {}", name));
    }

    void build_geography() {
        for (const auto& ll : kRiver) river_.pts.push_back(proj_.to_metric(ll.lon, ll.lat));
        river_.chain.assign(1, 0.0);
        for (std::size_t i = 1; i < river_.pts.size(); ++i)
            river_.chain.push_back(river_.chain.back() + norm(river_.pts[i] - river_.pts[i - 1]));
        for (const auto& d : kDistricts) {
            Ring corners;
            for (const char* name : d.ring) corners.push_back(vertex(name));
            make_ccw(corners);
            // 500 m steps: a straight metric edge and its lon/lat image then differ by
            // millimetres, and shared edges get the same inserted vertices.
            district_world_.push_back(Poly{{densify_ring(corners, 500)}, {}});
        }
    }

    int district_index(std::string_view code) const {
        for (std::size_t i = 0; i < kDistricts.size(); ++i)
            if (code == kDistricts[i].code) return static_cast<int>(i);
        fail(fmt::format("unknown district {}", code));
    }

    void build_pools() {
        const auto& defs = pool_defs();
        for (std::size_t i = 0; i < defs.size(); ++i) {
            Pool p;
            p.def = &defs[i];
            p.index = static_cast<int>(i);
            p.is_park = i < kParkCount;
            p.group = p.is_park ? static_cast<int>(i) : kOutsideGroup;
            if (p.def->river_segment >= 0) {
                const auto s = static_cast<std::size_t>(p.def->river_segment);
                const Pt a = river_.pts[s], b = river_.pts[s + 1];
                const Pt u = (b - a) * (1.0 / norm(b - a));
                const double along = p.def->river_at * (river_.chain[s + 1] - river_.chain[s]);
                p.frame = make_frame(a + u * along, u);
                p.frame.origin = p.frame.to_world({0, kRiverSetback});  // local y = 0 is the setback line
                p.frontage_chainage = river_.chain[s] + along;
            } else {
                const double t = p.def->angle_deg * std::numbers::pi / 180;
                p.frame = make_frame(proj_.to_metric(p.def->centre.lon, p.def->centre.lat), {std::cos(t), std::sin(t)});
            }
            auto to_local = [&](const KmRing& km) {
                Ring r;
                for (auto [x, y] : km) r.push_back({x * 1000 * scale_, y * 1000 * scale_});
                make_ccw(r);
                return r;
            };
            for (const auto& r : p.def->parts) p.local.parts.push_back(to_local(r));
            for (const auto& r : p.def->holes) p.local.holes.push_back(to_local(r));
            auto to_world = [&](const Ring& r) {
                Ring w;
                for (Pt q : r) w.push_back(p.frame.to_world(q));
                return w;
            };
            for (const auto& r : p.local.parts) p.world.parts.push_back(to_world(r));
            for (const auto& r : p.local.holes) p.world.holes.push_back(to_world(r));
            p.area_m2 = area(p.local);
            pools_.push_back(std::move(p));
        }
    }

    /// Every pool inside its district; parks and clusters apart; riverside parks
    /// on a straight stretch of the river; inland pools away from it.
    void check_placement() const {
        for (const auto& p : pools_) {
            const Poly& d = district_world_[static_cast<std::size_t>(district_index(p.def->district))];
            for (const auto& part : p.world.parts)
                if (!ring_inside(part, d)) fail(fmt::format("{} leaves district {} at scale {:.2f}", p.def->id, p.def->district, scale_));
            if (p.def->river_segment >= 0) {
                const auto s = static_cast<std::size_t>(p.def->river_segment);
                const double seg_len = river_.chain[s + 1] - river_.chain[s];
                for (const auto& part : p.local.parts)
                    for (Pt q : part) {
                        const double c = p.frontage_chainage - river_.chain[s] + q.x;
                        if (c < 0 || c > seg_len) fail(fmt::format("{} overhangs its river stretch", p.def->id));
                    }
            } else {
                for (const auto& part : p.world.parts)
                    if (river_.distance(part) < 1500) fail(fmt::format("{} is within 1.5 km of the river", p.def->id));
            }
        }
        for (std::size_t i = 0; i < pools_.size(); ++i)
            for (std::size_t j = i + 1; j < pools_.size(); ++j) {
                const double gap = poly_distance(pools_[i].world, pools_[j].world);
                if (gap < 500)
                    fail(fmt::format("{} and {} are {:.0f} m apart at scale {:.2f}", pools_[i].def->id, pools_[j].def->id, gap, scale_));
            }
    }

    // ---- layout and cases ---------------------------------------------------------

    void lay_out_pools() {
        // 15 % of the parcels outside the parks; within each, shares by area.
        const int64_t outside = std::llround(static_cast<double>(opt_.parcels) * 0.15);
        const int64_t inside = opt_.parcels - outside;
        auto share = [&](bool parks, int64_t total) {
            double sum = 0;
            std::vector<std::size_t> members;
            for (std::size_t i = 0; i < pools_.size(); ++i)
                if (pools_[i].is_park == parks) members.push_back(i), sum += pools_[i].area_m2;
            int64_t given = 0;
            for (std::size_t k = 0; k < members.size(); ++k) {
                Pool& p = pools_[members[k]];
                const int64_t n = k + 1 == members.size() ? total - given
                                                          : std::llround(static_cast<double>(total) * p.area_m2 / sum);
                given += n;
                lay_out(p, n, opt_.seed);
            }
        };
        share(true, inside);
        share(false, outside);
        for (auto& p : pools_) {
            auto& lu = land_use_[static_cast<std::size_t>(p.group)];
            auto& fr = first_row_[static_cast<std::size_t>(p.group)];
            p.group_start = static_cast<int64_t>(lu.size());
            for (const auto& b : p.blocks)
                for (int k = 0; k < b.parcels; ++k) lu.push_back(b.land_use), fr.push_back(b.first_row);
        }
    }

    /// Exact case counts per group, shuffled over its parcels; riverside first rows
    /// kept built or building (so the park's frontage counts as developed); then
    /// the single planted records.
    void assign_cases() {
        for (int g = 0; g < kGroupCount; ++g) {
            const auto gi = static_cast<std::size_t>(g);
            const auto& lu = land_use_[gi];
            auto& cs = case_[gi];
            cs.assign(lu.size(), kBuiltOk);
            Rng r(stream_key(opt_.seed, kCaseShuffle, gi));
            for (int industrial = 1; industrial >= 0; --industrial) {
                std::vector<std::size_t> members;
                for (std::size_t i = 0; i < lu.size(); ++i)
                    if ((lu[i] == kIndustrial) == (industrial == 1)) members.push_back(i);
                // Supply land (approved, planned, reserve) comes in runs of
                // neighbouring parcels, as real stock does (a plot cleared at once, a
                // park's expansion area), so touching parcels merge into sites large
                // enough for projects; every other case is scattered one by one.
                std::vector<std::vector<uint8_t>> runs;
                std::size_t planted = 0;
                for (int c = 1; c < kSpecial; ++c) {
                    if (kCases[static_cast<std::size_t>(c)].industrial_only && !industrial) continue;
                    const double s = g == kOutsideGroup ? kCases[static_cast<std::size_t>(c)].share_outside
                                                        : kCases[static_cast<std::size_t>(c)].share_in_parks;
                    const auto n = std::llround(s * static_cast<double>(members.size()));
                    const bool supply = c >= kApprovedUnder2 && c <= kReserve;
                    const int64_t run = supply ? kSupplyRun : 1;
                    for (int64_t k = 0; k < n; k += run)
                        runs.emplace_back(static_cast<std::size_t>(std::min<int64_t>(run, n - k)), static_cast<uint8_t>(c));
                    planted += static_cast<std::size_t>(n);
                }
                if (planted > members.size()) fail("more planted cases than parcels");
                for (std::size_t k = planted; k < members.size(); ++k) runs.push_back({static_cast<uint8_t>(kBuiltOk)});
                r.shuffle(runs);
                std::vector<uint8_t> list;
                for (const auto& run : runs) list.insert(list.end(), run.begin(), run.end());
                for (std::size_t k = 0; k < members.size(); ++k) cs[members[k]] = list[k];
            }
            // First rows on the river: swap anything not built/building with a
            // compliant built parcel of the same land use further back.
            std::size_t next = 0;
            for (std::size_t i = 0; i < cs.size(); ++i) {
                if (!first_row_[gi][i] || is_built_or_building(static_cast<Case>(cs[i]))) continue;
                while (next < cs.size() && (first_row_[gi][next] || cs[next] != kBuiltOk || lu[next] != lu[i])) ++next;
                if (next == cs.size()) fail("no built parcel to swap into a riverside first row");
                std::swap(cs[i], cs[next]);
            }
        }
        // Planted records replace compliant built industrial parcels away from the river.
        const auto& sp = specials();
        for (std::size_t s = 0; s < sp.size(); ++s) {
            const auto g = static_cast<std::size_t>(sp[s].group);
            std::set<int64_t> pool_starts;
            for (const auto& p : pools_)
                if (static_cast<std::size_t>(p.group) == g) pool_starts.insert(p.group_start);
            std::vector<int64_t> candidates;
            for (std::size_t i = 0; i < case_[g].size(); ++i) {
                const auto ii = static_cast<int64_t>(i);
                if (case_[g][i] != kBuiltOk || land_use_[g][i] != kIndustrial || first_row_[g][i]) continue;
                if (sp[s].kind == SpecialKind::DuplicateId && pool_starts.count(ii)) continue;
                candidates.push_back(ii);
            }
            if (candidates.empty()) fail(fmt::format("no parcel for planted record {}", sp[s].code));
            Rng r(stream_key(opt_.seed, kSpecialPick, s));
            const int64_t at = r.pick(candidates);
            case_[g][static_cast<std::size_t>(at)] = kSpecial;
            special_at_[g][at] = s;
        }
    }

    // ---- layers -------------------------------------------------------------------

    void write_districts() {
        ShapeWriter w(opt_.out_dir, "districts", proj_.geo(), wkbPolygon,
                      {{"district", OFTString, 6, 0}, {"name", OFTString, 30, 0}});
        for (std::size_t i = 0; i < kDistricts.size(); ++i) {
            OGRFeature f(w.defn());
            f.SetField("district", kDistricts[i].code);
            f.SetField("name", kDistricts[i].name);
            OGRPolygon poly;
            poly.addRingDirectly(make_ring(proj_.to_geo(district_world_[i].parts[0]), true));
            f.SetGeometry(&poly);
            w.write(f);
        }
    }

    void write_parks() {
        ShapeWriter w(opt_.out_dir, "parks", proj_.geo(), wkbPolygon,
                      {{"park_id", OFTString, 8, 0},
                       {"name", OFTString, 80, 0},
                       {"level", OFTString, 12, 0},
                       {"district", OFTString, 6, 0},
                       {"themes", OFTString, 40, 0},
                       {"chem_park", OFTInteger, 1, 0}});
        for (const auto& p : pools_) {
            if (!p.is_park) continue;
            OGRFeature f(w.defn());
            f.SetField("park_id", p.def->id);
            f.SetField("name", p.def->name);
            f.SetField("level", p.def->level);
            f.SetField("district", p.def->district);
            f.SetField("themes", p.def->themes);
            f.SetField("chem_park", p.def->chem_park);
            OGRMultiPolygon multi;
            for (const auto& part : p.world.parts) {
                auto* poly = new OGRPolygon();
                poly->addRingDirectly(make_ring(proj_.to_geo(densify_ring(part, 100)), true));
                for (const auto& hole : p.world.holes)
                    if (point_in_ring(hole[0], part)) poly->addRingDirectly(make_ring(proj_.to_geo(densify_ring(hole, 100)), false));
                multi.addGeometryDirectly(poly);
            }
            if (multi.getNumGeometries() == 1) f.SetGeometry(multi.getGeometryRef(0));
            else f.SetGeometry(&multi);
            w.write(f);
        }
    }

    std::pair<double, double> frontage(int park, int part) const {
        const Pool& p = pools_[static_cast<std::size_t>(park)];
        double lo = 1e300, hi = -1e300;
        for (Pt q : p.local.parts[static_cast<std::size_t>(part)])
            if (q.y == 0) lo = std::min(lo, q.x), hi = std::max(hi, q.x);
        return {p.frontage_chainage + lo, p.frontage_chainage + hi};
    }

    /// Function zones along the bank. Each riverside park's frontage is developed
    /// port shoreline (its first row is built); next to it, past a 400 m control
    /// buffer (so no parcel is within 300 m), lies undeveloped port shoreline:
    /// 4.0 + 3.0 + 2.0 + 2.0 + 0.8 + 2.2 ≈ 14 km at the default scale.
    void plan_shoreline() {
        const double len = river_.length(), buf = 400;
        auto add = [&](double a, double b, const char* zone, int port) {
            a = std::clamp(a, 0.0, len), b = std::clamp(b, 0.0, len);
            if (b - a < 1) return;
            if (!shore_.empty() && std::abs(shore_.back().c1 - a) > 1e-6) fail("shoreline plan is not contiguous");
            shore_.push_back({a, b, zone, port});
        };
        auto split = [&](double a, double b, const char* z1, const char* z2) {
            const double m = a + 0.6 * (b - a);
            add(a, m, z1, 0);
            add(m, b, z2, 0);
        };
        const auto p07 = frontage(6, 0), p02 = frontage(1, 0), p03a = frontage(2, 0), p03b = frontage(2, 1);
        add(0, p07.first - buf, "reserve", 0);
        add(p07.first - buf, p07.first, "control", 0);
        add(p07.first, p07.second, "develop", 1);
        add(p07.second, p07.second + buf, "control", 0);
        const double u07 = p07.second + buf + 4000;
        add(p07.second + buf, u07, "develop", 1);
        const double u02 = p02.first - buf - 3000;
        if (u02 <= u07) fail("no room for the shoreline plan between P07 and P02");
        split(u07, u02, "protect", "reserve");
        add(u02, p02.first - buf, "control", 1);
        add(p02.first - buf, p02.first, "control", 0);
        add(p02.first, p02.second, "develop", 1);
        add(p02.second, p02.second + buf, "control", 0);
        const double d02 = p02.second + buf + 2000;
        add(p02.second + buf, d02, "develop", 1);
        const double u03 = p03a.first - buf - 2000;
        if (u03 <= d02) fail("no room for the shoreline plan between P02 and P03");
        split(d02, u03, "protect", "control");
        add(u03, p03a.first - buf, "control", 1);
        add(p03a.first - buf, p03a.first, "control", 0);
        add(p03a.first, p03a.second, "develop", 1);
        add(p03a.second, p03a.second + buf, "control", 0);
        add(p03a.second + buf, p03b.first - buf, "develop", 1);
        add(p03b.first - buf, p03b.first, "control", 0);
        add(p03b.first, p03b.second, "develop", 1);
        add(p03b.second, p03b.second + buf, "control", 0);
        const double d03 = p03b.second + buf + 2200;
        add(p03b.second + buf, d03, "develop", 1);
        add(d03, len, "protect", 0);
        if (std::abs(shore_.back().c1 - len) > 1e-6) fail("shoreline plan does not reach the end of the river");
    }

    void write_shoreline() {
        ShapeWriter w(opt_.out_dir, "shoreline", proj_.cm120(), wkbLineString,
                      {{"shore_id", OFTString, 8, 0}, {"zone", OFTString, 8, 0}, {"port", OFTInteger, 1, 0}});
        int n = 0;
        for (const auto& iv : shore_) {
            const int pieces = std::max(1, static_cast<int>(std::ceil((iv.c1 - iv.c0) / 4500)));
            for (int k = 0; k < pieces; ++k) {
                const double a = iv.c0 + (iv.c1 - iv.c0) * k / pieces, b = iv.c0 + (iv.c1 - iv.c0) * (k + 1) / pieces;
                OGRFeature f(w.defn());
                f.SetField("shore_id", fmt::format("SL{:02d}", ++n).c_str());
                f.SetField("zone", iv.zone);
                f.SetField("port", iv.port);
                OGRLineString line;
                for (Pt q : proj_.to_cm120(river_.slice(a, b))) line.addPoint(q.x, q.y);
                f.SetGeometry(&line);
                w.write(f);
            }
        }
    }

    void write_parcels() {
        ShapeWriter w(opt_.out_dir, "parcels", proj_.zone40(), wkbPolygon,
                      {{"parcel_id", OFTString, 20, 0},  {"district", OFTString, 6, 0},  {"land_use", OFTString, 12, 0},
                       {"status", OFTString, 10, 0},     {"appr_date", OFTDate, 0, 0},   {"supp_date", OFTDate, 0, 0},
                       {"start_due", OFTDate, 0, 0},     {"start_date", OFTDate, 0, 0},  {"halt_date", OFTDate, 0, 0},
                       {"dev_ratio", OFTReal, 8, 4},     {"inv_plan", OFTReal, 14, 2},   {"inv_done", OFTReal, 14, 2},
                       {"far", OFTReal, 8, 2},           {"coverage", OFTReal, 8, 4},    {"tax", OFTReal, 12, 2},
                       {"output", OFTReal, 14, 2},       {"industry", OFTString, 8, 0},  {"enterprise", OFTString, 120, 0}});
        std::map<std::string, int64_t> serial;  // per district
        const auto& sp = specials();
        for (const auto& p : pools_) {
            const auto g = static_cast<std::size_t>(p.group);
            int64_t gi = p.group_start;
            std::string previous_id;
            for (std::size_t b = 0; b < p.blocks.size(); ++b) {
                Rng geo_rng(stream_key(opt_.seed, kBlockGeometry, static_cast<uint64_t>(p.index), b));
                auto shapes = split_block(p, p.blocks[b], geo_rng);
                for (auto& shape : shapes) {
                    const auto c = static_cast<Case>(case_[g][static_cast<std::size_t>(gi)]);
                    const SpecialDef* special = nullptr;
                    std::size_t special_index = 0;
                    if (c == kSpecial) special_index = special_at_[g].at(gi), special = &sp[special_index];
                    const auto lu = static_cast<LandUse>(land_use_[g][static_cast<std::size_t>(gi)]);

                    // Geometry: local → frame metres, to the millimetre.
                    auto world = [&](const Ring& local) {
                        Ring out;
                        for (Pt q : local) {
                            const Pt wq = p.frame.to_world(q);
                            out.push_back({round_to(wq.x, 0.001), round_to(wq.y, 0.001)});
                        }
                        return out;
                    };
                    const Ring ring = world(shape.ring);
                    const double mu = std::abs(signed_area(ring)) / kM2PerMu;
                    Ring written = ring;
                    if (special && special->kind == SpecialKind::BowTie) {
                        // Two vertices swapped while digitising: the ring crosses itself.
                        const Ring q = world(Ring(shape.corners.begin(), shape.corners.end()));
                        written = {q[0], q[1], q[3], q[2]};
                    }

                    Rng attr_rng(stream_key(opt_.seed, kAttributes, g, static_cast<uint64_t>(gi)));
                    ParcelRec a = make_attributes(c, special, lu, p, mu, attr_rng);

                    const std::string district = p.def->district;
                    std::string id = fmt::format("TZ-{}-{:06d}", district, ++serial[district]);
                    if (special && special->kind == SpecialKind::DuplicateId) id = previous_id;
                    previous_id = id;

                    OGRFeature f(w.defn());
                    f.SetField("parcel_id", id.c_str());
                    f.SetField("district", district.c_str());
                    f.SetField("land_use", kLandUseName[lu]);
                    if (a.status_set) f.SetField("status", a.status.c_str());
                    set_date(f, "appr_date", a.appr);
                    set_date(f, "supp_date", a.supp);
                    set_date(f, "start_due", a.due);
                    set_date(f, "start_date", a.start);
                    set_date(f, "halt_date", a.halt);
                    set_real(f, "dev_ratio", a.dev);
                    set_real(f, "inv_plan", a.inv_plan);
                    set_real(f, "inv_done", a.inv_done);
                    set_real(f, "far", a.far);
                    set_real(f, "coverage", a.coverage);
                    set_real(f, "tax", a.tax);
                    set_real(f, "output", a.output);
                    set_text(f, "industry", a.industry);
                    set_text(f, "enterprise", a.enterprise);
                    // Orientation is left as digitised for the bow-tie (it has none).
                    OGRPolygon poly;
                    poly.addRingDirectly(make_ring(written, true));
                    f.SetGeometry(&poly);
                    w.write(f);

                    tally(p, c, special, id, a, ring, mu);
                    ++gi;
                }
            }
        }
    }

    void tally(const Pool& p, Case c, const SpecialDef* special, const std::string& id, const ParcelRec& a,
               const Ring& ring, double mu) {
        Stats& s = stats_;
        ++s.written;
        s.parcel_mu += mu;
        s.max_vertices = std::max(s.max_vertices, static_cast<int>(ring.size()));
        ++s.cases[static_cast<std::size_t>(p.group)][c];
        if (special) s.special_ids.push_back({special->code, id});
        // Flags the audit must raise: from the case (or planted record) ...
        std::string_view tokens = special ? special->flags : kCases[c].flags;
        while (!tokens.empty()) {
            const std::size_t sp = tokens.find(' ');
            ++s.expected_flags[std::string(tokens.substr(0, sp))];
            tokens = sp == std::string_view::npos ? std::string_view() : tokens.substr(sp + 1);
        }
        const std::string status = a.status_set ? a.status : "(empty)";
        ++s.by_status[status];
        (p.is_park ? s.mu_by_status_in_parks : s.mu_by_status_outside)[status] += mu;
        const double d = river_.distance(ring);
        const bool occupied = status == "built" || status == "building" || status == "supplied";
        if (occupied && a.industry.rfind("C26", 0) == 0 && d < kChemShoreM) ++s.chem_near_shore[status];
        if (special) s.special_shore_m[special->code] = d;
        // ... and the policy flags, from what was written.
        if (occupied) {
            for (const char* prefix : {"C3731", "C3110", "C3120", "C2611"})
                if (a.industry.rfind(prefix, 0) == 0) ++s.expected_flags["PHASE_OUT"];
            if (a.industry.rfind("C26", 0) == 0) {
                if (!p.def->chem_park) ++s.expected_flags["CHEM_OUTSIDE_PARK"];
                if (d < kChemShoreM) ++s.expected_flags["CHEM_NEAR_SHORE"];
            }
        }
        if ((status == "built" || status == "building") && d < 700) {
            double lo = 1e300, hi = -1e300;
            for (Pt q : ring) lo = std::min(lo, river_.project(q)), hi = std::max(hi, river_.project(q));
            for (auto k = static_cast<int64_t>(std::floor((lo - 300) / 100)); k <= static_cast<int64_t>(std::floor((hi + 300) / 100)); ++k)
                s.near_river_by_100m[k].push_back(s.near_river_occupied.size());
            s.near_river_occupied.push_back(ring);
        }
    }

    // ---- projects and quota -------------------------------------------------------------

    void write_projects();
    void write_quota() const;
    void print_summary() const;
};

// ============================================================================
// Projects (~200) and quota
// ============================================================================

enum class Problem : uint8_t { None, EiaFail, LowInvestment, LowTax, LandGrab, Major };

struct ProjectKind {
    const char* key;
    int count;
    std::vector<const char*> industries;
    std::vector<std::pair<const char*, double>> origins;  ///< district, weight
    int needs_shore;
    std::vector<std::pair<Problem, int>> problems;
    double intensity_lo, intensity_hi;  ///< 万元/亩, normal projects
    double tax_lo, tax_hi;              ///< 万元/亩/year, normal projects
    double tech_lo, tech_hi;
};

const std::vector<std::pair<const char*, double>> kAnyOrigin = {{"321202", 1}, {"321203", 1}, {"321204", 1},
                                                                {"321281", 1}, {"321282", 1}, {"321283", 1}};

const std::vector<ProjectKind>& project_kinds() {
    using P = Problem;
    static const std::vector<ProjectKind> kinds = {
        // Biomedicine, attracted all over the city: most should fly to P01 (321203).
        {"pharma", 36, {"C2710", "C2720", "C2740", "C2761", "C2762", "C3581", "C3584"},
         {{"321203", 0.2}, {"321202", 0.16}, {"321204", 0.16}, {"321281", 0.16}, {"321282", 0.16}, {"321283", 0.16}},
         0, {{P::LowTax, 2}, {P::LandGrab, 1}, {P::Major, 3}}, 350, 1200, 25, 120, 55, 95},
        {"chemical", 14, {"C2614", "C2641", "C2651", "C2661", "C2662", "C2631"},
         {{"321283", 0.5}, {"321282", 0.15}, {"321204", 0.15}, {"321202", 0.1}, {"321203", 0.1}},
         0, {{P::EiaFail, 3}, {P::Major, 1}}, 300, 800, 20, 90, 40, 85},
        // Chemicals that also want the river: the law keeps them 1 km away, the fit
        // rule wants them within 1 km of port shoreline: no site fits.
        {"chemical_riverfront", 2, {"C2614", "C2651"}, {{"321283", 1}}, 1, {}, 300, 800, 20, 90, 40, 85},
        {"ship_riverfront", 8, {"C3737", "C3734", "C3732"},
         {{"321282", 0.4}, {"321203", 0.3}, {"321283", 0.3}}, 1, {}, 300, 800, 20, 90, 35, 80},
        {"port_riverfront", 15, {"G5532", "G5532", "G5920", "G5810"},
         {{"321282", 0.35}, {"321203", 0.3}, {"321283", 0.2}, {"321202", 0.05}, {"321204", 0.05}, {"321281", 0.05}},
         1, {{P::Major, 2}}, 300, 700, 16, 40, 20, 70},
        {"food", 22, {"C1311", "C1391", "C1361", "C1432", "C1441", "C1462", "C1513", "C1523"},
         {{"321281", 0.45}, {"321202", 0.11}, {"321203", 0.11}, {"321204", 0.11}, {"321282", 0.11}, {"321283", 0.11}},
         0, {{P::EiaFail, 2}, {P::LowInvestment, 2}, {P::LowTax, 2}, {P::LandGrab, 1}, {P::Major, 1}}, 300, 700, 20, 70, 20, 70},
        {"electronics", 30, {"C3973", "C3972", "C3982", "C3921", "C3976", "C3841", "C3825"},
         {{"321202", 0.4}, {"321203", 0.12}, {"321204", 0.12}, {"321281", 0.12}, {"321282", 0.12}, {"321283", 0.12}},
         0, {{P::LowInvestment, 2}, {P::LandGrab, 2}, {P::Major, 3}}, 350, 1200, 25, 120, 55, 95},
        {"materials", 23, {"C3252", "C3251", "C3061", "C3062", "C2922", "C2929", "C3240", "C3091"},
         {{"321204", 0.45}, {"321202", 0.11}, {"321203", 0.11}, {"321281", 0.11}, {"321282", 0.11}, {"321283", 0.11}},
         0, {{P::EiaFail, 3}, {P::LowInvestment, 2}, {P::LowTax, 1}, {P::LandGrab, 2}, {P::Major, 2}}, 300, 800, 20, 90, 40, 85},
        {"machinery", 30, {"C3444", "C3451", "C3443", "C3511", "C3612", "C3670", "C3823"},
         {{"321202", 0.35}, {"321203", 0.13}, {"321204", 0.13}, {"321281", 0.13}, {"321282", 0.13}, {"321283", 0.13}},
         0, {{P::EiaFail, 2}, {P::LowInvestment, 3}, {P::LowTax, 3}, {P::LandGrab, 2}, {P::Major, 3}}, 300, 800, 20, 90, 35, 85},
        {"other", 6, {"C1711", "C1810", "C2231", "C4190", "C2110", "C3311"}, kAnyOrigin,
         0, {{P::LowInvestment, 1}, {P::LowTax, 2}}, 300, 600, 20, 60, 10, 50},
        {"logistics", 6, {"G5431", "G5920", "G5930"}, kAnyOrigin, 0, {}, 300, 600, 16, 40, 20, 60},
        {"negative_list", 8, {"C3110", "C3110", "C3120", "C3120", "C3731", "C3731", "C2511", "C2511"}, kAnyOrigin,
         0, {}, 300, 700, 20, 60, 10, 50},
    };
    return kinds;
}

std::string project_name(std::string_view code, Rng& r) {
    auto n = [&](std::vector<const char*> options) { return std::string(r.pick(options)); };
    auto p = [&](std::vector<const char*> options) { return std::string(r.pick(options)); };
    const std::string c(code);
    if (c == "C2710") return fmt::format("年产{}吨{}原料药项目", n({"50", "100", "200", "500", "5万"}), p({"抗肿瘤", "心血管", "抗感染", "生物医药", "高端特色"}));
    if (c == "C2720") return fmt::format("年产{}亿片（粒）{}制剂项目", n({"5", "10", "20", "30"}), p({"口服固体", "缓控释", "高端仿制药"}));
    if (c == "C2740") return fmt::format("年产{}吨中成药及中药提取物项目", n({"500", "1000", "3000"}));
    if (c == "C2761") return fmt::format("{}生物药产业化项目", p({"单克隆抗体", "重组蛋白", "细胞治疗", "抗体偶联药物"}));
    if (c == "C2762") return fmt::format("年产{}万剂{}疫苗项目", n({"500", "1000", "3000"}), p({"流感", "狂犬病", "带状疱疹", "多联"}));
    if (c == "C3581") return fmt::format("年产{}台（套）{}项目", n({"2000", "5000", "1万"}), p({"医用监护设备", "医学影像设备", "体外诊断仪器"}));
    if (c == "C3584") return fmt::format("年产{}万件{}项目", n({"100", "500", "1000"}), p({"高值医用耗材", "微创手术器械"}));
    if (c == "C2614") return fmt::format("年产{}万吨{}项目", n({"5", "10", "20", "30"}), p({"环氧丙烷", "醋酸乙烯", "高纯电子化学品", "己二腈"}));
    if (c == "C2641") return fmt::format("年产{}万吨{}项目", n({"2", "5", "10"}), p({"高性能涂料", "水性工业涂料", "船舶防腐涂料"}));
    if (c == "C2651") return fmt::format("年产{}万吨{}项目", n({"5", "10", "20"}), p({"聚碳酸酯", "环氧树脂", "特种工程塑料"}));
    if (c == "C2661") return fmt::format("年产{}万吨{}项目", n({"1", "2", "5"}), p({"催化剂", "水处理剂", "锂电池电解液添加剂"}));
    if (c == "C2662") return fmt::format("年产{}万吨电子化学品项目", n({"1", "3", "5"}));
    if (c == "C2631") return fmt::format("年产{}万吨绿色农药原药项目", n({"1", "2", "3"}));
    if (c == "C3737") return fmt::format("年产{}台（套）船用{}项目", n({"200", "500", "1000"}), p({"甲板机械", "推进系统", "舱口盖", "脱硫装置"}));
    if (c == "C3734") return fmt::format("{}万吨级船舶修理及改装项目", n({"5", "10", "15"}));
    if (c == "C3732") return fmt::format("年产{}艘{}项目", n({"50", "100", "200"}), p({"玻璃钢游艇", "铝合金客船", "复合材料工作船"}));
    if (c == "G5532") return fmt::format("{}万吨级{}码头项目", n({"3", "5", "10"}), p({"通用散货", "集装箱", "件杂货", "液体散货"}));
    if (c == "G5920") return fmt::format("长江{}仓储物流中心项目", p({"粮食", "大宗商品", "钢材", "木材"}));
    if (c == "G5810") return fmt::format("江海河多式联运{}项目", p({"枢纽", "物流园", "集散中心"}));
    if (c == "G5431") return fmt::format("{}城市配送物流中心项目", p({"智慧", "电商", "快递"}));
    if (c == "G5930") return fmt::format("{}冷链物流中心项目", p({"农产品", "医药", "水产品"}));
    if (c == "C1311") return fmt::format("年产{}万吨优质大米加工项目", n({"10", "20", "30"}));
    if (c == "C1391") return fmt::format("年产{}万吨淀粉及变性淀粉项目", n({"5", "10", "20"}));
    if (c == "C1361") return fmt::format("年产{}万吨水产品精深加工项目", n({"2", "5", "8"}));
    if (c == "C1432") return fmt::format("年产{}万吨速冻食品及预制菜项目", n({"3", "5", "10"}));
    if (c == "C1441") return fmt::format("年产{}万吨低温乳制品项目", n({"5", "10", "15"}));
    if (c == "C1462") return fmt::format("年产{}万吨酿造酱油项目", n({"5", "10", "20"}));
    if (c == "C1513") return fmt::format("年产{}万千升精酿啤酒项目", n({"5", "10", "20"}));
    if (c == "C1523") return fmt::format("年产{}万吨果蔬汁饮料项目", n({"5", "10", "20"}));
    if (c == "C3973") return fmt::format("年产{}亿颗集成电路封装测试项目", n({"10", "30", "50"}));
    if (c == "C3972") return fmt::format("年产{}万片功率半导体器件项目", n({"24", "36", "60"}));
    if (c == "C3982") return fmt::format("年产{}万平方米高端印制电路板项目", n({"50", "100", "200"}));
    if (c == "C3921") return fmt::format("年产{}万台5G通信设备项目", n({"10", "50", "100"}));
    if (c == "C3976") return fmt::format("年产{}万只光电子器件项目", n({"500", "1000", "3000"}));
    if (c == "C3841") return fmt::format("年产{}GWh锂离子电池项目", n({"5", "10", "20"}));
    if (c == "C3825") return fmt::format("年产{}GW光伏组件项目", n({"2", "5", "10"}));
    if (c == "C3252") return fmt::format("年产{}万吨高性能铝合金型材项目", n({"5", "10", "20"}));
    if (c == "C3251") return fmt::format("年产{}万吨高精度铜箔项目", n({"1", "2", "5"}));
    if (c == "C3061") return fmt::format("年产{}万吨特种玻璃纤维项目", n({"5", "10", "15"}));
    if (c == "C3062") return fmt::format("年产{}万吨碳纤维复合材料项目", n({"0.5", "1", "2"}));
    if (c == "C2922") return fmt::format("年产{}万吨改性塑料项目", n({"5", "10", "20"}));
    if (c == "C2929") return fmt::format("年产{}万吨生物降解塑料制品项目", n({"3", "5", "10"}));
    if (c == "C3240") return fmt::format("年产{}万吨稀土合金材料项目", n({"1", "2", "3"}));
    if (c == "C3091") return fmt::format("年产{}万吨锂电负极石墨材料项目", n({"2", "5", "10"}));
    if (c == "C3444") return fmt::format("年产{}万件液压元件项目", n({"50", "100", "200"}));
    if (c == "C3451") return fmt::format("年产{}万套精密轴承项目", n({"100", "500", "1000"}));
    if (c == "C3443") return fmt::format("年产{}万台工业阀门项目", n({"5", "10", "20"}));
    if (c == "C3511") return fmt::format("年产{}台（套）智能矿山装备项目", n({"200", "500", "1000"}));
    if (c == "C3612") return fmt::format("年产{}万辆新能源汽车项目", n({"5", "10", "20"}));
    if (c == "C3670") return fmt::format("年产{}万套汽车零部件项目", n({"50", "100", "300"}));
    if (c == "C3823") return fmt::format("年产{}万台智能配电设备项目", n({"2", "5", "10"}));
    if (c == "C1711") return fmt::format("年产{}万锭高档纺纱项目", n({"5", "10", "20"}));
    if (c == "C1810") return fmt::format("年产{}万件品牌服装项目", n({"100", "300", "500"}));
    if (c == "C2231") return fmt::format("年产{}亿平方米包装纸板项目", n({"1", "2", "5"}));
    if (c == "C4190") return fmt::format("年产{}万件文旅创意产品项目", n({"50", "100", "200"}));
    if (c == "C2110") return fmt::format("年产{}万套定制家具项目", n({"5", "10", "20"}));
    if (c == "C3311") return fmt::format("年产{}万吨钢结构项目", n({"5", "10", "20"}));
    if (c == "C3110") return fmt::format("年产{}万吨炼铁项目", n({"50", "100", "200"}));
    if (c == "C3120") return fmt::format("年产{}万吨电炉炼钢项目", n({"50", "100", "150"}));
    if (c == "C3731") return fmt::format("{}万吨级钢质散货船建造项目", n({"3", "5", "8"}));
    if (c == "C2511") return fmt::format("年产{}万吨原油加工项目", n({"100", "200", "500"}));
    fail("no project name for " + c);
}

void Generator::write_projects() {
    struct Row {
        std::string kind, industry, origin, name;
        Problem problem = Problem::None;
        double area_mu = 0, investment = 0, tax = 0, tech = 0;
        int eia_ok = 1, needs_shore = 0, major = 0;
    };
    std::vector<Row> rows;
    Rng r(stream_key(opt_.seed, kProjects));
    for (const auto& k : project_kinds()) {
        std::vector<Problem> problems;
        for (auto [problem, n] : k.problems)
            for (int i = 0; i < n; ++i) problems.push_back(problem);
        problems.resize(static_cast<std::size_t>(k.count), Problem::None);
        r.shuffle(problems);
        for (int i = 0; i < k.count; ++i) {
            Row row;
            row.kind = k.key;
            row.problem = problems[static_cast<std::size_t>(i)];
            row.industry = std::string_view(k.key) == "negative_list" ? k.industries[static_cast<std::size_t>(i)]
                                                                       : r.pick(k.industries);
            double x = r.uniform(), acc = 0, total = 0;
            for (auto& o : k.origins) total += o.second;
            row.origin = k.origins.back().first;
            for (auto& o : k.origins)
                if (x * total < (acc += o.second)) { row.origin = o.first; break; }
            row.needs_shore = k.needs_shore;
            row.name = project_name(row.industry, r);
            double intensity = r.log_between(k.intensity_lo, k.intensity_hi);
            double tax_per_mu = r.log_between(k.tax_lo, k.tax_hi);
            // Most projects are small and mid-sized firms (10–90 亩, median ~30), as in
            // a Jiangsu county's project list; major projects are larger.
            row.area_mu = r.log_between(10, 90);
            row.tech = r.between(k.tech_lo, k.tech_hi);
            switch (row.problem) {
                case Problem::EiaFail: row.eia_ok = 0; break;
                case Problem::LowInvestment: intensity = r.between(128, 145); break;
                case Problem::LowTax: tax_per_mu = r.between(4, 13); break;
                case Problem::LandGrab:  // asks ≥ 2x the land its investment justifies at 250 万元/亩
                    row.area_mu = r.between(150, 500);
                    intensity = r.between(60, 110);
                    tax_per_mu = r.between(16, 30);
                    row.tech = r.between(10, 40);
                    break;
                case Problem::Major:
                    row.major = 1;
                    row.area_mu = r.between(60, 200);
                    intensity = r.between(400, 900);
                    tax_per_mu = r.between(30, 90);
                    break;
                case Problem::None: break;
            }
            row.area_mu = std::round(row.area_mu * 10) / 10;
            row.investment = std::round(row.area_mu * intensity);
            row.tax = std::round(row.area_mu * tax_per_mu * 10) / 10;
            row.tech = std::round(row.tech);
            rows.push_back(std::move(row));
        }
    }
    // Two names that need CSV quoting: an ASCII comma and ASCII double quotes.
    for (auto& row : rows)
        if (row.kind == "pharma" && row.problem == Problem::None) { row.name = "年产2吨原料药,10亿片制剂一体化项目"; break; }
    for (auto& row : rows)
        if (row.kind == "machinery" && row.problem == Problem::None) { row.name = "\"泰州造\"新能源汽车电驱系统项目"; break; }
    r.shuffle(rows);

    std::ofstream out(opt_.out_dir / "projects.csv", std::ios::binary);
    out << "\xEF\xBB\xBF" << "project_id,name,industry,origin,area_mu,investment,tax_expect,tech,eia_ok,needs_shore,major\n";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const Row& row = rows[i];
        out << fmt::format("PJ-{:03d},{},{},{},{:.1f},{:.0f},{:.1f},{:.0f},{},{},{}\n", i + 1, csv_field(row.name),
                           row.industry, row.origin, row.area_mu, row.investment, row.tax, row.tech, row.eia_ok,
                           row.needs_shore, row.major);
        projects_.push_back({row.kind, row.industry, row.origin, row.area_mu, row.investment, row.tax, row.eia_ok,
                             row.needs_shore, row.major});
    }
    if (!out) fail("cannot write projects.csv");
}

void Generator::write_quota() const {
    std::ofstream out(opt_.out_dir / "quota.csv", std::ios::binary);
    out << "district,quota_mu,name\n";
    // Xinghua (321281) has none left this period: its projects need stock land or
    // another district's park.
    const std::vector<std::pair<const char*, int>> quota = {{"321202", 120}, {"321203", 260}, {"321204", 180},
                                                            {"321281", 0},   {"321282", 90},  {"321283", 340}};
    for (const auto& [code, mu] : quota)
        for (const auto& d : kDistricts)
            if (std::string_view(d.code) == code) out << fmt::format("{},{},{}\n", code, mu, d.name);
    if (!out) fail("cannot write quota.csv");
}

void Generator::print_summary() const {
    const Stats& s = stats_;
    fmt::print("make_sample_city: {} parcels (seed {}, park scale {:.2f}) into {}\n", s.written, opt_.seed, scale_,
               opt_.out_dir.string());
    fmt::print("\nparcel cases (group counts: P01..P08, outside):\n");
    fmt::print("{:<28}", "case");
    for (int g = 0; g < kGroupCount; ++g) fmt::print("{:>6}", g < kParkCount ? pool_defs()[static_cast<std::size_t>(g)].id : "out");
    fmt::print("{:>7}  expected finding\n", "total");
    for (int c = 0; c < kCaseCount; ++c) {
        int64_t total = 0;
        fmt::print("{:<28}", kCases[static_cast<std::size_t>(c)].name);
        for (int g = 0; g < kGroupCount; ++g) {
            const int64_t n = s.cases[static_cast<std::size_t>(g)][static_cast<std::size_t>(c)];
            total += n;
            fmt::print("{:>6}", n);
        }
        fmt::print("{:>7}  {}\n", total, kCases[static_cast<std::size_t>(c)].expect);
    }
    fmt::print("\nplanted records:\n");
    for (const auto& [code, id] : s.special_ids)
        for (const auto& sp : specials())
            if (code == sp.code)
                fmt::print("  {:<4} {:<18} {:<4} {:>6.0f} m from the bank  {}  => {}\n", code, id,
                           sp.group < kParkCount ? pool_defs()[static_cast<std::size_t>(sp.group)].id : "out",
                           s.special_shore_m.at(code), sp.what, sp.expect);
    fmt::print("\nexpected audit flags (parcels carrying each):");
    for (const auto& [k, v] : s.expected_flags) fmt::print(" {}={}", k, v);
    fmt::print("\n");
    fmt::print("\nstatus counts:");
    for (const auto& [k, v] : s.by_status) fmt::print(" {}={}", k, v);
    fmt::print("\narea by status in parks (亩):");
    for (const auto& [k, v] : s.mu_by_status_in_parks) fmt::print(" {}={:.0f}", k, v);
    fmt::print("\narea by status outside parks (亩):");
    for (const auto& [k, v] : s.mu_by_status_outside) fmt::print(" {}={:.0f}", k, v);
    fmt::print("\ntotal parcel area {:.0f} 亩 ({:.1f} km²), mean {:.1f} 亩, max vertices {}\n", s.parcel_mu,
               s.parcel_mu * kM2PerMu / 1e6, s.parcel_mu / static_cast<double>(s.written), s.max_vertices);
    fmt::print("chemical land users (C26, supplied/building/built) within 1 km of the bank:");
    for (const auto& [k, v] : s.chem_near_shore) fmt::print(" {}={}", k, v);

    // Parks.
    fmt::print("\n\nparks:\n");
    for (const auto& p : pools_)
        if (p.is_park)
            fmt::print("  {} {} {:.2f} km², {} parcels, {} blocks, cell {:.0f}x{:.0f} m, road {:.0f} m\n", p.def->id,
                       p.def->name, p.area_m2 / 1e6, p.parcels, p.blocks.size(), p.cell_w, p.cell_h, p.road_w);

    // Shoreline: per segment, developed by the audit's rule (a built/building
    // parcel within 300 m), by length (10 m samples).
    fmt::print("\nshoreline: {:.1f} km in", river_.length() / 1000);
    std::map<std::string, double> by_zone;
    double port = 0, port_dev_len = 0, port_undev_segments = 0;
    int segments = 0;
    for (const auto& iv : shore_) {
        by_zone[iv.zone] += iv.c1 - iv.c0;
        const int pieces = std::max(1, static_cast<int>(std::ceil((iv.c1 - iv.c0) / 4500)));
        segments += pieces;
        if (!iv.port) continue;
        port += iv.c1 - iv.c0;
        bool any = false;
        for (double c = iv.c0; c <= iv.c1; c += 10) {
            const Pt q = river_.at(c);
            bool near = false;
            const auto bucket = s.near_river_by_100m.find(static_cast<int64_t>(std::floor(c / 100)));
            if (bucket != s.near_river_by_100m.end())
                for (std::size_t k : bucket->second) {
                    const Ring& ring = s.near_river_occupied[k];
                    if (chain_distance(Ring{q}, true, ring, true) <= 300 || point_in_ring(q, ring)) { near = true; break; }
                }
            if (near) port_dev_len += std::min(10.0, iv.c1 - c), any = true;
        }
        if (!any) port_undev_segments += iv.c1 - iv.c0;
    }
    fmt::print(" {} segments;", segments);
    for (const auto& [z, v] : by_zone) fmt::print(" {}={:.2f} km", z, v / 1000);
    fmt::print("\n  port shoreline {:.2f} km: developed {:.2f} km, undeveloped {:.2f} km (stretches with no parcel within 300 m: {:.2f} km)\n",
               port / 1000, port_dev_len / 1000, (port - port_dev_len) / 1000, port_undev_segments / 1000);

    // Projects.
    int eia = 0, negative = 0, chem = 0, chem_shore = 0, low_inv = 0, low_tax = 0, grab = 0, shore = 0, major = 0, enclave = 0;
    double asked = 0;
    for (const auto& pr : projects_) {
        const std::string& industry = pr.industry;
        const double inv = pr.investment / pr.area_mu, tax = pr.tax / pr.area_mu;
        asked += pr.area_mu;
        eia += pr.eia_ok == 0;
        const bool neg = industry == "C3110" || industry == "C3120" || industry == "C3731" || industry == "C2511";
        negative += neg;
        chem += industry.rfind("C26", 0) == 0;
        chem_shore += industry.rfind("C26", 0) == 0 && pr.needs_shore;
        low_inv += inv < 150;
        low_tax += tax < 15;
        grab += pr.area_mu >= 2 * pr.investment / 250;
        shore += pr.needs_shore;
        major += pr.major;
        // Enclave: no park themed for it in its origin district.
        bool themed_somewhere = false, themed_at_home = false;
        for (int k = 0; k < kParkCount; ++k) {
            const PoolDef& pd = pool_defs()[static_cast<std::size_t>(k)];
            std::string themes = pd.themes;
            std::size_t x = 0;
            while (x <= themes.size()) {
                const std::size_t y = std::min(themes.find(';', x), themes.size());
                const std::string t = themes.substr(x, y - x);
                if (!t.empty() && industry.rfind(t, 0) == 0) {
                    themed_somewhere = true;
                    if (pr.origin == pd.district) themed_at_home = true;
                }
                x = y + 1;
            }
        }
        enclave += !neg && themed_somewhere && !themed_at_home;
    }
    fmt::print("\nprojects: {} asking {:.0f} 亩; eia_ok=0 {}, negative list {}, chemical {} ({} needing the shore), "
               "investment < 150 万元/亩 {}, tax < 15 万元/亩 {}, land grabs (area >= 2x investment/250) {}, "
               "riverfront {}, major {}, enclave candidates (themed park only in another district) {}\n",
               projects_.size(), asked, eia, negative, chem, chem_shore, low_inv, low_tax, grab, shore, major, enclave);
}

Options parse_args(int argc, char** argv) {
    Options o;
    auto usage = [] {
        fmt::print(stderr,
                   "usage: make_sample_city OUT_DIR [--parcels N] [--seed S]\n"
                   "  writes parks/shoreline/parcels/districts .shp, projects.csv and quota.csv into OUT_DIR\n"
                   "  --parcels N  number of parcels, 2000..5000000 (default 6000, the committed sample)\n"
                   "  --seed S     random seed (default 2026, the committed sample)\n");
    };
    std::vector<std::string> positional;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) { usage(); std::exit(2); }
            return argv[++i];
        };
        auto number = [&](const std::string& text) -> uint64_t {
            if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos || text.size() > 18) {
                fmt::print(stderr, "make_sample_city: {} needs a whole number, got '{}'\n", a, text);
                std::exit(2);
            }
            return std::stoull(text);
        };
        if (a == "-h" || a == "--help") { usage(); std::exit(0); }
        else if (a == "--parcels") o.parcels = static_cast<int64_t>(number(value()));
        else if (a == "--seed") o.seed = number(value());
        else if (!a.empty() && a[0] == '-') { fmt::print(stderr, "make_sample_city: unknown option '{}'\n", a); usage(); std::exit(2); }
        else positional.push_back(a);
    }
    if (positional.size() != 1) { usage(); std::exit(2); }
    if (o.parcels < 2000 || o.parcels > 5000000) {
        fmt::print(stderr, "make_sample_city: --parcels {} is outside 2000..5000000\n", o.parcels);
        std::exit(2);
    }
    o.out_dir = positional[0];
    return o;
}

}  // namespace

int main(int argc, char** argv) {
    const Options options = parse_args(argc, argv);
    GDALAllRegister();
    try {
        Generator(options).run();
    } catch (const std::exception& e) {
        fmt::print(stderr, "make_sample_city: {}\n", e.what());
        return 1;
    }
    return 0;
}
