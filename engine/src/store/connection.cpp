#include "parkcap/store/connection.hpp"

#include <charconv>
#include <cmath>
#include <regex>

#include <fmt/format.h>
#include <libpq-fe.h>

namespace parkcap::store {

namespace {
PGconn* pg(void* c) { return static_cast<PGconn*>(c); }
const PGresult* res(const std::shared_ptr<void>& r) { return static_cast<const PGresult*>(r.get()); }

/// GDAL's keys in a PG: address, which libpq does not know.
const std::regex& gdal_keys() {
    static const std::regex re(R"((^|\s)(active_schema|schemas|tables)=('[^']*'|\S*))");
    return re;
}

std::string mask_password(std::string s) {
    static const std::regex re(R"(password=('[^']*'|\S*))");
    s = std::regex_replace(s, re, "password=***");
    static const std::regex uri(R"((postgres(ql)?://[^:/@]*):[^@]*@)");
    return std::regex_replace(s, uri, "$1:***@");
}
}  // namespace

bool is_store_address(std::string_view data) { return data.rfind("PG:", 0) == 0 || data.rfind("pg:", 0) == 0; }

std::string libpq_conninfo(std::string_view address, std::string* schema) {
    std::string s(is_store_address(address) ? address.substr(3) : address);
    std::smatch m;
    std::string rest = s;
    while (std::regex_search(rest, m, gdal_keys())) {
        if (schema && m[2] == "active_schema") {
            std::string v = m[3];
            if (v.size() >= 2 && v.front() == '\'') v = v.substr(1, v.size() - 2);
            *schema = v;
        }
        rest = m.suffix();
    }
    std::string out = std::regex_replace(s, gdal_keys(), "");
    const auto first = out.find_first_not_of(' ');
    if (first == std::string::npos) return {};
    return out.substr(first, out.find_last_not_of(' ') - first + 1);
}

Result::Result(void* pg_result) : result_(pg_result, [](void* r) { PQclear(static_cast<PGresult*>(r)); }) {}
int Result::rows() const { return result_ ? PQntuples(res(result_)) : 0; }
int Result::columns() const { return result_ ? PQnfields(res(result_)) : 0; }
bool Result::is_null(int r, int c) const { return PQgetisnull(res(result_), r, c) != 0; }
std::string Result::text(int r, int c) const {
    return std::string(PQgetvalue(res(result_), r, c), static_cast<std::size_t>(PQgetlength(res(result_), r, c)));
}
std::optional<std::string> Result::optional_text(int r, int c) const {
    if (is_null(r, c)) return std::nullopt;
    return text(r, c);
}
double Result::real(int r, int c) const {
    if (is_null(r, c)) return std::nan("");
    return std::strtod(PQgetvalue(res(result_), r, c), nullptr);
}
int64_t Result::integer(int r, int c) const {
    const std::string t = text(r, c);
    int64_t v = 0;
    std::from_chars(t.data(), t.data() + t.size(), v);
    return v;
}
int64_t Result::affected() const {
    const char* n = result_ ? PQcmdTuples(const_cast<PGresult*>(res(result_))) : "";
    return *n ? std::strtoll(n, nullptr, 10) : 0;
}

Connection::Connection(const std::string& address) : shown_address_(mask_password(address)) {
    std::string schema;
    const std::string info = libpq_conninfo(address, &schema);
    conn_ = PQconnectdb(info.c_str());
    if (PQstatus(pg(conn_)) != CONNECTION_OK) {
        std::string why = PQerrorMessage(pg(conn_));
        while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
        PQfinish(pg(conn_));
        conn_ = nullptr;
        throw InputError(fmt::format("{}: cannot connect to the store: {}", shown_address_, why),
                         "check host, port, dbname and user in the PG: address, and that the server is running");
    }
    // Messages parkcap shows are its own; the server's notices would only repeat them.
    PQsetNoticeProcessor(pg(conn_), [](void*, const char*) {}, nullptr);
    exec("SET client_encoding = 'UTF8'");
    if (!schema.empty()) exec("SELECT set_config('search_path', $1 || ', public', false)", {schema});
}

std::string Connection::shown(const std::string& address) { return mask_password(address); }

Connection::~Connection() {
    if (conn_) PQfinish(pg(conn_));
}

void Connection::fail(const std::string& what, void* r) {
    auto* result = static_cast<PGresult*>(r);
    std::string state = result ? (PQresultErrorField(result, PG_DIAG_SQLSTATE) ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : "") : "";
    std::string message = result && PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY)
                              ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY)
                              : PQerrorMessage(pg(conn_));
    std::string hint = result && PQresultErrorField(result, PG_DIAG_MESSAGE_HINT) ? PQresultErrorField(result, PG_DIAG_MESSAGE_HINT) : "";
    if (result) PQclear(result);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    if (PQstatus(pg(conn_)) != CONNECTION_OK)
        throw SqlError(fmt::format("{}: the connection to the store was lost during {}: {}", shown_address_, what, message),
                       state.empty() ? "08006" : state, "nothing of this change was committed; run it again");
    throw SqlError(fmt::format("{}: {}: {}", shown_address_, what, message), state, hint);
}

