#include "canvas.hpp"

#include <algorithm>
#include <cmath>

namespace parkcap::brief::detail {

namespace {
// The font fonts-wqy-microhei installs; cairo embeds the glyphs it uses.
constexpr const char* kFontFamily = "WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif";
}  // namespace

void set_colour(cairo_t* cr, Rgba c) { cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0); }

Text::Text(cairo_t* cr, const std::string& utf8, const TextStyle& style) : cr_(cr), colour_(style.colour) {
    layout_ = pango_cairo_create_layout(cr);
    PangoFontDescription* font = pango_font_description_from_string(kFontFamily);
    pango_font_description_set_absolute_size(font, style.size_pt * PANGO_SCALE);
    if (style.bold) pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(layout_, font);
    pango_font_description_free(font);
    pango_layout_set_text(layout_, utf8.c_str(), -1);
    if (style.max_width_pt > 0) {
        pango_layout_set_width(layout_, static_cast<int>(style.max_width_pt * PANGO_SCALE));
        if (style.max_lines > 1) {
            pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
            // A negative height is a number of lines: the last one kept ends in "…".
            pango_layout_set_height(layout_, -style.max_lines);
        }
        pango_layout_set_ellipsize(layout_, PANGO_ELLIPSIZE_END);
    }
    pango_layout_set_alignment(layout_, style.align == Align::Centre  ? PANGO_ALIGN_CENTER
                                        : style.align == Align::Right ? PANGO_ALIGN_RIGHT
                                                                      : PANGO_ALIGN_LEFT);
    PangoRectangle logical;
    pango_layout_get_extents(layout_, nullptr, &logical);
    width_ = static_cast<double>(logical.width) / PANGO_SCALE;
    height_ = static_cast<double>(logical.height) / PANGO_SCALE;
    if (style.max_width_pt > 0 && style.align != Align::Left) width_ = style.max_width_pt;
}

Text::Text(Text&& o) noexcept : cr_(o.cr_), layout_(o.layout_), colour_(o.colour_), width_(o.width_), height_(o.height_) {
    o.layout_ = nullptr;
}

Text::~Text() {
    if (layout_) g_object_unref(layout_);
}

void Text::draw(double x, double y, const Rgba* halo) const {
    cairo_save(cr_);
    cairo_move_to(cr_, x, y);
    pango_cairo_update_layout(cr_, layout_);
    if (halo) {
        pango_cairo_layout_path(cr_, layout_);
        set_colour(cr_, *halo);
        cairo_set_line_width(cr_, 2.4);
        cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);
        cairo_stroke(cr_);
        cairo_move_to(cr_, x, y);
    }
    set_colour(cr_, colour_);
    pango_cairo_show_layout(cr_, layout_);
    cairo_restore(cr_);
}

void rect(cairo_t* cr, double x, double y, double w, double h, Rgba fill, const Rgba* stroke, double line_pt) {
    cairo_rectangle(cr, x, y, w, h);
    set_colour(cr, fill);
    if (stroke) {
        cairo_fill_preserve(cr);
        set_colour(cr, *stroke);
        cairo_set_line_width(cr, line_pt);
        cairo_stroke(cr);
    } else {
        cairo_fill(cr);
    }
}

void line(cairo_t* cr, double x0, double y0, double x1, double y1, Rgba colour, double width_pt) {
    cairo_move_to(cr, x0, y0);
    cairo_line_to(cr, x1, y1);
    set_colour(cr, colour);
    cairo_set_line_width(cr, width_pt);
    cairo_stroke(cr);
}

double draw_text(cairo_t* cr, const std::string& utf8, double x, double y, const TextStyle& style) {
    Text t(cr, utf8, style);
    t.draw(x, y);
    return t.height();
}

Rgba lighter(Rgba c, double t) {
    const auto mix = [t](int v) { return static_cast<int>(std::lround(v + (255 - v) * std::clamp(t, 0.0, 1.0))); };
    return {mix(c.r), mix(c.g), mix(c.b), c.a};
}

}  // namespace parkcap::brief::detail
