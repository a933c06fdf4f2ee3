#include "map_renderer.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <functional>

#include "gl.hpp"

namespace parkcap::viewer {

namespace {

// The per-parcel colour and state are fetched once per vertex, not per fragment:
// on software OpenGL the fragments are the cost.
const char* kVertexShader = R"(#version 330 core
layout(location = 0) in vec2 a_pos;
layout(location = 1) in uint a_feature;
uniform vec2 u_centre;   // view centre, metres from the mesh origin
uniform vec2 u_scale;    // NDC units per metre
uniform samplerBuffer u_colours;
uniform usamplerBuffer u_states;
uniform uint u_state_mask;  // the raster leaves out selection and hover
flat out vec4 v_colour;
flat out uint v_state;
void main() {
    v_colour = texelFetch(u_colours, int(a_feature));
    v_state = texelFetch(u_states, int(a_feature)).r & u_state_mask;
    gl_Position = vec4((a_pos - u_centre) * u_scale, 0.0, 1.0);
}
)";

const char* kPointVertexShader = R"(#version 330 core
layout(location = 0) in vec2 a_pos;
layout(location = 1) in uint a_feature;
layout(location = 2) in float a_extent;
uniform vec2 u_centre;
uniform vec2 u_scale;
uniform float u_px_per_m;
uniform samplerBuffer u_colours;
uniform usamplerBuffer u_states;
uniform uint u_state_mask;
flat out vec4 v_colour;
flat out uint v_state;
void main() {
    v_colour = texelFetch(u_colours, int(a_feature));
    v_state = texelFetch(u_states, int(a_feature)).r & u_state_mask;
    gl_Position = vec4((a_pos - u_centre) * u_scale, 0.0, 1.0);
    gl_PointSize = max(1.0, a_extent * u_px_per_m);
}
)";

const char* kFragmentShader = R"(#version 330 core
uniform float u_opacity;
uniform int u_line;        // 1: outlines in u_line_colour
uniform vec4 u_line_colour;
flat in vec4 v_colour;
flat in uint v_state;
out vec4 o_colour;
void main() {
    if (u_line == 1) { o_colour = u_line_colour; return; }
    vec4 c = v_colour;
    uint s = v_state;
    if ((s & 8u) != 0u) {             // available site land: a fine dot grid
        vec2 m = mod(gl_FragCoord.xy, 6.0);
        if (m.x < 2.0 && m.y < 2.0) c.rgb = mix(c.rgb, vec3(0.05, 0.35, 0.20), 0.8);
    }
    if ((s & 1u) != 0u) {             // allocated: diagonal hatching
        float h = mod(gl_FragCoord.x + gl_FragCoord.y, 9.0);
        if (h < 3.0) c.rgb = mix(c.rgb, vec3(0.02, 0.32, 0.16), 0.9);
    }
    if ((s & 2u) != 0u) c.rgb = mix(c.rgb, vec3(1.0, 0.92, 0.15), 0.45);
    if ((s & 4u) != 0u) c.rgb = mix(c.rgb, vec3(1.0), 0.35);
    o_colour = vec4(c.rgb, c.a * u_opacity);
}
)";

const char* kQuadVertexShader = R"(#version 330 core
uniform vec4 u_rect;  // NDC x0, y0, x1, y1
uniform vec4 u_uv;    // texture coordinates of those corners
out vec2 v_uv;
void main() {
    vec2 corner = vec2(float(gl_VertexID & 1), float((gl_VertexID >> 1) & 1));
    v_uv = mix(u_uv.xy, u_uv.zw, corner);
    gl_Position = vec4(mix(u_rect.xy, u_rect.zw, corner), 0.0, 1.0);
}
)";

const char* kQuadFragmentShader = R"(#version 330 core
uniform sampler2D u_texture;  // premultiplied alpha
uniform float u_opacity;
in vec2 v_uv;
out vec4 o_colour;
void main() { o_colour = texture(u_texture, v_uv) * u_opacity; }
)";

unsigned compile(GLenum kind, const char* source, std::string& error) {
    const GLuint s = glCreateShader(kind);
    glShaderSource(s, 1, &source, nullptr);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[2048];
        glGetShaderInfoLog(s, sizeof log, nullptr, log);
        error = std::string("shader did not compile: ") + log;
        glDeleteShader(s);
        return 0;
    }
    return s;
}

void make_vertex_array(unsigned& vao, unsigned& vbo, const std::vector<MeshVertex>& vertices) {
    glGenVertexArrays(1, &vao);
    glGenBuffers(1, &vbo);
    glBindVertexArray(vao);
    glBindBuffer(GL_ARRAY_BUFFER, vbo);
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(vertices.size() * sizeof(MeshVertex)),
                 vertices.empty() ? nullptr : vertices.data(), GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(MeshVertex), reinterpret_cast<void*>(0));
    glEnableVertexAttribArray(1);
    glVertexAttribIPointer(1, 1, GL_UNSIGNED_INT, sizeof(MeshVertex), reinterpret_cast<void*>(2 * sizeof(float)));
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
}

void make_texture_buffer(unsigned& buffer, unsigned& texture, GLenum format, std::size_t bytes, const void* data) {
    if (!buffer) glGenBuffers(1, &buffer);
    if (!texture) glGenTextures(1, &texture);
    glBindBuffer(GL_TEXTURE_BUFFER, buffer);
    glBufferData(GL_TEXTURE_BUFFER, static_cast<GLsizeiptr>(std::max<std::size_t>(bytes, 4)), nullptr, GL_DYNAMIC_DRAW);
    if (data && bytes) glBufferSubData(GL_TEXTURE_BUFFER, 0, static_cast<GLsizeiptr>(bytes), data);
    glBindTexture(GL_TEXTURE_BUFFER, texture);
    glTexBuffer(GL_TEXTURE_BUFFER, format, buffer);
    glBindTexture(GL_TEXTURE_BUFFER, 0);
    glBindBuffer(GL_TEXTURE_BUFFER, 0);
}

/// The level-of-detail cut: the largest k whose extent is at most `min_extent_m`.
int lod_cut(double min_extent_m) {
    int k = -1;
    for (int i = 0; i < static_cast<int>(kLodExtents.size()); ++i)
        if (kLodExtents[i] <= min_extent_m) k = i;
    return k;
}

