#include "scene.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>

#include <fmt/format.h>

#include "parkcap/carto/names.hpp"
#include "parkcap/core/error.hpp"
#include "parkcap/core/units.hpp"
#include "parkcap/geom/triangulate.hpp"
#include "parkcap/crs/working_crs.hpp"
#include "parkcap/report/snapshot_reader.hpp"
#include "parkcap/store/connection.hpp"
#include "store_link.hpp"
#include "styling.hpp"
#include "text.hpp"

namespace parkcap::viewer {

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

std::shared_ptr<const SinceAudit> compare_since(const Scene& s, const std::string& earlier_audit) {
    auto since = std::make_shared<SinceAudit>();
    since->before = session::read_audit_snapshot(earlier_audit);
    const monitor::AuditSnapshot now = monitor::snapshot_of(s.city, s.audit, "this audit");
    since->changes = monitor::compare_audits(since->before, now, s.rules.monitoring);
    since->progress = monitor::disposal_progress(since->before, now, since->changes, s.rules);
    for (double mu : since->changes.disposed_mu) since->disposed_mu += mu;
    return since;
}

void load_scene(const Options& o, LoadJob& job) {
    auto progress = [&job](std::string_view stage, uint64_t done, uint64_t total) {
        std::lock_guard lock(job.mutex);
        job.stage.assign(stage);
        job.done = done;
        job.total = total;
    };
    try {
        // The engine's run order, as the command line runs it.
        auto scene = std::make_unique<Scene>();
        session::Options session_options = o.session;
        std::unique_ptr<SharedStore> shared;
        if (store::is_store_address(session_options.data)) {
            progress("store", 0, 0);
            shared = connect_shared_store(session_options);
        }
        static_cast<session::Session&>(*scene) = session::load(session_options, progress);
        // The map first: the geometry triangulated and handed over, then the audit
        // and the plan while the UI thread draws it (issue 17: the map within 10 s
        // of start at a million parcels, where the audit and plan take as long again).
        {
            auto first = std::make_unique<FirstMap>();
            const auto t0 = std::chrono::steady_clock::now();
            first->mesh = std::make_unique<ParcelMesh>(build_parcel_mesh(scene->city.parcels.geometry, o.session.threads, progress));
            first->triangulate_s = seconds_since(t0);
            const City& city = scene->city;
            for (std::size_t p = 0; p < city.parks.size(); ++p) {
                first->park_triangles.push_back(geom::triangulate_feature(city.park_geometry, p));
                first->park_bounds.push_back(city.parks[p].bounds);
            }
            first->extent = city.extent;
            first->epsg = city.crs.epsg;
            first->load_s = scene->timings.load_s;
            job.timings.triangulate_s = first->triangulate_s;
            std::unique_lock lock(job.mutex);
            job.first_map = std::move(first);
            job.first_map_ready = true;
            job.stage = "audit";  // what the status bar says is still being computed, until the audit reports
            job.done = job.total = 0;
            if (job.hold_for_first_map) job.first_map_cv.wait(lock, [&job] { return job.first_map_drawn; });
        }
        session::audit(*scene, progress);
        if (!o.since_file.empty()) {
            progress("compare", 0, 0);
            scene->since = compare_since(*scene, o.since_file);
        }
        scene->evaluation = evaluate::evaluate(scene->city, scene->audit, scene->rules,
                                               scene->since ? &scene->since->progress : nullptr);
        std::string why;
        if (o.no_plan) {
        } else if (session::can_plan(scene->city, &why)) {
            if (shared) {
                progress("plan", 0, 0);
                load_store_plan(*shared, *scene, scene->notes);
                job.store = std::move(shared);
            } else {
                session::plan(*scene, progress);
            }
        } else {
            scene->notes.push_back("no plan: " + why);
        }
        job.notes = scene->notes;
        job.timings.load_s = scene->timings.load_s;
        job.timings.audit_s = scene->timings.audit_s;
        job.timings.plan_s = scene->timings.plan_s;

        progress("lookups", 0, 0);
        scene->lonlat = std::make_unique<crs::LonLatTransform>(scene->city.crs.epsg);
        scene->park_locator = std::make_unique<index::PolygonLocator>(scene->city.park_geometry);
        build_lookups(*scene);
        job.scene = std::move(scene);
    } catch (const Error& e) {
        job.error = e.what();
        if (!e.hint().empty()) job.error += fmt::format("\nhint: {}", e.hint());
    } catch (const std::exception& e) {
        job.error = fmt::format("internal error while loading: {}", e.what());
    }
    {
        // A load that failed before the geometry was handed over: nobody waits for a first map.
        std::lock_guard lock(job.mutex);
        job.finished = true;
    }
}

void start_load(LoadJob& job, const Options& options) {
    job.thread = std::thread([&job, options] { load_scene(options, job); });
}

LoadProgress load_progress(LoadJob& job) {
    std::lock_guard lock(job.mutex);
    LoadProgress p;
    p.stage = job.stage;
    p.fraction = job.total ? static_cast<double>(job.done) / static_cast<double>(job.total) : -1;
    return p;
}

void finish_load(LoadJob& job) {
    release_first_map_hold(job);
    if (job.thread.joinable()) job.thread.join();
}

std::unique_ptr<FirstMap> take_first_map(LoadJob& job) {
    if (!job.first_map_ready) return nullptr;
    std::lock_guard lock(job.mutex);
    return std::move(job.first_map);
}

void release_first_map_hold(LoadJob& job) {
    {
        std::lock_guard lock(job.mutex);
        job.first_map_drawn = true;
    }
    job.first_map_cv.notify_all();
}

void build_lookups(Scene& s) {
    const City& city = s.city;
    const ParcelTable& t = city.parcels;

    s.parcel_map_class.resize(t.size());
    for (std::size_t i = 0; i < t.size(); ++i) s.parcel_map_class[i] = audit::map_class(s.audit.flags_of(i), t.status[i]);

    s.site_of_parcel.assign(t.size(), -1);
    if (s.has_plan)
        for (std::size_t k = 0; k < s.plan.sites.size(); ++k)
            for (uint32_t p : s.plan.sites[k].parcels) s.site_of_parcel[p] = static_cast<int32_t>(k);

    s.district_centre.resize(city.districts.size());
    for (std::size_t d = 0; d < city.districts.size(); ++d)
        s.district_centre[d] = allocate::district_centre(city, static_cast<uint32_t>(d));
    if (s.has_plan) s.site_outline = allocate::site_geometry(city, s.plan.sites);

    // Meridian convergence, so the north arrow points to true north.
    if (s.lonlat) {
        const geom::Box& e = city.extent;
        const geom::Point c{(e.min_x + e.max_x) / 2, (e.min_y + e.max_y) / 2};
        const geom::Point a = (*s.lonlat)(c), b = (*s.lonlat)({c.x, c.y + 1000});
        const double east = (b.x - a.x) * std::cos(a.y * M_PI / 180), north = b.y - a.y;
        if (std::isfinite(east) && std::isfinite(north)) s.grid_convergence_rad = std::atan2(east, north);
    }

    s.park_anchor.resize(city.parks.size());
    for (std::size_t p = 0; p < city.parks.size(); ++p) {
        geom::Point c = city.park_geometry.centroid(p);
        if (std::isnan(c.x)) {
            const geom::Box& b = city.parks[p].bounds;
            c = {(b.min_x + b.max_x) / 2, (b.min_y + b.max_y) / 2};
        }
        s.park_anchor[p] = c;
        text::note_text(city.parks[p].name);
    }
    for (const auto& d : city.districts) text::note_text(d.name);
    // Engine text the interface shows in Chinese, so its characters are in the font atlas.
    for (const audit::MapClassInfo& c : audit::kMapClasses) text::note_text(c.title.zh);
    for (const monitor::ChangeClassInfo& c : monitor::kChangeClasses) text::note_text(c.zh);
    for (const evaluate::IndicatorInfo& k : evaluate::kIndicators) text::note_text(k.zh);
    for (std::string_view title : evaluate::kParkTypeTitles) text::note_text(title);
    for (int k = 0; k < 6; ++k) {
        text::note_text(chinese_name(static_cast<Status>(k)));
        text::note_text(chinese_name(static_cast<LandUse>(k)));
    }
    for (int k = 0; k < 4; ++k) {
        text::note_text(chinese_name(static_cast<ParkLevel>(k)));
        text::note_text(chinese_name(static_cast<ShoreZone>(k)));
    }
    for (const auto& c : allocate::kRefusalCatalogue) text::note_text(c.title_zh);
    for (const auto& c : allocate::kUnplacedCatalogue) text::note_text(c.title_zh);
    for (const auto& c : allocate::kSiteKindCatalogue) text::note_text(c.title_zh);
    if (s.has_plan)
        for (std::size_t j = 0; j < s.plan.refusals.size(); ++j)
            for (const auto& r : s.plan.refusals[j]) text::note_text(allocate::reason_zh(r, city, j));
    s.park_parts = carto::park_land_parts(city, s.audit);
    for (std::size_t d = 0; d < city.districts.size(); ++d) text::note_text(carto::district_name(city, s.rules, static_cast<uint32_t>(d)).text);
    s.park_triangles.clear();
    for (std::size_t p = 0; p < city.parks.size(); ++p) s.park_triangles.push_back(geom::triangulate_feature(city.park_geometry, p));
    for (const auto& p : city.projects) text::note_text(p.name);
    rebuild_flows(s);
}

void rebuild_flows(Scene& s) {
    s.flows.clear();
    ++s.flows_generation;
    if (!s.has_plan) return;
    for (auto& f : carto::aggregate_flows(carto::flow_items(s.city, s.plan), s.rules.map.flow_fold_below_mu)) {
        Flow flow;
        // Colour by the sector that takes most of the flow's land.
        std::array<double, kSectorCount> area{};
        for (uint32_t j : f.projects)
            if (const auto idx = s.plan.state.placement_of[j])
                area[static_cast<std::size_t>(industry_sector(s.city.projects[j].industry))] += s.plan.state.placements[*idx].area_mu;
        flow.sector = static_cast<int>(std::max_element(area.begin(), area.end()) - area.begin());
        flow.colour = sector_colour(flow.sector);
        if (f.folded()) {
            // Folded origins: their centres weighted by the land each brings.
            double w = 0, x = 0, y = 0;
            for (uint32_t j : f.projects)
                if (const auto idx = s.plan.state.placement_of[j]) {
                    const geom::Point c = s.district_centre[s.city.projects[j].origin];
                    const double a = s.plan.state.placements[*idx].area_mu;
                    if (std::isnan(c.x)) continue;
                    x += c.x * a, y += c.y * a, w += a;
                }
            flow.from = w > 0 ? geom::Point{x / w, y / w} : s.park_anchor[f.park];
        } else {
            flow.from = s.district_centre[f.origin];
        }
        flow.to = s.park_anchor[f.park];
        flow.engine = std::move(f);
        s.flows.push_back(std::move(flow));
    }
}

int32_t find_project(const Scene& s, std::string_view id) {
    if (auto j = s.city.find_project(id)) return static_cast<int32_t>(*j);
    return -1;
}

int32_t find_park(const Scene& s, std::string_view id) {
    if (auto p = s.city.find_park(id)) return static_cast<int32_t>(*p);
    return -1;
}

int32_t find_site(const Scene& s, std::string_view id) {
    for (std::size_t k = 0; k < s.plan.sites.size(); ++k)
        if (s.plan.sites[k].site_id == id) return static_cast<int32_t>(k);
    return -1;
}

Headline headline(const Scene& s) {
    Headline h;
    h.idle_m2 = s.audit.city.idle_m2;
    h.reclaimable_m2 = s.audit.city.reclaimable_m2;
    h.approved_unsupplied_m2 = s.audit.city.flag_area_m2[static_cast<int>(audit::FlagCode::ApprovedUnsupplied)];
    h.projects = static_cast<uint32_t>(s.city.projects.size());
    if (s.since) {
        h.since = s.since->before.as_of.iso();
        h.disposed_mu = s.since->disposed_mu;
        const monitor::PlaceDisposal& city = s.since->progress.places.front();
        h.approved_rate = city.by_kind[static_cast<std::size_t>(monitor::StockKind::ApprovedUnsupplied)].rate();
        h.idle_rate = city.by_kind[static_cast<std::size_t>(monitor::StockKind::Idle)].rate();
    }
    if (!s.has_plan) return h;
    for (const auto& row : s.plan.state.ledger) {
        h.quota_used_mu += row.consumed_mu;
        h.quota_left_mu += row.remaining_mu();
        h.quota_total_mu += row.available_mu();
        h.stock_used_mu += row.stock_used_mu;
    }
    for (const auto& pl : s.plan.state.placements) {
        ++h.placed;
        h.placed_mu += pl.area_mu;
        if (pl.enclave) ++h.enclave;
    }
    for (const auto& r : s.plan.refusals) h.refused += r.empty() ? 0 : 1;
    h.flows = static_cast<uint32_t>(s.flows.size());
    return h;
}

}  // namespace parkcap::viewer
