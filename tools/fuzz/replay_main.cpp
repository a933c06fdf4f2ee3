// Without libFuzzer (an ordinary build), each fuzz target is a program that runs
// the inputs it is given, files or folders of them, once each: the seed corpus in
// the test suite, or a crash file found by a fuzzing run, to debug it.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace fs = std::filesystem;

namespace {
void run_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
}
}  // namespace

int main(int argc, char** argv) {
    std::size_t runs = 0;
    for (int a = 1; a < argc; ++a) {
        const fs::path p(argv[a]);
        if (fs::is_directory(p)) {
            for (const auto& e : fs::directory_iterator(p))
                if (e.is_regular_file()) run_file(e.path()), ++runs;
        } else if (fs::exists(p)) {
            run_file(p), ++runs;
        } else {
            std::fprintf(stderr, "%s: no such file or folder\n", argv[a]);
            return 2;
        }
    }
    std::printf("replayed %zu inputs\n", runs);
    return runs > 0 ? 0 : 2;
}
