#pragma once
// What loading and validation found wrong with the input, record by record.
// Nothing is silently dropped: every record read is either kept or rejected, and
// every repair, default or rejection leaves an Issue here.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace parkcap {

enum class Severity : uint8_t {
    Warning,   ///< record kept, maybe repaired or with a field left empty
    Rejected,  ///< record not used; the city has no trace of it but this issue
    Info,      ///< not a problem: a source's record counts, written into the rejects report
};

/// One finding about one record (or one layer when feature_id is empty).
struct Issue {
    Severity severity = Severity::Warning;
    std::string code;        ///< stable machine-readable code, e.g. "geometry.repaired"
    std::string file;        ///< the source file or connection as given
    std::string layer;       ///< the OGR layer name in that source
    std::string feature_id;  ///< the record's id value when it has one, else "FID n"
    int64_t fid = -1;        ///< OGR feature id in the source layer, -1 for layer-wide issues
    std::string field;       ///< the source field name involved, "" for geometry or the whole record
    std::string message;     ///< what is wrong, what was expected, the bad value quoted

    /// `file:layer:feature: field: message`, the form every tool prints.
    std::string to_string() const;
};

/// Per-layer (and per-source-file) record accounting.
/// Invariant: read == kept + merged + rejected.
struct LayerCounts {
    uint64_t read = 0;
    uint64_t kept = 0;
    uint64_t merged = 0;    ///< duplicates folded into a kept record (an identical record, one parcel reported twice)
    uint64_t rejected = 0;
    uint64_t repaired = 0;  ///< kept records whose geometry was repaired (MakeValid, a ring closed)
    uint64_t warned = 0;    ///< kept records with at least one warning
    uint64_t incomplete = 0;  ///< kept records with a required attribute empty or unusable
    bool conserved() const { return read == kept + merged + rejected; }
};

/// The load report of a whole city: counts per logical layer and every issue.
struct LoadReport {
    std::map<std::string, LayerCounts> counts;  ///< keyed by logical layer: "parcels", ...
    std::vector<Issue> issues;

    void add(Issue issue) { issues.push_back(std::move(issue)); }
    uint64_t count(Severity s) const;
    uint64_t count_code(const std::string& code) const;
};

}  // namespace parkcap
