#pragma once

#include "kernel/module.hpp"
#include "modules/accounts/organisations.hpp"
#include "modules/places/places_service.hpp"
#include "web/site.hpp"

namespace accounts {

// /admin/organisations: find, create and edit organisations, add and remove their members.
void AddOrganisationRoutes(kernel::Routes& routes, const web::Site& site, OrganisationService& organisations,
                           places::PlacesService& places);

}  // namespace accounts
