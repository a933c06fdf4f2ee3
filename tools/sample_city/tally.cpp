// The tally: what was planted, counted while the parcels are written, and the
// summary printed at the end (the expected audit flags are read by the tests).
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "generator.hpp"

namespace sample_city {

/// A turn counts as a corner above this sine (0.06°).
constexpr double kConcaveSine = 1e-3;

void Generator::tally(const Pool& p, Case c, const SpecialDef* special, const std::string& id, const ParcelRec& a,
           const Ring& ring, double mu) {
    Stats& s = stats_;
    ++s.written;
    s.parcel_mu += mu;
    s.max_vertices = std::max(s.max_vertices, static_cast<int>(ring.size()));
    ++s.cases[static_cast<std::size_t>(p.group)][c];
    if (special) s.special_ids.push_back({special->code, id});
    // Flags the audit must raise: from the case (or planted record) ...
    std::string_view tokens = special ? special->flags : kCases[c].flags;
    bool flagged = !tokens.empty();
    while (!tokens.empty()) {
        const std::size_t sp = tokens.find(' ');
        ++s.expected_flags[std::string(tokens.substr(0, sp))];
        tokens = sp == std::string_view::npos ? std::string_view() : tokens.substr(sp + 1);
    }
    const std::string status = a.status_set ? a.status : "(empty)";
    ++s.by_status[status];
    (p.is_park ? s.mu_by_status_in_parks : s.mu_by_status_outside)[status] += mu;
    // Exact under 2 km, which is all the checks below need (the chemical rule's 1 km,
    // the 700 m of the shoreline check); a planted record's distance is printed.
    const double d = special ? river_.distance(ring) : river_.distance_within(ring, 2000);
    const bool occupied = status == "built" || status == "building" || status == "supplied";
    if (occupied && a.industry.rfind("C26", 0) == 0 && d < kChemShoreM) ++s.chem_near_shore[status];
    if (special) s.special_shore_m[special->code] = d;
    // ... and the policy flags, from what was written.
    if (occupied) {
        for (const char* prefix : {"C3731", "C3110", "C3120", "C2611"})
            if (a.industry.rfind(prefix, 0) == 0) ++s.expected_flags["PHASE_OUT"], flagged = true;
        if (a.industry.rfind("C26", 0) == 0) {
            if (!p.def->chem_park) ++s.expected_flags["CHEM_OUTSIDE_PARK"], flagged = true;
            if (d < kChemShoreM) ++s.expected_flags["CHEM_NEAR_SHORE"], flagged = true;
        }
    }
    s.flagged += flagged;
    // Shapes as written (after rounding to the millimetre): vertices, and whether
    // any corner turns clockwise on the counter-clockwise ring (concave) by more
    // than kConcaveSine: a straight junction vertex rounded to the millimetre
    // turns by far less and is no corner.
    const auto n = ring.size();
    s.vertices_5_to_8 += n >= 5 && n <= 8;
    bool concave = false;
    for (std::size_t i = 0; i < n; ++i) {
        const Pt a0 = ring[(i + n - 1) % n] - ring[0], a1 = ring[i] - ring[0], a2 = ring[(i + 1) % n] - ring[0];
        concave |= cross(a1 - a0, a2 - a1) < -kConcaveSine * norm(a1 - a0) * norm(a2 - a1);
    }
    s.concave += concave;
    if ((status == "built" || status == "building") && d < 700) {
        double lo = 1e300, hi = -1e300;
        for (Pt q : ring) lo = std::min(lo, river_.project_near(q, 1000)), hi = std::max(hi, river_.project_near(q, 1000));
        for (auto k = static_cast<int64_t>(std::floor((lo - 300) / 100)); k <= static_cast<int64_t>(std::floor((hi + 300) / 100)); ++k)
            s.near_river_by_100m[k].push_back(s.near_river_occupied.size());
        s.near_river_occupied.push_back(ring);
    }
}

void Generator::print_summary() const {
    const Stats& s = stats_;
    fmt::print("make_sample_city: {} parcels (seed {}, park scale {:.2f}) into {}\n", s.written, opt_.seed, scale_,
               opt_.out_dir.string());
    fmt::print("\nparcel cases (group counts: {}..{}, outside):\n", city_.pools.front().id,
               city_.pools[static_cast<std::size_t>(city_.park_count - 1)].id);
    fmt::print("{:<28}", "case");
    for (int g = 0; g < city_.group_count(); ++g) fmt::print("{:>6}", g < city_.park_count ? city_.pools[static_cast<std::size_t>(g)].id : "out");
    fmt::print("{:>7}  expected finding\n", "total");
    for (int c = 0; c < kCaseCount; ++c) {
        int64_t total = 0;
        fmt::print("{:<28}", kCases[static_cast<std::size_t>(c)].name);
        for (int g = 0; g < city_.group_count(); ++g) {
            const int64_t n = s.cases[static_cast<std::size_t>(g)][static_cast<std::size_t>(c)];
            total += n;
            fmt::print("{:>6}", n);
        }
        fmt::print("{:>7}  {}\n", total, kCases[static_cast<std::size_t>(c)].expect);
    }
    fmt::print("\nplanted records:\n");
    for (const auto& [code, id] : s.special_ids)
        for (const auto& sp : city_.specials)
            if (code == sp.code)
                fmt::print("  {:<4} {:<18} {:<4} {:>6.0f} m from the bank  {}  => {}\n", code, id,
                           sp.group < city_.park_count ? city_.pools[static_cast<std::size_t>(sp.group)].id : "out",
                           s.special_shore_m.at(code), sp.what, sp.expect);
    if (!city_.tracts.empty()) fmt::print("\ntracts of supply land (whole neighbouring blocks, for major projects):\n");
    for (std::size_t t = 0; t < city_.tracts.size(); ++t) {
        const TractDef& def = city_.tracts[t];
        const Stats::Tract& got = s.tracts[t];
        fmt::print("  {} {} blocks, {} parcels, {:.1f} 亩 ({}):", def.park, def.blocks, got.parcels, got.mu, def.what);
        for (const auto& [name, n] : got.by_case) fmt::print(" {}={}", name, n);
        fmt::print("\n");
    }
    fmt::print("\nexpected audit flags (parcels carrying each):");
    for (const auto& [k, v] : s.expected_flags) fmt::print(" {}={}", k, v);
    fmt::print("\n");
    fmt::print("flagged parcels (expected): {} of {} ({:.1f} %)\n", s.flagged, s.written,
               100.0 * static_cast<double>(s.flagged) / static_cast<double>(s.written));
    fmt::print("parcel shapes: {} with 5-8 vertices ({:.1f} %), {} concave ({:.1f} %)\n", s.vertices_5_to_8,
               100.0 * static_cast<double>(s.vertices_5_to_8) / static_cast<double>(s.written), s.concave,
               100.0 * static_cast<double>(s.concave) / static_cast<double>(s.written));
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

    // Shoreline: per segment, the port shoreline with a built/building parcel
    // within 300 m (10 m samples). A check of the layout only: the audit no
    // longer reads developed shoreline this way but by frontage and by the
    // plan's zones (docs/audit.md, `parkcap audit` prints both).
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
    fmt::print("\n  the bank has {} vertices", river_.pts.size());
    fmt::print("\n  port shoreline {:.2f} km: {:.2f} km with a built/building parcel within 300 m, {:.2f} km without "
               "(segments with none: {:.2f} km); layout check only, the audit reads developed shoreline by "
               "frontage and by zone\n",
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
        for (int k = 0; k < city_.park_count; ++k) {
            const PoolDef& pd = city_.pools[static_cast<std::size_t>(k)];
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

}  // namespace sample_city
