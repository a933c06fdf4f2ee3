#include "parkcap/carto/park_symbols.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace parkcap::carto {

namespace {
constexpr const char* kNames[kLandPartCount] = {"idle", "stock", "planned", "used", "other"};
constexpr const char* kZh[kLandPartCount] = {"闲置", "存量可供", "规划", "已用", "其他"};
constexpr const char* kEn[kLandPartCount] = {"idle", "stock ready to supply", "planned", "used", "other"};

LandPart part_of(const audit::Audit& audit, std::size_t i, Status status) {
    for (const audit::Flag& f : audit.flags_of(i))
        if (audit::flag_info(f.code).group == audit::FlagGroup::Idle) return LandPart::Idle;
    switch (status) {
    case Status::Approved:
    case Status::Reserve: return LandPart::Stock;
    case Status::Planned: return LandPart::Planned;
    case Status::Building:
    case Status::Built: return LandPart::Used;
    default: return LandPart::Other;
    }
}
}  // namespace

const char* land_part_name(LandPart p) { return kNames[static_cast<std::size_t>(p)]; }
const char* land_part_title_zh(LandPart p) { return kZh[static_cast<std::size_t>(p)]; }
const char* land_part_title_en(LandPart p) { return kEn[static_cast<std::size_t>(p)]; }

double LandParts::total_m2() const { return std::accumulate(area_m2.begin(), area_m2.end(), 0.0); }

std::vector<LandParts> park_land_parts(const City& city, const audit::Audit& audit) {
    std::vector<LandParts> out(city.parks.size());
    const ParcelTable& t = city.parcels;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t.park[i] < 0) continue;
        out[static_cast<std::size_t>(t.park[i])].area_m2[static_cast<std::size_t>(part_of(audit, i, t.status[i]))] += t.area_m2[i];
    }
    return out;
}

double footprint_px(double area_m2, double px_per_m) { return 2 * std::sqrt(std::max(0.0, area_m2) / M_PI) * px_per_m; }

std::vector<double> symbol_diameters(const std::vector<double>& areas, double px_per_m, const SymbolScale& s) {
    const double largest = areas.empty() ? 0 : *std::max_element(areas.begin(), areas.end());
    std::vector<double> out(areas.size(), 0);
    for (std::size_t p = 0; p < areas.size(); ++p) {
        const double own = footprint_px(areas[p], px_per_m);
        if (own >= s.show_below_px) continue;
        const double scaled = largest > 0 ? s.max_px * std::sqrt(std::max(0.0, areas[p]) / largest) : s.min_px;
        out[p] = std::max({s.min_px, scaled, own});
    }
    return out;
}

}  // namespace parkcap::carto
