#pragma once
// Maps on a briefing page, as vectors (they print sharp at any size): parcels
// filled with the shared symbology, park and district outlines, the shoreline by
// zone, park symbols and the furniture a printed map needs (scale bar, north
// arrow). Labels: labels.hpp.
#include <string>
#include <vector>

#include <cairo.h>

#include "canvas.hpp"
#include "parkcap/brief/brief.hpp"
#include "parkcap/carto/park_symbols.hpp"
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

/// Millimetres on paper in the drawing's points.
inline constexpr double kPtPerMm = 72.0 / 25.4;

/// Each park's anchor on the map: where its symbol, its label and its flows meet
/// (the park's centroid, the centre of its bounds when it has no geometry).
geom::Point park_anchor_pt(const MapPlacement& m, const City& city, std::size_t park);

/// Each park's symbol diameter on this map in points, as the viewer sizes its
/// symbols (carto::symbol_diameters with the rules' [map] sizes, millimetres on
/// paper); 0 where the park is wide enough on the page to be drawn as itself.
std::vector<double> park_symbol_diameters_pt(const MapPlacement& m, const City& city, const rules::Rules& rules);

/// A park's pie of its land (carto::LandParts, symbology::land_part_colour),
/// clockwise from twelve o'clock, outlined.
void draw_park_pie(cairo_t* cr, double x, double y, double radius, const carto::LandParts& parts);

/// A scale bar of a round length (bottom left) and a north arrow to true north
/// (top right) inside the map's frame; returns the boxes they take, which labels
/// must leave free.
std::vector<geom::Box> draw_map_furniture(cairo_t* cr, const MapPlacement& m, const City& city, bool zh);

}  // namespace parkcap::brief::detail
