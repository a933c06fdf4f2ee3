#pragma once
// Assertions shared by the loader tests: find a parcel by id, check the record
// accounting, and compare a loaded City with the hand-designed canonical city.
#include <catch2/catch.hpp>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "parkcap/model/city.hpp"
#include "support/city_writer.hpp"

namespace parkcap::test {

inline std::optional<std::size_t> find_parcel(const City& city, std::string_view id) {
    for (std::size_t i = 0; i < city.parcels.size(); ++i)
        if (city.parcels.parcel_id[i] == id) return i;
    return std::nullopt;
}

/// The parcel's park id, "" outside every park.
inline std::string park_of(const City& city, std::size_t i) {
    const int32_t p = city.parcels.park[i];
    return p < 0 ? std::string() : city.parks[static_cast<std::size_t>(p)].park_id;
}

inline std::vector<Issue> issues_with_code(const City& city, const std::string& code) {
    std::vector<Issue> out;
    for (const auto& i : city.report.issues)
        if (i.code == code) out.push_back(i);
    return out;
}

inline std::string all_issues(const City& city) {
    std::string s;
    for (const auto& i : city.report.issues) s += "  [" + i.code + "] " + i.to_string() + "\n";
    return s;
}

/// read == kept + merged + rejected for every layer (merged: duplicates folded
/// into a kept record), and the per-layer rejections add up to the rejected issues.
inline void require_conserved(const City& city) {
    uint64_t rejected = 0;
    for (const auto& [layer, c] : city.report.counts) {
        INFO("layer " << layer << ": read " << c.read << ", kept " << c.kept << ", merged " << c.merged << ", rejected "
                      << c.rejected);
        CHECK(c.read == c.kept + c.merged + c.rejected);
        CHECK(c.repaired <= c.kept);
        rejected += c.rejected;
    }
    CHECK(rejected == city.report.count(Severity::Rejected));
}

inline bool same_number(double a, double b) { return (std::isnan(a) && std::isnan(b)) || std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b)); }

/// Every canonical parcel is in `city` with its attributes, its hand-computed area
/// (to 1e-6 relative) and its park; no other parcel is.
inline void check_canonical_parcels(const City& city, bool with_parks = true) {
    const CanonicalCity& c = canonical_city();
    REQUIRE(city.parcels.size() == c.parcels.size());
    double total = 0;
    for (const auto& e : c.parcels) {
        INFO("parcel " << e.parcel_id);
        const auto i = find_parcel(city, e.parcel_id);
        REQUIRE(i);
        const ParcelTable& t = city.parcels;
        CHECK(t.area_m2[*i] == Approx(e.area_m2).epsilon(1e-6));
        total += t.area_m2[*i];
        CHECK(city.districts[t.district[*i]].code == e.district);
        CHECK(to_string(t.status[*i]) == e.status);
        CHECK(to_string(t.land_use[*i]) == e.land_use);
        CHECK(t.appr_date[*i].iso() == e.appr_date);
        CHECK(t.supp_date[*i].iso() == e.supp_date);
        CHECK(t.start_due[*i].iso() == e.start_due);
        CHECK(t.start_date[*i].iso() == e.start_date);
        CHECK(t.halt_date[*i].iso() == e.halt_date);
        CHECK(same_number(t.dev_ratio[*i], e.dev_ratio));
        CHECK(same_number(t.inv_plan_wan[*i], e.inv_plan));
        CHECK(same_number(t.coverage[*i], e.coverage));
        CHECK(same_number(t.output_wan[*i], e.output));
        CHECK(t.industry[*i] == e.industry);
        CHECK(t.enterprise[*i] == e.enterprise);
        if (with_parks) CHECK(park_of(city, *i) == e.park_id);
        else CHECK(t.park[*i] == -1);
    }
    CHECK(total == Approx(c.total_parcel_area_m2()).epsilon(1e-6));
}

inline void check_canonical_parks(const City& city) {
    const CanonicalCity& c = canonical_city();
    REQUIRE(city.parks.size() == c.parks.size());
    for (const auto& e : c.parks) {
        INFO("park " << e.park_id);
        const auto p = city.find_park(e.park_id);
        REQUIRE(p);
        const Park& park = city.parks[*p];
        CHECK(park.name == e.name);
        CHECK(to_string(park.level) == e.level);
        CHECK(city.districts[park.district].code == e.district);
        CHECK(park.chem_park == (e.chem_park == 1));
        CHECK(park.area_m2 == Approx(e.area_m2).epsilon(1e-6));
    }
}

inline void check_canonical_shoreline(const City& city) {
    const CanonicalCity& c = canonical_city();
    REQUIRE(city.shoreline.size() == c.shoreline.size());
    for (std::size_t k = 0; k < c.shoreline.size(); ++k) {
        const auto& e = c.shoreline[k];
        INFO("shore " << e.shore_id);
        const auto it = std::find_if(city.shoreline.begin(), city.shoreline.end(),
                                     [&](const ShoreSegment& s) { return s.shore_id == e.shore_id; });
        REQUIRE(it != city.shoreline.end());
        CHECK(to_string(it->zone) == e.zone);
        CHECK(it->port == (e.port == 1));
        CHECK(it->length_m == Approx(e.length_m).epsilon(1e-6));
    }
}

inline void check_canonical_tables(const City& city) {
    const CanonicalCity& c = canonical_city();
    REQUIRE(city.projects.size() == c.projects.size());
    for (std::size_t k = 0; k < c.projects.size(); ++k) {
        const auto& e = c.projects[k];
        const auto& p = city.projects[k];
        INFO("project " << e.project_id);
        CHECK(p.project_id == e.project_id);
        CHECK(p.name == e.name);
        CHECK(p.industry == e.industry);
        CHECK(city.districts[p.origin].code == e.origin);
        CHECK(p.area_mu == Approx(e.area_mu));
        CHECK(p.investment_wan == Approx(e.investment));
        CHECK(p.tax_expect_wan == Approx(e.tax_expect));
        CHECK(p.tech == Approx(e.tech));
        CHECK(p.eia_ok == (e.eia_ok == 1));
        CHECK(p.needs_shore == (e.needs_shore == 1));
        CHECK(p.major == (e.major == 1));
    }
    REQUIRE(city.quota.size() == c.quota.size());
    for (std::size_t k = 0; k < c.quota.size(); ++k) {
        const auto& e = c.quota[k];
        INFO("quota " << e.district);
        CHECK(city.districts[city.quota[k].district].code == e.district);
        CHECK(city.districts[city.quota[k].district].name == e.name);
        CHECK(city.quota[k].quota_mu == Approx(e.quota_mu));
    }
}

}  // namespace parkcap::test
