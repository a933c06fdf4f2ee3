#include "panels.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include <fmt/format.h>
#include <GLFW/glfw3.h>
#include <imgui_internal.h>

#include "canvas.hpp"
#include "flow_table.hpp"
#include "editing.hpp"
#include "parkcap/core/units.hpp"
#include "scene.hpp"
#include "store_link.hpp"
#include "styling.hpp"
#include "text.hpp"

namespace parkcap::viewer {

using text::tr;

namespace {

bool zh() { return text::language() == Lang::Zh; }

const char* unplaced_title(allocate::UnplacedCode c) { return zh() ? allocate::info(c).title_zh : allocate::info(c).title_en; }

const char* site_kind_name(allocate::SiteKind k) { return zh() ? allocate::info(k).title_zh : allocate::info(k).title_en; }

std::string date_text(Date d) { return d ? d.iso() : "–"; }

std::string value_text(double v, int decimals = 2) { return std::isnan(v) ? std::string("–") : text::number(v, decimals); }

/// A row of the inspector's two-column property table.
void prop(const char* name, const std::string& value) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextDisabled("%s", name);
    ImGui::TableSetColumnIndex(1);
    ImGui::TextWrapped("%s", value.c_str());
}

bool begin_props(const char* id) {
    return ImGui::BeginTable(id, 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp);
}

/// A horizontal bar in a table cell: `value` of `full`, with the figure written on it.
void bar_cell(double value_m2, double full_m2, ImU32 colour) {
    const float w = ImGui::GetContentRegionAvail().x, h = ImGui::GetTextLineHeight();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float f = full_m2 > 0 ? static_cast<float>(std::clamp(value_m2 / full_m2, 0.0, 1.0)) : 0.f;
    dl->AddRectFilled(p, {p.x + w, p.y + h}, IM_COL32(230, 230, 230, 255));
    dl->AddRectFilled(p, {p.x + w * f, p.y + h}, colour);
    const std::string label = text::number(units::m2_to_mu(value_m2), 0);
    dl->AddText({p.x + 3, p.y}, IM_COL32(20, 20, 20, 255), label.c_str());
    ImGui::Dummy({w, h});
}

void legend_table(AppState& app) {
    const auto entries = legend(*app.scene, app.style.colour_by, app.ui.lang);
    if (!ImGui::BeginTable("legend", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn(tr("Class", "类别"));
    ImGui::TableSetupColumn(tr("Parcels", "宗数"));
    ImGui::TableSetupColumn(tr("Area (mu)", "面积（亩）"));
    ImGui::TableHeadersRow();
    for (const auto& e : entries) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::ColorButton(("##" + e.key).c_str(), ImGui::ColorConvertU32ToFloat4(e.colour), ImGuiColorEditFlags_NoTooltip,
                           {ImGui::GetTextLineHeight(), ImGui::GetTextLineHeight()});
        ImGui::SameLine();
        ImGui::TextUnformatted(e.label.c_str());
        ImGui::TableSetColumnIndex(1);
        ImGui::Text("%s", text::number(static_cast<double>(e.parcels)).c_str());
        ImGui::TableSetColumnIndex(2);
        ImGui::Text("%s", text::number(units::m2_to_mu(e.area_m2)).c_str());
    }
    ImGui::EndTable();
}

void layers_tab(AppState& app) {
    Style& st = app.style;
    ImGui::TextDisabled("%s", tr("Fill parcels by", "地块着色"));
    int mode = static_cast<int>(st.colour_by);
    bool changed = ImGui::RadioButton(tr("Audit findings", "清查问题"), &mode, static_cast<int>(ColourBy::Flag));
    ImGui::SameLine();
    changed |= ImGui::RadioButton(tr("Status", "土地状态"), &mode, static_cast<int>(ColourBy::Status));
    ImGui::SameLine();
    changed |= ImGui::RadioButton(tr("Mu class", "亩均分类"), &mode, static_cast<int>(ColourBy::MujunClass));
    if (app.scene->since) {
        ImGui::SameLine();
        changed |= ImGui::RadioButton(tr("Changes", "变化"), &mode, static_cast<int>(ColourBy::Changes));
    }
    if (changed) {
        st.colour_by = static_cast<ColourBy>(mode);
        st.colours_dirty = true;
    }
    legend_table(app);
    ImGui::Separator();
    ImGui::TextDisabled("%s", tr("Layers", "图层"));
    LayerVisibility& v = st.show;
    bool states = false;
    ImGui::Checkbox(tr("Parcels", "地块"), &v.parcels);
    ImGui::SameLine(ImGui::GetContentRegionAvail().x * 0.5f);
    ImGui::Checkbox(tr("Parcel outlines", "地块边线"), &v.outlines);
    ImGui::Checkbox(tr("Park boundaries", "园区边界"), &v.parks);
    ImGui::SameLine(ImGui::GetContentRegionAvail().x * 0.5f);
    ImGui::Checkbox(tr("Park names", "园区名称"), &v.labels);
    ImGui::Checkbox(tr("Shoreline", "长江岸线"), &v.shoreline);
    ImGui::SameLine(ImGui::GetContentRegionAvail().x * 0.5f);
    states |= ImGui::Checkbox(tr("Sites", "可供场地"), &v.sites);
    ImGui::Checkbox(tr("Enclave flows", "飞地流向"), &v.flows);
    ImGui::SameLine(ImGui::GetContentRegionAvail().x * 0.5f);
    ImGui::Checkbox(tr("District lines", "区县界线"), &v.districts);
    ImGui::Checkbox(tr("Scale bar, north", "比例尺、指北针"), &v.scalebar);
    ImGui::SameLine(ImGui::GetContentRegionAvail().x * 0.5f);
    ImGui::Checkbox(tr("Map legend", "地图图例"), &v.legend);
    if (states) st.states_dirty = true;
    ImGui::SliderFloat(tr("Fill opacity", "填充不透明度"), &st.fill_opacity, 0.2f, 1.0f, "%.2f");
    int width_by = static_cast<int>(st.flow_width_by);
    ImGui::TextDisabled("%s", tr("Flow width by", "流向线宽依据"));
    ImGui::SameLine();
    ImGui::RadioButton(tr("area", "面积"), &width_by, 0);
    ImGui::SameLine();
    ImGui::RadioButton(tr("investment", "投资"), &width_by, 1);
    st.flow_width_by = static_cast<FlowWidthBy>(width_by);
    const Scene& sc = *app.scene;
    if (!sc.flows.empty()) {
        const std::string all = tr("all districts", "全部区县");
        const std::string current = st.flows_from < 0 ? all
                                                       : sc.city.districts[static_cast<std::size_t>(st.flows_from)].code + " " +
                                                             sc.city.districts[static_cast<std::size_t>(st.flows_from)].name;
        if (ImGui::BeginCombo(tr("Flows from", "流向来源"), current.c_str())) {
            if (ImGui::Selectable(all.c_str(), st.flows_from < 0)) st.flows_from = -1;
            for (std::size_t d = 0; d < sc.city.districts.size(); ++d) {
                const std::string label = sc.city.districts[d].code + " " + sc.city.districts[d].name;
                if (ImGui::Selectable(label.c_str(), st.flows_from == static_cast<int32_t>(d))) st.flows_from = static_cast<int32_t>(d);
            }
            ImGui::EndCombo();
        }
    }
    if (!sc.flows.empty() && ImGui::TreeNode(tr("Flows", "飞地流向明细"))) {
        for (const auto& f : sc.flows) {
            ImGui::ColorButton("##flow", ImGui::ColorConvertU32ToFloat4(f.colour), ImGuiColorEditFlags_NoTooltip,
                               {ImGui::GetTextLineHeight(), ImGui::GetTextLineHeight()});
            ImGui::SameLine();
            const auto& e = f.engine;
            ImGui::Text("%s → %s: %u %s, %s %s, %s %s (%s)", flow_origin_text(sc, e).c_str(),
                        sc.city.parks[e.park].park_id.c_str(), e.count, tr("projects", "个项目"), text::number(e.area_mu, 1).c_str(),
                        tr("mu", "亩"), text::number(e.investment_wan, 0).c_str(), tr("10k CNY", "万元"),
                        sector_name(f.sector, app.ui.lang));
        }
        ImGui::TreePop();
    }
}

void parks_tab(AppState& app) {
    const Scene& s = *app.scene;
    ImGui::TextWrapped("%s", tr("Bars: share of each park's parcel area, in mu. Used = building + built; stock = approved, "
                                "reserve and idle land to take back (no new quota); planned needs new quota; allocated = "
                                "land placements take in the plan.",
                                "条形为占园区地块总面积的比例，数字单位为亩。已用＝在建＋建成；存量＝批而未供、储备及应收回闲置地"
                                "（不占新增指标）；规划＝需新增指标；已安排＝方案中项目占用。"));
    std::vector<double> allocated(s.city.parks.size(), 0);
    if (s.has_plan)
        for (const auto& pl : s.plan.state.placements) allocated[s.plan.sites[pl.site].park] += units::mu_to_m2(pl.area_mu);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_Resizable;
    if (!ImGui::BeginTable("parks", 6, flags, ImGui::GetContentRegionAvail())) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr("Park", "园区"), ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableSetupColumn(tr("Used", "已用"), 0, 1);
    ImGui::TableSetupColumn(tr("Stock", "存量"), 0, 1);
    ImGui::TableSetupColumn(tr("Idle", "闲置"), 0, 1);
    ImGui::TableSetupColumn(tr("Planned", "规划"), 0, 1);
    ImGui::TableSetupColumn(tr("Allocated", "已安排"), 0, 1);
    ImGui::TableHeadersRow();
    for (std::size_t p = 0; p < s.city.parks.size(); ++p) {
        const auto& c = s.audit.parks[p];
        const Park& park = s.city.parks[p];
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        const bool selected = app.selection.park == static_cast<int32_t>(p);
        const std::string label = fmt::format("{}##park{}", park.name.empty() ? park.park_id : park.name, p);
        if (ImGui::Selectable(label.c_str(), selected, ImGuiSelectableFlags_AllowDoubleClick)) {
            select_park(app, static_cast<int32_t>(p));
            if (ImGui::IsMouseDoubleClicked(0)) zoom_to_park(app, static_cast<int32_t>(p));
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s · %s", park.park_id.c_str(), tr("double-click to zoom", "双击定位"));
        const double full = c.parcel_area_m2;
        ImGui::TableSetColumnIndex(1);
        bar_cell(c.area_by_status_m2[static_cast<int>(Status::Building)] + c.area_by_status_m2[static_cast<int>(Status::Built)],
                 full, rgb(0xa7b2bd));
        ImGui::TableSetColumnIndex(2);
        bar_cell(c.supply_ready_m2, full, rgb(0xf4a259));
        ImGui::TableSetColumnIndex(3);
        bar_cell(c.idle_m2, full, flag_colour(audit::FlagCode::IdleTakeback));
        ImGui::TableSetColumnIndex(4);
        bar_cell(c.planned_m2, full, rgb(0xf2e394));
        ImGui::TableSetColumnIndex(5);
        bar_cell(allocated[p], full, rgb(0x1b7837));
    }
    ImGui::EndTable();
}

void quota_tab(AppState& app) {
    const Scene& s = *app.scene;
    if (!s.has_plan) {
        ImGui::TextDisabled("%s", tr("No plan (--no-plan)", "未计算方案（--no-plan）"));
        return;
    }
    ImGui::TextWrapped("%s", tr("New construction-land quota per district, in mu: opening + earned by disposing of stock "
                                "(增存挂钩) − consumed by placements on planned land.",
                                "各区县新增建设用地指标（亩）：期初＋盘活存量挂钩奖励−规划新增用地项目消耗。"));
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp |
                                  ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable("ledger", 6, flags, ImGui::GetContentRegionAvail())) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr("District", "区县"), 0, 1.6f);
    ImGui::TableSetupColumn(tr("Opening", "期初"), 0, 1);
    ImGui::TableSetupColumn(tr("Earned", "挂钩奖励"), 0, 1);
    ImGui::TableSetupColumn(tr("Used", "已用"), 0, 1);
    ImGui::TableSetupColumn(tr("Enclave", "其中飞地"), 0, 1);
    ImGui::TableSetupColumn(tr("Left", "剩余"), 0, 1.6f);
    ImGui::TableHeadersRow();
    allocate::LedgerRow total;
    for (const auto& row : s.plan.state.ledger) {
        const District& d = s.city.districts[row.district];
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::Text("%s %s", d.code.c_str(), d.name.c_str());
        ImGui::TableSetColumnIndex(1);
        ImGui::Text("%s", text::number(row.opening_mu, 1).c_str());
        ImGui::TableSetColumnIndex(2);
        ImGui::Text("%s", text::number(row.earned_mu(), 1).c_str());
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s %s + %s %s", tr("earned before", "往期挣得"), text::number(row.earned_before_mu, 1).c_str(),
                              tr("earned by this plan's disposal of stock land", "本方案盘活存量挣得"),
                              text::number(row.earned_plan_mu, 1).c_str());
        ImGui::TableSetColumnIndex(3);
        ImGui::Text("%s", text::number(row.consumed_mu, 1).c_str());
        ImGui::TableSetColumnIndex(4);
        ImGui::Text("%s", text::number(row.consumed_enclave_mu, 1).c_str());
        ImGui::TableSetColumnIndex(5);
        const double full = row.available_mu();
        const float f = full > 0 ? static_cast<float>(std::clamp(row.remaining_mu() / full, 0.0, 1.0)) : 0.f;
        ImGui::PushStyleColor(ImGuiCol_PlotHistogram, f < 0.15f ? ImVec4(0.8f, 0.2f, 0.15f, 1) : ImVec4(0.2f, 0.55f, 0.3f, 1));
        ImGui::ProgressBar(f, {-1, 0}, text::number(row.remaining_mu(), 1).c_str());
        ImGui::PopStyleColor();
        total.opening_mu += row.opening_mu;
        total.earned_before_mu += row.earned_before_mu;
        total.earned_plan_mu += row.earned_plan_mu;
        total.consumed_mu += row.consumed_mu;
        total.consumed_enclave_mu += row.consumed_enclave_mu;
    }
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted(tr("Total", "合计"));
    ImGui::TableSetColumnIndex(1);
    ImGui::Text("%s", text::number(total.opening_mu, 1).c_str());
    ImGui::TableSetColumnIndex(2);
    ImGui::Text("%s", text::number(total.earned_mu(), 1).c_str());
    ImGui::TableSetColumnIndex(3);
    ImGui::Text("%s", text::number(total.consumed_mu, 1).c_str());
    ImGui::TableSetColumnIndex(4);
    ImGui::Text("%s", text::number(total.consumed_enclave_mu, 1).c_str());
    ImGui::TableSetColumnIndex(5);
    ImGui::Text("%s", text::number(total.remaining_mu(), 1).c_str());
    ImGui::EndTable();
}

