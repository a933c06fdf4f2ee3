// The disposals the writers share (audit::DisposalTexts) are the texts each flag's
// own rendering gives, for every code and cause, under the built-in rules and under
// rules that change the figures a disposal quotes.
#include <catch2/catch.hpp>

#include "parkcap/audit/audit.hpp"
#include "parkcap/rules/rules.hpp"

using namespace parkcap;

TEST_CASE("disposal texts: rendered once, the same as each flag's disposal", "[audit][flags]") {
    rules::Rules changed = rules::default_rules();
    changed.idle.fee_share_of_land_price = 0.15;
    changed.idle.takeback_years = 3;
    for (const rules::Rules& r : {rules::default_rules(), changed}) {
        const audit::DisposalTexts texts(r);
        for (const audit::FlagInfo& info : audit::kFlags)
            for (uint8_t cause = 0; cause < audit::kMaxCauses + 1; ++cause) {  // one past: falls back to the first
                audit::Flag f;
                f.code = info.code;
                f.cause = cause;
                f.days = 400 + cause;
                f.value = 0.25;
                INFO(info.name << " cause " << int(cause));
                CHECK(texts.zh(f) == audit::disposal_zh(f, r));
                CHECK(texts.en(f) == audit::disposal_en(f, r));
            }
    }
    audit::Flag fee;
    fee.code = audit::FlagCode::IdleFee;
    CHECK(audit::DisposalTexts(changed).zh(fee) == "按土地出让或划拨价款的 15% 征缴土地闲置费；满 3 年可无偿收回");
}
