#include "parkcap/monitor/changes.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "../geom/detail/geos_support.hpp"
#include "parkcap/core/error.hpp"
#include "parkcap/index/parcel_index.hpp"

namespace parkcap::monitor {

using audit::FlagCode;

namespace {

// Vertices of a parcel nobody edited come back from the GeoPackage bit for bit;
// a millimetre allows for a round trip through another tool.
constexpr double kSameVertex = 1e-3;

bool same_shape(const geom::MultiPolygonColumn& a, std::size_t fa, const geom::MultiPolygonColumn& b, std::size_t fb) {
    if (a.polygon_count(fa) != b.polygon_count(fb)) return false;
    for (std::size_t k = 0; k < a.polygon_count(fa); ++k) {
        const std::size_t ra = a.ring_begin(fa, k), rb = b.ring_begin(fb, k);
        if (a.ring_end(fa, k) - ra != b.ring_end(fb, k) - rb) return false;
        for (std::size_t r = 0; r < a.ring_end(fa, k) - ra; ++r) {
            const auto pa = a.ring(ra + r), pb = b.ring(rb + r);
            if (pa.size() != pb.size()) return false;
            for (std::size_t i = 0; i < pa.size(); ++i)
                if (std::abs(pa[i].x - pb[i].x) > kSameVertex || std::abs(pa[i].y - pb[i].y) > kSameVertex) return false;
        }
    }
    return true;
}

double intersection_m2(const geom::MultiPolygonColumn& a, std::size_t fa, const geom::MultiPolygonColumn& b, std::size_t fb) {
    using namespace geom::detail;
    const geom::Box ba = a.bounds(fa), bb = b.bounds(fb);
    if (ba.max_x < bb.min_x || bb.max_x < ba.min_x || ba.max_y < bb.min_y || bb.max_y < ba.min_y) return 0;
    const GeosPtr ga = make_multipolygon(a, fa), gb = make_multipolygon(b, fb);
    if (!ga || !gb) return 0;
    const GeosPtr inter(GEOSIntersection_r(geos(), ga.get(), gb.get()));
    double area = 0;
    if (inter) GEOSArea_r(geos(), inter.get(), &area);
    return area;
}

// The stages of idle land, in the order a parcel moves through them.
int idle_stage(FlagCode c) {
    switch (c) {
        case FlagCode::SuppliedUnused:
        case FlagCode::IdleSuspect: return 1;
        case FlagCode::IdleFee: return 2;
        case FlagCode::IdleTakeback: return 3;
        default: return 0;
    }
}

std::optional<FlagCode> top_idle_stage(FlagSet flags) {
    std::optional<FlagCode> top;
    for (int c = 0; c < audit::kFlagCodeCount; ++c) {
        const auto code = static_cast<FlagCode>(c);
        if (flags.contains(code) && idle_stage(code) > 0 && (!top || idle_stage(code) > idle_stage(*top))) top = code;
    }
    return top;
}

/// The flag that makes a parcel stock of `kind`, if it has one.
std::optional<FlagCode> stock_flag(StockKind kind, FlagSet flags) {
    switch (kind) {
        case StockKind::ApprovedUnsupplied:
            if (flags.contains(FlagCode::ApprovedUnsupplied)) return FlagCode::ApprovedUnsupplied;
            return std::nullopt;
        case StockKind::Idle:
            if (flags.contains(FlagCode::IdleTakeback)) return FlagCode::IdleTakeback;
            if (flags.contains(FlagCode::IdleFee)) return FlagCode::IdleFee;
            return std::nullopt;
        case StockKind::LowEfficiency:
            for (FlagCode c : {FlagCode::LowFar, FlagCode::LowCoverage, FlagCode::LowInvestment, FlagCode::LowTax})
                if (flags.contains(c)) return c;
            return std::nullopt;
    }
    return std::nullopt;
}

bool is_supplied(Status s) { return s == Status::Supplied || s == Status::Building || s == Status::Built; }

/// What the later state of the land says about one kind of stock it was. The
/// state decides, not the flag alone: a flag can also lapse because a date was
/// extended or data corrected, which is not a disposal.
Disposal disposal_of(StockKind kind, const SnapshotParcels& before, uint32_t b, const SnapshotParcels& after, uint32_t a) {
    if (stock_flag(kind, after.flags[a])) return Disposal::Pending;
    const Status now = after.status[a];
    if (now == Status::Reserve) return Disposal::Reserve;
    const bool replanned = after.land_use[a] != before.land_use[b] && after.land_use[a] != LandUse::Unknown &&
                           before.land_use[b] != LandUse::Unknown;
    const bool unapproved = now == Status::Planned || (kind != StockKind::ApprovedUnsupplied && now == Status::Approved);
    switch (kind) {
        case StockKind::ApprovedUnsupplied:
            if (is_supplied(now)) return Disposal::Supplied;
            break;
        case StockKind::Idle:
            if (now == Status::Building || now == Status::Built) return Disposal::Started;
            break;
        case StockKind::LowEfficiency:
            if (!replanned && (now == Status::Building || now == Status::Built)) return Disposal::Improved;
            break;
    }
    // Land given up (back to planned; idle land's contract rescinded) under a new
    // use was re-planned; under its old use, its approval or supply was withdrawn.
    if (replanned) return Disposal::Replanned;
    if (unapproved) return Disposal::Withdrawn;
    return Disposal::Cleared;
}

/// Union-find over earlier parcels [0, nb) and later ones [nb, nb + na).
class Components {
public:
    explicit Components(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), std::size_t{0}); }
    std::size_t find(std::size_t x) {
        while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
        return x;
    }
    void join(std::size_t a, std::size_t b) { parent_[find(a)] = find(b); }

private:
    std::vector<std::size_t> parent_;
};

