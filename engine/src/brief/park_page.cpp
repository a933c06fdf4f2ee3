// A park's page: its map zoomed to the park with the parcels by finding, its
// capacity, the largest idle and approved-but-unsupplied parcels with their
// reasons (numbered on the map), and the projects the plan places there.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "detail/pages.hpp"
#include "parkcap/core/units.hpp"
#include "parkcap/symbology/symbology.hpp"

namespace parkcap::brief::detail {

namespace {

using audit::FlagCode;

/// Idle first (take-back, then fee), then 批而未供: the findings a leader acts on.
bool is_listed(FlagCode f) {
    return f == FlagCode::IdleTakeback || f == FlagCode::IdleFee || f == FlagCode::ApprovedUnsupplied;
}

struct Listed {
    uint32_t parcel = 0;
    const audit::Flag* flag = nullptr;
};

/// The park's parcels of the listed findings, largest first, each parcel once
/// with its most severe listed flag.
std::vector<Listed> listed_parcels(const PageContext& c, std::size_t park) {
    const City& city = *c.in.city;
    std::vector<Listed> out;
    for (std::size_t i = 0; i < city.parcels.size(); ++i) {
        if (city.parcels.park[i] != static_cast<int32_t>(park)) continue;
        const audit::Flag* best = nullptr;
        for (const audit::Flag& f : c.in.audit->flags_of(i))
            if (is_listed(f.code) && (!best || audit::flag_info(f.code).map_rank < audit::flag_info(best->code).map_rank))
                best = &f;
        if (best) out.push_back({static_cast<uint32_t>(i), best});
    }
    std::stable_sort(out.begin(), out.end(), [&](const Listed& a, const Listed& b) {
        return city.parcels.area_m2[a.parcel] > city.parcels.area_m2[b.parcel];
    });
    return out;
}

/// A numbered disc on the map, matching a row of the table beside it.
constexpr double kMarkerRadius = 6.2;
void marker(cairo_t* cr, double x, double y, int n) {
    // A fresh path: the text drawn last left a current point the arc would join.
    cairo_new_path(cr);
    cairo_arc(cr, x, y, kMarkerRadius, 0, 2 * M_PI);
    set_colour(cr, kInk);
    cairo_fill_preserve(cr);
    set_colour(cr, kWhite);
    cairo_set_line_width(cr, 1);
    cairo_stroke(cr);
    const Text t(cr, std::to_string(n), {7, true, kWhite});
    t.draw(x - t.width() / 2, y - t.height() / 2);
}

/// The map classes of the park's own parcels, in legend order.
std::vector<std::size_t> classes_in_park(const PageContext& c, std::size_t park) {
    const City& city = *c.in.city;
    std::vector<bool> present(audit::kMapClassCount, false);
    for (std::size_t i = 0; i < city.parcels.size(); ++i)
        if (city.parcels.park[i] == static_cast<int32_t>(park)) present[c.map_class[i]] = true;
    std::vector<std::size_t> out;
    for (std::size_t k = 0; k < present.size(); ++k)
        if (present[k]) out.push_back(k);
    return out;
}

constexpr std::size_t kLegendColumns = 4;
constexpr double kLegendRow = 11;

/// Under the map, so the page reads without turning back to the city map's legend
/// and nothing covers a parcel.
void park_legend(const PageContext& c, const std::vector<std::size_t>& classes, double x0, double y0, double width) {
    const double col_w = width / kLegendColumns;
    for (std::size_t n = 0; n < classes.size(); ++n) {
        const audit::MapClassInfo& info = audit::kMapClasses[classes[n]];
        const double x = x0 + static_cast<double>(n % kLegendColumns) * col_w, y = y0 + static_cast<double>(n / kLegendColumns) * kLegendRow;
        rect(c.cr, x, y + 1.5, 9, 7, symbology::map_class_colour(static_cast<audit::MapClass>(classes[n])), &kMuted, 0.3);
        draw_text(c.cr, c.zh() ? info.title.zh : info.title.en, x + 12, y, {6.5, false, kInk, col_w - 14});
    }
}

}  // namespace

void draw_park(const PageContext& c, PageRecord& page) {
    cairo_t* cr = c.cr;
    const City& city = *c.in.city;
    const std::size_t p = static_cast<std::size_t>(page.park);
    const Park& park = city.parks[p];
    const audit::Capacity& k = c.in.audit->parks[p];
    std::string themes;
    for (const std::string& t : park.themes) themes += (themes.empty() ? "" : "、") + (t == "*" ? std::string(c.tr("不限", "any")) : t);
    draw_frame(c, page,
               c.zh() ? fmt::format("{}　{}　{}　主导产业 {}{}", park.park_id, chinese_name(park.level),
                                    district_label(city, *c.in.rules, park.district), themes, park.chem_park ? "　化工园区" : "")
                      : fmt::format("{}  {}  {}  themes {}{}", park.park_id, to_string(park.level),
                                    district_label(city, *c.in.rules, park.district), themes, park.chem_park ? "  chemical park" : ""));

    // The map: the park and what lies around it, at one scale.
    const std::vector<std::size_t> classes = classes_in_park(c, p);
    const double legend_h = static_cast<double>((classes.size() + kLegendColumns - 1) / kLegendColumns) * kLegendRow;
    const double map_w = 430, map_h = kPageHeight - 60 - 34 - legend_h - 6;
    MapPlacement m = fit(park.bounds, kMargin, 56, map_w, map_h, 0.06);
    begin_map(cr, m);
    draw_parcels(cr, m, city, c.fills, 0.25);
    draw_shoreline(cr, m, city, 3);
    draw_park_outlines(cr, m, city, 0.8, page.park);
    const std::vector<Listed> listed = listed_parcels(c, p);
    const std::size_t shown = std::min<std::size_t>(listed.size(), 6);
    for (std::size_t r = 0; r < shown; ++r) {
        const geom::Point at = city.parcels.centroid[listed[r].parcel];
        marker(cr, page_x(m, at.x), page_y(m, at.y), static_cast<int>(r + 1));
        page.markers.push_back({listed[r].parcel, static_cast<int>(r + 1), page_x(m, at.x), page_y(m, at.y), kMarkerRadius});
    }
    end_map(cr, m);
    park_legend(c, classes, m.frame_x_pt, m.frame_y_pt + m.frame_height_pt + 5, m.frame_width_pt);
    page.map = m;

    const double x = kMargin + map_w + 16, w = kPageWidth - kMargin - x;
    double y = 56;
    // The park's land by state, and the findings within it.
    draw_text(cr, c.zh() ? fmt::format("园区土地 {} 亩　{} 宗　利用率 {}", m2_mu_text(k.parcel_area_m2), k.parcels, percent_text(k.utilisation()))
                         : fmt::format("{} mu in {} parcels, utilisation {}", m2_mu_text(k.parcel_area_m2), k.parcels, percent_text(k.utilisation())),
              x, y, {10.5, true, kInk, w});
    y += 19;
    const auto status_m2 = [&](Status s) { return k.area_by_status_m2[static_cast<int>(s)]; };
    const auto flag_m2 = [&](FlagCode f) { return k.flag_area_m2[static_cast<int>(f)]; };
    std::vector<Bar> bars = {
        {c.tr("已建成", "built"), m2_mu_text(status_m2(Status::Built)), units::m2_to_mu(status_m2(Status::Built)), symbology::status_colour(Status::Built)},
        {c.tr("在建", "building"), m2_mu_text(status_m2(Status::Building)), units::m2_to_mu(status_m2(Status::Building)), symbology::status_colour(Status::Building)},
        {c.tr("已供未建", "supplied, not built"), m2_mu_text(status_m2(Status::Supplied)), units::m2_to_mu(status_m2(Status::Supplied)), symbology::status_colour(Status::Supplied)},
        {c.tr("　其中闲置", "  of which idle"), m2_mu_text(k.idle_m2), units::m2_to_mu(k.idle_m2), symbology::flag_colour(FlagCode::IdleFee)},
        {c.tr("批而未供", "approved, not supplied"), m2_mu_text(flag_m2(FlagCode::ApprovedUnsupplied)), units::m2_to_mu(flag_m2(FlagCode::ApprovedUnsupplied)), symbology::flag_colour(FlagCode::ApprovedUnsupplied)},
        {c.tr("储备地", "reserve"), m2_mu_text(status_m2(Status::Reserve)), units::m2_to_mu(status_m2(Status::Reserve)), symbology::map_class_colour(audit::kFlagCodeCount)},
        {c.tr("规划待报批", "planned"), m2_mu_text(k.planned_m2), units::m2_to_mu(k.planned_m2), symbology::map_class_colour(audit::kFlagCodeCount + 1)},
        {c.tr("可供（免指标）", "supply-ready"), m2_mu_text(k.supply_ready_m2), units::m2_to_mu(k.supply_ready_m2), Rgba{31, 78, 156, 255}},
        {c.tr("低效用地", "low efficiency"), m2_mu_text(k.low_efficiency_m2), units::m2_to_mu(k.low_efficiency_m2), symbology::flag_colour(FlagCode::LowFar)},
    };
    double max_mu = 0;
    for (const Bar& b : bars) max_mu = std::max(max_mu, b.amount);
    y += draw_bars(c, bars, x, y, w, 14, 82, max_mu);
    y += 10;

    // The largest idle and approved-unsupplied parcels, numbered as on the map.
    draw_text(cr, c.tr("最大的闲置与批而未供地块", "Largest idle and approved-unsupplied parcels"), x, y, {10, true, kInk, w});
    y += 16;
    if (listed.empty()) {
        draw_text(cr, c.tr("本园区无闲置或批而未供土地。", "No idle or approved-unsupplied land in this park."), x, y, {8, false, kMuted, w});
        y += 14;
    } else {
        Table t;
        t.header = {"#", c.tr("地块", "parcel"), c.tr("亩", "mu"), c.tr("发现与原因", "finding and reason")};
        t.widths = {14, 76, 36, w - 126};
        t.align = {Align::Left, Align::Left, Align::Right, Align::Left};
        t.size_pt = 7;
        t.max_lines = 3;
        for (std::size_t r = 0; r < shown; ++r) {
            const audit::Flag& f = *listed[r].flag;
            const audit::FlagInfo& info = audit::flag_info(f.code);
            t.rows.push_back({std::to_string(r + 1), std::string(city.parcels.parcel_id[listed[r].parcel]),
                              m2_mu_text(city.parcels.area_m2[listed[r].parcel]),
                              fmt::format("【{}】{}", c.zh() ? info.title.zh : info.title.en,
                                          c.zh() ? audit::reason_zh(f, city, *c.in.rules) : audit::reason_en(f, city, *c.in.rules))});
        }
        y += draw_table(c, t, x, y, 200);
        if (listed.size() > shown)
            draw_text(cr, c.zh() ? fmt::format("另有 {} 宗（见审计成果 parcel_flags 图层）", listed.size() - shown)
                                 : fmt::format("{} more in the audit's parcel_flags layer", listed.size() - shown),
                      x, y + 2, {7, false, kMuted, w});
        y += 14;
    }
    y += 6;

    // The projects the plan places here.
    if (!c.in.plan) return;
    const allocate::Plan& plan = *c.in.plan;
    std::vector<const allocate::Placement*> here;
    for (const auto& pl : plan.state.placements)
        if (plan.sites[pl.site].park == p) here.push_back(&pl);
    double here_mu = 0;
    for (const auto* pl : here) here_mu += pl->area_mu;
    draw_text(cr, c.zh() ? fmt::format("落位项目 {} 个，{} 亩", here.size(), mu_text(here_mu))
                         : fmt::format("{} projects placed, {} mu", here.size(), mu_text(here_mu)),
              x, y, {10, true, kInk, w});
    y += 16;
    if (here.empty()) return;
    Table t;
    t.header = {c.tr("项目", "project"), c.tr("来源", "from"), c.tr("亩", "mu"), c.tr("投资 万元", "invest. 万元")};
    t.widths = {w - 170, 60, 45, 65};
    t.align = {Align::Left, Align::Left, Align::Right, Align::Right};
    t.size_pt = 7;
    for (const auto* pl : here) {
        const Project& pr = city.projects[pl->project];
        t.rows.push_back({fmt::format("{} {}", pr.project_id, pr.name),
                          district_label(city, *c.in.rules, pr.origin) + (pl->enclave ? c.tr("（飞地）", " (enclave)") : ""),
                          mu_text(pl->area_mu), number_text(pr.investment_wan, 0)});
    }
    std::size_t left_out = 0;
    const double used = draw_table(c, t, x, y, kPageHeight - 34 - y - 12, &left_out);
    if (left_out > 0)
        draw_text(cr, c.zh() ? fmt::format("另有 {} 个项目见方案成果 allocation 图层", left_out)
                             : fmt::format("{} more in the plan's allocation layer", left_out),
                  x, y + used + 2, {7, false, kMuted, w});
}

}  // namespace parkcap::brief::detail
