#include "gpkg_rtree.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <span>

#include <fmt/format.h>

#include "parkcap/core/error.hpp"
#include "sql_text.hpp"

namespace parkcap::report::detail {

namespace {

// SQLite's R-tree cell: an 8-byte id and 4 floats, big-endian; a node holds at
// most 51 cells after a 4-byte header (2 bytes tree depth, root only; 2 bytes count).
constexpr int kBytesPerCell = 8 + 4 * 4;

class Db {
public:
    explicit Db(const std::string& path) : path_(path) {
        if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) fail("cannot reopen");
    }
    ~Db() {
        if (db_) sqlite3_close(db_);
    }
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    void exec(const std::string& sql) {
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
            fail(fmt::format("SQL failed ({}...)", sql.substr(0, 60)));
    }
    int64_t integer(const std::string& sql) {
        sqlite3_stmt* st = prepare(sql);
        int64_t v = 0;
        if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
        else fail(fmt::format("SQL returned no row ({}...)", sql.substr(0, 60)));
        sqlite3_finalize(st);
        return v;
    }
    sqlite3_stmt* prepare(const std::string& sql) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
            fail(fmt::format("SQL failed ({}...)", sql.substr(0, 60)));
        return st;
    }
    void step_reset(sqlite3_stmt* st) {
        if (sqlite3_step(st) != SQLITE_DONE) fail("cannot write the spatial index");
        sqlite3_reset(st);
    }
    [[noreturn]] void fail(const std::string& what) const {
        throw OutputError(fmt::format("{}: spatial index: {}: {}", path_, what, db_ ? sqlite3_errmsg(db_) : "no database"),
                          "is the disk full, or the folder read-only?");
    }

private:
    std::string path_;
    sqlite3* db_ = nullptr;
};

/// A leaf's feature, or a node of the level below (its id then the node's index
/// in that level): the layout of the writer's entries, so leaves are packed in place.
using Cell = RTreeEntry;

/// One level of the tree: its cells in node order; node k holds cells
/// [starts[k], starts[k + 1]).
struct Level {
    std::vector<Cell> cells;
    std::vector<std::size_t> starts;
    std::size_t nodes() const { return starts.size() - 1; }
    std::span<const Cell> node(std::size_t k) const { return {cells.data() + starts[k], cells.data() + starts[k + 1]}; }
};

Cell box_of(std::span<const Cell> cells) {
    Cell b{0, cells[0].min_x, cells[0].max_x, cells[0].min_y, cells[0].max_y};
    for (const Cell& c : cells) {
        b.min_x = std::min(b.min_x, c.min_x);
        b.max_x = std::max(b.max_x, c.max_x);
        b.min_y = std::min(b.min_y, c.min_y);
        b.max_y = std::max(b.max_y, c.max_y);
    }
    return b;
}

/// Groups cells into nodes of at most `capacity` by sort-tile-recursive packing:
/// vertical slices by x, runs by y inside each, sizes spread evenly so that no
/// node is left nearly empty. Ties broken by id: the same file every time. The
/// cells are sorted in place and the nodes are ranges of them: a province's ten
/// million boxes are held once, not once more in per-node copies.
Level pack(std::vector<Cell> cells, std::size_t capacity) {
    const std::size_t n = cells.size();
    const std::size_t nodes = (n + capacity - 1) / capacity;
    const auto slices = static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(nodes))));
    auto cx = [](const Cell& c) { return static_cast<double>(c.min_x) + c.max_x; };
    auto cy = [](const Cell& c) { return static_cast<double>(c.min_y) + c.max_y; };
    std::sort(cells.begin(), cells.end(), [&](const Cell& a, const Cell& b) {
        return cx(a) != cx(b) ? cx(a) < cx(b) : a.id < b.id;
    });
    Level level;
    level.starts.reserve(nodes + slices + 1);
    for (std::size_t s = 0; s < slices; ++s) {
        const std::size_t begin = n * s / slices, end = n * (s + 1) / slices;
        std::sort(cells.begin() + static_cast<std::ptrdiff_t>(begin), cells.begin() + static_cast<std::ptrdiff_t>(end),
                  [&](const Cell& a, const Cell& b) { return cy(a) != cy(b) ? cy(a) < cy(b) : a.id < b.id; });
        const std::size_t m = end - begin, groups = (m + capacity - 1) / capacity;
        for (std::size_t g = 0; g < groups; ++g) level.starts.push_back(begin + m * g / groups);
    }
    level.starts.push_back(n);
    level.cells = std::move(cells);
    return level;
}

