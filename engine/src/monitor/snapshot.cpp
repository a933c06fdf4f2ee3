#include "parkcap/monitor/snapshot.hpp"

namespace parkcap::monitor {

namespace {
std::string_view name_in(const std::vector<NamedPlace>& places, std::string_view code) {
    for (const NamedPlace& p : places)
        if (p.code == code) return p.name.empty() ? code : std::string_view(p.name);
    return code;
}
}  // namespace

std::string_view AuditSnapshot::district_name(std::string_view code) const { return name_in(districts, code); }
std::string_view AuditSnapshot::park_name(std::string_view park_id) const { return name_in(parks, park_id); }

}  // namespace parkcap::monitor
