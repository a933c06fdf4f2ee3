#include "parkcap/core/gdal.hpp"

#include <mutex>

#include <gdal.h>

namespace parkcap {

void register_gdal_drivers() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

}  // namespace parkcap
