#pragma once
// GDAL is the engine's: it registers GDAL's drivers itself, once, before it first
// opens or creates a data source. A program that also uses GDAL directly, before
// any engine call (the tests' fixture writers), calls this first instead of
// GDALAllRegister(). Nothing here includes GDAL.
namespace parkcap {

/// Registers GDAL's drivers once per process; later calls do nothing.
void register_gdal_drivers();

}  // namespace parkcap
