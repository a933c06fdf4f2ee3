#include "parkcap/report/snapshot_reader.hpp"

#include <unordered_map>

#include <fmt/format.h>

#include "audit_tables.hpp"
#include "parkcap/core/error.hpp"
#include "table_reader.hpp"

namespace parkcap::report {

using detail::FeatureRow;
using detail::LayerReader;

namespace {

constexpr const char* kKind = "an AUDIT.gpkg written by `parkcap audit`";
constexpr const char* kHint = "give the AUDIT.gpkg files `parkcap audit --out` wrote";

/// The districts or parks of an audit with their figures, read through the capacity
/// columns district_summary and park_capacity share.
std::vector<monitor::NamedPlace> read_places(detail::TableSource& file, const TableSchema& schema, std::string_view code_field,
                                             std::string_view district_field) {
    LayerReader layer = file.layer(schema);
    const int code = layer.field(code_field), name = layer.field("name"), district = layer.field(district_field);
    const int parcels = layer.field("parcels"), parcel_mu = layer.field("parcel_mu"), appr = layer.field("appr_mu");
    const int supp = layer.field("supp_mu"), build = layer.field("build_mu"), built = layer.field("built_mu");
    const int idle = layer.field("idle_mu"), lowef = layer.field("lowef_mu"), util = layer.field("util");
    const int supply = layer.field("supply_rat"), tax_mu = layer.field("tax_mu");
    // Audits written before these columns: the city's 亩均 tax cannot be derived from them.
    const int tax_wan = layer.field_if_present("tax_wan"), taxed_mu = layer.field_if_present("taxed_mu");
    std::vector<monitor::NamedPlace> places;
    layer.for_each([&](const FeatureRow& f) {
        monitor::NamedPlace p;
        p.code = f.text(code);
        p.name = f.text(name);
        p.district = f.text(district);
        monitor::PlaceFigures& v = p.figures;
        v.parcels = f.integer(parcels).value_or(0);
        v.parcel_mu = f.real(parcel_mu, 0);
        v.approved_mu = f.real(appr, 0);
        v.supplied_mu = f.real(supp, 0);
        v.building_mu = f.real(build, 0);
        v.built_mu = f.real(built, 0);
        v.idle_mu = f.real(idle, 0);
        v.low_efficiency_mu = f.real(lowef, 0);
        v.utilisation = f.real(util);
        v.supply_ratio = f.real(supply);
        v.tax_wan_per_mu = f.real(tax_mu);
        if (tax_wan >= 0 && taxed_mu >= 0) {
            v.tax_wan = f.real(tax_wan, 0);
            v.taxed_mu = f.real(taxed_mu, 0);
        }
        places.push_back(std::move(p));
    });
    return places;
}

}  // namespace

monitor::AuditSnapshot read_audit_snapshot(const std::string& path) {
    detail::GpkgReader file(path, kKind, kHint);
    return read_audit_snapshot(file);
}

monitor::AuditSnapshot read_audit_snapshot(detail::TableSource& file) {
    const std::string& path = file.path();
    monitor::AuditSnapshot a;
    a.path = path;

    const auto run_info_table = detail::audit_run_info_table();
    LayerReader run_info = file.layer(run_info_table.schema());
    const int key = run_info.field("key"), value = run_info.field("value");
    run_info.for_each([&](const FeatureRow& f) {
        const std::string k = f.text(key);
        if (k == "as_of") a.as_of = parse_date(f.text(value), {"%Y-%m-%d"}).value_or(Date{});
        else if (k == "working_crs") a.working_crs = f.text(value);
        else if (k == "rules_version") a.rules_version = f.text(value);
    });
    if (a.as_of.is_null())
        throw DataError(fmt::format("{}:run_info: has no audit date (key 'as_of'); is it {}?", path, kKind), kHint);

    const TableSchema& schema = detail::parcel_flags_table().schema();
    LayerReader parcels = file.layer(schema);
    const int id = parcels.field("parcel_id"), district = parcels.field("district"), park = parcels.field("park_id");
    const int land_use = parcels.field("land_use"), status = parcels.field("status"), area = parcels.field("area_mu");
    const int flags = parcels.field("flags"), appr = parcels.field_if_present("appr_date");
    auto bad = [&](const FeatureRow& f, std::string_view field, const std::string& what) {
        return DataError(fmt::format("{}:{}: feature {} (parcel_id '{}'), field '{}': {}", path, schema.name, f.fid(),
                                     f.text(id), field, what),
                         kHint);
    };
    monitor::SnapshotParcels& t = a.parcels;
    std::unordered_map<std::string, uint32_t> index;
    parcels.for_each([&](const FeatureRow& f) {
        const std::string pid = f.text(id);
        if (pid.empty()) throw bad(f, "parcel_id", "is empty");
        if (!index.emplace(pid, static_cast<uint32_t>(t.size())).second)
            throw bad(f, "parcel_id", "is used by an earlier feature too; an audit names each parcel once");
        const auto use = parse_land_use(f.text(land_use));
        if (!use) throw bad(f, "land_use", fmt::format("'{}' is not a land use parkcap writes", f.text(land_use)));
        const auto st = parse_status(f.text(status));
        if (!st) throw bad(f, "status", fmt::format("'{}' is not a land status parkcap writes", f.text(status)));
        monitor::FlagSet set;
        const std::string codes = f.text(flags);
        for (std::size_t from = 0; from < codes.size();) {
            const std::size_t to = std::min(codes.find(';', from), codes.size());
            const std::string_view one(codes.data() + from, to - from);
            if (!one.empty()) {
                const auto code = audit::parse_flag_code(one);
                if (!code) throw bad(f, "flags", fmt::format("'{}' is not a flag code", one));
                set.insert(*code);
            }
            from = to + 1;
        }
        if (!f.append_polygons(t.geometry)) throw bad(f, "geom", "has no polygon");
        t.id.push_back(pid);
        t.district.push_back(f.text(district));
        t.park_id.push_back(f.text(park));
        t.land_use.push_back(*use);
        t.status.push_back(*st);
        t.area_mu.push_back(f.real(area, 0));
        t.appr_date.push_back(appr >= 0 ? f.date(appr) : Date{});
        t.flags.push_back(set);
        t.fid.push_back(f.fid());
    });

    if (appr < 0) {
        // An audit written before parcel_flags carried the approval date: the date a
        // 批而未供 flag counts from is that date.
        LayerReader details = file.layer(detail::flag_details_table().schema());
        const int parcel_id = details.field("parcel_id"), code = details.field("code"), since = details.field("since");
        const std::string approved(audit::code_name(audit::FlagCode::ApprovedUnsupplied));
        details.for_each([&](const FeatureRow& f) {
            if (f.text(code) != approved) return;
            if (auto it = index.find(f.text(parcel_id)); it != index.end()) t.appr_date[it->second] = f.date(since);
        });
    }

    a.districts = read_places(file, detail::district_summary_table().schema(), "district", "district");
    a.parks = read_places(file, detail::park_capacity_table().schema(), "park_id", "district");
    return a;
}

}  // namespace parkcap::report
