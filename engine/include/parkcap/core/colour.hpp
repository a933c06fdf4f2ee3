#pragma once
// A colour as the catalogues of codes (audit flags, allocation codes) record it:
// the QGIS styles stored in the GeoPackages and the viewer draw the same one.

#include <cstdint>

namespace parkcap {

/// An sRGB colour with opacity, 0..255 each (QGIS writes "215,25,28,255").
struct Rgba {
    int r = 0, g = 0, b = 0, a = 255;
};

/// The catalogues' 0xRRGGBB, opaque.
constexpr Rgba rgba_of(uint32_t hex) {
    return {static_cast<int>((hex >> 16) & 0xff), static_cast<int>((hex >> 8) & 0xff), static_cast<int>(hex & 0xff), 255};
}

}  // namespace parkcap
