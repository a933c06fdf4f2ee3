// StringColumn keeps 32-bit offsets and notes where its text passes each 4 GiB:
// every string must read back whole on both sides of that line, which a province's
// enterprise names could reach. The large case holds 4.2 GiB for a few seconds.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "parkcap/core/string_column.hpp"

using parkcap::StringColumn;

TEST_CASE("string column: short, empty and Chinese strings read back", "[core][strings]") {
    StringColumn column;
    const std::vector<std::string> values = {"TZ-321202-000001", "", "泰州市某某化工有限公司", "a", ""};
    for (const auto& v : values) column.push_back(v);
    REQUIRE(column.size() == values.size());
    for (std::size_t i = 0; i < values.size(); ++i) CHECK(column[i] == values[i]);
    CHECK(column.char_count() == 16 + 33 + 1);
}

TEST_CASE("string column: strings on both sides of 4 GiB and one across it read back whole", "[core][strings]") {
    StringColumn column;
    const std::size_t big = std::size_t{1} << 26;  // 64 MiB
    column.reserve(80, (std::size_t{1} << 32) + 2 * big);  // one allocation: no doubling to 8 GiB
    const std::string chunk(big, 'x');
    std::vector<std::size_t> sizes;
    // 63 chunks: 4 GiB - 64 MiB; then small ones, one crossing the line, then more.
    for (int k = 0; k < 63; ++k) {
        column.push_back(chunk);
        sizes.push_back(big);
    }
    const uint64_t line = uint64_t{1} << 32;
    for (int k = 0; k < 3; ++k) {
        const std::string s = "row" + std::to_string(k);
        column.push_back(s);
        sizes.push_back(s.size());
    }
    // This one ends past 4 GiB: it begins below the line and ends above it.
    const std::size_t across = line - column.char_count() + 1000;
    column.push_back(std::string(across, 'y'));
    sizes.push_back(across);
    REQUIRE(column.char_count() > line);
    const std::vector<std::string> after = {"", "甲", "after-the-line", std::string(5000, 'z')};
    for (const auto& s : after) {
        column.push_back(s);
        sizes.push_back(s.size());
    }
    REQUIRE(column.size() == sizes.size());
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        INFO("row " << i);
        CHECK(column[i].size() == sizes[i]);
    }
    CHECK(column[62].front() == 'x');
    CHECK(column[63] == "row0");
    CHECK(column[65] == "row2");
    const std::string_view y = column[66];
    CHECK(y.front() == 'y');
    CHECK(y.back() == 'y');
    CHECK(column[67].empty());
    CHECK(column[68] == "甲");
    CHECK(column[69] == "after-the-line");
    CHECK(column[70] == std::string(5000, 'z'));
}
