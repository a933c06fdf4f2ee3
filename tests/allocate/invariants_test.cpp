// Invariants of the allocation on many random instances: capacity, quota, one
// site per project, fit, riverfront needs, pins, refusals; and determinism.
#include <cmath>
#include <random>
#include <set>

#include <catch2/catch.hpp>

#include "parkcap/allocate/allocate.hpp"
#include "support/allocated.hpp"
#include "support/audit_run.hpp"

using namespace parkcap;
using namespace parkcap::test;

namespace {

MiniCity random_city(unsigned seed) {
    std::mt19937 rng(seed);
    auto uni = [&](double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); };
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    const char* districts[] = {"321202", "321203", "321204"};
    const char* themes[] = {"C34;C35", "C27", "C39;C38", "C26"};
    MiniCity c;
    for (int k = 0; k < 4; ++k) {
        MiniPark p;
        p.id = "P" + std::to_string(k);
        p.district = districts[k % 3];
        p.themes = themes[k];
        p.chem_park = k == 3;
        p.level = k == 0 ? "national" : "provincial";
        p.x0 = k * 3000.0 - 10; p.x1 = k * 3000.0 + 2500; p.y0 = -10; p.y1 = 2500;
        c.parks.push_back(p);
    }
    // The river along y = -800; port shoreline in front of parks 0 and 3.
    for (int k = 0; k < 4; ++k) {
        MiniShore s;
        s.id = "S" + std::to_string(k);
        s.zone = (k == 0 || k == 3) ? "develop" : "protect";
        s.port = (k == 0 || k == 3) ? 1 : 0;
        s.points = {{k * 3000.0 - 500, -800}, {k * 3000.0 + 2500, -800}};
        c.shoreline.push_back(s);
    }
    int n = 0;
    for (int k = 0; k < 4; ++k)
        for (int row = 0; row < 4; ++row)
            for (int col = 0; col < 4; ++col) {
                if (rng() % 3 == 0) continue;  // gaps, so sites vary in size
                MiniParcel p;
                p.id = "L" + std::to_string(n++);
                p.status = (rng() % 2) ? "approved" : "planned";
                p.appr_date = "2024-01-01";
                p.district = districts[k % 3];
                p.side_m = 150;  // touching neighbours merge into sites
                p.x = k * 3000.0 + col * 150;
                p.y = row * 150 + (k == 3 ? 400 : 0);
                c.parcels.push_back(p);
            }
    const char* industries[] = {"C3411", "C3521", "C2710", "C3971", "C2614", "C3120"};
    for (int j = 0; j < 30; ++j) {
        MiniProject p;
        p.id = "J" + std::to_string(j);
        p.industry = industries[pick(6)];
        p.origin = districts[pick(3)];
        p.area_mu = std::round(uni(10, 80));
        p.investment = p.area_mu * uni(200, 600);
        p.tax_expect = p.area_mu * uni(10, 60);
        p.tech = uni(0, 100);
        p.eia_ok = rng() % 10 != 0;
        p.needs_shore = rng() % 5 == 0;
        p.major = rng() % 6 == 0;
        c.projects.push_back(p);
    }
    c.quota = {{"321202", uni(0, 150)}, {"321203", uni(0, 150)}, {"321204", 0}};
    return c;
}

void check_invariants(const AuditRun& run, const allocate::Plan& plan, const allocate::Overrides& ov) {
    const City& city = run.city;
    // No site over capacity.
    std::vector<double> taken(plan.sites.size(), 0);
    std::set<uint32_t> placed;
    for (const auto& pl : plan.state.placements) {
        taken[pl.site] += pl.area_mu;
        CHECK(placed.insert(pl.project).second);  // no project placed twice
        const Project& p = city.projects[pl.project];
        const allocate::Site& s = plan.sites[pl.site];
        CHECK(plan.refusals[pl.project].empty());  // refused projects are never placed
        CHECK(allocate::park_fit(city, run.rules, pl.project, s.park).has_value());  // fits its park
        if (p.needs_shore) CHECK(s.shore_ok);  // riverfront needs met
        CHECK(pl.area_mu >= p.area_mu - 1e-9);
        CHECK(pl.uses_quota == (s.kind != allocate::SiteKind::Stock));
        // Quota pays for planned land only: all of a planned take, part of a mixed one.
        CHECK(pl.quota_mu <= pl.area_mu + 1e-9);
        if (s.kind == allocate::SiteKind::Planned) CHECK(pl.quota_mu == pl.area_mu);
        CHECK(plan.state.placement_of[pl.project].has_value());
    }
    for (std::size_t s = 0; s < plan.sites.size(); ++s) {
        CHECK(taken[s] <= plan.sites[s].area_mu + 1e-6);
        CHECK(taken[s] == Approx(plan.state.site_taken_mu[s]).margin(1e-6));
    }
    // No district quota below zero, and the ledger adds up.
    for (std::size_t d = 0; d < plan.state.ledger.size(); ++d) {
        double consumed = 0;
        for (const auto& pl : plan.state.placements)
            if (pl.uses_quota && pl.quota_district == d) consumed += pl.area_mu;
        CHECK(plan.state.ledger[d].consumed_mu == Approx(consumed).margin(1e-6));
        CHECK(plan.state.ledger[d].remaining_mu() >= -1e-6);
    }
    for (const auto& pin : ov.pins) {
        for (std::size_t j = 0; j < city.projects.size(); ++j)
            if (city.projects[j].project_id == pin.project && plan.refusals[j].empty()) {
                REQUIRE(plan.state.placement_of[j].has_value());
                CHECK(city.parks[plan.sites[plan.state.placements[*plan.state.placement_of[j]].site].park].park_id == pin.park);
            }
    }
    // The plan is at least as good as greedy, and the bound is above the plan.
    CHECK(plan.state.stats.objective >= plan.state.stats.greedy_objective - 1e-6);
    CHECK(plan.state.stats.best_bound >= plan.state.stats.objective - 1e-6);
}

}  // namespace

