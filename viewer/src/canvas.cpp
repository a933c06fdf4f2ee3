#include "canvas.hpp"

#include <algorithm>
#include <cmath>

#include <GLFW/glfw3.h>
#include <fmt/format.h>
#include <imgui_internal.h>

#include "city_layer.hpp"
#include "editing.hpp"
#include "parkcap/carto/flows.hpp"
#include "parkcap/core/units.hpp"
#include "scene.hpp"
#include "styling.hpp"
#include "text.hpp"

namespace parkcap::viewer {

using text::tr;

namespace {

void parcel_callback(const ImDrawList*, const ImDrawCmd* cmd) {
    auto* app = static_cast<AppState*>(cmd->UserCallbackData);
    const ImDrawData* dd = ImGui::GetDrawData();
    ParcelDrawParams p = app->parcel_pass;
    p.framebuffer_height = static_cast<int>(std::lround(dd->DisplaySize.y * dd->FramebufferScale.y));
    p.framebuffer_scale = dd->FramebufferScale.x;
    app->renderer.probe = app->probe.on;
    draw_parcels(app->renderer, p);
    if (app->probe.on) {
        app->probe.mark(FramePart::Parcels);
        app->probe.move(FramePart::Parcels, FramePart::TilesNew, app->renderer.last_update_ms);
    }
}

bool box_on_screen(const MapView& v, const geom::Box& b) {
    const geom::Box vis = v.visible_box();
    return !(b.max_x < vis.min_x || b.min_x > vis.max_x || b.max_y < vis.min_y || b.min_y > vis.max_y);
}

/// Screen polyline of every ring of a feature.
void draw_feature_outline(ImDrawList* dl, const MapView& v, const geom::MultiPolygonColumn& col, std::size_t f,
                          ImU32 colour, float thickness) {
    // A whole-pixel width lets ImGui draw the line from its baked line texture,
    // two triangles a segment instead of six (a fractional width is tessellated
    // with its fringes): under llvmpipe those slivers were most of what the
    // district and park outlines cost at city scale.
    thickness = std::max(1.0f, std::round(thickness));
    static std::vector<ImVec2> pts;
    for (std::size_t k = 0; k < col.polygon_count(f); ++k)
        for (std::size_t r = col.ring_begin(f, k); r < col.ring_end(f, k); ++r) {
            const auto ring = col.ring(r);
            pts.clear();
            for (const auto& p : ring) {
                const ImVec2 s = v.to_screen(p);
                // Vertices within a pixel of the last kept one add segments, not shape:
                // at city scale a district's or park's ring shrinks to a few dozen.
                if (pts.empty() || std::fabs(s.x - pts.back().x) + std::fabs(s.y - pts.back().y) > 1.0f) pts.push_back(s);
            }
            if (pts.size() >= 2) dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), colour, ImDrawFlags_Closed, thickness);
        }
}

std::string distance_text(double m) {
    if (m >= 1000) return fmt::format("{:g} km", m / 1000);
    return fmt::format("{:g} m", m);
}

void draw_scale_bar(ImDrawList* dl, const AppState& app, ImVec2 at) {
    const float sc = app.ui.ui_scale;
    const double target_m = 160.0 * sc / app.view.px_per_m;
    const double p10 = std::pow(10.0, std::floor(std::log10(target_m)));
    double m = p10;
    for (double f : {5.0, 2.0, 1.0})
        if (f * p10 <= target_m) {
            m = f * p10;
            break;
        }
    const float len = static_cast<float>(m * app.view.px_per_m);
    const float h = 7 * sc;
    dl->AddRectFilled({at.x - 6 * sc, at.y - 24 * sc}, {at.x + len + 40 * sc, at.y + h + 6 * sc}, IM_COL32(255, 255, 255, 200),
                      4 * sc);
    for (int i = 0; i < 4; ++i)
        dl->AddRectFilled({at.x + len * i / 4, at.y}, {at.x + len * (i + 1) / 4, at.y + h},
                          i % 2 ? IM_COL32(255, 255, 255, 255) : IM_COL32(30, 30, 30, 255));
    dl->AddRect({at.x, at.y}, {at.x + len, at.y + h}, IM_COL32(30, 30, 30, 255));
    ImFont* font = app.fonts.ui;
    const float fs = font->FontSize;
    dl->AddText(font, fs, {at.x - 3, at.y - fs - 3}, IM_COL32(30, 30, 30, 255), "0");
    const std::string label = distance_text(m);
    dl->AddText(font, fs, {at.x + len - font->CalcTextSizeA(fs, FLT_MAX, 0, label.c_str()).x / 2, at.y - fs - 3},
                IM_COL32(30, 30, 30, 255), label.c_str());
}

