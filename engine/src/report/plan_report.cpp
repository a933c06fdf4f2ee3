#include "parkcap/report/plan_report.hpp"

#include "plan_styles.hpp"
#include "plan_tables.hpp"
#include "parkcap/report/table_writer.hpp"

namespace parkcap::report {

void write_plan_gpkg(const std::string& path, const City& city, const allocate::Plan& plan, const rules::Rules& rules) {
    const detail::PlanContext cx(city, plan, rules);
    GpkgWriter out(path, city.crs.epsg);
    detail::add_tables(out, detail::plan_tables(cx));
    detail::store_plan_styles(out);
    out.commit();
}

void write_plan_csv(const std::string& dir, const City& city, const allocate::Plan& plan, const rules::Rules& rules) {
    const detail::PlanContext cx(city, plan, rules);
    detail::write_csv_tables(dir, detail::plan_tables(cx));
}

void write_plan_tables(TableDestination& out, const City& city, const allocate::Plan& plan, const rules::Rules& rules) {
    const detail::PlanContext cx(city, plan, rules);
    for (const auto& t : detail::plan_tables(cx)) t.fill(out.add_table(t.schema));
}

}  // namespace parkcap::report
