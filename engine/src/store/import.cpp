#include "parkcap/store/import.hpp"

#include <fmt/format.h>

#include "ewkb.hpp"
#include "parkcap/store/schema.hpp"

namespace parkcap::store {

namespace {

std::string text_or_null(std::string_view s) { return s.empty() ? "\\N" : copy_field(s); }
std::string date_field(Date d) { return d.is_null() ? "\\N" : d.iso(); }
std::string flag_field(bool b) { return b ? "1" : "0"; }

/// Appends one COPY row to `text`.
void add_row(std::string& text, std::initializer_list<std::string> fields) {
    bool first = true;
    for (const auto& f : fields) {
        if (!first) text += '\t';
        text += f;
        first = false;
    }
    text += '\n';
}

/// The rows of a small table, sent with one copy_in.
struct Rows {
    std::string text;
    uint64_t count = 0;
    void add(std::initializer_list<std::string> fields) {
        add_row(text, fields);
        ++count;
    }
};

std::string json_escape(std::string_view s) {
    std::string out;
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') { out += '\\'; out += ch; }
        else if (c < 0x20) out += fmt::format("\\u{:04x}", c);
        else out += ch;
    }
    return out;
}

std::string counts_json(const City& city) {
    std::string out = "{";
    bool first = true;
    for (const auto& [layer, n] : city.report.counts) {
        out += fmt::format("{}\"{}\": {{\"read\": {}, \"kept\": {}, \"merged\": {}, \"rejected\": {}, \"repaired\": {}, "
                           "\"incomplete\": {}}}",
                           first ? "" : ", ", json_escape(layer), n.read, n.kept, n.merged, n.rejected, n.repaired,
                           n.incomplete);
        first = false;
    }
    return out + "}";
}

/// A partition's table name: the district code itself when it is a plain code, so
/// a DBA sees parcels_321282; a digest of it otherwise.
std::string partition_name(Connection& c, const std::string& code) {
    return c.exec("SELECT CASE WHEN $1 ~ '^[A-Za-z0-9_]{1,40}$' THEN 'parcels_' || lower($1) "
                  "ELSE 'parcels_' || left(md5($1), 16) END",
                  {code})
        .text(0, 0);
}

}  // namespace

