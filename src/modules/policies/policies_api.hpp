#pragma once
// The write side of /api/v1/policies/…: documents, items, links, withdrawing and restoring as JSON, for programs
// holding an API token (Authorization: Bearer …) or a browser session with its X-CSRF-Token header. The same use cases
// as the forms (PoliciesService), refused with the same messages; what is sent has the names of what the read API
// shows (policies_json.hpp).

#include "kernel/module.hpp"
#include "modules/policies/policies_service.hpp"
#include "web/site.hpp"

namespace policies {

void AddPolicyApiRoutes(kernel::Routes& routes, const web::Site& site, PoliciesService& policies);

}  // namespace policies
