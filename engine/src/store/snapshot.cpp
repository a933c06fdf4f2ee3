#include "parkcap/store/snapshot.hpp"

#include <charconv>
#include <cmath>
#include <iterator>

#include <fmt/format.h>

#include "ewkb.hpp"
#include "parkcap/report/audit_report.hpp"
#include "parkcap/report/plan_report.hpp"
#include "parkcap/store/decisions.hpp"
#include "parkcap/store/schema.hpp"

namespace parkcap::store {

namespace {

std::string json_string(std::string_view s) {
    std::string out = "\"";
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') { out += '\\'; out += ch; }
        else if (c < 0x20) out += fmt::format("\\u{:04x}", c);
        else out += ch;
    }
    return out + "\"";
}

/// Rows of one snapshot, all tables, streamed into a COPY as (id, layer, row_no, attributes, geom).
class SnapshotRows final : public report::TableDestination, public report::RowSink {
public:
    SnapshotRows(int64_t id, int srid, CopyIn& out) : id_(std::to_string(id)), srid_(srid), out_(out) {}

    report::RowSink& add_table(const report::TableSchema& table) override {
        fields_ = table.fields;
        layer_ = copy_field(std::string_view(table.name));
        row_no_ = 0;
        clear();
        return *this;
    }

    void set_text(int i, std::string_view v) override { values_[static_cast<std::size_t>(i)] = json_string(v); }
    void set_int(int i, int64_t v) override { values_[static_cast<std::size_t>(i)] = std::to_string(v); }
    void set_real(int i, double v) override {
        if (!std::isfinite(v)) return;
        char buf[32];
        const auto r = std::to_chars(buf, buf + sizeof buf, v);
        values_[static_cast<std::size_t>(i)] = std::string(buf, r.ptr);
    }
    void set_date(int i, Date v) override {
        if (!v.is_null()) values_[static_cast<std::size_t>(i)] = json_string(v.iso());
    }
    void set_null(int i) override { values_[static_cast<std::size_t>(i)].clear(); }
    void set_polygon(const geom::MultiPolygonColumn& column, std::size_t f) override {
        geom_ = detail::ewkb_multipolygon(column, f, srid_);
    }
    void set_line(std::span<const geom::Point> line) override { geom_ = detail::ewkb_linestring(line, srid_); }
    void set_lines(std::span<const std::vector<geom::Point>> parts) override {
        geom_ = detail::ewkb_multilinestring(parts, srid_);
    }
    void set_point(geom::Point p) override { geom_ = detail::ewkb_point(p, srid_); }

    void commit_row() override {
        // A field left empty is written as JSON null, so every row names every field.
        std::string json = "{";
        for (std::size_t i = 0; i < fields_.size(); ++i) {
            if (i) json += ", ";
            json += json_string(fields_[i].name) + ": " + (values_[i].empty() ? "null" : values_[i]);
        }
        json += "}";
        fmt::format_to(std::back_inserter(out_.rows), "{}\t{}\t{}\t{}\t{}\n", id_, layer_, ++row_no_,
                       copy_field(std::string_view(json)), geom_.empty() ? "\\N" : geom_);
        out_.flush_if_full();
        clear();
    }

private:
    void clear() {
        values_.assign(fields_.size(), std::string());
        geom_.clear();
    }
    std::string id_;
    int srid_;
    CopyIn& out_;
    std::vector<report::FieldDef> fields_;
    std::string layer_;
    int row_no_ = 0;
    std::vector<std::string> values_;
    std::string geom_;
};

std::optional<std::string> import_param(Connection& c) {
    const int64_t id = latest_import(c);
    return id > 0 ? std::optional<std::string>(std::to_string(id)) : std::nullopt;
}

}  // namespace

std::string latest_audit_date(Connection& c) {
    const Result r = c.exec("SELECT as_of::text FROM audits ORDER BY audit_id DESC LIMIT 1");
    return r.rows() ? r.text(0, 0) : std::string();
}

int64_t latest_import(Connection& c) {
    return c.exec("SELECT coalesce(max(import_id), 0) FROM imports").integer(0, 0);
}

int64_t store_audit(Connection& c, const City& city, const audit::Audit& audit, const rules::Rules& rules,
                    const std::vector<audit::ReviewRow>* review) {
    require_current_schema(c);
    return in_transaction(c, false, [&] {
        const int64_t id = c.exec("INSERT INTO audits (as_of, import_id, rules_version, working_epsg) VALUES ($1, $2, $3, $4) "
                                  "RETURNING audit_id",
                                  {audit.as_of.iso(), import_param(c), rules.version, std::to_string(city.crs.epsg)})
                               .integer(0, 0);
        CopyIn copy(c, "COPY audit_rows (audit_id, layer, row_no, attributes, geom) FROM STDIN");
        SnapshotRows rows(id, city.crs.epsg, copy);
        report::write_audit_tables(rows, city, audit, rules, review);
        copy.finish();
        record_decision(c, "audit", fmt::format("{{\"audit_id\": {}, \"as_of\": \"{}\"}}", id, audit.as_of.iso()),
                        rules.version);
        return id;
    });
}

