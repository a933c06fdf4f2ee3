#pragma once
// Planar geometry in metres: just enough to lay out parks, blocks and parcels and
// to check where they lie. Written here, not taken from the engine, so the sample
// cannot inherit the engine's geometry bugs.
#include <cmath>
#include <vector>

namespace sample_city {

struct Pt {
    double x = 0, y = 0;
};
inline Pt operator+(Pt a, Pt b) { return {a.x + b.x, a.y + b.y}; }
inline Pt operator-(Pt a, Pt b) { return {a.x - b.x, a.y - b.y}; }
inline Pt operator*(Pt a, double s) { return {a.x * s, a.y * s}; }
inline double dot(Pt a, Pt b) { return a.x * b.x + a.y * b.y; }
inline double cross(Pt a, Pt b) { return a.x * b.y - a.y * b.x; }
inline double norm(Pt a) { return std::hypot(a.x, a.y); }
inline Pt lerp(Pt a, Pt b, double t) { return t == 1.0 ? b : a + (b - a) * t; }  // exact at both ends
inline bool operator==(Pt a, Pt b) { return a.x == b.x && a.y == b.y; }

using Ring = std::vector<Pt>;  ///< open ring: the first point is not repeated

/// Shoelace area, positive counter-clockwise; relative to the first vertex so that
/// zone-prefixed eastings (4e7) lose no precision.
double signed_area(const Ring& r);
void make_ccw(Ring& r);
bool point_in_ring(Pt p, const Ring& r);
/// No two edges of the ring meet except neighbours at their shared vertex.
bool ring_simple(const Ring& r);

/// Minimum distance between two chains of vertices (closed rings or open polylines);
/// 0 when they cross. Used only for placement checks and statistics.
double chain_distance(const std::vector<Pt>& a, bool a_closed, const std::vector<Pt>& b, bool b_closed);

/// A polygon of one or more parts, with holes (all rings stored counter-clockwise).
struct Poly {
    std::vector<Ring> parts;
    std::vector<Ring> holes;
};

double area(const Poly& p);
/// Whether ring `inner` lies inside polygon `p` (inside one part, clear of holes).
bool ring_inside(const Ring& inner, const Poly& p);
double poly_distance(const Poly& a, const Poly& b);

/// `from`→`to` split into pieces of at most `step` metres, without the end point.
/// Canonical: the same edge walked in either direction yields the same points, so
/// two polygons sharing an edge share every inserted vertex bit for bit.
std::vector<Pt> densify_edge(Pt from, Pt to, double step);
Ring densify_ring(const Ring& r, double step);

inline double round_to(double v, double unit) { return std::round(v / unit) * unit; }
inline double round2(double v) { return std::round(v * 100.0) / 100.0; }
inline double round4(double v) { return std::round(v * 10000.0) / 10000.0; }

/// A local frame: x along `u`, y along `v` (u turned 90° counter-clockwise), metres.
struct Frame {
    Pt origin, u, v;
    Pt to_world(Pt local) const { return origin + u * local.x + v * local.y; }
};
inline Frame make_frame(Pt origin, Pt u) { return {origin, u, Pt{-u.y, u.x}}; }

}  // namespace sample_city
