// Outputs replaced whole and as a set; debris of killed runs removed by the next;
// SIGTERM removing this process's temporary files.
#include <catch2/catch.hpp>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

#include "parkcap/core/atomic_file.hpp"
#include "support/fixtures.hpp"

using namespace parkcap;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> files_in(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

void write_via(AtomicOutput& out, const std::string& text) {
    std::ofstream(out.temp_path(), std::ios::binary) << text;
}

/// The id of a process that has finished (its pid is not reused this soon).
long dead_pid() {
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    int status = 0;
    ::waitpid(child, &status, 0);
    return static_cast<long>(child);
}

}  // namespace

TEST_CASE("atomic output: temporary files carry the process id and stay beside the target", "[core][atomic]") {
    test::ScratchDir dir("atomic-name");
    AtomicOutput out(dir / "AUDIT.gpkg");
    CHECK(fs::path(out.temp_path()).parent_path() == dir.path());
    CHECK(fs::path(out.temp_path()).filename().string() ==
          ".parkcap-tmp-" + std::to_string(::getpid()) + "-AUDIT.gpkg");
}

TEST_CASE("output set: files are replaced together, or not at all", "[core][atomic]") {
    test::ScratchDir dir("atomic-set");
    const std::string a = dir / "AUDIT.gpkg", b = dir / "parcel_flags.csv";
    test::write_text_file(a, "old audit");
    test::write_text_file(b, "old table");

    SECTION("nothing moves until the set commits") {
        OutputSet set;
        AtomicOutput first(a);
        write_via(first, "new audit");
        first.commit();
        CHECK(test::read_text_file(a) == "old audit");
        AtomicOutput second(b);
        write_via(second, "new table");
        second.commit();
        CHECK(test::read_text_file(b) == "old table");
        set.commit();
        CHECK(test::read_text_file(a) == "new audit");
        CHECK(test::read_text_file(b) == "new table");
        CHECK(files_in(dir.path()) == std::vector<std::string>{"AUDIT.gpkg", "parcel_flags.csv"});
    }

    SECTION("a failure after the first file leaves the previous set whole, and no temporary file") {
        try {
            OutputSet set;
            AtomicOutput first(a);
            write_via(first, "new audit");
            first.commit();
            throw std::runtime_error("the CSV phase failed");
        } catch (const std::runtime_error&) {
        }
        CHECK(test::read_text_file(a) == "old audit");
        CHECK(test::read_text_file(b) == "old table");
        CHECK(files_in(dir.path()) == std::vector<std::string>{"AUDIT.gpkg", "parcel_flags.csv"});
    }

    SECTION("without a set, each commit replaces its file at once") {
        AtomicOutput first(a);
        write_via(first, "new audit");
        first.commit();
        CHECK(test::read_text_file(a) == "new audit");
    }
}

TEST_CASE("interrupted outputs: a dead run's temporary files are removed, a live one's kept", "[core][atomic]") {
    test::ScratchDir dir("atomic-debris");
    const long dead = dead_pid();
    const std::string dead_gpkg = dir / (".parkcap-tmp-" + std::to_string(dead) + "-AUDIT.gpkg");
    const std::string dead_journal = dead_gpkg + "-journal";
    const std::string live = dir / (".parkcap-tmp-" + std::to_string(::getppid()) + "-PLAN.gpkg");
    const std::string unrelated = dir / ".parkcap-tmp-notapid-x.gpkg";
    for (const auto& p : {dead_gpkg, dead_journal, live, unrelated}) test::write_text_file(p, "partial");

    auto removed = remove_interrupted_outputs(dir.path().string());
    std::sort(removed.begin(), removed.end(), [](const auto& x, const auto& y) { return x.temp_path < y.temp_path; });
    REQUIRE(removed.size() == 2);
    CHECK(removed[0].temp_path == dead_gpkg);
    CHECK(removed[0].target == dir / "AUDIT.gpkg");
    CHECK(removed[0].pid == dead);
    CHECK(removed[1].temp_path == dead_journal);
    CHECK(removed[1].target == dir / "AUDIT.gpkg");
    CHECK_FALSE(fs::exists(dead_gpkg));
    CHECK_FALSE(fs::exists(dead_journal));
    CHECK(fs::exists(live));
    CHECK(fs::exists(unrelated));
}

TEST_CASE("interrupt cleanup: SIGTERM removes the temporary files and still kills the process", "[core][atomic]") {
    test::ScratchDir dir("atomic-signal");
    const std::string target = dir / "AUDIT.gpkg";
    test::write_text_file(target, "previous");
    const pid_t child = ::fork();
    if (child == 0) {
        install_interrupt_cleanup();
        AtomicOutput out(target);
        std::ofstream(out.temp_path(), std::ios::binary) << "half";
        std::ofstream(out.temp_path() + "-journal", std::ios::binary) << "journal";
        ::raise(SIGTERM);
        ::_exit(3);  // not reached
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == SIGTERM);
    CHECK(files_in(dir.path()) == std::vector<std::string>{"AUDIT.gpkg"});
    CHECK(test::read_text_file(target) == "previous");
}

TEST_CASE("atomic files: an output set a killed run was renaming is completed by the next run", "[core][atomic]") {
    parkcap::test::ScratchDir dir("atomic-journal");
    namespace fs = std::filesystem;
    // A process that has ended: its pid names the journal, as a killed run's would.
    const pid_t dead = ::fork();
    if (dead == 0) ::_exit(0);
    int status = 0;
    ::waitpid(dead, &status, 0);
    const std::string p = std::to_string(dead);
    const std::string a = dir / "AUDIT.gpkg", b = dir / "t.csv";
    const std::string ta = dir / (".parkcap-tmp-" + p + "-AUDIT.gpkg"), tb = dir / (".parkcap-tmp-" + p + "-t.csv");
    parkcap::test::write_text_file(a, "old gpkg");
    parkcap::test::write_text_file(ta, "new gpkg");  // not yet renamed when the run was killed
    parkcap::test::write_text_file(b, "new csv");    // already renamed
    parkcap::test::write_text_file(dir / (".parkcap-tmp-" + p + "-output-set.journal"),
                                   fs::absolute(tb).string() + "\t" + fs::absolute(b).string() + "\n" +
                                       fs::absolute(ta).string() + "\t" + fs::absolute(a).string() + "\n");
    const auto done = parkcap::complete_interrupted_sets(dir.path().string());
    REQUIRE(done.size() == 1);
    CHECK(done[0].target == fs::absolute(a).string());
    CHECK(parkcap::test::read_text_file(a) == "new gpkg");
    CHECK(parkcap::test::read_text_file(b) == "new csv");
    CHECK_FALSE(fs::exists(ta));
    CHECK_FALSE(fs::exists(dir / (".parkcap-tmp-" + p + "-output-set.journal")));
}
