// The viewer compared with an earlier audit (--since): the sample city's quarter
// against its base audit. Every parcel's change class and fill agree with what
// `parkcap compare` writes for the same two audits, a disposed parcel's interior
// has the disposed colour on the screenshot, and the headline figures are the
// comparison's.
#include <algorithm>
#include <cmath>

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "support/parkcap_run.hpp"
#include "viewer/viewer_run.hpp"

using namespace parkcap::test;
using namespace parkcap::test::viewer;

namespace {

struct Compared {
    std::map<std::string, std::string> change;  ///< parcel_id → class
    std::string disposed_parcel;
    OGREnvelope disposed_box;
    double disposed_mu = 0, approved_rate = 0;
};

Compared read_changes(const std::string& path) {
    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    Compared c;
    double best = 0;
    for (auto& f : *ds->GetLayerByName("parcel_changes")) {
        const std::string id = f->GetFieldAsString("parcel_id");
        if (id.empty()) continue;  // gone: not on the map
        c.change[id] = f->GetFieldAsString("change");
        c.disposed_mu += f->GetFieldAsDouble("dispos_mu");
        OGREnvelope e;
        f->GetGeometryRef()->getEnvelope(&e);
        const double box = (e.MaxX - e.MinX) * (e.MaxY - e.MinY);
        const double area = f->GetFieldAsDouble("area_mu") * 10000.0 / 15;
        // A disposed parcel that nearly fills its bounding box, for a clean interior.
        if (c.change[id] == "disposed" && area > 0.9 * box && area > best) {
            best = area;
            c.disposed_parcel = id;
            c.disposed_box = e;
        }
    }
    for (auto& f : *ds->GetLayerByName("disposal"))
        if (std::string(f->GetFieldAsString("level")) == "city" && std::string(f->GetFieldAsString("kind")) == "approved_unsupplied")
            c.approved_rate = f->GetFieldAsDouble("rate");
    return c;
}

}  // namespace

TEST_CASE("viewer: --since colours every parcel by its change as parkcap compare finds it", "[viewer][screenshot][monitor]") {
    if (!viewer_available()) return;
    ScratchDir dir("viewer-since");
    const std::string src = parkcap::test::kSourceDir, rules = src + "/data/shapefiles/rules.toml";
    const std::string quarter = src + "/data/periods/2026-09-30";
    const std::string before = dir / "base.gpkg", after = dir / "quarter.gpkg", changes = dir / "changes.gpkg";
    for (const auto& [data, as_of, out] : {std::tuple{src + "/data/shapefiles", "2026-06-30", before},
                                          std::tuple{quarter, "2026-09-30", after}}) {
        const auto r = run_parkcap("audit " + data + " --rules " + rules + " --as-of " + as_of + " --out " + out + " --quiet");
        INFO(describe(r));
        REQUIRE(r.exit_code == 0);
    }
    const auto compared_run = run_parkcap("compare " + before + " " + after + " --out " + changes + " --rules " + rules);
    INFO(describe(compared_run));
    REQUIRE(compared_run.exit_code == 0);
    const Compared compared = read_changes(changes);
    REQUIRE_FALSE(compared.disposed_parcel.empty());

    // The view: the disposed parcel with a margin of its own size around it.
    const OGREnvelope& e = compared.disposed_box;
    const double mx = e.MaxX - e.MinX, my = e.MaxY - e.MinY;
    std::ostringstream view;
    view.precision(12);
    view << "bbox:" << e.MinX - mx << ',' << e.MinY - my << ',' << e.MaxX + mx << ',' << e.MaxY + my;
    const std::string png = dir / "changes.png";
    const auto run = run_viewer("'" + quarter + "' --rules '" + rules + "' --as-of 2026-09-30 --since '" + before +
                                "' --colour-by changes --no-plan --mode map --screenshot '" + png +
                                "' --size 1200x800 --print-parcels --view " + view.str());
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const FrameInfo info = parse_frame_info(run.out);

    std::size_t seen = 0;
    std::istringstream lines(run.out);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("parcel ", 0) != 0) continue;
        std::istringstream words(line);
        std::string tag, id;
        words >> tag >> id;
        auto f = fields(line);
        INFO(id);
        REQUIRE(compared.change.count(id));
        CHECK(f["class"] == compared.change.at(id));
        CHECK(parse_hex(f["fill"]) == info.legend.at(f["class"]));
        ++seen;
    }
    CHECK(seen == compared.change.size());
    CHECK(info.legend.at("disposed") == parse_hex("1a9850"));

    // The disposed parcel's middle third is the disposed colour on screen.
    const Image img = read_png(png);
    auto screen = [&](double x, double y) {
        return std::pair{(info.canvas[0] + info.canvas[2]) * 0.5 + (x - info.centre_x) * info.px_per_m,
                         (info.canvas[1] + info.canvas[3]) * 0.5 - (y - info.centre_y) * info.px_per_m};
    };
    const auto [ax, ay] = screen(e.MinX + mx / 3, e.MaxY - my / 3);
    const auto [bx, by] = screen(e.MaxX - mx / 3, e.MinY + my / 3);
    REQUIRE(bx - ax > 10);
    int hit = 0, all = 0;
    for (int y = static_cast<int>(std::ceil(ay)); y < static_cast<int>(by); ++y)
        for (int x = static_cast<int>(std::ceil(ax)); x < static_cast<int>(bx); ++x, ++all)
            hit += img.at(x, y) == info.legend.at("disposed");
    INFO(compared.disposed_parcel);
    CHECK(static_cast<double>(hit) / all > 0.8);

    // The headline figures are the comparison's.
    const auto since = run.out.find("since date=2026-06-30");
    REQUIRE(since != std::string::npos);
    auto f = fields(run.out.substr(since, run.out.find('\n', since) - since));
    CHECK(std::stod(f["disposed_mu"]) == Approx(compared.disposed_mu).margin(1e-3));
    CHECK(std::stod(f["approved_rate"]) == Approx(compared.approved_rate).margin(1e-6));
}

TEST_CASE("viewer: --colour-by changes without --since is refused", "[viewer][cli][monitor]") {
    if (!viewer_available()) return;
    const auto r = run_viewer("data --colour-by changes");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--since") != std::string::npos);
}
