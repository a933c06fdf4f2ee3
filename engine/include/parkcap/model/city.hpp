#pragma once
// The loaded city: what load_city() returns and every later step reads. All
// geometry is in the one metric working CRS; all areas in m² (convert with
// core/units.hpp for display).
#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <span>
#include <vector>

#include "parkcap/core/date.hpp"
#include "parkcap/core/report.hpp"
#include "parkcap/core/string_column.hpp"
#include "parkcap/geom/polygons.hpp"
#include "parkcap/model/land.hpp"

namespace parkcap {

/// What the outputs call the whole city in rows beside its districts and parks.
inline constexpr const char* kCityName = "全市";

namespace index { class ParcelIndex; }

/// Where a record came from, for messages and for writing results back.
struct SourceRef {
    std::string file;
    std::string layer;
};

struct District {
    std::string code;  ///< e.g. 321283
    std::string name;  ///< from the optional districts layer or quota table; may be empty
    bool has_boundary = false;
};

struct Park {
    std::string park_id;
    std::string name;
    ParkLevel level = ParkLevel::Other;
    uint32_t district = 0;  ///< index into City::districts
    std::vector<std::string> themes;  ///< GB/T 4754-2017 code prefixes; "*" = any industry
    bool chem_park = false;
    double area_m2 = 0;
    geom::Box bounds;
};

struct ShoreSegment {
    std::string shore_id;
    ShoreZone zone = ShoreZone::Protect;
    bool port = false;
    double length_m = 0;
    std::vector<std::vector<geom::Point>> parts;  ///< the segment's linestrings (usually one)
    geom::Box bounds;
};

/// What a parcel's record lacked (bits of ParcelTable::incomplete). A parcel with
/// any of the first four is incomplete: its land counts, the rules that need the
/// missing value do not apply to it.
enum IncompleteBits : uint8_t {
    kNoParcelId = 1,      ///< parcel_id empty: kept under an id made from its file and FID
    kNoDistrict = 2,      ///< district empty or unusable and not derivable: in the unknown district ""
    kNoLandUse = 4,       ///< land use unknown (LandUse::Unknown)
    kNoStatus = 8,        ///< status unknown (Status::Unknown)
    kDistrictDerived = 16,  ///< district empty, taken from the districts layer or the id (reported)
    kOverlapsEarlier = 32,  ///< drawn over an earlier-read parcel beyond [data] overlap_tolerance: never a site (reported)
};
inline constexpr uint8_t kIncompleteMask = kNoParcelId | kNoDistrict | kNoLandUse | kNoStatus;

/// Parcels as columns (structure of arrays): the table that grows to millions.
/// Numbers are NaN when the field is empty; dates are Date{} (null) when empty.
struct ParcelTable {
    StringColumn parcel_id;
    std::vector<uint32_t> district;  ///< index into City::districts
    std::vector<LandUse> land_use;
    std::vector<Status> status;
    std::vector<Date> appr_date, supp_date, start_due, start_date, halt_date;
    std::vector<double> dev_ratio, inv_plan_wan, inv_done_wan, far, coverage, tax_wan, output_wan;
    StringColumn industry;
    StringColumn enterprise;
    std::vector<int64_t> source_fid;  ///< OGR FID in the source layer
    std::vector<uint32_t> source_layer;  ///< index into City::layers: the file (and layer) it was read from
    std::vector<uint8_t> incomplete;     ///< IncompleteBits
    /// Recorded (survey) area in 亩 as the data gives it (survey_mu); NaN when absent.
    std::vector<double> survey_mu;

    // Derived at load time, in the working CRS.
    geom::MultiPolygonColumn geometry;
    std::vector<double> area_m2;
    std::vector<geom::Point> centroid;
    std::vector<int32_t> park;  ///< index into City::parks, or -1 outside every park

