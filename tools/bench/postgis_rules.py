#!/usr/bin/python3
"""Turns the rules file into what postgis_audit.sql reads: psql variables for
the thresholds and a far_rule table (GB/T 4754-2017 prefix -> FAR minimum,
through the 2002 crosswalk), so PostGIS applies exactly parkcap's rules.

    postgis_rules.py default_rules.toml > rules.sql
"""
import sys
import tomllib


def ratio(v):
    if isinstance(v, str) and "/" in v:
        a, b = v.split("/")
        return float(a) / float(b)
    return float(v)


def sql_array(items):
    return "ARRAY[" + ",".join("''" + i.replace("'", "''''") + "''" for i in items) + "]::text[]"


with open(sys.argv[1], "rb") as f:
    rules = tomllib.load(f)
idle, le = rules["idle"], rules["low_efficiency"]
print(f"\\set not_started_years {int(idle['not_started_years'])}")
print(f"\\set halted_years {int(idle['halted_years'])}")
print(f"\\set takeback_years {int(idle['takeback_years'])}")
print(f"\\set dev_ratio_below {ratio(idle['dev_ratio_below']):.17g}")
print(f"\\set inv_ratio_below {ratio(idle['inv_ratio_below']):.17g}")
print(f"\\set tax_floor {float(le['tax_floor_wan_per_mu']):.17g}")
print(f"\\set land_uses '{sql_array(le['land_uses'])}'")
print(f"\\set statuses '{sql_array(le['statuses'])}'")
far_min_of = {m["code_2002"]: m["far_min"] for m in le["far_minimum"]}
print("DROP TABLE IF EXISTS far_rule;")
print("CREATE TABLE far_rule (prefix text PRIMARY KEY, far_min double precision);")
rows = [f"('{c['prefix_2017']}', {far_min_of[c['code_2002']] if c['code_2002'] in far_min_of else 'NULL'})"
        for c in le["crosswalk"]]
print("INSERT INTO far_rule VALUES " + ",\n  ".join(rows) + ";")
