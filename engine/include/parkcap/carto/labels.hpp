#pragma once
// Label placement for the map and the printed briefing: every label gets a box
// that overlaps no other label, no symbol and no reserved area (legend, scale
// bar), or is dropped, lowest priority first. Pure geometry on screen (or page)
// boxes; the caller measures the text and draws the result.
#include <cstdint>
#include <vector>

#include "parkcap/geom/polygons.hpp"

namespace parkcap::carto {

/// A label to place: its text box size and the anchor it names. `anchor_radius`
/// is the half-size of the anchor's symbol (0 for a point or a polygon drawn at
/// full size): candidates stand clear of it. `centred_first` tries the box
/// centred on the anchor before the positions around it (a park drawn large
/// enough carries its name inside).
struct LabelRequest {
    geom::Point anchor;
    double width = 0, height = 0;
    double priority = 0;         ///< higher is placed first
    double anchor_radius = 0;
    bool centred_first = false;
};

/// Where a label went. `box` is the text box (min = top-left on screen);
/// `leader` is set when the box was displaced beyond the first ring of
/// positions, and then runs from the anchor's symbol edge to the box.
struct LabelPlacement {
    bool placed = false;
    geom::Box box;
    int candidate = -1;          ///< index in the candidate order (0 = preferred)
    bool leader = false;
    geom::Point leader_from, leader_to;
};

/// A round obstacle: a park's symbol, a flow's origin dot.
struct Disc {
    geom::Point centre;
    double radius = 0;
};

struct LabelOptions {
    double gap = 3;              ///< between a symbol's edge and its label, in the boxes' unit
    double padding = 1;          ///< boxes count as this much larger on each side when tested
    int rings = 3;               ///< rings of candidates; beyond the first, a leader line
    double ring_step = 0;        ///< extra distance per ring; 0: the label's height × 1.5
};

/// Greedy placement by priority (ties: request order). For each label in turn,
/// the first candidate (centred if asked, then right, upper right, above, upper
/// left, left, lower left, below, lower right, ring after ring) whose box lies
/// inside `frame` and overlaps neither a placed label nor any obstacle (box or
/// disc, its own symbol included) wins; a label with no such candidate is
/// dropped. Result indexed like `requests`.
std::vector<LabelPlacement> place_labels(const std::vector<LabelRequest>& requests, const std::vector<geom::Box>& obstacles,
                                         const std::vector<Disc>& discs, const geom::Box& frame, const LabelOptions& options = {});
/// The same without round obstacles.
std::vector<LabelPlacement> place_labels(const std::vector<LabelRequest>& requests, const std::vector<geom::Box>& obstacles,
                                         const geom::Box& frame, const LabelOptions& options = {});

/// The map's label priorities (LabelRequest::priority), one scale for the viewer
/// and the printed briefing: every park (larger first) before every district name
/// (those where flows start first: their names explain the arcs; then by their
/// parcel land), before the folded flows' "others" labels (larger first).
double park_label_priority(double park_area_m2);
double district_label_priority(double district_parcel_area_m2, bool flows_start_here);
double folded_flow_label_priority(double flow_area_mu);

/// Whether two boxes share interior (touching edges do not overlap).
bool boxes_overlap(const geom::Box& a, const geom::Box& b);
/// Whether a box and a disc share interior.
bool box_overlaps_disc(const geom::Box& b, const Disc& d);

}  // namespace parkcap::carto
