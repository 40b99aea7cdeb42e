#pragma once
// The home page.

#include "kernel/module.hpp"

namespace home {

void Register(kernel::Module& module);

}  // namespace home
