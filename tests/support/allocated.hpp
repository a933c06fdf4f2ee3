#pragma once
// A mini city audited and allocated, with look-ups by project id: what the
// allocation tests share.
#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "parkcap/allocate/allocate.hpp"
#include "support/audit_run.hpp"

namespace parkcap::test {

/// A project of `mu` 亩 investing 400 万元/亩 and paying `tax` 万元 a year.
inline MiniProject mini_project(const std::string& id, double mu, double tax) {
    MiniProject p;
    p.id = id;
    p.area_mu = mu;
    p.investment = mu * 400;
    p.tax_expect = tax;
    return p;
}

struct Allocated {
    AuditRun run;
    allocate::Plan plan;
    std::size_t project(const std::string& id) const {
        for (std::size_t j = 0; j < run.city.projects.size(); ++j)
            if (run.city.projects[j].project_id == id) return j;
        FAIL("no project " << id);
        return 0;
    }
    bool placed(const std::string& id) const { return plan.state.placement_of[project(id)].has_value(); }
    const allocate::Placement& placement(const std::string& id) const {
        REQUIRE(placed(id));
        return plan.state.placements[*plan.state.placement_of[project(id)]];
    }
};

/// How many unplaced reasons check_true_reasons looked at, by kind.
struct ReasonCounts {
    std::size_t outscored = 0, too_small = 0;
};

/// The unplaced reasons of a plan made without overrides are true, by the site
/// rules applied here: an OUTSCORED project has a site that could hold it, and
/// names only placed projects whose land is on such a site; a NO_CAPACITY
/// project (sites too small) has none, and its figures per park are the largest
/// site that park offers it.
inline ReasonCounts check_true_reasons(const City& city, const rules::Rules& r, const allocate::Plan& plan) {
    ReasonCounts n;
    for (std::size_t j = 0; j < city.projects.size(); ++j) {
        if (!plan.refusals[j].empty() || plan.state.placement_of[j]) continue;
        const Project& p = city.projects[j];
        INFO(p.project_id);
        const bool chemical = rules::is_chemical(r, p.industry);
        // Per park: the largest site the rules leave it (by shore, river, fit); -1 none.
        std::vector<double> largest(city.parks.size(), -1);
        std::vector<std::size_t> holding;  // sites that could hold it
        for (std::size_t s = 0; s < plan.sites.size(); ++s) {
            const allocate::Site& site = plan.sites[s];
            if (!allocate::park_fit(city, r, j, site.park)) continue;
            // A park whose level's 标准地 refuses it offers it no land (its own test: tests/allocate/standard_land_test.cpp).
            if (allocate::check_standard_land(r, p, city.parks[site.park].level).refused()) continue;
            if (p.needs_shore && site.port_distance_m > r.fit.shore_site_distance_m) continue;
            if (chemical && site.river_distance_m <= r.policy.chem_shore_distance_m) continue;
            largest[site.park] = std::max(largest[site.park], site.area_mu);
            if (site.area_mu + 1e-9 >= p.area_mu) holding.push_back(s);
        }
        const allocate::Unplaced& u = plan.state.unplaced[j];
        if (u.code() == allocate::UnplacedCode::Outscored) {
            ++n.outscored;
            REQUIRE_FALSE(holding.empty());
            REQUIRE_FALSE(u.taken_by.empty());
            CHECK(std::is_sorted(u.taken_by.begin(), u.taken_by.end()));
            for (uint32_t k : u.taken_by) {
                INFO("taken by " << city.projects[k].project_id);
                REQUIRE(plan.state.placement_of[k]);
                const auto& taker = plan.sites[plan.state.placements[*plan.state.placement_of[k]].site];
                bool shares = false;  // a block of the taker's site is a block of a site that could hold it
                for (std::size_t s : holding)
                    for (uint32_t b : plan.sites[s].blocks)
                        shares |= std::find(taker.blocks.begin(), taker.blocks.end(), b) != taker.blocks.end();
                CHECK(shares);
            }
        }
        if (u.cause == allocate::UnplacedCause::SitesTooSmall) {
            ++n.too_small;
            CHECK(holding.empty());
            std::size_t listed = 0;
            for (std::size_t k = 0; k < city.parks.size(); ++k) {
                if (largest[k] < 0) continue;
                REQUIRE(listed < u.parks.size());
                CHECK(u.parks[listed].park == k);
                CHECK(u.parks[listed].largest_mu == largest[k]);
                CHECK(u.parks[listed].asked_mu == p.area_mu);
                CHECK(u.parks[listed].largest_mu < p.area_mu);
                ++listed;
            }
            CHECK(listed == u.parks.size());
        }
    }
    return n;
}

}  // namespace parkcap::test
