// The audit: rules applied parcel by parcel (in parallel chunks), then the 亩均
// classes, then capacity by park and district, then the shoreline.
#include "parkcap/audit/audit.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>
#include <thread>

#include "../geom/detail/geos_support.hpp"
#include "../geom/detail/line_distance.hpp"
#include "parkcap/core/units.hpp"
#include "parkcap/index/parcel_index.hpp"

namespace parkcap::audit {

namespace {

using namespace geom::detail;
constexpr double kEps = 1e-9;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();


/// Position of `entry` in `list` (where it points), as a Flag records it.
template <class T>
uint16_t entry_index(const std::vector<T>& list, const T* entry) {
    return entry ? static_cast<uint16_t>(entry - list.data()) : kNoEntry;
}

struct Context {
    const City& city;
    const rules::Rules& rules;
    Date as_of;
    const LineDistance& port_shore;
    const LineDistance& any_shore;
};

/// One parcel as the rules see it: its row, the figures several rules share, its
/// geometry made once when a distance needs it, and the flags found so far.
class ParcelUnderAudit {
public:
    ParcelUnderAudit(const Context& context, uint32_t parcel, std::vector<Flag>& out, std::vector<Gap>& gaps)
        : cx(context), r(context.rules), t(context.city.parcels), i(parcel), status(t.status[parcel]),
          area_m2(t.area_m2[parcel]), area_mu(units::m2_to_mu(area_m2)), industry(t.industry[parcel]), out_(out),
          gaps_(gaps) {}

    const Context& cx;
    const rules::Rules& r;
    const ParcelTable& t;
    const uint32_t i;
    const Status status;
    const double area_m2, area_mu;
    const std::string_view industry;

