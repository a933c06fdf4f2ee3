#!/usr/bin/python3
"""The benchmark's reference workload done the way a GeoPandas user would.

What parkcap's audit computes and GeoPandas can do directly: each parcel's area,
its park (the park containing its centroid), its distance to the nearest
port-suitable shoreline, the idle-land rule (not started a year after the agreed
start; or halted a year with under 1/3 developed or under 25 % invested; two
years: take back), floor-area ratio below the industry minimum, tax per 亩 below
the floor, and per-park totals. Input handling as parkcap's loader: records
repeating both the parcel_id and the geometry of an earlier one are dropped
(records missing a required field are kept, outside the rules that need it; a
repeated id with another shape is a parcel of its own), invalid polygons
repaired, out-of-range numbers treated as empty. Thresholds come from the same
rules file. Writes OUT.gpkg (layer parcel_results) and OUT.park_totals.csv.

    /usr/bin/python3 geopandas_audit.py DATA OUT.gpkg --as-of 2026-06-30 --rules default_rules.toml
DATA is a folder of Shapefiles (parcels, parks, shoreline) or one holding city.gpkg
with those layers (make_sample_city --city riverbend).
Run with Debian's /usr/bin/python3 (python3-geopandas, python3-rtree).
"""
import argparse
import os
import time
import tomllib
import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.validation import make_valid

warnings.filterwarnings("ignore")
SQ_M_PER_MU = 2000.0 / 3.0
EPS = 1e-9


