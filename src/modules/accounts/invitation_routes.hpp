#pragma once

#include "http/router.hpp"
#include "modules/accounts/invitations.hpp"
#include "web/app.hpp"
#include "web/site.hpp"

namespace accounts {

// /admin/invitations (an administrator invites someone; the page shows the link, since there is no mail server),
// /password-reset (ask for a link), and /invitations/{token}, /password-reset/{token} (choose a password).
void AddInvitationRoutes(http::Router& router, const web::Site& site, InvitationService& invitations,
                         const web::App& app);

}  // namespace accounts