    /// Appends a flag of `code` with the catalogue's severity (a rule whose
    /// severity varies sets its own).
    Flag& flag(FlagCode code) {
        Flag f;
        f.parcel = i;
        f.code = code;
        f.severity = flag_info(code).severity.value_or(FlagSeverity::Low);
        out_.push_back(f);
        return out_.back();
    }
    /// Records that `rule` could not be applied to this parcel, and why.
    void gap(QualityRule rule, uint32_t fields, GapCause cause = GapCause::MissingValue) {
        gaps_.push_back({i, rule, cause, fields});
    }
    const GEOSGeometry* geometry() {
        if (!shape_) shape_ = make_multipolygon(t.geometry, i);
        return shape_.get();
    }
    /// Construction has begun: a start date on record, or building or built.
    bool has_started() const { return !t.start_date[i].is_null() || status == Status::Building || status == Status::Built; }
    /// A land user holds the land: the policy rules apply to it.
    bool occupied() const { return status == Status::Built || status == Status::Building || status == Status::Supplied; }
    /// Built land of the uses the control indicators apply to (the 低效用地 rules).
    bool under_control_indicators() const {
        const auto& le = r.low_efficiency;
        return le.land_uses.contains(t.land_use[i]) && le.statuses.contains(status) && area_mu > 0;
    }

private:
    std::vector<Flag>& out_;
    std::vector<Gap>& gaps_;
    GeosPtr shape_;  // built once, only when a distance is needed
};

// ---- the rules, one function each (docs/audit.md states each one) ------------
//
// Each looks at one parcel and adds the flags of its rule, recording the figures
// its reason quotes and which of its conditions fired (Flag::cause), so that the
// text is rendered from the flag and never decides again.

/// 闲置土地, not started (Order 53 Art. 2): "超过约定动工开发日期满一年未动工开发" —
/// idle from the anniversary of the agreed start (civil-law period counting),
/// inclusive; IDLE_TAKEBACK from takeback_years. Before that, SUPPLIED_UNUSED (供而未
/// 用) with the days until it becomes idle.
void rule_supplied_not_started(ParcelUnderAudit& p) {
    if (p.status != Status::Supplied || p.has_started()) return;
    const auto& idle = p.r.idle;
    const Date due = p.t.start_due[p.i], as_of = p.cx.as_of;
    if (due.is_null()) {
        p.gap(QualityRule::Idle, bit(QualityField::StartDue));
        Flag& f = p.flag(FlagCode::SuppliedUnused);
        f.cause = cause_value(SuppliedCause::NoStartDue);
        f.days = -1;
    } else if (as_of >= due.plus_years(idle.not_started_years)) {
        const bool takeback = as_of >= due.plus_years(idle.takeback_years);
        Flag& f = p.flag(takeback ? FlagCode::IdleTakeback : FlagCode::IdleFee);
        f.cause = cause_value(IdleCause::NotStarted);
        f.since = due;
        f.days = days_between(due, as_of);
        f.reclaimable_m2 = takeback ? p.area_m2 : 0;
    } else {
        Flag& f = p.flag(FlagCode::SuppliedUnused);
        f.since = due;
        f.value = days_between(due, as_of);  // days overdue (negative: not yet due)
        f.cause = cause_value(f.value < 0 ? SuppliedCause::StartAhead : SuppliedCause::StartPassed);
        f.days = days_between(as_of, due.plus_years(idle.not_started_years));
    }
}

/// 闲置土地, started and halted (Order 53 Art. 2): halted halted_years or more with
/// the developed share under dev_ratio_below or the investment under
/// inv_ratio_below of the promise (strictly under). With neither figure on record
/// the land is only suspected idle (IDLE_SUSPECT).
/// A halted parcel's developed share and investment share against Art. 2's.
struct HaltedShares {
    double dev = kNaN, inv_share = kNaN;
    bool dev_low = false, inv_low = false;
};
HaltedShares halted_shares(const ParcelUnderAudit& p) {
    HaltedShares h;
    const auto& idle = p.r.idle;
    h.dev = p.t.dev_ratio[p.i];
    const double plan = p.t.inv_plan_wan[p.i], done = p.t.inv_done_wan[p.i];
    h.inv_share = (!std::isnan(plan) && !std::isnan(done) && plan > 0) ? done / plan : kNaN;
    h.dev_low = !std::isnan(h.dev) && h.dev < idle.dev_ratio_below - kEps;
    h.inv_low = !std::isnan(h.inv_share) && h.inv_share < idle.inv_ratio_below - kEps;
    return h;
}

void rule_halted(ParcelUnderAudit& p) {
    const auto& idle = p.r.idle;
    const Date halted = p.t.halt_date[p.i], as_of = p.cx.as_of;
    if (p.status != Status::Building || halted.is_null() || as_of < halted.plus_years(idle.halted_years)) return;
    const HaltedShares shares = halted_shares(p);
    const double dev = shares.dev, inv_share = shares.inv_share;
    const bool dev_low = shares.dev_low, inv_low = shares.inv_low;
    const double plan = p.t.inv_plan_wan[p.i], done = p.t.inv_done_wan[p.i];
    if (dev_low || inv_low) {
        const bool takeback = as_of >= halted.plus_years(idle.takeback_years);
        Flag& f = p.flag(takeback ? FlagCode::IdleTakeback : FlagCode::IdleFee);
        f.cause = cause_value(dev_low && inv_low ? IdleCause::HaltedBoth
                              : dev_low          ? IdleCause::HaltedDeveloped
                                                 : IdleCause::HaltedInvested);
        f.since = halted;
        f.days = days_between(halted, as_of);
        f.value = dev;
        f.value2 = inv_share;
        f.reclaimable_m2 = takeback ? p.area_m2 : 0;
    } else if (std::isnan(dev) && std::isnan(inv_share)) {
        p.gap(QualityRule::Idle, bit(QualityField::DevRatio) | (std::isnan(plan) || plan <= 0 ? bit(QualityField::InvPlan) : 0) |
                                     (std::isnan(done) ? bit(QualityField::InvDone) : 0));
        Flag& f = p.flag(FlagCode::IdleSuspect);
        f.since = halted;
        f.days = days_between(halted, as_of);
    }
}

/// 批而未供: approved, not supplied, in the age band of its approval date
/// (approved.age_band_years; a band starts on its anniversary). Supply-ready
/// stock: all of it is reclaimable. Older is more severe; undated is low.
void rule_approved_unsupplied(ParcelUnderAudit& p) {
    if (p.status != Status::Approved) return;
    const auto& bands = p.r.approved.age_band_years;
    const Date appr = p.t.appr_date[p.i], as_of = p.cx.as_of;
    uint8_t band = kNoBand;
    if (appr.is_null()) p.gap(QualityRule::ApprovedAge, bit(QualityField::ApprDate));
    if (!appr.is_null()) {
        band = 0;
        for (int years : bands)
            if (as_of >= appr.plus_years(years)) ++band;
    }
    Flag& f = p.flag(FlagCode::ApprovedUnsupplied);
    f.severity = band == kNoBand       ? FlagSeverity::Low
                 : band == 0           ? FlagSeverity::Info
                 : band >= bands.size() ? FlagSeverity::High
                                        : FlagSeverity::Medium;
    f.band = band;
    f.cause = cause_value(band == kNoBand ? ApprovedCause::Undated
                          : band == 0     ? ApprovedCause::FirstBand
                                          : ApprovedCause::LaterBand);
    f.since = appr;
    f.days = appr.is_null() ? 0 : days_between(appr, as_of);
    f.reclaimable_m2 = p.area_m2;
}

/// 低效用地, floor-area ratio: under the minimum of the 2008 control-indicator
/// table for the industry's 2002 class (reached through the crosswalk). Building
/// to the minimum would free area × (1 − FAR ÷ minimum).
void rule_low_far(ParcelUnderAudit& p) {
    if (!p.under_control_indicators()) return;
    const auto& le = p.r.low_efficiency;
    const double far = p.t.far[p.i];
    const rules::FarMatch m = rules::far_match(le, p.industry);
    if (!m.minimum && !p.industry.empty()) {
        p.gap(QualityRule::LowFar, bit(QualityField::Industry), GapCause::NoRuleEntry);
        return;
    }
    if (!m.minimum || std::isnan(far)) {
        p.gap(QualityRule::LowFar, (m.minimum ? 0 : bit(QualityField::Industry)) | (std::isnan(far) ? bit(QualityField::Far) : 0));
        return;
    }
    if (far >= m.minimum->far_min - kEps) return;
    Flag& f = p.flag(FlagCode::LowFar);
    f.entry = entry_index(le.far_minimums, m.minimum);
    f.crosswalk = entry_index(le.crosswalk, m.crosswalk);
    f.value = far;
    f.threshold = m.minimum->far_min;
    f.reclaimable_m2 = p.area_m2 * (1 - far / m.minimum->far_min);
}

/// 低效用地, building coverage (建筑系数) under coverage_min.
void rule_low_coverage(ParcelUnderAudit& p) {
    if (!p.under_control_indicators()) return;
    const auto& le = p.r.low_efficiency;
    const double coverage = p.t.coverage[p.i];
    if (std::isnan(coverage)) p.gap(QualityRule::LowCoverage, bit(QualityField::Coverage));
    if (std::isnan(coverage) || coverage >= le.coverage_min - kEps) return;
    Flag& f = p.flag(FlagCode::LowCoverage);
    f.value = coverage;
    f.threshold = le.coverage_min;
    f.reclaimable_m2 = p.area_m2 * (1 - coverage / le.coverage_min);
}

/// 低效用地, investment intensity: investment made per 亩 under the minimum for
/// the level of the parcel's park (or outside parks).
void rule_low_investment(ParcelUnderAudit& p) {
    if (!p.under_control_indicators()) return;
    if (std::isnan(p.t.inv_done_wan[p.i])) {
        p.gap(QualityRule::LowInvestment, bit(QualityField::InvDone));
        return;
    }
    const auto& le = p.r.low_efficiency;
    const int32_t park = p.t.park[p.i];
    const std::string level = park < 0 ? "outside" : to_string(p.cx.city.parks[static_cast<std::size_t>(park)].level);
    const auto it = le.investment_min_wan_per_mu.find(level);
    if (it == le.investment_min_wan_per_mu.end()) {
        p.gap(QualityRule::LowInvestment, 0, GapCause::NoRuleEntry);
        return;
    }
    const double intensity = p.t.inv_done_wan[p.i] / p.area_mu;
    if (intensity >= it->second - kEps) return;
    Flag& f = p.flag(FlagCode::LowInvestment);
    f.entry = static_cast<uint16_t>(std::find(rules::kInvestmentMinKeys.begin(), rules::kInvestmentMinKeys.end(), level) -
                                    rules::kInvestmentMinKeys.begin());
    f.value = intensity;
    f.threshold = it->second;
}

/// 低效用地, tax per 亩 under tax_floor_wan_per_mu.
void rule_low_tax(ParcelUnderAudit& p) {
    if (!p.under_control_indicators()) return;
    if (std::isnan(p.t.tax_wan[p.i])) {
        p.gap(QualityRule::LowTax, bit(QualityField::Tax));
        return;
    }
    const auto& le = p.r.low_efficiency;
    const double tax_per_mu = p.t.tax_wan[p.i] / p.area_mu;
    if (tax_per_mu >= le.tax_floor_wan_per_mu - kEps) return;
    Flag& f = p.flag(FlagCode::LowTax);
    f.value = tax_per_mu;
    f.threshold = le.tax_floor_wan_per_mu;
}

/// Industrial policy: a land user in an industry of the phase-out list (淘汰/压减).
void rule_phase_out(ParcelUnderAudit& p) {
    const auto* listed = p.occupied() ? rules::find_listed(p.r.policy.phase_out, p.industry) : nullptr;
    if (!listed) return;
    Flag& f = p.flag(FlagCode::PhaseOut);
    f.entry = entry_index(p.r.policy.phase_out, listed);
    f.reclaimable_m2 = p.area_m2;
}

/// Industrial policy: a chemical land user (policy.chemical_prefixes) in no park,
/// or in a park that is not a certified chemical park.
void rule_chem_outside_park(ParcelUnderAudit& p) {
    const std::string* prefix = p.occupied() ? rules::chemical_prefix_of(p.r, p.industry) : nullptr;
    if (!prefix) return;
    const int32_t park = p.t.park[p.i];
    if (park >= 0 && p.cx.city.parks[static_cast<std::size_t>(park)].chem_park) return;
    Flag& f = p.flag(FlagCode::ChemOutsidePark);
    f.cause = cause_value(park < 0 ? ChemParkCause::OutsideParks : ChemParkCause::InNonChemical);
    f.entry = entry_index(p.r.policy.chemical_prefixes, prefix);
    f.reclaimable_m2 = p.area_m2;
}

/// Yangtze River Protection Law: a chemical land user within
/// chem_shore_distance_m of the shoreline ("一公里范围内": the distance itself is within).
void rule_chem_near_shore(ParcelUnderAudit& p) {
    const std::string* prefix = p.occupied() ? rules::chemical_prefix_of(p.r, p.industry) : nullptr;
    if (!prefix || p.cx.any_shore.empty()) return;
    const double d = p.cx.any_shore.distance(p.geometry());
    if (d > p.r.policy.chem_shore_distance_m + kEps) return;
    Flag& f = p.flag(FlagCode::ChemNearShore);
    f.entry = entry_index(p.r.policy.chemical_prefixes, prefix);
    f.value = d;
    f.threshold = p.r.policy.chem_shore_distance_m;
    f.reclaimable_m2 = p.area_m2;
}

using Rule = void (*)(ParcelUnderAudit&);
/// Every rule, in the order a parcel's flags are listed.
constexpr Rule kRules[] = {
    rule_supplied_not_started, rule_halted,   rule_approved_unsupplied, rule_low_far,          rule_low_coverage,
    rule_low_investment,       rule_low_tax,  rule_phase_out,           rule_chem_outside_park, rule_chem_near_shore,
};

/// The gaps no single rule owns: an unknown status stops every rule, an unknown
/// land use the four control-indicator rules, a land user on industrial or
/// logistics land (or land of unknown use) without an industry code the policy rules.
void note_parcel_gaps(ParcelUnderAudit& p) {
    if (p.status == Status::Unknown) {
        p.gap(QualityRule::Any, bit(QualityField::Status));
        return;
    }
    if (p.t.land_use[p.i] == LandUse::Unknown && p.r.low_efficiency.statuses.contains(p.status) && p.area_mu > 0)
        p.gap(QualityRule::LowEfficiency, bit(QualityField::LandUse));
    // Public and other land hold no enterprise, so no industry code is expected there.
    const LandUse use = p.t.land_use[p.i];
    const bool enterprise_land = use == LandUse::Industrial || use == LandUse::Logistics || use == LandUse::Unknown;
    if (p.occupied() && p.industry.empty() && enterprise_land) p.gap(QualityRule::Policy, bit(QualityField::Industry));
}

/// Every rule on one parcel: appends its flags and gaps.
void apply_rules(ParcelUnderAudit& p) {
    note_parcel_gaps(p);
    for (Rule rule : kRules) rule(p);
}

/// Every rule on one parcel; appends its flags and gaps and returns its port
/// distance and whether it lies within chem_shore_distance_m of any shoreline.
void evaluate_parcel(const Context& cx, uint32_t i, std::vector<Flag>& out, std::vector<Gap>& gaps, float& port_distance,
                     uint8_t& near_shore) {
    ParcelUnderAudit p(cx, i, out, gaps);
    const double port = cx.port_shore.empty() ? NAN : cx.port_shore.distance(p.geometry());
    port_distance = static_cast<float>(port);
    // Port shoreline is shoreline: near it is near the river, and saves a query.
    const double limit = cx.rules.policy.chem_shore_distance_m + kEps;
    near_shore = (port <= limit || cx.any_shore.within(p.geometry(), cx.city.parcels.geometry.bounds(i), limit)) ? 1 : 0;
    apply_rules(p);
}

/// Flags for all parcels, evaluated in blocks of consecutive parcels that the
/// threads take in turn, and concatenated in parcel order, so the result does not
/// depend on the thread count. Blocks, not one half per thread: parcels near the
/// river cost many times the others (their distance queries), and a city's files
/// list them together, so fixed halves left one core idle most of the audit.
void evaluate_all(const Context& cx, unsigned threads, Audit& audit, const ProgressFn& progress) {
    const std::size_t n = cx.city.parcels.size();
    audit.parcels.port_distance_m.assign(n, NAN);
    audit.parcels.near_shore.assign(n, 0);
    constexpr std::size_t kBlock = 2048;
    const std::size_t blocks = (n + kBlock - 1) / kBlock;
    const std::size_t workers = std::max<std::size_t>(1, std::min<std::size_t>(threads, blocks));
    std::vector<std::vector<Flag>> parts(blocks);
    std::vector<std::vector<Gap>> gap_parts(blocks);
    std::vector<uint32_t> flag_counts(n, 0);
    std::atomic<std::size_t> next{0}, done{0};
    auto work = [&](bool reports) {
        for (std::size_t b; (b = next.fetch_add(1)) < blocks;) {
            const std::size_t begin = b * kBlock, end = std::min(n, begin + kBlock);
            for (std::size_t i = begin; i < end; ++i) {
                const std::size_t before = parts[b].size();
                evaluate_parcel(cx, static_cast<uint32_t>(i), parts[b], gap_parts[b], audit.parcels.port_distance_m[i],
                                audit.parcels.near_shore[i]);
                flag_counts[i] = static_cast<uint32_t>(parts[b].size() - before);
            }
            const std::size_t d = done.fetch_add(end - begin) + (end - begin);
            if (reports && progress) progress("audit", d, n);  // the caller's thread only
        }
    };
    if (workers == 1) {
        work(true);
    } else {
        std::vector<std::thread> pool;
        for (std::size_t w = 1; w < workers; ++w) pool.emplace_back(work, false);
        work(true);
        for (auto& th : pool) th.join();
    }
    audit.parcels.first_flag.assign(1, 0);
    audit.parcels.first_flag.reserve(n + 1);
    std::size_t total = 0;
    for (const auto& p : parts) total += p.size();
    audit.flags.reserve(total);
    // Each block is freed once copied, so the flags are held once, not twice (a
    // province's 3.5 million flags are 0.2 GB).
    for (std::size_t b = 0; b < blocks; ++b) {
        audit.gaps.insert(audit.gaps.end(), gap_parts[b].begin(), gap_parts[b].end());
        audit.flags.insert(audit.flags.end(), parts[b].begin(), parts[b].end());
        std::vector<Flag>().swap(parts[b]);
        std::vector<Gap>().swap(gap_parts[b]);
    }
    for (std::size_t i = 0; i < n; ++i) audit.parcels.first_flag.push_back(audit.parcels.first_flag.back() + flag_counts[i]);
    audit.parcels.reclaimable_m2.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i)
        for (const Flag& f : audit.flags_of(i))
            audit.parcels.reclaimable_m2[i] = std::max(audit.parcels.reclaimable_m2[i], static_cast<float>(f.reclaimable_m2));
    if (progress) progress("audit", n, n);
}

// ---- 亩均效益 -----------------------------------------------------------------

double indicator_value(rules::MujunMeasure measure, const ParcelTable& t, std::size_t i) {
    const double mu = units::m2_to_mu(t.area_m2[i]);
    switch (measure) {
        case rules::MujunMeasure::TaxPerMu: return t.tax_wan[i] / mu;
        case rules::MujunMeasure::OutputPerMu: return t.output_wan[i] / mu;
        case rules::MujunMeasure::InvestmentPerMu: return t.inv_done_wan[i] / mu;
        case rules::MujunMeasure::Far: return t.far[i];
    }
    return kNaN;
}

QualityField field_of(rules::MujunMeasure measure) {
    switch (measure) {
        case rules::MujunMeasure::TaxPerMu: return QualityField::Tax;
        case rules::MujunMeasure::OutputPerMu: return QualityField::Output;
        case rules::MujunMeasure::InvestmentPerMu: return QualityField::InvDone;
        case rules::MujunMeasure::Far: return QualityField::Far;
    }
    return QualityField::Tax;
}

enum class MujunStanding { Unrated, TooRecent, Missing, Rated };

/// Who is rated: built land of the rated uses with every weighted figure; T for
/// land users supplied too recently to judge. Built land whose use or a weighted
/// figure is missing is not rated, and `missing` says which fields.
MujunStanding mujun_standing(const ParcelTable& t, const rules::MujunRules& m, Date as_of, std::size_t i, uint32_t& missing) {
    if (t.status[i] != Status::Built || t.area_m2[i] <= 0) return MujunStanding::Unrated;
    if (t.land_use[i] == LandUse::Unknown) {
        missing = bit(QualityField::LandUse);
        return MujunStanding::Missing;
    }
    if (!m.land_uses.contains(t.land_use[i])) return MujunStanding::Unrated;
    if (!t.supp_date[i].is_null() && as_of < t.supp_date[i].plus_years(m.unrated_years_since_supply))
        return MujunStanding::TooRecent;
    missing = 0;
    for (const auto& ind : m.indicators)
        if (ind.weight != 0 && std::isnan(indicator_value(ind.measure, t, i))) missing |= bit(field_of(ind.measure));
    return missing ? MujunStanding::Missing : MujunStanding::Rated;
}

void classify_mujun(const City& city, const rules::Rules& r, Date as_of, Audit& audit) {
    const ParcelTable& t = city.parcels;
    const std::size_t n = t.size();
    const auto& m = r.mujun;
    audit.parcels.mujun_class.assign(n, MujunClass::None);
    audit.parcels.mujun_score.assign(n, NAN);

    std::vector<uint32_t> rated;
    for (std::size_t i = 0; i < n; ++i) {
        uint32_t missing = 0;
        switch (mujun_standing(t, m, as_of, i, missing)) {
            case MujunStanding::Unrated: break;
            case MujunStanding::TooRecent: audit.parcels.mujun_class[i] = MujunClass::T; break;
            case MujunStanding::Missing: audit.gaps.push_back({static_cast<uint32_t>(i), QualityRule::Mujun, GapCause::MissingValue, missing}); break;
            case MujunStanding::Rated: rated.push_back(static_cast<uint32_t>(i)); break;
        }
    }

    // Relative benchmarks: a multiple of the district's 亩均 (sum ÷ area).
    const std::size_t nd = city.districts.size();
    std::vector<std::vector<double>> sum(m.indicators.size(), std::vector<double>(nd, 0));
    std::vector<double> mu(nd, 0);
    for (uint32_t i : rated) {
        const double a = units::m2_to_mu(t.area_m2[i]);
        mu[t.district[i]] += a;
        for (std::size_t k = 0; k < m.indicators.size(); ++k) sum[k][t.district[i]] += indicator_value(m.indicators[k].measure, t, i) * a;
    }
    for (uint32_t i : rated) {
        double score = 0;
        for (std::size_t k = 0; k < m.indicators.size(); ++k) {
            const auto& ind = m.indicators[k];
            double bench = ind.benchmark.value_or(0);
            if (ind.benchmark_relative) bench = *ind.benchmark_relative * sum[k][t.district[i]] / mu[t.district[i]];
            if (bench > 0) score += indicator_value(ind.measure, t, i) / bench * ind.weight;
        }
        audit.parcels.mujun_score[i] = static_cast<float>(score);
    }

    // Classes by rank within each district; equal scores share a class.
    std::vector<std::vector<uint32_t>> by_district(nd);
    for (uint32_t i : rated) by_district[t.district[i]].push_back(i);
    for (auto& group : by_district) {
        std::sort(group.begin(), group.end(), [&](uint32_t a, uint32_t b) {
            const float sa = audit.parcels.mujun_score[a], sb = audit.parcels.mujun_score[b];
            return sa != sb ? sa > sb : t.parcel_id[a] < t.parcel_id[b];
        });
        const double count = static_cast<double>(group.size());
        std::size_t rank_start = 0;
        for (std::size_t k = 0; k < group.size(); ++k) {
            if (k > 0 && audit.parcels.mujun_score[group[k]] != audit.parcels.mujun_score[group[k - 1]]) rank_start = k;
            const double share = static_cast<double>(rank_start + 1) / count;
            audit.parcels.mujun_class[group[k]] = share <= m.share_a + kEps   ? MujunClass::A
                                                  : share <= m.share_b + kEps ? MujunClass::B
                                                  : share <= m.share_c + kEps ? MujunClass::C
                                                                              : MujunClass::D;
        }
    }
}

// ---- capacity -----------------------------------------------------------------

bool is_idle(FlagCode c) { return flag_info(c).group == FlagGroup::Idle; }
bool is_low_efficiency(FlagCode c) { return flag_info(c).group == FlagGroup::LowEfficiency; }

void tally_parcel(Capacity& c, const ParcelTable& t, std::size_t i, std::span<const Flag> flags, float reclaimable) {
    const double a = t.area_m2[i];
    ++c.parcels;
    c.parcel_area_m2 += a;
    c.area_by_status_m2[static_cast<int>(t.status[i])] += a;
    // A table built without the loader (a benchmark) has no completeness column.
    if (i < t.incomplete.size() && (t.incomplete[i] & kIncompleteMask)) {
        ++c.incomplete_parcels;
        c.incomplete_m2 += a;
    }
    bool idle = false, takeback = false, low = false;
    for (const Flag& f : flags) {
        ++c.flag_counts[static_cast<int>(f.code)];
        c.flag_area_m2[static_cast<int>(f.code)] += a;
        if (f.code == FlagCode::ApprovedUnsupplied && f.band != kNoBand) {
            if (c.approved_band_area_m2.size() <= f.band) c.approved_band_area_m2.resize(f.band + 1u, 0.0);
            c.approved_band_area_m2[f.band] += a;
        }
        if (f.code == FlagCode::SuppliedUnused && f.days >= 0 && f.days <= 90) ++c.becoming_idle_within_90_days;
        idle |= is_idle(f.code);
        takeback |= f.code == FlagCode::IdleTakeback;
        low |= is_low_efficiency(f.code);
    }
    if (idle) c.idle_m2 += a;
    if (low) c.low_efficiency_m2 += a;
    if (t.status[i] == Status::Approved || t.status[i] == Status::Reserve || takeback) c.supply_ready_m2 += a;
    if (t.status[i] == Status::Planned) c.planned_m2 += a;
    c.reclaimable_m2 += reclaimable;
    if (t.status[i] == Status::Built && t.land_use[i] == LandUse::Industrial) {
        c.built_industrial_m2 += a;
        if (!std::isnan(t.tax_wan[i])) { c.tax_wan += t.tax_wan[i]; c.tax_area_m2 += a; }
        if (!std::isnan(t.output_wan[i])) { c.output_wan += t.output_wan[i]; c.output_area_m2 += a; }
    }
}

void account_capacity(const City& city, const rules::Rules& r, Audit& audit) {
    const ParcelTable& t = city.parcels;
    audit.parks.assign(city.parks.size(), Capacity{});
    audit.districts.assign(city.districts.size(), DistrictAudit{});
    for (std::size_t p = 0; p < city.parks.size(); ++p) audit.parks[p].boundary_area_m2 = city.parks[p].area_m2;
    for (std::size_t d = 0; d < city.districts.size(); ++d)
        if (city.districts[d].has_boundary) audit.districts[d].capacity.boundary_area_m2 = city.district_geometry.area(d);
    for (std::size_t i = 0; i < t.size(); ++i) {
        const auto flags = audit.flags_of(i);
        const float rec = audit.parcels.reclaimable_m2[i];
        tally_parcel(audit.city, t, i, flags, rec);
        tally_parcel(audit.districts[t.district[i]].capacity, t, i, flags, rec);
        if (t.park[i] >= 0) tally_parcel(audit.parks[static_cast<std::size_t>(t.park[i])], t, i, flags, rec);
        if (counts_as_disposal(audit, city, i, r)) audit.districts[t.district[i]].disposable_m2 += t.area_m2[i];
    }
    for (auto& d : audit.districts) d.quota_earned_mu = units::m2_to_mu(d.disposable_m2) * r.quota.earned_mu_per_mu_disposed;
}

// ---- shoreline ----------------------------------------------------------------

double intersection_length(const GEOSGeometry* a, const GEOSGeometry* b) {
    GeosPtr inter(GEOSIntersection_r(geos(), a, b));
    double len = 0;
    if (inter) GEOSLength_r(geos(), inter.get(), &len);
    return len;
}

GeosPtr multiline_of(const ShoreSegment& s) {
    std::vector<GEOSGeometry*> parts;
    for (const auto& p : s.parts) parts.push_back(make_linestring(p).release());
    return GeosPtr(GEOSGeom_createCollection_r(geos(), GEOS_MULTILINESTRING, parts.data(), static_cast<unsigned>(parts.size())));
}

// Frontage: built land projected onto the line. Positions along one linestring
// (metres from its start) make every stretch an interval, so frontages, reaches
// and their unions are interval arithmetic on the line itself.

using Interval = std::pair<double, double>;

/// Merges overlapping intervals (sorted, disjoint on return).
std::vector<Interval> merged(std::vector<Interval> v) {
    std::sort(v.begin(), v.end());
    std::vector<Interval> out;
    for (const Interval& i : v) {
        if (i.second <= i.first) continue;
        if (!out.empty() && i.first <= out.back().second) out.back().second = std::max(out.back().second, i.second);
        else out.push_back(i);
    }
    return out;
}

double measure(const std::vector<Interval>& disjoint) {
    double m = 0;
    for (const Interval& i : disjoint) m += i.second - i.first;
    return m;
}

/// `a` ∩ `b`, both sorted and disjoint.
std::vector<Interval> intersected(const std::vector<Interval>& a, const std::vector<Interval>& b) {
    std::vector<Interval> out;
    for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
        const double lo = std::max(a[i].first, b[j].first), hi = std::min(a[i].second, b[j].second);
        if (hi > lo) out.emplace_back(lo, hi);
        (a[i].second < b[j].second) ? ++i : ++j;
    }
    return out;
}

