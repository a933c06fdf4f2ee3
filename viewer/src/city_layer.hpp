#pragma once
// The map's overlay of parks, names and flows, drawn the same way at every
// scale: parks too small to see become symbols sized by area with a pie of
// their land; park and district names are placed by the engine's label pass
// (never overlapping each other or the symbols, with leader lines when
// displaced, the least important dropped when there is no room); enclave flows
// are the engine's aggregated flows, each arc bent the way that crosses the
// others and the labels least, widths on a bounded square-root scale with a
// legend of widths on the map. Geometry and choices are parkcap::carto's; this
// file measures text and draws.
#include "app.hpp"
#include "parkcap/carto/park_symbols.hpp"

namespace parkcap::viewer {

/// Flows, park symbols, labels and the width legend over the map (inside the
/// map's clip rectangle); records what it drew in app.layout.
void draw_city_layer(ImDrawList* dl, AppState& app);

/// Whether, at the current view, any park is drawn as a symbol.
bool parks_as_symbols(const AppState& app);

/// Colour of a part of a park's land on its symbol (symbology::land_part_colour).
ImU32 land_part_colour(carto::LandPart part);

/// Pixels per millimetre of the screen at the interface scale (96 dpi at scale 1).
float px_per_mm(const AppState& app);

}  // namespace parkcap::viewer
