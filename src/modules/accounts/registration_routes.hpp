#pragma once

#include "db/database.hpp"
#include "http/router.hpp"
#include "modules/accounts/accounts_service.hpp"
#include "modules/accounts/registrations.hpp"
#include "web/app.hpp"
#include "web/site.hpp"

namespace accounts {

// /register (only when the installation allows it: AppOptions::allow_registration) and /admin/registrations, where
// administrators approve or reject the requests.
void AddRegistrationRoutes(http::Router& router, const web::Site& site, const web::App& app,
                           RegistrationService& registrations, AccountsService& accounts, db::Database& database);

}  // namespace accounts
