// The documented example mapping file is a valid mapping.
#include <catch2/catch.hpp>

#include "parkcap/io/mapping.hpp"
#include "test_config.hpp"

using namespace parkcap;

TEST_CASE("docs/examples/mapping-pinyin.toml parses and maps the pinyin schema", "[io][mapping][docs]") {
    const io::FieldMapping m = io::load_mapping_file(std::string(test::kSourceDir) + "/docs/examples/mapping-pinyin.toml");
    const io::LayerMapping parcels = m.for_layer("parcels");
    CHECK(parcels.encoding == "GBK");
    CHECK(parcels.fields.at("parcel_id") == "DKBH");
    CHECK(parcels.fields.at("status") == "ZT");
    CHECK(parcels.values.at("status").at("已批未供") == "approved");
    CHECK(m.for_layer("parks").values.at("chem_park").at("是") == "1");
    CHECK(m.for_layer("projects").fields.at("area_mu") == "YDMJ");
}
