#pragma once
// The viewer's state as plain structs. Panels, the canvas and the script are
// free functions over these; only the loader and editing.cpp call the engine.
#include <array>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <imgui.h>

#include "mesh.hpp"
#include "modes.hpp"
#include "options.hpp"
#include "parkcap/allocate/allocate.hpp"
#include "parkcap/audit/audit.hpp"
#include "parkcap/carto/flows.hpp"
#include "parkcap/carto/park_symbols.hpp"
#include "parkcap/crs/working_crs.hpp"
#include "parkcap/index/parcel_index.hpp"
#include "parkcap/model/city.hpp"
#include "parkcap/evaluate/evaluation.hpp"
#include "parkcap/monitor/disposal.hpp"
#include "parkcap/rules/rules.hpp"
#include "parkcap/session/session.hpp"

namespace parkcap::viewer {

inline constexpr double kNoCoordinate = std::numeric_limits<double>::quiet_NaN();

/// An enclave flow as drawn: the engine's map flow (carto::aggregate_flows: one
/// per origin district and host park, thin ones folded per park into "others")
/// with its ends and the colour of the sector that takes most of its land.
struct Flow {
    carto::MapFlow engine;
    /// Working CRS: district centre → park anchor; a folded flow starts at the
    /// area-weighted centre of its origins' centres.
    geom::Point from, to;
    int sector = 0;               ///< industry_sector() of the largest part
    ImU32 colour = 0;
};

/// This audit compared with an earlier one (the viewer's --since).
struct SinceAudit {
    monitor::AuditSnapshot before;
    monitor::Changes changes;
    monitor::DisposalProgress progress;
    double disposed_mu = 0;  ///< stock of the earlier audit disposed of, each parcel's land once
};

/// Timings of the steps behind the first frame (seconds).
struct LoadTimings {
    double load_s = 0, audit_s = 0, plan_s = 0, triangulate_s = 0, upload_s = 0;
};

/// What the map needs to draw the parcels before the audit is done: the mesh,
/// the parks' fill and the extent, built by the loader from the loaded city and
/// handed over whole (the loader keeps nothing of it), so the UI thread reads no
/// object the loader still writes.
struct FirstMap {
    std::unique_ptr<ParcelMesh> mesh;
    std::vector<std::vector<geom::Point>> park_triangles;  ///< as Scene::park_triangles
    std::vector<geom::Box> park_bounds;
    geom::Box extent;        ///< City::extent
    int epsg = 0;
    double load_s = 0, triangulate_s = 0;
};

/// What the engine's session computed (city, rules, audit, plan, the overrides
/// the plan was computed with), and the lookups the viewer needs to draw it.
struct Scene : session::Session {
    std::unique_ptr<crs::LonLatTransform> lonlat;
    std::unique_ptr<index::PolygonLocator> park_locator;
    std::vector<int32_t> site_of_parcel;      ///< index into plan.sites, or -1
    std::vector<geom::Point> district_centre; ///< allocate::district_centre, once per district
    std::vector<geom::Point> park_anchor;     ///< label anchor (polygon centroid)
    std::vector<std::vector<geom::Point>> park_triangles;  ///< park polygons triangulated, for a light fill
    std::vector<audit::MapClass> parcel_map_class;  ///< audit::map_class: its primary flag, else its state
    std::vector<Flow> flows;                  ///< recomputed after every edit
    uint64_t flows_generation = 0;            ///< counts rebuilds of `flows`
    std::vector<carto::LandParts> park_parts; ///< each park's land by part, for its symbol
    geom::MultiPolygonColumn site_outline;    ///< allocate::site_geometry, feature k = plan.sites[k]
    /// Legend counts per colour mode (parcels, m²), filled on first use: the audit is fixed for a session.
    mutable std::array<std::vector<std::pair<uint64_t, double>>, kColourByCount> legend_counts;
    /// The comparison with an earlier audit (--since): what changed, per parcel of
    /// this city, and the disposal since; null without --since.
    std::shared_ptr<const SinceAudit> since;
    /// The TD/T 1029 evaluation of every park (with the idle disposal rate when --since is given).
    evaluate::Evaluation evaluation;
    double grid_convergence_rad = 0;          ///< angle of grid north east of true north at the city centre
};

/// World ↔ screen. The canvas rectangle is in whole pixels; world y grows up,
/// screen y down. The GL parcel pass and the ImGui overlays use this same mapping.
struct MapView {
    geom::Point centre;          ///< working CRS at the canvas centre
    double px_per_m = 1;
    geom::Point target_centre;   ///< pan/zoom glide towards these
    double target_px_per_m = 1;
    float x0 = 0, y0 = 0, x1 = 1, y1 = 1;  ///< canvas on screen
    bool initialised = false;

