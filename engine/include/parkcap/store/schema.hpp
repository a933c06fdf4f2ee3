#pragma once
// The store's schema, versioned: each migration is one transaction that moves the
// schema from version n-1 to n and records itself in schema_version, so a store
// made by an older parkcap is brought up to date by `parkcap db init` and one made
// by a newer parkcap is refused rather than misread.
#include <string>
#include <vector>

#include "parkcap/store/connection.hpp"

namespace parkcap::store {

struct Migration {
    int version = 0;
    std::string description;
    std::string sql;
};

/// Every migration, in version order (docs/store.md lists what each adds).
const std::vector<Migration>& migrations();
/// The version this parkcap writes and reads.
int current_schema_version();

/// The store's schema version: 0 for a database without parkcap's schema.
int schema_version(Connection& c);

/// What init did: the version found and the migrations applied.
struct InitResult {
    int found_version = 0;
    std::vector<int> applied;
};

/// Creates PostGIS (when absent) and applies the migrations the store lacks, each
/// in its own transaction, under an advisory lock so two inits never interleave.
/// DataError when the store is newer than this parkcap.
InitResult init_store(Connection& c);

/// Throws DataError unless the store's schema is exactly the current version
/// (with the command that fixes it in the hint).
void require_current_schema(Connection& c);

}  // namespace parkcap::store
