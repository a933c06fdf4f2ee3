#pragma once
// Writes a MiniCity to a real GeoPackage, loads it and audits it with the default
// rules: the round trip every audit test makes.
#include <string>
#include <vector>

#include "parkcap/audit/audit.hpp"
#include "parkcap/io/load.hpp"
#include "support/fixtures.hpp"
#include "support/mini_city.hpp"

namespace parkcap::test {

struct AuditRun {
    City city;
    rules::Rules rules;
    audit::Audit audit;

    std::size_t index_of(const std::string& parcel_id) const;
    std::vector<audit::Flag> flags(const std::string& parcel_id) const;
    /// The one flag of `code` on the parcel; fails the test when absent.
    audit::Flag flag(const std::string& parcel_id, audit::FlagCode code) const;
    bool has(const std::string& parcel_id, audit::FlagCode code) const;
    std::string reason_zh(const audit::Flag& f) const { return audit::reason_zh(f, city, rules); }
    std::string reason_en(const audit::Flag& f) const { return audit::reason_en(f, city, rules); }
};

AuditRun run_audit_on(const MiniCity& mini, const std::string& as_of, const std::string& scratch_name,
                      unsigned threads = 1);
/// The same under the given rules (e.g. a user's file laid over the built-in ones).
AuditRun run_audit_on(const MiniCity& mini, const std::string& as_of, const std::string& scratch_name,
                      const rules::Rules& rules, unsigned threads = 1);

}  // namespace parkcap::test
