#include "parkcap/report/conditions_reader.hpp"

#include <cmath>
#include <optional>
#include <span>

#include <fmt/format.h>

#include "parkcap/core/error.hpp"
#include "plan_tables.hpp"
#include "table_reader.hpp"

namespace parkcap::report {

namespace {

constexpr const char* kHint = "write the conditions with `parkcap plan` or `parkcap allocate` (PLAN.gpkg, layer "
                              "supply_conditions); docs/audit.md, \"Review at full production\"";

/// The index of `text` among `names`; nullopt when it is none of them.
std::optional<std::size_t> index_of(std::string_view text, std::span<const std::string_view> names) {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == text) return i;
    return std::nullopt;
}

}  // namespace

std::vector<SupplyCondition> read_supply_conditions(const std::string& path) {
    detail::GpkgReader file(path, "a PLAN.gpkg written by `parkcap plan` or `parkcap allocate`", kHint);
    const auto& schema = detail::supply_conditions_table().schema();
    detail::LayerReader layer = file.layer(schema);
    const int project = layer.field("project_id"), site = layer.field("site_id"), parcels = layer.field("parcels");
    const int park = layer.field("park_id"), level = layer.field("level"), industry = layer.field("industry");
    const int standard = layer.field("std_ind"), area = layer.field("area_mu"), taken = layer.field("taken_mu");
    const int indicator = layer.field("indicator"), committed = layer.field("committed"), threshold = layer.field("threshold");
    const int met = layer.field("met"), on_miss = layer.field("on_miss");

    std::vector<SupplyCondition> out;
    layer.for_each([&](const detail::FeatureRow& f) {
        auto bad = [&](const char* field, std::string_view what) {
            return DataError(fmt::format("{}:{}:{}: {}: {}", path, schema.name, f.fid(), field, what), kHint);
        };
        auto choice = [&](int i, const char* field, std::span<const std::string_view> names) {
            const std::string text = f.text(i);
            const auto k = index_of(text, names);
            if (!k) {
                std::string expected;
                for (std::string_view n : names) expected.append(expected.empty() ? "" : ", ").append(n);
                throw bad(field, fmt::format("'{}' is not one of {}", text, expected));
            }
            return *k;
        };
        auto number = [&](int i, const char* field) {
            const double v = f.real(i);
            if (!std::isfinite(v)) throw bad(field, "empty; expected a number");
            return v;
        };
        SupplyCondition c;
        c.project_id = f.text(project);
        if (c.project_id.empty()) throw bad("project_id", "empty");
        c.site_id = f.text(site);
        const std::string parcel_ids = f.text(parcels);
        for (std::string_view rest = parcel_ids; !rest.empty();) {
            const std::size_t semi = rest.find(';');
            if (semi != 0) c.parcels.emplace_back(rest.substr(0, semi));
            if (semi == std::string_view::npos) break;
            rest.remove_prefix(semi + 1);
        }
        if (c.parcels.empty()) throw bad("parcels", "empty; expected the parcel ids of the project's land, separated by ';'");
        c.park_id = f.text(park);
        c.level = static_cast<ParkLevel>(choice(level, "level", kParkLevelNames));
        c.industry = f.text(industry);
        c.standard_industry = f.text(standard);
        c.area_mu = f.real(area);
        c.taken_mu = f.real(taken);
        c.indicator = static_cast<StandardIndicator>(choice(indicator, "indicator", kStandardIndicatorNames));
        c.committed = number(committed, "committed");
        c.threshold = number(threshold, "threshold");
        c.met = f.integer(met).value_or(1) != 0;
        c.on_miss = static_cast<MissAction>(choice(on_miss, "on_miss", kMissActionNames));
        out.push_back(std::move(c));
    });
    return out;
}

}  // namespace parkcap::report
