#pragma once
// Internal: the rows of one GeoPackage table inserted through one prepared INSERT on
// the GeoPackage's own SQLite connection, while the caller goes on making the next
// rows. The caller fills a row's values (text and geometry blobs already encoded, so
// the inserting side only binds and steps), hands it over, and every kBatchRows rows
// a batch goes to a second thread, the one writer SQLite allows; at most a few
// batches wait, so memory stays bounded whatever the table's size. GDAL made the
// table and keeps its metadata; it must not touch the connection until finish().
// The table's triggers (GDAL's feature count, one UPDATE per row, and a statement
// journal spilled to disk for each INSERT with 64 KiB pages) are set aside while
// the rows go in and put back, as they were, when they are in: GDAL does the same.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace parkcap::report::detail {

/// One value of a row, as it is bound: NULL, an integer, a real, or text or a blob
/// held in the batch's bytes.
struct Cell {
    enum Kind : uint8_t { Null, Int, Real, Text, Blob };
    Kind kind = Null;
    uint32_t size = 0;  ///< bytes of a text or blob
    union {
        int64_t integer = 0;
        double real;
        uint64_t offset;  ///< of a text or blob in RowBatch::bytes
    };
};

/// Rows ready to insert: `width` cells a row, in the INSERT's column order.
struct RowBatch {
    std::vector<Cell> cells;
    std::string bytes;
    int64_t first_fid = 0;
    std::size_t rows = 0;
};

class TableInserter {
public:
    static constexpr std::size_t kBatchRows = 2048;
    /// Rows a transaction holds at most (a journal sync per commit vanishes in this many).
    static constexpr std::size_t kRowsPerTransaction = 100'000;

    /// Prepares `INSERT INTO table (columns...)` on `db`; the first column is the fid,
    /// bound from 1 upwards in row order, as SQLite would number the rows of a new
    /// table. `where` ("file:layer") names the table in messages.
    TableInserter(sqlite3* db, std::string where, const std::string& table, const std::vector<std::string>& columns);
    /// Without finish(): stops the writer and rolls back what it had not committed.
    ~TableInserter();
    TableInserter(const TableInserter&) = delete;
    TableInserter& operator=(const TableInserter&) = delete;

    /// Value `column` (1 = the first after the fid) of the row being filled; NULL until set.
    Cell& value(std::size_t column) { return row_[column]; }
    /// Sets a value to text or a blob copied into the batch; `append` adds its bytes.
    template <class Append>
    void set_bytes(std::size_t column, Cell::Kind kind, Append append) {
        std::string& bytes = batch_->bytes;
        const std::size_t begin = bytes.size();
        append(bytes);
        row_[column].kind = kind;
        row_[column].offset = begin;
        row_[column].size = static_cast<uint32_t>(bytes.size() - begin);
    }
    /// Hands the row over and starts an empty one. Throws OutputError if the writer
    /// failed on an earlier row.
    void end_row();
    /// Inserts every row handed over and commits them. Throws OutputError naming the
    /// table and the row on failure.
    void finish();
    int64_t rows() const { return rows_; }

private:
    void hand_over();
    void run_writer();
    /// Inserts a batch (in the transaction, which it begins or renews); "" or the reason.
    std::string insert(const RowBatch& batch);
    std::string exec(const char* sql);
    std::string set_triggers_aside();
    std::string restore_triggers();
    [[noreturn]] void fail(const std::string& what) const;

    sqlite3* db_;
    std::string where_;
    std::string table_;
    sqlite3_stmt* insert_ = nullptr;
    std::size_t width_;
    std::vector<Cell> row_;
    std::unique_ptr<RowBatch> batch_;
    int64_t rows_ = 0;

    // Shared with the writer thread, under mutex_.
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::unique_ptr<RowBatch>> queued_;
    std::vector<std::unique_ptr<RowBatch>> spare_;
    std::size_t in_flight_ = 0;  ///< batches handed over and not yet inserted
    bool stop_ = false;
    std::string error_;
    std::thread writer_;

    // The writer's own (or the caller's before the thread starts, and after it ends).
    bool in_transaction_ = false;
    std::size_t rows_in_transaction_ = 0;
    bool triggers_aside_ = false;
    std::vector<std::string> triggers_;  ///< the table's triggers, set aside while rows go in
};

}  // namespace parkcap::report::detail