void draw_north_arrow(ImDrawList* dl, const AppState& app, ImVec2 c) {
    const float sc = app.ui.ui_scale;
    const double g = app.scene->grid_convergence_rad;
    const ImVec2 up(static_cast<float>(-std::sin(g)), static_cast<float>(-std::cos(g)));  // true north on screen
    const ImVec2 side(-up.y, up.x);
    const float r = 22 * sc;
    dl->AddCircleFilled(c, r + 8 * sc, IM_COL32(255, 255, 255, 210));
    const ImVec2 tip(c.x + up.x * r, c.y + up.y * r), tail(c.x - up.x * r * 0.7f, c.y - up.y * r * 0.7f);
    const ImVec2 l(tail.x + side.x * r * 0.55f, tail.y + side.y * r * 0.55f), rr(tail.x - side.x * r * 0.55f, tail.y - side.y * r * 0.55f);
    dl->AddTriangleFilled(tip, l, c, IM_COL32(30, 30, 30, 255));
    dl->AddTriangleFilled(tip, c, rr, IM_COL32(140, 140, 140, 255));
    dl->AddTriangle(tip, l, rr, IM_COL32(30, 30, 30, 255), 1.2f * sc);
    const char* n = tr("N", "北");
    ImFont* font = app.fonts.ui;
    const ImVec2 ext = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, n);
    dl->AddText(font, font->FontSize, {c.x - ext.x / 2, c.y + r * 0.75f + 4 * sc}, IM_COL32(30, 30, 30, 255), n);
}

/// Shoreline coloured by zone; port-suitable stretches get perpendicular ticks.
void draw_shoreline(ImDrawList* dl, const AppState& app) {
    const Scene& s = *app.scene;
    const float sc = app.ui.ui_scale;
    std::vector<ImVec2> pts;
    for (const auto& seg : s.city.shoreline) {
        if (!box_on_screen(app.view, seg.bounds)) continue;
        const ImU32 col = shore_zone_colour(seg.zone);
        for (const auto& part : seg.parts) {
            pts.clear();
            for (const auto& p : part) pts.push_back(app.view.to_screen(p));
            if (pts.size() < 2) continue;
            dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), IM_COL32(255, 255, 255, 220), 0, 7 * sc);
            dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), col, 0, 4 * sc);
            if (!seg.port) continue;
            // Ticks every 28 px along the line.
            float carry = 0;
            for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
                const ImVec2 a = pts[i], b = pts[i + 1];
                const float len = std::hypot(b.x - a.x, b.y - a.y);
                if (len < 1e-3f) continue;
                const ImVec2 d((b.x - a.x) / len, (b.y - a.y) / len), n(-d.y, d.x);
                for (float t = 28 * sc - carry; t < len; t += 28 * sc) {
                    const ImVec2 c(a.x + d.x * t, a.y + d.y * t);
                    dl->AddLine({c.x - n.x * 8 * sc, c.y - n.y * 8 * sc}, {c.x + n.x * 8 * sc, c.y + n.y * 8 * sc},
                                IM_COL32(13, 27, 42, 255), 2.5f * sc);
                }
                carry = std::fmod(carry + len, 28 * sc);
            }
        }
    }
}

void draw_selection_outlines(ImDrawList* dl, AppState& app) {
    const Scene& s = *app.scene;
    const float sc = app.ui.ui_scale;
    const Selection& sel = app.selection;
    const auto& geometry = s.city.parcels.geometry;
    if (s.has_plan && sel.site >= 0 && static_cast<std::size_t>(sel.site) < s.site_outline.size()) {
        // The site's outline: the engine's union of its parcels.
        draw_feature_outline(dl, app.view, s.site_outline, static_cast<std::size_t>(sel.site), IM_COL32(20, 20, 20, 255), 5 * sc);
        draw_feature_outline(dl, app.view, s.site_outline, static_cast<std::size_t>(sel.site), IM_COL32(255, 214, 10, 255), 3 * sc);
    }
    if (sel.parcel >= 0) {
        draw_feature_outline(dl, app.view, geometry, static_cast<std::size_t>(sel.parcel), IM_COL32(20, 20, 20, 255), 4 * sc);
        draw_feature_outline(dl, app.view, geometry, static_cast<std::size_t>(sel.parcel), IM_COL32(255, 240, 60, 255), 2 * sc);
    }
    if (sel.park >= 0 && sel.parcel < 0)
        draw_feature_outline(dl, app.view, s.city.park_geometry, static_cast<std::size_t>(sel.park),
                             IM_COL32(255, 200, 0, 255), 4 * sc);
}

