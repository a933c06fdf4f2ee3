#pragma once
// The viewer's command line: what to load, how to show it, and the headless
// modes (screenshot, script, benchmark). Parsing checks arguments only; no file
// is touched until the loader runs.
#include <optional>
#include <string>
#include <vector>

#include "modes.hpp"
#include "parkcap/geom/polygons.hpp"
#include "parkcap/session/session.hpp"

namespace parkcap::viewer {

/// Where the first frame looks: the whole city, one park, one project's site,
/// or a box in the working CRS.
struct ViewRequest {
    enum class Kind { City, Park, Project, Box } kind = Kind::City;
    std::string id;        ///< park_id or project_id
    geom::Box box;         ///< working CRS metres (Kind::Box)
};

/// Parses "city", "park:ID", "project:ID" or "bbox:minx,miny,maxx,maxy".
/// Throws UsageError naming the option and the bad text.
ViewRequest parse_view(const std::string& text);

struct Options {
    /// What to load and run: the engine's session options, read with the same
    /// meaning and defaults as the parkcap command line (the as-of date defaults to
    /// the --audit file's date, else today).
    session::Options session;
    bool no_plan = false;       ///< skip allocation (audit only)
    /// An earlier AUDIT.gpkg of the same city: the map can show what changed
    /// since (--colour-by changes) and the briefing what was disposed of.
    std::string since_file;
    /// On a shared store: seconds between asking it for other planners' changes; 0 = only on Refresh.
    double store_poll_s = 2;

    // How to show it.
    Lang lang = Lang::Zh;
    ColourBy colour_by = ColourBy::Flag;
    ScreenMode mode = ScreenMode::Edit;
    ViewRequest view;
    std::vector<std::string> hidden_layers;  ///< names from layer_names()
    float ui_scale = 0;          ///< 0 = from the output size
    FlowWidthBy flow_width_by = FlowWidthBy::Area;

    // Headless and batch use.
    std::string screenshot;      ///< write one frame here and exit
    int width = 1600, height = 1000;
    std::string script_file;
    int bench_frames = 0;        ///< >0: benchmark this many frames and exit
    bool quiet = false;
    bool echo_status = false;    ///< print every status line to stdout (automation, support)
    bool print_parcels = false;  ///< with a screenshot: each parcel's legend class and fill
    /// Write the first map (the parcels drawn before the audit is done) here; the
    /// loader holds the audit until it is written.
    std::string first_map_shot;
    bool visible_window() const { return screenshot.empty() && script_file.empty() && bench_frames == 0 && first_map_shot.empty(); }
};

/// Names accepted by --hide: parcels, outlines, parks, labels, shoreline, sites,
/// flows, districts, legend, scalebar.
const std::vector<std::string>& layer_names();

/// Parses argv. Returns nullopt after printing --help / --version (exit 0);
/// throws UsageError for bad arguments.
std::optional<Options> parse_options(int argc, char** argv);

}  // namespace parkcap::viewer
