// Allocation benchmark: solve time and proven gap of the model against the greedy
// baseline. Run `bench_allocate --help` for the options.
// Two deterministic synthetic families:
//   squares: separate square sites in themed parks across three districts (no
//            assembly: every site stands alone), 50 to 5,000 projects on 20 to 1,000 sites;
//   blocks:  square-ish blocks (1–3 touching parcels each) on a street grid whose
//            roads are --road m wide, assembled across roads up to --gap m, with
//            projects needing 1–8 blocks, so assembly matters.
// Projects have a realistic spread of size, industry, tax and investment; quotas
// bind. Prints one row per size, greedy beside the model, its bound, proven gap and
// what stopped the search.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "parkcap/allocate/allocate.hpp"
#include "parkcap/audit/audit.hpp"
#include "parkcap/index/parcel_index.hpp"
#include "parkcap/rules/rules.hpp"

using namespace parkcap;

namespace {

struct Rng {  // splitmix64: the same numbers on every platform
    uint64_t s;
    uint64_t next() {
        uint64_t z = (s += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform(double a, double b) { return a + (b - a) * static_cast<double>(next() >> 11) / 9007199254740992.0; }
    int below(int n) { return static_cast<int>(next() % static_cast<uint64_t>(n)); }
};

void add_square(geom::MultiPolygonColumn& col, double x, double y, double side) {
    const geom::Point ring[] = {{x, y}, {x + side, y}, {x + side, y + side}, {x, y + side}, {x, y}};
    col.begin_feature();
    col.begin_polygon();
    col.add_ring(ring);
    col.end_feature();
}

/// What a project asks, in whole multiples of `step` 亩 (a bureau's project lists
/// often ask round figures: 50, 80, 120 亩), never less than one step.
double asked_area(double mu, double step) { return std::max(step, step * std::round(mu / step)); }

City synthetic_city(int n_projects, int n_sites, double area_step, uint64_t seed) {
    Rng rng{seed};
    City city;
    city.crs.epsg = 4528;
    const char* codes[] = {"321202", "321203", "321204"};
    for (const char* c : codes) city.intern_district(c);
    const std::vector<std::vector<std::string>> themes = {{"C34", "C35"}, {"C27"}, {"C39", "C38"}, {"C13", "C14"},
                                                          {"C29", "C30"}, {"*"}};
    const int n_parks = static_cast<int>(themes.size());
    for (int p = 0; p < n_parks; ++p) {
        Park park;
        park.park_id = "P" + std::to_string(p);
        park.name = "园区" + std::to_string(p);
        park.level = p == 0 ? ParkLevel::National : ParkLevel::Provincial;
        park.district = static_cast<uint32_t>(p % 3);
        park.themes = themes[static_cast<std::size_t>(p)];
        const double x0 = p * 100000.0;
        add_square(city.park_geometry, x0 - 10, -10, 60000);
        park.area_m2 = city.park_geometry.area(static_cast<std::size_t>(p));
        park.bounds = city.park_geometry.bounds(static_cast<std::size_t>(p));
        city.parks.push_back(park);
    }
    ParcelTable& t = city.parcels;
    for (int s = 0; s < n_sites; ++s) {
        const int p = s % n_parks;
        const int k = s / n_parks;
        const double mu = rng.uniform(20, 300);
        const double side = std::sqrt(mu * 10000.0 / 15.0);
        add_square(t.geometry, p * 100000.0 + (k % 80) * 700.0, (k / 80) * 700.0, side);
        t.parcel_id.push_back("L" + std::to_string(s));
        t.district.push_back(static_cast<uint32_t>(p % 3));
        t.land_use.push_back(LandUse::Industrial);
        t.status.push_back(rng.below(3) == 0 ? Status::Planned : Status::Approved);
        for (auto* v : {&t.appr_date, &t.supp_date, &t.start_due, &t.start_date, &t.halt_date}) v->push_back(Date{});
        for (auto* v : {&t.dev_ratio, &t.inv_plan_wan, &t.inv_done_wan, &t.far, &t.coverage, &t.tax_wan, &t.output_wan})
            v->push_back(NAN);
        t.industry.push_back("");
        t.enterprise.push_back("");
        t.source_fid.push_back(s);
        const std::size_t g = t.geometry.size() - 1;
        t.area_m2.push_back(t.geometry.area(g));
        t.centroid.push_back(t.geometry.centroid(g));
        t.park.push_back(p);
    }
    city.set_parcel_index(std::make_unique<index::ParcelIndex>(t.geometry));
    const char* industries[] = {"C3411", "C3521", "C2710", "C3971", "C3812", "C1391", "C2922", "C3041", "C3311"};
    for (int j = 0; j < n_projects; ++j) {
        Project pr;
        pr.project_id = "J" + std::to_string(j);
        pr.industry = industries[rng.below(9)];
        pr.origin = static_cast<uint32_t>(rng.below(3));
        pr.area_mu = asked_area(rng.uniform(15, 200), area_step);
        pr.investment_wan = pr.area_mu * rng.uniform(260, 700);
        pr.tax_expect_wan = pr.area_mu * rng.uniform(16, 80);
        pr.tech = rng.uniform(0, 100);
        pr.eia_ok = true;
        pr.major = rng.below(10) == 0;
        city.projects.push_back(pr);
    }
    double planned_mu = 0;
    for (std::size_t i = 0; i < t.size(); ++i)
        if (t.status[i] == Status::Planned) planned_mu += t.area_m2[i] / (10000.0 / 15.0);
    for (uint32_t d = 0; d < 3; ++d) city.quota.push_back({d, planned_mu / 6});  // half the planned land can be used
    return city;
}

/// One parcel with the corners of an axis-aligned rectangle, in park `p`.
void add_parcel(City& city, int p, double x0, double y0, double x1, double y1, Status status) {
    ParcelTable& t = city.parcels;
    const geom::Point ring[] = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}};
    t.geometry.begin_feature();
    t.geometry.begin_polygon();
    t.geometry.add_ring(ring);
    t.geometry.end_feature();
    const std::size_t g = t.geometry.size() - 1;
    t.parcel_id.push_back("L" + std::to_string(g));
    t.district.push_back(city.parks[static_cast<std::size_t>(p)].district);
    t.land_use.push_back(LandUse::Industrial);
    t.status.push_back(status);
    for (auto* v : {&t.appr_date, &t.supp_date, &t.start_due, &t.start_date, &t.halt_date}) v->push_back(Date{});
    for (auto* v : {&t.dev_ratio, &t.inv_plan_wan, &t.inv_done_wan, &t.far, &t.coverage, &t.tax_wan, &t.output_wan})
        v->push_back(NAN);
    t.industry.push_back("");
    t.enterprise.push_back("");
    t.source_fid.push_back(static_cast<int64_t>(g));
    t.area_m2.push_back(t.geometry.area(g));
    t.centroid.push_back(t.geometry.centroid(g));
    t.park.push_back(p);
}

/// The blocks family: each park a street grid, columns 150–300 m wide and rows
/// 150–300 m high between roads `road_m` wide; a cell in seven holds built land
/// (no block), the others a block of one to three touching parcels, all stock or
/// all planned. A project needs 1–8 blocks' worth of land (half of them one).
City blocks_city(int n_projects, int n_blocks, double road_m, double area_step, uint64_t seed) {
    Rng rng{seed};
    City city;
    city.crs.epsg = 4528;
    const char* codes[] = {"321202", "321203", "321204"};
    for (const char* c : codes) city.intern_district(c);
    const std::vector<std::vector<std::string>> themes = {{"C34", "C35"}, {"C27"}, {"C39", "C38"}, {"C13", "C14"},
                                                          {"C29", "C30"}, {"*"}};
    const int n_parks = static_cast<int>(themes.size());
    for (int p = 0; p < n_parks; ++p) {
        Park park;
        park.park_id = "P" + std::to_string(p);
        park.name = "园区" + std::to_string(p);
        park.level = p == 0 ? ParkLevel::National : ParkLevel::Provincial;
        park.district = static_cast<uint32_t>(p % 3);
        park.themes = themes[static_cast<std::size_t>(p)];
        add_square(city.park_geometry, p * 100000.0 - 10, -10, 60000);
        park.area_m2 = city.park_geometry.area(static_cast<std::size_t>(p));
        park.bounds = city.park_geometry.bounds(static_cast<std::size_t>(p));
        city.parks.push_back(park);
    }
    double block_mu_sum = 0;
    for (int p = 0; p < n_parks; ++p) {
        const int want = n_blocks / n_parks + (p < n_blocks % n_parks ? 1 : 0);
        const int cols = std::max(1, static_cast<int>(std::ceil(std::sqrt(want * 7.0 / 6.0))));
        std::vector<double> width(static_cast<std::size_t>(cols));
        for (double& w : width) w = rng.uniform(150, 300);
        int made = 0;
        double y = 0;
        while (made < want) {
            const double height = rng.uniform(150, 300);
            double x = p * 100000.0;
            for (int c = 0; c < cols && made < want; ++c) {
                const double w = width[static_cast<std::size_t>(c)];
                if (rng.below(7) != 0) {
                    const Status status = rng.below(3) == 0 ? Status::Planned : Status::Approved;
                    const int parts = 1 + rng.below(3);  // touching parcels: one block
                    for (int k = 0; k < parts; ++k)
                        add_parcel(city, p, x + w * k / parts, y, x + w * (k + 1) / parts, y + height, status);
                    block_mu_sum += w * height * 15.0 / 10000.0;
                    ++made;
                }
                x += w + road_m;
            }
            y += height + road_m;
        }
    }
    city.set_parcel_index(std::make_unique<index::ParcelIndex>(city.parcels.geometry));
    const double mean_block_mu = block_mu_sum / std::max(1, n_blocks);
    const char* industries[] = {"C3411", "C3521", "C2710", "C3971", "C3812", "C1391", "C2922", "C3041", "C3311"};
    for (int j = 0; j < n_projects; ++j) {
        Project pr;
        pr.project_id = "J" + std::to_string(j);
        pr.industry = industries[rng.below(9)];
        pr.origin = static_cast<uint32_t>(rng.below(3));
        const int blocks = rng.below(2) == 0 ? 1 : 2 + rng.below(7);  // 1 (half), else 2–8
        pr.area_mu = asked_area(std::max(15.0, blocks * mean_block_mu * rng.uniform(0.55, 0.95)), area_step);
        pr.investment_wan = pr.area_mu * rng.uniform(260, 700);
        pr.tax_expect_wan = pr.area_mu * rng.uniform(16, 80);
        pr.tech = rng.uniform(0, 100);
        pr.eia_ok = true;
        pr.major = blocks >= 4;
        city.projects.push_back(pr);
    }
    const ParcelTable& t = city.parcels;
    double planned_mu = 0;
    for (std::size_t i = 0; i < t.size(); ++i)
        if (t.status[i] == Status::Planned) planned_mu += t.area_m2[i] / (10000.0 / 15.0);
    for (uint32_t d = 0; d < 3; ++d) city.quota.push_back({d, planned_mu / 6});  // half the planned land can be used
    return city;
}

audit::Audit empty_audit(const City& city) {
    audit::Audit a;
    a.parcels.first_flag.assign(city.parcels.size() + 1, 0);
    a.districts.assign(city.districts.size(), {});
    return a;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}


constexpr const char* kUsage =
    "usage: bench_allocate [--family squares|blocks] [--sizes PxS,...] [--time-limit S] [--seed N]\n"
    "                      [--node-limit N] [--road M] [--gap M] [--area-step MU] [--rounding N]\n"
    "                      [--rules FILE]...\n"
    "Solves deterministic synthetic instances and prints, per size, the greedy plan beside\n"
    "the model's plan, its best bound, the proven gap and what stopped the search.\n"
    "  --family F      squares: separate square sites (default); blocks: square-ish blocks on a\n"
    "                  street grid, assembled across roads, projects needing 1-8 blocks\n"
    "  --sizes L       projects x sites (squares) or projects x blocks (blocks), comma-separated;\n"
    "                  default 50x20,200x100,1000x300,5000x1000 (squares), 50x40,200x150 (blocks)\n"
    "  --time-limit S  seconds per solve (default 60)\n"
    "  --seed N        instance seed (default 7)\n"
    "  --node-limit N  CBC's node limit ([solver] node_limit; default: the rules')\n"
    "  --road M        blocks: road width between blocks, m (default 20)\n"
    "  --gap M         blocks: [fit] site_gap_max_m, the widest road assembly spans, m (default 40)\n"
    "  --area-step MU  projects ask whole multiples of MU 亩 (default 1)\n"
    "  --rounding N    [solver] capacity_rounding_max_units (default: the rules', 0 = off)\n"
    "  --rules FILE    a rules file laid over the built-in rules, as parkcap's --rules (repeat\n"
    "                  to layer several): the [solver] settings to measure on this machine;\n"
    "                  --node-limit and --rounding, when given, still win\n"
    "  --help          this text; runs nothing\n";

int usage_error(const std::string& what) {
    std::fprintf(stderr, "bench_allocate: %s\nrun 'bench_allocate --help' for the options\n", what.c_str());
    return 2;
}

/// Placements on assembled sites.
std::size_t assembled_placements(const allocate::Plan& plan) {
    std::size_t n = 0;
    for (const auto& pl : plan.state.placements) n += plan.sites[pl.site].assembled();
    return n;
}

}  // namespace

