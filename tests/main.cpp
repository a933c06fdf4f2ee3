// The Catch2 runner. The fixture writers use GDAL before any engine call, so
// GDAL's drivers are registered first, through the engine (as it does itself).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "parkcap/core/gdal.hpp"

int main(int argc, char* argv[]) {
    parkcap::register_gdal_drivers();
    return Catch::Session().run(argc, argv);
}
