#include "city_layer.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <imgui_internal.h>

#include "canvas.hpp"
#include "parkcap/carto/flows.hpp"
#include "parkcap/carto/labels.hpp"
#include "parkcap/carto/names.hpp"
#include "parkcap/core/units.hpp"
#include "styling.hpp"
#include "text.hpp"

namespace parkcap::viewer {

using text::tr;

float px_per_mm(const AppState& app) { return 96.0f / 25.4f * app.ui.ui_scale; }

ImU32 land_part_colour(carto::LandPart part) { return to_imgui(symbology::land_part_colour(part)); }

namespace {

carto::SymbolScale symbol_scale(const AppState& app) {
    const auto& m = app.scene->rules.map;
    const float mm = px_per_mm(app);
    return {m.park_symbol_below_mm * mm, m.park_symbol_min_mm * mm, m.park_symbol_max_mm * mm};
}

std::vector<double> park_symbol_diameters(const AppState& app) {
    const Scene& s = *app.scene;
    if (!app.style.show.parks) return std::vector<double>(s.city.parks.size(), 0);
    std::vector<double> areas;
    for (const auto& p : s.city.parks) areas.push_back(p.area_m2);
    return carto::symbol_diameters(areas, app.view.px_per_m, symbol_scale(app));
}

geom::Point pt(ImVec2 v) { return {v.x, v.y}; }
ImVec2 iv(geom::Point p) { return {static_cast<float>(p.x), static_cast<float>(p.y)}; }
ImVec4 box4(const geom::Box& b) {
    return {static_cast<float>(b.min_x), static_cast<float>(b.min_y), static_cast<float>(b.max_x), static_cast<float>(b.max_y)};
}

void halo_text_at(ImDrawList* dl, ImFont* font, float size, ImVec2 p, ImU32 colour, const std::string& s, float halo) {
    // The halo from the four diagonal copies: as closed as eight around a stroke
    // (each diagonal copy covers both its neighbours' directions), for half the
    // blended text fragments, which at city scale under llvmpipe are what a label costs.
    for (int dx = -1; dx <= 1; dx += 2)
        for (int dy = -1; dy <= 1; dy += 2) dl->AddText(font, size, {p.x + dx * halo, p.y + dy * halo}, kLabelHalo, s.c_str());
    dl->AddText(font, size, p, colour, s.c_str());
}

/// A pie of a park's land, clockwise from twelve o'clock, each slice cut into
/// pieces of at most 90° so that every piece is convex.
void draw_pie(ImDrawList* dl, ImVec2 c, float r, const carto::LandParts& parts) {
    const double total = parts.total_m2();
    if (total <= 0) {
        dl->AddCircleFilled(c, r, kNoDataFill, 32);
        return;
    }
    double a = -M_PI / 2;
    for (std::size_t k = 0; k < carto::kLandPartCount; ++k) {
        const double sweep = 2 * M_PI * parts.area_m2[k] / total;
        if (sweep <= 1e-6) continue;
        const ImU32 col = land_part_colour(static_cast<carto::LandPart>(k));
        const int pieces = static_cast<int>(std::ceil(sweep / (M_PI / 2)));
        for (int i = 0; i < pieces; ++i) {
            const float a0 = static_cast<float>(a + sweep * i / pieces), a1 = static_cast<float>(a + sweep * (i + 1) / pieces);
            dl->PathLineTo(c);
            dl->PathArcTo(c, r, a0, a1, std::max(2, static_cast<int>(std::ceil((a1 - a0) / 0.12f))));
            dl->PathFillConvex(col);
        }
        a += sweep;
    }
}

struct LabelItem {
    std::string kind, id, line1, line2;
    float size1 = 0, size2 = 0;
    carto::LabelRequest request;
    ImU32 colour = kLabelText;
};

}  // namespace

bool parks_as_symbols(const AppState& app) {
    if (!app.scene) return false;
    for (double d : park_symbol_diameters(app))
        if (d > 0) return true;
    return false;
}

void draw_city_layer(ImDrawList* dl, AppState& app) {
    const Scene& s = *app.scene;
    const MapView& v = app.view;
    const float sc = app.ui.ui_scale;
    const bool zh = app.ui.lang == Lang::Zh;
    FrameLayout& out = app.layout;
    out.labels.clear();
    out.symbols.clear();
    out.flows.clear();

    // Symbols where parks are too small to see.
    const std::vector<double> diameter = park_symbol_diameters(app);
    std::vector<carto::Disc> discs;
    for (std::size_t p = 0; p < diameter.size(); ++p)
        if (diameter[p] > 0) {
            const ImVec2 c = v.to_screen(s.park_anchor[p]);
            out.symbols.push_back({p, c, static_cast<float>(diameter[p])});
            discs.push_back({pt(c), diameter[p] / 2 + 1.5 * sc});
        }

    // The flows shown, and where each starts and ends on screen.
    const bool flows_on = app.style.show.flows && s.has_plan && !s.flows.empty();
    std::vector<std::size_t> shown;
    if (flows_on)
        for (std::size_t i = 0; i < s.flows.size(); ++i) {
            const auto& f = s.flows[i].engine;
            const bool from_district =
                app.style.flows_from < 0 || std::find(f.origins.begin(), f.origins.end(), static_cast<uint32_t>(app.style.flows_from)) !=
                                                f.origins.end();
            const ImVec2 a = v.to_screen(s.flows[i].from), b = v.to_screen(s.flows[i].to);
            if (from_district && std::hypot(b.x - a.x, b.y - a.y) >= 4) shown.push_back(i);
        }
    const float dot_r = 4 * sc;
    std::vector<uint32_t> origin_dots;
    for (std::size_t i : shown) {
        const auto& f = s.flows[i].engine;
        if (f.folded()) {
            discs.push_back({pt(v.to_screen(s.flows[i].from)), dot_r + 1});
        } else if (std::find(origin_dots.begin(), origin_dots.end(), f.origin) == origin_dots.end()) {
            origin_dots.push_back(f.origin);
            discs.push_back({pt(v.to_screen(s.flows[i].from)), dot_r + 1});
        }
    }

    // The legend of widths, bottom right, reserved before any label is placed.
    const bool by_area = app.style.flow_width_by == FlowWidthBy::Area;
    auto value = [&](const Flow& f) { return by_area ? f.engine.area_mu : f.engine.investment_wan; };
    double max_value = 0;
    for (std::size_t i : shown) max_value = std::max(max_value, value(s.flows[i]));
    const float mm = px_per_mm(app);
    const float w_min = s.rules.map.flow_width_min_mm * mm, w_max = s.rules.map.flow_width_max_mm * mm;
    ImFont* lf = app.fonts.label;
    ImFont* uf = app.fonts.ui;
    const std::vector<double> legend_values = carto::width_legend_values(max_value);
    std::vector<carto::LabelRequest> dummy;
    geom::Box legend_box = geom::Box::empty();
    const std::string legend_title = by_area ? tr("Enclave land (mu)", "飞地项目用地（亩）") : tr("Enclave investment (10k CNY)", "飞地项目投资（万元）");
    const float row_h = std::max(uf->FontSize, w_max) + 6 * sc, sample_w = 46 * sc, pad = 8 * sc;
    if (!legend_values.empty() && app.style.show.legend) {
        need_glyphs(app.fonts, FontRole::Ui, legend_title);
        float text_w = uf->CalcTextSizeA(uf->FontSize, FLT_MAX, 0, legend_title.c_str()).x;
        for (double val : legend_values)
            text_w = std::max(text_w, sample_w + 8 * sc + uf->CalcTextSizeA(uf->FontSize, FLT_MAX, 0, text::number(val).c_str()).x);
        const float w = text_w + 2 * pad, h = uf->FontSize + 4 * sc + row_h * legend_values.size() + 2 * pad;
        const float x1 = v.x1 - 14 * sc, y1 = v.y1 - 14 * sc;
        legend_box = {x1 - w, y1 - h, x1, y1};
    }

    // Labels: parks first (largest first), then district names, then folded origins.
    std::vector<LabelItem> items;
    if (app.style.show.labels) {
        for (std::size_t p = 0; p < s.city.parks.size(); ++p) {
            const Park& park = s.city.parks[p];
            LabelItem it;
            it.kind = "park";
            it.id = park.park_id;
            it.line1 = park.name.empty() ? park.park_id : park.name;
            it.size1 = lf->FontSize;
            if (diameter[p] > 0 && p < s.park_parts.size()) {
                const auto& parts = s.park_parts[p];
                const double idle = units::m2_to_mu(parts[carto::LandPart::Idle]), stock = units::m2_to_mu(parts[carto::LandPart::Stock]);
                it.line2 = zh ? fmt::format("闲置 {} · 存量 {} 亩", text::number(idle), text::number(stock))
                              : fmt::format("idle {} · stock {} mu", text::number(idle), text::number(stock));
                it.size2 = lf->FontSize * 0.78f;
            }
            it.request.anchor = pt(v.to_screen(s.park_anchor[p]));
            it.request.anchor_radius = diameter[p] > 0 ? diameter[p] / 2 + 1.5 * sc : 0;
            it.request.centred_first = diameter[p] == 0;
            it.request.priority = 2e9 + park.area_m2 / 1e3;
            items.push_back(std::move(it));
        }
        if (app.style.show.districts || flows_on)
            for (std::size_t d = 0; d < s.city.districts.size(); ++d) {
                const geom::Point c = s.district_centre[d];
                if (std::isnan(c.x)) continue;
                LabelItem it;
                it.kind = "district";
                it.id = s.city.districts[d].code;
                it.line1 = carto::district_name(s.city, s.rules, static_cast<uint32_t>(d)).text;
                it.size1 = lf->FontSize * 0.9f;
                it.colour = to_imgui(symbology::kDistrictLabelText);
                const bool dot = std::find(origin_dots.begin(), origin_dots.end(), static_cast<uint32_t>(d)) != origin_dots.end();
                it.request.anchor = pt(v.to_screen(c));
                it.request.anchor_radius = dot ? dot_r + 1 : 0;
                it.request.centred_first = !dot;
                // Districts with flows first: their names explain the arcs.
                it.request.priority = (dot ? 1.5e9 : 1e9) + s.audit.districts[d].capacity.parcel_area_m2 / 1e3;
                items.push_back(std::move(it));
            }
        for (std::size_t i : shown) {
            const auto& f = s.flows[i].engine;
            if (!f.folded()) continue;
            LabelItem it;
            it.kind = "others";
            it.id = s.city.parks[f.park].park_id;
            it.line1 = zh ? fmt::format("其他 {} 区县", f.origins.size()) : fmt::format("{} other districts", f.origins.size());
            it.size1 = lf->FontSize * 0.8f;
            it.colour = to_imgui(symbology::kFoldedFlowText);
            it.request.anchor = pt(v.to_screen(s.flows[i].from));
            it.request.anchor_radius = dot_r + 1;
            it.request.priority = 5e8 + f.area_mu;
            items.push_back(std::move(it));
        }
    }
    std::vector<carto::LabelRequest> requests;
    for (auto& it : items) {
        need_glyphs(app.fonts, FontRole::Label, it.line1 + it.line2);
        const ImVec2 e1 = lf->CalcTextSizeA(it.size1, FLT_MAX, 0, it.line1.c_str());
        const ImVec2 e2 = it.line2.empty() ? ImVec2(0, 0) : lf->CalcTextSizeA(it.size2, FLT_MAX, 0, it.line2.c_str());
        it.request.width = std::max(e1.x, e2.x) + 6 * sc;
        it.request.height = e1.y + e2.y + 3 * sc;
        requests.push_back(it.request);
    }
    std::vector<geom::Box> obstacles;
    if (!legend_box.is_empty()) obstacles.push_back(legend_box);
    if (app.style.show.scalebar) {
        obstacles.push_back({v.x0 + 12 * sc, v.y1 - 60 * sc, v.x0 + 260 * sc, v.y1});             // scale bar
        obstacles.push_back({v.x1 - 80 * sc, v.y0 + 10 * sc, v.x1 - 12 * sc, v.y0 + 100 * sc});  // north arrow
    }
    carto::LabelOptions lo;
    lo.gap = 3 * sc;
    lo.padding = 1 * sc;
    const geom::Box frame{v.x0 + 2, v.y0 + 2, v.x1 - 2, v.y1 - 2};
    const auto placed = carto::place_labels(requests, obstacles, discs, frame, lo);

    // Arcs: bent to cross each other and the placed labels least; cached per zoom.
    std::vector<carto::Arc> arcs;
    for (std::size_t i : shown) arcs.push_back({pt(v.to_screen(s.flows[i].from)), pt(v.to_screen(s.flows[i].to))});
    std::vector<geom::Box> label_boxes;
    std::vector<std::size_t> label_of_item(items.size(), SIZE_MAX);
    for (std::size_t k = 0; k < items.size(); ++k)
        if (placed[k].placed) {
            label_of_item[k] = label_boxes.size();
            label_boxes.push_back(placed[k].box);
        }
    FlowLayoutCache& cache = app.flow_layout;
    // On screen the bends are kept while the zoom stays within 10% (a wheel zoom glides
    // through many scales; the layout costs milliseconds); a capture lays out its own scale.
    const bool same_scale = app.offscreen ? cache.px_per_m == v.px_per_m
                                          : cache.px_per_m > 0 && std::fabs(std::log(v.px_per_m / cache.px_per_m)) < 0.1;
    const bool fresh = same_scale && cache.width == v.width() && cache.height == v.height() &&
                       cache.ui_scale == sc && cache.generation == s.flows_generation && cache.labels == label_boxes.size() &&
                       cache.bends.size() == arcs.size();
    if (!fresh) {
        std::vector<std::vector<std::size_t>> exempt(arcs.size());
        for (std::size_t a = 0; a < shown.size(); ++a) {
            const auto& f = s.flows[shown[a]].engine;
            for (std::size_t k = 0; k < items.size(); ++k) {
                if (label_of_item[k] == SIZE_MAX) continue;
                const bool own_park = items[k].kind == "park" && items[k].id == s.city.parks[f.park].park_id;
                const bool own_origin = (items[k].kind == "district" && !f.folded() && items[k].id == s.city.districts[f.origin].code) ||
                                        (items[k].kind == "others" && f.folded() && items[k].id == s.city.parks[f.park].park_id);
                if (own_park || own_origin) exempt[a].push_back(label_of_item[k]);
            }
        }
        cache.bends = carto::layout_arcs(arcs, label_boxes, exempt);
        cache.crossings = carto::count_crossings(arcs, cache.bends);
        cache.crossings_alike = carto::count_crossings(arcs, std::vector<double>(arcs.size(), carto::ArcLayoutOptions{}.default_bend));
        cache.px_per_m = v.px_per_m;
        cache.width = v.width();
        cache.height = v.height();
        cache.ui_scale = sc;
        cache.generation = s.flows_generation;
        cache.labels = label_boxes.size();
    }
    out.flow_crossings = cache.crossings;
    out.flow_crossings_alike = cache.crossings_alike;

    // Flows: widest first so thin arcs stay visible on top.
    std::vector<std::size_t> order(shown.size());
    for (std::size_t a = 0; a < order.size(); ++a) order[a] = a;
    std::stable_sort(order.begin(), order.end(), [&](auto x, auto y) { return value(s.flows[shown[x]]) > value(s.flows[shown[y]]); });
    struct Badge {
        ImVec2 at;
        ImU32 colour;
        std::string count;
    };
    std::vector<Badge> badges;
    for (std::size_t a : order) {
        const Flow& f = s.flows[shown[a]];
        const ImVec2 from = iv(arcs[a].from), to = iv(arcs[a].to);
        const double bend = cache.bends[a];
        const ImVec2 c = iv(carto::arc_control(arcs[a], bend));
        const float w = static_cast<float>(carto::flow_width_px(value(f), max_value, w_min, w_max));
        const ImVec2 dir_raw(to.x - c.x, to.y - c.y);
        const float dl_len = std::max(1e-3f, std::hypot(dir_raw.x, dir_raw.y));
        const ImVec2 dir(dir_raw.x / dl_len, dir_raw.y / dl_len), nrm(-dir.y, dir.x);
        const float head = std::max(10 * sc, w * 2.2f);
        // End at the park's symbol, or short of its name when it is drawn as itself.
        const float len = std::hypot(to.x - from.x, to.y - from.y);
        const double d = diameter[f.engine.park];
        const float stop = d > 0 ? static_cast<float>(d / 2 + 2 * sc) : std::min(len * 0.3f, 10 * sc);
        const ImVec2 tip(to.x - dir.x * stop, to.y - dir.y * stop);
        const ImVec2 base(tip.x - dir.x * head, tip.y - dir.y * head);
        const ImU32 col = f.colour;
        dl->AddBezierQuadratic(from, c, base, IM_COL32(255, 255, 255, 170), w + 3 * sc, 48);
        dl->AddBezierQuadratic(from, c, base, col, w, 48);
        dl->AddTriangleFilled(tip, {base.x + nrm.x * head * 0.6f, base.y + nrm.y * head * 0.6f},
                              {base.x - nrm.x * head * 0.6f, base.y - nrm.y * head * 0.6f}, col);
        if (f.engine.folded()) {
            dl->AddCircleFilled(from, dot_r, IM_COL32(255, 255, 255, 255));
            dl->AddCircle(from, dot_r, to_imgui(symbology::kFlowOriginDot), 0, 1.5f * sc);
        } else {
            dl->AddCircleFilled(from, dot_r, to_imgui(symbology::kFlowOriginDot));
        }
        badges.push_back({ImBezierQuadraticCalc(from, c, base, 0.5f), col, std::to_string(f.engine.count)});
        out.flows.push_back({shown[a], from, c, to, w, bend});
    }
    const float bfs = lf->FontSize * 0.8f;
    for (const Badge& bd : badges) {
        const float r = 7 * sc + 3 * sc * static_cast<float>(bd.count.size());
        dl->AddCircleFilled(bd.at, r, IM_COL32(255, 255, 255, 255));
        dl->AddCircle(bd.at, r, bd.colour, 0, 2 * sc);
        const ImVec2 ext = lf->CalcTextSizeA(bfs, FLT_MAX, 0, bd.count.c_str());
        dl->AddText(lf, bfs, {std::floor(bd.at.x - ext.x / 2), std::floor(bd.at.y - ext.y / 2)}, bd.colour, bd.count.c_str());
    }

    // Park symbols over the flows that end at them.
    for (const DrawnSymbol& sym : out.symbols) {
        const float r = sym.diameter / 2;
        dl->AddCircleFilled(sym.centre, r + 2 * sc, IM_COL32(255, 255, 255, 230), 40);
        draw_pie(dl, sym.centre, r, s.park_parts[sym.park]);
        dl->AddCircle(sym.centre, r, kParkOutline, 40, 1.5f * sc);
    }

    // Labels last, with leader lines to displaced ones.
    for (std::size_t k = 0; k < items.size(); ++k) {
        const auto& p = placed[k];
        if (!p.placed) continue;
        const LabelItem& it = items[k];
        if (p.leader) {
            dl->AddLine(iv(p.leader_from), iv(p.leader_to), IM_COL32(255, 255, 255, 220), 3 * sc);
            dl->AddLine(iv(p.leader_from), iv(p.leader_to), to_imgui(symbology::kLeaderLine), 1.2f * sc);
        }
        const float x = static_cast<float>(p.box.min_x + 3 * sc), y = static_cast<float>(p.box.min_y + 1.5f * sc);
        halo_text_at(dl, lf, it.size1, {std::floor(x), std::floor(y)}, it.colour, it.line1, 1.5f * sc);
        if (!it.line2.empty())
            halo_text_at(dl, lf, it.size2, {std::floor(x), std::floor(y + it.size1 + 1 * sc)}, to_imgui(symbology::kFigureText), it.line2, 1.2f * sc);
        out.labels.push_back({it.kind, it.id, it.line1 + (it.line2.empty() ? "" : " / " + it.line2), box4(p.box), p.leader});
    }

    // The legend of widths.
    if (!legend_box.is_empty()) {
        const ImVec2 a(static_cast<float>(legend_box.min_x), static_cast<float>(legend_box.min_y));
        const ImVec2 b(static_cast<float>(legend_box.max_x), static_cast<float>(legend_box.max_y));
        dl->AddRectFilled(a, b, IM_COL32(255, 255, 255, 225), 5 * sc);
        dl->AddRect(a, b, IM_COL32(120, 120, 120, 160), 5 * sc);
        dl->AddText(uf, uf->FontSize, {a.x + pad, a.y + pad}, IM_COL32(20, 40, 80, 255), legend_title.c_str());
        float y = a.y + pad + uf->FontSize + 4 * sc;
        for (double val : legend_values) {
            const float w = static_cast<float>(carto::flow_width_px(val, max_value, w_min, w_max));
            const float cy = y + row_h / 2;
            dl->AddLine({a.x + pad, cy}, {a.x + pad + sample_w, cy}, to_imgui(symbology::kFlowWidthSample), w);
            const std::string t = text::number(val);
            dl->AddText(uf, uf->FontSize, {a.x + pad + sample_w + 8 * sc, cy - uf->FontSize / 2}, IM_COL32(25, 25, 25, 255), t.c_str());
            y += row_h;
        }
        out.flow_legend_rect = box4(legend_box);
    }
}

}  // namespace parkcap::viewer
