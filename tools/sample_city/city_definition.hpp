#pragma once
// What makes one sample city: its fixed geography (river bank, districts, parks and
// clusters), its planted records, its projects and its quota. The generator's
// machinery (layout, cases, attributes, writers, tally) works on any definition;
// taizhou.cpp holds the one the committed sample is made from; riverbend.cpp the
// other kind of city, for benchmarks (its own shapes, shares and output format, set
// by the switches below; the sample keeps their defaults).
#include <array>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "calendar.hpp"
#include "cases.hpp"

namespace sample_city {

struct LonLat {
    double lon, lat;
};

/// A named corner of the district map.
struct Vertex {
    const char* name;
    LonLat at;
};

struct DistrictDef {
    const char* code;
    const char* name;
    std::vector<const char*> ring;  ///< vertex names, counter-clockwise
};

enum LandUse : uint8_t { kIndustrial, kLogistics, kCommercial, kResidential, kPublic, kOther, kLandUseCount };
inline const char* const kLandUseName[kLandUseCount] = {"industrial", "logistics", "commercial",
                                                        "residential", "public",    "other"};
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

/// Single planted records: boundary dates and ratios, policy conflicts, data errors.
enum class SpecialKind : uint8_t { SuppliedDue, Halted, ApprovedOn, PolicyIndustry, BowTie, DuplicateId, DevOutOfRange, EmptyStatus };

struct SpecialDef {
    const char* code;
    int group;  ///< park index, or the definition's outside_group()
    SpecialKind kind;
    Day day;           ///< start_due, halt_date or appr_date
    double dev, inv;   ///< Halted: dev_ratio and inv_done/inv_plan (NaN = empty)
    const char* industry;
    const char* what;
    const char* expect;
    const char* flags = "";  ///< flag codes expected beside the data-driven policy flags
};

/// What is wrong with a project on purpose, for screening to find.
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

/// A stretch of the bank between two chainages (metres from the upstream end).
struct ShoreInterval {
    double c0, c1;
    const char* zone;
    int port;
};

/// Builds the bank's function zones in order, upstream to downstream, with no gap.
class ShorePlan {
public:
    explicit ShorePlan(double river_length_m) : length_m_(river_length_m) {}
    double length_m() const { return length_m_; }
    /// [a, b] clamped to the bank; stretches under 1 m are dropped.
    void add(double a, double b, const char* zone, int port);
    /// [a, b] as two non-port stretches, the first 60 % of it.
    void split(double a, double b, const char* first_zone, const char* second_zone);
    /// The plan; fails unless it reaches the downstream end.
    std::vector<ShoreInterval> finish() &&;

private:
    double length_m_;
    std::vector<ShoreInterval> intervals_;
};

/// A riverside park part's frontage on the bank, as chainages (from, to).
using FrontageFn = std::function<std::pair<double, double>(int park, int part)>;

/// The names enterprises take: "<prefix><brand><trade><suffix>". A firm takes the
/// province's name with chance province_share, else its district's town name when
/// listed (with that town's share), else the city's.
struct NamePrefixes {
    const char* province;
    double province_share;
    const char* city;
    struct Town {
        const char* district;
        const char* name;
        double share;  ///< 1: always (no draw)
    };
    std::vector<Town> towns;
};

/// How a block is cut into parcels (parcel_shapes.cpp).
enum class ParcelStyle : uint8_t {
    /// One or two rows of slanted strips sharing every vertex, corners cut at half
    /// the crossroads: four to eight vertices, convex (the committed sample).
    Quads,
    /// Quadrilateral strips, two-row blocks split by a service lane, then about a
    /// fifth of the parcels with one to four extra vertices bulging into the road or
    /// lane and about 5 % L-shaped (a corner notch left unparcelled): irregular
    /// shapes that still never overlap, since no shared edge is moved.
    Irregular,
};

/// How the layers are written (layers.cpp, shoreline.cpp).
enum class OutputFormat : uint8_t {
    /// parks, districts in EPSG:4490, shoreline in EPSG:4549, parcels in EPSG:4528,
    /// one Shapefile each: the CRSs a bureau's data arrive in.
    ShapefilesThreeCrs,
    /// One GeoPackage, city.gpkg, every layer in EPSG:4528 metres.
    GeoPackageOneCrs,
};

/// A case share that differs from kCases' (cases.cpp), for a city whose land is
/// used worse or better than the sample's.
struct CaseShare {
    Case c;
    double in_parks, outside;
};

/// A tract (成片) of supply land in whole neighbouring blocks of one park, as a
/// park's expansion area or a cleared plot comes: the land a major project needs.
/// Its parcels take their cases from the park's own shares of industrial land (so
/// the park's case counts stay those of kCases), in the order `cases` lists them:
/// the first blocks the first case, and so on while each lasts.
struct TractDef {
    const char* park;
    int blocks;               ///< neighbouring blocks (4-connected in the grid), grown compact
    std::vector<Case> cases;  ///< drawn from the park's industrial case counts, in this order
    /// Riverside parks: every block of the tract lies this far from the bank or
    /// farther (the chemical park: beyond the law's 1 km) and starts within
    /// `to_bank_m` (riverfront land behind the built front row).
    double from_bank_m = 0, to_bank_m = 1e12;
    const char* what = "";
};

struct CityDefinition {
    const char* key = "";               ///< the --city name
    const char* parcel_id_prefix = "";  ///< parcel ids: <prefix>-<district>-<serial>
    /// Parks grow with --parcels (linear scale min(2, (N/6000)^¼)), or stay the size
    /// the definition draws at every N (only the parcels get smaller).
    bool parks_scale_with_parcels = true;
    int64_t min_parcels = 2000, max_parcels = 5000000;  ///< --parcels it can lay out
    ParcelStyle parcel_style = ParcelStyle::Quads;
    OutputFormat output = OutputFormat::ShapefilesThreeCrs;
    std::vector<CaseShare> case_shares;  ///< overrides of kCases' shares; others as there
    /// Share of the parcels outside the parks (in the clusters).
    double outside_share = 0.15;