void hover_tooltip(AppState& app) {
    const Scene& s = *app.scene;
    const int32_t i = app.selection.hover_parcel;
    const int32_t park = app.selection.hover_park;
    if (i < 0 && park < 0) return;
    ImGui::BeginTooltip();
    if (i >= 0) {
        const ParcelTable& t = s.city.parcels;
        const std::size_t k = static_cast<std::size_t>(i);
        const bool zh = text::language() == Lang::Zh;
        ImGui::Text("%s %s", tr("Parcel", "地块"), std::string(t.parcel_id[k]).c_str());
        ImGui::Text("%s: %s · %s · %s", tr("Status", "状态"), zh ? chinese_name(t.status[k]) : to_string(t.status[k]),
                    zh ? chinese_name(t.land_use[k]) : to_string(t.land_use[k]), text::area_mu(t.area_m2[k], 1).c_str());
        for (const auto& f : s.audit.flags_of(k)) {
            ImGui::ColorButton("##f", ImGui::ColorConvertU32ToFloat4(flag_colour(f.code)), ImGuiColorEditFlags_NoTooltip,
                               {10, 10});
            ImGui::SameLine();
            ImGui::TextUnformatted(zh ? audit::flag_title_zh(f.code) : audit::flag_title_en(f.code));
        }
        if (s.site_of_parcel[k] >= 0) {
            const auto site = static_cast<std::size_t>(s.site_of_parcel[k]);
            ImGui::Text("%s %s (%.1f / %.1f %s)", tr("Site", "可供场地"), s.plan.sites[site].site_id.c_str(),
                        s.plan.state.site_taken_mu[site], s.plan.sites[site].area_mu, tr("mu used", "亩已用"));
        }
    }
    if (park >= 0) {
        const Park& p = s.city.parks[static_cast<std::size_t>(park)];
        ImGui::Text("%s %s %s", tr("Park", "园区"), p.park_id.c_str(), p.name.c_str());
    }
    if (app.selection.siting_armed && app.selection.project >= 0)
        ImGui::TextColored({0.1f, 0.5f, 0.2f, 1}, "%s", tr("Click to place the selected project here", "单击将所选项目落在此处"));
    ImGui::EndTooltip();
}

void handle_input(AppState& app, bool hovered, bool active) {
    ImGuiIO& io = ImGui::GetIO();
    MapView& v = app.view;
    const geom::Point centre_before = v.target_centre;
    const double scale_before = v.target_px_per_m;
    struct Moved {  // on every return: whether this frame's input moved the view
        AppState& app;
        const geom::Point& c;
        const double& s;
        ~Moved() {
            if (app.view.target_centre.x != c.x || app.view.target_centre.y != c.y || app.view.target_px_per_m != s)
                app.view_moved = true;
        }
    } moved{app, centre_before, scale_before};
    const ImVec2 mouse = io.MousePos;
    if (hovered && io.MouseWheel != 0) {
        const double f = std::pow(1.3, io.MouseWheel);
        const geom::Point m = v.to_world(mouse);
        // Zoom about the cursor: the point under it stays put.
        const double s_new = std::clamp(v.target_px_per_m * f, 1e-5, 200.0);
        const double k = v.target_px_per_m / s_new;
        v.target_centre = {m.x + (v.target_centre.x - m.x) * k, m.y + (v.target_centre.y - m.y) * k};
        v.target_px_per_m = s_new;
    }
    if (active) {
        for (int b = 0; b < 3; ++b)
            if (ImGui::IsMouseDragging(b, 3.0f)) {
                const ImVec2 d = io.MouseDelta;
                v.centre.x -= d.x / v.px_per_m;
                v.centre.y += d.y / v.px_per_m;
                v.target_centre.x -= d.x / v.target_px_per_m;
                v.target_centre.y += d.y / v.target_px_per_m;
            }
    }
    if (hovered && ImGui::IsMouseReleased(ImGuiMouseButton_Left) && io.MouseDragMaxDistanceSqr[0] < 9.0f)
        click_map(app, v.to_world(mouse));
    if (hovered && ImGui::IsMouseReleased(ImGuiMouseButton_Right) && io.MouseDragMaxDistanceSqr[1] < 9.0f)
        app.selection.siting_armed = false;

    if (io.WantTextInput) return;
    const double pan = 0.8 * v.width() / v.px_per_m * io.DeltaTime;
    if (ImGui::IsKeyDown(GLFW_KEY_LEFT) || ImGui::IsKeyDown(GLFW_KEY_A)) v.target_centre.x -= pan;
    if (ImGui::IsKeyDown(GLFW_KEY_RIGHT) || ImGui::IsKeyDown(GLFW_KEY_D)) v.target_centre.x += pan;
    if (ImGui::IsKeyDown(GLFW_KEY_UP) || ImGui::IsKeyDown(GLFW_KEY_W)) v.target_centre.y += pan;
    if (ImGui::IsKeyDown(GLFW_KEY_DOWN) || (ImGui::IsKeyDown(GLFW_KEY_S) && !io.KeyCtrl)) v.target_centre.y -= pan;
    if (ImGui::IsKeyPressed(GLFW_KEY_EQUAL) || ImGui::IsKeyPressed(GLFW_KEY_KP_ADD) || ImGui::IsKeyPressed(GLFW_KEY_PAGE_UP))
        v.target_px_per_m = std::min(200.0, v.target_px_per_m * 1.5);
    if (ImGui::IsKeyPressed(GLFW_KEY_MINUS) || ImGui::IsKeyPressed(GLFW_KEY_KP_SUBTRACT) ||
        ImGui::IsKeyPressed(GLFW_KEY_PAGE_DOWN))
        v.target_px_per_m = std::max(1e-5, v.target_px_per_m / 1.5);
    if (ImGui::IsKeyPressed(GLFW_KEY_HOME, false)) zoom_to_box(app, home_box(app));
    if (ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false)) {
        if (app.selection.siting_armed) app.selection.siting_armed = false;
        else clear_selection(app);
    }
}

