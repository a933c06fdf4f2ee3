#pragma once
// Reading a PLAN.gpkg back as pins, so an edited plan saved by the viewer (or a
// plan the bureau signed off) can be reopened: allocating again with every
// placement pinned reproduces it. It reads the allocation layer write_plan_gpkg
// writes, through the same table declaration.
#include <string>
#include <vector>

#include "parkcap/allocate/allocate.hpp"

namespace parkcap::report {

/// The placements of PLAN.gpkg's `allocation` layer as overrides: one site pin per
/// row, in file order. `planner_pinned`, when given, receives the project ids whose
/// row had pinned = 1 (the planner's decisions, as opposed to the optimiser's
/// choices). Throws InputError when the file cannot be opened, DataError when it has
/// no allocation layer or the layer lacks project_id / site_id.
allocate::Overrides read_plan_pins(const std::string& path, std::vector<std::string>* planner_pinned = nullptr);

}  // namespace parkcap::report
