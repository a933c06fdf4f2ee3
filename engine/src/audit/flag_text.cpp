// Reasons and disposals of flags, rendered from the figures each Flag carries, in
// Chinese for planners and English for everyone else.
#include <cmath>

#include <fmt/format.h>

#include "parkcap/audit/audit.hpp"
#include "parkcap/core/units.hpp"

namespace parkcap::audit {

namespace {

const char* const kCodes[] = {"IDLE_TAKEBACK", "IDLE_FEE", "IDLE_SUSPECT", "APPROVED_UNSUPPLIED", "SUPPLIED_UNUSED",
                              "LOW_FAR", "LOW_COVERAGE", "LOW_INVESTMENT", "LOW_TAX", "PHASE_OUT",
                              "CHEM_OUTSIDE_PARK", "CHEM_NEAR_SHORE"};
const char* const kTitlesZh[] = {"闲置满两年", "闲置满一年", "疑似闲置", "批而未供", "供而未用", "容积率不达标",
                                 "建筑系数不达标", "投资强度不达标", "亩均税收不达标", "淘汰类产业",
                                 "化工企业在化工园区外", "化工企业临江"};
const char* const kTitlesEn[] = {"idle two years or more", "idle one to two years", "suspected idle",
                                 "approved, not supplied", "supplied, not used", "floor-area ratio too low",
                                 "building coverage too low", "investment intensity too low", "tax per mu too low",
                                 "phase-out industry", "chemicals outside a chemical park", "chemicals near the river"};

/// 1/3 prints as the rule writes it; other ratios as percentages.
std::string share_text(double x) {
    if (std::abs(x - 1.0 / 3) < 1e-9) return "1/3";
    return fmt::format("{:.0f}%", x * 100);
}
/// A percentage with up to two decimals and no trailing zeros: 20%, 24.99%.
std::string ratio_text(double x) {
    if (std::isnan(x)) return "?";
    if (std::abs(x - 1.0 / 3) < 1e-9) return "1/3";
    std::string s = fmt::format("{:.2f}", x * 100);
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s + "%";
}

std::string band_zh(const rules::Rules& r, uint8_t band) {
    const auto& b = r.approved.age_band_years;
    if (band == 255 || b.empty()) return "批准日期不详";
    if (band == 0) return fmt::format("不足 {} 年", b.front());
    if (band >= b.size()) return fmt::format("{} 年以上", b.back());
    return fmt::format("{}–{} 年", b[band - 1], b[band]);
}
std::string band_en(const rules::Rules& r, uint8_t band) {
    const auto& b = r.approved.age_band_years;
    if (band == 255 || b.empty()) return "approval date unknown";
    if (band == 0) return fmt::format("under {} years", b.front());
    if (band >= b.size()) return fmt::format("over {} years", b.back());
    return fmt::format("{}–{} years", b[band - 1], b[band]);
}

std::string industry_of(const Flag& f, const City& city) { return std::string(city.parcels.industry[f.parcel]); }

std::string park_level_zh(const City& city, uint32_t parcel) {
    const int32_t p = city.parcels.park[parcel];
    return p < 0 ? "园区外" : std::string(chinese_name(city.parks[static_cast<std::size_t>(p)].level)) + "园区";
}
std::string park_level_en(const City& city, uint32_t parcel) {
    const int32_t p = city.parcels.park[parcel];
    return p < 0 ? "outside parks" : std::string(to_string(city.parks[static_cast<std::size_t>(p)].level)) + " park";
}

}  // namespace

const char* code_name(FlagCode c) { return kCodes[static_cast<int>(c)]; }
const char* flag_title_zh(FlagCode c) { return kTitlesZh[static_cast<int>(c)]; }
const char* flag_title_en(FlagCode c) { return kTitlesEn[static_cast<int>(c)]; }
const char* severity_name(FlagSeverity s) {
    static const char* const names[] = {"info", "low", "medium", "high"};
    return names[static_cast<int>(s)];
}
const char* class_name(MujunClass c) {
    static const char* const names[] = {"", "A", "B", "C", "D", "T"};
    return names[static_cast<int>(c)];
}

std::string reason_zh(const Flag& f, const City& city, const rules::Rules& r) {
    switch (f.code) {
    case FlagCode::IdleTakeback:
    case FlagCode::IdleFee: {
        const int years = f.code == FlagCode::IdleTakeback ? r.idle.takeback_years : r.idle.fee_years;
        if (f.band == 0)
            return fmt::format("约定动工日期 {} 起 {} 天未动工（满 {} 年）", f.since.iso(), f.days, years);
        std::string why;
        if (!std::isnan(f.value) && f.value < r.idle.dev_ratio_below - 1e-9)
            why = fmt::format("开发面积占比 {} < {}", ratio_text(f.value), share_text(r.idle.dev_ratio_below));
        if (!std::isnan(f.value2) && f.value2 < r.idle.inv_ratio_below - 1e-9)
            why += fmt::format("{}已投资额占比 {} < {}", why.empty() ? "" : "，", ratio_text(f.value2),
                               share_text(r.idle.inv_ratio_below));
        return fmt::format("已动工但 {} 起停工 {} 天（满 {} 年），{}", f.since.iso(), f.days, years, why);
    }
    case FlagCode::IdleSuspect:
        return fmt::format("{} 起停工 {} 天（满 {} 年），开发面积占比和投资占比均无数据，无法认定", f.since.iso(), f.days,
                           r.idle.halted_years);
    case FlagCode::ApprovedUnsupplied:
        if (f.since.is_null()) return "批而未供，批准日期不详";
        return fmt::format("{} 批准，至今 {:.1f} 年未供地（{}）", f.since.iso(), f.days / 365.25, band_zh(r, f.band));
    case FlagCode::SuppliedUnused:
        if (f.since.is_null()) return "已供地未动工，合同约定动工日期不详";
        if (f.days > 0 && f.value < 0)
            return fmt::format("已供地未动工，约定动工日期 {} 尚未到，{} 天后满 {} 年成为闲置土地", f.since.iso(), f.days,
                               r.idle.not_started_years);
        return fmt::format("已供地未动工，约定动工日期 {}，已逾期 {:.0f} 天，{} 天后满 {} 年成为闲置土地", f.since.iso(),
                           f.value, f.days, r.idle.not_started_years);
    case FlagCode::LowFar: {
        const auto* m = rules::far_minimum_for(r.low_efficiency, industry_of(f, city));
        return fmt::format("容积率 {:.2f} < {}（{} 最低值，2008 控制指标 {} {}）", f.value, f.threshold,
                           industry_of(f, city), m ? m->code_2002 : "?", m ? m->name : "");
    }
    case FlagCode::LowCoverage:
        return fmt::format("建筑系数 {:.1f}% < {:.0f}%", f.value * 100, f.threshold * 100);
    case FlagCode::LowInvestment:
        return fmt::format("投资强度 {:.1f} 万元/亩 < {} 万元/亩（{}最低值）", f.value, f.threshold,
                           park_level_zh(city, f.parcel));
    case FlagCode::LowTax:
        return fmt::format("亩均税收 {:.2f} 万元/亩 < {} 万元/亩", f.value, f.threshold);
    case FlagCode::PhaseOut: {
        const auto* listed = rules::find_listed(r.policy.phase_out, industry_of(f, city));
        return fmt::format("行业 {} 属淘汰/压减类（{}）", industry_of(f, city), listed ? listed->name : "");
    }
    case FlagCode::ChemOutsidePark: {
        const int32_t p = city.parcels.park[f.parcel];
        return fmt::format("化工企业（{}）不在认定化工园区内（{}）", industry_of(f, city),
                           p < 0 ? "园区外" : city.parks[static_cast<std::size_t>(p)].name);
    }
    case FlagCode::ChemNearShore:
        return fmt::format("化工企业（{}）距长江岸线 {:.0f} 米 < {:.0f} 米（长江保护法）", industry_of(f, city), f.value,
                           f.threshold);
    }
    return {};
}

std::string reason_en(const Flag& f, const City& city, const rules::Rules& r) {
    switch (f.code) {
    case FlagCode::IdleTakeback:
    case FlagCode::IdleFee: {
        const int years = f.code == FlagCode::IdleTakeback ? r.idle.takeback_years : r.idle.fee_years;
        if (f.band == 0)
            return fmt::format("not started {} days after the agreed start {} (≥ {} year{})", f.days, f.since.iso(),
                               years, years == 1 ? "" : "s");
        std::string why;
        if (!std::isnan(f.value) && f.value < r.idle.dev_ratio_below - 1e-9)
            why = fmt::format("developed share {} below {}", ratio_text(f.value), share_text(r.idle.dev_ratio_below));
        if (!std::isnan(f.value2) && f.value2 < r.idle.inv_ratio_below - 1e-9)
            why += fmt::format("{}investment {} of the promise, below {}", why.empty() ? "" : "; ", ratio_text(f.value2),
                               share_text(r.idle.inv_ratio_below));
        return fmt::format("started but halted {} days since {} (≥ {} year{}); {}", f.days, f.since.iso(), years,
                           years == 1 ? "" : "s", why);
    }
    case FlagCode::IdleSuspect:
        return fmt::format("halted {} days since {} (≥ {} year), but neither developed share nor investment is on "
                           "record to decide",
                           f.days, f.since.iso(), r.idle.halted_years);
    case FlagCode::ApprovedUnsupplied:
        if (f.since.is_null()) return "approved, not supplied; approval date unknown";
        return fmt::format("approved {}, not supplied for {:.1f} years ({})", f.since.iso(), f.days / 365.25,
                           band_en(r, f.band));
    case FlagCode::SuppliedUnused:
        if (f.since.is_null()) return "supplied, not started; no agreed start date on record";
        if (f.days > 0 && f.value < 0)
            return fmt::format("supplied, not started; agreed start {} still ahead; idle in {} days", f.since.iso(), f.days);
        return fmt::format("supplied, not started; agreed start {} passed {:.0f} days ago; idle in {} days",
                           f.since.iso(), f.value, f.days);
    case FlagCode::LowFar: {
        const auto* m = rules::far_minimum_for(r.low_efficiency, industry_of(f, city));
        return fmt::format("FAR {:.2f} below {} minimum for {} (2008 table class {})", f.value, f.threshold,
                           industry_of(f, city), m ? m->code_2002 : "?");
    }
    case FlagCode::LowCoverage:
        return fmt::format("building coverage {:.1f}% below {:.0f}% minimum", f.value * 100, f.threshold * 100);
    case FlagCode::LowInvestment:
        return fmt::format("investment {:.1f} 万元/mu below {} minimum for {}", f.value, f.threshold,
                           park_level_en(city, f.parcel));
    case FlagCode::LowTax:
        return fmt::format("tax {:.2f} 万元/mu below the {} floor", f.value, f.threshold);
    case FlagCode::PhaseOut:
        return fmt::format("industry {} is on the phase-out list", industry_of(f, city));
    case FlagCode::ChemOutsidePark:
        return fmt::format("chemical enterprise ({}) outside any certified chemical park", industry_of(f, city));
    case FlagCode::ChemNearShore:
        return fmt::format("chemical enterprise ({}) {:.0f} m from the Yangtze shoreline, within {:.0f} m "
                           "(Yangtze River Protection Law)",
                           industry_of(f, city), f.value, f.threshold);
    }
    return {};
}

std::string disposal_zh(const Flag& f, const rules::Rules& r) {
    switch (f.code) {
    case FlagCode::IdleTakeback: return "无偿收回国有建设用地使用权（闲置土地处置办法第十四条）";
    case FlagCode::IdleFee:
        return fmt::format("按土地出让或划拨价款的 {:.0f}% 征缴土地闲置费；满 {} 年可无偿收回",
                           r.idle.fee_share_of_land_price * 100, r.idle.takeback_years);
    case FlagCode::IdleSuspect: return "核实开发面积和投资情况，认定是否闲置";
    case FlagCode::ApprovedUnsupplied:
        return f.band == 0 ? "限期供地" : "加快供地或按规定核减、调整用地批准（增存挂钩处置）";
    case FlagCode::SuppliedUnused: return "督促按期动工，到期未动工依法认定闲置";
    case FlagCode::LowFar:
    case FlagCode::LowCoverage: return "增容改造、二次开发或分割转让盘活";
    case FlagCode::LowInvestment: return "追加投资、整合改造或依合同约定处置";
    case FlagCode::LowTax: return "亩均效益评价后差别化用地、用能政策，推动腾退或转型";
    case FlagCode::PhaseOut: return "依产业政策关停淘汰或转型，腾退土地";
    case FlagCode::ChemOutsidePark: return "限期搬迁入认定化工园区或关闭";
    case FlagCode::ChemNearShore: return "沿江一公里内化工企业搬迁改造或关闭退出";
    }
    return {};
}

std::string disposal_en(const Flag& f, const rules::Rules& r) {
    switch (f.code) {
    case FlagCode::IdleTakeback: return "take back without compensation (Order 53, Art. 14)";
    case FlagCode::IdleFee:
        return fmt::format("levy an idle fee of {:.0f}% of the land price; may be taken back at {} years",
                           r.idle.fee_share_of_land_price * 100, r.idle.takeback_years);
    case FlagCode::IdleSuspect: return "verify developed area and investment to decide whether it is idle";
    case FlagCode::ApprovedUnsupplied:
        return f.band == 0 ? "supply within the time limit" : "speed up supply or revise the approval (增存挂钩 disposal)";
    case FlagCode::SuppliedUnused: return "urge the start of construction; declare idle when the year is up";
    case FlagCode::LowFar:
    case FlagCode::LowCoverage: return "densify, redevelop or split and transfer";
    case FlagCode::LowInvestment: return "require further investment, consolidate, or act on the contract";
    case FlagCode::LowTax: return "differentiated land and energy policy by 亩均 class; push exit or conversion";
    case FlagCode::PhaseOut: return "close or convert under industrial policy and free the land";
    case FlagCode::ChemOutsidePark: return "relocate into a certified chemical park or close";
    case FlagCode::ChemNearShore: return "relocate away from the river or close";
    }
    return {};
}

}  // namespace parkcap::audit
