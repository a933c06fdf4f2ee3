#pragma once
// Colours and legends as the viewer draws them: the engine's symbology
// (parkcap/symbology/symbology.hpp, shared with `parkcap brief`) converted to
// ImGui's packed colours at this boundary. The map, the legend and the tests
// (which read the colours printed in headless mode) read them from here.
#include <cstdint>
#include <string>
#include <vector>

#include <imgui.h>

#include "modes.hpp"
#include "parkcap/audit/audit.hpp"
#include "parkcap/model/city.hpp"
#include "parkcap/symbology/symbology.hpp"
#include "state.hpp"

namespace parkcap::viewer {

/// An engine colour as ImGui packs it.
constexpr ImU32 to_imgui(Rgba c) {
    return IM_COL32(static_cast<uint8_t>(c.r), static_cast<uint8_t>(c.g), static_cast<uint8_t>(c.b),
                    static_cast<uint8_t>(c.a));
}
/// Colour from 0xRRGGBB (symbology::rgb, packed for ImGui).
constexpr ImU32 rgb(uint32_t hex, uint8_t alpha = 255) { return to_imgui(symbology::rgb(hex, alpha)); }
/// "rrggbb" of an ImU32, for printing.
std::string hex_of(ImU32 colour);

inline constexpr ImU32 kMapBackground = to_imgui(symbology::kMapBackground);
inline constexpr ImU32 kNoDataFill = to_imgui(symbology::kNoDataFill);
inline constexpr ImU32 kParkFill = to_imgui(symbology::kParkFill);
inline constexpr ImU32 kParkOutline = to_imgui(symbology::kParkOutline);
inline constexpr ImU32 kDistrictOutline = to_imgui(symbology::kDistrictOutline);
inline constexpr ImU32 kLabelText = to_imgui(symbology::kLabelText);
inline constexpr ImU32 kLabelHalo = to_imgui(symbology::kLabelHalo);

inline ImU32 status_colour(Status s) { return to_imgui(symbology::status_colour(s)); }
inline ImU32 flag_colour(audit::FlagCode code) { return to_imgui(symbology::flag_colour(code)); }
inline ImU32 map_class_colour(audit::MapClass c) { return to_imgui(symbology::map_class_colour(c)); }
inline ImU32 class_colour(audit::MujunClass c) { return to_imgui(symbology::class_colour(c)); }
inline ImU32 change_colour(monitor::ChangeClass c) { return to_imgui(symbology::change_colour(c)); }
inline ImU32 shore_zone_colour(ShoreZone z) { return to_imgui(symbology::shore_zone_colour(z)); }
using symbology::industry_sector;
using symbology::kSectorCount;
using symbology::sector_name;
inline ImU32 sector_colour(int sector) { return to_imgui(symbology::sector_colour(sector)); }

/// What the engine's symbology reads from the scene.
symbology::ParcelSymbols parcel_symbols(const Scene& scene);
/// Fill of every parcel for the chosen mode (RGBA bytes in ImU32 order).
std::vector<uint32_t> parcel_colours(const Scene& scene, ColourBy mode);
/// The legend row parcel `i` falls in under `mode`: its LegendEntry::key.
const char* legend_key(const Scene& scene, ColourBy mode, std::size_t i);

struct LegendEntry {
    ImU32 colour = 0;
    std::string label;     ///< in the interface language
    std::string key;       ///< stable name: status, flag code or class letter
    uint64_t parcels = 0;
    double area_m2 = 0;
};
/// The legend of a mode with counts and areas over the whole city, in
/// the interface language.
std::vector<LegendEntry> legend(const Scene& scene, ColourBy mode, Lang lang);

}  // namespace parkcap::viewer
