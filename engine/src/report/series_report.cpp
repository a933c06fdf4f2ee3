#include "parkcap/report/series_report.hpp"

#include <filesystem>
#include <functional>

#include <fmt/format.h>

#include "parkcap/core/error.hpp"
#include "table.hpp"

namespace parkcap::report {

using namespace monitor;
using detail::FilledTable;
using detail::KeyValue;
using detail::Table;

namespace {

constexpr double kNaN = PlaceFigures::kNaN;

/// One figure of a place at one date: a column of `series`, and a chart's values.
struct Measure {
    std::string field;
    int precision = 2;  ///< decimals in CSV
    std::function<double(const SeriesPoint&)> get;
};

std::function<double(const SeriesPoint&)> figure(double PlaceFigures::*member) {
    return [member](const SeriesPoint& p) { return p.figures ? (*p.figures).*member : kNaN; };
}

std::function<double(const SeriesPoint&)> disposal(StockKind kind, double (*of)(const DisposalFigures&)) {
    return [kind, of](const SeriesPoint& p) { return p.disposal ? of((*p.disposal)[static_cast<std::size_t>(kind)]) : kNaN; };
}

/// Column prefixes of the three kinds of stock, in StockKind order.
constexpr std::array<const char*, kStockKindCount> kKindPrefix = {"appr", "idle", "low"};

const std::vector<Measure>& measures() {
    static const std::vector<Measure> all = [] {
        std::vector<Measure> m = {
            {"parcel_mu", 2, figure(&PlaceFigures::parcel_mu)},
            {"appr_mu", 2, figure(&PlaceFigures::approved_mu)},
            {"idle_mu", 2, figure(&PlaceFigures::idle_mu)},
            {"lowef_mu", 2, figure(&PlaceFigures::low_efficiency_mu)},
            {"util", 4, figure(&PlaceFigures::utilisation)},
            {"supply_rat", 4, figure(&PlaceFigures::supply_ratio)},
            {"tax_mu", 2, figure(&PlaceFigures::tax_wan_per_mu)},
            // What tax_mu divides: a reader can sum places as the city's row does.
            {"tax_wan", 2, figure(&PlaceFigures::tax_wan)},
            {"taxed_mu", 2, figure(&PlaceFigures::taxed_mu)},
        };
        for (std::size_t k = 0; k < kStockKindCount; ++k) {
            const auto kind = static_cast<StockKind>(k);
            const std::string prefix = kKindPrefix[k];
            m.push_back({prefix + "_rate", 4, disposal(kind, [](const DisposalFigures& f) { return f.rate(); })});
            m.push_back({prefix + "_fl_mu", 3, disposal(kind, [](const DisposalFigures& f) { return f.flagged_mu; })});
            m.push_back({prefix + "_ds_mu", 3, disposal(kind, [](const DisposalFigures& f) { return f.disposed_mu(); })});
        }
        return m;
    }();
    return all;
}

const Measure& measure(std::string_view field) {
    for (const Measure& m : measures())
        if (m.field == field) return m;
    throw std::logic_error("series: no measure " + std::string(field));
}

struct SeriesRow {
    const AuditSeries* series;
    const SeriesPlace* place;
    std::size_t t;  ///< the audit, in date order