bool overlaps(const geom::Box& a, const geom::Box& b) {
    return !(a.max_x < b.min_x || a.min_x > b.max_x || a.max_y < b.min_y || a.min_y > b.max_y);
}

unsigned link(const char* vertex, const char* fragment, std::string& error) {
    const GLuint vs = compile(GL_VERTEX_SHADER, vertex, error);
    if (!vs) return 0;
    const GLuint fs = compile(GL_FRAGMENT_SHADER, fragment, error);
    if (!fs) {
        glDeleteShader(vs);
        return 0;
    }
    const GLuint program = glCreateProgram();
    glAttachShader(program, vs);
    glAttachShader(program, fs);
    glLinkProgram(program);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = 0;
    glGetProgramiv(program, GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[2048];
        glGetProgramInfoLog(program, sizeof log, nullptr, log);
        error = std::string("shader program did not link: ") + log;
        glDeleteProgram(program);
        return 0;
    }
    return program;
}

}  // namespace

bool init_map_renderer(MapRenderer& r, std::string& error) {
    r.program = link(kVertexShader, kFragmentShader, error);
    if (!r.program) return false;
    r.point_program = link(kPointVertexShader, kFragmentShader, error);
    if (!r.point_program) return false;
    r.pt_centre = glGetUniformLocation(r.point_program, "u_centre");
    r.pt_scale = glGetUniformLocation(r.point_program, "u_scale");
    r.pt_px_per_m = glGetUniformLocation(r.point_program, "u_px_per_m");
    r.pt_colours = glGetUniformLocation(r.point_program, "u_colours");
    r.pt_states = glGetUniformLocation(r.point_program, "u_states");
    r.pt_opacity = glGetUniformLocation(r.point_program, "u_opacity");
    glUseProgram(r.point_program);
    glUniform1i(glGetUniformLocation(r.point_program, "u_line"), 0);
    r.pt_state_mask = glGetUniformLocation(r.point_program, "u_state_mask");
    r.quad_program = link(kQuadVertexShader, kQuadFragmentShader, error);
    if (!r.quad_program) return false;
    r.q_rect = glGetUniformLocation(r.quad_program, "u_rect");
    r.q_texture = glGetUniformLocation(r.quad_program, "u_texture");
    r.q_opacity = glGetUniformLocation(r.quad_program, "u_opacity");
    r.q_uv = glGetUniformLocation(r.quad_program, "u_uv");
    if (const char* t = std::getenv("PARKCAP_VIEWER_TILES_ABOVE")) r.tiles_above = std::atoll(t);
    if (const char* c = std::getenv("PARKCAP_VIEWER_CACHE")) {
        if (!std::strcmp(c, "whole")) r.cache_mode = LayerCache::Whole;
        else if (!std::strcmp(c, "off")) r.cache_mode = LayerCache::Off;
        else if (std::strcmp(c, "pyramid") != 0) {
            error = std::string("PARKCAP_VIEWER_CACHE=") + c + ": not one of pyramid, whole, off";
            return false;
        }
    }
    glGenVertexArrays(1, &r.quad_vao);
    glUseProgram(0);
    r.loc_centre = glGetUniformLocation(r.program, "u_centre");
    r.loc_scale = glGetUniformLocation(r.program, "u_scale");
    r.loc_colours = glGetUniformLocation(r.program, "u_colours");
    r.loc_states = glGetUniformLocation(r.program, "u_states");
    r.loc_opacity = glGetUniformLocation(r.program, "u_opacity");
    r.loc_line = glGetUniformLocation(r.program, "u_line");
    r.loc_line_colour = glGetUniformLocation(r.program, "u_line_colour");
    r.loc_state_mask = glGetUniformLocation(r.program, "u_state_mask");
    return true;
}

namespace {

/// The pyramid over `extent`, its base level, and no tile cached.
void set_pyramid(MapRenderer& r, const geom::Box& extent) {
    r.pyramid = TilePyramid::over(extent);
    // The pyramid's finest aggregated level: the first where a parcel of the
    // median extent is two pixels or more, so drawing it from the geometry skips
    // few parcels (those under half a pixel) and the levels above average it.
    r.base_level = 0;
    while (r.base_level < kMaxTileLevel && r.pyramid.px_per_m(r.base_level) * r.median_extent_m < 2.0) ++r.base_level;
    // At most 16 × 16 tiles (as sharp as the 4,096-pixel raster it replaces),
    // so the whole extent's base fits in the cache with room for the view.
    r.base_level = std::min(r.base_level, 4);
    for (auto& [key, t] : r.tile_cache) {
        if (t.texture) r.spare_textures.push_back(t.texture);
        if (t.pending) r.spare_textures.push_back(t.pending);
    }
    r.tile_cache.clear();
    ++r.generation;
}

void rgba_floats(uint32_t c, float out[4]) {
    for (int i = 0; i < 4; ++i) out[i] = static_cast<float>((c >> (8 * i)) & 0xffu) / 255.0f;
}

}  // namespace

void upload_park_tints(MapRenderer& r, const std::vector<std::vector<geom::Point>>& triangles,
                       const std::vector<geom::Box>& park_bounds, uint32_t tint_rgba, uint32_t background_rgba) {
    std::vector<MeshVertex> vertices;
    for (const auto& t : triangles)
        for (const geom::Point& p : t)
            vertices.push_back({static_cast<float>(p.x - r.origin.x), static_cast<float>(p.y - r.origin.y), 0});
    if (r.tint_vao) {
        glDeleteVertexArrays(1, &r.tint_vao);
        glDeleteBuffers(1, &r.tint_vbo);
    }
    make_vertex_array(r.tint_vao, r.tint_vbo, vertices);
    r.tint_vertices = static_cast<int>(vertices.size());
    r.tint_bounds.clear();
    geom::Box extent = r.bounds;
    for (const geom::Box& b : park_bounds)
        if (!b.is_empty()) {
            r.tint_bounds.push_back(b);
            extent.expand(b);
        }
    rgba_floats(tint_rgba, r.tint_rgba);
    rgba_floats(background_rgba, r.background_rgba);
    if (!extent.is_empty()) set_pyramid(r, extent);
}

