#include "parkcap/io/load.hpp"

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>
#include <regex>
#include <unordered_map>

#include <fmt/format.h>
#include <ogr_spatialref.h>

#include "../geom/detail/geos_support.hpp"
#include "detail/crs_area.hpp"
#include "overlaps.hpp"
#include "detail/csv_quotes.hpp"
#include "detail/ogr_source.hpp"
#include "parkcap/core/error.hpp"
#include "parkcap/core/text.hpp"
#include "parkcap/core/units.hpp"
#include "parkcap/io/references.hpp"
#include "parkcap/crs/working_crs.hpp"
#include "parkcap/index/parcel_index.hpp"
#include "parkcap/model/industry.hpp"

namespace parkcap::io {

namespace {

using detail::RecordReader;
using detail::SourceLayer;
using geom::Point;

/// Collects GDAL's failures while a layer is read: a truncated .shp shows up only
/// as errors on the way, with GetNextFeature() ending early.
class GdalErrorCapture {
public:
    GdalErrorCapture() { CPLPushErrorHandlerEx(&GdalErrorCapture::handle, this); }
    ~GdalErrorCapture() { CPLPopErrorHandler(); }
    std::vector<std::string> failures;
    std::vector<std::string> warnings;  ///< since the caller last took them

private:
    static void CPL_STDCALL handle(CPLErr level, CPLErrorNum, const char* message) {
        auto* self = static_cast<GdalErrorCapture*>(CPLGetErrorHandlerUserData());
        if (!self) return;
        if (level >= CE_Failure) self->failures.emplace_back(message ? message : "");
        else if (level == CE_Warning) self->warnings.emplace_back(message ? message : "");
    }
};

void throw_if_read_failed(const GdalErrorCapture& errors, SourceLayer& source, uint64_t records_read) {
    if (errors.failures.empty()) return;
    throw InputError(fmt::format("{}:{}: reading failed after {} records: {}", source.file(), source.layer_name(),
                                 records_read, errors.failures.front()),
                     "the file is damaged or truncated; export it again from the source system");
}

/// One source file (or layer of one) of a spatial layer, opened with its CRS and
/// the transformation into the working CRS.
struct SpatialPart {
    std::unique_ptr<SourceLayer> source;
    OGRSpatialReference srs;
    std::unique_ptr<OGRCoordinateTransformation> to_working;
    /// Where its CRS is valid (PROJ's area of use); empty when PROJ knows none.
    std::optional<detail::CrsArea> area;
    LayerInfo info;
};

/// A logical spatial layer: one or more parts read as one.
struct SpatialSource {
    const LayerSpec* spec = nullptr;
    LayerMapping mapping;
    std::vector<SpatialPart> parts;
    std::size_t first_info = 0;  ///< index in City::layers of parts[0]'s LayerInfo
    int earliest_year = 0;       ///< LoadOptions::earliest_year
    Date events_until;           ///< LoadOptions::events_until
};

/// Counts of the logical layer and of the part being read, kept together.
struct Tally {
    LayerCounts& layer;
    LayerCounts& part;
    void add(uint64_t LayerCounts::*field) {
        ++(layer.*field);
        ++(part.*field);
    }
};

std::string srs_id(const OGRSpatialReference& srs) {
    const char* auth = srs.GetAuthorityName(nullptr);
    const char* code = srs.GetAuthorityCode(nullptr);
    if (auth && code) return fmt::format("{}:{}", auth, code);
    OGRSpatialReference copy(srs);
    if (copy.AutoIdentifyEPSG() == OGRERR_NONE && copy.GetAuthorityCode(nullptr))
        return fmt::format("EPSG:{}", copy.GetAuthorityCode(nullptr));
    return "";
}

void settle_layer_crs(SpatialPart& s, const LayerSpec& spec, const LayerMapping& mapping, const std::string& mapping_name) {
    const OGRSpatialReference* own = s.source->layer().GetSpatialRef();
    if (own) {
        s.srs = *own;
    } else if (mapping.crs) {
        if (s.srs.SetFromUserInput(mapping.crs->c_str()) != OGRERR_NONE)
            throw DataError(fmt::format("{}: [{}] crs = '{}' is not a CRS PROJ knows",
                                        mapping_name.empty() ? "mapping" : mapping_name, spec.name, *mapping.crs),
                            "use an EPSG code such as \"EPSG:4528\"");
        s.info.crs_declared = true;
    } else {
        throw DataError(fmt::format("{}:{}: the {} layer has no CRS (no .prj or SRS)", s.source->file(),
                                    s.source->layer_name(), spec.name),
                        fmt::format("declare it in a mapping file: [{}] crs = \"EPSG:4528\" (or [defaults] crs = ...)",
                                    spec.name));
    }
    s.srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    s.info.crs_name = s.srs.GetName() ? s.srs.GetName() : "";
    s.info.crs_id = srs_id(s.srs);
}

/// Longitude of the centre of all layers' extents, for choosing the GK zone. A
/// corner outside where its layer's CRS is valid is left out: one feature typed
/// in other units (rejected when it is read) stretches the extent to it, and
/// would otherwise move the zone, or the whole city off the globe.
double data_centre_longitude(std::vector<SpatialSource>& sources) {
    OGRSpatialReference geographic;
    geographic.importFromEPSG(4490);
    geographic.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    double min_lon = 1e9, max_lon = -1e9;
    for (const bool only_valid : {true, false}) {
    for (auto& layer : sources)
    for (auto& s : layer.parts) {
        // An empty layer has no extent; a Shapefile reports 0,0,0,0, which in
        // longitude/latitude would drag the centre to 0°E.
        if (s.source->feature_count() == 0) continue;
        OGREnvelope env;
        if (s.source->layer().GetExtent(&env, TRUE) != OGRERR_NONE) continue;
        std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&s.srs, &geographic));
        if (!ct) continue;
        double xs[5] = {env.MinX, env.MaxX, env.MinX, env.MaxX, (env.MinX + env.MaxX) / 2};
        double ys[5] = {env.MinY, env.MinY, env.MaxY, env.MaxY, (env.MinY + env.MaxY) / 2};
        int ok[5] = {0, 0, 0, 0, 0};
        bool valid[5] = {true, true, true, true, true};
        if (only_valid && s.area)
            for (int i = 0; i < 5; ++i) {
                OGREnvelope corner;
                corner.MinX = corner.MaxX = xs[i];
                corner.MinY = corner.MaxY = ys[i];
                valid[i] = s.area->contains(corner);
            }
        CPLPushErrorHandler(CPLQuietErrorHandler);  // a corner off the projection's domain is skipped, not printed
        ct->Transform(5, xs, ys, nullptr, ok);
        CPLPopErrorHandler();
        for (int i = 0; i < 5; ++i)
            if (ok[i] && valid[i]) {
                min_lon = std::min(min_lon, xs[i]);
                max_lon = std::max(max_lon, xs[i]);
            }
    }
    // No corner where its CRS is valid: the extents as they are (check_layer_crs_areas
    // has stopped a layer wholly outside, so this is data without a known area of use).
    if (min_lon <= max_lon) break;
    }
    if (min_lon > max_lon)
        throw DataError("cannot place the data on the globe: no layer extent transforms to longitude/latitude",
                        "set the working CRS with --crs EPSG:N");
    return (min_lon + max_lon) / 2;
}

// ---- geometry ---------------------------------------------------------------

std::string geometry_type_name(const OGRGeometry& g) { return OGRGeometryTypeToName(g.getGeometryType()); }

void rings_of(const OGRPolygon& poly, std::vector<std::vector<Point>>& rings) {
    rings.clear();
    auto add = [&](const OGRLinearRing* r) {
        if (!r) return;
        std::vector<Point> pts(static_cast<std::size_t>(r->getNumPoints()));
        for (int i = 0; i < r->getNumPoints(); ++i) pts[static_cast<std::size_t>(i)] = {r->getX(i), r->getY(i)};
        rings.push_back(std::move(pts));
    };
    add(poly.getExteriorRing());
    for (int i = 0; i < poly.getNumInteriorRings(); ++i) add(poly.getInteriorRing(i));
}

/// The steps every geometry takes before it is stored: rejects null and empty
/// geometry, linearises curves (into `holder`), checks the type against `simple`
/// and `multi`, drops Z/M, closes rings and transforms into the working CRS.
/// Returns the geometry to read, or null when the record is rejected (reported).
/// `what` names the layer's records in the message ("parcels" must be polygons).
/// A geometry whose centre lies outside its CRS's area of use (`area`) is rejected:
/// its coordinates are in another CRS or other units than its layer says.
OGRGeometry* prepared_geometry(OGRGeometry* original, OGRCoordinateTransformation* ct, const detail::CrsArea* area,
                               RecordReader& rr, OGRwkbGeometryType simple, OGRwkbGeometryType multi,
                               std::string_view what, std::unique_ptr<OGRGeometry>& holder,
                               int* rings_closed = nullptr) {
    if (!original) {
        rr.issue(Severity::Rejected, "geometry.null", "", "has no geometry");
        return nullptr;
    }
    if (original->IsEmpty()) {
        rr.issue(Severity::Rejected, "geometry.empty", "", "has an empty geometry");
        return nullptr;
    }
    OGRGeometry* g = original;
    if (g->hasCurveGeometry()) {
        holder.reset(g->getLinearGeometry());
        g = holder.get();
    }
    const OGRwkbGeometryType type = wkbFlatten(g->getGeometryType());
    if (type != simple && type != multi) {
        rr.issue(Severity::Rejected, "geometry.type", "",
                 fmt::format("geometry is a {}; {} must be {}", geometry_type_name(*g), what,
                             simple == wkbPolygon ? "polygons" : "lines"));
        return nullptr;
    }
    g->flattenTo2D();
    if (simple == wkbPolygon) {
        if (rings_closed) {
            auto count_open = [&](const OGRPolygon& p) {
                for (const OGRLinearRing* r : p)
                    if (r && r->getNumPoints() > 0 && !r->get_IsClosed()) ++*rings_closed;
            };
            if (type == wkbPolygon) count_open(*g->toPolygon());
            else
                for (const OGRPolygon* p : *g->toMultiPolygon()) count_open(*p);
        }
        g->closeRings();
    }
    if (area) {
        OGREnvelope env;
        g->getEnvelope(&env);
        if (!area->contains(env)) {
            const double x = (env.MinX + env.MaxX) / 2, y = (env.MinY + env.MaxY) / 2;
            double lon = 0, lat = 0;
            const std::string at = area->to_lonlat(x, y, lon, lat) ? fmt::format(" = {:.2f}°E, {:.2f}°N", lon, lat) : "";
            rr.issue(Severity::Rejected, "geometry.outside_crs", "",
                     fmt::format("lies at x {:.1f}, y {:.1f}{}, outside where its CRS is valid ({}, ±{}°): coordinates "
                                 "in another CRS or other units than the layer's; record rejected",
                                 x, y, at, area->describe(), detail::kCrsAreaMarginDeg));
            return nullptr;
        }
    }
    if (ct && g->transform(ct) != OGRERR_NONE) {
        rr.issue(Severity::Rejected, "geometry.transform", "", "could not be transformed into the working CRS");
        return nullptr;
    }
    return g;
}

