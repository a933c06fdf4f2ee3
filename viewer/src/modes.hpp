#pragma once
// The small enumerations the viewer's state and command line share.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace parkcap::viewer {

/// Interface language.
enum class Lang : uint8_t { Zh, En };
/// What fills the parcels: land status, the most severe audit flag, the 亩均 class,
/// or what changed since an earlier audit (--since).
enum class ColourBy : uint8_t { Status, Flag, MujunClass, Changes };
inline constexpr std::size_t kColourByCount = 4;
/// Edit: map with every panel. Map: the map alone. Briefing: the map with large
/// headline figures and the legend, editing hidden.
enum class ScreenMode : uint8_t { Edit, Map, Briefing };
/// What sets an enclave flow arrow's width.
enum class FlowWidthBy : uint8_t { Area, Investment };

std::optional<Lang> parse_lang(std::string_view);
std::optional<ColourBy> parse_colour_by(std::string_view);
std::optional<ScreenMode> parse_screen_mode(std::string_view);
const char* to_string(Lang);
const char* to_string(ColourBy);
const char* to_string(ScreenMode);

}  // namespace parkcap::viewer