struct Candidate {
    uint32_t before, after;
    bool by_id;
    double inter_m2;
};

std::vector<Candidate> find_links(const SnapshotParcels& before, const SnapshotParcels& after, double min_share) {
    std::vector<Candidate> found;
    std::vector<char> before_linked(before.size(), 0), after_linked(after.size(), 0);
    std::unordered_set<uint64_t> seen;
    auto key = [](uint32_t b, uint32_t a) { return static_cast<uint64_t>(b) << 32 | a; };
    auto enough = [&](uint32_t b, uint32_t a, double inter) {
        const double smaller = std::min(before.geometry.area(b), after.geometry.area(a));
        return smaller > 0 && inter >= min_share * smaller;
    };
    auto link = [&](uint32_t b, uint32_t a, bool by_id, double inter) {
        found.push_back({b, a, by_id, inter});
        before_linked[b] = after_linked[a] = 1;
    };

    // 1. The same id: the same land unless the shapes no longer overlap (an id reused).
    std::unordered_map<std::string_view, uint32_t> before_by_id;
    before_by_id.reserve(before.size());
    for (uint32_t b = 0; b < before.size(); ++b) before_by_id.emplace(before.id[b], b);
    for (uint32_t a = 0; a < after.size(); ++a) {
        const auto it = before_by_id.find(after.id[a]);
        if (it == before_by_id.end()) continue;
        const uint32_t b = it->second;
        seen.insert(key(b, a));
        if (same_shape(before.geometry, b, after.geometry, a)) link(b, a, true, before.geometry.area(b));
        else if (const double inter = intersection_m2(before.geometry, b, after.geometry, a); enough(b, a, inter))
            link(b, a, true, inter);
    }

    // 2. Parcels left without a partner by id: split, merged or renumbered land,
    //    found by overlap against every parcel of the other audit.
    auto by_overlap = [&](const geom::MultiPolygonColumn& own, const std::vector<char>& linked,
                          const geom::MultiPolygonColumn& other, bool own_is_before) {
        if (std::find(linked.begin(), linked.end(), 0) == linked.end()) return;
        const index::ParcelIndex other_index(other);
        for (uint32_t i = 0; i < own.size(); ++i) {
            if (linked[i]) continue;
            for (uint32_t j : other_index.query(own.bounds(i))) {
                const uint32_t b = own_is_before ? i : j, a = own_is_before ? j : i;
                if (!seen.insert(key(b, a)).second) continue;
                const double inter = intersection_m2(before.geometry, b, after.geometry, a);
                if (enough(b, a, inter)) found.push_back({b, a, false, inter});
            }
        }
    };
    by_overlap(after.geometry, after_linked, before.geometry, false);
    by_overlap(before.geometry, before_linked, after.geometry, true);
    std::sort(found.begin(), found.end(),
              [](const Candidate& x, const Candidate& y) { return std::tie(x.before, x.after) < std::tie(y.before, y.after); });
    return found;
}