namespace {
std::string first_words(const std::string& sql) {
    std::string s = sql.substr(0, sql.find_first_of("\n(;"));
    if (s.size() > 60) s = s.substr(0, 60) + "...";
    return s;
}
bool ok(PGresult* r) {
    const auto st = PQresultStatus(r);
    return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY;
}
}  // namespace

Result Connection::exec(const std::string& sql) {
    PGresult* r = PQexec(pg(conn_), sql.c_str());
    if (!r || !ok(r)) fail(first_words(sql), r);
    return Result(r);
}

Result Connection::exec(const std::string& sql, const std::vector<Param>& params) {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
    PGresult* r = PQexecParams(pg(conn_), sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                               nullptr, 0);
    if (!r || !ok(r)) fail(first_words(sql), r);
    return Result(r);
}

void Connection::copy_in(const std::string& copy_statement, const std::string& rows) {
    CopyIn copy(*this, copy_statement);
    copy.rows = rows;
    copy.finish();
}

CopyIn::CopyIn(Connection& c, std::string copy_statement) : c_(c), statement_(std::move(copy_statement)) {
    PGresult* r = PQexec(pg(c_.conn_), statement_.c_str());
    if (!r || PQresultStatus(r) != PGRES_COPY_IN) c_.fail(first_words(statement_), r);
    PQclear(r);
    open_ = true;
}

void CopyIn::send() {
    constexpr std::size_t kChunk = 1 << 20;
    for (std::size_t at = 0; at < rows.size(); at += kChunk) {
        const std::size_t n = std::min(kChunk, rows.size() - at);
        if (PQputCopyData(pg(c_.conn_), rows.data() + at, static_cast<int>(n)) != 1) {
            open_ = false;
            c_.fail(first_words(statement_), nullptr);
        }
    }
    rows.clear();
}

void CopyIn::finish() {
    send();
    open_ = false;
    if (PQputCopyEnd(pg(c_.conn_), nullptr) != 1) c_.fail(first_words(statement_), nullptr);
    PGresult* done = PQgetResult(pg(c_.conn_));
    if (!done || PQresultStatus(done) != PGRES_COMMAND_OK) {
        while (PGresult* extra = PQgetResult(pg(c_.conn_))) PQclear(extra);
        c_.fail(first_words(statement_), done);
    }
    PQclear(done);
    while (PGresult* extra = PQgetResult(pg(c_.conn_))) PQclear(extra);
}

CopyIn::~CopyIn() {
    if (!open_) return;
    // The server ends the COPY with an error; the caller's ROLLBACK then runs normally.
    PQputCopyEnd(pg(c_.conn_), "parkcap stopped writing the rows");
    while (PGresult* r = PQgetResult(pg(c_.conn_))) PQclear(r);
}

std::string Connection::user() { return exec("SELECT current_user").text(0, 0); }

std::string copy_field(std::string_view v) {
    std::string out;
    out.reserve(v.size());
    for (char c : v) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        default: out += c;
        }
    }
    return out;
}

std::string copy_optional(const std::optional<std::string>& v) { return v ? copy_field(std::string_view(*v)) : "\\N"; }

std::string copy_real(double v) {
    if (!std::isfinite(v)) return "\\N";
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);  // shortest form that reads back exactly
    return std::string(buf, r.ptr);
}

}  // namespace parkcap::store