void put_be16(unsigned char* p, unsigned v) {
    p[0] = static_cast<unsigned char>(v >> 8);
    p[1] = static_cast<unsigned char>(v);
}
void put_be32(unsigned char* p, uint32_t v) {
    for (int i = 0; i < 4; ++i) p[i] = static_cast<unsigned char>(v >> (24 - 8 * i));
}
void put_be64(unsigned char* p, uint64_t v) {
    for (int i = 0; i < 8; ++i) p[i] = static_cast<unsigned char>(v >> (56 - 8 * i));
}

/// GDAL 3.6's triggers for the gpkg_rtree_index extension (GeoPackage 1.2 text),
/// with {t} the table, {c} the geometry column, {i} the fid column, {r} the R-tree.
constexpr const char* kTriggers[] = {
    R"(CREATE TRIGGER "{r}_insert" AFTER INSERT ON "{t}" WHEN (new."{c}" NOT NULL AND NOT ST_IsEmpty(NEW."{c}")) BEGIN INSERT OR REPLACE INTO "{r}" VALUES (NEW."{i}",ST_MinX(NEW."{c}"), ST_MaxX(NEW."{c}"),ST_MinY(NEW."{c}"), ST_MaxY(NEW."{c}")); END)",
    R"(CREATE TRIGGER "{r}_update1" AFTER UPDATE OF "{c}" ON "{t}" WHEN OLD."{i}" = NEW."{i}" AND (NEW."{c}" NOTNULL AND NOT ST_IsEmpty(NEW."{c}")) BEGIN INSERT OR REPLACE INTO "{r}" VALUES (NEW."{i}",ST_MinX(NEW."{c}"), ST_MaxX(NEW."{c}"),ST_MinY(NEW."{c}"), ST_MaxY(NEW."{c}")); END)",
    R"(CREATE TRIGGER "{r}_update2" AFTER UPDATE OF "{c}" ON "{t}" WHEN OLD."{i}" = NEW."{i}" AND (NEW."{c}" ISNULL OR ST_IsEmpty(NEW."{c}")) BEGIN DELETE FROM "{r}" WHERE id = OLD."{i}"; END)",
    R"(CREATE TRIGGER "{r}_update3" AFTER UPDATE ON "{t}" WHEN OLD."{i}" != NEW."{i}" AND (NEW."{c}" NOTNULL AND NOT ST_IsEmpty(NEW."{c}")) BEGIN DELETE FROM "{r}" WHERE id = OLD."{i}"; INSERT OR REPLACE INTO "{r}" VALUES (NEW."{i}",ST_MinX(NEW."{c}"), ST_MaxX(NEW."{c}"),ST_MinY(NEW."{c}"), ST_MaxY(NEW."{c}")); END)",
    R"(CREATE TRIGGER "{r}_update4" AFTER UPDATE ON "{t}" WHEN OLD."{i}" != NEW."{i}" AND (NEW."{c}" ISNULL OR ST_IsEmpty(NEW."{c}")) BEGIN DELETE FROM "{r}" WHERE id IN (OLD."{i}", NEW."{i}"); END)",
    R"(CREATE TRIGGER "{r}_delete" AFTER DELETE ON "{t}" WHEN old."{c}" NOT NULL BEGIN DELETE FROM "{r}" WHERE id = OLD."{i}"; END)",
};

std::string substitute(std::string text, const std::string& key, const std::string& value) {
    for (std::size_t at = 0; (at = text.find(key, at)) != std::string::npos; at += value.size()) text.replace(at, key.size(), value);
    return text;
}

