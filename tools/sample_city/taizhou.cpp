// The Taizhou(泰州)-like riverside city of the committed sample: six districts
// tiling the land north-east of the Yangtze, eight industrial parks, eighteen
// clusters of industry and towns outside them, the planted records, ~200 projects
// and the districts' quota. docs/sample_city.md describes it.
#include <cmath>
#include <string>

#include "common.hpp"
#include "city_definition.hpp"

namespace sample_city {

namespace {

constexpr int kParkCount = 8;
constexpr int kOutsideGroup = kParkCount;  ///< case group of all clusters

/// The Yangtze bank, upstream (north-west) to downstream (south-east). Vertices sit
/// where district boundaries meet the river, and the straight stretches between
/// them are long enough for the riverside parks at any scale.
const std::vector<LonLat> kRiver = {{119.800, 32.300}, {119.880, 32.225}, {119.980, 32.160},
                                    {120.100, 32.075}, {120.150, 32.040}, {120.300, 31.950}};

const std::vector<Vertex> kVertices = {
    {"R0", {119.800, 32.300}}, {"R1", {119.880, 32.225}}, {"R2", {119.980, 32.160}}, {"R3", {120.100, 32.075}},
    {"R4", {120.150, 32.040}}, {"R5", {120.300, 31.950}}, {"W0", {119.700, 32.360}}, {"A", {119.700, 32.400}},
    {"B", {119.980, 32.400}},  {"C", {119.980, 32.350}},  {"D", {120.400, 32.350}},  {"E", {120.400, 32.150}},
    {"F", {120.150, 32.150}},  {"G", {120.400, 32.020}},  {"H", {119.700, 32.700}},  {"I", {119.980, 32.700}},
    {"J", {120.400, 32.700}},  {"K", {120.400, 33.000}},  {"L", {119.700, 33.000}},
};

const std::vector<DistrictDef> kDistricts = {
    {"321202", "海陵区", {"A", "B", "I", "H"}},
    {"321203", "高港区", {"R0", "R1", "R2", "C", "B", "A", "W0"}},
    {"321204", "姜堰区", {"C", "D", "J", "I", "B"}},
    {"321281", "兴化市", {"H", "I", "J", "K", "L"}},
    {"321282", "靖江市", {"R4", "R5", "G", "E", "F"}},
    {"321283", "泰兴市", {"R2", "R3", "R4", "F", "E", "D", "C"}},
};

const LandUseMix kClusterMix = {0.45, 0.05, 0.13, 0.22, 0.10, 0.05};

KmRing cluster_outline(double w, double h) {
    return {{-w / 2, -h / 2}, {w / 2, -h / 2}, {w / 2, h * 0.3}, {w * 0.25, h / 2}, {-w / 2, h / 2}};
}

// GB/T 4754-2017 codes. Phase-out codes (C3731, C3110, C3120, C2611) and chemicals
// (C26) appear only where planted, so their counts are exact.
std::vector<PoolDef> pools() {
    return [] {
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
}

/// Industries off a park's theme (its "misfits"): general, non-chemical, not phase-out.
const std::vector<const char*> kMisfitIndustries = {"C1711", "C1810", "C2110", "C2231", "C3130",
                                                    "C3311", "C3360", "C2929", "C4190", "C3670"};
const std::vector<const char*> kCommercialIndustries = {"F5211", "F5212", "H6110", "H6210", "L7211"};

std::vector<SpecialDef> specials() {
    return {
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
         "parcel_id repeats the parcel written just before it", "loader keeps it as a second parcel, ID#2 (id.conflict)"},
        {"E5", 5, SpecialKind::DevOutOfRange, kNoDay, kNaN, kNaN, nullptr, "built, dev_ratio 1.3", "out of range 0..1"},
        {"E6", 3, SpecialKind::EmptyStatus, kNoDay, kNaN, kNaN, nullptr, "status empty (otherwise a built parcel)",
         "loader keeps it as incomplete, reporting the missing status"},
    };
}

/// Function zones along the bank. Each riverside park's frontage is developed
/// port shoreline (its first row is built, so the audit finds it fronted);
/// next to it, past a 400 m control buffer that is not port shoreline, lies
/// port shoreline no park's built land fronts, undeveloped:
/// 4.0 + 3.0 + 2.0 + 2.0 + 0.8 + 2.2 ≈ 14 km at the default scale.
void plan_shoreline(ShorePlan& plan, const FrontageFn& frontage) {
    const double len = plan.length_m(), buf = 400;
    const auto p07 = frontage(6, 0), p02 = frontage(1, 0), p03a = frontage(2, 0), p03b = frontage(2, 1);
    plan.add(0, p07.first - buf, "reserve", 0);
    plan.add(p07.first - buf, p07.first, "control", 0);
    plan.add(p07.first, p07.second, "develop", 1);
    plan.add(p07.second, p07.second + buf, "control", 0);
    const double u07 = p07.second + buf + 4000;
    plan.add(p07.second + buf, u07, "develop", 1);
    const double u02 = p02.first - buf - 3000;
    if (u02 <= u07) fail("no room for the shoreline plan between P07 and P02");
    plan.split(u07, u02, "protect", "reserve");
    plan.add(u02, p02.first - buf, "control", 1);
    plan.add(p02.first - buf, p02.first, "control", 0);
    plan.add(p02.first, p02.second, "develop", 1);
    plan.add(p02.second, p02.second + buf, "control", 0);
    const double d02 = p02.second + buf + 2000;
    plan.add(p02.second + buf, d02, "develop", 1);
    const double u03 = p03a.first - buf - 2000;
    if (u03 <= d02) fail("no room for the shoreline plan between P02 and P03");
    plan.split(d02, u03, "protect", "control");
    plan.add(u03, p03a.first - buf, "control", 1);
    plan.add(p03a.first - buf, p03a.first, "control", 0);
    plan.add(p03a.first, p03a.second, "develop", 1);
    plan.add(p03a.second, p03a.second + buf, "control", 0);
    plan.add(p03a.second + buf, p03b.first - buf, "develop", 1);
    plan.add(p03b.first - buf, p03b.first, "control", 0);
    plan.add(p03b.first, p03b.second, "develop", 1);
    plan.add(p03b.second, p03b.second + buf, "control", 0);
    const double d03 = p03b.second + buf + 2200;
    plan.add(p03b.second + buf, d03, "develop", 1);
    plan.add(d03, len, "protect", 0);
}

const std::vector<std::pair<const char*, double>> kAnyOrigin = {{"321202", 1}, {"321203", 1}, {"321204", 1},
                                                                {"321281", 1}, {"321282", 1}, {"321283", 1}};

std::vector<ProjectKind> project_kinds() {
    using P = Problem;
    return {
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
}

}  // namespace

const CityDefinition& taizhou() {
    static const CityDefinition city = [] {
        CityDefinition c;
        c.key = "taizhou";
        c.parcel_id_prefix = "TZ";
        c.river = kRiver;
        c.vertices = kVertices;
        c.districts = kDistricts;
        c.pools = pools();
        c.park_count = kParkCount;
        c.misfit_industries = kMisfitIndustries;
        c.commercial_industries = kCommercialIndustries;
        c.name_prefixes = {"江苏", 0.15, "泰州",
                            {{"321281", "兴化", 1}, {"321282", "靖江", 1}, {"321283", "泰兴", 1}, {"321204", "姜堰", 0.3}}};
        c.specials = specials();
        // Where major projects can go: each themed park has one tract of supply land
        // in whole blocks across its internal roads (300–850 亩), the development
        // zone the largest; the chemical park's beyond the law's 1 km from the bank,
        // the port park's just behind its built river front (near port shoreline).
        using enum Case;
        c.tracts = {
            {"P01", 5, {kApproved2to5, kApprovedOver5, kApprovedUnder2, kReserve}, 0, 1e12, "approved land of an expansion area"},
            {"P02", 3, {kApprovedUnder2, kApproved2to5, kReserve}, 1000, 1e12, "approved land beyond 1 km of the bank"},
            {"P03", 4, {kReserve, kApprovedOver5, kApproved2to5, kApprovedUnder2, kPlanned}, 0, 700, "riverfront land behind the built front"},
            {"P04", 3, {kApprovedUnder2, kApproved2to5, kReserve}, 0, 1e12, "approved land"},
            {"P05", 4, {kApprovedUnder2, kApproved2to5, kPlanned}, 0, 1e12, "approved and planned land"},
            {"P06", 4, {kPlanned, kApproved2to5}, 0, 1e12, "planned land, then approved"},
            {"P08", 10, {kApprovedOver5, kApproved2to5, kApprovedUnder2, kReserve, kPlanned}, 0, 1e12,
             "the development zone's expansion area"},
        };
        c.plan_shoreline = plan_shoreline;
        c.project_kinds = project_kinds();
        // Xinghua (321281) has none left this period: its projects need stock land or
        // another district's park.
        // The economic-technological development zone takes what no themed park fits.
        c.general_parks = {"P08"};
        c.rules_header = "# The sample city's own rules, laid over parkcap's built-in rules (docs/rules.md):\n"
                         "# parkcap plan data/shapefiles --rules data/shapefiles/rules.toml ...\n"
                         "# `parkcap rules --rules data/shapefiles/rules.toml` prints the effective rules.\n\n";
        c.quota_mu = {{"321202", 120}, {"321203", 260}, {"321204", 180}, {"321281", 0}, {"321282", 90}, {"321283", 340}};
        // Last period's disposals earned some districts quota already (the quota
        // table's earned_mu); 兴化 has no new quota but earned a little.
        c.earned_before_mu = {{"321202", 30}, {"321204", 20}, {"321281", 15}, {"321283", 40}};
        return c;
    }();
    return city;
}

}  // namespace sample_city
