// Two hand-made audits of a small city a quarter apart (2026-06-30 and
// 2026-09-30), with every kind of change: each disposal, a split, a merge, a
// renumbered parcel, a parcel gone and one new, escalations of idle land. Every
// figure below is worked out by hand from the parcels' sizes (a 100 m square is
// 15 亩), not from the engine.
#include <catch2/catch.hpp>

#include <map>

#include "parkcap/monitor/changes.hpp"
#include "parkcap/monitor/disposal.hpp"
#include "parkcap/report/audit_report.hpp"
#include "parkcap/report/changes_report.hpp"
#include "parkcap/report/snapshot_reader.hpp"
#include "parkcap/rules/rules.hpp"
#include "support/audit_run.hpp"
#include "support/fixtures.hpp"
#include "support/period_parcels.hpp"
#include "support/parkcap_run.hpp"

namespace parkcap::test {
namespace {

using audit::FlagCode;
using namespace monitor;

constexpr const char* kA = "321202";
constexpr const char* kB = "321203";


/// The city on 2026-06-30 and on 2026-09-30.
struct TwoPeriods {
    MiniCity before, after;
};

TwoPeriods two_periods() {
    TwoPeriods t;
    MiniPark park;
    park.id = "P1";
    park.name = "测试园区";
    park.x0 = -100, park.y0 = -100, park.x1 = 2000, park.y1 = 2000;
    t.before.parks = t.after.parks = {park};
    auto& b = t.before.parcels;
    auto& a = t.after.parcels;

    // 批而未供
    b.push_back(approved(at("AP1", kA, 0, 0), "2024-03-01"));
    a.push_back(supplied(at("AP1", kA, 0, 0), "2027-03-01"));  // supplied
    a.back().supp_date = "2026-08-01";
    a.back().appr_date = "2024-03-01";
    b.push_back(approved(at("AP2", kA, 1, 0), "2023-05-01"));
    a.push_back(at("AP2", kA, 1, 0));  // approval withdrawn
    a.back().status = "planned";
    b.push_back(approved(at("AP5", kA, 2, 0), "2024-07-01"));
    a.push_back(at("AP5", kA, 2, 0));  // re-planned as logistics land
    a.back().status = "planned";
    a.back().land_use = "logistics";
    b.push_back(approved(at("AP3", kB, 3, 0), "2020-01-10"));
    a.push_back(at("AP3", kB, 3, 0));  // taken into reserve; approved outside the quota window
    a.back().status = "reserve";
    b.push_back(approved(at("AP4", kB, 4, 0), "2025-01-01"));
    a.push_back(b.back());  // still waiting
    b.push_back(approved(at("G1", kB, 5, 0), "2024-06-01"));  // gone from the later data

    // A 200 × 100 m parcel (30 亩) split into two squares: one supplied, one still approved.
    MiniParcel s1 = approved(at("S1", kA, 0, 1), "2024-01-15");
    s1.outline = {{0, 150}, {200, 150}, {200, 250}, {0, 250}};
    b.push_back(s1);
    MiniParcel s1a = supplied(at("S1a", kA, 0, 1), "2027-03-01");
    s1a.appr_date = "2024-01-15";
    s1a.outline = {{0, 150}, {100, 150}, {100, 250}, {0, 250}};
    MiniParcel s1b = approved(at("S1b", kA, 0, 1), "2024-01-15");
    s1b.outline = {{100, 150}, {200, 150}, {200, 250}, {100, 250}};
    a.push_back(s1a);
    a.push_back(s1b);

    // 闲置土地
    b.push_back(supplied(at("ID1", kA, 0, 2), "2024-08-01"));  // fee on 06-30, take-back on 09-30
    a.push_back(b.back());
    b.push_back(supplied(at("ID2", kA, 1, 2), "2025-03-01"));  // fee; construction started
    a.push_back(b.back());
    a.back().status = "building";
    a.back().start_date = "2026-08-15";
    b.push_back(supplied(at("ID3", kB, 2, 2), "2024-01-01"));  // take-back; taken into reserve
    a.push_back(at("ID3", kB, 2, 2));
    a.back().status = "reserve";
    b.push_back(supplied(at("SU1", kB, 3, 2), "2025-08-01"));  // 供而未用 on 06-30, idle on 09-30
    a.push_back(b.back());
    MiniParcel h1 = at("H1", kA, 4, 2);  // halted on 2025-08-01: idle from its anniversary
    h1.status = "building";
    h1.supp_date = "2024-01-01";
    h1.start_due = "2024-06-01";
    h1.start_date = "2024-06-01";
    h1.halt_date = "2025-08-01";
    h1.dev_ratio = 0.2;
    b.push_back(h1);
    a.push_back(h1);

    // 低效用地
    b.push_back(low_far(at("LE1", kA, 0, 3), 0.3));
    a.push_back(low_far(at("LE1", kA, 0, 3), 1.2));  // improved
    b.push_back(low_far(at("LE3", kA, 1, 3), 0.3));
    a.push_back(b.back());  // still low
    b.push_back(low_far(at("LE2", kB, 2, 3), 0.3));
    a.push_back(low_far(at("LE2", kB, 2, 3), 0.3));  // re-planned as commercial land
    a.back().land_use = "commercial";

    // Clean land: merged, renumbered; and a new approval.
    MiniParcel m1 = at("M1", kB, 0, 4), m2 = at("M2", kB, 0, 4);
    m1.outline = {{0, 600}, {100, 600}, {100, 700}, {0, 700}};
    m2.outline = {{100, 600}, {200, 600}, {200, 700}, {100, 700}};
    MiniParcel m12 = at("M12", kB, 0, 4);
    m12.outline = {{0, 600}, {200, 600}, {200, 700}, {0, 700}};
    b.push_back(m1);
    b.push_back(m2);
    a.push_back(m12);
    // The rest of the chain: planned land approved, building land finished.
    MiniParcel pa = at("PA1", kB, 4, 4);
    pa.status = "planned";
    b.push_back(pa);
    a.push_back(approved(pa, "2026-08-01"));
    MiniParcel bb = at("BB1", kB, 5, 4);
    bb.status = "building";
    bb.supp_date = "2025-01-01";
    bb.start_due = bb.start_date = "2025-03-01";
    b.push_back(bb);
    bb.status = "built";
    a.push_back(bb);
    b.push_back(at("R1", kA, 2, 4));
    a.push_back(at("R9", kA, 2, 4));
    a.push_back(approved(at("N1", kA, 3, 4), "2026-08-01"));

    t.before.quota = t.after.quota = {{kA, 100}, {kB, 200}};
    return t;
}

/// Both audits written as the AUDIT.gpkg files `parkcap audit` writes.
struct SavedAudits {
    ScratchDir dir{"compare-two-periods"};
    std::string before = dir / "AUDIT-2026-06-30.gpkg", after = dir / "AUDIT-2026-09-30.gpkg";
    AuditRun before_run, after_run;

