// Allocation benchmark: solve time and proven gap of the CBC model against the
// greedy baseline, for 50 to 5,000 projects on 20 to 1,000 sites.
//   bench_allocate [--sizes 50x20,200x100,1000x300,5000x1000] [--time-limit 60] [--seed 7]
// Instances are synthetic and deterministic: square sites in themed parks across
// three districts, projects with a realistic spread of size, industry, tax and
// investment, quotas that bind. Prints one row per size, figures side by side.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
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

City synthetic_city(int n_projects, int n_sites, uint64_t seed) {
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
        pr.area_mu = std::round(rng.uniform(15, 200));
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

audit::Audit empty_audit(const City& city) {
    audit::Audit a;
    a.parcels.first_flag.assign(city.parcels.size() + 1, 0);
    a.districts.assign(city.districts.size(), {});
    return a;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
    std::string sizes = "50x20,200x100,1000x300,5000x1000";
    double limit = 60;
    uint64_t seed = 7;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--sizes")) sizes = argv[i + 1];
        else if (!std::strcmp(argv[i], "--time-limit")) limit = std::stod(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--seed")) seed = std::stoull(argv[i + 1]);
        else {
            std::fprintf(stderr, "usage: bench_allocate [--sizes 50x20,...] [--time-limit S] [--seed N]\n");
            return 2;
        }
    }
    rules::Rules rules = rules::default_rules();
    rules.fit.general_parks = {"P5"};
    std::printf("%-12s %9s %9s | %10s %8s | %12s %12s %9s %8s %s\n", "size", "vars", "rows", "greedy obj", "greedy s",
                "cbc obj", "cbc bound", "gap", "cbc s", "method");
    std::size_t start = 0;
    while (start < sizes.size()) {
        const std::size_t comma = sizes.find(',', start);
        const std::string item = sizes.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        start = comma == std::string::npos ? sizes.size() : comma + 1;
        const auto x = item.find('x');
        const int np = std::stoi(item.substr(0, x)), ns = std::stoi(item.substr(x + 1));
        const City city = synthetic_city(np, ns, seed);
        const audit::Audit audit = empty_audit(city);
        auto t0 = std::chrono::steady_clock::now();
        const auto greedy = allocate::run_allocation(city, audit, rules, {}, {limit, true});
        const double greedy_s = seconds_since(t0);
        t0 = std::chrono::steady_clock::now();
        const auto mip = allocate::run_allocation(city, audit, rules, {}, {limit, false});
        const double mip_s = seconds_since(t0);
        std::printf("%-12s %9llu %9llu | %10.3f %8.2f | %12.3f %12.3f %8.4f%% %8.2f %s\n", item.c_str(),
                    static_cast<unsigned long long>(mip.state.stats.variables), static_cast<unsigned long long>(mip.state.stats.constraints),
                    greedy.state.stats.objective, greedy_s, mip.state.stats.objective, mip.state.stats.best_bound, mip.state.stats.gap * 100, mip_s,
                    mip.state.stats.method.c_str());
        std::fflush(stdout);
    }
    return 0;
}