void build_one(Db& db, SpatialIndexJob& job) {
    // Identifiers go inside double quotes in the trigger text: escape them once.
    auto inner = [](const std::string& s) { return substitute(s, "\"", "\"\""); };
    const std::string rtree = "rtree_" + job.table + "_" + job.geometry_column;
    db.exec(fmt::format("CREATE VIRTUAL TABLE {} USING rtree(id, minx, maxx, miny, maxy)", sql_identifier(rtree)));
    // SQLite sized the (empty) root node for this file's page size; every node has that size.
    const auto node_size = static_cast<std::size_t>(
        db.integer(fmt::format("SELECT length(data) FROM {} WHERE nodeno = 1", sql_identifier(rtree + "_node"))));
    const std::size_t capacity = std::min<std::size_t>(51, (node_size - 4) / kBytesPerCell);
    if (capacity < 2) db.fail("unexpected R-tree node size");

    if (!job.entries.empty()) {
        // Levels bottom-up: level 0 holds the features; each level's cells are
        // the nodes of the level below. The last level has one node: the root.
        std::vector<Level> levels;
        levels.push_back(pack(std::move(job.entries), capacity));
        job.entries = {};
        while (levels.back().nodes() > 1) {
            std::vector<Cell> cells;
            cells.reserve(levels.back().nodes());
            for (std::size_t k = 0; k < levels.back().nodes(); ++k) {
                Cell b = box_of(levels.back().node(k));
                b.id = static_cast<int64_t>(k);
                cells.push_back(b);
            }
            levels.push_back(pack(std::move(cells), capacity));
        }
        // Node numbers: the root is 1 (SQLite's rule), then level by level downwards.
        std::vector<std::vector<int64_t>> number(levels.size());
        int64_t next = 1;
        for (std::size_t l = levels.size(); l-- > 0;) {
            number[l].resize(levels[l].nodes());
            for (auto& no : number[l]) no = next++;
        }
        db.exec(fmt::format("DELETE FROM {}", sql_identifier(rtree + "_node")));
        // Each feature's leaf, to be written in id order (appending in key order is
        // the B-tree's fast path). The writer's fids run 1..n: then a node number per
        // id is enough; otherwise (id, node) pairs sorted.
        const auto& leaves = levels[0].cells;
        int64_t min_id = leaves[0].id, max_id = leaves[0].id;
        for (const Cell& c : leaves) min_id = std::min(min_id, c.id), max_id = std::max(max_id, c.id);
        const bool dense = static_cast<uint64_t>(max_id - min_id) < 2 * static_cast<uint64_t>(leaves.size());
        std::vector<int64_t> leaf_by_id(dense ? static_cast<std::size_t>(max_id - min_id + 1) : 0, 0);
        std::vector<std::pair<int64_t, int64_t>> leaf_of;  // sparse ids: feature id -> leaf node
        if (!dense) leaf_of.reserve(leaves.size());
        sqlite3_stmt* node = db.prepare(fmt::format("INSERT INTO {} (nodeno, data) VALUES (?, ?)", sql_identifier(rtree + "_node")));
        sqlite3_stmt* rowid = db.prepare(fmt::format("INSERT INTO {} (rowid, nodeno) VALUES (?, ?)", sql_identifier(rtree + "_rowid")));
        sqlite3_stmt* parent = db.prepare(fmt::format("INSERT INTO {} (nodeno, parentnode) VALUES (?, ?)", sql_identifier(rtree + "_parent")));
        std::vector<unsigned char> blob(node_size);
        const unsigned depth = static_cast<unsigned>(levels.size() - 1);
        for (std::size_t l = levels.size(); l-- > 0;) {
            for (std::size_t k = 0; k < levels[l].nodes(); ++k) {
                const auto node_cells = levels[l].node(k);
                const int64_t no = number[l][k];
                std::fill(blob.begin(), blob.end(), 0);
                put_be16(blob.data(), no == 1 ? depth : 0);
                put_be16(blob.data() + 2, static_cast<unsigned>(node_cells.size()));
                for (std::size_t j = 0; j < node_cells.size(); ++j) {
                    const Cell& c = node_cells[j];
                    unsigned char* p = blob.data() + 4 + j * kBytesPerCell;
                    const int64_t id = l == 0 ? c.id : number[l - 1][static_cast<std::size_t>(c.id)];
                    put_be64(p, static_cast<uint64_t>(id));
                    put_be32(p + 8, std::bit_cast<uint32_t>(c.min_x));
                    put_be32(p + 12, std::bit_cast<uint32_t>(c.max_x));
                    put_be32(p + 16, std::bit_cast<uint32_t>(c.min_y));
                    put_be32(p + 20, std::bit_cast<uint32_t>(c.max_y));
                    if (l == 0) {
                        if (dense) leaf_by_id[static_cast<std::size_t>(id - min_id)] = no;
                        else leaf_of.emplace_back(id, no);
                    } else {
                        sqlite3_bind_int64(parent, 1, id);
                        sqlite3_bind_int64(parent, 2, no);
                        db.step_reset(parent);
                    }
                }
                sqlite3_bind_int64(node, 1, no);
                sqlite3_bind_blob(node, 2, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
                db.step_reset(node);
            }
            levels[l] = {};  // written: its boxes are needed no more
        }
        auto put_rowid = [&](int64_t id, int64_t no) {
            sqlite3_bind_int64(rowid, 1, id);
            sqlite3_bind_int64(rowid, 2, no);
            db.step_reset(rowid);
        };
        if (dense) {
            // Ids the table skips (none in the writer's tables) have no leaf: 0.
            for (std::size_t i = 0; i < leaf_by_id.size(); ++i)
                if (leaf_by_id[i] != 0) put_rowid(min_id + static_cast<int64_t>(i), leaf_by_id[i]);
        } else {
            std::sort(leaf_of.begin(), leaf_of.end());
            for (const auto& [id, no] : leaf_of) put_rowid(id, no);
        }
        sqlite3_finalize(node);
        sqlite3_finalize(rowid);
        sqlite3_finalize(parent);
    }

    for (const char* trigger : kTriggers) {
        std::string sql = substitute(trigger, "{r}", inner(rtree));
        sql = substitute(std::move(sql), "{t}", inner(job.table));
        sql = substitute(std::move(sql), "{c}", inner(job.geometry_column));
        db.exec(substitute(std::move(sql), "{i}", inner(job.fid_column)));
    }
    db.exec(fmt::format("INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) "
                        "VALUES ({}, {}, 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', "
                        "'write-only')",
                        sql_literal(job.table), sql_literal(job.geometry_column)));
}

}  // namespace

