// The later periods (--periods): the sample city a quarter and a year after the
// base date, each a complete package that `parkcap audit DIR --as-of DATE` reads
// like data/shapefiles, with changes.csv, the record of what changed since the
// package before it. The year is evolved from the quarter, so base → quarter →
// year is one history (docs/sample_city.md).
#include <cmath>
#include <fstream>

#include <fmt/format.h>

#include "common.hpp"
#include "evolve.hpp"
#include "generator.hpp"
#include "parcels.hpp"
#include "shapefile.hpp"

namespace sample_city {

namespace fs = std::filesystem;

namespace {

/// What no period changes (parks, shoreline, districts, projects, the city's
/// rules): copied from the base byte for byte, so a package is whole on its own.
const char* const kUnchangedFiles[] = {
    "districts.cpg", "districts.dbf", "districts.prj", "districts.shp", "districts.shx", "parks.cpg",
    "parks.dbf",     "parks.prj",     "parks.shp",     "parks.shx",     "shoreline.cpg", "shoreline.dbf",
    "shoreline.prj", "shoreline.shp", "shoreline.shx", "projects.csv",  "rules.toml"};

std::string joined(const std::vector<std::string>& ids) {
    std::string out;
    for (const auto& id : ids) out += (out.empty() ? "" : ";") + id;
    return out;
}

/// changes.csv: one row per change, UTF-8 without BOM, quoted where a field needs it.
void write_changes(const fs::path& file, const std::vector<Change>& changes) {
    std::ofstream out(file, std::ios::binary);
    out << "old_ids,new_ids,kind,disposes,district,park,date,old_status,new_status,old_land_use,new_land_use,area_m2,"
           "area_mu\n";
    for (const auto& c : changes)
        out << fmt::format("{},{},{},{},{},{},{},{},{},{},{},{:.3f},{:.4f}\n", csv_field(joined(c.old_ids)),
                           csv_field(joined(c.new_ids)), kChangeKindName[static_cast<std::size_t>(c.kind)],
                           kDisposalName[static_cast<std::size_t>(c.disposes)], c.district, c.park, iso_date(c.date),
                           c.old_status, c.new_status, kLandUseName[c.old_land_use], kLandUseName[c.new_land_use],
                           c.area_m2, c.area_m2 / kM2PerMu);
    if (!out) fail("cannot write " + file.string());
}

}  // namespace

void Generator::write_periods() {
    if (opt_.periods_dir.empty()) return;
    Evolver evolver(city_, pools_, opt_.seed);
    std::map<std::string, double> quota;
    for (const auto& [code, mu] : city_.quota_mu) quota[code] = mu;
    std::vector<ParcelRecord> parcels = std::move(records_);
    Day from = kAsOf;
    for (const Day to : kLaterPeriods) {
        PeriodResult r = evolver.evolve(parcels, quota, from, to);
        // The quota as its file states it, so the next period starts from what was written.
        for (auto& [code, mu] : r.quota_mu) mu = std::round(mu * 10) / 10;

        const fs::path dir = opt_.periods_dir / iso_date(to);
        fs::create_directories(dir);
        for (const char* name : kUnchangedFiles)
            fs::copy_file(opt_.out_dir / name, dir / name, fs::copy_options::overwrite_existing);
        {
            ParcelWriter w(dir, proj_.zone40());
            for (const auto& p : r.parcels) w.write(p);
        }
        {
            std::ofstream out(dir / "quota.csv", std::ios::binary);
            out << "district,quota_mu,earned_mu,name\n";
            for (const auto& [code, mu] : city_.quota_mu) {
                int earned = 0;
                for (const auto& [c, e] : city_.earned_before_mu)
                    if (std::string_view(c) == code) earned = e;
                for (const auto& d : city_.districts)
                    if (std::string_view(d.code) == code)
                        out << fmt::format("{},{:.1f},{},{}\n", code, r.quota_mu.at(code), earned, d.name);
            }
            if (!out) fail("cannot write quota.csv in " + dir.string());
        }
        write_changes(dir / "changes.csv", r.changes);

        // The summary (the tests read the escalation line).
        fmt::print("\nperiod {} → {}: {} parcels (was {}) into {}\n", iso_date(from), iso_date(to), r.parcels.size(),
                   parcels.size(), dir.string());
        fmt::print("{:<12}", "change");
        for (const auto& d : city_.districts) fmt::print("{:>8}", d.code);
        fmt::print("{:>8}\n", "total");
        for (int k = 0; k < kChangeKindCount; ++k) {
            fmt::print("{:<12}", kChangeKindName[static_cast<std::size_t>(k)]);
            int64_t total = 0;
            for (const auto& d : city_.districts) {
                int64_t n = 0;
                for (const auto& c : r.changes) n += static_cast<int>(c.kind) == k && c.district == d.code;
                total += n;
                fmt::print("{:>8}", n);
            }
            fmt::print("{:>8}\n", total);
        }
        std::map<std::string, int64_t> disposed;
        for (const auto& c : r.changes)
            if (c.disposes != Disposal::None) ++disposed[kDisposalName[static_cast<std::size_t>(c.disposes)]];
        fmt::print("period {} disposed of (parcels the older audit flags):", iso_date(to));
        for (const auto& [k, n] : disposed) fmt::print(" {}={}", k, n);
        const Escalations& e = r.escalated;
        fmt::print("\nperiod {} escalated by time alone (parcels): supplied_unused>idle_fee={} idle_fee>idle_takeback={} "
                   "building>idle_fee={} approved>older_band={}\n",
                   iso_date(to), e.supplied_to_fee, e.fee_to_takeback, e.halted_to_fee, e.approved_older);
        fmt::print("period {} quota left (亩):", iso_date(to));
        for (const auto& [code, mu] : r.quota_mu) fmt::print(" {}={:.1f}", code, mu);
        fmt::print("\n");

        parcels = std::move(r.parcels);
        quota = std::move(r.quota_mu);
        from = to;
    }
}

}  // namespace sample_city
