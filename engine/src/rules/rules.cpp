// Reads the rules file strictly (core/detail/strict_toml.hpp): a misspelt key or an
// impossible value stops the run, and every problem is reported at once.
#include "parkcap/rules/rules.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <span>
#include <sstream>

#include <fmt/format.h>

#include "../core/detail/strict_toml.hpp"
#include "parkcap/core/error.hpp"

namespace parkcap::rules {
namespace {

using namespace strict_toml;

constexpr const char* kHint =
    "docs/rules.md describes every key; the default rules file "
    "(engine/rules/default_rules.toml) shows each with its meaning and source";

// GB/T 4754-2017 codes: a section letter and up to four digits ("C", "C37", "C3731").
StringRule industry_prefix() {
    return matching("[A-T][0-9]{0,4}", "a GB/T 4754-2017 code prefix such as \"C37\" or \"C3731\"");
}

// The spellings of docs/data.md, in enum order (model/land.hpp).
constexpr std::span<const std::string_view> kLandUses = kLandUseNames;
constexpr std::span<const std::string_view> kStatuses = kStatusNames;

// ---------------------------------------------------------------------------
// The sections. Each reads its keys, checks the relations between them, and
// reports the keys it does not know. Readers are joined with `&`, not `&&`, so
// every field of an entry is read and all its problems are reported.

StringRule code_2002_rule() {
    return matching("[0-9]{2}", "a two-digit GB/T 4754-2002 code such as \"26\"");
}

void read_idle(Section& s, IdleRules& out) {
    s.integer("not_started_years", out.not_started_years, 0, "a whole number of years");
    s.ratio("dev_ratio_below", out.dev_ratio_below, "a share of the area due");
    s.ratio("inv_ratio_below", out.inv_ratio_below, "a share of the investment promised");
    s.integer("halted_years", out.halted_years, 0, "a whole number of years");
    const bool fee = s.integer("fee_years", out.fee_years, 0, "a whole number of years");
    s.ratio("fee_share_of_land_price", out.fee_share_of_land_price, "a share of the land price");
    const bool takeback = s.integer("takeback_years", out.takeback_years, 0, "a whole number of years");
    if (fee && takeback && out.takeback_years < out.fee_years)
        s.report(s.line_of_key("takeback_years"), s.path_of("takeback_years"),
                 fmt::format("{} is less than fee_years ({}); expected take-back no earlier than the fee",
                             out.takeback_years, out.fee_years));
    s.finish();
}

void read_approved(Section& s, ApprovedRules& out) {
    const std::string expected = "an array of whole numbers of years >= 0, strictly increasing, such as [2, 5]";
    if (const toml::node* node = s.get("age_band_years", expected)) {
        const std::string path = s.path_of("age_band_years");
        const auto* array = node->as_array();
        if (!array) {
            s.report(line_of(*node), path, wrong_type(*node, expected));
        } else {
            std::vector<int> bands;
            bool ok = true;
            for (size_t i = 0; i < array->size(); ++i) {
                const toml::node& item = (*array)[i];
                const std::string item_path = fmt::format("{}[{}]", path, i + 1);
                const auto* v = item.as_integer();
                if (!v) {
                    s.report(line_of(item), item_path, wrong_type(item, expected));
                    ok = false;
                } else if (v->get() < 0 || v->get() > std::numeric_limits<int>::max() ||
                           (!bands.empty() && v->get() <= bands.back())) {
                    s.report(line_of(item), item_path,
                             fmt::format("{} is out of order or range; expected {}", v->get(), expected));
                    ok = false;
                } else {
                    bands.push_back(static_cast<int>(v->get()));
                }
            }
            if (ok) out.age_band_years = std::move(bands);
        }
    }
    s.finish();
}

void read_low_efficiency(Section& s, LowEfficiencyRules& out) {
    s.enumerated_set("land_uses", out.land_uses, kLandUses);
    s.enumerated_set("statuses", out.statuses, kStatuses);
    s.ratio("coverage_min", out.coverage_min, "a building coverage share");
    s.number("tax_floor_wan_per_mu", out.tax_floor_wan_per_mu, kNonNegative, "a tax in 万元/亩/year");

    if (auto t = s.table("investment_min_wan_per_mu")) {
        out.investment_min_wan_per_mu.clear();
        for (std::string_view level : kInvestmentMinKeys) {
            double value = 0;
            if (t->number(level, value, kNonNegative, "an investment intensity in 万元/亩"))
                out.investment_min_wan_per_mu[std::string(level)] = value;
        }
        t->finish();
    }

    if (auto entries = s.tables("far_minimum")) {
        out.far_minimums.clear();
        std::vector<Where> lines;
        const StringRule code_rule = code_2002_rule();
        for (Section& e : *entries) {
            FarMinimum m;
            const bool ok = e.text("code_2002", m.code_2002, code_rule) &
                            e.text("name", m.name, any_text("the industry's name")) &
                            e.number("far_min", m.far_min, kPositive, "a floor-area ratio");
            e.finish();
            if (ok) {
                out.far_minimums.push_back(std::move(m));
                lines.push_back(e.line_of_key("code_2002"));
            }
        }
        check_unique(s, out.far_minimums, lines, "far_minimum", "code_2002",
                     [](const FarMinimum& m) { return m.code_2002; });
    }

    if (auto entries = s.tables("crosswalk")) {
        out.crosswalk.clear();
        std::vector<Where> lines;
        const StringRule prefix_rule = industry_prefix();
        const StringRule code_rule = code_2002_rule();
        for (Section& e : *entries) {
            IndustryCrosswalk c;
            const bool ok = e.text("prefix_2017", c.prefix_2017, prefix_rule) &
                            e.text("code_2002", c.code_2002, code_rule);
            e.finish();
            if (ok) {
                out.crosswalk.push_back(std::move(c));
                lines.push_back(e.line_of_key("prefix_2017"));
            }
        }
        check_unique(s, out.crosswalk, lines, "crosswalk", "prefix_2017",
                     [](const IndustryCrosswalk& c) { return c.prefix_2017; });
    }
    s.finish();
}

void read_mujun(Section& s, MujunRules& out) {
    const bool a = s.ratio("share_a", out.share_a, "the share of firms in class A");
    const bool b = s.ratio("share_b", out.share_b, "the share of firms in classes A-B");
    const bool c = s.ratio("share_c", out.share_c, "the share of firms in classes A-C");
    if (a && b && !(out.share_a < out.share_b))
        s.report(s.line_of_key("share_b"), s.path_of("share_b"),
                 fmt::format("{} is not above share_a ({}); expected share_a < share_b < share_c",
                             out.share_b, out.share_a));
    if (b && c && !(out.share_b < out.share_c))
        s.report(s.line_of_key("share_c"), s.path_of("share_c"),
                 fmt::format("{} is not above share_b ({}); expected share_a < share_b < share_c",
                             out.share_c, out.share_b));
    s.integer("unrated_years_since_supply", out.unrated_years_since_supply, 0, "a whole number of years");
    s.enumerated_set("land_uses", out.land_uses, kLandUses);

    if (auto entries = s.tables("indicator")) {
        out.indicators.clear();
        std::vector<Where> lines;
        for (Section& e : *entries) {
            MujunIndicator ind;
            bool ok = e.enumerated("name", ind.measure, kMujunIndicatorNames) &
                      e.number("weight", ind.weight, kNonNegative, "points");
            // Exactly one benchmark form; a second would be silently ignored otherwise.
            const bool absolute = e.has("benchmark");
            const bool relative = e.has("benchmark_relative");
            if (absolute == relative) {
                e.report(absolute ? "both benchmark and benchmark_relative are set; expected exactly one"
                                  : "no benchmark; expected exactly one of benchmark (a value in the "
                                    "indicator's unit) or benchmark_relative (a multiple of the district mean)");
                ok = false;
            } else if (absolute) {
                double v = 0;
                ok = e.number("benchmark", v, kPositive, "a value in the indicator's unit") && ok;
                ind.benchmark = v;
            } else {
                double v = 0;
                ok = e.number("benchmark_relative", v, kPositive, "a multiple of the district mean") && ok;
                ind.benchmark_relative = v;
            }
            e.finish();
            if (ok) {
                out.indicators.push_back(std::move(ind));
                lines.push_back(e.line_of_key("name"));
            }
        }
        if (entries->empty())
            s.report(s.line_of_key("indicator"), s.path_of("indicator"),
                     "no indicators; expected at least one [[mujun.indicator]]");
        check_unique(s, out.indicators, lines, "indicator", "name",
                     [](const MujunIndicator& i) { return kMujunIndicatorNames[static_cast<std::size_t>(i.measure)]; });
    }
    s.finish();
}

void read_listed(Section& s, std::string_view key, std::vector<PolicyRules::Listed>& out) {
    if (auto entries = s.tables(key)) {
        out.clear();
        for (Section& e : *entries) {
            PolicyRules::Listed item;
            if (e.text("prefix", item.prefix, industry_prefix()) &
                e.text("name", item.name, any_text("the industry's name")))
                out.push_back(std::move(item));
            e.finish();
        }
    }
}

void read_policy(Section& s, PolicyRules& out) {
    s.texts("chemical_prefixes", out.chemical_prefixes, industry_prefix());
    s.number("chem_shore_distance_m", out.chem_shore_distance_m, kNonNegative, "a distance in metres");
    read_listed(s, "phase_out", out.phase_out);
    read_listed(s, "negative_list", out.negative_list);
    s.finish();
}

void read_shoreline(Section& s, ShorelineRules& out) {
    s.number("park_port_distance_m", out.park_port_distance_m, kNonNegative, "a distance in metres");
    s.number("frontage_reach_m", out.frontage_reach_m, kNonNegative, "a distance in metres");
    s.enumerated("frontage_method", out.frontage_method, kFrontageMethodNames);
    s.texts("port_use_prefixes", out.port_use_prefixes, industry_prefix());
    s.finish();
}

void read_data(Section& s, DataRules& out) {
    s.number("survey_area_tolerance", out.survey_area_tolerance, kNonNegative, "a share of the measured area");
    s.number("overlap_tolerance", out.overlap_tolerance, kNonNegative, "a share of the smaller parcel's area");
    s.integer("earliest_year", out.earliest_year, 1, "a year");
    s.finish();
}

void read_warnings(Section& s, WarningRules& out) {
    s.integer("horizon_days", out.horizon_days, 1, "a whole number of days");
    s.integer("approval_lapse_years", out.approval_lapse_years, 1, "a whole number of years");
    s.finish();
}

void read_evaluation(Section& s, EvaluationRules& out) {
    s.ratio("industrial_type_share", out.industrial_type_share, "a share of built land");
    s.integer("supply_window_years", out.supply_window_years, 1, "a whole number of years");
    s.enumerated_set("needed_uses_industrial", out.needed_uses_industrial, kLandUses);
    s.enumerated_set("needed_uses_integrated", out.needed_uses_integrated, kLandUses);
    if (auto entries = s.tables("indicator")) {
        out.indicators.clear();
        std::vector<Where> lines;
        for (Section& e : *entries) {
            EvaluationIndicatorRule ind;
            const bool ok = e.enumerated("name", ind.indicator, kEvaluationIndicatorNames) &
                            e.number("ideal", ind.ideal, kPositive, "the indicator's value for full marks") &
                            e.number("weight_industrial", ind.weight_industrial, kNonNegative, "a weight") &
                            e.number("weight_integrated", ind.weight_integrated, kNonNegative, "a weight");
            e.finish();
            if (ok) {
                out.indicators.push_back(ind);
                lines.push_back(e.line_of_key("name"));
            }
        }
        check_unique(s, out.indicators, lines, "indicator", "name",
                     [](const EvaluationIndicatorRule& i) { return kEvaluationIndicatorNames[i.indicator]; });
    }
    s.finish();
}

void read_monitoring(Section& s, MonitoringRules& out) {
    s.number("match_overlap_share", out.match_overlap_share, kPositiveShare, "a share of the smaller parcel's area");
    s.number("approved_task_rate", out.approved_task_rate, kShare, "a disposal rate");
    s.number("idle_task_rate", out.idle_task_rate, kShare, "a disposal rate");
    s.number("reward_share", out.reward_share, kNonNegative, "a share of the period's quota");
    s.number("penalty_share", out.penalty_share, kShare, "a share of the period's quota");
    s.finish();
}

void read_quota(Section& s, QuotaRules& out) {
    s.number("earned_mu_per_mu_disposed", out.earned_mu_per_mu_disposed, kNonNegative, "亩 of quota per 亩 disposed");
    s.integer("window_years", out.window_years, 1, "a whole number of years");
    s.enumerated_set("disposal_kinds", out.disposal_kinds, kDisposalKinds);
    s.enumerated("earned_by", out.earned_by, kEnclaveSideNames);
    s.finish();
}

void read_screening(Section& s, ScreeningRules& out) {
    // The tax floor of new projects became a 标准地 indicator, per park level and
    // industry. A file that still sets it is refused rather than ignored, so a
    // city's floor is never silently replaced by the built-in one.
    if (s.has("tax_floor_wan_per_mu"))
        s.report(s.line_of_key("tax_floor_wan_per_mu"), s.path_of("tax_floor_wan_per_mu"),
                 "is no longer read: the tax floor of new projects is tax_min_wan_per_mu of the "
                 "[[standard_land.indicator]] rows, per park level and industry; remove this key and set the "
                 "floor there (docs/rules.md, \"标准地\")");
    s.number("sprawl_max_ratio", out.sprawl_max_ratio, kAtLeastOne,
             "a ratio of area asked to area justified");
    s.finish();
}

// "*" or a GB/T 4754-2017 code prefix: the industries a 标准地 row applies to.
StringRule standard_industry_rule() {
    return matching("\\*|[A-T][0-9]{0,4}", "\"*\" (any industry) or a GB/T 4754-2017 code prefix such as \"C37\"");
}

/// The optional `<indicator>_miss` keys of the section or of one row.
void read_miss_by_indicator(Section& s, std::array<std::optional<MissAction>, kStandardIndicatorCount>& out) {
    for (std::size_t i = 0; i < kStandardIndicatorCount; ++i) {
        const std::string key = fmt::format("{}_miss", kStandardIndicatorCatalogue[i].name);
        MissAction action{};
        if (s.has(key) && s.enumerated(key, action, kMissActionNames)) out[i] = action;
    }
}

/// far_min: a floor-area ratio, or "low_efficiency" for the national minimum of
/// the project's industry ([[low_efficiency.far_minimum]]), so the 2008 table is
/// written once.
bool read_far_min(Section& e, StandardLandRow& row) {
    const std::string expected = "a floor-area ratio > 0, or \"low_efficiency\" for the minimum "
                                 "[[low_efficiency.far_minimum]] gives the project's industry";
    const toml::node* node = e.get("far_min", expected);
    if (!node) return false;
    if (const auto* text = node->as_string()) {
        if (text->get() == "low_efficiency") {
            row.far_from_low_efficiency = true;
            return true;
        }
        e.report(*node, e.path_of("far_min"), fmt::format("\"{}\" is not valid; expected {}", text->get(), expected));
        return false;
    }
    double far = 0;
    if (!e.number("far_min", far, kPositive, "a floor-area ratio (or \"low_efficiency\")")) return false;
    row.threshold[static_cast<std::size_t>(StandardIndicator::Far)] = far;
    return true;
}

void read_standard_land(Section& s, StandardLandRules& out) {
    s.enumerated("miss", out.miss, kMissActionNames);
    read_miss_by_indicator(s, out.miss_by_indicator);
    if (auto entries = s.tables("indicator")) {
        out.rows.clear();
        std::vector<Where> lines;
        const StringRule industry_rule = standard_industry_rule();
        for (Section& e : *entries) {
            StandardLandRow row;
            bool ok = e.enumerated("level", row.level, kParkLevelNames) & e.text("industry", row.industry, industry_rule);
            for (const StandardIndicatorInfo& ind : kStandardIndicatorCatalogue) {
                if (ind.indicator == StandardIndicator::Far) {
                    ok = read_far_min(e, row) && ok;
                    continue;
                }
                if (!ind.required_in_row && !e.has(ind.threshold_key)) continue;  // not set for this row: not checked
                double v = 0;
                const std::string what = fmt::format("a {} {} in {}", ind.bound == IndicatorBound::Min ? "minimum" : "maximum",
                                                     ind.title_en, ind.unit_en);
                if (e.number(ind.threshold_key, v, kNonNegative, what)) row.threshold[static_cast<std::size_t>(ind.indicator)] = v;
                else ok = false;
            }
            read_miss_by_indicator(e, row.miss);
            e.finish();
            if (!ok) continue;
            // Two rows for one level and industry would leave the lookup to file order.
            const Where at = e.line_of_key("level");
            for (std::size_t k = 0; k < out.rows.size(); ++k)
                if (out.rows[k].level == row.level && out.rows[k].industry == row.industry) {
                    e.report(at, e.path(),
                             fmt::format("level \"{}\" and industry \"{}\" appear twice (also at line {}); expected "
                                         "one row per level and industry",
                                         to_string(row.level), row.industry, lines[k].line));
                    ok = false;
                    break;
                }
            if (ok) {
                out.rows.push_back(std::move(row));
                lines.push_back(at);
            }
        }
    }
    s.finish();
}

void read_fit(Section& s, FitRules& out) {
    s.texts("general_parks", out.general_parks, any_text("a park_id"));
    s.number("shore_site_distance_m", out.shore_site_distance_m, kNonNegative, "a distance in metres");
    s.enumerated_set("shore_zones", out.shore_zones, kShoreZoneNames);
    s.enumerated_set("site_land_uses", out.site_land_uses, kLandUseNames);
    s.number("min_remnant_mu", out.min_remnant_mu, kNonNegative, "an area in 亩");
    s.number("site_gap_max_m", out.site_gap_max_m, kNonNegative, "a distance in metres");
    s.number("site_min_compactness", out.site_min_compactness, kShare, "a ratio of areas");
    s.integer("site_max_blocks", out.site_max_blocks, 1, "a number of blocks");
    s.finish();
}

void read_objective(Section& s, ObjectiveRules& out) {
    if (auto entries = s.tables("term")) {
        out.terms.clear();
        std::vector<Where> lines;
        for (Section& e : *entries) {
            ObjectiveTerm term;
            if (e.enumerated("name", term.kind, kObjectiveTermNames) &
                e.number("weight", term.weight, kAnyNumber, "a weight (any number; negative penalises)") &
                e.number("scale", term.scale, kPositive, "a scale in the term's unit")) {
                out.terms.push_back(std::move(term));
                lines.push_back(e.line_of_key("name"));
            }
            e.finish();
        }
        check_unique(s, out.terms, lines, "term", "name", [](const ObjectiveTerm& t) { return info(t.kind).name; });
        // Only meaningful once every entry read: an all-zero objective places nothing on purpose.
        if (lines.size() == entries->size() &&
            std::all_of(out.terms.begin(), out.terms.end(), [](const ObjectiveTerm& t) { return t.weight == 0; }))
            s.report(s.line_of_key("term"), s.path_of("term"),
                     "every weight is 0; expected at least one non-zero weight");
    }
    s.finish();
}

void read_enclave(Section& s, EnclaveRules& out) {
    s.enumerated("quota_paid_by", out.quota_paid_by, kEnclaveSideNames);
    if (auto entries = s.tables("period")) {
        out.schedule.clear();
        int previous_to = 0;  // periods start at year 1
        for (Section& e : *entries) {
            EnclavePeriod p;
            const bool from = e.integer("from_year", p.from_year, 1, "a year after placement (1 = the first)");
            const bool to = e.integer("to_year", p.to_year, 1, "a year after placement (1 = the first)");
            bool ok = from & to &
                      e.ratio("tax_share_origin", p.tax_share_origin, "the origin's share of tax") &
                      e.ratio("gdp_share_origin", p.gdp_share_origin, "the origin's share of GDP") &
                      e.enumerated("statistics_owner", p.statistics_owner, kEnclaveSideNames);
            if (from && to && p.to_year < p.from_year) {
                e.report(e.line_of_key("to_year"), e.path_of("to_year"),
                         fmt::format("{} is before from_year ({}); expected to_year >= from_year",
                                     p.to_year, p.from_year));
                ok = false;
            }
            if (from && p.from_year <= previous_to) {
                e.report(e.line_of_key("from_year"), e.path_of("from_year"),
                         fmt::format("{} overlaps or precedes the previous period (to year {}); "
                                     "expected periods in increasing order without overlap",
                                     p.from_year, previous_to));
                ok = false;
            }
            if (to) previous_to = std::max(previous_to, p.to_year);
            e.finish();
            if (ok) out.schedule.push_back(std::move(p));
        }
    }
    s.finish();
}

void read_solver(Section& s, SolverRules& out) {
    s.number("time_limit_s", out.time_limit_s, kPositive, "seconds");
    s.ratio("relative_gap", out.relative_gap, "an optimality gap");
    s.integer("node_limit", out.node_limit, 1, "a number of branch-and-bound nodes");
    s.integer("knapsack_bound_max_candidates", out.knapsack_bound_max_candidates, 0, "a number of candidates");
    s.number("knapsack_bound_max_s", out.knapsack_bound_max_s, kNonNegative, "seconds");
    s.ratio("knapsack_bound_time_share", out.knapsack_bound_time_share, "a share of the time left");
    s.integer("knapsack_bound_max_iterations", out.knapsack_bound_max_iterations, 0, "a number of iterations");
    s.number("knapsack_bound_max_candidate_steps", out.knapsack_bound_max_candidate_steps, kNonNegative,
             "a number of candidate-iterations");
    s.integer("knapsack_heuristic_search_every", out.knapsack_heuristic_search_every, 0, "a number of iterations");
    s.integer("knapsack_bound_lp_start_max_candidates", out.knapsack_bound_lp_start_max_candidates, 0,
              "a number of candidates");
    s.integer("knapsack_bound_capacity_units", out.knapsack_bound_capacity_units, 1, "a number of weight units");
    s.number("knapsack_bound_min_unit_mu", out.knapsack_bound_min_unit_mu, kPositive, "an area in 亩");
    s.number("cbc_candidates_per_second", out.cbc_candidates_per_second, kPositive, "candidates per second");
    s.integer("capacity_bound_max_iterations", out.capacity_bound_max_iterations, 1, "a number of iterations");
    s.number("capacity_bound_max_candidate_steps", out.capacity_bound_max_candidate_steps, kNonNegative,
             "a number of candidate-iterations");
    s.integer("greedy_improvement_rounds", out.greedy_improvement_rounds, 0, "a number of rounds");
    s.integer("site_search_rounds", out.site_search_rounds, 0, "a number of rounds");
    s.integer("submodel_sites", out.submodel_sites, 0, "a number of sites");
    s.integer("submodel_unplaced_projects", out.submodel_unplaced_projects, 0, "a number of projects");
    s.integer("submodel_node_limit", out.submodel_node_limit, 1, "a number of branch-and-bound nodes");
    s.integer("submodel_max_models", out.submodel_max_models, 0, "a number of models");
    s.number("submodel_max_s", out.submodel_max_s, kPositive, "seconds");
    s.ratio("submodel_time_share", out.submodel_time_share, "a share of the time left");
    s.integer("capacity_rounding_max_units", out.capacity_rounding_max_units, 0, "a number of area units");
    s.finish();
}

void read_map(Section& s, MapRules& out) {
    s.number("park_symbol_below_mm", out.park_symbol_below_mm, kNonNegative, "a width on screen in millimetres");
    s.number("park_symbol_min_mm", out.park_symbol_min_mm, kPositive, "a diameter on screen in millimetres");
    s.number("park_symbol_max_mm", out.park_symbol_max_mm, kPositive, "a diameter on screen in millimetres");
    s.number("flow_fold_below_mu", out.flow_fold_below_mu, kNonNegative, "an area in 亩");
    s.number("flow_width_min_mm", out.flow_width_min_mm, kPositive, "a width on screen in millimetres");
    s.number("flow_width_max_mm", out.flow_width_max_mm, kPositive, "a width on screen in millimetres");
    if (out.park_symbol_max_mm < out.park_symbol_min_mm)
        s.report(s.line_of_key("park_symbol_max_mm"), s.path_of("park_symbol_max_mm"),
                 fmt::format("{} is below park_symbol_min_mm ({}); expected max >= min", out.park_symbol_max_mm,
                             out.park_symbol_min_mm));
    if (out.flow_width_max_mm < out.flow_width_min_mm)
        s.report(s.line_of_key("flow_width_max_mm"), s.path_of("flow_width_max_mm"),
                 fmt::format("{} is below flow_width_min_mm ({}); expected max >= min", out.flow_width_max_mm,
                             out.flow_width_min_mm));
    s.finish();
}

void read_districts(Section& s, DistrictRules& out) {
    if (auto names = s.table("names")) {
        out.names.clear();
        names->entries([&](std::string_view code, const toml::node& node) {
            const auto* text = node.as_string();
            if (!text || text->get().empty()) {
                names->report(node, names->path_of(code), "expected the district's name as text, e.g. 321281 = \"某某市\"");
                return;
            }
            out.names[std::string(code)] = text->get();
        });
        names->finish();
    }
    s.finish();
}

}  // namespace

namespace {

// Reads a complete rules table (every key present); `problems` knows the files.
Rules read_rules(const toml::table& root, Problems& problems, std::string source) {
    Rules rules;
    rules.source = std::move(source);
    Section top(problems, root, "");
    top.text("version", rules.version, any_text("a string naming this rules set"));
    // Each section is read even when another failed, so one run reports all problems.
    auto section = [&](std::string_view key, auto read, auto& out) {
        if (auto s = top.table(key)) read(*s, out);
    };
    section("idle", read_idle, rules.idle);
    section("approved", read_approved, rules.approved);
    section("low_efficiency", read_low_efficiency, rules.low_efficiency);
    section("mujun", read_mujun, rules.mujun);
    section("policy", read_policy, rules.policy);
    section("shoreline", read_shoreline, rules.shoreline);
    section("data", read_data, rules.data);
    section("quota", read_quota, rules.quota);
    section("warnings", read_warnings, rules.warnings);
    section("monitoring", read_monitoring, rules.monitoring);
    section("evaluation", read_evaluation, rules.evaluation);
    section("screening", read_screening, rules.screening);
    section("standard_land", read_standard_land, rules.standard_land);
    section("fit", read_fit, rules.fit);
    section("objective", read_objective, rules.objective);
    section("enclave", read_enclave, rules.enclave);
    section("solver", read_solver, rules.solver);
    section("map", read_map, rules.map);
    section("districts", read_districts, rules.districts);
    top.finish();

    problems.raise_if_any();
    return rules;
}

// Lays `over` on `base`: tables merge key by key, anything else replaces whole.
// Nodes are moved, not copied: toml++ keeps a node's file and line only on a move,
// and every message and origin needs them.
void lay_over(toml::table& base, toml::table&& over) {
    for (auto&& [key, node] : over) {
        toml::node* below = base.get(key.str());
        if (below && below->is_table() && node.is_table()) {
            lay_over(*below->as_table(), std::move(*node.as_table()));
            continue;
        }
        node.visit([&, &k = key](auto& value) { base.insert_or_assign(k.str(), std::move(value)); });
    }
}

struct Layered {
    toml::table root;
    std::vector<std::string> files;  // problems sort in this order: the user's files first
    std::string source;
};

Layered layer(std::span<const std::string> paths) {
    Layered out;
    out.root = strict_toml::parse(default_rules_text(), std::string(kBuiltInRulesName), kHint);
    out.source = std::string(kBuiltInRulesName);
    for (const std::string& path : paths) {
        const std::string text = strict_toml::read_file(path, "rules file", "check the path given to --rules");
        lay_over(out.root, strict_toml::parse(text, path, kHint));
        out.files.push_back(path);
        out.source += " + " + path;
    }
    out.files.push_back(std::string(kBuiltInRulesName));
    return out;
}

Rules read_layered(const Layered& l) {
    Problems problems(l.files.front(), kHint);
    problems.order_files(l.files);
    return read_rules(l.root, problems, l.source);
}

// ---- the effective rules as text ---------------------------------------------------

std::string origin_of(const toml::node& node) {
    const Where at = where_of(node);
    const std::string_view file = at.file == kBuiltInRulesName ? std::string_view("built-in") : at.file;
    return fmt::format("{}:{}", file, at.line);
}

std::string value_text(const toml::node& node) {
    std::ostringstream out;
    // One line per value, whatever it holds: the origin comment follows it.
    out << toml::toml_formatter(node, toml::format_flags::allow_unicode_strings | toml::format_flags::relaxed_float_precision);
    std::string text = out.str();
    for (char& c : text)
        if (c == '\n') c = ' ';
    return text;
}

// The keys of `t` in the order they were written in the built-in file (user keys
// replace built-in ones in place; the built-in table gives the order).
std::vector<std::string_view> keys_in_order(const toml::table& t, const toml::table* built_in) {
    std::vector<std::pair<uint32_t, std::string_view>> keyed;
    for (auto&& [key, node] : t) {
        const toml::node* original = built_in ? built_in->get(key.str()) : nullptr;
        keyed.emplace_back(original ? strict_toml::line_of(*original) : strict_toml::line_of(node), key.str());
    }
    std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string_view> keys;
    for (const auto& [line, key] : keyed) keys.push_back(key);
    return keys;
}

bool is_array_of_tables(const toml::node& node) {
    const auto* a = node.as_array();
    return a && !a->empty() && a->is_array_of_tables();
}

void print_table(std::string& out, const toml::table& t, const toml::table* built_in, const std::string& path) {
    const std::vector<std::string_view> keys = keys_in_order(t, built_in);
    // Plain values first: TOML puts a table's own keys before its sub-tables.
    for (std::string_view key : keys) {
        const toml::node& node = *t.get(key);
        if (node.is_table() || is_array_of_tables(node)) continue;
        out += fmt::format("{} = {}  # {}\n", key, value_text(node), origin_of(node));
    }
    for (std::string_view key : keys) {
        const toml::node& node = *t.get(key);
        const std::string child = path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
        const toml::node* original = built_in ? built_in->get(key) : nullptr;
        if (const auto* sub = node.as_table()) {
            out += fmt::format("\n[{}]\n", child);
            print_table(out, *sub, original ? original->as_table() : nullptr, child);
        } else if (is_array_of_tables(node)) {
            const auto& array = *node.as_array();
            out += fmt::format("\n# [[{}]]: {} entries, the whole array from {}\n", child, array.size(), origin_of(node));
            for (const toml::node& entry : array) {
                out += fmt::format("\n[[{}]]\n", child);
                print_table(out, *entry.as_table(), nullptr, child);
            }
        }
    }
}

}  // namespace

Rules parse_rules(std::string_view toml_text, const std::string& source_name) {
    const toml::table root = strict_toml::parse(toml_text, source_name, kHint);
    Problems problems(source_name, kHint);
    return read_rules(root, problems, source_name);
}

Rules load_rules(std::span<const std::string> paths) {
    if (paths.empty()) return default_rules();
    return read_layered(layer(paths));
}

Rules load_rules_file(const std::string& path) { return load_rules(std::span<const std::string>(&path, 1)); }

std::string effective_rules_text(std::span<const std::string> paths) {
    const Layered l = layer(paths);
    const Rules rules = read_layered(l);  // the same checks as a run: never print rules a run would refuse
    const toml::table built_in = strict_toml::parse(default_rules_text(), std::string(kBuiltInRulesName), kHint);
    std::string out = fmt::format(
        "# Effective rules: {}\n"
        "# Each value is followed by where it was set; \"built-in:N\" is line N of\n"
        "# engine/rules/default_rules.toml, which gives its meaning and source.\n"
        "# An array of tables comes whole from one file (docs/rules.md).\n\n",
        rules.source);
    print_table(out, l.root, &built_in, "");
    return out;
}

Rules default_rules() {
    // Parsed once: the text is compiled in and cannot change while running.
    static const Rules rules = parse_rules(default_rules_text(), std::string(kBuiltInRulesName));
    return rules;
}

const StandardLandRow* standard_land_row(const StandardLandRules& rules, ParkLevel level, std::string_view industry) {
    const StandardLandRow* best = nullptr;
    std::size_t best_length = 0;
    for (const StandardLandRow& row : rules.rows) {
        if (row.level != level) continue;
        const bool any = row.industry == "*";
        if (!any && !industry.starts_with(row.industry)) continue;
        const std::size_t length = any ? 0 : row.industry.size();
        if (!best || length > best_length) {
            best = &row;
            best_length = length;
        }
    }
    return best;
}

std::optional<double> standard_land_threshold(const Rules& rules, const StandardLandRow& row, StandardIndicator indicator,
                                              std::string_view industry) {
    if (indicator == StandardIndicator::Far && row.far_from_low_efficiency) {
        if (const FarMinimum* m = far_minimum_for(rules.low_efficiency, industry)) return m->far_min;
        return std::nullopt;
    }
    return row.threshold[static_cast<std::size_t>(indicator)];
}

MissAction standard_land_miss(const StandardLandRules& rules, const StandardLandRow& row, StandardIndicator indicator) {
    const std::size_t i = static_cast<std::size_t>(indicator);
    if (row.miss[i]) return *row.miss[i];
    if (rules.miss_by_indicator[i]) return *rules.miss_by_indicator[i];
    return rules.miss;
}

FarMatch far_match(const LowEfficiencyRules& rules, std::string_view industry_2017) {
    FarMatch match;
    for (const IndustryCrosswalk& c : rules.crosswalk)
        if (industry_2017.starts_with(c.prefix_2017) &&
            (!match.crosswalk || c.prefix_2017.size() > match.crosswalk->prefix_2017.size()))
            match.crosswalk = &c;
    if (match.crosswalk)
        for (const FarMinimum& m : rules.far_minimums)
            if (m.code_2002 == match.crosswalk->code_2002) {
                match.minimum = &m;
                break;
            }
    return match;
}

std::string code_2002_for(const LowEfficiencyRules& rules, std::string_view industry_2017) {
    const FarMatch m = far_match(rules, industry_2017);
    return m.crosswalk ? m.crosswalk->code_2002 : std::string();
}

const FarMinimum* far_minimum_for(const LowEfficiencyRules& rules, std::string_view industry_2017) {
    return far_match(rules, industry_2017).minimum;
}

bool industry_has_prefix(std::string_view industry, std::string_view prefix) {
    return !prefix.empty() && industry.substr(0, prefix.size()) == prefix;
}

const PolicyRules::Listed* find_listed(const std::vector<PolicyRules::Listed>& list, std::string_view industry) {
    for (const auto& l : list)
        if (industry_has_prefix(industry, l.prefix)) return &l;
    return nullptr;
}

const std::string* chemical_prefix_of(const Rules& rules, std::string_view industry) {
    for (const auto& p : rules.policy.chemical_prefixes)
        if (industry_has_prefix(industry, p)) return &p;
    return nullptr;
}

bool is_chemical(const Rules& rules, std::string_view industry) { return chemical_prefix_of(rules, industry) != nullptr; }

}  // namespace parkcap::rules
