#pragma once
// `khetane import plan` and `khetane export plan`: a document's objectives, measures and activities to and from CSV
// or XLSX files (docs/formats/action-plan.md), acting as the installation's administrator.

#include "kernel/module.hpp"

namespace policies {

void AddPlanCommands(kernel::Module& module);

}  // namespace policies
