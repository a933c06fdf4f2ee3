#pragma once
// A plan saved as an overrides file (docs/allocate.md): every placement pinned to
// its site, the planner's exclusions, locks and reserves kept, and the quota
// ledger in comments. Allocating again with it (`--plan FILE.toml`, or
// `--overrides FILE.toml`) reproduces the plan. The text reads back through
// allocate::parse_overrides; a test round-trips it.
#include <string>

#include "parkcap/allocate/allocate.hpp"
#include "parkcap/audit/audit.hpp"

namespace parkcap::report {

/// Overrides as TOML: lock_parcels first (a key after a table would belong to
/// that table), then [[pin]], [[forbid]] and [[reserve]] tables.
std::string overrides_toml(const allocate::Overrides& overrides);

/// The plan as an overrides file: a header (audit date, rules), the ledger, one
/// pin per placement with a comment saying whether the planner pinned it or the
/// optimiser chose it, and `base`'s forbids, locks and reserves.
std::string plan_overrides_toml(const City& city, const audit::Audit& audit, const rules::Rules& rules,
                                const allocate::Plan& plan, const allocate::Overrides& base);

/// Writes plan_overrides_toml to `path` atomically (OutputError when it cannot).
void write_plan_overrides(const std::string& path, const City& city, const audit::Audit& audit, const rules::Rules& rules,
                          const allocate::Plan& plan, const allocate::Overrides& base);

}  // namespace parkcap::report
