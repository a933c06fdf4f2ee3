#pragma once
// QGIS styles stored inside the GeoPackage, so a planner who drags the file into
// QGIS sees the audit coloured and labelled without loading anything else.
//
// A style is a QML document (the format of QGIS's "Save Style" as .qml) kept in the
// table `layer_styles`, which QGIS itself creates and reads; a row with useAsDefault=1
// is applied when the layer is opened. The QML uses only long-stable QGIS 3 elements
// (categorized / graduated / single-symbol renderers; SimpleFill, SimpleLine,
// MarkerLine and SimpleMarker symbol layers; simple labeling).
#include <optional>
#include <string>
#include <vector>

#include "parkcap/core/colour.hpp"

namespace parkcap::report {

class GpkgWriter;

using parkcap::Rgba;

/// A polygon's outline; widths are in millimetres on screen or paper.
struct Outline {
    Rgba color{35, 35, 35, 255};
    double width_mm = 0.26;
};

/// One class of a categorized polygon style. The legend reads "<label_zh> <label_en>",
/// so both the bureau's staff and foreign consultants can read the map.
struct FillCategory {
    std::string value;  ///< the field value this class matches
    Rgba color;
    std::string label_zh;
    std::string label_en;
};

/// One class of a categorized line style.
struct LineCategory {
    std::string value;
    Rgba color;
    double width_mm = 0.5;
    std::string label_zh;
    std::string label_en;
};

/// One class of a graduated style: values in [lower, upper]. QGIS gives a value on a
/// shared bound to the first range listed, so list ranges in ascending order.
struct FillRange {
    double lower = 0;
    double upper = 0;
    Rgba color;
    std::string label_zh;
    std::string label_en;
};

/// Labels drawn from a text field (e.g. the Chinese park names), with a white halo
/// so they stay legible over any fill.
struct LabelStyle {
    std::string field;
    double size_pt = 10;
    Rgba color{30, 30, 30, 255};
    /// Tried in order; QGIS uses the first installed one (Windows, then Linux CJK fonts).
    std::vector<std::string> fonts{"Microsoft YaHei", "SimHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei"};
};

/// Lines drawn for flows (site → park): an optional arrow head at the line's end and an
/// optional width in millimetres computed by a QGIS expression, e.g.
/// `0.3 + "people" / 2000.0`, in place of the fixed width_mm.
struct FlowStyle {
    Rgba color{49, 130, 189, 220};
    double width_mm = 0.6;
    std::string width_expression;
    bool arrow = true;
    double arrow_size_mm = 3.0;
};

/// A finished style for one layer of the GeoPackage.
struct LayerStyle {
    std::string layer;        ///< the layer it styles
    std::string name;         ///< the name QGIS lists it under
    std::string description;  ///< shown in QGIS's style manager
    std::string qml;          ///< the QML document
};

/// Polygons coloured by the text field `field`; any value not listed takes `other`'s
/// colour and label (its `value` is ignored).
LayerStyle categorized_fill(const std::string& layer, const std::string& field, const std::vector<FillCategory>& categories,
                            const FillCategory& other, const Outline& outline = {},
                            const std::optional<LabelStyle>& labels = std::nullopt);

/// Polygons coloured by ranges of the numeric field `field`. Values outside every
/// range (and nulls) are not drawn.
LayerStyle graduated_fill(const std::string& layer, const std::string& field, const std::vector<FillRange>& ranges,
                          const Outline& outline = {}, const std::optional<LabelStyle>& labels = std::nullopt);

/// Lines coloured and sized by the text field `field`; other values take `other`.
LayerStyle categorized_line(const std::string& layer, const std::string& field, const std::vector<LineCategory>& categories,
                            const LineCategory& other);

/// One symbol for every flow line.
LayerStyle flow_lines(const std::string& layer, const FlowStyle& style);

/// One fill for every polygon, labelled from a text field (parks with their names).
LayerStyle labeled_fill(const std::string& layer, const Rgba& fill, const Outline& outline, const LabelStyle& labels);

/// Stores `style` in the file's layer_styles table (created, the way QGIS creates it,
/// when absent) as the layer's default style; an earlier default for the layer stops
/// being the default. Throws OutputError when the file cannot be written.
void store_style(GpkgWriter& gpkg, const LayerStyle& style);

}  // namespace parkcap::report
