#include "parkcap/brief/brief.hpp"

#include <algorithm>
#include <cmath>

#include <cairo-pdf.h>
#include <fmt/format.h>

#include "detail/labels.hpp"
#include "detail/pages.hpp"
#include "parkcap/carto/labels.hpp"
#include "parkcap/carto/names.hpp"
#include "parkcap/carto/park_symbols.hpp"
#include "parkcap/core/atomic_file.hpp"
#include "parkcap/core/error.hpp"
#include "parkcap/core/units.hpp"
#include "parkcap/symbology/symbology.hpp"

namespace parkcap::brief {

const char* to_string(PageKind k) {
    switch (k) {
    case PageKind::Cover: return "cover";
    case PageKind::CityMap: return "city_map";
    case PageKind::Park: return "park";
    case PageKind::Ledger: return "ledger";
    case PageKind::Flows: return "flows";
    case PageKind::Ranking: return "ranking";
    case PageKind::Disposal: return "disposal";
    }
    return "?";
}

std::vector<PageRecord> plan_pages(const BriefInputs& in, const BriefOptions& options) {
    const bool zh = options.lang == Lang::Zh;
    std::vector<PageRecord> pages;
    const auto add = [&](PageKind kind, std::string title, int32_t park = -1) {
        PageRecord p;
        p.number = static_cast<int>(pages.size()) + 1;
        p.kind = kind;
        p.park = park;
        p.title = std::move(title);
        pages.push_back(std::move(p));
    };
    add(PageKind::Cover, zh ? "园区土地与产能简报" : "Land and park capacity briefing");
    add(PageKind::CityMap, zh ? "全市土地现状图" : "The city's land");
    for (std::size_t p = 0; p < in.city->parks.size(); ++p)
        add(PageKind::Park, in.city->parks[p].name.empty() ? in.city->parks[p].park_id : in.city->parks[p].name,
            static_cast<int32_t>(p));
    if (in.plan) {
        add(PageKind::Ledger, zh ? "用地指标台账" : "Quota ledger");
        add(PageKind::Flows, zh ? "飞地项目流向与利益分成" : "Enclave flows and benefit shares");
    }
    if (in.evaluation) add(PageKind::Ranking, zh ? "园区集约利用评价排名" : "Park ranking (TD/T 1029)");
    if (in.progress) add(PageKind::Disposal, zh ? "存量土地处置进度" : "Disposal progress");
    return pages;
}

namespace detail {

std::string number_text(double v, int decimals) {
    if (!std::isfinite(v)) return "—";
    std::string s = fmt::format("{:.{}f}", std::abs(v), decimals);
    const std::size_t dot = s.find('.');
    std::size_t int_end = dot == std::string::npos ? s.size() : dot;
    for (std::size_t k = int_end; k > 3; k -= 3) s.insert(k - 3, ",");
    return (v < 0 && s.find_first_not_of("0.,") != std::string::npos ? "-" : "") + s;
}
std::string mu_text(double mu) { return number_text(mu, 1); }
std::string m2_mu_text(double m2) { return mu_text(units::m2_to_mu(m2)); }
std::string percent_text(double ratio) { return std::isfinite(ratio) ? fmt::format("{:.0f}%", ratio * 100) : "—"; }

std::string district_label(const City& city, const rules::Rules& rules, uint32_t d) {
    return carto::district_name(city, rules, d).text;
}

void draw_frame(const PageContext& c, const PageRecord& page, const std::string& subtitle) {
    cairo_t* cr = c.cr;
    const Text title(cr, page.title, {17, true, kInk});
    title.draw(kMargin, 18);
    draw_text(cr, subtitle, kMargin + title.width() + 14, 18 + title.height() - 14,
              {9.5, false, kMuted, kPageWidth - 2 * kMargin - title.width() - 14});
    line(cr, kMargin, 46, kPageWidth - kMargin, 46, kInk, 1.2);
    draw_footer(c, page);
}

void draw_footer(const PageContext& c, const PageRecord& page) {
    cairo_t* cr = c.cr;
    const audit::Audit& a = *c.in.audit;
    const std::string footer =
        c.zh() ? fmt::format("数据：{}　　数据截至：{}　　规则：{}　　生成日期：{}", c.options.data_label, a.as_of.iso(),
                             a.rules_version, c.options.run_date.iso())
               : fmt::format("Data: {}    As of: {}    Rules: {}    Run: {}", c.options.data_label, a.as_of.iso(),
                             a.rules_version, c.options.run_date.iso());
    line(cr, kMargin, kPageHeight - 24, kPageWidth - kMargin, kPageHeight - 24, kRule, 0.6);
    draw_text(cr, footer, kMargin, kPageHeight - 20, {7.5, false, kMuted, kPageWidth - 2 * kMargin - 90});
    const std::string number = c.zh() ? fmt::format("第 {} 页 / 共 {} 页", page.number, c.total_pages)
                                      : fmt::format("page {} of {}", page.number, c.total_pages);
    draw_text(cr, number, kPageWidth - kMargin - 120, kPageHeight - 20, {7.5, false, kMuted, 120, 1, Align::Right});
}

double draw_table(const PageContext& c, const Table& t, double x, double y, double max_height, std::size_t* left_out) {
    cairo_t* cr = c.cr;
    const double pad = t.pad_pt;
    double total_w = 0;
    for (double w : t.widths) total_w += w;
    const auto row_height = [&](const std::vector<std::string>& row, bool bold) {
        double h = 0;
        for (std::size_t k = 0; k < row.size() && k < t.widths.size(); ++k)
            h = std::max(h, Text(cr, row[k], {t.size_pt, bold, kInk, t.widths[k] - 2 * pad, bold ? 1 : t.max_lines}).height());
        return h + 2 * pad;
    };
    const auto draw_row = [&](const std::vector<std::string>& row, double yy, double h, bool bold, Rgba colour) {
        double xx = x;
        for (std::size_t k = 0; k < row.size() && k < t.widths.size(); ++k) {
            const Align al = k < t.align.size() ? t.align[k] : Align::Left;
            draw_text(cr, row[k], xx + pad, yy + pad, {t.size_pt, bold, colour, t.widths[k] - 2 * pad, bold ? 1 : t.max_lines, al});
            xx += t.widths[k];
        }
        (void)h;
    };
    double yy = y;
    const double hh = row_height(t.header, true);
    rect(cr, x, yy, total_w, hh, Rgba{232, 237, 243, 255});
    draw_row(t.header, yy, hh, true, kInk);
    yy += hh;
    std::size_t drawn = 0;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        const bool total = static_cast<int>(t.rows.size() - r) <= t.bold_last_rows;
        const double h = row_height(t.rows[r], total);
        if (yy + h - y > max_height) break;
        if (total) line(cr, x, yy, x + total_w, yy, kInk, 0.8);
        else if (r % 2 == 1) rect(cr, x, yy, total_w, h, Rgba{246, 248, 250, 255});
        draw_row(t.rows[r], yy, h, total, kInk);
        yy += h;
        ++drawn;
    }
    line(cr, x, yy, x + total_w, yy, kRule, 0.6);
    if (left_out) *left_out = t.rows.size() - drawn;
    return yy - y;
}

double draw_bars(const PageContext& c, const std::vector<Bar>& bars, double x, double y, double width, double row_pt,
                 double label_width, double max_value) {
    cairo_t* cr = c.cr;
    const double value_width = 62;
    const double bar_width = width - label_width - value_width - 6;
    double yy = y;
    for (const Bar& b : bars) {
        draw_text(cr, b.label, x, yy + (row_pt - 10) / 2, {8, false, kInk, label_width - 4});
        const double w = max_value > 0 ? std::max(0.0, b.amount) / max_value * bar_width : 0;
        rect(cr, x + label_width, yy + 2, bar_width, row_pt - 4, Rgba{242, 244, 246, 255});
        if (w > 0) rect(cr, x + label_width, yy + 2, std::max(w, 0.8), row_pt - 4, b.colour);
        draw_text(cr, b.value, x + label_width + bar_width + 6, yy + (row_pt - 10) / 2, {8, true, kInk, value_width});
        yy += row_pt;
    }
    return yy - y;
}

namespace {

/// A headline figure: a big number, its unit, what it is, and one line of context.
void figure_tile(const PageContext& c, double x, double y, double w, double h, const std::string& label,
                 const std::string& value, const std::string& unit, const std::string& note, Rgba accent) {
    cairo_t* cr = c.cr;
    rect(cr, x, y, w, h, lighter(accent, 0.88));
    rect(cr, x, y, 4, h, accent);
    draw_text(cr, label, x + 12, y + 9, {10.5, true, kInk, w - 18});
    const Text v(cr, value, {24, true, kInk});
    v.draw(x + 12, y + 28);
    draw_text(cr, unit, x + 16 + v.width(), y + 28 + v.height() - 17, {10, false, kInk});
    draw_text(cr, note, x + 12, y + h - 22, {8, false, kMuted, w - 18, 2});
}

}  // namespace

void draw_cover(const PageContext& c, const PageRecord& page) {
    cairo_t* cr = c.cr;
    const City& city = *c.in.city;
    const audit::Audit& a = *c.in.audit;
    const audit::Capacity& k = a.city;
    using audit::FlagCode;
    const auto flag_m2 = [&](FlagCode f) { return k.flag_area_m2[static_cast<int>(f)]; };

    // The cover has its own title block instead of the page band.
    draw_text(cr, page.title, kMargin, 34, {28, true, kInk});
    draw_text(cr,
              c.zh() ? fmt::format("数据截至 {}　·　{} 个园区　·　{} 宗地块 {} 亩", a.as_of.iso(), city.parks.size(),
                                   city.parcels.size(), m2_mu_text(k.parcel_area_m2))
                     : fmt::format("As of {}  ·  {} parks  ·  {} parcels, {} mu", a.as_of.iso(), city.parks.size(),
                                   city.parcels.size(), m2_mu_text(k.parcel_area_m2)),
              kMargin, 76, {12, false, kMuted});
    line(cr, kMargin, 100, kPageWidth - kMargin, 100, kInk, 1.5);

    const double gap = 10, tile_w = (kPageWidth - 2 * kMargin - 2 * gap) / 3, tile_h = 92;
    double y = 114;
    const Rgba idle = symbology::flag_colour(FlagCode::IdleFee), approved = symbology::flag_colour(FlagCode::ApprovedUnsupplied);
    figure_tile(c, kMargin, y, tile_w, tile_h, c.tr("闲置土地", "Idle land"), m2_mu_text(k.idle_m2), c.tr("亩", "mu"),
                c.zh() ? fmt::format("其中满两年可收回 {} 亩，征收闲置费 {} 亩", m2_mu_text(flag_m2(FlagCode::IdleTakeback)),
                                     m2_mu_text(flag_m2(FlagCode::IdleFee)))
                       : fmt::format("{} mu idle two years (take back), {} mu idle fee", m2_mu_text(flag_m2(FlagCode::IdleTakeback)),
                                     m2_mu_text(flag_m2(FlagCode::IdleFee))),
                idle);
    figure_tile(c, kMargin + tile_w + gap, y, tile_w, tile_h, c.tr("批而未供", "Approved, not supplied"),
                m2_mu_text(flag_m2(FlagCode::ApprovedUnsupplied)), c.tr("亩", "mu"),
                c.zh() ? fmt::format("{} 宗；可收回土地合计 {} 亩", k.flag_counts[static_cast<int>(FlagCode::ApprovedUnsupplied)],
                                     m2_mu_text(k.reclaimable_m2))
                       : fmt::format("{} parcels; reclaimable land in all {} mu",
                                     k.flag_counts[static_cast<int>(FlagCode::ApprovedUnsupplied)], m2_mu_text(k.reclaimable_m2)),
                approved);
    figure_tile(c, kMargin + 2 * (tile_w + gap), y, tile_w, tile_h, c.tr("低效用地", "Low-efficiency land"),
                m2_mu_text(k.low_efficiency_m2), c.tr("亩", "mu"),
                c.zh() ? fmt::format("可直接供地（无需新增指标）{} 亩；规划待报批 {} 亩", m2_mu_text(k.supply_ready_m2),
                                     m2_mu_text(k.planned_m2))
                       : fmt::format("supply-ready (no new quota) {} mu; planned {} mu", m2_mu_text(k.supply_ready_m2),
                                     m2_mu_text(k.planned_m2)),
                symbology::flag_colour(FlagCode::LowFar));
    y += tile_h + gap;
    if (c.in.plan) {
        const allocate::Plan& plan = *c.in.plan;
        double available = 0, consumed = 0, remaining = 0, placed_mu = 0;
        for (const auto& row : plan.state.ledger) {
            available += row.available_mu();
            consumed += row.consumed_mu;
            remaining += row.remaining_mu();
        }
        std::size_t placed = plan.state.placements.size(), enclave = 0, refused = 0;
        for (const auto& pl : plan.state.placements) {
            placed_mu += pl.area_mu;
            enclave += pl.enclave ? 1 : 0;
        }
        for (const auto& r : plan.refusals) refused += r.empty() ? 0 : 1;
        const Rgba quota_colour{31, 78, 156, 255}, project_colour{0, 131, 143, 255};
        figure_tile(c, kMargin, y, tile_w, tile_h, c.tr("剩余用地指标", "Quota left"), mu_text(remaining), c.tr("亩", "mu"),
                    c.zh() ? fmt::format("可用 {} 亩，本方案使用 {} 亩", mu_text(available), mu_text(consumed))
                           : fmt::format("of {} mu available; this plan uses {} mu", mu_text(available), mu_text(consumed)),
                    quota_colour);
        figure_tile(c, kMargin + tile_w + gap, y, tile_w, tile_h, c.tr("招商项目落位", "Projects placed"),
                    fmt::format("{} / {}", placed, city.projects.size()), c.tr("个", ""),
                    c.zh() ? fmt::format("落位用地 {} 亩；不予准入 {} 个", mu_text(placed_mu), refused)
                           : fmt::format("{} mu placed; {} refused", mu_text(placed_mu), refused),
                    project_colour);
        figure_tile(c, kMargin + 2 * (tile_w + gap), y, tile_w, tile_h, c.tr("飞地项目", "Enclave projects"),
                    std::to_string(enclave), c.tr("个", ""),
                    c.zh() ? "跨区县落位，税收与 GDP 按协议分成（见飞地流向页）"
                           : "placed across district lines, tax and GDP shared (see the flows page)",
                    symbology::sector_colour(7));
        y += tile_h + gap;
    }

    // Which parks have idle land and how much: a row per park, with its page.
    y += 4;
    draw_text(cr, c.tr("各园区土地一览（亩）", "Parks at a glance (mu)"), kMargin, y, {11, true, kInk});
    y += 18;
    Table t;
    t.header = {c.tr("园区", "park"),         c.tr("地块面积", "parcels"),   c.tr("闲置", "idle"),
                c.tr("批而未供", "approved"),   c.tr("可供（免指标）", "supply-ready"), c.tr("规划", "planned"),
                c.tr("土地利用率", "utilisation"), c.tr("落位项目", "projects"), c.tr("页码", "page")};
    t.widths = {196, 78, 70, 70, 88, 70, 76, 70, 68};
    t.align = {Align::Left, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right,
               Align::Right};
    t.size_pt = 8.5;
    std::vector<std::size_t> placed_in(city.parks.size(), 0);
    if (c.in.plan)
        for (const auto& pl : c.in.plan->state.placements) ++placed_in[c.in.plan->sites[pl.site].park];
    for (std::size_t p = 0; p < city.parks.size(); ++p) {
        const audit::Capacity& pk = a.parks[p];
        t.rows.push_back({city.parks[p].name, m2_mu_text(pk.parcel_area_m2), m2_mu_text(pk.idle_m2),
                          m2_mu_text(pk.flag_area_m2[static_cast<int>(FlagCode::ApprovedUnsupplied)]),
                          m2_mu_text(pk.supply_ready_m2), m2_mu_text(pk.planned_m2), percent_text(pk.utilisation()),
                          c.in.plan ? std::to_string(placed_in[p]) : "—", std::to_string(3 + p)});
    }
    std::size_t left_out = 0;
    const double used = draw_table(c, t, kMargin, y, kPageHeight - 30 - y - 14, &left_out);
    if (left_out > 0)
        draw_text(cr,
                  c.zh() ? fmt::format("另有 {} 个园区见各园区页", left_out) : fmt::format("{} more parks on their pages", left_out),
                  kMargin, y + used + 2, {8, false, kMuted});
    draw_footer(c, page);
}

void draw_city_map(const PageContext& c, PageRecord& page) {
    cairo_t* cr = c.cr;
    const City& city = *c.in.city;
    draw_frame(c, page,
               c.zh() ? "地块按审计发现着色：闲置、批而未供、供而未用、低效用地，其余按现状"
                      : "Parcels by audit finding; the rest by state");
    const double map_w = 560, map_h = kPageHeight - 60 - 34;
    MapPlacement m = fit(city.extent, kMargin, 56, map_w, map_h, 0.02);
    begin_map(cr, m);
    for (std::size_t p = 0; p < city.park_geometry.size(); ++p) {
        polygon_path(cr, m, city.park_geometry, p);
        set_colour(cr, symbology::kParkFill);
        cairo_fill(cr);
    }
    draw_parcels(cr, m, city, c.fills, 0);
    draw_district_outlines(cr, m, city);
    draw_shoreline(cr, m, city, 2.2);
    draw_park_outlines(cr, m, city, 1.0);
    // Parks too small to see at this scale as the viewer draws them: a pie of their
    // land sized by their area (carto's symbols, the rules' [map] sizes in mm).
    const std::vector<double> diameter = park_symbol_diameters_pt(m, city, *c.in.rules);
    const std::vector<carto::LandParts> parts = carto::park_land_parts(city, *c.in.audit);
    const double symbol_clearance = 1.5 * kPtPerViewerPx;
    std::vector<carto::Disc> discs;
    for (std::size_t p = 0; p < city.parks.size(); ++p) {
        if (diameter[p] <= 0) continue;
        const geom::Point a = park_anchor_pt(m, city, p);
        draw_park_pie(cr, a.x, a.y, diameter[p] / 2, parts[p]);
        discs.push_back({a, diameter[p] / 2 + symbol_clearance});
    }
    const std::vector<geom::Box> furniture = draw_map_furniture(cr, m, city, c.zh());
    // Labels by the viewer's priorities: every park (its name and its idle and stock
    // land), then the district names where room is left.
    std::vector<MapLabel> labels;
    for (std::size_t p = 0; p < city.parks.size(); ++p) {
        const Park& park = city.parks[p];
        const std::string idle = m2_mu_text(parts[p][carto::LandPart::Idle]), stock = m2_mu_text(parts[p][carto::LandPart::Stock]);
        MapLabel l;
        l.kind = "park";
        l.text = fmt::format("{}\n{}", park.name.empty() ? park.park_id : park.name,
                             c.zh() ? fmt::format("闲置 {} · 存量 {} 亩", idle, stock) : fmt::format("idle {} · stock {} mu", idle, stock));
        l.style = {8, true, symbology::kLabelText};
        l.request.anchor = park_anchor_pt(m, city, p);
        l.request.anchor_radius = diameter[p] > 0 ? diameter[p] / 2 + symbol_clearance : 0;
        l.request.centred_first = diameter[p] <= 0;
        l.request.priority = carto::park_label_priority(park.area_m2);
        labels.push_back(std::move(l));
    }
    for (std::size_t d = 0; d < city.districts.size(); ++d) {
        const geom::Point at = allocate::district_centre(city, static_cast<uint32_t>(d));
        if (std::isnan(at.x)) continue;
        MapLabel l;
        l.kind = "district";
        l.text = district_label(city, *c.in.rules, static_cast<uint32_t>(d));
        l.style = {8.5, false, symbology::kDistrictLabelText};
        l.request.anchor = {page_x(m, at.x), page_y(m, at.y)};
        l.request.centred_first = true;
        l.request.priority = carto::district_label_priority(c.in.audit->districts[d].capacity.parcel_area_m2, false);
        labels.push_back(std::move(l));
    }
    const std::vector<carto::LabelPlacement> placed = place_map_labels(cr, m, labels, furniture, discs);
    draw_map_labels(cr, labels, placed, page);
    end_map(cr, m);
    page.map = m;

    // The legend: what each colour is and how much of it there is.
    double x = kMargin + map_w + 16, y = 58;
    const double w = kPageWidth - kMargin - x;
    draw_text(cr, c.tr("图例（地块数 / 亩）", "Legend (parcels / mu)"), x, y, {10.5, true, kInk});
    y += 18;
    symbology::ParcelSymbols symbols{&city.parcels, &c.map_class, c.in.audit, nullptr, nullptr};
    const auto entries = symbology::legend(symbology::ColourBy::Flag, c.options.lang,
                                           symbology::legend_counts(symbols, symbology::ColourBy::Flag));
    for (const auto& e : entries) {
        if (e.parcels == 0) continue;
        rect(cr, x, y + 1, 12, 9, e.colour, &kMuted, 0.3);
        draw_text(cr, e.label, x + 17, y, {7.5, false, kInk, w - 17 - 70});
        draw_text(cr, fmt::format("{} / {}", e.parcels, m2_mu_text(e.area_m2)), x + w - 70, y, {7.5, false, kMuted, 70, 1, Align::Right});
        y += 13;
    }
    y += 8;
    draw_text(cr, c.tr("岸线功能区", "Shoreline zones"), x, y, {9, true, kInk});
    y += 15;
    const std::pair<ShoreZone, const char*> zones[] = {{ShoreZone::Protect, "保护区"}, {ShoreZone::Reserve, "保留区"},
                                                       {ShoreZone::Control, "控制利用区"}, {ShoreZone::Develop, "开发利用区"}};
    for (const auto& [zone, zh_name] : zones) {
        line(cr, x, y + 5, x + 14, y + 5, symbology::shore_zone_colour(zone), 2.2);
        draw_text(cr, c.zh() ? zh_name : to_string(zone), x + 19, y, {7.5, false, kInk});
        y += 13;
    }
    y += 8;
    draw_text(cr, c.tr("园区饼图：土地构成，大小按面积", "Park pies: land by state, sized by area"), x, y, {9, true, kInk, w});
    y += 15;
    for (std::size_t s = 0; s < carto::kLandPartCount; ++s) {
        const auto part = static_cast<carto::LandPart>(s);
        rect(cr, x, y + 1, 12, 9, symbology::land_part_colour(part), &kMuted, 0.3);
        draw_text(cr, c.zh() ? carto::land_part_title_zh(part) : carto::land_part_title_en(part), x + 17, y,
                  {7.5, false, kInk});
        y += 13;
    }
    y += 8;
    const Rgba outline = symbology::kParkOutline;
    rect(cr, x, y + 1, 12, 9, symbology::kParkFill, &outline, 1.0);
    draw_text(cr, c.tr("园区边界", "park boundary"), x + 17, y, {7.5, false, kInk});
    y += 13;
    cairo_save(cr);
    const double dash[] = {4, 2};
    cairo_set_dash(cr, dash, 2, 0);
    line(cr, x, y + 5, x + 14, y + 5, symbology::kDistrictOutline, 0.9);
    cairo_restore(cr);
    draw_text(cr, c.tr("区县界", "district boundary"), x + 19, y, {7.5, false, kInk});
}

}  // namespace detail

