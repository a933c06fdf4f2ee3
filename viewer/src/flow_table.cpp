#include "flow_table.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "parkcap/carto/names.hpp"
#include "styling.hpp"
#include "text.hpp"

namespace parkcap::viewer {

using text::tr;

std::string flow_origin_text(const Scene& s, const carto::MapFlow& f) {
    auto name = [&](uint32_t d) { return carto::district_name(s.city, s.rules, d).text; };
    if (!f.folded()) return name(f.origin);
    return text::language() == Lang::Zh ? fmt::format("其他 {} 区县", f.origins.size())
                                        : fmt::format("{} other districts", f.origins.size());
}

ImVec2 draw_flow_table(AppState& app, ImDrawList* dl, ImVec2 pos, float max_height, bool measure_only) {
    const Scene& s = *app.scene;
    if (!s.has_plan || s.flows.empty()) return {0, 0};
    const float sc = app.ui.ui_scale;
    ImFont* font = app.fonts.ui;
    const float fs = std::round(font->FontSize * 0.9f), row = fs + 5 * sc, pad = 10 * sc, gap = 10 * sc;
    const bool zh = app.ui.lang == Lang::Zh;
    const auto shares = allocate::enclave_shares(s.rules, 1);

    std::vector<std::size_t> order(s.flows.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return s.flows[a].engine.area_mu > s.flows[b].engine.area_mu; });

    const std::vector<std::string> head = {tr("Origin → park", "来源 → 园区"), tr("Projects", "项目"), tr("mu", "亩"),
                                           tr("Invest. 100m", "投资亿元"), tr("Origin tax/yr", "原区县分税 万元/年")};
    std::vector<std::vector<std::string>> rows;
    double mu = 0, inv = 0, tax = 0;
    uint32_t projects = 0;
    for (std::size_t i : order) {
        const auto& f = s.flows[i].engine;
        const Park& park = s.city.parks[f.park];
        rows.push_back({fmt::format("{} → {}", flow_origin_text(s, f), park.name.empty() ? park.park_id : park.name),
                        std::to_string(f.count), text::number(f.area_mu, 1), text::number(f.investment_wan / 1e4, 2),
                        text::number(f.tax_wan * shares.tax_origin, 0)});
        mu += f.area_mu, inv += f.investment_wan, tax += f.tax_wan, projects += f.count;
    }
    rows.push_back({tr("Total", "合计"), std::to_string(projects), text::number(mu, 1), text::number(inv / 1e4, 2),
                    text::number(tax * shares.tax_origin, 0)});
    // The schedule behind the share column, from the rules.
    std::vector<std::string> notes;
    for (const auto& p : s.rules.enclave.schedule)
        notes.push_back(zh ? fmt::format("第{}–{}年：原区县税收 {}、GDP {}，统计归{}", p.from_year, p.to_year, text::percent(p.tax_share_origin),
                                         text::percent(p.gdp_share_origin), p.statistics_owner == rules::EnclaveSide::Host ? "落地园区" : "原区县")
                           : fmt::format("years {}–{}: origin gets {} of tax, {} of GDP; statistics: {}", p.from_year, p.to_year,
                                         text::percent(p.tax_share_origin), text::percent(p.gdp_share_origin),
                                         rules::to_string(p.statistics_owner)));
    const std::string title = tr("Enclave flows (飞地)", "飞地项目流向");

    // Columns as wide as their widest cell; rows that do not fit are summed into the total only.
    std::vector<float> width(head.size(), 0);
    auto measure = [&](const std::string& t) {
        need_glyphs(app.fonts, FontRole::Ui, t);
        return font->CalcTextSizeA(fs, FLT_MAX, 0, t.c_str()).x;
    };
    for (std::size_t c = 0; c < head.size(); ++c) width[c] = measure(head[c]);
    for (const auto& r : rows)
        for (std::size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], measure(r[c]));
    float table_w = 0;
    for (float w : width) table_w += w + gap;
    table_w = std::max(table_w, measure(title) * 1.1f);
    // The schedule notes wrap within the table's width.
    float notes_h = 0;
    for (const auto& n : notes) {
        need_glyphs(app.fonts, FontRole::Ui, n);
        notes_h += font->CalcTextSizeA(fs * 0.9f, FLT_MAX, table_w, n.c_str()).y + 3 * sc;
    }
    const std::size_t fit = static_cast<std::size_t>(std::max(
        1.0f, std::floor((max_height - 2 * pad - notes_h - row * 4) / row)));  // title, head, "more", total
    const std::size_t body = std::min(rows.size() - 1, fit);
    const bool cut = body < rows.size() - 1;
    const ImVec2 size(table_w + 2 * pad, row * (2 + body + 1 + (cut ? 1 : 0)) + notes_h + 2 * pad);
    if (measure_only) return size;

    dl->AddRectFilled(pos, {pos.x + size.x, pos.y + size.y}, IM_COL32(255, 255, 255, 235), 6 * sc);
    dl->AddRect(pos, {pos.x + size.x, pos.y + size.y}, IM_COL32(120, 120, 120, 160), 6 * sc);
    float y = pos.y + pad;
    dl->AddText(font, fs * 1.1f, {pos.x + pad, y}, IM_COL32(20, 40, 80, 255), title.c_str());
    y += row;
    auto draw_row = [&](const std::vector<std::string>& r, ImU32 colour, ImU32 swatch) {
        float x = pos.x + pad;
        for (std::size_t c = 0; c < r.size(); ++c) {
            // Figures right-aligned in their column, names left-aligned.
            const float tw = font->CalcTextSizeA(fs, FLT_MAX, 0, r[c].c_str()).x;  // fs: the table's size
            const float tx = c == 0 ? x : x + width[c] - tw;
            dl->AddText(font, fs, {tx, y + (row - fs) / 2}, colour, r[c].c_str());
            x += width[c] + gap;
        }
        if (swatch) dl->AddRectFilled({pos.x + 2 * sc, y + 3 * sc}, {pos.x + 6 * sc, y + row - 3 * sc}, swatch);
        y += row;
    };
    draw_row(head, IM_COL32(80, 90, 110, 255), 0);
    dl->AddLine({pos.x + pad, y - 1}, {pos.x + size.x - pad, y - 1}, IM_COL32(160, 160, 160, 200));
    for (std::size_t k = 0; k < body; ++k) draw_row(rows[k], IM_COL32(25, 25, 25, 255), s.flows[order[k]].colour);
    if (cut) {
        const std::string more = fmt::format("{} {} {}", tr("…", "……另"), rows.size() - 1 - body, tr("more flows in the total", "条流向计入合计"));
        dl->AddText(font, fs, {pos.x + pad, y + (row - fs) / 2}, IM_COL32(100, 100, 100, 255), more.c_str());
        y += row;
    }
    dl->AddLine({pos.x + pad, y}, {pos.x + size.x - pad, y}, IM_COL32(160, 160, 160, 200));
    draw_row(rows.back(), IM_COL32(20, 40, 80, 255), 0);
    for (const auto& n : notes) {
        dl->AddText(font, fs * 0.9f, {pos.x + pad, y}, IM_COL32(90, 90, 90, 255), n.c_str(), nullptr, table_w);
        y += font->CalcTextSizeA(fs * 0.9f, FLT_MAX, table_w, n.c_str()).y + 3 * sc;
    }
    app.layout.flow_table_rect = {pos.x, pos.y, pos.x + size.x, pos.y + size.y};
    return size;
}

}  // namespace parkcap::viewer
