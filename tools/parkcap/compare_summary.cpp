#include "compare_summary.hpp"

#include <cmath>

#include <fmt/format.h>

#include "cli_support.hpp"

namespace parkcap::cli {

using namespace monitor;

namespace {

std::string pct(double ratio) { return std::isnan(ratio) ? "-" : fmt::format("{:.1f}%", ratio * 100); }
std::string mu(double v) { return format_number(v, 1); }
nlohmann::ordered_json number_or_null(double v) { return std::isnan(v) ? nlohmann::ordered_json() : nlohmann::ordered_json(v); }

std::array<std::size_t, kChangeClassCount> class_counts(const Changes& c) {
    std::array<std::size_t, kChangeClassCount> n{};
    for (ChangeClass k : c.change_class) ++n[static_cast<std::size_t>(k)];
    n[static_cast<std::size_t>(ChangeClass::Gone)] = c.match_counts()[static_cast<std::size_t>(MatchKind::Gone)];
    return n;
}

std::string figures_cell(const DisposalFigures& f) {
    if (f.flagged_mu <= 0) return "-";
    return fmt::format("{} / {} = {}", mu(f.disposed_mu()), mu(f.flagged_mu), pct(f.rate()));
}

}  // namespace

std::string compare_summary_text(const report::ComparisonResult& r, const CompareOutputs& outputs) {
    const Changes& c = r.changes;
    std::string out = fmt::format("Compared the audit of {} ({}, {} parcels) with the audit of {} ({}, {} parcels)\n",
                                  r.before.as_of.iso(), r.before.path, r.before.parcels.size(), r.after.as_of.iso(),
                                  r.after.path, r.after.parcels.size());
    const auto counts = c.match_counts();
    std::size_t renumbered = 0;
    for (const Match& m : c.matches) renumbered += m.renumbered;
    out += "\nParcels matched (by id, else by overlap ≥ " + pct(r.rules.monitoring.match_overlap_share) + " of the smaller):\n";
    TextTable matches({"match", "groups"}, {false, true});
    for (std::size_t k = 0; k < counts.size(); ++k)
        matches.add({std::string(kMatchKindNames[k]) + (k == 0 ? fmt::format(" ({} renumbered)", renumbered) : ""),
                     fmt::format("{}", counts[k])});
    out += matches.render();

    out += "\nChanges on the map (parcel_changes.change):\n";
    TextTable classes({"change", "", "parcels"}, {false, false, true});
    const auto n = class_counts(c);
    for (std::size_t k = 0; k < kChangeClassCount; ++k)
        classes.add({std::string(kChangeClasses[k].name), std::string(kChangeClasses[k].zh), fmt::format("{}", n[k])});
    out += classes.render();

    const auto transitions = status_transitions(r.before, c, r.after);
    if (!transitions.empty()) {
        out += "\nLand that changed state:\n";
        TextTable t({"from", "to", "parcels", "亩"}, {false, false, true, true});
        for (const StatusTransition& s : transitions)
            t.add({fmt::format("{} {}", chinese_name(s.from), to_string(s.from)),
                   fmt::format("{} {}", chinese_name(s.to), to_string(s.to)), fmt::format("{}", s.links), mu(s.area_mu)});
        out += t.render();
    }

    out += fmt::format("\n处置率: of the stock flagged on {}, disposed by {} (disposed 亩 / flagged 亩 = rate)\n",
                       r.before.as_of.iso(), r.after.as_of.iso());
    TextTable rates({"place", "name", "批而未供", "闲置土地", "低效用地"}, {false, false, true, true, true});
    for (const PlaceDisposal& p : r.progress.places) {
        if (p.level == PlaceLevel::Park) continue;
        rates.add({p.level == PlaceLevel::City ? std::string("city") : p.code, p.name, figures_cell(p.by_kind[0]),
                   figures_cell(p.by_kind[1]), figures_cell(p.by_kind[2])});
    }
    out += rates.render();
    const PlaceDisposal& city = r.progress.places.front();
    out += "  how (city, 亩):";
    for (std::size_t d = 0; d < kDisposalCount; ++d) {
        double v = 0;
        for (const DisposalFigures& f : city.by_kind) v += f.by[d];
        if (v > 0) out += fmt::format(" {} {}", kDisposalNames[d], mu(v));
    }
    out += "\n";

    const auto& m = r.rules.monitoring;
    out += fmt::format("\n增存挂钩: tasks 批而未供 ≥ {}, 闲置 ≥ {}; both met: quota +{}, either missed: −{}\n",
                       pct(m.approved_task_rate), pct(m.idle_task_rate), pct(m.reward_share), pct(m.penalty_share));
    TextTable q({"district", "name", "批而未供", "闲置", "next quota", "quota earned 亩", "quota 亩", "next 亩"},
                {false, false, true, true, true, true, true, true});
    for (const QuotaConsequence& k : r.progress.quota)
        q.add({k.district, k.name, pct(k.approved_rate) + (k.approved_met ? " met" : " missed"),
               pct(k.idle_rate) + (k.idle_met ? " met" : " missed"),
               fmt::format("{}{}", k.adjustment_share >= 0 ? "+" : "−", pct(std::abs(k.adjustment_share))), mu(k.earned_mu),
               k.quota_mu ? mu(*k.quota_mu) : "-", k.next_quota_mu ? mu(*k.next_quota_mu) : "-"});
    out += q.render();

    out += "\nWritten: " + (outputs.gpkg.empty() ? std::string("the store (no GeoPackage)") : outputs.gpkg);
    if (!outputs.csv_dir.empty()) out += fmt::format(", CSV tables in {}", outputs.csv_dir);
    if (!outputs.next_quota.empty()) out += fmt::format(", next period's quota table {}", outputs.next_quota);
    out += "\n";
    return out;
}

nlohmann::ordered_json compare_summary_json(const report::ComparisonResult& r, const CompareOutputs& outputs) {
    using json = nlohmann::ordered_json;
    const Changes& c = r.changes;
    json j;
    j["before"] = {{"path", r.before.path}, {"as_of", r.before.as_of.iso()}, {"parcels", r.before.parcels.size()}};
    j["after"] = {{"path", r.after.path}, {"as_of", r.after.as_of.iso()}, {"parcels", r.after.parcels.size()}};
    json matches = json::object();
    const auto counts = c.match_counts();
    for (std::size_t k = 0; k < counts.size(); ++k) matches[std::string(kMatchKindNames[k])] = counts[k];
    std::size_t renumbered = 0;
    for (const Match& m : c.matches) renumbered += m.renumbered;
    matches["renumbered"] = renumbered;
    j["matches"] = matches;
    json classes = json::object();
    const auto n = class_counts(c);
    for (std::size_t k = 0; k < kChangeClassCount; ++k) classes[std::string(kChangeClasses[k].name)] = n[k];
    j["changes"] = classes;
    json transitions = json::array();
    for (const StatusTransition& s : status_transitions(r.before, c, r.after))
        transitions.push_back({{"from", to_string(s.from)}, {"to", to_string(s.to)}, {"parcels", s.links}, {"area_mu", s.area_mu}});
    j["status_transitions"] = transitions;
    json places = json::array();
    for (const PlaceDisposal& p : r.progress.places) {
        json place = {{"level", kPlaceLevelNames[static_cast<std::size_t>(p.level)]}, {"code", p.code}, {"name", p.name}};
        for (std::size_t k = 0; k < kStockKindCount; ++k) {
            const DisposalFigures& f = p.by_kind[k];
            json how = json::object();
            for (std::size_t d = 0; d < kDisposalCount; ++d) how[std::string(kDisposalNames[d])] = f.by[d];
            place[std::string(kStockKindNames[k])] = {{"parcels", f.flagged_parcels}, {"flagged_mu", f.flagged_mu},
                                                      {"disposed_mu", f.disposed_mu()}, {"rate", number_or_null(f.rate())},
                                                      {"how_mu", how}};
        }
        places.push_back(place);
    }
    j["disposal"] = places;
    json cohorts = json::array();
    for (const CohortRow& k : r.progress.cohorts)
        cohorts.push_back({{"level", kPlaceLevelNames[static_cast<std::size_t>(k.level)]},
                           {"district", k.district},
                           {"appr_year", k.year ? json(k.year) : json()},
                           {"flagged_mu", k.figures.flagged_mu},
                           {"disposed_mu", k.figures.disposed_mu()},
                           {"rate", number_or_null(k.figures.rate())}});
    j["approved_cohorts"] = cohorts;
    json quota = json::array();
    for (const QuotaConsequence& k : r.progress.quota)
        quota.push_back({{"district", k.district},
                         {"name", k.name},
                         {"approved_rate", number_or_null(k.approved_rate)},
                         {"approved_met", k.approved_met},
                         {"idle_rate", number_or_null(k.idle_rate)},
                         {"idle_met", k.idle_met},
                         {"adjustment_share", k.adjustment_share},
                         {"disposed_for_quota_mu", k.disposed_for_quota_mu},
                         {"earned_mu", k.earned_mu},
                         {"quota_mu", k.quota_mu ? json(*k.quota_mu) : json()},
                         {"next_quota_mu", k.next_quota_mu ? json(*k.next_quota_mu) : json()}});
    j["quota_consequence"] = quota;
    j["outputs"] = {{"gpkg", outputs.gpkg}, {"csv_dir", outputs.csv_dir}, {"next_quota", outputs.next_quota}};
    return j;
}

}  // namespace parkcap::cli
