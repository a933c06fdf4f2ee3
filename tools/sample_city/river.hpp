#pragma once
// The river bank as a chain in frame metres, with chainage (metres along the bank
// from its upstream end): where riverside parks sit and shoreline zones begin.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "planar.hpp"

namespace sample_city {

/// The Yangtze bank as a chain in frame metres, with chainage.
struct River {
    std::vector<Pt> pts;
    std::vector<double> chain;

    /// A winding river has hundreds of vertices and a million parcels ask for their
    /// distance to it: long rivers get a grid of 1 km cells listing the segments
    /// that reach into each, so a query looks only at the segments near it. A
    /// river of a few vertices (the sample's) is scanned whole, as before.
    static constexpr std::size_t kIndexFrom = 64;
    static constexpr double kCellM = 1000;
    void build_index() {
        cells_.clear();
        if (pts.size() < kIndexFrom) return;
        lo_ = hi_ = pts[0];
        for (Pt q : pts) lo_ = {std::min(lo_.x, q.x), std::min(lo_.y, q.y)}, hi_ = {std::max(hi_.x, q.x), std::max(hi_.y, q.y)};
        nx_ = static_cast<int>((hi_.x - lo_.x) / kCellM) + 1, ny_ = static_cast<int>((hi_.y - lo_.y) / kCellM) + 1;
        cells_.assign(static_cast<std::size_t>(nx_) * static_cast<std::size_t>(ny_), {});
        for (std::size_t i = 1; i < pts.size(); ++i) {
            const Pt a = pts[i - 1], b = pts[i];
            const int x0 = cell_x(std::min(a.x, b.x)), x1 = cell_x(std::max(a.x, b.x));
            const int y0 = cell_y(std::min(a.y, b.y)), y1 = cell_y(std::max(a.y, b.y));
            for (int y = y0; y <= y1; ++y)
                for (int x = x0; x <= x1; ++x) cells_[cell(x, y)].push_back(static_cast<uint32_t>(i));
        }
    }
    /// The distance of `ring` to the bank when it is under `limit`; otherwise
    /// some value of at least `limit`.
    double distance_within(const Ring& ring, double limit) const {
        if (cells_.empty()) return distance(ring);
        double best = limit;
        for (uint32_t i : segments_near(ring, limit))
            best = std::min(best, chain_distance(ring, true, std::vector<Pt>{pts[i - 1], pts[i]}, false));
        return best;
    }
    /// Chainage of the bank point nearest to `q`, looked for within `limit` first.
    double project_near(Pt q, double limit) const {
        if (cells_.empty()) return project(q);
        double best = std::numeric_limits<double>::max(), at = -1;
        for (uint32_t i : segments_near(Ring{q}, limit)) {
            const Pt ab = pts[i] - pts[i - 1];
            const double t = std::clamp(dot(q - pts[i - 1], ab) / dot(ab, ab), 0.0, 1.0);
            const double d = norm(q - (pts[i - 1] + ab * t));
            if (d < best) best = d, at = chain[i - 1] + t * (chain[i] - chain[i - 1]);
        }
        return best <= limit ? at : project(q);
    }
    double length() const { return chain.back(); }
    Pt at(double c) const {
        c = std::clamp(c, 0.0, length());
        for (std::size_t i = 1; i < pts.size(); ++i)
            if (c <= chain[i]) return lerp(pts[i - 1], pts[i], (c - chain[i - 1]) / (chain[i] - chain[i - 1]));
        return pts.back();
    }
    std::vector<Pt> slice(double c0, double c1) const {
        std::vector<Pt> out{at(c0)};
        for (std::size_t i = 1; i + 1 < pts.size(); ++i)
            if (chain[i] > c0 && chain[i] < c1) out.push_back(pts[i]);
        out.push_back(at(c1));
        return out;
    }
    double distance(const Ring& ring) const { return chain_distance(ring, true, pts, false); }
    /// Chainage of the bank point nearest to `q`.
    double project(Pt q) const {
        double best = std::numeric_limits<double>::max(), at = 0;
        for (std::size_t i = 1; i < pts.size(); ++i) {
            const Pt ab = pts[i] - pts[i - 1];
            const double t = std::clamp(dot(q - pts[i - 1], ab) / dot(ab, ab), 0.0, 1.0);
            const double d = norm(q - (pts[i - 1] + ab * t));
            if (d < best) best = d, at = chain[i - 1] + t * (chain[i] - chain[i - 1]);
        }
        return at;
    }

private:
    int cell_x(double x) const { return std::clamp(static_cast<int>(std::floor((x - lo_.x) / kCellM)), 0, nx_ - 1); }
    int cell_y(double y) const { return std::clamp(static_cast<int>(std::floor((y - lo_.y) / kCellM)), 0, ny_ - 1); }
    std::size_t cell(int x, int y) const { return static_cast<std::size_t>(y) * static_cast<std::size_t>(nx_) + static_cast<std::size_t>(x); }
    std::vector<uint32_t> segments_near(const Ring& ring, double limit) const {
        double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
        for (Pt q : ring) x0 = std::min(x0, q.x), y0 = std::min(y0, q.y), x1 = std::max(x1, q.x), y1 = std::max(y1, q.y);
        std::vector<uint32_t> out;
        if (x1 + limit < lo_.x || x0 - limit > hi_.x || y1 + limit < lo_.y || y0 - limit > hi_.y) return out;
        for (int y = cell_y(y0 - limit); y <= cell_y(y1 + limit); ++y)
            for (int x = cell_x(x0 - limit); x <= cell_x(x1 + limit); ++x)
                out.insert(out.end(), cells_[cell(x, y)].begin(), cells_[cell(x, y)].end());
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }
    Pt lo_, hi_;
    int nx_ = 0, ny_ = 0;
    std::vector<std::vector<uint32_t>> cells_;
};

}  // namespace sample_city
