// The shared symbology: colours come from the catalogues (flags, map classes), and
// the legends count each parcel once in the row its fill comes from.
#include <catch2/catch.hpp>

#include "parkcap/symbology/symbology.hpp"

namespace parkcap::test {
namespace {

using namespace symbology;

TEST_CASE("symbology colours are the catalogues' colours", "[symbology]") {
    const Rgba c = rgb(0x1d3557, 200);
    CHECK(c.r == 0x1d);
    CHECK(c.g == 0x35);
    CHECK(c.b == 0x57);
    CHECK(c.a == 200);
    CHECK(hex_of(c) == "1d3557");
    for (std::size_t k = 0; k < audit::kMapClassCount; ++k)
        CHECK(hex_of(map_class_colour(static_cast<audit::MapClass>(k))) ==
              hex_of(rgba_of(audit::kMapClasses[k].colour)));
    for (const audit::FlagInfo& f : audit::kFlags) {
        CHECK(hex_of(flag_colour(f.code)) == hex_of(rgba_of(f.colour)));
        CHECK(hex_of(flag_colour(f.code)) == hex_of(map_class_colour(f.map_rank)));
    }
    CHECK(industry_sector("C2614") == 2);
    CHECK(industry_sector("G5942") == 7);
    CHECK(industry_sector("") == 8);
    CHECK(std::string(sector_name(2, Lang::Zh)) == "化工医药");
}

TEST_CASE("symbology legends count each parcel in its fill's row", "[symbology]") {
    ParcelTable t;
    t.status = {Status::Built, Status::Built, Status::Approved, Status::Reserve};
    t.area_m2 = {100, 200, 50, 25};
    const auto built_class = static_cast<audit::MapClass>(audit::kFlagCodeCount + 3);
    const auto reserve_class = static_cast<audit::MapClass>(audit::kFlagCodeCount);
    const auto approved_class = audit::flag_info(audit::FlagCode::ApprovedUnsupplied).map_rank;
    const std::vector<audit::MapClass> classes = {built_class, built_class, approved_class, reserve_class};
    const ParcelSymbols in{&t, &classes, nullptr, nullptr, nullptr};

    const auto fills = parcel_colours(in, ColourBy::Flag);
    REQUIRE(fills.size() == 4);
    CHECK(hex_of(fills[2]) == hex_of(flag_colour(audit::FlagCode::ApprovedUnsupplied)));
    CHECK(std::string(legend_key(in, ColourBy::Flag, 2)) == "APPROVED_UNSUPPLIED");

    const auto flag_legend = legend(ColourBy::Flag, Lang::Zh, legend_counts(in, ColourBy::Flag));
    REQUIRE(flag_legend.size() == audit::kMapClassCount);
    CHECK(flag_legend[built_class].key == "BUILT");
    CHECK(flag_legend[built_class].label == "建成");
    CHECK(flag_legend[built_class].parcels == 2);
    CHECK(flag_legend[built_class].area_m2 == 300);
    CHECK(flag_legend[approved_class].parcels == 1);
    CHECK(flag_legend[reserve_class].area_m2 == 25);

    // No incomplete parcel: no row for an unknown status; with one, its row counts it.
    auto status_legend = legend(ColourBy::Status, Lang::En, legend_counts(in, ColourBy::Status));
    CHECK(status_legend.size() == kStatusCount - 1);
    CHECK(status_legend[static_cast<int>(Status::Built)].parcels == 2);
    t.status.push_back(Status::Unknown);
    t.area_m2.push_back(7);
    status_legend = legend(ColourBy::Status, Lang::En, legend_counts(in, ColourBy::Status));
    REQUIRE(status_legend.size() == kStatusCount);
    CHECK(status_legend.back().key == "unknown");
    CHECK(status_legend.back().area_m2 == 7);
}

}  // namespace
}  // namespace parkcap::test
