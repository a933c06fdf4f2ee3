#include "evolve.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>
#include <tuple>
#include <utility>

#include <fmt/format.h>

#include "common.hpp"
#include "reshape.hpp"
#include "standards.hpp"

namespace sample_city {

const std::array<const char*, kChangeKindCount> kChangeKindName = {
    "taken_back", "started", "completed", "supplied", "withdrawn", "replanned",
    "improved",   "approved", "split",    "merged",   "renumbered"};

const std::array<const char*, 4> kDisposalName = {"", "approved_unsupplied", "idle", "low_efficiency"};

namespace {

// The pace of change: the share of a district's eligible parcels each kind takes
// in a quarter. Sized like a county bureau's year: 批而未供 loses a few per cent a
// quarter and about a fifth in a year (supply, withdrawal, re-planning together),
// idle land about a quarter a year (taken back or started), low-efficiency land a
// tenth or so; stock is split and merged now and then, ids rarely change.
constexpr double kTakeBackPace = 0.08;      // of idle land at the take-back stage
constexpr double kIdleStartPace = 0.05;     // of idle supplied land (it starts at last)
constexpr double kStartPace = 0.15;         // of supplied land not yet idle
constexpr double kCompletePace = 0.08;      // of land building a year or more, not halted
constexpr double kSupplyPace = 0.035;       // of approved land
constexpr double kWithdrawPace = 0.015;     // of approvals two years old or more
constexpr double kReplanPace = 0.01;        // of unbuilt industrial land
constexpr double kImprovePace = 0.04;       // of low-efficiency built land
constexpr double kApprovePace = 0.04;       // of planned land, while quota lasts
constexpr double kSplitPace = 0.01;         // of unbuilt land of 20 亩 or more
constexpr double kMergePace = 0.01;         // of runs of unbuilt neighbours
constexpr double kRenumberPace = 0.001;     // of all land

constexpr double kSplitMinMu = 20;      // pieces of at least ~7 亩, plots a project can use
constexpr double kThreePiecesMinMu = 30;
constexpr double kPieceMinMu = 3;

enum class IdleStage { None, Fee, Takeback };

/// The idle stage of a parcel as of a day, read from Order No. 53 as the audit
/// reads it: a supplied parcel not started, counted from its agreed start; a
/// halted one with under a third developed or under a quarter invested, from its
/// halt. (Neither figure on record is only suspected idle: no stage.)
IdleStage idle_stage(const ParcelRec& a, Day as_of) {
    Day since = kNoDay;
    if (a.status == "supplied" && a.start == kNoDay) {
        since = a.due;
    } else if (a.status == "building" && a.halt != kNoDay) {
        const bool share_known = !std::isnan(a.inv_plan) && !std::isnan(a.inv_done) && a.inv_plan > 0;
        const bool dev_low = !std::isnan(a.dev) && a.dev < kIdleDevShareBelow - 1e-9;
        const bool inv_low = share_known && a.inv_done / a.inv_plan < kIdleInvShareBelow - 1e-9;
        if (dev_low || inv_low) since = a.halt;
    }
    if (since == kNoDay) return IdleStage::None;
    if (as_of >= plus_years(since, kIdleTakebackYears)) return IdleStage::Takeback;
    if (as_of >= plus_years(since, kIdleFeeYears)) return IdleStage::Fee;
    return IdleStage::None;
}

/// 批而未供 age band (0 under two years, 1 two to five, 2 five or more); -1 when not
/// approved or undated.
int approved_band(const ParcelRec& a, Day as_of) {
    if (a.status != "approved" || a.appr == kNoDay) return -1;
    int band = 0;
    for (int years : kApprovedBandYears) band += as_of >= plus_years(a.appr, years) ? 1 : 0;
    return band;
}

double area_m2(const ParcelRecord& p) { return std::abs(signed_area(p.ring)); }

/// Unbuilt stock without a land user: what is split, merged and re-planned.
bool unbuilt_stock(const ParcelRecord& p) {
    const std::string& s = p.attr.status;
    return p.attr.status_set && (s == "approved" || s == "planned" || s == "reserve");
}

struct LowFigures {
    bool far = false, coverage = false, investment = false, tax = false;
    bool any() const { return far || coverage || investment || tax; }
};

/// Built industrial land under a control indicator, by the floors the sample's
/// cases are drawn around (standards.hpp).
LowFigures low_figures(const ParcelRecord& p, const Pool& pool) {
    LowFigures low;
    const ParcelRec& a = p.attr;
    if (a.status != "built" || p.land_use != kIndustrial) return low;
    const double mu = area_m2(p) / kM2PerMu;
    const double far_min = far_min_for(a.industry);
    low.far = far_min > 0 && !std::isnan(a.far) && a.far < far_min;
    low.coverage = !std::isnan(a.coverage) && a.coverage < kCoverageMin;
    low.investment = !std::isnan(a.inv_done) && a.inv_done / mu < level_investment_min(pool.def->level);
    low.tax = !std::isnan(a.tax) && a.tax / mu < kTaxFloorWanPerMu;
    return low;
}

/// Back to land with no user: what the reserve holds (its approval kept).
void clear_land_user(ParcelRec& a) {
    const Day appr = a.appr;
    a = ParcelRec{};
    a.appr = appr;
}

/// The direction of a ring's longest edge: a cut across it makes plots shaped
/// like the block's own.
Pt longest_edge_direction(const Ring& r) {
    Pt best{1, 0};
    double len = 0;
    for (std::size_t i = 0; i < r.size(); ++i) {
        const Pt e = r[(i + 1) % r.size()] - r[i];
        if (norm(e) > len) len = norm(e), best = e * (1 / norm(e));
    }
    return best;
}

}  // namespace

std::string Evolver::new_id(const std::string& district) {
    return fmt::format("TZ-{}-{:06d}", district, ++last_serial_[district]);
}

PeriodResult Evolver::evolve(const std::vector<ParcelRecord>& before, const std::map<std::string, double>& quota_mu,
                             Day from, Day to) {
    if (to <= from) fail("a period must end after it begins");
    for (const auto& p : before) {
        const auto dash = p.id.rfind('-');
        if (dash == std::string::npos) fail(fmt::format("parcel id {} has no serial", p.id));
        auto& last = last_serial_[p.district];
        last = std::max<int64_t>(last, std::stoll(p.id.substr(dash + 1)));
    }
    PeriodResult out;
    out.quota_mu = quota_mu;
    std::vector<ParcelRecord> cur = before;
    std::vector<char> touched(cur.size(), 0);
    const int quarters = std::max(1, static_cast<int>(std::lround((to - from) / 91.3125)));
    const auto period_key = static_cast<uint64_t>(static_cast<int64_t>(to));
    auto period_share = [&](double per_quarter) {
        double keep = 1;  // compounded by multiplication, not pow(): the same bits everywhere
        for (int q = 0; q < quarters; ++q) keep *= 1 - per_quarter;
        return 1 - keep;
    };

    // Which of a district's eligible parcels (or groups) a change takes: shuffled,
    // then taken in that order until the period's share of them is reached, at
    // least one where any is eligible, so every district with the stock sees the
    // change. `take` may refuse one (too large for the quota, a shape that does
    // not cut), and the next is tried.
    using Eligible = std::vector<std::pair<std::string, std::size_t>>;  // district, index
    auto pick = [&](int variant, double per_quarter, const Eligible& eligible, const std::function<bool(std::size_t)>& take) {
        for (std::size_t d = 0; d < city_.districts.size(); ++d) {
            std::vector<std::size_t> here;
            for (const auto& [district, i] : eligible)
                if (district == city_.districts[d].code) here.push_back(i);
            if (here.empty()) continue;
            Rng r(stream_key(seed_, kChangePick, period_key * 64 + static_cast<uint64_t>(variant), d));
            r.shuffle(here);
            const auto n = std::max<int64_t>(1, std::llround(period_share(per_quarter) * static_cast<double>(here.size())));
            int64_t taken = 0;
            for (std::size_t i : here) {
                if (taken == n) break;
                if (take(i)) ++taken;
            }
        }
    };
    auto parcels_where = [&](const std::function<bool(const ParcelRecord&)>& pred) {
        Eligible e;
        for (std::size_t i = 0; i < cur.size(); ++i)
            if (!touched[i] && !cur[i].planted && pred(cur[i])) e.push_back({cur[i].district, i});
        return e;
    };
    auto draw = [&](ChangeKind k, const std::string& id) {
        return Rng(stream_key(seed_, kChangeDraw, period_key * 64 + static_cast<uint64_t>(k), text_key(id)));
    };
    auto park_of = [&](const ParcelRecord& p) {
        const Pool& pool = pools_[static_cast<std::size_t>(p.pool)];
        return pool.is_park ? std::string(pool.def->id) : std::string();
    };
    auto record = [&](ChangeKind kind, Disposal d, const std::vector<const ParcelRecord*>& old,
                      const std::vector<const ParcelRecord*>& now, Day date) {
        Change c;
        c.kind = kind;
        c.disposes = d;
        c.district = old.front()->district;
        c.park = park_of(*old.front());
        for (const auto* p : old) c.old_ids.push_back(p->id), c.area_m2 += area_m2(*p);
        for (const auto* p : now) c.new_ids.push_back(p->id);
        c.date = date;
        c.old_status = old.front()->attr.status, c.new_status = now.front()->attr.status;
        c.old_land_use = old.front()->land_use, c.new_land_use = now.front()->land_use;
        out.changes.push_back(std::move(c));
    };
    // One parcel's attributes changed in place.
    auto change_in_place = [&](ChangeKind kind, Disposal d, std::size_t i, const std::function<Day(ParcelRecord&, Rng&)>& apply) {
        const ParcelRecord old = cur[i];
        Rng r = draw(kind, old.id);
        const Day date = apply(cur[i], r);
        round_as_stored(cur[i].attr);
        touched[i] = 1;
        record(kind, d, {&old}, {&cur[i]}, date);
        return true;
    };
    auto mu_of = [&](std::size_t i) { return area_m2(cur[i]) / kM2PerMu; };
    auto pool_of = [&](std::size_t i) -> const Pool& { return pools_[static_cast<std::size_t>(cur[i].pool)]; };

    // Idle land at the take-back stage → reserve. River-front rows stay built or
    // building, so the parks' frontage (the shoreline figures) does not move.
    pick(0, kTakeBackPace,
         parcels_where([&](const ParcelRecord& p) { return !p.first_row && idle_stage(p.attr, from) == IdleStage::Takeback; }),
         [&](std::size_t i) {
             return change_in_place(ChangeKind::TakenBack, Disposal::Idle, i, [&](ParcelRecord& p, Rng& r) {
                 clear_land_user(p.attr);
                 p.attr.status = "reserve";
                 return random_day(r, from + 1, to);
             });
         });

    // Supplied land starts: some of it idle already (disposed of by starting), most
    // of it on the watch list.
    auto start = [&](Disposal d) {
        return [&, d](std::size_t i) {
            return change_in_place(ChangeKind::Started, d, i, [&](ParcelRecord& p, Rng& r) {
                ParcelRec& a = p.attr;
                a.status = "building";
                a.start = random_day(r, std::max(from, a.supp) + 1, to);
                a.dev = r.between(0.03, 0.2);
                if (!std::isnan(a.inv_plan)) a.inv_done = a.inv_plan * r.between(0.1, 0.35);
                return a.start;
            });
        };
    };
    auto not_started = [](const ParcelRecord& p) { return p.attr.status == "supplied" && p.attr.start == kNoDay; };
    pick(1, kIdleStartPace,
         parcels_where([&](const ParcelRecord& p) { return not_started(p) && idle_stage(p.attr, from) != IdleStage::None; }),
         start(Disposal::Idle));
    pick(2, kStartPace,
         parcels_where([&](const ParcelRecord& p) { return not_started(p) && idle_stage(p.attr, from) == IdleStage::None; }),
         start(Disposal::None));

    // Building a year or more, not halted → built, with figures that pass.
    pick(3, kCompletePace,
         parcels_where([&](const ParcelRecord& p) {
             return p.attr.status == "building" && p.attr.halt == kNoDay && p.attr.start != kNoDay &&
                    p.attr.start <= from - 365;
         }),
         [&](std::size_t i) {
             const double mu = mu_of(i);
             return change_in_place(ChangeKind::Completed, Disposal::None, i, [&](ParcelRecord& p, Rng& r) {
                 p.attr.status = "built";
                 draw_built_figures(p.attr, p.land_use, pool_of(i), mu, r);
                 return random_day(r, from + 1, to);
             });
         });

    // 批而未供 supplied: the contract dates the agreed start 3-11 months on, as
    // the base's supplied land has it.
    pick(4, kSupplyPace, parcels_where([](const ParcelRecord& p) { return p.attr.status == "approved"; }),
         [&](std::size_t i) {
             const double mu = mu_of(i);
             return change_in_place(ChangeKind::Supplied, Disposal::ApprovedUnsupplied, i, [&](ParcelRecord& p, Rng& r) {
                 ParcelRec& a = p.attr;
                 a.status = "supplied";
                 a.supp = random_day(r, std::max(from, a.appr) + 1, to);
                 a.due = a.supp + static_cast<Day>(r.int_between(90, 330));
                 const bool chemicals_allowed = !pool_of(i).def->chem_park || p.river_m > kChemShoreM;
                 draw_land_user(city_, pool_of(i), p.land_use, chemicals_allowed, a, r);
                 a.inv_plan = draw_promise(pool_of(i), mu, r);
                 a.dev = 0, a.inv_done = 0;
                 return a.supp;
             });
         });

    // Approvals unused past the lapse age withdrawn; the quota they used returns
    // to the district.
    pick(5, kWithdrawPace,
         parcels_where([&](const ParcelRecord& p) {
             return p.attr.status == "approved" && p.attr.appr != kNoDay && from >= plus_years(p.attr.appr, kApprovalLapseYears);
         }),
         [&](std::size_t i) {
             out.quota_mu[cur[i].district] += mu_of(i);
             return change_in_place(ChangeKind::Withdrawn, Disposal::ApprovedUnsupplied, i, [&](ParcelRecord& p, Rng& r) {
                 p.attr.status = "planned";
                 p.attr.appr = kNoDay;
                 return random_day(r, from + 1, to);
             });
         });

    // Unbuilt industrial land re-planned: its use changes. Approved land re-planned
    // goes back to planned under the new use (the approval was for the old one, and
    // its quota returns to the district): that disposes of it as 批而未供; other
    // land keeps its status (it has no land user whose use could disagree).
    pick(6, kReplanPace,
         parcels_where([](const ParcelRecord& p) { return unbuilt_stock(p) && p.land_use == kIndustrial; }),
         [&](std::size_t i) {
             const bool approved = cur[i].attr.status == "approved";
             if (approved) out.quota_mu[cur[i].district] += mu_of(i);
             const Disposal d = approved ? Disposal::ApprovedUnsupplied : Disposal::None;
             return change_in_place(ChangeKind::Replanned, d, i, [&, approved](ParcelRecord& p, Rng& r) {
                 p.land_use = r.chance(0.5) ? kLogistics : kPublic;
                 if (approved) {
                     p.attr.status = "planned";
                     p.attr.appr = kNoDay;
                 }
                 return random_day(r, from + 1, to);
             });
         });

    // Low-efficiency land improved: each low figure raised clear of its floor
    // (the others were fine and stay).
    pick(7, kImprovePace,
         parcels_where([&](const ParcelRecord& p) { return low_figures(p, pools_[static_cast<std::size_t>(p.pool)]).any(); }),
         [&](std::size_t i) {
             const double mu = mu_of(i);
             const Pool& pool = pool_of(i);
             const LowFigures low = low_figures(cur[i], pool);
             return change_in_place(ChangeKind::Improved, Disposal::LowEfficiency, i, [&](ParcelRecord& p, Rng& r) {
                 ParcelRec& a = p.attr;
                 if (low.far) a.far = far_min_for(a.industry) * r.between(1.15, 1.6);
                 if (low.coverage) a.coverage = r.between(0.36, 0.5);
                 if (low.investment) a.inv_done = level_investment_min(pool.def->level) * r.between(1.15, 1.6) * mu;
                 if (low.tax) {
                     a.tax = r.log_between(18, 40) * mu;
                     a.output = a.tax * r.between(7, 18);
                 }
                 return random_day(r, from + 1, to);
             });
         });

    // Planned land approved, paid from the district's quota (what withdrawals
    // returned this period included): a district without quota approves nothing.
    pick(8, kApprovePace, parcels_where([](const ParcelRecord& p) { return p.attr.status == "planned"; }),
         [&](std::size_t i) {
             double& quota = out.quota_mu[cur[i].district];
             const double mu = mu_of(i);
             if (quota < mu) return false;
             quota -= mu;
             return change_in_place(ChangeKind::Approved, Disposal::None, i, [&](ParcelRecord& p, Rng& r) {
                 p.attr.status = "approved";
                 p.attr.appr = random_day(r, from + 1, to);
                 return p.attr.appr;
             });
         });

    // Geometry changes are collected and applied once all are chosen, so the
    // indices above stay valid.
    std::map<std::size_t, std::vector<ParcelRecord>> replaced;  // index → what takes its place
    std::set<std::size_t> removed;
    auto reshapeable = [](const ParcelRecord& p) { return unbuilt_stock(p) && !p.first_row && !p.reshaped; };

    // Splits: a plot cut across its longest side into two or three.
    pick(9, kSplitPace,
         parcels_where([&](const ParcelRecord& p) {
             return reshapeable(p) && area_m2(p) / kM2PerMu >= kSplitMinMu && is_convex(p.ring);
         }),
         [&](std::size_t i) {
             const ParcelRecord& old = cur[i];
             Rng r = draw(ChangeKind::Split, old.id);
             const double mu = area_m2(old) / kM2PerMu;
             const int n = mu >= kThreePiecesMinMu && r.chance(0.35) ? 3 : 2;
             const Pt u = longest_edge_direction(old.ring);
             double lo = 1e300, hi = -1e300;
             for (Pt q : old.ring) lo = std::min(lo, dot(q - old.ring[0], u)), hi = std::max(hi, dot(q - old.ring[0], u));
             std::vector<double> at = n == 2 ? std::vector<double>{lo + (hi - lo) * r.between(0.4, 0.6)}
                                             : std::vector<double>{lo + (hi - lo) * r.between(0.3, 0.37),
                                                                   lo + (hi - lo) * r.between(0.63, 0.7)};
             const auto rings = cut_convex(old.ring, u, at);
             double sum = 0;
             for (const auto& ring : rings) {
                 if (ring.size() < 3 || signed_area(ring) / kM2PerMu < kPieceMinMu) return false;
                 sum += signed_area(ring);
             }
             if (std::abs(sum - area_m2(old)) > 1e-9 * area_m2(old)) fail(fmt::format("splitting {} changed its area", old.id));
             std::vector<ParcelRecord> pieces;
             for (const auto& ring : rings) {
                 ParcelRecord piece = old;
                 piece.id = new_id(old.district);
                 piece.ring = ring;
                 piece.reshaped = true;
                 pieces.push_back(std::move(piece));
             }
             std::vector<const ParcelRecord*> now;
             for (const auto& piece : pieces) now.push_back(&piece);
             touched[i] = 1;
             record(ChangeKind::Split, Disposal::None, {&old}, now, random_day(r, from + 1, to));
             replaced[i] = std::move(pieces);
             return true;
         });

    // Merges: two or three neighbours in a row of one block (so of one park or
    // cluster and one district), of one status and use, that share an edge.
    std::vector<std::vector<std::size_t>> groups;
    Eligible group_eligible;
    {
        auto joins = [&](std::size_t a, std::size_t b) {
            return b < cur.size() && !touched[b] && !cur[b].planted && reshapeable(cur[b]) && cur[b].pool == cur[a].pool &&
                   cur[b].block == cur[a].block && cur[b].attr.status == cur[a].attr.status &&
                   cur[b].land_use == cur[a].land_use;
        };
        for (std::size_t i = 0; i < cur.size(); ++i) {
            if (touched[i] || cur[i].planted || !reshapeable(cur[i]) || !joins(i, i + 1)) continue;
            if (!share_an_edge(cur[i].ring, cur[i + 1].ring)) continue;
            std::vector<std::size_t> g{i, i + 1};
            Rng r = draw(ChangeKind::Merged, cur[i].id);
            if (r.chance(0.3) && joins(i, i + 2) && share_an_edge(cur[i + 1].ring, cur[i + 2].ring)) g.push_back(i + 2);
            group_eligible.push_back({cur[i].district, groups.size()});
            i = g.back();
            groups.push_back(std::move(g));
        }
    }
    pick(10, kMergePace, group_eligible, [&](std::size_t gi) {
        const auto& g = groups[gi];
        std::vector<Ring> rings;
        double sum = 0;
        for (std::size_t i : g) rings.push_back(cur[i].ring), sum += area_m2(cur[i]);
        const auto ring = union_of_neighbours(rings);
        if (!ring || std::abs(signed_area(*ring) - sum) > 1e-9 * sum) return false;
        ParcelRecord merged = cur[g.front()];
        merged.id = new_id(merged.district);
        merged.ring = *ring;
        merged.reshaped = true;
        for (std::size_t i : g) merged.river_m = std::min(merged.river_m, cur[i].river_m);
        // The oldest approval stands for the whole plot: its 批而未供 age is not
        // made younger by merging.
        for (std::size_t i : g)
            if (cur[i].attr.appr != kNoDay && (merged.attr.appr == kNoDay || cur[i].attr.appr < merged.attr.appr))
                merged.attr.appr = cur[i].attr.appr;
        std::vector<const ParcelRecord*> old;
        for (std::size_t i : g) old.push_back(&cur[i]), touched[i] = 1;
        Rng r = draw(ChangeKind::Merged, merged.id);
        record(ChangeKind::Merged, Disposal::None, old, {&merged}, random_day(r, from + 1, to));
        for (std::size_t k = 1; k < g.size(); ++k) removed.insert(g[k]);
        replaced[g.front()] = {std::move(merged)};
        return true;
    });

    // Renumbered: the same land and record under a new id (a survey's new numbering).
    pick(11, kRenumberPace, parcels_where([](const ParcelRecord&) { return true; }), [&](std::size_t i) {
        ParcelRecord now = cur[i];
        now.id = new_id(now.district);
        Rng r = draw(ChangeKind::Renumbered, cur[i].id);
        touched[i] = 1;
        record(ChangeKind::Renumbered, Disposal::None, {&cur[i]}, {&now}, random_day(r, from + 1, to));
        replaced[i] = {std::move(now)};
        return true;
    });

    // What time alone did to the parcels nothing touched.
    for (std::size_t i = 0; i < cur.size(); ++i) {
        if (touched[i]) continue;
        const ParcelRec& a = cur[i].attr;
        const IdleStage was = idle_stage(a, from), is = idle_stage(a, to);
        const bool not_started_now = a.status == "supplied" && a.start == kNoDay;
        if (was == IdleStage::None && is == IdleStage::Fee) ++(not_started_now ? out.escalated.supplied_to_fee : out.escalated.halted_to_fee);
        if (was == IdleStage::Fee && is == IdleStage::Takeback) ++out.escalated.fee_to_takeback;
        if (approved_band(a, to) > approved_band(a, from)) ++out.escalated.approved_older;
    }

    for (std::size_t i = 0; i < cur.size(); ++i) {
        if (removed.count(i)) continue;
        if (const auto it = replaced.find(i); it != replaced.end()) {
            for (auto& p : it->second) out.parcels.push_back(std::move(p));
        } else {
            out.parcels.push_back(std::move(cur[i]));
        }
    }
    std::stable_sort(out.changes.begin(), out.changes.end(), [](const Change& a, const Change& b) {
        return std::tie(a.kind, a.district, a.old_ids.front()) < std::tie(b.kind, b.district, b.old_ids.front());
    });
    return out;
}

}  // namespace sample_city
