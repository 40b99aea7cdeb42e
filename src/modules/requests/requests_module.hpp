#pragma once

#include "kernel/module.hpp"

namespace requests {

// The legal clock (deadline rules and non-working days as data), and later information requests, proposals and
// signals timed by it.
void Register(kernel::Module& module);

}  // namespace requests
