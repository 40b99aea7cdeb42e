#pragma once

#include "kernel/module.hpp"
#include "modules/accounts/accounts_service.hpp"
#include "modules/accounts/organisations.hpp"
#include "web/site.hpp"

namespace accounts {

// The administration of users and their roles: /admin/users and each user's page, where roles are granted and
// (after a confirmation) revoked. The permission table admits administrators only.
void AddAdminRoutes(kernel::Routes& routes, const web::Site& site, AccountsService& accounts,
                    OrganisationService& organisations);

}  // namespace accounts
