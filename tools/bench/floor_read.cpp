// Benchmark floor (1): the least a GDAL program must do to look at every parcel.
// Opens the parcels layer, reads every feature with all its attributes and its
// geometry, and computes each area; writes nothing. parkcap's loader does this
// and more (reprojection, validation, column storage), so its time cannot go
// below this one.
//   floor_read PARCELS.shp
// PARCELS is a file of parcels: its layer named `parcels` (a GeoPackage city such as
// make_sample_city --city riverbend writes), else its first layer (a Shapefile).
// Prints one line: features, summed area (m², in the layer's CRS), attribute
// checksum, seconds.
#include <chrono>
#include <cstdio>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "floor_fields.hpp"

using floor_bench::touch_fields;

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: floor_read PARCELS\n");
        return 2;
    }
    const auto t0 = std::chrono::steady_clock::now();
    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open(argv[1], GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds || ds->GetLayerCount() < 1) {
        std::fprintf(stderr, "floor_read: cannot open %s\n", argv[1]);
        return 3;
    }
    OGRLayer* layer = ds->GetLayerByName("parcels") ? ds->GetLayerByName("parcels") : ds->GetLayer(0);
    const int fields = layer->GetLayerDefn()->GetFieldCount();
    uint64_t n = 0, checksum = 0;
    double area = 0;
    for (auto& f : *layer) {
        checksum += touch_fields(*f, fields);
        if (const OGRGeometry* g = f->GetGeometryRef()) {
            const auto type = wkbFlatten(g->getGeometryType());
            if (type == wkbPolygon) area += g->toPolygon()->get_Area();
            else if (type == wkbMultiPolygon) area += g->toMultiPolygon()->get_Area();
        }
        ++n;
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("floor_read features=%llu area_m2=%.1f checksum=%llu seconds=%.3f\n", static_cast<unsigned long long>(n),
                area, static_cast<unsigned long long>(checksum), s);
    return 0;
}
