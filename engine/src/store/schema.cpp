#include "parkcap/store/schema.hpp"

#include <fmt/format.h>

namespace parkcap::store {

namespace {

// Version 1: the body of land, in the input contract's canonical fields
// (docs/data.md), so `parkcap audit PG:...` reads it through the same loader as a
// folder of files. Geometry columns take the working CRS's SRID at import.
// Parcels are partitioned by district (one partition per district code, made at
// import); `parcels` is a view giving them in the order they were imported, so a
// run on the store sees the parcels in the order a run on the files does.
const char* kLand = R"SQL(
CREATE TABLE imports (
    import_id    bigserial PRIMARY KEY,
    source       text NOT NULL,
    imported_at  timestamptz NOT NULL DEFAULT now(),
    imported_by  text NOT NULL DEFAULT current_user,
    working_epsg integer NOT NULL,
    counts       jsonb NOT NULL
);
-- Every record the loader rejected or repaired, and each source's counts: the
-- rejects report of the import (nothing the package held goes unaccounted).
CREATE TABLE import_issues (
    import_id  bigint NOT NULL REFERENCES imports,
    n          integer NOT NULL,
    severity   text NOT NULL,
    code       text NOT NULL,
    file       text NOT NULL,
    layer      text NOT NULL,
    feature_id text NOT NULL,
    fid        bigint,
    field      text NOT NULL,
    message    text NOT NULL,
    PRIMARY KEY (import_id, n)
);
CREATE TABLE districts (
    fid      integer PRIMARY KEY,
    district text NOT NULL UNIQUE,
    name     text,
    geom     geometry
);
CREATE TABLE parks (
    fid       integer PRIMARY KEY,
    park_id   text NOT NULL UNIQUE,
    name      text NOT NULL,
    level     text NOT NULL,
    district  text NOT NULL,
    themes    text,
    chem_park smallint,
    geom      geometry
);
CREATE TABLE shoreline (
    fid      integer PRIMARY KEY,
    shore_id text NOT NULL,
    zone     text NOT NULL,
    port     smallint NOT NULL,
    length_m double precision,
    geom     geometry
);
CREATE TABLE parcel_partitions (
    seq        bigint NOT NULL,
    parcel_id  text,
    district   text,
    land_use   text,
    status     text,
    appr_date  date,
    supp_date  date,
    start_due  date,
    start_date date,
    halt_date  date,
    dev_ratio  double precision,
    inv_plan   double precision,
    inv_done   double precision,
    far        double precision,
    coverage   double precision,
    tax        double precision,
    output     double precision,
    survey_mu  double precision,
    industry   text,
    enterprise text,
    geom       geometry
) PARTITION BY LIST (district);
CREATE TABLE parcel_partitions_other PARTITION OF parcel_partitions DEFAULT;
CREATE INDEX ON parcel_partitions (parcel_id);
CREATE INDEX ON parcel_partitions USING gist (geom);
CREATE VIEW parcels AS
    SELECT parcel_id, district, land_use, status, appr_date, supp_date, start_due, start_date, halt_date,
           dev_ratio, inv_plan, inv_done, far, coverage, tax, output, survey_mu, industry, enterprise, geom
    FROM parcel_partitions ORDER BY seq;
CREATE TABLE projects (
    fid         integer PRIMARY KEY,
    project_id  text NOT NULL UNIQUE,
    name        text,
    industry    text NOT NULL,
    origin      text NOT NULL,
    area_mu     double precision NOT NULL,
    investment  double precision NOT NULL,
    tax_expect  double precision NOT NULL,
    tech        double precision,
    eia_ok      smallint NOT NULL,
    needs_shore smallint,
    major       smallint,
    far_commit  double precision,
    output_exp  double precision,
    energy_va   double precision,
    emiss_va    double precision
);
CREATE TABLE quota (
    fid       integer PRIMARY KEY,
    district  text NOT NULL UNIQUE,
    quota_mu  double precision NOT NULL,
    earned_mu double precision,
    name      text
);
)SQL";

// Version 2: results written back with --store, each run one dated snapshot that is
// never changed afterwards. A snapshot's rows are the output tables' rows (the
// GeoPackage's layers, by layer name), their fields as JSON and their geometry.
const char* kSnapshots = R"SQL(
CREATE TABLE audits (
    audit_id     bigserial PRIMARY KEY,
    as_of        date NOT NULL,
    taken_at     timestamptz NOT NULL DEFAULT now(),
    taken_by     text NOT NULL DEFAULT current_user,
    import_id    bigint REFERENCES imports,
    rules_version text NOT NULL,
    working_epsg integer NOT NULL
);
CREATE TABLE audit_rows (
    audit_id   bigint NOT NULL REFERENCES audits,
    layer      text NOT NULL,
    row_no     integer NOT NULL,
    attributes jsonb NOT NULL,
    geom       geometry,
    PRIMARY KEY (audit_id, layer, row_no)
);
CREATE TABLE plans (
    plan_id      bigserial PRIMARY KEY,
    as_of        date NOT NULL,
    taken_at     timestamptz NOT NULL DEFAULT now(),
    taken_by     text NOT NULL DEFAULT current_user,
    import_id    bigint REFERENCES imports,
    audit_id     bigint REFERENCES audits,
    rules_version text NOT NULL,
    working_epsg integer NOT NULL
);
CREATE TABLE plan_rows (
    plan_id    bigint NOT NULL REFERENCES plans,
    layer      text NOT NULL,
    row_no     integer NOT NULL,
    attributes jsonb NOT NULL,
    geom       geometry,
    PRIMARY KEY (plan_id, layer, row_no)
);
)SQL";

