#pragma once
// Where money comes from, as reference data: the list for everyone (JSON) and the page on which an administrator
// adds a source (/admin/funding-sources).

#include "kernel/module.hpp"
#include "modules/policies/policies_service.hpp"
#include "web/site.hpp"

namespace policies {

void AddFundingSourceRoutes(kernel::Routes& routes, const web::Site& site, PoliciesService& policies);

}  // namespace policies
