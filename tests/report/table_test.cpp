// A table declared once (report/table.hpp) writes the same rows to a GeoPackage
// layer and a CSV file, leaves "no value" empty rather than writing a zero or an
// empty string, and is read back through the same schema, which refuses a field
// the schema does not declare (the reader is out of step with the writer) and a
// field of another type (the file is not what the schema says).
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "../../engine/src/report/table.hpp"
#include "../../engine/src/report/table_reader.hpp"
#include "parkcap/core/error.hpp"
#include "support/fixtures.hpp"

using namespace parkcap;
using namespace parkcap::report;

namespace {

struct Row {
    std::string id;
    std::optional<std::string> note;
    std::optional<int64_t> count;
    double share;
    Date since;
};

const detail::Table<Row>& rows_table() {
    static const detail::Table<Row> table = [] {
        detail::Table<Row> t("rows", GeometryType::None, "rows for the test");
        t.text("id", [](const Row& r) -> std::string_view { return r.id; })
            .text("note", [](const Row& r) { return r.note; })
            .integer64("count", [](const Row& r) { return r.count; })
            .real("share", 3, [](const Row& r) { return r.share; })
            .date("since", [](const Row& r) { return r.since; });
        return t;
    }();
    return table;
}

const std::vector<Row> kRows = {
    {"A", "有备注, with a comma", 7, 0.125, Date::from_ymd(2024, 2, 29)},
    {"B", std::nullopt, std::nullopt, std::numeric_limits<double>::quiet_NaN(), Date{}},
};

}  // namespace

TEST_CASE("table: one declaration writes the GeoPackage layer and the CSV alike", "[report][table]") {
    test::ScratchDir dir("table-declared");
    const std::vector<detail::FilledTable> tables = {detail::filled(rows_table(), kRows)};
    {
        GpkgWriter gpkg(dir / "t.gpkg", 4528);
        detail::add_tables(gpkg, tables);
        gpkg.commit();
    }
    detail::write_csv_tables(dir.path().string(), tables);

    CHECK(test::read_text_file(dir / "rows.csv") ==
          "\xEF\xBB\xBF"
          "id,note,count,share,since\r\n"
          "A,\"有备注, with a comma\",7,0.125,2024-02-29\r\n"
          "B,,,,\r\n");

    detail::GpkgReader file(dir / "t.gpkg", "a test file", "write it again");
    detail::LayerReader layer = file.layer(rows_table().schema());
    const int id = layer.field("id"), note = layer.field("note"), count = layer.field("count");
    const int share = layer.field("share"), since = layer.field("since");
    std::vector<std::string> seen;
    layer.for_each([&](const detail::FeatureRow& f) {
        seen.push_back(f.text(id));
        if (f.text(id) == "A") {
            CHECK(f.text(note) == "有备注, with a comma");
            CHECK(f.integer(count) == 7);
            CHECK(f.real(share) == 0.125);
            CHECK(f.date(since) == Date::from_ymd(2024, 2, 29));
        } else {
            // Nothing was written: null, not "" or 0.
            CHECK_FALSE(f.is_set(note));
            CHECK_FALSE(f.integer(count));
            CHECK(std::isnan(f.real(share)));
            CHECK(f.date(since).is_null());
        }
    });
    CHECK(seen == std::vector<std::string>{"A", "B"});
}

TEST_CASE("table: a reader asking for what the schema does not declare, or the file does not hold, is stopped",
          "[report][table]") {
    test::ScratchDir dir("table-reader-checks");
    {
        GpkgWriter gpkg(dir / "t.gpkg", 4528);
        detail::add_tables(gpkg, {detail::filled(rows_table(), kRows)});
        gpkg.commit();
    }
    detail::GpkgReader file(dir / "t.gpkg", "a test file", "write it again");
    const detail::LayerReader layer = file.layer(rows_table().schema());
    CHECK_THROWS_AS(layer.field("cuont"), std::logic_error);  // a typo in a reader fails every test that reads

    // The same layer read as if its id were a number.
    TableSchema numeric = rows_table().schema();
    numeric.fields[static_cast<std::size_t>(numeric.index("id"))].type = FieldDef::Real;
    const detail::LayerReader wrong = file.layer(numeric);
    CHECK_THROWS_WITH(wrong.field("id"), Catch::StartsWith(dir / "t.gpkg" + ":rows: field 'id' holds String; expected a number"));

    // A field the schema declares but the file lacks.
    TableSchema more = rows_table().schema();
    more.fields.push_back({"extra", FieldDef::Text});
    const detail::LayerReader older = file.layer(more);
    CHECK_THROWS_WITH(older.field("extra"), Catch::StartsWith(dir / "t.gpkg" + ":rows: has no field 'extra'; is it a test file?"));
    CHECK(older.field_if_present("extra") == -1);

    TableSchema other = rows_table().schema();
    other.name = "cols";
    CHECK_THROWS_AS(file.layer(other), DataError);
    CHECK_THROWS_AS(detail::GpkgReader(dir / "none.gpkg", "a test file", ""), InputError);
}
