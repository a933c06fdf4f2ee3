#pragma once
// The GPU side of the parcel layer: the triangulated mesh in vertex buffers, one
// colour and one state byte per parcel in texture buffers, and a shader that
// reads both. Restyling rewrites those per-parcel arrays; the mesh is uploaded once.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "mesh.hpp"
#include "state.hpp"
#include "tile_pyramid.hpp"

namespace parkcap::viewer {

/// Bits of the per-parcel state byte the fragment shader reads.
enum ParcelStateBit : uint8_t {
    kStateAllocated = 1,  ///< part of a site a placement uses: hatched
    kStateSelected = 2,   ///< selected parcel or the selected project's site: tinted
    kStateHover = 4,      ///< under the cursor: lightened
    kStateSite = 8,       ///< available site land (not yet used): dotted
};

/// The parcels' colour until the scene's colours are uploaded (ImU32 byte order):
/// the first map, drawn before the audit is done, shows every parcel so.
inline constexpr uint32_t kPendingParcelRgba = 0xffc8c8c8u;

/// How the parcel layer is cached (PARKCAP_VIEWER_CACHE, read at start; for
/// comparisons and tests). Pyramid: the default, tiles per zoom level. Whole: one
/// 4096-pixel raster of the whole layer at small scales, geometry otherwise (the
/// viewer before the pyramid). Off: the geometry every frame.
enum class LayerCache { Pyramid, Whole, Off };

/// Where drawing the parcels' geometry stopped: the pass (0 fills, 1 points,
/// 2 outlines, 3 done) and the first mesh tile of that pass not drawn yet.
struct GeometryCursor {
    int pass = 0;
    std::size_t tile = 0;
    bool done() const { return pass > 2; }
};

/// One tile of the pyramid held as a texture.
struct CachedTile {
    unsigned texture = 0;        ///< 0 for a tile without parcels (nothing to draw)
    uint64_t generation = 0;     ///< of the colours and states it was drawn with
    uint64_t last_used = 0;      ///< frame
    /// A tile dearer than a frame's budget is drawn over several frames into a
    /// texture of its own, which replaces `texture` once complete (the view shows
    /// the earlier drawing or an ancestor's meanwhile).
    unsigned pending = 0;
    uint64_t pending_generation = 0;
    uint64_t pending_drawn = 0;  ///< primitives drawn into it so far
    GeometryCursor pending_cursor;
};

struct MapRenderer {
    unsigned program = 0, point_program = 0;
    unsigned fill_vao = 0, fill_vbo = 0, line_vao = 0, line_vbo = 0, point_vao = 0, point_vbo = 0;
    int pt_centre = -1, pt_scale = -1, pt_px_per_m = -1, pt_colours = -1, pt_states = -1, pt_opacity = -1;
    unsigned colour_buffer = 0, colour_texture = 0, state_buffer = 0, state_texture = 0;
    int loc_centre = -1, loc_scale = -1, loc_colours = -1, loc_states = -1, loc_opacity = -1, loc_line = -1,
        loc_line_colour = -1;
    geom::Point origin;
    geom::Box bounds;
    std::vector<MeshTile> tiles;
    // The cached raster of the whole parcel layer, drawn instead of the geometry
    // when zoomed out far enough that it is as sharp as the screen and the
    // geometry would be many primitives (aggregation level of detail).
    unsigned raster_fbo = 0, raster_texture = 0, quad_program = 0, quad_vao = 0;
    int raster_width = 0, raster_height = 0;
    bool raster_valid = false;
    int q_rect = -1, q_uv = -1, q_texture = -1, q_opacity = -1, loc_state_mask = -1, pt_state_mask = -1;
    uint64_t raster_renders = 0;    ///< how often it was redrawn (benchmark)
    bool last_used_raster = false;
    LayerCache cache_mode = LayerCache::Pyramid;
    int64_t tiles_above = -1;       ///< PARKCAP_VIEWER_TILES_ABOVE: overrides ParcelDrawParams::tiles_above_primitives
    // The pyramid of cached tiles (tile_pyramid.hpp). Tiles of base_level and
    // finer are drawn from the geometry; coarser ones are the average of their
    // four children, so a city view shows every parcel's colour by its area
    // where each is far under a pixel.
    TilePyramid pyramid;
    int base_level = 0;
    std::unordered_map<uint64_t, CachedTile> tile_cache;
    std::vector<unsigned> spare_textures;
    unsigned tile_fbo = 0;
    uint64_t generation = 1;        ///< bumped when colours, allocation states or the drawing rules change
    uint64_t draw_signature = 0;
    uint64_t frame_no = 0;
    std::vector<uint32_t> parcel_fill_first, parcel_fill_count;
    std::vector<uint32_t> highlighted;  ///< parcels selected or hovered: drawn over the tiles
    // What the last frame did with the pyramid (benchmark, tests).
    int last_level = -1;
    uint32_t last_tiles = 0, last_tiles_rendered = 0, last_tiles_composed = 0, last_tiles_standin = 0;
    uint64_t last_tile_primitives = 0, tiles_rendered = 0;
    std::size_t parcels = 0;
    std::vector<int> firsts;         ///< scratch for glMultiDrawArrays
    std::vector<int> counts;
    uint64_t last_fill_vertices = 0; ///< drawn in the last frame (benchmark, status bar)
    uint64_t last_line_vertices = 0;
    uint64_t last_points = 0;
    /// The benchmark's part timing: finish the GPU's work around the tiles'
    /// update and book its time in last_update_ms.
    bool probe = false;
    double last_update_ms = 0;
    // The parks' light tint, drawn into the tiles under the parcels (the tiles
    // are opaque: the map's background, the tint, the parcels), so a frame drawn
    // from tiles neither tessellates the parks' fill nor blends the tiles.
    unsigned tint_vao = 0, tint_vbo = 0;
    int tint_vertices = 0;
    std::vector<geom::Box> tint_bounds;  ///< of each park
    float tint_rgba[4] = {0, 0, 0, 0};
    float background_rgba[4] = {1, 1, 1, 1};
    double median_extent_m = 1;
    // While the view moves, the tiles are sampled nearest (half the fragment cost
    // of filtering them under llvmpipe); the first frame at rest filters them again.
    unsigned nearest_sampler = 0;
    geom::Point last_view_centre;
    double last_view_px_per_m = 0;
    bool last_nearest = false;      ///< the last frame sampled the tiles nearest: one more frame is due
    uint64_t tile_debt = 0;         ///< primitives drawn into tiles beyond the last frames' budgets
};
/// Drops every cached tile (the benchmark's second pass starts as the first did).
void drop_tiles(MapRenderer& r);

/// Compiles the shaders (needs a current OpenGL 3.3 core context). False and a
/// message in `error` when the driver refuses them.
bool init_map_renderer(MapRenderer& r, std::string& error);
/// Uploads a mesh; the CPU copy is released afterwards.
void upload_mesh(MapRenderer& r, ParcelMesh&& mesh);
/// The parks' fill (triangles in the working CRS) and its colour, and the map's
/// background colour (ImU32), for the tiles: the pyramid's extent grows to take
/// in every park. Call after upload_mesh.
void upload_park_tints(MapRenderer& r, const std::vector<std::vector<geom::Point>>& triangles,
                       const std::vector<geom::Box>& park_bounds, uint32_t tint_rgba, uint32_t background_rgba);
/// One RGBA colour (ImU32 byte order: R, G, B, A) per parcel.
void upload_parcel_colours(MapRenderer& r, const std::vector<uint32_t>& rgba);
/// One ParcelStateBit set per parcel. The cached raster is redrawn when the
/// allocated or site bits changed (selection and hover are not in it).
void upload_parcel_states(MapRenderer& r, const std::vector<uint8_t>& bits, bool raster_affected = true);

struct ParcelDrawParams {
    MapView view;
    int framebuffer_height = 0;  ///< pixels; the canvas rect is converted to GL's bottom-up viewport
    float framebuffer_scale = 1;
    bool fills = true, outlines = true;
    bool tints = false;           ///< the parks' tint goes into the tiles (the caller then leaves it out where tiles are drawn)
    float opacity = 1;
    float outline_rgba[4] = {0.25f, 0.25f, 0.3f, 0.45f};
    float min_point_px = 0.5f;    ///< parcels smaller than this on screen are skipped (level of detail)
    float min_fill_px = 3.0f;     ///< parcels smaller than this are drawn as one square point
    float min_outline_px = 10.0f;  ///< outlines only for parcels at least this large
    uint64_t max_outline_vertices = 300000;  ///< and only when fewer segment ends than this are in view
    uint64_t raster_above_primitives = 60000;  ///< use the cached raster when the geometry would be more
    /// Use the pyramid when the geometry in view would be more primitives than this
    /// (always where parcels are under two pixels). Below it the geometry is drawn
    /// directly: as cheap as the tiles, and its site dots and hatching stay on the
    /// screen's pixel grid instead of resampled.
    uint64_t tiles_above_primitives = 8000;
    /// On screen (and in the benchmark) frames draw new tiles only up to this
    /// many primitives a frame on average, nearest the centre first; the rest of
    /// the view shows the tile's earlier drawing or its drawn ancestor's until
    /// later frames. A tile dearer than the budget is drawn when nothing is owed,
    /// and what it overspent is paid back by the next frames drawing none. A
    /// capture (progressive = false) draws every tile it needs.
    bool progressive = false;
    uint64_t tile_budget_primitives = 16000;
    std::size_t max_cached_tiles = 512;         ///< 256 KiB each
};
/// Whether draw_parcels will draw this view from the pyramid of tiles (which
/// then carry the parks' tint when p.tints).
bool uses_tiles(const MapRenderer& r, const ParcelDrawParams& p);
/// Draws the parcels into the canvas rectangle of the bound framebuffer.
void draw_parcels(MapRenderer& r, const ParcelDrawParams& p);

void shutdown_map_renderer(MapRenderer& r);

}  // namespace parkcap::viewer
