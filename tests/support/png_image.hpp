#pragma once
// A PNG read back through GDAL's PNG driver (an independent decoder of what cairo
// wrote), for the chart tests: its size and the colours of its pixels.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <gdal_priv.h>

namespace parkcap::test {

struct PngImage {
    int width = 0, height = 0;
    std::vector<uint32_t> rgb;  ///< 0xRRGGBB per pixel, row by row

    uint32_t at(int x, int y) const { return rgb[static_cast<std::size_t>(y) * width + x]; }
    /// How many pixels have exactly `colour`, within columns [x0, x1).
    std::size_t count(uint32_t colour, int x0 = 0, int x1 = -1) const {
        if (x1 < 0) x1 = width;
        std::size_t n = 0;
        for (int y = 0; y < height; ++y)
            for (int x = x0; x < x1; ++x) n += at(x, y) == colour;
        return n;
    }
    /// The columns within [x0, x1) where `colour` appears at least once.
    std::size_t columns_with(uint32_t colour, int x0 = 0, int x1 = -1) const {
        if (x1 < 0) x1 = width;
        std::size_t n = 0;
        for (int x = x0; x < x1; ++x)
            for (int y = 0; y < height; ++y)
                if (at(x, y) == colour) {
                    ++n;
                    break;
                }
        return n;
    }
    std::size_t distinct_colours() const {
        std::map<uint32_t, bool> seen;
        for (uint32_t c : rgb) seen[c] = true;
        return seen.size();
    }
};

inline PngImage read_png_image(const std::string& path) {
    GDALAllRegister();
    std::unique_ptr<GDALDataset> ds(static_cast<GDALDataset*>(GDALOpen(path.c_str(), GA_ReadOnly)));
    REQUIRE(ds);
    REQUIRE(std::string(ds->GetDriver()->GetDescription()) == "PNG");
    PngImage img;
    img.width = ds->GetRasterXSize();
    img.height = ds->GetRasterYSize();
    REQUIRE(ds->GetRasterCount() >= 3);
    const std::size_t n = static_cast<std::size_t>(img.width) * img.height;
    std::vector<unsigned char> band(n);
    img.rgb.assign(n, 0);
    for (int b = 0; b < 3; ++b) {
        REQUIRE(ds->GetRasterBand(b + 1)->RasterIO(GF_Read, 0, 0, img.width, img.height, band.data(), img.width, img.height,
                                                   GDT_Byte, 0, 0) == CE_None);
        for (std::size_t i = 0; i < n; ++i) img.rgb[i] |= static_cast<uint32_t>(band[i]) << (8 * (2 - b));
    }
    return img;
}

}  // namespace parkcap::test
