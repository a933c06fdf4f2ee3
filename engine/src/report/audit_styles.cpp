#include "audit_styles.hpp"

#include "audit_tables.hpp"
#include "parkcap/audit/flags.hpp"
#include "parkcap/report/qgis_style.hpp"

namespace parkcap::report::detail {

// Layers and fields come from the tables' schemas, so a renamed column cannot leave
// a style pointing at nothing; parcel classes, colours and legends come from the
// flag catalogue, so QGIS and the viewer draw every parcel alike.
void store_audit_styles(GpkgWriter& out) {
    const TableSchema& parcels = parcel_flags_table().schema();
    const TableSchema& parks = park_capacity_table().schema();
    const TableSchema& shore = shoreline_use_table().schema();
    const TableSchema& districts = district_summary_table().schema();

    // The last class, OTHER, is QGIS's class for every other value.
    std::vector<FillCategory> classes;
    const audit::MapClassInfo& other = audit::kMapClasses.back();
    for (const audit::MapClassInfo& c : audit::kMapClasses)
        if (&c != &other) classes.push_back({c.name, rgba_of(c.colour), c.title.zh, c.title.en});
    store_style(out, categorized_fill(parcels.name, parcels.field("map_class"), classes,
                                      {"", rgba_of(other.colour), other.title.zh, other.title.en}, {{90, 90, 90, 255}, 0.1}));
    LabelStyle park_labels;
    park_labels.field = parks.field("name");
    park_labels.size_pt = 12;
    store_style(out, labeled_fill(parks.name, {49, 130, 189, 40}, {{8, 81, 156, 255}, 0.8}, park_labels));
    store_style(out, categorized_line(shore.name, shore.field("use"),
                                      {{"port_undeveloped", {227, 26, 28, 255}, 1.4, "宜港岸线（未开发）", "port shoreline, undeveloped"},
                                       {"port_partly", {253, 141, 60, 255}, 1.2, "宜港岸线（部分开发）", "port shoreline, partly developed"},
                                       {"port_developed", {33, 113, 181, 255}, 1.2, "宜港岸线（已开发）", "port shoreline, developed"}},
                                      {"", {150, 150, 150, 255}, 0.6, "非宜港岸线", "not port shoreline"}));
    LabelStyle district_labels;
    district_labels.field = districts.field("name");
    store_style(out, labeled_fill(districts.name, {0, 0, 0, 0}, {{80, 80, 80, 255}, 0.6}, district_labels));
    // Early warnings by kind, the nearer the loss the hotter the colour.
    const TableSchema& warnings = early_warnings_table().schema();
    store_style(out, categorized_fill(warnings.name, warnings.field("kind"),
                                      {{"BECOMES_TAKEBACK", {215, 25, 28, 255}, "将达无偿收回期限", "reaching the take-back stage"},
                                       {"BECOMES_IDLE", {253, 174, 97, 255}, "将构成闲置", "becoming idle land"},
                                       {"START_DUE", {255, 255, 153, 255}, "约定动工日期将至", "agreed construction start due"},
                                       {"APPROVAL_LAPSES", {171, 130, 255, 255}, "批准将失效", "approval about to lapse"}},
                                      {"", {200, 200, 200, 255}, "其他", "other"}, {{90, 90, 90, 255}, 0.3}));
}

}  // namespace parkcap::report::detail
