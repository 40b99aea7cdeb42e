#pragma once
// Community monitoring: cycles, assessments with evidence, moderation, the authority's reply, discrepancies and the
// shadow report (issue "Community monitoring").

#include "kernel/module.hpp"

namespace monitoring {

void Register(kernel::Module& module);

}  // namespace monitoring
