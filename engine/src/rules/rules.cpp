// Reads the rules file strictly. A rules file decides who is fined and whose land
// is taken back, so a misspelt key or an impossible value must stop the run
// rather than fall back to a default; and since editing a file costs a round
// trip, every problem is collected and reported at once, each with its line.
#include "parkcap/rules/rules.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <optional>
#include <regex>
#include <span>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "parkcap/core/error.hpp"

namespace parkcap::rules {
namespace {

constexpr const char* kHint =
    "docs/rules.md describes every key; the default rules file "
    "(engine/rules/default_rules.toml) shows each with its meaning and source";

// ---------------------------------------------------------------------------
// Problems: collected in reading order, reported in file order.

class Problems {
public:
    explicit Problems(std::string source) : source_(std::move(source)) {}

    void add(uint32_t line, std::string_view path, std::string_view what) {
        list_.push_back({line, fmt::format("{}:{}: {}: {}", source_, line, path, what)});
    }
    bool empty() const { return list_.empty(); }

    [[noreturn]] void raise() {
        std::stable_sort(list_.begin(), list_.end(),
                         [](const Problem& a, const Problem& b) { return a.line < b.line; });
        std::string message;
        for (const Problem& p : list_) message += (message.empty() ? "" : "\n") + p.text;
        throw DataError(message, kHint);
    }

private:
    struct Problem {
        uint32_t line;
        std::string text;
    };
    std::string source_;
    std::vector<Problem> list_;
};

uint32_t line_of(const toml::node& node) { return node.source().begin.line; }

const char* type_name(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::string: return "a string";
        case toml::node_type::integer: return "an integer";
        case toml::node_type::floating_point: return "a decimal number";
        case toml::node_type::boolean: return "a boolean";
        case toml::node_type::table: return "a table";
        case toml::node_type::array: return "an array";
        default: return "a date or time";
    }
}

// The value as written, for messages; tables and arrays are named, not dumped.
std::string quote(const toml::node& node) {
    if (const auto* s = node.as_string()) return fmt::format("\"{}\"", s->get());
    if (const auto* i = node.as_integer()) return fmt::format("{}", i->get());
    if (const auto* f = node.as_floating_point()) return fmt::format("{}", f->get());
    if (const auto* b = node.as_boolean()) return b->get() ? "true" : "false";
    return type_name(node);
}

std::string wrong_type(const toml::node& node, std::string_view expected) {
    if (node.is_table() || node.is_array() || node.is_date() || node.is_time() || node.is_date_time())
        return fmt::format("got {}; expected {}", type_name(node), expected);
    return fmt::format("{} is {}; expected {}", quote(node), type_name(node), expected);
}

std::string join(std::span<const std::string_view> names) {
    std::string out;
    for (std::string_view n : names) out += (out.empty() ? "" : ", ") + std::string(n);
    return out;
}

// Allowed numeric ranges; `text` completes "expected <what> <text>".
struct Range {
    double lo, hi;
    bool lo_open;
    const char* text;
    bool contains(double v) const {
        return std::isfinite(v) && (lo_open ? v > lo : v >= lo) && v <= hi;
    }
};
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr Range kAnyNumber{-kInf, kInf, false, ""};
constexpr Range kNonNegative{0, kInf, false, ">= 0"};
constexpr Range kPositive{0, kInf, true, "> 0"};
constexpr Range kShare{0, 1, false, "from 0 to 1"};
constexpr Range kAtLeastOne{1, kInf, false, ">= 1"};

std::string expectation(std::string_view what, const Range& range) {
    return *range.text ? fmt::format("{} {}", what, range.text) : std::string(what);
}

// What a string value must look like.
struct StringRule {
    std::string expected;                      // completes "expected ..."
    std::function<bool(std::string_view)> ok;  // on top of being non-empty
};

StringRule any_text(std::string expected) {
    return {std::move(expected), [](std::string_view) { return true; }};
}
StringRule one_of(std::span<const std::string_view> names) {
    std::vector<std::string_view> list(names.begin(), names.end());
    return {"one of " + join(names), [list](std::string_view v) {
                return std::find(list.begin(), list.end(), v) != list.end();
            }};
}
StringRule matching(const char* pattern, std::string expected) {
    return {std::move(expected), [re = std::regex(pattern)](std::string_view v) {
                return std::regex_match(v.begin(), v.end(), re);
            }};
}
// GB/T 4754-2017 codes: a section letter and up to four digits ("C", "C37", "C3731").
StringRule industry_prefix() {
    return matching("[A-T][0-9]{0,4}", "a GB/T 4754-2017 code prefix such as \"C37\" or \"C3731\"");
}

constexpr std::string_view kLandUses[] = {"industrial", "logistics", "commercial",
                                          "residential", "public", "other"};
constexpr std::string_view kStatuses[] = {"planned", "approved", "supplied",
                                          "building", "built", "reserve"};
constexpr std::string_view kShoreZones[] = {"protect", "reserve", "control", "develop"};
constexpr std::string_view kSides[] = {"host", "origin"};

// "n/d" with whole n and d > 0 (whitespace allowed around the numbers).
std::optional<double> parse_fraction(std::string_view text) {
    auto trim = [](std::string_view s) {
        while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
        while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
        return s;
    };
    const size_t slash = text.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    auto whole = [](std::string_view s) -> std::optional<uint64_t> {
        uint64_t v = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
        return v;
    };
    const auto num = whole(trim(text.substr(0, slash)));
    const auto den = whole(trim(text.substr(slash + 1)));
    if (!num || !den || *den == 0) return std::nullopt;
    return static_cast<double>(*num) / static_cast<double>(*den);
}

// ---------------------------------------------------------------------------
// Section: one TOML table being read. It remembers the keys asked for, and
// finish() reports every other key as unknown, so a misspelt key is an error
// rather than a silently ignored line. Readers return false (after reporting)
// when the value is missing or bad, so cross-checks run only on good values.

class Section {
public:
    Section(Problems& problems, const toml::table& table, std::string path)
        : problems_(&problems), table_(&table), path_(std::move(path)) {}

