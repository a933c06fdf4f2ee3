#pragma once
// Reading back what two runs wrote, to check they agree exactly.
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

namespace parkcap::test {

/// Every row of a layer as text, field by field, with the geometry as WKB hex:
/// what two outputs must agree on exactly.
inline std::vector<std::string> layer_rows(const std::string& path, const std::string& layer_name,
                                    const std::set<std::string>& skip_fields = {}) {
    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    OGRLayer* layer = ds->GetLayerByName(layer_name.c_str());
    INFO(path << " layer " << layer_name);
    REQUIRE(layer);
    std::vector<std::string> rows;
    for (auto& f : *layer) {
        std::string row;
        for (int i = 0; i < f->GetFieldCount(); ++i) {
            const std::string name = f->GetFieldDefnRef(i)->GetNameRef();
            if (skip_fields.count(name)) continue;
            row += name + "=" + (f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "<null>") + "|";
        }
        if (const OGRGeometry* g = f->GetGeometryRef()) {
            std::vector<unsigned char> wkb(static_cast<std::size_t>(g->WkbSize()));
            g->exportToWkb(wkbNDR, wkb.data());
            row += "geom=" + std::string(wkb.begin(), wkb.end());
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace parkcap::test
