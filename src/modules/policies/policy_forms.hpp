#pragma once
// The forms of the policy cascade: a document, an objective / measure / activity, carrying a plan over. Each comes
// back with what was typed and a message in the reader's language when the service refuses it.

#include "db/database.hpp"
#include "http/router.hpp"
#include "modules/policies/policies_service.hpp"
#include "web/site.hpp"

namespace policies {

void AddPolicyFormRoutes(http::Router& router, const web::Site& site, PoliciesService& policies,
                         db::Database& database);

}  // namespace policies
