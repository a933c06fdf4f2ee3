#pragma once
// Scripted sessions (--script FILE): one command per line, run one per frame
// through the same functions the mouse and the panels call (editing.hpp), so a
// test of the script is a test of the clicks. Each command prints one line:
// "ok: ..." or "error: ...". Commands are listed in viewer/README.md.
#include <string>

#include "app.hpp"

struct GLFWwindow;

namespace parkcap::viewer {

/// Reads the file; false with a message when it cannot be read.
bool load_script(ScriptState& script, const std::string& path, std::string& error);

/// Runs the next command (call between frames once the scene is loaded).
/// Returns false when the script has finished.
bool step_script(AppState& app, GLFWwindow* window);

}  // namespace parkcap::viewer
