#include "strict_toml.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "parkcap/core/error.hpp"

namespace parkcap::strict_toml {

// ---- problems and parsing ------------------------------------------------------

Where where_of(const toml::node& node) {
    const auto& source = node.source();
    return source.path ? Where(*source.path, source.begin.line) : Where(source.begin.line);
}

void Problems::add(Where at, std::string_view path, std::string_view what) {
    const std::string_view file = at.file.empty() ? std::string_view(source_) : at.file;
    auto rank = static_cast<std::size_t>(std::find(files_.begin(), files_.end(), file) - files_.begin());
    list_.push_back({rank, at.line, fmt::format("{}:{}: {}: {}", file, at.line, path, what)});
}

void Problems::raise() const {
    std::vector<Problem> sorted = list_;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Problem& a, const Problem& b) {
        return a.file_rank != b.file_rank ? a.file_rank < b.file_rank : a.line < b.line;
    });
    const std::size_t shown = std::min(kShown, sorted.size());
    std::string message;
    for (std::size_t i = 0; i < shown; ++i) message += (message.empty() ? "" : "\n") + sorted[i].text;
    if (sorted.size() > shown) message += fmt::format("\n{}: … and {} more", source_, sorted.size() - shown);
    throw DataError(message, hint_);
}

std::string read_file(const std::string& path, std::string_view what, const std::string& hint) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw InputError(fmt::format("{}: cannot read {}: {}", path, what,
                                     std::filesystem::exists(path, ec) ? "not a regular file" : "no such file"),
                         hint);
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(fmt::format("{}: cannot read {}: {}", path, what, std::strerror(errno)), hint);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

toml::table parse(std::string_view text, const std::string& source, const std::string& hint) {
    try {
        return toml::parse(text, std::string_view(source));
    } catch (const toml::parse_error& e) {
        const auto& at = e.source().begin;
        throw DataError(fmt::format("{}:{}:{}: TOML syntax error: {}; expected a UTF-8 TOML file (https://toml.io)",
                                    source, at.line, at.column, e.description()),
                        hint);
    }
}

// ---- values ----------------------------------------------------------------------

uint32_t line_of(const toml::node& node) { return node.source().begin.line; }

const char* type_name(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::string: return "a string";
        case toml::node_type::integer: return "an integer";
        case toml::node_type::floating_point: return "a decimal number";
        case toml::node_type::boolean: return "a boolean";
        case toml::node_type::table: return "a table";
        case toml::node_type::array: return "an array";
        default: return "a date or time";
    }
}

std::string quote(const toml::node& node) {
    if (const auto* s = node.as_string()) return fmt::format("\"{}\"", s->get());
    if (const auto* i = node.as_integer()) return fmt::format("{}", i->get());
    if (const auto* f = node.as_floating_point()) return fmt::format("{}", f->get());
    if (const auto* b = node.as_boolean()) return b->get() ? "true" : "false";
    return type_name(node);
}

std::string wrong_type(const toml::node& node, std::string_view expected) {
    if (node.is_table() || node.is_array() || node.is_date() || node.is_time() || node.is_date_time())
        return fmt::format("got {}; expected {}", type_name(node), expected);
    return fmt::format("{} is {}; expected {}", quote(node), type_name(node), expected);
}

std::string join(std::span<const std::string_view> names) {
    std::string out;
    for (std::string_view n : names) out += (out.empty() ? "" : ", ") + std::string(n);
    return out;
}

bool Range::contains(double v) const { return std::isfinite(v) && (lo_open ? v > lo : v >= lo) && v <= hi; }

std::string expectation(std::string_view what, const Range& range) {
    return *range.text ? fmt::format("{} {}", what, range.text) : std::string(what);
}

StringRule any_text(std::string expected) {
    return {std::move(expected), [](std::string_view) { return true; }};
}

StringRule one_of(std::span<const std::string_view> names) {
    std::vector<std::string_view> list(names.begin(), names.end());
    return {"one of " + join(names),
            [list](std::string_view v) { return std::find(list.begin(), list.end(), v) != list.end(); }};
}

StringRule matching(const char* pattern, std::string expected) {
    return {std::move(expected),
            [re = std::regex(pattern)](std::string_view v) { return std::regex_match(v.begin(), v.end(), re); }};
}