    std::string path_of(std::string_view key) const {
        return path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
    }
    const std::string& path() const { return path_; }
    uint32_t line() const { return std::max<uint32_t>(1, line_of(*table_)); }
    uint32_t line_of_key(std::string_view key) const {
        const toml::node* node = table_->get(key);
        return node ? line_of(*node) : line();
    }
    void report(uint32_t at, std::string_view path, std::string_view what) { problems_->add(at, path, what); }
    void report(std::string_view what) { problems_->add(line(), path_, what); }

    // The node at `key`, or nullptr after reporting it missing.
    const toml::node* get(std::string_view key, std::string_view expected) {
        remember(key);
        const toml::node* node = table_->get(key);
        if (!node) problems_->add(line(), path_of(key), fmt::format("missing; expected {}", expected));
        return node;
    }

    // True when `key` is present; marks it known either way (for optional keys).
    bool has(std::string_view key) {
        remember(key);
        return table_->contains(key);
    }

    bool integer(std::string_view key, int& out, int min, std::string_view what) {
        const std::string expected = fmt::format("{} >= {}", what, min);
        const toml::node* node = get(key, expected);
        if (!node) return false;
        const auto* v = node->as_integer();
        if (!v) return bad(*node, key, wrong_type(*node, expected));
        if (v->get() < min || v->get() > std::numeric_limits<int>::max())
            return bad(*node, key, fmt::format("{} is out of range; expected {}", v->get(), expected));
        out = static_cast<int>(v->get());
        return true;
    }

    bool number(std::string_view key, double& out, const Range& range, std::string_view what) {
        const std::string expected = expectation(what, range);
        const toml::node* node = get(key, expected);
        return node && number_value(*node, path_of(key), out, range, expected);
    }

