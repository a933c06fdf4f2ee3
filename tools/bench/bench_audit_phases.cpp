// parkcap's audit phase by phase: load (read, reproject, validate, index), audit
// (rules, 亩均, capacity, shoreline) and write (the audit GeoPackage), each timed,
// with the peak memory after each. Where the end-to-end time of `parkcap audit`
// goes, so optimisation work aims at the right phase.
//   bench_audit_phases DATA OUT.gpkg [--as-of 2026-06-30] [--threads N]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include <gdal.h>

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
}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_audit_phases DATA OUT.gpkg [--as-of YYYY-MM-DD] [--threads N]\n");
        return 2;
    }
    std::string as_of = "2026-06-30";
    unsigned threads = 0;
    for (int i = 3; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--as-of") == 0) as_of = argv[i + 1];
        else if (std::strcmp(argv[i], "--threads") == 0) threads = static_cast<unsigned>(std::stoul(argv[i + 1]));
    }
    using clock = std::chrono::steady_clock;
    auto since = [](clock::time_point t) { return std::chrono::duration<double>(clock::now() - t).count(); };

    GDALAllRegister();
    const rules::Rules rules = rules::default_rules();
    io::LoadOptions options;
    options.data = argv[1];
    auto t = clock::now();
    City city = io::load_city(options);
    std::printf("load   %7.2f s  peak %6.0f MiB  (%zu parcels)\n", since(t), peak_mib(), city.parcels.size());
    t = clock::now();
    const audit::Audit result = audit::run_audit(city, rules, {*parse_date(as_of, {"%Y-%m-%d"}), threads});
    std::printf("audit  %7.2f s  peak %6.0f MiB  (%zu flags)\n", since(t), peak_mib(), result.flags.size());
    t = clock::now();
    report::write_audit_gpkg(argv[2], city, result, rules);
    std::printf("write  %7.2f s  peak %6.0f MiB\n", since(t), peak_mib());
    return 0;
}