/// "placed in P1", "refused: LOW_TAX", "unplaced: NO_QUOTA" in the interface language.
std::string project_state(const Scene& s, std::size_t j) {
    if (!s.has_plan) return "";
    if (const auto idx = s.plan.state.placement_of[j]) {
        const auto& pl = s.plan.state.placements[*idx];
        return fmt::format("{}{} {}{}", pl.pinned ? tr("pinned, ", "锁定，") : "", tr("in", "落于"), s.city.parks[s.plan.sites[pl.site].park].park_id,
                           pl.enclave ? tr(" (enclave)", "（飞地）") : "");
    }
    if (!s.plan.refusals[j].empty())
        return fmt::format("{} {}", tr("refused", "否决"), allocate::code_name(s.plan.refusals[j].front().code));
    const allocate::UnplacedCode code = s.plan.state.unplaced[j].code();
    if (code == allocate::UnplacedCode::Removed) return tr("removed by planner", "人工撤销");
    return fmt::format("{} {}", tr("unplaced", "未落地"), allocate::code_name(code));
}

void projects_tab(AppState& app) {
    const Scene& s = *app.scene;
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##search", tr("search id, name or industry", "搜索编号、名称或产业代码"), app.ui.project_search,
                             sizeof app.ui.project_search);
    int filter = static_cast<int>(app.ui.project_filter);
    const char* names[] = {tr("All", "全部"), tr("Placed", "已落地"), tr("Refused", "否决"), tr("Unplaced", "未落地"),
                           tr("Enclave", "飞地")};
    for (int i = 0; i < 5; ++i) {
        if (i) ImGui::SameLine();
        ImGui::RadioButton(names[i], &filter, i);
    }
    app.ui.project_filter = static_cast<ProjectFilter>(filter);
    const std::string needle = app.ui.project_search;
    std::vector<int> rows;
    for (std::size_t j = 0; j < s.city.projects.size(); ++j) {
        const Project& p = s.city.projects[j];
        if (!needle.empty() && p.project_id.find(needle) == std::string::npos && p.name.find(needle) == std::string::npos &&
            p.industry.find(needle) == std::string::npos)
            continue;
        const bool placed = s.has_plan && s.plan.state.placement_of[j].has_value();
        const bool refused = s.has_plan && !s.plan.refusals[j].empty();
        const bool enclave = placed && s.plan.state.placements[*s.plan.state.placement_of[j]].enclave;
        switch (app.ui.project_filter) {
        case ProjectFilter::All: break;
        case ProjectFilter::Placed: if (!placed) continue; break;
        case ProjectFilter::Refused: if (!refused) continue; break;
        case ProjectFilter::Unplaced: if (placed || refused) continue; break;
        case ProjectFilter::Enclave: if (!enclave) continue; break;
        }
        rows.push_back(static_cast<int>(j));
    }
    ImGui::TextDisabled("%zu / %zu %s", rows.size(), s.city.projects.size(), tr("projects", "个项目"));
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp |
                                  ImGuiTableFlags_BordersInnerV;
    if (!ImGui::BeginTable("projects", 4, flags, ImGui::GetContentRegionAvail())) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr("Project", "项目"), 0, 2.2f);
    ImGui::TableSetupColumn(tr("Industry", "产业"), 0, 0.8f);
    ImGui::TableSetupColumn(tr("Mu", "亩"), 0, 0.7f);
    ImGui::TableSetupColumn(tr("State", "状态"), 0, 1.6f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const auto j = static_cast<std::size_t>(rows[static_cast<std::size_t>(r)]);
            const Project& p = s.city.projects[j];
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            const bool selected = app.selection.project == static_cast<int32_t>(j);
            const std::string label = fmt::format("{} {}##pj{}", p.project_id, p.name, j);
            if (ImGui::Selectable(label.c_str(), selected, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick)) {
                select_project(app, static_cast<int32_t>(j));
                if (ImGui::IsMouseDoubleClicked(0)) zoom_to_project(app, static_cast<int32_t>(j));
            }
            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted(p.industry.c_str());
            ImGui::TableSetColumnIndex(2);
            ImGui::Text("%s", text::number(p.area_mu, 0).c_str());
            ImGui::TableSetColumnIndex(3);
            ImGui::TextUnformatted(project_state(s, j).c_str());
        }
    }
    ImGui::EndTable();
}

