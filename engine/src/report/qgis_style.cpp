#include "parkcap/report/qgis_style.hpp"

#include <fmt/format.h>

#include "parkcap/report/table_writer.hpp"

namespace parkcap::report {

namespace {

// --- XML text ----------------------------------------------------------------------

/// Escapes text for an XML attribute value. Line breaks become character references
/// (an XML parser would fold a literal one into a space); other control characters
/// are not allowed in XML 1.0 and are dropped.
std::string esc(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            case '\n': out += "&#10;"; break;
            case '\r': out += "&#13;"; break;
            case '\t': out += "&#9;"; break;
            default:
                if (static_cast<unsigned char>(c) >= 0x20) out += c;
        }
    }
    return out;
}

std::string color(const Rgba& c) { return fmt::format("{},{},{},{}", c.r, c.g, c.b, c.a); }

// fmt never uses the locale's decimal comma, which QGIS would not read.
std::string num(double v) { return fmt::format("{}", v); }

std::string legend(const std::string& zh, const std::string& en) {
    if (zh.empty()) return en;
    if (en.empty()) return zh;
    return zh + " " + en;
}

std::string option(const char* name, const std::string& value) {
    return fmt::format(R"(<Option type="QString" name="{}" value="{}"/>)", name, esc(value));
}

// --- symbols -----------------------------------------------------------------------

std::string symbol(const char* type, const std::string& name, const std::string& layers) {
    return fmt::format(R"(<symbol type="{}" name="{}" alpha="1" clip_to_extent="1" force_rhr="0">{}</symbol>)", type,
                       esc(name), layers);
}

std::string simple_fill(const Rgba& fill, const Outline& outline) {
    return R"(<layer class="SimpleFill" enabled="1" locked="0" pass="0"><Option type="Map">)" + option("color", color(fill)) +
           option("style", "solid") + option("outline_color", color(outline.color)) + option("outline_style", "solid") +
           option("outline_width", num(outline.width_mm)) + option("outline_width_unit", "MM") +
           option("joinstyle", "bevel") + "</Option></layer>";
}

std::string fill_symbol(const std::string& name, const Rgba& fill, const Outline& outline) {
    return symbol("fill", name, simple_fill(fill, outline));
}

/// A data-defined override of one symbol-layer property by a QGIS expression
/// (property type 3 = expression).
std::string data_defined(const char* property, const std::string& expression) {
    return fmt::format(R"(<data_defined_properties><Option type="Map">{}<Option type="Map" name="properties">)"
                       R"(<Option type="Map" name="{}"><Option type="bool" name="active" value="true"/>{})"
                       R"(<Option type="int" name="type" value="3"/></Option></Option>{}</Option></data_defined_properties>)",
                       option("name", ""), property, option("expression", expression), option("type", "collection"));
}

std::string simple_line(const Rgba& c, double width_mm, const std::string& width_expression = {}) {
    std::string s = R"(<layer class="SimpleLine" enabled="1" locked="0" pass="0"><Option type="Map">)" +
                    option("line_color", color(c)) + option("line_style", "solid") + option("line_width", num(width_mm)) +
                    option("line_width_unit", "MM") + option("capstyle", "round") + option("joinstyle", "round") +
                    "</Option>";
    if (!width_expression.empty()) s += data_defined("outlineWidth", width_expression);  // QGIS's key for stroke width
    return s + "</layer>";
}

/// A filled arrow head on the last vertex, turned along the line's last segment.
std::string arrow_head(const Rgba& c, double size_mm, const std::string& symbol_name) {
    const std::string head = R"(<layer class="SimpleMarker" enabled="1" locked="0" pass="0"><Option type="Map">)" +
                             option("name", "filled_arrowhead") + option("color", color(c)) +
                             option("outline_color", color(c)) + option("outline_style", "no") +
                             option("size", num(size_mm)) + option("size_unit", "MM") + option("angle", "0") +
                             "</Option></layer>";
    return R"(<layer class="MarkerLine" enabled="1" locked="0" pass="0"><Option type="Map">)" +
           option("placement", "lastvertex") + option("rotate", "1") + option("offset", "0") + "</Option>" +
           // QGIS names a sub-symbol "@<symbol>@<layer index>".
           symbol("marker", "@" + symbol_name + "@1", head) + "</layer>";
}

