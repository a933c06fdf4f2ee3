#include "map.hpp"

#include <algorithm>
#include <cmath>

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

bool LabelBoxes::free(const Box& b) const {
    for (const Box& o : boxes_)
        if (b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1) return false;
    return true;
}

bool place_label(cairo_t* cr, const MapPlacement& m, LabelBoxes& taken, const std::string& text, double ax, double ay,
                 const TextStyle& style, double clearance) {
    const Text t(cr, text, style);
    const double w = t.width(), h = t.height(), g = 3 + clearance, far = 18 + clearance;
    struct Offset { double dx, dy; bool leader; };
    // On the anchor first (a bare label), then beside it, then further out on a leader line.
    const Offset tries[] = {{-w / 2, -h / 2, false},   {g, -h / 2, false},        {-w - g, -h / 2, false},
                            {-w / 2, -h - g, false},   {-w / 2, g, false},        {far, -h / 2, true},
                            {-w - far, -h / 2, true},  {-w / 2, -h - far, true},  {-w / 2, far, true},
                            {far, -h - far, true},     {-w - far, far, true},     {far, far, true},
                            {-w - far, -h - far, true}};
    for (const Offset& o : tries) {
        if (clearance > 0 && &o == &tries[0]) continue;
        const LabelBoxes::Box b{ax + o.dx - 1, ay + o.dy - 1, ax + o.dx + w + 1, ay + o.dy + h + 1};
        if (b.x0 < m.frame_x_pt || b.y0 < m.frame_y_pt || b.x1 > m.frame_x_pt + m.frame_width_pt ||
            b.y1 > m.frame_y_pt + m.frame_height_pt || !taken.free(b))
            continue;
        if (o.leader) {
            // From the symbol's edge to the label's nearest point.
            const double lx = std::clamp(ax, b.x0, b.x1), ly = std::clamp(ay, b.y0, b.y1);
            const double d = std::hypot(lx - ax, ly - ay);
            if (d > clearance) line(cr, ax + (lx - ax) * clearance / d, ay + (ly - ay) * clearance / d, lx, ly, style.colour, 0.6);
        }
        const Rgba halo = symbology::kLabelHalo;
        t.draw(ax + o.dx, ay + o.dy, &halo);
        taken.take(b);
        taken.labels.push_back({text, b.x0, b.y0, b.x1, b.y1});
        return true;
    }
    return false;
}

}  // namespace parkcap::brief::detail
