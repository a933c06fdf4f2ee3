// The Catch2 runner; GDAL's drivers are registered once for every test.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <gdal.h>

int main(int argc, char* argv[]) {
    GDALAllRegister();
    return Catch::Session().run(argc, argv);
}