void headline_grid(AppState& app) {
    const Headline h = headline(*app.scene);
    if (!ImGui::BeginTable("headline", 2, ImGuiTableFlags_SizingStretchSame)) return;
    auto cell = [](const char* name, const std::string& value) {
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", name);
        ImGui::Text("%s", value.c_str());
    };
    cell(tr("Idle land found", "查出闲置土地"), text::area_mu(h.idle_m2));
    cell(tr("Land to reclaim", "可收回盘活"), text::area_mu(h.reclaimable_m2));
    cell(tr("Quota used / left", "新增指标 已用/剩余"),
         fmt::format("{} / {} {}", text::number(h.quota_used_mu), text::number(h.quota_left_mu), tr("mu", "亩")));
    cell(tr("Projects placed", "项目落地"), fmt::format("{} / {}", h.placed, h.projects));
    cell(tr("Enclave projects", "飞地项目"), fmt::format("{} ({} {})", h.enclave, h.flows, tr("flows", "条流向")));
    cell(tr("Refused", "否决"), std::to_string(h.refused));
    if (!h.since.empty()) {
        cell(fmt::format("{} {}", tr("Disposed since", "处置，自"), h.since).c_str(), text::number(h.disposed_mu) + tr(" mu", " 亩"));
        cell(tr("Disposal rate (approved / idle)", "处置率（批而未供/闲置）"),
             fmt::format("{} / {}", text::percent(h.approved_rate), text::percent(h.idle_rate)));
    }
    ImGui::EndTable();
}

void project_inspector(AppState& app, std::size_t j) {
    Scene& s = *app.scene;
    const Project& p = s.city.projects[j];
    const District& origin = s.city.districts[p.origin];
    if (begin_props("project")) {
        prop(tr("Project", "项目"), p.project_id + " " + p.name);
        prop(tr("Industry", "产业代码"), p.industry);
        prop(tr("Origin district", "招引区县"), origin.code + " " + origin.name);
        prop(tr("Land asked", "用地需求"), text::number(p.area_mu, 1) + tr(" mu", " 亩"));
        prop(tr("Investment", "计划投资"),
             fmt::format("{} {} ({} {})", text::number(p.investment_wan), tr("10k CNY", "万元"),
                         text::number(p.area_mu > 0 ? p.investment_wan / p.area_mu : NAN, 1), tr("10k CNY/mu", "万元/亩")));
        prop(tr("Expected tax", "预期税收"),
             fmt::format("{} {} ({} {})", text::number(p.tax_expect_wan), tr("10k CNY/yr", "万元/年"),
                         text::number(p.area_mu > 0 ? p.tax_expect_wan / p.area_mu : NAN, 1), tr("10k CNY/mu", "万元/亩")));
        prop(tr("Technology score", "科技含量"), text::number(p.tech, 0));
        prop(tr("EIA / safety passed", "环评安评"), p.eia_ok ? tr("yes", "通过") : tr("no", "未通过"));
        prop(tr("Needs riverfront", "需沿江岸线"), p.needs_shore ? tr("yes", "是") : tr("no", "否"));
        prop(tr("Major project", "重大项目"), p.major ? tr("yes", "是") : tr("no", "否"));
        ImGui::EndTable();
    }
    if (!s.has_plan) return;
    for (const auto& r : s.plan.refusals[j]) {
        const auto& c = allocate::info(r.code);
        ImGui::TextColored({0.75f, 0.1f, 0.1f, 1}, "%s %s: %s", tr("Refused", "否决"), c.name, zh() ? c.title_zh : c.title_en);
        ImGui::TextWrapped("%s", (zh() ? allocate::reason_zh(r, s.city, j) : allocate::reason_en(r, s.city, j)).c_str());
    }
    const auto idx = s.plan.state.placement_of[j];
    if (idx) {
        const auto pl = s.plan.state.placements[*idx];
        const auto& site = s.plan.sites[pl.site];
        const Park& park = s.city.parks[site.park];
        if (begin_props("placement")) {
            prop(tr("Site", "落地场地"), site.site_id);
            prop(tr("Park", "园区"), park.park_id + " " + park.name);
            prop(tr("Land", "用地类型"), site_kind_name(site.kind));
            prop(tr("Area taken", "占地"), fmt::format("{} / {} {}", text::number(pl.area_mu, 1), text::number(site.area_mu, 1), tr("mu of the site", "亩（场地）")));
            prop(tr("Quota paid by", "指标承担"),
                 pl.uses_quota ? s.city.districts[pl.quota_district].code : std::string(tr("none (stock land)", "无（存量用地）")));
            if (pl.enclave) {
                const auto sh = allocate::enclave_shares(s.rules, 1);
                prop(tr("Enclave", "飞地"),
                     fmt::format("{} {} → {}; {} {:.0f}% / GDP {:.0f}% {}", tr("from", "从"), origin.code,
                                 s.city.districts[site.district].code, tr("year-1 tax to origin", "首年税收归招引地"),
                                 sh.tax_origin * 100, sh.gdp_origin * 100, tr("", "")));
            }
            prop(tr("Pinned", "锁定"), pl.pinned ? tr("yes (planner)", "是（人工）") : tr("no (optimiser)", "否（优化器）"));
            prop(tr("Score", "综合得分"), text::number(pl.score, 3));
            ImGui::EndTable();
        }
        if (ImGui::BeginTable("terms", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp)) {
            ImGui::TableSetupColumn(tr("Score term", "得分项"));
            ImGui::TableSetupColumn(tr("Value", "取值"));
            ImGui::TableSetupColumn(tr("Weight", "权重"));
            ImGui::TableSetupColumn(tr("Scale", "尺度"));
            ImGui::TableSetupColumn(tr("Contribution", "贡献"));
            ImGui::TableHeadersRow();
            for (const auto& t : pl.terms) {
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(0);
                ImGui::TextUnformatted(t.name());
                ImGui::TableSetColumnIndex(1);
                ImGui::Text("%s", text::number(t.value, 2).c_str());
                ImGui::TableSetColumnIndex(2);
                ImGui::Text("%g", t.weight);
                ImGui::TableSetColumnIndex(3);
                ImGui::Text("%g", t.scale);
                ImGui::TableSetColumnIndex(4);
                ImGui::Text("%s", text::number(t.contribution(), 3).c_str());
            }
            ImGui::EndTable();
        }
    } else if (s.plan.refusals[j].empty()) {
        const allocate::Unplaced& u = s.plan.state.unplaced[j];
        if (u.code() == allocate::UnplacedCode::Removed) {
            ImGui::TextColored({0.6f, 0.4f, 0.1f, 1}, "%s", tr("Removed by the planner", "已人工撤销落地"));
        } else {
            ImGui::TextColored({0.6f, 0.4f, 0.1f, 1}, "%s %s: %s", tr("Unplaced", "未落地"), allocate::code_name(u.code()),
                               unplaced_title(u.code()));
            ImGui::TextWrapped("%s", (zh() ? allocate::detail_zh(u, s.city, s.rules, j) : allocate::detail_en(u, s.city, s.rules, j)).c_str());
        }
    }

    // Actions.
    const int32_t jj = static_cast<int32_t>(j);
    const bool busy = app.optimise.running;
    ImGui::BeginDisabled(busy || !s.plan.refusals[j].empty());
    if (ImGui::Button(app.selection.siting_armed ? tr("Siting: click the map…", "选址中：请点击地图…")
                                                 : tr("Place on map (P)", "地图选址 (P)")))
        app.selection.siting_armed = !app.selection.siting_armed;
    ImGui::SameLine();
    if (ImGui::Button(tr("Place in park…", "落于园区…"))) ImGui::OpenPopup("place_in_park");
    if (ImGui::BeginPopup("place_in_park")) {
        for (std::size_t k = 0; k < s.city.parks.size(); ++k) {
            const auto fit = s.plan.verdicts.park_fit(j, k);
            const std::string label = fmt::format("{} {}{}", s.city.parks[k].park_id, s.city.parks[k].name,
                                                  fit ? (*fit ? tr("  (theme fit)", "（主导产业）") : "") : tr("  (industry does not fit)", "（产业不符）"));
            if (ImGui::Selectable(label.c_str())) place_in_park(app, jj, static_cast<int32_t>(k));
        }
        ImGui::EndPopup();
    }
    ImGui::EndDisabled();
    ImGui::BeginDisabled(busy || !idx);
    if (ImGui::Button(tr("Remove", "撤销落地"))) unplace_project(app, jj);
    ImGui::SameLine();
    const bool pinned = idx && s.plan.state.placements[*idx].pinned;
    if (ImGui::Button(pinned ? tr("Unpin", "解除锁定") : tr("Pin", "锁定"))) set_pinned(app, jj, !pinned);
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(tr("Zoom to", "定位"))) zoom_to_project(app, jj);
}

