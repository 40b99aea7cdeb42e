#pragma once
// What the home page shows an official, a CSO editor or a coordinator of a municipality: the municipality's plans, each
// with its progress and what in it needs them (activities that have not reported, measures that implement nothing
// above, deadlines in the next 60 days), each item one click away.

#include "kernel/home.hpp"
#include "kernel/place_sections.hpp"
#include "modules/accounts/organisations.hpp"
#include "modules/policies/policies_service.hpp"
#include "web/site.hpp"

namespace policies {

kernel::HomeSectionSource PlansNeedingYou(const web::Site& site, PoliciesService& policies,
                                          places::PlacesService& places, accounts::OrganisationService& organisations);

// What a municipality's page shows of its plans: each with its status, progress and planned budget, and the way to
// the municipality's gaps, each one click away.
kernel::PlaceSectionSource PlansOfThePlace(const web::Site& site, PoliciesService& policies);

}  // namespace policies
