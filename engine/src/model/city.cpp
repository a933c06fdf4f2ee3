#include "parkcap/model/city.hpp"

#include "parkcap/index/parcel_index.hpp"

#include <fmt/format.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace parkcap {

namespace {
template <class E, std::size_t N>
std::optional<E> parse_enum(std::string_view s, const std::string_view (&names)[N]) {
    for (std::size_t i = 0; i < N; ++i)
        if (s == names[i]) return static_cast<E>(i);
    return std::nullopt;
}

const char* const kStatusZh[] = {"规划", "批而未供", "已供未建", "在建", "建成", "储备", "未知"};
const char* const kLandUseZh[] = {"工业", "物流仓储", "商业", "居住", "公共", "其他", "未知"};
const char* const kLevelZh[] = {"国家级", "省级", "市级", "其他"};
const char* const kZoneZh[] = {"保护区", "保留区", "控制利用区", "开发利用区"};
}  // namespace

const char* to_string(Status s) { return kStatusNames[static_cast<int>(s)].data(); }
const char* to_string(LandUse s) { return kLandUseNames[static_cast<int>(s)].data(); }
const char* to_string(ParkLevel s) { return kParkLevelNames[static_cast<int>(s)].data(); }
const char* to_string(ShoreZone s) { return kShoreZoneNames[static_cast<int>(s)].data(); }
const char* chinese_name(Status s) { return kStatusZh[static_cast<int>(s)]; }
const char* chinese_name(LandUse s) { return kLandUseZh[static_cast<int>(s)]; }
const char* chinese_name(ParkLevel s) { return kLevelZh[static_cast<int>(s)]; }
const char* chinese_name(ShoreZone s) { return kZoneZh[static_cast<int>(s)]; }
std::optional<Status> parse_status(std::string_view s) { return parse_enum<Status>(s, kStatusNames); }
std::optional<LandUse> parse_land_use(std::string_view s) { return parse_enum<LandUse>(s, kLandUseNames); }
std::optional<ParkLevel> parse_park_level(std::string_view s) { return parse_enum<ParkLevel>(s, kParkLevelNames); }
std::optional<ShoreZone> parse_shore_zone(std::string_view s) { return parse_enum<ShoreZone>(s, kShoreZoneNames); }

City::City() : parcel_index_mutex_(std::make_unique<std::mutex>()) {}
City::~City() = default;
City::City(City&&) noexcept = default;
City& City::operator=(City&&) noexcept = default;

uint32_t City::intern_district(std::string_view code) {
    if (auto i = find_district(code)) return *i;
    districts.push_back(District{std::string(code), {}, false});
    const auto index = static_cast<uint32_t>(districts.size() - 1);
    district_lookup_.emplace(districts.back().code, index);
    return index;
}

std::optional<uint32_t> City::find_district(std::string_view code) const {
    if (district_lookup_.size() != districts.size()) {
        district_lookup_.clear();
        for (std::size_t i = 0; i < districts.size(); ++i)
            district_lookup_.emplace(districts[i].code, static_cast<uint32_t>(i));
    }
    const auto it = district_lookup_.find(std::string(code));
    if (it == district_lookup_.end()) return std::nullopt;
    return it->second;
}

std::optional<uint32_t> City::find_park(std::string_view park_id) const {
    for (std::size_t i = 0; i < parks.size(); ++i)
        if (parks[i].park_id == park_id) return static_cast<uint32_t>(i);
    return std::nullopt;
}

std::optional<uint32_t> City::find_project(std::string_view project_id) const {
    for (std::size_t i = 0; i < projects.size(); ++i)
        if (projects[i].project_id == project_id) return static_cast<uint32_t>(i);
    return std::nullopt;
}

std::optional<uint32_t> City::find_parcel(std::string_view parcel_id) const {
    for (std::size_t i = 0; i < parcels.size(); ++i)
        if (parcels.parcel_id[i] == parcel_id) return static_cast<uint32_t>(i);
    return std::nullopt;
}

std::optional<uint32_t> City::parcel_at(geom::Point p) const {
    std::optional<uint32_t> hit;
    parcel_index().query({p.x, p.y, p.x, p.y}, [&](uint32_t i) {
        if (!parcels.geometry.contains(i, p)) return;
        if (!hit || parcels.area_m2[i] < parcels.area_m2[*hit]) hit = i;
    });
    return hit;
}

void ParcelTable::reserve_fixed(std::size_t rows) {
    district.reserve(rows);
    land_use.reserve(rows);
    status.reserve(rows);
    for (auto* dates : {&appr_date, &supp_date, &start_due, &start_date, &halt_date}) dates->reserve(rows);
    for (auto* numbers : {&dev_ratio, &inv_plan_wan, &inv_done_wan, &far, &coverage, &tax_wan, &output_wan, &survey_mu, &area_m2})
        numbers->reserve(rows);
    source_fid.reserve(rows);
    source_layer.reserve(rows);
    incomplete.reserve(rows);
    centroid.reserve(rows);
    park.reserve(rows);
}

const index::ParcelIndex& City::parcel_index() const {
    std::lock_guard lock(*parcel_index_mutex_);
    if (!parcel_index_) parcel_index_ = std::make_unique<index::ParcelIndex>(parcels.geometry);
    return *parcel_index_;
}

void City::set_parcel_index(std::unique_ptr<index::ParcelIndex> idx) {
    std::lock_guard lock(*parcel_index_mutex_);
    parcel_index_ = std::move(idx);
}

bool City::has_parcel_index() const {
    std::lock_guard lock(*parcel_index_mutex_);
    return parcel_index_ != nullptr;
}

void City::release_parcel_index() {
    std::lock_guard lock(*parcel_index_mutex_);
    if (!parcel_index_) return;
    parcel_index_.reset();
#ifdef __GLIBC__
    // The tree's nodes were small allocations in the middle of the heap: freed, they
    // stay the process's until given back, and the large arrays that follow (the
    // audit's columns, the writer's boxes) are mapped afresh instead of reusing them.
    malloc_trim(0);
#endif
}

}  // namespace parkcap

namespace parkcap {

std::vector<Issue> rejects_report_rows(const City& city) {
    std::vector<Issue> rows = city.report.issues;
    for (const LayerInfo& l : city.layers) {
        const LayerCounts& c = l.counts;
        rows.push_back(Issue{Severity::Info, "source.counts", l.source.file, l.source.layer, "", -1, "",
                             fmt::format("{}: read {}, kept {} (incomplete {}, repaired {}), merged {}, rejected {}",
                                         l.logical, c.read, c.kept, c.incomplete, c.repaired, c.merged, c.rejected)});
    }
    return rows;
}

}  // namespace parkcap