    std::vector<LonLat> river;  ///< the bank, upstream to downstream
    std::vector<Vertex> vertices;
    std::vector<DistrictDef> districts;
    std::vector<PoolDef> pools;  ///< the parks first (park_count of them), then the clusters
    int park_count = 0;
    /// Industries off a park's theme (its "misfits"): general, non-chemical, not phase-out.
    std::vector<const char*> misfit_industries;
    std::vector<const char*> commercial_industries;
    NamePrefixes name_prefixes;
    std::vector<SpecialDef> specials;
    std::vector<TractDef> tracts;  ///< laid before the cases are shuffled (generator.cpp)
    /// The bank's function zones, given the parks' frontages.
    std::function<void(ShorePlan&, const FrontageFn&)> plan_shoreline;
    std::vector<ProjectKind> project_kinds;
    std::vector<std::pair<const char*, int>> quota_mu;  ///< district code, 亩 of new-land quota left
    /// district code, 亩 of quota earned by disposing stock in the last period (增存挂钩); others 0
    std::vector<std::pair<const char*, int>> earned_before_mu;
    /// Parks that take any industry (the city's own rules.toml, fit.general_parks):
    /// a city's choice, so it lives with the city, not in the built-in rules.
    std::vector<const char*> general_parks;
    /// The comment that opens the city's rules.toml: how it is used.
    const char* rules_header = "";

    /// The case group of every cluster (park groups are their indices).
    int outside_group() const { return park_count; }
    int group_count() const { return park_count + 1; }
    /// A case's share of a group's parcels (of the land uses it applies to).
    double case_share(Case c, bool outside) const {
        for (const auto& s : case_shares)
            if (s.c == c) return outside ? s.outside : s.in_parks;
        return outside ? kCases[c].share_outside : kCases[c].share_in_parks;
    }
};

/// The Taizhou(泰州)-like riverside city of the committed sample (docs/sample_city.md).
const CityDefinition& taizhou();
/// 澜州, a city of many parks on a winding river, written as one GeoPackage in one
/// CRS, with irregular parcels and more land flagged (docs/sample_city.md).
const CityDefinition& riverbend();

}  // namespace sample_city