    // A share: a number, or an exact fraction string such as "1/3" (the law says
    // 不足三分之一, and 1/3 has no exact decimal).
    bool ratio(std::string_view key, double& out, std::string_view what) {
        const std::string expected = fmt::format(
            "{} from 0 to 1, as a number (0.25) or a fraction string (\"1/3\")", what);
        const toml::node* node = get(key, expected);
        if (!node) return false;
        if (const auto* s = node->as_string()) {
            const auto value = parse_fraction(s->get());
            if (!value) return bad(*node, key, fmt::format("{} is not a fraction n/d with d > 0; expected {}", quote(*node), expected));
            if (!kShare.contains(*value)) return bad(*node, key, fmt::format("{} is out of range; expected {}", quote(*node), expected));
            out = *value;
            return true;
        }
        if (!node->is_number()) return bad(*node, key, wrong_type(*node, expected));
        return number_value(*node, path_of(key), out, kShare, expected);
    }

    bool text(std::string_view key, std::string& out, const StringRule& rule) {
        const toml::node* node = get(key, rule.expected);
        return node && string_value(*node, path_of(key), out, rule);
    }

    // An array of strings, each following `rule`.
    bool texts(std::string_view key, std::vector<std::string>& out, const StringRule& rule) {
        const std::string expected = "an array of strings, each " + rule.expected;
        const toml::node* node = get(key, expected);
        if (!node) return false;
        const auto* array = node->as_array();
        if (!array) return bad(*node, key, wrong_type(*node, expected));
        bool ok = true;
        std::vector<std::string> values;
        for (size_t i = 0; i < array->size(); ++i) {
            std::string value;
            if (string_value((*array)[i], fmt::format("{}[{}]", path_of(key), i + 1), value, rule))
                values.push_back(std::move(value));
            else
                ok = false;
        }
        if (ok) out = std::move(values);
        return ok;
    }

    std::optional<Section> table(std::string_view key) {
        const std::string expected = fmt::format("a table [{}]", path_of(key));
        const toml::node* node = get(key, expected);
        if (!node) return std::nullopt;
        if (const auto* t = node->as_table()) return Section(*problems_, *t, path_of(key));
        bad(*node, key, wrong_type(*node, expected));
        return std::nullopt;
    }

    // An array of tables ([[key]] entries), numbered from 1 in paths. Empty
    // (`key = []`) is allowed. Returns nullopt when missing or not an array.
    std::optional<std::vector<Section>> tables(std::string_view key) {
        const std::string expected = fmt::format(
            "[[{}]] entries (write `{} = []` for none)", path_of(key), key);
        const toml::node* node = get(key, expected);
        if (!node) return std::nullopt;
        const auto* array = node->as_array();
        if (!array) {
            bad(*node, key, wrong_type(*node, expected));
            return std::nullopt;
        }
        std::vector<Section> entries;
        for (size_t i = 0; i < array->size(); ++i) {
            const std::string path = fmt::format("{}[{}]", path_of(key), i + 1);
            if (const auto* t = (*array)[i].as_table())
                entries.emplace_back(*problems_, *t, path);
            else
                problems_->add(line_of((*array)[i]), path, wrong_type((*array)[i], "a table"));
        }
        return entries;
    }

    // Reports the keys nobody asked for.
    void finish() {
        for (auto&& [key, node] : *table_) {
            if (std::find(known_.begin(), known_.end(), key.str()) != known_.end()) continue;
            std::vector<std::string_view> names(known_.begin(), known_.end());
            problems_->add(key.source().begin.line ? key.source().begin.line : line_of(node),
                           path_of(key.str()),
                           fmt::format("unknown key; expected one of {}", join(names)));
        }
    }

private:
    void remember(std::string_view key) {
        if (std::find(known_.begin(), known_.end(), key) == known_.end()) known_.emplace_back(key);
    }

    bool bad(const toml::node& node, std::string_view key, std::string_view what) {
        problems_->add(line_of(node), path_of(key), what);
        return false;
    }

