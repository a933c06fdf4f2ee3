#include "parkcap/io/schema.hpp"

#include <limits>

namespace parkcap::io {

namespace {
constexpr double kUnbounded = -1;  // max < min: no upper bound

FieldSpec text(std::string name, bool required, std::string meaning) {
    return {std::move(name), FieldKind::Text, required, false, 0, 0, {}, std::move(meaning)};
}
FieldSpec check_only(FieldSpec f) {
    f.check_only = true;
    return f;
}
FieldSpec quiet_when_absent(FieldSpec f) {
    f.quiet_when_absent = true;
    return f;
}
/// Required, but a record without it is kept as incomplete (parcels: its land counts).
FieldSpec kept_incomplete(FieldSpec f) {
    f.kept_incomplete = true;
    return f;
}
FieldSpec enumeration(std::string name, bool required, std::vector<std::string> allowed, std::string meaning) {
    return {std::move(name), FieldKind::Enum, required, false, 0, 0, std::move(allowed), std::move(meaning)};
}
FieldSpec date(std::string name, std::string meaning) {
    return {std::move(name), FieldKind::Date, false, false, 0, 0, {}, std::move(meaning)};
}
FieldSpec real(std::string name, bool required, double min, double max, std::string meaning) {
    return {std::move(name), FieldKind::Real, required, false, min, max, {}, std::move(meaning)};
}
FieldSpec flag(std::string name, bool required, std::string meaning) {
    return {std::move(name), FieldKind::Flag, required, false, 0, 1, {}, std::move(meaning)};
}

std::vector<LayerSpec> make_specs() {
    using G = LayerSpec::Geometry;
    return {
        {"districts", G::Polygon, false,
         {text("district", true, "county/district code"), text("name", false, "district name")}},
        {"parks", G::Polygon, false,
         {text("park_id", true, "park identifier"), text("name", true, "park name"),
          enumeration("level", true, {"national", "provincial", "municipal", "other"}, "park level"),
          text("district", true, "code of the hosting district"),
          text("themes", false, ";-separated GB/T 4754-2017 code prefixes"),
          flag("chem_park", false, "certified chemical park")}},
        {"shoreline", G::Line, false,
         {text("shore_id", true, "segment identifier"),
          enumeration("zone", true, {"protect", "reserve", "control", "develop"}, "shoreline function zone"),
          flag("port", true, "port-suitable shoreline"),
          check_only(real("length_m", false, 0, kUnbounded, "recorded length in metres (checked against the measured)"))}},
        {"parcels", G::Polygon, true,
         {kept_incomplete(text("parcel_id", true, "parcel identifier")),
          kept_incomplete(text("district", true, "district code")),
          kept_incomplete(enumeration("land_use", true,
                                      {"industrial", "logistics", "commercial", "residential", "public", "other"},
                                      "land use")),
          kept_incomplete(enumeration("status", true, {"planned", "approved", "supplied", "building", "built", "reserve"},
                                      "land status")),
          date("appr_date", "conversion approved"), date("supp_date", "land supplied"),
          date("start_due", "agreed construction start"), date("start_date", "actual construction start"),
          date("halt_date", "construction halted"), real("dev_ratio", false, 0, 1, "developed share 0..1"),
          real("inv_plan", false, 0, kUnbounded, "promised investment, 万元"),
          real("inv_done", false, 0, kUnbounded, "investment made, 万元"),
          real("far", false, 0, kUnbounded, "floor-area ratio"),
          real("coverage", false, 0, 1, "building coverage 0..1"),
          real("tax", false, 0, kUnbounded, "tax paid last year, 万元"),
          real("output", false, 0, kUnbounded, "output value last year, 万元"),
          check_only(real("survey_mu", false, 0, kUnbounded, "recorded (survey) area, 亩")),
          text("industry", false, "GB/T 4754-2017 industry code"), text("enterprise", false, "land user")}},
        {"projects", G::None, false,
         {text("project_id", true, "project identifier"), text("name", false, "project name"),
          text("industry", true, "GB/T 4754-2017 industry code"), text("origin", true, "attracting district"),
          real("area_mu", true, 0, kUnbounded, "land asked, 亩"),
          real("investment", true, 0, kUnbounded, "fixed-asset investment, 万元"),
          real("tax_expect", true, 0, kUnbounded, "expected annual tax, 万元"),
          real("tech", false, 0, 100, "technology score 0..100"),
          flag("eia_ok", true, "passed environmental and safety assessment"),
          flag("needs_shore", false, "needs riverfront"), flag("major", false, "major project"),
          quiet_when_absent(real("far_commit", false, 0, kUnbounded, "committed floor-area ratio (标准地)")),
          quiet_when_absent(real("output_exp", false, 0, kUnbounded,
                                 "expected annual output value at full production, 万元 (标准地)")),
          quiet_when_absent(real("energy_va", false, 0, kUnbounded, "energy use per 万元 of value added, tce (标准地)")),
          quiet_when_absent(
              real("emiss_va", false, 0, kUnbounded, "main pollutants emitted per 万元 of value added, kg (标准地)"))}},
        {"quota", G::None, false,
         {text("district", true, "district code"), real("quota_mu", true, 0, kUnbounded, "new land quota, 亩"),
          real("earned_mu", false, 0, kUnbounded, "quota earned by disposing stock before this plan (增存挂钩), 亩"),
          text("name", false, "district name")}},
    };
}
}  // namespace

const FieldSpec* LayerSpec::field(std::string_view n) const {
    for (const auto& f : fields)
        if (f.name == n) return &f;
    return nullptr;
}

const std::vector<LayerSpec>& layer_specs() {
    static const std::vector<LayerSpec> specs = make_specs();
    return specs;
}

const LayerSpec* layer_spec(std::string_view logical) {
    for (const auto& s : layer_specs())
        if (s.name == logical) return &s;
    return nullptr;
}

}  // namespace parkcap::io
