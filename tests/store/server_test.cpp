// The test server itself: reachable on 127.0.0.1, PostgreSQL 15 with PostGIS,
// never run as root, and each test's database its own.
#include <catch2/catch.hpp>

#include "parkcap/store/connection.hpp"
#include "store/store_server.hpp"
#include "support/parkcap_run.hpp"

using namespace parkcap;

TEST_CASE("store server: PostgreSQL 15 with PostGIS on 127.0.0.1", "[store]") {
    const std::string address = test::fresh_database("server_test");
    store::Connection c(address);
    CHECK(c.exec("SHOW server_version_num").integer(0, 0) / 10000 == 15);
    CHECK(c.exec("SELECT inet_server_addr()::text").text(0, 0) == "127.0.0.1/32");
    c.exec("CREATE EXTENSION postgis");
    // A 30 m x 20 m rectangle in a metric CRS: 600 m², as PostGIS computes it.
    const auto area = c.exec("SELECT ST_Area(ST_GeomFromText('POLYGON((0 0,30 0,30 20,0 20,0 0))', 4528))");
    CHECK(area.real(0, 0) == 600.0);
    // The server process belongs to an unprivileged account (PostgreSQL refuses root).
    c.exec("CREATE TEMP TABLE who (line text)");
    c.exec("COPY who FROM PROGRAM 'id -u'");
    CHECK(c.exec("SELECT line FROM who").text(0, 0) != "0");
}

TEST_CASE("store server: a refused statement names its SQLSTATE and the server's reason", "[store]") {
    store::Connection c(test::fresh_database("server_errors"));
    try {
        c.exec("SELECT * FROM no_such_table");
        FAIL("no error");
    } catch (const store::SqlError& e) {
        CHECK(e.sqlstate() == "42P01");
        CHECK(std::string(e.what()).find("no_such_table") != std::string::npos);
    }
    CHECK_THROWS_AS(store::Connection(test::store_server().address("no_such_database")), InputError);
}

TEST_CASE("store server: a streamed COPY sends every row, and one abandoned or refused half-way leaves nothing", "[store]") {
    store::Connection c(test::fresh_database("copy_stream"));
    c.exec("CREATE TABLE t (n integer NOT NULL)");
    // 3,000,000 rows of 8 bytes: the buffer is sent several times before finish().
    constexpr int kRows = 3000000;
    const auto fill = [&](store::CopyIn& copy, int rows) {
        for (int i = 1; i <= rows; ++i) {
            copy.rows += std::to_string(1000000 + i);
            copy.rows += '\n';
            copy.flush_if_full();
        }
    };
    SECTION("finished: every row, their sum as sent") {
        store::in_transaction(c, false, [&] {
            store::CopyIn copy(c, "COPY t (n) FROM STDIN");
            fill(copy, kRows);
            copy.finish();
        });
        CHECK(c.exec("SELECT count(*) FROM t").integer(0, 0) == kRows);
        CHECK(c.exec("SELECT sum(n) FROM t").integer(0, 0) == int64_t(kRows) * 1000000 + int64_t(kRows) * (kRows + 1) / 2);
    }
    SECTION("abandoned by an exception after chunks were sent: rolled back, the connection usable") {
        CHECK_THROWS_WITH(store::in_transaction(c, false, [&] {
                              store::CopyIn copy(c, "COPY t (n) FROM STDIN");
                              fill(copy, kRows);
                              throw std::runtime_error("the audit failed half-way");
                          }),
                          "the audit failed half-way");
        CHECK(c.exec("SELECT count(*) FROM t").integer(0, 0) == 0);
    }
    SECTION("a row the server refuses, after chunks were sent: SqlError naming it, nothing kept") {
        try {
            store::in_transaction(c, false, [&] {
                store::CopyIn copy(c, "COPY t (n) FROM STDIN");
                fill(copy, kRows);
                copy.rows += "not a number\n";
                copy.finish();
            });
            FAIL("no error");
        } catch (const store::SqlError& e) {
            CHECK(e.sqlstate() == "22P02");
            CHECK(std::string(e.what()).find("not a number") != std::string::npos);
        }
        CHECK(c.exec("SELECT count(*) FROM t").integer(0, 0) == 0);
    }
}

TEST_CASE("store server: PG addresses lose GDAL's keys and keep libpq's", "[store]") {
    std::string schema;
    CHECK(store::libpq_conninfo("PG:host=h dbname=d active_schema=city2 tables=parcels", &schema) == "host=h dbname=d");
    CHECK(schema == "city2");
    CHECK(store::libpq_conninfo("PG:dbname='a b' port=5") == "dbname='a b' port=5");
}

TEST_CASE("store cli: db and each of its subcommands have --help", "[store][cli]") {
    const auto r = test::run_parkcap("db --help");
    REQUIRE(r.exit_code == 0);
    for (const char* sub : {"init", "import", "place", "move", "pin", "unplace", "ledger", "log"}) {
        INFO(sub);
        CHECK(r.out.find(sub) != std::string::npos);
        const auto h = test::run_parkcap(std::string("db ") + sub + " --help");
        CHECK(h.exit_code == 0);
        CHECK(h.out.find(std::string(sub) == "import" ? "--db" : "STORE") != std::string::npos);
    }
    CHECK(test::run_parkcap("db place PG:dbname=x --project P").exit_code == 2);  // says where
    CHECK(test::run_parkcap("db init not-a-store").exit_code == 2);
}