void glide(AppState& app) {
    MapView& v = app.view;
    if (app.offscreen) {
        v.centre = v.target_centre;
        v.px_per_m = v.target_px_per_m;
        return;
    }
    const double k = 1.0 - std::exp(-ImGui::GetIO().DeltaTime * 14.0);
    v.centre.x += (v.target_centre.x - v.centre.x) * k;
    v.centre.y += (v.target_centre.y - v.centre.y) * k;
    v.px_per_m = std::exp(std::log(v.px_per_m) + (std::log(v.target_px_per_m) - std::log(v.px_per_m)) * k);
    if (std::fabs(std::log(v.px_per_m / v.target_px_per_m)) < 1e-4) v.px_per_m = v.target_px_per_m;
}

}  // namespace

ImVec2 flow_control_point(ImVec2 a, ImVec2 b) {
    const geom::Point c = carto::arc_control({{a.x, a.y}, {b.x, b.y}}, carto::ArcLayoutOptions{}.default_bend);
    return {static_cast<float>(c.x), static_cast<float>(c.y)};
}

geom::Box city_box(const Scene& s) { return city_box(s.city.extent); }

geom::Box home_box(const AppState& app) {
    if (app.scene) return city_box(*app.scene);
    return city_box(app.first_map ? app.first_map->extent : geom::Box::empty());
}

geom::Box city_box(const geom::Box& extent) {
    geom::Box b = extent;
    if (b.is_empty()) b = {0, 0, 1000, 1000};
    const double pad = 0.04 * std::max(b.max_x - b.min_x, b.max_y - b.min_y);
    return {b.min_x - pad, b.min_y - pad, b.max_x + pad, b.max_y + pad};
}

std::optional<geom::Box> box_for_view(AppState& app, const ViewRequest& view) {
    const Scene& s = *app.scene;
    switch (view.kind) {
    case ViewRequest::Kind::City: return city_box(s);
    case ViewRequest::Kind::Box: return view.box;
    case ViewRequest::Kind::Park: {
        const int32_t p = find_park(s, view.id);
        if (p < 0) break;
        const geom::Box b = s.city.parks[static_cast<std::size_t>(p)].bounds;
        const double pad = 0.12 * std::max(b.max_x - b.min_x, b.max_y - b.min_y);
        return geom::Box{b.min_x - pad, b.min_y - pad, b.max_x + pad, b.max_y + pad};
    }
    case ViewRequest::Kind::Project: {
        const int32_t j = find_project(s, view.id);
        if (j < 0 || !s.has_plan) break;
        const auto idx = s.plan.state.placement_of[static_cast<std::size_t>(j)];
        geom::Box b = geom::Box::empty();
        const geom::Point o = s.district_centre[s.city.projects[static_cast<std::size_t>(j)].origin];
        if (!std::isnan(o.x)) b.expand({o.x, o.y, o.x, o.y});
        if (idx)
            for (uint32_t p : s.plan.sites[s.plan.state.placements[*idx].site].parcels) b.expand(s.city.parcels.geometry.bounds(p));
        if (b.is_empty()) break;
        // Not placed: the origin alone, with room around it.
        const double pad = idx ? std::max(300.0, 0.15 * std::max(b.max_x - b.min_x, b.max_y - b.min_y)) : 3000.0;
        return geom::Box{b.min_x - pad, b.min_y - pad, b.max_x + pad, b.max_y + pad};
    }
    }
    set_status(app, fmt::format("--view: no {} '{}' in the data", view.kind == ViewRequest::Kind::Park ? "park" : "placed project",
                                view.id),
               true);
    return std::nullopt;
}

void refresh_parcel_buffers(AppState& app) {
    if (!app.scene) return;
    const Scene& s = *app.scene;
    if (app.style.colours_dirty) {
        upload_parcel_colours(app.renderer, parcel_colours(s, app.style.colour_by));
        app.style.colours_dirty = false;
    }
    // State bits change with the plan, the selection and the hover.
    if (!app.style.states_dirty) return;
    const std::size_t n = s.city.parcels.size();
    std::vector<uint8_t> bits(n, 0);
    if (s.has_plan && app.style.show.sites) {
        for (std::size_t k = 0; k < s.plan.sites.size(); ++k) {
            const bool used = s.plan.state.site_taken_mu[k] > 1e-9;
            for (uint32_t p : s.plan.sites[k].parcels) bits[p] |= used ? kStateAllocated : kStateSite;
        }
    }
    if (s.has_plan && app.selection.site >= 0)
        for (uint32_t p : s.plan.sites[static_cast<std::size_t>(app.selection.site)].parcels) bits[p] |= kStateSelected;
    if (app.selection.parcel >= 0) bits[static_cast<std::size_t>(app.selection.parcel)] |= kStateSelected;
    if (app.selection.hover_parcel >= 0 && !app.offscreen) bits[static_cast<std::size_t>(app.selection.hover_parcel)] |= kStateHover;
    if (bits != app.parcel_states) {
        // Only the allocation bits are in the cached raster; selection and hover are not.
        bool raster_affected = bits.size() != app.parcel_states.size();
        for (std::size_t i = 0; !raster_affected && i < n; ++i)
            raster_affected = ((bits[i] ^ app.parcel_states[i]) & (kStateAllocated | kStateSite)) != 0;
        upload_parcel_states(app.renderer, bits, raster_affected);
        app.parcel_states = std::move(bits);
    }
    app.style.states_dirty = false;
}

