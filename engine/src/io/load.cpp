#include "parkcap/io/load.hpp"

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>
#include <ogr_spatialref.h>

#include "../geom/detail/geos_support.hpp"
#include "detail/csv_quotes.hpp"
#include "detail/ogr_source.hpp"
#include "parkcap/core/error.hpp"
#include "parkcap/core/text.hpp"
#include "parkcap/io/references.hpp"
#include "parkcap/crs/working_crs.hpp"
#include "parkcap/index/parcel_index.hpp"

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
    LayerInfo info;
};

/// A logical spatial layer: one or more parts read as one.
struct SpatialSource {
    const LayerSpec* spec = nullptr;
    LayerMapping mapping;
    std::vector<SpatialPart> parts;
    std::size_t first_info = 0;  ///< index in City::layers of parts[0]'s LayerInfo
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

/// Longitude of the centre of all layers' extents, for choosing the GK zone.
double data_centre_longitude(std::vector<SpatialSource>& sources) {
    OGRSpatialReference geographic;
    geographic.importFromEPSG(4490);
    geographic.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    double min_lon = 1e9, max_lon = -1e9;
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
        ct->Transform(5, xs, ys, nullptr, ok);
        for (int i = 0; i < 5; ++i)
            if (ok[i]) {
                min_lon = std::min(min_lon, xs[i]);
                max_lon = std::max(max_lon, xs[i]);
            }
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
OGRGeometry* prepared_geometry(OGRGeometry* original, OGRCoordinateTransformation* ct, RecordReader& rr,
                               OGRwkbGeometryType simple, OGRwkbGeometryType multi, const std::string& expected,
                               std::unique_ptr<OGRGeometry>& holder) {
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
                 fmt::format("geometry is a {}; {}", geometry_type_name(*g), expected));
        return nullptr;
    }
    g->flattenTo2D();
    if (simple == wkbPolygon) g->closeRings();
    if (ct && g->transform(ct) != OGRERR_NONE) {
        rr.issue(Severity::Rejected, "geometry.transform", "", "could not be transformed into the working CRS");
        return nullptr;
    }
    return g;
}

/// Reads a polygonal geometry into `column` as one feature, repairing invalid
/// polygons. Returns false when the record must be rejected (issue reported).
bool read_polygonal(OGRGeometry* original, OGRCoordinateTransformation* ct, geom::MultiPolygonColumn& column,
                    RecordReader& rr, const char* what, Tally& counts) {
    using namespace geom::detail;
    std::unique_ptr<OGRGeometry> linear;
    OGRGeometry* g = prepared_geometry(original, ct, rr, wkbPolygon, wkbMultiPolygon,
                                       fmt::format("{} must be polygons", what), linear);
    if (!g) return false;
    const OGRwkbGeometryType type = wkbFlatten(g->getGeometryType());

    std::vector<const OGRPolygon*> polys;
    if (type == wkbPolygon) polys.push_back(g->toPolygon());
    else
        for (const OGRPolygon* p : *g->toMultiPolygon()) polys.push_back(p);

    std::vector<std::vector<std::vector<Point>>> all(polys.size());
    for (std::size_t i = 0; i < polys.size(); ++i) rings_of(*polys[i], all[i]);

    // The common parcel, one ring without holes, is valid when the ring is simple;
    // proving that exactly is far cheaper than building it in GEOS and asking.
    // When the proof fails (the ring may be invalid, or is too close to call), GEOS
    // decides as before, so no outcome changes.
    if (all.size() == 1 && all[0].size() == 1 && geom::ring_is_certainly_simple(all[0][0])) {
        column.begin_feature();
        column.begin_polygon();
        column.add_ring(all[0][0]);
        column.end_feature();
        return true;
    }

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
             fmt::format("invalid polygon ({}) repaired with GEOS MakeValid; area {:.1f} m² → {:.1f} m²", reason,
                         area_before, area_after));
    return true;
}

