#pragma once
// The GPU side of the parcel layer: the triangulated mesh in vertex buffers, one
// colour and one state byte per parcel in texture buffers, and a shader that
// reads both. Restyling rewrites those per-parcel arrays; the mesh is uploaded once.
#include <cstdint>
#include <string>
#include <vector>

#include "mesh.hpp"
#include "state.hpp"

namespace parkcap::viewer {

/// Bits of the per-parcel state byte the fragment shader reads.
enum ParcelStateBit : uint8_t {
    kStateAllocated = 1,  ///< part of a site a placement uses: hatched
    kStateSelected = 2,   ///< selected parcel or the selected project's site: tinted
    kStateHover = 4,      ///< under the cursor: lightened
    kStateSite = 8,       ///< available site land (not yet used): dotted
};

struct MapRenderer {
    unsigned program = 0;
    unsigned fill_vao = 0, fill_vbo = 0, line_vao = 0, line_vbo = 0;
    unsigned colour_buffer = 0, colour_texture = 0, state_buffer = 0, state_texture = 0;
    int loc_centre = -1, loc_scale = -1, loc_colours = -1, loc_states = -1, loc_opacity = -1, loc_line = -1,
        loc_line_colour = -1;
    geom::Point origin;
    std::vector<MeshTile> tiles;
    std::size_t parcels = 0;
    std::vector<int> firsts;         ///< scratch for glMultiDrawArrays
    std::vector<int> counts;
    uint64_t last_fill_vertices = 0; ///< drawn in the last frame (benchmark, status bar)
    uint64_t last_line_vertices = 0;
};

/// Compiles the shaders (needs a current OpenGL 3.3 core context). False and a
/// message in `error` when the driver refuses them.
bool init_map_renderer(MapRenderer& r, std::string& error);
/// Uploads a mesh; the CPU copy is released afterwards.
void upload_mesh(MapRenderer& r, ParcelMesh&& mesh);
/// One RGBA colour (ImU32 byte order: R, G, B, A) per parcel.
void upload_parcel_colours(MapRenderer& r, const std::vector<uint32_t>& rgba);
/// One ParcelStateBit set per parcel.
void upload_parcel_states(MapRenderer& r, const std::vector<uint8_t>& bits);

struct ParcelDrawParams {
    MapView view;
    int framebuffer_height = 0;  ///< pixels; the canvas rect is converted to GL's bottom-up viewport
    float framebuffer_scale = 1;
    bool fills = true, outlines = true;
    float opacity = 1;
    float outline_rgba[4] = {0.2f, 0.2f, 0.25f, 0.55f};
    float min_fill_px = 0.75f;    ///< parcels smaller than this on screen are skipped (level of detail)
    float min_outline_px = 6.0f;  ///< outlines only for parcels at least this large
};
/// Draws the parcels into the canvas rectangle of the bound framebuffer.
void draw_parcels(MapRenderer& r, const ParcelDrawParams& p);

void shutdown_map_renderer(MapRenderer& r);

}  // namespace parkcap::viewer
