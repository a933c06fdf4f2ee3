// Placing and removing one project on a plan's state: what run_allocation does
// with the solver's choice, and what a planner does by hand. The pair's verdict
// says what the rules allow; the state says what is left.
#include <algorithm>

#include "parkcap/allocate/allocate.hpp"
#include "parkcap/core/error.hpp"

namespace parkcap::allocate {

namespace {

/// Books (sign +1) or frees (−1) a take on the blocks of site s, and keeps every
/// assembled site's figure the sum over its blocks.
void book(Plan& plan, std::size_t s, double take_mu, double sign) {
    auto& taken = plan.state.site_taken_mu;
    std::vector<uint32_t> touched;
    for (const auto& [b, mu] : block_shares(plan.sites, s, take_mu)) {
        taken[b] += sign * mu;
        touched.push_back(b);
    }
    for (std::size_t g = 0; g < plan.sites.size(); ++g) {
        const Site& site = plan.sites[g];
        if (!site.assembled()) continue;
        if (std::none_of(site.blocks.begin(), site.blocks.end(),
                         [&](uint32_t b) { return std::find(touched.begin(), touched.end(), b) != touched.end(); }))
            continue;
        taken[g] = 0;
        for (uint32_t b : site.blocks) taken[g] += taken[b];
    }
}

/// The stock land a placement uses (no quota): all of a stock site's take, a
/// mixed site's stock blocks' shares, none of planned land.
double stock_part(const Placement& pl) { return pl.uses_quota ? pl.area_mu - pl.quota_mu : pl.area_mu; }

}  // namespace

PlacementCheck placement_check(const Plan& plan, std::size_t j, std::size_t s) {
    PlacementCheck c;
    c.verdict = plan.verdicts.at(j, s);
    if (!plan.refusals[j].empty()) {
        c.block = PlacementBlock::ProjectRefused;
        return c;
    }
    if (!c.verdict.allowed()) {
        c.block = PlacementBlock::SiteRule;
        return c;
    }
    const PlanState& st = plan.state;
    // Land left on each block the placement would book, its own placement's
    // shares given back when it moves.
    std::vector<std::pair<uint32_t, double>> left;  // block, 亩 left: the few blocks involved
    auto left_on = [&](uint32_t b) -> double& {
        for (auto& [blk, mu] : left)
            if (blk == b) return mu;
        return left.emplace_back(b, plan.sites[b].area_mu - st.site_taken_mu[b]).second;
    };
    // What the ledger would gain (+) or lose (−) per district: a move gives back
    // its old quota and takes back the quota its old disposal earned.
    std::vector<std::pair<uint32_t, double>> ledger_change;
    auto change_of = [&](uint32_t d) -> double& {
        for (auto& [district, mu] : ledger_change)
            if (district == d) return mu;
        return ledger_change.emplace_back(d, 0.0).second;
    };
    const Placement* old = st.placement_of[j] ? &st.placements[*st.placement_of[j]] : nullptr;
    if (old) {  // moving: its own land does not count against it
        for (const auto& [b, mu] : block_shares(plan.sites, old->site, old->area_mu)) left_on(b) += mu;
        if (old->uses_quota) change_of(old->quota_district) += old->quota_mu;
        if (old->earned_mu > 0) change_of(old->earner) -= old->earned_mu;
    }
    c.needed_mu = c.verdict.take_mu;
    for (const auto& [b, mu] : block_shares(plan.sites, s, c.needed_mu))
        if (left_on(b) + 1e-9 < mu) {
            c.block = PlacementBlock::SiteFull;
            c.left_mu = 0;
            for (uint32_t blk : plan.sites[s].blocks) c.left_mu += left_on(blk);
            return c;
        }
    if (c.verdict.earner >= 0 && c.verdict.earned_mu > 0) change_of(static_cast<uint32_t>(c.verdict.earner)) += c.verdict.earned_mu;
    if (const int32_t payer = c.verdict.payer; payer >= 0) {
        const double quota_left = st.ledger[static_cast<std::size_t>(payer)].remaining_mu() + change_of(static_cast<uint32_t>(payer));
        // The planned land of the take (all of it, or a mixed site's planned part).
        const double quota_needed = c.verdict.quota_mu;
        if (quota_left + 1e-9 < quota_needed) {
            c.block = PlacementBlock::QuotaSpent;
            c.left_mu = quota_left;
            c.needed_mu = quota_needed;
            c.district = payer;
            return c;
        }
        change_of(static_cast<uint32_t>(payer)) -= quota_needed;
    }
    for (const auto& [d, mu] : ledger_change)
        if (st.ledger[d].remaining_mu() + mu < -1e-9) {
            c.block = PlacementBlock::CreditSpent;
            c.left_mu = st.ledger[d].remaining_mu() + mu;
            c.needed_mu = old ? old->earned_mu : 0;
            c.district = static_cast<int32_t>(d);
            return c;
        }
    return c;
}

std::optional<PlacementCheck> removal_check(const Plan& plan, std::size_t j) {
    const PlanState& st = plan.state;
    if (!st.placement_of[j]) return std::nullopt;
    const Placement& old = st.placements[*st.placement_of[j]];
    if (old.earned_mu <= 0) return std::nullopt;
    double left = st.ledger[old.earner].remaining_mu() - old.earned_mu;
    if (old.uses_quota && old.quota_district == old.earner) left += old.quota_mu;
    if (left >= -1e-9) return std::nullopt;
    PlacementCheck c;
    c.block = PlacementBlock::CreditSpent;
    c.left_mu = left;
    c.needed_mu = old.earned_mu;
    c.district = static_cast<int32_t>(old.earner);
    return c;
}

namespace {

/// Takes project j's placement off the plan: its land, its quota and the quota its
/// disposal earned go back. The caller has checked that the ledger allows it.
void remove_placement(const City& city, Plan& plan, std::size_t j) {
    PlanState& st = plan.state;
    if (!st.placement_of[j]) return;
    const std::size_t idx = *st.placement_of[j];
    const Placement old = st.placements[idx];
    book(plan, old.site, old.area_mu, -1);
    if (old.uses_quota) {
        LedgerRow& payer = st.ledger[old.quota_district];
        payer.consumed_mu -= old.quota_mu;
        if (city.projects[j].origin != old.quota_district) payer.consumed_enclave_mu -= old.quota_mu;
    }
    if (const double stock = stock_part(old); stock > 0) st.ledger[plan.sites[old.site].district].stock_used_mu -= stock;
    if (old.earned_mu > 0) {
        st.ledger[old.earner].disposed_mu -= old.disposed_mu;
        st.ledger[old.earner].earned_plan_mu -= old.earned_mu;
    }
    st.placements.erase(st.placements.begin() + static_cast<std::ptrdiff_t>(idx));
    st.placement_of[j].reset();
    for (auto& p : st.placement_of)
        if (p && *p > idx) --*p;
    st.unplaced[j] = Unplaced{UnplacedCause::RemovedByPlanner};
}

}  // namespace

void unplace(const City& city, const rules::Rules&, Plan& plan, std::size_t j) {
    if (const auto blocked = removal_check(plan, j))
        throw DataError(reason_zh(*blocked, city, plan, j) + " / " + reason_en(*blocked, city, plan, j));
    remove_placement(city, plan, j);
}

void place(const City& city, const rules::Rules& r, Plan& plan, std::size_t j, std::size_t s, bool pinned) {
    if (!placement_check(plan, j, s).ok()) throw DataError(check_placement(city, r, plan, j, s));
    remove_placement(city, plan, j);
    PlanState& st = plan.state;
    const Project& p = city.projects[j];
    const Site& site = plan.sites[s];
    const SiteVerdict v = plan.verdicts.at(j, s);
    Placement pl;
    pl.project = static_cast<uint32_t>(j);
    pl.site = static_cast<uint32_t>(s);
    pl.area_mu = v.take_mu;
    pl.uses_quota = v.payer >= 0;
    pl.quota_mu = v.payer >= 0 ? v.quota_mu : 0;
    pl.quota_district = v.payer >= 0 ? static_cast<uint32_t>(v.payer) : site.district;
    pl.enclave = p.origin != site.district;
    if (v.earner >= 0 && v.earned_mu > 0) {
        pl.earner = static_cast<uint32_t>(v.earner);
        pl.earned_mu = v.earned_mu;
        pl.disposed_mu = v.disposed_mu;
    }
    pl.pinned = pinned;
    pl.terms = plan.verdicts.terms(r, j, v);
    pl.score = v.score;
    book(plan, s, pl.area_mu, +1);
    if (pl.uses_quota) {
        st.ledger[pl.quota_district].consumed_mu += pl.quota_mu;
        if (p.origin != pl.quota_district) st.ledger[pl.quota_district].consumed_enclave_mu += pl.quota_mu;
    }
    if (const double stock = stock_part(pl); stock > 0) st.ledger[site.district].stock_used_mu += stock;
    if (pl.earned_mu > 0) {
        st.ledger[pl.earner].disposed_mu += pl.disposed_mu;
        st.ledger[pl.earner].earned_plan_mu += pl.earned_mu;
    }
    // Keep placements sorted by project.
    auto it = std::lower_bound(st.placements.begin(), st.placements.end(), pl.project,
                               [](const Placement& a, uint32_t pj) { return a.project < pj; });
    const auto idx = static_cast<std::size_t>(it - st.placements.begin());
    st.placements.insert(it, std::move(pl));
    for (auto& q : st.placement_of)
        if (q && *q >= idx) ++*q;
    st.placement_of[j] = idx;
}

}  // namespace parkcap::allocate
