#pragma once
// The rejects report: every Issue of a load, one CSV row each, UTF-8 with a BOM so
// Excel shows the Chinese correctly.
#include <string>
#include <vector>

#include "parkcap/core/report.hpp"

namespace parkcap::report {

/// Columns: severity, code, file, layer, fid, feature_id, field, message.
/// Written atomically. Throws OutputError when it cannot be written.
void write_issues_csv(const std::string& path, const std::vector<Issue>& issues);

/// One CSV field, quoted when it holds a comma, quote or line break.
std::string csv_field(const std::string& s);

}  // namespace parkcap::report
