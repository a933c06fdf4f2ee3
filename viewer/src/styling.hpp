#pragma once
// Colours and legends: how engine results become fills. One place, so the map,
// the legend and the tests (which read the colours printed in headless mode)
// agree.
#include <cstdint>
#include <string>
#include <vector>

#include <imgui.h>

#include "modes.hpp"
#include "parkcap/audit/audit.hpp"
#include "parkcap/model/city.hpp"
#include "state.hpp"

namespace parkcap::viewer {

/// Opaque colour from 0xRRGGBB.
constexpr ImU32 rgb(uint32_t hex, uint8_t alpha = 255) {
    return IM_COL32((hex >> 16) & 0xff, (hex >> 8) & 0xff, hex & 0xff, alpha);
}
/// "rrggbb" of an ImU32, for printing.
std::string hex_of(ImU32 colour);

inline constexpr ImU32 kMapBackground = rgb(0xf7f6f2);
inline constexpr ImU32 kNoDataFill = rgb(0xe3e1dc);
inline constexpr ImU32 kParkFill = rgb(0xe4ecf4);
inline constexpr ImU32 kParkOutline = rgb(0x1d3557);
inline constexpr ImU32 kDistrictOutline = rgb(0x9a8c98);
inline constexpr ImU32 kLabelText = rgb(0x102a43);
inline constexpr ImU32 kLabelHalo = rgb(0xffffff, 235);

ImU32 status_colour(Status s);
/// A flag's colour and a parcel's audit-map class colour: the engine's flag
/// catalogue (parkcap/audit/flags.hpp), the colours of the audit's QGIS style.
ImU32 flag_colour(audit::FlagCode code);
ImU32 map_class_colour(audit::MapClass c);
ImU32 class_colour(audit::MujunClass c);
/// A parcel's change since the earlier audit: the comparison's catalogue
/// (parkcap/monitor/changes.hpp), the colours of CHANGES.gpkg's QGIS style.
ImU32 change_colour(monitor::ChangeClass c);
ImU32 shore_zone_colour(ShoreZone z);
/// Broad industry sectors for colouring enclave flows, from the GB/T 4754-2017
/// code: food, light industry, chemicals and pharma, materials and metals,
/// machinery and vehicles, electrical and electronics, other manufacturing,
/// logistics, other. A display grouping only; no rule uses it.
inline constexpr int kSectorCount = 9;
int industry_sector(std::string_view industry_code);
const char* sector_name(int sector, Lang lang);
ImU32 sector_colour(int sector);

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
