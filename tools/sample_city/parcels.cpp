#include "parcels.hpp"

namespace sample_city {

namespace {

const std::vector<FieldSpec> kParcelFields = {
    {"parcel_id", OFTString, 20, 0},  {"district", OFTString, 6, 0},    {"land_use", OFTString, 12, 0},
    {"status", OFTString, 10, 0},     {"appr_date", OFTDate, 0, 0},   {"supp_date", OFTDate, 0, 0},
    {"start_due", OFTDate, 0, 0},     {"start_date", OFTDate, 0, 0},  {"halt_date", OFTDate, 0, 0},
    {"dev_ratio", OFTReal, 8, 4},     {"inv_plan", OFTReal, 14, 2},   {"inv_done", OFTReal, 14, 2},
    {"far", OFTReal, 8, 2},           {"coverage", OFTReal, 8, 4},    {"tax", OFTReal, 12, 2},
    {"output", OFTReal, 14, 2},       {"industry", OFTString, 8, 0},  {"enterprise", OFTString, 120, 0}};

}  // namespace

ParcelWriter::ParcelWriter(const std::filesystem::path& dir, const OGRSpatialReference& zone40)
    : w_(dir, "parcels", zone40, wkbPolygon, kParcelFields) {}

ParcelWriter::ParcelWriter(GDALDataset& gpkg, const OGRSpatialReference& zone40)
    : w_(gpkg, "parcels", zone40, wkbPolygon, kParcelFields) {}

void ParcelWriter::write(const ParcelRecord& p) {
    const ParcelRec& a = p.attr;
    OGRFeature f(w_.defn());
    f.SetField("parcel_id", p.id.c_str());
    f.SetField("district", p.district.c_str());
    f.SetField("land_use", kLandUseName[p.land_use]);
    if (a.status_set) f.SetField("status", a.status.c_str());
    set_date(f, "appr_date", a.appr);
    set_date(f, "supp_date", a.supp);
    set_date(f, "start_due", a.due);
    set_date(f, "start_date", a.start);
    set_date(f, "halt_date", a.halt);
    set_real(f, "dev_ratio", a.dev);
    set_real(f, "inv_plan", a.inv_plan);
    set_real(f, "inv_done", a.inv_done);
    set_real(f, "far", a.far);
    set_real(f, "coverage", a.coverage);
    set_real(f, "tax", a.tax);
    set_real(f, "output", a.output);
    set_text(f, "industry", a.industry);
    set_text(f, "enterprise", a.enterprise);
    // Orientation is left as digitised for the bow-tie (it has none).
    OGRPolygon poly;
    poly.addRingDirectly(make_ring(p.ring, w_.outer_clockwise()));
    f.SetGeometry(&poly);
    w_.write(f);
}

}  // namespace sample_city
