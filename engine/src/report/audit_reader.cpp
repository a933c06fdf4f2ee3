#include "parkcap/report/audit_reader.hpp"

#include <unordered_map>

#include <fmt/format.h>

#include "audit_tables.hpp"
#include "parkcap/core/error.hpp"
#include "parkcap/core/units.hpp"
#include "table_reader.hpp"

namespace parkcap::report {

using detail::FeatureRow;

audit::Audit read_audit_gpkg(const std::string& path, const City& city, const rules::Rules& rules) {
    using namespace audit;
    detail::GpkgReader file(path, "an AUDIT.gpkg written by `parkcap audit`",
                            "run `parkcap audit` on this DATA, or drop --audit to audit now");
    Audit a;
    a.rules_source = rules.source;
    a.rules_version = rules.version;

    const auto run_info_table = detail::audit_run_info_table();
    detail::LayerReader run_info = file.layer(run_info_table.schema());
    const int key = run_info.field("key"), value = run_info.field("value");
    run_info.for_each([&](const FeatureRow& f) {
        if (f.text(key) == "as_of") a.as_of = parse_date(f.text(value), {"%Y-%m-%d"}).value_or(Date{});
    });

    std::unordered_map<std::string_view, uint32_t> index;
    for (std::size_t i = 0; i < city.parcels.size(); ++i) index.emplace(city.parcels.parcel_id[i], static_cast<uint32_t>(i));
    const detail::LayerReader parcels = file.layer(detail::parcel_flags_table().schema());
    if (static_cast<std::size_t>(parcels.feature_count()) != city.parcels.size())
        throw DataError(fmt::format("{}: the audit covers {} parcels, this city has {}; it was made on other data", path,
                                    parcels.feature_count(), city.parcels.size()),
                        "run `parkcap audit` on this DATA, or drop --audit to audit now");

    detail::LayerReader details = file.layer(detail::flag_details_table().schema());
    const int parcel_id = details.field("parcel_id"), code = details.field("code"), severity = details.field("severity");
    const int value_f = details.field("value"), threshold = details.field("threshold"), value2 = details.field("value2");
    const int days = details.field("days"), since = details.field("since"), reclaim = details.field("reclaim_mu");
    std::vector<std::vector<Flag>> per_parcel(city.parcels.size());
    details.for_each([&](const FeatureRow& f) {
        const std::string id = f.text(parcel_id);
        const auto it = index.find(id);
        if (it == index.end())
            throw DataError(fmt::format("{}: flag_details names parcel '{}', which this city does not have", path, id),
                            "the audit was made on other data; run `parkcap audit` on this DATA");
        const auto flag_code = parse_flag_code(f.text(code));
        if (!flag_code) throw DataError(fmt::format("{}: flag_details: unknown flag code '{}'", path, f.text(code)));
        Flag flag;
        flag.parcel = it->second;
        flag.code = *flag_code;
        flag.severity = parse_severity(f.text(severity)).value_or(FlagSeverity::Low);
        flag.value = f.real(value_f);
        flag.threshold = f.real(threshold);
        flag.value2 = f.real(value2);
        flag.days = static_cast<int32_t>(f.integer(days).value_or(0));
        flag.since = f.date(since);
        flag.reclaimable_m2 = units::mu_to_m2(f.real(reclaim));
        per_parcel[flag.parcel].push_back(flag);
    });
    a.parcels.first_flag.assign(1, 0);
    for (auto& flags : per_parcel) {
        a.flags.insert(a.flags.end(), flags.begin(), flags.end());
        a.parcels.first_flag.push_back(static_cast<uint32_t>(a.flags.size()));
    }

    a.districts.assign(city.districts.size(), DistrictAudit{});
    detail::LayerReader districts = file.layer(detail::district_summary_table().schema());
    const int district = districts.field("district"), earned = districts.field("quota_earn");
    const int disposable = districts.field("dispose_mu");
    districts.for_each([&](const FeatureRow& f) {
        if (auto d = city.find_district(f.text(district))) {
            a.districts[*d].quota_earned_mu = f.real(earned, 0);
            a.districts[*d].disposable_m2 = units::mu_to_m2(f.real(disposable, 0));
        }
    });
    return a;
}

}  // namespace parkcap::report