    std::size_t size() const { return status.size(); }
    /// Room for `rows` in every fixed-width column, so that none doubles (and holds
    /// its old and new buffers at once) while the table is filled.
    void reserve_fixed(std::size_t rows);
};

struct Project {
    std::string project_id;
    std::string name;
    std::string industry;
    uint32_t origin = 0;  ///< index into City::districts
    double area_mu = 0;
    double investment_wan = 0;
    double tax_expect_wan = 0;
    double tech = 0;  ///< 0..100
    bool eia_ok = false;
    bool needs_shore = false;
    bool major = false;
    /// 标准地 commitments the projects table may carry (docs/data.md); NaN when
    /// empty: the indicator is not checked for the project.
    double far_commit = std::numeric_limits<double>::quiet_NaN();          ///< floor-area ratio
    double output_expect_wan = std::numeric_limits<double>::quiet_NaN();   ///< output value at full production, 万元/year
    double energy_tce_per_wan = std::numeric_limits<double>::quiet_NaN();  ///< energy per 万元 of value added, tce
    double emission_kg_per_wan = std::numeric_limits<double>::quiet_NaN(); ///< main pollutants per 万元 of value added, kg
};

struct QuotaEntry {
    uint32_t district = 0;  ///< index into City::districts
    double quota_mu = 0;
    /// Quota the district earned by disposing of stock land before this plan
    /// (增存挂钩; the table's optional earned_mu, 0 when empty).
    double earned_before_mu = 0;
};

/// The working CRS all geometry is in.
struct WorkingCrs {
    int epsg = 0;
    std::string name;          ///< e.g. "CGCS2000 / 3-degree Gauss-Kruger zone 40"
    std::string wkt;
    bool chosen_automatically = true;
};

/// One source of a logical layer as found in the input (a logical layer read from
/// several files has one LayerInfo per file): where it came from, in which CRS and
/// encoding, and what became of its records.
struct LayerInfo {
    std::string logical;       ///< "parks", "shoreline", "parcels", "districts", "projects", "quota"
    SourceRef source;
    /// The source as outputs name it: the file relative to DATA when inside it,
    /// with ":layer" when the file holds several layers.
    std::string label;
    LayerCounts counts;        ///< this source's records (City::report.counts has the layer's totals)
    std::string crs_name;      ///< the layer's own CRS ("" for tables)
    std::string crs_id;        ///< "EPSG:4490" when identifiable
    bool crs_declared = false; ///< CRS came from the mapping file, not the source
    std::string encoding;      ///< text encoding used to decode it
    std::string driver;
};

class City {
public:
    City();
    ~City();
    City(City&&) noexcept;
    City& operator=(City&&) noexcept;

    WorkingCrs crs;
    std::vector<LayerInfo> layers;
    std::vector<District> districts;
    std::vector<Park> parks;
    std::vector<ShoreSegment> shoreline;
    ParcelTable parcels;
    geom::MultiPolygonColumn park_geometry;       ///< feature i = parks[i]
    geom::MultiPolygonColumn district_geometry;   ///< feature i = districts[i] when has_boundary, else empty
    std::vector<Project> projects;
    std::vector<QuotaEntry> quota;
    LoadReport report;
    geom::Box extent;  ///< of all loaded geometry, working CRS

    /// Index of a district code, adding it when new.
    uint32_t intern_district(std::string_view code);
    std::optional<uint32_t> find_district(std::string_view code) const;
    std::optional<uint32_t> find_park(std::string_view park_id) const;
    std::optional<uint32_t> find_project(std::string_view project_id) const;
    /// The parcel with this id (the first, should ids repeat).
    std::optional<uint32_t> find_parcel(std::string_view parcel_id) const;
    /// The parcel under a point (the map's click): the smallest containing one
    /// where parcels overlap, being the more specific; nullopt when none.
    std::optional<uint32_t> parcel_at(geom::Point p) const;

    /// The spatial index over parcels (built by load_city; rebuilt from the
    /// parcels' geometry on the first query after release_parcel_index()).
    /// Safe to call from several threads at once.
    const index::ParcelIndex& parcel_index() const;
    void set_parcel_index(std::unique_ptr<index::ParcelIndex> idx);
    /// Frees the spatial index (about 46 bytes a parcel: 0.45 GiB for a province
    /// of ten million) for a caller that queries it no more, such as the audit,
    /// whose rules never do. A later parcel_index() builds it again.
    void release_parcel_index();
    /// Whether the index is built now (false once released, until the next query).
    bool has_parcel_index() const;

private:
    mutable std::unique_ptr<index::ParcelIndex> parcel_index_;
    /// Guards building parcel_index_ on demand (a pointer: City stays movable).
    std::unique_ptr<std::mutex> parcel_index_mutex_;
    /// District code → index, so interning is O(1) per parcel. Rebuilt when
    /// `districts` was changed directly; not safe to rebuild from two threads, so
    /// it is kept current by intern_district during the (single-threaded) load.
    mutable std::unordered_map<std::string, uint32_t> district_lookup_;
};

/// The rows of the rejects report: every issue of the load, then one row per
/// source file (severity Info, code "source.counts") with its records read, kept,
/// incomplete, repaired, merged and rejected, so the counts add up per file.
std::vector<Issue> rejects_report_rows(const City& city);

/// The linestrings of the shoreline segments for which `keep(segment)` is true, in
/// segment order: what a distance to "port shoreline" or "any shoreline" measures to.
template <class Keep>
std::vector<std::span<const geom::Point>> shoreline_parts(const City& city, Keep keep) {
    std::vector<std::span<const geom::Point>> lines;
    for (const ShoreSegment& s : city.shoreline)
        if (keep(s))
            for (const auto& part : s.parts) lines.emplace_back(part);
    return lines;
}

}  // namespace parkcap
