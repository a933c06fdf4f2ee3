#pragma once
// The small enumerations the viewer's state and command line share.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "parkcap/core/lang.hpp"
#include "parkcap/symbology/symbology.hpp"

namespace parkcap::viewer {

/// Interface language (the engine's, which its symbology labels in).
using Lang = parkcap::Lang;
/// What fills the parcels (the engine's symbology; the changes with --since).
using ColourBy = symbology::ColourBy;
using symbology::kColourByCount;
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
