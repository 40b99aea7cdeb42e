#pragma once
// The modules of Khetane, in the order they are provided, seeded and routed: a module may use the services of those
// listed before it. Adding a module is one line here (docs/DEVELOPING.md, "Adding a module").

#include <vector>

#include "kernel/module.hpp"

namespace application {

// Every module, registered and checked: throws std::logic_error on a module without a name, or with a name, audit
// action or command that another module has too.
const std::vector<kernel::Module>& Modules();

}  // namespace application
