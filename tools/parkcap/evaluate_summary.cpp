#include "evaluate_summary.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "cli_support.hpp"
#include "parkcap/core/units.hpp"

namespace parkcap::cli {

using namespace evaluate;

namespace {

std::string num(double v, int decimals) { return std::isnan(v) ? "-" : format_number(v, decimals); }
std::string mu(double m2) { return format_number(units::m2_to_mu(m2), 0); }
nlohmann::ordered_json number_or_null(double v) { return std::isnan(v) ? nlohmann::ordered_json() : nlohmann::ordered_json(v); }

std::string supported_count(const PlaceEvaluation& e) {
    std::size_t n = 0;
    for (const auto& v : e.indicators) n += v.supported();
    return fmt::format("{}/{}", n, kIndicatorCount);
}

nlohmann::ordered_json place_json(const PlaceEvaluation& e) {
    using json = nlohmann::ordered_json;
    json indicators = json::object();
    for (std::size_t k = 0; k < kIndicatorCount; ++k) {
        const IndicatorValue& v = e.indicators[k];
        json one = {{"value", number_or_null(v.value)}, {"numerator", v.numerator}, {"denominator", v.denominator},
                    {"parcels", v.parcels}, {"coverage", v.coverage}, {"normalised", number_or_null(v.normalised)},
                    {"weight", v.weight}};
        if (!v.supported()) one["unsupported"] = v.unsupported;
        indicators[std::string(kIndicators[k].name)] = one;
    }
    const Potential& p = e.potential;
    return {{"level", kPlaceLevelNames[static_cast<std::size_t>(e.level)]},
            {"code", e.code},
            {"name", e.name},
            {"type", kParkTypeNames[static_cast<std::size_t>(e.type)]},
            {"score", number_or_null(e.score)},
            {"weight_covered", e.weight_covered},
            {"rank", e.rank ? json(e.rank) : json()},
            {"ranked_of", e.ranked_of},
            {"indicators", indicators},
            {"potential",
             {{"expansion_mu", units::m2_to_mu(p.expansion_m2)},
              {"unbuilt_mu", units::m2_to_mu(p.unbuilt_m2)},
              {"structure_mu", units::m2_to_mu(p.structure_m2)},
              {"intensity_floor_m2", number_or_null(p.intensity_floor_m2)},
              {"idle_mu", units::m2_to_mu(p.management_m2)},
              {"remaining_mu", units::m2_to_mu(p.remaining_m2)},
              {"supplied_per_year_mu", units::m2_to_mu(p.supplied_per_year_m2)},
              {"years_left", number_or_null(p.years_left)}}}};
}

}  // namespace

std::string evaluate_summary_text(const report::EvaluationResult& r, const std::string& out, const std::string& csv_dir) {
    const Evaluation& ev = r.evaluation;
    std::string s = fmt::format("Park evaluation (TD/T 1029 开发区土地集约利用评价) as of {}{}\n", ev.as_of.iso(),
                                r.since.empty() ? "" : fmt::format(", idle disposal since {}", r.since));
    for (ParkType type : {ParkType::Industrial, ParkType::Integrated, ParkType::Unknown}) {
        std::vector<const PlaceEvaluation*> parks;
        for (const auto& e : ev.parks)
            if (e.type == type) parks.push_back(&e);
        if (parks.empty()) continue;
        std::stable_sort(parks.begin(), parks.end(), [](const PlaceEvaluation* a, const PlaceEvaluation* b) {
            const int ra = a->rank ? a->rank : 1 << 30, rb = b->rank ? b->rank : 1 << 30;
            return ra < rb;
        });
        s += fmt::format("\n{} {} parks:\n", kParkTypeTitles[static_cast<std::size_t>(type)],
                         kParkTypeNames[static_cast<std::size_t>(type)]);
        TextTable t({"rank", "park", "name", "score", "indicators", "years left", "remaining 亩", "idle 亩",
                     "expansion 亩", "structure 亩", "floor gain m²"},
                    {true, false, false, true, true, true, true, true, true, true, true});
        for (const PlaceEvaluation* e : parks)
            t.add({e->rank ? fmt::format("{}/{}", e->rank, e->ranked_of) : "-", e->code, e->name, num(e->score, 1),
                   supported_count(*e), num(e->potential.years_left, 1), mu(e->potential.remaining_m2),
                   mu(e->potential.management_m2), mu(e->potential.expansion_m2), mu(e->potential.structure_m2),
                   num(e->potential.intensity_floor_m2, 0)});
        s += t.render();
    }
    s += "\nDistricts and the city:\n";
    TextTable d({"district", "name", "type", "score", "indicators", "years left", "remaining 亩", "idle 亩"},
                {false, false, false, true, true, true, true, true});
    auto add = [&](const PlaceEvaluation& e) {
        d.add({e.level == PlaceLevel::City ? std::string("city") : e.code, e.name,
               std::string(kParkTypeTitles[static_cast<std::size_t>(e.type)]), num(e.score, 1), supported_count(e),
               num(e.potential.years_left, 1), mu(e.potential.remaining_m2), mu(e.potential.management_m2)});
    };
    for (const auto& e : ev.districts) add(e);
    add(ev.city);
    s += d.render();
    s += fmt::format("\nWritten: {}{}\n", out.empty() ? std::string("the store (no GeoPackage)") : out,
                     csv_dir.empty() ? "" : ", CSV tables in " + csv_dir);
    return s;
}

nlohmann::ordered_json evaluate_summary_json(const report::EvaluationResult& r, const std::string& out,
                                             const std::string& csv_dir) {
    nlohmann::ordered_json j;
    j["as_of"] = r.evaluation.as_of.iso();
    j["since"] = r.since;
    j["city"] = place_json(r.evaluation.city);
    j["districts"] = nlohmann::ordered_json::array();
    for (const auto& e : r.evaluation.districts) j["districts"].push_back(place_json(e));
    j["parks"] = nlohmann::ordered_json::array();
    for (const auto& e : r.evaluation.parks) j["parks"].push_back(place_json(e));
    j["outputs"] = {{"gpkg", out}, {"csv_dir", csv_dir}};
    return j;
}

}  // namespace parkcap::cli
