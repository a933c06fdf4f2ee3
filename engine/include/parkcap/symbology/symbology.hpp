#pragma once
// The map's symbology: the colour of every land state, audit class, 亩均 class,
// change, shoreline zone and industry sector, and the legends that name them. One
// copy for every front end that draws land (the viewer on screen, `parkcap brief`
// on paper), so a parcel is the same colour wherever a reader meets it. Colours are
// plain sRGB (parkcap::Rgba); each front end converts them at its own boundary.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parkcap/audit/audit.hpp"
#include "parkcap/audit/flags.hpp"
#include "parkcap/carto/park_symbols.hpp"
#include "parkcap/core/colour.hpp"
#include "parkcap/core/lang.hpp"
#include "parkcap/model/city.hpp"
#include "parkcap/monitor/changes.hpp"
#include "parkcap/monitor/snapshot.hpp"

namespace parkcap::symbology {

/// A colour from 0xRRGGBB with an opacity.
constexpr Rgba rgb(uint32_t hex, uint8_t alpha = 255) {
    return {static_cast<int>((hex >> 16) & 0xff), static_cast<int>((hex >> 8) & 0xff), static_cast<int>(hex & 0xff),
            alpha};
}
/// "rrggbb" of a colour, for printing (the viewer's headless mode, the tests).
std::string hex_of(Rgba colour);

inline constexpr Rgba kMapBackground = rgb(0xf7f6f2);
inline constexpr Rgba kNoDataFill = rgb(0xe3e1dc);
inline constexpr Rgba kParkFill = rgb(0xe4ecf4);
inline constexpr Rgba kParkOutline = rgb(0x1d3557);
inline constexpr Rgba kDistrictOutline = rgb(0x9a8c98);
inline constexpr Rgba kLabelText = rgb(0x102a43);
inline constexpr Rgba kLabelHalo = rgb(0xffffff, 235);
/// The city view (parkcap/carto): district names, a park symbol's figures line
/// (idle and stock 亩), leader lines to displaced labels, the legend of flow
/// widths and the label of a folded ("others") flow.
inline constexpr Rgba kDistrictLabelText = rgb(0x4a4e69);
inline constexpr Rgba kFigureText = rgb(0x7a1020);
inline constexpr Rgba kLeaderLine = rgb(0x52606d);
inline constexpr Rgba kFlowWidthSample = rgb(0x455a64);
inline constexpr Rgba kFoldedFlowText = rgb(0x546e7a);
inline constexpr Rgba kFlowOriginDot = rgb(0x263238);

/// A slice of a park's city-scale symbol (carto::LandPart): idle in the idle
/// finding's colour, the others as the parks panel's bars.
Rgba land_part_colour(carto::LandPart part);

/// What fills the parcels: land status, the most severe audit flag, the 亩均 class,
/// or what changed since an earlier audit.
enum class ColourBy : uint8_t { Status, Flag, MujunClass, Changes };
inline constexpr std::size_t kColourByCount = 4;

Rgba status_colour(Status s);
/// A flag's colour and a parcel's audit-map class colour: the engine's flag
/// catalogue (parkcap/audit/flags.hpp), the colours of the audit's QGIS style.
Rgba flag_colour(audit::FlagCode code);
Rgba map_class_colour(audit::MapClass c);
Rgba class_colour(audit::MujunClass c);
/// A parcel's change since the earlier audit: the comparison's catalogue
/// (parkcap/monitor/changes.hpp), the colours of CHANGES.gpkg's QGIS style.
Rgba change_colour(monitor::ChangeClass c);
Rgba shore_zone_colour(ShoreZone z);

/// Broad industry sectors for colouring enclave flows, from the GB/T 4754-2017
/// code: food, light industry, chemicals and pharma, materials and metals,
/// machinery and vehicles, electrical and electronics, other manufacturing,
/// logistics, other. A display grouping only; no rule uses it.
inline constexpr int kSectorCount = 9;
int industry_sector(std::string_view industry_code);
const char* sector_name(int sector, Lang lang);
Rgba sector_colour(int sector);

/// What a parcel's fill is decided from, per parcel of `parcels`. `map_class` is
/// audit::map_class of each parcel; `changes` and `before` (the comparison with an
/// earlier audit) may be null, and then every parcel's change is unknown.
struct ParcelSymbols {
    const ParcelTable* parcels = nullptr;
    const std::vector<audit::MapClass>* map_class = nullptr;
    const audit::Audit* audit = nullptr;
    const monitor::Changes* changes = nullptr;
    const monitor::AuditSnapshot* before = nullptr;
};

/// Fill of every parcel for `mode`.
std::vector<Rgba> parcel_colours(const ParcelSymbols& in, ColourBy mode);
/// The legend row parcel `i` falls in under `mode`: its LegendEntry::key.
const char* legend_key(const ParcelSymbols& in, ColourBy mode, std::size_t i);

/// Parcels and area (m²) behind each legend row of a mode, in legend_rows' order
/// (the status row of incomplete parcels included whether or not any are).
using LegendCounts = std::vector<std::pair<uint64_t, double>>;
LegendCounts legend_counts(const ParcelSymbols& in, ColourBy mode);

struct LegendEntry {
    Rgba colour;
    std::string label;     ///< in the requested language
    std::string key;       ///< stable name: status, flag code or class letter
    uint64_t parcels = 0;
    double area_m2 = 0;
};
/// The legend of a mode with the counts of legend_counts, in `lang`.
std::vector<LegendEntry> legend(ColourBy mode, Lang lang, const LegendCounts& counts);

}  // namespace parkcap::symbology