/// Reads a polygonal geometry into `column` as one feature, repairing invalid
/// polygons. Returns false when the record must be rejected (issue reported).
bool read_polygonal(OGRGeometry* original, const SpatialPart& part, geom::MultiPolygonColumn& column,
                    RecordReader& rr, const char* what, Tally& counts) {
    using namespace geom::detail;
    std::unique_ptr<OGRGeometry> linear;
    int rings_closed = 0;
    OGRGeometry* g = prepared_geometry(original, part.to_working.get(), part.area ? &*part.area : nullptr, rr, wkbPolygon,
                                       wkbMultiPolygon, what, linear, &rings_closed);
    if (!g) return false;
    // An unclosed ring is a repair too: reported, with the area it encloses.
    auto report_closed = [&](std::size_t feature) {
        if (rings_closed == 0) return;
        counts.add(&LayerCounts::repaired);
        rr.issue(Severity::Warning, "geometry.repaired", "",
                 fmt::format("{} ring{} not closed (last point not the first): closed by repeating the first point; "
                             "area {:.1f} m² → {:.1f} m² (unchanged: the closing edge was implied)",
                             rings_closed, rings_closed == 1 ? "" : "s", column.area(feature), column.area(feature)));
    };
    const OGRwkbGeometryType type = wkbFlatten(g->getGeometryType());

    // The common parcel, one ring without holes, is valid when the ring is simple;
    // proving that exactly is far cheaper than building it in GEOS and asking.
    // When the proof fails (the ring may be invalid, or is too close to call), GEOS
    // decides below as before, so no outcome changes. The ring is read into one
    // buffer per thread: no allocation for the common parcel.
    const OGRPolygon* single = type == wkbPolygon                                  ? g->toPolygon()
                               : g->toMultiPolygon()->getNumGeometries() == 1 ? g->toMultiPolygon()->getGeometryRef(0)
                                                                                : nullptr;
    if (single && single->getNumInteriorRings() == 0) {
        if (const OGRLinearRing* ring = single->getExteriorRing()) {
            thread_local std::vector<Point> pts;
            pts.resize(static_cast<std::size_t>(ring->getNumPoints()));
            for (int i = 0; i < ring->getNumPoints(); ++i) pts[static_cast<std::size_t>(i)] = {ring->getX(i), ring->getY(i)};
            if (geom::ring_is_certainly_simple(pts)) {
                column.begin_feature();
                column.begin_polygon();
                column.add_ring(pts);
                column.end_feature();
                report_closed(column.size() - 1);
                return true;
            }
        }
    }

    std::vector<const OGRPolygon*> polys;
    if (type == wkbPolygon) polys.push_back(g->toPolygon());
    else
        for (const OGRPolygon* p : *g->toMultiPolygon()) polys.push_back(p);

    std::vector<std::vector<std::vector<Point>>> all(polys.size());
    for (std::size_t i = 0; i < polys.size(); ++i) rings_of(*polys[i], all[i]);

    std::vector<GEOSGeometry*> parts;
    bool buildable = true;
    for (std::size_t i = 0; i < polys.size(); ++i) {
        GeosPtr p = make_polygon(all[i]);
        if (!p) { buildable = false; break; }
        parts.push_back(p.release());
    }
    if (!buildable) {
        for (auto* p : parts) GEOSGeom_destroy_r(geos(), p);
        rr.issue(Severity::Rejected, "geometry.invalid", "", "has a ring with fewer than 4 points; cannot be repaired");
        return false;
    }
    GeosPtr multi(GEOSGeom_createCollection_r(geos(), GEOS_MULTIPOLYGON, parts.data(), static_cast<unsigned>(parts.size())));

    column.begin_feature();
    if (GEOSisValid_r(geos(), multi.get()) == 1) {
        for (const auto& rings : all) {
            column.begin_polygon();
            for (const auto& r : rings) column.add_ring(r);
        }
        column.end_feature();
        report_closed(column.size() - 1);
        return true;
    }
    const std::string reason = invalid_reason(multi.get());
    double area_before = 0;
    GEOSArea_r(geos(), multi.get(), &area_before);
    GeosPtr fixed = make_valid_polygonal(multi.get());
    if (!fixed || append_polygonal(fixed.get(), column) == 0) {
        column.abandon_feature();
        rr.issue(Severity::Rejected, "geometry.unrepairable", "",
                 fmt::format("invalid polygon ({}) has no polygonal part after MakeValid", reason));
        return false;
    }
    column.end_feature();
    const double area_after = column.area(column.size() - 1);
    counts.add(&LayerCounts::repaired);
    rr.issue(Severity::Warning, "geometry.repaired", "",
             fmt::format("invalid polygon ({}) repaired with GEOS MakeValid{}; area {:.1f} m² → {:.1f} m²", reason,
                         rings_closed > 0 ? fmt::format(" ({} unclosed ring{} closed first)", rings_closed,
                                                        rings_closed == 1 ? "" : "s")
                                          : "",
                         area_before, area_after));
    return true;
}

bool read_lines(OGRGeometry* original, const SpatialPart& part, ShoreSegment& seg, RecordReader& rr) {
    std::unique_ptr<OGRGeometry> linear;
    OGRGeometry* g = prepared_geometry(original, part.to_working.get(), part.area ? &*part.area : nullptr, rr,
                                       wkbLineString, wkbMultiLineString,
                                       "shoreline segments", linear);
    if (!g) return false;
    const OGRwkbGeometryType type = wkbFlatten(g->getGeometryType());
    std::vector<const OGRLineString*> lines;
    if (type == wkbLineString) lines.push_back(g->toLineString());
    else
        for (const OGRLineString* l : *g->toMultiLineString()) lines.push_back(l);
    seg.bounds = geom::Box::empty();
    for (const OGRLineString* l : lines) {
        std::vector<Point> pts;
        for (int i = 0; i < l->getNumPoints(); ++i) {
            const Point p{l->getX(i), l->getY(i)};
            if (!pts.empty() && pts.back().x == p.x && pts.back().y == p.y) continue;
            pts.push_back(p);
            seg.bounds.expand({p.x, p.y, p.x, p.y});
        }
        if (pts.size() < 2) continue;
        for (std::size_t i = 1; i < pts.size(); ++i) seg.length_m += std::hypot(pts[i].x - pts[i - 1].x, pts[i].y - pts[i - 1].y);
        seg.parts.push_back(std::move(pts));
    }
    if (seg.parts.empty()) {
        rr.issue(Severity::Rejected, "geometry.invalid", "", "line has fewer than 2 distinct points");
        return false;
    }
    return true;
}

// ---- layers -----------------------------------------------------------------

/// Reads a layer's features on a second thread, in batches, while the caller
/// checks and converts the previous ones. Decoding a Shapefile record and checking
/// it cost about the same, so the load runs on both cores. GDAL's failures on the
/// reading thread (a truncated file) are collected there, as the caller's are.
/// A feature as read, with GDAL's warnings while reading it.
struct ReadFeature {
    OGRFeatureUniquePtr feature;
    std::vector<std::string> warnings;
};

class FeatureReader {
public:
    explicit FeatureReader(OGRLayer& layer) : layer_(layer), thread_([this] { run(); }) {}
    ~FeatureReader() {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        changed_.notify_all();
        thread_.join();
    }
    FeatureReader(const FeatureReader&) = delete;
    FeatureReader& operator=(const FeatureReader&) = delete;

    /// The next batch of features, in layer order; empty once the layer is exhausted.
    /// The previous batch goes back to the reading thread to be freed there: freeing
    /// a million features' memory on another thread than the one that allocated it
    /// costs more than the whole check (malloc's arenas are per thread).
    std::vector<ReadFeature> next(std::vector<ReadFeature>&& used = {}) {
        std::unique_lock lock(mutex_);
        if (!used.empty()) used_.push_back(std::move(used));
        changed_.wait(lock, [&] { return !ready_.empty() || done_; });
        if (ready_.empty()) return {};
        std::vector<ReadFeature> batch = std::move(ready_.front());
        ready_.pop_front();
        changed_.notify_all();
        return batch;
    }
    /// GDAL's failures while reading (valid once next() has returned an empty batch).
    const std::vector<std::string>& failures() const { return failures_; }

private:
    static constexpr std::size_t kBatch = 512, kBatchesAhead = 8;

    void run() {
        GdalErrorCapture errors;  // this thread's GDAL errors
        for (bool more = true; more;) {
            free_used();
            std::vector<ReadFeature> batch;
            batch.reserve(kBatch);
            while (batch.size() < kBatch) {
                OGRFeatureUniquePtr f(layer_.GetNextFeature());
                if (!f) {
                    more = false;
                    break;
                }
                batch.push_back({std::move(f), {}});
                // What GDAL warned of while reading this feature belongs to it.
                if (!errors.warnings.empty()) batch.back().warnings.swap(errors.warnings);
            }
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return ready_.size() < kBatchesAhead || stop_; });
            if (stop_) return;
            if (!batch.empty()) ready_.push_back(std::move(batch));
            if (!more) {
                failures_ = errors.failures;
                done_ = true;
            }
            changed_.notify_all();
        }
        // Free what the caller hands back until it has taken the last batch.
        std::unique_lock lock(mutex_);
        while (!stop_) {
            std::deque<std::vector<ReadFeature>> used;
            used.swap(used_);
            lock.unlock();
            used.clear();
            lock.lock();
            changed_.wait(lock, [&] { return !used_.empty() || stop_; });
        }
    }

    void free_used() {
        std::deque<std::vector<ReadFeature>> used;
        {
            std::lock_guard lock(mutex_);
            used.swap(used_);
        }
    }

    OGRLayer& layer_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::vector<ReadFeature>> ready_, used_;
    std::vector<std::string> failures_;
    bool done_ = false, stop_ = false;
    std::thread thread_;  // last: starts once the members it uses exist
};

/// Stops on a CSV whose quoting joins lines that are records of their own: read
/// as GDAL reads it, the records after an unclosed quote would vanish into one value.
void refuse_swallowed_lines(SourceLayer& source) {
    const auto found = detail::find_swallowed_lines_in_file(source.file());
    if (!found) return;
    if (found->open_at_end)
        throw InputError(fmt::format("{}: line {}: a quote opened in this record is never closed: the {} lines from "
                                     "here to the end of the file would be read as one value",
                                     source.file(), found->first_line, found->last_line - found->first_line + 1),
                         "close the quote (or remove the stray \") on that line and read the file again");
    throw InputError(fmt::format("{}: lines {}..{}: quoting joins these lines into one record although they hold "
                                 "as many fields as the header: a quote opened on line {} closes only on line {}",
                                 source.file(), found->first_line, found->last_line, found->first_line, found->last_line),
                     "close the quote (or remove the stray \") on the first of those lines and read the file again");
}

/// How many attribute records a Shapefile's .dbf holds: its header's count, or
/// fewer when the file ends before them; nullopt when there is no .dbf to read.
std::optional<int64_t> dbf_records_beside(const std::string& shp) {
    for (const char* ext : {".dbf", ".DBF"}) {
        const std::filesystem::path dbf = std::filesystem::path(shp).replace_extension(ext);
        std::ifstream in(dbf, std::ios::binary);
        unsigned char header[12];
        if (!in.read(reinterpret_cast<char*>(header), sizeof header)) continue;
        const int64_t counted = int64_t{header[4]} | int64_t{header[5]} << 8 | int64_t{header[6]} << 16 | int64_t{header[7]} << 24;
        const int64_t header_size = int64_t{header[8]} | int64_t{header[9]} << 8;
        const int64_t record_size = int64_t{header[10]} | int64_t{header[11]} << 8;
        std::error_code ec;
        const auto bytes = static_cast<int64_t>(std::filesystem::file_size(dbf, ec));
        if (ec || record_size <= 0 || bytes < header_size) return counted;
        return std::min(counted, (bytes - header_size) / record_size);
    }
    return std::nullopt;
}

