#include "parkcap/report/issues_csv.hpp"

#include <fstream>

#include <fmt/format.h>

#include "parkcap/core/atomic_file.hpp"
#include "parkcap/core/error.hpp"

namespace parkcap::report {

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) {
        if (c == '"') q += '"';
        q += c;
    }
    return q + '"';
}

void write_issues_csv(const std::string& path, const std::vector<Issue>& issues) {
    AtomicOutput out(path);
    {
        std::ofstream f(out.temp_path(), std::ios::binary);
        if (!f) throw OutputError(fmt::format("{}: cannot be written", path));
        f << "\xEF\xBB\xBF" << "severity,code,file,layer,fid,feature_id,field,message\r\n";
        for (const auto& i : issues) {
            f << (i.severity == Severity::Rejected ? "rejected" : "warning") << ',' << csv_field(i.code) << ','
              << csv_field(i.file) << ',' << csv_field(i.layer) << ',' << (i.fid >= 0 ? std::to_string(i.fid) : "")
              << ',' << csv_field(i.feature_id) << ',' << csv_field(i.field) << ',' << csv_field(i.message) << "\r\n";
        }
        if (!f) throw OutputError(fmt::format("{}: write failed (disk full?)", path));
    }
    out.commit();
}

}  // namespace parkcap::report
