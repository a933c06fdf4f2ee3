// Reasons as people read them: each code's template in the catalogue
// (codes.hpp) filled with the figures recorded when its rule was applied.
#include <fmt/format.h>

#include "parkcap/allocate/allocate.hpp"

namespace parkcap::allocate {

namespace {

const std::string& park_name(const City& city, int32_t park) {
    static const std::string none;
    return park >= 0 ? city.parks[static_cast<std::size_t>(park)].name : none;
}

const char* level_name(bool zh, ParkLevel level) { return zh ? chinese_name(level) : to_string(level); }

/// A 标准地 row's industries: "各行业" / "any industry", or "行业 C34" / "industry C34".
std::string row_industries(bool zh, const std::string& prefix) {
    if (prefix == "*") return zh ? "各行业" : "any industry";
    return fmt::format("{} {}", zh ? "行业" : "industry", prefix);
}

std::string refusal_text(bool zh, const Refusal& r, const City& city, std::size_t j) {
    const Project& p = city.projects[j];
    std::string parks;
    for (uint32_t k : r.parks) parks.append(parks.empty() ? "" : zh ? "、" : ", ").append(city.parks[k].park_id);
    return fmt::format(fmt::runtime(zh ? info(r.code).reason_zh : info(r.code).reason_en), fmt::arg("industry", p.industry),
                       fmt::arg("area", p.area_mu), fmt::arg("value", r.value), fmt::arg("threshold", r.threshold),
                       fmt::arg("park", park_name(city, r.park)), fmt::arg("list_prefix", r.list_prefix),
                       fmt::arg("list_name", r.list_name), fmt::arg("standard", r.standard_wan_per_mu),
                       fmt::arg("justified", r.justified_mu), fmt::arg("level", level_name(zh, r.level)),
                       fmt::arg("row", row_industries(zh, r.standard_industry)), fmt::arg("parks", parks));
}

std::string verdict_text(bool zh, const SiteVerdict& v, const City& city, const std::vector<Site>& sites, std::size_t j) {
    const Park& park = city.parks[sites[v.site].park];
    const StandardIndicatorInfo& ind = info(v.indicator);
    const bool min = ind.bound == IndicatorBound::Min;
    const std::string unit = *(zh ? ind.unit_zh : ind.unit_en) ? fmt::format(" {}", zh ? ind.unit_zh : ind.unit_en) : "";
    return fmt::format(fmt::runtime(zh ? info(v.rule).reason_zh : info(v.rule).reason_en), fmt::arg("park", park.name),
                       fmt::arg("park_id", park.park_id), fmt::arg("industry", city.projects[j].industry),
                       fmt::arg("value", v.value), fmt::arg("threshold", v.threshold),
                       fmt::arg("indicator", zh ? ind.title_zh : ind.title_en), fmt::arg("unit", unit),
                       fmt::arg("decimals", ind.decimals), fmt::arg("level", level_name(zh, park.level)),
                       fmt::arg("op", zh ? (min ? "<" : ">") : (min ? "below" : "above")),
                       fmt::arg("bound", zh ? (min ? "最低" : "最高") : (min ? "minimum" : "maximum")));
}

std::string pin_text(const char* text, const PinProblem& pp, const City& city, const Plan& plan) {
    const std::string& target = pp.site >= 0 ? plan.sites[static_cast<std::size_t>(pp.site)].site_id
                                             : city.parks[static_cast<std::size_t>(pp.park)].park_id;
    const auto& refusals = plan.refusals[pp.project];
    return fmt::format(fmt::runtime(text), fmt::arg("project", city.projects[pp.project].project_id),
                       fmt::arg("target", target), fmt::arg("refusal", refusals.empty() ? "" : code_name(refusals.front().code)));
}

/// "control/develop": the zones of a set, in the data contract's order.
std::string zone_names(const EnumSet<ShoreZone>& zones) {
    std::string out;
    for (std::size_t z = 0; z < std::size(kShoreZoneNames); ++z)
        if (zones.contains(static_cast<ShoreZone>(z))) out.append(out.empty() ? "" : "/").append(kShoreZoneNames[z]);
    return out;
}

}  // namespace

std::string reason_zh(const Refusal& r, const City& city, std::size_t j) { return refusal_text(true, r, city, j); }
std::string reason_en(const Refusal& r, const City& city, std::size_t j) { return refusal_text(false, r, city, j); }

std::string reason_zh(const SiteVerdict& v, const City& city, const std::vector<Site>& sites, std::size_t j) {
    return verdict_text(true, v, city, sites, j);
}
std::string reason_en(const SiteVerdict& v, const City& city, const std::vector<Site>& sites, std::size_t j) {
    return verdict_text(false, v, city, sites, j);
}

namespace {
std::string unplaced_text(bool zh, const Unplaced& u, const City& city, const rules::Rules& rules, std::size_t j) {
    std::string parks, projects;
    for (const auto& s : u.parks)
        parks.append(parks.empty() ? "" : zh ? kParkShortfall.sep_zh : kParkShortfall.sep_en)
            .append(fmt::format(fmt::runtime(zh ? kParkShortfall.text_zh : kParkShortfall.text_en),
                                fmt::arg("park_id", city.parks[s.park].park_id), fmt::arg("largest", s.largest_mu),
                                fmt::arg("asked", s.asked_mu)));
    for (uint32_t k : u.taken_by) projects.append(projects.empty() ? "" : zh ? "、" : ", ").append(city.projects[k].project_id);
    return fmt::format(fmt::runtime(zh ? info(u.cause).detail_zh : info(u.cause).detail_en),
                       fmt::arg("industry", city.projects[j].industry), fmt::arg("value", u.value),
                       fmt::arg("threshold", u.threshold), fmt::arg("zones", zone_names(rules.fit.shore_zones)),
                       fmt::arg("parks", parks), fmt::arg("projects", projects));
}
}  // namespace

std::string detail_zh(const Unplaced& u, const City& city, const rules::Rules& rules, std::size_t j) {
    return unplaced_text(true, u, city, rules, j);
}
std::string detail_en(const Unplaced& u, const City& city, const rules::Rules& rules, std::size_t j) {
    return unplaced_text(false, u, city, rules, j);
}

std::string text_zh(const PinProblem& pp, const City& city, const Plan& plan) { return pin_text(info(pp.code).text_zh, pp, city, plan); }
std::string text_en(const PinProblem& pp, const City& city, const Plan& plan) { return pin_text(info(pp.code).text_en, pp, city, plan); }

namespace {
std::string block_text(bool zh, const PlacementCheck& c, const City& city, const Plan& plan, std::size_t j) {
    if (c.ok()) return {};
    if (c.block == PlacementBlock::SiteRule)
        return zh ? reason_zh(c.verdict, city, plan.sites, j) : reason_en(c.verdict, city, plan.sites, j);
    const std::string district = c.district >= 0 ? city.districts[static_cast<std::size_t>(c.district)].code : "";
    const std::string refusal = plan.refusals[j].empty() ? ""
                                : zh                     ? reason_zh(plan.refusals[j].front(), city, j)
                                                         : reason_en(plan.refusals[j].front(), city, j);
    return fmt::format(fmt::runtime(zh ? info(c.block).reason_zh : info(c.block).reason_en), fmt::arg("value", c.left_mu),
                       fmt::arg("threshold", c.needed_mu), fmt::arg("district", district), fmt::arg("refusal", refusal));
}
}  // namespace

std::string reason_zh(const PlacementCheck& c, const City& city, const Plan& plan, std::size_t j) {
    return block_text(true, c, city, plan, j);
}
std::string reason_en(const PlacementCheck& c, const City& city, const Plan& plan, std::size_t j) {
    return block_text(false, c, city, plan, j);
}

namespace {
std::string clause_text(bool zh, const SupplyCondition& c) {
    const StandardIndicatorInfo& ind = info(c.indicator);
    const char* unit = zh ? ind.unit_zh : ind.unit_en;
    const bool min = ind.bound == IndicatorBound::Min;
    std::string text = fmt::format(fmt::runtime(zh ? kSupplyClause.text_zh : kSupplyClause.text_en),
                                   fmt::arg("indicator", zh ? ind.title_zh : ind.title_en),
                                   fmt::arg("bound", zh ? (min ? "不低于" : "不高于") : (min ? "at least" : "at most")),
                                   fmt::arg("threshold", c.threshold), fmt::arg("committed", c.committed),
                                   fmt::arg("decimals", ind.decimals), fmt::arg("unit", *unit ? fmt::format(" {}", unit) : ""));
    if (!c.met) text += zh ? kSupplyClause.missed_zh : kSupplyClause.missed_en;
    return text;
}
}  // namespace

std::string clause_zh(const SupplyCondition& c) { return clause_text(true, c); }
std::string clause_en(const SupplyCondition& c) { return clause_text(false, c); }

std::string check_placement(const City& city, const rules::Rules&, const Plan& plan, std::size_t j, std::size_t s) {
    const PlacementCheck c = placement_check(plan, j, s);
    if (c.ok()) return {};
    return reason_zh(c, city, plan, j) + " / " + reason_en(c, city, plan, j);
}

}  // namespace parkcap::allocate