bool read_lines(OGRGeometry* original, OGRCoordinateTransformation* ct, ShoreSegment& seg, RecordReader& rr) {
    std::unique_ptr<OGRGeometry> linear;
    OGRGeometry* g = prepared_geometry(original, ct, rr, wkbLineString, wkbMultiLineString,
                                       "shoreline segments must be lines", linear);
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

/// Reports the features a container holds that the reading loop never saw, as
/// rejected records, so that read = kept + rejected counts them. A Shapefile's
/// features are FIDs 0..n-1 of its .shp: a gap is a record marked deleted in the
/// .dbf, a missing tail a .dbf with fewer records than the .shp has shapes (GDAL
/// counts the shapes, then stops at the last attribute record, without an error).
/// Other formats are compared by count only (their FIDs need not be dense).
void account_unread(SourceLayer& source, int64_t total, const std::vector<bool>& seen, Tally& counts,
                    LoadReport& report) {
    auto lost = [&](int64_t fid, uint64_t n, std::string message) {
        report.add(Issue{Severity::Rejected, n == 1 ? "record.deleted" : "record.unread", source.file(),
                         source.layer_name(), "", fid, "", std::move(message)});
        counts.layer.read += n;
        counts.part.read += n;
        counts.layer.rejected += n;
        counts.part.rejected += n;
    };
    if (!seen.empty()) {
        int64_t last_seen = -1;
        for (int64_t fid = 0; fid < total; ++fid)
            if (seen[static_cast<std::size_t>(fid)]) last_seen = fid;
        for (int64_t fid = 0; fid < last_seen; ++fid)
            if (!seen[static_cast<std::size_t>(fid)])
                lost(fid, 1, fmt::format("FID {}: marked deleted in the .dbf, so GIS software skips it; its shape is "
                                         "still in the .shp. Remove it there too, or undelete the record, and export again",
                                         fid));
        if (last_seen + 1 < total) {
            const auto n = static_cast<uint64_t>(total - last_seen - 1);
            lost(last_seen + 1, n,
                 fmt::format("FID {}..{} ({} features): the .shp holds {} shapes but the .dbf only {} attribute records "
                             "(truncated, or its header count is wrong); these shapes were not read. Export the layer "
                             "again from the source system",
                             last_seen + 1, total - 1, n, total, last_seen + 1));
        }
        return;
    }
    const auto read = static_cast<int64_t>(counts.part.read);
    if (total > read)
        lost(-1, static_cast<uint64_t>(total - read),
             fmt::format("the layer counts {} features but {} were delivered when it was read; {} not read", total, read,
                         total - read));
}

/// Iterates a layer's features, counting and reporting progress; GDAL's warnings
/// about a feature reach its RecordReader, features never delivered are reported.
template <class PerRecord>
void for_each_record(SourceLayer& source, const char* logical, Tally& counts, LoadReport& report,
                     const ProgressFn& progress, PerRecord&& per_record) {
    if (source.driver() == "CSV") refuse_swallowed_lines(source);
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

/// Rejects a repeated id; returns true when `id` is new.
///
/// Ids live in one character buffer with an open-addressing table of indexes:
/// a million parcel ids cost a few allocations, not a map node and a heap
/// string each. The label of the first use (for the duplicate's message) is
/// rebuilt from its id and FID; only a label that differs from the id (a
/// value mapping on the id field) is kept as text.
class IdRegistry {
public:
    bool add(const std::string& id, RecordReader& rr, const char* field) {
        if (2 * (ids_.size() + 1) > slots_.size()) grow();
        std::size_t slot = std::hash<std::string_view>{}(id) & (slots_.size() - 1);
        for (; slots_[slot] != 0; slot = (slot + 1) & (slots_.size() - 1)) {
            const uint32_t k = slots_[slot] - 1;
            if (ids_[k] != id) continue;
            const auto other = other_labels_.find(k);
            rr.issue(Severity::Rejected, "id.duplicate", field,
                     fmt::format("duplicate {} '{}' (first used by {} (FID {})); record rejected", field, id,
                                 other != other_labels_.end() ? other->second : id, fids_[k]));
            return false;
        }
        const auto k = static_cast<uint32_t>(ids_.size());
        slots_[slot] = k + 1;
        ids_.push_back(id);
        fids_.push_back(rr.fid());
        if (rr.feature_label() != id) other_labels_.emplace(k, rr.feature_label());
        return true;
    }

private:
    void grow() {
        std::vector<uint32_t> bigger(std::max<std::size_t>(1024, slots_.size() * 2), 0);
        for (uint32_t k = 0; k < ids_.size(); ++k) {
            std::size_t slot = std::hash<std::string_view>{}(ids_[k]) & (bigger.size() - 1);
            while (bigger[slot] != 0) slot = (slot + 1) & (bigger.size() - 1);
            bigger[slot] = k + 1;
        }
        slots_ = std::move(bigger);
    }

    StringColumn ids_;
    std::vector<int64_t> fids_;
    std::unordered_map<uint32_t, std::string> other_labels_;
    std::vector<uint32_t> slots_;  ///< 0: empty, else index into ids_ + 1; size a power of two
};

/// The file as outputs name it: relative to DATA when inside it, with the layer
/// when the file holds several.
std::string source_label(const SourceLayer& s, const std::string& data) {
    namespace fs = std::filesystem;
    std::string label = s.file();
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
        for_each_record(*part.source, src.spec->name.c_str(), counts, city.report, progress,
                        [&](OGRFeature& f) { per_record(f, rr, part, counts, info); });
    }
}

void load_districts(City& city, SpatialSource& src, const ProgressFn& progress) {
    IdRegistry ids;
    for_each_part_record(city, src, progress, [&](OGRFeature& f, RecordReader& rr, SpatialPart& part, Tally& counts, uint32_t) {
        rr.begin(f, "district");
        auto code = rr.text("district");
        auto name = rr.text("name");
        bool kept = !rr.rejected() && ids.add(*code, rr, "district");
        if (kept) kept = read_polygonal(f.GetGeometryRef(), part.to_working.get(), city.district_geometry, rr, "districts", counts);
        if (kept) {
            const uint32_t d = city.intern_district(*code);
            city.districts[d].name = name.value_or("");
            city.districts[d].has_boundary = true;
        }
        tally(rr, counts, kept);
    });
}

void load_parks(City& city, SpatialSource& src, const ProgressFn& progress) {
    IdRegistry ids;
    for_each_part_record(city, src, progress, [&](OGRFeature& f, RecordReader& rr, SpatialPart& part, Tally& counts, uint32_t) {
        rr.begin(f, "park_id");
        Park park;
        auto id = rr.text("park_id");
        auto name = rr.text("name");
        auto level = rr.enumeration("level");
        auto district = rr.text("district");
        auto themes = rr.text("themes");
        auto chem = rr.flag("chem_park");
        bool kept = !rr.rejected() && ids.add(*id, rr, "park_id");
        if (kept) kept = read_polygonal(f.GetGeometryRef(), part.to_working.get(), city.park_geometry, rr, "parks", counts);
        if (kept) {
            park.park_id = *id;
            park.name = *name;
            park.level = *parse_park_level(*level);
            park.district = city.intern_district(*district);
            park.themes = split_themes(themes.value_or(""));
            park.chem_park = chem.value_or(false);
            const std::size_t g = city.park_geometry.size() - 1;
            park.area_m2 = city.park_geometry.area(g);
            park.bounds = city.park_geometry.bounds(g);
            city.parks.push_back(std::move(park));
        }
        tally(rr, counts, kept);
    });
}

void load_shoreline(City& city, SpatialSource& src, const ProgressFn& progress) {
    IdRegistry ids;
    for_each_part_record(city, src, progress, [&](OGRFeature& f, RecordReader& rr, SpatialPart& part, Tally& counts, uint32_t) {
        rr.begin(f, "shore_id");
        ShoreSegment seg;
        auto id = rr.text("shore_id");
        auto zone = rr.enumeration("zone");
        auto port = rr.flag("port");
        bool kept = !rr.rejected() && ids.add(*id, rr, "shore_id");
        if (kept) kept = read_lines(f.GetGeometryRef(), part.to_working.get(), seg, rr);
        if (kept) {
            seg.shore_id = *id;
            seg.zone = *parse_shore_zone(*zone);
            seg.port = *port;
            city.shoreline.push_back(std::move(seg));
        }
        tally(rr, counts, kept);
    });
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void load_parcels(City& city, SpatialSource& src, const ProgressFn& progress) {
    IdRegistry ids;
    ParcelTable& t = city.parcels;
    int64_t expected = 0;
    for (auto& part : src.parts) expected += std::max<int64_t>(0, part.source->feature_count());
    if (expected > 0) {
        const auto n = static_cast<std::size_t>(expected);
        t.parcel_id.reserve(n, n * 17);
        t.industry.reserve(n, n * 6);
    }
    for_each_part_record(city, src, progress, [&](OGRFeature& f, RecordReader& rr, SpatialPart& part, Tally& counts,
                                                  uint32_t info) {
        rr.begin(f, "parcel_id");
        auto id = rr.text("parcel_id");
        auto district = rr.text("district");
        auto land_use = rr.enumeration("land_use");
        auto status = rr.enumeration("status");
        auto appr = rr.date("appr_date");
        auto supp = rr.date("supp_date");
        auto due = rr.date("start_due");
        auto start = rr.date("start_date");
        auto halt = rr.date("halt_date");
        auto dev = rr.real("dev_ratio");
        auto inv_plan = rr.real("inv_plan");
        auto inv_done = rr.real("inv_done");
        auto far = rr.real("far");
        auto coverage = rr.real("coverage");
        auto tax = rr.real("tax");
        auto output = rr.real("output");
        auto industry = rr.text("industry");
        auto enterprise = rr.text("enterprise");
        bool kept = !rr.rejected() && ids.add(*id, rr, "parcel_id");
        if (kept) kept = read_polygonal(f.GetGeometryRef(), part.to_working.get(), t.geometry, rr, "parcels", counts);
        if (kept) {
            if (halt && start && *halt < *start)
                rr.issue(Severity::Warning, "field.inconsistent", "halt_date",
                         fmt::format("halted {} before it started {}", halt->iso(), start->iso()));
            t.parcel_id.push_back(*id);
            t.district.push_back(city.intern_district(*district));
            t.land_use.push_back(*parse_land_use(*land_use));
            t.status.push_back(*parse_status(*status));
            t.appr_date.push_back(appr.value_or(Date{}));
            t.supp_date.push_back(supp.value_or(Date{}));
            t.start_due.push_back(due.value_or(Date{}));
            t.start_date.push_back(start.value_or(Date{}));
            t.halt_date.push_back(halt.value_or(Date{}));
            t.dev_ratio.push_back(dev.value_or(kNaN));
            t.inv_plan_wan.push_back(inv_plan.value_or(kNaN));
            t.inv_done_wan.push_back(inv_done.value_or(kNaN));
            t.far.push_back(far.value_or(kNaN));
            t.coverage.push_back(coverage.value_or(kNaN));
            t.tax_wan.push_back(tax.value_or(kNaN));
            t.output_wan.push_back(output.value_or(kNaN));
            t.industry.push_back(industry.value_or(""));
            t.enterprise.push_back(enterprise.value_or(""));
            t.source_fid.push_back(f.GetFID());
            t.source_layer.push_back(info);
            const std::size_t g = t.geometry.size() - 1;
            t.area_m2.push_back(t.geometry.area(g));
            t.centroid.push_back(t.geometry.centroid(g));
        }
        tally(rr, counts, kept);
    });
}

void load_projects(City& city, SpatialSource& src, const ProgressFn& progress) {
    IdRegistry ids;
    for_each_part_record(city, src, progress, [&](OGRFeature& f, RecordReader& rr, SpatialPart&, Tally& counts, uint32_t) {
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
        bool kept = !rr.rejected() && ids.add(*id, rr, "project_id");
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
            city.projects.push_back(std::move(p));
        }
        tally(rr, counts, kept);
    });
}

void load_quota(City& city, SpatialSource& src, const ProgressFn& progress) {
    IdRegistry ids;
    for_each_part_record(city, src, progress, [&](OGRFeature& f, RecordReader& rr, SpatialPart&, Tally& counts, uint32_t) {
        rr.begin(f, "district");
        auto district = rr.text("district");
        auto quota = rr.real("quota_mu");
        auto name = rr.text("name");
        bool kept = !rr.rejected() && ids.add(*district, rr, "district");
        if (kept) {
            const uint32_t d = city.intern_district(*district);
            if (name && city.districts[d].name.empty()) city.districts[d].name = *name;
            city.quota.push_back(QuotaEntry{d, *quota});
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
        }
        s.parts.push_back(std::move(part));
    }
    return s;
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
        else if (name == "parcels") load_parcels(city, s, progress);
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
    check_references(city);
}

}  // namespace

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
