#pragma once
// Allies, coalitions and advocacy campaigns (issue 16).

#include "kernel/module.hpp"

namespace advocacy {

void Register(kernel::Module& module);

}  // namespace advocacy