    bool number_value(const toml::node& node, const std::string& path, double& out,
                      const Range& range, std::string_view expected) {
        std::optional<double> value;
        if (const auto* i = node.as_integer()) value = static_cast<double>(i->get());
        if (const auto* f = node.as_floating_point()) value = f->get();
        if (!value) {
            problems_->add(line_of(node), path, wrong_type(node, expected));
            return false;
        }
        if (!range.contains(*value)) {
            problems_->add(line_of(node), path, fmt::format("{} is out of range; expected {}", quote(node), expected));
            return false;
        }
        out = *value;
        return true;
    }

    bool string_value(const toml::node& node, const std::string& path, std::string& out,
                      const StringRule& rule) {
        const auto* s = node.as_string();
        if (!s) {
            problems_->add(line_of(node), path, wrong_type(node, rule.expected));
            return false;
        }
        if (s->get().empty() || !rule.ok(s->get())) {
            problems_->add(line_of(node), path,
                           fmt::format("{} is not valid; expected {}", quote(node), rule.expected));
            return false;
        }
        out = s->get();
        return true;
    }

    Problems* problems_;
    const toml::table* table_;
    std::string path_;
    std::vector<std::string> known_;
};

// Reports a second entry with the same key (`what` names it) in an array of tables.
template <class T, class KeyOf>
void check_unique(Section& owner, const std::vector<T>& items, const std::vector<uint32_t>& lines,
                  std::string_view array_key, std::string_view field, KeyOf key_of) {
    for (size_t i = 0; i < items.size(); ++i)
        for (size_t j = 0; j < i; ++j)
            if (key_of(items[i]) == key_of(items[j])) {
                owner.report(lines[i], fmt::format("{}.{}", owner.path_of(array_key), field),
                             fmt::format("\"{}\" appears twice (also at line {}); expected each {} once",
                                         key_of(items[i]), lines[j], field));
                break;
            }
}

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
    s.texts("land_uses", out.land_uses, one_of(kLandUses));
    s.texts("statuses", out.statuses, one_of(kStatuses));
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
        std::vector<uint32_t> lines;
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
        std::vector<uint32_t> lines;
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
    s.texts("land_uses", out.land_uses, one_of(kLandUses));

    if (auto entries = s.tables("indicator")) {
        out.indicators.clear();
        std::vector<uint32_t> lines;
        for (Section& e : *entries) {
            MujunIndicator ind;
            bool ok = e.text("name", ind.name, one_of(kMujunIndicatorNames)) &
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
                     [](const MujunIndicator& i) { return i.name; });
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
    s.number("developed_distance_m", out.developed_distance_m, kNonNegative, "a distance in metres");
    s.finish();
}

void read_quota(Section& s, QuotaRules& out) {
    s.number("earned_mu_per_mu_disposed", out.earned_mu_per_mu_disposed, kNonNegative, "亩 of quota per 亩 disposed");
    s.integer("window_years", out.window_years, 1, "a whole number of years");
    s.texts("disposal_kinds", out.disposal_kinds, one_of(kDisposalKinds));
    s.finish();
}

void read_screening(Section& s, ScreeningRules& out) {
    s.number("tax_floor_wan_per_mu", out.tax_floor_wan_per_mu, kNonNegative, "a tax in 万元/亩/year");
    s.number("sprawl_max_ratio", out.sprawl_max_ratio, kAtLeastOne,
             "a ratio of area asked to area justified");
    s.finish();
}

void read_fit(Section& s, FitRules& out) {
    s.texts("general_parks", out.general_parks, any_text("a park_id"));
    s.number("shore_site_distance_m", out.shore_site_distance_m, kNonNegative, "a distance in metres");
    s.texts("shore_zones", out.shore_zones, one_of(kShoreZones));
    s.texts("site_land_uses", out.site_land_uses, one_of(kLandUses));
    s.number("min_remnant_mu", out.min_remnant_mu, kNonNegative, "an area in 亩");
    s.finish();
}

void read_objective(Section& s, ObjectiveRules& out) {
    if (auto entries = s.tables("term")) {
        out.terms.clear();
        std::vector<uint32_t> lines;
        for (Section& e : *entries) {
            ObjectiveTerm term;
            if (e.text("name", term.name, one_of(kObjectiveTermNames)) &
                e.number("weight", term.weight, kAnyNumber, "a weight (any number; negative penalises)") &
                e.number("scale", term.scale, kPositive, "a scale in the term's unit")) {
                out.terms.push_back(std::move(term));
                lines.push_back(e.line_of_key("name"));
            }
            e.finish();
        }
        check_unique(s, out.terms, lines, "term", "name", [](const ObjectiveTerm& t) { return t.name; });
        // Only meaningful once every entry read: an all-zero objective places nothing on purpose.
        if (lines.size() == entries->size() &&
            std::all_of(out.terms.begin(), out.terms.end(), [](const ObjectiveTerm& t) { return t.weight == 0; }))
            s.report(s.line_of_key("term"), s.path_of("term"),
                     "every weight is 0; expected at least one non-zero weight");
    }
    s.finish();
}

void read_enclave(Section& s, EnclaveRules& out) {
    s.text("quota_paid_by", out.quota_paid_by, one_of(kSides));
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
                      e.text("statistics_owner", p.statistics_owner, one_of(kSides));
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
    s.finish();
}

}  // namespace

