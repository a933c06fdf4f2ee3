#include "labels.hpp"

#include "parkcap/symbology/symbology.hpp"

namespace parkcap::brief::detail {

carto::LabelOptions label_options() {
    carto::LabelOptions o;
    o.gap = 3 * kPtPerViewerPx;
    o.padding = 1 * kPtPerViewerPx;
    return o;
}

std::vector<carto::LabelPlacement> place_map_labels(cairo_t* cr, const MapPlacement& m, std::vector<MapLabel>& labels,
                                                    const std::vector<geom::Box>& obstacles, const std::vector<carto::Disc>& discs) {
    std::vector<carto::LabelRequest> requests;
    for (MapLabel& l : labels) {
        const Text t(cr, l.text, l.style);
        l.request.width = t.width() + 2 * kLabelInsetX;
        l.request.height = t.height() + 2 * kLabelInsetY;
        requests.push_back(l.request);
    }
    const double inset = 1.5;
    const geom::Box frame{m.frame_x_pt + inset, m.frame_y_pt + inset, m.frame_x_pt + m.frame_width_pt - inset,
                          m.frame_y_pt + m.frame_height_pt - inset};
    return carto::place_labels(requests, obstacles, discs, frame, label_options());
}

void draw_map_labels(cairo_t* cr, const std::vector<MapLabel>& labels, const std::vector<carto::LabelPlacement>& placed,
                     PageRecord& page) {
    for (std::size_t k = 0; k < labels.size(); ++k)
        if (placed[k].placed && placed[k].leader)
            line(cr, placed[k].leader_from.x, placed[k].leader_from.y, placed[k].leader_to.x, placed[k].leader_to.y,
                 labels[k].style.colour, 0.6);
    const Rgba halo = symbology::kLabelHalo;
    for (std::size_t k = 0; k < labels.size(); ++k) {
        const MapLabel& l = labels[k];
        if (!placed[k].placed) {
            page.dropped_labels.push_back(l.text);
            continue;
        }
        const geom::Box& b = placed[k].box;
        Text(cr, l.text, l.style).draw(b.min_x + kLabelInsetX, b.min_y + kLabelInsetY, &halo);
        page.labels.push_back({l.kind, l.text, b.min_x, b.min_y, b.max_x, b.max_y, placed[k].leader});
    }
}

}  // namespace parkcap::brief::detail
