#pragma once
#include "parkcap/report/table_writer.hpp"

namespace parkcap::report::detail {
/// QGIS styles of the plan layers: placements by land kind, flows as arrows sized
/// by area, the quota ledger by what is left, sites by kind.
void store_plan_styles(GpkgWriter& out);
}  // namespace parkcap::report::detail
