#include "data_quality_summary.hpp"

#include <fmt/format.h>

#include "cli_support.hpp"
#include "parkcap/core/units.hpp"

namespace parkcap::cli {

namespace {

std::string mu_text(double m2) { return format_number(units::m2_to_mu(m2), 1); }

}  // namespace

std::string data_quality_text(const audit::DataQuality& q, const std::string& where) {
    std::string out;
    if (q.rules.empty()) {
        out += fmt::format("\nData quality: every rule could be applied to all {} parcels\n", q.parcels);
        return out;
    }
    out += fmt::format("\nData quality: {} of {} parcels ({} 亩) had a rule that could not be applied ({})\n",
                       q.parcels_with_gaps, q.parcels, mu_text(q.area_with_gaps_m2), where);
    TextTable rules({"rule", "fields", "parcels", "亩", "what happened instead"}, {false, false, true, true, false});
    for (const audit::RuleGapTotal& g : q.rules)
        rules.add({fmt::format("{} {}", audit::rule_key(g.rule), audit::rule_title_zh(g.rule)), audit::field_names(g.fields, ";"),
                   std::to_string(g.parcels), mu_text(g.area_m2), audit::gap_effect_en(g)});
    out += rules.render();
    std::string fields;
    for (int k = 0; k < audit::kQualityFieldCount; ++k) {
        const audit::FieldQuality& f = q.fields[static_cast<std::size_t>(k)];
        if (!f.needed) continue;
        fields += fmt::format("{}{} {} ({} 亩)", fields.empty() ? "" : ", ", audit::field_name(static_cast<audit::QualityField>(k)),
                              f.needed, mu_text(f.needed_m2));
    }
    if (!fields.empty()) out += "  Fields empty where a rule needed them: " + fields + "\n";
    return out;
}

nlohmann::ordered_json data_quality_json(const audit::DataQuality& q) {
    nlohmann::ordered_json j;
    j["parcels"] = q.parcels;
    j["parcels_with_gaps"] = q.parcels_with_gaps;
    j["mu_with_gaps"] = units::m2_to_mu(q.area_with_gaps_m2);
    auto rules = nlohmann::ordered_json::array();
    for (const audit::RuleGapTotal& g : q.rules)
        rules.push_back({{"rule", audit::rule_key(g.rule)},
                         {"cause", audit::cause_key(g.cause)},
                         {"fields", audit::field_names(g.fields, ";")},
                         {"parcels", g.parcels},
                         {"mu", units::m2_to_mu(g.area_m2)},
                         {"effect_zh", audit::gap_effect_zh(g)},
                         {"effect_en", audit::gap_effect_en(g)}});
    j["rules"] = rules;
    auto fields = nlohmann::ordered_json::array();
    for (int k = 0; k < audit::kQualityFieldCount; ++k) {
        const audit::FieldQuality& f = q.fields[static_cast<std::size_t>(k)];
        fields.push_back({{"field", audit::field_name(static_cast<audit::QualityField>(k))},
                          {"empty", f.empty},
                          {"empty_mu", units::m2_to_mu(f.empty_m2)},
                          {"needed", f.needed},
                          {"needed_mu", units::m2_to_mu(f.needed_m2)},
                          {"rules", audit::rule_names(f.rules)}});
    }
    j["fields"] = fields;
    return j;
}

}  // namespace parkcap::cli
