#pragma once
// The font atlas: Dear ImGui's default font cannot draw Chinese, so every face
// here is WenQuanYi Micro Hei (fonts-wqy-microhei) or Noto Sans CJK. Loading the
// full CJK range at several sizes would make an atlas too large for software
// OpenGL, so each face gets only what it draws: the interface face the ~2,500
// common simplified characters plus any other character it meets (data names,
// rare characters in labels); the map-label and briefing faces only the
// characters actually drawn with them. A character not yet in the atlas is
// noted, and the atlas is rebuilt between frames.
#include <set>
#include <string>
#include <string_view>

#include <imgui.h>

namespace parkcap::viewer {

enum class FontRole { Ui, Label, Title, Big };

struct Fonts {
    ImFont* ui = nullptr;     ///< interface text
    ImFont* label = nullptr;  ///< park names and flow counts on the map
    ImFont* title = nullptr;  ///< briefing captions
    ImFont* big = nullptr;    ///< briefing figures
    float scale = 1;
    std::string path;         ///< the CJK font file in use; empty when none was found
    std::set<ImWchar> extra[4];   ///< per role, characters beyond the base ranges
    std::set<unsigned> tried[4];  ///< characters already requested (absent from the file ones stay absent)
    bool dirty = false;
    bool gl_texture = false;  ///< the GL texture exists and must be recreated on rebuild
};

/// Finds a CJK font file: PARKCAP_VIEWER_FONT, then the Debian paths.
std::string find_cjk_font();

/// Builds the atlas at `scale` (1 = 16 px interface text). No GL calls.
void build_fonts(Fonts& fonts, float scale);
/// Makes sure the characters of `utf8` are in the face of `role` (rebuilt later).
void need_glyphs(Fonts& fonts, FontRole role, std::string_view utf8);
/// Rebuilds the atlas and its GL texture when glyphs were added or the scale changed.
/// Call between frames, never inside one.
bool rebuild_fonts_if_needed(Fonts& fonts, float scale);

}  // namespace parkcap::viewer
