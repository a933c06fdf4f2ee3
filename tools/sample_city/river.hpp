#pragma once
// The river bank as a chain in frame metres, with chainage (metres along the bank
// from its upstream end): where riverside parks sit and shoreline zones begin.
#include <algorithm>
#include <limits>
#include <vector>

#include "planar.hpp"

namespace sample_city {

/// The Yangtze bank as a chain in frame metres, with chainage.
struct River {
    std::vector<Pt> pts;
    std::vector<double> chain;
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
};

}  // namespace sample_city