std::optional<double> parse_fraction(std::string_view text) {
    auto trim = [](std::string_view s) {
        while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
        while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
        return s;
    };
    const size_t slash = text.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    auto whole = [](std::string_view s) -> std::optional<uint64_t> {
        uint64_t v = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
        return v;
    };
    const auto num = whole(trim(text.substr(0, slash)));
    const auto den = whole(trim(text.substr(slash + 1)));
    if (!num || !den || *den == 0) return std::nullopt;
    return static_cast<double>(*num) / static_cast<double>(*den);
}

// ---- sections ----------------------------------------------------------------------

std::string Section::path_of(std::string_view key) const {
    return path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
}

Where Section::line() const {
    Where at = where_of(*table_);
    at.line = std::max<uint32_t>(1, at.line);
    return at;
}

Where Section::line_of_key(std::string_view key) const {
    const toml::node* node = table_->get(key);
    return node ? where_of(*node) : line();
}

const toml::node* Section::get(std::string_view key, std::string_view expected) {
    remember(key);
    const toml::node* node = table_->get(key);
    if (!node) problems_->add(line(), path_of(key), fmt::format("missing; expected {}", expected));
    return node;
}

const toml::node* Section::find(std::string_view key) {
    remember(key);
    return table_->get(key);
}

bool Section::has(std::string_view key) { return find(key) != nullptr; }

bool Section::integer(std::string_view key, int& out, int min, std::string_view what) {
    const std::string expected = fmt::format("{} >= {}", what, min);
    const toml::node* node = get(key, expected);
    if (!node) return false;
    const auto* v = node->as_integer();
    if (!v) return bad(*node, key, wrong_type(*node, expected));
    if (v->get() < min || v->get() > std::numeric_limits<int>::max())
        return bad(*node, key, fmt::format("{} is out of range; expected {}", v->get(), expected));
    out = static_cast<int>(v->get());
    return true;
}

bool Section::number(std::string_view key, double& out, const Range& range, std::string_view what) {
    const std::string expected = expectation(what, range);
    const toml::node* node = get(key, expected);
    return node && number_value(*node, path_of(key), out, range, expected);
}

bool Section::ratio(std::string_view key, double& out, std::string_view what) {
    const std::string expected = fmt::format("{} from 0 to 1, as a number (0.25) or a fraction string (\"1/3\")", what);
    const toml::node* node = get(key, expected);
    if (!node) return false;
    if (const auto* s = node->as_string()) {
        const auto value = parse_fraction(s->get());
        if (!value)
            return bad(*node, key, fmt::format("{} is not a fraction n/d with d > 0; expected {}", quote(*node), expected));
        if (!kShare.contains(*value))
            return bad(*node, key, fmt::format("{} is out of range; expected {}", quote(*node), expected));
        out = *value;
        return true;
    }
    if (!node->is_number()) return bad(*node, key, wrong_type(*node, expected));
    return number_value(*node, path_of(key), out, kShare, expected);
}

bool Section::text(std::string_view key, std::string& out, const StringRule& rule) {
    const toml::node* node = get(key, rule.expected);
    return node && string_value(*node, path_of(key), out, rule);
}

bool Section::texts(std::string_view key, std::vector<std::string>& out, const StringRule& rule) {
    const std::string expected = "an array of strings, each " + rule.expected;
    const toml::node* node = get(key, expected);
    if (!node) return false;
    const auto* array = node->as_array();
    if (!array) return bad(*node, key, wrong_type(*node, expected));
    bool ok = true;
    std::vector<std::string> values;
    for (size_t i = 0; i < array->size(); ++i) {
        std::string value;
        if (string_value((*array)[i], fmt::format("{}[{}]", path_of(key), i + 1), value, rule))
            values.push_back(std::move(value));
        else
            ok = false;
    }
    if (ok) out = std::move(values);
    return ok;
}

bool Section::choice(std::string_view key, std::size_t& out, std::span<const std::string_view> names) {
    std::string value;
    if (!text(key, value, one_of(names))) return false;
    out = static_cast<std::size_t>(std::find(names.begin(), names.end(), value) - names.begin());
    return true;
}

