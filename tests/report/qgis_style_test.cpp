// QGIS styles in the GeoPackage: stored the way QGIS looks them up, each a parseable
// QML document with the classes asked for.
#include <catch2/catch.hpp>

#include <memory>

#include <cpl_minixml.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "parkcap/report/qgis_style.hpp"
#include "parkcap/report/table_writer.hpp"
#include "support/fixtures.hpp"

using namespace parkcap;
using namespace parkcap::report;

namespace {

struct XmlDeleter {
    void operator()(CPLXMLNode* n) const { CPLDestroyXMLNode(n); }
};
using Xml = std::unique_ptr<CPLXMLNode, XmlDeleter>;

/// The styleQML of the layer's default style, as QGIS selects it.
std::string default_qml(GDALDataset& ds, const std::string& layer) {
    OGRLayer* styles = ds.GetLayerByName("layer_styles");  // how QGIS finds the table
    REQUIRE(styles);
    styles->SetAttributeFilter(("f_table_schema = '' AND f_table_name = '" + layer +
                                "' AND f_geometry_column = 'geom' AND useAsDefault = 1")
                                   .c_str());
    std::vector<std::string> found;
    for (auto& row : *styles) {
        found.push_back(row->GetFieldAsString("styleQML"));
        CHECK(row->IsFieldSetAndNotNull(row->GetFieldIndex("update_time")));
    }
    styles->SetAttributeFilter(nullptr);
    REQUIRE(found.size() == 1);
    return found.front();
}

/// The <qgis> element of a QML document, which must parse as XML.
const CPLXMLNode* qgis_root(const Xml& doc) {
    REQUIRE(doc);
    const CPLXMLNode* root = CPLGetXMLNode(doc.get(), "=qgis");
    REQUIRE(root);
    return root;
}

std::vector<const CPLXMLNode*> children(const CPLXMLNode* parent, const char* name) {
    std::vector<const CPLXMLNode*> out;
    for (const CPLXMLNode* c = parent ? parent->psChild : nullptr; c; c = c->psNext)
        if (c->eType == CXT_Element && std::string(c->pszValue) == name) out.push_back(c);
    return out;
}

std::string attr(const CPLXMLNode* node, const char* name) { return CPLGetXMLValue(node, name, "<missing>"); }

/// The value of <Option name="..."> within a symbol layer's option map.
std::string option(const CPLXMLNode* layer, const std::string& name) {
    for (const CPLXMLNode* o : children(CPLGetXMLNode(layer, "Option"), "Option"))
        if (attr(o, "name") == name) return attr(o, "value");
    return "<missing>";
}

const std::string kOdd = "A&B <\"x\"> 'y'";  // every character XML must escape

}  // namespace