    SavedAudits() {
        const TwoPeriods t = two_periods();
        before_run = run_audit_on(t.before, "2026-06-30", "compare-before");
        after_run = run_audit_on(t.after, "2026-09-30", "compare-after");
        report::write_audit_gpkg(before, before_run.city, before_run.audit, before_run.rules);
        report::write_audit_gpkg(after, after_run.city, after_run.audit, after_run.rules);
    }
};

const DisposalFigures& figures(const DisposalProgress& p, PlaceLevel level, const std::string& code, StockKind kind) {
    for (const PlaceDisposal& place : p.places)
        if (place.level == level && place.code == code) return place.by_kind[static_cast<std::size_t>(kind)];
    FAIL("no place " << code);
    static DisposalFigures none;
    return none;
}

double by(const DisposalFigures& f, Disposal d) { return f.by[static_cast<std::size_t>(d)]; }

int32_t after_index(const AuditSnapshot& s, const std::string& id) {
    for (std::size_t i = 0; i < s.parcels.size(); ++i)
        if (s.parcels.id[i] == id) return static_cast<int32_t>(i);
    FAIL("no parcel " << id);
    return -1;
}

}  // namespace

TEST_CASE("compare: the fixture's earlier audit flags what the test assumes", "[monitor]") {
    SavedAudits saved;
    const AuditRun& b = saved.before_run;
    for (const char* id : {"AP1", "AP2", "AP3", "AP4", "AP5", "G1", "S1"}) CHECK(b.has(id, FlagCode::ApprovedUnsupplied));
    CHECK(b.has("ID1", FlagCode::IdleFee));
    CHECK(b.has("ID2", FlagCode::IdleFee));
    CHECK(b.has("ID3", FlagCode::IdleTakeback));
    CHECK(b.has("SU1", FlagCode::SuppliedUnused));
    CHECK(b.flags("H1").empty());
    for (const char* id : {"LE1", "LE2", "LE3"}) CHECK(b.has(id, FlagCode::LowFar));
    for (const char* id : {"M1", "M2", "R1"}) CHECK(b.flags(id).empty());
    const AuditRun& a = saved.after_run;
    CHECK(a.has("ID1", FlagCode::IdleTakeback));
    CHECK(a.has("SU1", FlagCode::IdleFee));
    CHECK(a.has("H1", FlagCode::IdleFee));
    CHECK(a.flags("LE1").empty());
    CHECK(a.flags("LE2").empty());
}

TEST_CASE("compare: matches, flag transitions and the map's classes", "[monitor]") {
    SavedAudits saved;
    const AuditSnapshot before = report::read_audit_snapshot(saved.before);
    const AuditSnapshot after = report::read_audit_snapshot(saved.after);
    REQUIRE(before.parcels.size() == 20);
    REQUIRE(after.parcels.size() == 20);
    CHECK(before.as_of.iso() == "2026-06-30");
    CHECK(before.parcels.appr_date[static_cast<std::size_t>(after_index(before, "AP3"))].iso() == "2020-01-10");
    const Changes c = compare_audits(before, after, rules::default_rules().monitoring);

    const auto n = c.match_counts();
    CHECK(n[static_cast<std::size_t>(MatchKind::Same)] == 16);  // 15 by id, R1 → R9 renumbered
    CHECK(n[static_cast<std::size_t>(MatchKind::Split)] == 1);
    CHECK(n[static_cast<std::size_t>(MatchKind::Merged)] == 1);
    CHECK(n[static_cast<std::size_t>(MatchKind::Regrouped)] == 0);
    CHECK(n[static_cast<std::size_t>(MatchKind::New)] == 1);
    CHECK(n[static_cast<std::size_t>(MatchKind::Gone)] == 1);
    auto match_of = [&](const std::string& id) -> const Match& {
        return c.matches[static_cast<std::size_t>(c.match_of_after[static_cast<std::size_t>(after_index(after, id))])];
    };
    CHECK(match_of("R9").renumbered);
    CHECK(before.parcels.id[match_of("R9").before.at(0)] == "R1");
    CHECK_FALSE(match_of("AP1").renumbered);
    CHECK(match_of("S1a").kind == MatchKind::Split);
    CHECK(match_of("S1a").after.size() == 2);
    CHECK(match_of("M12").kind == MatchKind::Merged);
    CHECK(match_of("M12").before.size() == 2);
    CHECK(match_of("N1").kind == MatchKind::New);

    auto transitions = [&](const std::string& id) {
        std::map<FlagCode, FlagTransition> out;
        const int64_t a = after_index(after, id);
        for (const FlagTransition& t : c.flags)
            if (t.after == a) out[t.code] = t;
        return out;
    };
    const auto id1 = transitions("ID1");
    REQUIRE(id1.count(FlagCode::IdleFee));
    CHECK(id1.at(FlagCode::IdleFee).change == FlagChange::Escalated);
    CHECK(id1.at(FlagCode::IdleFee).to == FlagCode::IdleTakeback);
    CHECK(id1.count(FlagCode::IdleTakeback) == 0);  // the escalation, not a new flag too
    const auto su1 = transitions("SU1");
    CHECK(su1.at(FlagCode::SuppliedUnused).change == FlagChange::Escalated);
    CHECK(su1.at(FlagCode::SuppliedUnused).to == FlagCode::IdleFee);
    CHECK(transitions("H1").at(FlagCode::IdleFee).change == FlagChange::New);
    CHECK(transitions("AP4").at(FlagCode::ApprovedUnsupplied).change == FlagChange::Persisting);
    CHECK(transitions("AP1").at(FlagCode::ApprovedUnsupplied).change == FlagChange::Resolved);
    CHECK(transitions("AP1").at(FlagCode::SuppliedUnused).change == FlagChange::New);
    CHECK(transitions("LE1").at(FlagCode::LowFar).change == FlagChange::Resolved);
    CHECK(transitions("N1").at(FlagCode::ApprovedUnsupplied).change == FlagChange::New);
    std::size_t gone_flags = 0;
    for (const FlagTransition& t : c.flags)
        if (t.change == FlagChange::Gone) {
            ++gone_flags;
            CHECK(before.parcels.id[static_cast<std::size_t>(t.before)] == "G1");
            CHECK(t.code == FlagCode::ApprovedUnsupplied);
        }
    CHECK(gone_flags == 1);

    auto cls = [&](const std::string& id) { return c.change_class[static_cast<std::size_t>(after_index(after, id))]; };
    CHECK(cls("ID1") == ChangeClass::Escalated);
    CHECK(cls("SU1") == ChangeClass::Escalated);
    CHECK(cls("H1") == ChangeClass::NewlyIdle);
    for (const char* id : {"AP1", "AP2", "AP5", "AP3", "ID2", "ID3", "LE1", "LE2", "S1a"}) {
        INFO(id);
        CHECK(cls(id) == ChangeClass::Disposed);
    }
    CHECK(cls("S1b") == ChangeClass::Persisting);
    CHECK(cls("AP4") == ChangeClass::Persisting);
    CHECK(cls("LE3") == ChangeClass::Persisting);
    CHECK(cls("M12") == ChangeClass::Unchanged);
    CHECK(cls("R9") == ChangeClass::Unchanged);
    CHECK(cls("N1") == ChangeClass::NewLand);
    CHECK(c.disposed_mu[static_cast<std::size_t>(after_index(after, "S1a"))] == Approx(15));
    CHECK(c.disposed_mu[static_cast<std::size_t>(after_index(after, "S1b"))] == 0);

    // Every step of the chain, with the parcels and 亩 that took it.
    std::map<std::pair<Status, Status>, std::pair<std::size_t, double>> steps;
    for (const StatusTransition& s : status_transitions(before, c, after)) steps[{s.from, s.to}] = {s.links, s.area_mu};
    auto step = [&](Status from, Status to) { return steps.count({from, to}) ? steps.at({from, to}) : std::pair<std::size_t, double>{}; };
    CHECK(step(Status::Planned, Status::Approved).first == 1);  // PA1
    CHECK(step(Status::Approved, Status::Supplied).first == 2);  // AP1 and half of S1
    CHECK(step(Status::Approved, Status::Supplied).second == Approx(30));
    CHECK(step(Status::Approved, Status::Planned).first == 2);   // AP2 withdrawn, AP5 re-planned
    CHECK(step(Status::Approved, Status::Reserve).first == 1);   // AP3
    CHECK(step(Status::Supplied, Status::Building).first == 1);  // ID2
    CHECK(step(Status::Supplied, Status::Reserve).first == 1);   // ID3
    CHECK(step(Status::Building, Status::Built).first == 1);     // BB1
    CHECK(steps.size() == 7);
    CHECK(transitions("PA1").at(FlagCode::ApprovedUnsupplied).change == FlagChange::New);
    CHECK(cls("PA1") == ChangeClass::NewlyFlagged);
    CHECK(cls("BB1") == ChangeClass::Unchanged);
}

TEST_CASE("compare: 处置率 per district and city, how, cohorts and the quota consequence", "[monitor]") {
    SavedAudits saved;
    const AuditSnapshot before = report::read_audit_snapshot(saved.before);
    const AuditSnapshot after = report::read_audit_snapshot(saved.after);
    rules::Rules rules = rules::default_rules();
    const Changes c = compare_audits(before, after, rules.monitoring);
    const DisposalProgress p = disposal_progress(before, after, c, rules);

    using K = StockKind;
    const auto& a_appr = figures(p, PlaceLevel::District, kA, K::ApprovedUnsupplied);
    CHECK(a_appr.flagged_parcels == 4);  // AP1, AP2, AP5, S1 (split, counted once)
    CHECK(a_appr.flagged_mu == Approx(75));
    CHECK(a_appr.disposed_mu() == Approx(60));
    CHECK(a_appr.rate() == Approx(0.8));
    CHECK(by(a_appr, Disposal::Supplied) == Approx(30));   // AP1, half of S1
    CHECK(by(a_appr, Disposal::Withdrawn) == Approx(15));  // AP2
    CHECK(by(a_appr, Disposal::Replanned) == Approx(15));  // AP5
    CHECK(by(a_appr, Disposal::Pending) == Approx(15));    // the other half of S1
    const auto& b_appr = figures(p, PlaceLevel::District, kB, K::ApprovedUnsupplied);
    CHECK(b_appr.flagged_mu == Approx(45));
    CHECK(by(b_appr, Disposal::Reserve) == Approx(15));  // AP3
    CHECK(by(b_appr, Disposal::Pending) == Approx(15));  // AP4
    CHECK(by(b_appr, Disposal::Gone) == Approx(15));     // G1: not a disposal
    CHECK(b_appr.rate() == Approx(1.0 / 3));
    const auto& city_appr = figures(p, PlaceLevel::City, "", K::ApprovedUnsupplied);
    CHECK(city_appr.flagged_mu == Approx(120));
    CHECK(city_appr.rate() == Approx(75.0 / 120));

    const auto& a_idle = figures(p, PlaceLevel::District, kA, K::Idle);
    CHECK(a_idle.flagged_mu == Approx(30));  // ID1, ID2 (H1 was not idle yet)
    CHECK(by(a_idle, Disposal::Started) == Approx(15));
    CHECK(a_idle.rate() == Approx(0.5));
    const auto& b_idle = figures(p, PlaceLevel::District, kB, K::Idle);
    CHECK(b_idle.flagged_mu == Approx(15));  // ID3 (SU1 was only 供而未用)
    CHECK(by(b_idle, Disposal::Reserve) == Approx(15));
    CHECK(b_idle.rate() == Approx(1));
    CHECK(figures(p, PlaceLevel::City, "", K::Idle).rate() == Approx(2.0 / 3));

    const auto& a_low = figures(p, PlaceLevel::District, kA, K::LowEfficiency);
    CHECK(by(a_low, Disposal::Improved) == Approx(15));
    CHECK(by(a_low, Disposal::Pending) == Approx(15));
    const auto& b_low = figures(p, PlaceLevel::District, kB, K::LowEfficiency);
    CHECK(by(b_low, Disposal::Replanned) == Approx(15));
    CHECK(figures(p, PlaceLevel::City, "", K::LowEfficiency).rate() == Approx(30.0 / 45));
    CHECK(figures(p, PlaceLevel::Park, "P1", K::ApprovedUnsupplied).flagged_mu == Approx(120));

    // Cohorts by approval year.
    std::map<std::pair<std::string, int>, const DisposalFigures*> cohort;
    for (const CohortRow& r : p.cohorts) cohort[{r.district, r.year}] = &r.figures;
    CHECK(cohort.size() == 4 + 2 + 3);  // city 2020, 2023, 2024, 2025; A 2023, 2024; B 2020, 2024, 2025
    CHECK(cohort.at({"", 2024})->flagged_mu == Approx(75));  // AP1, AP5, S1, G1
    CHECK(cohort.at({"", 2024})->disposed_mu() == Approx(45));
    CHECK(cohort.at({kA, 2024})->rate() == Approx(0.75));
    CHECK(cohort.at({kA, 2023})->rate() == Approx(1));
    CHECK(cohort.at({kB, 2020})->rate() == Approx(1));
    CHECK(cohort.at({kB, 2025})->rate() == Approx(0));
    CHECK(cohort.at({kB, 2024})->by[static_cast<std::size_t>(Disposal::Gone)] == Approx(15));

    // 增存挂钩: quota earned by stock disposed within the window (AP3, approved in
    // 2020, is outside 2021-06-30 .. and earns nothing), and the tasks.
    auto consequence = [&](const DisposalProgress& d, const std::string& code) -> const QuotaConsequence& {
        for (const QuotaConsequence& q : d.quota)
            if (q.district == code) return q;
        FAIL("no district " << code);
        return d.quota.front();
    };
    CHECK(consequence(p, kA).disposed_for_quota_mu == Approx(75));  // 60 批而未供 + ID2
    CHECK(consequence(p, kA).earned_mu == Approx(37.5));
    CHECK(consequence(p, kB).disposed_for_quota_mu == Approx(15));  // ID3 only
    CHECK(consequence(p, kB).earned_mu == Approx(7.5));
    CHECK(consequence(p, kA).adjustment_share == Approx(0.10));
    CHECK(consequence(p, kB).adjustment_share == Approx(0.10));
    CHECK_FALSE(consequence(p, kA).quota_mu);

    SECTION("at and around the task thresholds") {
        rules.monitoring.approved_task_rate = 0.8;  // exactly A's rate: met
        auto at_task = disposal_progress(before, after, c, rules);
        CHECK(consequence(at_task, kA).approved_met);
        CHECK_FALSE(consequence(at_task, kB).approved_met);
        CHECK(consequence(at_task, kB).adjustment_share == Approx(-0.20));
        rules.monitoring.approved_task_rate = 0.8 + 1e-6;  // just above: missed
        CHECK_FALSE(consequence(disposal_progress(before, after, c, rules), kA).approved_met);
        rules.monitoring.approved_task_rate = 0.15;
        rules.monitoring.idle_task_rate = 0.5;  // exactly A's idle rate
        auto idle = disposal_progress(before, after, c, rules);
        CHECK(consequence(idle, kA).idle_met);
        CHECK(consequence(idle, kA).adjustment_share == Approx(0.10));
        rules.monitoring.idle_task_rate = 0.5 + 1e-6;
        CHECK(consequence(disposal_progress(before, after, c, rules), kA).adjustment_share == Approx(-0.20));
    }
}

TEST_CASE("parkcap compare: CHANGES.gpkg, CSV and next period's quota from the command line", "[monitor][cli]") {
    SavedAudits saved;
    ScratchDir out("compare-cli");
    write_text_file(out / "quota.csv", "district,quota_mu\n321202,100\n321203,200\n");
    const auto r = run_parkcap("compare " + saved.before + " " + saved.after + " --out " + (out / "CHANGES.gpkg") +
                               " --csv " + (out / "csv") + " --quota " + (out / "quota.csv") + " --next-quota " +
                               (out / "next.csv") + " --json");
    REQUIRE(r.exit_code == 0);
    INFO(describe(r));
    CHECK(r.out.find("\"split\": 1") != std::string::npos);
    CHECK(r.out.find("\"renumbered\": 1") != std::string::npos);
    const std::string next = read_text_file(out / "next.csv");
    CHECK(next.find("321202,110.000,37.500,") != std::string::npos);
    CHECK(next.find("321203,220.000,7.500,") != std::string::npos);
    const std::string disposal = read_text_file(out / "csv/disposal.csv");
    CHECK(disposal.find("district,321202,") != std::string::npos);

    // The same output again without --overwrite is refused; an input as --out too.
    const auto again = run_parkcap("compare " + saved.before + " " + saved.after + " --out " + (out / "CHANGES.gpkg"));
    CHECK(again.exit_code == 2);
    const auto onto_input = run_parkcap("compare " + saved.before + " " + saved.after + " --out " + saved.after + " --overwrite");
    CHECK(onto_input.exit_code == 2);
    CHECK(onto_input.err.find("is an input") != std::string::npos);
    // The later audit first: refused with the order to use.
    const auto reversed = run_parkcap("compare " + saved.after + " " + saved.before + " --out " + (out / "R.gpkg"));
    CHECK(reversed.exit_code == 4);
    CHECK(reversed.err.find("not earlier") != std::string::npos);
    const auto no_quota = run_parkcap("compare " + saved.before + " " + saved.after + " --out " + (out / "Q.gpkg") +
                                      " --next-quota " + (out / "n2.csv"));
    CHECK(no_quota.exit_code == 2);
}

TEST_CASE("parkcap compare shows its steps on a terminal, and --quiet silences them", "[monitor][cli]") {
    SavedAudits saved;
    ScratchDir out("compare-quiet");
    // script(1) gives the command a terminal, where the progress bar is drawn.
    auto on_terminal = [&](const std::string& name, const std::string& flags) {
        const std::string cmd = std::string(kParkcapExe) + " compare " + saved.before + " " + saved.after + " --out " +
                                (out / name) + flags;
        return run_command("script -qec '" + cmd + "' /dev/null");
    };
    const auto shown = on_terminal("A.gpkg", "");
    REQUIRE(shown.exit_code == 0);
    CHECK(shown.out.find("read OLD") != std::string::npos);
    CHECK(shown.out.find("compare") != std::string::npos);
    const auto quiet = on_terminal("B.gpkg", " --quiet");
    REQUIRE(quiet.exit_code == 0);
    CHECK(quiet.out.find("read OLD") == std::string::npos);
    CHECK(quiet.out.find(out / "B.gpkg") != std::string::npos);  // the summary names what it wrote
}

}  // namespace parkcap::test

