#include "mesh.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <numeric>
#include <thread>

#include "parkcap/geom/triangulate.hpp"

namespace parkcap::viewer {

namespace {

double triangle_area(double ax, double ay, double bx, double by, double cx, double cy) {
    return 0.5 * std::fabs((bx - ax) * (cy - ay) - (cx - ax) * (by - ay));
}

/// What one thread produces for a contiguous run of the ordered parcels.
struct Chunk {
    std::vector<MeshVertex> fill, lines;
    std::vector<uint32_t> fill_count, line_count;  ///< per parcel of the run
    MeshStats stats;
};

void triangulate_run(const geom::MultiPolygonColumn& col, std::span<const uint32_t> order, geom::Point origin,
                     Chunk& out, std::atomic<uint64_t>& done) {
    std::vector<geom::Point> triangles;  // one polygon's, reused
    out.fill_count.reserve(order.size());
    out.line_count.reserve(order.size());
    out.fill.reserve(order.size() * 6);
    out.lines.reserve(order.size() * 8);
    uint64_t since_report = 0;
    for (const uint32_t f : order) {
        const std::size_t fill_before = out.fill.size(), lines_before = out.lines.size();
        double tri_area = 0;
        for (std::size_t k = 0; k < col.polygon_count(f); ++k) {
            ++out.stats.polygons;
            triangles.clear();
            switch (geom::triangulate_polygon(col, f, k, triangles)) {
            case geom::Triangulation::Fan: ++out.stats.fan_polygons; break;
            case geom::Triangulation::ConstrainedDelaunay: ++out.stats.geos_polygons; break;
            case geom::Triangulation::Failed: ++out.stats.failed_polygons; break;
            }
            for (std::size_t v = 0; v + 2 < triangles.size(); v += 3) {
                double tx[3], ty[3];
                for (int c = 0; c < 3; ++c) {
                    tx[c] = triangles[v + c].x - origin.x;
                    ty[c] = triangles[v + c].y - origin.y;
                    out.fill.push_back({static_cast<float>(tx[c]), static_cast<float>(ty[c]), f});
                }
                tri_area += triangle_area(tx[0], ty[0], tx[1], ty[1], tx[2], ty[2]);
            }
            for (std::size_t r = col.ring_begin(f, k); r < col.ring_end(f, k); ++r) {
                const auto pts = col.ring(r);
                for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
                    out.lines.push_back({static_cast<float>(pts[i].x - origin.x),
                                         static_cast<float>(pts[i].y - origin.y), f});
                    out.lines.push_back({static_cast<float>(pts[i + 1].x - origin.x),
                                         static_cast<float>(pts[i + 1].y - origin.y), f});
                }
            }
        }
        out.stats.area_m2 += col.area(f);
        out.stats.triangle_area_m2 += tri_area;
        out.fill_count.push_back(static_cast<uint32_t>(out.fill.size() - fill_before));
        out.line_count.push_back(static_cast<uint32_t>(out.lines.size() - lines_before));
        if (++since_report == 4096) {
            done += since_report;
            since_report = 0;
        }
    }
    done += since_report;
    out.stats.triangles = out.fill.size() / 3;
}

}  // namespace