Rules parse_rules(std::string_view toml_text, const std::string& source_name) {
    toml::table root;
    try {
        root = toml::parse(toml_text, std::string_view(source_name));
    } catch (const toml::parse_error& e) {
        const auto& at = e.source().begin;
        throw DataError(fmt::format("{}:{}:{}: TOML syntax error: {}; expected a UTF-8 TOML file "
                                    "(https://toml.io)",
                                    source_name, at.line, at.column, e.description()),
                        kHint);
    }

    Problems problems(source_name);
    Rules rules;
    rules.source = source_name;
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
    section("quota", read_quota, rules.quota);
    section("screening", read_screening, rules.screening);
    section("fit", read_fit, rules.fit);
    section("objective", read_objective, rules.objective);
    section("enclave", read_enclave, rules.enclave);
    section("solver", read_solver, rules.solver);
    top.finish();

    if (!problems.empty()) problems.raise();
    return rules;
}

Rules load_rules_file(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw InputError(fmt::format("{}: cannot read rules file: {}", path,
                                     std::filesystem::exists(path, ec) ? "not a regular file" : "no such file"),
                         "check the path given to --rules");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(fmt::format("{}: cannot read rules file: {}", path, std::strerror(errno)),
                         "check the file's permissions");
    std::ostringstream text;
    text << in.rdbuf();
    return parse_rules(text.str(), path);
}

Rules default_rules() {
    // Parsed once: the text is compiled in and cannot change while running.
    static const Rules rules = parse_rules(default_rules_text(), "<default rules>");
    return rules;
}

std::string code_2002_for(const LowEfficiencyRules& rules, std::string_view industry_2017) {
    const IndustryCrosswalk* best = nullptr;
    for (const IndustryCrosswalk& c : rules.crosswalk)
        if (industry_2017.starts_with(c.prefix_2017) &&
            (!best || c.prefix_2017.size() > best->prefix_2017.size()))
            best = &c;
    return best ? best->code_2002 : std::string();
}

const FarMinimum* far_minimum_for(const LowEfficiencyRules& rules, std::string_view industry_2017) {
    const std::string code = code_2002_for(rules, industry_2017);
    if (code.empty()) return nullptr;
    for (const FarMinimum& m : rules.far_minimums)
        if (m.code_2002 == code) return &m;
    return nullptr;
}

bool industry_has_prefix(std::string_view industry, std::string_view prefix) {
    return !prefix.empty() && industry.substr(0, prefix.size()) == prefix;
}

const PolicyRules::Listed* find_listed(const std::vector<PolicyRules::Listed>& list, std::string_view industry) {
    for (const auto& l : list)
        if (industry_has_prefix(industry, l.prefix)) return &l;
    return nullptr;
}

bool is_chemical(const Rules& rules, std::string_view industry) {
    for (const auto& p : rules.policy.chemical_prefixes)
        if (industry_has_prefix(industry, p)) return true;
    return false;
}

}  // namespace parkcap::rules
