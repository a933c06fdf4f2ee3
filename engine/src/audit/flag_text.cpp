// Reasons and disposals of flags: the catalogue's templates (parkcap/audit/flags.hpp)
// filled from the figures each Flag carries, in Chinese for planners and English
// for everyone else. Templates are parsed once; filling one appends to a string.
#include <algorithm>
#include <cmath>
#include <iterator>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>

#include "parkcap/audit/audit.hpp"

namespace parkcap::audit {

namespace {

/// What a placeholder stands for.
enum class Field : uint8_t {
    Literal,
    Since, Days, Value, Threshold, Value2, ValuePct, ThresholdPct, ValueShare, Value2Share, AgeYears, Band,
    Industry, ParkName, ParkLevel, EntryCode, EntryName,
    FeeYears, FeeYearsS, TakebackYears, TakebackYearsS, HaltedYears, NotStartedYears, DevRatioBelow, InvRatioBelow,
    FeePercent,
};

struct FieldName {
    std::string_view name;
    Field field;
};
constexpr FieldName kFieldNames[] = {
    {"since", Field::Since}, {"days", Field::Days}, {"value", Field::Value}, {"threshold", Field::Threshold},
    {"value2", Field::Value2}, {"value_pct", Field::ValuePct}, {"threshold_pct", Field::ThresholdPct},
    {"value_share", Field::ValueShare}, {"value2_share", Field::Value2Share}, {"age_years", Field::AgeYears},
    {"band", Field::Band}, {"industry", Field::Industry}, {"park_name", Field::ParkName},
    {"park_level", Field::ParkLevel}, {"entry_code", Field::EntryCode}, {"entry_name", Field::EntryName},
    {"fee_years", Field::FeeYears}, {"fee_years_s", Field::FeeYearsS}, {"takeback_years", Field::TakebackYears},
    {"takeback_years_s", Field::TakebackYearsS}, {"halted_years", Field::HaltedYears},
    {"not_started_years", Field::NotStartedYears}, {"dev_ratio_below", Field::DevRatioBelow},
    {"inv_ratio_below", Field::InvRatioBelow}, {"fee_percent", Field::FeePercent},
};

/// A template cut into literal text and placeholders.
struct Piece {
    Field field = Field::Literal;
    std::string text;    ///< the literal, or the number's format ("{:.2f}") for a placeholder
};
using Template = std::vector<Piece>;

Template compile(std::string_view source) {
    Template out;
    std::size_t at = 0;
    while (at < source.size()) {
        const std::size_t open = source.find('{', at);
        if (open != at) {
            out.push_back({Field::Literal, std::string(source.substr(at, open - at))});
            if (open == std::string_view::npos) break;
        }
        const std::size_t close = source.find('}', open);
        if (close == std::string_view::npos) throw std::logic_error(fmt::format("flag text '{}': unclosed {{", source));
        const std::string_view inner = source.substr(open + 1, close - open - 1);
        const std::size_t colon = inner.find(':');
        const std::string_view name = inner.substr(0, colon);
        Piece p;
        for (const FieldName& f : kFieldNames)
            if (f.name == name) p.field = f.field;
        if (p.field == Field::Literal)
            throw std::logic_error(fmt::format("flag text '{}': unknown placeholder {{{}}}", source, name));
        p.text = colon == std::string_view::npos ? "{}" : fmt::format("{{:{}}}", inner.substr(colon + 1));
        out.push_back(std::move(p));
        at = close + 1;
    }
    return out;
}

enum Lang { Zh = 0, En = 1 };

/// Every template of the catalogue, parsed on first use: [code][cause][language].
struct Compiled {
    std::array<std::array<std::array<Template, 2>, kMaxCauses>, kFlagCodeCount> reason, disposal;
};

const Compiled& compiled() {
    static const Compiled c = [] {
        Compiled out;
        auto fill = [](const std::array<FlagText, kMaxCauses>& texts, std::array<std::array<Template, 2>, kMaxCauses>& to) {
            for (std::size_t k = 0; k < kMaxCauses; ++k) {
                const FlagText& t = texts[k].zh ? texts[k] : texts[0];  // a cause without its own text uses the first
                to[k][Zh] = compile(t.zh);
                to[k][En] = compile(t.en);
            }
        };
        for (const FlagInfo& f : kFlags) {
            fill(f.reason, out.reason[static_cast<std::size_t>(f.code)]);
            fill(f.disposal, out.disposal[static_cast<std::size_t>(f.code)]);
        }
        return out;
    }();
    return c;
}

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

std::string band_text(const rules::Rules& r, uint8_t band, Lang lang) {
    const auto& b = r.approved.age_band_years;
    const bool zh = lang == Zh;
    if (band == kNoBand || b.empty()) return zh ? "批准日期不详" : "approval date unknown";
    if (band == 0) return zh ? fmt::format("不足 {} 年", b.front()) : fmt::format("under {} years", b.front());
    if (band >= b.size()) return zh ? fmt::format("{} 年以上", b.back()) : fmt::format("over {} years", b.back());
    return zh ? fmt::format("{}–{} 年", b[band - 1], b[band]) : fmt::format("{}–{} years", b[band - 1], b[band]);
}

/// The investment-minimum slot the flag recorded: a park level, or outside parks.
std::string park_level_text(uint16_t slot, Lang lang) {
    if (slot >= rules::kInvestmentMinKeys.size()) return "?";
    if (slot == rules::kInvestmentMinKeys.size() - 1) return lang == Zh ? "园区外" : "outside parks";
    const auto level = static_cast<ParkLevel>(slot);
    return lang == Zh ? std::string(chinese_name(level)) + "园区" : std::string(to_string(level)) + " park";
}

/// The name and code of the rules entry the flag recorded.
std::string entry_code(const Flag& f, const rules::Rules& r) {
    if (f.code == FlagCode::LowFar && f.entry < r.low_efficiency.far_minimums.size())
        return r.low_efficiency.far_minimums[f.entry].code_2002;
    return "?";
}
std::string entry_name(const Flag& f, const rules::Rules& r) {
    if (f.code == FlagCode::LowFar && f.entry < r.low_efficiency.far_minimums.size())
        return r.low_efficiency.far_minimums[f.entry].name;
    if (f.code == FlagCode::PhaseOut && f.entry < r.policy.phase_out.size()) return r.policy.phase_out[f.entry].name;
    return "";
}

std::string render(const Template& t, const Flag& f, const City* city, const rules::Rules& r, Lang lang) {
    std::string out;
    auto back = std::back_inserter(out);
    auto number = [&](const Piece& p, double v) { fmt::format_to(back, fmt::runtime(p.text), v); };
    auto whole = [&](int v) { fmt::format_to(back, "{}", v); };
    auto city_text = [&](auto get) -> std::string {
        if (!city) throw std::logic_error("a disposal template names the parcel");  // disposals quote the rules only
        return get(*city);
    };
    for (const Piece& p : t) {
        switch (p.field) {
        case Field::Literal: out += p.text; break;
        case Field::Since: out += f.since.iso(); break;
        case Field::Days: whole(f.days); break;
        case Field::Value: number(p, f.value); break;
        case Field::Threshold: number(p, f.threshold); break;
        case Field::Value2: number(p, f.value2); break;
        case Field::ValuePct: number(p, f.value * 100); break;
        case Field::ThresholdPct: number(p, f.threshold * 100); break;
        case Field::ValueShare: out += ratio_text(f.value); break;
        case Field::Value2Share: out += ratio_text(f.value2); break;
        case Field::AgeYears: number(p, f.days / 365.25); break;
        case Field::Band: out += band_text(r, f.band, lang); break;
        case Field::Industry:
            out += city_text([&](const City& c) { return std::string(c.parcels.industry[f.parcel]); });
            break;
        case Field::ParkName:
            out += city_text([&](const City& c) {
                const int32_t park = c.parcels.park[f.parcel];
                return park < 0 ? std::string(lang == Zh ? "园区外" : "outside parks")
                                : c.parks[static_cast<std::size_t>(park)].name;
            });
            break;
        case Field::ParkLevel: out += park_level_text(f.entry, lang); break;
        case Field::EntryCode: out += entry_code(f, r); break;
        case Field::EntryName: out += entry_name(f, r); break;
        case Field::FeeYears: whole(r.idle.fee_years); break;
        case Field::FeeYearsS: out += r.idle.fee_years == 1 ? "" : "s"; break;
        case Field::TakebackYears: whole(r.idle.takeback_years); break;
        case Field::TakebackYearsS: out += r.idle.takeback_years == 1 ? "" : "s"; break;
        case Field::HaltedYears: whole(r.idle.halted_years); break;
        case Field::NotStartedYears: whole(r.idle.not_started_years); break;
        case Field::DevRatioBelow: out += share_text(r.idle.dev_ratio_below); break;
        case Field::InvRatioBelow: out += share_text(r.idle.inv_ratio_below); break;
        case Field::FeePercent: number(p, r.idle.fee_share_of_land_price * 100); break;
        }
    }
    return out;
}

const Template& reason_template(const Flag& f, Lang lang) {
    return compiled().reason[static_cast<std::size_t>(f.code)][f.cause < kMaxCauses ? f.cause : 0][lang];
}
const Template& disposal_template(const Flag& f, Lang lang) {
    return compiled().disposal[static_cast<std::size_t>(f.code)][f.cause < kMaxCauses ? f.cause : 0][lang];
}

/// Whether a template reads nothing of the flag it is rendered for (only literals
/// and the rules' own figures).
bool quotes_rules_only(const Template& t) {
    return std::all_of(t.begin(), t.end(), [](const Piece& p) {
        return p.field == Field::Literal || p.field >= Field::FeeYears;
    });
}

}  // namespace

DisposalTexts::DisposalTexts(const rules::Rules& r) {
    texts_.reserve(kFlagCodeCount * kMaxCauses * 2);
    for (std::size_t code = 0; code < kFlagCodeCount; ++code)
        for (std::size_t cause = 0; cause < kMaxCauses; ++cause)
            for (const Lang lang : {Zh, En}) {
                const Template& t = compiled().disposal[code][cause][lang];
                if (!quotes_rules_only(t))
                    throw std::logic_error(fmt::format("the disposal of {} quotes the flag's figures: it cannot be shared",
                                                       kFlags[code].name));
                Flag f;
                f.code = static_cast<FlagCode>(code);
                f.cause = static_cast<uint8_t>(cause);
                texts_.push_back(render(t, f, nullptr, r, lang));
            }
}

const std::string& DisposalTexts::text(const Flag& f, int language) const {
    const std::size_t cause = f.cause < kMaxCauses ? f.cause : 0;
    return texts_[(static_cast<std::size_t>(f.code) * kMaxCauses + cause) * 2 + static_cast<std::size_t>(language)];
}

const char* code_name(FlagCode c) { return flag_info(c).name; }
const char* flag_title_zh(FlagCode c) { return flag_info(c).title.zh; }
const char* flag_title_en(FlagCode c) { return flag_info(c).title.en; }

const char* severity_name(FlagSeverity s) {
    static const char* const names[] = {"info", "low", "medium", "high"};
    return names[static_cast<int>(s)];
}

std::optional<FlagCode> parse_flag_code(std::string_view name) {
    for (const FlagInfo& f : kFlags)
        if (name == f.name) return f.code;
    return std::nullopt;
}

std::optional<FlagSeverity> parse_severity(std::string_view name) {
    for (int s = 0; s <= static_cast<int>(FlagSeverity::High); ++s)
        if (name == severity_name(static_cast<FlagSeverity>(s))) return static_cast<FlagSeverity>(s);
    return std::nullopt;
}

const char* class_name(MujunClass c) {
    static const char* const names[] = {"", "A", "B", "C", "D", "T"};
    return names[static_cast<int>(c)];
}

std::string reason_zh(const Flag& f, const City& city, const rules::Rules& r) {
    return render(reason_template(f, Zh), f, &city, r, Zh);
}
std::string reason_en(const Flag& f, const City& city, const rules::Rules& r) {
    return render(reason_template(f, En), f, &city, r, En);
}
std::string disposal_zh(const Flag& f, const rules::Rules& r) { return render(disposal_template(f, Zh), f, nullptr, r, Zh); }
std::string disposal_en(const Flag& f, const rules::Rules& r) { return render(disposal_template(f, En), f, nullptr, r, En); }

const char* warning_key(WarningKind k) {
    switch (k) {
        case WarningKind::StartDue: return "START_DUE";
        case WarningKind::BecomesIdle: return "BECOMES_IDLE";
        case WarningKind::BecomesTakeback: return "BECOMES_TAKEBACK";
        case WarningKind::ApprovalLapses: return "APPROVAL_LAPSES";
    }
    return "";
}

namespace {
std::string in_days(int32_t days) { return fmt::format("in {} day{}", days, days == 1 ? "" : "s"); }
}  // namespace

// The texts quote the rules' own periods, so a bureau that sets other years reads them.
std::string warning_text_zh(const EarlyWarning& w, const City& city, const rules::Rules& r) {
    const std::string due = w.due.iso();
    switch (w.kind) {
        case WarningKind::StartDue:
            return fmt::format("约定动工日期 {}（{} 天后）：督促按期动工，逾期满 {} 年即为闲置土地", due, w.days,
                               r.idle.not_started_years);
        case WarningKind::BecomesIdle:
            return fmt::format("{} 起构成闲置土地（{} 天后）：届时征收土地闲置费，之前督促开工", due, w.days);
        case WarningKind::BecomesTakeback:
            return fmt::format("{} 起闲置满 {} 年（{} 天后）：届时可无偿收回", due, r.idle.takeback_years, w.days);
        case WarningKind::ApprovalLapses:
            return fmt::format("{} 批准，{} 满 {} 年未供地（{} 天后）：尽快供地，否则批准失效", city.parcels.appr_date[w.parcel].iso(),
                               due, r.warnings.approval_lapse_years, w.days);
    }
    return "";
}

std::string warning_text_en(const EarlyWarning& w, const City& city, const rules::Rules& r) {
    const std::string due = w.due.iso();
    switch (w.kind) {
        case WarningKind::StartDue:
            return fmt::format("agreed construction start {} ({}): see that work starts; {} year{} late it is idle land", due,
                               in_days(w.days), r.idle.not_started_years, r.idle.not_started_years == 1 ? "" : "s");
        case WarningKind::BecomesIdle:
            return fmt::format("becomes idle land on {} ({}): the idle fee is due from then; push for work to start first", due,
                               in_days(w.days));
        case WarningKind::BecomesTakeback:
            return fmt::format("idle {} years on {} ({}): may then be taken back without compensation", r.idle.takeback_years,
                               due, in_days(w.days));
        case WarningKind::ApprovalLapses:
            return fmt::format("approved {}, unsupplied {} years on {} ({}): supply it before the approval lapses",
                               city.parcels.appr_date[w.parcel].iso(), r.warnings.approval_lapse_years, due, in_days(w.days));
    }
    return "";
}

}  // namespace parkcap::audit