void add_flag_transitions(Changes& c, int64_t after, FlagSet old_flags, FlagSet new_flags) {
    const auto old_top = top_idle_stage(old_flags), new_top = top_idle_stage(new_flags);
    const bool escalated = old_top && new_top && idle_stage(*new_top) > idle_stage(*old_top);
    for (int k = 0; k < audit::kFlagCodeCount; ++k) {
        const auto code = static_cast<FlagCode>(k);
        const bool was = old_flags.contains(code), is = new_flags.contains(code);
        if (escalated && (code == *old_top || code == *new_top)) {
            if (code == *old_top) c.flags.push_back({-1, after, code, FlagChange::Escalated, *new_top});
            continue;
        }
        if (was && is) c.flags.push_back({-1, after, code, FlagChange::Persisting, std::nullopt});
        else if (was) c.flags.push_back({-1, after, code, FlagChange::Resolved, std::nullopt});
        else if (is) c.flags.push_back({-1, after, code, FlagChange::New, std::nullopt});
    }
}

}  // namespace

std::array<std::size_t, kMatchKindNames.size()> Changes::match_counts() const {
    std::array<std::size_t, kMatchKindNames.size()> n{};
    for (const Match& m : matches) ++n[static_cast<std::size_t>(m.kind)];
    return n;
}

