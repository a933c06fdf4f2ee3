#pragma once
// The one hierarchy for operations that cannot proceed (see docs/DEVELOPING.md).
// Bad *records* are not errors: they are reported as Issues (core/report.hpp).
#include <stdexcept>
#include <string>

namespace parkcap {

/// Base of everything the engine throws on purpose. The message is complete and
/// names the file, layer, key or line involved; the hint says how to fix it.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message, std::string hint = {})
        : std::runtime_error(message), hint_(std::move(hint)) {}
    const std::string& hint() const noexcept { return hint_; }

private:
    std::string hint_;
};

/// Bad command-line arguments or options (exit code 2).
class UsageError : public Error { using Error::Error; };
/// A source that cannot be opened or read: missing file, truncated .shp, no such layer (exit 3).
class InputError : public Error { using Error::Error; };
/// Input that was read but cannot be used: an unparsable rules or mapping file, a
/// layer without CRS, a required field absent from a layer (exit 4).
class DataError : public Error { using Error::Error; };
/// An output that cannot be written (exit 5).
class OutputError : public Error { using Error::Error; };

}  // namespace parkcap