    float width() const { return x1 - x0; }
    float height() const { return y1 - y0; }
    ImVec2 to_screen(geom::Point p) const {
        return {static_cast<float>((x0 + x1) * 0.5 + (p.x - centre.x) * px_per_m),
                static_cast<float>((y0 + y1) * 0.5 - (p.y - centre.y) * px_per_m)};
    }
    geom::Point to_world(ImVec2 s) const {
        return {centre.x + (s.x - (x0 + x1) * 0.5) / px_per_m, centre.y - (s.y - (y0 + y1) * 0.5) / px_per_m};
    }
    geom::Box visible_box() const {
        const geom::Point a = to_world({x0, y1}), b = to_world({x1, y0});
        return {a.x, a.y, b.x, b.y};
    }
};

struct LayerVisibility {
    bool parcels = true, outlines = true, parks = true, labels = true, shoreline = true, sites = true,
         flows = true, districts = true, legend = true, scalebar = true;
};

struct Style {
    ColourBy colour_by = ColourBy::Flag;
    FlowWidthBy flow_width_by = FlowWidthBy::Area;
    LayerVisibility show;
    float fill_opacity = 1.0f;
    int32_t flows_from = -1;     ///< show only flows from this district (-1: all)
    bool colours_dirty = true;   ///< per-parcel colours need re-upload
    bool states_dirty = true;    ///< per-parcel state bits (allocated, selected) need re-upload
};

struct Selection {
    int32_t parcel = -1, park = -1, project = -1, site = -1;
    int32_t hover_parcel = -1, hover_park = -1;
    bool siting_armed = false;   ///< the next map click sites the selected project
};

/// One undo step: the plan's state before an edit (sites stay fixed for the session).
struct PlanSnapshot {
    std::string label;
    allocate::PlanState state;
};

struct History {
    std::vector<PlanSnapshot> undo, redo;
};

enum class ProjectFilter : int { All, Placed, Refused, Unplaced, Enclave };

struct UiState {
    Lang lang = Lang::Zh;
    ScreenMode mode = ScreenMode::Edit;
    std::string status;
    bool status_is_error = false;
    char project_search[128] = {};
    ProjectFilter project_filter = ProjectFilter::All;
    int export_width = 3840, export_height = 2160;
    char export_path[512] = "parkcap-briefing.png";
    bool export_requested = false;
    float ui_scale = 1;
    bool quit_requested = false;
    bool scroll_to_project = false;
    int left_tab_request = -1;   ///< 0 layers, 1 parks, 2 quota, 3 projects: select it on the next frame
    int shown_indicator = -1;    ///< the park inspector lists the parcels behind this evaluation indicator (-1: none)
};

/// The background load: engine steps and triangulation off the UI thread.
struct SharedStore;

struct LoadJob {
    std::thread thread;
    std::mutex mutex;
    std::string stage;          ///< guarded by mutex
    uint64_t done = 0, total = 0;
    std::atomic<bool> finished{false};
    std::unique_ptr<Scene> scene;
    /// Set by the loader as soon as the geometry is triangulated (guarded by
    /// mutex, taken by the UI thread); the audit and the plan follow into `scene`.
    std::unique_ptr<FirstMap> first_map;
    std::atomic<bool> first_map_ready{false};
    /// With --first-map FILE the loader waits after handing the geometry over until
    /// the UI thread has drawn it (first_map_drawn, under mutex), so that capture
    /// always shows the map before the audit.
    bool hold_for_first_map = false;
    bool first_map_drawn = false;
    std::condition_variable first_map_cv;
    std::unique_ptr<ParcelMesh> mesh;   ///< only when the first map was not handed over
    std::string error;          ///< empty on success
    std::vector<std::string> notes;  ///< what the user should know about the inputs (printed, shown in the status)
    LoadTimings timings;
    std::unique_ptr<SharedStore> store;  ///< DATA is a shared store (PG:...): the connection and its plan
};

/// Frame timing for the status bar and the benchmark.
struct FrameStats {
    double last_ms = 0, mean_ms = 0;
    uint64_t frames = 0;
    uint64_t parcels_drawn_vertices = 0;
};

}  // namespace parkcap::viewer
