#include "audit_styles.hpp"

#include "parkcap/report/qgis_style.hpp"

namespace parkcap::report::detail {

void store_audit_styles(GpkgWriter& out) {
    const std::vector<FillCategory> classes = {
        {"IDLE_TAKEBACK", {165, 0, 38, 255}, "闲置满两年（收回）", "idle ≥ 2 years (take back)"},
        {"IDLE_FEE", {215, 48, 39, 255}, "闲置满一年（闲置费）", "idle 1–2 years (fee)"},
        {"IDLE_SUSPECT", {244, 165, 130, 255}, "疑似闲置", "suspected idle"},
        {"CHEM_NEAR_SHORE", {122, 1, 119, 255}, "化工企业临江", "chemicals near the river"},
        {"CHEM_OUTSIDE_PARK", {197, 27, 138, 255}, "化工企业在园区外", "chemicals outside chem park"},
        {"PHASE_OUT", {117, 107, 177, 255}, "淘汰类产业", "phase-out industry"},
        {"APPROVED_UNSUPPLIED", {254, 217, 38, 255}, "批而未供", "approved, not supplied"},
        {"SUPPLIED_UNUSED", {255, 247, 143, 255}, "供而未用", "supplied, not used"},
        {"LOW_FAR", {241, 105, 19, 255}, "容积率不达标", "FAR below minimum"},
        {"LOW_COVERAGE", {253, 141, 60, 255}, "建筑系数不达标", "coverage below minimum"},
        {"LOW_INVESTMENT", {253, 174, 107, 255}, "投资强度不达标", "investment below minimum"},
        {"LOW_TAX", {253, 208, 162, 255}, "亩均税收不达标", "tax per mu below floor"},
        {"RESERVE", {65, 171, 93, 255}, "储备地（可供）", "reserve land (supply-ready)"},
        {"PLANNED", {158, 202, 225, 255}, "规划用地（需指标）", "planned land (needs quota)"},
        {"BUILDING", {189, 189, 189, 255}, "在建", "under construction"},
        {"BUILT", {224, 224, 224, 255}, "建成", "built"},
    };
    store_style(out, categorized_fill("parcel_flags", "map_class", classes,
                                      {"", {240, 240, 240, 255}, "其他", "other"}, {{90, 90, 90, 255}, 0.1}));
    LabelStyle park_labels;
    park_labels.field = "name";
    park_labels.size_pt = 12;
    store_style(out, labeled_fill("park_capacity", {49, 130, 189, 40}, {{8, 81, 156, 255}, 0.8}, park_labels));
    store_style(out, categorized_line("shoreline_use", "use",
                                      {{"port_undeveloped", {227, 26, 28, 255}, 1.4, "宜港岸线（未开发）", "port shoreline, undeveloped"},
                                       {"port_partly", {253, 141, 60, 255}, 1.2, "宜港岸线（部分开发）", "port shoreline, partly developed"},
                                       {"port_developed", {33, 113, 181, 255}, 1.2, "宜港岸线（已开发）", "port shoreline, developed"}},
                                      {"", {150, 150, 150, 255}, 0.6, "非宜港岸线", "not port shoreline"}));
    LabelStyle district_labels;
    district_labels.field = "name";
    store_style(out, labeled_fill("district_summary", {0, 0, 0, 0}, {{80, 80, 80, 255}, 0.6}, district_labels));
}

}  // namespace parkcap::report::detail
