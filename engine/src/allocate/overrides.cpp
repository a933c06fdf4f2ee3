// Reads the overrides file strictly (core/detail/strict_toml.hpp): a planner's pins,
// exclusions, locks and reserves. Whether the projects, parks, sites and parcels
// it names exist is checked against the city by run_allocation.
#include <fmt/format.h>

#include "../core/detail/strict_toml.hpp"
#include "parkcap/allocate/allocate.hpp"
#include "parkcap/core/error.hpp"

namespace parkcap::allocate {

namespace {

using namespace strict_toml;

constexpr const char* kHint = "see docs/allocate.md for the overrides format";

void read_pin(Section& e, Overrides& ov) {
    Overrides::Pin pin;
    if (e.has("project")) e.text("project", pin.project, any_text("the project_id it pins"));
    else e.report(e.line(), e.path_of("project"), "a pin needs the project it pins");
    const bool park = e.has("park"), site = e.has("site");
    if (park == site) e.report("a pin names either a park or a site");
    else if (park) e.text("park", pin.park, any_text("a park_id"));
    else e.text("site", pin.site, any_text("a site_id (\"S-...\", the sites layer of PLAN.gpkg)"));
    e.finish();
    ov.pins.push_back(std::move(pin));
}

void read_forbid(Section& e, Overrides& ov) {
    const bool project = e.has("project"), park = e.has("park");
    std::string id;
    if (project == park) e.report("a forbid names either a project or a park");
    else if (project && e.text("project", id, any_text("a project_id"))) ov.forbidden_projects.push_back(id);
    else if (park && e.text("park", id, any_text("a park_id"))) ov.forbidden_parks.push_back(id);
    e.finish();
}

void read_reserve(Section& e, Overrides& ov) {
    Overrides::Reserve r;
    e.text("park", r.park, any_text("the park_id whose sites are kept"));
    e.number("mu", r.mu, kNonNegative, "an area in 亩");
    e.finish();
    ov.reserves.push_back(std::move(r));
}

}  // namespace

Overrides parse_overrides(std::string_view text, const std::string& source) {
    const toml::table table = strict_toml::parse(text, source, kHint);
    Problems problems(source, kHint);
    Section root(problems, table, "");
    Overrides ov;
    // The line each entry was read from, to point at both halves of a contradiction.
    std::vector<uint32_t> pin_lines, forbid_project_lines, forbid_park_lines, reserve_lines;
    auto each = [&](const char* key, void (*read)(Section&, Overrides&)) {
        if (!root.has(key)) return;
        if (auto entries = root.tables(key))
            for (Section& e : *entries) {
                const std::size_t pins = ov.pins.size(), projects = ov.forbidden_projects.size(),
                                  parks = ov.forbidden_parks.size(), reserves = ov.reserves.size();
                read(e, ov);
                if (ov.pins.size() > pins) pin_lines.push_back(e.line().line);
                if (ov.forbidden_projects.size() > projects) forbid_project_lines.push_back(e.line().line);
                if (ov.forbidden_parks.size() > parks) forbid_park_lines.push_back(e.line().line);
                if (ov.reserves.size() > reserves) reserve_lines.push_back(e.line().line);
            }
    };
    each("pin", read_pin);
    each("forbid", read_forbid);
    if (root.has("lock_parcels")) root.texts("lock_parcels", ov.locked_parcels, any_text("a parcel_id"));
    each("reserve", read_reserve);
    auto at = [&](uint32_t line) { return fmt::format("{}:{}", source, line); };
    for (std::size_t i = 0; i < ov.pins.size() && i < pin_lines.size(); ++i) ov.read_at.emplace("pin:" + ov.pins[i].project, at(pin_lines[i]));
    for (std::size_t i = 0; i < ov.forbidden_projects.size() && i < forbid_project_lines.size(); ++i)
        ov.read_at.emplace("forbid.project:" + ov.forbidden_projects[i], at(forbid_project_lines[i]));
    for (std::size_t i = 0; i < ov.forbidden_parks.size() && i < forbid_park_lines.size(); ++i)
        ov.read_at.emplace("forbid.park:" + ov.forbidden_parks[i], at(forbid_park_lines[i]));
    for (std::size_t i = 0; i < ov.reserves.size() && i < reserve_lines.size(); ++i)
        ov.read_at.emplace("reserve:" + ov.reserves[i].park, at(reserve_lines[i]));
    if (root.has("lock_parcels")) ov.read_at.emplace("lock_parcels", at(root.line_of_key("lock_parcels").line));
    root.finish();

    // One file says one thing about each project and park.
    check_unique(root, ov.pins, pin_lines, "pin", "project", [](const Overrides::Pin& p) { return p.project; });
    check_unique(root, ov.forbidden_projects, forbid_project_lines, "forbid", "project",
                 [](const std::string& id) { return id; });
    check_unique(root, ov.forbidden_parks, forbid_park_lines, "forbid", "park", [](const std::string& id) { return id; });
    check_unique(root, ov.reserves, reserve_lines, "reserve", "park", [](const Overrides::Reserve& r) { return r.park; });
    for (std::size_t i = 0; i < ov.pins.size(); ++i) {
        const Overrides::Pin& pin = ov.pins[i];
        for (std::size_t k = 0; k < ov.forbidden_projects.size(); ++k)
            if (ov.forbidden_projects[k] == pin.project)
                root.report(pin_lines[i], root.path_of("pin") + ".project",
                            fmt::format("\"{}\" is pinned here and forbidden at line {}; a project is either placed or "
                                        "kept out",
                                        pin.project, forbid_project_lines[k]));
        for (std::size_t k = 0; k < ov.forbidden_parks.size(); ++k)
            if (!pin.park.empty() && ov.forbidden_parks[k] == pin.park)
                root.report(pin_lines[i], root.path_of("pin") + ".park",
                            fmt::format("{} is pinned to park \"{}\", which is forbidden at line {}", pin.project,
                                        pin.park, forbid_park_lines[k]));
    }
    problems.raise_if_any();
    return ov;
}

Overrides load_overrides_file(const std::string& path) {
    return parse_overrides(strict_toml::read_file(path, "the overrides file", "check the --overrides path"), path);
}

void merge_overrides(Overrides& into, const Overrides& more) {
    auto append = [](auto& to, const auto& from) { to.insert(to.end(), from.begin(), from.end()); };
    append(into.pins, more.pins);
    append(into.forbidden_projects, more.forbidden_projects);
    append(into.forbidden_parks, more.forbidden_parks);
    append(into.locked_parcels, more.locked_parcels);
    append(into.reserves, more.reserves);
    into.read_at.insert(more.read_at.begin(), more.read_at.end());
}

}  // namespace parkcap::allocate
