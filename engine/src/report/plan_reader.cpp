#include "parkcap/report/plan_reader.hpp"

#include <fmt/format.h>

#include "parkcap/core/error.hpp"
#include "plan_tables.hpp"
#include "table_reader.hpp"

namespace parkcap::report {

allocate::Overrides read_plan_pins(const std::string& path, std::vector<std::string>* planner_pinned) {
    detail::GpkgReader file(path, "a PLAN.gpkg written by `parkcap plan` or the viewer",
                            "write plans with `parkcap plan` or the viewer");
    detail::LayerReader allocation = file.layer(detail::allocation_table().schema());
    const int project = allocation.field("project_id"), site = allocation.field("site_id");
    const int pinned = allocation.field_if_present("pinned");
    allocate::Overrides ov;
    allocation.for_each([&](const detail::FeatureRow& f) {
        allocate::Overrides::Pin pin;
        pin.project = f.text(project);
        pin.site = f.text(site);
        if (pin.project.empty() || pin.site.empty())
            throw DataError(fmt::format("{}: allocation feature {}: project_id and site_id must both be set", path, f.fid()));
        if (planner_pinned && f.integer(pinned).value_or(0) != 0) planner_pinned->push_back(pin.project);
        ov.pins.push_back(std::move(pin));
    });
    return ov;
}

}  // namespace parkcap::report
