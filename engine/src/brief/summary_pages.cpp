// The city-wide pages after the parks: the quota ledger, the enclave flows with
// their benefit shares, the park ranking and the disposal progress.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "detail/labels.hpp"
#include "detail/pages.hpp"
#include "parkcap/carto/flows.hpp"
#include "parkcap/carto/labels.hpp"
#include "parkcap/carto/names.hpp"
#include "parkcap/core/units.hpp"
#include "parkcap/symbology/symbology.hpp"

namespace parkcap::brief::detail {

namespace {
const Rgba kUsed{31, 78, 156, 255}, kLeft{158, 202, 225, 255};
}  // namespace

void draw_ledger(const PageContext& c, const PageRecord& page) {
    cairo_t* cr = c.cr;
    const City& city = *c.in.city;
    const allocate::Plan& plan = *c.in.plan;
    draw_frame(c, page,
               c.tr("期初 + 增存挂钩所得 − 本方案使用 = 剩余；存量土地落位不占指标",
                    "opening + earned − used = left; projects on stock land need no quota"));
    Table t;
    t.header = {c.tr("区县", "district"),         c.tr("期初指标", "opening"),       c.tr("此前挂钩所得", "earned before"),
                c.tr("本方案处置存量", "disposed"), c.tr("本方案挂钩所得", "earned by plan"), c.tr("本方案使用", "used"),
                c.tr("其中飞地", "of which enclave"), c.tr("剩余", "left"),             c.tr("存量落位（免指标）", "stock placed")};
    t.widths = {120, 78, 86, 90, 92, 78, 72, 78, 92};
    t.align.assign(t.header.size(), Align::Right);
    t.align[0] = Align::Left;
    t.size_pt = 8.5;
    allocate::LedgerRow total;
    for (const auto& row : plan.state.ledger) {
        t.rows.push_back({district_label(city, *c.in.rules, row.district), mu_text(row.opening_mu), mu_text(row.earned_before_mu),
                          mu_text(row.disposed_mu), mu_text(row.earned_plan_mu), mu_text(row.consumed_mu),
                          mu_text(row.consumed_enclave_mu), mu_text(row.remaining_mu()), mu_text(row.stock_used_mu)});
        total.opening_mu += row.opening_mu;
        total.earned_before_mu += row.earned_before_mu;
        total.disposed_mu += row.disposed_mu;
        total.earned_plan_mu += row.earned_plan_mu;
        total.consumed_mu += row.consumed_mu;
        total.consumed_enclave_mu += row.consumed_enclave_mu;
        total.stock_used_mu += row.stock_used_mu;
    }
    t.rows.push_back({c.tr("合计", "total"), mu_text(total.opening_mu), mu_text(total.earned_before_mu),
                      mu_text(total.disposed_mu), mu_text(total.earned_plan_mu), mu_text(total.consumed_mu),
                      mu_text(total.consumed_enclave_mu), mu_text(total.remaining_mu()), mu_text(total.stock_used_mu)});
    t.bold_last_rows = 1;
    double y = 60;
    y += draw_table(c, t, kMargin, y, 260) + 20;

    // Each district's available quota as one bar: used, then left.
    draw_text(cr, c.tr("各区县指标使用情况（亩）", "Quota used and left per district (mu)"), kMargin, y, {11, true, kInk});
    y += 20;
    double max_available = 0;
    for (const auto& row : plan.state.ledger) max_available = std::max(max_available, row.available_mu());
    const double label_w = 120, bar_w = kPageWidth - 2 * kMargin - label_w - 170, row_h = 16;
    for (const auto& row : plan.state.ledger) {
        if (y + row_h > kPageHeight - 50) break;
        draw_text(cr, district_label(city, *c.in.rules, row.district), kMargin, y + 2, {8.5, false, kInk, label_w - 6});
        const double scale = max_available > 0 ? bar_w / max_available : 0;
        const double used_w = std::max(0.0, row.consumed_mu) * scale, left_w = std::max(0.0, row.remaining_mu()) * scale;
        rect(cr, kMargin + label_w, y + 2, used_w, row_h - 4, kUsed);
        rect(cr, kMargin + label_w + used_w, y + 2, left_w, row_h - 4, kLeft);
        draw_text(cr,
                  c.zh() ? fmt::format("用 {} / 剩 {}", mu_text(row.consumed_mu), mu_text(row.remaining_mu()))
                         : fmt::format("used {} / left {}", mu_text(row.consumed_mu), mu_text(row.remaining_mu())),
                  kMargin + label_w + bar_w + 8, y + 2, {8.5, false, kInk, 160});
        y += row_h;
    }
    y += 6;
    rect(cr, kMargin + label_w, y + 2, 10, 8, kUsed);
    draw_text(cr, c.tr("本方案使用", "used by this plan"), kMargin + label_w + 14, y, {8, false, kInk});
    rect(cr, kMargin + label_w + 100, y + 2, 10, 8, kLeft);
    draw_text(cr, c.tr("剩余", "left"), kMargin + label_w + 114, y, {8, false, kInk});
    draw_footer(c, page);
}

namespace {

/// The point of a quadratic Bézier at t.
geom::Point bezier_at(geom::Point a, geom::Point c, geom::Point b, double t) {
    const double u = 1 - t;
    return {u * u * a.x + 2 * u * t * c.x + t * t * b.x, u * u * a.y + 2 * u * t * c.y + t * t * b.y};
}

/// Where the arc, followed back from its end, leaves the circle of `distance`
/// around `centre` (bisection over t; the arc starts outside the circle).
double t_at_distance(geom::Point a, geom::Point c, geom::Point b, geom::Point centre, double distance) {
    double lo = 0, hi = 1;
    for (int k = 0; k < 40; ++k) {
        const double mid = (lo + hi) / 2;
        const geom::Point p = bezier_at(a, c, b, mid);
        (std::hypot(p.x - centre.x, p.y - centre.y) > distance ? lo : hi) = mid;
    }
    return lo;
}

/// Strokes the part of the quadratic a → c → b up to t, exactly (the sub-curve of
/// a Bézier is a Bézier: de Casteljau), as the cubic cairo draws.
void stroke_quadratic_to(cairo_t* cr, geom::Point a, geom::Point c, geom::Point b, double t) {
    const geom::Point q{a.x + (c.x - a.x) * t, a.y + (c.y - a.y) * t}, e = bezier_at(a, c, b, t);
    cairo_move_to(cr, a.x, a.y);
    cairo_curve_to(cr, a.x + 2 * (q.x - a.x) / 3, a.y + 2 * (q.y - a.y) / 3, e.x + 2 * (q.x - e.x) / 3, e.y + 2 * (q.y - e.y) / 3, e.x, e.y);
    cairo_stroke(cr);
}

}  // namespace

void draw_flows(const PageContext& c, PageRecord& page) {
    cairo_t* cr = c.cr;
    const City& city = *c.in.city;
    const allocate::Plan& plan = *c.in.plan;
    const rules::Rules& rules = *c.in.rules;
    // The flows the viewer's briefing mode shows: summed per origin → park, the thin
    // ones into a park folded into "others" under the rules' [map] flow_fold_below_mu.
    const std::vector<carto::FlowItem> items = carto::flow_items(city, plan);
    const std::vector<carto::MapFlow> flows = carto::aggregate_flows(items, rules.map.flow_fold_below_mu);
    const double fold_mu = rules.map.flow_fold_below_mu;
    draw_frame(c, page,
               c.zh() ? (fold_mu > 0 ? fmt::format("{} 条流向：来源区县 → 落位园区，流入同一园区不足 {} 亩的合并为“其他”；线宽按用地面积，颜色按产业",
                                                   flows.size(), number_text(fold_mu, 0))
                                     : fmt::format("{} 条流向：来源区县 → 落位园区；线宽按用地面积，颜色按产业", flows.size()))
                      : (fold_mu > 0 ? fmt::format("{} flows: origin district → host park, those under {} mu into a park folded into "
                                                   "“others”; width by land, colour by industry",
                                                   flows.size(), number_text(fold_mu, 0))
                                     : fmt::format("{} flows: origin district → host park; width by land, colour by industry", flows.size())));

    const double map_w = 380, map_h = kPageHeight - 60 - 34;
    MapPlacement m = fit(city.extent, kMargin, 56, map_w, map_h, 0.03);
    begin_map(cr, m);
    for (std::size_t p = 0; p < city.park_geometry.size(); ++p) {
        polygon_path(cr, m, city.park_geometry, p);
        set_colour(cr, symbology::kParkFill);
        cairo_fill(cr);
    }
    draw_district_outlines(cr, m, city);
    draw_shoreline(cr, m, city, 1.5);
    draw_park_outlines(cr, m, city, 0.8);

    // The parks as the city map draws them, so that the arcs end at their symbols.
    const std::vector<double> diameter = park_symbol_diameters_pt(m, city, rules);
    const std::vector<carto::LandParts> parts = carto::park_land_parts(city, *c.in.audit);
    const double symbol_clearance = 1.5 * kPtPerViewerPx, dot_r = 4 * kPtPerViewerPx;
    std::vector<carto::Disc> discs;
    for (std::size_t p = 0; p < city.parks.size(); ++p) {
        if (diameter[p] <= 0) continue;
        const geom::Point a = park_anchor_pt(m, city, p);
        draw_park_pie(cr, a.x, a.y, diameter[p] / 2, parts[p]);
        discs.push_back({a, diameter[p] / 2 + symbol_clearance});
    }

    // Each flow's ends on the page; a flow whose ends nearly meet has no arc (as on screen).
    std::vector<carto::Arc> arcs;
    std::vector<std::size_t> shown;
    for (std::size_t i = 0; i < flows.size(); ++i) {
        const carto::FlowEnds e = carto::flow_ends(city, items, flows[i]);
        const carto::Arc arc{{page_x(m, e.from.x), page_y(m, e.from.y)}, park_anchor_pt(m, city, flows[i].park)};
        if (std::isnan(arc.from.x) || std::hypot(arc.to.x - arc.from.x, arc.to.y - arc.from.y) < 4 * kPtPerViewerPx) continue;
        arcs.push_back(arc);
        shown.push_back(i);
    }
    std::vector<bool> origin_dot(city.districts.size(), false);
    for (std::size_t a = 0; a < shown.size(); ++a) {
        const carto::MapFlow& f = flows[shown[a]];
        if (!f.folded() && origin_dot[f.origin]) continue;
        if (!f.folded()) origin_dot[f.origin] = true;
        discs.push_back({arcs[a].from, dot_r + kPtPerViewerPx});
    }

    // The legend of widths (bottom right) and the scale bar and north arrow: labels keep off them.
    double max_mu = 0;
    for (std::size_t i : shown) max_mu = std::max(max_mu, flows[i].area_mu);
    const double w_min = rules.map.flow_width_min_mm * kPtPerMm, w_max = rules.map.flow_width_max_mm * kPtPerMm;
    std::vector<geom::Box> obstacles = draw_map_furniture(cr, m, city, c.zh());
    const std::vector<double> legend_values = carto::width_legend_values(max_mu);
    if (!legend_values.empty()) {
        const std::string title = c.tr("飞地用地（亩）", "Enclave land (mu)");
        const Text head(cr, title, {7, true, kInk});
        const double row_h = std::max(9.0, w_max + 4), sample_w = 30, pad = 5;
        double text_w = head.width();
        for (double v : legend_values) text_w = std::max(text_w, sample_w + 6 + Text(cr, number_text(v, 0), {7, false, kInk}).width());
        const double bw = text_w + 2 * pad, bh = head.height() + 3 + row_h * static_cast<double>(legend_values.size()) + 2 * pad;
        const double x1 = m.frame_x_pt + m.frame_width_pt - 8, y1 = m.frame_y_pt + m.frame_height_pt - 8;
        rect(cr, x1 - bw, y1 - bh, bw, bh, Rgba{255, 255, 255, 215});
        head.draw(x1 - bw + pad, y1 - bh + pad);
        double yy = y1 - bh + pad + head.height() + 3;
        for (double v : legend_values) {
            line(cr, x1 - bw + pad, yy + row_h / 2, x1 - bw + pad + sample_w, yy + row_h / 2, kMuted,
                 carto::flow_width_px(v, max_mu, w_min, w_max));
            draw_text(cr, number_text(v, 0), x1 - bw + pad + sample_w + 6, yy + (row_h - 9) / 2, {7, false, kInk});
            yy += row_h;
        }
        obstacles.push_back({x1 - bw, y1 - bh, x1, y1});
    }

    // Labels by the viewer's priorities: parks, then district names (those where flows
    // start first), then the folded flows' "others".
    std::vector<MapLabel> labels;
    std::vector<int64_t> label_park(0), label_district(0), label_folded_park(0);
    const auto add_label = [&](MapLabel l, int64_t park, int64_t district, int64_t folded_park) {
        labels.push_back(std::move(l));
        label_park.push_back(park);
        label_district.push_back(district);
        label_folded_park.push_back(folded_park);
    };
    for (std::size_t p = 0; p < city.parks.size(); ++p) {
        MapLabel l;
        l.kind = "park";
        l.text = city.parks[p].name.empty() ? city.parks[p].park_id : city.parks[p].name;
        l.style = {7.5, true, symbology::kLabelText};
        l.request.anchor = park_anchor_pt(m, city, p);
        l.request.anchor_radius = diameter[p] > 0 ? diameter[p] / 2 + symbol_clearance : 0;
        l.request.centred_first = diameter[p] <= 0;
        l.request.priority = carto::park_label_priority(city.parks[p].area_m2);
        add_label(std::move(l), static_cast<int64_t>(p), -1, -1);
    }
    for (std::size_t d = 0; d < city.districts.size(); ++d) {
        const geom::Point at = allocate::district_centre(city, static_cast<uint32_t>(d));
        if (std::isnan(at.x)) continue;
        MapLabel l;
        l.kind = "district";
        l.text = district_label(city, rules, static_cast<uint32_t>(d));
        l.style = {7, false, symbology::kDistrictLabelText};
        l.request.anchor = {page_x(m, at.x), page_y(m, at.y)};
        l.request.anchor_radius = origin_dot[d] ? dot_r + kPtPerViewerPx : 0;
        l.request.centred_first = !origin_dot[d];
        l.request.priority = carto::district_label_priority(c.in.audit->districts[d].capacity.parcel_area_m2, origin_dot[d]);
        add_label(std::move(l), -1, static_cast<int64_t>(d), -1);
    }
    for (std::size_t a = 0; a < shown.size(); ++a) {
        const carto::MapFlow& f = flows[shown[a]];
        if (!f.folded()) continue;
        MapLabel l;
        l.kind = "others";
        l.text = carto::flow_origin_name(city, rules, f, c.options.lang);
        l.style = {6.5, false, symbology::kFoldedFlowText};
        l.request.anchor = arcs[a].from;
        l.request.anchor_radius = dot_r + kPtPerViewerPx;
        l.request.priority = carto::folded_flow_label_priority(f.area_mu);
        add_label(std::move(l), -1, -1, static_cast<int64_t>(f.park));
    }
    const std::vector<carto::LabelPlacement> placed = place_map_labels(cr, m, labels, obstacles, discs);

    // The arcs bent as the viewer bends its arcs (carto::layout_arcs: crossing each
    // other least, then the placed labels other than their own park's and origin's).
    std::vector<geom::Box> label_boxes;
    std::vector<std::size_t> box_of(labels.size(), SIZE_MAX);
    for (std::size_t k = 0; k < labels.size(); ++k)
        if (placed[k].placed) {
            box_of[k] = label_boxes.size();
            label_boxes.push_back(placed[k].box);
        }
    std::vector<std::vector<std::size_t>> exempt(arcs.size());
    for (std::size_t a = 0; a < shown.size(); ++a) {
        const carto::MapFlow& f = flows[shown[a]];
        for (std::size_t k = 0; k < labels.size(); ++k) {
            if (box_of[k] == SIZE_MAX) continue;
            const bool own = label_park[k] == static_cast<int64_t>(f.park) ||
                             (!f.folded() && label_district[k] == static_cast<int64_t>(f.origin)) ||
                             (f.folded() && label_folded_park[k] == static_cast<int64_t>(f.park));
            if (own) exempt[a].push_back(box_of[k]);
        }
    }
    const std::vector<double> bends = carto::layout_arcs(arcs, label_boxes, exempt);

    // Widest first, so the thin flows drawn after them stay visible on top; each
    // stroke is carto's quadratic arc, cut where it reaches its park's symbol.
    std::vector<std::size_t> order(shown.size());
    for (std::size_t a = 0; a < order.size(); ++a) order[a] = a;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return flows[shown[x]].area_mu > flows[shown[y]].area_mu; });
    cairo_save(cr);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    for (std::size_t a : order) {
        const carto::MapFlow& f = flows[shown[a]];
        const carto::Arc& arc = arcs[a];
        const geom::Point ctl = carto::arc_control(arc, bends[a]);
        const double width = carto::flow_width_px(f.area_mu, max_mu, w_min, w_max);
        const double len = std::hypot(arc.to.x - arc.from.x, arc.to.y - arc.from.y);
        const double d = diameter[f.park];
        const double stop = d > 0 ? d / 2 + 2 * kPtPerViewerPx : std::min(len * 0.3, 10 * kPtPerViewerPx);
        const double head = std::max(10 * kPtPerViewerPx, width * 2.2);
        const double t_tip = t_at_distance(arc.from, ctl, arc.to, arc.to, stop);
        const geom::Point tip = bezier_at(arc.from, ctl, arc.to, t_tip);
        const double t_base = t_at_distance(arc.from, ctl, arc.to, tip, head);
        const geom::Point base = bezier_at(arc.from, ctl, arc.to, t_base);
        const int sector = carto::flow_sector(city, items, f);
        Rgba colour = symbology::sector_colour(sector);
        colour.a = 215;
        // A white casing first, so an arc reads where it crosses another.
        set_colour(cr, Rgba{255, 255, 255, 170});
        cairo_set_line_width(cr, width + 1.6);
        stroke_quadratic_to(cr, arc.from, ctl, arc.to, t_base);
        set_colour(cr, colour);
        cairo_set_line_width(cr, width);
        stroke_quadratic_to(cr, arc.from, ctl, arc.to, t_base);
        const double dx = tip.x - base.x, dy = tip.y - base.y, dl = std::max(1e-6, std::hypot(dx, dy));
        const double nx = -dy / dl, ny = dx / dl;
        cairo_new_path(cr);
        cairo_move_to(cr, tip.x, tip.y);
        cairo_line_to(cr, base.x + nx * head * 0.6, base.y + ny * head * 0.6);
        cairo_line_to(cr, base.x - nx * head * 0.6, base.y - ny * head * 0.6);
        cairo_close_path(cr);
        cairo_fill(cr);
        page.arcs.push_back({f.origin, f.park, f.origins, f.count, sector, f.area_mu, arc.from.x, arc.from.y, ctl.x, ctl.y, arc.to.x, arc.to.y, bends[a], width});
    }
    cairo_restore(cr);
    // Where the flows start: a dot at each origin district's centre, a ring where
    // folded origins start.
    for (std::size_t a = 0; a < shown.size(); ++a) {
        const carto::MapFlow& f = flows[shown[a]];
        cairo_new_path(cr);
        cairo_arc(cr, arcs[a].from.x, arcs[a].from.y, dot_r, 0, 2 * M_PI);
        if (f.folded()) {
            set_colour(cr, kWhite);
            cairo_fill_preserve(cr);
            set_colour(cr, symbology::kFlowOriginDot);
            cairo_set_line_width(cr, 1.1);
            cairo_stroke(cr);
        } else {
            set_colour(cr, symbology::kFlowOriginDot);
            cairo_fill(cr);
        }
    }
    draw_map_labels(cr, labels, placed, page);
    end_map(cr, m);
    page.map = m;

    const double x = kMargin + map_w + 14, w = kPageWidth - kMargin - x;
    double y = 56;
    if (flows.empty()) {
        draw_text(cr, c.tr("本方案无跨区县落位项目。", "No project is placed across district lines."), x, y, {10, false, kInk, w});
        draw_footer(c, page);
        return;
    }
    const allocate::EnclaveShares first = allocate::enclave_shares(rules, 1);
    Table t;
    t.header = {c.tr("来源 → 园区", "origin → park"), c.tr("项目", "proj."), c.tr("亩", "mu"), c.tr("投资 万元", "invest."),
                c.tr("预计税收 万元", "tax 万元"), c.tr("首年归来源区", "year 1 to origin")};
    t.widths = {w - 264, 34, 50, 58, 60, 62};
    t.align = {Align::Left, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right};
    t.size_pt = 7;
    t.pad_pt = 2;
    const auto row = [&](std::string label, uint32_t count, double mu, double inv, double tax) {
        t.rows.push_back({std::move(label), std::to_string(count), mu_text(mu), number_text(inv, 0), number_text(tax, 0),
                          number_text(tax * first.tax_origin, 0)});
    };
    // Every flow the map draws, largest first (as the viewer's flows table), the
    // folded "others" rows with their totals; then the total of all. Where a city has
    // more flows than the column holds, the smallest are summed into one row, so
    // that the total and every flow's land are still on the page.
    std::vector<std::size_t> by_area(flows.size());
    for (std::size_t k = 0; k < by_area.size(); ++k) by_area[k] = k;
    std::stable_sort(by_area.begin(), by_area.end(), [&](std::size_t a, std::size_t b) { return flows[a].area_mu > flows[b].area_mu; });
    const double max_h = kPageHeight - 34 - y - 120;
    const double row_h = Text(cr, "来源", {t.size_pt, false, kInk}).height() + 2 * t.pad_pt;
    const double head_h = Text(cr, "来源", {t.size_pt, true, kInk}).height() + 2 * t.pad_pt;
    const auto capacity = static_cast<std::size_t>(std::max(3.0, std::floor((max_h - head_h) / row_h)));
    const std::size_t listed = flows.size() + 1 <= capacity ? flows.size() : capacity - 2;
    struct Sum {
        uint32_t count = 0;
        double mu = 0, inv = 0, tax = 0;
        void add(const carto::MapFlow& f) { count += f.count, mu += f.area_mu, inv += f.investment_wan, tax += f.tax_wan; }
    } total, rest;
    for (std::size_t n = 0; n < by_area.size(); ++n) {
        const carto::MapFlow& f = flows[by_area[n]];
        total.add(f);
        if (n >= listed) {
            rest.add(f);
            continue;
        }
        const Park& park = city.parks[f.park];
        row(fmt::format("{} → {}", carto::flow_origin_name(city, rules, f, c.options.lang), park.name.empty() ? park.park_id : park.name),
            f.count, f.area_mu, f.investment_wan, f.tax_wan);
    }
    if (listed < flows.size())
        row(c.zh() ? fmt::format("其余 {} 条较小流向（图中已画）", flows.size() - listed)
                   : fmt::format("{} smaller flows (drawn on the map)", flows.size() - listed),
            rest.count, rest.mu, rest.inv, rest.tax);
    row(c.tr("合计", "total"), total.count, total.mu, total.inv, total.tax);
    t.bold_last_rows = 1;
    y += draw_table(c, t, x, y, max_h);
    y += 14;
    draw_text(cr, c.tr("飞地利益分成（规则 [enclave]）", "Benefit shares (rules [enclave])"), x, y, {9.5, true, kInk, w});
    y += 15;
    Table s;
    s.header = {c.tr("落位后年份", "years"), c.tr("税收归来源区", "tax to origin"), c.tr("GDP 归来源区", "GDP to origin"),
                c.tr("统计归属", "statistics")};
    s.widths = {w * 0.25, w * 0.25, w * 0.25, w * 0.25};
    s.align = {Align::Left, Align::Right, Align::Right, Align::Right};
    s.size_pt = 7.5;
    for (const auto& period : rules.enclave.schedule)
        s.rows.push_back({c.zh() ? fmt::format("第 {}–{} 年", period.from_year, period.to_year)
                                 : fmt::format("{}–{}", period.from_year, period.to_year),
                          percent_text(period.tax_share_origin), percent_text(period.gdp_share_origin),
                          period.statistics_owner == rules::EnclaveSide::Origin ? c.tr("来源区（飞出地）", "origin")
                                                                               : c.tr("园区所在区（飞入地）", "host")});
    y += draw_table(c, s, x, y, 90);
    draw_text(cr,
              rules.enclave.quota_paid_by == rules::EnclaveSide::Origin
                  ? c.tr("新增用地指标由来源区支付。", "Planned land is paid from the origin's quota.")
                  : c.tr("新增用地指标由园区所在区支付。", "Planned land is paid from the host's quota."),
              x, y + 4, {7.5, false, kMuted, w});
    draw_footer(c, page);
}