/// Reports the features a container holds that the reading loop never saw, as
/// rejected records, so that read = kept + rejected counts them. A Shapefile's
/// features are FIDs 0..n-1 of its .shp, each with the .dbf record of its number:
/// a gap is a record marked deleted in the .dbf; shapes past the .dbf's last
/// record, or records past the last shape the .shx indexes, have no other half
/// (GDAL counts the shapes and stops at the last attribute record, without an
/// error, and never mentions attribute records beyond the shapes). Other formats
/// are compared by count only (their FIDs need not be dense).
void account_unread(SourceLayer& source, int64_t total, const std::vector<bool>& seen, Tally& counts,
                    LoadReport& report) {
    auto lost = [&](const char* code, int64_t fid, uint64_t n, std::string message) {
        report.add(Issue{Severity::Rejected, code, source.file(), source.layer_name(), "", fid, "", std::move(message)});
        counts.layer.read += n;
        counts.part.read += n;
        counts.layer.rejected += n;
        counts.part.rejected += n;
    };
    if (source.driver() == "ESRI Shapefile") {
        int64_t last_seen = -1;
        for (int64_t fid = 0; fid < static_cast<int64_t>(seen.size()); ++fid)
            if (seen[static_cast<std::size_t>(fid)]) last_seen = fid;
        // Without the .dbf's own count, the records GDAL delivered are all it is known to hold.
        const int64_t records = dbf_records_beside(source.file()).value_or(last_seen + 1);
        const int64_t paired = std::min(total, records);
        for (int64_t fid = 0; fid < paired; ++fid)
            if (!seen[static_cast<std::size_t>(fid)])
                lost("record.deleted", fid, 1,
                     fmt::format("FID {}: marked deleted in the .dbf, so GIS software skips it; its shape is "
                                 "still in the .shp. Remove it there too, or undelete the record, and export again",
                                 fid));
        if (paired < total) {
            const auto n = static_cast<uint64_t>(total - paired);
            lost("record.unread", paired, n,
                 fmt::format("FID {}..{} ({} features): the .shp holds {} shapes but the .dbf only {} attribute records "
                             "(truncated, or its header count is wrong); these shapes were not read. Export the layer "
                             "again from the source system",
                             paired, total - 1, n, total, records));
        }
        if (records > total) {
            const auto n = static_cast<uint64_t>(records - total);
            lost("record.unread", total, n,
                 fmt::format("FID {}..{} ({} records): the .dbf holds {} attribute records but the .shx indexes only {} "
                             "shapes (the .shp or .shx is truncated, or the .dbf has records added without shapes); "
                             "these records were not read. Export the layer again from the source system",
                             total, records - 1, n, records, total));
        }
        return;
    }
    const auto read = static_cast<int64_t>(counts.part.read);
    if (total > read)
        lost("record.unread", -1, static_cast<uint64_t>(total - read),
             fmt::format("the layer counts {} features but {} were delivered when it was read; {} not read", total, read,
                         total - read));
}

/// Iterates a layer's features, counting and reporting progress; GDAL's warnings
/// about a feature reach its RecordReader, features never delivered are reported.
template <class PerRecord>
void for_each_record(SourceLayer& source, const char* logical, Tally& counts, LoadReport& report,
                     const ProgressFn& progress, PerRecord&& per_record) {
    if (source.driver() == "CSV") {
        refuse_swallowed_lines(source);
        source.set_overlong_records(detail::find_overlong_records_in_file(source.file()));
    }
    GdalErrorCapture errors;  // failures while checking and converting, on this thread
    OGRLayer& layer = source.layer();
    layer.ResetReading();
    const int64_t total = source.feature_count();
    // Which of a Shapefile's FIDs were delivered (account_unread).
    std::vector<bool> seen(source.driver() == "ESRI Shapefile" && total > 0 ? static_cast<std::size_t>(total) : 0);
    uint64_t n = 0;
    std::vector<std::string> read_failures;
    {
        FeatureReader reader(layer);
        for (auto batch = reader.next(); !batch.empty(); batch = reader.next(std::move(batch))) {
            for (auto& item : batch) {
                counts.add(&LayerCounts::read);
                const int64_t fid = item.feature->GetFID();
                if (fid >= 0 && static_cast<std::size_t>(fid) < seen.size()) seen[static_cast<std::size_t>(fid)] = true;
                source.set_feature_warnings(&item.warnings);
                per_record(*item.feature);
                source.set_feature_warnings(nullptr);
                if (progress && (++n & 0x3FF) == 0) progress(logical, n, total > 0 ? static_cast<uint64_t>(total) : 0);
            }
        }
        read_failures = reader.failures();
    }
    errors.failures.insert(errors.failures.begin(), read_failures.begin(), read_failures.end());
    throw_if_read_failed(errors, source, counts.part.read);
    account_unread(source, total, seen, counts, report);
    if (progress) progress(logical, n, n);
}

void tally(RecordReader& rr, Tally& counts, bool kept) {
    if (kept) {
        counts.add(&LayerCounts::kept);
        if (rr.has_warnings()) counts.add(&LayerCounts::warned);
    } else {
        counts.add(&LayerCounts::rejected);
    }
}

/// The parcel ids read so far, each with a row index.
///
/// Ids live in one character buffer with an open-addressing table of indexes:
/// a million parcel ids cost a few allocations, not a map node and a heap
/// string each. Each slot keeps the upper half of its id's hash beside the index,
/// so a probe reads the id's characters only when the hashes agree: every new
/// parcel's id is looked up before it is inserted, and without the tag each probe
/// of that miss cost two cache misses into the id buffer (a tenth of the load's
/// main thread at a million parcels).
class IdRegistry {
public:
    /// The entry of `id` (the value given when it was inserted), if any.
    std::optional<uint32_t> find(std::string_view id) const {
        if (slots_.empty()) return std::nullopt;
        const std::size_t h = hash(id);
        const uint32_t tag = tag_of(h);
        for (std::size_t slot = h & (slots_.size() - 1); slots_[slot].entry != 0; slot = (slot + 1) & (slots_.size() - 1))
            if (slots_[slot].tag == tag && ids_[slots_[slot].entry - 1] == id) return values_[slots_[slot].entry - 1];
        return std::nullopt;
    }
    /// Registers a new id with a value of the caller's (a row index).
    void insert(std::string_view id, uint32_t value) {
        if (2 * (ids_.size() + 1) > slots_.size()) grow();
        place(slots_, hash(id), static_cast<uint32_t>(ids_.size()) + 1);
        ids_.push_back(id);
        values_.push_back(value);
    }
    /// Gives a registered id another value.
    void repoint(std::string_view id, uint32_t value) {
        if (slots_.empty()) return;
        const std::size_t h = hash(id);
        const uint32_t tag = tag_of(h);
        for (std::size_t slot = h & (slots_.size() - 1); slots_[slot].entry != 0; slot = (slot + 1) & (slots_.size() - 1))
            if (slots_[slot].tag == tag && ids_[slots_[slot].entry - 1] == id) values_[slots_[slot].entry - 1] = value;
    }

private:
    struct Slot {
        uint32_t entry = 0;  ///< 0: empty, else index into ids_ + 1
        uint32_t tag = 0;    ///< upper bits of the id's hash
    };
    static std::size_t hash(std::string_view id) { return std::hash<std::string_view>{}(id); }
    static uint32_t tag_of(std::size_t h) { return static_cast<uint32_t>(static_cast<uint64_t>(h) >> 32); }
    static void place(std::vector<Slot>& slots, std::size_t h, uint32_t entry) {
        std::size_t slot = h & (slots.size() - 1);
        while (slots[slot].entry != 0) slot = (slot + 1) & (slots.size() - 1);
        slots[slot] = {entry, tag_of(h)};
    }
    void grow() {
        std::vector<Slot> bigger(std::max<std::size_t>(1024, slots_.size() * 2));
        for (uint32_t k = 0; k < ids_.size(); ++k) place(bigger, hash(ids_[k]), k + 1);
        slots_ = std::move(bigger);
    }

    StringColumn ids_;
    std::vector<uint32_t> values_;
    std::vector<Slot> slots_;  ///< size a power of two
};

/// The file as outputs name it: relative to DATA when inside it, with the layer
/// when the file holds several.
std::string source_label(const SourceLayer& s, const std::string& data) {
    namespace fs = std::filesystem;
    std::string label = s.file();
    // A connection's password never goes into an output that names the source.
    static const std::regex password(R"(password=('[^']*'|\S*))");
    if (label.rfind("PG:", 0) == 0 || label.rfind("pg:", 0) == 0) label = std::regex_replace(label, password, "password=***");
    if (!data.empty() && data.rfind("PG:", 0) != 0) {
        std::error_code ec;
        const fs::path base = fs::is_directory(data, ec) ? fs::path(data) : fs::path(data).parent_path();
        const fs::path rel = fs::path(s.file()).lexically_relative(base);
        if (!rel.empty() && rel.native().rfind("..", 0) != 0) label = rel.generic_string();
    }
    if (s.dataset_layer_count() > 1) label += ":" + s.layer_name();
    return label;
}

LayerInfo info_of(const SourceLayer& s, const std::string& logical, const std::string& data) {
    LayerInfo info;
    info.logical = logical;
    info.source = {s.file(), s.layer_name()};
    info.label = source_label(s, data);
    info.encoding = s.encoding();
    info.driver = s.driver();
    return info;
}

std::vector<std::string> split_themes(const std::string& s) {
    std::vector<std::string> out;
    std::string current;
    auto flush = [&] {
        auto t = text::trim(current);
        if (!t.empty()) out.emplace_back(t);
        current.clear();
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == ';' || s[i] == ',' || s[i] == ' ') { flush(); continue; }
        if (s.compare(i, 3, "；") == 0 || s.compare(i, 3, "，") == 0) { flush(); i += 2; continue; }
        current += s[i];
    }
    flush();
    return out;
}

/// Reads every record of every part of a layer: `per_record(feature, reader, part,
/// tally, layer_info_index)`. Ids are unique across the parts (the caller's registry).
template <class PerRecord>
void for_each_part_record(City& city, SpatialSource& src, const ProgressFn& progress, PerRecord&& per_record) {
    LayerCounts& total = city.report.counts[src.spec->name];
    for (std::size_t k = 0; k < src.parts.size(); ++k) {
        SpatialPart& part = src.parts[k];
        const auto info = static_cast<uint32_t>(src.first_info + k);
        Tally counts{total, city.layers[info].counts};
        RecordReader rr(*part.source, *src.spec, src.mapping, city.report);
        rr.set_date_limits(src.earliest_year, src.events_until);
        for_each_record(*part.source, src.spec->name.c_str(), counts, city.report, progress,
                        [&](OGRFeature& f) { per_record(f, rr, part, counts, info); });
    }
}