void upload_mesh(MapRenderer& r, ParcelMesh&& mesh) {
    make_vertex_array(r.fill_vao, r.fill_vbo, mesh.fill);
    make_vertex_array(r.line_vao, r.line_vbo, mesh.lines);
    glGenVertexArrays(1, &r.point_vao);
    glGenBuffers(1, &r.point_vbo);
    glBindVertexArray(r.point_vao);
    glBindBuffer(GL_ARRAY_BUFFER, r.point_vbo);
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(mesh.points.size() * sizeof(MeshPoint)),
                 mesh.points.empty() ? nullptr : mesh.points.data(), GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(MeshPoint), reinterpret_cast<void*>(0));
    glEnableVertexAttribArray(1);
    glVertexAttribIPointer(1, 1, GL_UNSIGNED_INT, sizeof(MeshPoint), reinterpret_cast<void*>(2 * sizeof(float)));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 1, GL_FLOAT, GL_FALSE, sizeof(MeshPoint), reinterpret_cast<void*>(3 * sizeof(float)));
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    r.origin = mesh.origin;
    r.bounds = mesh.bounds;
    r.raster_valid = false;
    // The pyramid's finest aggregated level: the first where a parcel of the
    // median extent is two pixels or more, so drawing it from the geometry skips
    // few parcels (those under half a pixel) and the levels above average it.
    {
        std::vector<float> extents(mesh.points.size());
        for (std::size_t i = 0; i < extents.size(); ++i) extents[i] = mesh.points[i].extent_m;
        r.median_extent_m = 1;
        if (!extents.empty()) {
            std::nth_element(extents.begin(), extents.begin() + static_cast<std::ptrdiff_t>(extents.size() / 2), extents.end());
            r.median_extent_m = std::max(0.01, static_cast<double>(extents[extents.size() / 2]));
        }
    }
    set_pyramid(r, mesh.bounds);
    r.parcel_fill_first = std::move(mesh.parcel_fill_first);
    r.parcel_fill_count = std::move(mesh.parcel_fill_count);
    mesh.points = {};
    r.tiles = std::move(mesh.tiles);
    r.parcels = mesh.stats.parcels;
    mesh.fill = {};
    mesh.lines = {};
    std::vector<uint32_t> grey(r.parcels, kPendingParcelRgba);
    upload_parcel_colours(r, grey);
    upload_parcel_states(r, std::vector<uint8_t>(r.parcels, 0));
}

void upload_parcel_colours(MapRenderer& r, const std::vector<uint32_t>& rgba) {
    make_texture_buffer(r.colour_buffer, r.colour_texture, GL_RGBA8, rgba.size() * 4, rgba.data());
    r.raster_valid = false;
    ++r.generation;
}

void upload_parcel_states(MapRenderer& r, const std::vector<uint8_t>& bits, bool raster_affected) {
    make_texture_buffer(r.state_buffer, r.state_texture, GL_R8UI, bits.size(), bits.data());
    if (raster_affected) {
        r.raster_valid = false;
        ++r.generation;
    }
    r.highlighted.clear();
    for (std::size_t i = 0; i < bits.size(); ++i)
        if (bits[i] & (kStateSelected | kStateHover)) r.highlighted.push_back(static_cast<uint32_t>(i));
}

