#pragma once
// Internal: the one strict reader of the TOML files people edit by hand (the rules
// file, the field-mapping file, the overrides file).
//
// Such a file decides who is fined, whose land is taken back and where projects go,
// so a misspelt key or an impossible value must stop the run rather than fall back
// to a default; and since each edit costs a round trip, every problem is collected
// and reported at once, each as "file:line: dotted.key: what is wrong", in file
// order. A Section remembers the keys its reader asked for; finish() reports every
// other key as unknown. Readers return false (after reporting) when a value is
// missing or bad, so cross-checks run only on good values.
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <toml++/toml.h>

namespace parkcap::strict_toml {

/// Where a value was written: a file and a line. The file is empty for the file a
/// Problems was made for; layered files (the rules) name the layer each value came
/// from, since a merged table holds values of several files.
struct Where {
    Where() = default;
    Where(uint32_t at) : line(at) {}  // NOLINT: a line of the Problems' own file
    Where(std::string_view in, uint32_t at) : file(in), line(at) {}
    std::string_view file;
    uint32_t line = 0;
};

/// Where `node` was parsed (its source path and line; toml++ keeps both when a node
/// is moved, not when it is copied).
Where where_of(const toml::node& node);

/// Every problem of one file (or of the files layered into one), collected in reading
/// order, reported in file order.
class Problems {
public:
    /// `source` names the file in every message; `hint` goes with the error.
    Problems(std::string source, std::string hint) : source_(std::move(source)), hint_(std::move(hint)) {
        files_.push_back(source_);
    }

    /// Layered files: problems sort by this order of files first, then by line.
    void order_files(std::vector<std::string> files) { files_ = std::move(files); }

    void add(Where at, std::string_view path, std::string_view what);
    bool empty() const { return list_.empty(); }
    const std::string& source() const { return source_; }

    /// Throws DataError: the problems sorted by line, one a line, the first
    /// kShown of them and then how many more there are.
    [[noreturn]] void raise() const;
    void raise_if_any() const {
        if (!empty()) raise();
    }

    /// Enough to fix a file in one sitting; a file with more has one mistake
    /// repeated (a wrong column of values), and the rest would scroll it away.
    static constexpr std::size_t kShown = 40;

private:
    struct Problem {
        std::size_t file_rank;
        uint32_t line;
        std::string text;
    };
    std::string source_;
    std::string hint_;
    std::vector<std::string> files_;
    std::vector<Problem> list_;
};

/// The text of a file, or InputError "<path>: cannot read <what>: <reason>" with `hint`.
std::string read_file(const std::string& path, std::string_view what, const std::string& hint);

/// Parses TOML text; a syntax error throws DataError
/// "<source>:<line>:<column>: TOML syntax error: <what>; expected a UTF-8 TOML file".
toml::table parse(std::string_view text, const std::string& source, const std::string& hint);

uint32_t line_of(const toml::node& node);
/// "a string", "an integer", "a table"...
const char* type_name(const toml::node& node);
/// The value as written, for messages; tables and arrays are named, not dumped.
std::string quote(const toml::node& node);
/// "<value> is <type>; expected <expected>" (for tables and arrays: "got <type>; ...").
std::string wrong_type(const toml::node& node, std::string_view expected);
/// "a, b, c".
std::string join(std::span<const std::string_view> names);

/// Allowed numeric ranges; `text` completes "expected <what> <text>".
struct Range {
    double lo, hi;
    bool lo_open;
    const char* text;
    bool contains(double v) const;
};
inline constexpr double kInf = std::numeric_limits<double>::infinity();
inline constexpr Range kAnyNumber{-kInf, kInf, false, ""};
inline constexpr Range kNonNegative{0, kInf, false, ">= 0"};
inline constexpr Range kPositive{0, kInf, true, "> 0"};
inline constexpr Range kShare{0, 1, false, "from 0 to 1"};
inline constexpr Range kPositiveShare{0, 1, true, "above 0 and at most 1"};
inline constexpr Range kAtLeastOne{1, kInf, false, ">= 1"};

/// "<what> <range text>", e.g. "a distance in metres >= 0".
std::string expectation(std::string_view what, const Range& range);

/// What a string value must look like, on top of being non-empty.
struct StringRule {
    std::string expected;  ///< completes "expected ..."
    std::function<bool(std::string_view)> ok;
};
StringRule any_text(std::string expected);
StringRule one_of(std::span<const std::string_view> names);
/// A whole-string match of the ECMAScript regular expression `pattern`.
StringRule matching(const char* pattern, std::string expected);

/// "n/d" with whole n and d > 0 (spaces allowed around the numbers).
std::optional<double> parse_fraction(std::string_view text);

/// One TOML table being read.
class Section {
public:
    /// `path` is the table's dotted key ("" for the file's top level).
    Section(Problems& problems, const toml::table& table, std::string path)
        : problems_(&problems), table_(&table), path_(std::move(path)) {}