ImVec2 draw_legend_box(AppState& app, ImDrawList* dl, ImVec2 pos, bool measure_only, int columns) {
    const Scene& s = *app.scene;
    const float sc = app.ui.ui_scale;
    ImFont* font = app.fonts.ui;
    const float fs = font->FontSize, row = fs + 5 * sc, sw = fs * 1.1f, pad = 10 * sc;
    struct Row {
        ImU32 colour;
        std::string label;
        int kind;  // 0 swatch, 1 line, 2 ticks, 3 hatch, 4 dots, 5 heading
    };
    std::vector<Row> rows;
    std::string mode_title = app.style.colour_by == ColourBy::Status  ? tr("Land status", "土地状态")
                             : app.style.colour_by == ColourBy::Flag  ? tr("Audit findings", "清查问题")
                             : app.style.colour_by == ColourBy::Changes ? tr("Changes since", "变化，自")
                                                                        : tr("Mu-efficiency class", "亩均效益分类");
    if (app.style.colour_by == ColourBy::Changes && s.since) mode_title += " " + s.since->before.as_of.iso();
    rows.push_back({0, mode_title, 5});
    for (const auto& e : legend(s, app.style.colour_by, app.ui.lang)) {
        if (e.parcels == 0 && e.key != "NONE") continue;
        rows.push_back({e.colour, fmt::format("{}  {}", e.label, text::area_mu(e.area_m2)), 0});
    }
    if (app.style.show.shoreline && !s.city.shoreline.empty()) {
        rows.push_back({0, tr("Shoreline zones", "岸线功能区"), 5});
        for (int z = 0; z < 4; ++z) {
            bool present = false;
            for (const auto& seg : s.city.shoreline) present |= static_cast<int>(seg.zone) == z;
            if (present)
                rows.push_back({shore_zone_colour(static_cast<ShoreZone>(z)),
                                app.ui.lang == Lang::Zh ? chinese_name(static_cast<ShoreZone>(z))
                                                        : to_string(static_cast<ShoreZone>(z)),
                                1});
        }
        rows.push_back({IM_COL32(13, 27, 42, 255), tr("port-suitable stretch", "宜港岸线"), 2});
    }
    if (s.has_plan && app.style.show.sites) {
        rows.push_back({0, tr("Allocation", "项目落地"), 5});
        rows.push_back({rgb(0x053a1f), tr("site used by a placement", "已安排项目的场地"), 3});
        rows.push_back({rgb(0x0d5a33), tr("available site land", "可供场地"), 4});
    }
    if (parks_as_symbols(app)) {
        rows.push_back({0, tr("Park land (symbol sized by area)", "园区用地构成（符号大小示面积）"), 5});
        for (std::size_t k = 0; k < carto::kLandPartCount; ++k) {
            const auto part = static_cast<carto::LandPart>(k);
            double m2 = 0;
            for (const auto& parts : s.park_parts) m2 += parts[part];
            rows.push_back({land_part_colour(part),
                            fmt::format("{}  {}", app.ui.lang == Lang::Zh ? carto::land_part_title_zh(part) : carto::land_part_title_en(part),
                                        text::area_mu(m2)),
                            0});
        }
    }
    if (s.has_plan && app.style.show.flows && !s.flows.empty()) {
        rows.push_back({0, tr("Enclave flows (main industry)", "飞地项目流向（主导产业）"), 5});
        for (int k = 0; k < kSectorCount; ++k) {
            bool present = false;
            for (const auto& f : s.flows) present |= f.sector == k;
            if (present) rows.push_back({sector_colour(k), sector_name(k, app.ui.lang), 1});
        }
    }
    // Columns of about equal length; a heading moves to the next column with its rows.
    const std::size_t per = (rows.size() + static_cast<std::size_t>(std::max(columns, 1)) - 1) /
                            static_cast<std::size_t>(std::max(columns, 1));
    std::vector<std::pair<std::size_t, std::size_t>> spans;  // [first, end) rows of each column
    for (std::size_t i = 0; i < rows.size();) {
        std::size_t end = std::min(rows.size(), i + std::max<std::size_t>(per, 1));
        while (end < rows.size() && end > i + 1 && rows[end - 1].kind == 5) --end;
        spans.emplace_back(i, end);
        i = end;
    }
    const float gap = 16 * sc;
    std::vector<float> widths;
    std::size_t longest = 0;
    for (const auto& [first, end] : spans) {
        float w = 0;
        for (std::size_t i = first; i < end; ++i) {
            need_glyphs(app.fonts, FontRole::Ui, rows[i].label);
            w = std::max(w, font->CalcTextSizeA(fs, FLT_MAX, 0, rows[i].label.c_str()).x + (rows[i].kind == 5 ? 0 : sw + 8 * sc));
        }
        widths.push_back(w);
        longest = std::max(longest, end - first);
    }
    float width = 0;
    for (const float w : widths) width += w;
    width += gap * static_cast<float>(spans.empty() ? 0 : spans.size() - 1);
    const ImVec2 size(width + 2 * pad, longest * row + 2 * pad);
    if (measure_only) return size;
    dl->AddRectFilled(pos, {pos.x + size.x, pos.y + size.y}, IM_COL32(255, 255, 255, 225), 6 * sc);
    dl->AddRect(pos, {pos.x + size.x, pos.y + size.y}, IM_COL32(120, 120, 120, 160), 6 * sc);
    float column_x = pos.x + pad;
    for (std::size_t c = 0; c < spans.size(); ++c) {
        float y = pos.y + pad;
        for (std::size_t i = spans[c].first; i < spans[c].second; ++i) {
            const auto& r = rows[i];
            const float x = column_x;
            const ImVec2 a(x, y + (row - sw) / 2), b(x + sw, y + (row - sw) / 2 + sw);
            switch (r.kind) {
            case 0: dl->AddRectFilled(a, b, r.colour); dl->AddRect(a, b, IM_COL32(90, 90, 90, 180)); break;
            case 1: dl->AddLine({a.x, (a.y + b.y) / 2}, {b.x, (a.y + b.y) / 2}, r.colour, 4 * sc); break;
            case 2:
                dl->AddLine({a.x, (a.y + b.y) / 2}, {b.x, (a.y + b.y) / 2}, shore_zone_colour(ShoreZone::Develop), 4 * sc);
                for (float t : {0.3f, 0.7f})
                    dl->AddLine({a.x + sw * t, a.y}, {a.x + sw * t, b.y}, r.colour, 2.5f * sc);
                break;
            case 3:
                dl->AddRectFilled(a, b, kNoDataFill);
                dl->PushClipRect(a, b, true);
                for (float t = -sw; t < sw; t += 9 * sc) dl->AddLine({a.x + t, b.y}, {a.x + t + sw, a.y}, r.colour, 2.5f * sc);
                dl->PopClipRect();
                dl->AddRect(a, b, IM_COL32(90, 90, 90, 180));
                break;
            case 4:
                dl->AddRectFilled(a, b, kNoDataFill);
                for (float px = 2; px < sw; px += 6 * sc)
                    for (float py = 2; py < sw; py += 6 * sc) dl->AddRectFilled({a.x + px, a.y + py}, {a.x + px + 2 * sc, a.y + py + 2 * sc}, r.colour);
                dl->AddRect(a, b, IM_COL32(90, 90, 90, 180));
                break;
            default: break;
            }
            const float tx = r.kind == 5 ? x : x + sw + 8 * sc;
            dl->AddText(font, fs, {tx, y + (row - fs) / 2}, r.kind == 5 ? IM_COL32(20, 40, 80, 255) : IM_COL32(25, 25, 25, 255),
                        r.label.c_str());
            y += row;
        }
        column_x += widths[c] + gap;
    }
    app.layout.legend_rect = {pos.x, pos.y, pos.x + size.x, pos.y + size.y};
    return size;
}

