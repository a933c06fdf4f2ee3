#pragma once
// The city's enumerations (docs/data.md): land status, land use, park level and
// shoreline zone, with their canonical spellings and Chinese names. Apart from the
// city model so that the rules, which name them, need not include the city.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace parkcap {

/// Land status along the 批-供-用 chain (docs/data.md).
/// Unknown: the record's status was empty or unusable; the parcel is kept as
/// incomplete (its land counts) and no rule that needs its status applies.
enum class Status : uint8_t { Planned, Approved, Supplied, Building, Built, Reserve, Unknown };
/// Unknown: the record's land use was empty or unusable (an incomplete parcel).
enum class LandUse : uint8_t { Industrial, Logistics, Commercial, Residential, Public, Other, Unknown };
inline constexpr std::size_t kStatusCount = 7;   ///< including Unknown
inline constexpr std::size_t kLandUseCount = 7;  ///< including Unknown
enum class ParkLevel : uint8_t { National, Provincial, Municipal, Other };
inline constexpr std::size_t kParkLevelCount = 4;
enum class ShoreZone : uint8_t { Protect, Reserve, Control, Develop };

/// Canonical spellings (docs/data.md), in enum order: what the data, the rules
/// and the outputs write (null-terminated, so to_string can return them).
inline constexpr std::string_view kStatusNames[] = {"planned", "approved", "supplied", "building",
                                                    "built",   "reserve",  "unknown"};
inline constexpr std::string_view kLandUseNames[] = {"industrial", "logistics", "commercial", "residential",
                                                     "public",     "other",     "unknown"};
inline constexpr std::string_view kParkLevelNames[] = {"national", "provincial", "municipal", "other"};
inline constexpr std::string_view kShoreZoneNames[] = {"protect", "reserve", "control", "develop"};

/// Canonical spellings and Chinese names, for reading, writing and display.
const char* to_string(Status);
const char* to_string(LandUse);
const char* to_string(ParkLevel);
const char* to_string(ShoreZone);
const char* chinese_name(Status);
const char* chinese_name(LandUse);
const char* chinese_name(ParkLevel);
const char* chinese_name(ShoreZone);
std::optional<Status> parse_status(std::string_view);
std::optional<LandUse> parse_land_use(std::string_view);
std::optional<ParkLevel> parse_park_level(std::string_view);
std::optional<ShoreZone> parse_shore_zone(std::string_view);

}  // namespace parkcap
