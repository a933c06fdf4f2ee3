#include "tile_pyramid.hpp"

#include <algorithm>
#include <cmath>

namespace parkcap::viewer {

TilePyramid TilePyramid::over(const geom::Box& b) {
    TilePyramid p;
    if (b.is_empty()) return p;
    p.side_m = std::max({b.max_x - b.min_x, b.max_y - b.min_y, 1.0});
    p.corner = {b.min_x, b.min_y};
    return p;
}

geom::Box TilePyramid::box(const TileKey& k) const {
    const double w = tile_m(k.level);
    return {corner.x + k.ix * w, corner.y + k.iy * w, corner.x + (k.ix + 1) * w, corner.y + (k.iy + 1) * w};
}

int TilePyramid::level_for(double view_px_per_m) const {
    if (!(view_px_per_m > 0)) return 0;
    const double l = std::log2(view_px_per_m / px_per_m(0));
    return std::clamp(static_cast<int>(std::lround(l)), 0, kMaxTileLevel);
}

std::vector<TileKey> TilePyramid::covering(int level, const geom::Box& v) const {
    std::vector<TileKey> out;
    const int n = tiles_across(level);
    const double w = tile_m(level);
    const auto cell = [&](double at, double origin) {
        return static_cast<int>(std::clamp(std::floor((at - origin) / w), -1.0, static_cast<double>(n)));
    };
    const int x0 = std::max(0, cell(v.min_x, corner.x)), x1 = std::min(n - 1, cell(v.max_x, corner.x));
    const int y0 = std::max(0, cell(v.min_y, corner.y)), y1 = std::min(n - 1, cell(v.max_y, corner.y));
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) out.push_back({level, x, y});
    // Nearest the view's centre first: drawn first when only some can be drawn in a frame.
    const double cx = (v.min_x + v.max_x) / 2, cy = (v.min_y + v.max_y) / 2;
    const auto dist = [&](const TileKey& k) {
        const double tx = corner.x + (k.ix + 0.5) * w, ty = corner.y + (k.iy + 0.5) * w;
        return (tx - cx) * (tx - cx) + (ty - cy) * (ty - cy);
    };
    std::stable_sort(out.begin(), out.end(), [&](const TileKey& a, const TileKey& b) { return dist(a) < dist(b); });
    return out;
}

void TilePyramid::sub_rect(const TileKey& k, int up, float uv[4]) {
    const int n = 1 << up;
    const float s = 1.0f / static_cast<float>(n);
    const int rx = k.ix - ((k.ix >> up) << up), ry = k.iy - ((k.iy >> up) << up);
    uv[0] = static_cast<float>(rx) * s;
    uv[1] = static_cast<float>(ry) * s;
    uv[2] = uv[0] + s;
    uv[3] = uv[1] + s;
}

}  // namespace parkcap::viewer