// --- documents ---------------------------------------------------------------------

enum class Geometry { Point = 0, Line = 1, Polygon = 2 };  // QGIS's layerGeometryType codes

std::string labeling(const LabelStyle& l) {
    std::string families;
    for (const auto& f : l.fonts) families += fmt::format(R"(<family name="{}"/>)", esc(f));
    const std::string first_font = l.fonts.empty() ? std::string() : l.fonts.front();
    // fontWeight 50 is Qt 5's "normal": without it QGIS reads 0, the thinnest weight.
    return fmt::format(
        R"(<labeling type="simple"><settings calloutType="simple">)"
        R"(<text-style fieldName="{}" isExpression="0" fontFamily="{}" fontSize="{}" fontSizeUnit="Point")"
        R"( fontWeight="50" fontItalic="0" textColor="{}" textOpacity="1" namedStyle="Regular" multilineHeight="1">)"
        R"(<families>{}</families>)"
        R"(<text-buffer bufferDraw="1" bufferSize="1" bufferSizeUnits="MM" bufferColor="255,255,255,255")"
        R"( bufferOpacity="1" bufferNoFill="1" bufferJoinStyle="128"/></text-style>)"
        R"(<text-format wrapChar="" multilineAlign="3"/>)"
        R"(<placement placement="1" centroidInside="1" centroidWhole="0" dist="0" priority="5"/>)"
        R"(<rendering drawLabels="1" obstacle="1" upsidedownLabels="0" labelPerPart="0" displayAll="0"/>)"
        R"(</settings></labeling>)",
        esc(l.field), esc(first_font), num(l.size_pt), color(l.color), families);
}

std::string document(const std::string& renderer, Geometry geometry, const std::optional<LabelStyle>& labels) {
    return fmt::format(
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
        R"(<qgis version="3.28.0-Firenze" styleCategories="AllStyleCategories" labelsEnabled="{}">)"
        "{}{}<layerGeometryType>{}</layerGeometryType></qgis>\n",
        labels ? 1 : 0, renderer, labels ? labeling(*labels) : "", static_cast<int>(geometry));
}

constexpr const char* kRendererAttributes = R"(symbollevels="0" forceraster="0" enableorderby="0" referencescale="-1")";

/// A categorized renderer over `symbols` (one per category, the last for other values).
std::string categorized(const std::string& field, const std::vector<std::string>& values,
                        const std::vector<std::string>& labels, const std::vector<std::string>& symbols) {
    std::string cats, syms;
    for (std::size_t i = 0; i < values.size(); ++i) {
        // An empty value makes QGIS's "all other values" class.
        cats += fmt::format(R"(<category symbol="{}" value="{}" label="{}" render="true"/>)", i, esc(values[i]),
                            esc(labels[i]));
        syms += symbols[i];
    }
    return fmt::format(R"(<renderer-v2 type="categorizedSymbol" attr="{}" {}><categories>{}</categories>)"
                       R"(<symbols>{}</symbols><rotation/><sizescale/></renderer-v2>)",
                       esc(field), kRendererAttributes, cats, syms);
}

std::string single_symbol(const std::string& symbol_xml) {
    return fmt::format(R"(<renderer-v2 type="singleSymbol" {}><symbols>{}</symbols><rotation/><sizescale/></renderer-v2>)",
                       kRendererAttributes, symbol_xml);
}

std::string sql_text(const std::string& s) {
    std::string q = "'";
    for (char c : s) {
        if (c == '\'') q += '\'';
        q += c;
    }
    return q + "'";
}

}  // namespace

LayerStyle categorized_fill(const std::string& layer, const std::string& field, const std::vector<FillCategory>& categories,
                            const FillCategory& other, const Outline& outline, const std::optional<LabelStyle>& labels) {
    std::vector<std::string> values, names, symbols;
    for (const auto& c : categories) {
        values.push_back(c.value);
        names.push_back(legend(c.label_zh, c.label_en));
        symbols.push_back(fill_symbol(std::to_string(symbols.size()), c.color, outline));
    }
    values.push_back("");
    names.push_back(legend(other.label_zh, other.label_en));
    symbols.push_back(fill_symbol(std::to_string(symbols.size()), other.color, outline));
    return {layer, layer, "parkcap: " + field + " categories",
            document(categorized(field, values, names, symbols), Geometry::Polygon, labels)};
}

