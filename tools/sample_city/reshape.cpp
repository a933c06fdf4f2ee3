#include "reshape.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace sample_city {

namespace {

using Key = std::pair<double, double>;
Key key(Pt p) { return {p.x, p.y}; }
using Edge = std::pair<Key, Key>;

}  // namespace

bool is_convex(const Ring& r) {
    if (r.size() < 3) return false;
    for (std::size_t i = 0; i < r.size(); ++i) {
        const Pt a = r[i], b = r[(i + 1) % r.size()], c = r[(i + 2) % r.size()];
        // Relative to b: zone-prefixed eastings lose no precision.
        if (cross(a - b, c - b) > 0) return false;  // a right turn on a counter-clockwise ring
    }
    return signed_area(r) > 0;
}

std::vector<Ring> cut_convex(const Ring& r, Pt u, const std::vector<double>& at) {
    std::vector<Ring> pieces;
    Ring rest = r;
    const Pt origin = r[0];
    for (double c : at) {
        Ring below, above;
        for (std::size_t i = 0; i < rest.size(); ++i) {
            const Pt a = rest[i], b = rest[(i + 1) % rest.size()];
            const double sa = dot(a - origin, u) - c, sb = dot(b - origin, u) - c;
            if (sa <= 0) below.push_back(a);
            if (sa >= 0) above.push_back(a);
            if ((sa < 0 && sb > 0) || (sa > 0 && sb < 0)) {
                const Pt x = a + (b - a) * (sa / (sa - sb));
                below.push_back(x);
                above.push_back(x);
            }
        }
        pieces.push_back(std::move(below));
        rest = std::move(above);
    }
    pieces.push_back(std::move(rest));
    return pieces;
}

bool share_an_edge(const Ring& a, const Ring& b) {
    std::set<Edge> edges;
    for (std::size_t i = 0; i < a.size(); ++i) edges.insert({key(a[i]), key(a[(i + 1) % a.size()])});
    for (std::size_t i = 0; i < b.size(); ++i)
        if (edges.count({key(b[(i + 1) % b.size()]), key(b[i])})) return true;
    return false;
}

std::optional<Ring> union_of_neighbours(const std::vector<Ring>& rings) {
    std::multiset<Edge> all;
    std::vector<Edge> order;
    for (const auto& r : rings)
        for (std::size_t i = 0; i < r.size(); ++i) {
            const Edge e{key(r[i]), key(r[(i + 1) % r.size()])};
            all.insert(e);
            order.push_back(e);
        }
    std::map<Key, Key> next;  // the boundary left after shared edges cancel
    for (const Edge& e : order) {
        if (all.count({e.second, e.first})) continue;
        if (!next.emplace(e.first, e.second).second) return std::nullopt;  // two ways on from one vertex
    }
    if (next.empty()) return std::nullopt;
    Key start;
    for (const Edge& e : order)
        if (next.count(e.first) && next.at(e.first) == e.second) { start = e.first; break; }
    Ring out;
    std::set<Key> seen;
    Key at = start;
    do {
        if (!seen.insert(at).second) return std::nullopt;
        out.push_back({at.first, at.second});
        const auto it = next.find(at);
        if (it == next.end()) return std::nullopt;
        at = it->second;
    } while (at != start);
    if (out.size() != next.size()) return std::nullopt;  // more than one ring left
    return out;
}

}  // namespace sample_city
