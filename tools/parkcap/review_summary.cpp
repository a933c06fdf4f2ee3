#include "review_summary.hpp"

#include <array>
#include <iterator>

#include <fmt/format.h>

namespace parkcap::cli {

namespace {

std::array<std::size_t, std::size(audit::kReviewStatusCatalogue)> by_status(const std::vector<audit::ReviewRow>& review) {
    std::array<std::size_t, std::size(audit::kReviewStatusCatalogue)> n{};
    for (const auto& r : review) ++n[static_cast<std::size_t>(r.status)];
    return n;
}

/// The missed commitments listed; the review table has them all.
constexpr std::size_t kListedMissed = 20;

}  // namespace

std::string review_summary_text(const std::vector<audit::ReviewRow>& review, const std::string& conditions_file) {
    const auto n = by_status(review);
    std::string out = fmt::format("\nReview (达产复核) of {} land-supply conditions from {}:", review.size(), conditions_file);
    for (const auto& s : audit::kReviewStatusCatalogue)
        out += fmt::format("{} {} {}", &s == audit::kReviewStatusCatalogue ? "" : ",", n[static_cast<std::size_t>(s.status)],
                           s.name);
    out += "\n";
    std::size_t listed = 0;
    for (const auto& r : review) {
        if (r.status != audit::ReviewStatus::Missed) continue;
        if (listed++ == kListedMissed) {
            out += fmt::format("  … and {} more missed (the review table)\n", n[static_cast<std::size_t>(audit::ReviewStatus::Missed)] - kListedMissed);
            break;
        }
        out += fmt::format("  {} {} ({}): {}\n", r.condition.project_id, info(r.condition.indicator).name,
                           r.condition.park_id, audit::detail_en(r));
    }
    return out;
}

nlohmann::ordered_json review_summary_json(const std::vector<audit::ReviewRow>& review, const std::string& conditions_file) {
    using nlohmann::ordered_json;
    const auto n = by_status(review);
    ordered_json j;
    j["conditions_file"] = conditions_file;
    j["conditions"] = review.size();
    ordered_json counts;
    for (const auto& s : audit::kReviewStatusCatalogue) counts[s.name] = n[static_cast<std::size_t>(s.status)];
    j["by_status"] = counts;
    j["missed"] = ordered_json::array();
    for (const auto& r : review)
        if (r.status == audit::ReviewStatus::Missed)
            j["missed"].push_back({{"project", r.condition.project_id},
                                   {"indicator", info(r.condition.indicator).name},
                                   {"park_id", r.condition.park_id},
                                   {"committed", r.condition.committed},
                                   {"actual", r.actual},
                                   {"detail", audit::detail_en(r)}});
    return j;
}

}  // namespace parkcap::cli
