#pragma once
// Enclave flows made readable before they are drawn (after flowmap.blue's
// practice): summed per origin → park, thin flows into a park folded into one
// "others" flow with its total, widths on a bounded square-root scale with a
// legend of round values, and each arc's bend chosen so that arcs cross each
// other and hit labels as little as possible.
#include <cstdint>
#include <limits>
#include <vector>

#include "parkcap/allocate/allocate.hpp"
#include "parkcap/geom/polygons.hpp"

namespace parkcap::carto {

/// The origin of an "others" flow: several origins folded together.
inline constexpr uint32_t kFoldedOrigin = std::numeric_limits<uint32_t>::max();

/// A flow as the map draws it: one origin (or kFoldedOrigin) into one park.
struct MapFlow {
    uint32_t origin = 0;
    uint32_t park = 0;
    uint32_t count = 0;                 ///< projects
    double area_mu = 0, investment_wan = 0, tax_wan = 0;
    std::vector<uint32_t> projects;     ///< ascending
    std::vector<uint32_t> origins;      ///< the origins it sums (one unless folded), ascending
    bool folded() const { return origin == kFoldedOrigin; }
};

/// One enclave placement: its project's origin, the park it went to, the 亩 it
/// takes and the project's investment and expected tax.
struct FlowItem {
    uint32_t origin = 0, park = 0, project = 0;
    double area_mu = 0, investment_wan = 0, tax_wan = 0;
};

/// Every enclave placement of the plan as an item, in placement order (the
/// figures allocate::enclave_flows sums).
std::vector<FlowItem> flow_items(const City& city, const allocate::Plan& plan);

/// Sums items per (origin, park); then, per park, the flows of less than
/// `fold_below_mu` 亩 are replaced by one folded flow carrying their totals and
/// origins — when at least two of them would be folded (a single thin flow
/// stays itself: folding it would hide its origin and draw no fewer arcs).
/// Nothing is lost: totals per park are unchanged. Ordered by park, then
/// origin, the folded flow last. fold_below_mu ≤ 0 folds nothing.
std::vector<MapFlow> aggregate_flows(const std::vector<FlowItem>& items, double fold_below_mu);

/// Where a flow is drawn, in the working CRS: from its origin district's centre
/// (allocate::district_centre) — a folded flow from its origins' centres weighted
/// by the 亩 each brings, so the arc starts where most of its land comes from — to
/// its park's centroid (the centre of the park's bounds when it has no geometry).
struct FlowEnds {
    geom::Point from, to;
};
FlowEnds flow_ends(const City& city, const std::vector<FlowItem>& items, const MapFlow& flow);

/// The industry sector (symbology::industry_sector) that takes most of the flow's
/// land, the colour the map draws it in; ties go to the lower sector.
int flow_sector(const City& city, const std::vector<FlowItem>& items, const MapFlow& flow);

/// Arc width for `value` on a square-root scale: min_px at 0, max_px at max_value.
double flow_width_px(double value, double max_value, double min_px, double max_px);

/// Round values for a legend of widths: up to three of 1, 2, 5 × 10ⁿ, the largest
/// not above max_value, each at most half the one above; empty when max_value ≤ 0.
std::vector<double> width_legend_values(double max_value);

/// An arc on screen: a quadratic Bézier from → control → to, the control point
/// at the chord's middle moved sideways by bend × chord length (positive: to the
/// left of the direction of travel, screen y down).
struct Arc {
    geom::Point from, to;
};
geom::Point arc_control(const Arc& arc, double bend);
/// The arc as a polyline of `segments` pieces.
std::vector<geom::Point> arc_polyline(const Arc& arc, double bend, int segments);

/// Proper crossings between the polylines of different arcs (touching at a
/// shared end, as flows into one park do, is not a crossing).
int count_crossings(const std::vector<Arc>& arcs, const std::vector<double>& bends, int segments = 24);
/// Arcs whose polyline passes through one of the boxes; `exempt[i]` lists
/// boxes arc i may touch (its own park's and origin's labels).
int count_box_hits(const std::vector<Arc>& arcs, const std::vector<double>& bends, const std::vector<geom::Box>& boxes,
                   const std::vector<std::vector<std::size_t>>& exempt, int segments = 24);

struct ArcLayoutOptions {
    double default_bend = 0.22;
    std::vector<double> candidate_bends = {0.22, -0.22, 0.12, -0.12, 0.34, -0.34, 0.04};
    double crossing_cost = 1.0;
    double box_hit_cost = 0.6;
    double bend_change_cost = 0.01;   ///< per unit of |bend − default|: keep arcs alike unless it helps
    int segments = 24;
    int max_passes = 6;
};

/// One bend per arc. Starts with every arc at default_bend and improves the
/// cost (crossings, label hits, departures from the default) one arc at a time
/// (local search over the candidate bends) until a pass changes nothing, so
/// the result never crosses more than all arcs bent alike plus what label hits
/// it saves.
std::vector<double> layout_arcs(const std::vector<Arc>& arcs, const std::vector<geom::Box>& avoid,
                                const std::vector<std::vector<std::size_t>>& exempt, const ArcLayoutOptions& options = {});

}  // namespace parkcap::carto
