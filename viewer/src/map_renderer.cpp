#include "map_renderer.hpp"

#include <algorithm>
#include <cmath>

#include "gl.hpp"

namespace parkcap::viewer {

namespace {

const char* kVertexShader = R"(#version 330 core
layout(location = 0) in vec2 a_pos;
layout(location = 1) in uint a_feature;
uniform vec2 u_centre;   // view centre, metres from the mesh origin
uniform vec2 u_scale;    // NDC units per metre
flat out uint v_feature;
void main() {
    v_feature = a_feature;
    gl_Position = vec4((a_pos - u_centre) * u_scale, 0.0, 1.0);
}
)";

const char* kFragmentShader = R"(#version 330 core
uniform samplerBuffer u_colours;
uniform usamplerBuffer u_states;
uniform float u_opacity;
uniform int u_line;        // 1: outlines in u_line_colour
uniform vec4 u_line_colour;
flat in uint v_feature;
out vec4 o_colour;
void main() {
    if (u_line == 1) { o_colour = u_line_colour; return; }
    vec4 c = texelFetch(u_colours, int(v_feature));
    uint s = texelFetch(u_states, int(v_feature)).r;
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

}  // namespace

bool init_map_renderer(MapRenderer& r, std::string& error) {
    const GLuint vs = compile(GL_VERTEX_SHADER, kVertexShader, error);
    if (!vs) return false;
    const GLuint fs = compile(GL_FRAGMENT_SHADER, kFragmentShader, error);
    if (!fs) return false;
    r.program = glCreateProgram();
    glAttachShader(r.program, vs);
    glAttachShader(r.program, fs);
    glLinkProgram(r.program);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = 0;
    glGetProgramiv(r.program, GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[2048];
        glGetProgramInfoLog(r.program, sizeof log, nullptr, log);
        error = std::string("shader program did not link: ") + log;
        return false;
    }
    r.loc_centre = glGetUniformLocation(r.program, "u_centre");
    r.loc_scale = glGetUniformLocation(r.program, "u_scale");
    r.loc_colours = glGetUniformLocation(r.program, "u_colours");
    r.loc_states = glGetUniformLocation(r.program, "u_states");
    r.loc_opacity = glGetUniformLocation(r.program, "u_opacity");
    r.loc_line = glGetUniformLocation(r.program, "u_line");
    r.loc_line_colour = glGetUniformLocation(r.program, "u_line_colour");
    return true;
}

void upload_mesh(MapRenderer& r, ParcelMesh&& mesh) {
    make_vertex_array(r.fill_vao, r.fill_vbo, mesh.fill);
    make_vertex_array(r.line_vao, r.line_vbo, mesh.lines);
    r.origin = mesh.origin;
    r.tiles = std::move(mesh.tiles);
    r.parcels = mesh.stats.parcels;
    mesh.fill = {};
    mesh.lines = {};
    std::vector<uint32_t> grey(r.parcels, 0xffc8c8c8u);
    upload_parcel_colours(r, grey);
    upload_parcel_states(r, std::vector<uint8_t>(r.parcels, 0));
}

void upload_parcel_colours(MapRenderer& r, const std::vector<uint32_t>& rgba) {
    make_texture_buffer(r.colour_buffer, r.colour_texture, GL_RGBA8, rgba.size() * 4, rgba.data());
}

void upload_parcel_states(MapRenderer& r, const std::vector<uint8_t>& bits) {
    make_texture_buffer(r.state_buffer, r.state_texture, GL_R8UI, bits.size(), bits.data());
}

void draw_parcels(MapRenderer& r, const ParcelDrawParams& p) {
    r.last_fill_vertices = r.last_line_vertices = 0;
    if (!r.program || !r.fill_vao) return;
    const MapView& v = p.view;
    const float s = p.framebuffer_scale;
    const GLint vx = static_cast<GLint>(std::lround(v.x0 * s));
    const GLint vy = static_cast<GLint>(std::lround(p.framebuffer_height - v.y1 * s));
    const GLsizei vw = static_cast<GLsizei>(std::lround(v.width() * s));
    const GLsizei vh = static_cast<GLsizei>(std::lround(v.height() * s));
    if (vw <= 0 || vh <= 0) return;
    glViewport(vx, vy, vw, vh);
    glEnable(GL_SCISSOR_TEST);
    glScissor(vx, vy, vw, vh);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glUseProgram(r.program);
    glUniform2f(r.loc_centre, static_cast<float>(v.centre.x - r.origin.x), static_cast<float>(v.centre.y - r.origin.y));
    glUniform2f(r.loc_scale, static_cast<float>(2.0 * v.px_per_m / v.width()),
                static_cast<float>(2.0 * v.px_per_m / v.height()));
    glUniform1f(r.loc_opacity, p.opacity);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_BUFFER, r.colour_texture);
    glUniform1i(r.loc_colours, 0);
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_BUFFER, r.state_texture);
    glUniform1i(r.loc_states, 1);

    const geom::Box visible = v.visible_box();
    auto gather = [&](bool lines, double min_px) {
        r.firsts.clear();
        r.counts.clear();
        const int cut = lod_cut(min_px / v.px_per_m);
        uint64_t total = 0;
        for (const MeshTile& t : r.tiles) {
            if (!overlaps(t.bounds, visible)) continue;
            const uint32_t first = lines ? t.line_first : t.fill_first;
            uint32_t count = lines ? t.line_count : t.fill_count;
            if (cut >= 0) count = lines ? t.line_count_at[cut] : t.fill_count_at[cut];
            if (!count) continue;
            r.firsts.push_back(static_cast<int>(first));
            r.counts.push_back(static_cast<int>(count));
            total += count;
        }
        return total;
    };
    if (p.fills) {
        glUniform1i(r.loc_line, 0);
        r.last_fill_vertices = gather(false, p.min_fill_px);
        if (!r.firsts.empty()) {
            glBindVertexArray(r.fill_vao);
            glMultiDrawArrays(GL_TRIANGLES, r.firsts.data(), r.counts.data(), static_cast<GLsizei>(r.firsts.size()));
        }
    }
    if (p.outlines) {
        glUniform1i(r.loc_line, 1);
        glUniform4fv(r.loc_line_colour, 1, p.outline_rgba);
        r.last_line_vertices = gather(true, p.min_outline_px);
        if (!r.firsts.empty()) {
            glBindVertexArray(r.line_vao);
            glMultiDrawArrays(GL_LINES, r.firsts.data(), r.counts.data(), static_cast<GLsizei>(r.firsts.size()));
        }
    }
    glBindVertexArray(0);
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_BUFFER, 0);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_BUFFER, 0);
}

void shutdown_map_renderer(MapRenderer& r) {
    if (r.fill_vao) glDeleteVertexArrays(1, &r.fill_vao);
    if (r.line_vao) glDeleteVertexArrays(1, &r.line_vao);
    for (unsigned* b : {&r.fill_vbo, &r.line_vbo, &r.colour_buffer, &r.state_buffer})
        if (*b) glDeleteBuffers(1, b);
    for (unsigned* t : {&r.colour_texture, &r.state_texture})
        if (*t) glDeleteTextures(1, t);
    if (r.program) glDeleteProgram(r.program);
    r = MapRenderer{};
}

}  // namespace parkcap::viewer
