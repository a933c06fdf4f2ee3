#pragma once
// Running the real parkcap-viewer under Xvfb with Mesa's software OpenGL, and
// reading back what it drew: the PNG (through GDAL's PNG driver) and the view
// transform and positions it prints in headless mode. Header-only: the viewer
// tests are the only users.
#include <cmath>
#include <cstdlib>
#include <stdlib.h>  // mkdtemp
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <gdal_priv.h>

#include "support/fixtures.hpp"
#include "support/mini_city.hpp"
#include "viewer/viewer_city.hpp"

namespace parkcap::test::viewer {

/// True when the viewer was built and xvfb-run is installed; otherwise a warning
/// says why the test did not run.
inline bool viewer_available() {
#ifdef PARKCAP_VIEWER_EXE
    if (!std::filesystem::exists(PARKCAP_VIEWER_EXE)) {
        WARN("parkcap-viewer not built: " << PARKCAP_VIEWER_EXE);
        return false;
    }
    if (std::system("command -v xvfb-run >/dev/null 2>&1") != 0) {
        WARN("xvfb-run is not installed (tools/setup-debian.sh installs xvfb); viewer test not run");
        return false;
    }
    return true;
#else
    WARN("built without the viewer (PARKCAP_BUILD_VIEWER=OFF)");
    return false;
#endif
}

/// Runs `command` (a program and its arguments, or `sh -c '...'` for several at
/// once on one screen) on a virtual X screen with software OpenGL.
/// The X authority file is ours (-f), in a directory of our own: left to
/// itself, xvfb-run makes and removes a temporary directory, and when that
/// removal races with a parallel test's xauth it exits 5 ("problem while
/// cleaning up temporary directory") although the viewer succeeded.
inline CommandResult run_on_virtual_screen(const std::string& command) {
    std::string dir = (std::filesystem::temp_directory_path() / "parkcap-xvfb.XXXXXX").string();
    REQUIRE(mkdtemp(dir.data()) != nullptr);
    const std::string auth = dir + "/Xauthority";
    CommandResult r = run_command("xvfb-run -a -f '" + auth + "' -s \"-screen 0 1600x1200x24\" env LIBGL_ALWAYS_SOFTWARE=1 " + command);
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
    return r;
}

/// Runs parkcap-viewer with `args` on a virtual screen (run_on_virtual_screen).
inline CommandResult run_viewer(const std::string& args) {
#ifdef PARKCAP_VIEWER_EXE
    return run_on_virtual_screen(std::string(PARKCAP_VIEWER_EXE) + " " + args);
#else
    (void)args;
    return {};
#endif
}

/// `extra` with the test city's audit date unless it names one or a saved audit
/// that gives it: the viewer's own default is today, which would age the fixtures.
inline std::string dated(const std::string& extra) {
    const bool dated = extra.find("--as-of") != std::string::npos || extra.find("--audit") != std::string::npos;
    return dated ? extra : extra + " --as-of " + viewer_city::kAsOf;
}

/// The test city written as a GeoPackage (with projects.csv and quota.csv) in `dir`.
inline std::string write_city(const ScratchDir& dir) {
    const std::string path = dir / "city.gpkg";
    viewer_city::make().write_gpkg(path);
    return path;
}

struct Rgb {
    int r = 0, g = 0, b = 0;
    bool operator==(const Rgb&) const = default;
};

inline Rgb parse_hex(const std::string& hex) {
    const unsigned long v = std::stoul(hex, nullptr, 16);
    return {static_cast<int>((v >> 16) & 0xff), static_cast<int>((v >> 8) & 0xff), static_cast<int>(v & 0xff)};
}

struct Image {
    int width = 0, height = 0;
    std::vector<unsigned char> r, g, b;
    Rgb at(int x, int y) const {
        const std::size_t i = static_cast<std::size_t>(y) * width + x;
        return {r[i], g[i], b[i]};
    }
    bool inside(int x, int y) const { return x >= 0 && y >= 0 && x < width && y < height; }
};

inline Image read_png(const std::string& path) {
    std::unique_ptr<GDALDataset> ds(static_cast<GDALDataset*>(GDALOpen(path.c_str(), GA_ReadOnly)));
    REQUIRE(ds);
    Image img;
    img.width = ds->GetRasterXSize();
    img.height = ds->GetRasterYSize();
    REQUIRE(ds->GetRasterCount() >= 3);
    std::vector<unsigned char>* bands[] = {&img.r, &img.g, &img.b};
    for (int i = 0; i < 3; ++i) {
        bands[i]->resize(static_cast<std::size_t>(img.width) * img.height);
        REQUIRE(ds->GetRasterBand(i + 1)->RasterIO(GF_Read, 0, 0, img.width, img.height, bands[i]->data(), img.width,
                                                   img.height, GDT_Byte, 0, 0) == CE_None);
    }
    return img;
}

/// What the viewer prints after a screenshot: the view transform and where things went.
struct FrameInfo {
    double centre_x = 0, centre_y = 0, px_per_m = 0;
    double canvas[4] = {0, 0, 0, 0};
    std::map<std::string, Rgb> legend;                   ///< key → colour
    std::map<std::string, std::pair<double, double>> park_anchor;
    struct Flow {
        double from[2], to[2], control[2];
        Rgb colour;
        int count = 0;
    };
    std::vector<Flow> flows;
    double headline[4] = {0, 0, 0, 0};

