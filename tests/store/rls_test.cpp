// Issue 16: who may change what. A district's planners read the whole plan and
// change only placements paid from their district's quota or sited in its parks;
// the city bureau changes all. Row-level security enforces it in the database, so
// it holds for SQL typed by hand as for parkcap.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "parkcap/session/session.hpp"
#include "parkcap/store/connection.hpp"
#include "store/store_server.hpp"
#include "support/fixtures.hpp"
#include "support/parkcap_run.hpp"

using namespace parkcap;
using test::describe;
using test::run_parkcap;

namespace {
std::string sample() { return test::kSampleCityDir; }
std::string sample_rules() { return sample() + "/rules.toml"; }

struct Candidate {
    std::string project, site;
};

/// Projects the engine allows on an empty plan on planned land of 靖江市's parks,
/// paid from its quota, together within it.
std::vector<Candidate> jingjiang_candidates() {
    session::Options o;
    o.data = sample();
    o.rules_files = {sample_rules()};
    o.as_of = "2026-06-30";
    session::Session s = session::load(o);
    session::audit(s);
    const allocate::Plan plan = allocate::plan_frame(s.city, s.allocation_audit(), s.rules);
    const uint32_t d = *s.city.find_district("321282");
    std::vector<Candidate> out;
    double total = 0;
    for (std::size_t j = 0; j < s.city.projects.size() && out.size() < 2; ++j)
        for (std::size_t k = 0; k < plan.sites.size(); ++k) {
            const auto check = allocate::placement_check(plan, j, k);
            if (plan.sites[k].assembled() || !check.ok() || check.verdict.payer != static_cast<int32_t>(d) ||
                plan.sites[k].district != d || (!out.empty() && out[0].site == plan.sites[k].site_id) ||
                total + check.verdict.take_mu > plan.state.ledger[d].available_mu())
                continue;
            total += check.verdict.take_mu;
            out.push_back({s.city.projects[j].project_id, plan.sites[k].site_id});
            break;
        }
    return out;
}

std::string place(const std::string& address, const Candidate& c) {
    return fmt::format("db place '{}' --project {} --site {} --rules {} --as-of 2026-06-30 -q", address, c.project, c.site,
                       sample_rules());
}
}  // namespace

TEST_CASE("store roles: a district's planner cannot change another district's placement and the city bureau can",
          "[store]") {
    const auto candidates = jingjiang_candidates();
    REQUIRE(candidates.size() >= 1);
    const std::string name = "store_roles";
    const std::string db = test::fresh_database(name);
    REQUIRE(run_parkcap(fmt::format("db init '{}'", db)).exit_code == 0);
    REQUIRE(run_parkcap(fmt::format("db import {} --rules {} --db '{}' -q", sample(), sample_rules(), db)).exit_code == 0);
    store::Connection admin(db);
    for (const char* role : {"rls_hailing", "rls_jingjiang", "rls_bureau"}) admin.exec(fmt::format("DROP ROLE IF EXISTS {}", role));
    admin.exec("CREATE ROLE rls_hailing LOGIN IN ROLE parkcap_app");
    admin.exec("CREATE ROLE rls_jingjiang LOGIN IN ROLE parkcap_app");
    admin.exec("CREATE ROLE rls_bureau LOGIN IN ROLE parkcap_city");
    admin.exec("INSERT INTO district_roles VALUES ('rls_hailing', '321202'), ('rls_jingjiang', '321282')");
    const auto& server = test::store_server();
    const std::string hailing = server.address(name, "rls_hailing");     // 海陵区
    const std::string jingjiang = server.address(name, "rls_jingjiang"); // 靖江市
    const std::string bureau = server.address(name, "rls_bureau");

    // 海陵区 may not place a project in 靖江市's park on 靖江市's quota...
    auto r = run_parkcap(place(hailing, candidates[0]));
    INFO(describe(r));
    CHECK(r.exit_code == 7);
    CHECK(r.err.find("may not change the placement of " + candidates[0].project) != std::string::npos);
    CHECK(admin.exec("SELECT count(*) FROM placements").integer(0, 0) == 0);
    // ... 靖江市 may.
    r = run_parkcap(place(jingjiang, candidates[0]));
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    const std::string spent = admin.exec("SELECT spent_mu::text FROM ledger WHERE district = '321282'").text(0, 0);

    // 海陵区 reads it, and cannot pin, move or unplace it, through parkcap or by hand.
    CHECK(run_parkcap(fmt::format("db pin '{}' --project {}", hailing, candidates[0].project)).exit_code == 7);
    r = run_parkcap(fmt::format("db unplace '{}' --project {}", hailing, candidates[0].project));
    CHECK(r.exit_code == 7);
    CHECK(r.err.find("row-level security") != std::string::npos);
    {
        store::Connection c(hailing);
        CHECK(c.exec("SELECT count(*) FROM placements").integer(0, 0) == 1);
        CHECK(c.exec("SELECT count(*) FROM ledger").integer(0, 0) == 7 - 1);  // every district with quota
        CHECK(c.exec("UPDATE placements SET pinned = true").affected() == 0);
        CHECK(c.exec("DELETE FROM placements").affected() == 0);
        CHECK(c.exec("DELETE FROM placement_land").affected() == 0);
        CHECK(c.exec("UPDATE ledger SET spent_mu = 0 WHERE district = '321282'").affected() == 0);
        // Its own ledger row it may change (through its placements); none other.
        CHECK(c.exec("UPDATE ledger SET spent_mu = spent_mu WHERE district = '321202'").affected() == 1);
        CHECK_THROWS_AS(c.exec("INSERT INTO placements (project_id, site_id, park_id, site_district, parcel_ids, area_mu, "
                               "quota_district, quota_mu) VALUES ('X', 'S', 'P03', '321282', '{}', 1, '321282', 1)"),
                        store::SqlError);
    }
    CHECK(admin.exec("SELECT pinned::text FROM placements").text(0, 0) == "false");
    CHECK(admin.exec("SELECT spent_mu::text FROM ledger WHERE district = '321282'").text(0, 0) == spent);

    // 靖江市 pins its own; the city bureau may change any placement.
    CHECK(run_parkcap(fmt::format("db pin '{}' --project {}", jingjiang, candidates[0].project)).exit_code == 0);
    r = run_parkcap(fmt::format("db unplace '{}' --project {} --reason 市局调整", bureau, candidates[0].project));
    INFO(describe(r));
    CHECK(r.exit_code == 0);
    CHECK(admin.exec("SELECT count(*) FROM placements").integer(0, 0) == 0);
    CHECK(admin.exec("SELECT made_by FROM decisions WHERE action = 'unplace'").text(0, 0) == "rls_bureau");
    r = run_parkcap(place(bureau, candidates.back()));
    INFO(describe(r));
    CHECK(r.exit_code == 0);
}
