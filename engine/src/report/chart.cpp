#include "parkcap/report/chart.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <numbers>

#include <cairo.h>
#include <fmt/format.h>
#include <pango/pangocairo.h>

#include "parkcap/core/atomic_file.hpp"
#include "parkcap/core/error.hpp"

namespace parkcap::report {

namespace {

// ColorBrewer's Set1 and Dark2, reordered so that neighbours in a legend differ in
// hue; no grey, which the grid and the total line use.
constexpr std::array<uint32_t, kChartPaletteSize> kPalette = {0x1f78b4, 0xe6550d, 0x33a02c, 0xe31a1c, 0x6a3d9a,
                                                              0xb15928, 0xe7298a, 0x1b9e77, 0xd4a017};
constexpr const char* kFontFamily = "WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif";

struct SurfaceFree {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoFree {
    void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct GObjectFree {
    void operator()(void* o) const { g_object_unref(o); }
};
struct FontFree {
    void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};

void set_colour(cairo_t* cr, uint32_t rgb) {
    cairo_set_source_rgb(cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

/// Text set with pango in one font size, measured before it is drawn.
class Text {
public:
    Text(cairo_t* cr, const std::string& utf8, double size_px, bool bold = false, double max_width_px = -1) : cr_(cr) {
        layout_.reset(pango_cairo_create_layout(cr));
        std::unique_ptr<PangoFontDescription, FontFree> font(pango_font_description_from_string(kFontFamily));
        pango_font_description_set_absolute_size(font.get(), size_px * PANGO_SCALE);
        if (bold) pango_font_description_set_weight(font.get(), PANGO_WEIGHT_BOLD);
        pango_layout_set_font_description(layout(), font.get());
        pango_layout_set_text(layout(), utf8.c_str(), -1);
        if (max_width_px > 0) {
            // A long name keeps its start (where Chinese names say what they are) and ends in "…".
            pango_layout_set_width(layout(), static_cast<int>(max_width_px * PANGO_SCALE));
            pango_layout_set_ellipsize(layout(), PANGO_ELLIPSIZE_END);
        }
        pango_layout_get_pixel_size(layout(), &width_, &height_);
    }
    int width() const { return width_; }
    int height() const { return height_; }

    /// Draws with the top-left corner at (x, y), or rotated a quarter turn anticlockwise.
    void draw(double x, double y, uint32_t colour, bool vertical = false) const {
        cairo_save(cr_);
        set_colour(cr_, colour);
        cairo_move_to(cr_, x, y);
        if (vertical) cairo_rotate(cr_, -std::numbers::pi / 2);
        pango_cairo_update_layout(cr_, layout());
        pango_cairo_show_layout(cr_, layout());
        cairo_restore(cr_);
    }

private:
    PangoLayout* layout() const { return static_cast<PangoLayout*>(layout_.get()); }
    cairo_t* cr_;
    std::unique_ptr<void, GObjectFree> layout_;
    int width_ = 0, height_ = 0;
};

/// Round tick steps (1, 2 or 5 × 10ⁿ) spanning [lo, hi] in about `count` steps.
struct Ticks {
    double lo = 0, hi = 1, step = 0.2;
};
Ticks nice_ticks(double lo, double hi, int count) {
    if (!(hi > lo)) hi = lo + (lo == 0 ? 1 : std::abs(lo));
    const double raw = (hi - lo) / count;
    const double magnitude = std::pow(10, std::floor(std::log10(raw)));
    double step = magnitude;
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * magnitude * (1 + 1e-9)) {
            step = m * magnitude;
            break;
        }
    return {std::floor(lo / step + 1e-9) * step, std::ceil(hi / step - 1e-9) * step, step};
}

std::string tick_label(double v, const LineChart& c, double step) {
    if (std::abs(v) < step * 1e-6) v = 0;
    if (c.format == ValueFormat::Percent) {
        const int decimals = std::max(0, static_cast<int>(std::ceil(-std::log10(step * 100) - 1e-9)));
        return fmt::format("{:.{}f}%", v * 100, decimals);
    }
    const int decimals = std::max(c.decimals, std::max(0, static_cast<int>(std::ceil(-std::log10(step) - 1e-9))));
    return fmt::format("{:.{}f}", v, std::min(decimals, 6));
}

/// The drawing: sizes scale with the image, so a small chart stays legible.
class ChartPainter {
public:
    ChartPainter(cairo_t* cr, const LineChart& c)
        : cr_(cr), c_(c), s_(std::clamp(std::min(c.width_px / 1200.0, c.height_px / 720.0), 0.5, 4.0)) {}

    void paint() {
        cairo_set_source_rgb(cr_, 1, 1, 1);
        cairo_paint(cr_);
        const double pad = 16 * s_;
        const double w = c_.width_px, h = c_.height_px;

        // Titles, each shortened to the width.
        const Text zh(cr_, c_.title_zh, 22 * s_, true, w - 2 * pad);
        const Text en(cr_, c_.title_en, 15 * s_, false, w - 2 * pad);
        zh.draw(pad, pad, 0x111111);
        en.draw(pad, pad + zh.height(), 0x444444);
        top_ = pad + zh.height() + en.height() + pad;

        legend_w_ = std::clamp(w * 0.2, 150 * s_, 300 * s_);
        right_ = w - pad - legend_w_ - pad;

        find_range();
        std::vector<std::string> labels;
        int label_w = 0;
        for (double v = ticks_.lo; v <= ticks_.hi + ticks_.step * 1e-6; v += ticks_.step) {
            labels.push_back(tick_label(v, c_, ticks_.step));
            label_w = std::max(label_w, Text(cr_, labels.back(), 13 * s_).width());
        }
        const Text y_label(cr_, c_.y_label, 14 * s_, false, h * 0.6);
        const Text x_label(cr_, c_.x_label, 14 * s_, false, w * 0.6);
        left_ = pad + y_label.height() + 8 * s_ + label_w + 8 * s_;
        const double tick_h = Text(cr_, "2026-06-30", 13 * s_).height();
        bottom_ = h - pad - x_label.height() - 6 * s_ - tick_h - 6 * s_;
        if (right_ - left_ < 50 || bottom_ - top_ < 50) return;  // too small for a plot: titles only

        y_label.draw(pad, (top_ + bottom_) / 2 + y_label.width() / 2.0, 0x333333, true);
        x_label.draw((left_ + right_) / 2 - x_label.width() / 2.0, h - pad - x_label.height(), 0x333333);
        draw_grid(labels);
        draw_dates();
        draw_lines();
        draw_legend(pad);
    }

private:
    void find_range() {
        double lo = 0, hi = 0;
        any_value_ = false;
        for (const ChartLine& l : c_.lines)
            for (double v : l.values)
                if (std::isfinite(v)) {
                    lo = std::min(lo, v), hi = std::max(hi, v);
                    any_value_ = true;
                }
        if (c_.format == ValueFormat::Percent && hi <= 0) hi = 1;  // an empty rate chart still reads 0..100 %
        // A little room above the highest point, so that it does not sit on the frame.
        ticks_ = nice_ticks(lo, hi + (hi - lo) * 0.04, 5);
        if (!c_.dates.empty()) {
            first_day_ = c_.dates.front().days();
            last_day_ = c_.dates.back().days();
        }
    }

    double x_of(std::size_t t) const {
        const double inset = 40 * s_;
        if (last_day_ <= first_day_) return (left_ + right_) / 2;  // one date: the middle
        return left_ + inset + (right_ - left_ - 2 * inset) * (c_.dates[t].days() - first_day_) / (last_day_ - first_day_);
    }
    double y_of(double v) const { return bottom_ - (bottom_ - top_) * (v - ticks_.lo) / (ticks_.hi - ticks_.lo); }

    void draw_grid(const std::vector<std::string>& labels) {
        cairo_set_line_width(cr_, 1);
        for (std::size_t k = 0; k < labels.size(); ++k) {
            const double y = std::round(y_of(ticks_.lo + static_cast<double>(k) * ticks_.step)) + 0.5;
            set_colour(cr_, 0xe3e3e3);
            cairo_move_to(cr_, left_, y);
            cairo_line_to(cr_, right_, y);
            cairo_stroke(cr_);
            const Text t(cr_, labels[k], 13 * s_);
            t.draw(left_ - 8 * s_ - t.width(), y - t.height() / 2.0, 0x444444);
        }
        set_colour(cr_, 0x555555);
        cairo_move_to(cr_, left_ + 0.5, top_);
        cairo_line_to(cr_, left_ + 0.5, bottom_ + 0.5);
        cairo_line_to(cr_, right_, bottom_ + 0.5);
        cairo_stroke(cr_);
        if (!any_value_) {
            const Text none(cr_, "无数据  no data", 18 * s_);
            none.draw((left_ + right_ - none.width()) / 2, (top_ + bottom_ - none.height()) / 2, 0x888888);
        }
    }

    /// A tick and the date under each audit; a label that would overlap the one
    /// before is left out (its tick stays).
    void draw_dates() {
        double drawn_to = -1e9;
        for (std::size_t t = 0; t < c_.dates.size(); ++t) {
            const double x = std::round(x_of(t)) + 0.5;
            set_colour(cr_, 0xf0f0f0);
            cairo_move_to(cr_, x, top_);
            cairo_line_to(cr_, x, bottom_);
            cairo_stroke(cr_);
            set_colour(cr_, 0x555555);
            cairo_move_to(cr_, x, bottom_);
            cairo_line_to(cr_, x, bottom_ + 5 * s_);
            cairo_stroke(cr_);
            const Text label(cr_, c_.dates[t].iso(), 13 * s_);
            const double from = x - label.width() / 2.0;
            if (from < drawn_to + 8 * s_) continue;
            label.draw(from, bottom_ + 6 * s_, 0x444444);
            drawn_to = from + label.width();
        }
    }

    void stroke_style(const ChartLine& l) {
        set_colour(cr_, l.colour);
        cairo_set_line_width(cr_, (l.emphasised ? 4.5 : 2.5) * s_);
        cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);
        cairo_set_line_cap(cr_, CAIRO_LINE_CAP_ROUND);
        const double dash[] = {9 * s_, 6 * s_};
        cairo_set_dash(cr_, dash, l.dashed ? 2 : 0, 0);
    }

    void draw_marker(double x, double y, const ChartLine& l) {
        cairo_set_dash(cr_, nullptr, 0, 0);
        cairo_new_sub_path(cr_);
        cairo_arc(cr_, x, y, (l.emphasised ? 5.5 : 4.0) * s_, 0, 2 * std::numbers::pi);
        cairo_fill(cr_);
    }

    void draw_lines() {
        cairo_save(cr_);
        cairo_rectangle(cr_, left_ - 8 * s_, top_ - 8 * s_, right_ - left_ + 16 * s_, bottom_ - top_ + 16 * s_);
        cairo_clip(cr_);
        // The emphasised total last, on top of the lines it sums.
        std::vector<const ChartLine*> order;
        for (const ChartLine& l : c_.lines)
            if (!l.emphasised) order.push_back(&l);
        for (const ChartLine& l : c_.lines)
            if (l.emphasised) order.push_back(&l);
        for (const ChartLine* l : order) {
            const std::size_t n = std::min(l->values.size(), c_.dates.size());
            stroke_style(*l);
            bool open = false;
            for (std::size_t t = 0; t < n; ++t) {
                const double v = l->values[t];
                if (!std::isfinite(v)) {  // a gap: the line stops here and starts again after it
                    open = false;
                    continue;
                }
                if (open) cairo_line_to(cr_, x_of(t), y_of(v));
                else cairo_move_to(cr_, x_of(t), y_of(v));
                open = true;
            }
            cairo_stroke(cr_);
            for (std::size_t t = 0; t < n; ++t)
                if (std::isfinite(l->values[t])) draw_marker(x_of(t), y_of(l->values[t]), *l);
        }
        cairo_restore(cr_);
    }

    void draw_legend(double pad) {
        const double x = right_ + pad, swatch = 30 * s_, row = 26 * s_;
        const double available = c_.height_px - pad - top_;
        std::size_t fits = static_cast<std::size_t>(std::max(0.0, std::floor(available / row)));
        const bool overflow = fits < c_.lines.size();
        if (overflow && fits > 0) --fits;  // room for the "+N more" line
        double y = top_;
        for (std::size_t k = 0; k < c_.lines.size() && k < fits; ++k, y += row) {
            const ChartLine& l = c_.lines[k];
            stroke_style(l);
            cairo_move_to(cr_, x, y + row / 2);
            cairo_line_to(cr_, x + swatch, y + row / 2);
            cairo_stroke(cr_);
            draw_marker(x + swatch / 2, y + row / 2, l);
            const Text label(cr_, l.label, 14 * s_, l.emphasised, legend_w_ - swatch - 8 * s_);
            label.draw(x + swatch + 8 * s_, y + (row - label.height()) / 2, 0x222222);
        }
        if (overflow) {
            const Text more(cr_, fmt::format("… +{}", c_.lines.size() - fits), 14 * s_);
            more.draw(x, y + (row - more.height()) / 2, 0x666666);
        }
    }

    cairo_t* cr_;
    const LineChart& c_;
    double s_;
    double top_ = 0, bottom_ = 0, left_ = 0, right_ = 0, legend_w_ = 0;
    Ticks ticks_;
    bool any_value_ = false;
    int32_t first_day_ = 0, last_day_ = 0;
};

}  // namespace

uint32_t chart_colour(std::size_t k) { return kPalette[k % kPalette.size()]; }

void write_line_chart_png(const std::string& path, const LineChart& chart) {
    if (chart.width_px < 64 || chart.height_px < 64 || chart.width_px > 16384 || chart.height_px > 16384)
        throw OutputError(fmt::format("{}: a chart of {} × {} px cannot be drawn; 64 to 16384 px each way", path,
                                      chart.width_px, chart.height_px));
    std::unique_ptr<cairo_surface_t, SurfaceFree> surface(
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, chart.width_px, chart.height_px));
    std::unique_ptr<cairo_t, CairoFree> cr(cairo_create(surface.get()));
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
        throw OutputError(fmt::format("{}: cannot draw the chart: {}", path, cairo_status_to_string(cairo_status(cr.get()))));
    ChartPainter(cr.get(), chart).paint();
    cairo_surface_flush(surface.get());

    AtomicOutput out(path);
    const cairo_status_t written = cairo_surface_write_to_png(surface.get(), out.temp_path().c_str());
    if (written != CAIRO_STATUS_SUCCESS)
        throw OutputError(fmt::format("{}: cannot write the chart: {}", path, cairo_status_to_string(written)),
                          "check that the folder exists and that you may write there");
    out.commit();
}

}  // namespace parkcap::report
