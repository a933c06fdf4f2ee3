#pragma once
// The briefing pack (`parkcap brief`): a PDF a leader reads on paper. A cover with
// the headline figures, the city map, one page per park (its parcels by finding, its
// capacity, its largest idle and approved-but-unsupplied parcels with their reasons,
// the projects placed there), the quota ledger, the enclave flows with their benefit
// shares, the park ranking and, with an earlier audit, the disposal progress.
//
// Every figure comes from the results it is given (the audit, the plan, the
// evaluation, the disposal progress), which are the ones `parkcap audit`, `plan`,
// `evaluate` and `compare` write; nothing here applies a rule again. Maps are drawn
// as vectors with the shared symbology (parkcap/symbology), text laid out by pango
// with the CJK font embedded by cairo.
#include <optional>
#include <string>
#include <vector>

#include "parkcap/allocate/allocate.hpp"
#include "parkcap/audit/audit.hpp"
#include "parkcap/core/date.hpp"
#include "parkcap/core/lang.hpp"
#include "parkcap/evaluate/evaluation.hpp"
#include "parkcap/geom/polygons.hpp"
#include "parkcap/model/city.hpp"
#include "parkcap/monitor/disposal.hpp"
#include "parkcap/rules/rules.hpp"

namespace parkcap::brief {

/// Paper sizes, always landscape.
enum class Paper : uint8_t { A4, A3 };

/// What the pack is drawn from. Pointers left null leave their pages out.
struct BriefInputs {
    const City* city = nullptr;
    const rules::Rules* rules = nullptr;
    const audit::Audit* audit = nullptr;
    const allocate::Plan* plan = nullptr;                ///< the quota ledger and flows pages, projects per park
    const evaluate::Evaluation* evaluation = nullptr;    ///< the ranking page
    const monitor::DisposalProgress* progress = nullptr; ///< the disposal page (needs an earlier audit)
    Date since;                                          ///< the earlier audit's date, with progress
};

struct BriefOptions {
    Paper paper = Paper::A4;
    Lang lang = Lang::Zh;
    std::string data_label;  ///< the data source as the footer names it (DATA as given)
    Date run_date;           ///< the footer's run date
};

/// Where a map was drawn on a page: page point (x_pt, y_pt) of working-CRS point
/// (X, Y) is (origin_x_pt + X × pt_per_m, origin_y_pt − Y × pt_per_m), y down from
/// the page's top, clipped to the frame.
struct MapPlacement {
    double origin_x_pt = 0, origin_y_pt = 0, pt_per_m = 0;
    double frame_x_pt = 0, frame_y_pt = 0, frame_width_pt = 0, frame_height_pt = 0;
};

enum class PageKind : uint8_t { Cover, CityMap, Park, Ledger, Flows, Ranking, Disposal };
const char* to_string(PageKind);

/// A numbered disc drawn on a park's map over a parcel its table lists.
struct Marker {
    uint32_t parcel = 0;
    int number = 0;
    double x_pt = 0, y_pt = 0, radius_pt = 0;  ///< page points, y down
};

/// A label placed on a map by carto::place_labels: what it names ("park",
/// "district", "others" for a folded flow's origins), its text, its box (page
/// points, y down; the text and its halo lie inside) and whether a leader line
/// joins it to its anchor.
struct PlacedLabel {
    std::string kind, text;
    double x0_pt = 0, y0_pt = 0, x1_pt = 0, y1_pt = 0;
    bool leader = false;
};

/// An enclave flow's arc on the flows page, as carto::layout_arcs bent it: the
/// quadratic Bézier from → control → to (page points, y down; from the origin to
/// the park's anchor), drawn with `width_pt` up to the edge of the park's symbol.
struct DrawnArc {
    uint32_t origin = 0;  ///< a district, or carto::kFoldedOrigin for a folded flow
    uint32_t park = 0;
    std::vector<uint32_t> origins;  ///< the districts it sums (several when folded)
    uint32_t count = 0;   ///< projects
    int sector = 0;       ///< the colour's industry sector (carto::flow_sector)
    double area_mu = 0;
    double from_x_pt = 0, from_y_pt = 0, control_x_pt = 0, control_y_pt = 0, to_x_pt = 0, to_y_pt = 0;
    double bend = 0, width_pt = 0;
};

struct PageRecord {
    int number = 0;  ///< 1-based
    PageKind kind = PageKind::Cover;
    int32_t park = -1;  ///< index into City::parks on a park page
    std::string title;
    std::optional<MapPlacement> map;
    std::vector<Marker> markers;
    std::vector<PlacedLabel> labels;  ///< every label placed on the page's map (none overlaps another)
    std::vector<std::string> dropped_labels;  ///< labels left out for want of room
    std::vector<DrawnArc> arcs;       ///< the flows page's arcs, in drawing order
};

/// What was drawn where, for the command's summary and for tests that look at the
/// rendered pages.
struct BriefLayout {
    double page_width_pt = 0, page_height_pt = 0;
    std::vector<PageRecord> pages;
};

/// The pages the pack will have, in order, without drawing them.
std::vector<PageRecord> plan_pages(const BriefInputs& in, const BriefOptions& options);

/// Draws the pack and writes it to `path` atomically (inside an OutputSet, with the
/// run's other outputs). Throws OutputError when it cannot be written.
BriefLayout write_brief_pdf(const std::string& path, const BriefInputs& in, const BriefOptions& options);

}  // namespace parkcap::brief
