#pragma once
// The generator: builds one city definition into parks, blocks and parcels with
// planted audit cases, writes every layer, and prints the tally of what it
// planted, the independent ground truth the engine's audit is tested against.
//
// Its steps live by concern: generator.cpp (geography, pools, case assignment),
// layers.cpp (districts, parks, parcels), shoreline.cpp, projects.cpp (projects
// and quota), tally.cpp (the counts and the printed summary), periods.cpp (the
// later dated packages, evolved by evolve.cpp).
#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "attributes.hpp"
#include "cases.hpp"
#include "city_definition.hpp"
#include "layout.hpp"
#include "parcels.hpp"
#include "planar.hpp"
#include "projections.hpp"
#include "river.hpp"

namespace sample_city {

struct Options {
    std::filesystem::path out_dir;
    int64_t parcels = 6000;
    uint64_t seed = 2026;
    /// Where the later periods go (one folder per date, docs/sample_city.md); empty: none.
    std::filesystem::path periods_dir;
};

/// What was planted and written, counted while writing.
struct Stats {
    std::vector<std::array<int64_t, kCaseCount>> cases;  ///< per case group
    std::map<std::string, int64_t> by_status, by_land_use;
    std::map<std::string, double> mu_by_status_in_parks, mu_by_status_outside;
    std::vector<std::pair<std::string, std::string>> special_ids;  ///< special code, parcel_id
    std::map<std::string, double> special_shore_m;                  ///< special code → distance to the bank
    std::map<std::string, int64_t> expected_flags;                  ///< engine flag code → parcels
    std::map<std::string, int64_t> chem_near_shore;                 ///< by status: C26, supplied/building/built, < 1 km
    std::vector<Ring> near_river_occupied;  ///< built/building parcels within 700 m of the bank
    std::map<int64_t, std::vector<std::size_t>> near_river_by_100m;  ///< chainage bucket → those parcels within 300 m of it
    double parcel_mu = 0;
    int64_t written = 0;
    int64_t flagged = 0;          ///< parcels carrying at least one expected flag
    int64_t vertices_5_to_8 = 0;  ///< parcels whose ring has 5 to 8 vertices
    int64_t concave = 0;          ///< parcels with a reflex corner
    int max_vertices = 0;
    struct Tract {
        int64_t parcels = 0;
        double mu = 0;
        std::map<std::string, int64_t> by_case;
    };
    std::vector<Tract> tracts;  ///< indexed like CityDefinition::tracts
};

class Generator {
public:
    Generator(const CityDefinition& city, Options o);

    /// Writes every file into Options::out_dir and prints the summary.
    void run();

private:
    // generator.cpp
    Pt vertex(const char* name) const;
    void build_geography();
    int district_index(std::string_view code) const;
    void build_pools();
    void check_placement() const;
    void lay_out_pools();
    std::vector<std::size_t> lay_tracts(int group);
    void assign_cases();
    // layers.cpp
    void write_districts();
    void write_parks();
    void write_parcels();
    // shoreline.cpp
    std::pair<double, double> frontage(int park, int part) const;
    void plan_shoreline();
    void write_shoreline();
    // projects.cpp
    void write_projects();
    void write_quota() const;
    void write_rules() const;
    // periods.cpp
    void write_periods();
    // tally.cpp
    void tally(const Pool& p, Case c, const SpecialDef* special, const std::string& id, const ParcelRec& a,
               const Ring& ring, double mu);
    void print_summary() const;

    bool one_crs() const { return city_.output == OutputFormat::GeoPackageOneCrs; }
    /// A layer of the output: its own Shapefile, or a layer of city.gpkg in EPSG:4528.
    ShapeWriter layer_writer(const char* name, const OGRSpatialReference& srs, OGRwkbGeometryType type,
                             const std::vector<FieldSpec>& fields);

    const CityDefinition& city_;
    Options opt_;
    DatasetPtr gpkg_;  ///< city.gpkg while the layers are written (GeoPackage output)
    Projections proj_;
    double scale_ = 1;
    River river_;
    std::vector<Poly> district_world_;  ///< indexed like CityDefinition::districts
    std::vector<Pool> pools_;
    std::vector<std::vector<uint8_t>> land_use_, first_row_, case_;  ///< per case group, per parcel
    std::vector<std::vector<int16_t>> tract_of_;  ///< per case group, per parcel: its tract, or -1
    std::vector<std::map<int64_t, std::size_t>> special_at_;          ///< per case group: parcel → special
    std::vector<ShoreInterval> shore_;
    Stats stats_;
    std::vector<ParcelRecord> records_;  ///< the base's parcels, kept only when periods are written
    struct ProjectSummary {
        std::string kind, industry, origin;
        double area_mu, investment, tax;
        int eia_ok, needs_shore, major;
    };
    std::vector<ProjectSummary> projects_;
};

}  // namespace sample_city
