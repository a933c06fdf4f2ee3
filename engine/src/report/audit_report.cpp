#include "parkcap/report/audit_report.hpp"

#include <span>

#include "audit_styles.hpp"
#include "audit_tables.hpp"
#include "parkcap/report/table_writer.hpp"
#include "table.hpp"

namespace parkcap::report {

using detail::AuditTables;

namespace {
constexpr const char* kRunInfo = "How this audit was made: date, rules, CRS, record counts";
}  // namespace

void write_audit_gpkg(const std::string& path, const City& city, const audit::Audit& audit, const rules::Rules& rules,
                      const ProgressFn& progress) {
    const AuditTables tables{city, audit, rules};
    GpkgWriter out(path, city.crs.epsg);
    tables.parcel_flags(out.add_layer("parcel_flags", GeometryType::MultiPolygon, AuditTables::parcel_flags_fields(),
                                      "Every parcel with its audit flags, reasons and disposals"),
                        progress);
    tables.park_capacity(out.add_layer("park_capacity", GeometryType::MultiPolygon, AuditTables::park_capacity_fields(),
                                       "Each park's land by status, stock, idle and reclaimable land, 亩均 figures"));
    tables.shoreline_use(out.add_layer("shoreline_use", GeometryType::MultiLineString, AuditTables::shoreline_use_fields(),
                                       "Shoreline by function zone; port shoreline developed or not"));
    tables.district_summary(out.add_layer("district_summary", GeometryType::MultiPolygon,
                                          AuditTables::district_summary_fields(),
                                          "Each district's land, stock and quota earned under 增存挂钩"));
    tables.flag_details(out.add_layer("flag_details", GeometryType::None, AuditTables::flag_details_fields(),
                                      "One row per flag, with the figures the reason quotes"));
    detail::add_tables(out, {detail::filled(detail::rejects_table(), std::span<const Issue>(city.report.issues)),
                             detail::filled(detail::run_info_table(kRunInfo), tables.run_info())});
    detail::store_audit_styles(out);
    out.commit();
}

void write_audit_csv(const std::string& dir, const City& city, const audit::Audit& audit, const rules::Rules& rules) {
    const AuditTables tables{city, audit, rules};
    auto write = [&](const char* name, const std::vector<FieldDef>& fields, auto&& fill) {
        CsvWriter csv(dir, name, fields);
        fill(csv);
        csv.commit();
    };
    write("parcel_flags", AuditTables::parcel_flags_fields(), [&](RowSink& s) { tables.parcel_flags(s, {}); });
    write("park_capacity", AuditTables::park_capacity_fields(), [&](RowSink& s) { tables.park_capacity(s); });
    write("shoreline_use", AuditTables::shoreline_use_fields(), [&](RowSink& s) { tables.shoreline_use(s); });
    write("district_summary", AuditTables::district_summary_fields(), [&](RowSink& s) { tables.district_summary(s); });
    write("flag_details", AuditTables::flag_details_fields(), [&](RowSink& s) { tables.flag_details(s); });
    detail::write_csv_tables(dir, {detail::filled(detail::rejects_table(), std::span<const Issue>(city.report.issues)),
                                   detail::filled(detail::run_info_table(kRunInfo), tables.run_info())});
}

}  // namespace parkcap::report
