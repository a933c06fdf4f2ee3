#pragma once
// A mini city audited and allocated, with look-ups by project id: what the
// allocation tests share.
#include <string>

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

}  // namespace parkcap::test