// SQLite's own rounding (ext/rtree/rtree.c, RNDTOWARDS / RNDAWAY).
float rtree_value_down(double d) {
    float f = static_cast<float>(d);
    if (f > d) f = static_cast<float>(d * (d < 0 ? 1.0 + 1.0 / 8388608.0 : 1.0 - 1.0 / 8388608.0));
    return f;
}

float rtree_value_up(double d) {
    float f = static_cast<float>(d);
    if (f < d) f = static_cast<float>(d * (d < 0 ? 1.0 - 1.0 / 8388608.0 : 1.0 + 1.0 / 8388608.0));
    return f;
}

void finish_tables(const std::string& path, const std::vector<TableTotals>& totals, std::vector<SpatialIndexJob>& jobs) {
    if (totals.empty() && jobs.empty()) return;
    Db db(path);
    db.exec("BEGIN");
    for (const TableTotals& t : totals) {
        db.exec(fmt::format("UPDATE gpkg_ogr_contents SET feature_count = {} WHERE lower(table_name) = lower({})", t.rows,
                            sql_literal(t.table)));
        if (t.spatial && t.min_x <= t.max_x) {
            // GDAL's own statement (OGRGeoPackageTableLayer::SaveExtent): the same text,
            // so the same doubles once SQLite has read them back.
            char* sql = sqlite3_mprintf(
                "UPDATE gpkg_contents SET min_x = %.18g, min_y = %.18g, max_x = %.18g, max_y = %.18g "
                "WHERE lower(table_name) = lower('%q') AND Lower(data_type) = 'features'",
                t.min_x, t.min_y, t.max_x, t.max_y, t.table.c_str());
            const std::string text = sql ? sql : "";
            sqlite3_free(sql);
            if (text.empty()) db.fail("out of memory");
            db.exec(text);
        }
        db.exec(fmt::format("UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') "
                            "WHERE lower(table_name) = lower({})",
                            sql_literal(t.table)));
    }
    if (!jobs.empty()) {
        // The GeoPackage's table of extensions, exactly as GDAL creates it when it has none yet.
        db.exec("CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT,column_name TEXT,extension_name TEXT NOT "
                "NULL,definition TEXT NOT NULL,scope TEXT NOT NULL,CONSTRAINT ge_tce UNIQUE (table_name, column_name, "
                "extension_name))");
        for (auto& job : jobs) build_one(db, job);
    }
    db.exec("COMMIT");
}

}  // namespace parkcap::report::detail