/// Whether features `a` and `b` of `column` are the same shape: the same vertices
/// (to 1 cm), or, drawn differently, a symmetric difference of at most 1e-6 of the area.
bool same_geometry(const geom::MultiPolygonColumn& column, std::size_t a, std::size_t b) {
    using namespace geom::detail;
    const geom::Box ba = column.bounds(a), bb = column.bounds(b);
    constexpr double kTolerance_m = 0.01;
    if (std::abs(ba.min_x - bb.min_x) > kTolerance_m || std::abs(ba.min_y - bb.min_y) > kTolerance_m ||
        std::abs(ba.max_x - bb.max_x) > kTolerance_m || std::abs(ba.max_y - bb.max_y) > kTolerance_m)
        return false;
    const double area = column.area(a);
    if (std::abs(area - column.area(b)) > 1e-6 * std::max(1.0, area)) return false;
    bool vertices_equal = column.polygon_count(a) == column.polygon_count(b);
    for (std::size_t k = 0; vertices_equal && k < column.polygon_count(a); ++k) {
        const std::size_t ra = column.ring_begin(a, k), rb = column.ring_begin(b, k);
        if (column.ring_end(a, k) - ra != column.ring_end(b, k) - rb) { vertices_equal = false; break; }
        for (std::size_t r = 0; vertices_equal && r < column.ring_end(a, k) - ra; ++r) {
            const auto pa = column.ring(ra + r), pb = column.ring(rb + r);
            if (pa.size() != pb.size()) { vertices_equal = false; break; }
            for (std::size_t i = 0; i < pa.size(); ++i)
                if (std::abs(pa[i].x - pb[i].x) > kTolerance_m || std::abs(pa[i].y - pb[i].y) > kTolerance_m) {
                    vertices_equal = false;
                    break;
                }
        }
    }
    if (vertices_equal) return true;
    GeosPtr ga = make_multipolygon(column, a), gb = make_multipolygon(column, b);
    if (!ga || !gb) return false;
    GeosPtr diff(GEOSSymDifference_r(geos(), ga.get(), gb.get()));
    double diff_area = 0;
    if (!diff || GEOSArea_r(geos(), diff.get(), &diff_area) != 1) return false;
    return diff_area <= 1e-6 * std::max(1.0, area);
}

// Records that share an id in the layers besides parcels (docs/data.md,
// "Identifiers"): an exact double counts once; a park or district drawn in
// several records is one feature of several parts; a different record under a
// used id is kept under `ID#2` when it is land or a project, so nothing read is lost.

/// Two records' values that differ, as "field: first's / this one's".
class Differences {
public:
    void text(const char* field, std::string_view a, std::string_view b) {
        if (a != b) list_.push_back(fmt::format("{}: '{}' / '{}'", field, a, b));
    }
    void real(const char* field, double a, double b) {
        if (!((std::isnan(a) && std::isnan(b)) || a == b))
            list_.push_back(fmt::format("{}: {} / {}", field, shown(a), shown(b)));
    }
    void flag(const char* field, bool a, bool b) { text(field, a ? "1" : "0", b ? "1" : "0"); }
    bool empty() const { return list_.empty(); }
    std::string joined() const { return fmt::format("{}", fmt::join(list_, "; ")); }

private:
    static std::string shown(double v) { return std::isnan(v) ? "empty" : fmt::format("{}", v); }
    std::vector<std::string> list_;
};

/// Where a kept record was read, for the messages about a later record sharing its id.
struct ReadAt {
    int64_t fid = -1;
    uint32_t info = 0;  ///< index into City::layers
};

std::string where(const City& city, ReadAt at) { return fmt::format("FID {} of {}", at.fid, city.layers[at.info].label); }

/// `id#2`, `id#3`, ...: the first that `taken` does not hold.
template <class Taken>
std::string next_free_id(const std::string& id, Taken&& taken) {
    for (int copy = 2;; ++copy)
        if (auto candidate = fmt::format("{}#{}", id, copy); !taken(candidate)) return candidate;
}

/// The shapes of a small polygon layer (parks, districts), one staged feature per
/// record read; a kept feature has one or more of them as its parts, joined
/// once the layer has been read (`build`).
class PartedPolygons {
public:
    geom::MultiPolygonColumn staged;

    /// The record staged last starts a feature of its own.
    void start_feature() { parts_.push_back({staged.size() - 1}); }
    /// The record staged last is one more part of `feature`.
    void add_part(std::size_t feature) { parts_[feature].push_back(staged.size() - 1); }
    /// Whether the record staged last has the shape of one of `feature`'s parts.
    bool repeats_a_part(std::size_t feature) const {
        for (const std::size_t p : parts_[feature])
            if (same_geometry(staged, p, staged.size() - 1)) return true;
        return false;
    }
    std::size_t part_count(std::size_t feature) const { return parts_[feature].size(); }

    /// Appends every feature to `out`: a single part as read, several as their
    /// union, so parts that overlap count their land once.
    void build(geom::MultiPolygonColumn& out) const {
        using namespace geom::detail;
        for (const auto& parts : parts_) {
            out.begin_feature();
            if (parts.size() == 1) {
                const std::size_t f = parts[0];
                for (std::size_t k = 0; k < staged.polygon_count(f); ++k) {
                    out.begin_polygon();
                    for (std::size_t r = staged.ring_begin(f, k); r < staged.ring_end(f, k); ++r) out.add_ring(staged.ring(r));
                }
            } else {
                GeosPtr joined = make_multipolygon(staged, parts[0]);
                for (std::size_t i = 1; i < parts.size() && joined; ++i) {
                    GeosPtr next = make_multipolygon(staged, parts[i]);
                    joined.reset(next ? GEOSUnion_r(geos(), joined.get(), next.get()) : nullptr);
                }
                if (!joined || append_polygonal(joined.get(), out) == 0)
                    throw std::runtime_error("the parts of a park or district could not be joined (GEOS union failed)");
            }
            out.end_feature();
        }
    }

private:
    std::vector<std::vector<std::size_t>> parts_;
};

/// A district drawn in several records (islands, exclaves, one record per
/// town) is one district of several parts; the same code under another name is
/// a typing slip, not a part, and is rejected naming both names.
void load_districts(City& city, SpatialSource& src, const ProgressFn& progress) {
    PartedPolygons shapes;
    std::unordered_map<std::string, std::size_t> feature_of;  // code → feature index
    std::vector<ReadAt> first;
    for_each_part_record(city, src, progress, [&](OGRFeature& f, RecordReader& rr, SpatialPart& part, Tally& counts,
                                                  uint32_t info) {
        rr.begin(f, "district");
        auto code = rr.text("district");
        auto name = rr.text("name");
        bool kept = !rr.rejected();
        const auto seen = kept ? feature_of.find(*code) : feature_of.end();
        if (seen != feature_of.end()) {
            const std::string& first_name = city.districts[seen->second].name;
            if (name.value_or("") != first_name && !first_name.empty() && name.value_or("") != "") {
                rr.issue(Severity::Rejected, "id.duplicate", "district",
                         fmt::format("district '{}' again ({} first), under another name ('{}' / '{}'): rejected, not "
                                     "taken as a part of {}; correct the code or the name at source",
                                     *code, where(city, first[seen->second]), first_name, *name, first_name));
                kept = false;
            }
        }
        if (kept) kept = read_polygonal(f.GetGeometryRef(), part, shapes.staged, rr, "districts", counts);
        if (kept && seen != feature_of.end()) {
            const std::size_t k = seen->second;
            if (shapes.repeats_a_part(k)) {
                shapes.staged.remove_last_feature();
                rr.issue(Severity::Warning, "id.duplicate", "district",
                         fmt::format("an exact double of district '{}' ({}): dropped, the district counts once", *code,
                                     where(city, first[k])));
            } else {
                shapes.add_part(k);
                if (name && city.districts[k].name.empty()) city.districts[k].name = *name;
                rr.issue(Severity::Warning, "id.parts", "district",
                         fmt::format("district '{}' again ({} first) with another shape: joined to it as one district "
                                     "of {} parts",
                                     *code, where(city, first[k]), shapes.part_count(k)));
            }
            counts.add(&LayerCounts::merged);
            return;
        }
        if (kept) {
            const uint32_t d = city.intern_district(*code);
            city.districts[d].name = name.value_or("");
            city.districts[d].has_boundary = true;
            shapes.start_feature();
            feature_of.emplace(*code, d);
            first.push_back({rr.fid(), info});
        }
        tally(rr, counts, kept);
    });
    shapes.build(city.district_geometry);
}

/// A park theme is matched as a prefix of project industries: a section letter
/// (A..T) alone, a code of GB/T 4754-2017, or * for any.
bool is_theme(const std::string& t) {
    return t == "*" || (t.size() == 1 && t[0] >= 'A' && t[0] <= 'T') || is_industry_code(t);
}

Differences park_differences(const City& city, const Park& a, const Park& b) {
    Differences d;
    d.text("name", a.name, b.name);
    d.text("level", to_string(a.level), to_string(b.level));
    d.text("district", city.districts[a.district].code, city.districts[b.district].code);
    d.text("themes", fmt::format("{}", fmt::join(a.themes, ",")), fmt::format("{}", fmt::join(b.themes, ",")));
    d.flag("chem_park", a.chem_park, b.chem_park);
    return d;
}

/// Parks that share a park_id: the same values and another shape are one park of
/// several parts (a park in several pieces, or one record per piece); the same
/// values and shape an exact double; the same shape with other values one park
/// recorded twice (the first kept, both values reported); another shape with
/// other values another park, kept under `ID#2`: its land stays in a park.
void load_parks(City& city, SpatialSource& src, const ProgressFn& progress) {
    PartedPolygons shapes;
    std::unordered_map<std::string, std::size_t> park_of;  // park_id → index into city.parks
    std::vector<ReadAt> first;
    for_each_part_record(city, src, progress, [&](OGRFeature& f, RecordReader& rr, SpatialPart& part, Tally& counts,
                                                  uint32_t info) {
        rr.begin(f, "park_id");
        Park park;
        auto id = rr.text("park_id");
        auto name = rr.text("name");
        auto level = rr.enumeration("level");
        auto district = rr.text("district");
        auto themes = rr.text("themes");
        auto chem = rr.flag("chem_park");
        const std::vector<std::string> park_themes = split_themes(themes.value_or(""));
        for (const auto& t : park_themes)
            if (!is_theme(t))
                rr.issue(Severity::Warning, "industry.invalid", "themes",
                         fmt::format("theme '{}' is no GB/T 4754-2017 code prefix (a section letter, or it and a division "
                                     "of it, e.g. C27 or C358) nor *: no project's industry can match it",
                                     t));
        bool kept = !rr.rejected() && read_polygonal(f.GetGeometryRef(), part, shapes.staged, rr, "parks", counts);
        if (!kept) {
            tally(rr, counts, false);
            return;
        }
        park.park_id = *id;
        park.name = *name;
        park.level = *parse_park_level(*level);
        park.district = city.intern_district(*district);
        park.themes = park_themes;
        park.chem_park = chem.value_or(false);
        if (const auto seen = park_of.find(park.park_id); seen != park_of.end()) {
            const std::size_t k = seen->second;
            const Differences diff = park_differences(city, city.parks[k], park);
            const bool same_shape = shapes.repeats_a_part(k);
            if (same_shape || diff.empty()) {
                if (same_shape) shapes.staged.remove_last_feature();
                else shapes.add_part(k);
                rr.issue(Severity::Warning, same_shape ? (diff.empty() ? "id.duplicate" : "id.merged") : "id.parts",
                         "park_id",
                         same_shape && diff.empty()
                             ? fmt::format("an exact double of park_id '{}' ({}): dropped, the park counts once",
                                           park.park_id, where(city, first[k]))
                         : same_shape
                             ? fmt::format("park_id '{}' with the same shape as {}, but different values ({}): kept the "
                                           "first; fix the other at source",
                                           park.park_id, where(city, first[k]), diff.joined())
                             : fmt::format("park_id '{}' again ({} first) with the same values and another shape: joined "
                                           "to it as one park of {} parts",
                                           park.park_id, where(city, first[k]), shapes.part_count(k)));
                counts.add(&LayerCounts::merged);
                return;
            }
            const std::string used = park.park_id;
            park.park_id = next_free_id(used, [&](const std::string& c) { return park_of.count(c) > 0; });
            rr.issue(Severity::Warning, "id.conflict", "park_id",
                     fmt::format("park_id '{}' is already {}, a park with another shape and other values ({}): kept as "
                                 "another park under the id '{}'; give one of them its own id at source",
                                 used, where(city, first[k]), diff.joined(), park.park_id));
        }
        shapes.start_feature();
        park_of.emplace(park.park_id, city.parks.size());
        first.push_back({rr.fid(), info});
        city.parks.push_back(std::move(park));
        tally(rr, counts, true);
    });
    shapes.build(city.park_geometry);
    for (std::size_t g = 0; g < city.parks.size(); ++g) {
        city.parks[g].area_m2 = city.park_geometry.area(g);
        city.parks[g].bounds = city.park_geometry.bounds(g);
    }
}

