#include "frame_probe.hpp"

#include <imgui.h>

#include "gl.hpp"

namespace parkcap::viewer {

void FrameProbe::mark(FramePart part) {
    glFinish();
    const auto now = std::chrono::steady_clock::now();
    ms[static_cast<std::size_t>(part)] += std::chrono::duration<double, std::milli>(now - last).count();
    last = now;
}

void FrameProbe::move(FramePart from, FramePart to, double moved_ms) {
    ms[static_cast<std::size_t>(from)] -= moved_ms;
    ms[static_cast<std::size_t>(to)] += moved_ms;
}

void FrameProbe::reset() {
    ms.fill(0);
    last = std::chrono::steady_clock::now();
}

namespace {

void probe_callback(const ImDrawList*, const ImDrawCmd* cmd) {
    const auto* m = static_cast<const ProbeMark*>(cmd->UserCallbackData);
    m->probe->mark(m->ends);
}

}  // namespace

void add_probe_mark(ImDrawList* dl, FrameProbe& probe, FramePart part) {
    if (!probe.on) return;
    ProbeMark& m = probe.marks[static_cast<std::size_t>(part)];
    m = {&probe, part};
    dl->AddCallback(probe_callback, &m);
}

}  // namespace parkcap::viewer
