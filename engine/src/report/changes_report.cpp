#include "parkcap/report/changes_report.hpp"

#include <cmath>
#include <map>

#include <fmt/format.h>

#include "parkcap/core/error.hpp"
#include "parkcap/report/qgis_style.hpp"
#include "table.hpp"

namespace parkcap::report {

using namespace monitor;
using detail::FilledTable;
using detail::KeyValue;
using detail::Table;

namespace {

std::string join_codes(const std::vector<audit::FlagCode>& codes) {
    std::string out;
    for (audit::FlagCode c : codes) out += (out.empty() ? "" : ";") + std::string(audit::code_name(c));
    return out;
}

std::string flag_list(FlagSet flags) {
    std::vector<audit::FlagCode> codes;
    for (int k = 0; k < audit::kFlagCodeCount; ++k)
        if (flags.contains(static_cast<audit::FlagCode>(k))) codes.push_back(static_cast<audit::FlagCode>(k));
    return join_codes(codes);
}

/// A list of distinct texts in first-seen order, joined by ';'.
void add_distinct(std::string& list, std::string_view item) {
    if (item.empty()) return;
    std::size_t from = 0;
    while (from <= list.size()) {
        const std::size_t to = std::min(list.find(';', from), list.size());
        if (std::string_view(list).substr(from, to - from) == item) return;
        from = to + 1;
    }
    if (!list.empty()) list += ';';
    list += item;
}

/// One row of parcel_changes: a later parcel, or an earlier one gone from the data.
struct ParcelChangeRow {
    const ComparisonResult* r = nullptr;
    bool gone = false;
    uint32_t parcel = 0;  ///< in the later audit, or (gone) the earlier
    const Match* match = nullptr;
    ChangeClass cls = ChangeClass::Unchanged;
    std::string old_ids, old_status, old_use, old_flags;
    std::string flags_new, flags_resolved, flags_persisting, flags_escalated, disposal;
    double stock_mu = 0, disposed_mu = 0;

