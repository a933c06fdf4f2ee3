#include "parkcap/report/audit_report.hpp"

#include "audit_styles.hpp"
#include "audit_tables.hpp"
#include "parkcap/report/table_writer.hpp"

namespace parkcap::report {

void write_audit_gpkg(const std::string& path, const City& city, const audit::Audit& audit, const rules::Rules& rules,
                      const ProgressFn& progress, const std::vector<audit::ReviewRow>* review) {
    const detail::AuditContext cx{city, audit, rules, review};
    GpkgWriter out(path, city.crs.epsg, city.parcels.size());
    detail::add_tables(out, detail::audit_tables(cx, progress));
    detail::store_audit_styles(out);
    out.commit();
}

void write_audit_csv(const std::string& dir, const City& city, const audit::Audit& audit, const rules::Rules& rules,
                     const std::vector<audit::ReviewRow>* review) {
    const detail::AuditContext cx{city, audit, rules, review};
    detail::write_csv_tables(dir, detail::audit_tables(cx, {}));
}

void write_audit_tables(TableDestination& out, const City& city, const audit::Audit& audit, const rules::Rules& rules,
                        const std::vector<audit::ReviewRow>* review) {
    const detail::AuditContext cx{city, audit, rules, review};
    for (const auto& t : detail::audit_tables(cx, {})) t.fill(out.add_table(t.schema));
}

}  // namespace parkcap::report
