// Benchmark floor (2): floor (1), and one output feature per parcel written to a
// GeoPackage with a spatial index: geometry plus a few fields (id, status, area,
// a flag), in transactions of 100,000 rows, R-tree built when the file closes.
// An audit that writes its results per parcel cannot go below this.
//   floor_write PARCELS OUT.gpkg [--no-index]
// PARCELS is a file of parcels: its layer named `parcels` (a GeoPackage city such as
// make_sample_city --city riverbend writes), else its first layer (a Shapefile).
// Prints one line: features, summed area (m²), seconds (rows, and index + close).
// --no-index leaves the spatial index out: the cost of the rows alone, for reference.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "floor_fields.hpp"

using floor_bench::touch_fields;

int main(int argc, char** argv) {
    const bool index = !(argc == 4 && std::strcmp(argv[3], "--no-index") == 0);
    if (argc != 3 && index) {
        std::fprintf(stderr, "usage: floor_write PARCELS OUT.gpkg [--no-index]\n");
        return 2;
    }
    const auto t0 = std::chrono::steady_clock::now();
    GDALAllRegister();
    GDALDatasetUniquePtr in(GDALDataset::Open(argv[1], GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!in || in->GetLayerCount() < 1) {
        std::fprintf(stderr, "floor_write: cannot open %s\n", argv[1]);
        return 3;
    }
    OGRLayer* src = in->GetLayerByName("parcels") ? in->GetLayerByName("parcels") : in->GetLayer(0);
    OGRFeatureDefn* sdefn = src->GetLayerDefn();
    const int fields = sdefn->GetFieldCount();
    const int id_field = sdefn->GetFieldIndex("parcel_id");
    const int status_field = sdefn->GetFieldIndex("status");

    std::filesystem::remove(argv[2]);
    GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
    GDALDatasetUniquePtr out(gpkg->Create(argv[2], 0, 0, 0, GDT_Unknown, nullptr));
    if (!out) {
        std::fprintf(stderr, "floor_write: cannot create %s\n", argv[2]);
        return 5;
    }
    char** opts = nullptr;
    opts = CSLSetNameValue(opts, "SPATIAL_INDEX", index ? "YES" : "NO");
    opts = CSLSetNameValue(opts, "GEOMETRY_NAME", "geom");
    OGRLayer* dst = out->CreateLayer("parcels", src->GetSpatialRef(), wkbMultiPolygon, opts);
    CSLDestroy(opts);
    OGRFieldDefn f_id("parcel_id", OFTString), f_status("status", OFTString), f_area("area_m2", OFTReal),
        f_flag("flagged", OFTInteger);
    dst->CreateField(&f_id);
    dst->CreateField(&f_status);
    dst->CreateField(&f_area);
    dst->CreateField(&f_flag);
    OGRFeatureUniquePtr row(OGRFeature::CreateFeature(dst->GetLayerDefn()));

    uint64_t n = 0, checksum = 0;
    double total_area = 0;
    out->StartTransaction();
    for (auto& f : *src) {
        checksum += touch_fields(*f, fields);
        OGRGeometry* g = f->StealGeometry();
        double area = 0;
        if (g) {
            if (wkbFlatten(g->getGeometryType()) == wkbPolygon) area = g->toPolygon()->get_Area();
            else if (wkbFlatten(g->getGeometryType()) == wkbMultiPolygon) area = g->toMultiPolygon()->get_Area();
            g = OGRGeometryFactory::forceToMultiPolygon(g);
        }
        total_area += area;
        row->SetField(0, f->GetFieldAsString(id_field));
        row->SetField(1, f->GetFieldAsString(status_field));
        row->SetField(2, area);
        row->SetField(3, std::strcmp(f->GetFieldAsString(status_field), "approved") == 0 ? 1 : 0);
        row->SetGeometryDirectly(g);
        if (dst->CreateFeature(row.get()) != OGRERR_NONE) {
            std::fprintf(stderr, "floor_write: write failed at feature %llu\n", static_cast<unsigned long long>(n));
            return 5;
        }
        row->Reset();
        if (++n % 100000 == 0) {
            out->CommitTransaction();
            out->StartTransaction();
        }
    }
    out->CommitTransaction();
    const double rows_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    out.reset();  // builds the R-tree
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("floor_write features=%llu area_m2=%.1f checksum=%llu seconds=%.3f (rows %.3f, index and close %.3f)\n",
                static_cast<unsigned long long>(n), total_area, static_cast<unsigned long long>(checksum), s, rows_s,
                s - rows_s);
    return 0;
}
