#pragma once
// A colour as the catalogues of codes (audit flags, allocation codes) record it:
// the QGIS styles stored in the GeoPackages and the viewer draw the same one.

namespace parkcap {

/// An sRGB colour with opacity, 0..255 each (QGIS writes "215,25,28,255").
struct Rgba {
    int r = 0, g = 0, b = 0, a = 255;
};

}  // namespace parkcap
