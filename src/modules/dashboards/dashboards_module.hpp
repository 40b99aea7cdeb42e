#pragma once
// Dashboards, maps, scorecards and open data: what a visitor, a journalist or a minister's adviser sees first, and
// what researchers download. It draws what the other modules declare (kernel::PlaceMeasures, ScorecardParts,
// RecentChanges) and knows none of them.

#include "kernel/module.hpp"

namespace dashboards {

void Register(kernel::Module& module);

}  // namespace dashboards
