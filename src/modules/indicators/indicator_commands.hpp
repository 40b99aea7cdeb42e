#pragma once
// `khetane import indicators FILE`, `khetane import values FILE` and `khetane export values`.

#include "kernel/module.hpp"

namespace indicators {

void AddIndicatorCommands(kernel::Module& module);

}  // namespace indicators
