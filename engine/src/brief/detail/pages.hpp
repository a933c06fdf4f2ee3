#pragma once
// The pages of the briefing pack, one function each, over one drawing context.
#include <string>

#include <cairo.h>

#include "canvas.hpp"
#include "map.hpp"
#include "parkcap/brief/brief.hpp"

namespace parkcap::brief::detail {

/// What every page function draws with and from.
struct PageContext {
    cairo_t* cr = nullptr;
    const BriefInputs& in;
    const BriefOptions& options;
    int total_pages = 0;
    /// Each parcel's fill on the audit map (symbology, by finding).
    std::vector<Rgba> fills;
    std::vector<audit::MapClass> map_class;

    bool zh() const { return options.lang == Lang::Zh; }
    const char* tr(const char* zh_text, const char* en_text) const { return zh() ? zh_text : en_text; }
};

inline constexpr Rgba kInk{16, 42, 67, 255};
inline constexpr Rgba kMuted{98, 112, 128, 255};
inline constexpr Rgba kRule{205, 210, 216, 255};
inline constexpr Rgba kWhite{255, 255, 255, 255};

/// "1,234.5" (亩 with one decimal).
std::string mu_text(double mu);
std::string m2_mu_text(double m2);
std::string number_text(double v, int decimals);
std::string percent_text(double ratio);
/// The district's name as the viewer shows it (carto::district_name: the data's,
/// else the rules' [districts.names], else its code).
std::string district_label(const City& city, const rules::Rules& rules, uint32_t d);

/// Title band and footer (data source, rules version, run date, page number).
void draw_frame(const PageContext& c, const PageRecord& page, const std::string& subtitle);
void draw_footer(const PageContext& c, const PageRecord& page);

void draw_cover(const PageContext& c, const PageRecord& page);
void draw_city_map(const PageContext& c, PageRecord& page);
void draw_park(const PageContext& c, PageRecord& page);
void draw_ledger(const PageContext& c, const PageRecord& page);
void draw_flows(const PageContext& c, PageRecord& page);
void draw_ranking(const PageContext& c, const PageRecord& page);
void draw_disposal(const PageContext& c, const PageRecord& page);

/// A table: header, rows, column widths and alignments; rows that do not fit in
/// `max_height` are left out and counted in the returned value.
struct Table {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<double> widths;
    std::vector<Align> align;
    double size_pt = 8;
    double pad_pt = 3;          ///< around each cell's text
    int max_lines = 1;          ///< per cell
    int bold_last_rows = 0;     ///< totals at the bottom
};
/// Draws at (x, y); returns the height used; `left_out` receives the rows that did not fit.
double draw_table(const PageContext& c, const Table& t, double x, double y, double max_height, std::size_t* left_out = nullptr);

/// A horizontal bar per row: label, bar scaled to `max_value`, value text.
struct Bar {
    std::string label, value;
    double amount = 0;
    Rgba colour;
};
double draw_bars(const PageContext& c, const std::vector<Bar>& bars, double x, double y, double width, double row_pt,
                 double label_width, double max_value);

}  // namespace parkcap::brief::detail
