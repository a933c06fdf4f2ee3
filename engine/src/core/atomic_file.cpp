#include "parkcap/core/atomic_file.hpp"

#include <filesystem>
#include <system_error>
#include <unistd.h>

#include <fmt/format.h>

#include "parkcap/core/error.hpp"

namespace fs = std::filesystem;

namespace parkcap {

AtomicOutput::AtomicOutput(std::string target) : target_(std::move(target)) {
    const fs::path t(target_);
    const fs::path dir = t.has_parent_path() ? t.parent_path() : fs::path(".");
    if (!fs::is_directory(dir))
        throw OutputError(fmt::format("{}: cannot write: folder {} does not exist", target_, dir.string()));
    // Same folder as the target, so the final rename never crosses filesystems;
    // the extension is kept because GDAL picks drivers by it.
    temp_ = (dir / (".tmp-" + std::to_string(::getpid()) + "-" + t.filename().string())).string();
    std::error_code ec;
    fs::remove(temp_, ec);
}

AtomicOutput::~AtomicOutput() {
    if (!committed_) {
        std::error_code ec;
        fs::remove(temp_, ec);
    }
}

void AtomicOutput::commit() {
    std::error_code ec;
    fs::rename(temp_, target_, ec);
    if (ec) throw OutputError(fmt::format("{}: cannot replace it: {}", target_, ec.message()));
    committed_ = true;
}

}  // namespace parkcap