int64_t store_plan(Connection& c, const City& city, const allocate::Plan& plan, const rules::Rules& rules, Date as_of,
                   std::optional<int64_t> audit_id) {
    require_current_schema(c);
    return in_transaction(c, false, [&] {
        const int64_t id =
            c.exec("INSERT INTO plans (as_of, import_id, audit_id, rules_version, working_epsg) VALUES ($1, $2, $3, $4, $5) "
                   "RETURNING plan_id",
                   {as_of.iso(), import_param(c), audit_id ? Param(std::to_string(*audit_id)) : Param(), rules.version,
                    std::to_string(city.crs.epsg)})
                .integer(0, 0);
        CopyIn copy(c, "COPY plan_rows (plan_id, layer, row_no, attributes, geom) FROM STDIN");
        SnapshotRows rows(id, city.crs.epsg, copy);
        report::write_plan_tables(rows, city, plan, rules);
        copy.finish();
        // A solver run is a decision: which method, what it reached, how many placed.
        const auto& st = plan.state.stats;
        record_decision(c, "solve",
                        fmt::format("{{\"plan_id\": {}, \"as_of\": \"{}\", \"method\": {}, \"objective\": {}, "
                                    "\"best_bound\": {}, \"placed\": {}}}",
                                    id, as_of.iso(), json_string(st.method), std::isfinite(st.objective) ? fmt::format("{}", st.objective) : "null",
                                    std::isfinite(st.best_bound) ? fmt::format("{}", st.best_bound) : "null",
                                    plan.state.placements.size()),
                        rules.version);
        return id;
    });
}

int64_t store_comparison(Connection& c, const report::ComparisonResult& result) {
    require_current_schema(c);
    return in_transaction(c, false, [&] {
        const int epsg = result.after.epsg();
        const int64_t id = c.exec("INSERT INTO comparisons (before_as_of, after_as_of, before_source, after_source, "
                                  "rules_version, working_epsg) VALUES ($1, $2, $3, $4, $5, $6) RETURNING comparison_id",
                                  {result.before.as_of.iso(), result.after.as_of.iso(), Connection::shown(result.before.path),
                                   Connection::shown(result.after.path), result.rules.version, std::to_string(epsg)})
                               .integer(0, 0);
        CopyIn copy(c, "COPY comparison_rows (comparison_id, layer, row_no, attributes, geom) FROM STDIN");
        SnapshotRows rows(id, epsg, copy);
        report::write_changes_tables(rows, result);
        copy.finish();
        record_decision(c, "compare",
                        fmt::format("{{\"comparison_id\": {}, \"before_as_of\": \"{}\", \"after_as_of\": \"{}\"}}", id,
                                    result.before.as_of.iso(), result.after.as_of.iso()),
                        result.rules.version);
        return id;
    });
}

int64_t store_evaluation(Connection& c, const report::EvaluationResult& result) {
    require_current_schema(c);
    return in_transaction(c, false, [&] {
        const int epsg = result.city.crs.epsg;
        const int64_t id =
            c.exec("INSERT INTO evaluations (as_of, import_id, since_source, rules_version, working_epsg) "
                   "VALUES ($1, $2, $3, $4, $5) RETURNING evaluation_id",
                   {result.evaluation.as_of.iso(), import_param(c),
                    result.since.empty() ? Param() : Param(Connection::shown(result.since)), result.rules.version,
                    std::to_string(epsg)})
                .integer(0, 0);
        CopyIn copy(c, "COPY evaluation_rows (evaluation_id, layer, row_no, attributes, geom) FROM STDIN");
        SnapshotRows rows(id, epsg, copy);
        report::write_evaluation_tables(rows, result);
        copy.finish();
        record_decision(c, "evaluate",
                        fmt::format("{{\"evaluation_id\": {}, \"as_of\": \"{}\"}}", id, result.evaluation.as_of.iso()),
                        result.rules.version);
        return id;
    });
}

std::vector<std::string> snapshot_rows(Connection& c, const std::string& kind, int64_t id, const std::string& layer) {
    if (kind != "audit" && kind != "plan" && kind != "comparison" && kind != "evaluation")
        throw std::logic_error("snapshot_rows: no snapshot kind " + kind);
    const std::string table = kind + "_rows";
    const std::string key = kind + "_id";
    const Result r = c.exec(fmt::format("SELECT attributes::text FROM {} WHERE {} = $1 AND layer = $2 ORDER BY row_no", table, key),
                            {std::to_string(id), layer});
    std::vector<std::string> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.text(i, 0));
    return out;
}

}  // namespace parkcap::store
