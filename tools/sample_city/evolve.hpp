#pragma once
// The sample city one period later: what a land bureau's next audit would find
// after a quarter or a year of supplying, building, taking back, re-planning,
// splitting and merging land, with a record of every change (changes.csv), so a
// comparison of two audits can be tested against the generator's own truth.
//
// No I/O and no engine: the parcels in, the parcels and changes out. Each parcel
// changes at most once a period, so every change row has one meaning; parcels no
// change touches keep their record, so time alone moves their findings on (a
// supplied parcel becomes idle, an idle one reaches take-back, an approval moves to
// an older band), and the evolver counts those too.
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "calendar.hpp"
#include "city_definition.hpp"
#include "layout.hpp"
#include "parcels.hpp"

namespace sample_city {

/// The kinds of change, in the order a period applies them.
enum class ChangeKind : uint8_t {
    TakenBack,   ///< idle land at the take-back stage → reserve (收回)
    Started,     ///< supplied → building: construction started (动工), idle or not yet idle
    Completed,   ///< building → built (竣工), with figures that meet the control indicators
    Supplied,    ///< approved → supplied (供地): contract signed, agreed start set
    Withdrawn,   ///< approved two years or more → planned: approval withdrawn (撤回批文), quota returned
    Replanned,   ///< unbuilt industrial land re-planned to logistics or public use, status kept
    Improved,    ///< low-efficiency built land whose figures now meet the floors (低效用地再开发)
    Approved,    ///< planned → approved, paid from the district's quota
    Split,       ///< one parcel → two or three new ids tiling it
    Merged,      ///< two or three neighbours of one block → one new id, their union
    Renumbered,  ///< the same land under a new id
};
inline constexpr int kChangeKindCount = 11;
/// changes.csv spellings, indexed by ChangeKind.
extern const std::array<const char*, kChangeKindCount> kChangeKindName;

/// Which stock flagged in the older audit a change disposes of (处置).
enum class Disposal : uint8_t { None, ApprovedUnsupplied, Idle, LowEfficiency };
/// changes.csv spellings, indexed by Disposal ("" for None).
extern const std::array<const char*, 4> kDisposalName;

/// One row of changes.csv.
struct Change {
    ChangeKind kind = ChangeKind::Renumbered;
    Disposal disposes = Disposal::None;
    std::string district, park;  ///< park empty outside parks
    std::vector<std::string> old_ids, new_ids;
    Day date = kNoDay;           ///< when it happened (stored in the parcel only as supp/start/appr_date)
    std::string old_status, new_status;
    LandUse old_land_use = kIndustrial, new_land_use = kIndustrial;
    double area_m2 = 0;          ///< of the old parcel(s)
};

/// Findings that time alone moved on, on parcels no change touched (the
/// audits' own rules, counted by the generator's reading of them).
struct Escalations {
    int64_t supplied_to_fee = 0;   ///< SUPPLIED_UNUSED → IDLE_FEE (a year past the agreed start)
    int64_t fee_to_takeback = 0;   ///< IDLE_FEE → IDLE_TAKEBACK (two years idle)
    int64_t halted_to_fee = 0;     ///< building, halted a year with little done: → IDLE_FEE
    int64_t approved_older = 0;    ///< APPROVED_UNSUPPLIED into an older age band
};

struct PeriodResult {
    std::vector<ParcelRecord> parcels;
    std::vector<Change> changes;                 ///< by kind, district, old id
    std::map<std::string, double> quota_mu;      ///< new-land quota left per district
    Escalations escalated;
};

class Evolver {
public:
    Evolver(const CityDefinition& city, const std::vector<Pool>& pools, uint64_t seed)
        : city_(city), pools_(pools), seed_(seed) {}

    /// The parcels as of `to`, from those as of `from`. New ids continue each
    /// district's numbering past every id this evolver has seen, so an id never
    /// comes back after it was retired.
    PeriodResult evolve(const std::vector<ParcelRecord>& before, const std::map<std::string, double>& quota_mu, Day from,
                        Day to);

private:
    std::string new_id(const std::string& district);

    const CityDefinition& city_;
    const std::vector<Pool>& pools_;
    uint64_t seed_;
    std::map<std::string, int64_t> last_serial_;  ///< per district
};

}  // namespace sample_city