/// `a` minus `b`, both sorted and disjoint.
std::vector<Interval> subtracted(const std::vector<Interval>& a, const std::vector<Interval>& b) {
    std::vector<Interval> out;
    std::size_t j = 0;
    for (Interval i : a) {
        while (j < b.size() && b[j].second <= i.first) ++j;
        for (std::size_t k = j; k < b.size() && b[k].first < i.second; ++k) {
            if (b[k].first > i.first) out.emplace_back(i.first, b[k].first);
            i.first = std::max(i.first, b[k].second);
        }
        if (i.second > i.first) out.push_back(i);
    }
    return out;
}

/// Position along `line` of the point of it nearest to `q` (the shortest path
/// from q to the line ends there).
double project_onto(std::span<const geom::Point> line, geom::Point q) {
    double best = std::numeric_limits<double>::infinity(), at = 0, run = 0;
    for (std::size_t k = 0; k + 1 < line.size(); ++k) {
        const double dx = line[k + 1].x - line[k].x, dy = line[k + 1].y - line[k].y;
        const double len2 = dx * dx + dy * dy, len = std::sqrt(len2);
        const double t = len2 > 0 ? std::clamp(((q.x - line[k].x) * dx + (q.y - line[k].y) * dy) / len2, 0.0, 1.0) : 0.0;
        const double ex = line[k].x + t * dx - q.x, ey = line[k].y + t * dy - q.y, d2 = ex * ex + ey * ey;
        if (d2 < best) best = d2, at = run + t * len;
        run += len;
    }
    return at;
}