/// A recorded length agrees with the measured one within this (metres, or this
/// share of the length when larger): lengths are usually recorded to the metre.
constexpr double kRecordedLengthAbsM = 1.0, kRecordedLengthShare = 1e-4;

double line_length_in(const OGRGeometry& source_geometry, const OGRSpatialReference& from, int epsg) {
    OGRSpatialReference to;
    if (to.importFromEPSG(epsg) != OGRERR_NONE) return std::nan("");
    to.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&from, &to));
    std::unique_ptr<OGRGeometry> g(source_geometry.clone());
    if (!ct || g->transform(ct.get()) != OGRERR_NONE) return std::nan("");
    const OGRwkbGeometryType type = wkbFlatten(g->getGeometryType());
    if (type == wkbLineString) return g->toLineString()->get_Length();
    if (type == wkbMultiLineString) return g->toMultiLineString()->get_Length();
    return std::nan("");
}

/// Why a recorded length may differ: it was measured in another CGCS2000 3°
/// Gauss-Krüger zone (EPSG:4513 + zone - 25, zones 25-45) than the segment's own.
/// The zone, its EPSG code and its length when one agrees with the record.
std::string recorded_length_cause(const OGRGeometry& g, const OGRSpatialReference& from, double recorded, double tol) {
    OGRSpatialReference geographic;
    geographic.importFromEPSG(4490);
    geographic.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&from, &geographic));
    OGRPoint centre;
    if (!ct || g.Centroid(&centre) != OGRERR_NONE || centre.transform(ct.get()) != OGRERR_NONE) return "";
    const int own = static_cast<int>(std::lround(centre.getX() / 3));
    for (int zone = own - 2; zone <= own + 2; ++zone) {
        if (zone == own || zone < 25 || zone > 45) continue;
        const double len = line_length_in(g, from, 4513 + zone - 25);
        if (std::abs(len - recorded) <= tol)
            return fmt::format("; measured in CGCS2000 3° zone {} (EPSG:{}, central meridian {}°E) it is {:.1f} m: the "
                               "record was likely measured in that zone, not the segment's own zone {}",
                               zone, 4513 + zone - 25, zone * 3, len, own);
    }
    return "";
}

/// A shoreline record's length_m against the length measured after reprojection.
void check_recorded_length(const OGRGeometry* g, const OGRSpatialReference& from, const ShoreSegment& seg,
                           double recorded, RecordReader& rr) {
    const double measured = seg.length_m;
    const double tol = std::max(kRecordedLengthAbsM, kRecordedLengthShare * measured);
    if (std::abs(recorded - measured) <= tol) return;
    rr.issue(Severity::Warning, "shoreline.length_mismatch", "length_m",
             fmt::format("recorded length {:.1f} m differs from the measured {:.1f} m by {:+.1f} m ({:+.3f} %; "
                         "tolerance {:.1f} m){}",
                         recorded, measured, recorded - measured, 100 * (recorded - measured) / measured, tol,
                         g ? recorded_length_cause(*g, from, recorded, tol) : std::string()));
}

/// Whether two segments have the same lines, vertex by vertex to 1 cm.
bool same_lines(const ShoreSegment& a, const ShoreSegment& b) {
    if (a.parts.size() != b.parts.size()) return false;
    for (std::size_t k = 0; k < a.parts.size(); ++k) {
        if (a.parts[k].size() != b.parts[k].size()) return false;
        for (std::size_t i = 0; i < a.parts[k].size(); ++i)
            if (std::abs(a.parts[k][i].x - b.parts[k][i].x) > 0.01 || std::abs(a.parts[k][i].y - b.parts[k][i].y) > 0.01)
                return false;
    }
    return true;
}

/// Segments that share a shore_id: the same lines once (an exact double, or
/// recorded twice with other values: the first kept, both reported); other
/// lines are other shoreline, kept under `ID#2`, so its length is not lost.
void load_shoreline(City& city, SpatialSource& src, const ProgressFn& progress) {
    std::unordered_map<std::string, std::size_t> segment_of;  // shore_id → index into city.shoreline
    std::vector<ReadAt> first;
    for_each_part_record(city, src, progress, [&](OGRFeature& f, RecordReader& rr, SpatialPart& part, Tally& counts,
                                                  uint32_t info) {
        rr.begin(f, "shore_id");
        ShoreSegment seg;
        auto id = rr.text("shore_id");
        auto zone = rr.enumeration("zone");
        auto port = rr.flag("port");
        auto recorded = rr.real("length_m");
        bool kept = !rr.rejected() && read_lines(f.GetGeometryRef(), part, seg, rr);
        if (!kept) {
            tally(rr, counts, false);
            return;
        }
        if (recorded) check_recorded_length(f.GetGeometryRef(), part.srs, seg, *recorded, rr);
        seg.shore_id = *id;
        seg.zone = *parse_shore_zone(*zone);
        seg.port = *port;
        if (const auto seen = segment_of.find(seg.shore_id); seen != segment_of.end()) {
            const std::size_t k = seen->second;
            const ShoreSegment& other = city.shoreline[k];
            Differences diff;
            diff.text("zone", to_string(other.zone), to_string(seg.zone));
            diff.flag("port", other.port, seg.port);
            if (same_lines(other, seg)) {
                rr.issue(Severity::Warning, diff.empty() ? "id.duplicate" : "id.merged", "shore_id",
                         diff.empty() ? fmt::format("an exact double of shore_id '{}' ({}): dropped, the segment counts "
                                                    "once",
                                                    seg.shore_id, where(city, first[k]))
                                      : fmt::format("shore_id '{}' with the same line as {}, but different values ({}): "
                                                    "kept the first; fix the other at source",
                                                    seg.shore_id, where(city, first[k]), diff.joined()));
                counts.add(&LayerCounts::merged);
                return;
            }
            const std::string used = seg.shore_id;
            seg.shore_id = next_free_id(used, [&](const std::string& c) { return segment_of.count(c) > 0; });
            rr.issue(Severity::Warning, "id.conflict", "shore_id",
                     fmt::format("shore_id '{}' is already {}, another line: kept as another segment under the id "
                                 "'{}'; give one of them its own id at source",
                                 used, where(city, first[k]), seg.shore_id));
        }
        segment_of.emplace(seg.shore_id, city.shoreline.size());
        first.push_back({rr.fid(), info});
        city.shoreline.push_back(std::move(seg));
        tally(rr, counts, true);
    });
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// One parcel record's values as read, before it becomes a row.
struct ParcelValues {
    std::string id;
    std::optional<std::string> district, industry, enterprise;
    LandUse land_use = LandUse::Unknown;
    Status status = Status::Unknown;
    std::optional<Date> appr, supp, due, start, halt;
    std::optional<double> dev, inv_plan, inv_done, far, coverage, tax, output, survey;
    uint8_t incomplete = 0;
};

void push_row(City& city, const ParcelValues& v, uint32_t district, int64_t fid, uint32_t info) {
    ParcelTable& t = city.parcels;
    t.parcel_id.push_back(v.id);
    t.district.push_back(district);
    t.land_use.push_back(v.land_use);
    t.status.push_back(v.status);
    t.appr_date.push_back(v.appr.value_or(Date{}));
    t.supp_date.push_back(v.supp.value_or(Date{}));
    t.start_due.push_back(v.due.value_or(Date{}));
    t.start_date.push_back(v.start.value_or(Date{}));
    t.halt_date.push_back(v.halt.value_or(Date{}));
    t.dev_ratio.push_back(v.dev.value_or(kNaN));
    t.inv_plan_wan.push_back(v.inv_plan.value_or(kNaN));
    t.inv_done_wan.push_back(v.inv_done.value_or(kNaN));
    t.far.push_back(v.far.value_or(kNaN));
    t.coverage.push_back(v.coverage.value_or(kNaN));
    t.tax_wan.push_back(v.tax.value_or(kNaN));
    t.output_wan.push_back(v.output.value_or(kNaN));
    t.survey_mu.push_back(v.survey.value_or(kNaN));
    t.industry.push_back(v.industry.value_or(""));
    t.enterprise.push_back(v.enterprise.value_or(""));
    t.source_fid.push_back(fid);
    t.source_layer.push_back(info);
    t.incomplete.push_back(v.incomplete);
    const std::size_t g = t.geometry.size() - 1;
    t.area_m2.push_back(t.geometry.area(g));
    t.centroid.push_back(t.geometry.centroid(g));
}

/// The attributes of row `k` and of a record that differ, as "field: row's / record's".
std::vector<std::string> differences(const City& city, std::size_t k, const ParcelValues& v, uint32_t district) {
    const ParcelTable& t = city.parcels;
    std::vector<std::string> out;
    auto text = [&](const char* field, std::string_view a, std::string_view b) {
        if (a != b) out.push_back(fmt::format("{}: '{}' / '{}'", field, a, b));
    };
    auto date = [&](const char* field, Date a, const std::optional<Date>& b) { text(field, a.iso(), b.value_or(Date{}).iso()); };
    auto real = [&](const char* field, double a, const std::optional<double>& b) {
        const double c = b.value_or(kNaN);
        if (!((std::isnan(a) && std::isnan(c)) || a == c))
            out.push_back(fmt::format("{}: {} / {}", field, std::isnan(a) ? "empty" : fmt::format("{}", a),
                                      std::isnan(c) ? "empty" : fmt::format("{}", c)));
    };
    text("district", city.districts[t.district[k]].code, city.districts[district].code);
    text("land_use", to_string(t.land_use[k]), to_string(v.land_use));
    text("status", to_string(t.status[k]), to_string(v.status));
    date("appr_date", t.appr_date[k], v.appr);
    date("supp_date", t.supp_date[k], v.supp);
    date("start_due", t.start_due[k], v.due);
    date("start_date", t.start_date[k], v.start);
    date("halt_date", t.halt_date[k], v.halt);
    real("dev_ratio", t.dev_ratio[k], v.dev);
    real("inv_plan", t.inv_plan_wan[k], v.inv_plan);
    real("inv_done", t.inv_done_wan[k], v.inv_done);
    real("far", t.far[k], v.far);
    real("coverage", t.coverage[k], v.coverage);
    real("tax", t.tax_wan[k], v.tax);
    real("output", t.output_wan[k], v.output);
    real("survey_mu", t.survey_mu[k], v.survey);
    text("industry", t.industry[k], v.industry.value_or(""));
    text("enterprise", t.enterprise[k], v.enterprise.value_or(""));
    return out;
}

/// Drops the rows marked in `drop` from every column of the parcel table, in one
/// pass (rows are dropped only when a duplicate record replaced an earlier one).
void erase_parcel_rows(ParcelTable& t, const std::vector<uint8_t>& drop) {
    ParcelTable kept;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (drop[i]) continue;
        kept.parcel_id.push_back(t.parcel_id[i]);
        kept.district.push_back(t.district[i]);
        kept.land_use.push_back(t.land_use[i]);
        kept.status.push_back(t.status[i]);
        kept.appr_date.push_back(t.appr_date[i]);
        kept.supp_date.push_back(t.supp_date[i]);
        kept.start_due.push_back(t.start_due[i]);
        kept.start_date.push_back(t.start_date[i]);
        kept.halt_date.push_back(t.halt_date[i]);
        kept.dev_ratio.push_back(t.dev_ratio[i]);
        kept.inv_plan_wan.push_back(t.inv_plan_wan[i]);
        kept.inv_done_wan.push_back(t.inv_done_wan[i]);
        kept.far.push_back(t.far[i]);
        kept.coverage.push_back(t.coverage[i]);
        kept.tax_wan.push_back(t.tax_wan[i]);
        kept.output_wan.push_back(t.output_wan[i]);
        kept.survey_mu.push_back(t.survey_mu[i]);
        kept.industry.push_back(t.industry[i]);
        kept.enterprise.push_back(t.enterprise[i]);
        kept.source_fid.push_back(t.source_fid[i]);
        kept.source_layer.push_back(t.source_layer[i]);
        kept.incomplete.push_back(t.incomplete[i]);
        kept.area_m2.push_back(t.area_m2[i]);
        kept.centroid.push_back(t.centroid[i]);
        kept.geometry.begin_feature();
        for (std::size_t k = 0; k < t.geometry.polygon_count(i); ++k) {
            kept.geometry.begin_polygon();
            for (std::size_t r = t.geometry.ring_begin(i, k); r < t.geometry.ring_end(i, k); ++r)
                kept.geometry.add_ring(t.geometry.ring(r));
        }
        kept.geometry.end_feature();
    }
    t = std::move(kept);
}