ImportResult import_city(Connection& c, const City& city, const std::string& source) {
    require_current_schema(c);
    const int srid = city.crs.epsg;
    if (srid <= 0)
        throw DataError(fmt::format("{}: the city's working CRS has no EPSG code ({}); the store keeps an SRID on every "
                                    "geometry",
                                    source, city.crs.name),
                        "give the working CRS as --crs EPSG:NNNN");
    ImportResult result;
    in_transaction(c, false, [&] {
        // One import at a time; readers keep seeing the previous package until commit.
        c.exec("LOCK TABLE districts, parks, shoreline, parcel_partitions, projects, quota IN ACCESS EXCLUSIVE MODE");
        c.exec("TRUNCATE districts, parks, shoreline, parcel_partitions, projects, quota");
        c.exec("DROP VIEW parcels");
        const auto typed = [&](const char* table, const char* type) {
            c.exec(fmt::format("ALTER TABLE {0} ALTER COLUMN geom TYPE geometry({1}, {2}) USING ST_SetSRID(geom, {2})",
                               table, type, srid));
        };
        typed("districts", "MultiPolygon");
        typed("parks", "MultiPolygon");
        typed("shoreline", "MultiLineString");
        typed("parcel_partitions", "MultiPolygon");

        Rows districts;
        for (std::size_t d = 0; d < city.districts.size(); ++d) {
            const District& x = city.districts[d];
            if (!x.has_boundary) continue;
            districts.add({std::to_string(districts.count + 1), copy_field(x.code), text_or_null(x.name),
                           detail::ewkb_multipolygon(city.district_geometry, d, srid)});
        }
        c.copy_in("COPY districts (fid, district, name, geom) FROM STDIN", districts.text);
        result.districts = districts.count;

        Rows parks;
        for (std::size_t p = 0; p < city.parks.size(); ++p) {
            const Park& x = city.parks[p];
            std::string themes;
            for (const auto& t : x.themes) themes += (themes.empty() ? "" : ";") + t;
            parks.add({std::to_string(p + 1), copy_field(x.park_id), copy_field(x.name), to_string(x.level),
                       copy_field(city.districts[x.district].code), text_or_null(themes), flag_field(x.chem_park),
                       detail::ewkb_multipolygon(city.park_geometry, p, srid)});
        }
        c.copy_in("COPY parks (fid, park_id, name, level, district, themes, chem_park, geom) FROM STDIN", parks.text);
        result.parks = parks.count;

        Rows shore;
        for (std::size_t k = 0; k < city.shoreline.size(); ++k) {
            const ShoreSegment& x = city.shoreline[k];
            // length_m is left empty: the loader measured the line, and the recorded
            // figure it was checked against is not kept.
            shore.add({std::to_string(k + 1), copy_field(x.shore_id), to_string(x.zone), flag_field(x.port), "\\N",
                       detail::ewkb_multilinestring(x.parts, srid)});
        }
        c.copy_in("COPY shoreline (fid, shore_id, zone, port, length_m, geom) FROM STDIN", shore.text);
        result.shoreline = shore.count;

        // One partition per district the parcels name (those without one go to the default).
        const ParcelTable& t = city.parcels;
        std::vector<bool> has_parcels(city.districts.size(), false);
        for (std::size_t i = 0; i < t.size(); ++i)
            if (!(t.incomplete[i] & kNoDistrict)) has_parcels[t.district[i]] = true;
        for (std::size_t d = 0; d < city.districts.size(); ++d) {
            if (!has_parcels[d] || city.districts[d].code.empty()) continue;
            const std::string name = partition_name(c, city.districts[d].code);
            const std::string literal = c.exec("SELECT quote_literal($1)", {city.districts[d].code}).text(0, 0);
            if (c.exec("SELECT to_regclass($1) IS NULL", {name}).text(0, 0) == "t")
                c.exec(fmt::format("CREATE TABLE {} PARTITION OF parcel_partitions FOR VALUES IN ({})", name, literal));
            ++result.partitions;
        }
        // The parcels are streamed: a million of them as one COPY text held 1 GiB.
        CopyIn parcels(c, "COPY parcel_partitions (seq, parcel_id, district, land_use, status, appr_date, supp_date, "
                          "start_due, start_date, halt_date, dev_ratio, inv_plan, inv_done, far, coverage, tax, output, "
                          "survey_mu, industry, enterprise, geom) FROM STDIN");
        for (std::size_t i = 0; i < t.size(); ++i) {
            const uint8_t inc = t.incomplete[i];
            add_row(parcels.rows,
                    {std::to_string(i + 1), (inc & kNoParcelId) ? "\\N" : copy_field(t.parcel_id[i]),
                     (inc & kNoDistrict) ? "\\N" : copy_field(city.districts[t.district[i]].code),
                     t.land_use[i] == LandUse::Unknown ? "\\N" : to_string(t.land_use[i]),
                     t.status[i] == Status::Unknown ? "\\N" : to_string(t.status[i]), date_field(t.appr_date[i]),
                     date_field(t.supp_date[i]), date_field(t.start_due[i]), date_field(t.start_date[i]),
                     date_field(t.halt_date[i]), copy_real(t.dev_ratio[i]), copy_real(t.inv_plan_wan[i]),
                     copy_real(t.inv_done_wan[i]), copy_real(t.far[i]), copy_real(t.coverage[i]), copy_real(t.tax_wan[i]),
                     copy_real(t.output_wan[i]), copy_real(t.survey_mu[i]), text_or_null(t.industry[i]),
                     text_or_null(t.enterprise[i]), detail::ewkb_multipolygon(t.geometry, i, srid)});
            parcels.flush_if_full();
        }
        parcels.finish();
        result.parcels = t.size();
        c.exec("CREATE VIEW parcels AS SELECT parcel_id, district, land_use, status, appr_date, supp_date, start_due, "
               "start_date, halt_date, dev_ratio, inv_plan, inv_done, far, coverage, tax, output, survey_mu, industry, "
               "enterprise, geom FROM parcel_partitions ORDER BY seq");
        c.exec("GRANT SELECT ON parcels TO parkcap_app");

        Rows projects;
        for (std::size_t j = 0; j < city.projects.size(); ++j) {
            const Project& p = city.projects[j];
            projects.add({std::to_string(j + 1), copy_field(p.project_id), text_or_null(p.name), copy_field(p.industry),
                          copy_field(city.districts[p.origin].code), copy_real(p.area_mu), copy_real(p.investment_wan),
                          copy_real(p.tax_expect_wan), copy_real(p.tech), flag_field(p.eia_ok), flag_field(p.needs_shore),
                          flag_field(p.major), copy_real(p.far_commit), copy_real(p.output_expect_wan),
                          copy_real(p.energy_tce_per_wan), copy_real(p.emission_kg_per_wan)});
        }
        c.copy_in("COPY projects (fid, project_id, name, industry, origin, area_mu, investment, tax_expect, tech, eia_ok, "
                  "needs_shore, major, far_commit, output_exp, energy_va, emiss_va) FROM STDIN",
                  projects.text);
        result.projects = projects.count;

        Rows quota;
        for (std::size_t k = 0; k < city.quota.size(); ++k) {
            const QuotaEntry& q = city.quota[k];
            quota.add({std::to_string(k + 1), copy_field(city.districts[q.district].code), copy_real(q.quota_mu),
                       copy_real(q.earned_before_mu), text_or_null(city.districts[q.district].name)});
        }
        c.copy_in("COPY quota (fid, district, quota_mu, earned_mu, name) FROM STDIN", quota.text);
        result.quota = quota.count;
        // Each district's ledger opens from the quota table; what placements already
        // spend and earn stays (the ledger's CHECK refuses a quota below what is spent).
        c.exec("INSERT INTO ledger (district, name, opening_mu, earned_before_mu) "
               "SELECT district, name, quota_mu::numeric, coalesce(earned_mu, 0)::numeric FROM quota "
               "ON CONFLICT (district) DO UPDATE SET name = EXCLUDED.name, opening_mu = EXCLUDED.opening_mu, "
               "earned_before_mu = EXCLUDED.earned_before_mu");

        result.import_id = c.exec("INSERT INTO imports (source, working_epsg, counts) VALUES ($1, $2, $3::jsonb) "
                                  "RETURNING import_id",
                                  {source, std::to_string(srid), counts_json(city)})
                               .integer(0, 0);
        Rows issues;
        for (const Issue& issue : rejects_report_rows(city)) {
            const char* severity = issue.severity == Severity::Rejected ? "rejected"
                                   : issue.severity == Severity::Warning ? "warning"
                                                                         : "info";
            issues.add({std::to_string(result.import_id), std::to_string(issues.count + 1), severity, copy_field(issue.code),
                        copy_field(issue.file), copy_field(issue.layer), copy_field(issue.feature_id),
                        issue.fid < 0 ? "\\N" : std::to_string(issue.fid), copy_field(issue.field),
                        copy_field(issue.message)});
        }
        c.exec("INSERT INTO decisions (action, after) VALUES ('import', $1::jsonb)",
               {fmt::format("{{\"import_id\": {}, \"source\": \"{}\", \"counts\": {}}}", result.import_id,
                            json_escape(source), counts_json(city))});
        c.copy_in("COPY import_issues (import_id, n, severity, code, file, layer, feature_id, fid, field, message) FROM STDIN",
                  issues.text);
        result.issues = issues.count;
    });
    c.exec("ANALYZE parcel_partitions");
    return result;
}

}  // namespace parkcap::store
