#include "parkcap/audit/data_quality.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include <fmt/format.h>

namespace parkcap::audit {

namespace {

constexpr std::array<const char*, kQualityFieldCount> kFieldNames = {
    "parcel_id", "district", "land_use", "status",   "appr_date", "supp_date", "start_due",
    "start_date", "halt_date", "dev_ratio", "inv_plan", "inv_done",  "far",       "coverage",
    "tax",       "output",    "industry",  "enterprise", "survey_mu",
};

struct RuleText {
    const char* key;
    const char* title_zh;
    const char* title_en;
    /// What the parcels got instead when a value was missing.
    const char* missing_zh;
    const char* missing_en;
};

// Indexed by QualityRule. The "instead" texts say what the parcel still got, so a
// planner knows whether it needs fixing before the audit is signed off.
constexpr std::array<RuleText, kQualityRuleCount> kRuleTexts = {{
    {"ALL", "全部规则", "every rule", "不适用任何规则，只计入用地总量", "no rule applies; counted in the land totals only"},
    {"IDLE", "闲置土地认定", "idle land (闲置土地)", "无法认定闲置", "cannot be found idle"},
    {"APPROVED_UNSUPPLIED", "批而未供年限", "批而未供 age band", "列为批而未供，无年限档", "listed 批而未供 without an age band"},
    {"LOW_EFFICIENCY", "低效用地（全部控制指标）", "low efficiency (every control indicator)", "不判定低效用地",
     "no low-efficiency rule applied"},
    {"LOW_FAR", "低效用地：容积率", "low efficiency: floor-area ratio", "不判定容积率", "floor-area ratio not judged"},
    {"LOW_COVERAGE", "低效用地：建筑系数", "low efficiency: building coverage", "不判定建筑系数", "building coverage not judged"},
    {"LOW_INVESTMENT", "低效用地：投资强度", "low efficiency: investment intensity", "不判定投资强度",
     "investment intensity not judged"},
    {"LOW_TAX", "低效用地：亩均税收", "low efficiency: tax per 亩", "不判定亩均税收", "tax per 亩 not judged"},
    {"POLICY", "产业政策（淘汰类、化工）", "industrial policy (phase-out, chemicals)", "不判定淘汰类和化工企业",
     "phase-out and chemical rules not applied"},
    {"MUJUN", "亩均效益评价", "亩均效益 class", "不评亩均效益等级", "no 亩均效益 class"},
    {"DISTRICT", "区县统计与增存挂钩", "district totals and 增存挂钩 quota", "计入无代码区县，其增存挂钩指标不属于任何指标行",
     "counted in the district without a code, whose 增存挂钩 quota belongs to no quota row"},
}};

const RuleText& text_of(QualityRule r) { return kRuleTexts[static_cast<std::size_t>(r)]; }

}  // namespace

const char* field_name(QualityField f) { return kFieldNames[static_cast<std::size_t>(f)]; }

std::string field_names(uint32_t mask, const char* separator) {
    std::string out;
    for (int k = 0; k < kQualityFieldCount; ++k)
        if (mask & (1u << k)) out += (out.empty() ? "" : separator) + std::string(kFieldNames[static_cast<std::size_t>(k)]);
    return out;
}

const char* rule_key(QualityRule r) { return text_of(r).key; }
const char* rule_title_zh(QualityRule r) { return text_of(r).title_zh; }
const char* rule_title_en(QualityRule r) { return text_of(r).title_en; }
std::string rule_names(uint32_t mask, const char* (*name)(QualityRule), const char* separator) {
    std::string out;
    for (int k = 0; k < kQualityRuleCount; ++k)
        if (mask & (1u << k)) out += (out.empty() ? "" : separator) + std::string(name(static_cast<QualityRule>(k)));
    return out;
}

const char* cause_key(GapCause c) { return c == GapCause::MissingValue ? "missing_value" : "no_rule_entry"; }

std::string gap_effect_zh(const RuleGapTotal& g) {
    if (g.cause == GapCause::NoRuleEntry)
        return g.rule == QualityRule::LowFar ? "该行业在规则中无容积率控制值：不判定容积率"
                                             : "园区级别在规则中无投资强度控制值：不判定投资强度";
    const std::string fields = field_names(g.fields, "、");
    if (g.rule == QualityRule::Idle && (g.fields & bit(QualityField::StartDue)))
        return fields + "为空或无法识别：列为供而未用（无至闲置天数），无法认定闲置";
    if (g.rule == QualityRule::Idle) return fields + "为空或无法识别：停工满期但无开发比例和投资额，仅列为疑似闲置";
    return fields + "为空或无法识别：" + text_of(g.rule).missing_zh;
}

std::string gap_effect_en(const RuleGapTotal& g) {
    if (g.cause == GapCause::NoRuleEntry)
        return g.rule == QualityRule::LowFar
                   ? "no floor-area ratio minimum for the industry in the rules: floor-area ratio not judged"
                   : "no investment minimum for the park's level in the rules: investment intensity not judged";
    const std::string fields = field_names(g.fields);
    if (g.rule == QualityRule::Idle && (g.fields & bit(QualityField::StartDue)))
        return fields + " empty or unusable: listed 供而未用 without days to idle; cannot be found idle";
    if (g.rule == QualityRule::Idle)
        return fields + " empty or unusable: halted long enough, but with neither developed share nor investment only suspected idle";
    return fields + " empty or unusable: " + text_of(g.rule).missing_en;
}

namespace {

/// Whether parcel i has field f empty or unusable in its record.
bool is_empty(const ParcelTable& t, std::size_t i, QualityField f) {
    const uint8_t bits = i < t.incomplete.size() ? t.incomplete[i] : 0;
    auto nan = [](const std::vector<double>& v, std::size_t k) { return k >= v.size() || std::isnan(v[k]); };
    switch (f) {
        case QualityField::ParcelId: return bits & kNoParcelId;
        case QualityField::District: return bits & (kNoDistrict | kDistrictDerived);
        case QualityField::LandUse: return t.land_use[i] == LandUse::Unknown;
        case QualityField::Status: return t.status[i] == Status::Unknown;
        case QualityField::ApprDate: return t.appr_date[i].is_null();
        case QualityField::SuppDate: return t.supp_date[i].is_null();
        case QualityField::StartDue: return t.start_due[i].is_null();
        case QualityField::StartDate: return t.start_date[i].is_null();
        case QualityField::HaltDate: return t.halt_date[i].is_null();
        case QualityField::DevRatio: return nan(t.dev_ratio, i);
        case QualityField::InvPlan: return nan(t.inv_plan_wan, i);
        case QualityField::InvDone: return nan(t.inv_done_wan, i);
        case QualityField::Far: return nan(t.far, i);
        case QualityField::Coverage: return nan(t.coverage, i);
        case QualityField::Tax: return nan(t.tax_wan, i);
        case QualityField::Output: return nan(t.output_wan, i);
        case QualityField::Industry: return t.industry[i].empty();
        case QualityField::Enterprise: return t.enterprise[i].empty();
        case QualityField::SurveyMu: return nan(t.survey_mu, i);
    }
    return false;
}

}  // namespace

DataQuality summarize_data_quality(const City& city, const std::vector<Gap>& gaps) {
    const ParcelTable& t = city.parcels;
    DataQuality q;
    q.parcels = t.size();
    for (std::size_t i = 0; i < t.size(); ++i) {
        q.area_m2 += t.area_m2[i];
        for (int k = 0; k < kQualityFieldCount; ++k) {
            if (!is_empty(t, i, static_cast<QualityField>(k))) continue;
            ++q.fields[static_cast<std::size_t>(k)].empty;
            q.fields[static_cast<std::size_t>(k)].empty_m2 += t.area_m2[i];
        }
    }
    std::map<std::tuple<QualityRule, GapCause, uint32_t>, RuleGapTotal> totals;
    for (std::size_t g = 0; g < gaps.size();) {
        const uint32_t i = gaps[g].parcel;
        const double a = t.area_m2[i];
        uint32_t missing = 0;  // fields of this parcel some rule needed and did not have
        std::array<uint32_t, kQualityFieldCount> rules_of_field{};
        for (; g < gaps.size() && gaps[g].parcel == i; ++g) {
            const Gap& gap = gaps[g];
            RuleGapTotal& total = totals[{gap.rule, gap.cause, gap.fields}];
            total.rule = gap.rule;
            total.cause = gap.cause;
            total.fields = gap.fields;
            ++total.parcels;
            total.area_m2 += a;
            if (gap.cause != GapCause::MissingValue) continue;
            missing |= gap.fields;
            for (int k = 0; k < kQualityFieldCount; ++k)
                if (gap.fields & (1u << k)) rules_of_field[static_cast<std::size_t>(k)] |= 1u << static_cast<unsigned>(gap.rule);
        }
        ++q.parcels_with_gaps;
        q.area_with_gaps_m2 += a;
        for (int k = 0; k < kQualityFieldCount; ++k) {
            if (!(missing & (1u << k))) continue;
            FieldQuality& f = q.fields[static_cast<std::size_t>(k)];
            ++f.needed;
            f.needed_m2 += a;
            f.rules |= rules_of_field[static_cast<std::size_t>(k)];
        }
    }
    for (auto& [key, total] : totals) q.rules.push_back(total);
    return q;
}

}  // namespace parkcap::audit
