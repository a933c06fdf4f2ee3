#include "text.hpp"

#include <cmath>
#include <mutex>
#include <unordered_set>

#include <fmt/format.h>

#include "parkcap/core/units.hpp"

namespace parkcap::viewer::text {

namespace {
Lang g_lang = Lang::Zh;
std::mutex g_mutex;
std::unordered_set<const char*> g_seen;
std::string g_pending;
}  // namespace

void set_language(Lang lang) { g_lang = lang; }
Lang language() { return g_lang; }

const char* tr(const char* en, const char* zh) {
    if (g_lang == Lang::En) return en;
    std::lock_guard lock(g_mutex);
    if (g_seen.insert(zh).second) g_pending += zh;
    return zh;
}

void note_text(std::string_view utf8) {
    std::lock_guard lock(g_mutex);
    g_pending.append(utf8);
}

std::string take_new_text() {
    std::lock_guard lock(g_mutex);
    std::string out;
    out.swap(g_pending);
    return out;
}

std::string percent(double ratio) { return std::isnan(ratio) ? "–" : number(ratio * 100, 1) + "%"; }

std::string number(double value, int decimals) {
    if (std::isnan(value)) return "–";
    std::string s = fmt::format("{:.{}f}", std::fabs(value), decimals);
    const auto dot = s.find('.');
    std::string whole = s.substr(0, dot), frac = dot == std::string::npos ? "" : s.substr(dot);
    std::string grouped;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i && (whole.size() - i) % 3 == 0) grouped += ',';
        grouped += whole[i];
    }
    const bool negative = value < 0 && std::stod(s) != 0;
    return (negative ? "-" : "") + grouped + frac;
}

std::string area_mu(double area_m2, int decimals) {
    return number(units::m2_to_mu(area_m2), decimals) + (g_lang == Lang::Zh ? " 亩" : " mu");
}

}  // namespace parkcap::viewer::text
