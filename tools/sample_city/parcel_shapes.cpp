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

}  // namespace sample_city
