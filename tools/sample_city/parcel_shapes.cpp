#include "layout.hpp"

#include <algorithm>
#include <cmath>

namespace sample_city {

std::vector<ParcelShape> split_block(const Pool& p, const Block& b, Rng& r) {
    const double half = p.road_w / 2, jitter = 0.35 * half;
    const double cx0 = p.x0 + b.col * p.cell_w, cy0 = p.y0 + b.row * p.cell_h;
    const double cx1 = cx0 + p.cell_w, cy1 = cy0 + p.cell_h;
    auto jit = [&] { return r.between(-jitter, jitter); };
    const Pt bl{cx0 + half + jit(), cy0 + half + jit()}, br{cx1 - half + jit(), cy0 + half + jit()};
    const Pt tr{cx1 - half + jit(), cy1 - half + jit()}, tl{cx0 + half + jit(), cy1 - half + jit()};

    const int n = b.parcels;
    const bool two_rows = n > kMaxParcelsPerRow || (n >= 3 && r.chance(0.5));
    const int top_n = two_rows ? (r.chance(0.5) ? (n + 1) / 2 : n / 2) : 0;
    const int bottom_n = n - top_n;

    auto column_params = [&](int m, std::vector<double>& lower, std::vector<double>& upper) {
        std::vector<double> w(static_cast<std::size_t>(m));
        double sum = 0;
        for (double& x : w) sum += (x = r.between(0.6, 1.6));
        lower.assign(1, 0.0);
        for (double x : w) lower.push_back(lower.back() + x / sum);
        lower.back() = 1.0;
        upper = lower;
        for (int k = 1; k < m; ++k) upper[static_cast<std::size_t>(k)] += r.between(-0.12, 0.12) / m;
    };

    std::vector<ParcelShape> out;
    // A row between a lower line (a0→a1) and an upper line (b0→b1); `lower_extra` and
    // `upper_extra` are the other row's cut points on a shared middle line.
    auto emit_row = [&](Pt a0, Pt a1, Pt b0, Pt b1, const std::vector<double>& lo, const std::vector<double>& up,
                        const std::vector<double>& lower_extra, const std::vector<double>& upper_extra) {
        for (std::size_t k = 0; k + 1 < lo.size(); ++k) {
            ParcelShape s;
            s.corners = {lerp(a0, a1, lo[k]), lerp(a0, a1, lo[k + 1]), lerp(b0, b1, up[k + 1]), lerp(b0, b1, up[k])};
            s.ring.push_back(s.corners[0]);
            for (double t : lower_extra)
                if (t > lo[k] && t < lo[k + 1]) s.ring.push_back(lerp(a0, a1, t));
            s.ring.push_back(s.corners[1]);
            s.ring.push_back(s.corners[2]);
            for (auto it = upper_extra.rbegin(); it != upper_extra.rend(); ++it)
                if (*it > up[k] && *it < up[k + 1]) s.ring.push_back(lerp(b0, b1, *it));
            s.ring.push_back(s.corners[3]);
            out.push_back(std::move(s));
        }
    };

    if (!two_rows) {
        std::vector<double> lo, up;
        column_params(n, lo, up);
        emit_row(bl, br, tl, tr, lo, up, {}, {});
    } else {
        const Pt ml = lerp(bl, tl, r.between(0.4, 0.6)), mr = lerp(br, tr, r.between(0.4, 0.6));
        std::vector<double> b_lo, b_up, t_lo, t_up;
        column_params(bottom_n, b_lo, b_up);
        column_params(top_n, t_lo, t_up);
        // Cut points of the two rows closer than 2 % of the middle line become one.
        for (std::size_t i = 1; i + 1 < t_lo.size(); ++i)
            for (std::size_t j = 1; j + 1 < b_up.size(); ++j)
                if (std::abs(t_lo[i] - b_up[j]) < 0.02) t_lo[i] = b_up[j];
        emit_row(bl, br, ml, mr, b_lo, b_up, {}, t_lo);
        emit_row(ml, mr, tl, tr, t_lo, t_up, b_up, {});
    }

    // Half the blocks get cut corners at the crossroads (道路切角).
    if (r.chance(0.5)) {
        const double cut = std::clamp(0.5 * p.road_w, 3.0, 10.0);
        for (auto& s : out) {
            Ring cut_ring;
            for (std::size_t i = 0; i < s.ring.size(); ++i) {
                const Pt v = s.ring[i], prev = s.ring[(i + s.ring.size() - 1) % s.ring.size()],
                         next = s.ring[(i + 1) % s.ring.size()];
                const bool corner = v == bl || v == br || v == tr || v == tl;
                if (corner && norm(prev - v) > 4 * cut && norm(next - v) > 4 * cut) {
                    cut_ring.push_back(v + (prev - v) * (cut / norm(prev - v)));
                    cut_ring.push_back(v + (next - v) * (cut / norm(next - v)));
                } else {
                    cut_ring.push_back(v);
                }
            }
            s.ring = std::move(cut_ring);
        }
    }
    return out;
}

namespace {

// ParcelStyle::Irregular's shares, per parcel: an L-shape, else a bulged edge.
constexpr double kLShapeShare = 0.05;
constexpr double kBulgeShare = 0.20;

/// A quadrilateral strip whose lower edge (corners 0→1) and upper edge (2→3) no
/// other parcel shares; `room_lower`/`room_upper` is how far it may bulge past each.
struct Strip {
    std::array<Pt, 4> c;
    double room_lower, room_upper;
};

/// Up to four points bulging outward from edge a→b of a counter-clockwise ring, on
/// a parabola (so the chain stays convex); none when the edge is too short for a
/// bulge that survives rounding to the millimetre.
std::vector<Pt> bulge(Pt a, Pt b, double room, int points) {
    const Pt e = b - a;
    const double len = norm(e), height = std::min(room, 0.04 * len);
    if (height < 0.05) return {};
    const Pt out{e.y / len, -e.x / len};  // right of a→b: outside a counter-clockwise ring
    std::vector<Pt> pts;
    for (int k = 1; k <= points; ++k) {
        const double t = static_cast<double>(k) / (points + 1);
        pts.push_back(lerp(a, b, t) + out * (4 * height * t * (1 - t)));
    }
    return pts;
}

ParcelShape shape_strip(const Strip& s, Rng& r) {
    ParcelShape shape;
    shape.corners = s.c;
    const auto& c = s.c;
    const double u = r.uniform();
    Ring ring;
    if (u < kLShapeShare) {
        // Notch at one corner: a third to a half of each of its edges cut away.
        const int at = static_cast<int>(r.int_between(0, 3));
        const double a = r.between(0.3, 0.5), b = r.between(0.3, 0.5);
        for (int k = 0; k < 4; ++k) {
            if (k != at) {
                ring.push_back(c[static_cast<std::size_t>(k)]);
                continue;
            }
            const Pt v = c[static_cast<std::size_t>(k)], prev = c[static_cast<std::size_t>((k + 3) % 4)],
                     next = c[static_cast<std::size_t>((k + 1) % 4)];
            ring.push_back(v + (prev - v) * b);
            ring.push_back(v + (next - v) * a + (prev - v) * b);
            ring.push_back(v + (next - v) * a);
        }
    } else if (u < kLShapeShare + kBulgeShare) {
        const bool lower = r.chance(0.5);
        const int points = static_cast<int>(r.int_between(1, 4));
        const auto extra = lower ? bulge(c[0], c[1], s.room_lower, points) : bulge(c[2], c[3], s.room_upper, points);
        ring.push_back(c[0]);
        if (lower) ring.insert(ring.end(), extra.begin(), extra.end());
        ring.push_back(c[1]);
        ring.push_back(c[2]);
        if (!lower) ring.insert(ring.end(), extra.begin(), extra.end());
        ring.push_back(c[3]);
    }
    if (ring.empty() || !ring_simple(ring) || signed_area(ring) <= 0) ring.assign(c.begin(), c.end());
    shape.ring = std::move(ring);
    return shape;
}

}  // namespace

std::vector<ParcelShape> split_block_irregular(const Pool& p, const Block& b, Rng& r, Rng shape_rng) {
    const double half = p.road_w / 2, jitter = 0.35 * half;
    const double cx0 = p.x0 + b.col * p.cell_w, cy0 = p.y0 + b.row * p.cell_h;
    const double cx1 = cx0 + p.cell_w, cy1 = cy0 + p.cell_h;
    auto jit = [&] { return r.between(-jitter, jitter); };
    const Pt bl{cx0 + half + jit(), cy0 + half + jit()}, br{cx1 - half + jit(), cy0 + half + jit()};
    const Pt tr{cx1 - half + jit(), cy1 - half + jit()}, tl{cx0 + half + jit(), cy1 - half + jit()};
    // Two blocks' edges are at least 1.3 half-roads apart (the jitter): a bulge of
    // 0.3 half-roads from each leaves road between them.
    const double road_room = 0.3 * half;

    const int n = b.parcels;
    const bool two_rows = n > kMaxParcelsPerRow || (n >= 3 && r.chance(0.5));
    const int top_n = two_rows ? (r.chance(0.5) ? (n + 1) / 2 : n / 2) : 0;
    const int bottom_n = n - top_n;

    auto cuts = [&](int m, std::vector<double>& lower, std::vector<double>& upper) {
        std::vector<double> w(static_cast<std::size_t>(m));
        double sum = 0;
        for (double& x : w) sum += (x = r.between(0.6, 1.6));
        lower.assign(1, 0.0);
        for (double x : w) lower.push_back(lower.back() + x / sum);
        lower.back() = 1.0;
        upper = lower;
        for (int k = 1; k < m; ++k) upper[static_cast<std::size_t>(k)] += r.between(-0.12, 0.12) / m;
    };
    std::vector<ParcelShape> out;
    auto row = [&](Pt a0, Pt a1, Pt b0, Pt b1, int m, double room_lower, double room_upper) {
        std::vector<double> lo, up;
        cuts(m, lo, up);
        for (std::size_t k = 0; k + 1 < lo.size(); ++k) {
            const Strip s{{lerp(a0, a1, lo[k]), lerp(a0, a1, lo[k + 1]), lerp(b0, b1, up[k + 1]), lerp(b0, b1, up[k])},
                          room_lower, room_upper};
            out.push_back(shape_strip(s, shape_rng));
        }
    };
    if (!two_rows) {
        row(bl, br, tl, tr, n, road_room, road_room);
    } else {
        // A service lane along the middle line: 4 m, or less in small blocks.
        const Pt ml = lerp(bl, tl, r.between(0.4, 0.6)), mr = lerp(br, tr, r.between(0.4, 0.6));
        const double lane = std::min(4.0, 0.08 * std::min(norm(tl - bl), norm(tr - br)));
        auto toward = [&](Pt from, Pt to) { return from + (to - from) * (lane / 2 / norm(to - from)); };
        const double lane_room = lane / 3;
        row(bl, br, toward(ml, bl), toward(mr, br), bottom_n, road_room, lane_room);
        row(toward(ml, tl), toward(mr, tr), tl, tr, top_n, lane_room, road_room);
    }
    return out;
}

}  // namespace sample_city
