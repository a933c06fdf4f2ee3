#include "parkcap/report/plan_report.hpp"

#include "plan_styles.hpp"
#include "plan_tables.hpp"
#include "parkcap/report/table_writer.hpp"

namespace parkcap::report {

using detail::PlanTables;

void write_plan_gpkg(const std::string& path, const City& city, const allocate::Plan& plan, const rules::Rules& rules) {
    const PlanTables t(city, plan, rules);
    GpkgWriter out(path, city.crs.epsg);
    t.allocation(out.add_layer("allocation", GeometryType::MultiPolygon, t.allocation_fields(),
                               "Each placed project on its site, with origin, host, quota source and score terms"));
    t.flows(out.add_layer("flows", GeometryType::LineString, PlanTables::flows_fields(),
                          "Enclave (飞地) flows from the origin district's centre to the host park"));
    t.quota_ledger(out.add_layer("quota_ledger", GeometryType::MultiPolygon, PlanTables::quota_ledger_fields(),
                                 "Each district's quota: opening + earned − consumed = remaining"));
    t.refused(out.add_layer("refused", GeometryType::None, PlanTables::refused_fields(), "Refused projects and why"));
    t.unplaced(out.add_layer("unplaced", GeometryType::None, PlanTables::unplaced_fields(),
                             "Projects not refused that got no land, with the binding reason"));
    t.sites(out.add_layer("sites", GeometryType::MultiPolygon, PlanTables::sites_fields(),
                          "Sites: available parcels of one park and kind, merged"));
    t.run_info(out.add_layer("run_info", GeometryType::None, PlanTables::run_info_fields(), "How this plan was made"));
    detail::store_plan_styles(out);
    out.commit();
}

void write_plan_csv(const std::string& dir, const City& city, const allocate::Plan& plan, const rules::Rules& rules) {
    const PlanTables t(city, plan, rules);
    auto write = [&](const char* name, const std::vector<FieldDef>& fields, auto&& fill) {
        CsvWriter csv(dir, name, fields);
        fill(csv);
        csv.commit();
    };
    write("allocation", t.allocation_fields(), [&](RowSink& s) { t.allocation(s); });
    write("flows", PlanTables::flows_fields(), [&](RowSink& s) { t.flows(s); });
    write("quota_ledger", PlanTables::quota_ledger_fields(), [&](RowSink& s) { t.quota_ledger(s); });
    write("refused", PlanTables::refused_fields(), [&](RowSink& s) { t.refused(s); });
    write("unplaced", PlanTables::unplaced_fields(), [&](RowSink& s) { t.unplaced(s); });
    write("sites", PlanTables::sites_fields(), [&](RowSink& s) { t.sites(s); });
    write("run_info", PlanTables::run_info_fields(), [&](RowSink& s) { t.run_info(s); });
}

}  // namespace parkcap::report
