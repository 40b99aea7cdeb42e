#pragma once

#include "kernel/module.hpp"

namespace guides {

// Participation guides in Bulgarian and English (/guides), linked from where each mechanism is used.
void Register(kernel::Module& module);

}  // namespace guides
