#include "support/fixtures.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

#include "test_config.hpp"

namespace fs = std::filesystem;

namespace parkcap::test {

ScratchDir::ScratchDir(const std::string& name) {
    path_ = fs::path(kBinaryDir) / "test-scratch" / (name + "-" + std::to_string(::getpid()));
    fs::remove_all(path_);
    fs::create_directories(path_);
}

ScratchDir::~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

CommandResult run_command(const std::string& command) {
    static int counter = 0;
    const fs::path base = fs::path(kBinaryDir) / "test-scratch";
    fs::create_directories(base);
    const std::string stem = (base / ("cmd-" + std::to_string(::getpid()) + "-" + std::to_string(counter++))).string();
    const std::string full = command + " >" + stem + ".out 2>" + stem + ".err";
    const int status = std::system(full.c_str());
    CommandResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = read_text_file(stem + ".out");
    result.err = read_text_file(stem + ".err");
    fs::remove(stem + ".out");
    fs::remove(stem + ".err");
    return result;
}

void write_text_file(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    if (!out) throw std::runtime_error("cannot write " + path);
    out << text;
}

std::string read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace parkcap::test
