-- The benchmark's reference workload in PostGIS (see geopandas_audit.py for the
-- same in GeoPandas): area, park by centroid, distance to the port shoreline, the
-- idle-land rule, low FAR, low tax per 亩, per-park totals. Tables parcels, parks,
-- shoreline loaded by ogr2ogr (parks and shoreline reprojected to the parcels'
-- CRS); thresholds from postgis_rules.py; :as_of set by the caller.
--   psql -v as_of=2026-06-30 -f rules.sql -f postgis_audit.sql
\set ON_ERROR_STOP on
SET client_min_messages = warning;
DROP TABLE IF EXISTS parcel_results, park_totals;

-- Invalid polygons repaired in place, once (ST_IsValid runs once per parcel).
UPDATE parcels SET geom = ST_Multi(ST_CollectionExtract(ST_MakeValid(geom, 'method=structure'), 3))
WHERE NOT ST_IsValid(geom);

CREATE TABLE parcel_results AS
WITH kept AS (            -- every record is land; one repeating an id and its shape counts once
    SELECT DISTINCT ON (trim(parcel_id), ST_AsBinary(geom)) *
    FROM parcels
    ORDER BY trim(parcel_id), ST_AsBinary(geom), ogc_fid
), clean AS (             -- out-of-range numbers are empty
    SELECT ogc_fid, trim(parcel_id) AS parcel_id, lower(trim(status)) AS status, lower(trim(land_use)) AS land_use,
           coalesce(industry, '') AS industry, start_due, start_date, halt_date,
           CASE WHEN dev_ratio BETWEEN 0 AND 1 THEN dev_ratio END AS dev_ratio,
           CASE WHEN inv_plan >= 0 THEN inv_plan END AS inv_plan,
           CASE WHEN inv_done >= 0 THEN inv_done END AS inv_done,
           CASE WHEN far >= 0 THEN far END AS far,
           CASE WHEN tax >= 0 THEN tax END AS tax, geom
    FROM kept
), port AS (
    SELECT ST_Union(geom) AS geom FROM shoreline WHERE port = 1
), measured AS (
    SELECT c.*, ST_Area(c.geom) AS area_m2, ST_Area(c.geom) / (2000.0 / 3.0) AS area_mu,
           ST_Distance(c.geom, port.geom) AS port_dist,
           (SELECT k.park_id FROM parks k WHERE ST_Intersects(k.geom, ST_Centroid(c.geom))
            ORDER BY ST_Area(k.geom) LIMIT 1) AS park_id,
           (SELECT r.far_min FROM far_rule r WHERE c.industry LIKE r.prefix || '%'
            ORDER BY length(r.prefix) DESC LIMIT 1) AS far_min
    FROM clean c CROSS JOIN port
)
SELECT ogc_fid AS fid, parcel_id, park_id, area_m2, port_dist,
       CASE
         WHEN status = 'supplied' AND start_date IS NULL AND start_due IS NOT NULL
              AND DATE :'as_of' >= start_due + make_interval(years => :not_started_years)
           THEN CASE WHEN DATE :'as_of' >= start_due + make_interval(years => :takeback_years)
                     THEN 'IDLE_TAKEBACK' ELSE 'IDLE_FEE' END
         WHEN status = 'building' AND halt_date IS NOT NULL
              AND DATE :'as_of' >= halt_date + make_interval(years => :halted_years)
              AND (dev_ratio < :dev_ratio_below - 1e-9
                   OR (inv_plan > 0 AND inv_done / inv_plan < :inv_ratio_below - 1e-9))
           THEN CASE WHEN DATE :'as_of' >= halt_date + make_interval(years => :takeback_years)
                     THEN 'IDLE_TAKEBACK' ELSE 'IDLE_FEE' END
         ELSE ''
       END AS idle,
       (land_use = ANY(:land_uses) AND status = ANY(:statuses) AND area_mu > 0
        AND far < far_min - 1e-9)::int AS low_far,
       (land_use = ANY(:land_uses) AND status = ANY(:statuses) AND area_mu > 0
        AND tax / area_mu < :tax_floor - 1e-9)::int AS low_tax,
       geom
FROM measured;

CREATE TABLE park_totals AS
SELECT park_id, count(*) AS parcels, sum(area_m2) AS area_m2, sum(low_far) AS low_far, sum(low_tax) AS low_tax,
       coalesce(sum(area_m2) FILTER (WHERE idle <> ''), 0) AS idle_m2
FROM parcel_results WHERE park_id IS NOT NULL GROUP BY park_id ORDER BY park_id;
