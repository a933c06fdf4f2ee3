// make_sample_city: writes the bundled sample city of parkcap (data/shapefiles/).
//
//   make_sample_city OUT_DIR [--city NAME] [--parcels N] [--seed S] [--periods DIR]
//
// --city taizhou (the default) is the committed sample described below; --city
// riverbend is the other kind of city (riverbend.cpp): 41 parks on a winding river,
// irregular parcels, more land flagged, one GeoPackage in one CRS, up to 10,000,000
// parcels for benchmarks.
//
// The sample is a Taizhou(泰州)-like riverside city: six districts tiling the land
// north-east of the Yangtze, eight industrial parks, the Yangtze shoreline cut into
// function-zone segments, ~6,000 land parcels, ~200 investment projects and the
// districts' land quota. Every audit case the engine knows is planted on purpose,
// with a known count (docs/sample_city.md lists them), plus a handful of realistic
// data errors for the loader to report.
//
// Layers (the field names and types of docs/data.md), each with .prj and a .cpg of UTF-8:
//   parks.shp      EPSG:4490 (CGCS2000 longitude/latitude)
//   shoreline.shp  EPSG:4549 (CGCS2000 3-degree GK, CM 120E, no zone prefix)
//   parcels.shp    EPSG:4528 (CGCS2000 3-degree GK zone 40, zone-prefixed eastings)
//   districts.shp  EPSG:4490
//   projects.csv   UTF-8 with BOM;  quota.csv  UTF-8 without BOM
//   rules.toml     the city's own rules (its general park), laid over the built-in rules
// With --periods, the same city a quarter and a year later (DIR/2026-09-30/,
// DIR/2027-06-30/), each a complete package with changes.csv, the record of what
// changed since the package before it (periods.cpp, evolve.cpp).
// Three CRSs on purpose: the engine must reconcile them, as it must with bureau data.
//
// Design choices:
// - Deterministic: the same arguments give byte-identical files. Randomness comes
//   from splitmix64 written here (random.hpp), every random stream is keyed by
//   (seed, purpose, indices) rather than drawn from one sequence, iteration order
//   is fixed, and the DBF header date is pinned with DBF_DATE_LAST_UPDATE.
// - One metric frame: everything is built in EPSG:4528 metres and transformed to
//   each layer's CRS with OGRCoordinateTransformation at write time. Edges that are
//   straight in metres are densified before going to longitude/latitude, so shared
//   boundaries stay shared to the millimetre after the engine reprojects them.
// - Scales: --parcels 100000 or 1000000 builds the same city with larger parks
//   (up to 2x linear) and smaller parcels. Parcels stream to disk block by block;
//   only per-parcel case bytes (three bytes a parcel) stay in memory.
// - Cases, not dice: each parcel gets an audit case (cases.hpp) from an exact,
//   shuffled quota per park, and its attributes are drawn inside that case's range
//   with a margin from every threshold (attributes.cpp). So the counts in the
//   summary are the findings the engine must make.
// - One city definition (city_definition.hpp; the sample's is taizhou.cpp) drives
//   machinery that knows no city: another city is another definition.
//
// It depends on GDAL and fmt only (not on the engine), so it cannot inherit the
// engine's bugs: it is the independent ground truth the engine is tested against.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gdal_priv.h>

#include "city_definition.hpp"
#include "generator.hpp"

using namespace sample_city;

namespace {

const CityDefinition* city_named(const std::string& name) {
    for (const CityDefinition* c : {&taizhou(), &riverbend()})
        if (name == c->key) return c;
    return nullptr;
}

Options parse_args(int argc, char** argv, const CityDefinition*& definition) {
    Options o;
    std::string city = "taizhou";
    auto usage = [] {
        fmt::print(stderr,
                   "usage: make_sample_city OUT_DIR [--city NAME] [--parcels N] [--seed S] [--periods DIR]\n"
                   "  writes parks/shoreline/parcels/districts .shp, projects.csv, quota.csv and rules.toml into OUT_DIR\n"
                   "  --city NAME    taizhou (default, the committed sample) or riverbend: 41 parks on a winding river,\n"
                   "                 irregular parcels, ~30 % flagged, written as OUT_DIR/city.gpkg (one CRS, EPSG:4528)\n"
                   "  --parcels N    number of parcels, 2000..5000000 (riverbend: 10000..10000000); default 6000, the committed sample\n"
                   "  --seed S       random seed (default 2026, the committed sample)\n"
                   "  --periods DIR  also the city a quarter and a year later: DIR/2026-09-30/ and DIR/2027-06-30/,\n"
                   "                 each a complete package with changes.csv (the committed ones: data/periods)\n");
    };
    std::vector<std::string> positional;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) { usage(); std::exit(2); }
            return argv[++i];
        };
        auto number = [&](const std::string& text) -> uint64_t {
            if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos || text.size() > 18) {
                fmt::print(stderr, "make_sample_city: {} needs a whole number, got '{}'\n", a, text);
                std::exit(2);
            }
            return std::stoull(text);
        };
        if (a == "-h" || a == "--help") { usage(); std::exit(0); }
        else if (a == "--parcels") o.parcels = static_cast<int64_t>(number(value()));
        else if (a == "--seed") o.seed = number(value());
        else if (a == "--periods") o.periods_dir = value();
        else if (a == "--city") city = value();
        else if (!a.empty() && a[0] == '-') { fmt::print(stderr, "make_sample_city: unknown option '{}'\n", a); usage(); std::exit(2); }
        else positional.push_back(a);
    }
    if (positional.size() != 1) { usage(); std::exit(2); }
    definition = city_named(city);
    if (!definition) {
        fmt::print(stderr, "make_sample_city: --city '{}' is not a city this tool knows (taizhou, riverbend)\n", city);
        std::exit(2);
    }
    if (o.parcels < definition->min_parcels || o.parcels > definition->max_parcels) {
        fmt::print(stderr, "make_sample_city: --parcels {} is outside {}..{} for --city {}\n", o.parcels,
                   definition->min_parcels, definition->max_parcels, city);
        std::exit(2);
    }
    if (!o.periods_dir.empty() && definition->output != OutputFormat::ShapefilesThreeCrs) {
        fmt::print(stderr, "make_sample_city: --periods is made for the Shapefile sample (--city taizhou) only\n");
        std::exit(2);
    }
    o.out_dir = positional[0];
    return o;
}

}  // namespace

int main(int argc, char** argv) {
    const CityDefinition* city = nullptr;
    const Options options = parse_args(argc, argv, city);
    GDALAllRegister();
    try {
        Generator(*city, options).run();
    } catch (const std::exception& e) {
        fmt::print(stderr, "make_sample_city: {}\n", e.what());
        return 1;
    }
    return 0;
}
