#pragma once
// OpenGL 3.3 core declarations for the viewer's own GL calls. Linux's libGL
// exports every core entry point, so no loader is needed here (the ImGui
// OpenGL3 backend carries its own small loader for its calls).
#define GL_GLEXT_PROTOTYPES 1
#include <GL/glcorearb.h>