void parcel_inspector(AppState& app, std::size_t i) {
    const Scene& s = *app.scene;
    const ParcelTable& t = s.city.parcels;
    const bool z = zh();
    if (begin_props("parcel")) {
        prop(tr("Parcel", "地块编号"), std::string(t.parcel_id[i]));
        const District& d = s.city.districts[t.district[i]];
        prop(tr("District", "区县"), d.code + " " + d.name);
        prop(tr("Land use", "用途"), z ? chinese_name(t.land_use[i]) : to_string(t.land_use[i]));
        prop(tr("Status", "状态"), z ? chinese_name(t.status[i]) : to_string(t.status[i]));
        prop(tr("Area", "面积"), fmt::format("{} m² · {}", text::number(t.area_m2[i], 0), text::area_mu(t.area_m2[i], 2)));
        prop(tr("Park", "所在园区"), t.park[i] >= 0 ? s.city.parks[static_cast<std::size_t>(t.park[i])].park_id + " " +
                                                          s.city.parks[static_cast<std::size_t>(t.park[i])].name
                                                    : std::string(tr("outside every park", "园区外")));
        prop(tr("Approved", "批准日期"), date_text(t.appr_date[i]));
        prop(tr("Supplied", "供地日期"), date_text(t.supp_date[i]));
        prop(tr("Start due", "约定动工"), date_text(t.start_due[i]));
        prop(tr("Started", "实际动工"), date_text(t.start_date[i]));
        prop(tr("Halted", "停工日期"), date_text(t.halt_date[i]));
        prop(tr("Developed share", "开发面积占比"), value_text(t.dev_ratio[i], 3));
        prop(tr("Investment planned", "计划投资（万元）"), value_text(t.inv_plan_wan[i], 0));
        prop(tr("Investment done", "已完成投资（万元）"), value_text(t.inv_done_wan[i], 0));
        prop(tr("Floor-area ratio", "容积率"), value_text(t.far[i], 2));
        prop(tr("Coverage", "建筑系数"), value_text(t.coverage[i], 2));
        prop(tr("Tax (10k CNY/yr)", "税收（万元/年）"), value_text(t.tax_wan[i], 1));
        prop(tr("Output (10k CNY/yr)", "产值（万元/年）"), value_text(t.output_wan[i], 1));
        prop(tr("Industry", "产业代码"), std::string(t.industry[i]));
        prop(tr("Enterprise", "用地单位"), std::string(t.enterprise[i]));
        const auto cls = s.audit.parcels.mujun_class[i];
        prop(tr("Mu class", "亩均分类"), cls == audit::MujunClass::None ? std::string("–")
                                                                         : fmt::format("{} ({})", audit::class_name(cls),
                                                                                       value_text(s.audit.parcels.mujun_score[i], 2)));
        prop(tr("To port shoreline", "距宜港岸线"), value_text(s.audit.parcels.port_distance_m[i], 0) + " m");
        const std::string near_name = fmt::format(fmt::runtime(z ? "距长江岸线 {} 米内" : "Within {} m of the river"),
                                                  text::number(s.rules.policy.chem_shore_distance_m, 0));
        prop(near_name.c_str(),
             s.audit.parcels.near_shore.size() > i && s.audit.parcels.near_shore[i] ? tr("yes", "是") : tr("no", "否"));
        // The file it came from, so a planner can fix the record at its source.
        const bool has_source = i < t.source_layer.size() && t.source_layer[i] < s.city.layers.size();
        prop(tr("Source file", "源文件"), has_source ? s.city.layers[t.source_layer[i]].label : std::string("–"));
        prop(tr("Source feature", "源要素 FID"), std::to_string(t.source_fid[i]));
        ImGui::EndTable();
    }
    for (const auto& f : s.audit.flags_of(i)) {
        ImGui::ColorButton("##flag", ImGui::ColorConvertU32ToFloat4(flag_colour(f.code)), ImGuiColorEditFlags_NoTooltip,
                           {ImGui::GetTextLineHeight(), ImGui::GetTextLineHeight()});
        ImGui::SameLine();
        ImGui::Text("%s  %s  [%s]", z ? audit::flag_title_zh(f.code) : audit::flag_title_en(f.code), audit::code_name(f.code),
                    audit::severity_name(f.severity));
        ImGui::Indent();
        const std::string reason = z ? audit::reason_zh(f, s.city, s.rules) : audit::reason_en(f, s.city, s.rules);
        const std::string disposal = z ? audit::disposal_zh(f, s.rules) : audit::disposal_en(f, s.rules);
        need_glyphs(app.fonts, FontRole::Ui, reason);
        need_glyphs(app.fonts, FontRole::Ui, disposal);
        ImGui::TextWrapped("%s", reason.c_str());
        ImGui::TextWrapped("%s %s", tr("Action:", "处置："), disposal.c_str());
        ImGui::Unindent();
    }
    if (s.has_plan && s.site_of_parcel[i] >= 0) {
        const auto k = static_cast<std::size_t>(s.site_of_parcel[i]);
        const auto& site = s.plan.sites[k];
        ImGui::Separator();
        ImGui::Text("%s %s", tr("Site", "可供场地"), site.site_id.c_str());
        ImGui::Text("%s · %s %s / %s %s", site_kind_name(site.kind), text::number(s.plan.state.site_taken_mu[k], 1).c_str(),
                    tr("used", "已用"), text::number(site.area_mu, 1).c_str(), tr("mu", "亩"));
        for (const auto& pl : s.plan.state.placements)
            if (pl.site == k) {
                const Project& p = s.city.projects[pl.project];
                if (ImGui::SmallButton((p.project_id + " " + p.name).c_str())) select_project(app, static_cast<int32_t>(pl.project));
            }
        if (app.selection.project >= 0 && s.plan.refusals[static_cast<std::size_t>(app.selection.project)].empty()) {
            const std::string label = fmt::format("{} {} {}", tr("Place", "将"),
                                                  s.city.projects[static_cast<std::size_t>(app.selection.project)].project_id,
                                                  tr("here", "落于此场地"));
            if (ImGui::Button(label.c_str())) place_on_site(app, app.selection.project, static_cast<int32_t>(k));
        }
    }
}

