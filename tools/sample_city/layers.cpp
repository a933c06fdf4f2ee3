// The map layers: districts and parks (EPSG:4490 longitude/latitude) and the
// parcels (EPSG:4528, zone-prefixed eastings), each with the field names of docs/data.md.
#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "generator.hpp"
#include "parcels.hpp"
#include "shapefile.hpp"

namespace sample_city {

void Generator::write_districts() {
    ShapeWriter w = layer_writer("districts", proj_.geo(), wkbPolygon, {{"district", OFTString, 6, 0}, {"name", OFTString, 30, 0}});
    for (std::size_t i = 0; i < city_.districts.size(); ++i) {
        OGRFeature f(w.defn());
        f.SetField("district", city_.districts[i].code);
        f.SetField("name", city_.districts[i].name);
        OGRPolygon poly;
        const Ring& ring = district_world_[i].parts[0];
        poly.addRingDirectly(one_crs() ? make_ring(ring, false) : make_ring(proj_.to_geo(ring), true));
        f.SetGeometry(&poly);
        w.write(f);
    }
}

void Generator::write_parks() {
    ShapeWriter w = layer_writer("parks", proj_.geo(), wkbPolygon,
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
            // In one metric CRS the outline is written as drawn, counter-clockwise;
            // in longitude/latitude its straight metric edges are densified first.
            if (one_crs()) poly->addRingDirectly(make_ring(part, false));
            else poly->addRingDirectly(make_ring(proj_.to_geo(densify_ring(part, 100)), true));
            for (const auto& hole : p.world.holes)
                if (point_in_ring(hole[0], part))
                    poly->addRingDirectly(one_crs() ? make_ring(hole, true)
                                                    : make_ring(proj_.to_geo(densify_ring(hole, 100)), false));
            multi.addGeometryDirectly(poly);
        }
        if (multi.getNumGeometries() == 1) f.SetGeometry(multi.getGeometryRef(0));
        else f.SetGeometry(&multi);
        w.write(f);
    }
}

void Generator::write_parcels() {
    ParcelWriter w = gpkg_ ? ParcelWriter(*gpkg_, proj_.zone40()) : ParcelWriter(opt_.out_dir, proj_.zone40());
    std::map<std::string, int64_t> serial;  // per district
    const auto& sp = city_.specials;
    for (const auto& p : pools_) {
        const auto g = static_cast<std::size_t>(p.group);
        int64_t gi = p.group_start;
        std::string previous_id;
        for (std::size_t b = 0; b < p.blocks.size(); ++b) {
            Rng geo_rng(stream_key(opt_.seed, kBlockGeometry, static_cast<uint64_t>(p.index), b));
            auto shapes = city_.parcel_style == ParcelStyle::Irregular
                              ? split_block_irregular(p, p.blocks[b], geo_rng,
                                                      Rng(stream_key(opt_.seed, kParcelShape, static_cast<uint64_t>(p.index), b)))
                              : split_block(p, p.blocks[b], geo_rng);
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

                ParcelRecord rec;
                rec.ring = ring;
                if (special && special->kind == SpecialKind::BowTie) {
                    // Two vertices swapped while digitising: the ring crosses itself.
                    const Ring q = world(Ring(shape.corners.begin(), shape.corners.end()));
                    rec.ring = {q[0], q[1], q[3], q[2]};
                }

                Rng attr_rng(stream_key(opt_.seed, kAttributes, g, static_cast<uint64_t>(gi)));
                rec.attr = make_attributes(city_, c, special, lu, p, mu, attr_rng);

                rec.district = p.def->district;
                rec.id = fmt::format("{}-{}-{:06d}", city_.parcel_id_prefix, rec.district, ++serial[rec.district]);
                if (special && special->kind == SpecialKind::DuplicateId) rec.id = previous_id;
                previous_id = rec.id;
                rec.land_use = lu;
                rec.pool = p.index;
                rec.block = static_cast<int>(b);
                rec.planted = special != nullptr;
                rec.first_row = first_row_[g][static_cast<std::size_t>(gi)] != 0;
                w.write(rec);

                tally(p, c, special, rec.id, rec.attr, ring, mu);
                if (const int t = tract_of_[g][static_cast<std::size_t>(gi)]; t >= 0) {
                    auto& tract = stats_.tracts[static_cast<std::size_t>(t)];
                    ++tract.parcels;
                    tract.mu += mu;
                    ++tract.by_case[kCases[c].name];
                }
                if (!opt_.periods_dir.empty()) {
                    rec.river_m = river_.distance(ring);
                    records_.push_back(std::move(rec));
                }
                ++gi;
            }
        }
    }
}

}  // namespace sample_city