TEST_CASE("allocation invariants hold on random instances", "[allocate][invariants]") {
    std::size_t placed = 0, enclaves = 0, refused = 0, left_out = 0, pinned = 0;
    for (unsigned seed = 1; seed <= 12; ++seed) {
        INFO("seed " << seed);
        const MiniCity c = random_city(seed);
        AuditRun run = run_audit_on(c, "2026-06-30", "alloc-random-" + std::to_string(seed));
        // Single-block sites: the checks below book each placement on its own site.
        // Assembled sites have their invariants in assembly_test.cpp.
        run.rules.fit.site_gap_max_m = 0;
        allocate::Overrides ov;
        // Pin one placeable project into the general... its first fitting park, when there is one.
        for (std::size_t j = 0; j < run.city.projects.size() && ov.pins.empty(); ++j) {
            if (!allocate::screen_project(run.city, run.rules, j).empty() || run.city.projects[j].needs_shore) continue;
            if (run.city.projects[j].industry == "C3411")
                ov.pins.push_back({run.city.projects[j].project_id, "P0", ""});
        }
        const allocate::Plan plan = allocate::run_allocation(run.city, run.audit, run.rules, ov, {10.0, false});
        check_invariants(run, plan, ov);
        // Within the rules' gap of a true bound; proven optimal only where the gap closed.
        const auto& st = plan.state.stats;
        CHECK(st.gap <= run.rules.solver.relative_gap + 1e-12);
        CHECK(st.proven_optimal == (st.gap <= allocate::kClosedGap));
        CHECK((st.stopped_by == allocate::SolveStop::GapClosed || st.stopped_by == allocate::SolveStop::RelativeGap));
        // Asked for the optimum, the solver proves it, and the bound above held it.
        rules::Rules exact_rules = run.rules;
        exact_rules.solver.relative_gap = 0;
        const allocate::Plan exact = allocate::run_allocation(run.city, run.audit, exact_rules, ov, {10.0, false});
        CHECK(exact.state.stats.proven_optimal);
        CHECK(exact.state.stats.stopped_by == allocate::SolveStop::GapClosed);
        CHECK(exact.state.stats.objective >= st.objective - 1e-9);
        CHECK(st.best_bound >= exact.state.stats.objective - 1e-9);
        placed += plan.state.placements.size();
        for (const auto& pl : plan.state.placements) enclaves += pl.enclave, pinned += pl.pinned;
        for (std::size_t j = 0; j < plan.refusals.size(); ++j) {
            refused += !plan.refusals[j].empty();
            left_out += plan.refusals[j].empty() && !plan.state.placement_of[j];
        }
    }
    // The instances exercise every outcome, so the invariants above were tested.
    CHECK(placed > 50);
    CHECK(enclaves > 5);
    CHECK(refused > 10);
    CHECK(left_out > 10);
    CHECK(pinned > 3);
}

TEST_CASE("the same input gives the same plan", "[allocate][determinism]") {
    const MiniCity c = random_city(99);
    AuditRun a = run_audit_on(c, "2026-06-30", "alloc-det-a");
    AuditRun b = run_audit_on(c, "2026-06-30", "alloc-det-b");
    const auto pa = allocate::run_allocation(a.city, a.audit, a.rules, {}, {10.0, false});
    const auto pb = allocate::run_allocation(b.city, b.audit, b.rules, {}, {10.0, false});
    REQUIRE(pa.state.placements.size() == pb.state.placements.size());
    for (std::size_t k = 0; k < pa.state.placements.size(); ++k) {
        CHECK(pa.state.placements[k].project == pb.state.placements[k].project);
        CHECK(pa.sites[pa.state.placements[k].site].site_id == pb.sites[pb.state.placements[k].site].site_id);
        CHECK(pa.state.placements[k].area_mu == pb.state.placements[k].area_mu);
    }
    CHECK(pa.state.stats.objective == pb.state.stats.objective);
}

