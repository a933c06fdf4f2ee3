// The viewer and the audit's QGIS style show every parcel of the sample city alike:
// the same primary flag (or state) and the same colour. Both read the engine's flag
// catalogue; this checks it end to end, from what each writes or draws: the
// GeoPackage `parkcap audit` writes (parcel_flags.map_class and the QML stored in
// layer_styles), the class and fill the viewer prints per parcel, and the pixels
// of the viewer's screenshots inside parcels.
#include <map>
#include <memory>
#include <regex>
#include <set>

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogr_api.h>
#include <ogrsf_frmts.h>

#include "support/fixtures.hpp"
#include "test_config.hpp"
#include "viewer/viewer_run.hpp"

using namespace parkcap::test;
using namespace parkcap::test::viewer;

namespace {

constexpr const char* kAsOf = "2026-06-30";
// Everything but the parcel fills hidden, so a parcel's interior shows its fill alone.
constexpr const char* kOnlyParcels = "--hide outlines,parks,labels,shoreline,sites,flows,districts,legend,scalebar";

/// The categorised renderer of a QGIS style: category value → colour; the category
/// with the empty value is the one for every other value.
std::map<std::string, Rgb> qml_categories(const std::string& qml) {
    std::map<std::string, std::string> symbol_of;  // value → symbol name
    const std::regex category(R"re(<category symbol="([^"]*)" value="([^"]*)")re");
    for (auto it = std::sregex_iterator(qml.begin(), qml.end(), category); it != std::sregex_iterator(); ++it)
        symbol_of[(*it)[2]] = (*it)[1];
    std::map<std::string, Rgb> colour_of_symbol;
    const std::regex symbol(R"re(<symbol type="fill" name="([^"]*)".*?name="color" value="(\d+),(\d+),(\d+),\d+")re");
    for (auto it = std::sregex_iterator(qml.begin(), qml.end(), symbol); it != std::sregex_iterator(); ++it)
        colour_of_symbol[(*it)[1]] = {std::stoi((*it)[2]), std::stoi((*it)[3]), std::stoi((*it)[4])};
    std::map<std::string, Rgb> out;
    for (const auto& [value, name] : symbol_of) out[value] = colour_of_symbol.at(name);
    return out;
}

struct AuditedParcel {
    std::string map_class;
    std::unique_ptr<OGRGeometry> geometry;
    double area_m2 = 0;
};

struct AuditFile {
    std::map<std::string, AuditedParcel> parcels;  ///< by parcel_id
    std::map<std::string, Rgb> style;              ///< parcel_flags' QGIS categories
    /// The colour QGIS fills a parcel of `map_class` with.
    Rgb qgis_colour(const std::string& map_class) const {
        const auto it = style.find(map_class);
        return it != style.end() ? it->second : style.at("");
    }
};

AuditFile read_audit(const std::string& path) {
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR));
    REQUIRE(ds);
    AuditFile out;
    OGRLayer* rs = ds->ExecuteSQL("SELECT styleQML FROM layer_styles WHERE f_table_name = 'parcel_flags'", nullptr, nullptr);
    REQUIRE(rs);
    for (auto& f : *rs) out.style = qml_categories(f->GetFieldAsString(0));
    ds->ReleaseResultSet(rs);
    REQUIRE(out.style.count(""));
    OGRLayer* layer = ds->GetLayerByName("parcel_flags");
    REQUIRE(layer);
    for (auto& f : *layer) {
        AuditedParcel p;
        p.map_class = f->GetFieldAsString("map_class");
        p.geometry.reset(f->StealGeometry());
        REQUIRE(p.geometry);
        p.area_m2 = p.geometry->toMultiPolygon()->get_Area();
        out.parcels[f->GetFieldAsString("parcel_id")] = std::move(p);
    }
    return out;
}

struct ViewerParcel {
    std::string map_class;
    Rgb fill;
};

/// `parcel ID class=... fill=...` lines of the viewer's --print-parcels.
std::map<std::string, ViewerParcel> printed_parcels(const std::string& out) {
    std::map<std::string, ViewerParcel> parcels;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("parcel ", 0) != 0) continue;
        std::istringstream words(line);
        std::string tag, id;
        words >> tag >> id;
        auto f = fields(line);
        parcels[id] = {f["class"], parse_hex(f["fill"])};
    }
    return parcels;
}

/// The screen position of a working-CRS point in a frame the viewer printed.
std::pair<double, double> to_screen(const FrameInfo& info, double x, double y) {
    return {(info.canvas[0] + info.canvas[2]) * 0.5 + (x - info.centre_x) * info.px_per_m,
            (info.canvas[1] + info.canvas[3]) * 0.5 - (y - info.centre_y) * info.px_per_m};
}

}  // namespace

