#include "plan_styles.hpp"

#include <fmt/format.h>

#include "parkcap/allocate/codes.hpp"
#include "parkcap/report/qgis_style.hpp"
#include "plan_tables.hpp"

namespace parkcap::report::detail {

// Layers and fields come from the tables' schemas, so a renamed column cannot leave
// a style pointing at nothing.
void store_plan_styles(GpkgWriter& out) {
    const TableSchema& allocation = allocation_table().schema();
    const TableSchema& flow = flows_table().schema();
    const TableSchema& ledger = quota_ledger_table().schema();
    const TableSchema& sites = sites_table().schema();
    LabelStyle project_labels;
    project_labels.field = allocation.field("name");
    project_labels.size_pt = 8;
    // Placements and sites coloured by their land's kind, from the catalogue.
    std::vector<FillCategory> placed, offered;
    for (const auto& k : allocate::kSiteKindCatalogue) {
        placed.push_back({k.name, k.placed_colour, k.placed_zh, k.placed_en});
        offered.push_back({k.name, k.site_colour, k.site_zh, k.site_en});
    }
    store_style(out, categorized_fill(allocation.name, allocation.field("kind"), placed, {"", {150, 150, 150, 200}, "其他", "other"},
                                      {{20, 20, 20, 255}, 0.3}, project_labels));
    FlowStyle flows;
    flows.color = {230, 85, 13, 220};
    flows.width_expression = fmt::format("0.5 + \"{}\" / 100.0", flow.field("area_mu"));
    store_style(out, flow_lines(flow.name, flows));
    store_style(out, graduated_fill(ledger.name, ledger.field("remaining"),
                                    {{-1e-6, 1e-6, {222, 45, 38, 160}, "指标用尽", "quota spent"},
                                     {1e-6, 50, {252, 174, 145, 160}, "剩余 < 50 亩", "under 50 mu left"},
                                     {50, 200, {254, 229, 217, 160}, "剩余 50–200 亩", "50–200 mu left"},
                                     {200, 1e12, {240, 249, 232, 160}, "剩余 ≥ 200 亩", "200 mu or more left"}},
                                    {{80, 80, 80, 255}, 0.6}));
    store_style(out, categorized_fill(sites.name, sites.field("kind"), offered, {"", {200, 200, 200, 120}, "其他", "other"},
                                      {{60, 60, 60, 255}, 0.4}));
}

}  // namespace parkcap::report::detail