ImVec2 draw_ranking_box(AppState& app, ImDrawList* dl, ImVec2 pos, bool measure_only) {
    const Scene& s = *app.scene;
    const float sc = app.ui.ui_scale;
    ImFont* font = app.fonts.ui;
    const float fs = font->FontSize, row = fs + 5 * sc, pad = 10 * sc;
    std::vector<std::pair<std::string, bool>> rows;  // text, heading
    rows.push_back({tr("Park ranking (TD/T 1029 score)", "园区集约利用评价排名"), true});
    for (evaluate::ParkType type : {evaluate::ParkType::Industrial, evaluate::ParkType::Integrated}) {
        std::vector<const evaluate::PlaceEvaluation*> parks;
        for (const auto& e : s.evaluation.parks)
            if (e.type == type && e.rank > 0) parks.push_back(&e);
        if (parks.empty()) continue;
        std::stable_sort(parks.begin(), parks.end(), [](auto* a, auto* b) { return a->rank < b->rank; });
        rows.push_back({app.ui.lang == Lang::Zh ? std::string(evaluate::kParkTypeTitles[static_cast<std::size_t>(type)])
                                                : std::string(evaluate::kParkTypeNames[static_cast<std::size_t>(type)]),
                        true});
        for (const auto* e : parks)
            rows.push_back({fmt::format("{}. {}  {}", e->rank, e->name, text::number(e->score, 1)), false});
    }
    float width = 0;
    for (const auto& [label, heading] : rows) {
        need_glyphs(app.fonts, FontRole::Ui, label);
        width = std::max(width, font->CalcTextSizeA(fs, FLT_MAX, 0, label.c_str()).x);
    }
    const ImVec2 size(width + 2 * pad, rows.size() * row + 2 * pad);
    if (measure_only || rows.size() == 1) return rows.size() == 1 ? ImVec2(0, 0) : size;
    dl->AddRectFilled(pos, {pos.x + size.x, pos.y + size.y}, IM_COL32(255, 255, 255, 225), 6 * sc);
    dl->AddRect(pos, {pos.x + size.x, pos.y + size.y}, IM_COL32(120, 120, 120, 160), 6 * sc);
    float y = pos.y + pad;
    for (const auto& [label, heading] : rows) {
        dl->AddText(font, fs, {pos.x + pad, y + (row - fs) / 2}, heading ? IM_COL32(20, 40, 80, 255) : IM_COL32(25, 25, 25, 255),
                    label.c_str());
        y += row;
    }
    app.layout.ranking_rect = {pos.x, pos.y, pos.x + size.x, pos.y + size.y};
    return size;
}

