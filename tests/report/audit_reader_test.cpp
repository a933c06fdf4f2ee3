// An AUDIT.gpkg read back gives the audit allocation needs (every flag with its
// figures, each district's quota earned, the audit date), and a file that is not
// one, or was made on other data, or lost a field, is refused with file, layer and
// field named.
#include <catch2/catch.hpp>

#include <cmath>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "parkcap/core/error.hpp"
#include "parkcap/core/units.hpp"
#include "parkcap/io/load.hpp"
#include "parkcap/report/audit_reader.hpp"
#include "parkcap/report/audit_report.hpp"
#include "parkcap/report/table_writer.hpp"
#include "support/fixtures.hpp"
#include "test_config.hpp"

using namespace parkcap;

namespace {

const City& sample() {
    static const City city = [] {
        io::LoadOptions o;
        o.data = test::kSampleCityDir;
        return io::load_city(o);
    }();
    return city;
}

bool same_real(double a, double b, double tolerance) {
    return (std::isnan(a) && std::isnan(b)) || std::abs(a - b) <= tolerance;
}

std::string data_error(const std::string& path, const City& city) {
    try {
        report::read_audit_gpkg(path, city, rules::default_rules());
    } catch (const DataError& e) {
        return e.what();
    }
    FAIL("the file was accepted as an audit of this city");
    return {};
}

}  // namespace

TEST_CASE("audit reader: a written audit reads back flag for flag", "[report][audit_reader]") {
    const City& city = sample();
    const rules::Rules rules = rules::default_rules();
    const audit::Audit audit = audit::run_audit(city, rules, {Date::from_ymd(2026, 6, 30), 0});
    test::ScratchDir dir("audit-reader");
    const std::string path = dir / "audit.gpkg";
    report::write_audit_gpkg(path, city, audit, rules);

    const audit::Audit back = report::read_audit_gpkg(path, city, rules);
    CHECK(back.as_of == Date::from_ymd(2026, 6, 30));
    REQUIRE(back.flags.size() == audit.flags.size());
    REQUIRE(back.parcels.first_flag == audit.parcels.first_flag);
    for (std::size_t k = 0; k < audit.flags.size(); ++k) {
        const audit::Flag& a = audit.flags[k];
        const audit::Flag& b = back.flags[k];
        INFO("flag " << k << " of parcel " << city.parcels.parcel_id[a.parcel]);
        CHECK(b.parcel == a.parcel);
        CHECK(b.code == a.code);
        CHECK(b.severity == a.severity);
        CHECK(same_real(b.value, a.value, 1e-9 * std::max(1.0, std::abs(a.value))));
        CHECK(same_real(b.threshold, a.threshold, 1e-9 * std::max(1.0, std::abs(a.threshold))));
        CHECK(same_real(b.value2, a.value2, 1e-9 * std::max(1.0, std::abs(a.value2))));
        CHECK(b.days == a.days);
        CHECK(b.since == a.since);
        CHECK(same_real(b.reclaimable_m2, a.reclaimable_m2, 1e-6 * std::max(1.0, a.reclaimable_m2)));
    }
    REQUIRE(back.districts.size() == audit.districts.size());
    for (std::size_t d = 0; d < audit.districts.size(); ++d) {
        INFO(city.districts[d].code);
        CHECK(back.districts[d].quota_earned_mu == Approx(audit.districts[d].quota_earned_mu));
        CHECK(back.districts[d].disposable_m2 == Approx(audit.districts[d].disposable_m2));
    }
}

TEST_CASE("audit reader: what is not an audit of this city is refused, naming why", "[report][audit_reader]") {
    const City& city = sample();
    const rules::Rules rules = rules::default_rules();
    const audit::Audit audit = audit::run_audit(city, rules, {Date::from_ymd(2026, 6, 30), 0});
    test::ScratchDir dir("audit-reader-bad");
    const std::string path = dir / "audit.gpkg";
    report::write_audit_gpkg(path, city, audit, rules);

    SECTION("a GeoPackage that is not an audit") {
        const std::string other = dir / "other.gpkg";
        report::GpkgWriter out(other, 4528);
        out.add_layer("notes", report::GeometryType::None, {{"text", report::FieldDef::Text}});
        out.commit();
        CHECK_THAT(data_error(other, city),
                   Catch::StartsWith(other + ": has no layer 'run_info'; is it an AUDIT.gpkg written by `parkcap audit`?"));
    }
    SECTION("a flag_details layer without a field it needs") {
        {
            GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
            REQUIRE(ds);
            OGRLayer* details = ds->GetLayerByName("flag_details");
            REQUIRE(details);
            REQUIRE(details->DeleteField(details->GetLayerDefn()->GetFieldIndex("reclaim_mu")) == OGRERR_NONE);
        }
        CHECK_THAT(data_error(path, city), Catch::StartsWith(path + ":flag_details: has no field 'reclaim_mu'"));
    }
    SECTION("an audit of other data") {
        {
            GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
            REQUIRE(ds);
            ds->ExecuteSQL("UPDATE flag_details SET parcel_id = 'TZ-NOWHERE' WHERE fid = 1", nullptr, nullptr);
        }
        CHECK_THAT(data_error(path, city),
                   Catch::StartsWith(path + ": flag_details names parcel 'TZ-NOWHERE', which this city does not have"));
    }
    CHECK_THROWS_AS(report::read_audit_gpkg(dir / "missing.gpkg", city, rules), InputError);
}