    const SnapshotParcels& own() const { return gone ? r->before.parcels : r->after.parcels; }
};

std::vector<ParcelChangeRow> parcel_change_rows(const ComparisonResult& r) {
    const Changes& c = r.changes;
    const SnapshotParcels& before = r.before.parcels;
    const SnapshotParcels& after = r.after.parcels;
    std::vector<ParcelChangeRow> rows(after.size());
    for (uint32_t a = 0; a < after.size(); ++a) {
        ParcelChangeRow& row = rows[a];
        row.r = &r;
        row.parcel = a;
        row.match = &c.matches[static_cast<std::size_t>(c.match_of_after[a])];
        row.cls = c.change_class[a];
        row.disposed_mu = c.disposed_mu[a];
    }
    for (const Link& l : c.links) {
        ParcelChangeRow& row = rows[l.after];
        add_distinct(row.old_ids, before.id[l.before]);
        add_distinct(row.old_status, to_string(before.status[l.before]));
        add_distinct(row.old_use, to_string(before.land_use[l.before]));
        add_distinct(row.old_flags, flag_list(before.flags[l.before]));
    }
    // Stock per later parcel: each earlier parcel's land once, whatever its kinds.
    std::map<std::pair<uint32_t, int64_t>, double> stock_land;
    for (const StockPiece& p : c.stock) {
        stock_land[{p.before, p.after}] = p.area_mu;
        if (p.after >= 0)
            add_distinct(rows[static_cast<std::size_t>(p.after)].disposal,
                         fmt::format("{}:{}", kStockKindNames[static_cast<std::size_t>(p.kind)],
                                     kDisposalNames[static_cast<std::size_t>(p.how)]));
    }
    for (const auto& [key, mu] : stock_land)
        if (key.second >= 0) rows[static_cast<std::size_t>(key.second)].stock_mu += mu;

    std::vector<ParcelChangeRow> gone;
    std::map<uint32_t, std::size_t> gone_row;
    for (uint32_t b = 0; b < before.size(); ++b) {
        const Match& m = c.matches[static_cast<std::size_t>(c.match_of_before[b])];
        if (m.kind != MatchKind::Gone) continue;
        ParcelChangeRow row;
        row.r = &r;
        row.gone = true;
        row.parcel = b;
        row.match = &m;
        row.cls = ChangeClass::Gone;
        row.old_ids = before.id[b];
        row.old_status = to_string(before.status[b]);
        row.old_use = to_string(before.land_use[b]);
        row.old_flags = flag_list(before.flags[b]);
        if (auto it = stock_land.find({b, -1}); it != stock_land.end()) row.stock_mu = it->second;
        gone_row[b] = gone.size();
        gone.push_back(std::move(row));
    }
    for (const FlagTransition& t : c.flags) {
        std::string code(audit::code_name(t.code));
        if (t.after < 0) {
            add_distinct(gone[gone_row.at(static_cast<uint32_t>(t.before))].disposal, "gone");
            continue;
        }
        ParcelChangeRow& row = rows[static_cast<std::size_t>(t.after)];
        switch (t.change) {
            case FlagChange::New: add_distinct(row.flags_new, code); break;
            case FlagChange::Resolved: add_distinct(row.flags_resolved, code); break;
            case FlagChange::Persisting: add_distinct(row.flags_persisting, code); break;
            case FlagChange::Escalated: add_distinct(row.flags_escalated, code + "→" + audit::code_name(*t.to)); break;
            case FlagChange::Gone: break;
        }
    }
    for (auto& g : gone) rows.push_back(std::move(g));
    return rows;
}

const Table<ParcelChangeRow>& parcel_changes_table() {
    using R = ParcelChangeRow;
    static const Table<R> table = [] {
        Table<R> t("parcel_changes", GeometryType::MultiPolygon,
                   "Every parcel of the later audit, and every parcel gone, with what changed since the earlier audit",
                   [](RowSink& s, const R& r) { s.set_polygon(r.own().geometry, r.parcel); });
        auto info = [](const R& r) -> const ChangeClassInfo& { return kChangeClasses[static_cast<std::size_t>(r.cls)]; };
        auto audit_of = [](const R& r) -> const AuditSnapshot& { return r.gone ? r.r->before : r.r->after; };
        t.text("change", [info](const R& r) { return info(r).name; })
            .text("change_zh", [info](const R& r) { return info(r).zh; })
            .text("match", [](const R& r) { return kMatchKindNames[static_cast<std::size_t>(r.match->kind)]; })
            .integer("match_id", [](const R& r) {
                return static_cast<int64_t>(r.match - r.r->changes.matches.data()) + 1;
            })
            .text("parcel_id", [](const R& r) {
                return r.gone ? std::string_view() : std::string_view(r.own().id[r.parcel]);
            })
            .text("old_ids", [](const R& r) -> std::string_view { return r.old_ids; })
            .integer("renumbered", [](const R& r) { return r.match->renumbered; })
            .text("district", [](const R& r) -> std::string_view { return r.own().district[r.parcel]; })
            .text("dist_name", [audit_of](const R& r) { return audit_of(r).district_name(r.own().district[r.parcel]); })
            .text("park_id", [](const R& r) -> std::string_view { return r.own().park_id[r.parcel]; })
            .text("park_name", [audit_of](const R& r) -> std::string_view {
                const std::string& p = r.own().park_id[r.parcel];
                return p.empty() ? std::string_view() : audit_of(r).park_name(p);
            })
            .real("area_mu", 3, [](const R& r) { return r.own().area_mu[r.parcel]; })
            .text("old_status", [](const R& r) -> std::string_view { return r.old_status; })
            .text("new_status", [](const R& r) -> std::string_view { return r.gone ? "" : to_string(r.own().status[r.parcel]); })
            .text("status_chg", [](const R& r) -> std::string {
                if (r.gone || r.old_status.empty()) return {};
                const std::string now = to_string(r.own().status[r.parcel]);
                return r.old_status == now ? std::string() : r.old_status + "→" + now;
            })
            .text("old_use", [](const R& r) -> std::string_view { return r.old_use; })
            .text("new_use", [](const R& r) -> std::string_view { return r.gone ? "" : to_string(r.own().land_use[r.parcel]); })
            .text("old_flags", [](const R& r) -> std::string_view { return r.old_flags; })
            .text("new_flags", [](const R& r) { return r.gone ? std::string() : flag_list(r.own().flags[r.parcel]); })
            .text("flags_new", [](const R& r) -> std::string_view { return r.flags_new; })
            .text("flags_res", [](const R& r) -> std::string_view { return r.flags_resolved; })
            .text("flags_kept", [](const R& r) -> std::string_view { return r.flags_persisting; })
            .text("flags_esc", [](const R& r) -> std::string_view { return r.flags_escalated; })
            .real("stock_mu", 3, [](const R& r) { return r.stock_mu; })
            .real("dispos_mu", 3, [](const R& r) { return r.disposed_mu; })
            .text("disposal", [](const R& r) -> std::string_view { return r.disposal; });
        return t;
    }();
    return table;
}

struct FlagChangeRow {
    const ComparisonResult* r;
    const FlagTransition* t;
};

const Table<FlagChangeRow>& flag_changes_table() {
    using R = FlagChangeRow;
    static const Table<R> table = [] {
        Table<R> t("flag_changes", GeometryType::None, "Each flag of each parcel: new, resolved, persisting, escalated or gone");
        t.text("parcel_id", [](const R& r) -> std::string_view {
             return r.t->after >= 0 ? std::string_view(r.r->after.parcels.id[static_cast<std::size_t>(r.t->after)]) : "";
         })
            .text("old_id", [](const R& r) -> std::string_view {
                return r.t->before >= 0 ? std::string_view(r.r->before.parcels.id[static_cast<std::size_t>(r.t->before)]) : "";
            })
            .text("code", [](const R& r) { return audit::code_name(r.t->code); })
            .text("title_zh", [](const R& r) { return audit::flag_title_zh(r.t->code); })
            .text("change", [](const R& r) { return kFlagChangeNames[static_cast<std::size_t>(r.t->change)]; })
            .text("to_code", [](const R& r) -> std::string_view { return r.t->to ? audit::code_name(*r.t->to) : ""; });
        return t;
    }();
    return table;
}

/// The columns every disposal table shares: flagged, disposed, the rate, and each way.
template <class R, class Get>
void disposal_columns(Table<R>& t, Get figures) {
    t.integer64("parcels", [figures](const R& r) { return static_cast<int64_t>(figures(r).flagged_parcels); })
        .real("flagged_mu", 3, [figures](const R& r) { return figures(r).flagged_mu; })
        .real("dispos_mu", 3, [figures](const R& r) { return figures(r).disposed_mu(); })
        .real("rate", 4, [figures](const R& r) { return figures(r).rate(); });
    for (std::size_t k = 0; k < kDisposalCount; ++k)
        t.real(std::string(kDisposalNames[k]) + "_mu", 3, [figures, k](const R& r) { return figures(r).by[k]; });
}

struct PlaceKindRow {
    const PlaceDisposal* place;
    std::size_t kind;
};

const Table<PlaceKindRow>& disposal_table() {
    using R = PlaceKindRow;
    static const Table<R> table = [] {
        Table<R> t("disposal", GeometryType::None,
                   "处置率: of the stock the earlier audit flagged, how much the later one finds disposed of, and how");
        t.text("level", [](const R& r) { return kPlaceLevelNames[static_cast<std::size_t>(r.place->level)]; })
            .text("code", [](const R& r) -> std::string_view { return r.place->code; })
            .text("name", [](const R& r) -> std::string_view { return r.place->name; })
            .text("kind", [](const R& r) { return kStockKindNames[r.kind]; })
            .text("kind_zh", [](const R& r) { return kStockKindTitles[r.kind]; });
        disposal_columns(t, [](const R& r) -> const DisposalFigures& { return r.place->by_kind[r.kind]; });
        return t;
    }();
    return table;
}

const Table<CohortRow>& cohorts_table() {
    using R = CohortRow;
    static const Table<R> table = [] {
        Table<R> t("disposal_cohorts", GeometryType::None, "批而未供 by approval year: flagged, disposed, 处置率");
        t.text("level", [](const R& r) { return kPlaceLevelNames[static_cast<std::size_t>(r.level)]; })
            .text("district", [](const R& r) -> std::string_view { return r.district; })
            .text("name", [](const R& r) -> std::string_view { return r.name; })
            .integer("appr_year", [](const R& r) { return r.year ? std::optional<int64_t>(r.year) : std::nullopt; });
        disposal_columns(t, [](const R& r) -> const DisposalFigures& { return r.figures; });
        return t;
    }();
    return table;
}

struct QuotaRow {
    const ComparisonResult* r;
    const QuotaConsequence* q;
};

const Table<QuotaRow>& quota_consequence_table() {
    using R = QuotaRow;
    static const Table<R> table = [] {
        Table<R> t("quota_consequence", GeometryType::None,
                   "增存挂钩: each district's disposal tasks and what they mean for next period's quota");
        auto opt = [](const std::optional<double>& v) { return v ? *v : std::nan(""); };
        t.text("district", [](const R& r) -> std::string_view { return r.q->district; })
            .text("name", [](const R& r) -> std::string_view { return r.q->name; })
            .real("appr_rate", 4, [](const R& r) { return r.q->approved_rate; })
            .real("appr_task", 4, [](const R& r) { return r.r->rules.monitoring.approved_task_rate; })
            .integer("appr_met", [](const R& r) { return r.q->approved_met; })
            .real("idle_rate", 4, [](const R& r) { return r.q->idle_rate; })
            .real("idle_task", 4, [](const R& r) { return r.r->rules.monitoring.idle_task_rate; })
            .integer("idle_met", [](const R& r) { return r.q->idle_met; })
            .real("adjust", 4, [](const R& r) { return r.q->adjustment_share; })
            .real("quota_dmu", 3, [](const R& r) { return r.q->disposed_for_quota_mu; })
            .real("earned_mu", 3, [](const R& r) { return r.q->earned_mu; })
            .real("quota_mu", 3, [opt](const R& r) { return opt(r.q->quota_mu); })
            .real("next_quota", 3, [opt](const R& r) { return opt(r.q->next_quota_mu); });
        return t;
    }();
    return table;
}

std::vector<FilledTable> changes_tables(const ComparisonResult& r) {
    std::vector<FlagChangeRow> flags;
    for (const FlagTransition& t : r.changes.flags) flags.push_back({&r, &t});
    std::vector<PlaceKindRow> places;
    for (const PlaceDisposal& p : r.progress.places)
        for (std::size_t k = 0; k < kStockKindCount; ++k) places.push_back({&p, k});
    std::vector<QuotaRow> quota;
    for (const QuotaConsequence& q : r.progress.quota) quota.push_back({&r, &q});

    std::vector<KeyValue> info = {
        {"before", r.before.path},
        {"before_as_of", r.before.as_of.iso()},
        {"after", r.after.path},
        {"after_as_of", r.after.as_of.iso()},
        {"working_crs", r.after.working_crs},
        {"rules_source", r.rules.source},
        {"rules_version", r.rules.version},
        {"match_overlap_share", fmt::format("{}", r.rules.monitoring.match_overlap_share)},
        {"parcels.before", fmt::format("{}", r.before.parcels.size())},
        {"parcels.after", fmt::format("{}", r.after.parcels.size())},
    };
    const auto counts = r.changes.match_counts();
    for (std::size_t k = 0; k < counts.size(); ++k) info.push_back({"matches." + std::string(kMatchKindNames[k]), fmt::format("{}", counts[k])});

    return {
        filled(parcel_changes_table(), parcel_change_rows(r)),
        filled(flag_changes_table(), std::move(flags)),
        filled(disposal_table(), std::move(places)),
        filled(cohorts_table(), r.progress.cohorts),
        filled(quota_consequence_table(), std::move(quota)),
        filled(detail::run_info_table("How this comparison was made: the two audits, their dates, the rules"), std::move(info)),
    };
}

void store_changes_styles(GpkgWriter& out) {
    const TableSchema& parcels = parcel_changes_table().schema();
    std::vector<FillCategory> classes;
    for (const ChangeClassInfo& c : kChangeClasses)
        classes.push_back({std::string(c.name), rgba_of(c.colour), std::string(c.zh), std::string(c.en)});
    store_style(out, categorized_fill(parcels.name, parcels.field("change"), classes,
                                      {"", {200, 200, 200, 255}, "其他", "other"}, {{90, 90, 90, 255}, 0.1}));
}

}  // namespace

void write_changes_gpkg(const std::string& path, const ComparisonResult& result) {
    GpkgWriter out(path, result.after.epsg());
    detail::add_tables(out, changes_tables(result));
    store_changes_styles(out);
    out.commit();
}

void write_changes_csv(const std::string& dir, const ComparisonResult& result) {
    detail::write_csv_tables(dir, changes_tables(result));
}

void write_changes_tables(TableDestination& out, const ComparisonResult& result) {
    for (const auto& t : changes_tables(result)) t.fill(out.add_table(t.schema));
}

void write_next_quota_csv(const std::string& path, const ComparisonResult& result) {
    const std::vector<FieldDef> fields = {{"district", FieldDef::Text}, {"quota_mu", FieldDef::Real, 0, 3},
                                          {"earned_mu", FieldDef::Real, 0, 3}, {"name", FieldDef::Text}};
    CsvWriter csv = CsvWriter::to_file(path, fields);
    for (const QuotaConsequence& q : result.progress.quota) {
        if (!q.next_quota_mu) continue;
        csv.set_text(0, q.district);
        csv.set_real(1, *q.next_quota_mu);
        csv.set_real(2, q.earned_mu);
        csv.set_text(3, q.name);
        csv.commit_row();
    }
    csv.commit();
}

}  // namespace parkcap::report
