#include "gpkg_rows.hpp"

#include <sqlite3.h>

#include <algorithm>

#include <fmt/format.h>

#include "parkcap/core/error.hpp"
#include "sql_text.hpp"

namespace parkcap::report::detail {

namespace {

// Batches handed over and not yet inserted: enough that neither side waits on the
// other's hiccups, few enough that a million rows never sit in memory.
constexpr std::size_t kMaxInFlight = 3;

}  // namespace

TableInserter::TableInserter(sqlite3* db, std::string where, const std::string& table, const std::vector<std::string>& columns)
    : db_(db), where_(std::move(where)), table_(table), width_(columns.size()), row_(columns.size()), batch_(std::make_unique<RowBatch>()) {
    std::string names, params;
    for (const auto& c : columns) {
        names += (names.empty() ? "" : ", ") + sql_identifier(c);
        params += params.empty() ? "?" : ", ?";
    }
    const std::string sql = fmt::format("INSERT INTO {} ({}) VALUES ({})", sql_identifier(table), names, params);
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &insert_, nullptr) != SQLITE_OK)
        fail(fmt::format("cannot prepare the insert: {}", sqlite3_errmsg(db_)));
    batch_->first_fid = 1;
}

TableInserter::~TableInserter() {
    {
        std::lock_guard lock(mutex_);
        queued_.clear();  // not to be written
        stop_ = true;
    }
    changed_.notify_all();
    if (writer_.joinable()) writer_.join();
    if (in_transaction_) exec("ROLLBACK");
    sqlite3_finalize(insert_);  // before GDAL closes the connection
}

void TableInserter::fail(const std::string& what) const {
    throw OutputError(fmt::format("{}: {}", where_, what), "is the disk full, or the folder read-only?");
}

void TableInserter::end_row() {
    batch_->cells.insert(batch_->cells.end(), row_.begin(), row_.end());
    std::fill(row_.begin(), row_.end(), Cell{});
    ++batch_->rows;
    ++rows_;
    if (batch_->rows >= kBatchRows) hand_over();
}

void TableInserter::hand_over() {
    std::unique_lock lock(mutex_);
    if (!error_.empty()) {
        const std::string error = error_;
        lock.unlock();
        fail(error);
    }
    const int64_t next_fid = batch_->first_fid + static_cast<int64_t>(batch_->rows);
    queued_.push_back(std::move(batch_));
    ++in_flight_;
    if (!writer_.joinable()) writer_ = std::thread([this] { run_writer(); });
    changed_.notify_all();
    changed_.wait(lock, [this] { return in_flight_ < kMaxInFlight || !error_.empty(); });
    if (!spare_.empty()) {
        batch_ = std::move(spare_.back());
        spare_.pop_back();
    } else {
        batch_ = std::make_unique<RowBatch>();
    }
    batch_->first_fid = next_fid;
}

void TableInserter::run_writer() {
    for (;;) {
        std::unique_ptr<RowBatch> batch;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [this] { return stop_ || !queued_.empty(); });
            if (queued_.empty()) return;  // stopped, everything written
            batch = std::move(queued_.front());
            queued_.pop_front();
        }
        std::string error;
        {
            std::lock_guard lock(mutex_);
            error = error_;
        }
        if (error.empty()) error = insert(*batch);
        batch->cells.clear();
        batch->bytes.clear();
        batch->rows = 0;
        {
            std::lock_guard lock(mutex_);
            if (error_.empty()) error_ = error;
            spare_.push_back(std::move(batch));
            --in_flight_;
        }
        changed_.notify_all();
    }
}

std::string TableInserter::exec(const char* sql) {
    if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) return fmt::format("{}: {}", sql, sqlite3_errmsg(db_));
    in_transaction_ = sqlite3_get_autocommit(db_) == 0;
    return {};
}

