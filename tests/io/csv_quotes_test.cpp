// A CSV table whose quoting swallows lines stops the load at the line, instead of
// delivering one record where there were many; a record with more values than the
// header is found, where GDAL would drop the rest.
#include <catch2/catch.hpp>

#include "../../engine/src/io/detail/csv_quotes.hpp"
#include "parkcap/core/error.hpp"
#include "parkcap/io/load.hpp"
#include "support/city_writer.hpp"
#include "support/fixtures.hpp"

using namespace parkcap;
using namespace parkcap::test;
using io::detail::find_swallowed_lines;

TEST_CASE("csv quotes: an unclosed quote is found at its line", "[io][csv]") {
    SECTION("open to the end of the file") {
        const auto f = find_swallowed_lines("id,name,area\nA,\"x,1\nB,y,2\nC,z,3\n");
        REQUIRE(f);
        CHECK(f->first_line == 2);
        CHECK(f->last_line == 4);
        CHECK(f->open_at_end);
    }
    SECTION("closed by a later, unrelated quote") {
        const auto f = find_swallowed_lines("id,name,area\nA,\"x,1\nB,y,2\nC,z\",3\nD,w,4\n");
        REQUIRE(f);
        CHECK(f->first_line == 2);
        CHECK(f->last_line == 4);
        CHECK_FALSE(f->open_at_end);
    }
    SECTION("semicolons, a BOM, CRLF and GBK bytes") {
        const auto f = find_swallowed_lines("\xEF\xBB\xBFid;name;area\r\nA;\"\xBC\xD7;1\r\nB;\xD2\xD2;2\r\n");
        REQUIRE(f);
        CHECK(f->first_line == 2);
    }
}

TEST_CASE("csv quotes: legitimate quoting is left alone", "[io][csv]") {
    CHECK_FALSE(find_swallowed_lines("id,name,area\nA,\"x, with a comma\",1\nB,\"say \"\"hi\"\"\",2\n"));
    // A value with a line break in it, as an address may have.
    CHECK_FALSE(find_swallowed_lines("id,address,area\nA,\"泰州市\n海陵区\",1\nB,y,2\n"));
    CHECK_FALSE(find_swallowed_lines("id,name,area\nA,x,1\nB,y,2"));
    CHECK_FALSE(find_swallowed_lines(""));
}

TEST_CASE("csv quotes: projects.csv with an unclosed quote stops the load naming the line", "[io][csv]") {
    ScratchDir dir("csv-unclosed");
    write_city_folder(dir.path().string(), "ESRI Shapefile");
    std::string csv = projects_csv_utf8();
    // Open a quote in the first project's name and never close it.
    const std::size_t first_record = csv.find("\r\n") + 2;
    const std::size_t name = csv.find(',', first_record) + 1;
    csv.insert(name, "\"");
    write_text_file(dir / "projects.csv", csv);
    io::LoadOptions o;
    o.data = dir.path().string();
    try {
        io::load_city(o);
        FAIL("loaded a projects table whose records an unclosed quote swallowed");
    } catch (const InputError& e) {
        CHECK_THAT(e.what(), Catch::Contains(dir / "projects.csv") && Catch::Contains("line 2") &&
                                 Catch::Contains("never closed"));
        CHECK_THAT(e.hint(), Catch::Contains("close the quote"));
    }
}

TEST_CASE("csv quotes: a record with a value past the header's last field is found by its FID and line", "[io][csv]") {
    using io::detail::find_overlong_records;
    // Record 2 (line 4, after a blank line) has a fourth value; record 3's comma is quoted.
    const auto found = find_overlong_records("id,name,area\r\nA,x,1\r\n\r\nB,y,2,9\r\nC,\"z,w\",3\r\n");
    REQUIRE(found.size() == 1);
    CHECK(found[0].record == 2);
    CHECK(found[0].line == 4);
    CHECK(found[0].fields == 4);
    CHECK(found[0].header_fields == 3);
    // A trailing delimiter adds an empty field: nothing is lost.
    CHECK(find_overlong_records("id,name,area\nA,x,1,\nB,y,2, \n").empty());
    // A line break inside a quoted value counts towards the line, not the records.
    const auto multi = find_overlong_records("id;address\nA;\"泰州市\n海陵区\"\nB;y;extra\n");
    REQUIRE(multi.size() == 1);
    CHECK(multi[0].record == 2);
    CHECK(multi[0].line == 4);
}
