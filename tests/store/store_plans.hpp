#pragma once
// What the store's concurrency tests share: the sample city planned from nothing,
// pairs (project, site) that only 靖江市's quota stands between, a store with the
// sample imported, and background processes.
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "parkcap/session/session.hpp"
#include "parkcap/store/connection.hpp"
#include "store/store_server.hpp"
#include "support/fixtures.hpp"
#include "support/parkcap_run.hpp"

namespace parkcap::test::store_plans {

inline std::string sample() { return test::kSampleCityDir; }
inline std::string rules() { return sample() + "/rules.toml"; }
constexpr const char* kDistrict = "321282";  // 靖江市, 90 亩 of quota

/// The sample city as the engine sees it, planned from nothing.
struct Frame {
    session::Session s;
    allocate::Plan plan;
};
inline Frame sample_frame() {
    session::Options o;
    o.data = sample();
    o.rules_files = {rules()};
    o.as_of = "2026-06-30";
    Frame f{session::load(o), {}};
    session::audit(f.s);
    f.plan = allocate::plan_frame(f.s.city, f.s.allocation_audit(), f.s.rules);
    return f;
}

struct Candidate {
    std::string project, site;
    double take_mu = 0;
};

/// Pairs (project, single-block site) the engine allows on an empty plan, each
/// paid from kDistrict's quota, no project twice, and no site given more than its
/// land (so only the quota can stand between them). With `budget_mu`, only pairs
/// that all fit that much quota together.
inline std::vector<Candidate> quota_candidates(const Frame& f, std::size_t n, double budget_mu = 1e300) {
    const uint32_t d = *f.s.city.find_district(kDistrict);
    std::vector<Candidate> out;
    std::vector<double> assigned(f.plan.sites.size(), 0);
    double total = 0;
    for (std::size_t j = 0; j < f.s.city.projects.size() && out.size() < n; ++j) {
        for (std::size_t s = 0; s < f.plan.sites.size(); ++s) {
            if (f.plan.sites[s].assembled()) continue;
            const auto check = allocate::placement_check(f.plan, j, s);
            if (!check.ok() || check.verdict.payer != static_cast<int32_t>(d)) continue;
            const double take = check.verdict.take_mu;
            if (assigned[s] + take > f.plan.sites[s].area_mu - 1e-6 || total + take > budget_mu) continue;
            assigned[s] += take;
            total += take;
            out.push_back({f.s.city.projects[j].project_id, f.plan.sites[s].site_id, take});
            break;
        }
    }
    return out;
}

inline std::string stored_store(const std::string& name) {
    const std::string db = test::fresh_database(name);
    REQUIRE(test::run_parkcap(fmt::format("db init '{}'", db)).exit_code == 0);
    const auto r = test::run_parkcap(fmt::format("db import {} --rules {} --db '{}' -q", sample(), rules(), db));
    INFO(test::describe(r));
    REQUIRE(r.exit_code == 0);
    return db;
}

inline std::string place_command(const std::string& db, const Candidate& c) {
    return fmt::format("{} db place '{}' --project {} --site {} --rules {} --as-of 2026-06-30 -q --reason '测试 {}'",
                       test::kParkcapExe, db, c.project, c.site, rules(), c.project);
}

/// Starts `command` through the shell in the background; its pid.
inline pid_t spawn(const std::string& command, const std::string& out_file) {
    const pid_t pid = fork();
    if (pid == 0) {
        const std::string line = "exec " + command + " >" + out_file + " 2>&1";
        execl("/bin/sh", "sh", "-c", line.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    return pid;
}

inline int wait_exit(pid_t pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

inline double left_of(store::Connection& c, const std::string& district) {
    return c.exec("SELECT opening_mu + earned_before_mu + earned_plan_mu - spent_mu FROM ledger WHERE district = $1",
                  {district})
        .real(0, 0);
}


}  // namespace parkcap::test::store_plans
