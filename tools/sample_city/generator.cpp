#include "generator.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <set>

#include <fmt/format.h>

#include "common.hpp"
#include "random.hpp"
#include "tracts.hpp"

namespace sample_city {

namespace fs = std::filesystem;

Generator::Generator(const CityDefinition& city, Options o)
    : city_(city), opt_(std::move(o)), land_use_(static_cast<std::size_t>(city.group_count())),
      first_row_(land_use_.size()), case_(land_use_.size()), tract_of_(land_use_.size()), special_at_(land_use_.size()) {
    stats_.cases.assign(land_use_.size(), {});
    stats_.tracts.resize(city.tracts.size());
}

void Generator::run() {
    fs::create_directories(opt_.out_dir);
    scale_ = city_.parks_scale_with_parcels
                 ? std::clamp(std::pow(static_cast<double>(opt_.parcels) / 6000.0, 0.25), 0.85, 2.0)
                 : 1.0;
    build_geography();
    build_pools();
    check_placement();
    lay_out_pools();
    assign_cases();
    if (one_crs()) gpkg_ = create_geopackage(opt_.out_dir / "city.gpkg");
    write_districts();
    write_parks();
    plan_shoreline();
    write_shoreline();
    write_parcels();
    gpkg_.reset();
    write_projects();
    write_quota();
    write_rules();
    print_summary();
    write_periods();
}

ShapeWriter Generator::layer_writer(const char* name, const OGRSpatialReference& srs, OGRwkbGeometryType type,
                                    const std::vector<FieldSpec>& fields) {
    if (gpkg_) return ShapeWriter(*gpkg_, name, proj_.zone40(), type, fields);
    return ShapeWriter(opt_.out_dir, name, srs, type, fields);
}

Pt Generator::vertex(const char* name) const {
    for (const auto& v : city_.vertices)
        if (std::string_view(v.name) == name) return proj_.to_metric(v.at.lon, v.at.lat);
    fail(fmt::format("unknown vertex {}", name));
}

void Generator::build_geography() {
    for (const auto& ll : city_.river) river_.pts.push_back(proj_.to_metric(ll.lon, ll.lat));
    river_.chain.assign(1, 0.0);
    for (std::size_t i = 1; i < river_.pts.size(); ++i)
        river_.chain.push_back(river_.chain.back() + norm(river_.pts[i] - river_.pts[i - 1]));
    river_.build_index();
    for (const auto& d : city_.districts) {
        Ring corners;
        for (const char* name : d.ring) corners.push_back(vertex(name));
        make_ccw(corners);
        // 500 m steps: a straight metric edge and its lon/lat image then differ by
        // millimetres, and shared edges get the same inserted vertices.
        district_world_.push_back(Poly{{densify_ring(corners, 500)}, {}});
    }
}

int Generator::district_index(std::string_view code) const {
    for (std::size_t i = 0; i < city_.districts.size(); ++i)
        if (code == city_.districts[i].code) return static_cast<int>(i);
    fail(fmt::format("unknown district {}", code));
}

void Generator::build_pools() {
    const auto& defs = city_.pools;
    for (std::size_t i = 0; i < defs.size(); ++i) {
        Pool p;
        p.def = &defs[i];
        p.index = static_cast<int>(i);
        p.is_park = i < static_cast<std::size_t>(city_.park_count);
        p.group = p.is_park ? static_cast<int>(i) : city_.outside_group();
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
void Generator::check_placement() const {
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

void Generator::lay_out_pools() {
    // The definition's share of the parcels outside the parks; within each, shares by area.
    const int64_t outside = std::llround(static_cast<double>(opt_.parcels) * city_.outside_share);
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

/// The parcels (indices in group g) of g's tracts, in block order, each marked in
/// tract_of_ with its tract; none for a cluster or a park without tracts.
std::vector<std::size_t> Generator::lay_tracts(int g) {
    std::vector<std::size_t> parcels;
    if (g >= city_.park_count) return parcels;
    const Pool& p = pools_[static_cast<std::size_t>(g)];
    std::vector<int64_t> first(p.blocks.size() + 1, p.group_start);  // a block's first parcel in the group
    for (std::size_t b = 0; b < p.blocks.size(); ++b) first[b + 1] = first[b] + p.blocks[b].parcels;
    std::vector<bool> taken(p.blocks.size(), false);
    for (std::size_t t = 0; t < city_.tracts.size(); ++t) {
        if (std::string_view(city_.tracts[t].park) != p.def->id) continue;
        Rng r(stream_key(opt_.seed, kTract, static_cast<uint64_t>(g), t));
        for (std::size_t b : grow_tract(p, city_.tracts[t], taken, r)) {
            taken[b] = true;
            for (int64_t i = first[b]; i < first[b + 1]; ++i) {
                parcels.push_back(static_cast<std::size_t>(i));
                tract_of_[static_cast<std::size_t>(g)][static_cast<std::size_t>(i)] = static_cast<int16_t>(t);
            }
        }
    }
    return parcels;
}

/// Exact case counts per group, shuffled over its parcels; riverside first rows
/// kept built or building (so the park's frontage counts as developed); then
/// the single planted records.
void Generator::assign_cases() {
    for (int g = 0; g < city_.group_count(); ++g) {
        const auto gi = static_cast<std::size_t>(g);
        const auto& lu = land_use_[gi];
        auto& cs = case_[gi];
        cs.assign(lu.size(), kBuiltOk);
        Rng r(stream_key(opt_.seed, kCaseShuffle, gi));
        auto& tract_of = tract_of_[gi];
        tract_of.assign(lu.size(), -1);
        const std::vector<std::size_t> tract_parcels = lay_tracts(g);
        for (int industrial = 1; industrial >= 0; --industrial) {
            std::vector<std::size_t> members;
            for (std::size_t i = 0; i < lu.size(); ++i)
                if ((lu[i] == kIndustrial) == (industrial == 1)) members.push_back(i);
            std::array<int64_t, kCaseCount> count{};
            std::size_t planted = 0;
            for (int c = 1; c < kSpecial; ++c) {
                if (kCases[static_cast<std::size_t>(c)].industrial_only && !industrial) continue;
                const double s = city_.case_share(static_cast<Case>(c), g == city_.outside_group());
                count[static_cast<std::size_t>(c)] = std::llround(s * static_cast<double>(members.size()));
                planted += static_cast<std::size_t>(count[static_cast<std::size_t>(c)]);
            }
            if (planted > members.size()) fail("more planted cases than parcels");
            // Tracts take their cases out of the same counts (they are industrial land).
            std::vector<bool> in_tract(lu.size(), false);
            if (industrial)
                for (std::size_t i : tract_parcels) {
                    const TractDef& t = city_.tracts[static_cast<std::size_t>(tract_of[i])];
                    const auto c = std::find_if(t.cases.begin(), t.cases.end(), [&](Case k) { return count[k] > 0; });
                    if (c == t.cases.end())
                        fail(fmt::format("{}: the tract '{}' needs more parcels than its cases have", city_.pools[gi].id, t.what));
                    cs[i] = static_cast<uint8_t>(*c);
                    --count[*c];
                    in_tract[i] = true;
                }
            std::erase_if(members, [&](std::size_t i) { return in_tract[i]; });
            // Supply land (approved, planned, reserve) comes in runs of
            // neighbouring parcels, as real stock does (a plot cleared at once, a
            // park's expansion area), so touching parcels merge into sites large
            // enough for projects; every other case is scattered one by one.
            std::vector<std::vector<uint8_t>> runs;
            std::size_t left = 0;
            for (int c = 1; c < kSpecial; ++c) {
                const int64_t n = count[static_cast<std::size_t>(c)];
                const bool supply = c >= kApprovedUnder2 && c <= kReserve;
                const int64_t run = supply ? kSupplyRun : 1;
                for (int64_t k = 0; k < n; k += run)
                    runs.emplace_back(static_cast<std::size_t>(std::min<int64_t>(run, n - k)), static_cast<uint8_t>(c));
                left += static_cast<std::size_t>(n);
            }
            for (std::size_t k = left; k < members.size(); ++k) runs.push_back({static_cast<uint8_t>(kBuiltOk)});
            r.shuffle(runs);
            std::vector<uint8_t> list;
            for (const auto& run : runs) list.insert(list.end(), run.begin(), run.end());
            for (std::size_t k = 0; k < members.size(); ++k) cs[members[k]] = list[k];
        }
        // First rows on the river: swap anything not built/building with a
        // compliant built parcel of the same land use further back. One forward
        // scan serves every land use (the committed sample's swaps);
        // it skips another land use's candidates for good, so when it runs out a
        // second scan looks again from the start, and a third takes a parcel of
        // another land use of the same kind (industrial or not: the cases drawn for
        // one kind fit any of its uses), for a use with few parcels behind the front.
        std::size_t next = 0;
        auto candidate = [&](std::size_t k, std::size_t i) {
            return !first_row_[gi][k] && cs[k] == kBuiltOk && lu[k] == lu[i];
        };
        auto same_kind = [&](std::size_t k, std::size_t i) {
            return !first_row_[gi][k] && cs[k] == kBuiltOk && (lu[k] == kIndustrial) == (lu[i] == kIndustrial);
        };
        for (std::size_t i = 0; i < cs.size(); ++i) {
            if (!first_row_[gi][i] || is_built_or_building(static_cast<Case>(cs[i]))) continue;
            while (next < cs.size() && !candidate(next, i)) ++next;
            std::size_t with = next;
            if (with == cs.size())
                for (with = 0; with < cs.size() && !candidate(with, i); ++with) {}
            if (with == cs.size())
                for (with = 0; with < cs.size() && !same_kind(with, i); ++with) {}
            if (with == cs.size())
                fail(fmt::format("no built parcel to swap into a riverside first row of {}",
                                 city_.pools[gi].id));
            std::swap(cs[i], cs[with]);
        }
    }
    // Planted records replace compliant built industrial parcels away from the river.
    const auto& sp = city_.specials;
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

}  // namespace sample_city
