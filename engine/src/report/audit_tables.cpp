#include "audit_tables.hpp"

#include <algorithm>
#include <cmath>
#include <span>

#include <fmt/format.h>

#include "parkcap/core/units.hpp"

namespace parkcap::report::detail {

namespace {

using audit::Flag;
using audit::FlagCode;

double mu(double m2) { return units::m2_to_mu(m2); }

/// The capacity columns park_capacity and district_summary share; `of(row)` is the
/// row's Capacity.
template <class Row, class Of>
void capacity_columns(Table<Row>& t, Of of) {
    auto status_mu = [of](Status s) {
        return [of, s](const Row& r) { return mu(of(r).area_by_status_m2[static_cast<int>(s)]); };
    };
    t.integer("parcels", [of](const Row& r) { return static_cast<int64_t>(of(r).parcels); })
        .real("parcel_mu", 2, [of](const Row& r) { return mu(of(r).parcel_area_m2); })
        .real("planned_mu", 2, [of](const Row& r) { return mu(of(r).planned_m2); })
        .real("appr_mu", 2, status_mu(Status::Approved))
        .real("supp_mu", 2, status_mu(Status::Supplied))
        .real("build_mu", 2, status_mu(Status::Building))
        .real("built_mu", 2, status_mu(Status::Built))
        .real("reserve_mu", 2, status_mu(Status::Reserve))
        .real("ready_mu", 2, [of](const Row& r) { return mu(of(r).supply_ready_m2); })
        .real("idle_mu", 2, [of](const Row& r) { return mu(of(r).idle_m2); })
        .real("reclaim_mu", 2, [of](const Row& r) { return mu(of(r).reclaimable_m2); })
        .real("lowef_mu", 2, [of](const Row& r) { return mu(of(r).low_efficiency_m2); })
        .real("util", 4, [of](const Row& r) { return of(r).utilisation(); })
        .real("supply_rat", 4, [of](const Row& r) { return of(r).supply_ratio(); })
        .real("tax_mu", 2, [of](const Row& r) { return of(r).tax_wan_per_mu(); })
        // What tax_mu divides, so that places can be summed (the city's 亩均 tax
        // over its districts in `parkcap series`) without averaging ratios.
        .real("tax_wan", 2, [of](const Row& r) { return of(r).tax_wan; })
        .real("taxed_mu", 2, [of](const Row& r) { return mu(of(r).tax_area_m2); })
        .real("output_mu", 2, [of](const Row& r) { return of(r).output_wan_per_mu(); })
        .integer("incompl_n", [of](const Row& r) { return static_cast<int64_t>(of(r).incomplete_parcels); })
        .real("incompl_mu", 2, [of](const Row& r) { return mu(of(r).incomplete_m2); });
    for (const audit::FlagInfo& f : audit::kFlags)
        t.integer(f.count_column, [of, c = static_cast<std::size_t>(f.code)](const Row& r) { return of(r).flag_counts[c]; });
}

std::string join_themes(const std::vector<std::string>& themes) {
    std::string s;
    for (const auto& t : themes) s += (s.empty() ? "" : ";") + t;
    return s;
}

}  // namespace

void ParcelRow::set(std::size_t i) {
    parcel = i;
    flags = cx->audit.flags_of(i);
    primary = audit::primary_flag(flags);
    codes.clear(), reason_zh.clear(), reason_en.clear(), dispose_zh.clear(), dispose_en.clear();
    idle_days = days_to_idle = -1;
    for (const Flag& f : flags) {
        codes += (codes.empty() ? "" : ";") + std::string(audit::code_name(f.code));
        reason_zh += (reason_zh.empty() ? "" : "；") + audit::reason_zh(f, cx->city, cx->rules);
        reason_en += (reason_en.empty() ? "" : "; ") + audit::reason_en(f, cx->city, cx->rules);
        dispose_zh.append(dispose_zh.empty() ? "" : "；").append(cx->disposals.zh(f));
        dispose_en.append(dispose_en.empty() ? "" : "; ").append(cx->disposals.en(f));
        if (f.code == FlagCode::IdleFee || f.code == FlagCode::IdleTakeback) idle_days = std::max<int64_t>(idle_days, f.days);
        if (f.code == FlagCode::SuppliedUnused && f.days >= 0) days_to_idle = f.days;
    }
}

const Table<ParcelRow>& parcel_flags_table() {
    using R = ParcelRow;
    static const Table<R> table = [] {
        auto parcels = [](const R& r) -> const ParcelTable& { return r.cx->city.parcels; };
        auto park = [](const R& r) -> const Park* {
            const int32_t p = r.cx->city.parcels.park[r.parcel];
            return p >= 0 ? &r.cx->city.parks[static_cast<std::size_t>(p)] : nullptr;
        };
        auto in_park = [park](auto field) {
            return [park, field](const R& r) -> std::optional<std::string_view> {
                if (const Park* p = park(r)) return std::string_view(p->*field);
                return std::nullopt;
            };
        };
        auto if_found = [](int64_t v) { return v >= 0 ? std::optional<int64_t>(v) : std::nullopt; };
        Table<R> t("parcel_flags", GeometryType::MultiPolygon, "Every parcel with its audit flags, reasons and disposals",
                   [](RowSink& s, const R& r) { s.set_polygon(r.cx->city.parcels.geometry, r.parcel); });
        t.text("parcel_id", [parcels](const R& r) { return parcels(r).parcel_id[r.parcel]; })
            .text("district", [parcels](const R& r) -> std::string_view {
                return r.cx->city.districts[parcels(r).district[r.parcel]].code;
            })
            .text("park_id", in_park(&Park::park_id))
            .text("park_name", in_park(&Park::name))
            .text("land_use", [parcels](const R& r) { return to_string(parcels(r).land_use[r.parcel]); })
            .text("status", [parcels](const R& r) { return to_string(parcels(r).status[r.parcel]); })
            .text("status_zh", [parcels](const R& r) { return chinese_name(parcels(r).status[r.parcel]); })
            .real("area_mu", 3, [parcels](const R& r) { return mu(parcels(r).area_m2[r.parcel]); })
            // The approval (批) date, so a later comparison can count 批而未供 by approval-year cohort.
            .date("appr_date", [parcels](const R& r) { return parcels(r).appr_date[r.parcel]; })
            .text("industry", [parcels](const R& r) { return parcels(r).industry[r.parcel]; })
            .text("enterprise", [parcels](const R& r) { return parcels(r).enterprise[r.parcel]; })
            .text("primary", [](const R& r) { return r.primary ? audit::code_name(r.primary->code) : "NONE"; })
            .text("primary_zh", [](const R& r) { return r.primary ? audit::flag_title_zh(r.primary->code) : "无"; })
            .text("severity", [](const R& r) { return r.primary ? audit::severity_name(r.primary->severity) : "none"; })
            .integer("n_flags", [](const R& r) { return static_cast<int64_t>(r.flags.size()); })
            .text("flags", [](const R& r) -> std::string_view { return r.codes; })
            .text("reason_zh", [](const R& r) -> std::string_view { return r.reason_zh; })
            .text("reason_en", [](const R& r) -> std::string_view { return r.reason_en; })
            .text("dispose_zh", [](const R& r) -> std::string_view { return r.dispose_zh; })
            .text("dispose_en", [](const R& r) -> std::string_view { return r.dispose_en; })
            .real("reclaim_mu", 3, [](const R& r) { return mu(r.cx->audit.parcels.reclaimable_m2[r.parcel]); })
            .integer("idle_days", [if_found](const R& r) { return if_found(r.idle_days); })
            .integer("days2idle", [if_found](const R& r) { return if_found(r.days_to_idle); })
            .text("mujun", [](const R& r) { return audit::class_name(r.cx->audit.parcels.mujun_class[r.parcel]); })
            .real("mujun_scr", 2, [](const R& r) { return r.cx->audit.parcels.mujun_score[r.parcel]; })
            .real("port_dist", 1, [](const R& r) { return r.cx->audit.parcels.port_distance_m[r.parcel]; })
            .integer("near_river", [](const R& r) { return int64_t{r.cx->audit.parcels.near_shore[r.parcel]}; })
            .text("map_class", [parcels](const R& r) {
                return audit::kMapClasses[audit::map_class(r.primary, parcels(r).status[r.parcel])].name;
            })
            // Which file (and layer) the parcel was read from, for fixing it at source.
            .text("source", [parcels](const R& r) -> std::string_view {
                const auto& layers = r.cx->city.layers;
                const auto& from = parcels(r).source_layer;
                return r.parcel < from.size() && from[r.parcel] < layers.size() ? std::string_view(layers[from[r.parcel]].label)
                                                                                : std::string_view();
            });
        return t;
    }();
    return table;
}

const Table<FlagRow>& flag_details_table() {
    using R = FlagRow;
    static const Table<R> table = [] {
        Table<R> t("flag_details", GeometryType::None, "One row per flag, with the figures the reason quotes");
        t.text("parcel_id", [](const R& r) { return r.cx->city.parcels.parcel_id[r.flag->parcel]; })
            .text("code", [](const R& r) { return audit::code_name(r.flag->code); })
            .text("title_zh", [](const R& r) { return audit::flag_title_zh(r.flag->code); })
            .text("severity", [](const R& r) { return audit::severity_name(r.flag->severity); })
            .real("value", 4, [](const R& r) { return r.flag->value; })
            .real("threshold", 4, [](const R& r) { return r.flag->threshold; })
            .real("value2", 4, [](const R& r) { return r.flag->value2; })
            .integer("days", [](const R& r) { return r.flag->days; })
            .date("since", [](const R& r) { return r.flag->since; })
            .text("reason_zh", [](const R& r) { return audit::reason_zh(*r.flag, r.cx->city, r.cx->rules); })
            .text("reason_en", [](const R& r) { return audit::reason_en(*r.flag, r.cx->city, r.cx->rules); })
            .text("dispose_zh", [](const R& r) -> std::string_view { return r.cx->disposals.zh(*r.flag); })
            .text("dispose_en", [](const R& r) -> std::string_view { return r.cx->disposals.en(*r.flag); })
            .real("reclaim_mu", 3, [](const R& r) { return mu(r.flag->reclaimable_m2); });
        return t;
    }();
    return table;
}

const Table<ParkRow>& park_capacity_table() {
    using R = ParkRow;
    static const Table<R> table = [] {
        auto park = [](const R& r) -> const Park& { return r.cx->city.parks[r.park]; };
        Table<R> t("park_capacity", GeometryType::MultiPolygon,
                   "Each park's land by status, stock, idle and reclaimable land, 亩均 figures",
                   [](RowSink& s, const R& r) { s.set_polygon(r.cx->city.park_geometry, r.park); });
        t.text("park_id", [park](const R& r) -> std::string_view { return park(r).park_id; })
            .text("name", [park](const R& r) -> std::string_view { return park(r).name; })
            .text("level", [park](const R& r) { return to_string(park(r).level); })
            .text("level_zh", [park](const R& r) { return chinese_name(park(r).level); })
            .text("district", [park](const R& r) -> std::string_view { return r.cx->city.districts[park(r).district].code; })
            .text("themes", [park](const R& r) { return join_themes(park(r).themes); })
            .integer("chem_park", [park](const R& r) { return park(r).chem_park; })
            .real("area_mu", 2, [park](const R& r) { return mu(park(r).area_m2); })
            .real("port_km", 3, [](const R& r) { return units::m_to_km(r.cx->audit.park_port_shore_m[r.park]); })
            // Of port_km: developed by frontage, and by the plan's zones; the
            // park's stock and planned land behind its undeveloped port shoreline.
            .real("port_dev_km", 3, [](const R& r) { return units::m_to_km(r.cx->audit.park_shore[r.park].port_developed_m); })
            .real("port_zdev_km", 3,
                  [](const R& r) { return units::m_to_km(r.cx->audit.park_shore[r.park].port_zone_developed_m); })
            .real("stock_shore_mu", 2, [](const R& r) { return mu(r.cx->audit.park_shore[r.park].stock_behind_m2); })
            .real("plan_shore_mu", 2, [](const R& r) { return mu(r.cx->audit.park_shore[r.park].planned_behind_m2); })
            // Its parcels within chem_shore_distance_m (1 km) of the river.
            .integer("near_shore_n", [](const R& r) { return r.cx->audit.park_shore[r.park].near_shore; })
            .real("near_shore_mu", 2, [](const R& r) { return mu(r.cx->audit.park_shore[r.park].near_shore_m2); });
        capacity_columns(t, [](const R& r) -> const audit::Capacity& { return r.cx->audit.parks[r.park]; });
        return t;
    }();
    return table;
}

const Table<DistrictRow>& district_summary_table() {
    using R = DistrictRow;
    static const Table<R> table = [] {
        auto district = [](const R& r) -> const audit::DistrictAudit& { return r.cx->audit.districts[r.district]; };
        Table<R> t("district_summary", GeometryType::MultiPolygon,
                   "Each district's land, stock and quota earned under 增存挂钩", [](RowSink& s, const R& r) {
                       if (r.cx->city.districts[r.district].has_boundary)
                           s.set_polygon(r.cx->city.district_geometry, r.district);
                   });
        t.text("district", [](const R& r) -> std::string_view { return r.cx->city.districts[r.district].code; })
            .text("name", [](const R& r) -> std::string_view { return r.cx->city.districts[r.district].name; });
        capacity_columns(t, [district](const R& r) -> const audit::Capacity& { return district(r).capacity; });
        t.real("dispose_mu", 2, [district](const R& r) { return mu(district(r).disposable_m2); })
            .real("quota_earn", 2, [district](const R& r) { return district(r).quota_earned_mu; });
        return t;
    }();
    return table;
}

const Table<ShoreRow>& shoreline_use_table() {
    using R = ShoreRow;
    static const Table<R> table = [] {
        auto seg = [](const R& r) -> const ShoreSegment& { return r.cx->city.shoreline[r.segment]; };
        auto use = [](const R& r) -> const audit::ShoreUse& { return r.cx->audit.shoreline[r.segment]; };
        auto if_port = [seg](const R& r, double v) { return seg(r).port ? v : std::nan(""); };
        Table<R> t("shoreline_use", GeometryType::MultiLineString, "Shoreline by function zone; port shoreline developed or not",
                   [seg](RowSink& s, const R& r) { s.set_lines(seg(r).parts); });
        t.text("shore_id", [seg](const R& r) -> std::string_view { return seg(r).shore_id; })
            .text("zone", [seg](const R& r) { return to_string(seg(r).zone); })
            .text("zone_zh", [seg](const R& r) { return chinese_name(seg(r).zone); })
            .integer("port", [seg](const R& r) { return seg(r).port; })
            // A stretch counts as developed when most of it is within reach of built land.
            .text("use",
                  [seg, use](const R& r) {
                      const audit::ShoreUse& u = use(r);
                      return !seg(r).port ? "not_port"
                             : u.developed_m <= 0 ? "port_undeveloped"
                             : u.developed_m >= u.length_m - 1e-6 ? "port_developed"
                                                                  : "port_partly";
                  })
            .real("length_m", 1, [use](const R& r) { return use(r).length_m; })
            .real("dev_m", 1, [use, if_port](const R& r) { return if_port(r, use(r).developed_m); })
            .real("undev_m", 1, [use, if_port](const R& r) { return if_port(r, use(r).length_m - use(r).developed_m); })
            // The plan's reading: fronted length in the development and
            // controlled-use zones, 0 in the reserve and protect zones.
            .real("zone_dev_m", 1, [use, if_port](const R& r) { return if_port(r, use(r).zone_developed_m); })
            .text("near_parks", [use](const R& r) {
                std::string parks;
                for (uint32_t p : use(r).near_parks) parks += (parks.empty() ? "" : ";") + r.cx->city.parks[p].park_id;
                return parks;
            })
            // Who fronts it (rules.shoreline.frontage_*): each park, or "-" for
            // port-use parcels outside parks, with its fronted metres; then the
            // parcels, one group per park in the same order.
            .text("front_parks", [use](const R& r) {
                std::string out;
                for (const audit::Frontage& f : use(r).frontages)
                    out += fmt::format("{}{} {:.1f} m", out.empty() ? "" : ";",
                                       f.park == audit::kNoPark ? std::string("-") : r.cx->city.parks[f.park].park_id,
                                       f.length_m);
                return out;
            })
            .text("front_parcels", [use](const R& r) {
                std::string out;
                for (const audit::Frontage& f : use(r).frontages) {
                    if (!out.empty()) out += "|";
                    for (std::size_t k = 0; k < f.parcels.size(); ++k)
                        out += std::string(k ? ";" : "") + std::string(r.cx->city.parcels.parcel_id[f.parcels[k]]);
                }
                return out;
            })
            .real("conflict_m", 1, [seg, use](const R& r) {
                return seg(r).zone == ShoreZone::Protect ? use(r).conflict_m : std::nan("");
            });
        return t;
    }();
    return table;
}

const Table<QualityRow>& data_quality_table() {
    using R = QualityRow;
    static const Table<R> table = [] {
        auto quality = [](const R& r) -> const audit::DataQuality& { return r.cx->audit.quality; };
        auto field = [quality](const R& r) -> const audit::FieldQuality& {
            return quality(r).fields[static_cast<std::size_t>(*r.field)];
        };
        Table<R> t("data_quality", GeometryType::None,
                   "What the data let the audit do: per parcel field, parcels with it empty and those a rule needed it "
                   "for; per rule, the parcels and 亩 it could not be applied to, and why");
        t.text("kind", [](const R& r) { return r.field ? "field" : "rule"; })
            .text("rule", [field](const R& r) {
                return r.field ? audit::rule_names(field(r).rules) : std::string(audit::rule_key(r.rule_total->rule));
            })
            .text("field", [](const R& r) {
                return r.field ? std::string(audit::field_name(*r.field)) : audit::field_names(r.rule_total->fields, ";");
            })
            .text("cause", [](const R& r) -> std::string_view { return r.field ? "" : audit::cause_key(r.rule_total->cause); })
            // Field rows: parcels with the field empty where a rule needed it;
            // rule rows: parcels the rule could not be applied to.
            .integer64("parcels", [field](const R& r) {
                return static_cast<int64_t>(r.field ? field(r).needed : r.rule_total->parcels);
            })
            .real("area_mu", 2, [field](const R& r) { return mu(r.field ? field(r).needed_m2 : r.rule_total->area_m2); })
            .integer64("empty", [field](const R& r) -> std::optional<int64_t> {
                if (!r.field) return std::nullopt;
                return static_cast<int64_t>(field(r).empty);
            })
            .real("empty_mu", 2, [field](const R& r) { return r.field ? mu(field(r).empty_m2) : std::nan(""); })
            .real("share_pct", 2, [quality, field](const R& r) {
                const uint64_t n = quality(r).parcels;
                const uint64_t k = r.field ? field(r).empty : r.rule_total->parcels;
                return n ? 100.0 * static_cast<double>(k) / static_cast<double>(n) : std::nan("");
            })
            .text("effect_zh", [field](const R& r) -> std::string {
                if (!r.field) return std::string(audit::rule_title_zh(r.rule_total->rule)) + "：" + audit::gap_effect_zh(*r.rule_total);
                const uint32_t rules = field(r).rules;
                return rules ? "以下规则缺此值未能适用：" + audit::rule_names(rules, audit::rule_title_zh, "、") : std::string();
            })
            .text("effect_en", [field](const R& r) -> std::string {
                if (!r.field) return std::string(audit::rule_title_en(r.rule_total->rule)) + ": " + audit::gap_effect_en(*r.rule_total);
                const uint32_t rules = field(r).rules;
                return rules ? "rules not applied for want of it: " + audit::rule_names(rules, audit::rule_title_en, "; ") : std::string();
            });
        return t;
    }();
    return table;
}

const Table<WarningRow>& early_warnings_table() {
    using R = WarningRow;
    static const Table<R> table = [] {
        auto parcel = [](const R& r) { return r.warning->parcel; };
        Table<R> t("early_warnings", GeometryType::MultiPolygon,
                   "Early warnings (预警): deadlines within [warnings] horizon_days of the audit date, by date",
                   [parcel](RowSink& s, const R& r) { s.set_polygon(r.cx->city.parcels.geometry, parcel(r)); });
        t.text("parcel_id", [parcel](const R& r) -> std::string_view { return r.cx->city.parcels.parcel_id[parcel(r)]; })
            .text("district", [parcel](const R& r) -> std::string_view {
                return r.cx->city.districts[r.cx->city.parcels.district[parcel(r)]].code;
            })
            .text("park_id", [parcel](const R& r) -> std::optional<std::string_view> {
                const int32_t p = r.cx->city.parcels.park[parcel(r)];
                if (p < 0) return std::nullopt;
                return std::string_view(r.cx->city.parks[static_cast<std::size_t>(p)].park_id);
            })
            .text("enterprise", [parcel](const R& r) -> std::string_view { return r.cx->city.parcels.enterprise[parcel(r)]; })
            .text("kind", [](const R& r) { return audit::warning_key(r.warning->kind); })
            .date("due", [](const R& r) { return r.warning->due; })
            .integer("days", [](const R& r) { return r.warning->days; })
            .real("area_mu", 2, [parcel](const R& r) { return mu(r.cx->city.parcels.area_m2[parcel(r)]); })
            .text("text_zh", [](const R& r) { return audit::warning_text_zh(*r.warning, r.cx->city, r.cx->rules); })
            .text("text_en", [](const R& r) { return audit::warning_text_en(*r.warning, r.cx->city, r.cx->rules); });
        return t;
    }();
    return table;
}

Table<KeyValue> audit_run_info_table() { return run_info_table("How this audit was made: date, rules, CRS, record counts"); }

const Table<ReviewRowOf>& review_table() {
    using R = ReviewRowOf;
    static const Table<R> table = [] {
        auto c = [](const R& r) -> const SupplyCondition& { return r.row->condition; };
        auto ind = [](const R& r) -> const StandardIndicatorInfo& { return info(r.row->condition.indicator); };
        auto judged = [](const R& r) { return r.row->status == audit::ReviewStatus::Met || r.row->status == audit::ReviewStatus::Missed; };
        Table<R> t("review", GeometryType::None,
                   "达产复核: each land-supply condition of a plan against the actual figures of its parcels once built");
        t.text("project_id", [c](const R& r) -> std::string_view { return c(r).project_id; })
            .text("site_id", [c](const R& r) -> std::string_view { return c(r).site_id; })
            .text("parcels", [c](const R& r) {
                std::string ids;
                for (const auto& id : c(r).parcels) ids.append(ids.empty() ? "" : ";").append(id);
                return ids;
            })
            .text("park_id", [c](const R& r) -> std::string_view { return c(r).park_id; })
            .text("level", [c](const R& r) { return to_string(c(r).level); })
            .text("indicator", [ind](const R& r) { return ind(r).name; })
            .text("bound", [ind](const R& r) { return to_string(ind(r).bound); })
            .text("unit", [ind](const R& r) { return ind(r).unit_zh; })
            .real("committed", 6, [c](const R& r) { return c(r).committed; })
            .real("threshold", 6, [c](const R& r) { return c(r).threshold; })
            .real("actual", 6, [](const R& r) { return r.row->actual; })
            .text("status", [](const R& r) { return info(r.row->status).name; })
            .text("status_zh", [](const R& r) { return info(r.row->status).title_zh; })
            .integer("meets_std", [judged](const R& r) {
                return judged(r) ? std::optional<int>(r.row->meets_threshold) : std::nullopt;
            })
            .text("parcel", [](const R& r) -> std::string_view { return r.row->parcel; })
            .text("detail_zh", [](const R& r) { return audit::detail_zh(*r.row); })
            .text("detail", [](const R& r) { return audit::detail_en(*r.row); });
        return t;
    }();
    return table;
}

std::vector<FilledTable> audit_tables(const AuditContext& cx, const ProgressFn& progress) {
    const City& city = cx.city;
    const std::size_t n = city.parcels.size();
    FilledTable parcels{parcel_flags_table().schema(), [&cx, progress, n](RowSink& s) {
                            ParcelRow row;
                            row.cx = &cx;
                            for (std::size_t i = 0; i < n; ++i) {
                                row.set(i);
                                parcel_flags_table().write(s, row);
                                if (progress && (i & 0x3FFF) == 0) progress("write", i, n);
                            }
                            if (progress) progress("write", n, n);
                        }};
    std::vector<FlagRow> flags;
    flags.reserve(cx.audit.flags.size());
    for (const Flag& f : cx.audit.flags) flags.push_back({&cx, &f});
    std::vector<ParkRow> parks;
    for (std::size_t p = 0; p < city.parks.size(); ++p) parks.push_back({&cx, p});
    std::vector<DistrictRow> districts;
    for (std::size_t d = 0; d < city.districts.size(); ++d) districts.push_back({&cx, d});
    std::vector<ShoreRow> shore;
    for (std::size_t k = 0; k < city.shoreline.size(); ++k) shore.push_back({&cx, k});

    std::vector<QualityRow> quality;
    for (int k = 0; k < audit::kQualityFieldCount; ++k) quality.push_back({&cx, static_cast<audit::QualityField>(k), nullptr});
    for (const auto& g : cx.audit.quality.rules) quality.push_back({&cx, std::nullopt, &g});

    std::vector<WarningRow> warnings;
    for (const auto& w : cx.audit.warnings) warnings.push_back({&cx, &w});

    std::vector<KeyValue> info = {
        {"as_of", cx.audit.as_of.iso()},
        {"rules_source", cx.audit.rules_source},
        {"rules_version", cx.audit.rules_version},
        {"working_crs", fmt::format("EPSG:{}", city.crs.epsg)},
        {"area_note", fmt::format("areas are planar in EPSG:{} ({}); 1 亩 = 666.67 m²", city.crs.epsg, city.crs.name)},
    };
    for (const auto& [layer, c] : city.report.counts)
        info.push_back({"records." + layer, fmt::format("read {} kept {} rejected {} repaired {} merged {} incomplete {}",
                                                        c.read, c.kept, c.rejected, c.repaired, c.merged, c.incomplete)});

    std::vector<FilledTable> tables;
    tables.push_back(std::move(parcels));
    tables.push_back(filled(park_capacity_table(), std::move(parks)));
    tables.push_back(filled(shoreline_use_table(), std::move(shore)));
    tables.push_back(filled(district_summary_table(), std::move(districts)));
    tables.push_back(filled(flag_details_table(), std::move(flags)));
    tables.push_back(filled(early_warnings_table(), std::move(warnings)));
    tables.push_back(filled(data_quality_table(), std::move(quality)));
    if (cx.review) {
        std::vector<ReviewRowOf> review;
        for (const auto& r : *cx.review) review.push_back({&r});
        tables.push_back(filled(review_table(), std::move(review)));
    }
    tables.push_back(filled(rejects_table(), rejects_report_rows(city)));
    tables.push_back(filled(audit_run_info_table(), std::move(info)));
    return tables;
}

}  // namespace parkcap::report::detail