/// The park's TD/T 1029 evaluation: score, type, rank, years of land left, and
/// every indicator with the figures behind it (hover: what they are summed from).
void park_evaluation(AppState& app, std::size_t park) {
    using namespace evaluate;
    const PlaceEvaluation& e = app.scene->evaluation.parks[park];
    const bool z = zh();
    ImGui::TextDisabled("%s", tr("Evaluation (TD/T 1029)", "集约利用评价（TD/T 1029）"));
    if (begin_props("park_evaluation")) {
        prop(tr("Score", "集约利用程度分值"),
             fmt::format("{} ({} {}%)", value_text(e.score, 1), tr("weight covered", "权重覆盖"),
                         value_text(e.weight_covered * 100, 0)));
        prop(tr("Type", "类型"), z ? std::string(kParkTypeTitles[static_cast<std::size_t>(e.type)])
                                   : std::string(kParkTypeNames[static_cast<std::size_t>(e.type)]));
        prop(tr("Rank in type", "同类排名"), e.rank ? fmt::format("{} / {}", e.rank, e.ranked_of) : std::string("–"));
        prop(tr("Years of land left", "尚可供地年数"),
             std::isnan(e.potential.years_left) ? e.potential.years_note : value_text(e.potential.years_left, 1));
        prop(tr("Land left to supply", "尚可供应土地"), text::area_mu(e.potential.remaining_m2));
        prop(tr("Supplied a year", "年均供地"), text::area_mu(e.potential.supplied_per_year_m2));
        prop(tr("Expansion potential", "扩展潜力"), text::area_mu(e.potential.expansion_m2));
        prop(tr("Structure potential", "结构潜力"), text::area_mu(e.potential.structure_m2));
        prop(tr("Intensity potential (floor area)", "强度潜力（建筑面积）"), value_text(e.potential.intensity_floor_m2, 0) + " m²");
        ImGui::EndTable();
    }
    if (!ImGui::BeginTable("indicators", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn(tr("Indicator", "指标"));
    ImGui::TableSetupColumn(tr("Value", "数值"));
    ImGui::TableSetupColumn(tr("Ideal", "理想值"));
    ImGui::TableSetupColumn(tr("Score", "得分"));
    ImGui::TableHeadersRow();
    for (std::size_t k = 0; k < kIndicatorCount; ++k) {
        const IndicatorInfo& info = kIndicators[k];
        const IndicatorValue& v = e.indicators[k];
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        const bool shown = app.ui.shown_indicator == static_cast<int>(k);
        if (ImGui::Selectable(z ? info.zh.data() : info.en.data(), shown))
            app.ui.shown_indicator = shown ? -1 : static_cast<int>(k);
        ImGui::TableSetColumnIndex(1);
        ImGui::TextUnformatted(v.supported() ? (value_text(v.value, 2) + (info.unit.empty() ? "" : " " + std::string(info.unit))).c_str()
                                             : "–");
        if (ImGui::IsItemHovered()) {
            if (v.supported())
                ImGui::SetTooltip("%s", fmt::format("{} ÷ {}\n= {} ÷ {}\n{} {} · {} {}%", info.numerator, info.denominator,
                                                    value_text(v.numerator, 2), value_text(v.denominator, 2), v.parcels,
                                                    tr("parcels", "宗"), tr("coverage", "数据覆盖"),
                                                    value_text(v.coverage * 100, 0))
                                            .c_str());
            else
                ImGui::SetTooltip("%s", v.unsupported.c_str());
        }
        ImGui::TableSetColumnIndex(2);
        ImGui::TextUnformatted(value_text(v.ideal, 2).c_str());
        ImGui::TableSetColumnIndex(3);
        ImGui::TextUnformatted(v.supported() ? value_text(v.normalised * 100, 0).c_str() : "–");
    }
    ImGui::EndTable();
    if (app.ui.shown_indicator < 0) {
        ImGui::TextDisabled("%s", tr("Click an indicator for the parcels behind it", "点击指标查看其涉及的地块"));
        return;
    }
    // The parcels behind the indicator, each with its part of the numerator and
    // denominator; a click selects the parcel on the map.
    const auto k = static_cast<Indicator>(app.ui.shown_indicator);
    const Scene& s = *app.scene;
    const std::vector<uint32_t> parcels = parcels_behind(s.city, park, k);
    const IndicatorInfo& info = kIndicators[static_cast<std::size_t>(k)];
    ImGui::TextDisabled("%s", fmt::format("{}: {} {}", z ? info.zh : info.en, parcels.size(), tr("parcels", "宗地块")).c_str());
    if (!ImGui::BeginTable("behind", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp,
                           {0, ImGui::GetTextLineHeightWithSpacing() * 10}))
        return;
    ImGui::TableSetupColumn(tr("Parcel", "地块"));
    ImGui::TableSetupColumn(tr("Numerator", "分子"));
    ImGui::TableSetupColumn(tr("Denominator", "分母"));
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(parcels.size()));
    while (clipper.Step())
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const uint32_t i = parcels[static_cast<std::size_t>(row)];
            const Contribution c = contribution(k, s.city.parcels, i);
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            if (ImGui::Selectable(std::string(s.city.parcels.parcel_id[i]).c_str(), app.selection.parcel == static_cast<int32_t>(i)))
                select_parcel(app, static_cast<int32_t>(i));
            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted(c.counted ? value_text(c.numerator, 2).c_str() : tr("no figure", "无数据"));
            ImGui::TableSetColumnIndex(2);
            ImGui::TextUnformatted(c.counted ? value_text(c.denominator, 2).c_str() : "–");
        }
    ImGui::EndTable();
}

void park_inspector(AppState& app, std::size_t p) {
    const Scene& s = *app.scene;
    const Park& park = s.city.parks[p];
    const auto& c = s.audit.parks[p];
    const bool z = zh();
    if (begin_props("park")) {
        prop(tr("Park", "园区"), park.park_id + " " + park.name);
        prop(tr("Level", "级别"), z ? chinese_name(park.level) : to_string(park.level));
        prop(tr("District", "所在区县"), s.city.districts[park.district].code + " " + s.city.districts[park.district].name);
        std::string themes;
        for (const auto& t : park.themes) themes += (themes.empty() ? "" : ", ") + t;
        prop(tr("Industries", "主导产业"), themes);
        prop(tr("Chemical park", "化工园区"), park.chem_park ? tr("certified", "已认定") : tr("no", "否"));
        prop(tr("Boundary area", "规划面积"), text::area_mu(park.area_m2));
        prop(tr("Parcels", "地块"), fmt::format("{} · {}", text::number(static_cast<double>(c.parcels)), text::area_mu(c.parcel_area_m2)));
        prop(tr("Used (building + built)", "已用（在建＋建成）"),
             text::area_mu(c.area_by_status_m2[static_cast<int>(Status::Building)] + c.area_by_status_m2[static_cast<int>(Status::Built)]));
        prop(tr("Stock ready to supply", "存量可供"), text::area_mu(c.supply_ready_m2));
        prop(tr("Idle", "闲置"), text::area_mu(c.idle_m2));
        prop(tr("Reclaimable", "可收回"), text::area_mu(c.reclaimable_m2));
        prop(tr("Planned (new quota)", "规划新增"), text::area_mu(c.planned_m2));
        prop(tr("Low efficiency", "低效用地"), text::area_mu(c.low_efficiency_m2));
        prop(tr("Utilisation", "土地利用率"), value_text(c.utilisation() * 100, 1) + " %");
        prop(tr("Supply ratio", "供地率"), value_text(c.supply_ratio() * 100, 1) + " %");
        prop(tr("Tax per mu", "亩均税收（万元）"), value_text(c.tax_wan_per_mu(), 1));
        prop(tr("Output per mu", "亩均产值（万元）"), value_text(c.output_wan_per_mu(), 1));
        if (p < s.audit.park_port_shore_m.size())
            prop(tr("Port shoreline in reach", "可用宜港岸线"), value_text(s.audit.park_port_shore_m[p], 0) + " m");
        prop(tr("Becoming idle ≤ 90 days", "90 天内将闲置"), std::to_string(c.becoming_idle_within_90_days));
        ImGui::EndTable();
    }
    if (p < s.evaluation.parks.size()) park_evaluation(app, p);
    if (s.has_plan) {
        ImGui::TextDisabled("%s", tr("Placements in this park", "本园区落地项目"));
        for (const auto& pl : s.plan.state.placements)
            if (s.plan.sites[pl.site].park == p) {
                const Project& pj = s.city.projects[pl.project];
                if (ImGui::SmallButton(fmt::format("{} {} ({} {})", pj.project_id, pj.name, text::number(pl.area_mu, 1), tr("mu", "亩")).c_str()))
                    select_project(app, static_cast<int32_t>(pl.project));
            }
    }
    if (ImGui::Button(tr("Zoom to park", "定位园区"))) zoom_to_park(app, static_cast<int32_t>(p));
}

}  // namespace

/// On a shared store: where the viewer works, the planner's reason for the next
/// change (kept in the decision log), and a refresh.
void store_bar(AppState& app) {
    SharedStore& st = *app.store;
    ImGui::TextWrapped("%s %s · %s", tr("Shared store", "共享库"), st.connection->address().c_str(),
                       fmt::format(fmt::runtime(tr("decision #{}", "留痕 #{}")), st.seen_decision).c_str());
    if (ImGui::Button(tr("Refresh (F5)", "刷新 (F5)"))) {
        if (!refresh_from_store(app)) set_status(app, tr("The store has no changes", "共享库无新变化"));
    }
    ImGui::SameLine();
    char buffer[512];
    std::snprintf(buffer, sizeof buffer, "%s", st.reason.c_str());
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputTextWithHint("##reason", tr("reason for the next change (logged)", "下一次修改的理由（留痕）"), buffer,
                                 sizeof buffer))
        st.reason = buffer;
}

/// The selected project's or parcel's decisions in the store (留痕), newest first.
void store_history(AppState& app) {
    const auto& rows = selection_history(app);  // first: it sets history_for
    const SharedStore& st = *app.store;
    const std::string title = fmt::format("{}: {} ({})###ih", tr("History in the store", "留痕记录"), st.history_for, rows.size());
    if (!ImGui::CollapsingHeader(title.c_str(), ImGuiTreeNodeFlags_DefaultOpen)) return;
    if (!st.history_error.empty()) ImGui::TextColored({0.8f, 0.1f, 0.1f, 1}, "%s", st.history_error.c_str());
    if (rows.empty()) {
        ImGui::TextDisabled("%s", tr("No decision recorded yet", "尚无记录"));
        return;
    }
    if (!ImGui::BeginTable("history", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp))
        return;
    ImGui::TableSetupColumn(tr("When", "时间"));
    ImGui::TableSetupColumn(tr("Who", "操作人"));
    ImGui::TableSetupColumn(tr("Action", "操作"));
    ImGui::TableSetupColumn(tr("What and why", "内容与理由"));
    ImGui::TableHeadersRow();
    for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(it->when.c_str());
        ImGui::TableSetColumnIndex(1);
        ImGui::TextUnformatted(it->who.c_str());
        ImGui::TableSetColumnIndex(2);
        ImGui::Text("#%lld %s", static_cast<long long>(it->decision_id), it->action.c_str());
        ImGui::TableSetColumnIndex(3);
        ImGui::TextWrapped("%s", it->what.c_str());
        if (!it->reason.empty()) ImGui::TextWrapped("%s: %s", tr("reason", "理由"), it->reason.c_str());
    }
    ImGui::EndTable();
}