/// m² typed as 亩, hectares typed as 亩: the slips a recorded area usually holds.
std::string survey_slip(double recorded_mu, double measured_mu) {
    auto near = [](double a, double b) { return std::abs(a - b) <= 0.02 * std::abs(b); };
    if (near(recorded_mu, measured_mu * units::kSquareMetresPerMu)) return "; it looks like square metres typed as 亩 (×666.67)";
    if (near(recorded_mu, measured_mu / 15)) return "; it looks like hectares typed as 亩 (÷15)";
    return "";
}

/// Whether the file's name (without folder and extension) carries district d's
/// code or name, as per-district exports are named (DK_321202.shp, 海陵区地块.shp).
bool file_names_district(const City& city, const std::string& file, uint32_t d) {
    const std::string stem = std::filesystem::path(file).stem().string();
    const District& district = city.districts[d];
    return (!district.code.empty() && stem.find(district.code) != std::string::npos) ||
           (district.name.size() >= 6 && stem.find(district.name) != std::string::npos);  // two CJK characters or more
}

/// Sizes the parcel columns for the whole layer before they fill: a vector that
/// doubles holds its old and its new buffer at once, and for a province of ten
/// million parcels the last doublings of the coordinates, the numbers and the texts
/// came to 0.4 GiB over what the table holds. Fixed-width columns are reserved from
/// the features the sources count; coordinates and texts, whose size varies from
/// parcel to parcel, once the first rows tell their average, with a margin (a layer
/// whose later parcels are larger only grows as before).
class ColumnReserver {
public:
    ColumnReserver(ParcelTable& table, std::size_t expected)
        : t_(table), expected_(expected <= kMostRows ? expected : 0) {  // a count beyond reason reserves nothing
        t_.reserve_fixed(expected_);
    }
    void row_added() {
        if (t_.size() != kSampleRows || expected_ < 2 * kSampleRows) return;
        const std::size_t rest = expected_ - kSampleRows;
        t_.geometry.reserve_like_held(rest, kMargin);
        auto texts = [&](StringColumn& column) {
            const double per_row = static_cast<double>(column.char_count()) / static_cast<double>(kSampleRows);
            column.reserve(expected_, column.char_count() + static_cast<std::size_t>(per_row * static_cast<double>(rest) * (1 + kMargin)));
        };
        texts(t_.parcel_id);
        texts(t_.industry);
        texts(t_.enterprise);
    }

private:
    static constexpr std::size_t kSampleRows = 16384, kMostRows = std::size_t{1} << 31;
    static constexpr double kMargin = 0.1;
    ParcelTable& t_;
    std::size_t expected_;
};

void load_parcels(City& city, SpatialSource& src, const LoadOptions& options, const ProgressFn& progress) {
    IdRegistry ids;
    ParcelTable& t = city.parcels;
    int64_t expected = 0;
    for (auto& part : src.parts) expected += std::max<int64_t>(0, part.source->feature_count());
    ColumnReserver reserver(t, static_cast<std::size_t>(expected));
    // An empty district is taken from the district whose territory holds the
    // parcel's centroid, else from its id (the mapping's district_from_id).
    std::optional<index::PolygonLocator> districts;
    if (city.district_geometry.size() > 0) districts.emplace(city.district_geometry);
    const std::optional<std::regex> district_in_id =
        src.mapping.district_from_id.empty() ? std::nullopt : std::optional<std::regex>(std::regex(src.mapping.district_from_id));
    auto territory_of = [&](geom::Point p) -> std::optional<uint32_t> {
        if (!districts) return std::nullopt;
        const int32_t d = districts->locate(p);
        return d >= 0 ? std::optional<uint32_t>(static_cast<uint32_t>(d)) : std::nullopt;
    };
    // Without a districts layer the parks tell some territory: a park's land is its
    // host district's (a duplicate's tie-break only).
    std::optional<index::PolygonLocator> parks;
    if (city.park_geometry.size() > 0) parks.emplace(city.park_geometry);
    auto park_host_of = [&](geom::Point p) -> std::optional<uint32_t> {
        if (!parks) return std::nullopt;
        const int32_t park = parks->locate(p);
        return park >= 0 ? std::optional<uint32_t>(city.parks[static_cast<std::size_t>(park)].district) : std::nullopt;
    };
    std::vector<uint8_t> drop;  // rows a later duplicate replaced

    for_each_part_record(city, src, progress, [&](OGRFeature& f, RecordReader& rr, SpatialPart& part, Tally& counts,
                                                  uint32_t info) {
        rr.begin(f, "parcel_id");
        ParcelValues v;
        auto id = rr.text("parcel_id");
        v.district = rr.text("district");
        auto land_use = rr.enumeration("land_use");
        auto status = rr.enumeration("status");
        v.appr = rr.date("appr_date");
        v.supp = rr.date("supp_date");
        v.due = rr.date("start_due");
        v.start = rr.date("start_date");
        v.halt = rr.date("halt_date");
        v.dev = rr.real("dev_ratio");
        v.inv_plan = rr.real("inv_plan");
        v.inv_done = rr.real("inv_done");
        v.far = rr.real("far");
        v.coverage = rr.real("coverage");
        v.tax = rr.real("tax");
        v.output = rr.real("output");
        v.survey = rr.real("survey_mu");
        v.industry = rr.text("industry");
        v.enterprise = rr.text("enterprise");
        if (land_use) v.land_use = *parse_land_use(*land_use);
        else v.incomplete |= kNoLandUse;
        if (status) v.status = *parse_status(*status);
        else v.incomplete |= kNoStatus;

        bool kept = !rr.rejected() &&
                    read_polygonal(f.GetGeometryRef(), part, t.geometry, rr, "parcels", counts);
        if (!kept) {
            tally(rr, counts, kept);
            return;
        }
        const std::size_t g = t.geometry.size() - 1;
        const geom::Point centroid = t.geometry.centroid(g);
        if (id) {
            v.id = std::move(*id);
        } else {
            v.id = fmt::format("{}#FID{}", part.info.label, f.GetFID());
            v.incomplete |= kNoParcelId;
            rr.issue(Severity::Warning, "id.made", "parcel_id", fmt::format("kept under the id '{}'", v.id));
        }

        // The district: as recorded, else derived (reported), else unknown ("").
        uint32_t district = 0;
        if (v.district) {
            district = city.intern_district(*v.district);
        } else if (const auto d = territory_of(centroid)) {
            district = *d;
            v.incomplete |= kDistrictDerived;
            rr.issue(Severity::Warning, "district.derived", "district",
                     fmt::format("district empty: taken as {}, the district whose boundary holds the parcel's centroid",
                                 city.districts[district].code));
        } else if (std::smatch m; district_in_id && std::regex_search(v.id, m, *district_in_id) && m[1].length() > 0) {
            district = city.intern_district(m[1].str());
            v.incomplete |= kDistrictDerived;
            rr.issue(Severity::Warning, "district.derived", "district",
                     fmt::format("district empty: taken as {} from parcel_id '{}' (district_from_id = \"{}\")",
                                 m[1].str(), v.id, src.mapping.district_from_id));
        } else {
            district = city.intern_district("");
            v.incomplete |= kNoDistrict;
        }
        if (v.halt && v.start && *v.halt < *v.start)
            rr.issue(Severity::Warning, "field.inconsistent", "halt_date",
                     fmt::format("halted {} before it started {}", v.halt->iso(), v.start->iso()));

        // Duplicate ids (docs/data.md): the same shape once, different shapes both.
        // Built only for a repeated id: the common parcel copies no string here.
        std::string final_id;
        for (int copy = 1;; ++copy) {
            std::string numbered;
            if (copy > 1) numbered = fmt::format("{}#{}", v.id, copy);
            const std::string_view candidate = copy == 1 ? std::string_view(v.id) : std::string_view(numbered);
            const auto existing = ids.find(candidate);
            if (!existing) {
                final_id = std::move(numbered);
                break;
            }
            const std::size_t k = *existing;
            const LayerInfo& other = city.layers[t.source_layer[k]];
            const std::string first = fmt::format("FID {} of {}", t.source_fid[k], other.label);
            if (!same_geometry(t.geometry, k, g)) continue;
            const auto diff = differences(city, k, v, district);
            t.geometry.remove_last_feature();
            if (diff.empty()) {
                rr.issue(Severity::Warning, "id.duplicate", "parcel_id",
                         fmt::format("an exact double of parcel_id '{}' ({}): dropped, the parcel counts once", candidate, first));
                counts.add(&LayerCounts::merged);
                return;
            }
            // One parcel reported twice: the record whose district's territory
            // holds it wins, else the first read.
            // One parcel reported twice: the record of the district whose territory
            // holds it wins (the districts layer; without one, the host of the park
            // that holds it); else the one read from its own district's file (a
            // file whose name carries the district's code or name); else the first read.
            const auto territory = territory_of(t.centroid[k]);
            const auto host = territory ? std::nullopt : park_host_of(t.centroid[k]);
            const auto holder = territory ? territory : host;
            const bool newer_in = holder && *holder == district, older_in = holder && *holder == t.district[k];
            const bool newer_home = file_names_district(city, city.layers[info].source.file, district);
            const bool older_home = file_names_district(city, other.source.file, t.district[k]);
            const bool by_territory = newer_in != older_in, by_file = !by_territory && newer_home != older_home;
            const bool newer_wins = by_territory ? newer_in : by_file && newer_home;
            rr.issue(Severity::Warning, "id.merged", "parcel_id",
                     fmt::format("parcel_id '{}' with the same geometry as {}, but different values ({}): kept {} "
                                 "({}); fix the other at source",
                                 candidate, first, fmt::join(diff, "; "), newer_wins ? "this record" : "the first",
                                 by_territory && territory ? "its district's territory holds the parcel"
                                 : by_territory            ? "it lies in a park of its district"
                                 : by_file                 ? "it was read from its own district's file"
                                                           : "the first read, neither territory, park nor file decides"));
            if (!newer_wins) {
                counts.add(&LayerCounts::merged);
                return;
            }
            // This record replaces row k: k's file counts it as merged instead of kept.
            LayerCounts& k_part = city.layers[t.source_layer[k]].counts;
            --k_part.kept;
            ++k_part.merged;
            --counts.layer.kept;
            ++counts.layer.merged;
            if (t.incomplete[k] & kIncompleteMask) {
                --k_part.incomplete;
                --counts.layer.incomplete;
            }
            drop.resize(t.size(), 0);
            drop[k] = 1;
            // The shape again (it is the same) for the new row; rings copied out
            // first, as appending may move the column's points.
            std::vector<std::vector<std::vector<geom::Point>>> shape(t.geometry.polygon_count(k));
            for (std::size_t p = 0; p < shape.size(); ++p)
                for (std::size_t r = t.geometry.ring_begin(k, p); r < t.geometry.ring_end(k, p); ++r)
                    shape[p].emplace_back(t.geometry.ring(r).begin(), t.geometry.ring(r).end());
            t.geometry.begin_feature();
            for (const auto& polygon : shape) {
                t.geometry.begin_polygon();
                for (const auto& ring : polygon) t.geometry.add_ring(ring);
            }
            t.geometry.end_feature();
            if (copy > 1) v.id = std::move(numbered);
            ids.repoint(v.id, static_cast<uint32_t>(t.size()));
            push_row(city, v, district, f.GetFID(), info);
            reserver.row_added();
            tally(rr, counts, true);
            if (v.incomplete & kIncompleteMask) counts.add(&LayerCounts::incomplete);
            return;
        }
        if (!final_id.empty()) {
            const auto first = ids.find(v.id);
            rr.issue(Severity::Warning, "id.conflict", "parcel_id",
                     fmt::format("parcel_id '{}' is also used by {} of {} with a different geometry: both are land, "
                                 "this one is kept as '{}'; give one of them its own id at source",
                                 v.id, t.source_fid[*first], city.layers[t.source_layer[*first]].label, final_id));
            v.id = final_id;
        }
        ids.insert(v.id, static_cast<uint32_t>(t.size()));
        push_row(city, v, district, f.GetFID(), info);
        reserver.row_added();
        if (v.survey && options.survey_area_tolerance >= 0) {
            const double measured_mu = units::m2_to_mu(t.area_m2.back());
            if (std::abs(*v.survey - measured_mu) > options.survey_area_tolerance * measured_mu)
                rr.issue(Severity::Warning, "area.survey", "survey_mu",
                         fmt::format("recorded area {} 亩 differs from the measured {:.2f} 亩 by more than {:.0f}%{}",
                                     *v.survey, measured_mu, options.survey_area_tolerance * 100,
                                     survey_slip(*v.survey, measured_mu)));
        }
        tally(rr, counts, true);
        if (v.incomplete & kIncompleteMask) counts.add(&LayerCounts::incomplete);
    });
    if (!drop.empty()) {
        drop.resize(t.size(), 0);
        erase_parcel_rows(t, drop);
    }
}

