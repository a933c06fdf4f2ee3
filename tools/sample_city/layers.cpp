// The map layers: districts and parks (EPSG:4490 longitude/latitude) and the
// parcels (EPSG:4528, zone-prefixed eastings), each with the field names of docs/data.md.
#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "generator.hpp"
#include "shapefile.hpp"

namespace sample_city {

void Generator::write_districts() {
    ShapeWriter w(opt_.out_dir, "districts", proj_.geo(), wkbPolygon,
                  {{"district", OFTString, 6, 0}, {"name", OFTString, 30, 0}});
    for (std::size_t i = 0; i < city_.districts.size(); ++i) {
        OGRFeature f(w.defn());
        f.SetField("district", city_.districts[i].code);
        f.SetField("name", city_.districts[i].name);
        OGRPolygon poly;
        poly.addRingDirectly(make_ring(proj_.to_geo(district_world_[i].parts[0]), true));
        f.SetGeometry(&poly);
        w.write(f);
    }
}

void Generator::write_parks() {
    ShapeWriter w(opt_.out_dir, "parks", proj_.geo(), wkbPolygon,
                  {{"park_id", OFTString, 8, 0},
                   {"name", OFTString, 80, 0},
                   {"level", OFTString, 12, 0},
                   {"district", OFTString, 6, 0},
                   {"themes", OFTString, 40, 0},
                   {"chem_park", OFTInteger, 1, 0}});
    for (const auto& p : pools_) {
        if (!p.is_park) continue;
        OGRFeature f(w.defn());
        f.SetField("park_id", p.def->id);
        f.SetField("name", p.def->name);
        f.SetField("level", p.def->level);
        f.SetField("district", p.def->district);
        f.SetField("themes", p.def->themes);
        f.SetField("chem_park", p.def->chem_park);
        OGRMultiPolygon multi;
        for (const auto& part : p.world.parts) {
            auto* poly = new OGRPolygon();
            poly->addRingDirectly(make_ring(proj_.to_geo(densify_ring(part, 100)), true));
            for (const auto& hole : p.world.holes)
                if (point_in_ring(hole[0], part)) poly->addRingDirectly(make_ring(proj_.to_geo(densify_ring(hole, 100)), false));
            multi.addGeometryDirectly(poly);
        }
        if (multi.getNumGeometries() == 1) f.SetGeometry(multi.getGeometryRef(0));
        else f.SetGeometry(&multi);
        w.write(f);
    }
}

void Generator::write_parcels() {
    ShapeWriter w(opt_.out_dir, "parcels", proj_.zone40(), wkbPolygon,
                  {{"parcel_id", OFTString, 20, 0},  {"district", OFTString, 6, 0},  {"land_use", OFTString, 12, 0},
                   {"status", OFTString, 10, 0},     {"appr_date", OFTDate, 0, 0},   {"supp_date", OFTDate, 0, 0},
                   {"start_due", OFTDate, 0, 0},     {"start_date", OFTDate, 0, 0},  {"halt_date", OFTDate, 0, 0},
                   {"dev_ratio", OFTReal, 8, 4},     {"inv_plan", OFTReal, 14, 2},   {"inv_done", OFTReal, 14, 2},
                   {"far", OFTReal, 8, 2},           {"coverage", OFTReal, 8, 4},    {"tax", OFTReal, 12, 2},
                   {"output", OFTReal, 14, 2},       {"industry", OFTString, 8, 0},  {"enterprise", OFTString, 120, 0}});
    std::map<std::string, int64_t> serial;  // per district
    const auto& sp = city_.specials;
    for (const auto& p : pools_) {
        const auto g = static_cast<std::size_t>(p.group);
        int64_t gi = p.group_start;
        std::string previous_id;
        for (std::size_t b = 0; b < p.blocks.size(); ++b) {
            Rng geo_rng(stream_key(opt_.seed, kBlockGeometry, static_cast<uint64_t>(p.index), b));
            auto shapes = split_block(p, p.blocks[b], geo_rng);
            for (auto& shape : shapes) {
                const auto c = static_cast<Case>(case_[g][static_cast<std::size_t>(gi)]);
                const SpecialDef* special = nullptr;
                std::size_t special_index = 0;
                if (c == kSpecial) special_index = special_at_[g].at(gi), special = &sp[special_index];
                const auto lu = static_cast<LandUse>(land_use_[g][static_cast<std::size_t>(gi)]);

                // Geometry: local → frame metres, to the millimetre.
                auto world = [&](const Ring& local) {
                    Ring out;
                    for (Pt q : local) {
                        const Pt wq = p.frame.to_world(q);
                        out.push_back({round_to(wq.x, 0.001), round_to(wq.y, 0.001)});
                    }
                    return out;
                };
                const Ring ring = world(shape.ring);
                const double mu = std::abs(signed_area(ring)) / kM2PerMu;
                Ring written = ring;
                if (special && special->kind == SpecialKind::BowTie) {
                    // Two vertices swapped while digitising: the ring crosses itself.
                    const Ring q = world(Ring(shape.corners.begin(), shape.corners.end()));
                    written = {q[0], q[1], q[3], q[2]};
                }

                Rng attr_rng(stream_key(opt_.seed, kAttributes, g, static_cast<uint64_t>(gi)));
                ParcelRec a = make_attributes(city_, c, special, lu, p, mu, attr_rng);

                const std::string district = p.def->district;
                std::string id = fmt::format("TZ-{}-{:06d}", district, ++serial[district]);
                if (special && special->kind == SpecialKind::DuplicateId) id = previous_id;
                previous_id = id;

                OGRFeature f(w.defn());
                f.SetField("parcel_id", id.c_str());
                f.SetField("district", district.c_str());
                f.SetField("land_use", kLandUseName[lu]);
                if (a.status_set) f.SetField("status", a.status.c_str());
                set_date(f, "appr_date", a.appr);
                set_date(f, "supp_date", a.supp);
                set_date(f, "start_due", a.due);
                set_date(f, "start_date", a.start);
                set_date(f, "halt_date", a.halt);
                set_real(f, "dev_ratio", a.dev);
                set_real(f, "inv_plan", a.inv_plan);
                set_real(f, "inv_done", a.inv_done);
                set_real(f, "far", a.far);
                set_real(f, "coverage", a.coverage);
                set_real(f, "tax", a.tax);
                set_real(f, "output", a.output);
                set_text(f, "industry", a.industry);
                set_text(f, "enterprise", a.enterprise);
                // Orientation is left as digitised for the bow-tie (it has none).
                OGRPolygon poly;
                poly.addRingDirectly(make_ring(written, true));
                f.SetGeometry(&poly);
                w.write(f);

                tally(p, c, special, id, a, ring, mu);
                ++gi;
            }
        }
    }
}

}  // namespace sample_city