// Version 3: the plan the planners share, edited in transactions. Each district's
// quota ledger (opened from the quota table at import) never goes below zero: the
// CHECK holds whatever any writer does, and the place transaction locks the rows it
// draws on before it reads them. Land is booked per block (the engine's sites'
// blocks); a block's row is locked while a placement's share of it is checked.
const char* kPlacements = R"SQL(
CREATE TABLE ledger (
    district         text PRIMARY KEY,
    name             text,
    opening_mu       numeric NOT NULL,
    earned_before_mu numeric NOT NULL DEFAULT 0,
    earned_plan_mu   numeric NOT NULL DEFAULT 0,
    spent_mu         numeric NOT NULL DEFAULT 0,
    CONSTRAINT ledger_never_negative CHECK (opening_mu + earned_before_mu + earned_plan_mu - spent_mu >= 0)
);
CREATE TABLE placements (
    project_id      text PRIMARY KEY,
    site_id         text NOT NULL,
    park_id         text NOT NULL,
    site_district   text NOT NULL,
    parcel_ids      text[] NOT NULL,
    area_mu         numeric NOT NULL CHECK (area_mu > 0),
    quota_district  text REFERENCES ledger,
    quota_mu        numeric NOT NULL DEFAULT 0,
    earner_district text REFERENCES ledger,
    earned_mu       numeric NOT NULL DEFAULT 0,
    pinned          boolean NOT NULL DEFAULT false,
    placed_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    placed_by       text NOT NULL DEFAULT session_user
);
CREATE TABLE land_blocks (
    block_id text PRIMARY KEY,
    area_mu  numeric NOT NULL
);
CREATE TABLE placement_land (
    project_id text NOT NULL REFERENCES placements ON DELETE CASCADE,
    block_id   text NOT NULL REFERENCES land_blocks,
    area_mu    numeric NOT NULL,
    PRIMARY KEY (project_id, block_id)
);
CREATE INDEX ON placement_land (block_id);
)SQL";

// Version 4: the decision log (留痕, GB/T 39972-2021). Append-only in the database:
// a trigger refuses UPDATE, DELETE and TRUNCATE for every role, the owner and the
// application's role included, and those privileges are revoked as well.
const char* kDecisions = R"SQL(
CREATE TABLE decisions (
    decision_id   bigserial PRIMARY KEY,
    made_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    made_by       text NOT NULL DEFAULT session_user,
    acting_as     text NOT NULL DEFAULT current_user,
    action        text NOT NULL CHECK (action IN ('place', 'move', 'unplace', 'pin', 'unpin', 'override', 'rules',
                                                  'solve', 'audit', 'import')),
    project_id    text,
    parcel_ids    text[] NOT NULL DEFAULT '{}',
    before        jsonb,
    after         jsonb,
    rules_version text,
    reason        text
);
CREATE INDEX ON decisions (project_id);
CREATE INDEX ON decisions USING gin (parcel_ids);
CREATE INDEX ON decisions (made_at);
CREATE FUNCTION decisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the decision log (留痕) is append-only: % on decisions is refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER decisions_no_change BEFORE UPDATE OR DELETE ON decisions
    FOR EACH ROW EXECUTE FUNCTION decisions_append_only();
CREATE TRIGGER decisions_no_truncate BEFORE TRUNCATE ON decisions
    FOR EACH STATEMENT EXECUTE FUNCTION decisions_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON decisions FROM PUBLIC;
)SQL";


// Roles are the cluster's, shared by every store in it: made once, and a second
// store (or two inits at once) finds them made.
const char* kAppRole = R"SQL(
DO $$ BEGIN
    CREATE ROLE parkcap_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
