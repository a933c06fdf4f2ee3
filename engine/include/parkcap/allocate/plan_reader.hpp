#pragma once
// Reading a PLAN.gpkg back as pins, so an edited plan saved by the viewer (or a
// plan the bureau signed off) can be reopened: allocating again with every
// placement pinned reproduces it.
#include <string>

#include "parkcap/allocate/allocate.hpp"

namespace parkcap::allocate {

/// The placements of PLAN.gpkg's `allocation` layer (written by
/// report::write_plan_gpkg) as overrides: one site pin per row, in file order.
/// `planner_pinned`, when given, receives the project ids whose row had
/// pinned = 1 (the planner's decisions, as opposed to the optimiser's choices).
/// Throws InputError when the file cannot be opened, DataError when it has no
/// allocation layer or the layer lacks project_id / site_id.
Overrides read_plan_pins(const std::string& path, std::vector<std::string>* planner_pinned = nullptr);

}  // namespace parkcap::allocate