Differences project_differences(const City& city, const Project& a, const Project& b) {
    Differences d;
    d.text("name", a.name, b.name);
    d.text("industry", a.industry, b.industry);
    d.text("origin", city.districts[a.origin].code, city.districts[b.origin].code);
    d.real("area_mu", a.area_mu, b.area_mu);
    d.real("investment", a.investment_wan, b.investment_wan);
    d.real("tax_expect", a.tax_expect_wan, b.tax_expect_wan);
    d.real("tech", a.tech, b.tech);
    d.flag("eia_ok", a.eia_ok, b.eia_ok);
    d.flag("needs_shore", a.needs_shore, b.needs_shore);
    d.flag("major", a.major, b.major);
    d.real("far_commit", a.far_commit, b.far_commit);
    d.real("output_exp", a.output_expect_wan, b.output_expect_wan);
    d.real("energy_va", a.energy_tce_per_wan, b.energy_tce_per_wan);
    d.real("emiss_va", a.emission_kg_per_wan, b.emission_kg_per_wan);
    return d;
}

/// Projects that share a project_id: an exact double counts once; a project
/// with other values is another project (two teams' projects under one number),
/// kept under `ID#2` and reported, for the bureau to tell which it is.
void load_projects(City& city, SpatialSource& src, const ProgressFn& progress) {
    std::unordered_map<std::string, std::size_t> project_of;  // project_id → index into city.projects
    std::vector<ReadAt> first;
    for_each_part_record(city, src, progress, [&](OGRFeature& f, RecordReader& rr, SpatialPart&, Tally& counts,
                                                  uint32_t info) {
        rr.begin(f, "project_id");
        auto id = rr.text("project_id");
        auto name = rr.text("name");
        auto industry = rr.text("industry");
        auto origin = rr.text("origin");
        auto area = rr.real("area_mu");
        auto investment = rr.real("investment");
        auto tax = rr.real("tax_expect");
        auto tech = rr.real("tech");
        auto eia = rr.flag("eia_ok");
        auto shore = rr.flag("needs_shore");
        auto major = rr.flag("major");
        auto far_commit = rr.real("far_commit");
        auto output = rr.real("output_exp");
        auto energy = rr.real("energy_va");
        auto emission = rr.real("emiss_va");
        bool kept = !rr.rejected();
        if (kept && *area <= 0) {
            rr.issue(Severity::Rejected, "field.out_of_range", "area_mu", "asks for no land (area_mu 0); record rejected");
            kept = false;
        }
        if (kept) {
            Project p;
            p.project_id = *id;
            p.name = name.value_or("");
            p.industry = *industry;
            p.origin = city.intern_district(*origin);
            p.area_mu = *area;
            p.investment_wan = *investment;
            p.tax_expect_wan = *tax;
            p.tech = tech.value_or(0);
            p.eia_ok = *eia;
            p.needs_shore = shore.value_or(false);
            p.major = major.value_or(false);
            // 标准地 commitments: empty is "not committed", so the indicator is not checked.
            constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
            p.far_commit = far_commit.value_or(kNone);
            p.output_expect_wan = output.value_or(kNone);
            p.energy_tce_per_wan = energy.value_or(kNone);
            p.emission_kg_per_wan = emission.value_or(kNone);
            if (const auto seen = project_of.find(p.project_id); seen != project_of.end()) {
                const std::size_t k = seen->second;
                const Differences diff = project_differences(city, city.projects[k], p);
                if (diff.empty()) {
                    rr.issue(Severity::Warning, "id.duplicate", "project_id",
                             fmt::format("an exact double of project_id '{}' ({}): dropped, the project counts once",
                                         p.project_id, where(city, first[k])));
                    counts.add(&LayerCounts::merged);
                    return;
                }
                const std::string used = p.project_id;
                p.project_id = next_free_id(used, [&](const std::string& c) { return project_of.count(c) > 0; });
                rr.issue(Severity::Warning, "id.conflict", "project_id",
                         fmt::format("project_id '{}' is already {}, a project with other values ({}): kept as another "
                                     "project under the id '{}'; give one of them its own id at source",
                                     used, where(city, first[k]), diff.joined(), p.project_id));
            }
            project_of.emplace(p.project_id, city.projects.size());
            first.push_back({rr.fid(), info});
            city.projects.push_back(std::move(p));
        }
        tally(rr, counts, kept);
    });
}

/// Quota rows that share a district: an exact double counts once; rows that
/// disagree leave the district's quota in doubt, so the later is rejected naming
/// both figures (summing or choosing either could overdraw the district).
void load_quota(City& city, SpatialSource& src, const ProgressFn& progress) {
    std::unordered_map<std::string, std::size_t> row_of;  // district code → index into city.quota
    std::vector<ReadAt> first;
    for_each_part_record(city, src, progress, [&](OGRFeature& f, RecordReader& rr, SpatialPart&, Tally& counts,
                                                  uint32_t info) {
        rr.begin(f, "district");
        auto district = rr.text("district");
        auto quota = rr.real("quota_mu");
        auto earned = rr.real("earned_mu");
        auto name = rr.text("name");
        bool kept = !rr.rejected();
        if (kept) {
            if (const auto seen = row_of.find(*district); seen != row_of.end()) {
                const QuotaEntry& other = city.quota[seen->second];
                Differences diff;
                diff.real("quota_mu", other.quota_mu, *quota);
                diff.real("earned_mu", other.earned_before_mu, earned.value_or(0.0));
                if (diff.empty()) {
                    rr.issue(Severity::Warning, "id.duplicate", "district",
                             fmt::format("an exact double of the quota row of district '{}' ({}): dropped, the quota "
                                         "counts once",
                                         *district, where(city, first[seen->second])));
                    counts.add(&LayerCounts::merged);
                    return;
                }
                rr.issue(Severity::Rejected, "id.duplicate", "district",
                         fmt::format("a second quota row of district '{}' ({} first) with other figures ({}): record "
                                     "rejected, the first row's quota used; keep one row per district",
                                     *district, where(city, first[seen->second]), diff.joined()));
                kept = false;
            }
        }
        if (kept) {
            const uint32_t d = city.intern_district(*district);
            if (name && city.districts[d].name.empty()) city.districts[d].name = *name;
            row_of.emplace(*district, city.quota.size());
            first.push_back({rr.fid(), info});
            city.quota.push_back(QuotaEntry{d, *quota, earned.value_or(0.0)});
        }
        tally(rr, counts, kept);
    });
}

void check_geometry_type(SpatialPart& s, const LayerSpec& spec) {
    const OGRwkbGeometryType t = wkbFlatten(s.source->layer().GetGeomType());
    const auto where = fmt::format("{}:{}", s.source->file(), s.source->layer_name());
    if (t == wkbNone)
        throw DataError(fmt::format("{}: the {} layer has no geometry (a table, or a .dbf without its .shp)", where,
                                    spec.name),
                        "point DATA at the Shapefile, GeoPackage or GeoJSON holding the geometry");
    if (t == wkbUnknown || t == wkbGeometryCollection) return;  // mixed: checked per record
    const bool polygonal = t == wkbPolygon || t == wkbMultiPolygon || t == wkbCurvePolygon || t == wkbMultiSurface;
    const bool linear = t == wkbLineString || t == wkbMultiLineString || t == wkbCompoundCurve ||
                        t == wkbCircularString || t == wkbMultiCurve;
    const bool wants_polygons = spec.geometry == LayerSpec::Geometry::Polygon;
    if ((wants_polygons && !polygonal) || (!wants_polygons && !linear))
        throw DataError(fmt::format("{}: the {} layer holds {} geometries; expected {}", where, spec.name,
                                    OGRGeometryTypeToName(s.source->layer().GetGeomType()),
                                    wants_polygons ? "polygons" : "lines"),
                        "check which file is which: parks and parcels are polygons, shoreline is lines");
}