namespace {

/// Draws the geometry (triangles, points, outlines) of the mesh tiles in view of
/// `v` into the current viewport, with the level of detail of `p`: from cursor `c`
/// on, in the order one call drawing it all would (the fills, the points, then
/// the outlines, each pass in mesh-tile order), until about `budget` primitives
/// (triangles and points) are drawn, at least one mesh tile's, or to the end. The
/// outlines go all at once. Advances `c`; returns the primitives drawn.
uint64_t draw_geometry(MapRenderer& r, const MapView& v, const ParcelDrawParams& p, unsigned state_mask, bool fills,
                       bool outlines, GeometryCursor& c, uint64_t budget = UINT64_MAX) {
    glUseProgram(r.program);
    glUniform2f(r.loc_centre, static_cast<float>(v.centre.x - r.origin.x), static_cast<float>(v.centre.y - r.origin.y));
    glUniform2f(r.loc_scale, static_cast<float>(2.0 * v.px_per_m / v.width()),
                static_cast<float>(2.0 * v.px_per_m / v.height()));
    glUniform1f(r.loc_opacity, p.opacity);
    glUniform1ui(r.loc_state_mask, state_mask);
    glUniform1i(r.loc_colours, 0);
    glUniform1i(r.loc_states, 1);
    const geom::Box visible = v.visible_box();
    // Level of detail: triangles for parcels at least min_fill_px across (the
    // tile's prefix up to that cut), points for those between min_point_px and
    // that, nothing below. Zoomed in, every cut is below 1 m and all are triangles.
    const int tri_cut = lod_cut(p.min_fill_px / v.px_per_m);
    const int point_cut = lod_cut(p.min_point_px / v.px_per_m);
    const int line_cut = lod_cut(p.min_outline_px / v.px_per_m);
    enum Pass { Fill = 0, Points = 1, Lines = 2 };
    uint64_t drawn = 0;
    // The mesh tiles of `pass` from c.tile on while the budget lasts (the outlines: all).
    // Returns their vertices; c.tile is where it stopped, or the end.
    auto gather = [&](int pass) {
        r.firsts.clear();
        r.counts.clear();
        uint64_t total = 0;
        for (; c.tile < r.tiles.size(); ++c.tile) {
            const MeshTile& t = r.tiles[c.tile];
            if (!overlaps(t.bounds, visible)) continue;
            uint32_t first = 0, count = 0;
            switch (pass) {
            case Fill:
                first = t.fill_first;
                count = tri_cut >= 0 ? t.fill_count_at[static_cast<std::size_t>(tri_cut)] : t.fill_count;
                break;
            case Lines:
                first = t.line_first;
                count = line_cut >= 0 ? t.line_count_at[static_cast<std::size_t>(line_cut)] : t.line_count;
                break;
            case Points: {
                if (tri_cut < 0) break;
                const uint32_t begin = t.point_count_at[static_cast<std::size_t>(tri_cut)];
                const uint32_t end = point_cut >= 0 ? t.point_count_at[static_cast<std::size_t>(point_cut)] : t.point_count;
                first = t.point_first + begin;
                count = end > begin ? end - begin : 0;
                break;
            }
            }
            if (!count) continue;
            if (pass != Lines) {
                const uint64_t cost = pass == Fill ? count / 3 : count;
                if (drawn > 0 && drawn + cost > budget) break;
                drawn += cost;
            }
            r.firsts.push_back(static_cast<int>(first));
            r.counts.push_back(static_cast<int>(count));
            total += count;
        }
        return total;
    };
    glUniform1i(r.loc_line, 0);
    while (c.pass <= Lines && (drawn < budget || c.pass == Lines)) {
        const int pass = c.pass;
        const bool wanted = pass == Lines ? outlines : fills;
        const uint64_t vertices = wanted ? gather(pass) : 0;
        if (!wanted) c.tile = r.tiles.size();
        if (pass == Fill) {
            r.last_fill_vertices += vertices;
            if (vertices) {
                glBindVertexArray(r.fill_vao);
                glMultiDrawArrays(GL_TRIANGLES, r.firsts.data(), r.counts.data(), static_cast<GLsizei>(r.firsts.size()));
            }
        } else if (pass == Points) {
            r.last_points += vertices;
            if (vertices) {
                glUseProgram(r.point_program);
                glEnable(GL_PROGRAM_POINT_SIZE);
                glUniform2f(r.pt_centre, static_cast<float>(v.centre.x - r.origin.x), static_cast<float>(v.centre.y - r.origin.y));
                glUniform2f(r.pt_scale, static_cast<float>(2.0 * v.px_per_m / v.width()),
                            static_cast<float>(2.0 * v.px_per_m / v.height()));
                glUniform1f(r.pt_px_per_m, static_cast<float>(v.px_per_m));
                glUniform1f(r.pt_opacity, p.opacity);
                glUniform1ui(r.pt_state_mask, state_mask);
                glUniform1i(r.pt_colours, 0);
                glUniform1i(r.pt_states, 1);
                glBindVertexArray(r.point_vao);
                glMultiDrawArrays(GL_POINTS, r.firsts.data(), r.counts.data(), static_cast<GLsizei>(r.firsts.size()));
                glDisable(GL_PROGRAM_POINT_SIZE);
                glUseProgram(r.program);
            }
        } else if (vertices && vertices <= p.max_outline_vertices) {  // more are not worth it
            r.last_line_vertices += vertices;
            glUniform1i(r.loc_line, 1);
            glUniform4fv(r.loc_line_colour, 1, p.outline_rgba);
            glBindVertexArray(r.line_vao);
            glMultiDrawArrays(GL_LINES, r.firsts.data(), r.counts.data(), static_cast<GLsizei>(r.firsts.size()));
            glUniform1i(r.loc_line, 0);
        }
        if (c.tile < r.tiles.size()) break;  // the budget ran out inside this pass
        ++c.pass;
        c.tile = 0;
    }
    glBindVertexArray(0);
    return drawn;
}

/// All of the geometry in view of `v` at once.
void draw_geometry(MapRenderer& r, const MapView& v, const ParcelDrawParams& p, unsigned state_mask, bool fills, bool outlines) {
    GeometryCursor c;
    draw_geometry(r, v, p, state_mask, fills, outlines, c);
}

/// The raster's own view: the whole parcel extent in raster_width × raster_height pixels.
MapView raster_view(const MapRenderer& r) {
    MapView v;
    v.centre = {(r.bounds.min_x + r.bounds.max_x) / 2, (r.bounds.min_y + r.bounds.max_y) / 2};
    v.x0 = v.y0 = 0;
    v.x1 = static_cast<float>(r.raster_width);
    v.y1 = static_cast<float>(r.raster_height);
    v.px_per_m = r.raster_width / std::max(r.bounds.max_x - r.bounds.min_x, 1.0);
    return v;
}

/// Redraws the raster of the whole layer (opacity 1; selection and hover left out).
void render_raster(MapRenderer& r, const ParcelDrawParams& p) {
    if (!r.raster_texture) {
        GLint max_size = 4096;
        glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max_size);
        const int side = std::min(4096, max_size);
        const double w = std::max(r.bounds.max_x - r.bounds.min_x, 1.0), h = std::max(r.bounds.max_y - r.bounds.min_y, 1.0);
        r.raster_width = w >= h ? side : std::max(1, static_cast<int>(side * w / h));
        r.raster_height = w >= h ? std::max(1, static_cast<int>(side * h / w)) : side;
        glGenTextures(1, &r.raster_texture);
        glBindTexture(GL_TEXTURE_2D, r.raster_texture);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, r.raster_width, r.raster_height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glGenFramebuffers(1, &r.raster_fbo);
        glBindFramebuffer(GL_FRAMEBUFFER, r.raster_fbo);
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, r.raster_texture, 0);
    }
    GLint previous = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &previous);
    glBindFramebuffer(GL_FRAMEBUFFER, r.raster_fbo);
    glDisable(GL_SCISSOR_TEST);
    glViewport(0, 0, r.raster_width, r.raster_height);
    glClearColor(0, 0, 0, 0);
    glClear(GL_COLOR_BUFFER_BIT);
    ParcelDrawParams full = p;
    full.opacity = 1;
    draw_geometry(r, raster_view(r), full, ~static_cast<unsigned>(kStateSelected | kStateHover), true, false);
    r.last_fill_vertices = r.last_points = r.last_line_vertices = 0;
    glBindTexture(GL_TEXTURE_2D, r.raster_texture);
    glGenerateMipmap(GL_TEXTURE_2D);
    glBindTexture(GL_TEXTURE_2D, 0);
    glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previous));
    r.raster_valid = true;
    ++r.raster_renders;
}

