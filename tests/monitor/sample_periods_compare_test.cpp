// `parkcap compare` on the sample city's committed periods (data/periods), checked
// against an independent computation: SQL over the two AUDIT.gpkg files, joining
// parcels by id (no geometry), and the generator's own record of what it changed
// (changes.csv).
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <set>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "support/fixtures.hpp"
#include "support/parkcap_run.hpp"

namespace parkcap::test {
namespace {

struct Period {
    std::string dir, as_of;
};
const Period kBase{"data/shapefiles", "2026-06-30"}, kQuarter{"data/periods/2026-09-30", "2026-09-30"},
    kYear{"data/periods/2027-06-30", "2027-06-30"};

std::string audit(const ScratchDir& scratch, const Period& p) {
    const std::string data = std::string(kSourceDir) + "/" + p.dir;
    const std::string out = scratch / ("AUDIT-" + p.as_of + ".gpkg");
    if (std::filesystem::exists(out)) return out;  // the quarter ends one period and starts the next
    const auto r = run_parkcap("audit " + data + " --rules " + data + "/rules.toml --as-of " + p.as_of + " --out " + out +
                               " --quiet");
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    return out;
}

/// flagged and disposed 亩 per district and kind ("approved", "idle", "low").
using Figures = std::map<std::pair<std::string, std::string>, std::pair<double, double>>;

// The disposal rules of docs/monitoring.md written as SQL over parcels matched by
// id: a kind's flag gone, and the later state saying why.
constexpr const char* kDisposalSql = R"(
SELECT o.district AS district,
  sum(CASE WHEN instr(o.flags, 'APPROVED_UNSUPPLIED') THEN o.area_mu ELSE 0 END) AS approved_flagged,
  sum(CASE WHEN instr(o.flags, 'APPROVED_UNSUPPLIED') AND n.parcel_id IS NOT NULL
            AND NOT instr(n.flags, 'APPROVED_UNSUPPLIED')
            AND (n.status IN ('supplied', 'building', 'built', 'reserve', 'planned') OR n.land_use <> o.land_use)
      THEN o.area_mu ELSE 0 END) AS approved_disposed,
  sum(CASE WHEN instr(o.flags, 'IDLE_FEE') OR instr(o.flags, 'IDLE_TAKEBACK') THEN o.area_mu ELSE 0 END) AS idle_flagged,
  sum(CASE WHEN (instr(o.flags, 'IDLE_FEE') OR instr(o.flags, 'IDLE_TAKEBACK')) AND n.parcel_id IS NOT NULL
            AND NOT instr(n.flags, 'IDLE_FEE') AND NOT instr(n.flags, 'IDLE_TAKEBACK')
            AND (n.status IN ('building', 'built', 'reserve', 'planned', 'approved') OR n.land_use <> o.land_use)
      THEN o.area_mu ELSE 0 END) AS idle_disposed,
  sum(CASE WHEN instr(o.flags, 'LOW_') THEN o.area_mu ELSE 0 END) AS low_flagged,
  sum(CASE WHEN instr(o.flags, 'LOW_') AND n.parcel_id IS NOT NULL AND NOT instr(n.flags, 'LOW_')
            AND (n.status IN ('reserve', 'building', 'built') OR n.land_use <> o.land_use)
      THEN o.area_mu ELSE 0 END) AS low_disposed
FROM parcel_flags o LEFT JOIN later.parcel_flags n ON n.parcel_id = o.parcel_id
GROUP BY o.district)";

Figures by_sql(const std::string& before, const std::string& after) {
    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open(before.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    ds->ExecuteSQL(("ATTACH DATABASE '" + after + "' AS later").c_str(), nullptr, nullptr);
    OGRLayer* rows = ds->ExecuteSQL(kDisposalSql, nullptr, nullptr);
    REQUIRE(rows);
    Figures f;
    for (auto& row : *rows) {
        const std::string d = row->GetFieldAsString("district");
        for (const char* kind : {"approved", "idle", "low"})
            f[{d, kind}] = {row->GetFieldAsDouble((std::string(kind) + "_flagged").c_str()),
                            row->GetFieldAsDouble((std::string(kind) + "_disposed").c_str())};
    }
    ds->ReleaseResultSet(rows);
    return f;
}

Figures from_changes(const std::string& changes) {
    GDALDatasetUniquePtr ds(GDALDataset::Open(changes.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    OGRLayer* layer = ds->GetLayerByName("disposal");
    REQUIRE(layer);
    const std::map<std::string, std::string> kind_of{{"approved_unsupplied", "approved"}, {"idle", "idle"},
                                                     {"low_efficiency", "low"}};
    Figures f;
    for (auto& row : *layer) {
        if (std::string(row->GetFieldAsString("level")) != "district") continue;
        f[{row->GetFieldAsString("code"), kind_of.at(row->GetFieldAsString("kind"))}] = {
            row->GetFieldAsDouble("flagged_mu"), row->GetFieldAsDouble("dispos_mu")};
    }
    return f;
}

std::map<std::string, std::size_t> matches_of(const std::string& changes) {
    GDALDatasetUniquePtr ds(GDALDataset::Open(changes.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    OGRLayer* layer = ds->GetLayerByName("parcel_changes");
    REQUIRE(layer);
    std::map<std::string, std::set<int64_t>> groups;
    std::map<std::string, std::size_t> n;
    for (auto& row : *layer) {
        // Every parcel of the later audit is named; only a parcel gone has no id now.
        CHECK((std::string(row->GetFieldAsString("parcel_id")).empty() == (std::string(row->GetFieldAsString("match")) == "gone")));
        groups[row->GetFieldAsString("match")].insert(row->GetFieldAsInteger64("match_id"));
        if (row->GetFieldAsInteger("renumbered")) ++n["renumbered"];
    }
    for (const auto& [kind, ids] : groups) n[kind] = ids.size();
    return n;
}

/// Rows of the generator's changes.csv by kind.
std::map<std::string, std::size_t> generator_changes(const Period& p) {
    GDALDatasetUniquePtr ds(GDALDataset::Open((std::string(kSourceDir) + "/" + p.dir + "/changes.csv").c_str(),
                                              GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    std::map<std::string, std::size_t> n;
    for (auto& row : *ds->GetLayer(0)) ++n[row->GetFieldAsString("kind")];
    return n;
}

void check_period(const ScratchDir& scratch, const Period& from, const Period& to) {
    INFO(from.as_of << " → " << to.as_of);
    const std::string before = audit(scratch, from), after = audit(scratch, to);
    const std::string changes = scratch / ("CHANGES-" + to.as_of + ".gpkg");
    const auto r = run_parkcap("compare " + before + " " + after + " --out " + changes + " --rules " + kSourceDir +
                               "/data/shapefiles/rules.toml");
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);

    const Figures sql = by_sql(before, after), compared = from_changes(changes);
    REQUIRE(sql.size() == 18);  // six districts × three kinds
    double disposed = 0;
    for (const auto& [key, expected] : sql) {
        INFO(key.first << " " << key.second);
        REQUIRE(compared.count(key));
        CHECK(compared.at(key).first == Approx(expected.first).margin(1e-6));
        CHECK(compared.at(key).second == Approx(expected.second).margin(1e-6));
        disposed += expected.second;
    }
    CHECK(disposed > 0);

    const auto generated = generator_changes(to);
    const auto matched = matches_of(changes);
    CHECK(matched.at("split") == generated.at("split"));
    CHECK(matched.at("merged") == generated.at("merged"));
    CHECK(matched.at("renumbered") == generated.at("renumbered"));
}

}  // namespace

TEST_CASE("parkcap compare on the sample city's periods: 处置率 per district as SQL over the two audits finds it",
          "[monitor][sample]") {
    ScratchDir scratch("compare-sample-periods");
    check_period(scratch, kBase, kQuarter);
    check_period(scratch, kQuarter, kYear);
}

}  // namespace parkcap::test
