#include "fonts.hpp"

#include <cstdlib>
#include <filesystem>

#include <imgui_impl_opengl3.h>
#include <imgui_internal.h>

namespace parkcap::viewer {

namespace {

constexpr float kPixels[4] = {16.f, 19.f, 24.f, 46.f};  // Ui, Label, Title, Big at scale 1

ImFont* add_face(const Fonts& fonts, FontRole role, ImVector<ImWchar>& ranges) {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    const int r = static_cast<int>(role);
    ImFontGlyphRangesBuilder b;
    b.AddRanges(atlas->GetGlyphRangesDefault());
    if (role == FontRole::Ui) b.AddRanges(atlas->GetGlyphRangesChineseSimplifiedCommon());
    for (const char* s : {"0123456789,.-+%×→←·…—（）：；、。 亩万元年"}) b.AddText(s);
    for (ImWchar c : fonts.extra[r]) b.AddChar(c);
    ranges.clear();  // BuildRanges appends
    b.BuildRanges(&ranges);
    ImFontConfig cfg;
    cfg.OversampleH = 1;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    const float px = std::round(kPixels[r] * fonts.scale);
    if (fonts.path.empty()) {
        cfg.SizePixels = px;
        return atlas->AddFontDefault(&cfg);
    }
    return atlas->AddFontFromFileTTF(fonts.path.c_str(), px, &cfg, ranges.Data);
}

}  // namespace

std::string find_cjk_font() {
    if (const char* env = std::getenv("PARKCAP_VIEWER_FONT"); env && std::filesystem::exists(env)) return env;
    for (const char* p : {PARKCAP_VIEWER_DEFAULT_FONT, "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
                          "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                          "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"})
        if (std::filesystem::exists(p)) return p;
    return {};
}

void build_fonts(Fonts& fonts, float scale) {
    // The ranges must outlive the atlas build; they are rebuilt with it.
    static ImVector<ImWchar> ranges[4];
    fonts.scale = scale;
    if (fonts.path.empty()) fonts.path = find_cjk_font();
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    atlas->Clear();
    atlas->TexDesiredWidth = 2048;
    fonts.ui = add_face(fonts, FontRole::Ui, ranges[0]);
    fonts.label = add_face(fonts, FontRole::Label, ranges[1]);
    fonts.title = add_face(fonts, FontRole::Title, ranges[2]);
    fonts.big = add_face(fonts, FontRole::Big, ranges[3]);
    atlas->Build();
    ImGui::GetIO().FontDefault = fonts.ui;
    fonts.dirty = false;
}

void need_glyphs(Fonts& fonts, FontRole role, std::string_view utf8) {
    const int r = static_cast<int>(role);
    ImFont* face = role == FontRole::Ui ? fonts.ui : role == FontRole::Label ? fonts.label
                                      : role == FontRole::Title            ? fonts.title
                                                                           : fonts.big;
    const char* p = utf8.data();
    const char* end = p + utf8.size();
    while (p < end) {
        unsigned c = 0;
        const int n = ImTextCharFromUtf8(&c, p, end);
        if (n <= 0) break;
        p += n;
        if (c < 0x80 || c > 0xFFFF) continue;  // ASCII is always there; ImWchar is 16-bit
        if (face && face->FindGlyphNoFallback(static_cast<ImWchar>(c))) continue;
        if (!fonts.tried[r].insert(c).second) continue;
        fonts.extra[r].insert(static_cast<ImWchar>(c));
        fonts.dirty = true;
    }
}

bool rebuild_fonts_if_needed(Fonts& fonts, float scale) {
    if (!fonts.dirty && scale == fonts.scale) return false;
    build_fonts(fonts, scale);
    if (fonts.gl_texture) {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    return true;
}

}  // namespace parkcap::viewer
