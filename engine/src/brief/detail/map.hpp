#pragma once
// Maps on a briefing page, as vectors (they print sharp at any size): parcels
// filled with the shared symbology, park and district outlines, the shoreline by
// zone, labels placed so that none overlaps another.
#include <string>
#include <vector>

#include <cairo.h>

#include "canvas.hpp"
#include "parkcap/brief/brief.hpp"
#include "parkcap/model/city.hpp"

namespace parkcap::brief::detail {

/// The placement that fits `world` (working CRS, grown by `margin` of its size)
/// into the frame at (x, y, w, h), centred, north up, one scale for both axes.
MapPlacement fit(const geom::Box& world, double x, double y, double w, double h, double margin = 0.04);

inline double page_x(const MapPlacement& m, double world_x) { return m.origin_x_pt + world_x * m.pt_per_m; }
inline double page_y(const MapPlacement& m, double world_y) { return m.origin_y_pt - world_y * m.pt_per_m; }

/// Clips to the map's frame and paints its background; end_map restores.
void begin_map(cairo_t* cr, const MapPlacement& m);
void end_map(cairo_t* cr, const MapPlacement& m);

/// Parcels inside the frame filled with `fills` (one per parcel), outlined in a
/// thin line of their fill darkened when `outline_pt` > 0.
void draw_parcels(cairo_t* cr, const MapPlacement& m, const City& city, const std::vector<Rgba>& fills, double outline_pt);
/// Feature `f` of `column` as a path (no fill or stroke yet).
void polygon_path(cairo_t* cr, const MapPlacement& m, const geom::MultiPolygonColumn& column, std::size_t f);
void draw_district_outlines(cairo_t* cr, const MapPlacement& m, const City& city);
void draw_park_outlines(cairo_t* cr, const MapPlacement& m, const City& city, double width_pt, int32_t emphasised = -1);
void draw_shoreline(cairo_t* cr, const MapPlacement& m, const City& city, double width_pt);

/// Boxes already taken on a page, so that later labels avoid them.
class LabelBoxes {
public:
    struct Box { double x0, y0, x1, y1; };
    bool free(const Box& b) const;
    void take(const Box& b) { boxes_.push_back(b); }
    const std::vector<Box>& boxes() const { return boxes_; }
    /// The labels place_label drew, in the order it drew them.
    std::vector<PlacedLabel> labels;

private:
    std::vector<Box> boxes_;
};

/// Draws `text` near (ax, ay) at the first of a few positions (centred when
/// `clearance` is 0, then above, below, right, left of a symbol of that radius,
/// then further out with a leader line) whose box is free and inside the frame;
/// returns false when none is (the label is dropped).
bool place_label(cairo_t* cr, const MapPlacement& m, LabelBoxes& taken, const std::string& text, double ax, double ay,
                 const TextStyle& style, double clearance = 0);

}  // namespace parkcap::brief::detail
