// The other kind of city (make_sample_city --city riverbend, issue 17 "Benchmark"):
// one GeoPackage in one CRS, 41 parks on a winding river, irregular parcels, about
// 30 % of them flagged. Generated here at 10,000 parcels, loaded by the engine and
// checked against the generator's own tally, which does not use the engine.
#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "parkcap/audit/audit.hpp"
#include "parkcap/io/load.hpp"
#include "support/fixtures.hpp"
#include "test_config.hpp"

using namespace parkcap;
using namespace parkcap::test;
namespace fs = std::filesystem;

namespace {

constexpr int kParcels = 10000;

struct Generated {
    ScratchDir dir{"riverbend"};
    CommandResult run;
};

const Generated& generated() {
    static Generated g;
    static const bool ran = [] {
        g.run = run_command(std::string(kSampleCityGeneratorExe) + " " + g.dir.path().string() +
                            " --city riverbend --parcels " + std::to_string(kParcels));
        return true;
    }();
    (void)ran;
    return g;
}

/// The number after `marker` in the generator's summary, or after `then` on the
/// rest of that line.
int64_t summary_number(const std::string& marker, const std::string& then = "") {
    const std::string& out = generated().run.out;
    auto at = out.find(marker);
    REQUIRE(at != std::string::npos);
    at += marker.size();
    if (!then.empty()) {
        const auto line_end = out.find('\n', at);
        at = out.find(then, at);
        REQUIRE(at < line_end);
        at += then.size();
    }
    return std::stoll(out.substr(at));
}

const City& city() {
    static const City c = [] {
        io::LoadOptions o;
        o.data = generated().dir.path().string();
        return io::load_city(o);
    }();
    return c;
}

const audit::Audit& city_audit() {
    static const audit::Audit a = audit::run_audit(city(), rules::default_rules(), {Date::from_ymd(2026, 6, 30), 0});
    return a;
}

/// Corners of a closed ring that turn against its orientation by more than a
/// sine of 1e-3 (0.06°; a straight vertex rounded to the millimetre is no corner).
bool is_concave(std::span<const geom::Point> closed) {
    const std::size_t n = closed.size() - 1;
    double twice_area = 0;
    for (std::size_t i = 0; i < n; ++i)
        twice_area += (closed[i].x - closed[0].x) * (closed[i + 1].y - closed[0].y) -
                      (closed[i + 1].x - closed[0].x) * (closed[i].y - closed[0].y);
    for (std::size_t i = 0; i < n; ++i) {
        const geom::Point a = closed[(i + n - 1) % n], b = closed[i], c = closed[(i + 1) % n];
        const double turn = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x);
        const double lengths = std::hypot(b.x - a.x, b.y - a.y) * std::hypot(c.x - b.x, c.y - b.y);
        if (turn * (twice_area < 0 ? -1 : 1) < -1e-3 * lengths) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("riverbend: one GeoPackage with four layers and the three tables beside it, the same bytes every run",
          "[sample][generator][riverbend]") {
    const Generated& g = generated();
    REQUIRE(g.run.exit_code == 0);
    std::map<std::string, std::string> files;
    for (const auto& e : fs::directory_iterator(g.dir.path())) files[e.path().filename().string()] = e.path().string();
    CHECK(files.size() == 4);
    for (const char* name : {"city.gpkg", "projects.csv", "quota.csv", "rules.toml"}) CHECK(files.count(name));

    ScratchDir again("riverbend-again");
    const auto r = run_command(std::string(kSampleCityGeneratorExe) + " " + again.path().string() +
                               " --city riverbend --parcels " + std::to_string(kParcels));
    REQUIRE(r.exit_code == 0);
    for (const auto& [name, path] : files) {
        INFO(name);
        CHECK(read_text_file(path) == read_text_file((again.path() / name).string()));
    }
}

TEST_CASE("riverbend: every record read and kept, in one CRS, no parcel over another", "[sample][riverbend]") {
    REQUIRE(generated().run.exit_code == 0);
    const City& c = city();
    CHECK(c.crs.epsg == 4528);
    for (const auto& [layer, n] : c.report.counts) {
        INFO(layer);
        CHECK(n.conserved());
        CHECK(n.read > 0);
        CHECK(n.rejected == 0);
    }
    for (const auto& layer : c.layers)
        if (layer.logical != "projects" && layer.logical != "quota") {
            INFO(layer.logical);
            CHECK(fs::path(layer.source.file).filename() == "city.gpkg");
        }
    const auto& parcels = c.report.counts.at("parcels");
    CHECK(parcels.read == static_cast<uint64_t>(kParcels));
    CHECK(parcels.kept == static_cast<uint64_t>(kParcels));
    CHECK(c.parcels.size() == static_cast<std::size_t>(kParcels));
    CHECK(summary_number("make_sample_city: ") == kParcels);
    CHECK(c.report.count_code("parcel.overlap") == 0);
    CHECK(parcels.repaired == 0);
    CHECK(c.districts.size() == 7);
    REQUIRE(c.parks.size() == 41);
    for (const auto& p : c.parks) {
        INFO(p.park_id);
        CHECK(p.area_m2 >= 2e6 * 0.999);
        CHECK(p.area_m2 <= 40e6 * 1.001);
    }
    // The generator's shoreline plan, ~100 segments, port stretches among them.
    const int64_t segments = summary_number(" km in ");
    CHECK(c.shoreline.size() == static_cast<std::size_t>(segments));
    CHECK(segments >= 90);
    CHECK(segments <= 110);
    std::size_t port = 0;
    for (const auto& s : c.shoreline) port += s.port;
    CHECK(port >= 30);
}

TEST_CASE("riverbend: a quarter of the parcels with 5-8 vertices, about 5 % concave, as the generator wrote them",
          "[sample][riverbend]") {
    REQUIRE(generated().run.exit_code == 0);
    const City& c = city();
    int64_t five_to_eight = 0, concave = 0;
    const auto& geometry = c.parcels.geometry;
    for (std::size_t f = 0; f < geometry.size(); ++f) {
        REQUIRE(geometry.polygon_count(f) == 1);
        REQUIRE(geometry.ring_end(f, 0) - geometry.ring_begin(f, 0) == 1);  // no holes
        const auto ring = geometry.ring(geometry.ring_begin(f, 0));
        const std::size_t vertices = ring.size() - 1;  // closed
        CHECK(vertices >= 4);
        CHECK(vertices <= 8);
        five_to_eight += vertices >= 5 && vertices <= 8;
        concave += is_concave(ring);
    }
    CHECK(five_to_eight == summary_number("parcel shapes: "));
    CHECK(concave == summary_number("parcel shapes: ", "%), "));
    const double n = static_cast<double>(geometry.size());
    CHECK(five_to_eight / n >= 0.22);
    CHECK(five_to_eight / n <= 0.28);
    CHECK(concave / n >= 0.04);
    CHECK(concave / n <= 0.06);
}

TEST_CASE("riverbend: every polygon in the file is one simple counter-clockwise ring, valid to GEOS",
          "[sample][riverbend]") {
    // Read with GDAL, not the engine's loader, which would repair or reorient.
    REQUIRE(generated().run.exit_code == 0);
    GDALAllRegister();
    std::unique_ptr<GDALDataset> ds(static_cast<GDALDataset*>(GDALOpenEx(
        (generated().dir.path() / "city.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
    REQUIRE(ds);
    for (const char* name : {"parcels", "parks", "districts"}) {
        INFO(name);
        OGRLayer* layer = ds->GetLayerByName(name);
        REQUIRE(layer);
        REQUIRE(layer->GetSpatialRef());
        CHECK(std::string(layer->GetSpatialRef()->GetAuthorityCode(nullptr)) == "4528");
        int64_t features = 0, bad = 0;
        layer->ResetReading();
        while (std::unique_ptr<OGRFeature> f{layer->GetNextFeature()}) {
            ++features;
            const auto* poly = dynamic_cast<const OGRPolygon*>(f->GetGeometryRef());
            const bool good = poly && poly->getNumInteriorRings() == 0 && !poly->getExteriorRing()->isClockwise() &&
                              poly->IsValid();
            bad += !good;
        }
        CHECK(features > 0);
        CHECK(bad == 0);
    }
    CHECK(ds->GetLayerByName("parcels")->GetFeatureCount() == kParcels);
}

TEST_CASE("riverbend: the audit flags about 30 % of the parcels, exactly the ones the generator planted",
          "[sample][riverbend][audit]") {
    REQUIRE(generated().run.exit_code == 0);
    const std::string& out = generated().run.out;
    const std::string marker = "expected audit flags (parcels carrying each):";
    const auto at = out.find(marker);
    REQUIRE(at != std::string::npos);
    std::istringstream line(out.substr(at + marker.size(), out.find('\n', at) - at - marker.size()));
    std::map<std::string, uint32_t> expected;
    for (std::string item; line >> item;) {
        const auto eq = item.find('=');
        std::string code = item.substr(0, eq);
        if (const auto slash = code.find('/'); slash != std::string::npos) code = code.substr(0, slash);
        expected[code] += static_cast<uint32_t>(std::stoul(item.substr(eq + 1)));
    }
    REQUIRE(expected.size() >= 10);
    const audit::Audit& a = city_audit();
    for (int f = 0; f < audit::kFlagCodeCount; ++f) {
        const std::string code = audit::code_name(static_cast<audit::FlagCode>(f));
        INFO(code);
        CHECK(a.city.flag_counts[f] == (expected.count(code) ? expected.at(code) : 0u));
    }
    int64_t flagged = 0;
    for (std::size_t i = 0; i < city().parcels.size(); ++i) flagged += !a.flags_of(i).empty();
    CHECK(flagged == summary_number("flagged parcels (expected): "));
    CHECK(flagged / static_cast<double>(kParcels) >= 0.27);
    CHECK(flagged / static_cast<double>(kParcels) <= 0.33);
}

TEST_CASE("riverbend: parkcap audit reads the GeoPackage with the city's rules", "[sample][riverbend][cli]") {
    REQUIRE(generated().run.exit_code == 0);
    const fs::path data = generated().dir.path();
    ScratchDir out("riverbend-audit");
    const auto r = run_command(std::string(kParkcapExe) + " audit " + data.string() + " --as-of 2026-06-30 --rules " +
                               (data / "rules.toml").string() + " --out " + (out.path() / "audit.gpkg").string() + " -q");
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(fs::exists(out.path() / "audit.gpkg"));
}

TEST_CASE("riverbend: the generator refuses what it cannot make", "[sample][generator][riverbend]") {
    ScratchDir dir("riverbend-refused");
    const std::string exe = std::string(kSampleCityGeneratorExe) + " " + dir.path().string();
    CHECK(run_command(exe + " --city nowhere").exit_code == 2);
    CHECK(run_command(exe + " --city riverbend --parcels 10000001").exit_code == 2);
    CHECK(run_command(exe + " --city riverbend --parcels 9999").exit_code == 2);
    CHECK(run_command(exe + " --city riverbend --parcels 10000 --periods " + (dir.path() / "p").string()).exit_code == 2);
    CHECK(run_command(exe + " --parcels 5000001").exit_code == 2);
    CHECK(fs::is_empty(dir.path()));
}
