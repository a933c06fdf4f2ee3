#pragma once
// Labels on a briefing map, placed by the module the viewer places its labels
// with (carto::place_labels) from the text's size as pango measures it, in page
// points. Placing and drawing are apart so that a page can lay out its arcs
// around the placed labels and draw the labels over them.
#include <string>
#include <vector>

#include <cairo.h>

#include "canvas.hpp"
#include "parkcap/brief/brief.hpp"
#include "parkcap/carto/labels.hpp"

namespace parkcap::brief::detail {

/// The viewer's label spacing, which it sets in 96-dpi pixels, on paper: 1 px = 0.75 pt.
inline constexpr double kPtPerViewerPx = 72.0 / 96.0;

/// A label to place: its text (lines apart by '\n') and style, and carto's
/// request (anchor in page points, priority, the anchor's symbol radius, whether
/// to try the centre first); the request's size is measured here.
struct MapLabel {
    std::string kind;  ///< "park", "district", "others": what the --json report calls it
    std::string text;
    TextStyle style;
    carto::LabelRequest request;
};

/// The space kept around a label's text inside its box: the halo drawn around the
/// glyphs (2.4 pt wide, half of it outside) stays within the box.
inline constexpr double kLabelInsetX = 1.5, kLabelInsetY = 1.0;

/// carto's options in page points: the viewer's 3 px gap and 1 px padding.
carto::LabelOptions label_options();

/// Measures each label and places them all inside the map's frame (less 1.5 pt),
/// clear of the obstacles and discs (page points), highest priority first.
/// Indexed like `labels`.
std::vector<carto::LabelPlacement> place_map_labels(cairo_t* cr, const MapPlacement& m, std::vector<MapLabel>& labels,
                                                    const std::vector<geom::Box>& obstacles, const std::vector<carto::Disc>& discs);

/// Draws the placed labels (leader lines first, then the text with its halo) and
/// records each on the page: placed ones in page.labels with their boxes, the
/// others in page.dropped_labels.
void draw_map_labels(cairo_t* cr, const std::vector<MapLabel>& labels, const std::vector<carto::LabelPlacement>& placed,
                     PageRecord& page);

}  // namespace parkcap::brief::detail
