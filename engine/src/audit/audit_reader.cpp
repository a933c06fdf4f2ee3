#include "parkcap/audit/audit_reader.hpp"

#include <unordered_map>

#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "parkcap/core/error.hpp"
#include "parkcap/core/units.hpp"

namespace parkcap::audit {

namespace {
OGRLayer* layer_or_throw(GDALDataset& ds, const std::string& path, const char* name) {
    OGRLayer* l = ds.GetLayerByName(name);
    if (!l)
        throw DataError(fmt::format("{}: has no layer '{}'; is it an AUDIT.gpkg written by `parkcap audit`?", path, name));
    return l;
}

std::optional<FlagCode> parse_code(std::string_view s) {
    for (int c = 0; c < kFlagCodeCount; ++c)
        if (s == code_name(static_cast<FlagCode>(c))) return static_cast<FlagCode>(c);
    return std::nullopt;
}

std::optional<FlagSeverity> parse_severity(std::string_view s) {
    for (int c = 0; c <= 3; ++c)
        if (s == severity_name(static_cast<FlagSeverity>(c))) return static_cast<FlagSeverity>(c);
    return std::nullopt;
}
}  // namespace

Audit read_audit_gpkg(const std::string& path, const City& city, const rules::Rules& rules) {
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds) throw InputError(fmt::format("{}: cannot be opened as a GeoPackage", path));
    Audit a;
    a.rules_source = rules.source;
    a.rules_version = rules.version;

    for (auto& f : *layer_or_throw(*ds, path, "run_info"))
        if (std::string_view(f->GetFieldAsString("key")) == "as_of")
            a.as_of = parse_date(f->GetFieldAsString("value"), {"%Y-%m-%d"}).value_or(Date{});

    std::unordered_map<std::string_view, uint32_t> index;
    for (std::size_t i = 0; i < city.parcels.size(); ++i) index.emplace(city.parcels.parcel_id[i], static_cast<uint32_t>(i));
    OGRLayer* parcels = layer_or_throw(*ds, path, "parcel_flags");
    if (static_cast<std::size_t>(parcels->GetFeatureCount()) != city.parcels.size())
        throw DataError(fmt::format("{}: the audit covers {} parcels, this city has {}; it was made on other data", path,
                                    parcels->GetFeatureCount(), city.parcels.size()),
                        "run `parkcap audit` on this DATA, or drop --audit to audit now");

    std::vector<std::vector<Flag>> per_parcel(city.parcels.size());
    for (auto& f : *layer_or_throw(*ds, path, "flag_details")) {
        const std::string id = f->GetFieldAsString("parcel_id");
        const auto it = index.find(id);
        if (it == index.end())
            throw DataError(fmt::format("{}: flag_details names parcel '{}', which this city does not have", path, id),
                            "the audit was made on other data; run `parkcap audit` on this DATA");
        const auto code = parse_code(f->GetFieldAsString("code"));
        if (!code) throw DataError(fmt::format("{}: flag_details: unknown flag code '{}'", path, f->GetFieldAsString("code")));
        Flag flag;
        flag.parcel = it->second;
        flag.code = *code;
        flag.severity = parse_severity(f->GetFieldAsString("severity")).value_or(FlagSeverity::Low);
        auto real = [&](const char* field) {
            return f->IsFieldSetAndNotNull(f->GetFieldIndex(field)) ? f->GetFieldAsDouble(field)
                                                                    : std::numeric_limits<double>::quiet_NaN();
        };
        flag.value = real("value");
        flag.threshold = real("threshold");
        flag.value2 = real("value2");
        flag.days = f->GetFieldAsInteger("days");
        flag.since = parse_date(f->GetFieldAsString("since"), {"%Y-%m-%d", "%Y/%m/%d"}).value_or(Date{});
        flag.reclaimable_m2 = units::mu_to_m2(real("reclaim_mu"));
        per_parcel[flag.parcel].push_back(flag);
    }
    a.parcels.first_flag.assign(1, 0);
    for (auto& flags : per_parcel) {
        a.flags.insert(a.flags.end(), flags.begin(), flags.end());
        a.parcels.first_flag.push_back(static_cast<uint32_t>(a.flags.size()));
    }
    a.districts.assign(city.districts.size(), DistrictAudit{});
    for (auto& f : *layer_or_throw(*ds, path, "district_summary")) {
        if (auto d = city.find_district(f->GetFieldAsString("district"))) {
            a.districts[*d].quota_earned_mu = f->GetFieldAsDouble("quota_earn");
            a.districts[*d].disposable_m2 = units::mu_to_m2(f->GetFieldAsDouble("dispose_mu"));
        }
    }
    return a;
}

}  // namespace parkcap::audit
