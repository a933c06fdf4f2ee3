#pragma once
// 标准地 at screening: a project's commitments against the control indicators of a
// park level ([standard_land], rules.hpp). The indicators depend on the level, so
// a project is checked once per level; screening refuses it only where it misses
// a "refuse" indicator in every park it fits, and the site rules keep it off the
// parks of a level that refuses it (SiteRule::StandardLand).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parkcap/model/city.hpp"
#include "parkcap/model/standard_land.hpp"
#include "parkcap/rules/rules.hpp"

namespace parkcap::allocate {

/// One indicator checked: the project's committed figure against the threshold.
struct IndicatorCheck {
    StandardIndicator indicator{};
    double value = 0;      ///< the committed figure, in the indicator's unit (per 亩 where it is)
    double threshold = 0;  ///< the row's
    bool met = true;
    MissAction on_miss = MissAction::Refuse;
    bool refuses() const { return !met && on_miss == MissAction::Refuse; }
    bool warns() const { return !met && on_miss == MissAction::Warn; }
};

/// A project's check against the 标准地 row of one park level.
struct StandardLandCheck {
    bool has_row = false;           ///< a row applies to the project at this level
    std::string industry;           ///< that row's industry prefix ("*": any)
    /// The indicators checked, in StandardIndicator order: those the row sets a
    /// threshold for and the project gives a figure for; the others are not checked.
    std::vector<IndicatorCheck> checks;
    /// The first check missed with "refuse", or null: the level takes the project.
    const IndicatorCheck* refusal() const;
    bool refused() const { return refusal() != nullptr; }
};

/// The figure `project` commits to for `indicator`, per 亩 where the indicator is;
/// nullopt when its projects table gives none.
std::optional<double> committed_figure(const Project& project, StandardIndicator indicator);

/// Checks `project` against the 标准地 row of park level `level` (rules::standard_land_row).
StandardLandCheck check_standard_land(const rules::Rules& rules, const Project& project, ParkLevel level);

}  // namespace parkcap::allocate
