// A shoreline record's recorded length (length_m) against the length measured
// after reprojection: a difference beyond the tolerance is a warning in the
// rejects report naming the file, layer, feature and field, and when the record
// matches the length in another CGCS2000 3° zone, that zone is named.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "parkcap/io/load.hpp"
#include "support/fixtures.hpp"
#include "support/mini_city.hpp"

using namespace parkcap;
using namespace parkcap::test;

namespace {

/// The line's length after reprojection to `epsg`, by GDAL directly.
double length_in(OGRGeometry& g, const OGRSpatialReference& from, int epsg) {
    OGRSpatialReference to;
    to.importFromEPSG(epsg);
    to.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&from, &to));
    std::unique_ptr<OGRGeometry> copy(g.clone());
    REQUIRE(copy->transform(ct.get()) == OGRERR_NONE);
    return copy->toLineString()->get_Length();
}

}  // namespace

TEST_CASE("shoreline: a recorded length is checked against the measured, and a zone mix-up is named",
          "[io][shoreline]") {
    MiniCity c;
    c.parks = {MiniPark{}};
    c.parks[0].id = "P";
    c.parks[0].x1 = c.parks[0].y1 = 500;
    auto line = [](const char* id, double y) {
        MiniShore s;
        s.id = id;
        s.points = {{0, y}, {10000, y}};  // 10 km along x, measured 10,000 m in EPSG:4528
        return s;
    };
    c.shoreline = {line("same", -100), line("off", -200), line("zone41", -300), line("blank", -400)};
    MiniParcel p;
    p.id = "a";
    p.x = p.y = 100;
    c.parcels = {p};
    ScratchDir dir("shore-length");
    const std::string gpkg = dir / "city.gpkg";
    c.write_gpkg(gpkg);

    double zone41 = 0;
    {
        GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
        REQUIRE(ds);
        OGRLayer* l = ds->GetLayerByName("shoreline");
        REQUIRE(l);
        OGRFieldDefn field("length_m", OFTReal);
        REQUIRE(l->CreateField(&field) == OGRERR_NONE);
        OGRSpatialReference from = *l->GetSpatialRef();
        from.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        l->ResetReading();
        while (OGRFeatureUniquePtr f{l->GetNextFeature()}) {
            const std::string id = f->GetFieldAsString("shore_id");
            if (id == "same") f->SetField("length_m", 10000.4);  // within 1 m
            if (id == "off") f->SetField("length_m", 10050.0);
            if (id == "zone41") {
                zone41 = length_in(*f->GetGeometryRef(), from, 4529);  // zone 41, CM 123°E
                f->SetField("length_m", std::round(zone41));
            }
            REQUIRE(l->SetFeature(f.get()) == OGRERR_NONE);
        }
    }
    // The zone's scale differs enough at 3° from its meridian for the check to see it.
    REQUIRE(std::abs(zone41 - 10000) > 5);

    io::LoadOptions o;
    o.data = gpkg;
    const City city = io::load_city(o);
    REQUIRE(city.shoreline.size() == 4);  // a warning keeps the record
    std::vector<const Issue*> found;
    for (const Issue& i : city.report.issues)
        if (i.code == "shoreline.length_mismatch") found.push_back(&i);
    REQUIRE(found.size() == 2);
    CHECK(found[0]->feature_id == "off");
    CHECK(found[0]->field == "length_m");
    CHECK(found[0]->layer == "shoreline");
    CHECK(found[0]->severity == Severity::Warning);
    CHECK(found[0]->message.find("recorded length 10050.0 m differs from the measured 10000.0 m by +50.0 m") !=
          std::string::npos);
    CHECK(found[0]->message.find("zone") == std::string::npos);
    CHECK(found[1]->feature_id == "zone41");
    CHECK(found[1]->message.find("CGCS2000 3° zone 41 (EPSG:4529") != std::string::npos);
    CHECK(found[1]->message.find("segment's own zone 40") != std::string::npos);
}