ParcelMesh build_parcel_mesh(const geom::MultiPolygonColumn& col, unsigned threads, const ProgressFn& progress) {
    const auto t0 = std::chrono::steady_clock::now();
    ParcelMesh mesh;
    const std::size_t n = col.size();
    mesh.stats.parcels = n;

    // Bounds and extents, the tiles, and the draw order: tile by tile, large first.
    std::vector<geom::Box> bounds(n);
    geom::Box all = geom::Box::empty();
    for (std::size_t f = 0; f < n; ++f) {
        bounds[f] = col.bounds(f);
        if (!bounds[f].is_empty()) all.expand(bounds[f]);
    }
    if (all.is_empty()) all = {0, 0, 1, 1};
    mesh.bounds = all;
    mesh.origin = {std::round((all.min_x + all.max_x) / 2), std::round((all.min_y + all.max_y) / 2)};
    // Tiles by Sort-Tile-Recursive packing of the parcels' centres: vertical
    // slabs, each cut into runs of kTileParcels, so a tile is small and tight
    // wherever the parcels crowd (a uniform grid put 50,000 parcels of a dense
    // park in one tile).
    // 256: a map tile of the pyramid drawn at close zoom meets few of them, so
    // draws few triangles outside itself.
    constexpr std::size_t kTileParcels = 256;
    std::vector<float> extent(n);
    std::vector<geom::Point> centre(n);
    for (std::size_t f = 0; f < n; ++f) {
        const geom::Box& b = bounds[f];
        centre[f] = b.is_empty() ? geom::Point{all.min_x, all.min_y} : geom::Point{(b.min_x + b.max_x) / 2, (b.min_y + b.max_y) / 2};
        extent[f] = b.is_empty() ? 0.f : static_cast<float>(std::max(b.max_x - b.min_x, b.max_y - b.min_y));
    }
    std::vector<uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        return centre[a].x != centre[b].x ? centre[a].x < centre[b].x : a < b;
    });
    const std::size_t tiles = std::max<std::size_t>(1, (n + kTileParcels - 1) / kTileParcels);
    const std::size_t slabs = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(tiles)))));
    const std::size_t per_slab = (n + slabs - 1) / slabs;
    std::vector<uint32_t> tile_of(n);
    uint32_t next_tile = 0;
    for (std::size_t b = 0; b < n; b += per_slab) {
        const auto first = order.begin() + static_cast<std::ptrdiff_t>(b);
        const auto last = order.begin() + static_cast<std::ptrdiff_t>(std::min(n, b + per_slab));
        std::sort(first, last, [&](uint32_t p, uint32_t q) { return centre[p].y != centre[q].y ? centre[p].y < centre[q].y : p < q; });
        for (auto it = first; it < last; it += static_cast<std::ptrdiff_t>(std::min<std::size_t>(kTileParcels, static_cast<std::size_t>(last - it)))) {
            const auto end = it + static_cast<std::ptrdiff_t>(std::min<std::size_t>(kTileParcels, static_cast<std::size_t>(last - it)));
            for (auto k = it; k < end; ++k) tile_of[*k] = next_tile;
            ++next_tile;
        }
    }
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        if (tile_of[a] != tile_of[b]) return tile_of[a] < tile_of[b];
        if (extent[a] != extent[b]) return extent[a] > extent[b];
        return a < b;
    });

    // Triangulate contiguous runs of the order in parallel.
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(1, n / 1000)));
    std::vector<Chunk> chunks(threads);
    std::atomic<uint64_t> done{0};
    {
        std::vector<std::thread> pool;
        for (unsigned t = 0; t < threads; ++t) {
            const std::size_t b = n * t / threads, e = n * (t + 1) / threads;
            pool.emplace_back([&, b, e, t] {
                triangulate_run(col, std::span<const uint32_t>(order).subspan(b, e - b), mesh.origin, chunks[t], done);
            });
        }
        while (progress) {
            const uint64_t d = done.load();
            progress("triangulate", d, n);
            if (d >= n) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        for (auto& th : pool) th.join();
    }

    // Concatenate, then cut tiles and their level-of-detail prefixes.
    std::size_t fill_total = 0, line_total = 0;
    for (const auto& c : chunks) {
        fill_total += c.fill.size();
        line_total += c.lines.size();
    }
    mesh.fill.reserve(fill_total);
    mesh.lines.reserve(line_total);
    std::vector<uint32_t> fill_count, line_count;
    fill_count.reserve(n);
    line_count.reserve(n);
    for (auto& c : chunks) {
        mesh.fill.insert(mesh.fill.end(), c.fill.begin(), c.fill.end());
        mesh.lines.insert(mesh.lines.end(), c.lines.begin(), c.lines.end());
        fill_count.insert(fill_count.end(), c.fill_count.begin(), c.fill_count.end());
        line_count.insert(line_count.end(), c.line_count.begin(), c.line_count.end());
        mesh.stats.polygons += c.stats.polygons;
        mesh.stats.triangles += c.stats.triangles;
        mesh.stats.fan_polygons += c.stats.fan_polygons;
        mesh.stats.geos_polygons += c.stats.geos_polygons;
        mesh.stats.failed_polygons += c.stats.failed_polygons;
        mesh.stats.area_m2 += c.stats.area_m2;
        mesh.stats.triangle_area_m2 += c.stats.triangle_area_m2;
        c = Chunk{};
    }
    uint32_t fill_pos = 0, line_pos = 0;
    mesh.points.reserve(n);
    mesh.parcel_fill_first.assign(n, 0);
    mesh.parcel_fill_count.assign(n, 0);
    for (std::size_t i = 0; i < n;) {
        MeshTile tile;
        tile.bounds = geom::Box::empty();
        tile.fill_first = fill_pos;
        tile.line_first = line_pos;
        tile.point_first = static_cast<uint32_t>(i);
        const uint32_t id = tile_of[order[i]];
        // Parcels come in decreasing extent, so the cuts close from the largest
        // threshold down: cut k closes at the first parcel smaller than kLodExtents[k].
        int cut = static_cast<int>(kLodExtents.size()) - 1;
        for (; i < n && tile_of[order[i]] == id; ++i) {
            const uint32_t f = order[i];
            while (cut >= 0 && extent[f] < kLodExtents[static_cast<std::size_t>(cut)]) {
                tile.fill_count_at[static_cast<std::size_t>(cut)] = fill_pos - tile.fill_first;
                tile.line_count_at[static_cast<std::size_t>(cut)] = line_pos - tile.line_first;
                tile.point_count_at[static_cast<std::size_t>(cut)] = static_cast<uint32_t>(i) - tile.point_first;
                --cut;
            }
            if (!bounds[f].is_empty()) tile.bounds.expand(bounds[f]);
            const geom::Box& b = bounds[f];
            mesh.points.push_back({b.is_empty() ? 0.f : static_cast<float>((b.min_x + b.max_x) / 2 - mesh.origin.x),
                                   b.is_empty() ? 0.f : static_cast<float>((b.min_y + b.max_y) / 2 - mesh.origin.y), f,
                                   extent[f]});
            mesh.parcel_fill_first[f] = fill_pos;
            mesh.parcel_fill_count[f] = fill_count[i];
            fill_pos += fill_count[i];
            line_pos += line_count[i];
        }
        tile.fill_count = fill_pos - tile.fill_first;
        tile.line_count = line_pos - tile.line_first;
        tile.point_count = static_cast<uint32_t>(i) - tile.point_first;
        for (; cut >= 0; --cut) {
            tile.fill_count_at[static_cast<std::size_t>(cut)] = tile.fill_count;
            tile.line_count_at[static_cast<std::size_t>(cut)] = tile.line_count;
            tile.point_count_at[static_cast<std::size_t>(cut)] = tile.point_count;
        }
        mesh.tiles.push_back(tile);
    }
    mesh.stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (progress) progress("triangulate", n, n);
    return mesh;
}

}  // namespace parkcap::viewer
