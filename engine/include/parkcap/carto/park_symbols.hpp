#pragma once
// Parks at city scale: where a park's outline would be a speck, the map (and the
// printed briefing) draws a symbol instead, sized by the park's area, carrying a
// pie of what its land is: used, stock ready to supply, idle, planned, other.
#include <array>
#include <cstdint>
#include <vector>

#include "parkcap/audit/audit.hpp"
#include "parkcap/model/city.hpp"

namespace parkcap::carto {

/// The pie's slices, in drawing order (clockwise from twelve o'clock).
enum class LandPart : uint8_t {
    Idle,     ///< any idle finding (闲置, fee or take-back stage), whatever the status
    Stock,    ///< approved (批而未供) or reserve, not idle: supplied without new quota
    Planned,  ///< planned land: needs new quota
    Used,     ///< building or built, not idle
    Other,    ///< supplied and not yet idle, or of unknown status
};
inline constexpr std::size_t kLandPartCount = 5;
const char* land_part_name(LandPart);     ///< "idle", "stock", ... (headless reports)
const char* land_part_title_zh(LandPart); ///< 闲置, 存量可供, 规划, 已用, 其他
const char* land_part_title_en(LandPart);

/// A park's parcel area split into disjoint parts (m²), summing to the audit's
/// Capacity::parcel_area_m2 of the park. Idle comes first, so an idle parcel that
/// is also building is idle here; Idle equals Capacity::idle_m2 and Planned
/// equals Capacity::planned_m2 (idle land is never planned).
struct LandParts {
    std::array<double, kLandPartCount> area_m2{};
    double total_m2() const;
    double operator[](LandPart p) const { return area_m2[static_cast<std::size_t>(p)]; }
};

/// Every park's parts, indexed like City::parks, from the audit's flags of each
/// parcel and its status.
std::vector<LandParts> park_land_parts(const City& city, const audit::Audit& audit);

/// How symbols are sized, in screen (or page) pixels.
struct SymbolScale {
    double show_below_px = 38;  ///< a park whose footprint is narrower than this is drawn as a symbol
    double min_px = 16;         ///< the smallest symbol's diameter
    double max_px = 46;         ///< the largest park's symbol diameter
};

/// The on-screen width of a park's footprint: the diameter of the circle of its
/// area at `px_per_m`.
double footprint_px(double area_m2, double px_per_m);

/// Each park's symbol diameter in pixels, or 0 where the park is large enough
/// on screen to be drawn as itself. Symbols share one scale (diameter ∝ √area,
/// the largest park's = max_px) so their sizes compare; none is smaller than
/// min_px nor than the park's own footprint.
std::vector<double> symbol_diameters(const std::vector<double>& park_area_m2, double px_per_m, const SymbolScale& scale);

}  // namespace parkcap::carto