/// The stretch of `line` a parcel's projection covers: from the nearest-point
/// positions of its outermost vertices.
Interval projection_of(std::span<const geom::Point> line, const geom::MultiPolygonColumn& g, std::size_t f) {
    Interval iv{std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
    for (std::size_t k = 0; k < g.polygon_count(f); ++k)
        for (std::size_t r = g.ring_begin(f, k); r < g.ring_end(f, k); ++r)
            for (const geom::Point& q : g.ring(r)) {
                const double at = project_onto(line, q);
                iv.first = std::min(iv.first, at), iv.second = std::max(iv.second, at);
            }
    return iv;
}

/// The stretches of `line` inside `region` (each piece of the intersection, by
/// the positions of its ends).
std::vector<Interval> inside(std::span<const geom::Point> line, const GEOSGeometry* line_geom, const GEOSGeometry* region) {
    std::vector<Interval> out;
    GeosPtr inter(GEOSIntersection_r(geos(), line_geom, region));
    if (!inter) return out;
    const int n = GEOSGetNumGeometries_r(geos(), inter.get());
    for (int k = 0; k < n; ++k) {
        const GEOSGeometry* piece = GEOSGetGeometryN_r(geos(), inter.get(), k);
        if (GEOSGeomTypeId_r(geos(), piece) != GEOS_LINESTRING) continue;
        const GEOSCoordSequence* cs = GEOSGeom_getCoordSeq_r(geos(), piece);
        unsigned size = 0;
        GEOSCoordSeq_getSize_r(geos(), cs, &size);
        if (size < 2) continue;
        geom::Point a, b;
        GEOSCoordSeq_getXY_r(geos(), cs, 0, &a.x, &a.y);
        GEOSCoordSeq_getXY_r(geos(), cs, size - 1, &b.x, &b.y);
        const double pa = project_onto(line, a), pb = project_onto(line, b);
        out.emplace_back(std::min(pa, pb), std::max(pa, pb));
    }
    return merged(std::move(out));
}

/// What fronts the shoreline: a park's built/building land, or the port-use
/// parcels outside parks (each with its own reach).
struct FrontSource {
    uint32_t park = kNoPark;
    std::vector<uint32_t> parcels;
    const GEOSGeometry* reach = nullptr;  ///< the park within frontage_reach_m (parks only)
};

bool is_port_use(const rules::Rules& r, std::string_view industry) {
    for (const std::string& p : r.shoreline.port_use_prefixes)
        if (industry.starts_with(p)) return true;
    return false;
}

/// The frontages of one segment by `sources`, and the length of their union.
double front_segment(const City& city, const rules::Rules& r, const ShoreSegment& seg,
                     const std::vector<FrontSource>& sources, std::vector<Frontage>& out,
                     std::vector<std::vector<Interval>>* fronted_parts = nullptr) {
    const ParcelTable& t = city.parcels;
    const double reach_m = r.shoreline.frontage_reach_m;
    const bool as_park = r.shoreline.frontage_method == rules::FrontageMethod::Park;
    double total = 0;
    std::vector<std::vector<Interval>> by_source(sources.size());
    std::vector<std::vector<uint32_t>> parcels_of(sources.size());
    std::vector<double> length_of(sources.size(), 0);
    if (fronted_parts) fronted_parts->assign(seg.parts.size(), {});
    for (std::size_t j = 0; j < seg.parts.size(); ++j) {
        const auto& part = seg.parts[j];
        if (part.size() < 2) continue;
        GeosPtr line = make_linestring(part);
        std::vector<Interval> all;
        for (std::size_t k = 0; k < sources.size(); ++k) {
            const FrontSource& src = sources[k];
            std::vector<Interval> reach;
            if (src.reach) reach = inside(part, line.get(), src.reach);
            std::vector<Interval> fronted;
            Interval hull{std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
            for (uint32_t i : src.parcels) {
                std::vector<Interval> own_reach;
                const std::vector<Interval>* rr = &reach;
                if (!src.reach) {  // a port-use parcel outside parks: reach from the parcel itself
                    GeosPtr g = make_multipolygon(t.geometry, i);
                    GeosPtr buffered(GEOSBuffer_r(geos(), g.get(), reach_m, 16));
                    own_reach = inside(part, line.get(), buffered.get());
                    rr = &own_reach;
                }
                if (rr->empty()) continue;
                const Interval iv = projection_of(part, t.geometry, i);
                const auto clipped = intersected({iv}, *rr);
                if (clipped.empty()) continue;
                parcels_of[k].push_back(i);
                if (as_park && src.reach) hull = {std::min(hull.first, iv.first), std::max(hull.second, iv.second)};
                else fronted.insert(fronted.end(), clipped.begin(), clipped.end());
            }
            if (as_park && src.reach && hull.second > hull.first) fronted = intersected({hull}, reach);
            fronted = merged(std::move(fronted));
            length_of[k] += measure(fronted);
            all.insert(all.end(), fronted.begin(), fronted.end());
        }
        all = merged(std::move(all));
        total += measure(all);
        if (fronted_parts) (*fronted_parts)[j] = std::move(all);
    }
    for (std::size_t k = 0; k < sources.size(); ++k) {
        if (parcels_of[k].empty()) continue;
        Frontage f;
        f.park = sources[k].park;
        f.parcels = std::move(parcels_of[k]);
        std::sort(f.parcels.begin(), f.parcels.end());
        f.parcels.erase(std::unique(f.parcels.begin(), f.parcels.end()), f.parcels.end());
        f.length_m = length_of[k];
        out.push_back(std::move(f));
    }
    return std::min(total, seg.length_m);
}

/// Supply-ready stock, as Capacity::supply_ready_m2 counts it: approved,
/// reserve, or idle land to take back.
bool is_stock(const Audit& audit, const ParcelTable& t, std::size_t i) {
    if (t.status[i] == Status::Approved || t.status[i] == Status::Reserve) return true;
    for (const Flag& f : audit.flags_of(i))
        if (f.code == FlagCode::IdleTakeback) return true;
    return false;
}

void account_shoreline(const City& city, const rules::Rules& r, unsigned threads, Audit& audit) {
    const auto& sr = r.shoreline;
    const ParcelTable& t = city.parcels;
    audit.shoreline.assign(city.shoreline.size(), ShoreUse{});
    audit.park_port_shore_m.assign(city.parks.size(), 0);
    std::vector<GeosPtr> park_reach;     // each park buffered by park_port_distance_m
    std::vector<GeosPtr> frontage_reach;  // ... and by frontage_reach_m
    for (std::size_t p = 0; p < city.parks.size(); ++p) {
        GeosPtr park = make_multipolygon(city.park_geometry, p);
        park_reach.emplace_back(GEOSBuffer_r(geos(), park.get(), sr.park_port_distance_m, 16));
        frontage_reach.emplace_back(GEOSBuffer_r(geos(), park.get(), sr.frontage_reach_m, 16));
    }
    // Built and building land: by park, and port-use parcels outside parks.
    std::vector<std::vector<uint32_t>> built(city.parks.size()), port_use(city.parks.size());
    std::vector<std::vector<uint32_t>> land(city.parks.size());  // stock and planned land, by park
    std::vector<uint32_t> outside_port_use;
    for (uint32_t i = 0; i < t.size(); ++i) {
        if (t.park[i] >= 0 && (is_stock(audit, t, i) || t.status[i] == Status::Planned))
            land[static_cast<std::size_t>(t.park[i])].push_back(i);
        if (t.status[i] != Status::Built && t.status[i] != Status::Building) continue;
        const bool port = is_port_use(r, t.industry[i]);
        if (t.park[i] < 0) {
            if (port) outside_port_use.push_back(i);
            continue;
        }
        built[static_cast<std::size_t>(t.park[i])].push_back(i);
        if (port) port_use[static_cast<std::size_t>(t.park[i])].push_back(i);
    }

    std::vector<std::size_t> fronted_segments;  // port segments, and protect-zone ones (conflicts)
    std::vector<std::vector<uint32_t>> frontage_parks(city.shoreline.size());
    for (std::size_t s = 0; s < city.shoreline.size(); ++s) {
        const ShoreSegment& seg = city.shoreline[s];
        ShoreUse& use = audit.shoreline[s];
        use.length_m = seg.length_m;
        audit.shore_totals.length_by_zone_m[static_cast<int>(seg.zone)] += seg.length_m;
        GeosPtr line = multiline_of(seg);
        for (std::size_t p = 0; p < city.parks.size(); ++p) {
            if (GEOSIntersects_r(geos(), frontage_reach[p].get(), line.get()) == 1)
                frontage_parks[s].push_back(static_cast<uint32_t>(p));
            if (GEOSIntersects_r(geos(), park_reach[p].get(), line.get()) != 1) continue;
            use.near_parks.push_back(static_cast<uint32_t>(p));
            if (seg.port) audit.park_port_shore_m[p] += intersection_length(line.get(), park_reach[p].get());
        }
        if (seg.port || seg.zone == ShoreZone::Protect) fronted_segments.push_back(s);
    }

    // Frontages, one segment at a time on each thread (each has its own GEOS
    // context and geometries; the city and the park buffers are only read).
    auto sources_for = [&](std::size_t s, bool port_only) {
        std::vector<FrontSource> sources;
        for (uint32_t p : frontage_parks[s]) {
            const auto& parcels = port_only ? port_use[p] : built[p];
            if (!parcels.empty()) sources.push_back({p, parcels, frontage_reach[p].get()});
        }
        if (!outside_port_use.empty()) {
            FrontSource outside;
            geom::Box near = city.shoreline[s].bounds;
            near.min_x -= sr.frontage_reach_m; near.min_y -= sr.frontage_reach_m;
            near.max_x += sr.frontage_reach_m; near.max_y += sr.frontage_reach_m;
            for (uint32_t i : outside_port_use) {
                const geom::Box b = t.geometry.bounds(i);
                if (b.max_x >= near.min_x && b.min_x <= near.max_x && b.max_y >= near.min_y && b.min_y <= near.max_y)
                    outside.parcels.push_back(i);
            }
            if (!outside.parcels.empty()) sources.push_back(std::move(outside));
        }
        return sources;
    };
    std::vector<std::vector<std::vector<Interval>>> fronted(city.shoreline.size());  // by segment, part
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t k; (k = next.fetch_add(1)) < fronted_segments.size();) {
            const std::size_t s = fronted_segments[k];
            const ShoreSegment& seg = city.shoreline[s];
            ShoreUse& use = audit.shoreline[s];
            if (seg.port) use.developed_m = front_segment(city, r, seg, sources_for(s, false), use.frontages, &fronted[s]);
            if (seg.zone == ShoreZone::Protect) {
                std::vector<Frontage> conflicts;
                use.conflict_m = front_segment(city, r, seg, sources_for(s, true), conflicts);
                if (!seg.port) use.frontages = std::move(conflicts);
            }
        }
    };
    std::vector<std::thread> pool;
    for (unsigned i = 1; i < std::min<std::size_t>(threads, fronted_segments.size()); ++i) pool.emplace_back(work);
    work();
    for (auto& th : pool) th.join();

    // Totals in segment order, as before.
    ShorelineTotals& tot = audit.shore_totals;
    for (std::size_t s = 0; s < city.shoreline.size(); ++s) {
        ShoreUse& use = audit.shoreline[s];
        const ShoreSegment& seg = city.shoreline[s];
        tot.conflict_m += use.conflict_m;
        if (!seg.port) continue;
        const int z = static_cast<int>(seg.zone);
        tot.port_m += seg.length_m;
        tot.port_developed_m += use.developed_m;
        tot.port_by_zone_m[z] += seg.length_m;
        tot.port_fronted_by_zone_m[z] += use.developed_m;
        if (seg.zone == ShoreZone::Develop || seg.zone == ShoreZone::Control) use.zone_developed_m = use.developed_m;
        if (seg.zone == ShoreZone::Protect) continue;
        tot.zone_developed_m += use.zone_developed_m;
        tot.zone_undeveloped_m += seg.length_m - use.zone_developed_m;
    }
    tot.port_undeveloped_m = tot.port_m - tot.port_developed_m;

    // Per park: its port shoreline (within park_port_distance_m) developed by
    // frontage and by zone, and the park's stock and planned land whose
    // projection falls on undeveloped port shoreline within its frontage reach.
    audit.park_shore.assign(city.parks.size(), ParkShore{});
    for (std::size_t p = 0; p < city.parks.size(); ++p) {
        ParkShore& ps = audit.park_shore[p];
        std::vector<char> behind(land[p].size(), 0);
        for (std::size_t s = 0; s < city.shoreline.size(); ++s) {
            const ShoreSegment& seg = city.shoreline[s];
            const auto& near = audit.shoreline[s].near_parks;
            if (!seg.port || std::find(near.begin(), near.end(), p) == near.end()) continue;
            const bool fronts =
                std::find(frontage_parks[s].begin(), frontage_parks[s].end(), p) != frontage_parks[s].end();
            const bool zone_counts = seg.zone == ShoreZone::Develop || seg.zone == ShoreZone::Control;
            for (std::size_t j = 0; j < seg.parts.size(); ++j) {
                const auto& part = seg.parts[j];
                if (part.size() < 2) continue;
                GeosPtr line = make_linestring(part);
                const std::vector<Interval>& dev = fronted[s].empty() ? std::vector<Interval>{} : fronted[s][j];
                const double d = measure(intersected(inside(part, line.get(), park_reach[p].get()), dev));
                ps.port_developed_m += d;
                if (zone_counts) ps.port_zone_developed_m += d;
                if (!fronts) continue;
                const auto undeveloped = subtracted(inside(part, line.get(), frontage_reach[p].get()), dev);
                if (undeveloped.empty()) continue;
                for (std::size_t k = 0; k < land[p].size(); ++k)
                    if (!behind[k] && !intersected({projection_of(part, t.geometry, land[p][k])}, undeveloped).empty())
                        behind[k] = 1;
            }
        }
        for (std::size_t k = 0; k < land[p].size(); ++k) {
            if (!behind[k]) continue;
            const uint32_t i = land[p][k];
            if (t.status[i] == Status::Planned) ps.planned_behind_m2 += t.area_m2[i], ++ps.planned_behind;
            else ps.stock_behind_m2 += t.area_m2[i], ++ps.stock_behind;
        }
    }
    // Per park: its parcels within chem_shore_distance_m of the river.
    for (uint32_t i = 0; i < t.size(); ++i) {
        if (t.park[i] < 0 || !audit.parcels.near_shore[i]) continue;
        ParkShore& ps = audit.park_shore[static_cast<std::size_t>(t.park[i])];
        ++ps.near_shore;
        ps.near_shore_m2 += t.area_m2[i];
    }
}