    std::string path_of(std::string_view key) const;
    const std::string& path() const { return path_; }
    /// Where the table itself is (its [header], or line 1 at the top level).
    Where line() const;
    /// Where `key`'s value is (the table's own place when the key is absent).
    Where line_of_key(std::string_view key) const;

    void report(Where at, std::string_view path, std::string_view what) { problems_->add(at, path, what); }
    /// A problem with the table as a whole.
    void report(std::string_view what) { problems_->add(line(), path_, what); }
    /// A problem with a value, at its line.
    void report(const toml::node& node, std::string_view path, std::string_view what) {
        problems_->add(where_of(node), path, what);
    }

    /// The node at `key`, or nullptr after reporting it missing.
    const toml::node* get(std::string_view key, std::string_view expected);
    /// The node at `key`, or nullptr when absent (an optional key); known either way.
    const toml::node* find(std::string_view key);
    /// True when `key` is present; marks it known either way (for optional keys).
    bool has(std::string_view key);

    bool integer(std::string_view key, int& out, int min, std::string_view what);
    bool number(std::string_view key, double& out, const Range& range, std::string_view what);
    /// A share: a number, or an exact fraction string such as "1/3" (the law says
    /// 不足三分之一, and 1/3 has no exact decimal).
    bool ratio(std::string_view key, double& out, std::string_view what);
    bool text(std::string_view key, std::string& out, const StringRule& rule);
    /// An array of strings, each following `rule`.
    bool texts(std::string_view key, std::vector<std::string>& out, const StringRule& rule);
    /// A string naming one of `names`; `out` becomes its index (an enum's value
    /// when `names` are its spellings in order).
    bool choice(std::string_view key, std::size_t& out, std::span<const std::string_view> names);
    /// An array of such strings, none twice; `out` becomes their indices in file order.
    bool choices(std::string_view key, std::vector<std::size_t>& out, std::span<const std::string_view> names);
    /// choice() into an enum whose spellings, in enum order, are `names`.
    template <class E>
    bool enumerated(std::string_view key, E& out, std::span<const std::string_view> names) {
        std::size_t index = 0;
        if (!choice(key, index, names)) return false;
        out = static_cast<E>(index);
        return true;
    }
    /// choices() into a set of such an enum.
    template <class Set, class E = typename Set::value_type>
    bool enumerated_set(std::string_view key, Set& out, std::span<const std::string_view> names) {
        std::vector<std::size_t> indices;
        if (!choices(key, indices, names)) return false;
        out = Set{};
        for (std::size_t i : indices) out.insert(static_cast<E>(i));
        return true;
    }

    std::optional<Section> table(std::string_view key);
    /// The table `t` found at `key` of this one, to be read as a section of its own.
    Section child(std::string_view key, const toml::table& t) const { return Section(*problems_, t, path_of(key)); }
    /// An array of tables ([[key]] entries), numbered from 1 in paths. Empty
    /// (`key = []`) is allowed. Returns nullopt when missing or not an array.
    std::optional<std::vector<Section>> tables(std::string_view key);

    /// Every entry of a table whose keys are data (canonical field names, a value
    /// map): each becomes known; `each(key, node)` checks it.
    void entries(const std::function<void(std::string_view key, const toml::node& node)>& each);

    /// Reports the keys nobody asked for: "unknown <noun>; expected one of ...".
    void finish(std::string_view noun = "key");

private:
    void remember(std::string_view key);
    bool bad(const toml::node& node, std::string_view key, std::string_view what);
    bool number_value(const toml::node& node, const std::string& path, double& out, const Range& range,
                      std::string_view expected);
    bool string_value(const toml::node& node, const std::string& path, std::string& out, const StringRule& rule);

    Problems* problems_;
    const toml::table* table_;
    std::string path_;
    std::vector<std::string> known_;
};

/// Reports a second entry with the same key in an array of tables: items[i] was
/// read from the entry at lines[i]; `field` names the key compared.
template <class T, class At, class KeyOf>
void check_unique(Section& owner, const std::vector<T>& items, const std::vector<At>& lines,
                  std::string_view array_key, std::string_view field, KeyOf key_of) {
    for (size_t i = 0; i < items.size(); ++i)
        for (size_t j = 0; j < i; ++j)
            if (key_of(items[i]) == key_of(items[j])) {
                // Entries of one array come from one file: an array is replaced whole.
                owner.report(Where(lines[i]), fmt::format("{}.{}", owner.path_of(array_key), field),
                             fmt::format("\"{}\" appears twice (also at line {}); expected each {} once",
                                         key_of(items[i]), Where(lines[j]).line, field));
                break;
            }
}

}  // namespace parkcap::strict_toml
