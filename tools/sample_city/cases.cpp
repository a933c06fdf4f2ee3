#include "cases.hpp"

#include <string_view>

namespace sample_city {

const std::array<CaseInfo, kCaseCount> kCases = {{
    {"built_ok", "built", false, 0, 0, "no flag; rated A-D by 亩均 (industrial)", ""},
    {"built_low_far", "built", true, 0.030, 0.030, "LOW_FAR (FAR 0.45-0.85 x industry minimum)", "LOW_FAR"},
    {"built_low_coverage", "built", true, 0.020, 0.020, "LOW_COVERAGE (coverage 0.12-0.27)", "LOW_COVERAGE"},
    {"built_low_investment", "built", true, 0.020, 0.025, "LOW_INVESTMENT (0.35-0.80 x park-level minimum)", "LOW_INVESTMENT"},
    {"built_low_tax", "built", true, 0.030, 0.035, "LOW_TAX (2-12.5 万元/亩)", "LOW_TAX"},
    {"built_low_multi", "built", true, 0.015, 0.020, "LOW_FAR + LOW_COVERAGE + LOW_TAX", "LOW_FAR LOW_COVERAGE LOW_TAX"},
    {"built_new", "built", true, 0.010, 0.010, "no flag; 亩均 class T (supplied < 2 years ago)", ""},
    {"building_active", "building", false, 0.050, 0.050, "no flag (started, not halted)", ""},
    {"building_halted_recent", "building", false, 0.008, 0.008, "no flag (halted < 1 year)", ""},
    {"building_idle_fee", "building", false, 0.006, 0.006, "IDLE_FEE (halted 1-2 y, dev_ratio < 1/3)", "IDLE_FEE"},
    {"building_idle_takeback", "building", false, 0.004, 0.004, "IDLE_TAKEBACK (halted > 2 y, investment < 25 %)", "IDLE_TAKEBACK"},
    {"building_halted_progressed", "building", false, 0.004, 0.004, "no flag (halted > 1 y, dev >= 0.45, inv >= 50 %)", ""},
    {"supplied_watch", "supplied", false, 0.040, 0.040, "SUPPLIED_UNUSED (start_due in the future or < 1 y ago)", "SUPPLIED_UNUSED"},
    {"supplied_idle_fee", "supplied", false, 0.010, 0.010, "IDLE_FEE (not started, start_due 1-2 y ago)", "IDLE_FEE"},
    {"supplied_idle_takeback", "supplied", false, 0.007, 0.007, "IDLE_TAKEBACK (not started, start_due > 2 y ago)", "IDLE_TAKEBACK"},
    {"approved_under_2y", "approved", false, 0.020, 0.020, "APPROVED_UNSUPPLIED band 0 (< 2 y)", "APPROVED_UNSUPPLIED/band0"},
    {"approved_2_to_5y", "approved", false, 0.015, 0.015, "APPROVED_UNSUPPLIED band 1 (2-5 y)", "APPROVED_UNSUPPLIED/band1"},
    {"approved_over_5y", "approved", false, 0.010, 0.010, "APPROVED_UNSUPPLIED band 2 (>= 5 y)", "APPROVED_UNSUPPLIED/band2"},
    {"planned", "planned", false, 0.040, 0.050, "needs new quota to use", ""},
    {"reserve", "reserve", false, 0.020, 0.020, "supply-ready stock (taken back)", ""},
    {"special", "", false, 0, 0, "see the planted records", ""},
}};

bool is_built_or_building(Case c) {
    const std::string_view s = kCases[c].status;
    return s == "built" || s == "building";
}

}  // namespace sample_city