namespace {
/// The map's rectangle snapped to whole pixels and given to the view, with a
/// pending fit applied (or, the first time, the fit to the whole city): what the
/// first map and the full map share. False when there is no room to draw.
bool place_map(AppState& app, ImVec2& pos, ImVec2& size) {
    MapView& v = app.view;
    pos = {std::floor(pos.x), std::floor(pos.y)};
    size = {std::floor(size.x), std::floor(size.y)};
    if (size.x < 2 || size.y < 2) return false;
    v.x0 = pos.x;
    v.y0 = pos.y;
    v.x1 = pos.x + size.x;
    v.y1 = pos.y + size.y;
    if (app.fit_pending) {
        zoom_to_box(app, *app.fit_pending, false);
        app.fit_pending.reset();
        v.initialised = true;
    }
    if (!v.initialised) {
        zoom_to_box(app, home_box(app), false);
        v.initialised = true;
    }
    return true;
}

/// The parcel layer's pass for this frame, from the view and the style's switches;
/// `tile_budget_primitives` is how much new tile drawing a frame may take. On screen
/// a frame draws a bounded share of new map tiles; a capture waits for all.
void set_parcel_pass(AppState& app, uint64_t tile_budget_primitives) {
    ParcelDrawParams& pass = app.parcel_pass;
    pass.view = app.view;
    pass.fills = app.style.show.parcels;
    pass.outlines = app.style.show.outlines && app.style.show.parcels;
    pass.tints = app.style.show.parks;
    pass.opacity = app.style.fill_opacity;
    pass.progressive = !app.offscreen || app.benchmarking;
    pass.tile_budget_primitives = tile_budget_primitives;
}
}  // namespace

