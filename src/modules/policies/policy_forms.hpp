#pragma once
// The forms of the policy cascade: a document, an objective / measure / activity, carrying a plan over. Each comes
// back with what was typed and a message in the reader's language when the service refuses it.

#include "kernel/module.hpp"
#include "modules/places/places_service.hpp"
#include "modules/policies/policies_service.hpp"
#include "web/site.hpp"

namespace policies {

void AddPolicyFormRoutes(kernel::Routes& routes, const web::Site& site, PoliciesService& policies,
                         places::PlacesService& places);

}  // namespace policies
