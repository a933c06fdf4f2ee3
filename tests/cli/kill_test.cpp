// Runs killed with SIGKILL at fifteen moments spread over an audit of the sample
// city, each into the folder of a finished earlier run: after every kill the
// GeoPackage and its CSV tables are one run's set (the earlier one or the killed
// one, never a mix), the GeoPackage is whole, and the next run removes every
// temporary file the kills left.
#include <catch2/catch.hpp>

#include <chrono>
#include <fcntl.h>
#include <filesystem>
#include <signal.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "support/fixtures.hpp"
#include "support/parkcap_run.hpp"

namespace parkcap::test {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> audit_args(const std::string& folder, const std::string& as_of) {
    const std::string data = std::string(kSourceDir) + "/data/shapefiles";
    return {kParkcapExe, "audit", data, "--rules", data + "/rules.toml", "--as-of", as_of, "--out", folder + "/AUDIT.gpkg",
            "--csv", folder + "/csv", "--overwrite", "--quiet"};
}

/// Starts the audit with stdout and stderr discarded; returns its pid.
pid_t start(const std::vector<std::string>& args) {
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        std::vector<char*> argv;
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        const int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, 1);
        ::dup2(null, 2);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    return pid;
}

/// The audit date a GeoPackage's run_info holds, and its parcel count.
std::pair<std::string, GIntBig> gpkg_set(const std::string& path) {
    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    std::string as_of;
    for (auto& f : *ds->GetLayerByName("run_info"))
        if (std::string(f->GetFieldAsString("key")) == "as_of") as_of = f->GetFieldAsString("value");
    return {as_of, ds->GetLayerByName("parcel_flags")->GetFeatureCount()};
}

std::string csv_as_of(const std::string& path) {
    const std::string text = read_text_file(path);
    const auto at = text.find("as_of,");
    REQUIRE(at != std::string::npos);
    return text.substr(at + 6, 10);
}

std::size_t journals(const std::string& folder) {
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(folder)) {
        const std::string name = e.path().filename().string();
        n += name.rfind(".parkcap-tmp-", 0) == 0 && name.find("-output-set.journal") != std::string::npos;
    }
    return n;
}

std::size_t temp_files(const std::string& folder) {
    std::size_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(folder))
        n += e.path().filename().string().rfind(".parkcap-tmp-", 0) == 0;
    return n;
}

}  // namespace

TEST_CASE("fifteen runs killed with SIGKILL leave one run's whole output set and no debris after the next run",
          "[cli][outputs][kill]") {
    ScratchDir dir("kill-nine");
    const std::string folder = dir.path().string();
    const auto first = run_command([&] {
        std::string cmd;
        for (const auto& a : audit_args(folder, "2026-03-31")) cmd += "'" + a + "' ";
        return cmd;
    }());
    REQUIRE(first.exit_code == 0);

    // How long a whole run takes here, so the kills spread over it.
    const auto t0 = std::chrono::steady_clock::now();
    int status = 0;
    pid_t pid = start(audit_args(folder, "2026-06-30"));
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
    const auto whole = std::chrono::steady_clock::now() - t0;

    std::size_t debris_left = 0, debris_seen = 0, mixed = 0;
    for (int k = 0; k < 15; ++k) {
        INFO("kill " << k);
        // Alternate the date, so a set mixed of two runs would show.
        const std::string as_of = k % 2 ? "2026-06-30" : "2026-03-31";
        pid = start(audit_args(folder, as_of));
        std::this_thread::sleep_for(whole * (k + 1) / 16);
        ::kill(pid, SIGKILL);
        REQUIRE(::waitpid(pid, &status, 0) == pid);
        const auto [gpkg_date, parcels] = gpkg_set(folder + "/AUDIT.gpkg");
        CHECK(parcels == 6000);
        // Killed among its renames, a run leaves its set half in place and the journal
        // of the rest, which the next run completes; otherwise the set is one run's.
        if (csv_as_of(folder + "/csv/run_info.csv") != gpkg_date) {
            CHECK(journals(folder) == 1);
            ++mixed;
        }
        // Each run removes the temporary files of the runs killed before it, so they never pile up.
        debris_left = temp_files(folder);
        CHECK(debris_left <= 13);  // at most one run's: the GeoPackage, its CSV tables and the journal
        debris_seen += debris_left;
    }
    // On a slow or busy machine every kill may fall before the writing starts; say so.
    if (debris_seen == 0) WARN("no kill caught a run while it wrote its outputs");

    const auto last = run_command([&] {
        std::string cmd;
        for (const auto& a : audit_args(folder, "2026-06-30")) cmd += "'" + a + "' ";
        return cmd;
    }());
    REQUIRE(last.exit_code == 0);
    CHECK(temp_files(folder) == 0);
    CHECK(gpkg_set(folder + "/AUDIT.gpkg").first == "2026-06-30");
    CHECK(csv_as_of(folder + "/csv/run_info.csv") == "2026-06-30");
    if (mixed) WARN(mixed << " kills fell among a run's renames; the next run completed them");
    // The last kill's temporary files, if it left any, were removed by this run, which says so.
    // (removed, or completed when that kill fell among the renames of its set).
    if (debris_left > 0)
        CHECK((last.err.find("removed") != std::string::npos || last.err.find("completed") != std::string::npos));
}

}  // namespace parkcap::test
