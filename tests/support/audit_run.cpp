#include "support/audit_run.hpp"

#include <stdexcept>

#include <catch2/catch.hpp>

namespace parkcap::test {

std::size_t AuditRun::index_of(const std::string& id) const {
    for (std::size_t i = 0; i < city.parcels.size(); ++i)
        if (city.parcels.parcel_id[i] == id) return i;
    throw std::runtime_error("no parcel " + id);
}

std::vector<audit::Flag> AuditRun::flags(const std::string& id) const {
    const auto span = audit.flags_of(index_of(id));
    return {span.begin(), span.end()};
}

bool AuditRun::has(const std::string& id, audit::FlagCode code) const {
    for (const auto& f : flags(id))
        if (f.code == code) return true;
    return false;
}

audit::Flag AuditRun::flag(const std::string& id, audit::FlagCode code) const {
    for (const auto& f : flags(id))
        if (f.code == code) return f;
    FAIL("parcel " << id << " has no flag " << audit::code_name(code));
    return {};
}

AuditRun run_audit_on(const MiniCity& mini, const std::string& as_of, const std::string& scratch_name, unsigned threads) {
    return run_audit_on(mini, as_of, scratch_name, rules::default_rules(), threads);
}

AuditRun run_audit_on(const MiniCity& mini, const std::string& as_of, const std::string& scratch_name,
                      const rules::Rules& rules, unsigned threads) {
    ScratchDir dir(scratch_name);
    const std::string path = dir / "city.gpkg";
    mini.write_gpkg(path);
    io::LoadOptions options;
    options.data = path;
    // The data checks of the rules, as `parkcap` runs them (session.cpp).
    options.survey_area_tolerance = rules.data.survey_area_tolerance;
    options.overlap_tolerance = rules.data.overlap_tolerance;
    AuditRun run{io::load_city(options), rules, {}};
    run.audit = audit::run_audit(run.city, run.rules, {*parse_date(as_of, {"%Y-%m-%d"}), threads});
    return run;
}

}  // namespace parkcap::test