void draw_ranking(const PageContext& c, const PageRecord& page) {
    cairo_t* cr = c.cr;
    const evaluate::Evaluation& ev = *c.in.evaluation;
    draw_frame(c, page,
               c.tr("TD/T 1029 集约利用程度分值（0–100），按园区类型分别排名", "TD/T 1029 degree score (0–100), ranked within each type"));
    std::vector<const evaluate::PlaceEvaluation*> parks;
    for (const auto& p : ev.parks) parks.push_back(&p);
    std::stable_sort(parks.begin(), parks.end(), [](const auto* a, const auto* b) {
        if (a->type != b->type) return a->type < b->type;
        const int ra = a->rank > 0 ? a->rank : 1 << 20, rb = b->rank > 0 ? b->rank : 1 << 20;
        return ra < rb;
    });
    double y = 60;
    const double label_w = 210, bar_w = 330, row_h = 17;
    const double years_x = kMargin + label_w + bar_w + 90;
    draw_text(cr, c.tr("尚可供地年数", "years of land left"), years_x, y, {8, true, kMuted, 120});
    draw_text(cr, c.tr("分值", "score"), kMargin + label_w, y, {8, true, kMuted, 60});
    y += 14;
    int last_type = -1;
    const Rgba type_colour[] = {{31, 78, 156, 255}, {0, 131, 143, 255}, {150, 150, 150, 255}};
    for (const auto* p : parks) {
        if (y + row_h > kPageHeight - 40) break;
        const int type = static_cast<int>(p->type);
        if (type != last_type) {
            y += 4;
            draw_text(cr, c.zh() ? std::string(evaluate::kParkTypeTitles[type]) : std::string(evaluate::kParkTypeNames[type]),
                      kMargin, y, {9.5, true, type_colour[type]});
            y += 15;
            last_type = type;
        }
        draw_text(cr, p->name.empty() ? p->code : p->name, kMargin + 8, y + 3, {8.5, false, kInk, label_w - 12});
        rect(cr, kMargin + label_w, y + 3, bar_w, row_h - 6, Rgba{242, 244, 246, 255});
        if (std::isfinite(p->score)) rect(cr, kMargin + label_w, y + 3, bar_w * std::clamp(p->score, 0.0, 100.0) / 100, row_h - 6, type_colour[type]);
        const std::string rank = p->rank > 0 ? (c.zh() ? fmt::format("第 {} / {}", p->rank, p->ranked_of)
                                                       : fmt::format("#{} of {}", p->rank, p->ranked_of))
                                             : c.tr("未排名", "unranked");
        draw_text(cr, fmt::format("{}  {}", number_text(p->score, 1), rank), kMargin + label_w + bar_w + 6, y + 3, {8.5, true, kInk, 84});
        draw_text(cr, std::isfinite(p->potential.years_left) ? number_text(p->potential.years_left, 1) : "—", years_x, y + 3,
                  {8.5, false, kInk, 120});
        y += row_h;
    }
    y += 10;
    draw_text(cr,
              c.tr("分值 = 各指标达到理想值程度的加权和；指标、权重与理想值见规则 [evaluation]，明细见 parkcap evaluate 成果。",
                   "The score weighs each indicator's share of its ideal value; see rules [evaluation] and parkcap evaluate."),
              kMargin, y, {7.5, false, kMuted, kPageWidth - 2 * kMargin});
    draw_footer(c, page);
}

