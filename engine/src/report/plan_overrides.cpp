#include "parkcap/report/plan_overrides.hpp"

#include <fstream>

#include <fmt/format.h>

#include "parkcap/core/atomic_file.hpp"
#include "parkcap/core/error.hpp"

namespace parkcap::report {

namespace {

/// A TOML basic string: quotes, backslashes and control characters escaped, so
/// any id or name read from the data reads back unchanged.
std::string toml_string(std::string_view s) {
    std::string out = "\"";
    for (const char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) out += fmt::format("\\u{:04X}", static_cast<unsigned char>(c));
            else out += c;
        }
    }
    return out + "\"";
}

/// A comment line never breaks out of its comment, whatever a name contains.
std::string comment(std::string_view text) {
    std::string out = "# ";
    for (const char c : text) out += (c == '\n' || c == '\r') ? ' ' : c;
    return out + "\n";
}

void locks(std::string& out, const allocate::Overrides& ov) {
    if (ov.locked_parcels.empty()) return;
    out += "lock_parcels = [";
    for (std::size_t i = 0; i < ov.locked_parcels.size(); ++i) out += (i ? ", " : "") + toml_string(ov.locked_parcels[i]);
    out += "]\n\n";
}

void exclusions_and_reserves(std::string& out, const allocate::Overrides& ov) {
    for (const auto& f : ov.forbidden_projects) out += "[[forbid]]\nproject = " + toml_string(f) + "\n\n";
    for (const auto& f : ov.forbidden_parks) out += "[[forbid]]\npark = " + toml_string(f) + "\n\n";
    for (const auto& r : ov.reserves) out += fmt::format("[[reserve]]\npark = {}\nmu = {}\n\n", toml_string(r.park), r.mu);
}

}  // namespace

std::string overrides_toml(const allocate::Overrides& ov) {
    std::string out;
    locks(out, ov);
    for (const auto& pin : ov.pins) {
        out += "[[pin]]\nproject = " + toml_string(pin.project) + "\n";
        out += pin.site.empty() ? "park = " + toml_string(pin.park) + "\n\n" : "site = " + toml_string(pin.site) + "\n\n";
    }
    exclusions_and_reserves(out, ov);
    return out;
}

std::string plan_overrides_toml(const City& city, const audit::Audit& audit, const rules::Rules& rules,
                                const allocate::Plan& plan, const allocate::Overrides& base) {
    std::string out;
    out += "# parkcap plan, saved as an overrides file (docs/allocate.md).\n";
    out += comment(fmt::format("Audit as of {}; rules {}{}.", audit.as_of.iso(), rules.source,
                               rules.version.empty() ? "" : " (" + rules.version + ")"));
    out += "# Every placement is pinned, so allocating again with it (parkcap-viewer DATA --plan THIS.toml\n"
           "# --as-of <the same date>) reproduces this plan. The comment after each pin says whether the\n"
           "# planner pinned it or the optimiser chose it.\n#\n";
    out += "# Quota ledger (亩)        opening     earned   consumed  of it enclave  stock used  remaining\n";
    for (const auto& row : plan.state.ledger)
        out += fmt::format("# ledger {:<12} {:>10.2f} {:>10.2f} {:>10.2f} {:>14.2f} {:>11.2f} {:>10.2f}\n",
                           city.districts[row.district].code, row.opening_mu, row.earned_mu(), row.consumed_mu,
                           row.consumed_enclave_mu, row.stock_used_mu, row.remaining_mu());
    out += "\n";
    locks(out, base);
    for (const auto& pl : plan.state.placements) {
        const Project& p = city.projects[pl.project];
        const auto& site = plan.sites[pl.site];
        const Park& park = city.parks[site.park];
        out += "[[pin]]\n";
        out += "project = " + toml_string(p.project_id) + "\n";
        out += "site = " + toml_string(site.site_id) + "\n";
        out += comment(fmt::format("{}: {:.2f} 亩 in {} {} ({} land){}{}; score {:.3f}", pl.pinned ? "planner" : "optimiser",
                                   pl.area_mu, park.park_id, park.name, allocate::to_string(site.kind),
                                   pl.uses_quota ? ", quota of " + city.districts[pl.quota_district].code : "",
                                   pl.enclave ? ", enclave from " + city.districts[p.origin].code : "", pl.score));
        out += "\n";
    }
    exclusions_and_reserves(out, base);
    return out;
}

void write_plan_overrides(const std::string& path, const City& city, const audit::Audit& audit, const rules::Rules& rules,
                          const allocate::Plan& plan, const allocate::Overrides& base) {
    const std::string text = plan_overrides_toml(city, audit, rules, plan, base);
    AtomicOutput out(path);
    {
        std::ofstream file(out.temp_path(), std::ios::binary | std::ios::trunc);
        if (!file) throw OutputError(fmt::format("{}: cannot open for writing", path), "check the folder is writable");
        file << text;
        file.close();
        if (!file) throw OutputError(fmt::format("{}: write failed", path), "check free disk space");
    }
    out.commit();
}

}  // namespace parkcap::report