/// Opens every source of one logical layer; nullopt (reported or thrown) when absent.
std::optional<SpatialSource> open_layer(City& city, const LoadOptions& options, const FieldMapping& mapping,
                                        const LayerSpec& spec) {
    SpatialSource s;
    s.spec = &spec;
    s.earliest_year = options.earliest_year;
    s.events_until = options.events_until;
    s.mapping = mapping.for_layer(spec.name);
    const detail::LayerSources where = detail::locate_layer(options, spec, s.mapping);
    for (const auto& [file, reason] : where.skipped)
        city.report.add(Issue{Severity::Warning, "source.skipped", file, "", "", -1, "",
                              fmt::format("not read as {}: {}", spec.name, reason)});
    if (where.parts.empty()) {
        if (spec.required)
            throw InputError(fmt::format("{0}: no {1} layer found (looked for {0}/{1}.shp, .gpkg, .geojson, .fgb, a "
                                         "layer named '{1}', or a single-layer source)",
                                         options.data, spec.name),
                             fmt::format("name it in a mapping file: [{}] source = \"YOUR_FILE.shp\"", spec.name));
        if (spec.geometry != LayerSpec::Geometry::None)
            city.report.add(Issue{Severity::Warning, "layer.absent", options.data, spec.name, "", -1, "",
                                  fmt::format("no {} layer found; continuing without it", spec.name)});
        return std::nullopt;
    }
    for (const auto& location : where.parts) {
        SpatialPart part;
        part.source = std::make_unique<SourceLayer>(location, spec, s.mapping);
        part.info = info_of(*part.source, spec.name, options.data);
        if (spec.geometry != LayerSpec::Geometry::None) {
            check_geometry_type(part, spec);
            settle_layer_crs(part, spec, s.mapping, mapping.source_name);
            part.area = detail::CrsArea::of(part.srs);
        }
        s.parts.push_back(std::move(part));
    }
    return s;
}

/// Stops when a layer lies wholly outside where its CRS is valid: a .prj (or a
/// mapping's crs) that contradicts the coordinates would move every feature, so
/// nothing of it is read. The message names the CRS the coordinates look like.
void check_layer_crs_areas(const std::vector<SpatialSource>& spatial) {
    struct Seen {
        const SpatialPart* part;
        const LayerSpec* spec;
        OGREnvelope env;
        bool inside;
    };
    std::vector<Seen> seen;
    double lon_sum = 0;
    int lon_n = 0;
    for (const auto& layer : spatial)
        for (const auto& part : layer.parts) {
            if (!part.area || part.source->feature_count() == 0) continue;
            OGREnvelope env;
            if (part.source->layer().GetExtent(&env, TRUE) != OGRERR_NONE) continue;
            // A Shapefile of null geometries reports 0, 0, 0, 0: no extent, nothing to contradict.
            if (env.MinX == 0 && env.MaxX == 0 && env.MinY == 0 && env.MaxY == 0) continue;
            auto point_inside = [&](double x, double y) {
                OGREnvelope p;
                p.MinX = p.MaxX = x;
                p.MinY = p.MaxY = y;
                return part.area->contains(p);
            };
            const bool inside = part.area->contains(env) || point_inside(env.MinX, env.MinY) ||
                                point_inside(env.MaxX, env.MinY) || point_inside(env.MinX, env.MaxY) ||
                                point_inside(env.MaxX, env.MaxY);
            if (double lon = 0, lat = 0;
                inside && part.area->to_lonlat((env.MinX + env.MaxX) / 2, (env.MinY + env.MaxY) / 2, lon, lat)) {
                lon_sum += lon;
                ++lon_n;
            }
            seen.push_back({&part, layer.spec, env, inside});
        }
    const double reference_lon = lon_n ? lon_sum / lon_n : std::nan("");
    for (const Seen& s : seen) {
        if (s.inside) continue;
        const SpatialPart& part = *s.part;
        const std::string likely = detail::likely_crs(s.env, reference_lon);
        const std::string declared = part.info.crs_id.empty() ? part.info.crs_name : part.info.crs_id + " " + part.info.crs_name;
        const std::string how = part.info.crs_declared ? fmt::format("the mapping's [{}] crs", s.spec->name) : "its .prj (SRS)";
        throw DataError(
            fmt::format("{}:{}: the {} layer's coordinates (x {:.0f} .. {:.0f}, y {:.0f} .. {:.0f}) lie outside where "
                        "its CRS {} is valid ({}, ±{}°): {} contradicts the coordinates{}",
                        part.source->file(), part.source->layer_name(), s.spec->name, s.env.MinX, s.env.MaxX, s.env.MinY,
                        s.env.MaxY, declared, part.area->describe(), detail::kCrsAreaMarginDeg, how,
                        likely.empty() ? "" : "; they look like " + likely),
            likely.empty()
                ? std::string("find out which CRS the layer was exported in and give it in a .prj, or remove the .prj and "
                              "declare it in a mapping: [") + s.spec->name + "] crs = \"EPSG:N\""
                : fmt::format("replace the .prj with one for {0}, or remove it and declare it in a mapping: [{1}] crs = "
                              "\"{0}\"",
                              likely.substr(0, likely.find(' ')), s.spec->name));
    }
}

/// Adds the layer's parts to City::layers (their counts fill as they are read).
void register_parts(City& city, SpatialSource& s) {
    s.first_info = city.layers.size();
    for (const auto& part : s.parts) city.layers.push_back(part.info);
}

void load_into(City& city, const LoadOptions& options, const ProgressFn& progress) {
    const FieldMapping mapping = options.mapping.value_or(FieldMapping{});

    // 1. Find and open the spatial layers, and settle each source's CRS.
    std::vector<SpatialSource> spatial;
    for (const auto& spec : layer_specs()) {
        if (spec.geometry == LayerSpec::Geometry::None) continue;
        if (auto s = open_layer(city, options, mapping, spec)) spatial.push_back(std::move(*s));
    }

    // An empty parcels layer cannot be loaded whatever the CRS: say so first.
    for (auto& s : spatial) {
        if (s.spec->name != "parcels") continue;
        int64_t features = 0;
        for (auto& part : s.parts) features += part.source->feature_count();
        if (features == 0)
            throw DataError(fmt::format("{}:{}: no usable parcels (0 read, 0 rejected): the layer is empty",
                                        s.parts[0].source->file(), s.parts[0].source->layer_name()),
                            "check that DATA (or [parcels] source) names the parcels file");
    }

    check_layer_crs_areas(spatial);

    // 2. The working CRS: the user's, or the GK zone nearest the data.
    const int epsg = options.working_epsg ? *options.working_epsg : crs::gauss_kruger_3deg_epsg(data_centre_longitude(spatial));
    city.crs = crs::working_crs_from_epsg(epsg, !options.working_epsg.has_value());
    OGRSpatialReference working;
    working.importFromEPSG(epsg);
    working.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    for (auto& layer : spatial)
        for (auto& s : layer.parts) {
            if (s.srs.IsSame(&working)) continue;
            s.to_working.reset(OGRCreateCoordinateTransformation(&s.srs, &working));
            if (!s.to_working)
                throw DataError(fmt::format("{}:{}: no transformation from {} to the working CRS EPSG:{}", s.source->file(),
                                            s.source->layer_name(), s.info.crs_name, epsg));
        }

    // 3. Read, validate and convert every layer.
    for (auto& s : spatial) {
        const std::string& name = s.spec->name;
        register_parts(city, s);
        if (name == "districts") load_districts(city, s, progress);
        else if (name == "parks") load_parks(city, s, progress);
        else if (name == "shoreline") load_shoreline(city, s, progress);
        else if (name == "parcels") load_parcels(city, s, options, progress);
    }
    if (city.parcels.size() == 0) {
        const auto& info = std::find_if(city.layers.begin(), city.layers.end(), [](const LayerInfo& l) { return l.logical == "parcels"; });
        throw DataError(fmt::format("{}:{}: no usable parcels ({} read, {} rejected)", info->source.file, info->source.layer,
                                    city.report.counts["parcels"].read, city.report.counts["parcels"].rejected),
                        "see the rejects report for why each record was rejected");
    }

    // 4. Tables for allocation, when present.
    for (const char* table : {"projects", "quota"}) {
        auto s = open_layer(city, options, mapping, *layer_spec(table));
        if (!s) continue;
        register_parts(city, *s);
        if (std::string(table) == "projects") load_projects(city, *s, progress);
        else load_quota(city, *s, progress);
    }
    // 5. Every district gets a (possibly empty) boundary slot; index and parks.
    while (city.district_geometry.size() < city.districts.size()) {
        city.district_geometry.begin_feature();
        city.district_geometry.end_feature();
    }
    if (progress) progress("index", 0, city.parcels.size());
    city.set_parcel_index(std::make_unique<index::ParcelIndex>(city.parcels.geometry));
    index::PolygonLocator parks(city.park_geometry);
    city.parcels.park.resize(city.parcels.size(), -1);
    for (std::size_t i = 0; i < city.parcels.size(); ++i) city.parcels.park[i] = parks.locate(city.parcels.centroid[i]);
    if (progress) progress("index", city.parcels.size(), city.parcels.size());

    city.extent = geom::Box::empty();
    for (std::size_t i = 0; i < city.parcels.size(); ++i) city.extent.expand(city.parcels.geometry.bounds(i));
    for (const auto& p : city.parks) city.extent.expand(p.bounds);
    for (const auto& s : city.shoreline) city.extent.expand(s.bounds);
    detail::check_overlaps(city, options.overlap_tolerance);
    check_references(city);
}

}  // namespace

City load_quota_table(const std::string& path, const std::optional<FieldMapping>& mapping) {
    LoadOptions options;
    options.data = std::filesystem::path(path).parent_path().string();
    if (options.data.empty()) options.data = ".";
    options.quota = path;
    options.mapping = mapping;
    City city;
    const FieldMapping fields = mapping.value_or(FieldMapping{});
    auto s = open_layer(city, options, fields, *layer_spec("quota"));
    if (!s) throw InputError(fmt::format("{}: no quota table found", path), "give a quota table (CSV) with --quota");
    register_parts(city, *s);
    load_quota(city, *s, {});
    return city;
}

City load_city(const LoadOptions& options, const ProgressFn& progress, City* partial_on_failure) {
    City city;
    try {
        load_into(city, options, progress);
    } catch (...) {
        if (partial_on_failure) *partial_on_failure = std::move(city);
        throw;
    }
    return city;
}

std::vector<std::string> input_paths(const LoadOptions& options) {
    const FieldMapping mapping = options.mapping.value_or(FieldMapping{});
    std::vector<std::string> paths{options.data};
    // Every file of a layer read from a folder, a glob or a list is an input.
    for (const auto& spec : layer_specs())
        for (const auto& part : detail::locate_layer(options, spec, mapping.for_layer(spec.name)).parts)
            if (std::find(paths.begin(), paths.end(), part.path) == paths.end()) paths.push_back(part.path);
    return paths;
}

}  // namespace parkcap::io
