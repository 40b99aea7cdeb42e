#pragma once
// The practice platform: good practices of municipalities in several countries (src/modules/practices/).

#include "kernel/module.hpp"

namespace practices {

void Register(kernel::Module& module);

}  // namespace practices