/// A parcel whose district is neither given nor derivable counts in the district
/// without a code: no quota row is its, and it is ranked with the other such.
void note_district_gaps(const City& city, std::vector<Gap>& gaps) {
    const ParcelTable& t = city.parcels;
    for (std::size_t i = 0; i < t.incomplete.size(); ++i)
        if (t.incomplete[i] & kNoDistrict)
            gaps.push_back({static_cast<uint32_t>(i), QualityRule::District, GapCause::MissingValue, bit(QualityField::District)});
}

/// The deadlines of each parcel within the horizon (docs/audit.md, "Early warnings"):
/// the same dates the rules decide by, looked at from before them.
void collect_warnings(const Context& cx, Audit& audit) {
    const ParcelTable& t = cx.city.parcels;
    const Date as_of = cx.as_of;
    const Date horizon = Date::from_days(as_of.days() + cx.rules.warnings.horizon_days);
    std::vector<Flag> no_flags;
    std::vector<Gap> no_gaps;
    auto warn = [&](uint32_t i, WarningKind kind, Date due) {
        if (due.is_null() || !(as_of < due) || horizon < due) return;
        audit.warnings.push_back({i, kind, due, static_cast<int32_t>(days_between(as_of, due))});
    };
    const auto& idle = cx.rules.idle;
    for (uint32_t i = 0; i < t.size(); ++i) {
        ParcelUnderAudit p(cx, i, no_flags, no_gaps);
        if (p.status == Status::Supplied && !p.has_started()) {
            const Date due = t.start_due[i];
            if (due.is_null()) continue;
            warn(i, WarningKind::StartDue, due);
            warn(i, WarningKind::BecomesIdle, due.plus_years(idle.not_started_years));
            warn(i, WarningKind::BecomesTakeback, due.plus_years(idle.takeback_years));
        } else if (p.status == Status::Building && !t.halt_date[i].is_null()) {
            const HaltedShares shares = halted_shares(p);
            if (!shares.dev_low && !shares.inv_low) continue;  // developed and invested enough: never idle
            warn(i, WarningKind::BecomesIdle, t.halt_date[i].plus_years(idle.halted_years));
            warn(i, WarningKind::BecomesTakeback, t.halt_date[i].plus_years(idle.takeback_years));
        } else if (p.status == Status::Approved && !t.appr_date[i].is_null()) {
            warn(i, WarningKind::ApprovalLapses, t.appr_date[i].plus_years(cx.rules.warnings.approval_lapse_years));
        }
    }
    std::stable_sort(audit.warnings.begin(), audit.warnings.end(), [](const EarlyWarning& a, const EarlyWarning& b) {
        return a.due != b.due ? a.due < b.due : a.parcel != b.parcel ? a.parcel < b.parcel : a.kind < b.kind;
    });
}

