// `parkcap evaluate` on the sample city against an independent computation: the
// parcels' figures read from data/shapefiles/parcels.shp with OGR, their park,
// status and flags from the audit's parcel_flags layer, and every indicator and
// 尚可供地年数 summed here by the definitions of docs/evaluate.md.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "support/fixtures.hpp"
#include "support/parkcap_run.hpp"

namespace parkcap::test {
namespace {

struct Figures {
    double far = NAN, coverage = NAN, tax = NAN, inv = NAN;
    std::string supplied;  ///< YYYY-MM-DD or empty
};

/// The sample's parcel records by the id the loader gives them (a repeated id
/// with another shape becomes ID#2, ID#3, ... in file order: docs/data.md).
std::map<std::string, Figures> read_parcels(const std::string& shp) {
    GDALDatasetUniquePtr ds(GDALDataset::Open(shp.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    std::map<std::string, Figures> out;
    std::map<std::string, int> seen;
    for (auto& f : *ds->GetLayer(0)) {
        std::string id = f->GetFieldAsString("parcel_id");
        if (int n = ++seen[id]; n > 1) id += "#" + std::to_string(n);
        auto real = [&](const char* name) {
            const int i = f->GetFieldIndex(name);
            return f->IsFieldSetAndNotNull(i) ? f->GetFieldAsDouble(i) : NAN;
        };
        Figures g{real("far"), real("coverage"), real("tax"), real("inv_done"), {}};
        const int s = f->GetFieldIndex("supp_date");
        if (f->IsFieldSetAndNotNull(s)) {
            int y, m, d, h, mi, tz;
            float sec;
            f->GetFieldAsDateTime(s, &y, &m, &d, &h, &mi, &sec, &tz);
            char buf[16];
            std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
            g.supplied = buf;
        }
        out.emplace(id, g);
    }
    return out;
}

struct Sums {
    double all = 0, ready = 0, supplied = 0, built = 0, built_ind = 0;
    double far_n = 0, far_d = 0, cov_n = 0, cov_d = 0, ifar_n = 0, ifar_d = 0, icov_n = 0, icov_d = 0;
    double iinv_n = 0, iinv_d = 0, itax_n = 0, itax_d = 0, tax_n = 0, tax_d = 0;
    double remaining = 0, supplied_window = 0;
};

}  // namespace

TEST_CASE("parkcap evaluate on the sample city: every park's indicators as summed from its parcels", "[evaluate][sample]") {
    ScratchDir dir("evaluate-sample");
    const std::string data = std::string(kSourceDir) + "/data/shapefiles";
    const std::string common = " --rules " + data + "/rules.toml --as-of 2026-06-30 --quiet";
    REQUIRE(run_parkcap("audit " + data + common + " --out " + (dir / "AUDIT.gpkg")).exit_code == 0);
    const auto r = run_parkcap("evaluate " + data + common + " --out " + (dir / "EVAL.gpkg"));
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);

    const auto figures = read_parcels(data + "/parcels.shp");
    GDALDatasetUniquePtr audit(GDALDataset::Open((dir / "AUDIT.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(audit);
    std::map<std::string, Sums> parks;
    for (auto& f : *audit->GetLayerByName("parcel_flags")) {
        const std::string park = f->GetFieldAsString("park_id");
        if (park.empty()) continue;
        const std::string id = f->GetFieldAsString("parcel_id"), status = f->GetFieldAsString("status");
        const std::string flags = f->GetFieldAsString("flags");
        REQUIRE(figures.count(id));
        const Figures& g = figures.at(id);
        const double mu = f->GetFieldAsDouble("area_mu");
        const bool industrial = std::string(f->GetFieldAsString("land_use")) == "industrial";
        Sums& s = parks[park];
        if (status != "unknown") s.all += mu;
        const bool built = status == "built", supplied = built || status == "building" || status == "supplied";
        const bool ready = supplied || status == "approved" || status == "reserve";
        if (ready) s.ready += mu;
        if (supplied) s.supplied += mu;
        if (built) s.built += mu;
        if (built && industrial) s.built_ind += mu;
        if (status == "approved" || status == "reserve" || status == "planned" || flags.find("IDLE_TAKEBACK") != std::string::npos)
            s.remaining += mu;
        if (!g.supplied.empty() && g.supplied >= "2023-06-30" && g.supplied < "2026-06-30") s.supplied_window += mu;
        if (!built) continue;
        auto add = [](double v, double& n, double& d, double num, double den) {
            if (!std::isnan(v)) n += num, d += den;
        };
        add(g.far, s.far_n, s.far_d, g.far * mu, mu);
        add(g.coverage, s.cov_n, s.cov_d, g.coverage * mu, mu);
        add(g.tax, s.tax_n, s.tax_d, g.tax, mu);
        if (!industrial) continue;
        add(g.far, s.ifar_n, s.ifar_d, g.far * mu, mu);
        add(g.coverage, s.icov_n, s.icov_d, g.coverage * mu, mu);
        add(g.inv, s.iinv_n, s.iinv_d, g.inv, mu);
        add(g.tax, s.itax_n, s.itax_d, g.tax, mu);
    }

    GDALDatasetUniquePtr eval(GDALDataset::Open((dir / "EVAL.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(eval);
    OGRLayer* layer = eval->GetLayerByName("park_evaluation");
    REQUIRE(layer);
    CHECK(layer->GetFeatureCount() == static_cast<GIntBig>(parks.size()));
    std::map<std::string, int> ranks;
    for (auto& f : *layer) {
        const std::string park = f->GetFieldAsString("park_id");
        INFO(park);
        REQUIRE(parks.count(park));
        const Sums& s = parks.at(park);
        auto check = [&](const char* field, double expected) {
            INFO(field);
            CHECK(f->GetFieldAsDouble(field) == Approx(expected).epsilon(1e-9));
        };
        check("dev_rate", s.ready / s.all);
        check("supp_rate", s.supplied / s.ready);
        check("built_rate", s.built / s.supplied);
        check("ind_share", s.built_ind / s.built);
        check("far", s.far_n / s.far_d);
        check("density", s.cov_n / s.cov_d);
        check("ind_far", s.ifar_n / s.ifar_d);
        check("ind_cover", s.icov_n / s.icov_d);
        check("ind_inv_mu", s.iinv_n / s.iinv_d);
        check("ind_tax_mu", s.itax_n / s.itax_d);
        check("tax_mu", s.tax_n / s.tax_d);
        check("remain_mu", s.remaining);
        check("years_left", s.remaining / (s.supplied_window / 3));
        CHECK(f->GetFieldAsDouble("score") > 0);
        ranks[f->GetFieldAsString("type")] = std::max(ranks[f->GetFieldAsString("type")], f->GetFieldAsInteger("rank"));
    }
    // Every park of a type is ranked, 1 to the number of parks of that type when no two tie.
    for (const auto& [type, worst] : ranks) CHECK(worst >= 1);
}

}  // namespace parkcap::test