/// How many primitives the geometry of this view would take (triangles + points).
uint64_t primitives_in_view(const MapRenderer& r, const MapView& v, const ParcelDrawParams& p) {
    const int tri_cut = lod_cut(p.min_fill_px / v.px_per_m);
    const int point_cut = lod_cut(p.min_point_px / v.px_per_m);
    const geom::Box visible = v.visible_box();
    uint64_t n = 0;
    for (const MeshTile& t : r.tiles) {
        if (!overlaps(t.bounds, visible)) continue;
        n += (tri_cut >= 0 ? t.fill_count_at[static_cast<std::size_t>(tri_cut)] : t.fill_count) / 3;
        if (tri_cut >= 0)
            n += (point_cut >= 0 ? t.point_count_at[static_cast<std::size_t>(point_cut)] : t.point_count) -
                 t.point_count_at[static_cast<std::size_t>(tri_cut)];
    }
    return n;
}

// ---- the pyramid of cached tiles -------------------------------------------------

// What drawing a tile costs besides its primitives (its 256² fragments, the
// target switch), in primitives, for the per-frame budget. Under llvmpipe at 1M
// parcels a close-up tile of 4,000-6,000 primitives took 5-10 ms (bench-part
// tiles_new, two to three tiles a frame: 10-20 ms), about what 10,000 primitives
// cost in the park band's large tiles: so a tile counts as 6,000 besides its own,
// and a frame's budget buys one or two tiles, not three or four.
constexpr uint64_t kTileFixedCost = 6000;
constexpr uint64_t kComposeCost = 1000;

MapView tile_view(const MapRenderer& r, const TileKey& k) {
    const geom::Box b = r.pyramid.box(k);
    MapView v;
    v.centre = {(b.min_x + b.max_x) / 2, (b.min_y + b.max_y) / 2};
    v.x0 = v.y0 = 0;
    v.x1 = v.y1 = static_cast<float>(kTilePx);
    v.px_per_m = r.pyramid.px_per_m(k.level);
    return v;
}

unsigned take_texture(MapRenderer& r) {
    if (!r.spare_textures.empty()) {
        const unsigned t = r.spare_textures.back();
        r.spare_textures.pop_back();
        return t;
    }
    unsigned t = 0;
    glGenTextures(1, &t);
    glBindTexture(GL_TEXTURE_2D, t);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, kTilePx, kTilePx, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindTexture(GL_TEXTURE_2D, 0);
    return t;
}

void release_texture(MapRenderer& r, CachedTile& t) {
    if (!t.texture) return;
    r.spare_textures.push_back(t.texture);
    t.texture = 0;
}

/// The tile's drawing and its drawing in progress.
void release_textures(MapRenderer& r, CachedTile& t) {
    release_texture(r, t);
    if (t.pending) r.spare_textures.push_back(t.pending);
    t.pending = 0;
}

/// Binds a tile's texture as the target, cleared to the map's background (a
/// tile is opaque, what the screen would show there before the outlines) unless
/// it goes on with a drawing begun in an earlier frame.
void begin_tile_target(MapRenderer& r, unsigned texture, bool clear = true) {
    if (!r.tile_fbo) glGenFramebuffers(1, &r.tile_fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, r.tile_fbo);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, texture, 0);
    glDisable(GL_SCISSOR_TEST);
    glViewport(0, 0, kTilePx, kTilePx);
    if (!clear) return;
    glClearColor(r.background_rgba[0], r.background_rgba[1], r.background_rgba[2], 1);
    glClear(GL_COLOR_BUFFER_BIT);
}

bool meets_a_park(const MapRenderer& r, const geom::Box& b) {
    for (const geom::Box& t : r.tint_bounds)
        if (overlaps(t, b)) return true;
    return false;
}

/// The parks' tint in view `v`, blended as ImGui blends it over the background.
void draw_tints(MapRenderer& r, const MapView& v) {
    if (!r.tint_vao || r.tint_vertices == 0) return;
    glUseProgram(r.program);
    glUniform2f(r.loc_centre, static_cast<float>(v.centre.x - r.origin.x), static_cast<float>(v.centre.y - r.origin.y));
    glUniform2f(r.loc_scale, static_cast<float>(2.0 * v.px_per_m / v.width()), static_cast<float>(2.0 * v.px_per_m / v.height()));
    glUniform1i(r.loc_line, 1);
    glUniform4fv(r.loc_line_colour, 1, r.tint_rgba);
    glBindVertexArray(r.tint_vao);
    glDrawArrays(GL_TRIANGLES, 0, r.tint_vertices);
    glBindVertexArray(0);
    glUniform1i(r.loc_line, 0);
}

/// One textured quad: the world box `b` of the view, from the texture's `uv` rectangle.
void draw_quad(const MapRenderer& r, const MapView& v, const geom::Box& b, const float uv[4], unsigned texture) {
    auto ndc_x = [&](double x) { return static_cast<float>((x - v.centre.x) * v.px_per_m * 2.0 / v.width()); };
    auto ndc_y = [&](double y) { return static_cast<float>((y - v.centre.y) * v.px_per_m * 2.0 / v.height()); };
    glUniform4f(r.q_rect, ndc_x(b.min_x), ndc_y(b.min_y), ndc_x(b.max_x), ndc_y(b.max_y));
    glUniform4f(r.q_uv, uv[0], uv[1], uv[2], uv[3]);
    glBindTexture(GL_TEXTURE_2D, texture);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
}

struct TileWork {
    const ParcelDrawParams& p;
    uint64_t budget;
    uint64_t spent = 0;
    bool any = false;  ///< a frame owing nothing always makes progress, whatever one tile costs
    bool exhausted() const { return any && spent >= budget; }
};

