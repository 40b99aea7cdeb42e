#pragma once
// The policy cascade: from the EU framework and the national strategy down to municipal action plans, with links,
// progress rolled up, gaps, history, and plans imported and exported as CSV or XLSX.

#include "kernel/module.hpp"

namespace policies {

void Register(kernel::Module& module);

}  // namespace policies
