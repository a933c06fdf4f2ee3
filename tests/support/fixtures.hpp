#pragma once
// Helpers for tests that write real files: a scratch directory per test, removed
// afterwards, and a way to run the parkcap binary and capture what it prints.
#include <filesystem>
#include <string>

namespace parkcap::test {

/// A fresh empty directory under the build tree, deleted when this goes out of scope.
class ScratchDir {
public:
    explicit ScratchDir(const std::string& name);
    ~ScratchDir();
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::string operator/(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

struct CommandResult {
    int exit_code = -1;
    std::string out;  ///< stdout
    std::string err;  ///< stderr
};

/// Runs `command` through the shell, capturing stdout and stderr separately.
CommandResult run_command(const std::string& command);

/// Writes `text` to `path` byte for byte.
void write_text_file(const std::string& path, const std::string& text);
std::string read_text_file(const std::string& path);

}  // namespace parkcap::test
