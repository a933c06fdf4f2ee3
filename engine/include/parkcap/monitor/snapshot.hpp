#pragma once
// One audit as the bureau keeps it: an AUDIT.gpkg read back on its own, without the
// data it was made from. Monitoring compares audits made months apart, when the
// earlier data package may be long gone; the audit file keeps each parcel's shape,
// state and flags, which is all a comparison needs.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parkcap/audit/audit.hpp"
#include "parkcap/audit/flags.hpp"
#include "parkcap/core/date.hpp"
#include "parkcap/core/enum_set.hpp"
#include "parkcap/geom/polygons.hpp"
#include "parkcap/model/land.hpp"

namespace parkcap::monitor {

using FlagSet = EnumSet<audit::FlagCode>;

/// The parcels of one audit, one entry per feature of its parcel_flags layer.
struct SnapshotParcels {
    std::vector<std::string> id, district, park_id;
    std::vector<LandUse> land_use;
    std::vector<Status> status;
    std::vector<double> area_mu;  ///< as the audit measured it
    /// The approval (批) date: the audit's appr_date, or for files written before
    /// it had one, the date its 批而未供 flag counts from; null when unknown.
    std::vector<Date> appr_date;
    std::vector<FlagSet> flags;
    std::vector<int64_t> fid;  ///< feature id in parcel_flags, for messages
    geom::MultiPolygonColumn geometry;

    std::size_t size() const { return id.size(); }
};

/// A district's or park's capacity figures as its row in district_summary or
/// park_capacity gives them: 亩 as written, ratios as the audit computed them. A
/// series of audits reads them back; the city's are derived from its districts'
/// (monitor::city_figures in series.hpp), as the audit writes no city row.
struct PlaceFigures {
    int64_t parcels = 0;
    double parcel_mu = 0;
    double approved_mu = 0, supplied_mu = 0, building_mu = 0, built_mu = 0;  ///< area by status
    double idle_mu = 0;            ///< idle land found (fee or take-back)
    double low_efficiency_mu = 0;
    double utilisation = kNaN;     ///< util: (building + built) ÷ parcel area
    double supply_ratio = kNaN;    ///< supply_rat: (supplied + building + built) ÷ (approved + those)
    double tax_wan_per_mu = kNaN;  ///< tax_mu: 亩均 tax of built industrial land with figures
    /// The sum and area behind tax_wan_per_mu (tax_wan, taxed_mu); NaN when the
    /// audit was written before it had these columns.
    double tax_wan = kNaN, taxed_mu = kNaN;

    static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
};

/// A district or park named in the audit (its code or park_id, and its name), with
/// its figures.
struct NamedPlace {
    std::string code;
    std::string name;
    std::string district;  ///< a park's district code; a district's own
    PlaceFigures figures;
};

struct AuditSnapshot {
    std::string path;
    Date as_of;
    std::string working_crs;  ///< "EPSG:4528": both audits of a comparison must share it
    /// The EPSG code of working_crs; DataError naming the file when it is none.
    int epsg() const;
    std::string rules_version;
    SnapshotParcels parcels;
    std::vector<NamedPlace> districts;  ///< from district_summary, in its order
    std::vector<NamedPlace> parks;      ///< from park_capacity, in its order

    /// The name of district or park `code`, or `code` itself when the audit does not name it.
    std::string_view district_name(std::string_view code) const;
    std::string_view park_name(std::string_view park_id) const;
};

/// The snapshot of an audit still in memory (the viewer's, compared with a saved
/// earlier one without writing the later first): the same fields a saved audit
/// gives back. `label` stands for the path in messages.
AuditSnapshot snapshot_of(const City& city, const audit::Audit& audit, std::string label);

}  // namespace parkcap::monitor
