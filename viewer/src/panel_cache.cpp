#include "panel_cache.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "gl.hpp"
#include <imgui.h>
#include <imgui_impl_opengl3.h>

namespace parkcap::viewer {

namespace {

/// The windows cached: root windows that never overlap the map, and their
/// children (ImGui names a child "PARENT/child_ID"). Their popups and tooltips
/// are windows of their own, drawn over everything as before.
bool is_panel(const ImDrawList* dl) {
    if (!dl->_OwnerName) return false;
    const std::string_view name(dl->_OwnerName);
    for (const std::string_view root : {"##MainMenuBar", "##left", "##right"})
        if (name.substr(0, root.size()) == root && (name.size() == root.size() || name[root.size()] == '/')) return true;
    return false;
}

uint64_t mix(uint64_t h, const void* data, std::size_t bytes) {
    const uint64_t part = std::hash<std::string_view>{}(std::string_view(static_cast<const char*>(data), bytes));
    return (h ^ part) * 1099511628211ull + 0x9e3779b97f4a7c15ull;
}

/// What the panels' pixels depend on: every vertex, index and command.
uint64_t content_hash(const std::vector<ImDrawList*>& lists, const ImDrawData* dd, int width, int height) {
    uint64_t h = 1469598103934665603ull;
    const int size[2] = {width, height};
    h = mix(h, size, sizeof size);
    h = mix(h, &dd->DisplayPos, sizeof dd->DisplayPos);
    for (const ImDrawList* dl : lists) {
        h = mix(h, dl->VtxBuffer.Data, static_cast<std::size_t>(dl->VtxBuffer.Size) * sizeof(ImDrawVert));
        h = mix(h, dl->IdxBuffer.Data, static_cast<std::size_t>(dl->IdxBuffer.Size) * sizeof(ImDrawIdx));
        for (const ImDrawCmd& c : dl->CmdBuffer) {
            const uint64_t fields[] = {reinterpret_cast<uint64_t>(c.TextureId), c.VtxOffset, c.IdxOffset, c.ElemCount,
                                       reinterpret_cast<uint64_t>(c.UserCallback)};
            h = mix(h, &c.ClipRect, sizeof c.ClipRect);
            h = mix(h, fields, sizeof fields);
        }
    }
    return h;
}

ImDrawData subset(const ImDrawData* dd, std::vector<ImDrawList*>& lists) {
    ImDrawData out = *dd;
    out.CmdLists = lists.data();
    out.CmdListsCount = static_cast<int>(lists.size());
    out.TotalVtxCount = out.TotalIdxCount = 0;
    for (const ImDrawList* dl : lists) {
        out.TotalVtxCount += dl->VtxBuffer.Size;
        out.TotalIdxCount += dl->IdxBuffer.Size;
    }
    return out;
}

bool cache_enabled() {
    static const bool on = [] {
        const char* v = std::getenv("PARKCAP_VIEWER_PANEL_CACHE");
        return !(v && std::strcmp(v, "off") == 0);
    }();
    return on;
}

}  // namespace

void render_draw_data(PanelCache& cache, ImDrawData* dd, uint32_t clear_rgba) {
    cache.last_copied = false;
    const int width = static_cast<int>(std::lround(dd->DisplaySize.x * dd->FramebufferScale.x));
    const int height = static_cast<int>(std::lround(dd->DisplaySize.y * dd->FramebufferScale.y));
    std::vector<ImDrawList*> panels, rest;
    for (int i = 0; i < dd->CmdListsCount; ++i) (is_panel(dd->CmdLists[i]) ? panels : rest).push_back(dd->CmdLists[i]);
    if (!cache_enabled() || panels.empty() || width <= 0 || height <= 0) {
        ImGui_ImplOpenGL3_RenderDrawData(dd);
        return;
    }
    GLint target = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &target);
    const uint64_t h = content_hash(panels, dd, width, height);
    if (!cache.valid || h != cache.hash || cache.width != width || cache.height != height) {
        if (cache.width != width || cache.height != height || !cache.texture) {
            if (!cache.texture) glGenTextures(1, &cache.texture);
            glBindTexture(GL_TEXTURE_2D, cache.texture);
            glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
            glBindTexture(GL_TEXTURE_2D, 0);
            if (!cache.fbo) glGenFramebuffers(1, &cache.fbo);
            glBindFramebuffer(GL_FRAMEBUFFER, cache.fbo);
            glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, cache.texture, 0);
            cache.width = width;
            cache.height = height;
        }
        glBindFramebuffer(GL_FRAMEBUFFER, cache.fbo);
        if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
            glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(target));
            cache.valid = false;
            ImGui_ImplOpenGL3_RenderDrawData(dd);
            return;
        }
        // The same background the target was cleared to, so blending gives the same pixels.
        const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(clear_rgba);
        glDisable(GL_SCISSOR_TEST);
        glViewport(0, 0, width, height);
        glClearColor(bg.x, bg.y, bg.z, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        ImDrawData part = subset(dd, panels);
        ImGui_ImplOpenGL3_RenderDrawData(&part);
        // Each window's extent: its commands' clip rectangles (nothing is drawn outside them).
        cache.rects.clear();
        for (const ImDrawList* dl : panels) {
            float x0 = 1e30f, y0 = 1e30f, x1 = -1e30f, y1 = -1e30f;
            for (const ImDrawCmd& c : dl->CmdBuffer) {
                if (c.ElemCount == 0) continue;
                x0 = std::min(x0, c.ClipRect.x), y0 = std::min(y0, c.ClipRect.y);
                x1 = std::max(x1, c.ClipRect.z), y1 = std::max(y1, c.ClipRect.w);
            }
            if (x1 <= x0 || y1 <= y0) continue;
            const ImVec2 o = dd->DisplayPos, s = dd->FramebufferScale;
            const int px0 = std::clamp(static_cast<int>(std::floor((x0 - o.x) * s.x)), 0, width);
            const int px1 = std::clamp(static_cast<int>(std::ceil((x1 - o.x) * s.x)), 0, width);
            const int py0 = std::clamp(static_cast<int>(std::floor((y0 - o.y) * s.y)), 0, height);
            const int py1 = std::clamp(static_cast<int>(std::ceil((y1 - o.y) * s.y)), 0, height);
            if (px1 > px0 && py1 > py0) cache.rects.insert(cache.rects.end(), {px0, height - py1, px1, height - py0});
        }
        cache.hash = h;
        cache.valid = true;
        ++cache.redraws;
    } else {
        cache.last_copied = true;
    }
    glBindFramebuffer(GL_READ_FRAMEBUFFER, cache.fbo);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(target));
    glDisable(GL_SCISSOR_TEST);
    for (std::size_t i = 0; i + 3 < cache.rects.size(); i += 4) {
        const int* r = &cache.rects[i];
        glBlitFramebuffer(r[0], r[1], r[2], r[3], r[0], r[1], r[2], r[3], GL_COLOR_BUFFER_BIT, GL_NEAREST);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(target));
    ImDrawData part = subset(dd, rest);
    ImGui_ImplOpenGL3_RenderDrawData(&part);
}

void shutdown_panel_cache(PanelCache& cache) {
    if (cache.fbo) glDeleteFramebuffers(1, &cache.fbo);
    if (cache.texture) glDeleteTextures(1, &cache.texture);
    cache = PanelCache{};
}

}  // namespace parkcap::viewer
