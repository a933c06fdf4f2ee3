#include "parkcap/core/atomic_file.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <unistd.h>

#include <fmt/format.h>

#include "parkcap/core/error.hpp"

namespace fs = std::filesystem;

namespace parkcap {

namespace {

constexpr std::string_view kTempPrefix = ".parkcap-tmp-";

// ---- this process's temporary files, for the signal handler ------------------
// A fixed table of C strings: the handler may only read it and call unlink(),
// which is async-signal-safe; registering and unregistering swap pointers.

constexpr std::size_t kSlots = 256;
std::array<std::atomic<char*>, kSlots> g_temp_files{};

void register_temp(const std::string& path) {
    char* copy = strdup(path.c_str());
    if (!copy) return;
    for (auto& slot : g_temp_files) {
        char* expected = nullptr;
        if (slot.compare_exchange_strong(expected, copy)) return;
    }
    std::free(copy);  // more than kSlots open outputs: that file is still removed by the destructor
}

void unregister_temp(const std::string& path) {
    for (auto& slot : g_temp_files) {
        char* p = slot.load();
        if (p && path == p && slot.compare_exchange_strong(p, nullptr)) {
            std::free(p);
            return;
        }
    }
}

/// Set while an output set is being renamed into place: an interrupt then leaves
/// its files and journal for the next run to complete, as a kill would.
std::atomic<bool> g_renaming_set{false};

extern "C" void remove_temps_and_die(int sig) {
    for (auto& slot : g_temp_files) {
        if (g_renaming_set.load()) break;
        if (char* p = slot.load()) {
            ::unlink(p);
            // SQLite's side files of a GeoPackage being written.
            char side[4096];
            for (const char* suffix : {"-journal", "-wal", "-shm"}) {
                const std::size_t n = std::strlen(p), m = std::strlen(suffix);
                if (n + m + 1 > sizeof side) continue;
                std::memcpy(side, p, n);
                std::memcpy(side + n, suffix, m + 1);
                ::unlink(side);
            }
        }
    }
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

// ---- durability ----------------------------------------------------------------

/// fsync a file or folder by path; `what` names it in the error.
void sync_path(const std::string& path, bool folder, const std::string& what) {
    const int fd = ::open(path.c_str(), folder ? O_RDONLY | O_DIRECTORY : O_RDONLY);
    if (fd < 0) {
        if (folder) return;  // some filesystems refuse to open folders; the rename itself is done
        throw OutputError(fmt::format("{}: cannot be flushed to disk: {}", what, std::strerror(errno)));
    }
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    // EINVAL: the filesystem does not support syncing this kind of file (e.g. a folder on some).
    if (rc != 0 && err != EINVAL)
        throw OutputError(fmt::format("{}: cannot be flushed to disk: {}", what, std::strerror(err)),
                          "check free disk space and that the disk is healthy");
}

std::string folder_of(const std::string& target) {
    const fs::path t(target);
    return t.has_parent_path() ? t.parent_path().string() : std::string(".");
}

void rename_onto(const std::string& temp, const std::string& target) {
    std::error_code ec;
    fs::rename(temp, target, ec);
    if (ec) throw OutputError(fmt::format("{}: cannot replace it: {}", target, ec.message()));
}

thread_local OutputSet* t_current_set = nullptr;

}  // namespace

AtomicOutput::AtomicOutput(std::string target) : target_(std::move(target)) {
    const fs::path t(target_);
    const fs::path dir = folder_of(target_);
    std::error_code ec;
    const bool is_folder = fs::is_directory(dir, ec);
    if (ec && ec != std::errc::no_such_file_or_directory)
        throw OutputError(fmt::format("{}: cannot write: folder {} cannot be reached ({})", target_, dir.string(), ec.message()));
    if (!is_folder) throw OutputError(fmt::format("{}: cannot write: folder {} does not exist", target_, dir.string()));
    // Same folder as the target, so the final rename never crosses filesystems;
    // the extension is kept because GDAL picks drivers by it.
    temp_ = (dir / (std::string(kTempPrefix) + std::to_string(::getpid()) + "-" + t.filename().string())).string();
    ec.clear();
    fs::remove(temp_, ec);
    register_temp(temp_);
}

AtomicOutput::~AtomicOutput() {
    if (!committed_) {
        std::error_code ec;
        fs::remove(temp_, ec);
        unregister_temp(temp_);
    }
}

void AtomicOutput::commit() {
    sync_path(temp_, false, target_);
    committed_ = true;
    if (OutputSet* set = OutputSet::current()) {
        set->pending_.push_back({temp_, target_});
        return;
    }
    rename_onto(temp_, target_);
    unregister_temp(temp_);
    sync_path(folder_of(target_), true, folder_of(target_));
}

OutputSet::OutputSet() : previous_(t_current_set) { t_current_set = this; }

OutputSet::~OutputSet() {
    t_current_set = previous_;
    if (committed_) return;
    for (const auto& p : pending_) {
        std::error_code ec;
        fs::remove(p.temp, ec);
        unregister_temp(p.temp);
    }
}

OutputSet* OutputSet::current() { return t_current_set; }

namespace {

constexpr std::string_view kJournalSuffix = "-output-set.journal";

std::string journal_path(const std::string& first_target) {
    return (fs::path(folder_of(first_target)) / (std::string(kTempPrefix) + std::to_string(::getpid()) +
                                                  std::string(kJournalSuffix)))
        .string();
}

}  // namespace

void OutputSet::commit() {
    // Every file is already on disk. A set of several files is not renamed in one
    // step, so the renames are written ahead to a journal: a run killed among them
    // is completed by the next (complete_interrupted_sets), never left half old.
    struct ClearOnExit {
        ~ClearOnExit() { g_renaming_set.store(false); }
    } clear_on_exit;  // a rename that throws leaves interrupts cleaning up again
    std::string journal;
    if (pending_.size() > 1) {
        journal = journal_path(pending_.front().target);
        {
            std::ofstream out(journal, std::ios::binary | std::ios::trunc);
            for (const auto& p : pending_)
                out << fs::absolute(p.temp).string() << '\t' << fs::absolute(p.target).string() << '\n';
            if (!out.flush()) throw OutputError(fmt::format("{}: cannot write the output set's journal", journal));
        }
        register_temp(journal);
        sync_path(journal, false, journal);
        sync_path(folder_of(journal), true, folder_of(journal));
        g_renaming_set.store(true);
    }
    std::vector<std::string> folders;
    for (std::size_t i = 0; i < pending_.size(); ++i) {
        rename_onto(pending_[i].temp, pending_[i].target);
        unregister_temp(pending_[i].temp);
        const std::string folder = folder_of(pending_[i].target);
        if (std::find(folders.begin(), folders.end(), folder) == folders.end()) folders.push_back(folder);
    }
    committed_ = true;
    for (const auto& f : folders) sync_path(f, true, f);
    if (!journal.empty()) {
        std::error_code ec;
        fs::remove(journal, ec);
        unregister_temp(journal);
    }
}

std::vector<InterruptedOutput> complete_interrupted_sets(const std::string& folder) {
    std::vector<InterruptedOutput> completed;
    std::error_code ec;
    fs::directory_iterator it(folder.empty() ? "." : folder, ec);
    if (ec) return completed;
    std::vector<fs::path> journals;
    for (const auto& entry : it) {
        const std::string name = entry.path().filename().string();
        if (name.compare(0, kTempPrefix.size(), kTempPrefix) != 0 || name.size() <= kJournalSuffix.size() ||
            name.compare(name.size() - kJournalSuffix.size(), kJournalSuffix.size(), kJournalSuffix) != 0)
            continue;
        const long pid = std::strtol(name.c_str() + kTempPrefix.size(), nullptr, 10);
        if (pid <= 0 || pid == static_cast<long>(::getpid())) continue;
        if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // still running
        journals.push_back(entry.path());
    }
    for (const fs::path& j : journals) {
        const long pid = std::strtol(j.filename().c_str() + kTempPrefix.size(), nullptr, 10);
        std::ifstream in(j);
        for (std::string line; std::getline(in, line);) {
            const auto tab = line.find('\t');
            if (tab == std::string::npos) continue;
            const std::string temp = line.substr(0, tab), target = line.substr(tab + 1);
            std::error_code exists;
            if (!fs::exists(temp, exists)) continue;  // renamed before the kill
            std::error_code rn;
            fs::rename(temp, target, rn);
            if (!rn) completed.push_back({temp, target, pid});
        }
        in.close();
        std::error_code rm;
        fs::remove(j, rm);
        sync_path(folder, true, folder);
    }
    return completed;
}

std::vector<InterruptedOutput> remove_interrupted_outputs(const std::string& folder) {
    std::vector<InterruptedOutput> removed;
    std::error_code ec;
    fs::directory_iterator it(folder.empty() ? "." : folder, ec);
    if (ec) return removed;
    for (const auto& entry : it) {
        const std::string name = entry.path().filename().string();
        if (name.compare(0, kTempPrefix.size(), kTempPrefix) != 0) continue;
        const char* digits = name.c_str() + kTempPrefix.size();
        char* end = nullptr;
        const long pid = std::strtol(digits, &end, 10);
        if (end == digits || *end != '-' || pid <= 0) continue;
        if (pid == static_cast<long>(::getpid())) continue;
        if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // still running (or not ours to judge)
        std::string target = end + 1;
        for (const char* suffix : {"-journal", "-wal", "-shm"}) {
            const std::size_t m = std::strlen(suffix);
            if (target.size() > m && target.compare(target.size() - m, m, suffix) == 0) target.resize(target.size() - m);
        }
        std::error_code rm;
        if (fs::remove(entry.path(), rm))
            removed.push_back({entry.path().string(), (entry.path().parent_path() / target).string(), pid});
    }
    return removed;
}

void install_interrupt_cleanup() {
    struct sigaction action {};
    action.sa_handler = remove_temps_and_die;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

}  // namespace parkcap
