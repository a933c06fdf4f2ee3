#pragma once
// Industry codes of GB/T 4754-2017 (国民经济行业分类): a section letter and 2 to 4
// digits whose first two are one of that section's divisions (C3061: section C
// manufacturing, division 30).
#include <string_view>

namespace parkcap {

/// Whether `code` is a GB/T 4754-2017 section letter followed by a division of that
/// section and up to two more digits ("C30", "C306", "C3061"; not "C99", "X30", "3061").
bool is_industry_code(std::string_view code);

}  // namespace parkcap