/// Gaps are recorded rule by rule; the report reads them parcel by parcel.
void sort_by_parcel(std::vector<Gap>& gaps) {
    std::stable_sort(gaps.begin(), gaps.end(), [](const Gap& a, const Gap& b) { return a.parcel < b.parcel; });
}

}  // namespace

double Capacity::utilisation() const {
    const double used = area_by_status_m2[static_cast<int>(Status::Building)] + area_by_status_m2[static_cast<int>(Status::Built)];
    return parcel_area_m2 > 0 ? used / parcel_area_m2 : kNaN;
}

double Capacity::supply_ratio() const {
    const auto& a = area_by_status_m2;
    const double supplied = a[static_cast<int>(Status::Supplied)] + a[static_cast<int>(Status::Building)] + a[static_cast<int>(Status::Built)];
    const double approved = supplied + a[static_cast<int>(Status::Approved)];
    return approved > 0 ? supplied / approved : kNaN;
}

double Capacity::tax_wan_per_mu() const { return tax_area_m2 > 0 ? tax_wan / units::m2_to_mu(tax_area_m2) : kNaN; }
double Capacity::output_wan_per_mu() const { return output_area_m2 > 0 ? output_wan / units::m2_to_mu(output_area_m2) : kNaN; }

bool counts_as_disposal(const Audit& audit, const City& city, std::size_t i, const rules::Rules& r) {
    const Date approved = city.parcels.appr_date[i];
    if (!approved.is_null() && approved < audit.as_of.plus_years(-r.quota.window_years)) return false;
    using rules::DisposalKind;
    const auto& kinds = r.quota.disposal_kinds;
    for (const Flag& f : audit.flags_of(i)) {
        if (kinds.contains(DisposalKind::ApprovedUnsupplied) && f.code == FlagCode::ApprovedUnsupplied) return true;
        if (kinds.contains(DisposalKind::IdleFee) && f.code == FlagCode::IdleFee) return true;
        if (kinds.contains(DisposalKind::IdleTakeback) && f.code == FlagCode::IdleTakeback) return true;
        if (kinds.contains(DisposalKind::LowEfficiency) && is_low_efficiency(f.code)) return true;
    }
    return false;
}

