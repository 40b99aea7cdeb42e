#pragma once

#include "db/database.hpp"
#include "http/router.hpp"
#include "modules/accounts/organisations.hpp"
#include "web/site.hpp"

namespace accounts {

// /admin/organisations: find, create and edit organisations, add and remove their members.
void AddOrganisationRoutes(http::Router& router, const web::Site& site, OrganisationService& organisations,
                           db::Database& database);

}  // namespace accounts
