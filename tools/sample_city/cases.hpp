#pragma once
// Audit cases: what each parcel is planted to be (built and compliant, idle for
// 1-2 years, approved 2-5 years ago...), with the finding the engine must make.
// Each parcel gets a case from an exact, shuffled quota per park, and its
// attributes are drawn inside that case's range with a margin from every
// threshold, so the counts in the summary are the findings the engine must make.
#include <array>
#include <cstdint>

#include "calendar.hpp"

namespace sample_city {

/// The audit date the cases are designed for (docs/sample_city.md).
inline constexpr Day kAsOf = D(2026, 6, 30);
/// The later periods (--periods), each evolved from the one before: a quarter and
/// a year after kAsOf, both quarter ends as a bureau's monitoring reports them.
inline constexpr std::array<Day, 2> kLaterPeriods = {D(2026, 9, 30), D(2027, 6, 30)};

enum Case : uint8_t {
    kBuiltOk,
    kBuiltLowFar,
    kBuiltLowCoverage,
    kBuiltLowInvestment,
    kBuiltLowTax,
    kBuiltLowMulti,
    kBuiltNew,
    kBuildingActive,
    kBuildingHaltedRecent,
    kBuildingIdleFee,
    kBuildingIdleTakeback,
    kBuildingHaltedProgressed,
    kSuppliedWatch,
    kSuppliedIdleFee,
    kSuppliedIdleTakeback,
    kApprovedUnder2,
    kApproved2to5,
    kApprovedOver5,
    kPlanned,
    kReserve,
    kSpecial,  ///< a planted single record: see CityDefinition::specials
    kCaseCount
};

/// Parcels in one run of supply land (see assign_cases).
inline constexpr int64_t kSupplyRun = 8;

struct CaseInfo {
    const char* name;
    const char* status;
    bool industrial_only;
    double share_in_parks;   ///< of a park's parcels of the land uses it applies to
    double share_outside;
    const char* expect;      ///< what the audit must find (as-of 2026-06-30, default rules)
    const char* flags;       ///< the engine's flag codes it must raise, space-separated (policy flags aside)
};

extern const std::array<CaseInfo, kCaseCount> kCases;

bool is_built_or_building(Case c);

}  // namespace sample_city