int main(int argc, char** argv) {
    std::string family = "squares", sizes;
    double limit = 60, road = 20, gap = 40, area_step = 1;
    uint64_t seed = 7;
    int node_limit = -1;
    std::optional<int> rounding;
    std::vector<std::string> rules_files;
    try {
        for (int i = 1; i < argc; ++i) {
            const std::string opt = argv[i];
            if (opt == "--help" || opt == "-h") {
                std::fputs(kUsage, stdout);
                return 0;
            }
            if (opt != "--family" && opt != "--sizes" && opt != "--time-limit" && opt != "--seed" && opt != "--road" &&
                opt != "--gap" && opt != "--node-limit" && opt != "--area-step" && opt != "--rounding" && opt != "--rules")
                return usage_error("unknown option '" + opt + "'");
            if (i + 1 >= argc) return usage_error(opt + " needs a value");
            const std::string value = argv[++i];
            if (opt == "--family") family = value;
            else if (opt == "--sizes") sizes = value;
            else if (opt == "--time-limit") limit = std::stod(value);
            else if (opt == "--seed") seed = std::stoull(value);
            else if (opt == "--road") road = std::stod(value);
            else if (opt == "--node-limit") node_limit = std::stoi(value);
            else if (opt == "--area-step") area_step = std::stod(value);
            else if (opt == "--rounding") rounding = std::stoi(value);
            else if (opt == "--rules") rules_files.push_back(value);
            else gap = std::stod(value);
        }
    } catch (const std::exception&) {
        return usage_error("a number is expected after the option");
    }
    if (family != "squares" && family != "blocks") return usage_error("--family must be squares or blocks, not '" + family + "'");
    const bool blocks = family == "blocks";
    if (sizes.empty()) sizes = blocks ? "50x40,200x150" : "50x20,200x100,1000x300,5000x1000";
    rules::Rules rules = rules::default_rules();
    if (!rules_files.empty()) {
        try {
            rules = rules::load_rules(rules_files);
        } catch (const std::exception& e) {
            return usage_error(std::string("--rules: ") + e.what());
        }
    }
    // The synthetic cities' own: park P5 takes any industry.
    rules.fit.general_parks = {"P5"};
    if (blocks) rules.fit.site_gap_max_m = gap;
    if (node_limit >= 0) rules.solver.node_limit = node_limit;
    if (rounding && *rounding < 0) return usage_error("--rounding must be 0 (off) or a positive number of units");
    if (rounding) rules.solver.capacity_rounding_max_units = *rounding;
    if (!(area_step > 0)) return usage_error("--area-step must be a positive number of 亩");
    std::vector<std::pair<std::string, std::pair<int, int>>> runs;  // item, projects × sites
    for (std::size_t start = 0; start < sizes.size();) {
        const std::size_t comma = sizes.find(',', start);
        const std::string item = sizes.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        start = comma == std::string::npos ? sizes.size() : comma + 1;
        const auto x = item.find('x');
        try {
            if (x == std::string::npos) throw std::invalid_argument(item);
            runs.push_back({item, {std::stoi(item.substr(0, x)), std::stoi(item.substr(x + 1))}});
        } catch (const std::exception&) {
            return usage_error("--sizes: '" + item + "' is not PROJECTSxSITES");
        }
    }
    std::printf("family %s, time limit %g s, node limit %d, seed %llu", family.c_str(), limit, rules.solver.node_limit,
                static_cast<unsigned long long>(seed));
    if (blocks) std::printf(", roads %g m, assembly across up to %g m", road, gap);
    std::printf(", projects ask multiples of %g mu, capacity rounding up to %d units", area_step,
                rules.solver.capacity_rounding_max_units);
    std::printf("\n%-10s %6s %6s %8s %7s %5s | %10s %6s %4s | %10s %10s %8s %-12s %6s %6s %4s | %s\n", "size", "blocks", "asm",
                "vars", "rows", "rnd", "greedy", "s", "asm", "model", "bound", "gap", "stopped_by", "nodes", "s", "asm", "method");
    for (const auto& [item, size] : runs) {
        const int np = size.first, ns = size.second;
        const City city = blocks ? blocks_city(np, ns, road, area_step, seed) : synthetic_city(np, ns, area_step, seed);
        const audit::Audit audit = empty_audit(city);
        auto t0 = std::chrono::steady_clock::now();
        const auto greedy = allocate::run_allocation(city, audit, rules, {}, {limit, true});
        const double greedy_s = seconds_since(t0);
        t0 = std::chrono::steady_clock::now();
        const auto mip = allocate::run_allocation(city, audit, rules, {}, {limit, false});
        const double mip_s = seconds_since(t0);
        const auto& st = mip.state.stats;
        std::printf("%-10s %6zu %6zu %8llu %7llu %5llu | %10.3f %6.2f %4zu | %10.3f %10.3f %7.4f%% %-12s %6llu %6.2f %4zu | %s\n",
                    item.c_str(), mip.assembly.blocks, mip.assembly.assembled, static_cast<unsigned long long>(st.variables),
                    static_cast<unsigned long long>(st.constraints), static_cast<unsigned long long>(st.capacities_rounded), greedy.state.stats.objective, greedy_s,
                    assembled_placements(greedy), st.objective, st.best_bound, st.gap * 100,
                    allocate::info(st.stopped_by).name, static_cast<unsigned long long>(st.nodes), mip_s, assembled_placements(mip), st.method.c_str());
        std::fflush(stdout);
    }
    return 0;
}