DO $$ BEGIN
    CREATE ROLE parkcap_city NOLOGIN IN ROLE parkcap_app;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
GRANT USAGE ON SCHEMA public TO parkcap_app;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO parkcap_app;
GRANT INSERT, UPDATE, DELETE ON placements, placement_land TO parkcap_app;
GRANT INSERT ON land_blocks TO parkcap_app;
GRANT UPDATE (earned_plan_mu, spent_mu) ON ledger TO parkcap_app;
GRANT INSERT ON decisions, audits, audit_rows, plans, plan_rows TO parkcap_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO parkcap_app;
)SQL";

// Version 5: who may change what. A district's planners are login roles in
// parkcap_app listed in district_roles with their district: they read everything
// and change only placements paid from their district's quota or sited in its
// parks, and only their district's ledger row; members of parkcap_city (the city
// bureau) change all. Row-level security enforces it in the database.
const char* kDistrictRoles = R"SQL(
CREATE TABLE district_roles (
    role_name text PRIMARY KEY,
    district  text NOT NULL
);
GRANT SELECT ON district_roles TO parkcap_app;
-- A placement locks the land blocks it books (SELECT ... FOR UPDATE needs UPDATE).
GRANT UPDATE ON land_blocks TO parkcap_app;
-- Tables an import makes later (a new district's parcel partition, the parcels view
-- made again) are readable by the planners too.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO parkcap_app;
CREATE FUNCTION parkcap_may_change(VARIADIC districts text[]) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT pg_has_role(session_user, 'parkcap_city', 'MEMBER')
        OR pg_has_role(current_user, 'parkcap_city', 'MEMBER')
        OR EXISTS (SELECT 1 FROM district_roles r
                   WHERE (r.role_name = current_user OR r.role_name = session_user) AND r.district = ANY(districts))
$$;
ALTER TABLE placements ENABLE ROW LEVEL SECURITY;
CREATE POLICY placements_read ON placements FOR SELECT USING (true);
CREATE POLICY placements_insert ON placements FOR INSERT WITH CHECK (parkcap_may_change(quota_district, site_district));
CREATE POLICY placements_update ON placements FOR UPDATE USING (parkcap_may_change(quota_district, site_district))
    WITH CHECK (parkcap_may_change(quota_district, site_district));
CREATE POLICY placements_delete ON placements FOR DELETE USING (parkcap_may_change(quota_district, site_district));
ALTER TABLE placement_land ENABLE ROW LEVEL SECURITY;
CREATE POLICY placement_land_read ON placement_land FOR SELECT USING (true);
CREATE POLICY placement_land_change ON placement_land FOR ALL
    USING (EXISTS (SELECT 1 FROM placements p WHERE p.project_id = placement_land.project_id
                   AND parkcap_may_change(p.quota_district, p.site_district)))
    WITH CHECK (EXISTS (SELECT 1 FROM placements p WHERE p.project_id = placement_land.project_id
                        AND parkcap_may_change(p.quota_district, p.site_district)));
ALTER TABLE ledger ENABLE ROW LEVEL SECURITY;
CREATE POLICY ledger_read ON ledger FOR SELECT USING (true);
CREATE POLICY ledger_update ON ledger FOR UPDATE USING (parkcap_may_change(district)) WITH CHECK (parkcap_may_change(district));
)SQL";

// Version 6: comparisons and evaluations written back with --store, as dated
// snapshots like audits and plans: a comparison names the two audits it compared
// (stored ones by id; files by path), an evaluation the audit date it was made at.
const char* kMoreSnapshots = R"SQL(
CREATE TABLE comparisons (
    comparison_id bigserial PRIMARY KEY,
    before_as_of  date NOT NULL,
    after_as_of   date NOT NULL,
    before_source text NOT NULL,
    after_source  text NOT NULL,
    taken_at      timestamptz NOT NULL DEFAULT now(),
    taken_by      text NOT NULL DEFAULT current_user,
    rules_version text NOT NULL,
    working_epsg  integer NOT NULL
);
CREATE TABLE comparison_rows (
    comparison_id bigint NOT NULL REFERENCES comparisons,
    layer      text NOT NULL,
    row_no     integer NOT NULL,
    attributes jsonb NOT NULL,
    geom       geometry,
    PRIMARY KEY (comparison_id, layer, row_no)
);
CREATE TABLE evaluations (
    evaluation_id bigserial PRIMARY KEY,
    as_of         date NOT NULL,
    taken_at      timestamptz NOT NULL DEFAULT now(),
    taken_by      text NOT NULL DEFAULT current_user,
    import_id     bigint REFERENCES imports,
    since_source  text,
    rules_version text NOT NULL,
    working_epsg  integer NOT NULL
);
CREATE TABLE evaluation_rows (
    evaluation_id bigint NOT NULL REFERENCES evaluations,
    layer      text NOT NULL,
    row_no     integer NOT NULL,
    attributes jsonb NOT NULL,
    geom       geometry,
    PRIMARY KEY (evaluation_id, layer, row_no)
);
ALTER TABLE decisions DROP CONSTRAINT decisions_action_check;
ALTER TABLE decisions ADD CONSTRAINT decisions_action_check CHECK (action IN ('place', 'move', 'unplace', 'pin', 'unpin',
    'override', 'rules', 'solve', 'audit', 'import', 'compare', 'evaluate'));