void draw_disposal(const PageContext& c, const PageRecord& page) {
    cairo_t* cr = c.cr;
    const monitor::DisposalProgress& progress = *c.in.progress;
    draw_frame(c, page,
               c.zh() ? fmt::format("自 {} 审计以来：批而未供与闲置土地的处置率（已处置 ÷ 当时认定）", c.in.since.iso())
                      : fmt::format("Since the audit of {}: disposal rate of approved-unsupplied and idle land", c.in.since.iso()));
    const auto kind = [](monitor::StockKind k) { return static_cast<std::size_t>(k); };
    Table t;
    t.header = {c.tr("地区 / 园区", "place"), c.tr("批而未供 认定 亩", "approved, flagged"), c.tr("已处置 亩", "disposed"),
                c.tr("处置率", "rate"), c.tr("闲置 认定 亩", "idle, flagged"), c.tr("已处置 亩", "disposed"), c.tr("处置率", "rate")};
    t.widths = {170, 100, 80, 60, 100, 80, 60};
    t.align.assign(t.header.size(), Align::Right);
    t.align[0] = Align::Left;
    t.size_pt = 7.5;
    int last_level = -1;
    for (const auto& place : progress.places) {
        // A heading row where the districts and where the parks begin (the parks are not the district's above them).
        if (static_cast<int>(place.level) != last_level && place.level != monitor::PlaceLevel::City)
            t.rows.push_back({place.level == monitor::PlaceLevel::District ? c.tr("各区县", "districts") : c.tr("各园区", "parks"),
                              "", "", "", "", "", ""});
        last_level = static_cast<int>(place.level);
        const auto& a = place.by_kind[kind(monitor::StockKind::ApprovedUnsupplied)];
        const auto& i = place.by_kind[kind(monitor::StockKind::Idle)];
        const std::string name = place.level == monitor::PlaceLevel::City ? std::string(c.tr("全市", "city"))
                                 : place.name.empty()                    ? place.code
                                                                          : place.name;
        const std::string indent = place.level == monitor::PlaceLevel::City ? "" : "　";
        t.rows.push_back({indent + name, mu_text(a.flagged_mu), mu_text(a.disposed_mu()), percent_text(a.rate()),
                          mu_text(i.flagged_mu), mu_text(i.disposed_mu()), percent_text(i.rate())});
    }
    std::size_t left_out = 0;
    double y = 60;
    // The table takes what the chart below leaves: the city and its districts charted, every place listed.
    std::size_t charted = 0;
    for (const auto& place : progress.places) charted += place.level != monitor::PlaceLevel::Park ? 1 : 0;
    const double chart_h = 36 + static_cast<double>(charted) * 24;
    y += draw_table(c, t, kMargin, y, std::max(120.0, kPageHeight - 40 - 60 - chart_h), &left_out);
    if (left_out > 0)
        draw_text(cr, c.zh() ? fmt::format("另有 {} 行见 parkcap compare 成果（disposal 表）", left_out)
                             : fmt::format("{} more rows in parkcap compare's output (the disposal table)", left_out),
                  kMargin, y + 3, {7.5, false, kMuted});
    y += 22;

    // 处置率 of the city and each district, the two kinds side by side, on one 0–100% scale.
    const Rgba approved = symbology::flag_colour(audit::FlagCode::ApprovedUnsupplied), idle = symbology::flag_colour(audit::FlagCode::IdleTakeback);
    draw_text(cr, c.tr("处置率（已处置 ÷ 上期认定）", "Disposal rate (disposed ÷ flagged then)"), kMargin, y, {10.5, true, kInk});
    rect(cr, kMargin + 250, y + 3, 10, 8, approved);
    draw_text(cr, c.tr("批而未供", "approved, not supplied"), kMargin + 264, y + 1, {8, false, kInk});
    rect(cr, kMargin + 370, y + 3, 10, 8, idle);
    draw_text(cr, c.tr("闲置土地", "idle land"), kMargin + 384, y + 1, {8, false, kInk});
    y += 20;
    const double label_w = 150, bar_w = 420;
    for (const auto& place : progress.places) {
        if (place.level == monitor::PlaceLevel::Park) continue;
        if (y + 24 > kPageHeight - 30) break;
        const std::string name = place.level == monitor::PlaceLevel::City ? std::string(c.tr("全市", "city"))
                                 : place.name.empty()                    ? place.code
                                                                          : place.name;
        draw_text(cr, name, kMargin, y + 5, {8.5, place.level == monitor::PlaceLevel::City, kInk, label_w - 6});
        const std::pair<const monitor::DisposalFigures*, Rgba> kinds[] = {
            {&place.by_kind[kind(monitor::StockKind::ApprovedUnsupplied)], approved}, {&place.by_kind[kind(monitor::StockKind::Idle)], idle}};
        double yy = y;
        for (const auto& [f, colour] : kinds) {
            rect(cr, kMargin + label_w, yy + 1, bar_w, 10, Rgba{242, 244, 246, 255});
            const double rate = f->rate();
            if (std::isfinite(rate)) rect(cr, kMargin + label_w, yy + 1, bar_w * std::clamp(rate, 0.0, 1.0), 10, colour);
            draw_text(cr,
                      c.zh() ? fmt::format("{}（{} / {} 亩）", percent_text(rate), mu_text(f->disposed_mu()), mu_text(f->flagged_mu))
                             : fmt::format("{} ({} / {} mu)", percent_text(rate), mu_text(f->disposed_mu()), mu_text(f->flagged_mu)),
                      kMargin + label_w + bar_w + 6, yy, {7.5, false, kInk, 200});
            yy += 12;
        }
        y += 24;
    }
    draw_footer(c, page);
}

}  // namespace parkcap::brief::detail
