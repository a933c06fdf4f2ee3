#include "support/city_writer.hpp"

#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>

#include "support/fixtures.hpp"

namespace fs = std::filesystem;

namespace parkcap::test {

namespace {

using Ring = std::vector<std::pair<double, double>>;

std::string ring_text(const Ring& r) {
    std::string s = "(";
    for (std::size_t i = 0; i < r.size(); ++i) s += fmt::format("{}{} {}", i ? ", " : "", kE0 + r[i].first, kN0 + r[i].second);
    return s + ")";
}

std::string polygon_text(const std::vector<Ring>& rings) {
    std::string s = "(";
    for (std::size_t i = 0; i < rings.size(); ++i) s += (i ? ", " : "") + ring_text(rings[i]);
    return s + ")";
}

std::string polygon_wkt(const std::vector<Ring>& rings) { return "POLYGON " + polygon_text(rings); }

Ring rect_ring(double x0, double y0, double x1, double y1) { return {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}; }

std::string line_wkt(const Ring& pts) { return "LINESTRING " + ring_text(pts); }

std::string number(double v) { return std::isnan(v) ? std::string() : fmt::format("{}", v); }

CanonicalCity make_city() {
    CanonicalCity c;
    // Parks. P01 has a lake (a hole) of 400 m x 300 m.
    c.parks.push_back({"P01", "中国医药城", "national", "321291", "C27;C358", 0,
                       polygon_wkt({rect_ring(0, 0, 2000, 1500), {{800, 600}, {800, 900}, {1200, 900}, {1200, 600}, {800, 600}}}),
                       2000.0 * 1500 - 400.0 * 300});
    c.parks.push_back({"P02", "靖江滨江化工园", "provincial", "321282", "C26", 1, rect_wkt(3000, 0, 4500, 1000), 1500.0 * 1000});

    // Shoreline south of the parks; S02 bends along a 300-400-500 triangle.
    c.shoreline.push_back({"S01", "protect", 0, line_wkt({{0, -300}, {1500, -300}}), 1500});
    c.shoreline.push_back({"S02", "develop", 1, line_wkt({{1500, -300}, {3000, -300}, {3300, -700}}), 1500 + 500});
    c.shoreline.push_back({"S03", "control", 0, line_wkt({{3300, -700}, {4500, -700}}), 1200});

    auto add = [&](ExpectedParcel p) { c.parcels.push_back(std::move(p)); };
    ExpectedParcel p;

    // ---- in P01 ----
    p = {};
    p.parcel_id = "DK001"; p.district = "321291"; p.land_use = "industrial"; p.status = "approved";
    p.appr_date = "2019-06-18";
    p.dev_ratio = 0; p.inv_plan = 30000; p.inv_done = 0; p.tax = 0; p.output = 0;
    p.industry = "C2710"; p.enterprise = "江苏康达制药有限公司";
    p.wkt = rect_wkt(100, 100, 400, 300); p.area_m2 = 300.0 * 200; p.centroid_e = kE0 + 250; p.centroid_n = kN0 + 200;
    p.park_id = "P01";
    add(p);

    p = {};
    p.parcel_id = "DK002"; p.district = "321291"; p.land_use = "industrial"; p.status = "supplied";
    p.appr_date = "2018-03-05"; p.supp_date = "2019-04-10"; p.start_due = "2019-10-10";
    p.dev_ratio = 0; p.inv_plan = 45000; p.inv_done = 1200;
    p.industry = "C2761"; p.enterprise = "泰州生物制品有限公司";
    p.wkt = rect_wkt(500, 100, 700, 450); p.area_m2 = 200.0 * 350; p.centroid_e = kE0 + 600; p.centroid_n = kN0 + 275;
    p.park_id = "P01";
    add(p);

    // An L: 600x200 foot + 200x400 stem. Centroid (1520, 320) lies outside the L
    // itself (x > 1500 above y = 300) but inside the park.
    p = {};
    p.parcel_id = "DK003"; p.district = "321291"; p.land_use = "industrial"; p.status = "building";
    p.appr_date = "2017-01-20"; p.supp_date = "2017-08-01"; p.start_due = "2018-02-01";
    p.start_date = "2018-05-15"; p.halt_date = "2020-02-29";
    p.dev_ratio = 0.35; p.inv_plan = 80000; p.inv_done = 26000; p.far = 0.6; p.coverage = 0.25; p.tax = 120;
    p.output = 3400; p.industry = "C3581"; p.enterprise = "扬子江医疗器械有限公司";
    p.wkt = polygon_wkt({{{1300, 100}, {1900, 100}, {1900, 300}, {1500, 300}, {1500, 700}, {1300, 700}, {1300, 100}}});
    p.area_m2 = 600.0 * 200 + 200.0 * 400;
    p.centroid_e = kE0 + (120000.0 * 1600 + 80000.0 * 1400) / 200000;  // 1520
    p.centroid_n = kN0 + (120000.0 * 200 + 80000.0 * 500) / 200000;    // 320
    p.park_id = "P01";
    add(p);

    p = {};
    p.parcel_id = "DK004"; p.district = "321291"; p.land_use = "industrial"; p.status = "built";
    p.appr_date = "2012-05-02"; p.supp_date = "2012-11-30"; p.start_due = "2013-05-30"; p.start_date = "2013-04-01";
    p.dev_ratio = 1; p.inv_plan = 120000; p.inv_done = 135000; p.far = 1.2; p.coverage = 0.45; p.tax = 2100;
    p.output = 56000; p.industry = "C2710"; p.enterprise = "济川药业集团有限公司";
    p.wkt = rect_wkt(100, 1000, 700, 1400); p.area_m2 = 600.0 * 400; p.centroid_e = kE0 + 400; p.centroid_n = kN0 + 1200;
    p.park_id = "P01";
    add(p);

    // In P01's lake: inside the park's outline, outside the park.
    p = {};
    p.parcel_id = "DK005"; p.district = "321291"; p.land_use = "public"; p.status = "planned";
    p.wkt = rect_wkt(900, 700, 1100, 800); p.area_m2 = 200.0 * 100; p.centroid_e = kE0 + 1000; p.centroid_n = kN0 + 750;
    p.park_id = "";
    add(p);

    // 600x500 with a 200x100 hole off-centre.
    p = {};
    p.parcel_id = "DK006"; p.district = "321291"; p.land_use = "industrial"; p.status = "reserve";
    p.appr_date = "2010-09-09"; p.supp_date = "2011-01-15"; p.start_due = "2011-07-15";
    p.dev_ratio = 0.1; p.inv_plan = 20000; p.inv_done = 1500; p.far = 0.2; p.coverage = 0.08; p.tax = 0; p.output = 0;
    p.industry = "C2770"; p.enterprise = "泰州市土地储备中心";
    p.wkt = polygon_wkt({rect_ring(1300, 900, 1900, 1400), {{1400, 1000}, {1400, 1100}, {1600, 1100}, {1600, 1000}, {1400, 1000}}});
    p.area_m2 = 600.0 * 500 - 200.0 * 100;
    p.centroid_e = kE0 + (300000.0 * 1600 - 20000.0 * 1500) / 280000;
    p.centroid_n = kN0 + (300000.0 * 1150 - 20000.0 * 1050) / 280000;
    p.park_id = "P01";
    add(p);

    // ---- in P02 ----
    p = {};
    p.parcel_id = "DK007"; p.district = "321282"; p.land_use = "industrial"; p.status = "supplied";
    p.appr_date = "2020-12-31"; p.supp_date = "2021-03-05"; p.start_due = "2021-09-05";
    p.dev_ratio = 0; p.inv_plan = 60000; p.inv_done = 0;
    p.industry = "C2614"; p.enterprise = "靖江化工新材料有限公司";
    p.wkt = rect_wkt(3100, 100, 3600, 500); p.area_m2 = 500.0 * 400; p.centroid_e = kE0 + 3350; p.centroid_n = kN0 + 300;
    p.park_id = "P02";
    add(p);

    p = {};
    p.parcel_id = "DK008"; p.district = "321282"; p.land_use = "industrial"; p.status = "building";
    p.appr_date = "2019-01-01"; p.supp_date = "2019-07-07"; p.start_due = "2020-01-07"; p.start_date = "2020-06-30";
    p.dev_ratio = 0.5; p.inv_plan = 90000; p.inv_done = 40000; p.far = 0.8; p.coverage = 0.35; p.tax = 300;
    p.output = 8000; p.industry = "C2651"; p.enterprise = "江苏新材料科技有限公司";
    p.wkt = rect_wkt(3700, 100, 4400, 400); p.area_m2 = 700.0 * 300; p.centroid_e = kE0 + 4050; p.centroid_n = kN0 + 250;
    p.park_id = "P02";
    add(p);

    p = {};
    p.parcel_id = "DK009"; p.district = "321282"; p.land_use = "logistics"; p.status = "built";
    p.appr_date = "2008-08-08"; p.supp_date = "2009-02-28"; p.start_due = "2009-08-28"; p.start_date = "2009-10-01";
    p.dev_ratio = 1; p.inv_plan = 30000; p.inv_done = 31000; p.far = 1.0; p.coverage = 0.5; p.tax = 450;
    p.output = 9000; p.industry = "G5941"; p.enterprise = "长江港口物流有限公司";
    p.wkt = rect_wkt(3100, 600, 4400, 900); p.area_m2 = 1300.0 * 300; p.centroid_e = kE0 + 3750; p.centroid_n = kN0 + 750;
    p.park_id = "P02";
    add(p);

    // ---- outside every park ----
    p = {};
    p.parcel_id = "DK010"; p.district = "321283"; p.land_use = "residential"; p.status = "planned";
    p.wkt = rect_wkt(5000, 0, 5300, 250); p.area_m2 = 300.0 * 250; p.centroid_e = kE0 + 5150; p.centroid_n = kN0 + 125;
    add(p);

    // Two parts: 100x100 and 200x300.
    p = {};
    p.parcel_id = "DK011"; p.district = "321283"; p.land_use = "commercial"; p.status = "approved";
    p.appr_date = "2022-11-11";
    p.industry = "F5212"; p.enterprise = "泰兴商贸城有限公司";
    p.wkt = "MULTIPOLYGON (" + polygon_text({rect_ring(5500, 0, 5600, 100)}) + ", " +
            polygon_text({rect_ring(5800, 0, 6000, 300)}) + ")";
    p.area_m2 = 100.0 * 100 + 200.0 * 300;
    p.centroid_e = kE0 + (10000.0 * 5550 + 60000.0 * 5900) / 70000;
    p.centroid_n = kN0 + (10000.0 * 50 + 60000.0 * 150) / 70000;
    add(p);

    // Between the two parks.
    p = {};
    p.parcel_id = "DK012"; p.district = "321283"; p.land_use = "logistics"; p.status = "reserve";
    p.appr_date = "2015-03-15"; p.supp_date = "2015-10-01"; p.start_due = "2016-04-01";
    p.dev_ratio = 0; p.inv_plan = 25000; p.inv_done = 0;
    p.industry = "G5960"; p.enterprise = "泰兴市国土资源储备中心";
    p.wkt = rect_wkt(2200, 0, 2800, 500); p.area_m2 = 600.0 * 500; p.centroid_e = kE0 + 2500; p.centroid_n = kN0 + 250;
    add(p);

    c.projects.push_back({"PJ01", "新型抗体药物产业化项目", "C2761", "321291", 120, 150000, 8000, 85, 1, 0, 1});
    c.projects.push_back({"PJ02", "高端化学新材料项目", "C2651", "321282", 200, 300000, 12000, 70, 1, 1, 1});
    c.projects.push_back({"PJ03", "智能仓储物流中心", "G5960", "321283", 80, 40000, 1500, 40, 0, 0, 0});

    c.quota.push_back({"321291", "泰州医药高新区", 500});
    c.quota.push_back({"321282", "靖江市", 800});
    c.quota.push_back({"321283", "泰兴市", 650.5});
    return c;
}

GDALDriver& driver_or_throw(const std::string& name) {
    GDALDriver* d = GetGDALDriverManager()->GetDriverByName(name.c_str());
    if (!d) throw std::runtime_error("GDAL driver not available: " + name);
    return *d;
}

void set_value(OGRFeature& f, int index, const FieldDef& def, const std::string& value) {
    if (value.empty()) return;  // stays null
    switch (def.type) {
    case OFTDate: {
        int y = 0, m = 0, d = 0;
        if (std::sscanf(value.c_str(), "%d-%d-%d", &y, &m, &d) != 3)
            throw std::runtime_error("fixture date not YYYY-MM-DD: " + value);
        f.SetField(index, y, m, d, 0, 0, 0.0f, 0);
        break;
    }
    case OFTReal: f.SetField(index, std::stod(value)); break;
    case OFTInteger: f.SetField(index, std::stoi(value)); break;
    case OFTInteger64: f.SetField(index, static_cast<GIntBig>(std::stoll(value))); break;
    default: f.SetField(index, value.c_str()); break;
    }
}

}  // namespace

// ---- LayerData ----------------------------------------------------------------

FeatureData& LayerData::feature(const std::string& field, const std::string& value) {
    for (auto& f : features)
        if (auto it = f.values.find(field); it != f.values.end() && it->second == value) return f;
    throw std::runtime_error("fixture has no feature with " + field + " = " + value);
}

void LayerData::rename_field(const std::string& from, const std::string& to) {
    for (auto& d : fields)
        if (d.name == from) d.name = to;
    for (auto& f : features)
        if (auto it = f.values.find(from); it != f.values.end()) {
            f.values[to] = it->second;
            f.values.erase(from);
        }
}

void LayerData::remove_field(const std::string& field_name) {
    fields.erase(std::remove_if(fields.begin(), fields.end(), [&](const FieldDef& d) { return d.name == field_name; }),
                 fields.end());
    for (auto& f : features) f.values.erase(field_name);
}

void LayerData::set_field_type(const std::string& field_name, OGRFieldType type, int width) {
    for (auto& d : fields)
        if (d.name == field_name) {
            d.type = type;
            d.width = width;
        }
}

// ---- writing ------------------------------------------------------------------

std::string extension_of(const std::string& driver) {
    if (driver == "ESRI Shapefile") return "shp";
    if (driver == "GPKG") return "gpkg";
    if (driver == "GeoJSON") return "geojson";
    if (driver == "FlatGeobuf") return "fgb";
    if (driver == "CSV") return "csv";
    throw std::runtime_error("no extension known for driver " + driver);
}

std::string rect_wkt(double x0, double y0, double x1, double y1) { return polygon_wkt({rect_ring(x0, y0, x1, y1)}); }

void write_layers(const std::string& path, const std::string& driver, const std::vector<LayerData>& layers,
                  const WriteOptions& options) {
    GDALDriver& drv = driver_or_throw(driver);
    GDALDatasetUniquePtr ds;
    if (driver == "GPKG" && fs::exists(path))
        ds.reset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
    else
        ds.reset(drv.Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw std::runtime_error("cannot create " + path + ": " + CPLGetLastErrorMsg());

    OGRSpatialReference design, target;
    if (design.importFromEPSG(options.wkt_epsg) != OGRERR_NONE)
        throw std::runtime_error(fmt::format("unknown EPSG:{}", options.wkt_epsg));
    design.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> ct;
    if (options.epsg != 0) {
        if (target.importFromEPSG(options.epsg) != OGRERR_NONE)
            throw std::runtime_error(fmt::format("unknown EPSG:{}", options.epsg));
        target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        if (options.epsg != options.wkt_epsg) ct.reset(OGRCreateCoordinateTransformation(&design, &target));
    }

    CPLStringList layer_options;
    for (const auto& o : options.layer_options) layer_options.AddString(o.c_str());
    // A Shapefile as users get it: with a .cpg saying how its text is encoded.
    if (driver == "ESRI Shapefile" && !layer_options.FetchNameValue("ENCODING")) layer_options.SetNameValue("ENCODING", "UTF-8");

    for (const LayerData& data : layers) {
        OGRLayer* layer = ds->CreateLayer(data.name.c_str(), options.epsg ? &target : nullptr, data.geometry_type,
                                          layer_options.List());
        if (!layer) throw std::runtime_error("cannot create layer " + data.name + " in " + path + ": " + CPLGetLastErrorMsg());
        for (const FieldDef& def : data.fields) {
            OGRFieldDefn fd(def.name.c_str(), def.type);
            if (def.width) fd.SetWidth(def.width);
            if (def.precision) fd.SetPrecision(def.precision);
            if (layer->CreateField(&fd) != OGRERR_NONE) throw std::runtime_error("cannot create field " + def.name);
        }
        OGRFeatureDefn* defn = layer->GetLayerDefn();
        for (const FeatureData& fdata : data.features) {
            OGRFeature feature(defn);
            for (const FieldDef& def : data.fields) {
                // Drivers may launder names (Shapefile truncates at 10 characters).
                const int index = defn->GetFieldIndex(def.name.c_str());
                if (index < 0) throw std::runtime_error("field " + def.name + " vanished from " + data.name);
                if (auto it = fdata.values.find(def.name); it != fdata.values.end()) set_value(feature, index, def, it->second);
            }
            if (!fdata.wkt.empty()) {
                OGRGeometry* g = nullptr;
                if (OGRGeometryFactory::createFromWkt(fdata.wkt.c_str(), nullptr, &g) != OGRERR_NONE || !g)
                    throw std::runtime_error("bad fixture WKT: " + fdata.wkt);
                std::unique_ptr<OGRGeometry> geom(g);
                if (ct && !geom->IsEmpty() && geom->transform(ct.get()) != OGRERR_NONE)
                    throw std::runtime_error("cannot transform fixture geometry to EPSG:" + std::to_string(options.epsg));
                if (wkbFlatten(data.geometry_type) == wkbMultiPolygon && wkbFlatten(geom->getGeometryType()) == wkbPolygon)
                    geom.reset(OGRGeometryFactory::forceToMultiPolygon(geom.release()));
                feature.SetGeometryDirectly(geom.release());
            }
            if (layer->CreateFeature(&feature) != OGRERR_NONE)
                throw std::runtime_error("cannot write a feature of " + data.name + ": " + CPLGetLastErrorMsg());
        }
    }
    CPLErrorReset();
    ds.reset();  // GDALClose: flushes headers, indexes and sidecars
    if (CPLGetLastErrorType() >= CE_Failure) throw std::runtime_error("cannot finish writing " + path + ": " + CPLGetLastErrorMsg());
}

std::string write_layer_file(const std::string& dir, const std::string& driver, const LayerData& layer,
                             const WriteOptions& options) {
    const std::string path = (fs::path(dir) / (layer.name + "." + extension_of(driver))).string();
    write_layers(path, driver, {layer}, options);
    return path;
}

// ---- the canonical city ----------------------------------------------------------

const CanonicalCity& canonical_city() {
    static const CanonicalCity city = make_city();
    return city;
}

double CanonicalCity::total_parcel_area_m2() const {
    double total = 0;
    for (const auto& p : parcels) total += p.area_m2;
    return total;
}

const ExpectedParcel& CanonicalCity::parcel(const std::string& id) const {
    for (const auto& p : parcels)
        if (p.parcel_id == id) return p;
    throw std::runtime_error("no canonical parcel " + id);
}

LayerData parks_layer() {
    LayerData l;
    l.name = "parks";
    l.geometry_type = wkbPolygon;
    l.fields = {{"park_id", OFTString, 16}, {"name", OFTString, 80}, {"level", OFTString, 16},
                {"district", OFTString, 12}, {"themes", OFTString, 64}, {"chem_park", OFTInteger, 1}};
    for (const auto& p : canonical_city().parks)
        l.features.push_back({p.wkt,
                              {{"park_id", p.park_id}, {"name", p.name}, {"level", p.level}, {"district", p.district},
                               {"themes", p.themes}, {"chem_park", std::to_string(p.chem_park)}}});
    return l;
}

LayerData shoreline_layer() {
    LayerData l;
    l.name = "shoreline";
    l.geometry_type = wkbLineString;
    l.fields = {{"shore_id", OFTString, 16}, {"zone", OFTString, 16}, {"port", OFTInteger, 1}};
    for (const auto& s : canonical_city().shoreline)
        l.features.push_back({s.wkt, {{"shore_id", s.shore_id}, {"zone", s.zone}, {"port", std::to_string(s.port)}}});
    return l;
}

LayerData parcels_layer(DateStyle dates) {
    const OGRFieldType date_type = dates == DateStyle::Native ? OFTDate : OFTString;
    const int date_width = dates == DateStyle::Native ? 0 : 10;
    LayerData l;
    l.name = "parcels";
    l.geometry_type = wkbMultiPolygon;
    l.fields = {{"parcel_id", OFTString, 20},
                {"district", OFTString, 12},
                {"land_use", OFTString, 16},
                {"status", OFTString, 16},
                {"appr_date", date_type, date_width},
                {"supp_date", date_type, date_width},
                {"start_due", date_type, date_width},
                {"start_date", date_type, date_width},
                {"halt_date", date_type, date_width},
                {"dev_ratio", OFTReal, 12, 4},
                {"inv_plan", OFTReal, 14, 2},
                {"inv_done", OFTReal, 14, 2},
                {"far", OFTReal, 8, 3},
                {"coverage", OFTReal, 8, 4},
                {"tax", OFTReal, 14, 2},
                {"output", OFTReal, 14, 2},
                {"industry", OFTString, 8},
                {"enterprise", OFTString, 120}};
    for (const auto& p : canonical_city().parcels) {
        l.features.push_back({p.wkt,
                              {{"parcel_id", p.parcel_id},
                               {"district", p.district},
                               {"land_use", p.land_use},
                               {"status", p.status},
                               {"appr_date", p.appr_date},
                               {"supp_date", p.supp_date},
                               {"start_due", p.start_due},
                               {"start_date", p.start_date},
                               {"halt_date", p.halt_date},
                               {"dev_ratio", number(p.dev_ratio)},
                               {"inv_plan", number(p.inv_plan)},
                               {"inv_done", number(p.inv_done)},
                               {"far", number(p.far)},
                               {"coverage", number(p.coverage)},
                               {"tax", number(p.tax)},
                               {"output", number(p.output)},
                               {"industry", p.industry},
                               {"enterprise", p.enterprise}}});
    }
    return l;
}

std::string projects_csv_utf8() {
    std::string s = "project_id,name,industry,origin,area_mu,investment,tax_expect,tech,eia_ok,needs_shore,major\r\n";
    for (const auto& p : canonical_city().projects)
        s += fmt::format("{},{},{},{},{},{},{},{},{},{},{}\r\n", p.project_id, p.name, p.industry, p.origin, p.area_mu,
                         p.investment, p.tax_expect, p.tech, p.eia_ok, p.needs_shore, p.major);
    return s;
}

std::string quota_csv_utf8() {
    std::string s = "district,name,quota_mu,earned_mu\r\n";
    for (const auto& q : canonical_city().quota) s += fmt::format("{},{},{},0\r\n", q.district, q.name, q.quota_mu);
    return s;
}

std::string encode_text(const std::string& utf8, CsvEncoding encoding) {
    switch (encoding) {
    case CsvEncoding::Utf8: return utf8;
    case CsvEncoding::Utf8Bom: return "\xEF\xBB\xBF" + utf8;
    case CsvEncoding::Gbk: {
        char* out = CPLRecode(utf8.c_str(), CPL_ENC_UTF8, "CP936");
        std::string s(out ? out : "");
        CPLFree(out);
        if (s.empty() || s == utf8) throw std::runtime_error("CPLRecode to CP936 did not convert");
        return s;
    }
    }
    return utf8;
}

void write_tables(const std::string& dir, CsvEncoding encoding) {
    write_text_file((fs::path(dir) / "projects.csv").string(), encode_text(projects_csv_utf8(), encoding));
    write_text_file((fs::path(dir) / "quota.csv").string(), encode_text(quota_csv_utf8(), encoding));
}

void write_city_folder(const std::string& dir, const std::string& driver, const WriteOptions& options,
                       CsvEncoding tables) {
    fs::create_directories(dir);
    const DateStyle dates = driver == "GeoJSON" ? DateStyle::Text : DateStyle::Native;
    write_layer_file(dir, driver, parks_layer(), options);
    write_layer_file(dir, driver, shoreline_layer(), options);
    write_layer_file(dir, driver, parcels_layer(dates), options);
    write_tables(dir, tables);
}

}  // namespace parkcap::test