void draw_map(AppState& app, ImVec2 pos, ImVec2 size, bool interactive) {
    MapView& v = app.view;
    if (!place_map(app, pos, size)) return;

    ImGui::SetCursorScreenPos(pos);
    ImGui::InvisibleButton("##map", size,
                           ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight | ImGuiButtonFlags_MouseButtonMiddle);
    const bool hovered = interactive && !app.offscreen && ImGui::IsItemHovered();
    const bool active = interactive && !app.offscreen && ImGui::IsItemActive();
    if (interactive && !app.offscreen) handle_input(app, hovered, active);
    glide(app);

    // Hover: what is under the cursor.
    const int32_t old_hover = app.selection.hover_parcel;
    app.selection.hover_parcel = app.selection.hover_park = -1;
    if (hovered && !ImGui::IsMouseDragging(0)) {
        const geom::Point m = v.to_world(ImGui::GetIO().MousePos);
        app.selection.hover_parcel = parcel_at(app, m);
        app.selection.hover_park = park_at(app, m);
    }
    if (old_hover != app.selection.hover_parcel) app.style.states_dirty = true;
    refresh_parcel_buffers(app);

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p1(v.x1, v.y1);
    dl->PushClipRect(pos, p1, true);
    add_probe_mark(dl, app.probe, FramePart::Panels);
    // The framebuffer is cleared to kMapBackground: no background quad (fill rate matters on software OpenGL).
    const Scene& s = *app.scene;
    const float sc = app.ui.ui_scale;

    set_parcel_pass(app, ParcelDrawParams{}.tile_budget_primitives);
    // Where the parcels come from the tiles, the parks' tint is in them.
    const bool tints_in_tiles = app.parcel_pass.tints && uses_tiles(app.renderer, app.parcel_pass);

    const ImDrawListFlags dl_flags = dl->Flags;
    dl->Flags &= ~ImDrawListFlags_AntiAliasedFill;  // no seams between a park's triangles
    if (app.style.show.parks && !tints_in_tiles)  // a light tint under the parcels shows each park's extent
        for (std::size_t p = 0; p < s.park_triangles.size(); ++p) {
            if (!box_on_screen(v, s.city.parks[p].bounds)) continue;
            const auto& t = s.park_triangles[p];
            for (std::size_t i = 0; i + 2 < t.size(); i += 3) {
                const ImVec2 a = v.to_screen(t[i]), b = v.to_screen(t[i + 1]), c = v.to_screen(t[i + 2]);
                dl->AddTriangleFilled(a, b, c, kParkFill);
            }
        }
    dl->Flags = dl_flags;
    add_probe_mark(dl, app.probe, FramePart::ParkTints);
    if (app.parcel_pass.fills || app.parcel_pass.outlines) {
        dl->AddCallback(parcel_callback, &app);
        dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
    }

    if (app.style.show.districts)
        for (std::size_t d = 0; d < s.city.districts.size(); ++d)
            if (s.city.districts[d].has_boundary && d < s.city.district_geometry.size())
                draw_feature_outline(dl, v, s.city.district_geometry, d, kDistrictOutline, 1.5f * sc);
    if (app.style.show.parks)
        for (std::size_t p = 0; p < s.city.parks.size(); ++p)
            if (box_on_screen(v, s.city.parks[p].bounds)) {
                draw_feature_outline(dl, v, s.city.park_geometry, p, IM_COL32(255, 255, 255, 200), 5 * sc);
                draw_feature_outline(dl, v, s.city.park_geometry, p, kParkOutline, 2.5f * sc);
            }
    if (app.style.show.shoreline) draw_shoreline(dl, app);
    draw_selection_outlines(dl, app);
    add_probe_mark(dl, app.probe, FramePart::ParkOutlines);
    draw_city_layer(dl, app);
    add_probe_mark(dl, app.probe, FramePart::Labels);

    if (app.style.show.scalebar) {
        draw_scale_bar(dl, app, {pos.x + 24 * sc, p1.y - 26 * sc});
        draw_north_arrow(dl, app, {p1.x - 46 * sc, pos.y + 50 * sc});
    }
    if (app.selection.siting_armed && app.selection.project >= 0) {
        const std::string msg = fmt::format("{} {} — {}", tr("Siting", "选址"),
                                            s.city.projects[static_cast<std::size_t>(app.selection.project)].project_id,
                                            tr("click a site or a park; Esc to cancel", "单击可供场地或园区；Esc 取消"));
        const ImVec2 ext = ImGui::CalcTextSize(msg.c_str());
        const ImVec2 a(pos.x + (size.x - ext.x) / 2 - 10, pos.y + 10);
        dl->AddRectFilled(a, {a.x + ext.x + 20, a.y + ext.y + 10}, IM_COL32(10, 90, 50, 230), 5);
        dl->AddText({a.x + 10, a.y + 5}, IM_COL32(255, 255, 255, 255), msg.c_str());
    }
    add_probe_mark(dl, app.probe, FramePart::Overlays);
    dl->PopClipRect();
    if (hovered && app.ui.mode == ScreenMode::Edit && !ImGui::IsMouseDragging(0)) hover_tooltip(app);
}

void draw_first_map(AppState& app, ImVec2 pos, ImVec2 size) {
    MapView& v = app.view;
    if (!app.first_map || !place_map(app, pos, size)) return;
    ImGui::SetCursorScreenPos(pos);
    ImGui::InvisibleButton("##map", size,
                           ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight | ImGuiButtonFlags_MouseButtonMiddle);
    if (!app.offscreen) handle_input(app, ImGui::IsItemHovered(), ImGui::IsItemActive());
    glide(app);

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p1(v.x1, v.y1);
    dl->PushClipRect(pos, p1, true);
    // The parcels as upload_mesh left them: one neutral colour, no state bits.
    // Nothing else on screen to keep fluid yet: eight times the tiles a frame (a
    // dozen base tiles), so the first view fills in sooner (draw_map sets the budget back).
    set_parcel_pass(app, 8 * ParcelDrawParams{}.tile_budget_primitives);
    const bool tints_in_tiles = app.parcel_pass.tints && uses_tiles(app.renderer, app.parcel_pass);
    const FirstMap& f = *app.first_map;
    const ImDrawListFlags dl_flags = dl->Flags;
    dl->Flags &= ~ImDrawListFlags_AntiAliasedFill;
    if (app.style.show.parks && !tints_in_tiles)
        for (std::size_t p = 0; p < f.park_triangles.size() && p < f.park_bounds.size(); ++p) {
            if (!box_on_screen(v, f.park_bounds[p])) continue;
            const auto& t = f.park_triangles[p];
            for (std::size_t i = 0; i + 2 < t.size(); i += 3)
                dl->AddTriangleFilled(v.to_screen(t[i]), v.to_screen(t[i + 1]), v.to_screen(t[i + 2]), kParkFill);
        }
    dl->Flags = dl_flags;
    if (app.parcel_pass.fills || app.parcel_pass.outlines) {
        dl->AddCallback(parcel_callback, &app);
        dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
    }
    if (app.style.show.scalebar) draw_scale_bar(dl, app, {pos.x + 24 * app.ui.ui_scale, p1.y - 26 * app.ui.ui_scale});
    dl->PopClipRect();
}

}  // namespace parkcap::viewer