    const SeriesPoint& point() const { return place->points[t]; }
};

const Table<SeriesRow>& series_table() {
    using R = SeriesRow;
    static const Table<R> table = [] {
        Table<R> t("series", GeometryType::None,
                   "Each place (city, district, park) at each audit date: stock, utilisation, supply ratio, 亩均 tax, "
                   "and the 处置率 since the audit before");
        t.text("level", [](const R& r) { return kPlaceLevelNames[static_cast<std::size_t>(r.place->level)]; })
            .text("code", [](const R& r) -> std::string_view { return r.place->code; })
            .text("name", [](const R& r) -> std::string_view { return r.place->name; })
            .text("district", [](const R& r) -> std::string_view { return r.place->district; })
            .date("as_of", [](const R& r) { return r.series->audits[r.t].as_of; })
            // The audit the 处置率 counts from; empty on the first date.
            .date("prev_as_of", [](const R& r) { return r.t ? r.series->audits[r.t - 1].as_of : Date{}; })
            .integer("in_audit", [](const R& r) { return r.point().figures.has_value(); })
            .integer64("parcels", [](const R& r) -> std::optional<int64_t> {
                if (!r.point().figures) return std::nullopt;
                return r.point().figures->parcels;
            });
        for (const Measure& m : measures())
            t.real(m.field, m.precision, [get = m.get](const R& r) { return get(r.point()); });
        return t;
    }();
    return table;
}

std::vector<FilledTable> series_tables(const AuditSeries& s, const rules::Rules& rules) {
    std::vector<SeriesRow> rows;
    for (const SeriesPlace& p : s.places)
        for (std::size_t t = 0; t < s.audits.size(); ++t) rows.push_back({&s, &p, t});

    std::vector<KeyValue> info;
    for (std::size_t t = 0; t < s.audits.size(); ++t) {
        info.push_back({fmt::format("audit.{}", t + 1), s.audits[t].path});
        info.push_back({fmt::format("audit.{}.as_of", t + 1), s.audits[t].as_of.iso()});
        info.push_back({fmt::format("audit.{}.parcels", t + 1), fmt::format("{}", s.audits[t].parcels.size())});
    }
    info.push_back({"working_crs", s.audits.front().working_crs});
    info.push_back({"rules_source", rules.source});
    info.push_back({"rules_version", rules.version});
    info.push_back({"match_overlap_share", fmt::format("{}", rules.monitoring.match_overlap_share)});
    info.push_back({"city_figures", "亩 summed over the districts; util, supply_rat and tax_mu from the summed numerators "
                                    "and denominators"});
    for (std::size_t k = 0; k < s.notes.size(); ++k) info.push_back({fmt::format("note.{}", k + 1), s.notes[k]});

    return {
        filled(series_table(), std::move(rows)),
        filled(detail::run_info_table("How this series was made: the audits and their dates, the rules"), std::move(info)),
    };
}

/// What each chart draws; the values are the `series` column of the same name.
struct ChartDef {
    const char* field;
    const char* title_zh;
    const char* title_en;
    const char* y_label;
    ValueFormat format;
    int decimals;
};
constexpr ChartDef kCharts[] = {
    {"idle_mu", "闲置土地面积（亩）", "Idle land (闲置) found by each audit, mu", "亩 mu", ValueFormat::Number, 0},
    {"appr_mu", "批而未供土地面积（亩）", "Approved but not supplied (批而未供), mu", "亩 mu", ValueFormat::Number, 0},
    {"appr_rate", "批而未供处置率（较上期审计）", "Disposal rate of approved-unsupplied land since the audit before",
     "处置率 disposal rate", ValueFormat::Percent, 0},
    {"idle_rate", "闲置土地处置率（较上期审计）", "Disposal rate of idle land since the audit before",
     "处置率 disposal rate", ValueFormat::Percent, 0},
    {"low_rate", "低效用地处置率（较上期审计）", "Disposal rate of low-efficiency land since the audit before",
     "处置率 disposal rate", ValueFormat::Percent, 0},
    {"util", "土地利用率（在建与建成 ÷ 地块面积）", "Utilisation: (building + built) ÷ parcel area", "利用率 utilisation",
     ValueFormat::Percent, 0},
    {"tax_mu", "亩均税收（万元/亩）", "Tax per mu of built industrial land, 10,000 yuan per mu", "万元/亩 per mu",
     ValueFormat::Number, 1},
};

}  // namespace

void write_series_gpkg(const std::string& path, const AuditSeries& series, const rules::Rules& rules) {
    GpkgWriter out(path, series.audits.front().epsg());
    detail::add_tables(out, series_tables(series, rules));
    out.commit();
}

void write_series_csv(const std::string& dir, const AuditSeries& series, const rules::Rules& rules) {
    detail::write_csv_tables(dir, series_tables(series, rules));
}

std::vector<SeriesChart> series_charts(const AuditSeries& s) {
    std::vector<SeriesChart> charts;
    for (const ChartDef& def : kCharts) {
        const Measure& m = measure(def.field);
        LineChart c;
        c.title_zh = def.title_zh;
        c.title_en = def.title_en;
        c.x_label = "审计日期 audit date";
        c.y_label = def.y_label;
        c.format = def.format;
        c.decimals = def.decimals;
        c.dates = s.dates();
        std::size_t district = 0;
        for (const SeriesPlace& p : s.places) {
            if (p.level == PlaceLevel::Park) continue;  // dozens of parks would hide the districts: the table has them
            ChartLine line;
            const bool city = p.level == PlaceLevel::City;
            line.label = city ? p.name + " city" : p.name.empty() ? p.code : p.name;
            line.emphasised = city;
            line.colour = city ? kChartTotalColour : chart_colour(district);
            line.dashed = !city && district >= kChartPaletteSize;
            if (!city) ++district;
            for (const SeriesPoint& point : p.points) line.values.push_back(m.get(point));
            c.lines.push_back(std::move(line));
        }
        charts.push_back({std::string(def.field) + ".png", def.field, std::move(c)});
    }
    return charts;
}

std::vector<std::string> write_series_charts(const std::string& dir, const AuditSeries& series) {
    std::vector<std::string> paths;
    for (const SeriesChart& c : series_charts(series)) {
        paths.push_back((std::filesystem::path(dir) / c.file).string());
        write_line_chart_png(paths.back(), c.chart);
    }
    return paths;
}

}  // namespace parkcap::report
