// The siting policy behind a planner's "place it in this park": the engine's, so
// the viewer, a script and a later web front end choose the same site.
#include "parkcap/allocate/allocate.hpp"

namespace parkcap::allocate {

std::optional<std::size_t> best_site_in_park(const City&, const rules::Rules&, const Plan& plan, std::size_t j,
                                             std::size_t park) {
    std::optional<std::size_t> best;
    double best_left = 0;
    // Only the project's verdicts can be allowed: sites of parks it does not fit have none.
    for (const SiteVerdict& v : plan.verdicts.of(j)) {
        const std::size_t k = v.site;
        const Site& site = plan.sites[k];
        if (site.park != park || !placement_check(plan, j, k).ok()) continue;
        const double left = site_left_mu(plan, k);
        const SiteKind best_kind = best ? plan.sites[*best].kind : SiteKind::Planned;
        const bool better = !best || (site.kind == SiteKind::Stock && best_kind != SiteKind::Stock) ||
                            (site.kind == best_kind && left < best_left);
        if (better) {
            best = k;
            best_left = left;
        }
    }
    return best;
}

}  // namespace parkcap::allocate