/// Makes tile `k` current (drawn with the present colours and states) if the
/// frame's budget allows. True when it is current.
bool request_tile(MapRenderer& r, const TileKey& k, TileWork& w) {
    CachedTile& t = r.tile_cache[k.packed()];  // element references survive rehashing
    t.last_used = r.frame_no;
    if (t.generation == r.generation) return true;
    if (w.exhausted()) return false;
    if (k.level >= r.base_level) {
        const MapView v = tile_view(r, k);
        const uint64_t cost = primitives_in_view(r, v, w.p);
        const bool tint = w.p.tints && meets_a_park(r, r.pyramid.box(k));
        if (cost == 0 && !tint) {  // nothing there at this scale: the background
            release_textures(r, t);
            t.generation = r.generation;
            return true;
        }
        const bool resuming = t.pending && t.pending_generation == r.generation;
        const uint64_t remaining = resuming ? cost - std::min(cost, t.pending_drawn) : cost;
        const uint64_t room = w.budget > w.spent ? w.budget - w.spent : 0;
        uint64_t allowance = UINT64_MAX;  // the whole tile
        if (remaining + kTileFixedCost > room && w.budget != UINT64_MAX) {
            // A tile that fits a frame waits for one with room for it; a dearer one
            // is drawn in parts, a frame's room at a time (at least a quarter of a
            // budget's), so no frame draws much more than the budget.
            if (w.any && (remaining + kTileFixedCost <= w.budget || room < w.budget / 4)) return false;
            if (remaining + kTileFixedCost > w.budget) allowance = room > kTileFixedCost ? room - kTileFixedCost : 1;
        }
        if (!resuming) {
            if (!t.pending) t.pending = take_texture(r);
            t.pending_generation = r.generation;
            t.pending_drawn = 0;
            t.pending_cursor = {};
            begin_tile_target(r, t.pending);
            if (tint) draw_tints(r, v);
        } else {
            begin_tile_target(r, t.pending, false);
        }
        const uint64_t drawn = draw_geometry(r, v, w.p, ~static_cast<unsigned>(kStateSelected | kStateHover), true, w.p.outlines,
                                             t.pending_cursor, allowance);
        t.pending_drawn += drawn;
        w.spent += drawn + kTileFixedCost;
        w.any = true;
        r.last_tile_primitives += drawn;
        if (!t.pending_cursor.done()) return false;
        // Complete: the new drawing takes the earlier one's place.
        release_texture(r, t);
        t.texture = t.pending;
        t.pending = 0;
        t.generation = r.generation;
        ++r.tiles_rendered;
        ++r.last_tiles_rendered;
        return true;
    }
    // Coarser than the base level: the average of its four children (a linear
    // sample halfway between four texels is their mean), once all are current.
    bool all = true;
    for (int c = 0; c < 4; ++c) all = request_tile(r, {k.level + 1, 2 * k.ix + (c & 1), 2 * k.iy + (c >> 1)}, w) && all;
    if (!all) return false;
    unsigned child_texture[4];
    bool any_child = false;
    for (int c = 0; c < 4; ++c) {
        child_texture[c] = r.tile_cache[TileKey{k.level + 1, 2 * k.ix + (c & 1), 2 * k.iy + (c >> 1)}.packed()].texture;
        any_child |= child_texture[c] != 0;
    }
    if (!any_child) {
        release_textures(r, t);
        t.generation = r.generation;
        return true;
    }
    w.spent += kComposeCost;
    w.any = true;
    if (!t.texture) t.texture = take_texture(r);
    begin_tile_target(r, t.texture);
    glDisable(GL_BLEND);  // the quadrants do not overlap: copy, premultiplied as they are
    glUseProgram(r.quad_program);
    glUniform1f(r.q_opacity, 1.0f);
    glUniform1i(r.q_texture, 2);
    glActiveTexture(GL_TEXTURE2);
    glBindVertexArray(r.quad_vao);
    const float whole[4] = {0, 0, 1, 1};
    for (int c = 0; c < 4; ++c) {
        if (!child_texture[c]) continue;
        const float x0 = (c & 1) ? 0.f : -1.f, y0 = (c >> 1) ? 0.f : -1.f;
        glUniform4f(r.q_rect, x0, y0, x0 + 1, y0 + 1);
        glUniform4f(r.q_uv, whole[0], whole[1], whole[2], whole[3]);
        glBindTexture(GL_TEXTURE_2D, child_texture[c]);
        glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    }
    glBindTexture(GL_TEXTURE_2D, 0);
    glBindVertexArray(0);
    glEnable(GL_BLEND);
    t.generation = r.generation;
    ++r.last_tiles_composed;
    return true;
}

/// Drops the tiles longest unused beyond the cache's size.
void evict_tiles(MapRenderer& r, std::size_t keep) {
    if (r.tile_cache.size() <= keep) return;
    std::vector<std::pair<uint64_t, uint64_t>> old;  // last used, key
    for (const auto& [key, t] : r.tile_cache)
        if (t.last_used < r.frame_no) old.push_back({t.last_used, key});
    std::sort(old.begin(), old.end());
    for (std::size_t i = 0; i < old.size() && r.tile_cache.size() > keep; ++i) {
        auto it = r.tile_cache.find(old[i].second);
        release_textures(r, it->second);
        r.tile_cache.erase(it);
    }
    constexpr std::size_t kSpare = 64;
    if (r.spare_textures.size() > kSpare) {
        glDeleteTextures(static_cast<GLsizei>(r.spare_textures.size() - kSpare), r.spare_textures.data() + kSpare);
        r.spare_textures.resize(kSpare);
    }
}

/// A hash of what the tiles' pixels depend on besides colours and states.
uint64_t draw_signature(const ParcelDrawParams& p) {
    uint64_t h = 1469598103934665603ull;
    auto mix = [&](const void* data, std::size_t n) {
        const auto* b = static_cast<const unsigned char*>(data);
        for (std::size_t i = 0; i < n; ++i) h = (h ^ b[i]) * 1099511628211ull;
    };
    const unsigned char flags = static_cast<unsigned char>((p.fills ? 1 : 0) | (p.outlines ? 2 : 0) | (p.tints ? 4 : 0));
    mix(&flags, 1);
    mix(&p.opacity, sizeof p.opacity);  // the tiles are opaque, drawn with it
    mix(p.outline_rgba, sizeof p.outline_rgba);
    mix(&p.min_point_px, sizeof p.min_point_px);
    mix(&p.min_fill_px, sizeof p.min_fill_px);
    mix(&p.min_outline_px, sizeof p.min_outline_px);
    return h;
}

