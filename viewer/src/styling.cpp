#include "styling.hpp"

#include <fmt/format.h>

namespace parkcap::viewer {

std::string hex_of(ImU32 c) {
    return fmt::format("{:02x}{:02x}{:02x}", (c >> IM_COL32_R_SHIFT) & 0xff, (c >> IM_COL32_G_SHIFT) & 0xff,
                       (c >> IM_COL32_B_SHIFT) & 0xff);
}

symbology::ParcelSymbols parcel_symbols(const Scene& scene) {
    symbology::ParcelSymbols in;
    in.parcels = &scene.city.parcels;
    in.map_class = &scene.parcel_map_class;
    in.audit = &scene.audit;
    if (scene.since) {
        in.changes = &scene.since->changes;
        in.before = &scene.since->before;
    }
    return in;
}

std::vector<uint32_t> parcel_colours(const Scene& scene, ColourBy mode) {
    const std::vector<Rgba> fills = symbology::parcel_colours(parcel_symbols(scene), mode);
    std::vector<uint32_t> out(fills.size());
    for (std::size_t i = 0; i < fills.size(); ++i) out[i] = to_imgui(fills[i]);
    return out;
}

const char* legend_key(const Scene& scene, ColourBy mode, std::size_t i) {
    return symbology::legend_key(parcel_symbols(scene), mode, i);
}

std::vector<LegendEntry> legend(const Scene& scene, ColourBy mode, Lang lang) {
    // Counted once per session: the audit does not change while the viewer runs.
    auto& counts = scene.legend_counts[static_cast<int>(mode)];
    if (counts.empty()) counts = symbology::legend_counts(parcel_symbols(scene), mode);
    std::vector<LegendEntry> out;
    for (auto& e : symbology::legend(mode, lang, counts))
        out.push_back({to_imgui(e.colour), std::move(e.label), std::move(e.key), e.parcels, e.area_m2});
    return out;
}

}  // namespace parkcap::viewer
