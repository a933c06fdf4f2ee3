#pragma once
// What the data let the audit do. Per parcel field: how many parcels have it empty,
// and how many of those a rule needed. Per rule: the parcels and land it could not
// be applied to, and why (a value missing, or the rules having no entry for the
// case). Each rule records its own gap at the point where it stops
// (engine/src/audit/audit.cpp), so this report and the flags cannot disagree.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "parkcap/core/date.hpp"
#include "parkcap/model/city.hpp"
#include "parkcap/rules/rules.hpp"

namespace parkcap::audit {

/// The parcel fields, by canonical name (docs/data.md), as bits of Gap::fields.
enum class QualityField : uint8_t {
    ParcelId, District, LandUse, Status, ApprDate, SuppDate, StartDue, StartDate, HaltDate, DevRatio,
    InvPlan, InvDone, Far, Coverage, Tax, Output, Industry, Enterprise, SurveyMu,
};
inline constexpr int kQualityFieldCount = 19;
constexpr uint32_t bit(QualityField f) { return 1u << static_cast<unsigned>(f); }
/// The canonical name ("tax", "appr_date", ...).
const char* field_name(QualityField);
/// Names of the fields in `mask`, in field order, joined by `separator`.
std::string field_names(uint32_t mask, const char* separator = ", ");

/// The rules (or groups of rules sharing one precondition) a gap is counted under.
enum class QualityRule : uint8_t {
    Any,            ///< ALL: the status decides which rules apply; unknown, none does
    Idle,           ///< IDLE: 闲置土地 (not started, or halted)
    ApprovedAge,    ///< APPROVED_UNSUPPLIED: the 批而未供 age band
    LowEfficiency,  ///< LOW_EFFICIENCY: all four control-indicator rules (land use unknown)
    LowFar,         ///< LOW_FAR
    LowCoverage,    ///< LOW_COVERAGE
    LowInvestment,  ///< LOW_INVESTMENT
    LowTax,         ///< LOW_TAX
    Policy,         ///< POLICY: phase-out and chemical-industry rules
    Mujun,          ///< MUJUN: the 亩均效益 class
    District,       ///< DISTRICT: district totals, 增存挂钩 quota, 亩均 ranking
};
inline constexpr int kQualityRuleCount = 11;
const char* rule_key(QualityRule);       ///< "ALL", "IDLE", ..., as written to files
const char* rule_title_zh(QualityRule);  ///< e.g. "低效用地：容积率"
const char* rule_title_en(QualityRule);  ///< e.g. "low efficiency: floor-area ratio"
/// The rules in `mask` (QualityRule bits, as FieldQuality::rules), in rule order,
/// each written by `name` (rule_key, rule_title_zh or rule_title_en), joined by `separator`.
std::string rule_names(uint32_t mask, const char* (*name)(QualityRule) = rule_key, const char* separator = ";");

enum class GapCause : uint8_t {
    MissingValue,  ///< the fields were empty or unusable in the record
    NoRuleEntry,   ///< the value is there but the rules file has no entry for it
};
const char* cause_key(GapCause);  ///< "missing_value", "no_rule_entry"

/// One parcel one rule could not be applied to.
struct Gap {
    uint32_t parcel = 0;
    QualityRule rule = QualityRule::Any;
    GapCause cause = GapCause::MissingValue;
    uint32_t fields = 0;  ///< QualityField bits: the values missing (or the one lacking a rule entry)
};

struct FieldQuality {
    uint64_t empty = 0;   ///< parcels with the field empty or unusable
    double empty_m2 = 0;
    uint64_t needed = 0;  ///< of those, parcels a rule could not be applied to for want of it
    double needed_m2 = 0;
    uint32_t rules = 0;   ///< QualityRule bits: the rules that needed it
};

/// Parcels one rule could not be applied to for one reason (one set of fields).
struct RuleGapTotal {
    QualityRule rule = QualityRule::Any;
    GapCause cause = GapCause::MissingValue;
    uint32_t fields = 0;
    uint64_t parcels = 0;
    double area_m2 = 0;
};

struct DataQuality {
    uint64_t parcels = 0;            ///< every parcel assessed
    double area_m2 = 0;
    uint64_t parcels_with_gaps = 0;  ///< parcels at least one rule could not be applied to
    double area_with_gaps_m2 = 0;
    std::array<FieldQuality, kQualityFieldCount> fields{};  ///< indexed by QualityField
    std::vector<RuleGapTotal> rules;  ///< by rule, then cause, then fields
};

/// What happened to the parcels of `gap` instead, in the two languages, e.g.
/// "tax 为空：不判定亩均税收" / "tax empty: tax per 亩 not judged".
std::string gap_effect_zh(const RuleGapTotal& gap);
std::string gap_effect_en(const RuleGapTotal& gap);

/// Totals the gaps (grouped by parcel, in parcel order) over the parcels of `city`.
DataQuality summarize_data_quality(const City& city, const std::vector<Gap>& gaps);

/// The gaps of every parcel, as the audit's rules find them as of `as_of`, without
/// the distances the audit measures (none of them depends on one): what `parkcap
/// info` reports before any audit is run. Equal to Audit::quality of run_audit.
DataQuality assess_data_quality(const City& city, const rules::Rules& rules, Date as_of);

}  // namespace parkcap::audit