/// Brings the tiles of the view's level up to date within the budget (and,
/// with budget left, the ring around it, for panning).
void update_pyramid(MapRenderer& r, const ParcelDrawParams& p, int level, const std::vector<TileKey>& visible) {
    TileWork w{p, p.progressive ? p.tile_budget_primitives : UINT64_MAX};
    if (p.progressive && r.tile_debt > 0) {
        // This frame's budget pays back what earlier frames overspent first; while
        // anything is owed, no tile beyond what is left is drawn.
        const uint64_t paid = std::min(r.tile_debt, w.budget);
        r.tile_debt -= paid;
        w.budget -= paid;
        w.any = true;
    }
    GLint previous = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &previous);
    const uint64_t fill = r.last_fill_vertices, points = r.last_points, lines = r.last_line_vertices;
    for (const TileKey& k : visible) request_tile(r, k, w);
    if (p.progressive && !w.exhausted()) {
        const MapView& v = p.view;
        const double m = r.pyramid.tile_m(level);
        geom::Box ring = v.visible_box();
        ring = {ring.min_x - m, ring.min_y - m, ring.max_x + m, ring.max_y + m};
        for (const TileKey& k : r.pyramid.covering(level, ring)) {
            if (w.exhausted()) break;
            request_tile(r, k, w);
        }
    }
    if (p.progressive && w.spent > w.budget) r.tile_debt += w.spent - w.budget;
    r.last_fill_vertices = fill;
    r.last_points = points;
    r.last_line_vertices = lines;
    glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previous));
}

/// Draws the view from the pyramid: each tile current, else its earlier drawing,
/// else the matching part of its nearest drawn ancestor.
void draw_pyramid(MapRenderer& r, const ParcelDrawParams& p, const std::vector<TileKey>& visible, bool nearest) {
    const MapView& v = p.view;
    glUseProgram(r.quad_program);
    glUniform1f(r.q_opacity, 1.0f);  // opaque tiles, drawn with the opacity: copied, no blending
    glUniform1i(r.q_texture, 2);
    glActiveTexture(GL_TEXTURE2);
    glDisable(GL_BLEND);
    if (nearest) {
        if (!r.nearest_sampler) {
            glGenSamplers(1, &r.nearest_sampler);
            glSamplerParameteri(r.nearest_sampler, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
            glSamplerParameteri(r.nearest_sampler, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
            glSamplerParameteri(r.nearest_sampler, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
            glSamplerParameteri(r.nearest_sampler, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        }
        glBindSampler(2, r.nearest_sampler);
    }
    glBindVertexArray(r.quad_vao);
    const float whole[4] = {0, 0, 1, 1};
    for (const TileKey& k : visible) {
        const auto it = r.tile_cache.find(k.packed());
        const bool current = it != r.tile_cache.end() && it->second.generation == r.generation;
        if (it != r.tile_cache.end() && (current || it->second.texture)) {
            if (!current) ++r.last_tiles_standin;
            if (it->second.texture) draw_quad(r, v, r.pyramid.box(k), whole, it->second.texture);
            continue;
        }
        ++r.last_tiles_standin;
        for (int up = 1; up <= k.level; ++up) {
            const auto a = r.tile_cache.find(k.ancestor(up).packed());
            if (a == r.tile_cache.end() || !(a->second.texture || a->second.generation == r.generation)) continue;
            if (a->second.texture) {
                float uv[4];
                TilePyramid::sub_rect(k, up, uv);
                draw_quad(r, v, r.pyramid.box(k), uv, a->second.texture);
            }
            break;
        }
    }
    glBindVertexArray(0);
    glBindTexture(GL_TEXTURE_2D, 0);
    if (nearest) glBindSampler(2, 0);
    glEnable(GL_BLEND);
}

/// The selected and hovered parcels drawn again over the tiles, with their tint
/// (the tiles leave selection and hover out, so they survive a click).
void draw_highlighted(MapRenderer& r, const ParcelDrawParams& p) {
    if (r.highlighted.empty() || r.parcel_fill_first.empty()) return;
    r.firsts.clear();
    r.counts.clear();
    for (const uint32_t f : r.highlighted) {
        if (f >= r.parcel_fill_first.size() || !r.parcel_fill_count[f]) continue;
        r.firsts.push_back(static_cast<int>(r.parcel_fill_first[f]));
        r.counts.push_back(static_cast<int>(r.parcel_fill_count[f]));
    }
    if (r.firsts.empty()) return;
    const MapView& v = p.view;
    glUseProgram(r.program);
    glUniform2f(r.loc_centre, static_cast<float>(v.centre.x - r.origin.x), static_cast<float>(v.centre.y - r.origin.y));
    glUniform2f(r.loc_scale, static_cast<float>(2.0 * v.px_per_m / v.width()), static_cast<float>(2.0 * v.px_per_m / v.height()));
    glUniform1f(r.loc_opacity, p.opacity);
    glUniform1ui(r.loc_state_mask, 0xffu);
    glUniform1i(r.loc_colours, 0);
    glUniform1i(r.loc_states, 1);
    glUniform1i(r.loc_line, 0);
    glBindVertexArray(r.fill_vao);
    glMultiDrawArrays(GL_TRIANGLES, r.firsts.data(), r.counts.data(), static_cast<GLsizei>(r.firsts.size()));
    glBindVertexArray(0);
}

}  // namespace

bool uses_tiles(const MapRenderer& r, const ParcelDrawParams& p) {
    if (r.cache_mode != LayerCache::Pyramid || !p.fills || !r.program || !r.fill_vao) return false;
    const MapView& v = p.view;
    return v.px_per_m < r.pyramid.px_per_m(r.base_level) ||
           primitives_in_view(r, v, p) > (r.tiles_above >= 0 ? static_cast<uint64_t>(r.tiles_above) : p.tiles_above_primitives);
}

void draw_parcels(MapRenderer& r, const ParcelDrawParams& p) {
    r.last_fill_vertices = r.last_line_vertices = r.last_points = 0;
    r.last_used_raster = false;
    if (!r.program || !r.fill_vao) return;
    const MapView& v = p.view;
    const float s = p.framebuffer_scale;
    const GLint vx = static_cast<GLint>(std::lround(v.x0 * s));
    const GLint vy = static_cast<GLint>(std::lround(p.framebuffer_height - v.y1 * s));
    const GLsizei vw = static_cast<GLsizei>(std::lround(v.width() * s));
    const GLsizei vh = static_cast<GLsizei>(std::lround(v.height() * s));
    if (vw <= 0 || vh <= 0) return;
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_BUFFER, r.colour_texture);
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_BUFFER, r.state_texture);

    ++r.frame_no;
    r.last_level = -1;
    r.last_tiles = r.last_tiles_rendered = r.last_tiles_composed = r.last_tiles_standin = 0;
    r.last_tile_primitives = 0;
    r.last_update_ms = 0;
    r.last_nearest = false;
    // Zoomed out over many parcels: the cached raster, once it is as fine as the screen.
    const double raster_px_per_m = r.bounds.is_empty() ? 0 : 4096.0 / std::max(r.bounds.max_x - r.bounds.min_x, r.bounds.max_y - r.bounds.min_y);
    const bool use_raster = r.cache_mode == LayerCache::Whole && p.fills && v.px_per_m <= raster_px_per_m &&
                            primitives_in_view(r, v, p) > p.raster_above_primitives;
    if (use_raster && !r.raster_valid) render_raster(r, p);
    // The pyramid: wherever parcels are under two pixels (aggregated levels) or
    // the geometry in view would be many primitives.
    const bool use_tiles = uses_tiles(r, p);
    std::vector<TileKey> visible;
    if (use_tiles) {
        const uint64_t signature = draw_signature(p);
        if (signature != r.draw_signature) {
            r.draw_signature = signature;
            ++r.generation;
        }
        r.last_level = r.pyramid.level_for(v.px_per_m);
        visible = r.pyramid.covering(r.last_level, v.visible_box());
        r.last_tiles = static_cast<uint32_t>(visible.size());
        if (r.probe) glFinish();
        const auto t0 = std::chrono::steady_clock::now();
        update_pyramid(r, p, r.last_level, visible);
        if (r.probe) {
            glFinish();
            r.last_update_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        }
    }

    glViewport(vx, vy, vw, vh);
    glEnable(GL_SCISSOR_TEST);
    glScissor(vx, vy, vw, vh);
    if (use_raster) {
        // The raster's corners in this viewport's NDC.
        auto ndc_x = [&](double x) { return static_cast<float>((x - v.centre.x) * v.px_per_m * 2.0 / v.width()); };
        auto ndc_y = [&](double y) { return static_cast<float>((y - v.centre.y) * v.px_per_m * 2.0 / v.height()); };
        const MapView rv = raster_view(r);
        const geom::Box rb = rv.visible_box();
        glUseProgram(r.quad_program);
        glUniform4f(r.q_rect, ndc_x(rb.min_x), ndc_y(rb.min_y), ndc_x(rb.max_x), ndc_y(rb.max_y));
        glUniform4f(r.q_uv, 0, 0, 1, 1);
        glUniform1f(r.q_opacity, p.opacity);
        glActiveTexture(GL_TEXTURE2);
        glBindTexture(GL_TEXTURE_2D, r.raster_texture);
        glUniform1i(r.q_texture, 2);
        glBlendFuncSeparate(GL_ONE, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
        glBindVertexArray(r.quad_vao);
        glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
        glBindVertexArray(0);
        glBindTexture(GL_TEXTURE_2D, 0);
        glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
        r.last_used_raster = true;
    } else if (use_tiles) {
        // Nearest while the view moves on screen; filtered at rest and in every capture.
        const bool moving = p.progressive && (v.centre.x != r.last_view_centre.x || v.centre.y != r.last_view_centre.y ||
                                              v.px_per_m != r.last_view_px_per_m);
        r.last_nearest = moving;
        draw_pyramid(r, p, visible, moving);
        draw_highlighted(r, p);
        r.last_used_raster = true;
    } else if (p.fills || p.outlines) {
        draw_geometry(r, v, p, 0xffu, p.fills, p.outlines);
    }
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_BUFFER, 0);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_BUFFER, 0);
    evict_tiles(r, std::max(p.max_cached_tiles, visible.size() * 4 + 8));
    r.last_view_centre = v.centre;
    r.last_view_px_per_m = v.px_per_m;
}

