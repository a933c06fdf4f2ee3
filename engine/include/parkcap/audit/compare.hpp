#pragma once
// Whether two audits of the same city found the same things: a signed-off
// AUDIT.gpkg against the audit recomputed from today's data, parcel by parcel.
#include <cstdint>
#include <string>
#include <vector>

#include "parkcap/audit/audit.hpp"

namespace parkcap::audit {

/// Parcel-by-parcel comparison of the flag codes of two audits of one city
/// (parcels in the same order, as read_audit_gpkg guarantees for a saved audit).
struct FlagComparison {
    Date saved_as_of, recomputed_as_of;
    std::size_t parcels_compared = 0;
    std::size_t saved_flags = 0, recomputed_flags = 0;
    std::vector<uint32_t> differing;  ///< parcels whose set of flag codes differs, ascending

    bool same() const { return differing.empty() && saved_flags == recomputed_flags; }
};

FlagComparison compare_flags(const Audit& saved, const Audit& recomputed);

/// One sentence for the user: the file matches, or how many parcels differ and the
/// likely reason (another date, or data or rules changed since).
std::string describe(const FlagComparison& comparison, const std::string& saved_path);

}  // namespace parkcap::audit
