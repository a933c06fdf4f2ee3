#include "label_report.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

namespace parkcap::viewer {

std::string label_report_path(const std::string& png_path) {
    std::filesystem::path p(png_path);
    p.replace_extension(".labels.csv");
    return p.string();
}

namespace {
std::string csv_quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}
}  // namespace

bool write_label_report(const AppState& app, const std::string& png_path, std::string& error) {
    const std::string path = label_report_path(png_path);
    std::string text = "kind,id,x0,y0,x1,y1,leader,radius,text\n";
    for (const DrawnLabel& l : app.layout.labels)
        text += fmt::format("{},{},{:.2f},{:.2f},{:.2f},{:.2f},{},0,{}\n", l.kind, csv_quoted(l.id), l.box.x, l.box.y, l.box.z, l.box.w,
                            l.leader ? 1 : 0, csv_quoted(l.text));
    if (app.scene)
        for (const DrawnSymbol& s : app.layout.symbols) {
            const float r = s.diameter / 2;
            text += fmt::format("symbol,{},{:.2f},{:.2f},{:.2f},{:.2f},0,{:.2f},\n", csv_quoted(app.scene->city.parks[s.park].park_id),
                                s.centre.x - r, s.centre.y - r, s.centre.x + r, s.centre.y + r, r);
        }
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) {
        error = fmt::format("{}: cannot write the label report: {}", path, std::strerror(errno));
        return false;
    }
    const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    if (std::fclose(f) != 0 || !ok) {
        error = fmt::format("{}: cannot write the label report", path);
        return false;
    }
    return true;
}

}  // namespace parkcap::viewer
