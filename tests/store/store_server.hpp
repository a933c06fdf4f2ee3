#pragma once
// The throwaway PostgreSQL server the ctest fixture started (tests/store/
// pg_server.sh), and a fresh database on it for each test.
#include <string>

namespace parkcap::test {

struct StoreServer {
    int port = 0;
    std::string superuser;
    /// "PG:host=127.0.0.1 port=N user=U dbname=DB".
    std::string address(const std::string& dbname, const std::string& user = {}) const;
};

/// The fixture's server; fails the test (with how to start it) when it is not running.
const StoreServer& store_server();

/// Drops (if left by an earlier run) and creates database `name`; its address as
/// the superuser.
std::string fresh_database(const std::string& name);

}  // namespace parkcap::test
