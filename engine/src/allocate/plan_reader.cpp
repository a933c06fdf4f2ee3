#include "parkcap/allocate/plan_reader.hpp"

#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "parkcap/core/error.hpp"

namespace parkcap::allocate {

Overrides read_plan_pins(const std::string& path, std::vector<std::string>* planner_pinned) {
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds) throw InputError(fmt::format("{}: cannot be opened as a GeoPackage", path));
    OGRLayer* layer = ds->GetLayerByName("allocation");
    if (!layer)
        throw DataError(fmt::format("{}: has no layer 'allocation'; is it a PLAN.gpkg written by `parkcap plan` or the viewer?",
                                    path));
    const OGRFeatureDefn* defn = layer->GetLayerDefn();
    const int project = defn->GetFieldIndex("project_id"), site = defn->GetFieldIndex("site_id");
    const int pinned = defn->GetFieldIndex("pinned");
    if (project < 0 || site < 0)
        throw DataError(fmt::format("{}: allocation: expected fields project_id and site_id", path),
                        "the file was not written by parkcap; write plans with `parkcap plan` or the viewer");
    Overrides ov;
    for (auto& f : *layer) {
        Overrides::Pin pin;
        pin.project = f->GetFieldAsString(project);
        pin.site = f->GetFieldAsString(site);
        if (pin.project.empty() || pin.site.empty())
            throw DataError(fmt::format("{}: allocation feature {}: project_id and site_id must both be set", path, f->GetFID()));
        if (planner_pinned && pinned >= 0 && f->GetFieldAsInteger(pinned) != 0) planner_pinned->push_back(pin.project);
        ov.pins.push_back(std::move(pin));
    }
    return ov;
}

}  // namespace parkcap::allocate
