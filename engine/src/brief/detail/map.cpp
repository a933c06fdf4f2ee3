#include "map.hpp"

#include <algorithm>
#include <cmath>

#include "parkcap/carto/map_furniture.hpp"
#include "parkcap/symbology/symbology.hpp"

namespace parkcap::brief::detail {

MapPlacement fit(const geom::Box& world, double x, double y, double w, double h, double margin) {
    const double ww = std::max(world.max_x - world.min_x, 1.0), wh = std::max(world.max_y - world.min_y, 1.0);
    const double scale = std::min(w / (ww * (1 + 2 * margin)), h / (wh * (1 + 2 * margin)));
    const double cx = (world.min_x + world.max_x) / 2, cy = (world.min_y + world.max_y) / 2;
    MapPlacement m;
    m.pt_per_m = scale;
    m.origin_x_pt = x + w / 2 - cx * scale;
    m.origin_y_pt = y + h / 2 + cy * scale;
    m.frame_x_pt = x;
    m.frame_y_pt = y;
    m.frame_width_pt = w;
    m.frame_height_pt = h;
    return m;
}

void begin_map(cairo_t* cr, const MapPlacement& m) {
    cairo_save(cr);
    cairo_rectangle(cr, m.frame_x_pt, m.frame_y_pt, m.frame_width_pt, m.frame_height_pt);
    cairo_clip(cr);
    rect(cr, m.frame_x_pt, m.frame_y_pt, m.frame_width_pt, m.frame_height_pt, symbology::kMapBackground);
}

void end_map(cairo_t* cr, const MapPlacement& m) {
    cairo_restore(cr);
    const Rgba frame{120, 130, 140, 255};
    cairo_rectangle(cr, m.frame_x_pt, m.frame_y_pt, m.frame_width_pt, m.frame_height_pt);
    set_colour(cr, frame);
    cairo_set_line_width(cr, 0.6);
    cairo_stroke(cr);
}

void polygon_path(cairo_t* cr, const MapPlacement& m, const geom::MultiPolygonColumn& column, std::size_t f) {
    for (std::size_t k = 0; k < column.polygon_count(f); ++k)
        for (std::size_t r = column.ring_begin(f, k); r < column.ring_end(f, k); ++r) {
            const auto ring = column.ring(r);
            if (ring.empty()) continue;
            cairo_move_to(cr, page_x(m, ring[0].x), page_y(m, ring[0].y));
            for (std::size_t i = 1; i < ring.size(); ++i) cairo_line_to(cr, page_x(m, ring[i].x), page_y(m, ring[i].y));
            cairo_close_path(cr);
        }
}

namespace {

bool in_frame(const MapPlacement& m, const geom::Box& b) {
    return page_x(m, b.max_x) >= m.frame_x_pt && page_x(m, b.min_x) <= m.frame_x_pt + m.frame_width_pt &&
           page_y(m, b.min_y) >= m.frame_y_pt && page_y(m, b.max_y) <= m.frame_y_pt + m.frame_height_pt;
}

Rgba darker(Rgba c, double t) {
    const auto mix = [t](int v) { return static_cast<int>(std::lround(v * (1 - t))); };
    return {mix(c.r), mix(c.g), mix(c.b), c.a};
}

}  // namespace

void draw_parcels(cairo_t* cr, const MapPlacement& m, const City& city, const std::vector<Rgba>& fills,
                  double outline_pt) {
    const auto& g = city.parcels.geometry;
    // Holes are land outside the parcel: even-odd fills them with what lies below.
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    for (std::size_t i = 0; i < g.size(); ++i) {
        if (!in_frame(m, g.bounds(i))) continue;
        polygon_path(cr, m, g, i);
        set_colour(cr, fills[i]);
        if (outline_pt > 0) {
            cairo_fill_preserve(cr);
            set_colour(cr, darker(fills[i], 0.35));
            cairo_set_line_width(cr, outline_pt);
            cairo_stroke(cr);
        } else {
            cairo_fill(cr);
        }
    }
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
}

void draw_district_outlines(cairo_t* cr, const MapPlacement& m, const City& city) {
    const double dash[] = {4, 2};
    cairo_save(cr);
    cairo_set_dash(cr, dash, 2, 0);
    for (std::size_t d = 0; d < city.district_geometry.size(); ++d) {
        polygon_path(cr, m, city.district_geometry, d);
        set_colour(cr, symbology::kDistrictOutline);
        cairo_set_line_width(cr, 0.9);
        cairo_stroke(cr);
    }
    cairo_restore(cr);
}

void draw_park_outlines(cairo_t* cr, const MapPlacement& m, const City& city, double width_pt, int32_t emphasised) {
    for (std::size_t p = 0; p < city.park_geometry.size(); ++p) {
        polygon_path(cr, m, city.park_geometry, p);
        set_colour(cr, symbology::kParkOutline);
        cairo_set_line_width(cr, static_cast<int32_t>(p) == emphasised ? width_pt * 2 : width_pt);
        cairo_stroke(cr);
    }
}

void draw_shoreline(cairo_t* cr, const MapPlacement& m, const City& city, double width_pt) {
    cairo_save(cr);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    for (const ShoreSegment& s : city.shoreline) {
        for (const auto& part : s.parts) {
            if (part.empty()) continue;
            cairo_move_to(cr, page_x(m, part[0].x), page_y(m, part[0].y));
            for (std::size_t i = 1; i < part.size(); ++i) cairo_line_to(cr, page_x(m, part[i].x), page_y(m, part[i].y));
        }
        set_colour(cr, symbology::shore_zone_colour(s.zone));
        cairo_set_line_width(cr, width_pt);
        cairo_stroke(cr);
    }
    cairo_restore(cr);
}

geom::Point park_anchor_pt(const MapPlacement& m, const City& city, std::size_t park) {
    geom::Point c = city.park_geometry.centroid(park);
    if (std::isnan(c.x)) {
        const geom::Box& b = city.parks[park].bounds;
        c = {(b.min_x + b.max_x) / 2, (b.min_y + b.max_y) / 2};
    }
    return {page_x(m, c.x), page_y(m, c.y)};
}

std::vector<double> park_symbol_diameters_pt(const MapPlacement& m, const City& city, const rules::Rules& rules) {
    std::vector<double> areas;
    for (const Park& p : city.parks) areas.push_back(p.area_m2);
    const rules::MapRules& r = rules.map;
    const carto::SymbolScale scale{r.park_symbol_below_mm * kPtPerMm, r.park_symbol_min_mm * kPtPerMm, r.park_symbol_max_mm * kPtPerMm};
    return carto::symbol_diameters(areas, m.pt_per_m, scale);
}

void draw_park_pie(cairo_t* cr, double x, double y, double r, const carto::LandParts& parts) {
    const double total = parts.total_m2();
    cairo_new_path(cr);
    if (total <= 0) {
        cairo_arc(cr, x, y, r, 0, 2 * M_PI);
        set_colour(cr, symbology::kParkFill);
        cairo_fill(cr);
    }
    double angle = -M_PI / 2;
    for (std::size_t k = 0; k < carto::kLandPartCount && total > 0; ++k) {
        if (parts.area_m2[k] <= 0) continue;
        const double sweep = 2 * M_PI * parts.area_m2[k] / total;
        cairo_new_path(cr);
        cairo_move_to(cr, x, y);
        cairo_arc(cr, x, y, r, angle, angle + sweep);
        cairo_close_path(cr);
        set_colour(cr, symbology::land_part_colour(static_cast<carto::LandPart>(k)));
        cairo_fill(cr);
        angle += sweep;
    }
    cairo_new_path(cr);
    cairo_arc(cr, x, y, r, 0, 2 * M_PI);
    set_colour(cr, symbology::kParkOutline);
    cairo_set_line_width(cr, 1.2);
    cairo_stroke(cr);
}

std::vector<geom::Box> draw_map_furniture(cairo_t* cr, const MapPlacement& m, const City& city, bool zh) {
    std::vector<geom::Box> taken;
    const Rgba ink{30, 30, 30, 255}, panel{255, 255, 255, 215};
    const TextStyle small{7, false, ink};
    // The scale bar: a round length near a fifth of the frame, in four alternating parts.
    const double x0 = m.frame_x_pt + 10, y_bar = m.frame_y_pt + m.frame_height_pt - 12, bar_h = 3.5;
    const double length_m = carto::scale_bar_length_m(m.frame_width_pt / 5 / m.pt_per_m);
    const double len = length_m * m.pt_per_m;
    const Text zero(cr, "0", small), end_label(cr, carto::distance_text(length_m), small);
    const geom::Box bar_box{x0 - 5, y_bar - zero.height() - 4, x0 + len + end_label.width() / 2 + 5, y_bar + bar_h + 4};
    rect(cr, bar_box.min_x, bar_box.min_y, bar_box.max_x - bar_box.min_x, bar_box.max_y - bar_box.min_y, panel);
    for (int i = 0; i < 4; ++i) rect(cr, x0 + len * i / 4, y_bar, len / 4, bar_h, i % 2 ? Rgba{255, 255, 255, 255} : ink);
    cairo_rectangle(cr, x0, y_bar, len, bar_h);
    set_colour(cr, ink);
    cairo_set_line_width(cr, 0.5);
    cairo_stroke(cr);
    zero.draw(x0 - zero.width() / 2, y_bar - zero.height() - 1);
    end_label.draw(x0 + len - end_label.width() / 2, y_bar - end_label.height() - 1);
    taken.push_back(bar_box);

    // The north arrow, turned by the meridian convergence so that it points to true north.
    const double g = carto::grid_convergence_rad(city.crs.epsg, city.extent);
    const double ux = -std::sin(g), uy = -std::cos(g), sx = -uy, sy = ux;
    const double r = 9, cx = m.frame_x_pt + m.frame_width_pt - 18, cy = m.frame_y_pt + 20;
    const Text north(cr, zh ? "北" : "N", {7.5, true, ink});
    const geom::Box arrow_box{cx - r - 5, cy - r - 5, cx + r + 5, cy + r * 0.7 + 2 + north.height() + 2};
    rect(cr, arrow_box.min_x, arrow_box.min_y, arrow_box.max_x - arrow_box.min_x, arrow_box.max_y - arrow_box.min_y, panel);
    const double tip_x = cx + ux * r, tip_y = cy + uy * r, tail_x = cx - ux * r * 0.7, tail_y = cy - uy * r * 0.7;
    const auto triangle = [&](double ax, double ay, double bx, double by, Rgba fill) {
        cairo_new_path(cr);
        cairo_move_to(cr, tip_x, tip_y);
        cairo_line_to(cr, ax, ay);
        cairo_line_to(cr, bx, by);
        cairo_close_path(cr);
        set_colour(cr, fill);
        cairo_fill_preserve(cr);
        set_colour(cr, ink);
        cairo_set_line_width(cr, 0.6);
        cairo_stroke(cr);
    };
    triangle(tail_x + sx * r * 0.55, tail_y + sy * r * 0.55, cx, cy, ink);
    triangle(cx, cy, tail_x - sx * r * 0.55, tail_y - sy * r * 0.55, Rgba{150, 150, 150, 255});
    north.draw(cx - north.width() / 2, cy + r * 0.7 + 2);
    taken.push_back(arrow_box);
    return taken;
}

}  // namespace parkcap::brief::detail
