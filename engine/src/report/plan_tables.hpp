#pragma once
// Internal: the plan's tables, each written by one function into any RowSink.
#include <vector>

#include "parkcap/allocate/allocate.hpp"
#include "parkcap/report/table_writer.hpp"

namespace parkcap::report::detail {

struct PlanTables {
    const City& city;
    const allocate::Plan& plan;
    const rules::Rules& rules;
    geom::MultiPolygonColumn site_shapes;  ///< feature i = plan.sites[i]

    PlanTables(const City& c, const allocate::Plan& p, const rules::Rules& r);

    std::vector<FieldDef> allocation_fields() const;
    static std::vector<FieldDef> flows_fields();
    static std::vector<FieldDef> quota_ledger_fields();
    static std::vector<FieldDef> refused_fields();
    static std::vector<FieldDef> unplaced_fields();
    static std::vector<FieldDef> sites_fields();
    static std::vector<FieldDef> run_info_fields();

    void allocation(RowSink& s) const;
    void flows(RowSink& s) const;
    void quota_ledger(RowSink& s) const;
    void refused(RowSink& s) const;
    void unplaced(RowSink& s) const;
    void sites(RowSink& s) const;
    void run_info(RowSink& s) const;
};

}  // namespace parkcap::report::detail
