// Text decoding: the UTF-8 check and repair every output relies on, GBK decoding,
// and the CSV quoting and field-count scans. Repaired text is always valid UTF-8 and valid text is
// left alone; decoding never yields invalid UTF-8 once repaired.
#include <string>

#include "../../engine/src/io/detail/csv_quotes.hpp"
#include "fuzz_target.hpp"
#include "parkcap/core/error.hpp"
#include "parkcap/core/text.hpp"

using namespace parkcap;

PARKCAP_FUZZ_TARGET {
    const std::string_view text = fuzz::as_text(data, size);
    const bool valid = text::is_valid_utf8(text);
    const std::string repaired = text::repair_utf8(text);
    fuzz::require(text::is_valid_utf8(repaired), "repaired text is valid UTF-8");
    fuzz::require(!valid || repaired == text, "valid text is not changed by repair");
    for (std::size_t i = 0; i < text.size(); ++i) {
        const std::size_t len = text::utf8_sequence_length(text, i);
        fuzz::require(len <= 4 && i + len <= text.size(), "a sequence length stays inside the text");
    }
    try {
        const std::string decoded = text::to_utf8(text, "CP936");
        fuzz::require(text::is_valid_utf8(text::repair_utf8(decoded)), "decoded GBK repairs to valid UTF-8");
    } catch (const Error&) {
    }
    if (const auto found = io::detail::find_swallowed_lines(text))
        fuzz::require(found->first_line >= 1 && found->last_line >= found->first_line, "swallowed lines are a range");
    uint64_t previous = 0;
    for (const auto& r : io::detail::find_overlong_records(text)) {
        fuzz::require(r.record > previous && r.line >= r.record, "overlong records come in file order, each on its line");
        fuzz::require(r.fields > r.header_fields, "an overlong record holds more fields than the header");
        previous = r.record;
    }
    return 0;
}