DataQuality assess_data_quality(const City& city, const rules::Rules& rules, Date as_of) {
    const LineDistance no_shore(std::span<const std::span<const geom::Point>>{});
    const Context cx{city, rules, as_of, no_shore, no_shore};
    const ParcelTable& t = city.parcels;
    std::vector<Gap> gaps;
    std::vector<Flag> flags;
    for (std::size_t i = 0; i < t.size(); ++i) {
        ParcelUnderAudit p(cx, static_cast<uint32_t>(i), flags, gaps);
        apply_rules(p);
        flags.clear();
    }
    for (std::size_t i = 0; i < t.size(); ++i) {
        uint32_t missing = 0;
        if (mujun_standing(t, rules.mujun, as_of, i, missing) == MujunStanding::Missing)
            gaps.push_back({static_cast<uint32_t>(i), QualityRule::Mujun, GapCause::MissingValue, missing});
    }
    note_district_gaps(city, gaps);
    sort_by_parcel(gaps);
    return summarize_data_quality(city, gaps);
}

Audit run_audit(const City& city, const rules::Rules& rules, const AuditOptions& options, const ProgressFn& progress) {
    Audit audit;
    audit.as_of = options.as_of;
    audit.rules_source = rules.source;
    audit.rules_version = rules.version;
    const LineDistance port_shore(shoreline_parts(city, [](const ShoreSegment& s) { return s.port; }));
    const LineDistance any_shore(shoreline_parts(city, [](const ShoreSegment&) { return true; }));
    const Context cx{city, rules, options.as_of, port_shore, any_shore};
    const unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    evaluate_all(cx, threads, audit, progress);
    classify_mujun(city, rules, options.as_of, audit);
    note_district_gaps(city, audit.gaps);
    sort_by_parcel(audit.gaps);
    audit.quality = summarize_data_quality(city, audit.gaps);
    collect_warnings(cx, audit);
    account_capacity(city, rules, audit);
    account_shoreline(city, rules, threads, audit);
    return audit;
}

}  // namespace parkcap::audit
