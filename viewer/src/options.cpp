#include "options.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "parkcap/core/error.hpp"

namespace parkcap::viewer {

ViewRequest parse_view(const std::string& text) {
    ViewRequest v;
    auto fail = [&](const std::string& why) {
        throw UsageError(fmt::format("--view: invalid value '{}': {}", text, why),
                         "use --view city, --view park:ID, --view project:ID or --view bbox:minx,miny,maxx,maxy "
                         "(working CRS metres)");
    };
    if (text == "city") return v;
    const auto colon = text.find(':');
    if (colon == std::string::npos) fail("expected a kind and a colon");
    const std::string kind = text.substr(0, colon), rest = text.substr(colon + 1);
    if (kind == "park" || kind == "project") {
        if (rest.empty()) fail("the id is missing");
        v.kind = kind == "park" ? ViewRequest::Kind::Park : ViewRequest::Kind::Project;
        v.id = rest;
        return v;
    }
    if (kind != "bbox") fail("unknown kind '" + kind + "'");
    double c[4];
    std::istringstream in(rest);
    for (int i = 0; i < 4; ++i) {
        if (!(in >> c[i])) fail("expected four numbers separated by commas");
        if (i < 3 && in.get() != ',') fail("expected four numbers separated by commas");
    }
    if (!(c[0] < c[2] && c[1] < c[3])) fail("min must be below max");
    v.kind = ViewRequest::Kind::Box;
    v.box = {c[0], c[1], c[2], c[3]};
    return v;
}

const std::vector<std::string>& layer_names() {
    static const std::vector<std::string> names = {"parcels", "outlines", "parks",  "labels", "shoreline",
                                                   "sites",   "flows",    "districts", "legend", "scalebar"};
    return names;
}

std::optional<Options> parse_options(int argc, char** argv) {
    Options o;
    CLI::App app{
        "parkcap-viewer: the land, the parks and the enclave flows on one map (闲置低效用地、园区承载力与飞地项目地图)",
        "parkcap-viewer"};
    app.set_version_flag("--version", "parkcap-viewer 0.1.0");
    app.get_formatter()->column_width(34);

    std::string lang = "zh", colour = "flag", mode = "edit", view = "city", size, hide, flow_width = "area";
    session::Options& in = o.session;
    app.add_option("DATA", in.data, "the city: a folder of layers or one GeoPackage (as for parkcap)")->required();
    app.add_option("--mapping", in.mapping_file, "field-mapping file for the user's own field names")->group("Input");
    app.add_option("--crs", in.crs, "working CRS, e.g. EPSG:4528 (default: the CGCS2000 GK zone nearest the data)")
        ->group("Input");
    app.add_option("--rules", in.rules_files,
                   "rules file laid over the built-in rules; repeat to layer several, later files win")
        ->allow_extra_args(false)->group("Input");
    app.add_option("--as-of", in.as_of,
                   "audit date YYYY-MM-DD every age is computed from (default: the --audit file's date, else today)")
        ->group("Input");
    app.add_option("--audit", in.audit_file,
                   "AUDIT.gpkg from `parkcap audit`: the audit is recomputed as of its date and checked against it")
        ->group("Input");
    app.add_option("--plan", in.plan_file,
                   "PLAN.gpkg or a plan saved by the viewer (.toml): reopened by allocating with its placements pinned")
        ->group("Input");
    app.add_option("--overrides", in.overrides_file, "the planner's overrides file for the first allocation")
        ->group("Input");
    app.add_option("--threads", in.threads, "audit threads (default: all cores)")->group("Input");
    app.add_option("--time-limit", in.time_limit_s, "solver time limit in seconds (default: from the rules)")
        ->group("Input");
    app.add_flag("--greedy", in.greedy, "allocate with the greedy baseline only (fast, for very large cities)")
        ->group("Input");
    app.add_flag("--no-plan", o.no_plan, "audit only; no allocation, no flows")->group("Input");
    app.add_option("--since", o.since_file,
                   "an earlier AUDIT.gpkg of this city: show what changed since (--colour-by changes) and the disposal")
        ->group("Input");

    app.add_option("--store-poll", o.store_poll_s,
                   "on a shared store (DATA = PG:...): how often to ask it for other planners' changes, in seconds "
                   "(default 2; 0: only on Refresh / F5)")
        ->check(CLI::Range(0.0, 3600.0))
        ->group("Input");

    app.add_option("--lang", lang, "interface language: zh or en")->group("Display");
    app.add_option("--colour-by,--color-by", colour,
                   "parcel fill: status, flag (audit), class (亩均) or changes (since the --since audit)")
        ->group("Display");
    app.add_option("--mode", mode, "edit (panels), map (map only) or briefing (headline figures)")->group("Display");
    app.add_option("--view", view, "first view: city, park:ID, project:ID or bbox:minx,miny,maxx,maxy")
        ->group("Display");
    app.add_option("--hide", hide,
                   "layers to hide, comma-separated: parcels,outlines,parks,labels,shoreline,sites,flows,districts,"
                   "legend,scalebar")
        ->group("Display");
    app.add_option("--flow-width", flow_width, "enclave arrow width by area or investment")->group("Display");
    app.add_option("--ui-scale", o.ui_scale, "text and line scale (default: from the window or output size)")
        ->group("Display");

    app.add_option("--screenshot", o.screenshot, "render one frame to this PNG after loading, then exit")
        ->group("Headless");
    app.add_option("--first-map", o.first_map_shot,
                   "render the first map (the parcels as soon as they are loaded, before the audit is done) to this PNG; "
                   "then go on with --screenshot, --script or --bench, or exit")
        ->group("Headless");
    app.add_option("--size", size, "window / output size WxH in pixels (default 1600x1000)")->group("Headless");
    app.add_option("--script", o.script_file, "run a command file (see README) without a visible window")
        ->group("Headless");
    app.add_option("--bench", o.bench_frames, "print load, triangulation and frame times over N frames, then exit")
        ->group("Headless");
    app.add_flag("--quiet", o.quiet, "print nothing but errors")->group("Headless");
    app.add_flag("--echo-status", o.echo_status, "print every status-bar message to stdout")->group("Headless");
    app.add_flag("--print-parcels", o.print_parcels,
                 "with a screenshot, print each parcel's legend class and fill colour (one line a parcel)")
        ->group("Headless");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        std::printf("%s", app.help().c_str());
        return std::nullopt;
    } catch (const CLI::CallForVersion& e) {
        std::printf("parkcap-viewer 0.1.0\n");
        return std::nullopt;
    } catch (const CLI::ParseError& e) {
        throw UsageError(e.what(), "see parkcap-viewer --help");
    }

