// `parkcap series` on the sample city's three committed periods (data/shapefiles,
// data/periods/2026-09-30, data/periods/2027-06-30), checked against the files it
// was made from: each place's figures against the audits' own district_summary and
// park_capacity rows, the city's against SQL over district_summary, and each
// period's 处置率 against `parkcap compare` on the consecutive pair.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <tuple>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "parkcap/report/chart.hpp"
#include "support/fixtures.hpp"
#include "support/parkcap_run.hpp"
#include "support/png_image.hpp"

namespace parkcap::test {
namespace {

struct Period {
    std::string dir, as_of;
};
const Period kPeriods[] = {{"data/shapefiles", "2026-06-30"},
                           {"data/periods/2026-09-30", "2026-09-30"},
                           {"data/periods/2027-06-30", "2027-06-30"}};
const std::string kRules = std::string(kSourceDir) + "/data/shapefiles/rules.toml";

constexpr const char* kFigures[] = {"idle_mu", "appr_mu", "lowef_mu", "util", "supply_rat", "tax_mu"};
constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

std::string audit(const ScratchDir& scratch, const Period& p) {
    const std::string out = scratch / ("AUDIT-" + p.as_of + ".gpkg");
    const auto r = run_parkcap("audit " + std::string(kSourceDir) + "/" + p.dir + " --rules " + kRules + " --as-of " + p.as_of +
                               " --out " + out + " --quiet");
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    return out;
}

GDALDatasetUniquePtr open(const std::string& path) {
    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    return ds;
}

double real(OGRFeature& f, const char* field) {
    const int i = f.GetFieldIndex(field);
    REQUIRE(i >= 0);
    return f.IsFieldSetAndNotNull(i) ? f.GetFieldAsDouble(i) : kNone;
}

void check_same(double got, double expected) {
    if (std::isnan(expected)) CHECK(std::isnan(got));
    else CHECK(got == Approx(expected).epsilon(1e-12).margin(1e-9));
}

/// level:code, as_of → field → value
using Rows = std::map<std::pair<std::string, std::string>, std::map<std::string, double>>;

}  // namespace

TEST_CASE("parkcap series on the sample city's periods: the audits' own figures and compare's 处置率", "[monitor][sample]") {
    ScratchDir scratch("series-sample");
    std::vector<std::string> audits;
    for (const Period& p : kPeriods) audits.push_back(audit(scratch, p));

    const std::string series = scratch / "SERIES.gpkg";
    const auto r = run_parkcap("series " + audits[1] + " " + audits[2] + " " + audits[0] + " --rules " + kRules + " --out " +
                               series + " --csv " + (scratch / "csv") + " --charts " + (scratch / "charts"));
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(r.out.find("海陵区") != std::string::npos);
    CHECK(r.out.find("8.9% / 7.7% / 3.4%") != std::string::npos);  // the city's first quarter (docs/monitoring.md)

    Rows rows;
    std::map<std::pair<std::string, std::string>, int> count;
    {
        auto ds = open(series);
        OGRLayer* layer = ds->GetLayerByName("series");
        REQUIRE(layer);
        for (auto& f : *layer) {
            std::string as_of = f->GetFieldAsString("as_of");
            std::replace(as_of.begin(), as_of.end(), '/', '-');
            const std::pair<std::string, std::string> key{
                std::string(f->GetFieldAsString("level")) + ":" + f->GetFieldAsString("code"), as_of};
            ++count[key];
            auto& row = rows[key];
            for (const char* field : kFigures) row[field] = real(*f, field);
            for (const char* field : {"in_audit", "appr_rate", "appr_fl_mu", "appr_ds_mu", "idle_rate", "idle_fl_mu",
                                      "idle_ds_mu", "low_rate", "low_fl_mu", "low_ds_mu"})
                row[field] = real(*f, field);
        }
    }
    for (const auto& [key, n] : count) {
        INFO(key.first << " " << key.second);
        CHECK(n == 1);
    }

    // Every district and park of every audit, at every date, from the audit's own rows.
    std::set<std::string> places{"city:"};
    for (std::size_t t = 0; t < 3; ++t) {
        auto ds = open(audits[t]);
        for (const auto& [layer_name, level, code] : {std::tuple{"district_summary", "district", "district"},
                                                      std::tuple{"park_capacity", "park", "park_id"}}) {
            OGRLayer* layer = ds->GetLayerByName(layer_name);
            REQUIRE(layer);
            for (auto& f : *layer) {
                const std::string place = std::string(level) + ":" + f->GetFieldAsString(code);
                INFO(place << " " << kPeriods[t].as_of);
                places.insert(place);
                const auto& row = rows.at({place, kPeriods[t].as_of});
                CHECK(row.at("in_audit") == 1);
                for (const char* field : kFigures) check_same(row.at(field), real(*f, field));
            }
        }
        // The city: SQL over the districts' rows, ratios from summed parts.
        OGRLayer* city = ds->ExecuteSQL(
            "SELECT sum(idle_mu) AS idle_mu, sum(appr_mu) AS appr_mu, sum(lowef_mu) AS lowef_mu, "
            "(sum(build_mu) + sum(built_mu)) / sum(parcel_mu) AS util, "
            "(sum(supp_mu) + sum(build_mu) + sum(built_mu)) / (sum(appr_mu) + sum(supp_mu) + sum(build_mu) + sum(built_mu)) "
            "AS supply_rat, sum(tax_wan) / sum(taxed_mu) AS tax_mu FROM district_summary",
            nullptr, "SQLITE");
        REQUIRE(city);
        std::unique_ptr<OGRFeature> f(city->GetNextFeature());
        REQUIRE(f);
        INFO("city " << kPeriods[t].as_of);
        const auto& row = rows.at({"city:", kPeriods[t].as_of});
        for (const char* field : kFigures) check_same(row.at(field), real(*f, field));
        CHECK(row.at("tax_mu") > 0);
        ds->ReleaseResultSet(city);
    }
    CHECK(places.size() == 1 + 6 + 8);  // the city, six districts, eight parks
    CHECK(rows.size() == places.size() * 3);

    // Each period's 处置率: compare on the pair, place by place and kind by kind.
    const std::map<std::string, std::string> prefix{{"approved_unsupplied", "appr"}, {"idle", "idle"}, {"low_efficiency", "low"}};
    for (std::size_t t = 1; t < 3; ++t) {
        INFO(kPeriods[t - 1].as_of << " → " << kPeriods[t].as_of);
        const std::string changes = scratch / ("CHANGES-" + kPeriods[t].as_of + ".gpkg");
        const auto c = run_parkcap("compare " + audits[t - 1] + " " + audits[t] + " --rules " + kRules + " --out " + changes);
        INFO(describe(c));
        REQUIRE(c.exit_code == 0);
        auto ds = open(changes);
        OGRLayer* disposal = ds->GetLayerByName("disposal");
        REQUIRE(disposal);
        std::set<std::pair<std::string, std::string>> seen;  // place, kind
        for (auto& f : *disposal) {
            const std::string place = std::string(f->GetFieldAsString("level")) + ":" + f->GetFieldAsString("code");
            const std::string kind = prefix.at(f->GetFieldAsString("kind"));
            INFO(place << " " << kind);
            const auto& row = rows.at({place, kPeriods[t].as_of});
            check_same(row.at(kind + "_rate"), real(*f, "rate"));
            check_same(row.at(kind + "_fl_mu"), real(*f, "flagged_mu"));
            check_same(row.at(kind + "_ds_mu"), real(*f, "dispos_mu"));
            seen.insert({place, kind});
        }
        CHECK(seen.size() >= 3 * 7);  // the city and every district had stock of each kind
        // A place compare has no row for had no stock: nothing disposed, no rate.
        for (const std::string& place : places)
            for (const auto& [kind_name, kind] : prefix)
                if (!seen.count({place, kind})) {
                    INFO(place << " " << kind);
                    const auto& row = rows.at({place, kPeriods[t].as_of});
                    CHECK(std::isnan(row.at(kind + "_rate")));
                    CHECK(row.at(kind + "_ds_mu") == 0);
                }
    }
    for (const std::string& place : places) CHECK(std::isnan(rows.at({place, kPeriods[0].as_of}).at("appr_rate")));

    // The charts: one PNG per measure, 1200 × 720, the city's and districts' lines.
    for (const char* name : {"idle_mu", "appr_mu", "appr_rate", "idle_rate", "low_rate", "util", "tax_mu"}) {
        INFO(name);
        const PngImage img = read_png_image(scratch / (std::string("charts/") + name + ".png"));
        CHECK(img.width == 1200);
        CHECK(img.height == 720);
        std::size_t in_plot = 0;
        for (std::size_t k = 0; k < 6; ++k) in_plot += img.count(report::chart_colour(k), 0, img.width * 3 / 4) > 30;
        in_plot += img.count(report::kChartTotalColour, 0, img.width * 3 / 4) > 30;
        CHECK(in_plot >= 3);
    }
    const std::string csv = read_text_file(scratch / "csv/series.csv");
    CHECK(static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')) == 1 + rows.size());
}

}  // namespace parkcap::test
