#pragma once
// Internal: the audit's tables, each written by one function into any RowSink
// (a GeoPackage layer or a CSV file), so the two outputs cannot drift apart.
#include <vector>

#include "parkcap/audit/audit.hpp"
#include "parkcap/report/table_writer.hpp"
#include "table.hpp"

namespace parkcap::report::detail {

struct AuditTables {
    const City& city;
    const audit::Audit& audit;
    const rules::Rules& rules;

    static std::vector<FieldDef> parcel_flags_fields();
    static std::vector<FieldDef> flag_details_fields();
    static std::vector<FieldDef> park_capacity_fields();
    static std::vector<FieldDef> district_summary_fields();
    static std::vector<FieldDef> shoreline_use_fields();

    void parcel_flags(RowSink& sink, const ProgressFn& progress) const;
    void flag_details(RowSink& sink) const;
    void park_capacity(RowSink& sink) const;
    void district_summary(RowSink& sink) const;
    void shoreline_use(RowSink& sink) const;
    /// The run_info rows (the table is report/table.hpp's run_info_table).
    std::vector<KeyValue> run_info() const;
};

}  // namespace parkcap::report::detail
