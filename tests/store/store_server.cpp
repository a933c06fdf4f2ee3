#include "store/store_server.hpp"

#include <fstream>
#include <map>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "parkcap/store/connection.hpp"

namespace parkcap::test {

std::string StoreServer::address(const std::string& dbname, const std::string& user) const {
    return fmt::format("PG:host=127.0.0.1 port={} user={} dbname={}", port, user.empty() ? superuser : user, dbname);
}

const StoreServer& store_server() {
    static const StoreServer server = [] {
        StoreServer s;
        std::ifstream in(std::string(PARKCAP_PG_STATE) + "/server.env");
        std::map<std::string, std::string> kv;
        for (std::string line; std::getline(in, line);)
            if (const auto eq = line.find('='); eq != std::string::npos) kv[line.substr(0, eq)] = line.substr(eq + 1);
        if (kv.count("PG_PORT")) s.port = std::stoi(kv["PG_PORT"]);
        s.superuser = kv["PG_SUPERUSER"];
        return s;
    }();
    INFO("no test server: run the store tests through ctest (fixture 'store: start PostgreSQL'), or start one with "
         "tests/store/pg_server.sh start " PARKCAP_PG_STATE);
    REQUIRE(server.port > 0);
    return server;
}

std::string fresh_database(const std::string& name) {
    const StoreServer& s = store_server();
    store::Connection admin(s.address("postgres"));
    admin.exec(fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", name));
    admin.exec(fmt::format("CREATE DATABASE {}", name));
    return s.address(name);
}

}  // namespace parkcap::test
