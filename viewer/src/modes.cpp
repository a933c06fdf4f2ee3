#include "modes.hpp"

namespace parkcap::viewer {

std::optional<Lang> parse_lang(std::string_view s) {
    if (s == "zh" || s == "cn" || s == "zh-CN") return Lang::Zh;
    if (s == "en") return Lang::En;
    return std::nullopt;
}

std::optional<ColourBy> parse_colour_by(std::string_view s) {
    if (s == "status") return ColourBy::Status;
    if (s == "flag" || s == "audit") return ColourBy::Flag;
    if (s == "class" || s == "mujun") return ColourBy::MujunClass;
    if (s == "changes" || s == "change") return ColourBy::Changes;
    return std::nullopt;
}

std::optional<ScreenMode> parse_screen_mode(std::string_view s) {
    if (s == "edit") return ScreenMode::Edit;
    if (s == "map") return ScreenMode::Map;
    if (s == "briefing") return ScreenMode::Briefing;
    return std::nullopt;
}

const char* to_string(Lang l) { return l == Lang::Zh ? "zh" : "en"; }

const char* to_string(ColourBy c) {
    switch (c) {
    case ColourBy::Status: return "status";
    case ColourBy::Flag: return "flag";
    case ColourBy::MujunClass: return "class";
    case ColourBy::Changes: return "changes";
    }
    return "?";
}

const char* to_string(ScreenMode m) {
    switch (m) {
    case ScreenMode::Edit: return "edit";
    case ScreenMode::Map: return "map";
    case ScreenMode::Briefing: return "briefing";
    }
    return "?";
}

}  // namespace parkcap::viewer