def ratio(v):
    if isinstance(v, str) and "/" in v:
        a, b = v.split("/")
        return float(a) / float(b)
    return float(v)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("out")
    ap.add_argument("--as-of", required=True)
    ap.add_argument("--rules", required=True)
    args = ap.parse_args()
    with open(args.rules, "rb") as f:
        rules = tomllib.load(f)
    idle, le = rules["idle"], rules["low_efficiency"]
    t0 = time.time()

    # A city is Shapefiles (the sample-like city) or one GeoPackage, city.gpkg,
    # with a layer each (make_sample_city --city riverbend).
    gpkg = os.path.join(args.data, "city.gpkg")
    read = (lambda name: gpd.read_file(gpkg, layer=name)) if os.path.exists(gpkg) else \
        (lambda name: gpd.read_file(os.path.join(args.data, name + ".shp")))
    parcels = read("parcels")
    parks = read("parks").to_crs(parcels.crs)
    shore = read("shoreline").to_crs(parcels.crs)
    t_read = time.time()

    # Input rules: every record with a geometry is land; a record repeating the id
    # and the shape of an earlier one counts once; ranges.
    for col in ("parcel_id", "district", "land_use", "status"):
        parcels[col] = parcels[col].astype("string").str.strip()
    parcels["_wkb"] = parcels.geometry.to_wkb()
    parcels = parcels[~parcels.duplicated(subset=["parcel_id", "_wkb"], keep="first")].drop(columns="_wkb").copy()
    parcels["status"] = parcels["status"].str.lower()
    parcels["land_use"] = parcels["land_use"].str.lower()
    for col, lo, hi in (("dev_ratio", 0, 1), ("inv_plan", 0, None), ("inv_done", 0, None), ("far", 0, None),
                        ("tax", 0, None)):
        v = pd.to_numeric(parcels[col], errors="coerce")
        bad = (v < lo) | ((v > hi) if hi is not None else False)
        parcels[col] = v.mask(bad)
    invalid = ~parcels.is_valid
    parcels.loc[invalid, "geometry"] = parcels.loc[invalid, "geometry"].apply(make_valid)

    # Measures.
    parcels["area_m2"] = parcels.area
    area_mu = parcels["area_m2"] / SQ_M_PER_MU
    centroids = gpd.GeoDataFrame({"i": np.arange(len(parcels))}, geometry=parcels.centroid.values, crs=parcels.crs)
    parks = parks.assign(park_area=parks.area)
    hit = gpd.sjoin(centroids, parks[["park_id", "park_area", "geometry"]], how="left", predicate="intersects")
    hit = hit.sort_values(["i", "park_area"]).drop_duplicates("i")  # overlapping parks: the smallest
    parcels["park_id"] = hit.sort_values("i")["park_id"].values
    port = shore[shore["port"] == 1].unary_union
    parcels["port_dist"] = parcels.distance(port)

    # The idle-land rule.
    as_of = pd.Timestamp(args.as_of)
    date = {c: pd.to_datetime(parcels[c], errors="coerce") for c in ("start_due", "start_date", "halt_date")}
    years = lambda d, n: d + pd.DateOffset(years=int(n))
    status = parcels["status"]
    not_started = (status == "supplied") & date["start_date"].isna() & date["start_due"].notna()
    due = date["start_due"]
    idle_ns = not_started & (as_of >= years(due, idle["not_started_years"]))
    takeback_ns = idle_ns & (as_of >= years(due, idle["takeback_years"]))
    halt = date["halt_date"]
    halted = (status == "building") & halt.notna() & (as_of >= years(halt, idle["halted_years"]))
    share = parcels["inv_done"] / parcels["inv_plan"].where(parcels["inv_plan"] > 0)
    low = (parcels["dev_ratio"] < ratio(idle["dev_ratio_below"]) - EPS) | (share < ratio(idle["inv_ratio_below"]) - EPS)
    idle_h = halted & low
    takeback_h = idle_h & (as_of >= years(halt, idle["takeback_years"]))
    parcels["idle"] = np.where(takeback_ns | takeback_h, "IDLE_TAKEBACK", np.where(idle_ns | idle_h, "IDLE_FEE", ""))

    # Low efficiency: built industrial land, FAR by industry, tax per 亩.
    tested = parcels["land_use"].isin(le["land_uses"]) & status.isin(le["statuses"]) & (area_mu > 0)
    crosswalk = sorted(((c["prefix_2017"], c["code_2002"]) for c in le["crosswalk"]), key=lambda c: -len(c[0]))
    far_min_of = {m["code_2002"]: m["far_min"] for m in le["far_minimum"]}
    industry = parcels["industry"].fillna("").astype(str)
    far_min = pd.Series(np.nan, index=parcels.index)
    for prefix, code in reversed(crosswalk):  # longest prefix wins: applied last
        if code in far_min_of:
            far_min[industry.str.startswith(prefix)] = far_min_of[code]
        else:
            far_min[industry.str.startswith(prefix)] = np.nan
    parcels["low_far"] = (tested & (parcels["far"] < far_min - EPS)).astype(int)
    parcels["low_tax"] = (tested & (parcels["tax"] / area_mu < le["tax_floor_wan_per_mu"] - EPS)).astype(int)

    # Per-park totals.
    in_park = parcels[parcels["park_id"].notna()]
    totals = in_park.groupby("park_id").agg(parcels=("parcel_id", "size"), area_m2=("area_m2", "sum"),
                                             low_far=("low_far", "sum"), low_tax=("low_tax", "sum"))
    totals["idle_m2"] = in_park[in_park["idle"] != ""].groupby("park_id")["area_m2"].sum()
    totals = totals.fillna(0).reset_index()
    t_compute = time.time()

    out = parcels[["parcel_id", "park_id", "area_m2", "port_dist", "idle", "low_far", "low_tax", "geometry"]]
    if os.path.exists(args.out):
        os.remove(args.out)
    out.to_file(args.out, layer="parcel_results", driver="GPKG")
    totals.to_csv(os.path.splitext(args.out)[0] + ".park_totals.csv", index=False)
    t_write = time.time()
    print(f"geopandas read {t_read - t0:.2f} s, compute {t_compute - t_read:.2f} s, write {t_write - t_compute:.2f} s")


if __name__ == "__main__":
    main()
