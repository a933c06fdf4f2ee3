#pragma once
// A connection to the shared store (PostgreSQL + PostGIS) through libpq: the one
// place parkcap speaks SQL to a server. Statements take their values as
// parameters, never spliced into the text; every failure throws from parkcap's
// error hierarchy with the server's own words and, where it helps, a hint.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "parkcap/core/error.hpp"

namespace parkcap::store {

/// A statement the server refused. `sqlstate` is its five-character code
/// (40001 serialization failure, 40P01 deadlock, 42501 insufficient privilege, ...).
class SqlError : public OutputError {
public:
    SqlError(const std::string& message, std::string sqlstate, std::string hint = {})
        : OutputError(message, std::move(hint)), sqlstate_(std::move(sqlstate)) {}
    const std::string& sqlstate() const noexcept { return sqlstate_; }
    /// A transaction another one overtook: retrying it may succeed.
    bool retryable() const { return sqlstate_ == "40001" || sqlstate_ == "40P01"; }

private:
    std::string sqlstate_;
};

/// A change that lost a race or no longer fits what the store now holds (the quota
/// another planner spent meanwhile): nothing was written. Exit code 6.
class ConflictError : public Error { using Error::Error; };

/// The store refused a change this account may not make (row-level security, a
/// revoked privilege): nothing was written. Exit code 7.
class PermissionError : public Error { using Error::Error; };

/// Whether `data` names a PostgreSQL connection (GDAL's "PG:..." form).
bool is_store_address(std::string_view data);

/// The libpq connection string of a "PG:..." address: the prefix and GDAL's own
/// keys (active_schema, schemas, tables) removed. `schema`, when given, receives
/// active_schema's value.
std::string libpq_conninfo(std::string_view address, std::string* schema = nullptr);

/// The rows a statement returned, as text (PostgreSQL's text output format).
class Result {
public:
    Result() = default;
    explicit Result(void* pg_result);  // takes ownership of a PGresult
    int rows() const;
    int columns() const;
    bool is_null(int row, int column) const;
    std::string text(int row, int column) const;
    /// nullopt when NULL.
    std::optional<std::string> optional_text(int row, int column) const;
    double real(int row, int column) const;  ///< NaN when NULL
    int64_t integer(int row, int column) const;
    /// The rows the statement changed (UPDATE, DELETE, INSERT).
    int64_t affected() const;

private:
    std::shared_ptr<void> result_;
};

/// A statement parameter: text in PostgreSQL's input syntax, or NULL.
using Param = std::optional<std::string>;

class Connection {
public:
    /// Connects; InputError naming the address (without any password) when the
    /// server cannot be reached or refuses the login.
    explicit Connection(const std::string& address);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    /// Runs one or more statements without parameters.
    Result exec(const std::string& sql);
    /// Runs one statement with $1, $2, ... bound to `params`.
    Result exec(const std::string& sql, const std::vector<Param>& params);
    /// `COPY ... FROM STDIN` with `rows` in COPY's text format (tab-separated, \N null).
    void copy_in(const std::string& copy_statement, const std::string& rows);

    /// The account connected as (current_user).
    std::string user();
    /// The address as given, for messages (a password in it masked).
    const std::string& address() const { return shown_address_; }
    /// Any address as messages show it (a password masked).
    static std::string shown(const std::string& address);

private:
    friend class CopyIn;
    [[noreturn]] void fail(const std::string& what, void* pg_result);
    void* conn_ = nullptr;  // PGconn
    std::string shown_address_;
};

/// `COPY ... FROM STDIN` fed while the rows are made: what is appended to `rows`
/// goes to the server whenever a few MiB wait (flush_if_full), so a snapshot of a
/// million parcels is never held whole in memory (it was 2 GiB at 1M) and the
/// server parses one chunk while the client writes the next. finish() sends the
/// rest and throws what the server refused. Destroyed unfinished (an exception on
/// the way), it aborts the COPY, so the enclosing transaction rolls back and the
/// connection stays usable. Nothing else may run on the connection meanwhile.
class CopyIn {
public:
    CopyIn(Connection& c, std::string copy_statement);
    ~CopyIn();
    CopyIn(const CopyIn&) = delete;
    CopyIn& operator=(const CopyIn&) = delete;

    /// Rows in COPY's text format (tab-separated, \N null), appended by the caller.
    std::string rows;
    void flush_if_full() {
        if (rows.size() >= kFlushBytes) send();
    }
    void finish();

private:
    static constexpr std::size_t kFlushBytes = std::size_t(4) << 20;
    void send();
    Connection& c_;
    std::string statement_;
    bool open_ = false;
};

/// COPY's text format of one value: tabs, newlines and backslashes escaped; nullopt is \N.
std::string copy_optional(const std::optional<std::string>& value);
std::string copy_field(std::string_view value);
/// A double in COPY's text format that reads back bit for bit; NaN is \N.
std::string copy_real(double value);

/// Runs `body` in one transaction: BEGIN, body, COMMIT; ROLLBACK when it throws.
/// With `serializable`, a serialization failure or deadlock is retried (up to
/// `attempts` times) from the start: `body` must therefore read what it decides on
/// inside the transaction.
template <class Body>
auto in_transaction(Connection& c, bool serializable, Body body, int attempts = 8) {
    for (int attempt = 1;; ++attempt) {
        c.exec(serializable ? "BEGIN ISOLATION LEVEL SERIALIZABLE" : "BEGIN");
        try {
            if constexpr (std::is_void_v<decltype(body())>) {
                body();
                c.exec("COMMIT");
                return;
            } else {
                auto value = body();
                c.exec("COMMIT");
                return value;
            }
        } catch (const SqlError& e) {
            try { c.exec("ROLLBACK"); } catch (...) {}
            if (!(serializable && e.retryable() && attempt < attempts)) throw;
        } catch (...) {
            try { c.exec("ROLLBACK"); } catch (...) {}
            throw;
        }
    }
}

}  // namespace parkcap::store
