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
        // Stock land first (it needs no quota), then a mixed site, then planned land;
        // among sites of one kind the tightest fit.
        auto rank = [](SiteKind kind) { return kind == SiteKind::Stock ? 0 : kind == SiteKind::Mixed ? 1 : 2; };
        const int site_rank = rank(site.kind), best_rank = best ? rank(plan.sites[*best].kind) : 3;
        const bool better = site_rank < best_rank || (site_rank == best_rank && left < best_left);
        if (better) {
            best = k;
            best_left = left;
        }
    }
    return best;
}

}  // namespace parkcap::allocate