void drop_tiles(MapRenderer& r) {
    for (auto& [key, t] : r.tile_cache) release_textures(r, t);
    r.tile_cache.clear();
}

void shutdown_map_renderer(MapRenderer& r) {
    if (r.fill_vao) glDeleteVertexArrays(1, &r.fill_vao);
    if (r.line_vao) glDeleteVertexArrays(1, &r.line_vao);
    if (r.point_vao) glDeleteVertexArrays(1, &r.point_vao);
    for (unsigned* b : {&r.fill_vbo, &r.line_vbo, &r.point_vbo, &r.colour_buffer, &r.state_buffer})
        if (*b) glDeleteBuffers(1, b);
    for (unsigned* t : {&r.colour_texture, &r.state_texture})
        if (*t) glDeleteTextures(1, t);
    if (r.program) glDeleteProgram(r.program);
    if (r.point_program) glDeleteProgram(r.point_program);
    if (r.quad_program) glDeleteProgram(r.quad_program);
    if (r.quad_vao) glDeleteVertexArrays(1, &r.quad_vao);
    if (r.raster_texture) glDeleteTextures(1, &r.raster_texture);
    if (r.raster_fbo) glDeleteFramebuffers(1, &r.raster_fbo);
    for (auto& [key, t] : r.tile_cache) {
        if (t.texture) glDeleteTextures(1, &t.texture);
        if (t.pending) glDeleteTextures(1, &t.pending);
    }
    if (!r.spare_textures.empty()) glDeleteTextures(static_cast<GLsizei>(r.spare_textures.size()), r.spare_textures.data());
    if (r.tile_fbo) glDeleteFramebuffers(1, &r.tile_fbo);
    if (r.nearest_sampler) glDeleteSamplers(1, &r.nearest_sampler);
    if (r.tint_vao) glDeleteVertexArrays(1, &r.tint_vao);
    if (r.tint_vbo) glDeleteBuffers(1, &r.tint_vbo);
    r = MapRenderer{};
}

}  // namespace parkcap::viewer
