#pragma once
// Indicators, targets and observations: official and civic figures side by side (docs/methodology.md).

#include "kernel/module.hpp"

namespace indicators {

void Register(kernel::Module& module);

}  // namespace indicators
