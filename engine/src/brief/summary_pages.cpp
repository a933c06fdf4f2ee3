// The city-wide pages after the parks: the quota ledger, the enclave flows with
// their benefit shares, the park ranking and the disposal progress.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "detail/pages.hpp"
#include "parkcap/core/units.hpp"
#include "parkcap/carto/flows.hpp"
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

void draw_flows(const PageContext& c, PageRecord& page) {
    cairo_t* cr = c.cr;
    const City& city = *c.in.city;
    const allocate::Plan& plan = *c.in.plan;
    const rules::Rules& rules = *c.in.rules;
    const std::vector<allocate::Flow> flows = allocate::enclave_flows(city, plan);
    draw_frame(c, page,
               c.zh() ? fmt::format("{} 条流向：来源区县 → 落位园区，线宽按用地面积，颜色按产业；图中画最大的 {} 条",
                                    flows.size(), std::min<std::size_t>(flows.size(), 15))
                      : fmt::format("{} flows: origin district → host park, width by land, colour by industry; the largest {} drawn",
                                    flows.size(), std::min<std::size_t>(flows.size(), 15)));

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
    double max_mu = 0;
    for (const auto& f : flows) max_mu = std::max(max_mu, f.area_mu);
    // The largest flows, drawn and listed; the rest folded into one row with their total.
    std::vector<std::size_t> order(flows.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return flows[a].area_mu > flows[b].area_mu; });
    const std::size_t kShown = 15;
    const std::vector<std::size_t> shown(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(std::min(kShown, order.size())));
    // The arcs on the page, each bent as the viewer bends its arcs (carto::layout_arcs:
    // the bends that cross least), so the printed flows untangle as the screen's do.
    std::vector<carto::Arc> arcs;
    for (std::size_t k : shown) {
        const allocate::Flow& f = flows[k];
        const geom::Point a = allocate::district_centre(city, f.origin), b = city.park_geometry.centroid(f.park);
        arcs.push_back({{page_x(m, a.x), page_y(m, a.y)}, {page_x(m, b.x), page_y(m, b.y)}});
    }
    const std::vector<double> bends = carto::layout_arcs(arcs, {}, std::vector<std::vector<std::size_t>>(arcs.size()));
    // Widest first, so the thin flows drawn after them stay visible on top.
    for (std::size_t i = 0; i < shown.size(); ++i) {
        const allocate::Flow& f = flows[shown[i]];
        const double x0 = arcs[i].from.x, y0 = arcs[i].from.y, x1 = arcs[i].to.x, y1 = arcs[i].to.y;
        if (std::hypot(x1 - x0, y1 - y0) < 1) continue;
        const geom::Point control = carto::arc_control(arcs[i], bends[i]);
        const double cx = control.x, cy = control.y;
        const double width = 0.8 + 4.2 * (max_mu > 0 ? f.area_mu / max_mu : 0);
        int sector = 8;
        if (!f.projects.empty()) sector = symbology::industry_sector(city.projects[f.projects.front()].industry);
        Rgba colour = symbology::sector_colour(sector);
        colour.a = 200;
        cairo_move_to(cr, x0, y0);
        // carto's arcs are quadratic Béziers: the same curve as a cubic for cairo.
        cairo_curve_to(cr, x0 + 2 * (cx - x0) / 3, y0 + 2 * (cy - y0) / 3, x1 + 2 * (cx - x1) / 3, y1 + 2 * (cy - y1) / 3,
                       x1, y1);
        set_colour(cr, colour);
        cairo_set_line_width(cr, width);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
        cairo_stroke(cr);
        // The arrowhead, along the curve's last tangent.
        const double tx = x1 - cx, ty = y1 - cy, tl = std::hypot(tx, ty);
        if (tl > 0) {
            const double ux = tx / tl, uy = ty / tl, head = 4 + width;
            cairo_move_to(cr, x1, y1);
            cairo_line_to(cr, x1 - ux * head - uy * head * 0.5, y1 - uy * head + ux * head * 0.5);
            cairo_line_to(cr, x1 - ux * head + uy * head * 0.5, y1 - uy * head - ux * head * 0.5);
            cairo_close_path(cr);
            cairo_fill(cr);
        }
    }
    LabelBoxes taken;
    for (std::size_t p = 0; p < city.parks.size(); ++p) {
        const geom::Point at = city.park_geometry.centroid(p);
        place_label(cr, m, taken, city.parks[p].name, page_x(m, at.x), page_y(m, at.y), {7.5, true, symbology::kLabelText});
    }
    // Where the flows start: each origin district's centre.
    for (std::size_t d = 0; d < city.districts.size(); ++d) {
        const geom::Point at = allocate::district_centre(city, static_cast<uint32_t>(d));
        const double px = page_x(m, at.x), py = page_y(m, at.y);
        cairo_new_path(cr);
        cairo_arc(cr, px, py, 2.5, 0, 2 * M_PI);
        set_colour(cr, Rgba{110, 96, 112, 255});
        cairo_fill(cr);
        place_label(cr, m, taken, district_label(city, *c.in.rules, static_cast<uint32_t>(d)), px, py, {8, false, Rgba{110, 96, 112, 255}}, 3);
    }
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
    struct Sum {
        uint32_t count = 0;
        double mu = 0, inv = 0, tax = 0;
        void add(const allocate::Flow& f) {
            count += f.count;
            mu += f.area_mu;
            inv += f.investment_wan;
            tax += f.tax_wan;
        }
    } rest, total;
    const auto row = [&](std::string label, uint32_t count, double mu, double inv, double tax) {
        t.rows.push_back({std::move(label), std::to_string(count), mu_text(mu), number_text(inv, 0), number_text(tax, 0),
                          number_text(tax * first.tax_origin, 0)});
    };
    for (std::size_t k : shown) {
        const allocate::Flow& f = flows[k];
        row(fmt::format("{} → {}", district_label(city, *c.in.rules, f.origin), city.parks[f.park].name), f.count, f.area_mu, f.investment_wan,
            f.tax_wan);
    }
    for (std::size_t k : order) total.add(flows[k]);
    for (std::size_t k = shown.size(); k < order.size(); ++k) rest.add(flows[order[k]]);
    if (shown.size() < order.size())
        row(c.zh() ? fmt::format("其余 {} 条流向（图中未画）", order.size() - shown.size())
                   : fmt::format("{} smaller flows (not drawn)", order.size() - shown.size()),
            rest.count, rest.mu, rest.inv, rest.tax);
    row(c.tr("合计", "total"), total.count, total.mu, total.inv, total.tax);
    t.bold_last_rows = 1;
    y += draw_table(c, t, x, y, kPageHeight - 34 - y - 120);
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
