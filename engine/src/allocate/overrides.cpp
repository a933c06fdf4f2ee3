// The overrides file: a planner's pins, exclusions, locks and reserves.
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "parkcap/allocate/allocate.hpp"
#include "parkcap/core/error.hpp"

namespace parkcap::allocate {

Overrides parse_overrides(std::string_view text, const std::string& source) {
    toml::table root;
    try {
        root = toml::parse(text, source);
    } catch (const toml::parse_error& e) {
        throw DataError(fmt::format("{}:{}:{}: not a valid TOML overrides file: {}", source, e.source().begin.line,
                                    e.source().begin.column, e.description()),
                        "see docs/allocate.md for the format");
    }
    Overrides ov;
    std::vector<std::string> errors;
    auto err = [&](const toml::node& n, const std::string& key, const std::string& what) {
        errors.push_back(fmt::format("{}:{}: {}: {}", source, n.source().begin.line, key, what));
    };
    auto str = [&](const toml::table& t, const char* key, const std::string& path) -> std::string {
        const toml::node* n = t.get(key);
        if (!n) return {};
        if (auto s = n->value<std::string>()) return *s;
        err(*n, path + "." + key, "expected text in quotes");
        return {};
    };
    auto check_keys = [&](const toml::table& t, const std::string& path, std::initializer_list<std::string_view> allowed) {
        for (const auto& [k, n] : t)
            if (std::find(allowed.begin(), allowed.end(), k.str()) == allowed.end())
                err(n, path + "." + std::string(k.str()), fmt::format("unknown key; expected {}", fmt::join(allowed, ", ")));
    };
    auto tables = [&](const char* name, auto&& each) {
        const toml::node* n = root.get(name);
        if (!n) return;
        const auto* arr = n->as_array();
        if (!arr) return err(*n, name, fmt::format("expected [[{}]] entries", name));
        int i = 0;
        for (const auto& e : *arr) {
            ++i;
            const std::string path = fmt::format("{}[{}]", name, i);
            if (const auto* t = e.as_table()) each(*t, path, e);
            else err(e, path, "expected a table");
        }
    };
    for (const auto& [k, n] : root)
        if (k.str() != "pin" && k.str() != "forbid" && k.str() != "lock_parcels" && k.str() != "reserve")
            err(n, std::string(k.str()), "unknown key; expected [[pin]], [[forbid]], lock_parcels, [[reserve]]");
    tables("pin", [&](const toml::table& t, const std::string& path, const toml::node& node) {
        check_keys(t, path, {"project", "park", "site"});
        Overrides::Pin pin{str(t, "project", path), str(t, "park", path), str(t, "site", path)};
        if (pin.project.empty()) err(node, path + ".project", "a pin needs the project it pins");
        if (pin.park.empty() == pin.site.empty()) err(node, path, "a pin names either a park or a site");
        ov.pins.push_back(std::move(pin));
    });
    tables("forbid", [&](const toml::table& t, const std::string& path, const toml::node& node) {
        check_keys(t, path, {"project", "park"});
        const std::string project = str(t, "project", path), park = str(t, "park", path);
        if (project.empty() == park.empty()) err(node, path, "a forbid names either a project or a park");
        if (!project.empty()) ov.forbidden_projects.push_back(project);
        if (!park.empty()) ov.forbidden_parks.push_back(park);
    });
    if (const toml::node* n = root.get("lock_parcels")) {
        if (const auto* arr = n->as_array()) {
            for (const auto& e : *arr)
                if (auto s = e.value<std::string>()) ov.locked_parcels.push_back(*s);
                else err(e, "lock_parcels", "expected parcel ids in quotes");
        } else {
            err(*n, "lock_parcels", "expected a list of parcel ids");
        }
    }
    tables("reserve", [&](const toml::table& t, const std::string& path, const toml::node& node) {
        check_keys(t, path, {"park", "mu"});
        Overrides::Reserve r{str(t, "park", path), 0};
        if (r.park.empty()) err(node, path + ".park", "a reserve names its park");
        const toml::node* mu = t.get("mu");
        if (!mu || !mu->value<double>() || *mu->value<double>() < 0) err(node, path + ".mu", "expected an area in 亩 ≥ 0");
        else r.mu = *mu->value<double>();
        ov.reserves.push_back(std::move(r));
    });
    if (!errors.empty()) {
        std::string all;
        for (const auto& e : errors) all += (all.empty() ? "" : "\n") + e;
        throw DataError(all, "see docs/allocate.md for the overrides format");
    }
    return ov;
}

Overrides load_overrides_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(fmt::format("{}: cannot read the overrides file", path));
    std::ostringstream ss;
    ss << in.rdbuf();
    return parse_overrides(ss.str(), path);
}

}  // namespace parkcap::allocate
