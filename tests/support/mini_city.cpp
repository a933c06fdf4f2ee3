#include "support/mini_city.hpp"

#include <algorithm>
#include <fstream>
#include <memory>
#include <stdexcept>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

namespace parkcap::test {

namespace {

OGRPolygon polygon(const std::vector<std::pair<double, double>>& points) {
    OGRLinearRing ring;
    for (const auto& [x, y] : points) ring.addPoint(kOriginX + x, kOriginY + y);
    ring.closeRings();
    OGRPolygon poly;
    poly.addRing(&ring);
    return poly;
}

OGRPolygon rectangle(double x0, double y0, double x1, double y1) {
    OGRLinearRing ring;
    ring.addPoint(kOriginX + x0, kOriginY + y0);
    ring.addPoint(kOriginX + x1, kOriginY + y0);
    ring.addPoint(kOriginX + x1, kOriginY + y1);
    ring.addPoint(kOriginX + x0, kOriginY + y1);
    ring.closeRings();
    OGRPolygon poly;
    poly.addRing(&ring);
    return poly;
}

void add_field(OGRLayer* layer, const char* name, OGRFieldType type) {
    OGRFieldDefn def(name, type);
    if (layer->CreateField(&def) != OGRERR_NONE) throw std::runtime_error(std::string("cannot create field ") + name);
}

void set_date(OGRFeature& f, const char* field, const std::string& iso) {
    if (iso.empty()) return;
    int y = 0, m = 0, d = 0;
    if (std::sscanf(iso.c_str(), "%d-%d-%d", &y, &m, &d) != 3) throw std::runtime_error("bad date " + iso);
    f.SetField(field, y, m, d);
}

void set_real(OGRFeature& f, const char* field, double v) {
    if (!std::isnan(v)) f.SetField(field, v);
}

void create(OGRLayer* layer, OGRFeature& f) {
    if (layer->CreateFeature(&f) != OGRERR_NONE) throw std::runtime_error("cannot create feature");
}

}  // namespace

void MiniCity::write_gpkg(const std::string& path) const {
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    std::unique_ptr<GDALDataset> ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw std::runtime_error("cannot create " + path);
    OGRSpatialReference srs;
    srs.importFromEPSG(4528);

    if (!parks.empty()) {
        OGRLayer* l = ds->CreateLayer("parks", &srs, wkbPolygon, nullptr);
        for (const char* n : {"park_id", "name", "level", "district", "themes"}) add_field(l, n, OFTString);
        add_field(l, "chem_park", OFTInteger);
        for (const auto& p : parks) {
            OGRFeature f(l->GetLayerDefn());
            f.SetField("park_id", p.id.c_str());
            f.SetField("name", p.name.c_str());
            f.SetField("level", p.level.c_str());
            f.SetField("district", p.district.c_str());
            f.SetField("themes", p.themes.c_str());
            f.SetField("chem_park", p.chem_park);
            OGRPolygon poly = rectangle(p.x0, p.y0, p.x1, p.y1);
            f.SetGeometry(&poly);
            create(l, f);
        }
    }
    if (!shoreline.empty()) {
        OGRLayer* l = ds->CreateLayer("shoreline", &srs, wkbLineString, nullptr);
        add_field(l, "shore_id", OFTString);
        add_field(l, "zone", OFTString);
        add_field(l, "port", OFTInteger);
        for (const auto& s : shoreline) {
            OGRFeature f(l->GetLayerDefn());
            f.SetField("shore_id", s.id.c_str());
            f.SetField("zone", s.zone.c_str());
            f.SetField("port", s.port);
            OGRLineString line;
            for (auto [x, y] : s.points) line.addPoint(kOriginX + x, kOriginY + y);
            f.SetGeometry(&line);
            create(l, f);
        }
    }
    OGRLayer* l = ds->CreateLayer("parcels", &srs, wkbPolygon, nullptr);
    if (!l) throw std::runtime_error("cannot create the parcels layer in " + path);
    for (const char* n : {"parcel_id", "district", "land_use", "status"}) add_field(l, n, OFTString);
    for (const char* n : {"appr_date", "supp_date", "start_due", "start_date", "halt_date"}) add_field(l, n, OFTDate);
    for (const char* n : {"dev_ratio", "inv_plan", "inv_done", "far", "coverage", "tax", "output"}) add_field(l, n, OFTReal);
    add_field(l, "industry", OFTString);
    add_field(l, "enterprise", OFTString);
    ds->StartTransaction();
    for (const auto& p : parcels) {
        OGRFeature f(l->GetLayerDefn());
        f.SetField("parcel_id", p.id.c_str());
        f.SetField("district", p.district.c_str());
        f.SetField("land_use", p.land_use.c_str());
        f.SetField("status", p.status.c_str());
        set_date(f, "appr_date", p.appr_date);
        set_date(f, "supp_date", p.supp_date);
        set_date(f, "start_due", p.start_due);
        set_date(f, "start_date", p.start_date);
        set_date(f, "halt_date", p.halt_date);
        set_real(f, "dev_ratio", p.dev_ratio);
        set_real(f, "inv_plan", p.inv_plan);
        set_real(f, "inv_done", p.inv_done);
        set_real(f, "far", p.far);
        set_real(f, "coverage", p.coverage);
        set_real(f, "tax", p.tax);
        set_real(f, "output", p.output);
        f.SetField("industry", p.industry.c_str());
        f.SetField("enterprise", p.enterprise.c_str());
        OGRPolygon poly = p.outline.empty() ? rectangle(p.x, p.y, p.x + p.side_m, p.y + p.side_m) : polygon(p.outline);
        f.SetGeometry(&poly);
        create(l, f);
    }
    ds->CommitTransaction();

    const std::string dir = path.substr(0, path.find_last_of('/') + 1);
    if (!projects.empty()) {
        std::ofstream out(dir + "projects.csv", std::ios::binary);
        out.precision(17);
        const bool commitments = std::any_of(projects.begin(), projects.end(), [](const MiniProject& p) {
            return !std::isnan(p.far_commit) || !std::isnan(p.output_exp) || !std::isnan(p.energy_va) ||
                   !std::isnan(p.emiss_va);
        });
        out << "project_id,name,industry,origin,area_mu,investment,tax_expect,tech,eia_ok,needs_shore,major"
            << (commitments ? ",far_commit,output_exp,energy_va,emiss_va" : "") << '\n';
        auto cell = [&](double v) -> std::ostream& {
            out << ',';
            if (!std::isnan(v)) out << v;
            return out;
        };
        for (const auto& p : projects) {
            out << p.id << ',' << p.name << ',' << p.industry << ',' << p.origin << ',' << p.area_mu << ','
                << p.investment << ',' << p.tax_expect << ',' << p.tech << ',' << p.eia_ok << ',' << p.needs_shore << ','
                << p.major;
            if (commitments) {
                cell(p.far_commit);
                cell(p.output_exp);
                cell(p.energy_va);
                cell(p.emiss_va);
            }
            out << '\n';
        }
    }
    if (!quota.empty()) {
        std::ofstream out(dir + "quota.csv", std::ios::binary);
        out.precision(17);
        out << "district,quota_mu,earned_mu\n";
        for (const auto& [d, q] : quota) {
            double earned = 0;
            for (const auto& [e, mu] : earned_before)
                if (e == d) earned = mu;
            out << d << ',' << q << ',' << earned << '\n';
        }
    }
}

}  // namespace parkcap::test
