#pragma once
// Internal: finding and opening one logical layer through OGR, and reading its
// records field by field onto the contract, with an Issue for every problem.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "parkcap/core/date.hpp"
#include "parkcap/core/report.hpp"
#include "parkcap/io/load.hpp"
#include "parkcap/io/mapping.hpp"
#include "parkcap/io/schema.hpp"
#include "csv_quotes.hpp"

namespace parkcap::io::detail {

/// One source of a logical layer: a file (or connection) and a layer in it.
struct LayerLocation {
    std::string path;        ///< what GDAL opens
    std::string layer_name;  ///< empty: the only layer (an error when there are several)
};

/// Every source of one logical layer, in reading order.
struct LayerSources {
    std::vector<LayerLocation> parts;  ///< empty: the layer is absent
    /// Files a folder or glob held that were not read, each with the reason
    /// ("holds Point geometries, not polygons"): reported, never silently passed over.
    std::vector<std::pair<std::string, std::string>> skipped;
};

/// Finds the sources of `spec` for these options. A mapped source list, folder or
/// glob gives every file (and every layer of a multi-layer file) whose geometry
/// type fits the layer; a single multi-layer file without a layer named is an
/// InputError listing its layers.
LayerSources locate_layer(const LoadOptions& options, const LayerSpec& spec, const LayerMapping& mapping);

/// Every file `sources` reads, Shapefile sidecars (.shx, .dbf, .prj, .cpg) included.
std::vector<std::string> files_of(const LayerSources& sources);

/// An open layer with its decoding settled.
class SourceLayer {
public:
    SourceLayer(const LayerLocation& where, const LayerSpec& spec, const LayerMapping& mapping);
    OGRLayer& layer() { return *layer_; }
    const std::string& file() const { return file_; }
    const std::string& layer_name() const { return layer_name_; }
    const std::string& driver() const { return driver_; }
    /// "UTF-8", "CP936", ... : what strings are decoded from; "auto" when guessed per value.
    const std::string& encoding() const { return encoding_; }
    /// Why a mapped encoding was not applied (a format defined as UTF-8), "" when it was.
    const std::string& encoding_note() const { return encoding_note_; }
    /// How many layers the data source holds (a label names the layer when > 1).
    int dataset_layer_count() const { return dataset_ ? dataset_->GetLayerCount() : 0; }
    bool recoded_by_gdal() const { return recoded_by_gdal_; }
    int64_t feature_count();
    /// GDAL's warnings while it read the feature now being checked (a number it
    /// could parse only in part, ...): set by the reading loop, read by RecordReader.
    const std::vector<std::string>& feature_warnings() const { return *feature_warnings_; }
    void set_feature_warnings(const std::vector<std::string>* w) { feature_warnings_ = w ? w : &kNoWarnings; }
    /// A CSV's records with more fields than its header, found by the reading loop
    /// before it starts; RecordReader reports the one it is at.
    void set_overlong_records(std::vector<OverlongRecord> records) { overlong_ = std::move(records); }
    const OverlongRecord* overlong_record(int64_t fid) const {
        const auto it = std::lower_bound(overlong_.begin(), overlong_.end(), fid,
                                         [](const OverlongRecord& r, int64_t f) { return static_cast<int64_t>(r.record) < f; });
        return it != overlong_.end() && static_cast<int64_t>(it->record) == fid ? &*it : nullptr;
    }

private:
    GDALDatasetUniquePtr dataset_;
    OGRLayer* layer_ = nullptr;
    std::string file_, layer_name_, driver_, encoding_, encoding_note_;
    bool recoded_by_gdal_ = false;
    static inline const std::vector<std::string> kNoWarnings{};
    const std::vector<std::string>* feature_warnings_ = &kNoWarnings;
    std::vector<OverlongRecord> overlong_;
};

/// Reads canonical fields out of features, reporting each problem once per record.
class RecordReader {
public:
    RecordReader(SourceLayer& source, const LayerSpec& spec, const LayerMapping& mapping, LoadReport& report);

    /// Starts a record; `id_field` names the canonical id used in messages.
    void begin(OGRFeature& feature, const char* id_field);

    std::optional<std::string> text(const char* canonical);
    std::optional<std::string> enumeration(const char* canonical);
    std::optional<Date> date(const char* canonical);
    /// Dates before `earliest_year` are no land record's (left empty, reported);
    /// the date of an event (approval, supply, start, halt) after `events_until`
    /// is kept and reported, for the audit counts it as not yet happened. 0 / null: unchecked.
    void set_date_limits(int earliest_year, Date events_until) {
        earliest_year_ = earliest_year;
        events_until_ = events_until;
    }
    std::optional<double> real(const char* canonical);
    std::optional<bool> flag(const char* canonical);

    /// Whether a required field failed in this record (the record must be rejected).
    bool rejected() const { return rejected_; }
    /// Canonical fields (kept_incomplete) that were empty or unusable in this record.
    const std::vector<std::string>& incomplete_fields() const { return incomplete_; }
    /// Reports a problem with the whole record or its geometry.
    void issue(Severity severity, const std::string& code, const std::string& field, const std::string& message);
    bool has_warnings() const { return warned_; }
    const std::string& feature_label() const { return label_; }
    int64_t fid() const { return feature_ ? feature_->GetFID() : -1; }

private:
    struct Binding {
        const FieldSpec* spec = nullptr;
        int index = -1;           ///< OGR field index, -1 when absent
        std::string source_name;  ///< the user's field name
        const std::map<std::string, std::string>* values = nullptr;
    };
    const Binding& binding(const char* canonical) const;
    std::optional<Date> parsed_date(const Binding& b);
    std::optional<std::string> raw_text(const Binding& b);
    void field_problem(const Binding& b, const std::string& code, const std::string& message);
    std::string decode(const char* raw);
    /// Turns GDAL's warnings about the current feature into unparsed values and issues.
    void take_gdal_warnings();
    /// The field's value as the file holds it (a .dbf's cell, not GDAL's reading of it), for messages.
    std::string written_form(const Binding& b) const;
    /// The value GDAL reported it could not parse whole in this record's field, if any.
    const std::string* unparsed_value(const Binding& b) const;

    SourceLayer& source_;
    const LayerSpec& spec_;
    LoadReport& report_;
    std::vector<Binding> bindings_;
    mutable std::vector<std::pair<const char*, const Binding*>> by_literal_;  ///< binding() memo
    std::vector<std::string> date_formats_;
    int earliest_year_ = 0;
    Date events_until_;
    OGRFeature* feature_ = nullptr;
    std::string label_;
    /// (OGR field name, the text as written) of this record's values GDAL parsed only in part.
    std::vector<std::pair<std::string, std::string>> unparsed_;
    bool rejected_ = false;
    std::vector<std::string> incomplete_;
    bool warned_ = false;
    bool warned_guessed_encoding_ = false;
};

}  // namespace parkcap::io::detail
