#pragma once
// What the policies module gives the dashboards: three figures for every municipality (kernel::PlaceMeasures), the
// plan by area on a municipality's scorecard (kernel::ScorecardParts), and the plans changed lately
// (kernel::RecentChanges).

#include "kernel/data_version.hpp"
#include "kernel/place_measures.hpp"
#include "kernel/recent_changes.hpp"
#include "kernel/scorecard_parts.hpp"
#include "modules/policies/policies_service.hpp"
#include "web/site.hpp"

namespace policies {

void DeclarePlanMeasures(kernel::PlaceMeasures& measures, PoliciesService& policies, kernel::DataVersion& version);
kernel::ScorecardSource PlanByArea(const web::Site& site, PoliciesService& policies);
kernel::RecentChangeSource PlansChanged(const web::Site& site, PoliciesService& policies);

}  // namespace policies