Changes compare_audits(const AuditSnapshot& before_audit, const AuditSnapshot& after_audit, const rules::MonitoringRules& rules) {
    if (before_audit.working_crs != after_audit.working_crs)
        throw DataError(fmt::format("{} and {}: the audits were made in different working CRSs ({} and {}); their "
                                    "parcels cannot be matched by overlap",
                                    before_audit.path, after_audit.path, before_audit.working_crs, after_audit.working_crs),
                        fmt::format("audit both with the same --crs, e.g. --crs {}", before_audit.working_crs));
    if (!(before_audit.as_of < after_audit.as_of))
        throw DataError(fmt::format("{} (as of {}) is not earlier than {} (as of {})", before_audit.path,
                                    before_audit.as_of.iso(), after_audit.path, after_audit.as_of.iso()),
                        "give the earlier audit first: parkcap compare OLD.gpkg NEW.gpkg");

    const SnapshotParcels& before = before_audit.parcels;
    const SnapshotParcels& after = after_audit.parcels;
    Changes c;
    c.before_as_of = before_audit.as_of;
    c.after_as_of = after_audit.as_of;

    const std::vector<Candidate> found = find_links(before, after, rules.match_overlap_share);
    // Shares: an earlier parcel's land is divided among the later parcels holding it,
    // in proportion to what each holds (they sum to 1, so no land is counted twice).
    for (std::size_t i = 0; i < found.size();) {
        std::size_t j = i;
        double total = 0;
        for (; j < found.size() && found[j].before == found[i].before; ++j) total += found[j].inter_m2;
        for (std::size_t k = i; k < j; ++k)
            c.links.push_back({found[k].before, found[k].after, found[k].by_id,
                               total > 0 ? found[k].inter_m2 / total : 1.0 / static_cast<double>(j - i)});
        i = j;
    }

    const std::size_t nb = before.size(), na = after.size();
    Components groups(nb + na);
    for (const Link& l : c.links) groups.join(l.before, nb + l.after);
    c.match_of_before.assign(nb, -1);
    c.match_of_after.assign(na, -1);
    std::unordered_map<std::size_t, int32_t> match_of_root;
    auto match_for = [&](std::size_t node) {
        const auto [it, added] = match_of_root.emplace(groups.find(node), static_cast<int32_t>(c.matches.size()));
        if (added) c.matches.emplace_back();
        return it->second;
    };
    for (uint32_t a = 0; a < na; ++a) {
        const int32_t m = match_for(nb + a);
        c.match_of_after[a] = m;
        c.matches[static_cast<std::size_t>(m)].after.push_back(a);
    }
    for (uint32_t b = 0; b < nb; ++b) {
        const int32_t m = match_for(b);
        c.match_of_before[b] = m;
        c.matches[static_cast<std::size_t>(m)].before.push_back(b);
    }
    for (Match& m : c.matches) {
        const std::size_t nbm = m.before.size(), nam = m.after.size();
        m.kind = nbm == 0 ? MatchKind::New
               : nam == 0 ? MatchKind::Gone
               : nbm == 1 && nam == 1 ? MatchKind::Same
               : nbm == 1 ? MatchKind::Split
               : nam == 1 ? MatchKind::Merged
                          : MatchKind::Regrouped;
        m.renumbered = m.kind == MatchKind::Same && before.id[m.before[0]] != after.id[m.after[0]];
    }

    // Flags, per later parcel against everything the earlier parcels of its land carried.
    std::vector<FlagSet> old_flags(na);
    std::vector<char> has_old(na, 0);
    for (const Link& l : c.links) {
        for (int k = 0; k < audit::kFlagCodeCount; ++k)
            if (before.flags[l.before].contains(static_cast<FlagCode>(k))) old_flags[l.after].insert(static_cast<FlagCode>(k));
        has_old[l.after] = 1;
    }
    for (uint32_t a = 0; a < na; ++a) add_flag_transitions(c, a, has_old[a] ? old_flags[a] : FlagSet{}, after.flags[a]);
    for (uint32_t b = 0; b < nb; ++b) {
        if (c.matches[static_cast<std::size_t>(c.match_of_before[b])].kind != MatchKind::Gone) continue;
        for (int k = 0; k < audit::kFlagCodeCount; ++k)
            if (before.flags[b].contains(static_cast<FlagCode>(k)))
                c.flags.push_back({b, -1, static_cast<FlagCode>(k), FlagChange::Gone, std::nullopt});
    }

    // Stock: each flagged earlier parcel's land, piece by piece, and what became of it.
    c.disposed_mu.assign(na, 0);
    std::vector<char> any_disposed(na, 0);
    std::size_t next_link = 0;
    for (uint32_t b = 0; b < nb; ++b) {
        std::size_t first = next_link;
        while (next_link < c.links.size() && c.links[next_link].before == b) ++next_link;
        std::vector<char> link_disposed(next_link - first, 0);
        for (std::size_t k = 0; k < kStockKindCount; ++k) {
            const auto kind = static_cast<StockKind>(k);
            const auto code = stock_flag(kind, before.flags[b]);
            if (!code) continue;
            if (first == next_link) c.stock.push_back({b, -1, kind, *code, Disposal::Gone, before.area_mu[b]});
            for (std::size_t l = first; l < next_link; ++l) {
                const Link& link = c.links[l];
                const Disposal how = disposal_of(kind, before, b, after, link.after);
                c.stock.push_back({b, link.after, kind, *code, how, link.share * before.area_mu[b]});
                link_disposed[l - first] = link_disposed[l - first] || is_disposal(how);
            }
        }
        // Each earlier parcel's land counts once as disposed, whatever its kinds.
        for (std::size_t l = first; l < next_link; ++l) {
            const Link& link = c.links[l];
            const bool disposed = link_disposed[l - first];
            if (disposed) {
                c.disposed_mu[link.after] += link.share * before.area_mu[b];
                any_disposed[link.after] = 1;
            }
        }
    }

    // The map's class of each later parcel.
    c.change_class.assign(na, ChangeClass::Unchanged);
    std::vector<std::array<bool, kFlagChangeNames.size()>> seen(na, std::array<bool, kFlagChangeNames.size()>{});
    std::vector<char> newly_idle(na, 0);
    for (const FlagTransition& t : c.flags) {
        if (t.after < 0) continue;
        const auto a = static_cast<std::size_t>(t.after);
        seen[a][static_cast<std::size_t>(t.change)] = true;
        if (t.change == FlagChange::New && (t.code == FlagCode::IdleFee || t.code == FlagCode::IdleTakeback)) newly_idle[a] = 1;
    }
    for (uint32_t a = 0; a < na; ++a) {
        const auto& s = seen[a];
        ChangeClass& cls = c.change_class[a];
        if (s[static_cast<std::size_t>(FlagChange::Escalated)]) cls = ChangeClass::Escalated;
        else if (newly_idle[a]) cls = ChangeClass::NewlyIdle;
        else if (!has_old[a]) cls = ChangeClass::NewLand;
        else if (any_disposed[a]) cls = ChangeClass::Disposed;
        else if (s[static_cast<std::size_t>(FlagChange::Resolved)]) cls = ChangeClass::Resolved;
        else if (s[static_cast<std::size_t>(FlagChange::New)]) cls = ChangeClass::NewlyFlagged;
        else if (s[static_cast<std::size_t>(FlagChange::Persisting)]) cls = ChangeClass::Persisting;
    }
    return c;
}

std::vector<StatusTransition> status_transitions(const AuditSnapshot& before, const Changes& changes,
                                                 const AuditSnapshot& after) {
    std::vector<StatusTransition> out;
    for (const Link& l : changes.links) {
        const Status from = before.parcels.status[l.before], to = after.parcels.status[l.after];
        if (from == to) continue;
        auto it = std::find_if(out.begin(), out.end(), [&](const StatusTransition& t) { return t.from == from && t.to == to; });
        if (it == out.end()) it = out.insert(out.end(), StatusTransition{from, to, 0, 0});
        ++it->links;
        it->area_mu += l.share * before.parcels.area_mu[l.before];
    }
    std::sort(out.begin(), out.end(), [](const StatusTransition& a, const StatusTransition& b) { return a.area_mu > b.area_mu; });
    return out;
}

}  // namespace parkcap::monitor