std::string TableInserter::insert(const RowBatch& batch) {
    if (!in_transaction_) {
        // GDAL's own transactions are all closed when rows are written (GpkgWriter ends
        // them first); a transaction open here would be one we do not own.
        if (sqlite3_get_autocommit(db_) == 0) return "the connection is already inside a transaction";
        if (auto e = exec("BEGIN"); !e.empty()) return e;
        rows_in_transaction_ = 0;
        if (!triggers_aside_)
            if (auto e = set_triggers_aside(); !e.empty()) return e;
    }
    const char* bytes = batch.bytes.data();
    for (std::size_t r = 0; r < batch.rows; ++r) {
        const Cell* row = batch.cells.data() + r * width_;
        sqlite3_bind_int64(insert_, 1, batch.first_fid + static_cast<int64_t>(r));
        for (std::size_t c = 1; c < width_; ++c) {
            const Cell& v = row[c];
            const int at = static_cast<int>(c) + 1;
            switch (v.kind) {
                case Cell::Null: sqlite3_bind_null(insert_, at); break;
                case Cell::Int: sqlite3_bind_int64(insert_, at, v.integer); break;
                case Cell::Real: sqlite3_bind_double(insert_, at, v.real); break;
                case Cell::Text: sqlite3_bind_text(insert_, at, bytes + v.offset, static_cast<int>(v.size), SQLITE_STATIC); break;
                case Cell::Blob: sqlite3_bind_blob(insert_, at, bytes + v.offset, static_cast<int>(v.size), SQLITE_STATIC); break;
            }
        }
        const int rc = sqlite3_step(insert_);
        sqlite3_reset(insert_);
        if (rc != SQLITE_DONE)
            return fmt::format("cannot write row {}: {}", batch.first_fid + static_cast<int64_t>(r), sqlite3_errmsg(db_));
    }
    rows_in_transaction_ += batch.rows;
    if (rows_in_transaction_ >= kRowsPerTransaction) return exec("COMMIT");
    return {};
}

void TableInserter::finish() {
    std::string error;
    if (writer_.joinable()) {
        {
            std::lock_guard lock(mutex_);
            if (batch_->rows) {
                queued_.push_back(std::move(batch_));
                ++in_flight_;
            }
            stop_ = true;
        }
        changed_.notify_all();
        writer_.join();
        std::lock_guard lock(mutex_);
        error = error_;
        stop_ = false;  // rows added later start a writer again
    } else if (batch_->rows) {
        error = insert(*batch_);  // a small table: no thread needed
    }
    if (!batch_) batch_ = std::make_unique<RowBatch>();
    batch_->cells.clear();
    batch_->bytes.clear();
    batch_->rows = 0;
    batch_->first_fid = rows_ + 1;
    if (error.empty() && triggers_aside_) error = restore_triggers();
    if (error.empty() && in_transaction_) error = exec("COMMIT");
    if (!error.empty()) fail(error);
}

std::string TableInserter::set_triggers_aside() {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND lower(tbl_name) = lower(?)", -1,
                           &st, nullptr) != SQLITE_OK)
        return fmt::format("cannot list the table's triggers: {}", sqlite3_errmsg(db_));
    sqlite3_bind_text(st, 1, table_.c_str(), -1, SQLITE_TRANSIENT);
    std::vector<std::string> names;
    triggers_.clear();
    while (sqlite3_step(st) == SQLITE_ROW) {
        names.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
        triggers_.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
    }
    sqlite3_finalize(st);
    triggers_aside_ = true;
    for (const auto& name : names)
        if (auto e = exec(("DROP TRIGGER " + sql_identifier(name)).c_str()); !e.empty()) return e;
    return {};
}

std::string TableInserter::restore_triggers() {
    if (!in_transaction_)
        if (auto e = exec("BEGIN"); !e.empty()) return e;
    for (const auto& sql : triggers_)
        if (auto e = exec(sql.c_str()); !e.empty()) return e;
    triggers_.clear();
    triggers_aside_ = false;
    return {};
}

}  // namespace parkcap::report::detail
