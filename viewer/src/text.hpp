#pragma once
// The interface language. Every label is written at its use as a pair,
// tr("Layers", "图层"), so the two languages cannot drift apart; the Chinese side
// is also handed to the font module so its glyphs are in the atlas.
#include <string>
#include <string_view>

#include "modes.hpp"

namespace parkcap::viewer::text {

void set_language(Lang lang);
Lang language();
/// The text in the current language.
const char* tr(const char* en, const char* zh);
/// Chinese strings seen since the last call (for the font atlas), then forgotten.
std::string take_new_text();
/// Registers text that will be drawn (data such as park names) for the font atlas.
void note_text(std::string_view utf8);

/// 12,345.6 with thousands separators and `decimals` decimals.
std::string number(double value, int decimals = 0);
/// A ratio as a percentage with one decimal ("6.2%"); "–" for NaN.
std::string percent(double ratio);
/// An area in m² shown in 亩 ("1,234 亩" / "1,234 mu").
std::string area_mu(double area_m2, int decimals = 0);

}  // namespace parkcap::viewer::text
