#pragma once
// Drawing on a briefing page: cairo for shapes, pango for text (CJK included), in
// points of the A4 landscape page (841.89 × 595.28); an A3 page is the same drawing
// scaled, so both read alike. Text is measured before it is placed, so callers can
// keep labels from overlapping.
#include <memory>
#include <string>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "parkcap/core/colour.hpp"

namespace parkcap::brief::detail {

inline constexpr double kPageWidth = 841.89, kPageHeight = 595.28;  ///< the drawing's units, pt of A4 landscape
inline constexpr double kMargin = 28;

enum class Align : uint8_t { Left, Centre, Right };

struct TextStyle {
    double size_pt = 9;
    bool bold = false;
    Rgba colour{16, 42, 67, 255};
    double max_width_pt = -1;  ///< wrap (or, with one line, ellipsize) beyond this
    int max_lines = 1;         ///< 1: one line, cut with …; more: wrapped, the last cut with …
    Align align = Align::Left;
};

/// A laid-out piece of text: measure it, then draw it anywhere.
class Text {
public:
    Text(cairo_t* cr, const std::string& utf8, const TextStyle& style);
    Text(Text&&) noexcept;
    ~Text();
    double width() const { return width_; }
    double height() const { return height_; }
    /// Draws with its box's top-left at (x, y); with a halo, outlined in `halo` first.
    void draw(double x, double y, const Rgba* halo = nullptr) const;

private:
    cairo_t* cr_;
    PangoLayout* layout_;
    Rgba colour_;
    double width_ = 0, height_ = 0;
};

void set_colour(cairo_t* cr, Rgba c);
/// Filled (and optionally stroked) rectangle.
void rect(cairo_t* cr, double x, double y, double w, double h, Rgba fill, const Rgba* stroke = nullptr,
          double line_pt = 0.5);
void line(cairo_t* cr, double x0, double y0, double x1, double y1, Rgba colour, double width_pt);

/// Text drawn at once; returns its height.
double draw_text(cairo_t* cr, const std::string& utf8, double x, double y, const TextStyle& style);

/// A colour lighter by `t` (0 itself, 1 white): backgrounds of figure tiles.
Rgba lighter(Rgba c, double t);

}  // namespace parkcap::brief::detail