    /// Screen position of a point given in metres from the MiniCity origin.
    std::pair<double, double> screen(double x_m, double y_m) const {
        const double wx = kOriginX + x_m, wy = kOriginY + y_m;
        return {(canvas[0] + canvas[2]) * 0.5 + (wx - centre_x) * px_per_m,
                (canvas[1] + canvas[3]) * 0.5 - (wy - centre_y) * px_per_m};
    }
};

inline std::map<std::string, std::string> fields(const std::string& line) {
    std::map<std::string, std::string> out;
    std::istringstream in(line);
    for (std::string w; in >> w;)
        if (const auto eq = w.find('='); eq != std::string::npos) out[w.substr(0, eq)] = w.substr(eq + 1);
    return out;
}

inline std::vector<double> numbers(const std::string& csv) {
    std::vector<double> v;
    std::istringstream in(csv);
    for (std::string t; std::getline(in, t, ',');) v.push_back(std::stod(t));
    return v;
}

inline FrameInfo parse_frame_info(const std::string& out) {
    FrameInfo info;
    std::istringstream in(out);
    bool have_view = false;
    for (std::string line; std::getline(in, line);) {
        auto f = fields(line);
        if (line.rfind("view ", 0) == 0) {
            const auto c = numbers(f["centre"]);
            const auto r = numbers(f["canvas"]);
            info.centre_x = c.at(0);
            info.centre_y = c.at(1);
            info.px_per_m = std::stod(f["px_per_m"]);
            for (int i = 0; i < 4; ++i) info.canvas[i] = r.at(i);
            have_view = true;
        } else if (line.rfind("legend ", 0) == 0) {
            std::istringstream words(line);
            std::string tag, key;
            words >> tag >> key;
            info.legend[key] = parse_hex(f["colour"]);
        } else if (line.rfind("park ", 0) == 0) {
            std::istringstream words(line);
            std::string tag, id;
            words >> tag >> id;
            const auto a = numbers(f["anchor"]);
            info.park_anchor[id] = {a.at(0), a.at(1)};
        } else if (line.rfind("flow ", 0) == 0) {
            FrameInfo::Flow fl;
            const auto a = numbers(f["from"]), b = numbers(f["to"]), c = numbers(f["control"]);
            fl.from[0] = a.at(0), fl.from[1] = a.at(1);
            fl.to[0] = b.at(0), fl.to[1] = b.at(1);
            fl.control[0] = c.at(0), fl.control[1] = c.at(1);
            fl.colour = parse_hex(f["colour"]);
            fl.count = std::stoi(f["count"]);
            info.flows.push_back(fl);
        } else if (line.rfind("headline ", 0) == 0) {
            const auto r = numbers(f["rect"]);
            for (int i = 0; i < 4; ++i) info.headline[i] = r.at(i);
        }
    }
    REQUIRE(have_view);
    return info;
}

/// The bounding box (metres from the origin) the tests view: the park and the
/// second district, as `--view bbox:...` in working-CRS coordinates.
inline std::string view_bbox(double x0 = -400, double y0 = -400, double x1 = 3700, double y1 = 1300) {
    std::ostringstream s;
    s.precision(12);
    s << "bbox:" << kOriginX + x0 << ',' << kOriginY + y0 << ',' << kOriginX + x1 << ',' << kOriginY + y1;
    return s.str();
}

}  // namespace parkcap::test::viewer
