#include "parkcap/report/issues_csv.hpp"

#include "table.hpp"

namespace parkcap::report {

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) {
        if (c == '"') q += '"';
        q += c;
    }
    return q + '"';
}

const detail::Table<Issue>& detail::rejects_table() {
    static const Table<Issue> table = [] {
        Table<Issue> t("rejects", GeometryType::None,
                       "Input records rejected or repaired at load, with file, layer, feature and field");
        t.text("severity", [](const Issue& i) {
                return i.severity == Severity::Rejected ? "rejected" : i.severity == Severity::Warning ? "warning" : "info";
            })
            .text("code", [](const Issue& i) -> std::string_view { return i.code; })
            .text("file", [](const Issue& i) -> std::string_view { return i.file; })
            .text("layer", [](const Issue& i) -> std::string_view { return i.layer; })
            .integer64("fid", [](const Issue& i) { return i.fid >= 0 ? std::optional<int64_t>(i.fid) : std::nullopt; })
            .text("feature_id", [](const Issue& i) -> std::string_view { return i.feature_id; })
            .text("field", [](const Issue& i) -> std::string_view { return i.field; })
            .text("message", [](const Issue& i) -> std::string_view { return i.message; });
        return t;
    }();
    return table;
}

void write_issues_csv(const std::string& path, const std::vector<Issue>& issues) {
    const auto& table = detail::rejects_table();
    CsvWriter csv = CsvWriter::to_file(path, table.schema().fields);
    for (const Issue& i : issues) table.write(csv, i);
    csv.commit();
}

}  // namespace parkcap::report
