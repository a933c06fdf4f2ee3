// Dates as the loader and --as-of read them: every format the mapping may name,
// and the --as-of forms. A date that parses must be a real calendar day that
// prints back in ISO form and parses again to itself.
#include <string>
#include <vector>

#include "fuzz_target.hpp"
#include "parkcap/core/date.hpp"
#include "parkcap/core/error.hpp"
#include "parkcap/session/session.hpp"

using namespace parkcap;

PARKCAP_FUZZ_TARGET {
    const std::string_view text = fuzz::as_text(data, size);
    static const std::vector<std::string> formats = [] {
        std::vector<std::string> f = default_date_formats();
        f.push_back("%d/%m/%Y");
        return f;
    }();
    if (const auto d = parse_date(text, formats)) {
        const std::string iso = d->iso();
        const auto again = parse_date(iso, {"%Y-%m-%d"});
        fuzz::require(again && *again == *d, "a parsed date prints as ISO and parses back to itself");
    }
    try {
        const Date d = session::parse_as_of(text);
        fuzz::require(parse_date(d.iso(), {"%Y-%m-%d"}).has_value(), "an --as-of date is a calendar day");
    } catch (const Error&) {
        // refused, with a message: what a bad --as-of should get
    }
    return 0;
}
