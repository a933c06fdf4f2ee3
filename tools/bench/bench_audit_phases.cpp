// parkcap's audit phase by phase: load (read, reproject, validate, index), audit
// (rules, 亩均, capacity, shoreline) and write (the audit GeoPackage), each timed,
// with the peak memory after each. Where the end-to-end time of `parkcap audit`
// goes, so optimisation work aims at the right phase.
//   bench_audit_phases DATA OUT.gpkg [--as-of 2026-06-30] [--threads N] [--rules FILE]
// --rules lays a city's rules file over the built-in rules, as `parkcap audit --rules`
// does (the generated cities' rules.toml names their general park, which moves flags).
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "parkcap/audit/audit.hpp"
#include "parkcap/io/load.hpp"
#include "parkcap/report/audit_report.hpp"
#include "parkcap/rules/rules.hpp"

using namespace parkcap;

namespace {
double peak_mib() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;
}
/// CPU seconds (user + system) of the whole process so far: on a shared, noisy
/// machine the CPU a phase burns is steadier than its wall time.
double cpu_s() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    auto s = [](timeval t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    return s(u.ru_utime) + s(u.ru_stime);
}
/// Busy CPU seconds of the whole machine so far (user, nice, system, irq, softirq,
/// steal of /proc/stat's first line); NaN where there is no /proc/stat. What the
/// machine burnt during a phase beyond this process's own CPU was others': a phase
/// measured while they held a core could not use two.
double machine_cpu_s() {
    std::ifstream in("/proc/stat");
    std::string cpu;
    double user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0;
    if (!(in >> cpu >> user >> nice >> system >> idle >> iowait >> irq >> softirq >> steal) || cpu != "cpu")
        return std::numeric_limits<double>::quiet_NaN();
    return (user + nice + system + irq + softirq + steal) / static_cast<double>(sysconf(_SC_CLK_TCK));
}
}  // namespace

int main(int argc, char** argv) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each phase's line as it ends, also into a file
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_audit_phases DATA OUT.gpkg [--as-of YYYY-MM-DD] [--threads N] [--rules FILE]\n");
        return 2;
    }
    std::string as_of = "2026-06-30";
    unsigned threads = 0;
    std::vector<std::string> rules_files;
    for (int i = 3; i < argc; i += 2) {
        if (i + 1 >= argc) {
            std::fprintf(stderr, "bench_audit_phases: %s needs a value\n", argv[i]);
            return 2;
        }
        if (std::strcmp(argv[i], "--as-of") == 0) as_of = argv[i + 1];
        else if (std::strcmp(argv[i], "--threads") == 0) threads = static_cast<unsigned>(std::stoul(argv[i + 1]));
        else if (std::strcmp(argv[i], "--rules") == 0) rules_files.emplace_back(argv[i + 1]);
        else {
            std::fprintf(stderr, "bench_audit_phases: unknown option %s\n", argv[i]);
            return 2;
        }
    }
    using clock = std::chrono::steady_clock;
    double cpu0 = cpu_s(), machine0 = machine_cpu_s();
    auto since = [&](clock::time_point t) { return std::chrono::duration<double>(clock::now() - t).count(); };
    // One phase's line: wall, own CPU, peak memory, what it made, the others' CPU meanwhile.
    auto report = [&](const char* phase, clock::time_point t, const std::string& made) {
        const double wall = since(t), now = cpu_s(), machine = machine_cpu_s();
        const double own = now - cpu0, others = std::max(machine - machine0 - own, 0.0);
        cpu0 = now;
        machine0 = machine;
        std::printf("%-6s %7.2f s wall %7.2f s CPU  peak %6.0f MiB  %s others %.2f s\n", phase, wall, own, peak_mib(),
                    made.c_str(), others);
    };

    const rules::Rules rules = rules_files.empty() ? rules::default_rules() : rules::load_rules(rules_files);
    io::LoadOptions options;
    options.data = argv[1];
    auto t = clock::now();
    City city = io::load_city(options);
    city.release_parcel_index();  // as `parkcap audit` does (session::run): the audit never queries it
    report("load", t, "(" + std::to_string(city.parcels.size()) + " parcels)");
    t = clock::now();
    const audit::Audit result = audit::run_audit(city, rules, {*parse_date(as_of, {"%Y-%m-%d"}), threads});
    report("audit", t, "(" + std::to_string(result.flags.size()) + " flags)");
    t = clock::now();
    report::write_audit_gpkg(argv[2], city, result, rules);
    report("write", t, "");
    return 0;
}