bool Section::choices(std::string_view key, std::vector<std::size_t>& out, std::span<const std::string_view> names) {
    std::vector<std::string> values;
    if (!texts(key, values, one_of(names))) return false;
    const toml::array& array = *table_->get(key)->as_array();  // texts() checked it is one
    std::vector<std::size_t> indices;
    bool ok = true;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const auto index = static_cast<std::size_t>(std::find(names.begin(), names.end(), values[i]) - names.begin());
        if (const auto seen = std::find(indices.begin(), indices.end(), index); seen != indices.end()) {
            const std::size_t first = static_cast<std::size_t>(seen - indices.begin());
            report(array[i], fmt::format("{}[{}]", path_of(key), i + 1),
                   fmt::format("\"{}\" appears twice (also as item {}); expected each once", values[i], first + 1));
            ok = false;
        }
        indices.push_back(index);
    }
    if (ok) out = std::move(indices);
    return ok;
}

std::optional<Section> Section::table(std::string_view key) {
    const std::string expected = fmt::format("a table [{}]", path_of(key));
    const toml::node* node = get(key, expected);
    if (!node) return std::nullopt;
    if (const auto* t = node->as_table()) return Section(*problems_, *t, path_of(key));
    bad(*node, key, wrong_type(*node, expected));
    return std::nullopt;
}

std::optional<std::vector<Section>> Section::tables(std::string_view key) {
    const std::string expected = fmt::format("[[{}]] entries (write `{} = []` for none)", path_of(key), key);
    const toml::node* node = get(key, expected);
    if (!node) return std::nullopt;
    const auto* array = node->as_array();
    if (!array) {
        bad(*node, key, wrong_type(*node, expected));
        return std::nullopt;
    }
    std::vector<Section> entries;
    for (size_t i = 0; i < array->size(); ++i) {
        const std::string path = fmt::format("{}[{}]", path_of(key), i + 1);
        if (const auto* t = (*array)[i].as_table())
            entries.emplace_back(*problems_, *t, path);
        else
            problems_->add(where_of((*array)[i]), path, wrong_type((*array)[i], "a table"));
    }
    return entries;
}

void Section::entries(const std::function<void(std::string_view key, const toml::node& node)>& each) {
    for (auto&& [key, node] : *table_) {
        remember(key.str());
        each(key.str(), node);
    }
}

void Section::finish(std::string_view noun) {
    for (auto&& [key, node] : *table_) {
        if (std::find(known_.begin(), known_.end(), key.str()) != known_.end()) continue;
        std::vector<std::string_view> names(known_.begin(), known_.end());
        // A key moved into a merged table (rules layering) loses its own place; its value keeps it.
        const Where at = key.source().begin.line ? Where(key.source().path ? std::string_view(*key.source().path) : "",
                                                         key.source().begin.line)
                                                 : where_of(node);
        problems_->add(at, path_of(key.str()),
                       fmt::format("unknown {}; expected one of {}", noun, join(names)));
    }
}

void Section::remember(std::string_view key) {
    if (std::find(known_.begin(), known_.end(), key) == known_.end()) known_.emplace_back(key);
}

bool Section::bad(const toml::node& node, std::string_view key, std::string_view what) {
    problems_->add(where_of(node), path_of(key), what);
    return false;
}

bool Section::number_value(const toml::node& node, const std::string& path, double& out, const Range& range,
                           std::string_view expected) {
    std::optional<double> value;
    if (const auto* i = node.as_integer()) value = static_cast<double>(i->get());
    if (const auto* f = node.as_floating_point()) value = f->get();
    if (!value) {
        problems_->add(where_of(node), path, wrong_type(node, expected));
        return false;
    }
    if (!range.contains(*value)) {
        problems_->add(where_of(node), path, fmt::format("{} is out of range; expected {}", quote(node), expected));
        return false;
    }
    out = *value;
    return true;
}

bool Section::string_value(const toml::node& node, const std::string& path, std::string& out, const StringRule& rule) {
    const auto* s = node.as_string();
    if (!s) {
        problems_->add(where_of(node), path, wrong_type(node, rule.expected));
        return false;
    }
    if (s->get().empty() || !rule.ok(s->get())) {
        problems_->add(where_of(node), path, fmt::format("{} is not valid; expected {}", quote(node), rule.expected));
        return false;
    }
    out = s->get();
    return true;
}

}  // namespace parkcap::strict_toml
