#include "table.hpp"

namespace parkcap::report::detail {

void add_tables(GpkgWriter& gpkg, const std::vector<FilledTable>& tables) {
    for (const auto& t : tables) t.fill(gpkg.add_layer(t.schema));
}

void write_csv_tables(const std::string& dir, const std::vector<FilledTable>& tables) {
    for (const auto& t : tables) {
        CsvWriter csv(dir, t.schema);
        t.fill(csv);
        csv.commit();
    }
}

Table<KeyValue> run_info_table(std::string description) {
    Table<KeyValue> t("run_info", GeometryType::None, std::move(description));
    t.text("key", [](const KeyValue& kv) -> std::string_view { return kv.first; })
        .text("value", [](const KeyValue& kv) -> std::string_view { return kv.second; });
    return t;
}

}  // namespace parkcap::report::detail
