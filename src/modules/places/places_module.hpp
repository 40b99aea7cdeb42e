#pragma once
// Bulgaria's oblasts, municipalities and settlements (NSI EKATTE) with their population and boundaries.

#include "kernel/module.hpp"

namespace places {

void Register(kernel::Module& module);

}  // namespace places
