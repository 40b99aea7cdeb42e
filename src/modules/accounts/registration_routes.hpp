#pragma once

#include "kernel/module.hpp"
#include "modules/accounts/accounts_service.hpp"
#include "modules/accounts/registrations.hpp"
#include "modules/places/places_service.hpp"
#include "web/app.hpp"
#include "web/site.hpp"

namespace accounts {

// /register (only when the installation allows it: AppOptions::allow_registration) and /admin/registrations, where
// administrators approve or reject the requests.
void AddRegistrationRoutes(kernel::Routes& routes, const web::Site& site, const web::App& app,
                           RegistrationService& registrations, AccountsService& accounts,
                           places::PlacesService& places);

}  // namespace accounts