    auto bad = [](const char* option, const std::string& value, const char* expected) {
        return UsageError(fmt::format("{}: invalid value '{}'; expected {}", option, value, expected),
                          "see parkcap-viewer --help");
    };
    if (auto l = parse_lang(lang)) o.lang = *l;
    else throw bad("--lang", lang, "zh or en");
    if (auto c = parse_colour_by(colour)) o.colour_by = *c;
    else throw bad("--colour-by", colour, "status, flag, class or changes");
    if (o.colour_by == ColourBy::Changes && o.since_file.empty())
        throw UsageError("--colour-by changes: needs --since EARLIER_AUDIT.gpkg, the audit to compare with",
                         "add --since AUDIT.gpkg (written by `parkcap audit` for an earlier date)");
    if (!o.since_file.empty()) o.session.other_inputs.push_back(o.since_file);
    if (auto m = parse_screen_mode(mode)) o.mode = *m;
    else throw bad("--mode", mode, "edit, map or briefing");
    if (flow_width == "area") o.flow_width_by = FlowWidthBy::Area;
    else if (flow_width == "investment") o.flow_width_by = FlowWidthBy::Investment;
    else throw bad("--flow-width", flow_width, "area or investment");
    o.view = parse_view(view);
    if (!size.empty()) {
        int w = 0, h = 0;
        char x = 0;
        std::istringstream size_in(size);
        if (!(size_in >> w >> x >> h) || (x != 'x' && x != 'X') || w < 64 || h < 64 || w > 16384 || h > 16384)
            throw bad("--size", size, "WxH with each side from 64 to 16384, e.g. 1920x1080");
        o.width = w;
        o.height = h;
    }
    std::istringstream hidden(hide);
    for (std::string name; std::getline(hidden, name, ',');) {
        if (name.empty()) continue;
        if (std::find(layer_names().begin(), layer_names().end(), name) == layer_names().end())
            throw bad("--hide", name, "parcels, outlines, parks, labels, shoreline, sites, flows, districts, legend or scalebar");
        o.hidden_layers.push_back(name);
    }
    if (o.bench_frames < 0) throw bad("--bench", std::to_string(o.bench_frames), "a number of frames ≥ 1");
    if (!o.screenshot.empty() && o.screenshot.size() < 5) throw bad("--screenshot", o.screenshot, "a .png path");
    if (!o.first_map_shot.empty() && o.first_map_shot.size() < 5) throw bad("--first-map", o.first_map_shot, "a .png path");
    session::validate(o.session);  // the input options, checked as the command line checks them
    if (o.ui_scale < 0 || o.ui_scale > 8) throw bad("--ui-scale", std::to_string(o.ui_scale), "a scale from 0.5 to 8");
    return o;
}

}  // namespace parkcap::viewer