TEST_CASE("viewer and QGIS style agree on every sample parcel's primary flag and colour", "[viewer][audit][style]") {
    if (!viewer_available()) return;
    ScratchDir dir("viewer-flag-agreement");
    const std::string gpkg = dir / "audit.gpkg";
    const auto audit = run_command(std::string(kParkcapExe) + " audit " + kSampleCityDir + " --as-of " + kAsOf +
                                   " -q --out " + gpkg);
    INFO(audit.err);
    REQUIRE(audit.exit_code == 0);
    const AuditFile file = read_audit(gpkg);
    REQUIRE(file.parcels.size() > 5000);

    const std::string sample = std::string("'") + kSampleCityDir + "'";
    const std::string common = std::string(" --as-of ") + kAsOf + " --no-plan --mode map --colour-by flag --lang en " +
                               kOnlyParcels + " --size 800x600";
    const auto run = run_viewer(sample + " --screenshot '" + (dir / "city.png") + "' --print-parcels" + common);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const auto viewer = printed_parcels(run.out);
    const FrameInfo city_frame = parse_frame_info(run.out);

    SECTION("per parcel: the viewer's class is the GeoPackage's map_class, its fill the style's colour") {
        REQUIRE(viewer.size() == file.parcels.size());
        std::set<std::string> classes;
        std::size_t disagree = 0;
        for (const auto& [id, p] : file.parcels) {
            INFO(id);
            const auto it = viewer.find(id);
            REQUIRE(it != viewer.end());
            if (it->second.map_class != p.map_class || !(it->second.fill == file.qgis_colour(p.map_class))) {
                ++disagree;
                CHECK(it->second.map_class == p.map_class);
                CHECK(it->second.fill == file.qgis_colour(p.map_class));
            }
            classes.insert(p.map_class);
        }
        CHECK(disagree == 0);
        // The sample city exercises every flag and the unflagged states (not a
        // comparison of two empty sets).
        for (const char* c : {"IDLE_TAKEBACK", "IDLE_FEE", "IDLE_SUSPECT", "APPROVED_UNSUPPLIED", "SUPPLIED_UNUSED",
                              "LOW_FAR", "LOW_COVERAGE", "LOW_INVESTMENT", "LOW_TAX", "PHASE_OUT", "CHEM_OUTSIDE_PARK",
                              "CHEM_NEAR_SHORE", "RESERVE", "PLANNED", "BUILDING", "BUILT"})
            CHECK(classes.count(c));
        // And the legend's colours are the style's.
        for (const auto& [key, colour] : city_frame.legend) {
            INFO(key);
            CHECK(colour == file.qgis_colour(key));
        }
    }

    SECTION("pixels: inside each parcel drawn large enough, the style's colour") {
        // One view per class, around its largest parcel; every parcel wholly in the
        // view with an interior at least 3 pixels from its edge is checked there.
        std::map<std::string, const AuditedParcel*> largest;
        for (const auto& [id, p] : file.parcels)
            if (!largest.count(p.map_class) || p.area_m2 > largest[p.map_class]->area_m2) largest[p.map_class] = &p;
        std::set<std::string> checked_classes;
        std::size_t checked = 0;
        for (const auto& [map_class, target] : largest) {
            INFO(map_class);
            OGREnvelope e;
            target->geometry->getEnvelope(&e);
            const double pad = std::max(e.MaxX - e.MinX, e.MaxY - e.MinY);
            char view[200];
            std::snprintf(view, sizeof view, "bbox:%.3f,%.3f,%.3f,%.3f", e.MinX - pad, e.MinY - pad, e.MaxX + pad,
                          e.MaxY + pad);
            const std::string png = dir / (map_class + ".png");
            const auto shot = run_viewer(sample + " --screenshot '" + png + "' --view " + view + common);
            INFO(shot.err);
            REQUIRE(shot.exit_code == 0);
            const FrameInfo info = parse_frame_info(shot.out);
            const Image image = read_png(png);
            for (const auto& [id, p] : file.parcels) {
                OGREnvelope pe;
                p.geometry->getEnvelope(&pe);
                const auto [x0, y0] = to_screen(info, pe.MinX, pe.MaxY);
                const auto [x1, y1] = to_screen(info, pe.MaxX, pe.MinY);
                if (x0 < info.canvas[0] + 1 || y0 < info.canvas[1] + 1 || x1 > info.canvas[2] - 1 || y1 > info.canvas[3] - 1)
                    continue;
                std::unique_ptr<OGRGeometry> inner(p.geometry->Buffer(-3 / info.px_per_m));
                if (!inner || inner->IsEmpty()) continue;
                std::unique_ptr<OGRGeometry> at(
                    OGRGeometry::FromHandle(OGR_G_PointOnSurface(OGRGeometry::ToHandle(inner.get()))));
                REQUIRE(at);
                const auto [sx, sy] = to_screen(info, at->toPoint()->getX(), at->toPoint()->getY());
                INFO(id << " at " << sx << "," << sy);
                CHECK(image.at(static_cast<int>(sx), static_cast<int>(sy)) == file.qgis_colour(p.map_class));
                ++checked;
                if (&p == target) checked_classes.insert(map_class);
            }
        }
        CHECK(checked_classes.size() == largest.size());
        CHECK(checked > 50);
    }
}
