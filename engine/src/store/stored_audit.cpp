// A stored audit read back as an AUDIT.gpkg is: the snapshot's rows of each layer
// come out of the store through GDAL's PostgreSQL driver as one SQL result layer,
// each field cast from the row's JSON to the type the audit's table declares, so
// report::read_audit_snapshot reads them with the same checks as a file.
#include <regex>

#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "../report/table_reader.hpp"
#include "parkcap/core/error.hpp"
#include "parkcap/core/gdal.hpp"
#include "parkcap/report/snapshot_reader.hpp"
#include "parkcap/store/schema.hpp"
#include "parkcap/store/snapshot.hpp"

namespace parkcap::store {

namespace {

constexpr const char* kKind = "a stored audit (parkcap audit PG:... --store)";

/// The `audit=` key of an address, and the address without it.
struct AuditAddress {
    std::string connection;  ///< "PG:..." without audit=
    std::string audit;       ///< ID or YYYY-MM-DD; empty when not given
};

AuditAddress split_audit_key(const std::string& address) {
    static const std::regex key(R"((^|\s)audit=(\S*))");
    AuditAddress a;
    std::smatch m;
    if (std::regex_search(address, m, key)) a.audit = m[2];
    a.connection = std::regex_replace(address, key, "");
    return a;
}

std::string stored_audits_list(Connection& c) {
    const Result r = c.exec("SELECT audit_id, as_of::text, to_char(taken_at, 'YYYY-MM-DD HH24:MI'), taken_by FROM audits "
                            "ORDER BY audit_id DESC LIMIT 20");
    if (r.rows() == 0) return "the store holds no audit (parkcap audit PG:... --as-of DATE --store writes one)";
    std::string list = "stored audits, newest first:";
    for (int i = 0; i < r.rows(); ++i)
        list += fmt::format("\n  audit={}  as of {}  (taken {} by {})", r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3));
    return list;
}

/// The audit_id `audit` names: an id, or the latest audit of a date.
int64_t resolve_audit(Connection& c, const std::string& shown, const std::string& audit) {
    const std::string hint = stored_audits_list(c);
    if (audit.empty())
        throw UsageError(fmt::format("{}: which stored audit? add audit=ID or audit=YYYY-MM-DD to the address", shown), hint);
    const bool is_date = std::regex_match(audit, std::regex(R"(\d{4}-\d{2}-\d{2})"));
    const bool is_id = std::regex_match(audit, std::regex(R"(\d{1,18})"));
    if (!is_date && !is_id)
        throw UsageError(fmt::format("{}: audit={}: expected an audit id or a date YYYY-MM-DD", shown, audit), hint);
    const Result r = is_id ? c.exec("SELECT audit_id FROM audits WHERE audit_id = $1", {audit})
                           : c.exec("SELECT audit_id FROM audits WHERE as_of = $1::date ORDER BY audit_id DESC LIMIT 1", {audit});
    if (r.rows() == 0)
        throw DataError(fmt::format("{}: audit={}: the store holds no such audit", shown, audit), hint);
    return r.integer(0, 0);
}

/// The layers of one stored audit, each an SQL result layer of GDAL's PG driver.
class StoredAuditSource final : public report::detail::TableSource {
public:
    StoredAuditSource(const std::string& connection, int64_t audit_id, std::string label)
        : audit_id_(audit_id), label_(std::move(label)) {
        register_gdal_drivers();
        ds_.reset(GDALDataset::Open(connection.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
        if (!ds_) throw InputError(fmt::format("{}: GDAL cannot open the store", label_), CPLGetLastErrorMsg());
    }
    ~StoredAuditSource() override {
        for (OGRLayer* l : results_) ds_->ReleaseResultSet(l);
    }

    report::detail::LayerReader layer(const report::TableSchema& schema) override {
        std::string columns = "row_no AS ogc_fid";
        for (const auto& f : schema.fields) {
            const std::string value = fmt::format("(attributes->>'{}')", f.name);
            const char* cast = f.type == report::FieldDef::Integer     ? "::integer"
                               : f.type == report::FieldDef::Integer64 ? "::bigint"
                               : f.type == report::FieldDef::Real      ? "::float8"
                               : f.type == report::FieldDef::Date      ? "::date"
                                                                       : "";
            columns += fmt::format(", {}{} AS \"{}\"", value, cast, f.name);
        }
        if (schema.geometry != report::GeometryType::None) columns += ", geom";
        const std::string sql = fmt::format("SELECT {} FROM audit_rows WHERE audit_id = {} AND layer = '{}' ORDER BY row_no",
                                            columns, audit_id_, schema.name);
        OGRLayer* l = ds_->ExecuteSQL(sql.c_str(), nullptr, nullptr);
        if (!l) throw DataError(fmt::format("{}: cannot read layer '{}': {}", label_, schema.name, CPLGetLastErrorMsg()));
        // A snapshot keeps rows, not empty tables: a layer with none reads as empty.
        results_.push_back(l);
        return report::detail::LayerReader(*l, schema, fmt::format("{}:{}", label_, schema.name), kKind,
                                           "name a stored audit with audit=ID or audit=YYYY-MM-DD");
    }
    const std::string& path() const override { return label_; }

private:
    int64_t audit_id_;
    std::string label_;
    GDALDatasetUniquePtr ds_;
    std::vector<OGRLayer*> results_;
};

}  // namespace

std::string without_audit_key(const std::string& address) { return split_audit_key(address).connection; }

monitor::AuditSnapshot read_stored_audit(const std::string& address) {
    const AuditAddress a = split_audit_key(address);
    Connection c(a.connection);
    require_current_schema(c);
    const int64_t id = resolve_audit(c, Connection::shown(address), a.audit);
    StoredAuditSource source(a.connection, id, Connection::shown(a.connection) + fmt::format(" audit={}", id));
    return report::read_audit_snapshot(source);
}

}  // namespace parkcap::store
