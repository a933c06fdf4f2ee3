#pragma once
// The headless mode's report of what the city layer placed: every label's box
// and every park symbol, written next to the screenshot (OUT.png →
// OUT.labels.csv) so that a test can check that no two boxes overlap.
#include <string>

#include "app.hpp"

namespace parkcap::viewer {

/// OUT.labels.csv for OUT.png (the extension replaced, or appended when there is none).
std::string label_report_path(const std::string& png_path);

/// Writes the last frame's labels and symbols: kind,id,x0,y0,x1,y1,leader,radius,text
/// (screen pixels; a symbol's box is its bounding square and radius its radius).
/// False with a message naming the file on failure.
bool write_label_report(const AppState& app, const std::string& png_path, std::string& error);

}  // namespace parkcap::viewer
