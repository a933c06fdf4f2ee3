#include "parkcap/monitor/snapshot.hpp"

#include <fmt/format.h>

#include "parkcap/core/error.hpp"
#include "parkcap/core/units.hpp"

namespace parkcap::monitor {

namespace {
std::string_view name_in(const std::vector<NamedPlace>& places, std::string_view code) {
    for (const NamedPlace& p : places)
        if (p.code == code) return p.name.empty() ? code : std::string_view(p.name);
    return code;
}
}  // namespace

int AuditSnapshot::epsg() const {
    if (working_crs.rfind("EPSG:", 0) == 0) {
        try {
            return std::stoi(working_crs.substr(5));
        } catch (const std::exception&) {
        }
    }
    throw DataError(fmt::format("{}: the audit names its working CRS '{}', not an EPSG code", path, working_crs),
                    "give an AUDIT.gpkg written by `parkcap audit`");
}

std::string_view AuditSnapshot::district_name(std::string_view code) const { return name_in(districts, code); }
std::string_view AuditSnapshot::park_name(std::string_view park_id) const { return name_in(parks, park_id); }

AuditSnapshot snapshot_of(const City& city, const audit::Audit& audit, std::string label) {
    AuditSnapshot a;
    a.path = std::move(label);
    a.as_of = audit.as_of;
    a.working_crs = fmt::format("EPSG:{}", city.crs.epsg);
    a.rules_version = audit.rules_version;
    const ParcelTable& t = city.parcels;
    SnapshotParcels& p = a.parcels;
    const std::size_t n = t.size();
    p.id.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        p.id.emplace_back(t.parcel_id[i]);
        p.district.push_back(city.districts[t.district[i]].code);
        p.park_id.push_back(t.park[i] >= 0 ? city.parks[static_cast<std::size_t>(t.park[i])].park_id : std::string());
        p.land_use.push_back(t.land_use[i]);
        p.status.push_back(t.status[i]);
        p.area_mu.push_back(units::m2_to_mu(t.area_m2[i]));
        p.appr_date.push_back(t.appr_date[i]);
        FlagSet flags;
        for (const audit::Flag& f : audit.flags_of(i)) flags.insert(f.code);
        p.flags.push_back(flags);
        p.fid.push_back(static_cast<int64_t>(i) + 1);
    }
    p.geometry = t.geometry;
    // A district's own code as its district, a park's the district it lies in (NamedPlace).
    for (const District& d : city.districts) a.districts.push_back({d.code, d.name, d.code, {}});
    for (const Park& k : city.parks)
        a.parks.push_back({k.park_id, k.name, k.district < city.districts.size() ? city.districts[k.district].code : std::string(), {}});
    return a;
}

}  // namespace parkcap::monitor