LayerStyle graduated_fill(const std::string& layer, const std::string& field, const std::vector<FillRange>& ranges,
                          const Outline& outline, const std::optional<LabelStyle>& labels) {
    std::string rs, syms;
    for (std::size_t i = 0; i < ranges.size(); ++i) {
        const auto& r = ranges[i];
        rs += fmt::format(R"(<range symbol="{}" lower="{}" upper="{}" label="{}" render="true"/>)", i, num(r.lower),
                          num(r.upper), esc(legend(r.label_zh, r.label_en)));
        syms += fill_symbol(std::to_string(i), r.color, outline);
    }
    // "Custom" classification: the ranges are ours, QGIS must not recompute them.
    const std::string renderer = fmt::format(
        R"(<renderer-v2 type="graduatedSymbol" attr="{}" graduatedMethod="GraduatedColor" {}>)"
        R"(<ranges>{}</ranges><symbols>{}</symbols>)"
        R"(<classificationMethod id="Custom"><symmetricMode enabled="0" symmetrypoint="0" astride="0"/>)"
        R"(<labelFormat format="%1 - %2" labelprecision="2" trimtrailingzero="1"/></classificationMethod>)"
        R"(<rotation/><sizescale/></renderer-v2>)",
        esc(field), kRendererAttributes, rs, syms);
    return {layer, layer, "parkcap: " + field + " ranges", document(renderer, Geometry::Polygon, labels)};
}

LayerStyle categorized_line(const std::string& layer, const std::string& field, const std::vector<LineCategory>& categories,
                            const LineCategory& other) {
    std::vector<std::string> values, names, symbols;
    auto add = [&](const std::string& value, const LineCategory& c) {
        values.push_back(value);
        names.push_back(legend(c.label_zh, c.label_en));
        symbols.push_back(symbol("line", std::to_string(symbols.size()), simple_line(c.color, c.width_mm)));
    };
    for (const auto& c : categories) add(c.value, c);
    add("", other);
    return {layer, layer, "parkcap: " + field + " categories",
            document(categorized(field, values, names, symbols), Geometry::Line, std::nullopt)};
}

LayerStyle flow_lines(const std::string& layer, const FlowStyle& style) {
    std::string layers = simple_line(style.color, style.width_mm, style.width_expression);
    if (style.arrow) layers += arrow_head(style.color, style.arrow_size_mm, "0");
    return {layer, layer, "parkcap: flows", document(single_symbol(symbol("line", "0", layers)), Geometry::Line, std::nullopt)};
}

LayerStyle labeled_fill(const std::string& layer, const Rgba& fill, const Outline& outline, const LabelStyle& labels) {
    return {layer, layer, "parkcap: labelled by " + labels.field,
            document(single_symbol(fill_symbol("0", fill, outline)), Geometry::Polygon, labels)};
}

void store_style(GpkgWriter& gpkg, const LayerStyle& style) {
    // The table exactly as QGIS creates it through OGR (FID "id"; update_time in
    // GeoPackage's ISO form), registered in gpkg_contents so that GDAL, and therefore
    // QGIS, sees it as a layer: QGIS looks it up with GDALDatasetGetLayerByName.
    gpkg.execute_sql(
        "CREATE TABLE IF NOT EXISTS layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256), "
        "f_table_schema TEXT(256), f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30), "
        "styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30), "
        "update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))");
    gpkg.execute_sql(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier) SELECT 'layer_styles', 'attributes', "
        "'layer_styles' WHERE NOT EXISTS (SELECT 1 FROM gpkg_contents WHERE table_name = 'layer_styles')");
    // QGIS matches styles on f_table_schema = '' and the layer's geometry column.
    gpkg.execute_sql(fmt::format("UPDATE layer_styles SET useAsDefault = 0 WHERE f_table_name = {} AND f_geometry_column = {}",
                                 sql_text(style.layer), sql_text(kGeometryColumn)));
    gpkg.execute_sql(fmt::format(
        "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, styleQML, "
        "styleSLD, useAsDefault, description, owner) VALUES ('', '', {}, {}, {}, {}, '', 1, {}, '')",
        sql_text(style.layer), sql_text(kGeometryColumn), sql_text(style.name), sql_text(style.qml),
        sql_text(style.description)));
}

}  // namespace parkcap::report
