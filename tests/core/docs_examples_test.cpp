// Every TOML example in the docs is what the docs say it is: the overrides example
// loads as an overrides file, the mapping example as a mapping. A reader copying
// an example must never meet an error the page does not mention.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "parkcap/allocate/allocate.hpp"
#include "parkcap/io/mapping.hpp"
#include "parkcap/rules/rules.hpp"
#include "support/fixtures.hpp"
#include "test_config.hpp"

using namespace parkcap;

namespace {

/// The ```toml blocks of a page under docs/, in order.
std::vector<std::string> toml_blocks(const std::string& page) {
    std::ifstream in(std::string(test::kSourceDir) + "/docs/" + page);
    REQUIRE(in);
    std::vector<std::string> blocks;
    std::string line, block;
    bool inside = false;
    while (std::getline(in, line)) {
        if (!inside && line.rfind("```toml", 0) == 0) {
            inside = true;
            block.clear();
        } else if (inside && line.rfind("```", 0) == 0) {
            inside = false;
            blocks.push_back(block);
        } else if (inside) {
            block += line + "\n";
        }
    }
    return blocks;
}

}  // namespace

TEST_CASE("docs: the overrides example in allocate.md loads, and says what it shows", "[docs][allocate]") {
    const auto blocks = toml_blocks("allocate.md");
    REQUIRE(blocks.size() == 1);
    const allocate::Overrides ov = allocate::parse_overrides(blocks[0], "docs/allocate.md");
    REQUIRE(ov.pins.size() == 1);
    CHECK(ov.pins[0].project == "PJ-017");
    CHECK(ov.pins[0].park == "P01");
    CHECK(ov.forbidden_projects == std::vector<std::string>{"PJ-088"});
    CHECK(ov.forbidden_parks == std::vector<std::string>{"P03"});
    CHECK(ov.locked_parcels == std::vector<std::string>{"TZ-321283-000123"});
    REQUIRE(ov.reserves.size() == 1);
    CHECK(ov.reserves[0].park == "P08");
    CHECK(ov.reserves[0].mu == 200);
}

TEST_CASE("docs: the mapping example in mapping.md loads as a mapping", "[docs][mapping]") {
    const auto blocks = toml_blocks("mapping.md");
    REQUIRE(blocks.size() == 1);
    const io::FieldMapping m = io::parse_mapping(blocks[0], "docs/mapping.md");
    const io::LayerMapping parcels = m.for_layer("parcels");
    CHECK(parcels.fields.at("parcel_id") == "DKBH");
    CHECK(parcels.values.at("status").at("已批未供") == "approved");
    CHECK(m.for_layer("parks").values.at("chem_park").at("是") == "1");
}

TEST_CASE("docs: every rules fragment in rules.md loads as a user's rules file, and does what it says",
          "[docs][rules]") {
    const auto blocks = toml_blocks("rules.md");
    REQUIRE(blocks.size() == 5);
    test::ScratchDir dir("docs-rules-fragments");
    auto load = [&](const std::string& text) {
        const std::string path = dir / "fragment.toml";
        test::write_text_file(path, text);
        return rules::load_rules_file(path);
    };
    const rules::Rules city = load(blocks[0]);  // "Using your own"
    CHECK(city.version == "huaian-2026.1");
    CHECK(city.idle.fee_years == 2);
    CHECK(city.fit.general_parks == std::vector<std::string>{"P02"});
    const rules::Rules names = load(blocks[2]);  // district names without a districts layer
    CHECK(names.districts.names.at("321281") == "某某市");
    CHECK(names.districts.names.size() == 2);
    const rules::Rules tax = load(blocks[3]);  // the most total tax
    REQUIRE(tax.objective.terms.size() == 1);
    CHECK(tax.objective.terms[0].kind == rules::ObjectiveTermKind::TotalTax);
    const rules::Rules spare = load(blocks[3] + blocks[4]);  // ... still sparing new quota
    REQUIRE(spare.objective.terms.size() == 2);
    CHECK(spare.objective.terms[1].weight == -0.1);
    const rules::Rules standard = load(blocks[1]);  // 标准地: a stricter row for C39 in provincial parks
    CHECK(standard.standard_land.miss_by_indicator[static_cast<std::size_t>(StandardIndicator::Far)] == MissAction::Warn);
    REQUIRE(standard.standard_land.rows.size() == 2);
    const rules::StandardLandRow* c39 = rules::standard_land_row(standard.standard_land, ParkLevel::Provincial, "C3911");
    REQUIRE(c39);
    CHECK(c39->industry == "C39");
    CHECK(c39->threshold[static_cast<std::size_t>(StandardIndicator::Energy)] == 0.3);
    CHECK(rules::standard_land_row(standard.standard_land, ParkLevel::Provincial, "C3411")->industry == "*");
    CHECK_FALSE(rules::standard_land_row(standard.standard_land, ParkLevel::National, "C3911"));
}