TEST_CASE("writer: QGIS styles are stored as each layer's default style", "[report][writer]") {
    test::ScratchDir dir("writer-styles");
    const std::string path = dir / "audit.gpkg";

    const std::vector<FillCategory> flags = {
        {"IDLE_TAKEBACK", {215, 25, 28, 255}, "闲置收回", "Idle, take back"},
        {"OVER_CAPACITY", {253, 174, 97, 255}, "超载", "Over capacity"},
        {kOdd, {1, 2, 3, 255}, "怪值", "odd"},
    };
    {
        GpkgWriter gpkg(path, 4547);
        gpkg.add_layer("parcel_flags", GeometryType::Polygon, {{"flag", FieldDef::Text}});
        gpkg.add_layer("district_summary", GeometryType::MultiPolygon, {{"ratio", FieldDef::Real}});
        gpkg.add_layer("shoreline_use", GeometryType::MultiLineString, {{"use", FieldDef::Text}});
        gpkg.add_layer("flows", GeometryType::LineString, {{"people", FieldDef::Integer}});
        gpkg.add_layer("parks", GeometryType::Polygon, {{"name", FieldDef::Text}});

        // A first style, then the one that must win as the default.
        store_style(gpkg, labeled_fill("parcel_flags", {200, 200, 200, 255}, {}, {"flag"}));
        store_style(gpkg, categorized_fill("parcel_flags", "flag", flags, {"", {190, 190, 190, 255}, "其他", "Other"}));
        store_style(gpkg, graduated_fill("district_summary", "ratio",
                                         {{0, 0.5, {255, 255, 204, 255}, "不足", "Short"},
                                          {0.5, 1, {161, 218, 180, 255}, "达标", "Met"},
                                          {1, 1e9, {37, 52, 148, 255}, "富余", "Surplus"}}));
        store_style(gpkg, categorized_line("shoreline_use", "use", {{"PUBLIC", {0, 0, 255, 255}, 0.8, "公共", "Public"}},
                                           {"", {120, 120, 120, 255}, 0.3, "其他", "Other"}));
        FlowStyle flow;
        flow.width_expression = "0.3 + \"people\" / 2000.0";
        store_style(gpkg, flow_lines("flows", flow));
        store_style(gpkg, labeled_fill("parks", {116, 196, 118, 160}, {{35, 100, 35, 255}, 0.4}, {"name", 11}));
        gpkg.commit();
    }

    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);

    SECTION("layer_styles has QGIS's columns and one default per layer") {
        OGRLayer* styles = ds->GetLayerByName("layer_styles");
        REQUIRE(styles);
        CHECK(styles->GetGeomType() == wkbNone);
        for (const char* column : {"f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column", "styleName",
                                   "styleQML", "styleSLD", "useAsDefault", "description", "owner", "ui", "update_time"})
            CHECK(styles->GetLayerDefn()->GetFieldIndex(column) >= 0);
        CHECK(std::string(styles->GetFIDColumn()) == "id");
        CHECK(styles->GetFeatureCount() == 6);
        styles->SetAttributeFilter("useAsDefault = 1");
        CHECK(styles->GetFeatureCount() == 5);
    }

    SECTION("categorized fill: every category, the default class last, text escaped") {
        Xml doc(CPLParseXMLString(default_qml(*ds, "parcel_flags").c_str()));
        const CPLXMLNode* root = qgis_root(doc);
        CHECK(attr(root, "labelsEnabled") == "0");
        CHECK(attr(root, "layerGeometryType") == "2");
        const CPLXMLNode* renderer = CPLGetXMLNode(root, "renderer-v2");
        CHECK(attr(renderer, "type") == "categorizedSymbol");
        CHECK(attr(renderer, "attr") == "flag");
        const auto cats = children(CPLGetXMLNode(renderer, "categories"), "category");
        REQUIRE(cats.size() == 4);
        CHECK(attr(cats[0], "value") == "IDLE_TAKEBACK");
        CHECK(attr(cats[0], "label") == "闲置收回 Idle, take back");
        CHECK(attr(cats[2], "value") == kOdd);
        CHECK(attr(cats[3], "value") == "");
        CHECK(attr(cats[3], "label") == "其他 Other");
        const auto symbols = children(CPLGetXMLNode(renderer, "symbols"), "symbol");
        REQUIRE(symbols.size() == 4);
        for (std::size_t i = 0; i < cats.size(); ++i) {
            CHECK(attr(cats[i], "symbol") == attr(symbols[i], "name"));
            CHECK(attr(symbols[i], "type") == "fill");
        }
        const CPLXMLNode* fill = CPLGetXMLNode(symbols[0], "layer");
        CHECK(attr(fill, "class") == "SimpleFill");
        CHECK(option(fill, "color") == "215,25,28,255");
        CHECK(option(fill, "outline_width") == "0.26");
    }

    SECTION("graduated fill: ranges in order") {
        Xml doc(CPLParseXMLString(default_qml(*ds, "district_summary").c_str()));
        const CPLXMLNode* renderer = CPLGetXMLNode(qgis_root(doc), "renderer-v2");
        CHECK(attr(renderer, "type") == "graduatedSymbol");
        const auto ranges = children(CPLGetXMLNode(renderer, "ranges"), "range");
        REQUIRE(ranges.size() == 3);
        CHECK(std::stod(attr(ranges[1], "lower")) == 0.5);
        CHECK(std::stod(attr(ranges[2], "upper")) == 1e9);
        CHECK(attr(ranges[2], "label") == "富余 Surplus");
    }

    SECTION("categorized line and flows") {
        Xml shore(CPLParseXMLString(default_qml(*ds, "shoreline_use").c_str()));
        const CPLXMLNode* shore_root = qgis_root(shore);
        CHECK(attr(shore_root, "layerGeometryType") == "1");
        const auto cats = children(CPLGetXMLNode(shore_root, "renderer-v2.categories"), "category");
        CHECK(cats.size() == 2);
        const CPLXMLNode* line = CPLGetXMLNode(shore_root, "renderer-v2.symbols.symbol.layer");
        CHECK(attr(line, "class") == "SimpleLine");
        CHECK(option(line, "line_width") == "0.8");

        Xml flows(CPLParseXMLString(default_qml(*ds, "flows").c_str()));
        const CPLXMLNode* symbol = CPLGetXMLNode(qgis_root(flows), "renderer-v2.symbols.symbol");
        const auto layers = children(symbol, "layer");
        REQUIRE(layers.size() == 2);
        CHECK(attr(layers[0], "class") == "SimpleLine");
        const CPLXMLNode* width = CPLGetXMLNode(layers[0], "data_defined_properties.Option");
        bool found = false;
        for (const CPLXMLNode* p : children(width, "Option"))
            for (const CPLXMLNode* q : children(p, "Option"))
                if (attr(q, "name") == "outlineWidth")
                    for (const CPLXMLNode* o : children(q, "Option"))
                        if (attr(o, "name") == "expression") found = attr(o, "value") == "0.3 + \"people\" / 2000.0";
        CHECK(found);
        CHECK(attr(layers[1], "class") == "MarkerLine");
        CHECK(option(layers[1], "placement") == "lastvertex");
        CHECK(option(CPLGetXMLNode(layers[1], "symbol.layer"), "name") == "filled_arrowhead");
    }

    SECTION("parks: a plain fill labelled with the Chinese names") {
        Xml doc(CPLParseXMLString(default_qml(*ds, "parks").c_str()));
        const CPLXMLNode* root = qgis_root(doc);
        CHECK(attr(root, "labelsEnabled") == "1");
        CHECK(attr(CPLGetXMLNode(root, "renderer-v2"), "type") == "singleSymbol");
        const CPLXMLNode* text = CPLGetXMLNode(root, "labeling.settings.text-style");
        REQUIRE(text);
        CHECK(attr(text, "fieldName") == "name");
        CHECK(attr(text, "fontSize") == "11");
        CHECK(attr(text, "fontFamily") == "Microsoft YaHei");
        CHECK(children(CPLGetXMLNode(text, "families"), "family").size() == 4);
    }
}
