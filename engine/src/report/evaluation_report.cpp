#include "parkcap/report/evaluation_report.hpp"

#include <cmath>

#include <fmt/format.h>

#include "parkcap/core/units.hpp"
#include "parkcap/report/qgis_style.hpp"
#include "table.hpp"

namespace parkcap::report {

using namespace evaluate;
using detail::FilledTable;
using detail::KeyValue;
using detail::Table;

namespace {

double mu(double m2) { return units::m2_to_mu(m2); }

struct PlaceRow {
    const EvaluationResult* r;
    const PlaceEvaluation* e;
};

/// The columns park_evaluation and district_evaluation share.
Table<PlaceRow> place_table(std::string name, std::string description, bool parks) {
    using R = PlaceRow;
    Table<R> t(std::move(name), GeometryType::MultiPolygon, std::move(description), [parks](RowSink& s, const R& r) {
        s.set_polygon(parks ? r.r->city.park_geometry : r.r->city.district_geometry, r.e->index);
    });
    t.text(parks ? "park_id" : "district", [](const R& r) -> std::string_view { return r.e->code; })
        .text("name", [](const R& r) -> std::string_view { return r.e->name; })
        .text("type", [](const R& r) { return kParkTypeNames[static_cast<std::size_t>(r.e->type)]; })
        .text("type_zh", [](const R& r) { return kParkTypeTitles[static_cast<std::size_t>(r.e->type)]; })
        .real("score", 2, [](const R& r) { return r.e->score; })
        .real("weight_cov", 3, [](const R& r) { return r.e->weight_covered; });
    if (parks)
        t.integer("rank", [](const R& r) { return r.e->rank ? std::optional<int64_t>(r.e->rank) : std::nullopt; })
            .integer("ranked_of", [](const R& r) { return static_cast<int64_t>(r.e->ranked_of); });
    for (std::size_t k = 0; k < kIndicatorCount; ++k)
        t.real(std::string(kIndicators[k].name), 4, [k](const R& r) { return r.e->indicators[k].value; });
    t.real("expand_mu", 3, [](const R& r) { return mu(r.e->potential.expansion_m2); })
        .real("unbuilt_mu", 3, [](const R& r) { return mu(r.e->potential.unbuilt_m2); })
        .real("struct_mu", 3, [](const R& r) { return mu(r.e->potential.structure_m2); })
        .real("floor_m2", 1, [](const R& r) { return r.e->potential.intensity_floor_m2; })
        .real("idle_mu", 3, [](const R& r) { return mu(r.e->potential.management_m2); })
        .real("remain_mu", 3, [](const R& r) { return mu(r.e->potential.remaining_m2); })
        .real("supply_yr", 3, [](const R& r) { return mu(r.e->potential.supplied_per_year_m2); })
        .real("years_left", 2, [](const R& r) { return r.e->potential.years_left; })
        .text("years_note", [](const R& r) -> std::string_view { return r.e->potential.years_note; });
    return t;
}

const Table<PlaceRow>& park_evaluation_table() {
    static const Table<PlaceRow> t = place_table(
        "park_evaluation", "TD/T 1029 evaluation of each park: indicators, degree score, type, rank, potential", true);
    return t;
}

const Table<PlaceRow>& district_evaluation_table() {
    static const Table<PlaceRow> t =
        place_table("district_evaluation", "TD/T 1029 indicators, score and potential per district", false);
    return t;
}

struct IndicatorRow {
    const PlaceEvaluation* e;
    std::size_t k;
    const IndicatorValue& v() const { return e->indicators[k]; }
};

const Table<IndicatorRow>& indicators_table() {
    using R = IndicatorRow;
    static const Table<R> table = [] {
        Table<R> t("indicators", GeometryType::None,
                   "Every indicator of every place, with the numerator and denominator behind it");
        t.text("level", [](const R& r) { return kPlaceLevelNames[static_cast<std::size_t>(r.e->level)]; })
            .text("code", [](const R& r) -> std::string_view { return r.e->code; })
            .text("name", [](const R& r) -> std::string_view { return r.e->name; })
            .text("indicator", [](const R& r) { return kIndicators[r.k].name; })
            .text("title_zh", [](const R& r) { return kIndicators[r.k].zh; })
            .text("unit", [](const R& r) { return kIndicators[r.k].unit; })
            .real("numerator", 4, [](const R& r) { return r.v().numerator; })
            .real("denominat", 4, [](const R& r) { return r.v().denominator; })
            .integer64("parcels", [](const R& r) { return static_cast<int64_t>(r.v().parcels); })
            .real("coverage", 4, [](const R& r) { return r.v().coverage; })
            .real("value", 4, [](const R& r) { return r.v().value; })
            .real("ideal", 4, [](const R& r) { return r.v().ideal; })
            .real("weight", 4, [](const R& r) { return r.v().weight; })
            .real("normalised", 4, [](const R& r) { return r.v().normalised; })
            .text("unsupport", [](const R& r) -> std::string_view { return r.v().unsupported; })
            .text("num_is", [](const R& r) { return kIndicators[r.k].numerator; })
            .text("den_is", [](const R& r) { return kIndicators[r.k].denominator; });
        return t;
    }();
    return table;
}

std::vector<FilledTable> evaluation_tables(const EvaluationResult& r) {
    const Evaluation& ev = r.evaluation;
    std::vector<PlaceRow> parks, districts;
    for (const auto& e : ev.parks) parks.push_back({&r, &e});
    for (const auto& e : ev.districts) districts.push_back({&r, &e});
    std::vector<IndicatorRow> indicators;
    auto add = [&](const PlaceEvaluation& e) {
        for (std::size_t k = 0; k < kIndicatorCount; ++k) indicators.push_back({&e, k});
    };
    add(ev.city);
    for (const auto& e : ev.districts) add(e);
    for (const auto& e : ev.parks) add(e);
    std::vector<KeyValue> info = {
        {"as_of", ev.as_of.iso()},
        {"rules_source", r.rules.source},
        {"rules_version", r.rules.version},
        {"working_crs", fmt::format("EPSG:{}", r.city.crs.epsg)},
        {"since", r.since},
        {"industrial_type_share", fmt::format("{}", r.rules.evaluation.industrial_type_share)},
        {"supply_window_years", fmt::format("{}", r.rules.evaluation.supply_window_years)},
        {"city_score", std::isnan(ev.city.score) ? std::string() : fmt::format("{:.2f}", ev.city.score)},
    };
    return {
        filled(park_evaluation_table(), std::move(parks)),
        filled(district_evaluation_table(), std::move(districts)),
        filled(indicators_table(), std::move(indicators)),
        filled(detail::run_info_table("How this evaluation was made: date, rules, the earlier audit"), std::move(info)),
    };
}

void store_evaluation_styles(GpkgWriter& out) {
    const TableSchema& parks = park_evaluation_table().schema();
    LabelStyle labels;
    labels.field = parks.field("name");
    // Degree scores in bands of 20 points, red (low) to green (high).
    const std::vector<FillRange> bands = {
        {0, 20, {215, 48, 39, 255}, "0–20 分", "0–20 points"},     {20, 40, {252, 141, 89, 255}, "20–40 分", "20–40 points"},
        {40, 60, {254, 224, 139, 255}, "40–60 分", "40–60 points"}, {60, 80, {145, 207, 96, 255}, "60–80 分", "60–80 points"},
        {80, 100, {26, 152, 80, 255}, "80–100 分", "80–100 points"}};
    store_style(out, graduated_fill(parks.name, parks.field("score"), bands, {{8, 81, 156, 255}, 0.6}, labels));
    const TableSchema& districts = district_evaluation_table().schema();
    store_style(out, graduated_fill(districts.name, districts.field("score"), bands, {{80, 80, 80, 255}, 0.4}));
}

}  // namespace

void write_evaluation_gpkg(const std::string& path, const EvaluationResult& result) {
    GpkgWriter out(path, result.city.crs.epsg);
    detail::add_tables(out, evaluation_tables(result));
    store_evaluation_styles(out);
    out.commit();
}

void write_evaluation_csv(const std::string& dir, const EvaluationResult& result) {
    detail::write_csv_tables(dir, evaluation_tables(result));
}

void write_evaluation_tables(TableDestination& out, const EvaluationResult& result) {
    for (const auto& t : evaluation_tables(result)) t.fill(out.add_table(t.schema));
}

}  // namespace parkcap::report