BriefLayout write_brief_pdf(const std::string& path, const BriefInputs& in, const BriefOptions& options) {
    BriefLayout layout;
    layout.pages = plan_pages(in, options);
    // A3 is A4 scaled by √2 (ISO 216): the same drawing on 1190.55 × 841.89 pt.
    const bool a3 = options.paper == Paper::A3;
    layout.page_width_pt = a3 ? 1190.55 : detail::kPageWidth;
    layout.page_height_pt = a3 ? 841.89 : detail::kPageHeight;
    const double scale = layout.page_width_pt / detail::kPageWidth;

    AtomicOutput out(path);
    cairo_surface_t* surface = cairo_pdf_surface_create(out.temp_path().c_str(), layout.page_width_pt, layout.page_height_pt);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        throw OutputError(fmt::format("{}: cannot create the PDF", path));
    }
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, layout.pages.front().title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "parkcap brief");
    cairo_t* cr = cairo_create(surface);

    detail::PageContext c{cr, in, options, static_cast<int>(layout.pages.size()), {}, {}};
    c.map_class.resize(in.city->parcels.size());
    for (std::size_t i = 0; i < c.map_class.size(); ++i)
        c.map_class[i] = audit::map_class(in.audit->flags_of(i), in.city->parcels.status[i]);
    symbology::ParcelSymbols symbols{&in.city->parcels, &c.map_class, in.audit, nullptr, nullptr};
    c.fills = symbology::parcel_colours(symbols, symbology::ColourBy::Flag);

    for (PageRecord& page : layout.pages) {
        cairo_save(cr);
        cairo_scale(cr, scale, scale);
        switch (page.kind) {
        case PageKind::Cover: detail::draw_cover(c, page); break;
        case PageKind::CityMap: detail::draw_city_map(c, page); break;
        case PageKind::Park: detail::draw_park(c, page); break;
        case PageKind::Ledger: detail::draw_ledger(c, page); break;
        case PageKind::Flows: detail::draw_flows(c, page); break;
        case PageKind::Ranking: detail::draw_ranking(c, page); break;
        case PageKind::Disposal: detail::draw_disposal(c, page); break;
        }
        cairo_restore(cr);
        cairo_show_page(cr);
        if (page.map) {
            // Reported in the page's own points (an A3 page is the drawing scaled).
            MapPlacement& m = *page.map;
            m.origin_x_pt *= scale;
            m.origin_y_pt *= scale;
            m.pt_per_m *= scale;
            m.frame_x_pt *= scale;
            m.frame_y_pt *= scale;
            m.frame_width_pt *= scale;
            m.frame_height_pt *= scale;
        }
        for (PlacedLabel& l : page.labels) {
            l.x0_pt *= scale;
            l.y0_pt *= scale;
            l.x1_pt *= scale;
            l.y1_pt *= scale;
        }
        for (DrawnArc& a : page.arcs)
            for (double* v : {&a.from_x_pt, &a.from_y_pt, &a.control_x_pt, &a.control_y_pt, &a.to_x_pt, &a.to_y_pt, &a.width_pt}) *v *= scale;
        for (Marker& k : page.markers) {
            k.x_pt *= scale;
            k.y_pt *= scale;
            k.radius_pt *= scale;
        }
    }
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    const cairo_status_t status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS)
        throw OutputError(fmt::format("{}: cannot write the PDF: {}", path, cairo_status_to_string(status)));
    out.commit();
    return layout;
}

}  // namespace parkcap::brief