TEST_CASE("one verdict per project and site: the rules, the model, placements and check_placement agree",
          "[allocate][verdicts]") {
    std::size_t allowed = 0, refused_by_rule = 0, too_small_reasons = 0;
    for (unsigned seed = 1; seed <= 6; ++seed) {
        INFO("seed " << seed);
        MiniCity c = random_city(seed);
        MiniProject huge;  // larger than any site: its reason must say so
        huge.id = "HUGE";
        huge.area_mu = 2000;
        huge.investment = 2000 * 600;
        huge.tax_expect = 2000 * 60;
        c.projects.push_back(huge);
        AuditRun run = run_audit_on(c, "2026-06-30", "alloc-verdicts-" + std::to_string(seed));
        run.rules.fit.site_gap_max_m = 0;  // the rules below are those of single-block sites
        const City& city = run.city;
        const rules::Rules& r = run.rules;
        const allocate::Plan plan = allocate::run_allocation(city, run.audit, r, {}, {10.0, false});
        for (std::size_t j = 0; j < city.projects.size(); ++j) {
            const Project& p = city.projects[j];
            const bool chemical = rules::is_chemical(r, p.industry);
            for (std::size_t s = 0; s < plan.sites.size(); ++s) {
                INFO(p.project_id << " on " << plan.sites[s].site_id);
                const allocate::Site& site = plan.sites[s];
                const allocate::SiteVerdict v = plan.verdicts.at(j, s);
                // The rules, applied here independently, in the catalogue's order.
                const auto fit = allocate::park_fit(city, r, j, site.park);
                allocate::SiteRule expected = allocate::SiteRule::Allowed;
                // 标准地 at the park's level: these projects commit to investment and tax only.
                const rules::StandardLandRow* row =
                    rules::standard_land_row(r.standard_land, city.parks[site.park].level, p.industry);
                const bool misses_standard = row && (p.investment_wan / p.area_mu < *row->threshold[0] - 1e-9 ||
                                                     p.tax_expect_wan / p.area_mu < *row->threshold[1] - 1e-9);
                if (!fit) expected = allocate::SiteRule::ParkNoFit;
                else if (misses_standard) expected = allocate::SiteRule::StandardLand;
                else if (p.needs_shore && site.port_distance_m > r.fit.shore_site_distance_m) expected = allocate::SiteRule::NoShore;
                else if (chemical && site.river_distance_m <= r.policy.chem_shore_distance_m) expected = allocate::SiteRule::ChemNearRiver;
                else if (p.area_mu > site.area_mu + 1e-9) expected = allocate::SiteRule::TooSmall;
                CHECK(v.rule == expected);
                CHECK(plan.verdicts.park_fit(j, site.park) == fit);
                if (v.allowed()) {
                    ++allowed;
                    CHECK(v.themed == *fit);
                    CHECK(v.take_mu >= p.area_mu - 1e-9);
                    CHECK(v.take_mu <= site.area_mu + 1e-9);
                    CHECK((v.payer >= 0) == (site.kind != allocate::SiteKind::Stock));
                    CHECK(v.quota_mu <= v.take_mu + 1e-9);
                    double sum = 0;
                    for (const auto& t : plan.verdicts.terms(r, j, v)) sum += t.contribution();
                    CHECK(sum == Approx(v.score).margin(1e-12));
                } else if (plan.refusals[j].empty()) {
                    ++refused_by_rule;
                    // check_placement gives the verdict's own reason, in both languages.
                    CHECK(allocate::check_placement(city, r, plan, j, s) ==
                          allocate::reason_zh(v, city, plan.sites, j) + " / " + allocate::reason_en(v, city, plan.sites, j));
                    CHECK(allocate::placement_check(plan, j, s).block == allocate::PlacementBlock::SiteRule);
                }
            }
            if (const auto idx = plan.state.placement_of[j]) {
                // A placement is its verdict: area, payer, score and terms.
                const allocate::Placement& pl = plan.state.placements[*idx];
                const allocate::SiteVerdict v = plan.verdicts.at(j, pl.site);
                REQUIRE(v.allowed());
                CHECK(pl.area_mu == v.take_mu);
                CHECK(pl.uses_quota == (v.payer >= 0));
                CHECK(pl.score == v.score);
                double sum = 0;
                for (const auto& t : pl.terms) sum += t.contribution();
                CHECK(sum == Approx(pl.score).margin(1e-12));
            } else if (plan.refusals[j].empty()) {
                // An unplaced reason's figures are true of the verdicts.
                const allocate::Unplaced& u = plan.state.unplaced[j];
                if (u.cause == allocate::UnplacedCause::SitesTooSmall) {
                    ++too_small_reasons;
                    CHECK(u.value == p.area_mu);
                    CHECK(u.threshold < p.area_mu);
                    for (const auto& v : plan.verdicts.of(j)) CHECK_FALSE(v.allowed());
                }
                if (u.cause == allocate::UnplacedCause::SitesTaken)
                    for (const auto& v : plan.verdicts.of(j))
                        if (v.allowed()) CHECK(plan.sites[v.site].area_mu - plan.state.site_taken_mu[v.site] + 1e-9 < v.take_mu);
            }
        }
        check_true_reasons(city, r, plan);
    }
    CHECK(allowed > 100);
    CHECK(refused_by_rule > 100);
    CHECK(too_small_reasons > 0);
}