namespace parkcap::test {

TEST_CASE("compare: an audit in memory compares as its saved AUDIT.gpkg does (the viewer's --since)", "[monitor]") {
    SavedAudits saved;
    const AuditSnapshot before = report::read_audit_snapshot(saved.before);
    const AuditSnapshot read = report::read_audit_snapshot(saved.after);
    const AuditSnapshot held = snapshot_of(saved.after_run.city, saved.after_run.audit, "in memory");
    REQUIRE(held.parcels.size() == read.parcels.size());
    CHECK(held.as_of == read.as_of);
    CHECK(held.working_crs == read.working_crs);
    for (std::size_t i = 0; i < held.parcels.size(); ++i) {
        INFO(read.parcels.id[i]);
        CHECK(held.parcels.id[i] == read.parcels.id[i]);
        CHECK(held.parcels.status[i] == read.parcels.status[i]);
        CHECK(held.parcels.flags[i] == read.parcels.flags[i]);
        CHECK(held.parcels.appr_date[i] == read.parcels.appr_date[i]);
        CHECK(held.parcels.area_mu[i] == Approx(read.parcels.area_mu[i]).epsilon(1e-12));
    }
    const auto& rules = rules::default_rules();
    const Changes a = compare_audits(before, read, rules.monitoring), b = compare_audits(before, held, rules.monitoring);
    CHECK(a.match_counts() == b.match_counts());
    CHECK(a.change_class == b.change_class);
    CHECK(a.disposed_mu == b.disposed_mu);
}

}  // namespace parkcap::test
