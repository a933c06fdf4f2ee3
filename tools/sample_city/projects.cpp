// The projects (~200 applications for land, some with problems planted on
// purpose) and the districts' quota, as CSV.
#include <cmath>
#include <fstream>

#include <fmt/format.h>

#include "common.hpp"
#include "generator.hpp"
#include "names.hpp"
#include "shapefile.hpp"

namespace sample_city {

void Generator::write_projects() {
    struct Row {
        std::string kind, industry, origin, name;
        Problem problem = Problem::None;
        double area_mu = 0, investment = 0, tax = 0, tech = 0;
        int eia_ok = 1, needs_shore = 0, major = 0;
    };
    std::vector<Row> rows;
    Rng r(stream_key(opt_.seed, kProjects));
    for (const auto& k : city_.project_kinds) {
        std::vector<Problem> problems;
        for (auto [problem, n] : k.problems)
            for (int i = 0; i < n; ++i) problems.push_back(problem);
        problems.resize(static_cast<std::size_t>(k.count), Problem::None);
        r.shuffle(problems);
        for (int i = 0; i < k.count; ++i) {
            Row row;
            row.kind = k.key;
            row.problem = problems[static_cast<std::size_t>(i)];
            row.industry = std::string_view(k.key) == "negative_list" ? k.industries[static_cast<std::size_t>(i)]
                                                                       : r.pick(k.industries);
            double x = r.uniform(), acc = 0, total = 0;
            for (auto& o : k.origins) total += o.second;
            row.origin = k.origins.back().first;
            for (auto& o : k.origins)
                if (x * total < (acc += o.second)) { row.origin = o.first; break; }
            row.needs_shore = k.needs_shore;
            row.name = project_name(row.industry, r);
            double intensity = r.log_between(k.intensity_lo, k.intensity_hi);
            double tax_per_mu = r.log_between(k.tax_lo, k.tax_hi);
            // Most projects are small and mid-sized firms (10–90 亩, median ~30), as in
            // a Jiangsu county's project list; major projects are larger.
            row.area_mu = r.log_between(10, 90);
            row.tech = r.between(k.tech_lo, k.tech_hi);
            switch (row.problem) {
                case Problem::EiaFail: row.eia_ok = 0; break;
                case Problem::LowInvestment: intensity = r.between(128, 145); break;
                case Problem::LowTax: tax_per_mu = r.between(4, 13); break;
                case Problem::LandGrab:  // asks ≥ 2x the land its investment justifies at 250 万元/亩
                    row.area_mu = r.between(150, 500);
                    intensity = r.between(60, 110);
                    tax_per_mu = r.between(16, 30);
                    row.tech = r.between(10, 40);
                    break;
                case Problem::Major:
                    row.major = 1;
                    // A major project (重大项目) needs two to eight blocks of ~85 亩 across roads.
                    row.area_mu = r.log_between(100, 600);
                    intensity = r.between(400, 900);
                    tax_per_mu = r.between(30, 90);
                    break;
                case Problem::None: break;
            }
            row.area_mu = std::round(row.area_mu * 10) / 10;
            row.investment = std::round(row.area_mu * intensity);
            row.tax = std::round(row.area_mu * tax_per_mu * 10) / 10;
            row.tech = std::round(row.tech);
            rows.push_back(std::move(row));
        }
    }
    // Two names that need CSV quoting: an ASCII comma and ASCII double quotes.
    for (auto& row : rows)
        if (row.kind == "pharma" && row.problem == Problem::None) { row.name = "年产2吨原料药,10亿片制剂一体化项目"; break; }
    for (auto& row : rows)
        if (row.kind == "machinery" && row.problem == Problem::None) { row.name = "\"泰州造\"新能源汽车电驱系统项目"; break; }
    r.shuffle(rows);

    std::ofstream out(opt_.out_dir / "projects.csv", std::ios::binary);
    out << "\xEF\xBB\xBF" << "project_id,name,industry,origin,area_mu,investment,tax_expect,tech,eia_ok,needs_shore,major\n";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const Row& row = rows[i];
        out << fmt::format("PJ-{:03d},{},{},{},{:.1f},{:.0f},{:.1f},{:.0f},{},{},{}\n", i + 1, csv_field(row.name),
                           row.industry, row.origin, row.area_mu, row.investment, row.tax, row.tech, row.eia_ok,
                           row.needs_shore, row.major);
        projects_.push_back({row.kind, row.industry, row.origin, row.area_mu, row.investment, row.tax, row.eia_ok,
                             row.needs_shore, row.major});
    }
    if (!out) fail("cannot write projects.csv");
}

void Generator::write_quota() const {
    std::ofstream out(opt_.out_dir / "quota.csv", std::ios::binary);
    out << "district,quota_mu,earned_mu,name\n";
    for (const auto& [code, mu] : city_.quota_mu) {
        int earned = 0;
        for (const auto& [c, e] : city_.earned_before_mu)
            if (std::string_view(c) == code) earned = e;
        for (const auto& d : city_.districts)
            if (std::string_view(d.code) == code) out << fmt::format("{},{},{},{}\n", code, mu, earned, d.name);
    }
    if (!out) fail("cannot write quota.csv");
}

void Generator::write_rules() const {
    // Only what this city decides: parkcap lays it over the built-in rules.
    std::ofstream out(opt_.out_dir / "rules.toml", std::ios::binary);
    out << city_.rules_header
        << "[fit]\n"
           "# Parks that take any industry beside the themed parks that take only their themes.\n"
           "general_parks = [";
    for (std::size_t i = 0; i < city_.general_parks.size(); ++i)
        out << (i ? ", " : "") << '"' << city_.general_parks[i] << '"';
    out << "]\n";
    if (!out) fail("cannot write rules.toml");
}

}  // namespace sample_city