GRANT SELECT ON comparisons, comparison_rows, evaluations, evaluation_rows TO parkcap_app;
GRANT INSERT ON comparisons, comparison_rows, evaluations, evaluation_rows TO parkcap_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO parkcap_app;
)SQL";

/// Taken by init so that two inits (two bureaus' scripts) never both migrate.
constexpr const char* kInitLock = "SELECT pg_advisory_xact_lock(hashtext('parkcap.schema'))";

bool has_version_table(Connection& c) {
    return c.exec("SELECT to_regclass('schema_version') IS NOT NULL").text(0, 0) == "t";
}

}  // namespace

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> all = {
        {1, "land: parks, shoreline, districts, parcels partitioned by district, projects, quota, imports", kLand},
        {2, "snapshots: audits and plans written back with --store", kSnapshots},
        {3, "the shared plan: quota ledger, placements and the land they book", kPlacements},
        {4, "the decision log (留痕), append-only, and the application's role parkcap_app",
         std::string(kDecisions) + kAppRole},
        {5, "who may change what: district_roles and row-level security on placements and the ledger", kDistrictRoles},
        {6, "snapshots: comparisons and evaluations written back with --store", kMoreSnapshots},
    };
    return all;
}

int current_schema_version() { return migrations().back().version; }

int schema_version(Connection& c) {
    if (!has_version_table(c)) return 0;
    const Result r = c.exec("SELECT coalesce(max(version), 0) FROM schema_version");
    return static_cast<int>(r.integer(0, 0));
}

InitResult init_store(Connection& c) {
    InitResult result;
    in_transaction(c, false, [&] {
        c.exec(kInitLock);
        if (c.exec("SELECT count(*) FROM pg_extension WHERE extname = 'postgis'").integer(0, 0) == 0) {
            try {
                c.exec("CREATE EXTENSION postgis");
            } catch (const SqlError& e) {
                throw DataError(fmt::format("{}: PostGIS is not installed in this database and cannot be created here: {}",
                                            c.address(), e.what()),
                                "ask the database's owner to run CREATE EXTENSION postgis, then run parkcap db init again");
            }
        }
        if (!has_version_table(c))
            c.exec("CREATE TABLE schema_version (version integer PRIMARY KEY, description text NOT NULL, "
                   "applied_at timestamptz NOT NULL DEFAULT now(), applied_by text NOT NULL DEFAULT current_user)");
    });
    for (const Migration& m : migrations()) {
        bool applied = false;
        in_transaction(c, false, [&] {
            c.exec(kInitLock);
            const int now = schema_version(c);
            if (m.version == migrations().front().version) result.found_version = now;
            if (now > current_schema_version())
                throw DataError(fmt::format("{}: the store's schema is version {}, newer than this parkcap's {}", c.address(),
                                            now, current_schema_version()),
                                "use the parkcap that made this store, or a newer one");
            if (now >= m.version) return;
            c.exec(m.sql);
            c.exec("INSERT INTO schema_version (version, description) VALUES ($1, $2)",
                   {std::to_string(m.version), m.description});
            applied = true;
        });
        if (applied) result.applied.push_back(m.version);
    }
    return result;
}

void require_current_schema(Connection& c) {
    const int v = schema_version(c);
    if (v == current_schema_version()) return;
    if (v == 0)
        throw DataError(fmt::format("{}: not a parkcap store (no schema_version table)", c.address()),
                        "create the store first: parkcap db init PG:...");
    if (v < current_schema_version())
        throw DataError(fmt::format("{}: the store's schema is version {}; this parkcap needs version {}", c.address(), v,
                                    current_schema_version()),
                        "bring it up to date with parkcap db init PG:... (it applies the missing migrations)");
    throw DataError(fmt::format("{}: the store's schema is version {}, newer than this parkcap's {}", c.address(), v,
                                current_schema_version()),
                    "use the parkcap that made this store, or a newer one");
}

}  // namespace parkcap::store