void draw_loading_screen(AppState& app) {
    const ImVec2 d = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos({d.x / 2, d.y / 2}, ImGuiCond_Always, {0.5f, 0.5f});
    ImGui::SetNextWindowSize({std::min(d.x * 0.8f, 620.f * app.ui.ui_scale), 0});
    ImGui::Begin("##loading", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::TextUnformatted("parkcap-viewer");
    ImGui::TextDisabled("%s", app.options.session.data.c_str());
    if (!app.load_error.empty()) {
        ImGui::TextColored({0.8f, 0.1f, 0.1f, 1}, "%s", tr("Could not load the city:", "无法加载数据："));
        ImGui::TextWrapped("%s", app.load_error.c_str());
        if (ImGui::Button(tr("Quit", "退出"))) app.ui.quit_requested = true;
    } else {
        const LoadProgress p = load_progress(app.load);
        const char* stage = p.stage.empty() ? tr("starting", "启动") : p.stage.c_str();
        ImGui::Text("%s: %s", tr("Loading", "加载中"), stage);
        const float f = p.fraction >= 0 ? static_cast<float>(p.fraction) : static_cast<float>(std::fmod(ImGui::GetTime() * 0.5, 1.0));
        ImGui::ProgressBar(f, {-1, 0}, p.fraction >= 0 ? nullptr : "…");
    }
    ImGui::End();
}

float draw_menu_bar(AppState& app) {
    if (!ImGui::BeginMainMenuBar()) return 0;
    static char save_path[512] = "plan.toml";
    bool open_save = false, open_export = false;
    if (ImGui::BeginMenu(tr("File", "文件"))) {
        if (ImGui::MenuItem(tr("Save plan…", "保存方案…"), "Ctrl+S")) open_save = true;
        if (ImGui::MenuItem(tr("Export PNG…", "导出图片…"))) open_export = true;
        ImGui::Separator();
        if (ImGui::MenuItem(tr("Quit", "退出"))) app.ui.quit_requested = true;
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(tr("Edit", "编辑"))) {
        if (ImGui::MenuItem(tr("Undo", "撤销"), "Ctrl+Z", false, !app.history.undo.empty())) undo(app);
        if (ImGui::MenuItem(tr("Redo", "重做"), "Ctrl+Y", false, !app.history.redo.empty())) redo(app);
        ImGui::Separator();
        if (ImGui::MenuItem(tr("Re-run optimiser keeping pins", "保留锁定并重新优化"), "Ctrl+R", false, !app.optimise.running))
            start_reoptimise(app);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(tr("View", "视图"))) {
        if (ImGui::MenuItem(tr("Edit mode", "编辑模式"), "F1", app.ui.mode == ScreenMode::Edit)) app.ui.mode = ScreenMode::Edit;
        if (ImGui::MenuItem(tr("Map only", "仅地图"), "F2", app.ui.mode == ScreenMode::Map)) app.ui.mode = ScreenMode::Map;
        if (ImGui::MenuItem(tr("Briefing", "汇报模式"), "F3", app.ui.mode == ScreenMode::Briefing)) app.ui.mode = ScreenMode::Briefing;
        ImGui::Separator();
        if (ImGui::MenuItem(tr("Whole city", "全市范围"), "Home")) zoom_to_box(app, city_box(*app.scene));
        ImGui::EndMenu();
    }
    ImGui::Separator();
    if (ImGui::SmallButton(app.ui.lang == Lang::Zh ? "English" : "中文")) {
        app.ui.lang = app.ui.lang == Lang::Zh ? Lang::En : Lang::Zh;
        text::set_language(app.ui.lang);
    }
    if (app.optimise.running) {
        ImGui::SameLine();
        ImGui::TextColored({0.1f, 0.45f, 0.2f, 1}, "%s", tr("optimising…", "优化中…"));
    }
    const float h = ImGui::GetWindowSize().y;
    ImGui::EndMainMenuBar();

    ImGuiIO& io = ImGui::GetIO();
    if (!io.WantTextInput) {
        if (io.KeyCtrl && ImGui::IsKeyPressed('S', false)) open_save = true;
        if (io.KeyCtrl && ImGui::IsKeyPressed('Z', false)) undo(app);
        if (io.KeyCtrl && ImGui::IsKeyPressed('Y', false)) redo(app);
        if (io.KeyCtrl && ImGui::IsKeyPressed('R', false) && !app.optimise.running) start_reoptimise(app);
        if (ImGui::IsKeyPressed(GLFW_KEY_F5, false) && store_mode(app) && !refresh_from_store(app))
            set_status(app, tr("The store has no changes", "共享库无新变化"));
        if (!io.KeyCtrl && ImGui::IsKeyPressed('P', false) && app.selection.project >= 0)
            app.selection.siting_armed = !app.selection.siting_armed;
        if (!io.KeyCtrl && ImGui::IsKeyPressed('L', false)) {
            app.ui.lang = app.ui.lang == Lang::Zh ? Lang::En : Lang::Zh;
            text::set_language(app.ui.lang);
        }
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Delete), false) && app.selection.project >= 0)
            unplace_project(app, app.selection.project);
    }
    if (open_save) ImGui::OpenPopup("save_plan");
    if (open_export) ImGui::OpenPopup("export_png");
    if (ImGui::BeginPopupModal("save_plan", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted(tr("Save the edited plan (.toml pins; reopen with --plan)", "保存编辑后的方案（.toml 锁定文件；用 --plan 重新打开）"));
        ImGui::SetNextItemWidth(420 * app.ui.ui_scale);
        ImGui::InputText("##path", save_path, sizeof save_path);
        if (ImGui::Button(tr("Save", "保存"))) {
            save_plan(app, save_path);
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button(tr("Cancel", "取消"))) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    if (ImGui::BeginPopupModal("export_png", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted(tr("Export the map as a PNG (briefing mode recommended)", "导出地图图片（建议使用汇报模式）"));
        ImGui::SetNextItemWidth(420 * app.ui.ui_scale);
        ImGui::InputText(tr("file", "文件"), app.ui.export_path, sizeof app.ui.export_path);
        ImGui::SetNextItemWidth(200 * app.ui.ui_scale);
        ImGui::InputInt(tr("width", "宽"), &app.ui.export_width, 100, 1000);
        ImGui::SetNextItemWidth(200 * app.ui.ui_scale);
        ImGui::InputInt(tr("height", "高"), &app.ui.export_height, 100, 1000);
        app.ui.export_width = std::clamp(app.ui.export_width, 256, 16384);
        app.ui.export_height = std::clamp(app.ui.export_height, 256, 16384);
        if (ImGui::Button("1920×1080")) { app.ui.export_width = 1920; app.ui.export_height = 1080; }
        ImGui::SameLine();
        if (ImGui::Button("3840×2160")) { app.ui.export_width = 3840; app.ui.export_height = 2160; }
        ImGui::SameLine();
        if (ImGui::Button("A3 300dpi")) { app.ui.export_width = 4961; app.ui.export_height = 3508; }
        if (ImGui::Button(tr("Export", "导出"))) {
            app.ui.export_requested = true;
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button(tr("Cancel", "取消"))) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    return h;
}

void draw_left_panel(AppState& app, ImVec2 pos, ImVec2 size) {
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    ImGui::Begin("##left", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                        ImGuiWindowFlags_NoBringToFrontOnFocus);
    if (ImGui::BeginTabBar("left_tabs")) {
        auto flags = [&](int tab) { return app.ui.left_tab_request == tab ? ImGuiTabItemFlags_SetSelected : 0; };
        if (ImGui::BeginTabItem(tr("Layers###layers", "图层###layers"), nullptr, flags(0))) {
            layers_tab(app);
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem(tr("Parks###parks", "园区###parks"), nullptr, flags(1))) {
            parks_tab(app);
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem(tr("Quota###quota", "指标###quota"), nullptr, flags(2))) {
            quota_tab(app);
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem(tr("Projects###projects", "项目###projects"), nullptr, flags(3))) {
            projects_tab(app);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
        app.ui.left_tab_request = -1;
    }
    ImGui::End();
}

void draw_right_panel(AppState& app, ImVec2 pos, ImVec2 size) {
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    ImGui::Begin("##right", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                         ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::TextDisabled("%s", tr("Headline", "主要指标"));
    headline_grid(app);
    if (store_mode(app)) {
        store_bar(app);
    } else {
        ImGui::BeginDisabled(app.optimise.running);
        if (ImGui::Button(tr("Undo", "撤销"))) undo(app);
        ImGui::SameLine();
        if (ImGui::Button(tr("Redo", "重做"))) redo(app);
        ImGui::SameLine();
        if (ImGui::Button(tr("Re-optimise", "重新优化"))) start_reoptimise(app);
        ImGui::EndDisabled();
    }
    if (app.scene->has_plan && !store_mode(app)) {
        const auto& st = app.scene->plan.state.stats;
        ImGui::TextDisabled("%s: %s · %s %s%s", tr("Solver", "求解"), st.method.c_str(), tr("objective", "目标值"),
                            text::number(st.objective, 1).c_str(),
                            std::isnan(st.gap) ? "" : fmt::format(" · gap {:.2f}%", st.gap * 100).c_str());
    }
    ImGui::Separator();
    ImGui::BeginChild("inspector");
    const Selection& sel = app.selection;
    bool any = false;
    if (sel.project >= 0) {
        any = true;
        if (ImGui::CollapsingHeader(tr("Project###ip", "项目###ip"), ImGuiTreeNodeFlags_DefaultOpen))
            project_inspector(app, static_cast<std::size_t>(sel.project));
    }
    if (sel.parcel >= 0) {
        any = true;
        if (ImGui::CollapsingHeader(tr("Parcel###ia", "地块###ia"), ImGuiTreeNodeFlags_DefaultOpen))
            parcel_inspector(app, static_cast<std::size_t>(sel.parcel));
    }
    if (sel.park >= 0) {
        any = true;
        if (ImGui::CollapsingHeader(tr("Park###ik", "园区###ik"), sel.parcel < 0 ? ImGuiTreeNodeFlags_DefaultOpen : 0))
            park_inspector(app, static_cast<std::size_t>(sel.park));
    }
    if (store_mode(app) && (sel.project >= 0 || sel.parcel >= 0)) store_history(app);
    if (!any)
        ImGui::TextWrapped("%s", tr("Click a parcel or a park on the map, or a project in the list, to inspect it. "
                                    "To site a project: select it, press P, then click a site or a park.",
                                    "单击地图上的地块或园区、或项目列表中的项目以查看详情。项目选址：选中项目，按 P，再单击可供场地或园区。"));
    ImGui::EndChild();
    ImGui::End();
}

void draw_status_bar(AppState& app, ImVec2 pos, ImVec2 size) {
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {8, 3});
    ImGui::Begin("##status", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                          ImGuiWindowFlags_NoBringToFrontOnFocus);
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const MapView& v = app.view;
    if (!app.offscreen && mouse.x >= v.x0 && mouse.x < v.x1 && mouse.y >= v.y0 && mouse.y < v.y1) {
        const geom::Point w = v.to_world(mouse);
        const geom::Point ll = (*app.scene->lonlat)(w);
        ImGui::Text("X %.1f  Y %.1f (EPSG:%d)  ·  %.5f°%s %.5f°%s", w.x, w.y, app.scene->city.crs.epsg, std::fabs(ll.x),
                    ll.x >= 0 ? "E" : "W", std::fabs(ll.y), ll.y >= 0 ? "N" : "S");
    } else {
        ImGui::TextDisabled("EPSG:%d %s", app.scene->city.crs.epsg, app.scene->city.crs.name.c_str());
    }
    ImGui::SameLine(size.x * 0.42f);
    if (!app.ui.status.empty()) {
        const std::string& shown = app.ui.status;
        if (app.ui.status_is_error) ImGui::TextColored({0.8f, 0.1f, 0.1f, 1}, "%s", shown.c_str());
        else ImGui::TextUnformatted(shown.c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", app.ui.status.c_str());
    }
    const std::string perf = fmt::format("1:{} · {:.1f} ms", text::number(3779.5 / v.px_per_m, 0), app.frame.mean_ms);
    ImGui::SameLine(size.x - ImGui::CalcTextSize(perf.c_str()).x - 12);
    ImGui::TextDisabled("%s", perf.c_str());
    ImGui::End();
    ImGui::PopStyleVar();
}

void draw_briefing_band(AppState& app, ImVec2 pos, ImVec2 size) {
    const Scene& s = *app.scene;
    const Headline h = headline(s);
    const float sc = app.ui.ui_scale;
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    dl->AddRectFilled(pos, {pos.x + size.x, pos.y + size.y}, rgb(0x0f2744));
    dl->AddRectFilled({pos.x, pos.y + size.y - 4 * sc}, {pos.x + size.x, pos.y + size.y}, rgb(0xc0162c));
    const std::string title = fmt::format("{} · {} {}", tr("Park land and project siting", "园区用地清查与项目落地"), tr("as of", "截至"),
                                          s.audit.as_of.iso());
    need_glyphs(app.fonts, FontRole::Title, title);
    ImFont* tf = app.fonts.title;
    ImFont* bf = app.fonts.big;
    dl->AddText(tf, tf->FontSize, {pos.x + 24 * sc, pos.y + 12 * sc}, IM_COL32(255, 255, 255, 255), title.c_str());
    struct Card {
        std::string caption, figure, unit, note;
        ImU32 colour;
    };
    const bool z = zh();
    std::vector<Card> cards = {
        {tr("Idle land found", "查出闲置土地"), text::number(units::m2_to_mu(h.idle_m2)), z ? "亩" : "mu",
         fmt::format("{} {}", text::number(static_cast<double>(s.audit.city.flag_counts[0] + s.audit.city.flag_counts[1])),
                     tr("parcels", "宗")),
         rgb(0xff6b5b)},
        {tr("Land to reclaim", "可收回盘活"), text::number(units::m2_to_mu(h.reclaimable_m2)), z ? "亩" : "mu",
         fmt::format("{} {} {}", tr("approved, unsupplied", "批而未供"), text::number(units::m2_to_mu(h.approved_unsupplied_m2)),
                     z ? "亩" : "mu"),
         rgb(0xffb347)},
        {tr("New quota used / left", "新增指标 已用 / 剩余"),
         fmt::format("{} / {}", text::number(h.quota_used_mu), text::number(h.quota_left_mu)), z ? "亩" : "mu",
         fmt::format("{} {} {}", tr("of", "共"), text::number(h.quota_total_mu), z ? "亩" : "mu"), rgb(0x9ad0f5)},
        {tr("Projects placed", "项目落地"), fmt::format("{} / {}", h.placed, h.projects), z ? "个" : "",
         fmt::format("{} {} · {} {}", text::number(h.placed_mu), z ? "亩" : "mu", h.refused, tr("refused", "个否决")),
         rgb(0x7ee081)},
        {tr("Enclave projects", "飞地项目"), std::to_string(h.enclave), z ? "个" : "",
         fmt::format("{} {}", h.flows, tr("flows on the map", "条流向")), rgb(0xd7b8ff)},
    };
    if (!h.since.empty())
        cards.insert(cards.begin() + 2,
                     {fmt::format("{} {}", tr("Disposed since", "处置存量，自"), h.since), text::number(h.disposed_mu),
                      z ? "亩" : "mu",
                      fmt::format("{} {} · {} {}", tr("approved", "批而未供处置率"), text::percent(h.approved_rate),
                                  tr("idle", "闲置"), text::percent(h.idle_rate)),
                      rgb(0x1a9850)});
    const float top = pos.y + 12 * sc + tf->FontSize + 10 * sc;
    const float card_w = (size.x - 48 * sc) / static_cast<float>(cards.size());
    for (std::size_t i = 0; i < cards.size(); ++i) {
        const Card& c = cards[i];
        for (const std::string* t : {&c.caption, &c.figure, &c.unit, &c.note}) {
            need_glyphs(app.fonts, FontRole::Title, *t);
            need_glyphs(app.fonts, FontRole::Big, *t);
        }
        const float x = pos.x + 24 * sc + card_w * static_cast<float>(i);
        if (i) dl->AddLine({x - 8 * sc, top + 4 * sc}, {x - 8 * sc, pos.y + size.y - 14 * sc}, IM_COL32(255, 255, 255, 60), 1.5f * sc);
        dl->AddText(tf, tf->FontSize * 0.8f, {x, top}, IM_COL32(200, 215, 235, 255), c.caption.c_str());
        const float fy = top + tf->FontSize * 0.8f + 4 * sc;
        dl->AddText(bf, bf->FontSize, {x, fy}, c.colour, c.figure.c_str());
        const float fw = bf->CalcTextSizeA(bf->FontSize, FLT_MAX, 0, c.figure.c_str()).x;
        dl->AddText(tf, tf->FontSize * 0.8f, {x + fw + 6 * sc, fy + bf->FontSize - tf->FontSize * 0.8f - 4 * sc},
                    IM_COL32(220, 230, 240, 255), c.unit.c_str());
        dl->AddText(tf, tf->FontSize * 0.7f, {x, fy + bf->FontSize + 4 * sc}, IM_COL32(170, 185, 205, 255), c.note.c_str());
    }
    app.layout.headline_rect = {pos.x, pos.y, pos.x + size.x, pos.y + size.y};
}

namespace {

/// Until the scene is there: the parcels the loader handed over on the map, and
/// in the status bar (and, in the editing layout, where the panels will be) what
/// is still being computed. The map keeps the place it will have with the panels.
void draw_first_map_screen(AppState& app) {
    const ImVec2 d = ImGui::GetIO().DisplaySize;
    const float sc = app.ui.ui_scale;
    const float status = ImGui::GetFrameHeight() + 6;
    ImVec2 map_pos(0, 0), map_size(d.x, d.y - status);
    const LoadProgress p = load_progress(app.load);
    const std::string stage = p.stage.empty() ? "audit" : p.stage;
    const std::string percent = p.fraction >= 0 ? fmt::format(" {:.0f}%", 100 * p.fraction) : "";
    const constexpr ImGuiWindowFlags fixed = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                             ImGuiWindowFlags_NoBringToFrontOnFocus;
    if (app.ui.mode == ScreenMode::Edit) {
        const float menu = ImGui::GetFrameHeight();
        const float left = std::min(d.x * 0.3f, 400 * sc), right = std::min(d.x * 0.3f, 400 * sc);
        for (int side = 0; side < 2; ++side) {
            ImGui::SetNextWindowPos({side ? d.x - right : 0, menu});
            ImGui::SetNextWindowSize({side ? right : left, d.y - menu - status});
            ImGui::Begin(side ? "##first_right" : "##first_left", nullptr, fixed);
            if (!side) {
                ImGui::TextUnformatted("parkcap-viewer");
                ImGui::TextDisabled("%s", app.options.session.data.c_str());
                ImGui::TextWrapped("%s", tr("The parcels are on the map. The audit and the plan are still being computed; "
                                            "the colours by finding and the panels follow.",
                                            "地块已显示。清查与方案仍在计算，完成后按清查结果着色并显示各面板。"));
                ImGui::Text("%s: %s", tr("Computing", "计算中"), stage.c_str());
                const float f = p.fraction >= 0 ? static_cast<float>(p.fraction) : static_cast<float>(std::fmod(ImGui::GetTime() * 0.5, 1.0));
                ImGui::ProgressBar(f, {-1, 0}, p.fraction >= 0 ? nullptr : "…");
            }
            ImGui::End();
        }
        map_pos = {left, menu};
        map_size = {d.x - left - right, d.y - menu - status};
    }
    ImGui::SetNextWindowPos({0, d.y - status});
    ImGui::SetNextWindowSize({d.x, status});
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {8, 3});
    ImGui::Begin("##status", nullptr, fixed);
    ImGui::TextDisabled("EPSG:%d", app.first_map->epsg);
    ImGui::SameLine(d.x * 0.42f);
    ImGui::Text("%s %s%s — %s", tr("Still computing:", "仍在计算："), stage.c_str(), percent.c_str(),
                tr("parcels shown without their findings", "地块暂无清查着色"));
    ImGui::End();
    ImGui::PopStyleVar();

    ImGui::SetNextWindowPos(map_pos);
    ImGui::SetNextWindowSize(map_size);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {0, 0});
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
    ImGui::Begin("##map_window", nullptr, fixed | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoBackground);
    draw_first_map(app, map_pos, map_size);
    ImGui::End();
    ImGui::PopStyleVar(3);
}

}  // namespace

void draw_ui(AppState& app) {
    ImGuiIO& io = ImGui::GetIO();
    const ImVec2 d = io.DisplaySize;
    app.layout = FrameLayout{};
    if (!app.scene && app.first_map && app.load_error.empty()) {
        draw_first_map_screen(app);
        return;
    }
    if (!app.scene) {
        draw_loading_screen(app);
        return;
    }
    const float sc = app.ui.ui_scale;
    if (!io.WantTextInput && !app.offscreen) {
        if (ImGui::IsKeyPressed(GLFW_KEY_F1, false)) app.ui.mode = ScreenMode::Edit;
        if (ImGui::IsKeyPressed(GLFW_KEY_F2, false)) app.ui.mode = ScreenMode::Map;
        if (ImGui::IsKeyPressed(GLFW_KEY_F3, false)) app.ui.mode = ScreenMode::Briefing;
        if (ImGui::IsKeyPressed(GLFW_KEY_F12, false)) app.ui.export_requested = true;  // export with the last settings
    }
    ImVec2 map_pos(0, 0), map_size = d;
    float band = 0;
    if (app.ui.mode == ScreenMode::Edit) {
        const float menu = draw_menu_bar(app);
        const float status = ImGui::GetFrameHeight() + 6;
        const float left = std::min(d.x * 0.3f, 400 * sc), right = std::min(d.x * 0.3f, 400 * sc);
        draw_left_panel(app, {0, menu}, {left, d.y - menu - status});
        draw_right_panel(app, {d.x - right, menu}, {right, d.y - menu - status});
        draw_status_bar(app, {0, d.y - status}, {d.x, status});
        map_pos = {left, menu};
        map_size = {d.x - left - right, d.y - menu - status};
    } else if (app.ui.mode == ScreenMode::Briefing) {
        band = std::round(app.fonts.title->FontSize + app.fonts.big->FontSize + app.fonts.title->FontSize * 1.5f + 48 * sc);
        map_pos = {0, band};
        map_size = {d.x, d.y - band};
    }
    ImGui::SetNextWindowPos(map_pos);
    ImGui::SetNextWindowSize(map_size);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {0, 0});
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
    ImGui::Begin("##map_window", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoNav |
                     ImGuiWindowFlags_NoBackground);
    if (app.ui.mode != ScreenMode::Edit && app.style.show.legend) {
        // The legend gets its own column, so it never hides the map.
        ImDrawList* dl = ImGui::GetWindowDrawList();
        // In the briefing the park ranking shares the column: under the legend, or
        // beside it when the legend takes the height. A legend taller than the map
        // flows into more columns, so nothing is drawn past the screen's edge.
        const bool ranking = app.ui.mode == ScreenMode::Briefing;
        const ImVec2 rsize = ranking ? draw_ranking_box(app, dl, {0, 0}, true) : ImVec2(0, 0);
        const float room = map_size.y - 32 * sc, spacing = 12 * sc;
        int columns = 1;
        bool beside = false;
        ImVec2 lsize = draw_legend_box(app, dl, {0, 0}, true, 1);
        float best = FLT_MAX;
        for (int c = 1; c <= 4; ++c) {
            const ImVec2 l = draw_legend_box(app, dl, {0, 0}, true, c);
            const bool has_r = rsize.y > 0;
            const float under_w = std::max(l.x, rsize.x), under_h = l.y + (has_r ? spacing + rsize.y : 0);
            const float side_w = l.x + (has_r ? spacing + rsize.x : 0), side_h = std::max(l.y, rsize.y);
            if (under_h <= room && under_w < best) { best = under_w; columns = c; beside = false; lsize = l; }
            if (has_r && side_h <= room && side_w < best) { best = side_w; columns = c; beside = true; lsize = l; }
        }
        if (best == FLT_MAX) {  // nothing fits: the most columns, the ranking beside
            columns = 4;
            beside = true;
            lsize = draw_legend_box(app, dl, {0, 0}, true, columns);
        }
        const float boxes = beside ? lsize.x + (rsize.y > 0 ? spacing + rsize.x : 0) : std::max(lsize.x, rsize.x);
        const float column = std::floor(boxes + 24 * sc);
        dl->AddRectFilled(map_pos, {map_pos.x + column, map_pos.y + map_size.y}, IM_COL32(255, 255, 255, 255));
        dl->AddLine({map_pos.x + column - 1, map_pos.y}, {map_pos.x + column - 1, map_pos.y + map_size.y},
                    IM_COL32(200, 200, 200, 255));
        const ImVec2 at(map_pos.x + 12 * sc, map_pos.y + 16 * sc);
        draw_legend_box(app, dl, at, false, columns);
        if (ranking && rsize.y > 0)
            draw_ranking_box(app, dl, beside ? ImVec2(at.x + lsize.x + spacing, at.y) : ImVec2(at.x, at.y + lsize.y + spacing));
        map_pos.x += column;
        map_size.x -= column;
    }
    if (app.ui.mode == ScreenMode::Briefing && app.style.show.flows) {
        // The flows table in a column of its own on the right, when it leaves the map most of the width.
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const float max_h = map_size.y - 32 * sc;
        const ImVec2 tsize = draw_flow_table(app, dl, {0, 0}, max_h, true);
        const float column = std::floor(tsize.x + 24 * sc);
        if (tsize.x > 0 && column < map_size.x * 0.5f) {
            const float x0 = map_pos.x + map_size.x - column;
            dl->AddRectFilled({x0, map_pos.y}, {map_pos.x + map_size.x, map_pos.y + map_size.y}, IM_COL32(255, 255, 255, 255));
            dl->AddLine({x0, map_pos.y}, {x0, map_pos.y + map_size.y}, IM_COL32(200, 200, 200, 255));
            draw_flow_table(app, dl, {x0 + 12 * sc, map_pos.y + 16 * sc}, max_h);
            map_size.x -= column;
        }
    }
    draw_map(app, map_pos, map_size, true);
    if (app.ui.mode != ScreenMode::Edit && !app.offscreen) {
        ImGui::SetCursorScreenPos({map_pos.x + 8, map_pos.y + 8});
        if (ImGui::SmallButton(tr("Back to editing (F1)", "返回编辑 (F1)"))) app.ui.mode = ScreenMode::Edit;
        ImGui::SameLine();
        if (ImGui::SmallButton(tr("Export PNG…", "导出图片…"))) app.ui.export_requested = true;
    }
    ImGui::End();
    ImGui::PopStyleVar(3);
    if (app.ui.mode == ScreenMode::Briefing) draw_briefing_band(app, {0, 0}, {d.x, band});
}

}  // namespace parkcap::viewer
